//! `lineage`: ancestors and descendants of a model, family or organization, as a tree.
//!
//! Up from a model: the family it is a member of, what it succeeds, what it derives from, and
//! so on from each of those. Down: what is a member of it, succeeds it or derives from it.
//! A family's members come in release order. An organization's descendants are the lineages
//! of what it developed: its top-level families and the models outside any family of its own,
//! each with its tree below; its ancestors are the organizations it is a subsidiary of.
//!
//! The walk is breadth first from the root, so each node appears once, at its smallest
//! depth, under the node it was first reached from (`via`).

use super::{release_date, resolve_entity, QueryError};
use crate::date::Date;
use crate::graph::{Graph, NodeRef};
use crate::model::{DerivationKind, EdgeKind, NodeKind};
use petgraph::visit::EdgeRef;
use std::collections::{HashMap, HashSet, VecDeque};

/// What to walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineageOptions {
    /// Walk up to the ancestors.
    pub ancestors: bool,
    /// Walk down to the descendants.
    pub descendants: bool,
    /// At most this many steps from the root.
    pub depth: Option<usize>,
    /// Follow only these relations: `member_of`, `successor_of`, `derived_from`,
    /// `developed_by`, `subsidiary_of`, or a derivation kind (`finetune`, ...). Empty: all.
    pub relations: Vec<String>,
}

impl Default for LineageOptions {
    fn default() -> Self {
        LineageOptions {
            ancestors: true,
            descendants: true,
            depth: None,
            relations: Vec::new(),
        }
    }
}

/// One node of a lineage tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineageStep {
    /// The entity's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: NodeKind,
    /// The relation that links it to `via`: `member_of`, `successor_of`, `derived_from`,
    /// `developed_by`, `subsidiary_of`.
    pub relation: &'static str,
    /// The derivation kind, for `derived_from`.
    pub derivation: Option<DerivationKind>,
    /// Steps from the root (1 = next to it).
    pub depth: usize,
    /// The node it was reached from.
    pub via: String,
    /// Its release date, or for a family without one, its earliest member's (through member
    /// families too).
    pub date: Option<Date>,
}

/// A lineage tree: the root and the two directions, each in tree order (a node, then its
/// subtree; siblings by date, then id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lineage {
    /// The root's id.
    pub root: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Its date.
    pub date: Option<Date>,
    /// Upward: what it comes from.
    pub ancestors: Vec<LineageStep>,
    /// Downward: what comes from it.
    pub descendants: Vec<LineageStep>,
}

/// The lineage tree of the entity `id`.
///
/// Complexity: linear in the edges of the nodes it returns (plus, for families, their
/// members, whose dates order them); independent of the size of the graph.
pub fn lineage(graph: &Graph, id: &str, options: &LineageOptions) -> Result<Lineage, QueryError> {
    let (root, entity) = resolve_entity(graph, id)?;
    let filter = RelationFilter::parse(&options.relations)?;
    let max_depth = options.depth.unwrap_or(usize::MAX);
    let mut lineage = Lineage {
        root: entity.id.clone(),
        name: entity.name.clone(),
        kind: entity.kind,
        date: date_of(graph, root),
        ancestors: Vec::new(),
        descendants: Vec::new(),
    };
    let is_org = entity.kind == NodeKind::Organization;
    if options.ancestors {
        lineage.ancestors = walk(graph, root, Walk::Up, is_org, &filter, max_depth);
    }
    if options.descendants {
        lineage.descendants = walk(graph, root, Walk::Down, is_org, &filter, max_depth);
    }
    Ok(lineage)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Walk {
    Up,
    Down,
}

/// Which edge kinds to follow.
struct RelationFilter {
    all: bool,
    names: HashSet<&'static str>,
    derivations: HashSet<DerivationKind>,
}

const LINEAGE_RELATIONS: [&str; 7] = [
    "member_of",
    "successor_of",
    "derived_from",
    "developed_by",
    "subsidiary_of",
    "depends_on",
    "same_as",
];

const DERIVATIONS: [DerivationKind; 8] = [
    DerivationKind::Finetune,
    DerivationKind::Quantized,
    DerivationKind::Distilled,
    DerivationKind::Merged,
    DerivationKind::Adapter,
    DerivationKind::Upcycled,
    DerivationKind::ContinuedPretraining,
    DerivationKind::Unknown,
];

impl RelationFilter {
    fn parse(names: &[String]) -> Result<RelationFilter, QueryError> {
        let mut filter = RelationFilter {
            all: names.is_empty(),
            names: HashSet::new(),
            derivations: HashSet::new(),
        };
        for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            if let Some(known) = LINEAGE_RELATIONS.iter().find(|k| **k == name) {
                filter.names.insert(known);
            } else if let Some(d) = DERIVATIONS.iter().find(|d| d.name() == name) {
                filter.derivations.insert(*d);
            } else {
                return Err(QueryError::BadArgument(format!(
                    "unknown relation `{name}`; expected one of {}, or a derivation kind ({})",
                    LINEAGE_RELATIONS.join(", "),
                    DERIVATIONS.map(|d| d.name()).join(", ")
                )));
            }
        }
        Ok(filter)
    }

    fn follows(&self, kind: EdgeKind) -> bool {
        let lineage_kind = matches!(
            kind,
            EdgeKind::MemberOf
                | EdgeKind::SuccessorOf
                | EdgeKind::DerivedFrom(_)
                | EdgeKind::DevelopedBy
                | EdgeKind::SubsidiaryOf
                | EdgeKind::DependsOn
                | EdgeKind::SameAs
        );
        if !lineage_kind {
            return false;
        }
        if self.all {
            return true;
        }
        match kind {
            EdgeKind::DerivedFrom(d) => {
                self.names.contains("derived_from") || self.derivations.contains(&d)
            }
            other => self.names.contains(other.name()),
        }
    }
}

/// A node's date: its release date, or for a family, its earliest member's.
fn date_of(graph: &Graph, entity: u32) -> Option<Date> {
    if let Some(d) = release_date(graph, entity) {
        return Some(d);
    }
    if graph.entities[entity as usize].kind != NodeKind::ModelFamily {
        return None;
    }
    // A family without a date of its own takes its earliest member's, looking through
    // member families too (`llama` through `llama-2`, `llama-3`, ...).
    let mut earliest: Option<Date> = None;
    let mut seen = HashSet::from([entity]);
    let mut stack = vec![entity];
    while let Some(family) = stack.pop() {
        let members = graph
            .graph
            .edges_directed(
                graph.node(NodeRef::Entity(family)),
                petgraph::Direction::Incoming,
            )
            .filter(|e| e.weight().kind == EdgeKind::MemberOf)
            .filter_map(|e| super::entity_index(graph.graph[e.source()]));
        for member in members {
            if !seen.insert(member) {
                continue;
            }
            match release_date(graph, member) {
                Some(d) if earliest.is_none_or(|e| d.start_key() < e.start_key()) => {
                    earliest = Some(d)
                }
                Some(_) => {}
                None if graph.entities[member as usize].kind == NodeKind::ModelFamily => {
                    stack.push(member)
                }
                None => {}
            }
        }
    }
    earliest
}

/// Whether an edge kind is a lineage step in this walk from a node of this kind.
fn step_kind(kind: EdgeKind, walk: Walk, from_org: bool) -> bool {
    match kind {
        EdgeKind::MemberOf
        | EdgeKind::SuccessorOf
        | EdgeKind::DerivedFrom(_)
        | EdgeKind::DependsOn => !from_org,
        // An organization's descendants are what it developed (handled at the root), its
        // ancestors the organizations it belongs to.
        EdgeKind::SubsidiaryOf => from_org && walk == Walk::Up,
        _ => false,
    }
}

/// Candidate next steps from `node`: (entity, edge kind), not yet visited.
fn neighbours(
    graph: &Graph,
    node: u32,
    walk: Walk,
    from_org: bool,
    filter: &RelationFilter,
) -> Vec<(u32, EdgeKind)> {
    let direction = match walk {
        Walk::Up => petgraph::Direction::Outgoing,
        Walk::Down => petgraph::Direction::Incoming,
    };
    let at = graph.node(NodeRef::Entity(node));
    let mut next: Vec<(u32, EdgeKind)> = graph
        .graph
        .edges_directed(at, direction)
        .filter(|e| step_kind(e.weight().kind, walk, from_org) && filter.follows(e.weight().kind))
        .filter_map(|e| {
            let other = match walk {
                Walk::Up => e.target(),
                Walk::Down => e.source(),
            };
            super::entity_index(graph.graph[other]).map(|o| (o, e.weight().kind))
        })
        .collect();
    // `same_as` is followed both ways in either walk: the same entity under another id
    // carries on the lineage (graph-data's model and an imported dataset's entry for it).
    if !from_org && filter.follows(EdgeKind::SameAs) {
        for direction in [petgraph::Direction::Outgoing, petgraph::Direction::Incoming] {
            next.extend(
                graph
                    .graph
                    .edges_directed(at, direction)
                    .filter(|e| e.weight().kind == EdgeKind::SameAs)
                    .filter_map(|e| {
                        let other = match direction {
                            petgraph::Direction::Outgoing => e.target(),
                            petgraph::Direction::Incoming => e.source(),
                        };
                        super::entity_index(graph.graph[other]).map(|o| (o, EdgeKind::SameAs))
                    }),
            );
        }
    }
    next
}

/// What an organization developed that is the top of a lineage: families that are not a
/// member of another of its families, and models outside any of its families; what is
/// left unreached by their trees is added after.
fn developed_roots(graph: &Graph, org: u32, filter: &RelationFilter) -> Vec<(u32, EdgeKind)> {
    if !filter.follows(EdgeKind::DevelopedBy) {
        return Vec::new();
    }
    graph
        .graph
        .edges_directed(
            graph.node(NodeRef::Entity(org)),
            petgraph::Direction::Incoming,
        )
        .filter(|e| e.weight().kind == EdgeKind::DevelopedBy)
        .filter_map(|e| super::entity_index(graph.graph[e.source()]))
        .map(|d| (d, EdgeKind::DevelopedBy))
        .collect()
}

/// Whether `entity` hangs under another lineage node developed by `org`.
fn has_parent_of(graph: &Graph, entity: u32, org: u32) -> bool {
    graph
        .graph
        .edges_directed(
            graph.node(NodeRef::Entity(entity)),
            petgraph::Direction::Outgoing,
        )
        .filter(|e| {
            matches!(
                e.weight().kind,
                EdgeKind::MemberOf | EdgeKind::SuccessorOf | EdgeKind::DerivedFrom(_)
            )
        })
        .filter_map(|e| super::entity_index(graph.graph[e.target()]))
        .any(|parent| developed_by(graph, parent, org))
}

fn developed_by(graph: &Graph, entity: u32, org: u32) -> bool {
    graph
        .graph
        .edges_directed(
            graph.node(NodeRef::Entity(entity)),
            petgraph::Direction::Outgoing,
        )
        .any(|e| {
            e.weight().kind == EdgeKind::DevelopedBy
                && graph.graph[e.target()] == NodeRef::Entity(org)
        })
}

struct Found {
    entity: u32,
    kind: EdgeKind,
    depth: usize,
    parent: u32,
    date: Option<Date>,
}

fn walk(
    graph: &Graph,
    root: u32,
    walk: Walk,
    is_org: bool,
    filter: &RelationFilter,
    max_depth: usize,
) -> Vec<LineageStep> {
    let mut visited: HashSet<u32> = HashSet::from([root]);
    let mut found: Vec<Found> = Vec::new();
    let mut children: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut queue: VecDeque<(u32, usize)> = VecDeque::from([(root, 0)]);
    let mut leftover: Vec<(u32, EdgeKind)> = Vec::new();
    while let Some((node, depth)) = queue.pop_front() {
        if depth >= max_depth {
            continue;
        }
        let mut next = if node == root && is_org && walk == Walk::Down {
            let developed = developed_roots(graph, root, filter);
            let (tops, rest): (Vec<_>, Vec<_>) = developed
                .into_iter()
                .partition(|(d, _)| !has_parent_of(graph, *d, root));
            leftover = rest;
            tops
        } else {
            neighbours(graph, node, walk, node == root && is_org, filter)
        };
        next.retain(|(o, _)| !visited.contains(o));
        let mut next: Vec<Found> = next
            .into_iter()
            .map(|(entity, kind)| Found {
                entity,
                kind,
                depth: depth + 1,
                parent: node,
                date: date_of(graph, entity),
            })
            .collect();
        sort_siblings(graph, &mut next);
        for f in next {
            if visited.insert(f.entity) {
                queue.push_back((f.entity, f.depth));
                children.entry(node).or_default().push(found.len());
                found.push(f);
            }
        }
        if queue.is_empty() && !leftover.is_empty() {
            // What the organization developed that its top-level trees did not reach (a
            // model whose family is another organization's, say) hangs from the root.
            let mut rest: Vec<Found> = std::mem::take(&mut leftover)
                .into_iter()
                .filter(|(e, _)| !visited.contains(e))
                .map(|(entity, kind)| Found {
                    entity,
                    kind,
                    depth: 1,
                    parent: root,
                    date: date_of(graph, entity),
                })
                .collect();
            sort_siblings(graph, &mut rest);
            for f in rest {
                if 1 <= max_depth && visited.insert(f.entity) {
                    queue.push_back((f.entity, 1));
                    children.entry(root).or_default().push(found.len());
                    found.push(f);
                }
            }
        }
    }
    // Tree order: a node, then its subtree.
    let mut order = Vec::with_capacity(found.len());
    let mut stack: Vec<usize> = children
        .get(&root)
        .map(|c| c.iter().rev().copied().collect())
        .unwrap_or_default();
    while let Some(i) = stack.pop() {
        order.push(i);
        if let Some(c) = children.get(&found[i].entity) {
            stack.extend(c.iter().rev().copied());
        }
    }
    order
        .into_iter()
        .map(|i| {
            let f = &found[i];
            let entity = &graph.entities[f.entity as usize];
            LineageStep {
                id: entity.id.clone(),
                name: entity.name.clone(),
                kind: entity.kind,
                relation: f.kind.name(),
                derivation: match f.kind {
                    EdgeKind::DerivedFrom(d) => Some(d),
                    _ => None,
                },
                depth: f.depth,
                via: graph.entities[f.parent as usize].id.clone(),
                date: f.date,
            }
        })
        .collect()
}

/// Siblings by date (undated last), then id.
fn sort_siblings(graph: &Graph, siblings: &mut [Found]) {
    siblings.sort_by(|a, b| {
        let key = |f: &Found| (f.date.is_none(), f.date.map(|d| d.start_key()));
        key(a).cmp(&key(b)).then_with(|| {
            graph.entities[a.entity as usize]
                .id
                .cmp(&graph.entities[b.entity as usize].id)
        })
    });
}
