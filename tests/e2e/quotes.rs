//! Every quote of graph-data stands at its line of the note, as `kg check` verifies it, when
//! the note is available (`../shared/seed/` beside the workspace, or the folder of `KG_NOTE`);
//! and a quote changed in a copy of graph-data is a `quote-mismatch` at its place.

use crate::documents::{copy_dir, note_folder, tempdir};
use kg_tests::kg;
use serde_json::Value as Json;

#[test]
fn every_quote_of_graph_data_stands_at_its_line() {
    let Some(seed) = note_folder() else {
        eprintln!("SKIPPED every_quote_of_graph_data_stands_at_its_line: the note is not found (set KG_NOTE)");
        return;
    };
    let seed = seed.to_str().expect("UTF-8 path");
    let out = kg(&[
        "check",
        "--json",
        "--require-documents",
        "--documents",
        seed,
    ]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let doc: Json = serde_json::from_str(&out.stdout).expect("JSON");
    let reports = doc["documents"].as_array().expect("a documents list");
    assert_eq!(reports.len(), 1, "{reports:?}");
    let note = &reports[0];
    assert_eq!(note["source"], "note");
    assert_eq!(note["file"], "000_85998f9bbbdc5ba5.txt");
    assert_eq!(note["found"], true);
    assert_eq!(note["sha256_matches"], true);
    assert_eq!(note["quotes_mismatched"], 0);
    let quotes = note["quotes"].as_u64().expect("a count");
    assert_eq!(note["quotes_verified"].as_u64(), Some(quotes));
    assert!(quotes > 500, "only {quotes} quotes of the note");
    // The hand-typed outline is the note's headings, and the note is the one quoted.
    for w in doc["warnings"].as_array().expect("warnings") {
        assert!(
            !matches!(
                w["code"].as_str(),
                Some("outline-mismatch" | "document-changed")
            ),
            "{w:#}"
        );
    }
    eprintln!("kg check verified {quotes} quotes of graph-data against the note");
}

#[test]
fn a_changed_quote_is_a_quote_mismatch_at_the_quote() {
    let Some(seed) = note_folder() else {
        eprintln!(
            "SKIPPED a_changed_quote_is_a_quote_mismatch_at_the_quote: the note is not found"
        );
        return;
    };
    let dir = tempdir("quotes-changed");
    let data = dir.join("data");
    copy_dir(&kg_tests::root().join("graph-data"), &data);
    let markets = data.join("markets.ron");
    let text = std::fs::read_to_string(&markets).expect("markets.ron");
    let quote = "quote: \"**2025年另一预测**: 50.3亿美元";
    let at = text
        .find(quote)
        .expect("the quote of line 8 is in markets.ron");
    std::fs::write(
        &markets,
        text.replacen(quote, &quote.replace("50.3", "50.4"), 1),
    )
    .expect("writable");
    let (line, column) = kg_core::diagnostic::line_column(&text, at + "quote: ".len());
    let out = kg(&[
        "check",
        "--json",
        "--data",
        data.to_str().expect("UTF-8"),
        "--documents",
        seed.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let doc: Json = serde_json::from_str(&out.stdout).expect("JSON");
    let errors = doc["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(e["code"], "quote-mismatch");
    assert!(e["file"].as_str().expect("a file").ends_with("markets.ron"));
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(line.into()), Some(column.into()))
    );
    let message = e["message"].as_str().expect("a message");
    assert!(
        message.contains("not on line 8 of 000_85998f9bbbdc5ba5.txt, nor anywhere in it")
            && message.contains("the cited line is the most similar"),
        "{message}"
    );
    let note = &doc["documents"][0];
    assert_eq!(note["quotes_mismatched"], 1);
    std::fs::remove_dir_all(&dir).expect("removable");
}
