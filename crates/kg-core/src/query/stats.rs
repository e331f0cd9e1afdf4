//! `stats`: counts per node kind, edge kind, claim status and property.

use crate::graph::Graph;
use crate::model::{NodeKind, Status};
use crate::property::Property;
use std::collections::BTreeMap;

/// The counts of a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Entities of each kind, and claims, in [`NodeKind::ALL`] order.
    pub nodes: Vec<(NodeKind, usize)>,
    /// Edges of each kind, by name.
    pub edges: Vec<(&'static str, usize)>,
    /// Claims.
    pub claims: usize,
    /// Citations of all claims.
    pub citations: usize,
    /// Claims of each status, in [`Status::ALL`] order (zeros included).
    pub by_status: Vec<(Status, usize)>,
    /// Claims of each property used, by name.
    pub by_property: Vec<(Property, usize)>,
}

/// Counts everything. Complexity: linear in the graph.
pub fn stats(graph: &Graph) -> Stats {
    let mut by_status: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
    let mut by_property: BTreeMap<&'static str, (Property, usize)> = BTreeMap::new();
    let mut citations = 0;
    for claim in &graph.claims {
        *by_status.entry(claim.status).or_default() += 1;
        by_property
            .entry(claim.property.name())
            .or_insert((claim.property, 0))
            .1 += 1;
        citations += claim.citations.len();
    }
    Stats {
        nodes: graph.count_nodes(),
        edges: graph.count_edges(),
        claims: graph.claims.len(),
        citations,
        by_status: Status::ALL.iter().map(|s| (*s, by_status[s])).collect(),
        by_property: by_property.into_values().collect(),
    }
}
