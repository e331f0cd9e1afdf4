//! The examples of docs/data-format.md are real: all its `ron` blocks together load as one
//! dataset without an error.

use kg_core::{load, Severity, SourceFile};

#[test]
fn data_format_examples_load() {
    let doc = std::fs::read_to_string(kg_tests::root().join("docs/data-format.md"))
        .expect("docs/data-format.md");
    let mut files = Vec::new();
    let mut block: Option<String> = None;
    for line in doc.lines() {
        match (&mut block, line.trim_end()) {
            (None, "```ron") => block = Some(String::new()),
            (Some(text), "```") => {
                files.push(SourceFile {
                    path: format!("data-format.md#example{}", files.len() + 1),
                    text: std::mem::take(text),
                });
                block = None;
            }
            (Some(text), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    assert!(files.len() >= 4, "found {} examples", files.len());
    let loaded = load(&files);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The examples show each construct they claim to: a conflict and editorial claims warn.
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code.name()).collect();
    assert!(codes.contains(&"conflict"), "{codes:?}");
    assert!(codes.contains(&"editorial-claim"), "{codes:?}");
    let claim = loaded
        .graph
        .claim("global-llm/market_size/2024@6")
        .expect("the documented id");
    let graph = &loaded.graph;
    assert_eq!(
        graph.section(&claim.citations[0]),
        "研究笔记 > 一、全球LLM市场规模与增长数据 > 市场规模统计"
    );
    let primary: Vec<&str> = graph.attributed_to(&claim.citations[0]).collect();
    assert_eq!(primary, ["marketgrowthreports"]);
    let ranked = loaded
        .graph
        .claims
        .iter()
        .find(|c| c.property == kg_core::Property::Rank)
        .expect("the rank example");
    assert_eq!(
        graph
            .attributed_to(&ranked.citations[0])
            .collect::<Vec<_>>(),
        ["idc"],
        "inherited from the outline heading"
    );
}
