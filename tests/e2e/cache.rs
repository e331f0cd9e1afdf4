//! The snapshot cache (issue 13): every query answers from a snapshot exactly as from the RON
//! (`--no-cache`), a damaged or foreign snapshot is rebuilt and never trusted, a changed file
//! is never served stale, and writers racing on one snapshot leave one whole file.

use kg_tests::{copy_tree, kg, root, tempdir, Output};
use std::path::{Path, PathBuf};

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// `kg --data DATA --cache-dir CACHE ARGS`.
fn cached(data: &Path, cache: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--data", path(data), "--cache-dir", path(cache)];
    all.extend_from_slice(args);
    kg(&all)
}

/// `kg --data DATA --no-cache ARGS`.
fn uncached(data: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--data", path(data), "--no-cache"];
    all.extend_from_slice(args);
    kg(&all)
}

fn same(a: &Output, b: &Output, what: &str) {
    assert_eq!(
        (a.code, &a.stdout, &a.stderr),
        (b.code, &b.stdout, &b.stderr),
        "{what}"
    );
}

/// The snapshot files in a cache folder.
fn snapshots(cache: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(cache)
        .map(|d| d.map(|e| e.expect("readable").path()).collect())
        .unwrap_or_default();
    found.retain(|p| p.extension().is_some_and(|e| e == "kgsnap"));
    found.sort();
    found
}

/// Every entity id and every claim id of a dataset, from `kg --json list`.
fn ids(data: &Path) -> (Vec<String>, Vec<String>, Vec<String>) {
    let listed = |kind: &str, field: &str| -> Vec<String> {
        let out = uncached(data, &["--json", "list", kind]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let rows: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
        rows.as_array()
            .into_iter()
            .flatten()
            .filter_map(|row| row[field].as_str().map(str::to_string))
            .collect()
    };
    let kinds = || {
        kg_core::NodeKind::ALL
            .iter()
            .filter(|k| **k != kg_core::NodeKind::Claim)
    };
    let entities = kinds().flat_map(|k| listed(k.name(), "id")).collect();
    let names = kinds().flat_map(|k| listed(k.name(), "name")).collect();
    (entities, names, listed("claim", "id"))
}

/// Runs each query three ways, without the cache, cold (writes the snapshot) and warm (reads
/// it), and asserts the same code, output and errors.
fn answers_alike(data: &Path, queries: &[Vec<String>]) {
    let cache = tempdir("cache-alike");
    for query in queries {
        let args: Vec<&str> = query.iter().map(String::as_str).collect();
        let reference = uncached(data, &args);
        let cold = cached(data, &cache, &args);
        let warm = cached(data, &cache, &args);
        same(&reference, &cold, &format!("cold: kg {query:?}"));
        same(&reference, &warm, &format!("warm: kg {query:?}"));
    }
    assert_eq!(snapshots(&cache).len(), 1, "one snapshot for one dataset");
}

/// The queries that read part of the graph from a snapshot, and a sample of the rest, for
/// every entity and every claim.
fn queries_of(entities: &[String], names: &[String], claims: &[String]) -> Vec<Vec<String>> {
    let q = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    let mut queries = Vec::new();
    for id in entities {
        queries.push(q(&["--json", "show", id]));
        queries.push(q(&["lineage", id]));
        queries.push(q(&["--json", "lineage", id, "--up"]));
        queries.push(q(&["--json", "lineage", id, "--down", "--depth", "2"]));
        queries.push(q(&["provenance", id]));
    }
    // By name, as an imported dataset's external ids are given: unique, or shared by
    // several entities (then the whole graph answers, as without the cache).
    for name in names {
        queries.push(q(&["--json", "show", name]));
        queries.push(q(&["--json", "lineage", name, "--down"]));
    }
    for id in claims {
        queries.push(q(&["show", id]));
        queries.push(q(&["--json", "provenance", id]));
    }
    for kind in kg_core::NodeKind::ALL {
        queries.push(q(&["--json", "list", kind.name()]));
        queries.push(q(&["list", kind.name(), "--limit", "3"]));
        queries.push(q(&["--json", "list", kind.name(), "--limit", "2"]));
    }
    for text in ["qwen", "llama", "deep", "zzzz-none", "A", "通义"] {
        queries.push(q(&["--json", "search", text]));
    }
    // Not found: the message lists the closest ids of the whole graph.
    queries.push(q(&["show", "llama-3.1-405", "--json"]));
    queries.push(q(&["lineage", "no-such-model"]));
    queries.push(q(&["provenance", "qwen/parameters_total@1"]));
    queries.push(q(&["stats"]));
    queries.push(q(&["audit", "--json"]));
    queries.push(q(&["conflicts"]));
    queries
}

#[test]
fn every_query_on_graph_data_answers_alike_from_the_snapshot() {
    let data = root().join("graph-data");
    let (entities, names, claims) = ids(&data);
    assert!(entities.len() > 150, "{}", entities.len());
    // Every entity; every third claim (their subjects' claims are all read anyway); every
    // fourth name.
    let claims: Vec<String> = claims.into_iter().step_by(3).collect();
    let names: Vec<String> = names.into_iter().step_by(4).collect();
    answers_alike(&data, &queries_of(&entities, &names, &claims));
}

#[test]
fn the_samples_answer_alike_from_the_snapshot() {
    let samples = root().join("../shared/samples");
    if !samples.join("README.md").is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the samples are missing at {}",
            samples.display()
        );
        return;
    }
    // The Ecosystem Graphs sample (depends_on) and the Hub tree (derived_from, merges) into
    // graph-data (same_as), as an analyst combines them.
    let dir = tempdir("cache-samples");
    let data = dir.join("data");
    copy_tree(&root().join("graph-data"), &data, &|t| t.to_string());
    let eg = samples.join("ecosystem-graphs/assets");
    let hub = samples.join("hf-model-tree/mistral-small-24b-sample.jsonl");
    for (format, input, out) in [
        ("ecosystem-graphs", &eg, data.join("eg")),
        ("hf-hub", &hub, data.join("hub")),
    ] {
        let graph_data = root().join("graph-data");
        let imported = kg(&[
            "import",
            format,
            path(input),
            "--out",
            path(&out),
            "--into",
            path(&graph_data),
        ]);
        assert_eq!(imported.code, 0, "{}", imported.stderr);
    }
    let (entities, names, claims) = ids(&data);
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| n.contains('/') || n.contains("Mistral"))
        .collect();
    let entities: Vec<String> = entities
        .into_iter()
        .filter(|id| id.starts_with("eg.") || id.starts_with("hub.") || id.contains("mistral"))
        .collect();
    assert!(entities.len() > 30, "{}", entities.len());
    let claims: Vec<String> = claims.into_iter().step_by(17).collect();
    answers_alike(&data, &queries_of(&entities, &names, &claims));
}

/// A scratch copy of graph-data with its cache warmed by one query; returns (data, cache,
/// the snapshot's path, its bytes, the query's reference output).
fn warmed(name: &str) -> (PathBuf, PathBuf, PathBuf, Vec<u8>) {
    let dir = tempdir(name);
    let data = dir.join("data");
    copy_tree(&root().join("graph-data"), &data, &|t| t.to_string());
    let cache = dir.join("cache");
    let out = cached(&data, &cache, &["lineage", "llama"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files = snapshots(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    let bytes = std::fs::read(&files[0]).expect("snapshot written");
    (data, cache, files[0].clone(), bytes)
}

#[test]
fn a_damaged_or_foreign_snapshot_is_rebuilt_not_trusted() {
    let (data, cache, snapshot, pristine) = warmed("cache-damage");
    // Between them these read every section: ids, names, entities, claims, their CSR, the
    // stated edges, the links between entities and the release dates.
    let queries: [&[&str]; 5] = [
        &["--json", "show", "qwen2.5-72b"],
        &["lineage", "llama"],
        &["--json", "list", "model"],
        &["--json", "show", "Qwen2.5-72B"],
        &["stats"],
    ];
    let mid = pristine.len() / 2;
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("a byte flipped in the body", {
            let mut b = pristine.clone();
            b[mid] ^= 0x5a;
            b
        }),
        ("a byte flipped near the end (the release dates)", {
            let mut b = pristine.clone();
            let at = b.len() - 40;
            b[at] ^= 1;
            b
        }),
        ("truncated", pristine[..mid].to_vec()),
        ("empty", Vec::new()),
        ("another format's header", {
            let mut b = pristine.clone();
            b[8] = b[8].wrapping_add(1);
            b
        }),
        ("not a snapshot", b"not a snapshot at all".to_vec()),
    ];
    for (what, bytes) in damages {
        // Sections are verified as a query reads them: the damage is found by the first query
        // that reads it, which answers from the RON and rebuilds the snapshot; the queries
        // before it never read the damaged part.
        std::fs::write(&snapshot, &bytes).expect("writable");
        for query in queries {
            let reference = uncached(&data, query);
            let out = cached(&data, &cache, query);
            same(&reference, &out, &format!("{what}: kg {query:?}"));
            let now = std::fs::read(&snapshot).expect("there");
            assert!(
                now == pristine || now == bytes,
                "{what}: {query:?} left a third file"
            );
        }
        assert_eq!(
            std::fs::read(&snapshot).expect("there"),
            pristine,
            "{what}: a query read the damage and rebuilt the snapshot whole"
        );
    }
}

#[test]
fn a_cache_that_cannot_be_written_does_not_fail_the_command() {
    let (data, cache, snapshot, _) = warmed("cache-unwritable");
    std::fs::remove_file(&snapshot).expect("removable");
    // A folder where the snapshot would go: the write fails, the answer does not.
    std::fs::create_dir_all(snapshot.join("in-the-way")).expect("writable");
    let reference = uncached(&data, &["--json", "show", "qwen"]);
    let out = cached(&data, &cache, &["--json", "show", "qwen"]);
    same(&reference, &out, "unwritable snapshot");
    // A cache folder that is a file.
    let file = cache.join("a-file");
    std::fs::write(&file, "x").expect("writable");
    let out = cached(&data, &file, &["--json", "show", "qwen"]);
    same(&reference, &out, "cache folder is a file");
}

#[test]
fn a_changed_file_is_never_served_stale() {
    let (data, cache, _, _) = warmed("cache-stale");
    let before = cached(&data, &cache, &["--json", "show", "qwen2.5-72b"]);
    assert!(
        before.stdout.contains("\"name\": \"Qwen2.5-72B\""),
        "{}",
        before.stdout
    );
    // The same length, another byte: a timestamp-blind key still sees it.
    let file = data.join("organizations/alibaba.ron");
    let text = std::fs::read_to_string(&file).expect("graph-data has alibaba.ron");
    assert!(text.contains("\"Qwen2.5-72B\""));
    std::fs::write(
        &file,
        text.replacen("\"Qwen2.5-72B\"", "\"Qwen2.5-72C\"", 1),
    )
    .expect("w");
    let after = cached(&data, &cache, &["--json", "show", "qwen2.5-72b"]);
    assert!(
        after.stdout.contains("\"name\": \"Qwen2.5-72C\""),
        "{}",
        after.stdout
    );
    same(
        &uncached(&data, &["--json", "show", "qwen2.5-72b"]),
        &after,
        "after the edit",
    );
    // A new file is part of the key too.
    std::fs::write(
        data.join("zz-extra.ron"),
        "(models: [(id: \"zz-new\", name: \"ZZ\")])",
    )
    .expect("writable");
    let added = cached(&data, &cache, &["--json", "search", "zz-new"]);
    assert!(added.stdout.contains("zz-new"), "{}", added.stdout);
    assert_eq!(snapshots(&cache).len(), 3, "one snapshot per content");
}

#[test]
fn writers_racing_on_one_snapshot_leave_one_whole_file() {
    let dir = tempdir("cache-race");
    let data = dir.join("data");
    copy_tree(&root().join("graph-data"), &data, &|t| t.to_string());
    let cache = dir.join("cache");
    let reference = uncached(&data, &["--json", "lineage", "qwen"]);
    let outputs: Vec<Output> = std::thread::scope(|s| {
        let runs: Vec<_> = (0..6)
            .map(|_| s.spawn(|| cached(&data, &cache, &["--json", "lineage", "qwen"])))
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("no panic"))
            .collect()
    });
    for out in &outputs {
        same(&reference, out, "a racing writer");
    }
    let left: Vec<PathBuf> = std::fs::read_dir(&cache)
        .expect("cache written")
        .map(|e| e.expect("readable").path())
        .collect();
    assert_eq!(
        left.len(),
        1,
        "one snapshot, no temporary file left: {left:?}"
    );
    let warm = cached(&data, &cache, &["--json", "lineage", "qwen"]);
    same(&reference, &warm, "read after the race");
}

#[test]
fn no_cache_reads_and_writes_nothing() {
    let dir = tempdir("cache-none");
    let cache = dir.join("cache");
    let data = root().join("graph-data");
    let out = kg(&[
        "--data",
        path(&data),
        "--no-cache",
        "--cache-dir",
        path(&cache),
        "stats",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!cache.exists(), "--no-cache wrote {}", cache.display());
}

#[test]
fn a_stored_check_report_is_the_report_of_the_same_inputs() {
    let Some(seed) = crate::documents::note_folder() else {
        return;
    };
    let dir = tempdir("cache-check");
    let data = dir.join("data");
    copy_tree(&root().join("graph-data"), &data, &|t| t.to_string());
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).expect("writable");
    let note = std::fs::read_dir(&seed)
        .expect("seed folder")
        .map(|e| e.expect("readable").path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("the note");
    let copy = docs.join(note.file_name().expect("named"));
    std::fs::copy(&note, &copy).expect("writable");
    let cache = dir.join("cache");
    let args = ["--documents", path(&docs), "check", "--require-documents"];
    let reference = uncached(&data, &args);
    assert_eq!(reference.code, 0, "{}", reference.stdout);
    let cold = cached(&data, &cache, &args);
    let warm = cached(&data, &cache, &args);
    same(&reference, &cold, "cold check");
    same(&reference, &warm, "warm check");
    let json = ["--json", "--documents", path(&docs), "check"];
    same(
        &uncached(&data, &json),
        &cached(&data, &cache, &json),
        "check --json",
    );
    // The document changes: its quotes no longer verify, and the stored report is not used.
    let text = std::fs::read_to_string(&copy).expect("UTF-8 note");
    std::fs::write(&copy, format!("inserted line\n{text}")).expect("writable");
    let changed = cached(&data, &cache, &args);
    assert_ne!(changed.code, 0, "{}", changed.stdout);
    same(
        &uncached(&data, &args),
        &changed,
        "check after the document changed",
    );
}
