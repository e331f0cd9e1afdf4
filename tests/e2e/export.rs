//! `kg export dot`: golden DOT files of every view on a small fixture, every view of the
//! real graph-data rendered by Graphviz with no error and no warning and within the size
//! budget, the gallery of docs/gallery/ up to date, byte-identical output across runs, the
//! cut note (also on a synthetic dataset of 10,000 models), `--render`, `-o`, and the errors.
//!
//! Set UPDATE_GOLDEN=1 to rewrite the golden files from today's output (then read the diff);
//! set KG_BLESS=1 to redraw the gallery's SVGs.

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
    let market = export(&["--view", "market", "--root", "world", "--data", &data]);
    // The two 2025 forecasts disagree: both drawn, both red, both dashed as forecasts, each
    // naming its line.
    for (id, line) in [
        ("world/market_size/2025@5", "fixture-note:5"),
        ("world/market_size/2025@6", "fixture-note:6"),
    ] {
        let node = market
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\" [")))
            .unwrap_or_else(|| panic!("{id} is drawn"));
        assert!(node.contains("[forecast]"), "{node}");
        assert!(node.contains(line), "{node}");
        assert!(
            node.contains("[conflicting]") && node.contains("#d62728"),
            "{node}"
        );
        assert!(node.contains("dashed"), "{node}");
    }
    assert!(market.contains("\"legend:status:forecast\""));
    assert!(market.contains("\"legend:conflict\""));
    // A figure names its document, line and primary source.
    assert!(market.contains("56.17亿美元 (2024)\\nfixture-note:4 → MarketGrowthReports"));
    // The speculated CAGR is dotted.
    let cagr = market
        .lines()
        .find(|l| l.contains("\"world/cagr/2025..2030@7\" ["))
        .expect("the CAGR is drawn");
    assert!(
        cagr.contains("dotted") && cagr.contains("[speculated]"),
        "{cagr}"
    );
    // Shares on the edges, with the estimate dashed; the same share stated on two lines is
    // one edge naming both; a rank and a share of one holder at one time are one edge.
    let whole = export(&["--view", "market", "--data", &data]);
    assert!(whole.contains("\"acme-cloud\" -> \"world-enterprise\" [label=\"share 约20% (2024)\\nfixture-note:12, 14 → IDC\\n[estimate]\", style=\"dashed\""), "{whole}");
    assert_eq!(
        whole
            .matches("\"acme-cloud\" -> \"world-enterprise\"")
            .count(),
        1
    );
    assert!(
        whole.contains(
            "\"acme\" -> \"world\" [label=\"rank 1 · share 17.7% (2024)\\nfixture-note:11 → IDC\""
        ),
        "{whole}"
    );
    // The whole view groups a market's figures into one table, by kind then year.
    let table = whole
        .lines()
        .find(|l| l.contains("\"figures:world\" ["))
        .expect("the table of the world market is drawn");
    let at = |s: &str| table.find(s).unwrap_or_else(|| panic!("{s} in {table}"));
    assert!(at("— cagr —") < at("— market_size —"));
    assert!(at("56.17亿美元 (2024)") < at("73.58亿美元 (2025)"));

    // The name full of DOT's special characters survives to the SVG as written.
    let svg = render_svg(&export(&["--view", "funding", "--data", &data]), "funding");
    assert!(
        svg.contains("Acme &quot;AI&quot; {Labs} &lt;1&gt; | a\\b &amp; c"),
        "{svg}"
    );

    // Provenance: claim, the citations of its section (quotes as tooltip), document,
    // primary source.
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
            "\"section:fixture-note#2\" [label=\"fixture-note\\n研究笔记 \\> 市场\\nline 4\""
        ),
        "{provenance}"
    );
    assert!(provenance
        .contains("tooltip=\"line 4: **2024年市场规模**: 56.17亿美元（MarketGrowthReports）\""));
    assert!(provenance.contains(
        "\"section:fixture-note#2\" -> \"mgr\" [label=\"primary source\\nfixture-note:4\""
    ));
    assert!(provenance.contains("\"section:fixture-note#2\" -> \"fixture-note\" [label=\"in\""));
    // Two claims of one section share its node, which lists both lines.
    let section = export(&[
        "--view",
        "provenance",
        "--root",
        "world/market_size/2025@5",
        "--data",
        &data,
    ]);
    assert!(section.contains("lines 5, 6"), "{section}");

    // Lineage: one lane per year and an undated lane, the editorial derivation marked.
    let lineage = export(&["--view", "lineage", "--data", &data]);
    assert!(lineage.contains("\"rank:0000 undated\" -> \"rank:2023\""));
    assert!(lineage.contains("\"rank:2023\" -> \"rank:2024\""));
    assert!(!lineage.contains("\"rank:2024-07"), "{lineage}");
    assert!(lineage.contains(
        "\"rocket-2-chat\" -> \"rocket-2-q4\" [label=\"quantized\\n[editorial]\", style=\"dashed\""
    ));
    assert!(lineage.contains("\"rocket-1\" -> \"rocket-2\" [label=\"successor\""));
    // An organization root is drawn, with its families and unfamilied models.
    let org = export(&["--view", "lineage", "--root", "acme", "--data", &data]);
    assert!(org.contains("\"acme\" ["), "{org}");
    assert!(org.contains("\"acme\" -> "), "{org}");
}

/// The legend of a DOT: its relation colours (font colours of its relation entries) and the
/// colours of its status and conflict entries.
fn legend_colours(dot: &str) -> (Vec<String>, Vec<String>) {
    let colour = |line: &str, attr: &str| {
        line.split(&format!(" {attr}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_string)
    };
    let relations = dot
        .lines()
        .filter(|l| l.contains("\"legend:relation:"))
        .filter(|l| l.contains(" ["))
        .filter_map(|l| colour(l, "fontcolor"))
        .collect();
    let others = dot
        .lines()
        .filter(|l| l.contains("\"legend:status:") || l.contains("\"legend:conflict\""))
        .filter(|l| l.contains(" ["))
        .filter_map(|l| colour(l, "color"))
        .collect();
    (relations, others)
}

/// Every line colour drawn has a legend entry, and every legend entry of a relation is
/// drawn.
fn assert_legend_matches(dot: &str, what: &str) {
    let (relations, others) = legend_colours(dot);
    let drawn: Vec<String> = dot
        .lines()
        .filter(|l| l.contains(" -> ") && !l.contains("invis") && !l.contains("\"rank:"))
        .filter(|l| !l.contains("\"legend:"))
        .filter_map(|l| {
            l.split(" color=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .map(str::to_string)
        })
        .collect();
    for colour in &drawn {
        assert!(
            relations.contains(colour) || others.contains(colour),
            "{what}: a line of colour {colour} has no legend entry"
        );
    }
    for colour in &relations {
        assert!(
            drawn.contains(colour),
            "{what}: the legend names a relation of colour {colour} that is not drawn"
        );
    }
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
    assert!(
        out.stdout
            .contains("(4 of 11 nodes shown, cut to --max-nodes by importance; left out: "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\"legend:cut\""));
    assert!(
        out.stderr.contains("cut at --max-nodes: 4 of "),
        "{}",
        out.stderr
    );
    let whole = export(&["--view", "ecosystem", "--data", &small()]);
    assert!(!whole.contains("cut"), "{whole}");
    // --full draws everything, even past --max-nodes' budget of a view.
    let full = export(&["--view", "ecosystem", "--full", "--data", &small()]);
    assert_eq!(full, whole);
}

/// Every view of the real graph-data, whole and rooted, as docs/diagrams.md shows them: the
/// gallery's file name (under docs/gallery/, `.svg`) and the arguments of `kg export dot`.
const GALLERY: &[(&str, &[&str])] = &[
    ("lineage", &["--view", "lineage"]),
    ("lineage-llama", &["--view", "lineage", "--root", "llama"]),
    (
        "lineage-qwen-down-2",
        &[
            "--view", "lineage", "--root", "qwen", "--down", "--depth", "2",
        ],
    ),
    (
        "lineage-alibaba",
        &["--view", "lineage", "--root", "alibaba"],
    ),
    ("ecosystem", &["--view", "ecosystem"]),
    (
        "ecosystem-anthropic",
        &["--view", "ecosystem", "--root", "anthropic"],
    ),
    ("funding", &["--view", "funding"]),
    (
        "funding-baichuan",
        &["--view", "funding", "--root", "baichuan"],
    ),
    (
        "provenance-global-llm",
        &["--view", "provenance", "--root", "global-llm"],
    ),
    (
        "provenance-global-llm-market-size-2025",
        &[
            "--view",
            "provenance",
            "--root",
            "global-llm/market_size/2025@7",
        ],
    ),
    (
        "provenance-note",
        &["--view", "provenance", "--root", "note"],
    ),
    ("market", &["--view", "market"]),
    (
        "market-global-llm",
        &["--view", "market", "--root", "global-llm"],
    ),
];

/// The size budget of a rendered view: both sides at most this many pixels at 96 dpi.
const BUDGET_PX: f64 = 4000.0;

/// The width and height of an SVG Graphviz drew, in pixels at 96 dpi (Graphviz writes
/// points, 72 to the inch).
fn svg_size_px(svg: &str) -> (f64, f64) {
    let tag = svg
        .split("<svg ")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .expect("an <svg> element");
    let attr = |name: &str| -> f64 {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|rest| rest.split("pt\"").next())
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no {name} in points in <svg {tag}>"))
    };
    (attr("width") * 96.0 / 72.0, attr("height") * 96.0 / 72.0)
}

#[test]
fn every_view_of_the_real_data_renders_cleanly_within_budget_and_identically() {
    for (name, args) in GALLERY {
        let first = export(args);
        let second = export(args);
        assert!(first == second, "two runs of {args:?} differ");
        assert!(first.contains("\"legend:"), "{args:?} has no legend");
        assert_legend_matches(&first, name);
        let svg = render_svg(&first, &format!("{args:?}"));
        let (width, height) = svg_size_px(&svg);
        assert!(
            width <= BUDGET_PX && height <= BUDGET_PX,
            "{name}: {width:.0}×{height:.0} px is over the budget of {BUDGET_PX} px a side"
        );
    }
}

/// The gallery's SVGs are what today's DOT renders to. Set KG_BLESS=1 to redraw them.
#[test]
fn the_gallery_is_up_to_date() {
    let bless = std::env::var_os("KG_BLESS").is_some_and(|v| v == "1");
    let folder = root().join("docs/gallery");
    let page = std::fs::read_to_string(root().join("docs/diagrams.md"))
        .expect("docs/diagrams.md shows the gallery");
    let mut stale = Vec::new();
    for (name, args) in GALLERY {
        let svg = render_svg(&export(args), name);
        let path = folder.join(format!("{name}.svg"));
        let command = format!("kg export dot {}", args.join(" "));
        assert!(
            page.contains(&format!("(gallery/{name}.svg)")) && page.contains(&command),
            "docs/diagrams.md does not show gallery/{name}.svg with `{command}`"
        );
        if bless {
            std::fs::create_dir_all(&folder).expect("docs/gallery can be made");
            std::fs::write(&path, &svg).expect("the gallery's SVG can be written");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(committed) if committed == svg => {}
            Ok(_) => stale.push(format!("{name}: {} is stale", path.display())),
            Err(e) => stale.push(format!("{name}: cannot read {}: {e}", path.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "the gallery differs from today's diagrams; redraw it with \
         `KG_BLESS=1 cargo test -p kg-tests --test e2e the_gallery` and review the SVGs:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_real_views_show_what_the_data_says() {
    // Every organization is in the ecosystem, OpenAI too (no model has it as developer).
    let ecosystem = export(&["--view", "ecosystem"]);
    assert!(ecosystem.contains("\"openai\" ["), "OpenAI is missing");
    assert!(
        ecosystem.contains("\"meta\" -> \"llama\""),
        "no organization → model edge"
    );
    // The data has no investor: the funding view says so rather than promising them.
    let funding = export(&["--view", "funding"]);
    assert!(funding.contains("(no investors recorded in the data)"));
    assert!(!funding.contains("\"legend:kind:investor\""));
    // The derivative count the note states for Qwen is a badge, with its lines.
    let qwen = export(&["--view", "lineage", "--root", "qwen"]);
    let badge = qwen
        .lines()
        .find(|l| l.contains("\"badge:qwen\" ["))
        .expect("Qwen's derivative count is drawn");
    assert!(
        badge.contains("超14万") && badge.contains("note:"),
        "{badge}"
    );
    // The whole lineage: lanes are years or undated, never a month beside its year.
    let lineage = export(&["--view", "lineage"]);
    let lanes: Vec<&str> = lineage
        .lines()
        .filter(|l| l.trim_start().starts_with("\"rank:") && l.contains(" [label="))
        .collect();
    assert!(lanes.len() >= 3, "{lanes:#?}");
    for lane in lanes {
        let label = lane
            .split("label=\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        let ok =
            label.is_some_and(|l| l == "undated" || (l.len() == 4 && l.parse::<u32>().is_ok()));
        assert!(ok, "a lane that is not a year: {lane}");
    }
    assert!(lineage.contains("models and families with no lineage relation in the data"));
    // A figure of a market names its line and its primary source.
    let market = export(&["--view", "market", "--root", "global-llm"]);
    assert!(market.contains("note:8 → The Business Research Company"));
    // The same share stated on two lines of the note is one edge naming both.
    let whole = export(&["--view", "market"]);
    assert!(whole.contains("note:98, 369"), "no merged edge");
}

#[test]
fn help_names_each_views_roots_and_defaults() {
    let out = kg(&["export", "dot", "--help"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for (view, roots) in [
        ("lineage", "a model, a family or an organization"),
        ("ecosystem", "an organization"),
        ("funding", "an organization or a funding round"),
        ("provenance", "a claim, an entity or a source"),
        ("market", "a market"),
    ] {
        assert!(
            out.stdout
                .contains(&format!("{view}: --root takes {roots}.")),
            "{view} in {}",
            out.stdout
        );
    }
    assert!(out.stdout.contains("--full"), "{}", out.stdout);
    assert!(
        out.stdout.matches("Defaults: ").count() >= 5,
        "{}",
        out.stdout
    );
}

/// A synthetic dataset of 10,000 models, written once under target/.
fn synthetic_10k() -> String {
    let folder = root().join("target/kg-synthetic-10k");
    if !folder.join("done").exists() {
        for file in kg_core::synthetic::generate(10_000) {
            let path = folder.join(&file.path);
            std::fs::create_dir_all(path.parent().expect("a file has a folder"))
                .expect("target/ is writable");
            std::fs::write(&path, &file.text).expect("target/ is writable");
        }
        std::fs::write(folder.join("done"), "").expect("target/ is writable");
    }
    folder.display().to_string()
}

#[test]
fn views_of_ten_thousand_models_are_cut_to_the_budget_with_a_note() {
    let data = synthetic_10k();
    for view in ["lineage", "ecosystem"] {
        let out = kg(&["export", "dot", "--view", view, "--data", &data]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout
                .contains("cut to the view's size budget by importance")
                && out.stdout.contains("left out: ")
                && out.stdout.contains("--full or --max-nodes N shows more"),
            "{view}: no note of what was left out"
        );
        assert!(
            out.stderr.contains("cut to its size budget"),
            "{}",
            out.stderr
        );
        let svg = render_svg(&out.stdout, view);
        let (width, height) = svg_size_px(&svg);
        assert!(
            width <= BUDGET_PX && height <= BUDGET_PX,
            "{view} of 10,000 models: {width:.0}×{height:.0} px is over the budget"
        );
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
