//! `path`: the shortest connections between two entities.
//!
//! The walk goes along edges between entities in either direction (developed_by, member_of,
//! raised, invested_in, ...), and along claims that tie two entities together (a
//! `benchmark_score` of a model on a benchmark, a `market_share` of a vendor in a market),
//! named by the claim's property. Breadth first from the start, so the answer is every
//! shortest path (up to a limit), never a longer one.

use super::{resolve_entity, QueryError};
use crate::graph::{Graph, NodeRef};
use crate::model::EdgeKind;
use petgraph::visit::EdgeRef;
use std::collections::{HashMap, VecDeque};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The edge kind (`raised`) or, for a tie through a claim, the claim's property.
    pub kind: String,
    /// Whether the edge points along the path (`a -raised-> b`) or against it.
    pub forward: bool,
    /// The claim that states the step, if any.
    pub claim: Option<String>,
}

/// A path: `nodes.len() == edges.len() + 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// The entities along the way, from start to end.
    pub nodes: Vec<String>,
    /// The steps between them.
    pub edges: Vec<PathStep>,
}

/// The shortest paths from `from` to `to`, at most `limit`, ordered by their node ids.
/// `via`: only these edge kinds or claim properties (empty: all).
///
/// Complexity: breadth first, linear in the edges of the entities within the distance.
pub fn paths(
    graph: &Graph,
    from: &str,
    to: &str,
    via: &[String],
    limit: usize,
) -> Result<Vec<Path>, QueryError> {
    let (start, _) = resolve_entity(graph, from)?;
    let (end, _) = resolve_entity(graph, to)?;
    if start == end {
        return Ok(vec![Path {
            nodes: vec![graph.entities[start as usize].id.clone()],
            edges: Vec::new(),
        }]);
    }
    let allowed = |name: &str| via.is_empty() || via.iter().any(|v| v == name);
    // Distances and, per node, every predecessor on a shortest path.
    let mut distance: HashMap<u32, usize> = HashMap::from([(start, 0)]);
    let mut preds: HashMap<u32, Vec<(u32, PathStep)>> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut found_at: Option<usize> = None;
    while let Some(node) = queue.pop_front() {
        let d = distance[&node];
        if found_at.is_some_and(|f| d >= f) {
            continue;
        }
        for (other, step) in steps(graph, node) {
            if !allowed(&step.kind) {
                continue;
            }
            match distance.get(&other) {
                Some(&od) if od == d + 1 => preds.entry(other).or_default().push((node, step)),
                Some(_) => {}
                None => {
                    distance.insert(other, d + 1);
                    preds.entry(other).or_default().push((node, step));
                    if other == end {
                        found_at = Some(d + 1);
                    } else {
                        queue.push_back(other);
                    }
                }
            }
        }
    }
    if found_at.is_none() {
        return Ok(Vec::new());
    }
    let mut out: Vec<Path> = Vec::new();
    let mut partial: Vec<(u32, PathStep)> = Vec::new();
    backtrack(
        graph,
        end,
        start,
        &preds,
        &mut partial,
        &mut out,
        limit.max(1) * 4,
    );
    out.sort_by(|a, b| a.nodes.cmp(&b.nodes).then_with(|| kinds(a).cmp(&kinds(b))));
    out.dedup();
    out.truncate(limit);
    Ok(out)
}

fn kinds(p: &Path) -> Vec<&str> {
    p.edges.iter().map(|e| e.kind.as_str()).collect()
}

/// Every path back from `node` to `start` along predecessors, collected (up to `cap`).
fn backtrack(
    graph: &Graph,
    node: u32,
    start: u32,
    preds: &HashMap<u32, Vec<(u32, PathStep)>>,
    partial: &mut Vec<(u32, PathStep)>,
    out: &mut Vec<Path>,
    cap: usize,
) {
    if out.len() >= cap {
        return;
    }
    if node == start {
        let mut nodes = vec![graph.entities[start as usize].id.clone()];
        let mut edges = Vec::new();
        for (next, step) in partial.iter().rev() {
            nodes.push(graph.entities[*next as usize].id.clone());
            edges.push(step.clone());
        }
        out.push(Path { nodes, edges });
        return;
    }
    for (pred, step) in preds.get(&node).map(Vec::as_slice).unwrap_or_default() {
        partial.push((node, step.clone()));
        backtrack(graph, *pred, start, preds, partial, out, cap);
        partial.pop();
    }
}

/// The entities one step from `node`, with the step taken from `node`'s side.
fn steps(graph: &Graph, node: u32) -> Vec<(u32, PathStep)> {
    let index = graph.node(NodeRef::Entity(node));
    let mut out = Vec::new();
    let claim_id = |c: Option<u32>| {
        c.and_then(|c| graph.claims.get(c as usize))
            .map(|c| graph.claim_id(c))
    };
    for edge in graph
        .graph
        .edges_directed(index, petgraph::Direction::Outgoing)
    {
        if let NodeRef::Entity(other) = graph.graph[edge.target()] {
            out.push((
                other,
                PathStep {
                    kind: edge.weight().kind.name().to_string(),
                    forward: true,
                    claim: claim_id(edge.weight().claim),
                },
            ));
        }
    }
    for edge in graph
        .graph
        .edges_directed(index, petgraph::Direction::Incoming)
    {
        match (edge.weight().kind, graph.graph[edge.source()]) {
            (_, NodeRef::Entity(other)) => out.push((
                other,
                PathStep {
                    kind: edge.weight().kind.name().to_string(),
                    forward: false,
                    claim: claim_id(edge.weight().claim),
                },
            )),
            // A claim about this node and another entity ties the two (relations are
            // already edges of their own).
            (kind @ (EdgeKind::AboutSubject | EdgeKind::AboutObject), NodeRef::Claim(c)) => {
                let claim = &graph.claims[c as usize];
                if claim.property.is_relation() {
                    continue;
                }
                let (other, forward) = match kind {
                    EdgeKind::AboutSubject => (claim.object, true),
                    _ => (Some(claim.subject), false),
                };
                if let Some(other) = other {
                    if other != node {
                        out.push((
                            other,
                            PathStep {
                                kind: claim.property.name().to_string(),
                                forward,
                                claim: Some(graph.claim_id(claim)),
                            },
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}
