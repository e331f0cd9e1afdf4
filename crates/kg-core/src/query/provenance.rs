//! `provenance`: the chain from a figure to the document that states it (section, line,
//! quote) and on to the primary sources that document names; plus the other claims of the
//! same fact (same subject, property, object and qualifiers), split into those that agree
//! within rounding and those that do not ([`crate::disagree`]).

use super::{resolve_entity, unknown, QueryError};
use crate::date::Date;
use crate::graph::{Graph, NodeRef};
use crate::model::{Claim, EdgeKind};
use petgraph::visit::EdgeRef;
use std::sync::Arc;

/// What a link of a provenance chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// The document that states the figure (the citation's source).
    Document,
    /// A primary source the document names for it.
    PrimarySource,
}

impl LinkKind {
    /// The JSON name: `document` or `primary_source`.
    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Document => "document",
            LinkKind::PrimarySource => "primary_source",
        }
    }
}

/// One link of a provenance chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Document or primary source.
    pub kind: LinkKind,
    /// The entity's id.
    pub id: String,
    /// Its display name, when the id is an entity of the graph.
    pub name: Option<String>,
    /// For a document: the section path of the cited line.
    pub section: Option<Arc<str>>,
    /// For a document: the line.
    pub line: Option<u32>,
    /// For a document: the verbatim quote.
    pub quote: Option<Arc<str>>,
}

/// The provenance of one claim.
#[derive(Debug, Clone)]
pub struct Provenance<'g> {
    /// The claim.
    pub claim: &'g Claim,
    /// Per citation, the document and then the primary sources it names, in citation order.
    pub chain: Vec<Link>,
    /// The other claims of the same fact whose values agree with it, in load order.
    pub corroborating: Vec<&'g Claim>,
    /// The other claims of the same fact whose values disagree with it, in load order.
    pub conflicting: Vec<&'g Claim>,
}

/// The provenance of the claim `claim_id`.
///
/// Complexity: linear in the claim's citations and the claims about its subject.
pub fn provenance<'g>(graph: &'g Graph, claim_id: &str) -> Result<Provenance<'g>, QueryError> {
    if let Some(NodeRef::Entity(index)) = graph.lookup(claim_id) {
        // An entity, not a claim: what is missing is a property.
        let mut properties: Vec<&str> = super::claims_about(graph, index)
            .map(|c| c.property.name())
            .collect();
        properties.sort_unstable();
        properties.dedup();
        let kind = graph.entities[index as usize].kind.name();
        return Err(QueryError::BadArgument(match properties.first() {
            Some(first) => format!(
                "`{claim_id}` is a {kind}, not a claim: name a property too, e.g. `kg provenance {claim_id} {first}` (its claims are about: {})",
                properties.join(", ")
            ),
            None => format!("`{claim_id}` is a {kind}, not a claim, and no claim is about it"),
        }));
    }
    let claim = graph
        .claim(claim_id)
        .ok_or_else(|| unknown(graph, "claim", claim_id))?;
    Ok(provenance_of_claim(graph, claim))
}

/// The provenance of every claim of `property` about the entity `id` (as subject; or as
/// object when it is the subject of none), holding at `as_of` when given, in load order.
///
/// `as_of` is a date (`2025`, `2025-H1`, `2024-07`): a claim holds at it when its `as_of` or
/// `period` overlaps it; claims with neither are left out.
pub fn provenance_of<'g>(
    graph: &'g Graph,
    id: &str,
    property: &str,
    as_of: Option<&str>,
) -> Result<Vec<Provenance<'g>>, QueryError> {
    let (index, _) = resolve_entity(graph, id)?;
    let property = super::parse_property(property)?;
    let when = as_of
        .map(|text| Date::parse(text).map_err(|e| QueryError::BadArgument(format!("--as-of: {e}"))))
        .transpose()?;
    let holds = |c: &Claim| match when {
        None => true,
        Some(d) => overlaps(c, d),
    };
    let node = graph.node(NodeRef::Entity(index));
    let about = |kind: EdgeKind| -> Vec<&'g Claim> {
        let mut found: Vec<u32> = graph
            .graph
            .edges_directed(node, petgraph::Direction::Incoming)
            .filter(|e| e.weight().kind == kind)
            .filter_map(|e| match graph.graph[e.source()] {
                NodeRef::Claim(c) => Some(c),
                NodeRef::Entity(_) => None,
            })
            .filter(|&c| {
                let claim = &graph.claims[c as usize];
                claim.property == property && holds(claim)
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|c| &graph.claims[c as usize])
            .collect()
    };
    let mut claims = about(EdgeKind::AboutSubject);
    if claims.is_empty() {
        claims = about(EdgeKind::AboutObject);
    }
    Ok(claims
        .into_iter()
        .map(|c| provenance_of_claim(graph, c))
        .collect())
}

/// Whether the claim's `as_of` or `period` overlaps the date.
fn overlaps(claim: &Claim, date: Date) -> bool {
    let span = match (claim.qualifiers.as_of, claim.qualifiers.period) {
        (Some(d), _) => (d.start_key(), d.end_key()),
        (None, Some(p)) => (p.start.start_key(), p.end.end_key()),
        (None, None) => return false,
    };
    span.0 <= date.end_key() && date.start_key() <= span.1
}

fn provenance_of_claim<'g>(graph: &'g Graph, claim: &'g Claim) -> Provenance<'g> {
    let name = |id: &str| graph.entity(id).map(|e| e.name.clone());
    let mut chain = Vec::new();
    for citation in &claim.citations {
        let source = graph.entity_id(citation.source);
        chain.push(Link {
            kind: LinkKind::Document,
            id: source.to_string(),
            name: name(source),
            section: Some(Arc::from(graph.section(citation))),
            line: Some(citation.line),
            quote: Some(Arc::from(&*citation.quote)),
        });
        for primary in graph.attributed_to(citation) {
            chain.push(Link {
                kind: LinkKind::PrimarySource,
                id: primary.to_string(),
                name: name(primary),
                section: None,
                line: None,
                quote: None,
            });
        }
    }
    let (corroborating, conflicting) = same_fact(graph, claim)
        .into_iter()
        .partition(|other| !crate::disagree(claim, other));
    Provenance {
        claim,
        chain,
        corroborating,
        conflicting,
    }
}

/// The other claims with the claim's subject, property, object, qualifiers and derivation,
/// found from the subject's edges, in load order.
fn same_fact<'g>(graph: &'g Graph, claim: &Claim) -> Vec<&'g Claim> {
    let subject = NodeRef::Entity(claim.subject);
    let mut found: Vec<u32> = graph
        .graph
        .edges_directed(graph.node(subject), petgraph::Direction::Incoming)
        .filter(|e| e.weight().kind == EdgeKind::AboutSubject)
        .filter_map(|e| match graph.graph[e.source()] {
            NodeRef::Claim(c) => Some(c),
            NodeRef::Entity(_) => None,
        })
        .filter(|&c| {
            let other = &graph.claims[c as usize];
            // An origin identifies a claim: this leaves the claim itself out.
            other.origin != claim.origin
                && other.property == claim.property
                && other.object == claim.object
                && other.qualifiers == claim.qualifiers
                && other.derivation == claim.derivation
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .map(|c| &graph.claims[c as usize])
        .collect()
}
