//! Queries over a loaded [`Graph`]: pure functions that return typed results, so that the
//! command line, the exporter and any later front end answer the same questions the same way.
//!
//! Every query that starts from a node walks edges from that node; none scans all claims
//! (except `list` and `stats`, whose answer is about all of them).
//!
//! ```
//! use kg_core::{load, query, SourceFile};
//!
//! let text = r#"(
//!     source: "note",
//!     sources: [(id: "note", name: "A note", kind: note)],
//!     organizations: [(id: "meta", name: "Meta", roles: [developer])],
//!     families: [(id: "llama", name: "Llama", developer: "meta", cite: (line: 1, quote: "Llama"))],
//!     models: [(id: "llama-3.1-405b", name: "Llama 3.1 405B", family: "llama",
//!               developer: "meta", cite: (line: 2, quote: "405B"))],
//! )"#;
//! let graph = load(&[SourceFile { path: "a.ron".into(), text: text.into() }]).graph;
//! let hits = query::search(&graph, "LLaMA 3.1-405b", 5);
//! assert_eq!(hits[0].id, "llama-3.1-405b");
//! let tree = query::lineage(&graph, "llama-3.1-405b", &query::LineageOptions::default()).unwrap();
//! assert_eq!(tree.ancestors[0].id, "llama");
//! ```

mod cites;
mod compare;
mod currency;
mod filter;
mod lineage;
mod list;
mod path;
mod provenance;
mod search;
mod series;
mod show;
mod stats;

pub use cites::{cites, Cited, Support};
pub use compare::{compare, Compared, PropertyRow};
pub use currency::{money_text, rate_between, rates, Rate};
pub use filter::{parse as parse_filter, Comparison, Expr, FilterError, Op, Span};
pub use lineage::{lineage, lineage_in_snapshot, Lineage, LineageOptions, LineageStep};
pub use list::{kind_named, list, ListOptions, Listed, Pick, Row};
pub use path::{paths, Path, PathStep};
pub use provenance::{provenance, provenance_of, Link, LinkKind, Provenance};
pub use search::{matches, matches_fuzzily, normalize, search, Hit};
pub use series::{series, Change, Point, Series, Track};
pub use show::{show, Direction, Relation, Shown};
pub use stats::{stats, Stats};

use crate::date::Date;
use crate::graph::{Graph, NodeRef};
use crate::model::{EdgeKind, Entity};
use crate::value::Shape;
use petgraph::visit::EdgeRef;

/// Why a query could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// No entity or claim has this id; `suggestions` are the closest ids, best first.
    #[error("no {what} with id `{id}`{}", did_you_mean(.suggestions))]
    Unknown {
        /// What was looked for: "entity", "claim", "source", ...
        what: &'static str,
        /// The id asked for.
        id: String,
        /// The closest existing ids.
        suggestions: Vec<String>,
    },
    /// An argument that cannot be read (a date, a property, a relation kind).
    #[error("{0}")]
    BadArgument(String),
    /// A `--where` expression with a mistake, and where it is.
    #[error("{0}")]
    Filter(FilterError),
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// An "unknown id" error with the closest ids of the graph suggested.
pub fn unknown(graph: &Graph, what: &'static str, id: &str) -> QueryError {
    QueryError::Unknown {
        what,
        id: id.to_string(),
        suggestions: graph.closest_ids(id, 5),
    }
}

/// The entity with this id, or an error suggesting the closest ids.
pub fn resolve_entity<'g>(graph: &'g Graph, id: &str) -> Result<(u32, &'g Entity), QueryError> {
    match graph.lookup(id) {
        Some(NodeRef::Entity(i)) => graph
            .entities
            .get(i as usize)
            .map(|e| (i, e))
            .ok_or_else(|| unknown(graph, "entity", id)),
        _ => Err(unknown(graph, "entity", id)),
    }
}

/// A property by name, or an error suggesting the closest names.
pub fn parse_property(name: &str) -> Result<crate::Property, QueryError> {
    use crate::Property;
    Property::from_name(name).ok_or_else(|| {
        let close = crate::load::closest(name, Property::ALL.iter().map(|p| p.name()), 3);
        QueryError::BadArgument(if close.is_empty() {
            format!("unknown property `{name}`")
        } else {
            format!(
                "unknown property `{name}`; did you mean {}?",
                close.join(", ")
            )
        })
    })
}

/// The claims whose subject is the entity at `entity`, each once, in load order.
///
/// Walks the entity's incoming `about` edges: linear in the claims about it.
pub fn claims_about(graph: &Graph, entity: u32) -> impl Iterator<Item = &crate::Claim> + '_ {
    let node = graph.node(NodeRef::Entity(entity));
    let mut found: Vec<u32> = graph
        .graph
        .edges_directed(node, petgraph::Direction::Incoming)
        .filter(|e| e.weight().kind == EdgeKind::AboutSubject)
        .filter_map(|e| match graph.graph[e.source()] {
            NodeRef::Claim(c) => Some(c),
            NodeRef::Entity(_) => None,
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .filter_map(|c| graph.claims.get(c as usize))
}

/// The release date an entity's own `release_date` claims give (the earliest, if several).
///
/// Walks the entity's incoming `about` edges: linear in the claims about it.
pub fn release_date(graph: &Graph, entity: u32) -> Option<Date> {
    claims_about(graph, entity)
        .filter(|c| c.property == crate::Property::ReleaseDate)
        .filter_map(|c| match c.value.shape {
            Shape::Date(d) => Some(d),
            _ => None,
        })
        .min_by_key(|d| d.start_key())
}
