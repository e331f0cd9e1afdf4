//! `cites`: every claim a source supports, directly (the claim cites it) or through a
//! document that relays it (the citation names it as primary source, or the cited document
//! is published by it); and the orphans, the claims that would have no support left without
//! it (every one of their citations rests on it).

use super::{resolve_entity, QueryError};
use crate::graph::{Graph, NodeRef};
use crate::model::{Citation, Claim, EdgeKind, NodeKind};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, HashSet};

/// How a source supports a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Support {
    /// The claim cites the source itself.
    Direct,
    /// The claim cites this document, which names the source as primary source.
    Relayed(String),
    /// The claim cites this document, which the source published.
    Published(String),
}

/// What `cites` finds.
#[derive(Debug, Clone)]
pub struct Cited<'g> {
    /// The source's id.
    pub source: String,
    /// The claims it supports, in load order, each with how (one entry per way).
    pub claims: Vec<(&'g Claim, Vec<Support>)>,
    /// The ids of the claims all of whose citations rest on the source, in load order.
    pub orphans: Vec<String>,
}

/// What the source `id` (a document, or an organization named as primary source or
/// publishing documents) supports.
///
/// Complexity: linear in the edges into the source and into the documents it published.
pub fn cites<'g>(graph: &'g Graph, id: &str) -> Result<Cited<'g>, QueryError> {
    let (index, entity) = resolve_entity(graph, id)?;
    let node = graph.node(NodeRef::Entity(index));
    let mut support: BTreeMap<u32, Vec<Support>> = BTreeMap::new();
    let mut published: Vec<u32> = Vec::new();
    for edge in graph
        .graph
        .edges_directed(node, petgraph::Direction::Incoming)
    {
        match (edge.weight().kind, graph.graph[edge.source()]) {
            (EdgeKind::Cites(_), NodeRef::Claim(c)) => {
                add(&mut support, c, Support::Direct);
            }
            (EdgeKind::AttributedTo(i), NodeRef::Claim(c)) => {
                let relay = graph.claims[c as usize]
                    .citations
                    .get(i as usize)
                    .map(|cit| graph.entity_id(cit.source).to_string())
                    .unwrap_or_default();
                add(&mut support, c, Support::Relayed(relay));
            }
            (EdgeKind::PublishedBy, NodeRef::Entity(doc))
                if graph.entities[doc as usize].kind == NodeKind::Source =>
            {
                published.push(doc);
            }
            _ => {}
        }
    }
    let published_set: HashSet<u32> = published.iter().copied().collect();
    for doc in published {
        let doc_id = &graph.entities[doc as usize].id;
        for edge in graph.graph.edges_directed(
            graph.node(NodeRef::Entity(doc)),
            petgraph::Direction::Incoming,
        ) {
            if let (EdgeKind::Cites(_), NodeRef::Claim(c)) =
                (edge.weight().kind, graph.graph[edge.source()])
            {
                add(&mut support, c, Support::Published(doc_id.clone()));
            }
        }
    }
    let rests_on = |c: &Citation| {
        c.source == index || c.attributed_to.contains(&index) || published_set.contains(&c.source)
    };
    let mut claims = Vec::with_capacity(support.len());
    let mut orphans = Vec::new();
    for (c, ways) in support {
        let claim = &graph.claims[c as usize];
        if !claim.citations.is_empty() && claim.citations.iter().all(rests_on) {
            orphans.push(graph.claim_id(claim));
        }
        claims.push((claim, ways));
    }
    Ok(Cited {
        source: entity.id.clone(),
        claims,
        orphans,
    })
}

fn add(support: &mut BTreeMap<u32, Vec<Support>>, claim: u32, way: Support) {
    let ways = support.entry(claim).or_default();
    if !ways.contains(&way) {
        ways.push(way);
    }
}
