//! Every quote of graph-data occurs verbatim at its line of the note, when the note's text
//! is available: `KG_NOTE` names it, else `../shared/seed/` beside the workspace is tried.

use kg_core::{load, SourceFile};

#[test]
fn every_quote_stands_at_its_line() {
    let path = std::env::var_os("KG_NOTE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| kg_tests::root().join("../shared/seed/000_85998f9bbbdc5ba5.txt"));
    let Ok(note) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED every_quote_stands_at_its_line: the note is not at {} (set KG_NOTE)",
            path.display()
        );
        return;
    };
    let lines: Vec<&str> = note.lines().collect();
    let files: Vec<SourceFile> = kg_cli::embedded_files()
        .map(|(path, text)| SourceFile {
            path: path.into(),
            text: text.into(),
        })
        .collect();
    let graph = load(&files).graph;
    let mut checked = 0;
    let mut wrong = Vec::new();
    for claim in &graph.claims {
        for c in claim
            .citations
            .iter()
            .filter(|c| graph.entity_id(c.source) == "note")
        {
            checked += 1;
            let line = lines.get(c.line as usize - 1).copied().unwrap_or("");
            if !line.contains(&*c.quote) {
                wrong.push(format!(
                    "{}: line {} is {line:?}, quote {:?}",
                    graph.claim_id(claim),
                    c.line,
                    c.quote
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} quotes not at their line:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(checked > 0, "no citation of the note was checked");
    eprintln!("checked {checked} quotes against {}", path.display());
}
