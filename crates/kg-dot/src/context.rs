//! What every view asks of the graph: typed links in both directions, the root, labels,
//! release dates, the status of a relation and which figures conflict.

use crate::{Error, Options};
use kg_core::date::Date;
use kg_core::model::{EdgeKind, Entity, Origin};
use kg_core::value::Shape;
use kg_core::{Claim, Graph, NodeKind, NodeRef, Property, Status};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// A typed edge of the graph, with the claim that states it.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// The tail.
    pub from: NodeRef,
    /// The head.
    pub to: NodeRef,
    /// The kind.
    pub kind: EdgeKind,
    /// The claim (index into `graph.claims`) that states it.
    pub claim: Option<u32>,
}

/// The graph with the indexes the views need.
pub struct Context<'g> {
    /// The graph.
    pub graph: &'g Graph,
    /// The claims that disagree with another, by where they are written (an origin
    /// identifies a claim).
    conflicting: HashSet<Origin>,
    /// The earliest release date of each entity (by index).
    release: HashMap<u32, Date>,
}

impl<'g> Context<'g> {
    /// Indexes `graph`.
    pub fn new(graph: &'g Graph) -> Context<'g> {
        let mut release: HashMap<u32, Date> = HashMap::new();
        for claim in &graph.claims {
            if claim.property != Property::ReleaseDate {
                continue;
            }
            if let Shape::Date(date) = claim.value.shape {
                let slot = release.entry(claim.subject).or_insert(date);
                if date.start_key() < slot.start_key() {
                    *slot = date;
                }
            }
        }
        Context {
            graph,
            conflicting: conflicting(graph),
            release,
        }
    }

    /// The links leaving `node`, in the order the edges were added. Read off the graph's
    /// adjacency lists, so that a view of a few nodes costs what it draws, not an index of
    /// every edge.
    pub fn outgoing(&self, node: NodeRef) -> Vec<Link> {
        self.graph.edges_from(node).into_iter().map(link).collect()
    }

    /// The links arriving at `node`, in the order the edges were added.
    pub fn incoming(&self, node: NodeRef) -> Vec<Link> {
        self.graph.edges_to(node).into_iter().map(link).collect()
    }

    /// The id of a node (derived, for a claim).
    pub fn id(&self, node: NodeRef) -> Cow<'g, str> {
        self.graph.id_of(node)
    }

    /// The id of a claim, which is its DOT id.
    pub fn claim_id(&self, claim: &Claim) -> String {
        self.graph.claim_id(claim)
    }

    /// The entity a node stands for, if it is one.
    pub fn entity(&self, node: NodeRef) -> Option<&'g Entity> {
        match node {
            NodeRef::Entity(i) => self.graph.entities.get(i as usize),
            NodeRef::Claim(_) => None,
        }
    }

    /// The claim a node stands for, if it is one.
    pub fn claim(&self, node: NodeRef) -> Option<&'g Claim> {
        match node {
            NodeRef::Claim(i) => self.graph.claims.get(i as usize),
            NodeRef::Entity(_) => None,
        }
    }

    /// The claim at this index.
    pub fn claim_at(&self, index: u32) -> Option<&'g Claim> {
        self.graph.claims.get(index as usize)
    }

    /// Resolves the options' root: `None` when none was given; an error when it names
    /// nothing, or something of a kind outside `allowed`.
    pub fn root(
        &self,
        options: &Options,
        allowed: &[NodeKind],
        expected: &'static str,
    ) -> Result<Option<NodeRef>, Error> {
        let Some(id) = options.root.as_deref() else {
            return Ok(None);
        };
        let Some(node) = self.graph.lookup(id) else {
            return Err(Error::UnknownRoot {
                id: id.to_string(),
                suggestions: self.graph.closest_ids(id, 3),
            });
        };
        let kind = self.graph.kind_of(node);
        if !allowed.contains(&kind) {
            return Err(Error::WrongRoot {
                id: id.to_string(),
                kind: kind.name(),
                view: options.view.name(),
                expected,
            });
        }
        Ok(Some(node))
    }

    /// An entity's label: its name, and its first alias in another script (the Chinese
    /// name) when the name is plain ASCII.
    pub fn name(&self, entity: &Entity) -> String {
        let other = entity
            .aliases
            .iter()
            .find(|a| !a.is_ascii() && entity.name.is_ascii());
        match other {
            Some(alias) => format!("{}\n{}", entity.name, alias),
            None => entity.name.clone(),
        }
    }

    /// The name of whatever an id stands for (the id itself for a claim or nothing).
    pub fn name_of(&self, id: &str) -> String {
        match self.graph.entity(id) {
            Some(e) => e.name.clone(),
            None => id.to_string(),
        }
    }

    /// The name of the entity at an index (a claim's subject or object).
    pub fn entity_name(&self, entity: u32) -> String {
        self.graph.entities[entity as usize].name.clone()
    }

    /// The earliest release date stated for an entity (none for a claim).
    pub fn release(&self, node: NodeRef) -> Option<Date> {
        match node {
            NodeRef::Entity(i) => self.release.get(&i).copied(),
            NodeRef::Claim(_) => None,
        }
    }

    /// The status of the claim that states a link (reported when no claim does).
    pub fn link_status(&self, link: &Link) -> Status {
        link.claim
            .and_then(|c| self.claim_at(c))
            .map(|c| c.status)
            .unwrap_or(Status::Reported)
    }

    /// The quote of the claim that states a link, for a tooltip.
    pub fn link_tooltip(&self, link: &Link) -> Option<String> {
        link.claim
            .and_then(|c| self.claim_at(c))
            .and_then(|c| self.tooltip(c))
    }

    /// Whether another claim of the same subject, property, object and qualifiers
    /// disagrees with this one (kg_core::disagree). `claim` is one of `graph.claims`.
    pub fn conflicts(&self, claim: &Claim) -> bool {
        self.conflicting.contains(&claim.origin)
    }

    /// A claim's quotes, one per citation, for a tooltip; the editorial reason when it has
    /// none.
    pub fn tooltip(&self, claim: &Claim) -> Option<String> {
        if claim.citations.is_empty() {
            return claim.editorial().map(|why| format!("editorial: {why}"));
        }
        Some(
            claim
                .citations
                .iter()
                .map(|c| {
                    format!(
                        "{} line {}: {}",
                        self.graph.entity_id(c.source),
                        c.line,
                        c.quote
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }

    /// The sources of the claim that states a link, for an edge.
    pub fn link_sources(&self, link: &Link) -> Vec<(String, u32)> {
        link.claim
            .and_then(|c| self.claim_at(c))
            .map(|c| citations(self.graph, c))
            .unwrap_or_default()
    }

    /// A claim's time as a key that sorts as text: "2024-07-00"; "9999" when undated.
    pub fn time_key(&self, claim: &Claim) -> String {
        match self.claim_order(claim).0 {
            (i32::MAX, _, _) => "9999".to_string(),
            (y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }

    /// A sort key that puts claims in time order, then by id.
    pub fn claim_order(&self, claim: &Claim) -> ((i32, u8, u8), String) {
        let q = &claim.qualifiers;
        let when = q
            .as_of
            .or(q.period.map(|p| p.start))
            .map(|d| d.start_key())
            .unwrap_or((i32::MAX, 0, 0));
        (when, self.claim_id(claim))
    }
}

/// A graph edge as a link.
fn link((from, to, edge): (NodeRef, NodeRef, kg_core::model::Edge)) -> Link {
    Link {
        from,
        to,
        kind: edge.kind,
        claim: edge.claim,
    }
}

/// The claims (by origin) that disagree with another claim of their group.
fn conflicting(graph: &Graph) -> HashSet<Origin> {
    kg_core::audit::conflicts(graph)
        .iter()
        .flat_map(|group| group.disagreeing_pairs(graph))
        .flat_map(|(a, b)| [a, b])
        .map(|i| graph.claims[i as usize].origin)
        .collect()
}

/// Where a claim is stated, in one line: its citations by document and line, and the
/// primary sources they attribute it to: "note:8 → The Business Research Company";
/// "editorial" when no source states it.
pub fn stated_in(graph: &Graph, claim: &Claim) -> String {
    if claim.citations.is_empty() {
        return "editorial".to_string();
    }
    let at = crate::diagram::locators(
        claim
            .citations
            .iter()
            .map(|c| (graph.entity_id(c.source), c.line)),
    );
    let primary = primary_sources(graph, claim);
    if primary.is_empty() {
        at
    } else {
        format!("{at} → {}", primary.join(", "))
    }
}

/// The names of the primary sources a claim's citations name, sorted, each once.
pub fn primary_sources(graph: &Graph, claim: &Claim) -> Vec<String> {
    let mut primary: Vec<String> = claim
        .citations
        .iter()
        .flat_map(|c| c.attributed_to.iter())
        .map(|&p| graph.entities[p as usize].name.clone())
        .collect();
    primary.sort_unstable();
    primary.dedup();
    primary
}

/// A claim's citations as (document, line), for an edge's sources.
pub fn citations(graph: &Graph, claim: &Claim) -> Vec<(String, u32)> {
    claim
        .citations
        .iter()
        .map(|c| (graph.entity_id(c.source).to_string(), c.line))
        .collect()
}

/// A claim's qualifiers in words: "2024", "2024-10/2025-10, North America, enterprise".
pub fn qualifiers(claim: &Claim) -> String {
    claim.qualifiers.to_string()
}

/// A figure in words: "56.17亿美元 (2024)".
pub fn figure(claim: &Claim) -> String {
    let q = qualifiers(claim);
    if q.is_empty() {
        claim.value.text.clone()
    } else {
        format!("{} ({q})", claim.value.text)
    }
}
