//! Whole-graph validation, the last pass of loading: cycles in lineage, editorial claims and
//! conflicting figures (grouped by [`crate::compare`]). Each check is linear in the graph.

use super::locate::{Pending, Site};
use crate::diagnostic::Code;
use crate::graph::{Graph, NodeRef};
use crate::model::{Claim, Edge, EdgeKind, Status};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;

/// The graph-level checks that read the edges: cycles. Their problems come before those of
/// [`claim_checks`].
/// `whole` is the graph's nodes and edges, given apart so that the check can run before
/// they are put into `graph` (whose entities and claims it reads).
pub(crate) fn edge_checks(graph: &Graph, whole: &DiGraph<NodeRef, Edge>) -> Vec<Pending> {
    let mut out = Vec::new();
    cycles(graph, whole, &mut out);
    out
}

/// The graph-level checks that read only entities and claims (editorial claims, conflicts),
/// so that they can run while the edges are being added.
pub(crate) fn claim_checks(graph: &Graph) -> Vec<Pending> {
    let mut out = Vec::new();
    editorial(graph, &mut out);
    conflicts(graph, &mut out);
    out
}

fn claim_site(claim: &Claim) -> Site {
    Site {
        file: claim.origin.file,
        path: claim.origin.path.to_string(),
    }
}

/// The relations along which a cycle is an error, and how to name them.
/// Whether an edge is of one relation.
type EdgeTest = fn(EdgeKind) -> bool;

const ACYCLIC: &[(&str, EdgeTest)] = &[
    ("successor_of", |k| k == EdgeKind::SuccessorOf),
    ("derived_from", |k| matches!(k, EdgeKind::DerivedFrom(_))),
    ("member_of", |k| k == EdgeKind::MemberOf),
    ("subsidiary_of", |k| k == EdgeKind::SubsidiaryOf),
    ("part_of", |k| k == EdgeKind::PartOf),
    ("depends_on", |k| k == EdgeKind::DependsOn),
];

/// Finds the cycles of each acyclic relation. One pass over the edges splits out each
/// relation's edges; Tarjan's algorithm then runs on that relation's own small graph, not on
/// the whole graph of claims.
fn cycles(graph: &Graph, whole: &DiGraph<NodeRef, Edge>, out: &mut Vec<Pending>) {
    let mut relations: Vec<Vec<(NodeIndex, NodeIndex, Option<u32>)>> =
        vec![Vec::new(); ACYCLIC.len()];
    for e in whole.edge_references() {
        if let Some(r) = ACYCLIC.iter().position(|(_, is)| is(e.weight().kind)) {
            relations[r].push((e.source(), e.target(), e.weight().claim));
        }
    }
    for ((name, _), edges) in ACYCLIC.iter().zip(relations) {
        // The relation's graph: its nodes stand for nodes of the whole graph.
        let mut sub: DiGraph<NodeIndex, Option<u32>> = DiGraph::new();
        let mut index: FxHashMap<NodeIndex, NodeIndex> = FxHashMap::default();
        let mut node = |sub: &mut DiGraph<NodeIndex, Option<u32>>, n: NodeIndex| {
            *index.entry(n).or_insert_with(|| sub.add_node(n))
        };
        for &(from, to, claim) in &edges {
            let (from, to) = (node(&mut sub, from), node(&mut sub, to));
            sub.add_edge(from, to, claim);
        }
        for component in tarjan_scc(&sub) {
            let self_loop =
                component.len() == 1 && sub.find_edge(component[0], component[0]).is_some();
            if component.len() < 2 && !self_loop {
                continue;
            }
            // Name the cycle in a stable order, starting from the smallest id.
            let mut ids: Vec<String> = component
                .iter()
                .map(|n| graph.id_of(whole[sub[*n]]).into_owned())
                .collect();
            ids.sort_unstable();
            let members: std::collections::HashSet<_> = component.iter().copied().collect();
            // Locate at the claim behind the first edge of the cycle, in load order.
            let mut claims: Vec<u32> = component
                .iter()
                .flat_map(|n| sub.edges(*n))
                .filter(|e| members.contains(&e.target()))
                .filter_map(|e| *e.weight())
                .collect();
            claims.sort_unstable();
            let first_entity = component
                .iter()
                .filter_map(|n| match whole[sub[*n]] {
                    NodeRef::Entity(e) => Some(e),
                    NodeRef::Claim(_) => None,
                })
                .min();
            let site = match (claims.first(), first_entity) {
                (Some(&c), _) => Some(relation_site(&graph.claims[c as usize])),
                (None, Some(e)) => {
                    // Only `part_of`, which a market entry states without a claim.
                    let origin = &graph.entities[e as usize].origin;
                    Some(Site {
                        file: origin.file,
                        path: format!("{}.part_of", origin.path),
                    })
                }
                (None, None) => None,
            };
            let mut p = Pending {
                code: Code::Cycle,
                message: format!("cycle in `{name}`: {} -> {}", ids.join(" -> "), ids[0]),
                site,
                related: Vec::new(),
                help: None,
            };
            for &c in claims.iter().skip(1) {
                p.related.push((
                    relation_site(&graph.claims[c as usize]),
                    "also in the cycle".into(),
                ));
            }
            out.push(p);
        }
    }
}

/// Where a claim is best pointed at: a relation's object (the entry's field, or the claim's
/// `object`), a figure's value.
pub(crate) fn focus_site(claim: &Claim) -> Site {
    if claim.property.is_relation() {
        relation_site(claim)
    } else {
        value_site(claim)
    }
}

/// The site of a relation claim's object: the entry's field, or the claim's `object`.
fn relation_site(claim: &Claim) -> Site {
    let mut site = claim_site(claim);
    if site.path.starts_with("claims[") {
        site.path.push_str(".object");
    }
    site
}

/// The site of a claim's value, where a figure claim has one written.
fn value_site(claim: &Claim) -> Site {
    let mut site = claim_site(claim);
    if site.path.starts_with("claims[") {
        site.path.push_str(".value");
    }
    site
}

fn editorial(graph: &Graph, out: &mut Vec<Pending>) {
    for claim in graph
        .claims
        .iter()
        .filter(|c| c.status == Status::Editorial)
    {
        out.push(Pending::new(
            Code::EditorialClaim,
            claim_site(claim),
            format!(
                "editorial claim `{}` (no source states it): {}",
                graph.claim_id(claim),
                claim.editorial().unwrap_or("")
            ),
        ));
    }
}

fn conflicts(graph: &Graph, out: &mut Vec<Pending>) {
    let mut found: Vec<(u32, String, String, &Claim, &Claim)> = crate::compare::conflicts(graph)
        .iter()
        .flat_map(|group| group.disagreeing_pairs(graph))
        .map(|(a, b)| {
            let (a, b) = (&graph.claims[a as usize], &graph.claims[b as usize]);
            (a.origin.file, graph.claim_id(a), graph.claim_id(b), a, b)
        })
        .collect();
    found.sort_by(|x, y| (x.0, &x.1, &x.2).cmp(&(y.0, &y.1, &y.2)));
    for (_, a_id, b_id, a, b) in found {
        let mut p = Pending::new(
            Code::Conflict,
            value_site(b),
            format!(
                "`{}` of `{}` is {} here ({}) and {} in `{}`",
                a.property,
                graph.entity_id(a.subject),
                b.value.text,
                b_id,
                a.value.text,
                a_id
            ),
        );
        p.related
            .push((value_site(a), format!("{} here", a.value.text)));
        out.push(p);
    }
}
