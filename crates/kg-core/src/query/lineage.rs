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
use crate::graph::Graph;
use crate::model::{DerivationKind, EdgeKind, NodeKind};
use crate::snapshot::{Corrupt, Snapshot};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;

/// What lineage reads: entities' kinds, ids, names and release dates, and the edges between
/// entities in the order the loaded graph holds them. The loaded [`Graph`] gives it, and so
/// does a [`Snapshot`], without building a graph: one walk for both, the same answer.
trait Source: Sync {
    /// What reading can fail with (nothing, for a loaded graph).
    type Error: Send;
    fn kind(&self, e: u32) -> Result<NodeKind, Self::Error>;
    fn id(&self, e: u32) -> Result<&str, Self::Error>;
    fn name(&self, e: u32) -> Result<&str, Self::Error>;
    /// The earliest date of the entity's own `release_date` claims.
    fn release_date(&self, e: u32) -> Result<Option<Date>, Self::Error>;
    /// The edges between entities at `e`, outgoing or incoming: (kind, the other entity), in
    /// petgraph's order (the newest first).
    fn links(&self, e: u32, outgoing: bool) -> Result<Vec<(EdgeKind, u32)>, Self::Error>;
}

impl Source for Graph {
    type Error = std::convert::Infallible;
    fn kind(&self, e: u32) -> Result<NodeKind, Self::Error> {
        Ok(self.entities[e as usize].kind)
    }
    fn id(&self, e: u32) -> Result<&str, Self::Error> {
        Ok(&self.entities[e as usize].id)
    }
    fn name(&self, e: u32) -> Result<&str, Self::Error> {
        Ok(&self.entities[e as usize].name)
    }
    fn release_date(&self, e: u32) -> Result<Option<Date>, Self::Error> {
        Ok(release_date(self, e))
    }
    fn links(&self, e: u32, outgoing: bool) -> Result<Vec<(EdgeKind, u32)>, Self::Error> {
        Ok(self.entity_links(e, outgoing).collect())
    }
}

impl Source for Snapshot<'_> {
    type Error = Corrupt;
    fn kind(&self, e: u32) -> Result<NodeKind, Corrupt> {
        self.kind_of(e)
    }
    fn id(&self, e: u32) -> Result<&str, Corrupt> {
        self.id_of(e)
    }
    fn name(&self, e: u32) -> Result<&str, Corrupt> {
        self.name_of(e)
    }
    fn release_date(&self, e: u32) -> Result<Option<Date>, Corrupt> {
        Snapshot::release_date(self, e)
    }
    fn links(&self, e: u32, outgoing: bool) -> Result<Vec<(EdgeKind, u32)>, Corrupt> {
        Snapshot::links(self, e, outgoing)
    }
}

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
    let (root, _) = resolve_entity(graph, id)?;
    let filter = RelationFilter::parse(&options.relations)?;
    match lineage_of(graph, root, &filter, options) {
        Ok(lineage) => Ok(lineage),
        Err(never) => match never {},
    }
}

/// [`lineage`] read straight from a snapshot, building no graph: the same answer. `None`
/// when the answer is one the whole graph must give: an id that names no entity, or that
/// may be a claim's, and a `--relation` that names none (their messages suggest from all).
pub fn lineage_in_snapshot(
    snapshot: &Snapshot,
    id: &str,
    options: &LineageOptions,
) -> Result<Option<Lineage>, Corrupt> {
    let Some(root) = snapshot.entity_named(id)? else {
        return Ok(None);
    };
    let Ok(filter) = RelationFilter::parse(&options.relations) else {
        return Ok(None);
    };
    snapshot.prefetch_links()?;
    lineage_of(snapshot, root, &filter, options).map(Some)
}

fn lineage_of<S: Source>(
    graph: &S,
    root: u32,
    filter: &RelationFilter,
    options: &LineageOptions,
) -> Result<Lineage, S::Error> {
    let max_depth = options.depth.unwrap_or(usize::MAX);
    let kind = graph.kind(root)?;
    let mut lineage = Lineage {
        root: graph.id(root)?.to_string(),
        name: graph.name(root)?.to_string(),
        kind,
        date: date_of(graph, root)?,
        ancestors: Vec::new(),
        descendants: Vec::new(),
    };
    let is_org = kind == NodeKind::Organization;
    if options.ancestors {
        lineage.ancestors = walk(graph, root, Walk::Up, is_org, filter, max_depth)?;
    }
    if options.descendants {
        lineage.descendants = walk(graph, root, Walk::Down, is_org, filter, max_depth)?;
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
            } else if let Some(d) = DerivationKind::ALL.iter().find(|d| d.name() == name) {
                filter.derivations.insert(*d);
            } else {
                return Err(QueryError::BadArgument(format!(
                    "unknown relation `{name}`; expected one of {}, or a derivation kind ({})",
                    LINEAGE_RELATIONS.join(", "),
                    DerivationKind::ALL.map(|d| d.name()).join(", ")
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
fn date_of<S: Source>(graph: &S, entity: u32) -> Result<Option<Date>, S::Error> {
    if let Some(d) = graph.release_date(entity)? {
        return Ok(Some(d));
    }
    if graph.kind(entity)? != NodeKind::ModelFamily {
        return Ok(None);
    }
    // A family without a date of its own takes its earliest member's, looking through
    // member families too (`llama` through `llama-2`, `llama-3`, ...).
    let mut earliest: Option<Date> = None;
    let mut seen = HashSet::from([entity]);
    let mut stack = vec![entity];
    while let Some(family) = stack.pop() {
        let members: Vec<u32> = graph
            .links(family, false)?
            .into_iter()
            .filter(|(kind, _)| *kind == EdgeKind::MemberOf)
            .map(|(_, member)| member)
            .collect();
        for member in members {
            if !seen.insert(member) {
                continue;
            }
            match graph.release_date(member)? {
                Some(d) if earliest.is_none_or(|e| d.start_key() < e.start_key()) => {
                    earliest = Some(d)
                }
                Some(_) => {}
                None if graph.kind(member)? == NodeKind::ModelFamily => stack.push(member),
                None => {}
            }
        }
    }
    Ok(earliest)
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
fn neighbours<S: Source>(
    graph: &S,
    node: u32,
    walk: Walk,
    from_org: bool,
    filter: &RelationFilter,
) -> Result<Vec<(u32, EdgeKind)>, S::Error> {
    let same_as = !from_org && filter.follows(EdgeKind::SameAs);
    // Each direction's links read once: the walk's, and the other one for `same_as`.
    let walked = graph.links(node, walk == Walk::Up)?;
    let other = if same_as {
        graph.links(node, walk != Walk::Up)?
    } else {
        Vec::new()
    };
    let mut next: Vec<(u32, EdgeKind)> = walked
        .iter()
        .filter(|&&(kind, _)| step_kind(kind, walk, from_org) && filter.follows(kind))
        .map(|&(kind, other)| (other, kind))
        .collect();
    // `same_as` is followed both ways in either walk: the same entity under another id
    // carries on the lineage (graph-data's model and an imported dataset's entry for it).
    if same_as {
        let (outgoing, incoming) = match walk {
            Walk::Up => (&walked, &other),
            Walk::Down => (&other, &walked),
        };
        for links in [outgoing, incoming] {
            next.extend(
                links
                    .iter()
                    .filter(|(kind, _)| *kind == EdgeKind::SameAs)
                    .map(|&(_, other)| (other, EdgeKind::SameAs)),
            );
        }
    }
    Ok(next)
}

/// What an organization developed that is the top of a lineage: families that are not a
/// member of another of its families, and models outside any of its families; what is
/// left unreached by their trees is added after.
fn developed_roots<S: Source>(
    graph: &S,
    org: u32,
    filter: &RelationFilter,
) -> Result<Vec<(u32, EdgeKind)>, S::Error> {
    if !filter.follows(EdgeKind::DevelopedBy) {
        return Ok(Vec::new());
    }
    Ok(graph
        .links(org, false)?
        .into_iter()
        .filter(|(kind, _)| *kind == EdgeKind::DevelopedBy)
        .map(|(_, d)| (d, EdgeKind::DevelopedBy))
        .collect())
}

/// Whether `entity` hangs under another lineage node developed by `org`.
fn has_parent_of<S: Source>(graph: &S, entity: u32, org: u32) -> Result<bool, S::Error> {
    for (kind, parent) in graph.links(entity, true)? {
        if matches!(
            kind,
            EdgeKind::MemberOf | EdgeKind::SuccessorOf | EdgeKind::DerivedFrom(_)
        ) && developed_by(graph, parent, org)?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `entity` is developed by `org`.
fn developed_by<S: Source>(graph: &S, entity: u32, org: u32) -> Result<bool, S::Error> {
    Ok(graph
        .links(entity, true)?
        .into_iter()
        .any(|(kind, other)| kind == EdgeKind::DevelopedBy && other == org))
}

/// A node reached by the walk, with what its step shows.
struct Found<'s> {
    entity: u32,
    id: &'s str,
    /// The id's first bytes, zero-padded: siblings are sorted by it before their ids, which
    /// a base model's 93,807 children would otherwise read all over memory.
    id_prefix: [u8; 16],
    name: &'s str,
    node_kind: NodeKind,
    kind: EdgeKind,
    depth: usize,
    /// The node it was reached from, when that is a found node rather than the root.
    parent_found: Option<usize>,
    date: Option<Date>,
}

/// The frontier of a walk is expanded on both cores from this many nodes on: below it (every
/// walk of graph-data) one thread does it, without waking the pool.
const PARALLEL_FRONTIER: usize = 256;

fn walk<'s, S: Source>(
    graph: &'s S,
    root: u32,
    walk: Walk,
    is_org: bool,
    filter: &RelationFilter,
    max_depth: usize,
) -> Result<Vec<LineageStep>, S::Error> {
    // Fx: entity indexes are small integers, and this walk can reach a million of them.
    let mut visited: FxHashSet<u32> = FxHashSet::default();
    visited.insert(root);
    let mut found: Vec<Found<'s>> = Vec::new();
    let mut children: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    // (entity, depth, its index in `found`: none for the root)
    let mut queue: Vec<(u32, usize, Option<usize>)> = vec![(root, 0, None)];
    let mut leftover: Vec<(u32, EdgeKind)> = Vec::new();
    let found_at = |entity: u32, kind: EdgeKind, depth: usize| {
        let id = graph.id(entity)?;
        let mut id_prefix = [0u8; 16];
        let n = id.len().min(16);
        id_prefix[..n].copy_from_slice(&id.as_bytes()[..n]);
        Ok(Found {
            entity,
            id,
            id_prefix,
            name: graph.name(entity)?,
            node_kind: graph.kind(entity)?,
            kind,
            depth,
            parent_found: None,
            date: date_of(graph, entity)?,
        })
    };
    // The steps from one node, not yet visited when its frontier began, in sibling order. An
    // organization's descendants start from what it developed; the rest of that is left
    // over.
    type Expanded<'s> = (Vec<Found<'s>>, Option<Vec<(u32, EdgeKind)>>);
    let expand =
        |node: u32, depth: usize, visited: &FxHashSet<u32>| -> Result<Expanded<'s>, S::Error> {
            if depth >= max_depth {
                return Ok((Vec::new(), None));
            }
            let (mut next, rest) = if node == root && is_org && walk == Walk::Down {
                let developed = developed_roots(graph, root, filter)?;
                let (mut tops, mut rest) = (Vec::new(), Vec::new());
                for (d, kind) in developed {
                    if has_parent_of(graph, d, root)? {
                        rest.push((d, kind));
                    } else {
                        tops.push((d, kind));
                    }
                }
                (tops, Some(rest))
            } else {
                (
                    neighbours(graph, node, walk, node == root && is_org, filter)?,
                    None,
                )
            };
            next.retain(|(o, _)| !visited.contains(o));
            // A base model's children can be a hundred thousand: read and sorted on both cores.
            let mut next: Vec<Found> =
                on_cores(&next, |&(entity, kind)| found_at(entity, kind, depth + 1))
                    .into_iter()
                    .collect::<Result<_, S::Error>>()?;
            sort_siblings(&mut next);
            Ok((next, rest))
        };
    // Breadth first, a frontier at a time: its nodes are expanded (on both cores when it is
    // large) against what was visited before it, then taken in queue order, so a node is
    // still found once, from the first node that reaches it, as one node at a time would.
    while !queue.is_empty() {
        let frontier = std::mem::take(&mut queue);
        let expanded = on_cores(&frontier, |&(node, depth, _)| expand(node, depth, &visited));
        for (&(node, _, index), expanded) in frontier.iter().zip(expanded) {
            let (next, rest) = expanded?;
            if let Some(rest) = rest {
                leftover = rest;
            }
            for mut f in next {
                if visited.insert(f.entity) {
                    f.parent_found = index;
                    queue.push((f.entity, f.depth, Some(found.len())));
                    children.entry(node).or_default().push(found.len());
                    found.push(f);
                }
            }
        }
        if queue.is_empty() && !leftover.is_empty() {
            // What the organization developed that its top-level trees did not reach (a
            // model whose family is another organization's, say) hangs from the root.
            let mut rest: Vec<Found> = std::mem::take(&mut leftover)
                .into_iter()
                .filter(|(e, _)| !visited.contains(e))
                .map(|(entity, kind)| found_at(entity, kind, 1))
                .collect::<Result<_, S::Error>>()?;
            sort_siblings(&mut rest);
            for f in rest {
                if 1 <= max_depth && visited.insert(f.entity) {
                    queue.push((f.entity, 1, Some(found.len())));
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
    let root_id = graph.id(root)?;
    Ok(order
        .into_iter()
        .map(|i| {
            let f = &found[i];
            LineageStep {
                id: f.id.to_string(),
                name: f.name.to_string(),
                kind: f.node_kind,
                relation: f.kind.name(),
                derivation: match f.kind {
                    EdgeKind::DerivedFrom(d) => Some(d),
                    _ => None,
                },
                depth: f.depth,
                via: f.parent_found.map_or(root_id, |p| found[p].id).to_string(),
                date: f.date,
            }
        })
        .collect())
}

/// `f` of each item, in order: on both cores from [`PARALLEL_FRONTIER`] items, else on this
/// thread (no pool woken for graph-data's walks).
fn on_cores<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    if items.len() >= PARALLEL_FRONTIER {
        items.par_iter().with_min_len(64).map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// Siblings by date (undated last), then id; a stable sort, so that an entity reached by two
/// edges keeps the first.
fn sort_siblings(siblings: &mut [Found]) {
    use rayon::slice::ParallelSliceMut;
    let order = |a: &Found, b: &Found| {
        let key = |f: &Found| (f.date.is_none(), f.date.map(|d| d.start_key()));
        // Unequal zero-padded prefixes order as their ids do; equal ones say nothing.
        key(a)
            .cmp(&key(b))
            .then_with(|| a.id_prefix.cmp(&b.id_prefix))
            .then_with(|| a.id.cmp(b.id))
    };
    if siblings.len() >= PARALLEL_FRONTIER {
        siblings.par_sort_by(order);
    } else {
        siblings.sort_by(order);
    }
}
