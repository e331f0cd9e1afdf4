//! Edges: duplicate claim ids dropped, then a node for every entity and claim and the
//! typed edges between them (petgraph).

use super::locate::{Pending, Site};
use super::register::Builder;
use crate::diagnostic::Code;
use crate::graph::Graph;
use crate::id::closest;
use crate::model::{Claim, Details, EdgeKind, NodeKind};
use rayon::prelude::*;

impl Builder {
    /// Reports and drops every claim whose id an earlier claim already has. Claims are
    /// grouped by the hash of their id, and only ids with equal hashes are compared.
    pub(super) fn drop_duplicate_claims(&mut self, mut hashes: Vec<(u64, u32)>) {
        hashes.par_sort_unstable();
        let mut dropped = Vec::new();
        for group in hashes.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
            let ids: Vec<(String, u32)> = group
                .iter()
                .map(|&(_, c)| (self.graph.claim_id(&self.graph.claims[c as usize]), c))
                .collect();
            for (k, (id, c)) in ids.iter().enumerate() {
                let Some((_, first)) = ids[..k].iter().find(|(other, _)| other == id) else {
                    continue;
                };
                let claim = &self.graph.claims[*c as usize];
                let other = self.graph.claims[*first as usize].origin;
                let mut p = Pending::new(
                    Code::DuplicateId,
                    Site {
                        file: claim.origin.file,
                        path: claim.origin.path.item().to_string(),
                    },
                    format!("two claims get the id `{id}`; tell them apart with a qualifier or `key: \"...\"`"),
                );
                p.related.push((
                    Site {
                        file: other.file,
                        path: other.path.to_string(),
                    },
                    "the other claim".into(),
                ));
                p.help = same_line_of_two_documents(
                    &self.graph,
                    claim,
                    &self.graph.claims[*first as usize],
                );
                self.pending.push(p);
                dropped.push(*c);
            }
        }
        if dropped.is_empty() {
            return;
        }
        dropped.sort_unstable();
        let mut index = 0u32;
        self.graph.claims.retain(|_| {
            let keep = dropped.binary_search(&index).is_err();
            index += 1;
            keep
        });
    }
}

/// The entity-to-entity edges stated by an entry's field rather than by a claim (`part_of`,
/// `published_by`), in entity order, and the problems of those fields. Only reads the graph:
/// the edges are added by [`Graph::add_stated_edges`] once the claims' edges are in.
pub(super) fn entry_edges(graph: &Graph) -> (Vec<(u32, u32, EdgeKind)>, Vec<Pending>) {
    let mut stated: Vec<(u32, u32, EdgeKind)> = Vec::new();
    let mut pending = Vec::new();
    for (i, entity) in graph.entities.iter().enumerate() {
        let g = graph;
        let site = |field: &str| Site {
            file: entity.origin.file,
            path: format!("{}.{field}", entity.origin.path),
        };
        let target = |id: &str, kind: NodeKind| {
            g.entity_index(id)
                .filter(|&p| g.entities[p as usize].kind == kind)
        };
        match entity.details() {
            Details::Market {
                part_of: Some(parent),
                ..
            } => match target(parent, NodeKind::Market) {
                Some(p) => stated.push((i as u32, p, EdgeKind::PartOf)),
                None => pending.push(
                    Pending::new(
                        Code::DanglingReference,
                        site("part_of"),
                        format!("market `{parent}` does not exist"),
                    )
                    .help(
                        Some(closest(
                            parent,
                            g.entities
                                .iter()
                                .filter(|e| e.kind == NodeKind::Market)
                                .map(|e| e.id.as_str()),
                            3,
                        ))
                        .filter(|v| !v.is_empty())
                        .map(|v| format!("did you mean `{}`?", v.join("`, `"))),
                    ),
                ),
            },
            Details::Source {
                publisher, outline, ..
            } => {
                if let Some(publisher) = publisher {
                    match target(publisher, NodeKind::Organization) {
                        Some(p) => stated.push((i as u32, p, EdgeKind::PublishedBy)),
                        None => pending.push(Pending::new(
                            Code::DanglingReference,
                            site("publisher"),
                            format!(
                                "publisher `{publisher}` is not an organization of the dataset"
                            ),
                        )),
                    }
                }
                for (h, heading) in outline.iter().enumerate() {
                    for (j, org) in heading.attributed_to.iter().enumerate() {
                        if g.entity_index(org).is_none() {
                            pending.push(Pending::new(
                                Code::DanglingReference,
                                site(&format!("outline[{h}].attributed_to[{j}]")),
                                format!("primary source `{org}` does not exist"),
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (stated, pending)
}

/// The help for a duplicate id of two claims that cite the same line of two documents, each
/// the `source` of its own file (their ids then name no document).
fn same_line_of_two_documents(graph: &Graph, a: &Claim, b: &Claim) -> Option<String> {
    let (ca, cb) = (a.citations.first()?, b.citations.first()?);
    (ca.source != cb.source).then(|| {
        format!(
            "the two cite line {} of two documents, `{}` and `{}`, each the `source` of its file: give one a `key` (its document's id will do)",
            ca.line,
            graph.entity_id(ca.source),
            graph.entity_id(cb.source)
        )
    })
}
