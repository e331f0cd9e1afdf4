//! `kg import`: the hand-written fixtures (one per kind of dirt, under
//! tests/fixtures/import/FORMAT/CASE) report what their `expected.txt` says and import the
//! rest; the samples of ../shared/samples/ import, check, and answer queries with facts
//! cited to their lines; a dataset combined with graph-data links the samples' models to
//! graph-data's where the names agree.

use kg_tests::{fixtures, kg, root, Output};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A fresh folder under Cargo's temporary folder for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("import-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The samples folder, or `None` (said plainly) when it is missing; under CI it must exist.
fn samples() -> Option<PathBuf> {
    let dir = root().join("../shared/samples");
    if dir.join("README.md").is_file() {
        return Some(dir);
    }
    let message = format!(
        "the samples of public datasets are missing at {}: the sample import tests cannot run",
        dir.display()
    );
    assert!(
        std::env::var_os("CI").is_none_or(|v| v != "true"),
        "{message}"
    );
    eprintln!("SKIPPED: {message}");
    None
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            output.stdout, output.stderr
        )
    })
}

/// Imports and asserts success; returns the `--json` summary.
fn import(format: &str, inputs: &[&Path], out: &Path, into: Option<&Path>) -> Value {
    let mut args = vec!["import", format];
    args.extend(inputs.iter().map(|p| path(p)));
    args.extend(["--out", path(out), "--json"]);
    if let Some(data) = into {
        args.extend(["--into", path(data)]);
    }
    let output = kg(&args);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    json(&output)
}

/// `kg --data DIR check` has no errors.
fn checks_clean(dir: &Path) {
    let output = kg(&["--data", path(dir), "check", "--json"]);
    let report = json(&output);
    assert_eq!(
        report["errors"].as_array().map(Vec::len),
        Some(0),
        "{}",
        output.stdout
    );
    assert_eq!(output.code, 0);
}

/// The summary's dirt in the words of the fixtures' `expected.txt`.
fn dirt(summary: &Value) -> Vec<String> {
    let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let mut lines = Vec::new();
    for u in summary["unresolved"].as_array().into_iter().flatten() {
        let at: Vec<String> = u["references"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| name(r.as_str().unwrap_or("")))
            .collect();
        let mut line = format!("unresolved {} at {}", u["name"], at.join(", "));
        let suggestions: Vec<String> = u["suggestions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| s.to_string())
            .collect();
        if !suggestions.is_empty() {
            line += &format!(", did you mean {}", suggestions.join(", "));
        }
        lines.push(line);
    }
    for d in summary["duplicates"].as_array().into_iter().flatten() {
        let n = d["ids"].as_array().map_or(0, Vec::len);
        lines.push(format!("duplicate {} for {n} entities", d["name"]));
    }
    for p in summary["problems"].as_array().into_iter().flatten() {
        lines.push(format!(
            "{} at {}:{}:{}",
            p["code"].as_str().unwrap_or(""),
            name(p["file"].as_str().unwrap_or("")),
            p["line"],
            p["column"]
        ));
    }
    lines
}

#[test]
fn every_kind_of_dirt_is_reported_and_the_rest_imported() {
    let base = fixtures().join("import");
    let mut cases = 0;
    for format in ["ecosystem-graphs", "hf-hub", "epoch", "edges"] {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(base.join(format))
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .collect();
        dirs.sort();
        for dir in dirs {
            let case = format!(
                "{format}/{}",
                dir.file_name().expect("a case folder").to_string_lossy()
            );
            let inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
                .expect("case folder")
                .map(|e| e.expect("entry").path())
                .filter(|p| !p.ends_with("expected.txt"))
                .collect();
            let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
            let out = scratch(&case.replace('/', "-"));
            let summary = import(format, &inputs, &out.join("data"), None);
            let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
            let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
            assert_eq!(dirt(&summary), expected, "{case}");
            checks_clean(&out.join("data"));
            assert!(
                summary["claims"].as_u64().unwrap_or(0) > 0,
                "{case}: the rest is imported"
            );
            cases += 1;
        }
    }
    assert!(cases >= 12, "{cases} fixture cases");
}

#[test]
fn an_output_folder_is_never_overwritten_unasked_nor_left_half_written() {
    let dir = scratch("refuse");
    let input = fixtures().join("import/edges/cycle/tree.csv");
    let out = dir.join("data");
    std::fs::create_dir_all(&out).expect("out");
    std::fs::write(out.join("keep.ron"), "()").expect("file");
    let refused = kg(&["import", "edges", path(&input), "--out", path(&out)]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("not empty"), "{}", refused.stderr);
    assert!(out.join("keep.ron").exists());
    let missing = kg(&[
        "import",
        "edges",
        "no/such.csv",
        "--out",
        path(&dir.join("x")),
    ]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no/such.csv"), "{}", missing.stderr);
    assert!(
        !dir.join("x").exists(),
        "nothing is written when an input is unreadable"
    );
    let forced = kg(&[
        "import",
        "edges",
        path(&input),
        "--out",
        path(&out),
        "--force",
    ]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(!out.join("keep.ron").exists() && out.join("tree.ron").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_edge_list_answers_lineage_by_its_external_ids() {
    // A tree of 3 roots, each model i > 2 derived from (i - 1) / 3: the descendants of
    // root 0 are counted by walking the same rule.
    let dir = scratch("tree");
    let mut csv = String::from("child,parent,relation\n");
    let n = 3000;
    for i in 0..n {
        let parent = if i < 3 {
            String::new()
        } else {
            format!("Org/M-{}", (i - 1) / 3)
        };
        let relation = ["finetune", "quantized", "adapter", ""][i % 4];
        csv += &format!("Org/M-{i},{parent},{relation}\n");
    }
    std::fs::write(dir.join("tree.csv"), &csv).expect("csv");
    let summary = import("edges", &[&dir.join("tree.csv")], &dir.join("data"), None);
    assert_eq!(summary["entities"]["model"], n);
    checks_clean(&dir.join("data"));
    let mut expected = 0;
    let mut frontier = vec![0usize];
    while let Some(p) = frontier.pop() {
        for c in (3 * p + 1..=3 * p + 3).filter(|&c| c >= 3 && c < n && (c - 1) / 3 == p) {
            expected += 1;
            frontier.push(c);
        }
    }
    let data = dir.join("data");
    let out = kg(&[
        "--data",
        path(&data),
        "--json",
        "lineage",
        "Org/M-0",
        "--down",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tree = json(&out);
    assert_eq!(tree["root"], "tree.org.m-0");
    assert_eq!(tree["descendants"].as_array().map(Vec::len), Some(expected));
    let unknown = tree["descendants"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["name"] == "Org/M-11")
        .expect("Org/M-11 descends from Org/M-0 through Org/M-3");
    assert_eq!(
        unknown["derivation"], "unknown",
        "an empty relation is never guessed"
    );
}

/// Every citation of an imported dataset quotes text that stands at its line of the input.
fn quotes_stand_at_their_lines(data: &Path) -> usize {
    let files: Vec<kg_core::SourceFile> = std::fs::read_dir(data)
        .expect("data")
        .map(|e| e.expect("entry").path())
        .map(|p| kg_core::SourceFile {
            text: std::fs::read_to_string(&p).expect("ron"),
            path: p.display().to_string(),
        })
        .collect();
    let graph = kg_core::load(&files).graph;
    let mut checked = 0;
    for claim in &graph.claims {
        for c in claim.citations.iter() {
            let source = graph.source_of(c);
            let text = std::fs::read_to_string(&source.name).expect("the input, by its path");
            let line = text.lines().nth(c.line as usize - 1).unwrap_or("");
            assert!(
                line.contains(&*c.quote),
                "{}: line {} of {} is {line:?}, quote {:?}",
                graph.claim_id(claim),
                c.line,
                source.name,
                c.quote
            );
            checked += 1;
        }
    }
    checked
}

/// `kg check --documents` finds every input, its sha256 matches, and every quote stands at
/// its line (kg's own verification, NFKC and whitespace folded).
fn verified_by_kg_check(data: &Path, documents: &Path) {
    let output = kg(&[
        "--data",
        path(data),
        "check",
        "--documents",
        path(documents),
        "--json",
    ]);
    let report = json(&output);
    let docs = report["documents"].as_array().expect("documents");
    assert!(!docs.is_empty());
    for d in docs {
        assert_eq!(d["found"], true, "{d}");
        assert_eq!(d["sha256_matches"], true, "{d}");
        assert_eq!(d["quotes_mismatched"], 0, "{d}");
        assert_eq!(d["quotes_verified"], d["quotes"], "{d}");
    }
}

fn claim_of<'v>(shown: &'v Value, property: &str) -> &'v Value {
    shown["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["property"] == property)
        .unwrap_or_else(|| panic!("no {property} claim in {shown}"))
}

#[test]
fn the_ecosystem_graphs_sample_imports_and_answers_with_cited_lines() {
    let Some(samples) = samples() else { return };
    let dir = scratch("eg");
    let assets = samples.join("ecosystem-graphs/assets");
    let data = dir.join("data");
    let summary = import("ecosystem-graphs", &[&assets], &data, None);
    checks_clean(&data);
    assert_eq!(summary["entities"]["dataset"], 6);
    assert_eq!(summary["entities"]["application"], 2);
    assert!(quotes_stand_at_their_lines(&data) >= 150);
    verified_by_kg_check(&data, &assets);
    // A specific fact: Mistral's license, cited at its line of mistral.yaml.
    let shown = json(&kg(&[
        "--data",
        path(&data),
        "--json",
        "show",
        "eg.mistral",
    ]));
    let license = claim_of(&shown, "license");
    assert_eq!(license["value"]["text"], "Apache 2.0");
    let cite = &license["citations"][0];
    let text = std::fs::read_to_string(assets.join("mistral.yaml")).expect("sample");
    let line = text
        .lines()
        .nth(cite["line"].as_u64().expect("a line") as usize - 1);
    assert_eq!(cite["quote"].as_str(), line.map(str::trim));
    assert_eq!(cite["section"], "Mistral > license");
    // Lineage over untyped dependencies.
    let up = json(&kg(&[
        "--data",
        path(&data),
        "--json",
        "lineage",
        "eg.bloomz",
        "--up",
    ]));
    let ancestors: Vec<&str> = up["ancestors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert!(
        ancestors.contains(&"eg.bloom") && ancestors.contains(&"eg.roots"),
        "{ancestors:?}"
    );
    // List by the new kinds.
    let datasets = json(&kg(&["--data", path(&data), "--json", "list", "dataset"]));
    assert!(datasets
        .as_array()
        .into_iter()
        .flatten()
        .any(|d| d["name"] == "The Pile"));
    // Provenance runs claim → dataset line → the paper the explanation cites.
    let neox = json(&kg(&[
        "--data",
        path(&data),
        "--json",
        "show",
        "eg.gpt-neox",
    ]));
    let license = claim_of(&neox, "license");
    let provenance = json(&kg(&[
        "--data",
        path(&data),
        "--json",
        "provenance",
        license["id"].as_str().expect("a string"),
    ]));
    let chain: Vec<(&str, &str)> = provenance["chain"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            (
                l["kind"].as_str().expect("a string"),
                l["id"].as_str().expect("a string"),
            )
        })
        .collect();
    assert_eq!(chain[0], ("document", "eg.file.eleutherai.yaml"));
    assert!(
        chain.contains(&("primary_source", "eg.url.blog.eleuther.ai.announcing-20b")),
        "{chain:?}"
    );
    // The sample's own dirt: a dependency named nowhere is kept and listed.
    let unresolved = summary["unresolved"].as_array().expect("list");
    assert!(
        unresolved.iter().any(|u| u["name"] == "T5"),
        "{unresolved:?}"
    );
}

#[test]
fn the_hub_sample_imports_and_takes_its_ids_as_they_are() {
    let Some(samples) = samples() else { return };
    let dir = scratch("hf");
    let input = samples.join("hf-model-tree/mistral-small-24b-sample.jsonl");
    let data = dir.join("data");
    import("hf-hub", &[&input], &data, None);
    checks_clean(&data);
    assert!(quotes_stand_at_their_lines(&data) >= 100);
    verified_by_kg_check(&data, &samples.join("hf-model-tree"));
    let root_id = "mistralai/Mistral-Small-24B-Base-2501";
    let tree = json(&kg(&[
        "--data",
        path(&data),
        "--json",
        "lineage",
        root_id,
        "--down",
    ]));
    assert_eq!(tree["root"], "hf.mistralai.mistral-small-24b-base-2501");
    let gghfez = tree["descendants"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["name"] == "gghfez/Mistral-Small-24B-Instruct-2501")
        .expect("a fine-tune of the root");
    assert_eq!(gghfez["derivation"], "finetune");
    let shown = json(&kg(&[
        "--data",
        path(&data),
        "--json",
        "show",
        "gghfez/Mistral-Small-24B-Instruct-2501",
    ]));
    let derived = claim_of(&shown, "derived_from");
    let cite = &derived["citations"][0];
    assert_eq!(
        cite["quote"],
        "\"base_model:finetune:mistralai/Mistral-Small-24B-Base-2501\""
    );
    assert_eq!(cite["line"], 2);
}

#[test]
fn the_epoch_sample_imports_with_its_links_as_primary_sources() {
    let Some(samples) = samples() else { return };
    let dir = scratch("epoch");
    let input = samples.join("epoch/notable_ai_models-sample.csv");
    let data = dir.join("data");
    let summary = import("epoch", &[&input], &data, None);
    checks_clean(&data);
    assert!(quotes_stand_at_their_lines(&data) >= 200);
    verified_by_kg_check(&data, &samples.join("epoch"));
    let shown = json(&kg(&[
        "--data",
        path(&data),
        "--json",
        "show",
        "VILA1.5-13B",
    ]));
    let params = claim_of(&shown, "parameters_total");
    assert_eq!(params["value"]["amount"], 13e9);
    let cite = &params["citations"][0];
    assert_eq!(cite["quote"], "13000000000");
    assert_eq!(cite["section"], "Parameters (column 5)");
    let provenance = json(&kg(&[
        "--data",
        path(&data),
        "--json",
        "provenance",
        params["id"].as_str().expect("a string"),
    ]));
    let last = provenance["chain"]
        .as_array()
        .and_then(|c| c.last())
        .expect("a chain");
    assert_eq!(last["kind"], "primary_source");
    assert_eq!(last["id"], "epoch.url.arxiv.org.pdf.2312.07533");
    let base = claim_of(&shown, "derived_from");
    assert!(
        base["id"]
            .as_str()
            .expect("a string")
            .contains("/epoch.llama-2-13b"),
        "{base}"
    );
    assert!(summary["unresolved"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|u| u["name"] == "Llama 2-13B"));
    assert!(summary["problems"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|p| p["code"] == "wide-row"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("folder") {
        let p = entry.expect("entry").path();
        let target = to.join(p.file_name().expect("a file"));
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).expect("copy");
        }
    }
}

#[test]
fn a_combined_dataset_links_the_samples_to_graph_data() {
    let Some(samples) = samples() else { return };
    let dir = scratch("combined");
    let graph_data = root().join("graph-data");
    copy_dir(&graph_data, &dir.join("graph-data"));
    let eg = import(
        "ecosystem-graphs",
        &[&samples.join("ecosystem-graphs/assets")],
        &dir.join("eg"),
        Some(&graph_data),
    );
    let epoch = import(
        "epoch",
        &[&samples.join("epoch/notable_ai_models-sample.csv")],
        &dir.join("epoch"),
        Some(&graph_data),
    );
    // A third import into the folder that now holds graph-data and the first two: the
    // Hub's `mistralai` is Ecosystem Graphs' `Mistral AI` too, which is graph-data's
    // `mistral-ai`; counted once, so the match is not ambiguous.
    let hub = import(
        "hf-hub",
        &[&samples.join("hf-model-tree/mistral-small-24b-sample.jsonl")],
        &dir.join("hf"),
        Some(&dir),
    );
    assert!(
        hub["problems"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|p| p["code"] != "ambiguous-match"),
        "{}",
        hub["problems"]
    );
    checks_clean(&dir);
    let matched = |summary: &Value, id: &str, other: &str| {
        summary["matches"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|m| m["id"] == id && m["same_as"] == other)
    };
    assert!(matched(&eg, "eg.bloom", "bloom"), "{}", eg["matches"]);
    assert!(matched(&eg, "eg.llama-2", "llama-2"), "{}", eg["matches"]);
    assert!(matched(&epoch, "epoch.llama-2-13b", "llama-2-13b"));
    assert!(
        matched(&hub, "hf.mistralai", "mistral-ai"),
        "{}",
        hub["matches"]
    );
    let tree = json(&kg(&[
        "--data",
        path(&dir),
        "--json",
        "lineage",
        "llama-2",
        "--down",
    ]));
    let below: Vec<&str> = tree["descendants"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["id"].as_str())
        .collect();
    for id in ["llama-2-13b", "eg.tigerbot", "epoch.vila1.5-13b"] {
        assert!(below.contains(&id), "{id} not below llama-2: {below:?}");
    }
    // The same_as claim is cited where the input names the entity.
    let shown = json(&kg(&["--data", path(&dir), "--json", "show", "eg.bloom"]));
    let same = claim_of(&shown, "same_as");
    assert_eq!(same["object"], "bloom");
    assert_eq!(same["citations"][0]["quote"], "name: BLOOM");
}

#[test]
fn a_file_that_is_not_yaml_is_an_error_at_its_line_and_the_others_are_imported() {
    let dir = scratch("syntax");
    let good = fixtures().join("import/ecosystem-graphs/cycle/assets.yaml");
    let broken = dir.join("broken.yaml");
    std::fs::write(
        &broken,
        "- name: Alpha\n  type: model\n  dependencies: [Beta\n",
    )
    .expect("yaml");
    let out = dir.join("data");
    let output = kg(&[
        "import",
        "ecosystem-graphs",
        path(&good),
        path(&broken),
        "--out",
        path(&out),
        "--json",
    ]);
    assert_eq!(output.code, 1, "{}{}", output.stdout, output.stderr);
    let summary = json(&output);
    let problem = &summary["problems"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["code"] == "syntax")
        .expect("a syntax problem");
    assert_eq!(problem["severity"], "error");
    assert!(problem["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("broken.yaml")));
    assert!(
        problem["line"].as_u64().is_some_and(|l| l >= 3),
        "{problem}"
    );
    assert!(problem["column"].as_u64().is_some_and(|c| c >= 1));
    checks_clean(&out);
    let shown = json(&kg(&["--data", path(&out), "--json", "show", "eg.alpha"]));
    assert_eq!(claim_of(&shown, "developed_by")["object"], "eg.lab-one");
}

/// What `kg import` writes is read by the fast parser (`kg_core::load::fast_ron`), to the
/// value ron reads: the samples of every format and every fixture's input, dirt included.
#[test]
fn imported_files_are_read_by_the_fast_parser_as_by_ron() {
    use kg_import::{import, Format, Input};
    let read = |p: &Path| Input {
        path: path(p).into(),
        text: std::fs::read_to_string(p).expect("input"),
    };
    let mut runs: Vec<(Format, Vec<Input>)> = Vec::new();
    let base = fixtures().join("import");
    for (format, dir, file) in [
        (Format::EcosystemGraphs, "ecosystem-graphs", "assets.yaml"),
        (Format::HfHub, "hf-hub", "models.jsonl"),
        (Format::Epoch, "epoch", "models.csv"),
        (Format::Edges, "edges", "tree.csv"),
    ] {
        let mut cases: Vec<PathBuf> = std::fs::read_dir(base.join(dir))
            .expect("fixtures")
            .map(|e| e.expect("entry").path().join(file))
            .filter(|p| p.is_file())
            .collect();
        cases.sort();
        assert!(!cases.is_empty(), "{dir}: no fixture input");
        runs.extend(cases.iter().map(|p| (format, vec![read(p)])));
    }
    if let Some(samples) = samples() {
        let mut assets: Vec<PathBuf> = std::fs::read_dir(samples.join("ecosystem-graphs/assets"))
            .expect("assets")
            .map(|e| e.expect("entry").path())
            .collect();
        assets.sort();
        runs.push((
            Format::EcosystemGraphs,
            assets.iter().map(|p| read(p)).collect(),
        ));
        runs.push((
            Format::HfHub,
            vec![read(
                &samples.join("hf-model-tree/mistral-small-24b-sample.jsonl"),
            )],
        ));
        runs.push((
            Format::Epoch,
            vec![read(&samples.join("epoch/notable_ai_models-sample.csv"))],
        ));
    }
    let mut files = 0;
    for (format, inputs) in runs {
        let done = import(format, &inputs, None, &mut |_, _| {}).expect("inputs");
        for file in &done.files {
            match kg_core::load::fast_parse_agrees(&file.text) {
                Ok(true) => files += 1,
                Ok(false) => panic!("{}: the fast parser bailed:\n{}", file.path, file.text),
                Err(e) => panic!("{}: the parsers disagree: {e}", file.path),
            }
        }
    }
    assert!(files >= 30, "{files} files");
}

mod never_panics {
    //! Mutated inputs of every format never make kg-import panic, and what it writes loads
    //! without an error: dirt is reported, never written into the data.

    use kg_import::{import, Format, Input};
    use proptest::prelude::*;

    const FRAGMENTS: &[&str] = &[
        "\"",
        ",",
        "\n",
        "\r\n",
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "''",
        "1e9",
        "2024",
        "é",
        "\u{0}",
        "base_model:",
        "#",
        "  ",
    ];

    fn inputs() -> Vec<(Format, String)> {
        let base = kg_tests::fixtures().join("import");
        let read = |p: &str| std::fs::read_to_string(base.join(p)).expect("fixture");
        vec![
            (
                Format::EcosystemGraphs,
                read("ecosystem-graphs/duplicate-name/assets.yaml"),
            ),
            (Format::HfHub, read("hf-hub/unresolved/models.jsonl")),
            (Format::Epoch, read("epoch/wide-row/models.csv")),
            (Format::Edges, read("edges/cycle/tree.csv")),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
        ))]
        #[test]
        fn mutated_inputs_import_and_load_cleanly(
            which in 0usize..4,
            edits in proptest::collection::vec((any::<usize>(), 0usize..FRAGMENTS.len(), 0usize..8), 1..12),
        ) {
            let (format, mut text) = inputs().swap_remove(which);
            for (at, fragment, delete) in edits {
                let mut at = at % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + delete).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, FRAGMENTS[fragment]);
            }
            let input = Input { path: "input".into(), text };
            let done = import(format, &[input], None, &mut |_, _| {}).expect("one input");
            let files: Vec<kg_core::SourceFile> = done
                .files
                .iter()
                .map(|f| kg_core::SourceFile { path: f.path.clone(), text: f.text.clone() })
                .collect();
            let errors: Vec<String> = kg_core::load(&files)
                .diagnostics
                .iter()
                .filter(|d| d.severity == kg_core::Severity::Error)
                .map(|d| format!("{d:?}"))
                .collect();
            prop_assert!(errors.is_empty(), "{errors:?}");
            for f in &files {
                prop_assert_eq!(kg_core::load::fast_parse_agrees(&f.text), Ok(true), "{}", f.text);
            }
        }
    }
}
