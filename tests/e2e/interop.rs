//! `kg export rdf|csv|mermaid`, verified by other tools rather than assumed: the RDF of
//! graph-data loads into Oxigraph (in memory) in all three syntaxes with the same triples,
//! and SPARQL answers lineage and provenance as kg does; the CSV tables read back with a CSV
//! reader and count what `kg stats` counts; the Mermaid charts draw what the queries return.
//! Every export is byte-identical across runs and writes its file or folder atomically.

use kg_core::model::EdgeKind;
use kg_core::{Graph, NodeRef};
use kg_tests::{fixtures, kg, root};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const PREFIXES: &str = "PREFIX kg: <https://kg.example/vocab#>
PREFIX id: <https://kg.example/id/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
";

/// Runs `kg` with `args`, expecting success, and returns standard output.
fn ok(args: &[&str]) -> String {
    let out = kg(args);
    assert_eq!(out.code, 0, "kg {args:?} failed: {}", out.stderr);
    out.stdout
}

/// The graph-data graph, loaded in process (for the indexes the Mermaid ids are made of).
fn graph_data() -> Graph {
    let files: Vec<kg_core::SourceFile> = kg_cli::embedded_files()
        .map(|(path, text)| kg_core::SourceFile {
            path: path.to_string(),
            text: text.to_string(),
        })
        .collect();
    kg_core::load(&files).graph
}

/// A store holding the export of `args` (`kg export rdf ARGS`) read as `format`.
fn store(args: &[&str], format: RdfFormat) -> Store {
    let mut argv = vec!["export", "rdf"];
    argv.extend_from_slice(args);
    let text = ok(&argv);
    let store = Store::new().expect("an in-memory store");
    store
        .load_from_slice(format, text.as_bytes())
        .unwrap_or_else(|e| panic!("Oxigraph cannot read `kg {argv:?}`: {e}"));
    store
}

fn graph_data_store() -> Store {
    store(&["--format", "ntriples"], RdfFormat::NTriples)
}

/// The rows of a SELECT, each a map of variable to the term's plain value.
fn select(store: &Store, query: &str) -> Vec<BTreeMap<String, String>> {
    let text = format!("{PREFIXES}{query}");
    let prepared = SparqlEvaluator::new()
        .parse_query(&text)
        .unwrap_or_else(|e| panic!("bad SPARQL {query}: {e}"));
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute().expect("runs")
    else {
        panic!("not a SELECT: {query}");
    };
    solutions
        .map(|row| {
            let row = row.expect("a row");
            row.iter()
                .map(|(var, term)| {
                    let value = match term {
                        Term::NamedNode(n) => n.as_str().to_string(),
                        Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    };
                    (var.as_str().to_string(), value)
                })
                .collect()
        })
        .collect()
}

/// One column of a SELECT, sorted.
fn column(store: &Store, query: &str, var: &str) -> Vec<String> {
    let mut values: Vec<String> = select(store, query)
        .into_iter()
        .filter_map(|mut row| row.remove(var))
        .collect();
    values.sort();
    values
}

#[test]
fn rdf_loads_into_oxigraph_in_every_syntax_with_the_same_triples() {
    let ntriples = ok(&["export", "rdf", "--format", "ntriples"]);
    let lines = ntriples.lines().count();
    let mut counts = Vec::new();
    for (flag, format) in [
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
        (
            "jsonld",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
    ] {
        let store = store(&["--format", flag], format);
        counts.push((flag, store.len().expect("a count")));
    }
    // No triple is written twice, and every syntax carries every triple.
    assert!(lines > 10_000, "{lines} triples");
    for (flag, count) in &counts {
        assert_eq!(*count, lines, "{flag}: {counts:?}");
    }
}

#[test]
fn sparql_answers_lineage_as_kg_does() {
    let store = graph_data_store();
    let graph = graph_data();
    let path = "(kg:member_of|kg:successor_of|kg:derived_from)+";
    for (root, down) in [("llama-2", true), ("llama-3.1-405b", false), ("qwen", true)] {
        let query = if down {
            format!("SELECT DISTINCT ?id WHERE {{ ?x {path} id:{root} . ?x kg:id ?id }}")
        } else {
            format!("SELECT DISTINCT ?id WHERE {{ id:{root} {path} ?x . ?x kg:id ?id }}")
        };
        let sparql = column(&store, &query, "id");
        let options = kg_core::query::LineageOptions {
            ancestors: !down,
            descendants: down,
            ..Default::default()
        };
        let tree = kg_core::query::lineage(&graph, root, &options).expect("a lineage");
        let steps = if down {
            &tree.descendants
        } else {
            &tree.ancestors
        };
        let mut expected: Vec<String> = steps.iter().map(|s| s.id.clone()).collect();
        expected.sort();
        assert!(!expected.is_empty(), "{root}");
        assert_eq!(
            sparql,
            expected,
            "{root} {}",
            if down { "down" } else { "up" }
        );
        // And the command line says the same.
        let json: Value = serde_json::from_str(&ok(&["--json", "lineage", root])).expect("JSON");
        let key = if down { "descendants" } else { "ancestors" };
        let mut cli: Vec<String> = json[key]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| s["id"].as_str().expect("an id").to_string())
            .collect();
        cli.sort();
        assert_eq!(sparql, cli, "{root}");
    }
}

#[test]
fn sparql_follows_derivations_with_their_kind() {
    let data = fixtures().join("dot/small").display().to_string();
    let store = store(&["--data", &data, "--format", "turtle"], RdfFormat::Turtle);
    let rows = select(
        &store,
        "SELECT ?id ?kind WHERE {
            ?x kg:derived_from+ id:rocket-2 ; kg:id ?id .
            ?c kg:subject ?x ; kg:property \"derived_from\" ; kg:derivation ?kind .
        } ORDER BY ?id",
    );
    let found: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["id"].as_str(), r["kind"].as_str()))
        .collect();
    assert_eq!(
        found,
        [("rocket-2-chat", "finetune"), ("rocket-2-q4", "quantized")]
    );
    // The relations are declared as the PROV terms they refine.
    let refined = column(
        &store,
        "SELECT ?p WHERE { ?p rdfs:subPropertyOf prov:wasDerivedFrom }",
        "p",
    );
    assert_eq!(refined, ["https://kg.example/vocab#derived_from"]);
}

#[test]
fn sparql_gives_the_provenance_of_every_claim_of_line_6() {
    let store = graph_data_store();
    let graph = graph_data();
    let of_line_6: Vec<String> = graph
        .claims
        .iter()
        .filter(|c| {
            c.citations
                .iter()
                .any(|cit| cit.line == 6 && graph.entity_id(cit.source) == "note")
        })
        .map(|c| graph.claim_id(c))
        .collect();
    assert!(!of_line_6.is_empty(), "the note's line 6 has a figure");
    for claim in &of_line_6 {
        let json: Value =
            serde_json::from_str(&ok(&["--json", "provenance", claim])).expect("JSON");
        let chain = json["chain"].as_array().expect("a chain");
        let rows = select(
            &store,
            &format!(
                "SELECT ?value ?doc ?section ?line ?quote WHERE {{
                    ?claim kg:id \"{claim}\" ; kg:value ?value ;
                           prov:wasQuotedFrom ?d ; prov:qualifiedQuotation ?q .
                    ?q a prov:Quotation ; prov:entity ?d ; kg:line ?line ; kg:quote ?quote .
                    OPTIONAL {{ ?q kg:section ?section }}
                    ?d kg:id ?doc .
                }}"
            ),
        );
        let documents: Vec<&Value> = chain.iter().filter(|l| l["kind"] == "document").collect();
        assert_eq!(rows.len(), documents.len(), "{claim}: {rows:?}");
        for (row, link) in rows.iter().zip(&documents) {
            assert_eq!(row["doc"], link["id"].as_str().expect("id"), "{claim}");
            assert_eq!(row["line"], link["line"].to_string(), "{claim}");
            assert_eq!(
                row["quote"],
                link["quote"].as_str().expect("quote"),
                "{claim}"
            );
            assert_eq!(
                row.get("section").map(String::as_str).unwrap_or(""),
                link["section"].as_str().expect("section"),
                "{claim}"
            );
            assert_eq!(
                row["value"],
                json["claim"]["value"]["text"].as_str().expect("text")
            );
        }
        let primaries = column(
            &store,
            &format!(
                "SELECT ?id WHERE {{ ?claim kg:id \"{claim}\" ; prov:hadPrimarySource ?p . ?p kg:id ?id }}"
            ),
            "id",
        );
        let mut expected: Vec<String> = chain
            .iter()
            .filter(|l| l["kind"] == "primary_source")
            .map(|l| l["id"].as_str().expect("id").to_string())
            .collect();
        expected.sort();
        expected.dedup();
        assert_eq!(primaries, expected, "{claim}");
    }
    // The figure of line 6 is the 2024 market, attributed to MarketGrowthReports.
    assert!(of_line_6.contains(&"global-llm/market_size/2024@6".to_string()));
}

#[test]
fn names_keep_their_language_and_amounts_are_decimals() {
    let store = graph_data_store();
    let rows = select(
        &store,
        "SELECT ?lang WHERE { id:baichuan skos:altLabel ?name . FILTER(STR(?name) = \"百川智能\") BIND(LANG(?name) AS ?lang) }",
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["lang"], "zh");
    let rows = select(
        &store,
        "SELECT ?amount ?type WHERE { ?c kg:id \"global-llm/market_size/2024@6\" ; kg:amount ?amount . BIND(DATATYPE(?amount) AS ?type) }",
    );
    assert_eq!(rows[0]["amount"], "5617000000");
    assert_eq!(rows[0]["type"], "http://www.w3.org/2001/XMLSchema#decimal");
    // Every amount is a plain decimal.
    let amounts = column(&store, "SELECT ?a WHERE { ?c kg:amount ?a }", "a");
    assert!(amounts.len() > 300);
    for a in &amounts {
        assert!(
            !a.contains('e') && !a.contains("999999") && !a.contains("000001"),
            "{a}"
        );
    }
}

#[test]
fn the_base_moves_every_data_iri_and_a_bad_base_is_refused() {
    let text = ok(&[
        "export",
        "rdf",
        "--format",
        "ntriples",
        "--base",
        "urn:kg:test/",
    ]);
    assert!(text.contains("<urn:kg:test/id/llama-2>"));
    assert!(!text.contains("https://kg.example/id/"));
    // The vocabulary does not move.
    assert!(text.contains("<https://kg.example/vocab#member_of>"));
    let bad = kg(&["export", "rdf", "--base", "https://example.org/kg"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("must end with `/` or `#`"),
        "{}",
        bad.stderr
    );
    assert!(bad.stdout.is_empty());
}

#[test]
fn every_vocabulary_term_is_declared_and_documented() {
    let text = ok(&["export", "rdf", "--format", "ntriples"]);
    let doc = std::fs::read_to_string(root().join("docs/interop.md")).expect("docs/interop.md");
    let declared: BTreeSet<&str> = kg_export::rdf::TERMS.iter().map(|t| t.name).collect();
    let mut used = BTreeSet::new();
    for piece in text.split("<https://kg.example/vocab#").skip(1) {
        used.insert(piece.split('>').next().expect("an IRI"));
    }
    let undeclared: Vec<_> = used.difference(&declared).collect();
    assert!(
        undeclared.is_empty(),
        "used but not declared: {undeclared:?}"
    );
    let undocumented: Vec<_> = declared
        .iter()
        .filter(|t| !doc.contains(&format!("`kg:{t}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "not in docs/interop.md: {undocumented:?}"
    );
}

/// The SPARQL blocks of docs/interop.md run on the store and each answers something.
#[test]
fn the_documented_sparql_runs() {
    let store = graph_data_store();
    let doc = std::fs::read_to_string(root().join("docs/interop.md")).expect("docs/interop.md");
    let blocks = fenced(&doc, "sparql");
    assert!(blocks.len() >= 4, "{} SPARQL blocks", blocks.len());
    for block in blocks {
        let prepared = SparqlEvaluator::new()
            .parse_query(&block)
            .unwrap_or_else(|e| panic!("docs/interop.md: bad SPARQL\n{block}\n{e}"));
        let results = prepared.on_store(&store).execute().expect("runs");
        let QueryResults::Solutions(solutions) = results else {
            panic!("not a SELECT:\n{block}");
        };
        assert!(solutions.count() > 0, "no answer:\n{block}");
    }
}

/// The fenced blocks of `lang` in a Markdown text.
fn fenced(doc: &str, lang: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut block: Option<String> = None;
    for line in doc.lines() {
        match (&mut block, line.trim_end()) {
            (None, l) if l == format!("```{lang}") => block = Some(String::new()),
            (Some(text), "```") => {
                blocks.push(std::mem::take(text));
                block = None;
            }
            (Some(text), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// Each excerpt of docs/interop.md and docs/cli.md, a fenced block after a line
/// `<!-- excerpt: kg ARGS -->` (or `<!-- excerpt: csv TABLE -->` for a table of
/// `kg export csv`), stands in today's output of that command, line for line.
#[test]
fn the_documented_excerpts_are_real_output() {
    let tables = scratch("excerpts").join("tables");
    ok(&["export", "csv", "--out", &tables.display().to_string()]);
    let mut checked = 0;
    for file in ["docs/interop.md", "docs/cli.md"] {
        let doc = std::fs::read_to_string(root().join(file)).expect(file);
        let mut lines = doc.lines();
        while let Some(line) = lines.next() {
            let Some(command) = line
                .trim()
                .strip_prefix("<!-- excerpt: ")
                .and_then(|l| l.strip_suffix(" -->"))
            else {
                continue;
            };
            let fence = lines.next().expect("a fenced block after the marker");
            assert!(
                fence.starts_with("```"),
                "{file}: `{command}` needs a block"
            );
            let excerpt: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            let output = match command.split_once(' ') {
                Some(("kg", args)) => ok(&args.split_whitespace().collect::<Vec<_>>()),
                Some(("csv", table)) => {
                    std::fs::read_to_string(tables.join(table)).expect("a table")
                }
                _ => panic!("{file}: unknown excerpt source `{command}`"),
            };
            let excerpt = excerpt.join("\n");
            let output = output.replace("\r\n", "\n");
            assert!(
                output.contains(&excerpt),
                "{file}: the excerpt of `kg {command}` is not in its output:\n{excerpt}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 4, "{checked} excerpts");
}

#[test]
fn every_export_is_byte_identical_across_runs() {
    for args in [
        &["export", "rdf", "--format", "turtle"][..],
        &["export", "rdf", "--format", "ntriples"],
        &["export", "rdf", "--format", "jsonld"],
        &["export", "mermaid", "--view", "lineage"],
        &[
            "export",
            "mermaid",
            "--view",
            "provenance",
            "--root",
            "note",
        ],
    ] {
        assert_eq!(ok(args), ok(args), "{args:?}");
    }
    let (a, b) = (scratch("same-a"), scratch("same-b"));
    for dir in [&a, &b] {
        ok(&[
            "export",
            "csv",
            "--out",
            &dir.join("t").display().to_string(),
        ]);
    }
    for table in kg_export::csv::TABLES {
        let read = |d: &Path| std::fs::read(d.join("t").join(table.file_name())).expect("a table");
        assert_eq!(read(&a), read(&b), "{}", table.file_name());
    }
}

/// A fresh empty folder under the system's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kg-interop-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

#[test]
fn rdf_to_a_file_is_what_it_prints_and_leaves_nothing_else() {
    let dir = scratch("rdf-file");
    let path = dir.join("kg.ttl");
    let out = kg(&["export", "rdf", "-o", &path.display().to_string()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).expect("written"),
        ok(&["export", "rdf"])
    );
    let names: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["kg.ttl"]);
    // A folder that does not exist: an I/O error, exit 2, nothing written.
    let missing = dir.join("no/such/kg.ttl");
    let out = kg(&["export", "rdf", "-o", &missing.display().to_string()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("cannot write"), "{}", out.stderr);
}

/// The rows of a CSV table, read with a CSV reader (the header checked against `columns`).
fn table(dir: &Path, table: kg_export::csv::Table) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join(table.file_name())).expect("a table");
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, table.columns(), "{}", table.file_name());
    reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn csv_tables_read_back_and_count_what_kg_stats_counts() {
    use kg_export::csv::Table;
    let dir = scratch("csv").join("tables");
    ok(&["export", "csv", "--out", &dir.display().to_string()]);
    let stats: Value = serde_json::from_str(&ok(&["--json", "stats"])).expect("JSON");
    let entities = table(&dir, Table::Entities);
    let claims = table(&dir, Table::Claims);
    let citations = table(&dir, Table::Citations);
    let edges = table(&dir, Table::Edges);
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    for e in &entities {
        *kinds.entry(e["kind"].clone()).or_default() += 1;
    }
    for (kind, n) in stats["nodes"].as_object().expect("nodes") {
        let n = n.as_u64().expect("a count");
        if kind == "claim" {
            assert_eq!(claims.len() as u64, n);
        } else {
            assert_eq!(kinds.get(kind).copied().unwrap_or(0), n, "{kind}");
        }
    }
    assert_eq!(
        claims.len() as u64,
        stats["claims"].as_u64().expect("claims")
    );
    assert_eq!(
        citations.len() as u64,
        stats["citations"].as_u64().expect("citations")
    );
    let mut by_kind: BTreeMap<String, u64> = BTreeMap::new();
    for e in &edges {
        *by_kind.entry(e["kind"].clone()).or_default() += 1;
    }
    let expected: BTreeMap<String, u64> = stats["edges"]
        .as_object()
        .expect("edges")
        .iter()
        .map(|(k, n)| (k.clone(), n.as_u64().expect("a count")))
        .collect();
    assert_eq!(by_kind, expected);
    let mut by_status: BTreeMap<String, u64> = BTreeMap::new();
    for c in &claims {
        *by_status.entry(c["status"].clone()).or_default() += 1;
    }
    for (status, n) in stats["by_status"].as_object().expect("by_status") {
        assert_eq!(
            by_status.get(status).copied().unwrap_or(0),
            n.as_u64().expect("n"),
            "{status}"
        );
    }
    // The figure of line 6, with its amount as kg normalizes it, and its citation.
    let claim = claims
        .iter()
        .find(|c| c["id"] == "global-llm/market_size/2024@6")
        .expect("the claim of line 6");
    assert_eq!(claim["value"], "56.17亿美元");
    assert_eq!(claim["amount"], "5617000000");
    assert_eq!(claim["unit"], "USD");
    assert_eq!(claim["as_of"], "2024");
    let citation = citations
        .iter()
        .find(|c| c["claim"] == "global-llm/market_size/2024@6")
        .expect("its citation");
    assert_eq!(citation["line"], "6");
    assert_eq!(citation["attributed_to"], "marketgrowthreports");
    assert!(citation["quote"].contains("56.17亿美元（MarketGrowthReports）"));
    // Every amount parses as a number and is written without an exponent.
    for c in &claims {
        for key in ["amount", "min", "max"] {
            let a = &c[key];
            if !a.is_empty() {
                assert!(
                    a.parse::<f64>().is_ok() && !a.contains('e'),
                    "{}: {key} {a}",
                    c["id"]
                );
            }
        }
    }
    // Edges name their ends by id: every end is an entity or a claim.
    let ids: BTreeSet<&str> = entities
        .iter()
        .chain(&claims)
        .map(|r| r["id"].as_str())
        .collect();
    for e in &edges {
        assert!(
            ids.contains(e["src"].as_str()) && ids.contains(e["dst"].as_str()),
            "{e:?}"
        );
    }
}

#[test]
fn csv_refuses_a_folder_that_is_not_empty_unless_forced() {
    let root = scratch("csv-force");
    let dir = root.join("tables");
    std::fs::create_dir(&dir).expect("dir");
    std::fs::write(dir.join("mine.txt"), "keep me").expect("file");
    let d = dir.display().to_string();
    let out = kg(&["export", "csv", "--out", &d]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert!(dir.join("mine.txt").exists() && !dir.join("claims.csv").exists());
    ok(&["export", "csv", "--out", &d, "--force"]);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["citations.csv", "claims.csv", "edges.csv", "entities.csv"]
    );
    // Nothing is left beside it.
    let beside: Vec<_> = std::fs::read_dir(&root)
        .expect("root")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(beside, ["tables"]);
}

/// Node and edge lines of a Mermaid flowchart: (node ids, (from, label, to) edges).
fn chart(text: &str) -> (Vec<String>, Vec<(String, String, String)>) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("---"), "front matter");
    assert!(lines.next().is_some_and(|l| l.starts_with("title: \"")));
    assert_eq!(lines.next(), Some("---"));
    assert_eq!(lines.next(), Some("flowchart LR"));
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for line in lines {
        let line = line.strip_prefix("    ").expect("an indented statement");
        let arrow = [" -->|\"", " -.->|\""]
            .into_iter()
            .find_map(|a| line.split_once(a));
        match arrow {
            Some((from, rest)) => {
                let (label, to) = rest.split_once("\"| ").expect("a labelled edge");
                edges.push((from.to_string(), label.to_string(), to.to_string()));
            }
            None => {
                let id: String = line
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let shape = &line[id.len()..];
                assert!(
                    shape.contains('"') && !shape[1..shape.len() - 1].contains(['\n']),
                    "{line}"
                );
                nodes.push(id);
            }
        }
    }
    (nodes, edges)
}

#[test]
fn mermaid_lineage_draws_what_the_query_returns() {
    let graph = graph_data();
    for (root, flags) in [
        ("llama-2", &[][..]),
        ("llama-3.1-405b", &["--up"][..]),
        ("qwen", &["--down", "--depth", "2"][..]),
    ] {
        let mut args = vec!["export", "mermaid", "--view", "lineage", "--root", root];
        args.extend_from_slice(flags);
        let (nodes, edges) = chart(&ok(&args));
        let options = kg_core::query::LineageOptions {
            ancestors: !flags.contains(&"--down"),
            descendants: !flags.contains(&"--up"),
            depth: flags.contains(&"--depth").then_some(2),
            relations: Vec::new(),
        };
        let tree = kg_core::query::lineage(&graph, root, &options).expect("a lineage");
        let id_of = |id: &str| format!("e{}", graph.entity_index(id).expect("an entity"));
        let mut expected: Vec<String> = std::iter::once(tree.root.as_str())
            .chain(
                tree.ancestors
                    .iter()
                    .chain(&tree.descendants)
                    .map(|s| s.id.as_str()),
            )
            .map(id_of)
            .collect();
        expected.sort();
        let mut drawn = nodes.clone();
        drawn.sort();
        assert_eq!(drawn, expected, "{root}");
        // Every step of the tree is an edge, and every edge is a lineage edge of the graph
        // between two drawn nodes (from the older to the newer).
        for step in tree.ancestors.iter().chain(&tree.descendants) {
            let (a, b) = (id_of(&step.id), id_of(&step.via));
            assert!(
                edges
                    .iter()
                    .any(|(f, _, t)| (f == &a && t == &b) || (f == &b && t == &a)),
                "{root}: no edge for {} via {}",
                step.id,
                step.via
            );
        }
        let lineage_edges: BTreeSet<(String, String)> = graph
            .edges()
            .filter(|(_, _, e)| {
                matches!(
                    e.kind,
                    EdgeKind::MemberOf | EdgeKind::SuccessorOf | EdgeKind::DerivedFrom(_)
                )
            })
            .filter_map(|(t, h, _)| match (t, h) {
                (NodeRef::Entity(t), NodeRef::Entity(h)) => {
                    Some((format!("e{h}"), format!("e{t}")))
                }
                _ => None,
            })
            .filter(|(f, t)| expected.contains(f) && expected.contains(t))
            .collect();
        let drawn_edges: BTreeSet<(String, String)> = edges
            .iter()
            .map(|(f, _, t)| (f.clone(), t.clone()))
            .collect();
        assert_eq!(drawn_edges, lineage_edges, "{root}");
        assert_eq!(
            edges.len(),
            lineage_edges.len(),
            "{root}: an edge drawn twice"
        );
    }
}

#[test]
fn mermaid_provenance_draws_the_chain_of_each_claim() {
    let graph = graph_data();
    let claim = "global-llm/market_size/2024@6";
    let (nodes, edges) = chart(&ok(&[
        "export",
        "mermaid",
        "--view",
        "provenance",
        "--root",
        claim,
    ]));
    let found = kg_core::query::provenance(&graph, claim).expect("a provenance");
    let claims = 1 + found.corroborating.len() + found.conflicting.len();
    assert_eq!(nodes.iter().filter(|n| n.starts_with('c')).count(), claims);
    let index = graph
        .claims
        .iter()
        .position(|c| graph.claim_id(c) == claim)
        .expect("a claim");
    let c = format!("c{index}");
    let note = format!("e{}", graph.entity_index("note").expect("note"));
    let primary = format!(
        "e{}",
        graph.entity_index("marketgrowthreports").expect("firm")
    );
    let q = format!("q{index}_1");
    for (from, label, to) in [
        (&c, "quoted from", &q),
        (&q, "in", &note),
        (&q, "primary source", &primary),
    ] {
        assert!(
            edges.contains(&(from.clone(), label.to_string(), to.clone())),
            "{from} {label} {to}: {edges:?}"
        );
    }
    // -o writes the same chart to a file, and nothing else beside it.
    let dir = scratch("mermaid-file");
    let path = dir.join("provenance.mmd");
    let printed = ok(&["export", "mermaid", "--view", "provenance", "--root", claim]);
    let p = path.display().to_string();
    let written = kg(&[
        "export",
        "mermaid",
        "--view",
        "provenance",
        "--root",
        claim,
        "-o",
        &p,
    ]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert_eq!(std::fs::read_to_string(&path).expect("written"), printed);
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
    // A claim without --root, or an unknown one: a usage error.
    let out = kg(&["export", "mermaid", "--view", "provenance"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--root"), "{}", out.stderr);
    let out = kg(&["export", "mermaid", "--view", "lineage", "--root", "lama-2"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("did you mean"), "{}", out.stderr);
}

/// Mermaid's own parser (mermaid and jsdom, which ./run-tests installs under
/// target/mermaid with npm) reads every chart, with Mermaid's default limits.
#[test]
fn mermaid_itself_reads_every_chart() {
    let dir = root().join("target/mermaid");
    assert!(
        dir.join("node_modules/mermaid").is_dir(),
        "Mermaid's parser is not installed under {}: ./run-tests installs it with npm \
         (tests/mermaid/package.json)",
        dir.display()
    );
    std::fs::copy(
        root().join("tests/mermaid/check.mjs"),
        dir.join("check.mjs"),
    )
    .expect("the check script");
    let small = fixtures().join("dot/small").display().to_string();
    let cases: &[&[&str]] = &[
        &["--view", "lineage"],
        &["--view", "lineage", "--root", "llama-2"],
        &["--view", "lineage", "--root", "llama-3.1-405b", "--up"],
        &["--view", "lineage", "--root", "meta"],
        &[
            "--view",
            "provenance",
            "--root",
            "global-llm/market_size/2024@6",
        ],
        &["--view", "provenance", "--root", "global-llm"],
        &["--view", "provenance", "--root", "marketgrowthreports"],
        &["--view", "provenance", "--root", "baichuan"],
        &["--data", &small, "--view", "lineage"],
        &[
            "--data",
            &small,
            "--view",
            "provenance",
            "--root",
            "rocket-2-q4",
        ],
    ];
    let charts = scratch("mermaid");
    let mut files = Vec::new();
    for (n, args) in cases.iter().enumerate() {
        let mut argv = vec!["export", "mermaid"];
        argv.extend_from_slice(args);
        let out = kg(&argv);
        assert_eq!(out.code, 0, "{argv:?}: {}", out.stderr);
        assert!(out.stderr.is_empty(), "{argv:?}: {}", out.stderr);
        let file = charts.join(format!("{n}.mmd"));
        std::fs::write(&file, out.stdout).expect("a chart");
        files.push(file);
    }
    let output = std::process::Command::new("node")
        .arg(dir.join("check.mjs"))
        .args(&files)
        .output()
        .expect("node runs (./run-tests installs it with npm)");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "Mermaid rejects a chart:\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        report
            .lines()
            .filter(|l| l.ends_with(" ok flowchart-v2"))
            .count(),
        cases.len(),
        "{report}"
    );
    // A chart past Mermaid's default 500 edges says so.
    let big = kg(&[
        "export",
        "mermaid",
        "--view",
        "provenance",
        "--root",
        "note",
    ]);
    assert_eq!(big.code, 0);
    assert!(big.stderr.contains("maxEdges"), "{}", big.stderr);
}
