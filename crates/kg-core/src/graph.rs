//! The typed graph: entities and claims as petgraph nodes, typed edges between them, and an
//! index from ids to nodes.

use crate::model::{Claim, Edge, EdgeKind, Entity, NodeKind};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// What a graph node stands for: an index into [`Graph::entities`] or [`Graph::claims`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeRef {
    /// An entity.
    Entity(u32),
    /// A claim.
    Claim(u32),
}

/// The loaded knowledge graph.
///
/// Entities and claims live in plain vectors in load order; the petgraph graph holds one node
/// per entity and per claim, and the typed edges between them.
#[derive(Debug, Default)]
pub struct Graph {
    /// The data files' paths, in load order (an [`crate::model::Origin`] indexes into it).
    pub files: Vec<String>,
    /// Every entity, in load order.
    pub entities: Vec<Entity>,
    /// Every claim, in load order.
    pub claims: Vec<Claim>,
    /// The graph proper.
    pub graph: DiGraph<NodeRef, Edge>,
    /// Id to node. FxHash: ids are not attacker-chosen, and SipHash was 6 % of a load.
    pub(crate) ids: FxHashMap<String, NodeRef>,
    pub(crate) entity_nodes: Vec<NodeIndex>,
    pub(crate) claim_nodes: Vec<NodeIndex>,
}

impl Graph {
    /// Looks up an entity or claim by id.
    pub fn lookup(&self, id: &str) -> Option<NodeRef> {
        self.ids.get(id).copied()
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        match self.lookup(id)? {
            NodeRef::Entity(i) => self.entities.get(i as usize),
            NodeRef::Claim(_) => None,
        }
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        match self.lookup(id)? {
            NodeRef::Claim(i) => self.claims.get(i as usize),
            NodeRef::Entity(_) => None,
        }
    }

    /// The petgraph node of an entity or claim.
    pub fn node(&self, node: NodeRef) -> NodeIndex {
        match node {
            NodeRef::Entity(i) => self.entity_nodes[i as usize],
            NodeRef::Claim(i) => self.claim_nodes[i as usize],
        }
    }

    /// The id of whatever a node stands for.
    pub fn id_of(&self, node: NodeRef) -> &str {
        match node {
            NodeRef::Entity(i) => &self.entities[i as usize].id,
            NodeRef::Claim(i) => &self.claims[i as usize].id,
        }
    }

    /// The kind of whatever a node stands for.
    pub fn kind_of(&self, node: NodeRef) -> NodeKind {
        match node {
            NodeRef::Entity(i) => self.entities[i as usize].kind,
            NodeRef::Claim(_) => NodeKind::Claim,
        }
    }

    /// The claims about an entity (as subject or object), in load order.
    pub fn claims_about(&self, id: &str) -> Vec<&Claim> {
        let Some(node) = self.lookup(id) else {
            return Vec::new();
        };
        let mut found: Vec<u32> = self
            .graph
            .edges_directed(self.node(node), Direction::Incoming)
            .filter(|e| {
                matches!(
                    e.weight().kind,
                    EdgeKind::AboutSubject | EdgeKind::AboutObject
                )
            })
            .filter_map(|e| match self.graph[e.source()] {
                NodeRef::Claim(c) => Some(c),
                NodeRef::Entity(_) => None,
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|c| &self.claims[c as usize])
            .collect()
    }

    /// Number of entities of each kind, and of claims.
    pub fn count_nodes(&self) -> Vec<(NodeKind, usize)> {
        NodeKind::ALL
            .iter()
            .map(|&kind| {
                let n = if kind == NodeKind::Claim {
                    self.claims.len()
                } else {
                    self.entities.iter().filter(|e| e.kind == kind).count()
                };
                (kind, n)
            })
            .collect()
    }

    /// Number of edges of each kind name, sorted by name.
    pub fn count_edges(&self) -> Vec<(&'static str, usize)> {
        let mut counts: HashMap<&'static str, usize> = HashMap::new();
        for edge in self.graph.edge_weights() {
            *counts.entry(edge.kind.name()).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort();
        counts
    }
}
