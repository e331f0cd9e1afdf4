//! The typed graph: entities and claims as petgraph nodes, typed edges between them, and an
//! index from ids to nodes.

use crate::model::{Citation, Claim, Edge, EdgeKind, Entity, NodeKind};
use hashbrown::HashTable;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use rustc_hash::FxBuildHasher;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasher;

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
/// per entity and per claim, and the typed edges between them. Claims and citations name
/// entities by their index in `entities`; claim ids are derived when asked for.
#[derive(Debug, Default)]
pub struct Graph {
    /// The data files' paths, in load order (an [`crate::model::Origin`] indexes into it).
    pub files: Vec<String>,
    /// Each data file's default document (its `source`), by file index.
    pub default_sources: Vec<Option<String>>,
    /// Every entity, in load order.
    pub entities: Vec<Entity>,
    /// Every claim, in load order.
    pub claims: Vec<Claim>,
    /// Section paths of the sources' outlines (headings joined with " > "); a
    /// [`crate::Citation`]'s `section` indexes into it, and index 0 is the empty path.
    pub sections: Vec<String>,
    /// The graph proper.
    pub graph: DiGraph<NodeRef, Edge>,
    /// Entity id to entity index: a table of indexes hashed by the entity's id, so that no
    /// id is stored twice. FxHash: ids are not attacker-chosen, and SipHash was 6 % of a load.
    pub(crate) ids: HashTable<u32>,
    pub(crate) entity_nodes: Vec<NodeIndex>,
    pub(crate) claim_nodes: Vec<NodeIndex>,
}

/// A node for every entity and claim, and the claims' edges, built apart from the graph
/// they are then put into ([`Graph::set_nodes`]).
pub(crate) struct Nodes {
    graph: DiGraph<NodeRef, Edge>,
    entity_nodes: Vec<NodeIndex>,
    claim_nodes: Vec<NodeIndex>,
}

impl Nodes {
    /// Adds the entity-to-entity edges stated by entries' fields, as
    /// [`Graph::add_stated_edges`] does once the nodes are in place.
    pub(crate) fn add_stated_edges(&mut self, stated: &[(u32, u32, EdgeKind)]) {
        add_stated_edges(&mut self.graph, &self.entity_nodes, stated);
    }

    /// The nodes and edges built so far: what [`Graph::graph`] will be.
    pub(crate) fn edges(&self) -> &DiGraph<NodeRef, Edge> {
        &self.graph
    }
}

/// Adds stated edges between entities' nodes, in the order given.
fn add_stated_edges(
    graph: &mut DiGraph<NodeRef, Edge>,
    entity_nodes: &[NodeIndex],
    stated: &[(u32, u32, EdgeKind)],
) {
    for &(from, to, kind) in stated {
        let (from, to) = (entity_nodes[from as usize], entity_nodes[to as usize]);
        graph.add_edge(from, to, Edge { kind, claim: None });
    }
}

/// The hash of an id in [`Graph`]'s index.
pub(crate) fn hash_id(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

impl Graph {
    /// Looks up an entity or claim by id; failing that, the one entity whose name or alias
    /// is exactly `id` (case and `/` kept), so that an imported dataset's external ids
    /// (`mistralai/Mistral-Small-24B-Base-2501`, kept as the entity's name) work wherever an
    /// id does.
    ///
    /// Complexity: a hash lookup; the fallback, taken only for an unknown id, is a scan of
    /// the entities.
    pub fn lookup(&self, id: &str) -> Option<NodeRef> {
        if let Some(e) = self.entity_index(id) {
            return Some(NodeRef::Entity(e));
        }
        if let Some(c) = self.claim_index(id) {
            return Some(NodeRef::Claim(c));
        }
        self.external_index(id).map(NodeRef::Entity)
    }

    /// The index of the one entity whose name or an alias is exactly `key` (`None` when
    /// none or several are).
    pub fn external_index(&self, key: &str) -> Option<u32> {
        let mut found = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.name == key || e.aliases.iter().any(|a| a == key))
            .map(|(i, _)| i as u32);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// The index of the entity with this id.
    pub fn entity_index(&self, id: &str) -> Option<u32> {
        self.ids
            .find(hash_id(id), |&e| self.entities[e as usize].id == id)
            .copied()
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_index(id).map(|e| &self.entities[e as usize])
    }

    /// The index of the claim with this id: found among the claims about its subject, the
    /// part of the id before the first `/`.
    pub fn claim_index(&self, id: &str) -> Option<u32> {
        let (subject, _) = id.split_once('/')?;
        let subject = self.entity_index(subject)?;
        let node = *self.entity_nodes.get(subject as usize)?;
        self.graph
            .edges_directed(node, Direction::Incoming)
            .filter(|e| e.weight().kind == EdgeKind::AboutSubject)
            .filter_map(|e| e.weight().claim)
            .find(|&c| self.claim_id(&self.claims[c as usize]) == id)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claim_index(id).map(|c| &self.claims[c as usize])
    }

    /// A claim's id: `subject/property[/object][/qualifiers][/key]@line`, or
    /// `...@document:line` when its first citation's document is not its file's `source`
    /// (see [`crate::id::claim_id`]).
    pub fn claim_id(&self, claim: &Claim) -> String {
        let first = claim.citations.first();
        let default = self
            .default_sources
            .get(claim.origin.file as usize)
            .and_then(Option::as_deref);
        crate::id::claim_id(
            self.entity_id(claim.subject),
            claim.property,
            claim.object.map(|o| self.entity_id(o)),
            &claim.qualifiers,
            claim.key(),
            first
                .map(|c| self.entity_id(c.source))
                .filter(|&doc| Some(doc) != default),
            first.map(|c| c.line),
        )
    }

    /// Up to `limit` ids of the graph (entities' and claims') closest to `id`, best first,
    /// for "did you mean". Claim ids are derived one at a time as they are scored.
    pub fn closest_ids(&self, id: &str, limit: usize) -> Vec<String> {
        let entities = self.entities.iter().map(|e| Cow::Borrowed(e.id.as_str()));
        let claims = self.claims.iter().map(|c| Cow::Owned(self.claim_id(c)));
        crate::id::closest(id, entities.chain(claims), limit)
    }

    /// The id of the entity at an index.
    pub fn entity_id(&self, entity: u32) -> &str {
        &self.entities[entity as usize].id
    }

    /// The entity a claim is about.
    pub fn subject(&self, claim: &Claim) -> &Entity {
        &self.entities[claim.subject as usize]
    }

    /// The claim's other entity, if it has one.
    pub fn object(&self, claim: &Claim) -> Option<&Entity> {
        claim.object.map(|o| &self.entities[o as usize])
    }

    /// The document a citation cites.
    pub fn source_of(&self, citation: &Citation) -> &Entity {
        &self.entities[citation.source as usize]
    }

    /// The section path of a citation ("" when the source has no outline above its line).
    pub fn section(&self, citation: &Citation) -> &str {
        self.sections
            .get(citation.section as usize)
            .map_or("", String::as_str)
    }

    /// The ids of the primary sources a citation names.
    pub fn attributed_to<'a>(&'a self, citation: &'a Citation) -> impl Iterator<Item = &'a str> {
        citation.attributed_to.iter().map(|&p| self.entity_id(p))
    }

    /// The petgraph node of an entity or claim.
    pub fn node(&self, node: NodeRef) -> NodeIndex {
        match node {
            NodeRef::Entity(i) => self.entity_nodes[i as usize],
            NodeRef::Claim(i) => self.claim_nodes[i as usize],
        }
    }

    /// The edges between entities at entity `e`, outgoing or incoming: (kind, the other
    /// entity), in petgraph's order (the newest first). What lineage walks; a snapshot keeps
    /// them in this order.
    pub fn entity_links(
        &self,
        e: u32,
        outgoing: bool,
    ) -> impl Iterator<Item = (EdgeKind, u32)> + '_ {
        let direction = if outgoing {
            Direction::Outgoing
        } else {
            Direction::Incoming
        };
        self.graph
            .edges_directed(self.node(NodeRef::Entity(e)), direction)
            .filter_map(move |edge| {
                let other = if outgoing {
                    edge.target()
                } else {
                    edge.source()
                };
                match self.graph[other] {
                    NodeRef::Entity(o) => Some((edge.weight().kind, o)),
                    NodeRef::Claim(_) => None,
                }
            })
    }

    /// The id of whatever a node stands for (a claim's is derived, hence the `Cow`).
    pub fn id_of(&self, node: NodeRef) -> Cow<'_, str> {
        match node {
            NodeRef::Entity(i) => Cow::Borrowed(self.entity_id(i)),
            NodeRef::Claim(i) => Cow::Owned(self.claim_id(&self.claims[i as usize])),
        }
    }

    /// The kind of whatever a node stands for.
    pub fn kind_of(&self, node: NodeRef) -> NodeKind {
        match node {
            NodeRef::Entity(i) => self.entities[i as usize].kind,
            NodeRef::Claim(_) => NodeKind::Claim,
        }
    }

    /// The edges leaving a node, in the order they were added: (tail, head, edge).
    pub fn edges_from(&self, node: NodeRef) -> Vec<(NodeRef, NodeRef, Edge)> {
        self.edges_at(node, Direction::Outgoing)
    }

    /// The edges reaching a node, in the order they were added: (tail, head, edge).
    pub fn edges_to(&self, node: NodeRef) -> Vec<(NodeRef, NodeRef, Edge)> {
        self.edges_at(node, Direction::Incoming)
    }

    /// A node's edges in one direction, read off petgraph's adjacency lists (which hold the
    /// newest edge first) and put back in the order they were added.
    fn edges_at(&self, node: NodeRef, direction: Direction) -> Vec<(NodeRef, NodeRef, Edge)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(self.node(node), direction)
            .map(|e| {
                (
                    e.id(),
                    (self.graph[e.source()], self.graph[e.target()], *e.weight()),
                )
            })
            .collect();
        edges.sort_unstable_by_key(|(id, _)| *id);
        edges.into_iter().map(|(_, edge)| edge).collect()
    }

    /// Every edge of the graph, in the order they were added: (tail, head, edge).
    pub fn edges(&self) -> impl Iterator<Item = (NodeRef, NodeRef, Edge)> + '_ {
        self.graph
            .edge_references()
            .map(|e| (self.graph[e.source()], self.graph[e.target()], *e.weight()))
    }

    /// The claims about an entity (as subject or object), in load order.
    pub fn claims_about(&self, id: &str) -> Vec<&Claim> {
        let Some(entity) = self.entity_index(id) else {
            return Vec::new();
        };
        let mut found: Vec<u32> = self
            .graph
            .edges_directed(self.entity_nodes[entity as usize], Direction::Incoming)
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

    /// Indexes every entity by its id (ids must be unique: the loader checks them as it
    /// registers; a snapshot holds only registered entities).
    pub(crate) fn index_entities(&mut self) {
        let Graph { entities, ids, .. } = self;
        ids.clear();
        ids.reserve(entities.len(), |&e| hash_id(&entities[e as usize].id));
        for (i, entity) in entities.iter().enumerate() {
            ids.insert_unique(hash_id(&entity.id), i as u32, |&e| {
                hash_id(&entities[e as usize].id)
            });
        }
    }

    /// Adds a node for every entity and claim, then each claim's typed edges, claim by claim
    /// in load order: the claim to its subject, object, documents and primary sources, and
    /// a relation claim's edge from subject to object.
    pub(crate) fn add_nodes_and_claim_edges(&mut self) {
        let nodes = self.nodes_and_claim_edges();
        self.set_nodes(nodes);
    }

    /// Puts in place the nodes and edges [`Graph::nodes_and_claim_edges`] built.
    pub(crate) fn set_nodes(&mut self, nodes: Nodes) {
        self.graph = nodes.graph;
        self.entity_nodes = nodes.entity_nodes;
        self.claim_nodes = nodes.claim_nodes;
    }

    /// What [`Graph::add_nodes_and_claim_edges`] adds, built from the entities and claims
    /// alone (the graph is only read), so that other readers of the claims can run meanwhile.
    pub(crate) fn nodes_and_claim_edges(&self) -> Nodes {
        let (entities, claims) = (&self.entities, &self.claims);
        let mut graph = DiGraph::default();
        graph.reserve_exact_nodes(entities.len() + claims.len());
        let entity_nodes: Vec<NodeIndex> = (0..entities.len() as u32)
            .map(|i| graph.add_node(NodeRef::Entity(i)))
            .collect();
        let claim_nodes: Vec<NodeIndex> = (0..claims.len() as u32)
            .map(|i| graph.add_node(NodeRef::Claim(i)))
            .collect();
        let edges: usize = claims
            .iter()
            .map(|c| {
                1 + if c.object.is_some() { 2 } else { 0 }
                    + c.citations
                        .iter()
                        .map(|x| 1 + x.attributed_to.len())
                        .sum::<usize>()
            })
            .sum();
        // Claims' edges, exactly; entries' own edges (`part_of`, `published_by`) are few.
        graph.reserve_exact_edges(edges + entities.len() / 8);
        for (i, claim) in claims.iter().enumerate() {
            let c = claim_nodes[i];
            let edge = |kind| Edge {
                kind,
                claim: Some(i as u32),
            };
            let subject = entity_nodes[claim.subject as usize];
            graph.add_edge(c, subject, edge(EdgeKind::AboutSubject));
            if let Some(object) = claim.object {
                let object = entity_nodes[object as usize];
                graph.add_edge(c, object, edge(EdgeKind::AboutObject));
                if let Some(kind) = EdgeKind::for_relation(claim.property, claim.derivation) {
                    graph.add_edge(subject, object, edge(kind));
                }
            }
            for (j, citation) in claim.citations.iter().enumerate() {
                let source = entity_nodes[citation.source as usize];
                graph.add_edge(c, source, edge(EdgeKind::Cites(j as u16)));
                for &primary in citation.attributed_to.iter() {
                    let p = entity_nodes[primary as usize];
                    graph.add_edge(c, p, edge(EdgeKind::AttributedTo(j as u16)));
                }
            }
        }
        Nodes {
            graph,
            entity_nodes,
            claim_nodes,
        }
    }

    /// Adds the entity-to-entity edges an entry's field states rather than a claim
    /// (`part_of`, `published_by`): (from, to, kind), entity indexes, in this order.
    pub(crate) fn add_stated_edges(&mut self, stated: &[(u32, u32, EdgeKind)]) {
        add_stated_edges(&mut self.graph, &self.entity_nodes, stated);
    }

    /// The entity-to-entity edges stated by entries' fields, in the order they were added.
    pub(crate) fn stated_edges(&self) -> Vec<(u32, u32, EdgeKind)> {
        self.edges()
            .filter_map(|(from, to, edge)| match (from, to, edge.claim) {
                (NodeRef::Entity(f), NodeRef::Entity(t), None) => Some((f, t, edge.kind)),
                _ => None,
            })
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
