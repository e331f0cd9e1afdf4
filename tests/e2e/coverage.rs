//! `kg coverage`: docs/data-coverage.md is what the command makes of the note today, and no
//! figure line of the note is left without a claim or a reason; the fixture document gives
//! exact answers for every kind of line, exclusion and exit code.

use kg_tests::{fixtures, kg, root};
use std::path::PathBuf;

/// The note, when its text is available: `KG_NOTE`, else `../shared/seed/` beside the
/// workspace (as tests/e2e/quotes.rs).
fn note() -> Option<PathBuf> {
    let path = std::env::var_os("KG_NOTE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/seed/000_85998f9bbbdc5ba5.txt"));
    path.is_file().then_some(path)
}

fn text(path: &std::path::Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

#[test]
fn data_coverage_md_is_up_to_date_and_no_figure_line_is_uncovered() {
    let Some(note) = note() else {
        eprintln!(
            "SKIPPED data_coverage_md_is_up_to_date_and_no_figure_line_is_uncovered: the note \
             is not at ../shared/seed/000_85998f9bbbdc5ba5.txt (set KG_NOTE)"
        );
        return;
    };
    let exclusions = root().join("docs/coverage-exclusions.ron");
    let args = [
        "coverage",
        "note",
        "--document",
        text(&note),
        "--exclusions",
        text(&exclusions),
    ];

    let json = kg(&[&args[..], &["--json"]].concat());
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let uncovered: Vec<String> = report["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter(|l| l["status"] == "uncovered")
        .map(|l| format!("{}: {}", l["line"], l["text"]))
        .collect();
    assert!(
        uncovered.is_empty(),
        "figure lines of the note with neither a claim nor an exclusion (add the claim, or an \
         exclusion with its reason to docs/coverage-exclusions.ron):\n{}",
        uncovered.join("\n")
    );
    assert_eq!(report["problems"], serde_json::json!([]), "{}", json.stdout);
    assert_eq!(json.code, 0, "stderr: {}", json.stderr);
    let figure = report["figure_lines"].as_u64().expect("a count");
    assert!(
        figure > 200,
        "the note has over 200 figure lines, got {figure}"
    );
    assert_eq!(
        report["covered"].as_u64().expect("a count")
            + report["excluded"].as_u64().expect("a count"),
        figure
    );

    let markdown = kg(&[&args[..], &["--markdown"]].concat());
    assert_eq!(markdown.code, 0, "stderr: {}", markdown.stderr);
    let path = root().join("docs/data-coverage.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != markdown.stdout {
        if std::env::var_os("KG_BLESS").is_some() {
            std::fs::write(&path, &markdown.stdout).expect("docs/ is writable");
            eprintln!("rewrote {}", path.display());
        } else {
            panic!(
                "docs/data-coverage.md is out of date: regenerate it with\n  \
                 cargo run -q -p kg-cli -- coverage note --document {} --exclusions \
                 docs/coverage-exclusions.ron --markdown > docs/data-coverage.md\n\
                 (or run this test with KG_BLESS=1)",
                note.display()
            );
        }
    }
}

fn fixture_args(exclusions: bool) -> Vec<String> {
    let dir = fixtures().join("coverage");
    let mut args = vec![
        "coverage".to_string(),
        "test-note".into(),
        "--data".into(),
        text(&dir.join("data")).into(),
        "--document".into(),
        text(&dir.join("document.md")).into(),
    ];
    if exclusions {
        args.push("--exclusions".into());
        args.push(text(&dir.join("exclusions.ron")).into());
    }
    args
}

fn run(args: &[String], extra: &[&str]) -> kg_tests::Output {
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.extend_from_slice(extra);
    kg(&all)
}

/// `(line, status)` of every line the JSON report lists.
fn statuses(report: &serde_json::Value) -> Vec<(u64, String)> {
    report["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                l["line"].as_u64().expect("a line"),
                l["status"].as_str().expect("a status").to_string(),
            )
        })
        .collect()
}

#[test]
fn fixture_without_exclusions_lists_every_uncovered_figure_line() {
    let out = run(&fixture_args(false), &["--json"]);
    assert_eq!(out.code, 1, "uncovered lines fail: {}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(
        statuses(&report),
        [
            (4, "covered".to_string()),
            (5, "uncovered".into()),
            (11, "cited_without_figure".into()),
            (12, "uncovered".into()),
            (15, "uncovered".into()),
        ]
    );
    assert_eq!(report["document_lines"], 15);
    assert_eq!(report["claims"], 2);
    assert_eq!(report["figure_lines"], 4);
    let sections: Vec<_> = report["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().expect("line"),
                s["path"].as_str().expect("path").to_string(),
                s["claims"].as_u64().expect("claims"),
                s["figure_lines"].as_u64().expect("figure lines"),
                s["uncovered"].clone(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            (
                1,
                "测试笔记".to_string(),
                2,
                4,
                serde_json::json!([5, 12, 15])
            ),
            (
                3,
                "测试笔记 > 一、市场".into(),
                1,
                2,
                serde_json::json!([5])
            ),
            (
                8,
                "测试笔记 > 二、模型".into(),
                1,
                2,
                serde_json::json!([12, 15])
            ),
        ]
    );
    let line4 = &report["lines"][0];
    assert_eq!(
        line4["marks"],
        serde_json::json!([{"kind": "date", "text": "2024年"}, {"kind": "number", "text": "56.17亿"}])
    );
    assert_eq!(
        line4["claims"],
        serde_json::json!(["global-llm/market_size/2024@4"])
    );
}

#[test]
fn fixture_with_exclusions_explains_lines_and_flags_a_stale_one() {
    let out = run(&fixture_args(true), &["--json"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(
        statuses(&report),
        [
            (4, "covered".to_string()),
            (5, "uncovered".into()),
            (11, "cited_without_figure".into()),
            (12, "excluded".into()),
            (15, "excluded".into()),
        ]
    );
    assert_eq!(
        report["lines"][3]["reason"],
        "a row kept out of the fixture's data"
    );
    assert_eq!(
        report["problems"],
        serde_json::json!([{"line": 6, "message": "line 6 carries no figure: the exclusion is not needed"}])
    );
    assert_eq!(out.code, 1);
}

#[test]
fn fixture_human_and_markdown_reports() {
    let human = run(&fixture_args(true), &[]);
    assert_eq!(human.code, 1);
    insta::assert_snapshot!("coverage_fixture_human", human.stdout);
    let markdown = run(&fixture_args(true), &["--markdown"]);
    assert_eq!(markdown.code, 1);
    insta::assert_snapshot!("coverage_fixture_markdown", markdown.stdout);
}

#[test]
fn unknown_source_exits_2_with_the_closest_ids() {
    let mut args = fixture_args(false);
    args[1] = "test-nte".into();
    let out = run(&args, &[]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: no source `test-nte`; did you mean `test-note`?\n"
    );
    assert!(out.stdout.is_empty());

    args[1] = "gpt-4".into();
    let out = run(&args, &[]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "error: `gpt-4` is a model, not a source\n");
}

#[test]
fn unreadable_document_or_exclusions_exit_2() {
    let mut args = fixture_args(false);
    args[5] = text(&fixtures().join("coverage/missing.md")).into();
    let out = run(&args, &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("error: cannot read the document "),
        "{}",
        out.stderr
    );

    let mut args = fixture_args(false);
    args.push("--exclusions".into());
    args.push(text(&fixtures().join("coverage/data/claims.ron")).into());
    let out = run(&args, &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("claims.ron:5:5: "),
        "the exclusions error is located: {}",
        out.stderr
    );
}
