//! The loader's compact representation on real data and small datasets: derived claim ids
//! find their claims, indexes name the right entities, duplicate claim ids are caught across
//! files, and dangling references get suggestions once every entity is known.

use kg_core::{load, NodeRef, SourceFile};

fn embedded() -> kg_core::Graph {
    let files: Vec<SourceFile> = kg_cli::embedded_files()
        .map(|(path, text)| SourceFile {
            path: path.into(),
            text: text.into(),
        })
        .collect();
    load(&files).graph
}

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.into(),
        text: text.into(),
    }
}

const SOURCE: &str = r#"(
    source: "note",
    sources: [(id: "note", name: "A note", kind: note)],
    organizations: [(id: "meta", name: "Meta", roles: [developer])],
    models: [(id: "llama-3", name: "Llama 3", developer: "meta", cite: (line: 2, quote: "Meta")),
             (id: "llama-2", name: "Llama 2", developer: "meta", cite: (line: 2, quote: "Meta"))],
)"#;

#[test]
fn every_claim_is_found_by_its_derived_id() {
    let graph = embedded();
    assert!(graph.claims.len() > 600, "{} claims", graph.claims.len());
    let mut ids = std::collections::HashSet::new();
    for (i, claim) in graph.claims.iter().enumerate() {
        let id = graph.claim_id(claim);
        assert!(ids.insert(id.clone()), "two claims have the id {id}");
        assert!(id.starts_with(&format!("{}/", graph.entity_id(claim.subject))));
        assert_eq!(graph.lookup(&id), Some(NodeRef::Claim(i as u32)), "{id}");
        assert_eq!(graph.id_of(NodeRef::Claim(i as u32)), id);
    }
    assert_eq!(graph.lookup("meta/parameters_total@99999"), None);
    assert_eq!(graph.lookup("no-such-entity/parameters_total@1"), None);
}

#[test]
fn indexes_name_the_entities_the_files_name() {
    let graph = load(&[file(
        "a.ron",
        &SOURCE.replace(
            "models: [",
            r#"claims: [(subject: "llama-3", property: parameters_total, value: "70B",
                         cite: (line: 3, quote: "70B", attributed_to: ["meta"]))],
               models: ["#,
        ),
    )])
    .graph;
    let claim = graph
        .claims
        .iter()
        .find(|c| c.property == kg_core::Property::ParametersTotal)
        .expect("the figure");
    assert_eq!(graph.subject(claim).id, "llama-3");
    assert_eq!(graph.source_of(&claim.citations[0]).id, "note");
    assert_eq!(
        graph.attributed_to(&claim.citations[0]).collect::<Vec<_>>(),
        ["meta"]
    );
    assert_eq!(claim.origin.path.to_string(), "claims[0]");
    let developed: Vec<String> = graph
        .claims
        .iter()
        .filter(|c| c.property == kg_core::Property::DevelopedBy)
        .map(|c| format!("{} {}", c.origin.path, graph.claim_id(c)))
        .collect();
    assert_eq!(
        developed,
        [
            "models[0].developer llama-3/developed_by/meta@2",
            "models[1].developer llama-2/developed_by/meta@2"
        ]
    );
    assert!(claim.qualifiers.is_empty() && claim.extra.is_none());
}

#[test]
fn a_claim_id_taken_in_another_file_is_reported_and_the_first_kept() {
    let figure = r#"(source: "note", claims: [
        (subject: "llama-3", property: parameters_total, value: "VALUE", cite: (line: 3, quote: "x")),
    ])"#;
    let loaded = load(&[
        file("a.ron", SOURCE),
        file("b.ron", &figure.replace("VALUE", "70B")),
        file("c.ron", &figure.replace("VALUE", "8B")),
    ]);
    let duplicates: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == kg_core::Code::DuplicateId)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(duplicates.len(), 1, "{duplicates:#?}");
    assert!(duplicates[0].contains("c.ron:2:9"), "{}", duplicates[0]);
    assert!(duplicates[0].contains("llama-3/parameters_total@3"));
    let kept = loaded
        .graph
        .claim("llama-3/parameters_total@3")
        .expect("the first is kept");
    assert_eq!(kept.value.text, "70B");
    assert_eq!(loaded.graph.files[kept.origin.file as usize], "b.ron");
}

#[test]
fn a_dangling_reference_is_suggested_an_entity_of_any_file() {
    let loaded = load(&[
        file(
            "a.ron",
            r#"(source: "note", claims: [
                (subject: "llama-33", property: parameters_total, value: "70B", cite: (line: 3, quote: "x")),
            ])"#,
        ),
        file("b.ron", SOURCE),
    ]);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == kg_core::Code::DanglingReference)
        .expect("the dangling subject");
    assert_eq!(d.message, "subject `llama-33` does not exist");
    let help = d.help.as_deref().expect("a suggestion");
    assert!(help.starts_with("did you mean `llama-3`"), "{help}");
}

#[test]
fn closest_keeps_the_best_few_of_many_near_misses() {
    let ids: Vec<String> = (0..5000).map(|i| format!("model-{i}")).collect();
    let all = kg_core::load::closest("modl-42", ids.iter(), ids.len());
    assert!(all.len() > 100, "many near misses: {}", all.len());
    assert_eq!(all[0], "model-42");
    for limit in [1, 3, 10] {
        let best = kg_core::load::closest("modl-42", ids.iter(), limit);
        assert_eq!(
            best,
            all[..limit],
            "the best {limit} are the top of the full ranking"
        );
    }
    assert!(kg_core::load::closest("zzz", ids.iter(), 3).is_empty());
}

#[test]
fn a_citation_is_pointed_at_where_it_is_written_when_an_earlier_one_names_no_document() {
    let loaded = load(&[file(
        "a.ron",
        r#"(
    sources: [(id: "note", name: "A note", kind: note)],
    organizations: [(id: "meta", name: "Meta", roles: [developer])],
    claims: [
        (subject: "meta", property: employees, value: "100",
         cite: (line: 1, quote: "x"),
         cites: [(source: "nope", line: 1, quote: "y"), (source: "note", line: 0, quote: "z")]),
    ],
)"#,
    )]);
    let found: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            let l = d.location.as_ref().expect("located");
            format!("{} {}:{}", d.code.name(), l.line, l.column)
        })
        .collect();
    assert_eq!(
        found,
        [
            "missing-citation 6:16",
            "unknown-source 7:27",
            "bad-citation 7:80"
        ]
    );
}
