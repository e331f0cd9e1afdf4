//! kg-export: the kg graph for other tools. RDF with W3C PROV-O for triple stores
//! ([`rdf`]: Turtle, N-Triples, JSON-LD), tidy CSV tables for notebooks, DuckDB and Spark
//! ([`csv`]), and Mermaid flowcharts of the lineage and provenance views for Markdown
//! reports ([`mermaid`]).
//!
//! ```
//! use kg_core::{load, SourceFile};
//!
//! let text = r#"(
//!     source: "note",
//!     sources: [(id: "note", name: "A research note", kind: note)],
//!     markets: [(id: "global-llm", name: "Global LLM market")],
//!     claims: [
//!         (subject: "global-llm", property: market_size, as_of: "2024", value: "56.17亿美元",
//!          cite: (line: 6, quote: "56.17亿美元")),
//!     ],
//! )"#;
//! let graph = load(&[SourceFile { path: "a.ron".into(), text: text.into() }]).graph;
//! let mut out = Vec::new();
//! let options = kg_export::rdf::Options::new(kg_export::rdf::Format::NTriples);
//! kg_export::rdf::write(&graph, &options, &mut out)?;
//! let text = String::from_utf8(out)?;
//! assert!(text.contains(r#"<https://kg.example/vocab#amount> "5617000000"^^<http://www.w3.org/2001/XMLSchema#decimal>"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Architecture Invariant:** kg-export depends on kg-core only (plus the serializers it
//! writes with), reads no file, and writes to the `io::Write` it is given, as it goes: an
//! export holds one entity or claim at a time, never a second copy of the graph.
//!
//! **Architecture Invariant:** the same graph gives the same bytes. Everything is written
//! in load order (entities, then claims, then edges, as the loader numbered them), which
//! the loader keeps the same for the same files.

pub mod csv;
pub mod mermaid;
mod number;
pub mod rdf;

pub use number::decimal;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The `--base` IRI cannot prefix the exported IRIs.
    #[error("--base `{base}`: {reason}")]
    BadBase {
        /// The base as given.
        base: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A view needs a root that was not given, or was of the wrong kind.
    #[error("{0}")]
    BadRoot(String),
    /// A query the view rests on could not be answered (an unknown id, say).
    #[error(transparent)]
    Query(#[from] kg_core::query::QueryError),
}

impl From<::csv::Error> for Error {
    fn from(e: ::csv::Error) -> Error {
        match e.into_kind() {
            ::csv::ErrorKind::Io(io) => Error::Io(io),
            other => Error::Io(std::io::Error::other(format!("{other:?}"))),
        }
    }
}
