//! `kg export dot`: golden DOT files of every view on a small fixture, every view of the
//! real graph-data rendered by Graphviz with no error and no warning, byte-identical
//! output across runs, the cut note, `--render`, `-o`, and the errors.
//!
//! Set UPDATE_GOLDEN=1 to rewrite the golden files from today's output (then read the diff).

use kg_tests::{fixtures, kg, root};
use std::io::Write;
use std::process::{Command, Stdio};

/// The fixture every golden is drawn from.
fn small() -> String {
    fixtures().join("dot/small").display().to_string()
}

/// Renders DOT with Graphviz's `dot -Tsvg` and returns the SVG; fails the test when `dot`
/// exits non-zero or says anything on stderr. Fails loudly when Graphviz is missing.
fn render_svg(dot: &str, what: &str) -> String {
    let mut child = match Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => panic!(
            "cannot run Graphviz's `dot` ({e}): the export tests render every view with it. \
             Install it: `apt-get install graphviz fonts-noto-cjk` (CI does)."
        ),
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("dot runs to the end");
    feeder
        .join()
        .expect("the feeder thread ends")
        .expect("dot reads all its input");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dot failed on {what}: {stderr}");
    assert!(stderr.is_empty(), "dot warned on {what}: {stderr}");
    String::from_utf8(output.stdout).expect("dot writes UTF-8 SVG")
}

/// Runs `kg export dot` with `args`, expecting success, and returns the DOT.
fn export(args: &[&str]) -> String {
    let mut argv = vec!["export", "dot"];
    argv.extend_from_slice(args);
    let out = kg(&argv);
    assert_eq!(out.code, 0, "kg {argv:?} failed: {}", out.stderr);
    out.stdout
}

/// The golden cases: a name and the arguments (the fixture's --data is added).
const GOLDEN: &[(&str, &[&str])] = &[
    ("lineage", &["--view", "lineage"]),
    (
        "lineage-rocket-2-up",
        &["--view", "lineage", "--root", "rocket-2", "--up"],
    ),
    (
        "lineage-rocket-1-down-1",
        &[
            "--view", "lineage", "--root", "rocket-1", "--down", "--depth", "1",
        ],
    ),
    (
        "lineage-acme-cloud",
        &["--view", "lineage", "--root", "acme-cloud"],
    ),
    ("ecosystem", &["--view", "ecosystem"]),
    (
        "ecosystem-fund",
        &["--view", "ecosystem", "--root", "fund", "--depth", "1"],
    ),
    (
        "ecosystem-cut",
        &["--view", "ecosystem", "--max-nodes", "4"],
    ),
    ("funding", &["--view", "funding"]),
    ("funding-acme", &["--view", "funding", "--root", "acme"]),
    (
        "provenance-claim",
        &["--view", "provenance", "--root", "world/market_size/2025@5"],
    ),
    (
        "provenance-world",
        &["--view", "provenance", "--root", "world"],
    ),
    (
        "provenance-source",
        &[
            "--view",
            "provenance",
            "--root",
            "fixture-note",
            "--max-nodes",
            "12",
        ],
    ),
    (
        "provenance-primary",
        &["--view", "provenance", "--root", "mgr"],
    ),
    ("market", &["--view", "market"]),
    (
        "market-enterprise",
        &["--view", "market", "--root", "world-enterprise"],
    ),
];

#[test]
fn goldens() {
    let data = small();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let folder = fixtures().join("dot/golden");
    let mut failures = Vec::new();
    for (name, args) in GOLDEN {
        let mut argv = args.to_vec();
        argv.extend(["--data", data.as_str()]);
        let got = export(&argv);
        render_svg(&got, name);
        let path = folder.join(format!("{name}.dot"));
        if update {
            std::fs::create_dir_all(&folder).expect("the golden folder can be made");
            std::fs::write(&path, &got).expect("the golden file can be written");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(_) => failures.push(format!("{name}: differs from {}", path.display())),
            Err(e) => failures.push(format!("{name}: cannot read {}: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (rerun with UPDATE_GOLDEN=1 and review the diff):\n{}",
        failures.join("\n")
    );
}

#[test]
fn goldens_show_what_matters() {
    let data = small();
    let market = export(&["--view", "market", "--data", &data]);
    // The two 2025 forecasts disagree: both drawn, both red, both dashed as forecasts.
    for id in ["world/market_size/2025@5", "world/market_size/2025@6"] {
        let line = market
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\" [")))
            .unwrap_or_else(|| panic!("{id} is drawn"));
        assert!(line.contains("[forecast]"), "{line}");
        assert!(
            line.contains("[conflicting]") && line.contains("#d62728"),
            "{line}"
        );
        assert!(line.contains("dashed"), "{line}");
    }
    assert!(market.contains("\"legend:status:forecast\""));
    assert!(market.contains("\"legend:conflict\""));
    // The speculated CAGR is dotted.
    let cagr = market
        .lines()
        .find(|l| l.contains("\"world/cagr/2025..2030@7\" ["))
        .expect("the CAGR is drawn");
    assert!(
        cagr.contains("dotted") && cagr.contains("[speculated]"),
        "{cagr}"
    );
    // Shares on the edges, with the estimate dashed.
    assert!(market.contains("\"acme-cloud\" -> \"world-enterprise\" [label=\"share 约20% (2024)\\n[estimate]\", style=\"dashed\""));

    // The name full of DOT's special characters survives to the SVG as written.
    let svg = render_svg(&export(&["--view", "funding", "--data", &data]), "funding");
    assert!(
        svg.contains("Acme &quot;AI&quot; {Labs} &lt;1&gt; | a\\b &amp; c"),
        "{svg}"
    );

    // Provenance: claim, citation (quote as tooltip), document, primary source.
    let provenance = export(&[
        "--view",
        "provenance",
        "--root",
        "world/market_size/2024@4",
        "--data",
        &data,
    ]);
    assert!(
        provenance.contains(
            "\"cite:world/market_size/2024@4#0\" [label=\"fixture-note line 4\\n研究笔记 \\> 市场\""
        ),
        "{provenance}"
    );
    assert!(
        provenance.contains("tooltip=\"**2024年市场规模**: 56.17亿美元（MarketGrowthReports）\"")
    );
    assert!(provenance
        .contains("\"cite:world/market_size/2024@4#0\" -> \"mgr\" [label=\"primary source\""));
    assert!(provenance
        .contains("\"cite:world/market_size/2024@4#0\" -> \"fixture-note\" [label=\"in\""));

    // Lineage: laid out along release dates, the editorial derivation marked.
    let lineage = export(&["--view", "lineage", "--data", &data]);
    assert!(lineage.contains("\"rank:2023-01-01 2023\" -> \"rank:2024-07-01 2024-07\""));
    assert!(lineage.contains(
        "\"rocket-2-chat\" -> \"rocket-2-q4\" [label=\"quantized\\n[editorial]\", style=\"dashed\""
    ));
    assert!(lineage.contains("\"rocket-1\" -> \"rocket-2\" [label=\"successor\""));
}

#[test]
fn cut_views_say_so() {
    let out = kg(&[
        "export",
        "dot",
        "--view",
        "ecosystem",
        "--max-nodes",
        "4",
        "--data",
        &small(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("(cut: 4 of "), "{}", out.stdout);
    assert!(out.stdout.contains("\"legend:cut\""));
    assert!(
        out.stderr.contains("cut at --max-nodes: 4 of "),
        "{}",
        out.stderr
    );
    let whole = export(&["--view", "ecosystem", "--data", &small()]);
    assert!(!whole.contains("cut"), "{whole}");
}

/// Every view of the real graph-data, as the README and docs/ draw them.
const REAL: &[&[&str]] = &[
    &["--view", "lineage"],
    &["--view", "lineage", "--root", "llama"],
    &[
        "--view", "lineage", "--root", "qwen", "--down", "--depth", "2",
    ],
    &["--view", "ecosystem"],
    &["--view", "ecosystem", "--root", "anthropic"],
    &["--view", "funding"],
    &["--view", "provenance", "--root", "global-llm"],
    &[
        "--view",
        "provenance",
        "--root",
        "global-llm/market_size/2025@7",
    ],
    &[
        "--view",
        "provenance",
        "--root",
        "note",
        "--max-nodes",
        "150",
    ],
    &["--view", "market"],
    &["--view", "market", "--root", "global-llm"],
];

#[test]
fn every_view_of_the_real_data_renders_cleanly_and_identically() {
    for args in REAL {
        let first = export(args);
        let second = export(args);
        assert!(first == second, "two runs of {args:?} differ");
        assert!(first.contains("\"legend:"), "{args:?} has no legend");
        render_svg(&first, &format!("{args:?}"));
    }
}

#[test]
fn the_real_lineage_of_llama_follows_the_table() {
    let dot = export(&["--view", "lineage", "--root", "llama"]);
    for (from, to) in [
        ("llama-3", "llama-3.1"),
        ("llama-3.3", "llama-4"),
        ("llama-3.1", "llama-3.1-405b"),
    ] {
        assert!(
            dot.contains(&format!("\"{from}\" -> \"{to}\"")),
            "{from} -> {to} missing"
        );
    }
    // The real conflicting 2025 market forecasts are marked in the market view.
    let market = export(&["--view", "market", "--root", "global-llm"]);
    assert!(
        market.contains("\"global-llm/market_size/2025@7\" [") && market.contains("[conflicting]")
    );
}

#[test]
fn errors_exit_2_and_say_why() {
    let out = kg(&["export", "dot", "--view", "lineage", "--root", "lama-3"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("`lama-3` does not exist; did you mean"),
        "{}",
        out.stderr
    );
    let out = kg(&["export", "dot", "--view", "market", "--root", "meta"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("cannot centre on `meta`, a organization: it takes a market"),
        "{}",
        out.stderr
    );
    let out = kg(&["export", "dot", "--view", "provenance"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("needs --root"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn render_runs_graphviz_or_says_what_to_install() {
    let out = kg(&[
        "export",
        "dot",
        "--view",
        "funding",
        "--render",
        "svg",
        "--dot-bin",
        "/nonexistent/dot",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("Graphviz is not installed"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("apt-get install graphviz"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    let out = kg(&["export", "dot", "--view", "funding", "--render", "svg"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("<svg"), "{}", out.stdout);
    assert!(out.stdout.contains("百川智能"));
}

/// Chinese labels in PNG need a CJK font that fontconfig finds (Debian's fonts-noto-cjk,
/// which ./run-tests installs): without one Graphviz draws empty boxes and says nothing.
#[test]
fn png_renders_with_a_cjk_font() {
    let fonts = std::process::Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .expect("fc-list comes with Graphviz's fontconfig; run ./run-tests to install it");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        !fonts.trim().is_empty(),
        "no font covers Chinese: install fonts-noto-cjk (./run-tests does)"
    );
    let dir = std::env::temp_dir().join(format!("kg-png-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    let png = dir.join("funding.png");
    let png_text = png.to_str().expect("UTF-8 temp path");
    let out = kg(&[
        "export", "dot", "--view", "funding", "--root", "baichuan", "--render", "png", "-o",
        png_text,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let bytes = std::fs::read(&png).expect("the PNG was written");
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    assert!(
        bytes.len() > 10_000,
        "a {} byte PNG is too small to hold the view",
        bytes.len()
    );
    std::fs::remove_dir_all(&dir).expect("temp dir is removable");
}

#[test]
fn output_file_is_written_whole() {
    let folder = root().join("target/kg-export-test");
    std::fs::create_dir_all(&folder).expect("the test folder can be made");
    let path = folder.join("funding.dot");
    let _ = std::fs::remove_file(&path);
    let out = kg(&[
        "export",
        "dot",
        "--view",
        "funding",
        "-o",
        &path.display().to_string(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).expect("the file is there");
    assert_eq!(written, export(&["--view", "funding"]));
    let leftovers: Vec<_> = std::fs::read_dir(&folder)
        .expect("the folder lists")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    // A folder that does not exist: an error, and nothing written.
    let missing = folder.join("no/such/folder/x.dot");
    let out = kg(&[
        "export",
        "dot",
        "--view",
        "funding",
        "-o",
        &missing.display().to_string(),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("cannot write"), "{}", out.stderr);
}
