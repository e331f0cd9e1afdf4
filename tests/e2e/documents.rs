//! Documents kg verifies: a document moved by inserted lines and `kg reanchor` bringing the
//! data back to a clean check, a missing document, `kg source add`, `kg coverage` finding the
//! document, and a dataset of two documents (tests/fixtures/documents/two-reports).

pub use kg_tests::tempdir;
use kg_tests::{fixtures, kg};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// The note's file name.
pub const NOTE: &str = "000_85998f9bbbdc5ba5.txt";

/// The folder that holds the note: `../shared/seed/` beside the workspace, or `KG_NOTE`'s.
pub fn note_folder() -> Option<PathBuf> {
    let seed = kg_tests::root().join("../shared/seed");
    if seed.join(NOTE).is_file() {
        return Some(seed);
    }
    let note = PathBuf::from(std::env::var_os("KG_NOTE")?);
    note.is_file()
        .then(|| note.parent().map(Path::to_path_buf))?
}

/// Copies a folder, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("writable");
    for entry in std::fs::read_dir(from).expect("readable") {
        let path = entry.expect("readable").path();
        let target = to.join(path.file_name().expect("named"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copyable");
        }
    }
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn json(args: &[&str]) -> (u8, Json) {
    let out = kg(args);
    let doc = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
    (out.code, doc)
}

/// The text with every number after `line: ` or `lines: ` and every `sha256` hash masked.
fn mask_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = ["line: ", "lines: ", "sha256: \""]
            .iter()
            .filter_map(|k| rest.find(k).map(|i| (i, *k)))
            .min();
        let Some((i, key)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i + key.len()]);
        rest = &rest[i + key.len()..];
        let digits = rest
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len());
        out.push('#');
        rest = &rest[digits..];
    }
}

/// Every data file's text under a folder, by path relative to it.
fn data_texts(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable") {
            let path = entry.expect("readable").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ron") {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                out.push((rel, std::fs::read_to_string(&path).expect("UTF-8")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_moved_document_is_found_again_by_reanchor_changing_only_numbers() {
    let Some(seed) = note_folder() else {
        eprintln!("SKIPPED a_moved_document_is_found_again_by_reanchor_changing_only_numbers: the note is not found");
        return;
    };
    let dir = tempdir("documents-moved");
    let data = dir.join("data");
    copy_dir(&kg_tests::root().join("graph-data"), &data);
    // The note with two lines inserted at the top and one in the middle.
    let note = std::fs::read_to_string(seed.join(NOTE)).expect("the note");
    let lines: Vec<&str> = note.lines().collect();
    let mut moved = String::from("Inserted at the top.\n\n");
    for (i, line) in lines.iter().enumerate() {
        if i == 200 {
            moved.push_str("Inserted in the middle.\n");
        }
        moved.push_str(line);
        moved.push('\n');
    }
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).expect("writable");
    std::fs::write(docs.join(NOTE), &moved).expect("writable");
    let args = |cmd: &str| -> Vec<String> {
        vec![
            cmd.into(),
            "--json".into(),
            "--data".into(),
            utf8(&data).into(),
            "--documents".into(),
            utf8(&docs).into(),
        ]
    };
    let run = |cmd: &str, extra: &[&str]| -> (u8, Json) {
        let a = args(cmd);
        let mut all: Vec<&str> = a.iter().map(String::as_str).collect();
        all.extend_from_slice(extra);
        json(&all)
    };

    // Every quote is a mismatch that says where its quote is now.
    let (code, before) = run("check", &[]);
    assert_eq!(code, 1);
    let errors = before["errors"].as_array().expect("errors");
    let quotes = before["documents"][0]["quotes"].as_u64().expect("a count");
    assert_eq!(errors.len() as u64, quotes);
    for e in errors {
        assert_eq!(e["code"], "quote-mismatch", "{e}");
        let message = e["message"].as_str().expect("a message");
        assert!(
            message.contains("; found on line") && message.contains("the document moved"),
            "{message}"
        );
    }
    let warnings = before["warnings"].as_array().expect("warnings");
    let changed: Vec<&Json> = warnings
        .iter()
        .filter(|w| w["code"] == "document-changed")
        .collect();
    assert_eq!(changed.len(), 1);
    let message = changed[0]["message"].as_str().expect("a message");
    assert!(
        message.ends_with(&format!("0 of {quotes} quotes still verify")),
        "{message}"
    );
    assert!(warnings.iter().any(|w| w["code"] == "outline-mismatch"));

    // A dry run writes nothing.
    let original = data_texts(&data);
    let (code, dry) = run("reanchor", &["--dry-run"]);
    assert_eq!(code, 0, "{dry}");
    assert_eq!(data_texts(&data), original);
    assert!(dry["moved"].as_array().expect("moved").len() as u64 > quotes);

    // Re-anchored, the data checks as clean as graph-data against the note itself.
    let (code, done) = run("reanchor", &[]);
    assert_eq!(code, 0, "{done}");
    assert_eq!(done["unresolved"], serde_json::json!([]));
    assert_eq!(done["moved"], dry["moved"]);
    let (code, after) = run("check", &["--require-documents"]);
    assert_eq!(code, 0, "{after}");
    let (_, reference) = json(&[
        "check",
        "--json",
        "--documents",
        utf8(&seed),
        "--data",
        utf8(&kg_tests::root().join("graph-data")),
    ]);
    let codes = |doc: &Json| -> Vec<String> {
        let mut c: Vec<String> = doc["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .map(|w| w["code"].to_string())
            .collect();
        c.sort();
        c
    };
    assert_eq!(codes(&after), codes(&reference));
    assert_eq!(
        after["documents"][0]["quotes_verified"].as_u64(),
        Some(quotes)
    );
    assert_eq!(after["documents"][0]["sha256_matches"], true);

    // Only line numbers and the hash changed, and every cited line moved by 2 or 3.
    let now = data_texts(&data);
    assert_ne!(now, original);
    for ((path, old), (_, new)) in original.iter().zip(&now) {
        assert_eq!(
            mask_numbers(old),
            mask_numbers(new),
            "{path} changed beyond its numbers"
        );
    }
    for m in done["moved"].as_array().expect("moved") {
        let (from, to) = (m["from"].as_u64().expect("n"), m["to"].as_u64().expect("n"));
        let shift = if from <= 200 { 2 } else { 3 };
        assert_eq!(to, from + shift, "{m}");
    }
    std::fs::remove_dir_all(&dir).expect("removable");
}

#[test]
fn reanchor_leaves_a_gone_quote_alone_and_exits_1() {
    let dir = tempdir("documents-gone");
    copy_dir(&fixtures().join("bad/quote-mismatch"), &dir);
    let before = data_texts(&dir);
    let out = kg(&["reanchor", "--data", utf8(&dir)]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("not re-anchored: the quote is nowhere in widget-report.md"),
        "{}",
        out.stdout
    );
    assert!(out
        .stdout
        .ends_with("moved 0 line numbers in 0 files; 1 left alone\n"));
    assert_eq!(data_texts(&dir), before);
    std::fs::remove_dir_all(&dir).expect("removable");
}

#[test]
fn reanchor_never_guesses_between_two_equally_near_lines() {
    let dir = tempdir("documents-ambiguous");
    copy_dir(&fixtures().join("good/documents"), &dir);
    let doc = dir.join("documents/widget-report.md");
    let text = std::fs::read_to_string(&doc).expect("the report");
    // Line 5 (the 2025 forecast) now stands on lines 4 and 6, both one away from 5; the
    // 2024 line and the blank line after the forecast are gone, so the headings stay.
    let lines: Vec<&str> = text.lines().collect();
    let edited = [
        &lines[..3],
        &[lines[4], "- (a line that replaced the forecast)", lines[4]],
        &lines[6..],
    ]
    .concat()
    .join("\n");
    std::fs::write(&doc, edited + "\n").expect("writable");
    let before = data_texts(&dir);
    let out = kg(&["reanchor", "--dry-run", "--data", utf8(&dir)]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "not re-anchored: the quote is on lines 4 and 6 of widget-report.md, equally near line 5"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(data_texts(&dir), before);
    // Written for real, nothing moves either, not even the hash: it pins the text the quotes
    // were taken from, and two of them were not found again.
    let out = kg(&["reanchor", "--data", utf8(&dir)]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(data_texts(&dir), before);
    std::fs::remove_dir_all(&dir).expect("removable");
}

#[test]
fn reanchor_needs_a_data_folder() {
    let out = kg(&["reanchor"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--data DIR"), "{}", out.stderr);
}

#[test]
fn a_missing_document_is_a_note_or_with_require_documents_an_error() {
    let dir = fixtures().join("bad/document-not-found");
    let out = kg(&["check", "--data", utf8(&dir)]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    // The folders looked in: KG_DOCUMENTS's, when set, then the data's `documents/`.
    let note = out
        .stdout
        .lines()
        .find(|l| l.starts_with("note: "))
        .expect("a note");
    assert!(
        note.starts_with(
            "note: 2 quotes of `widget-report` not verified: missing-report.md not found in "
        ) && note.ends_with(&dir.join("documents").display().to_string()),
        "{}",
        out.stdout
    );
    let out = kg(&["check", "--require-documents", "--data", utf8(&dir)]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("error[document-not-found]: 2 quotes of `widget-report` not verified: missing-report.md not found in"),
        "{}",
        out.stdout
    );
}

#[test]
fn source_add_prints_the_entry_and_write_appends_it() {
    let doc = fixtures().join("good/documents/documents/widget-report.md");
    let out = kg(&[
        "source",
        "add",
        utf8(&doc),
        "--id",
        "widget-report",
        "--kind",
        "report",
        "--date",
        "2025-06",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("source_add_widget_report", out.stdout);

    // Written into a copy of the fixture, under a new name, it checks clean.
    let dir = tempdir("documents-source-add");
    copy_dir(&fixtures().join("good/documents"), &dir);
    let copy = dir.join("documents/widget-report-v2.md");
    std::fs::copy(&doc, &copy).expect("copyable");
    let sources = dir.join("sources.ron");
    let before = std::fs::read_to_string(&sources).expect("sources.ron");
    let add = || {
        kg(&[
            "source",
            "add",
            utf8(&copy),
            "--id",
            "widget-report-v2",
            "--kind",
            "report",
            "--write",
            "--data",
            utf8(&dir),
        ])
    };
    let out = add();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let after = std::fs::read_to_string(&sources).expect("sources.ron");
    // Everything before the end of the last entry stays, and so does the end of the file.
    let end = before.rfind("),").expect("an entry") + 2;
    assert!(after.starts_with(&before[..end]), "{after}");
    assert!(after.ends_with(&before[end..]), "{after}");
    let (code, check) = json(&[
        "check",
        "--json",
        "--require-documents",
        "--data",
        utf8(&dir),
    ]);
    assert_eq!(code, 0, "{check}");
    assert_eq!(check["warnings"], serde_json::json!([]));
    let added = &check["documents"][1];
    assert_eq!(added["source"], "widget-report-v2");
    assert_eq!(added["sha256_matches"], true);
    let out = kg(&["show", "widget-report-v2", "--data", utf8(&dir)]);
    assert!(
        out.stdout.contains("Widget market report"),
        "{}",
        out.stdout
    );

    // Adding the same id again is refused.
    let again = add();
    assert_eq!(again.code, 2);
    assert_eq!(
        std::fs::read_to_string(&sources).expect("sources.ron"),
        after
    );
    std::fs::remove_dir_all(&dir).expect("removable");
}

#[test]
fn source_add_rejects_a_bad_kind() {
    let doc = fixtures().join("good/documents/documents/widget-report.md");
    let out = kg(&["source", "add", utf8(&doc), "--id", "w", "--kind", "blog"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("--kind \"blog\" is not a kind of source"),
        "{}",
        out.stderr
    );
}

#[test]
fn coverage_finds_the_document_as_check_does() {
    let Some(seed) = note_folder() else {
        eprintln!("SKIPPED coverage_finds_the_document_as_check_does: the note is not found");
        return;
    };
    let given = kg(&["coverage", "note", "--document", utf8(&seed.join(NOTE))]);
    let found = kg(&["coverage", "note", "--documents", utf8(&seed)]);
    assert_eq!(found.stdout, given.stdout);
    assert_eq!(found.code, given.code);
    let missing = kg(&["coverage", "note", "--documents", "/nonexistent"]);
    if std::env::var_os("KG_DOCUMENTS").is_none() {
        assert_eq!(missing.code, 2);
        assert!(
            missing.stderr.contains("is not in /nonexistent"),
            "{}",
            missing.stderr
        );
    }
}

/// The fixture of two documents that state the same market size on the same line number and
/// disagree on a share.
fn two_reports() -> String {
    fixtures()
        .join("documents/two-reports")
        .to_str()
        .expect("UTF-8")
        .to_string()
}

#[test]
fn two_documents_with_the_same_line_numbers_give_distinct_ids() {
    let data = two_reports();
    let (code, check) = json(&["check", "--json", "--require-documents", "--data", &data]);
    assert_eq!(code, 0, "{check}");
    for report in check["documents"].as_array().expect("documents") {
        assert_eq!(report["quotes_verified"], 2, "{report}");
        assert_eq!(report["sha256_matches"], true, "{report}");
    }
    let (_, claims) = json(&["list", "claim", "--json", "--data", &data]);
    let mut ids: Vec<&str> = claims
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["id"].as_str().expect("an id"))
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "global-widgets/market_size/2024@4",
            "global-widgets/market_size/2024@report-b:4",
            "widget-co/market_share/global-widgets/2024@5",
            "widget-co/market_share/global-widgets/2024@report-b:5",
        ]
    );
}

#[test]
fn provenance_lists_the_corroborating_claim_of_the_other_document() {
    let data = two_reports();
    let (code, doc) = json(&[
        "provenance",
        "global-widgets/market_size/2024@4",
        "--json",
        "--data",
        &data,
    ]);
    assert_eq!(code, 0, "{doc}");
    let text = doc.to_string();
    assert!(
        text.contains("\"global-widgets/market_size/2024@report-b:4\""),
        "{doc:#}"
    );
    let out = kg(&[
        "provenance",
        "global-widgets/market_size/2024@4",
        "--data",
        &data,
    ]);
    let corroborating = out.stdout.split("corroborating").nth(1).expect("a section");
    let corroborating = corroborating
        .split("conflicting")
        .next()
        .expect("a section");
    assert!(
        corroborating.contains("global-widgets/market_size/2024@report-b:4")
            && corroborating.contains("report-b:4"),
        "{}",
        out.stdout
    );
}

#[test]
fn conflicts_and_audit_show_the_other_documents_figure() {
    let data = two_reports();
    for args in [
        vec!["conflicts", "--data", &data],
        vec!["audit", "--code", "conflict", "--data", &data],
    ] {
        let out = kg(&args);
        for needle in [
            "widget-co/market_share/global-widgets/2024@5",
            "widget-co/market_share/global-widgets/2024@report-b:5",
            "30%",
            "25%",
        ] {
            assert!(
                out.stdout.contains(needle),
                "{args:?}: {needle}\n{}",
                out.stdout
            );
        }
    }
}

#[test]
fn cites_lists_each_documents_own_claims() {
    let data = two_reports();
    let claims = |source: &str| -> Vec<String> {
        let (code, doc) = json(&["cites", source, "--json", "--data", &data]);
        assert_eq!(code, 0, "{doc}");
        let mut ids: Vec<String> = doc["claims"]
            .as_array()
            .unwrap_or_else(|| panic!("claims: {doc:#}"))
            .iter()
            .map(|c| c["id"].as_str().expect("an id").to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        claims("report-a"),
        [
            "global-widgets/market_size/2024@4",
            "widget-co/market_share/global-widgets/2024@5"
        ]
    );
    assert_eq!(
        claims("report-b"),
        [
            "global-widgets/market_size/2024@report-b:4",
            "widget-co/market_share/global-widgets/2024@report-b:5"
        ]
    );
}

#[test]
fn the_same_line_of_two_documents_each_its_files_source_asks_for_a_key() {
    let dir = fixtures().join("bad/duplicate-id.two-documents");
    let (code, doc) = json(&["check", "--json", "--data", utf8(&dir)]);
    assert_eq!(code, 1);
    let errors = doc["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(errors[0]["code"], "duplicate-id");
    assert_eq!(
        errors[0]["help"],
        "the two cite line 4 of two documents, `report-b` and `report-a`, each the `source` of its file: give one a `key` (its document's id will do)"
    );
}
