//! `kg check` over fixture datasets: every good fixture is clean, every bad fixture yields
//! exactly the diagnostics its `expected.txt` lists (code, file, line, column), and the real
//! graph-data has no errors.

use kg_tests::{fixtures, kg};
use std::path::Path;

/// The diagnostics of `kg check --json --require-documents` on a folder, as `severity code
/// file:line:column` lines, with file paths relative to the folder. (A fixture's documents are
/// in its `documents/` folder.)
fn diagnostics(dir: &Path) -> (u8, Vec<String>) {
    let dir_text = dir.to_str().expect("fixture paths are UTF-8");
    let out = kg(&["check", "--json", "--require-documents", "--data", dir_text]);
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    let doc: serde_json::Value =
        serde_json::from_str(&out.stdout).expect("check --json prints JSON");
    let mut lines = Vec::new();
    for (key, severity) in [("errors", "error"), ("warnings", "warning")] {
        for d in doc[key].as_array().expect("a list") {
            let file = d["file"].as_str().unwrap_or("-");
            let file = file
                .strip_prefix(dir_text)
                .unwrap_or(file)
                .trim_start_matches('/');
            lines.push(format!(
                "{severity} {} {file}:{}:{}",
                d["code"].as_str().expect("a code"),
                d["line"],
                d["column"]
            ));
        }
    }
    lines.sort();
    (out.code, lines)
}

fn subdirs(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn bad_fixtures_yield_their_diagnostics() {
    let mut failures = Vec::new();
    let dirs = subdirs(&fixtures().join("bad"));
    assert!(
        dirs.len() >= 19,
        "one bad fixture per code, found {}",
        dirs.len()
    );
    for dir in dirs {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("named")
            .to_string();
        let expected_text = std::fs::read_to_string(dir.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{name}: expected.txt is missing"));
        let mut expected: Vec<String> = expected_text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        expected.sort();
        let (code, got) = diagnostics(&dir);
        if got != expected {
            failures.push(format!(
                "{name}:\n  expected {expected:#?}\n  got      {got:#?}"
            ));
        }
        // The fixture is named after the code it exists to trigger.
        let code_name = name.split_once('.').map(|(c, _)| c).unwrap_or(&name);
        if !got.iter().any(|l| l.split(' ').nth(1) == Some(code_name)) {
            failures.push(format!("{name}: no `{code_name}` diagnostic"));
        }
        let has_error = got.iter().any(|l| l.starts_with("error"));
        if code != u8::from(has_error) {
            failures.push(format!("{name}: exit code {code}, errors: {has_error}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every code has a fixture that triggers it: a bad fixture for `kg check`'s own codes, an
/// audit fixture (tests/fixtures/audit/<code>/trigger, tested by e2e::audit) for the audit's.
#[test]
fn every_code_has_a_bad_fixture() {
    let names: Vec<String> = subdirs(&fixtures().join("bad"))
        .iter()
        .chain(subdirs(&fixtures().join("audit")).iter())
        .filter_map(|d| {
            d.file_name()?
                .to_str()
                .map(|n| n.split('.').next().unwrap_or(n).to_string())
        })
        .collect();
    let missing: Vec<&str> = kg_core::Code::ALL
        .iter()
        .map(|c| c.name())
        .filter(|c| !names.iter().any(|n| n == c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn good_fixtures_are_clean() {
    for dir in subdirs(&fixtures().join("good")) {
        let (code, got) = diagnostics(&dir);
        assert_eq!((code, got), (0, Vec::<String>::new()), "{}", dir.display());
    }
}

#[test]
fn graph_data_has_no_errors() {
    let out = kg(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let data = kg_tests::root().join("graph-data");
    let from_folder = kg(&["check", "--data", data.to_str().expect("UTF-8 path")]);
    assert_eq!(from_folder.code, 0, "{}", from_folder.stdout);
}

#[test]
fn human_output_points_a_caret_at_the_problem() {
    let dir = fixtures().join("bad/dangling-reference");
    let out = kg(&["check", "--data", dir.to_str().expect("UTF-8 path")]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out
        .stdout
        .replace(dir.to_str().expect("UTF-8"), "<fixture>"));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = kg(&["check", "--data", "/nonexistent/kg-data"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("cannot read data folder /nonexistent/kg-data"),
        "{}",
        out.stderr
    );
    let out = kg(&["no-such-command"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unrecognized subcommand"),
        "{}",
        out.stderr
    );
}

/// A file saved with a byte-order mark and CRLF line ends, as some editors write it, loads
/// as the same file: every fixture gives the same diagnostics, at the same line and column.
#[test]
fn byte_order_marks_and_crlf_line_ends_change_nothing() {
    let with_bom_and_crlf = |text: &str| format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let root = kg_tests::tempdir("bom-crlf");
    let mut compared = 0;
    let mut failures = Vec::new();
    for group in ["bad", "good"] {
        for dir in subdirs(&fixtures().join(group)) {
            let name = dir.file_name().expect("named").to_owned();
            let copy = root.join(group).join(&name);
            kg_tests::copy_tree(&dir, &copy, &with_bom_and_crlf);
            let (original, copied) = (diagnostics(&dir), diagnostics(&copy));
            if original != copied {
                failures.push(format!(
                    "{}:\n  as written {original:#?}\n  BOM + CRLF {copied:#?}",
                    dir.display()
                ));
            }
            compared += 1;
        }
    }
    std::fs::remove_dir_all(&root).expect("temp dir is removable");
    assert!(compared > 40, "compared only {compared} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
