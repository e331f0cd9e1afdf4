//! The audit's index over the graph: each entity's claims (a counting sort), figures by
//! property, relation targets, developers through families.

use crate::graph::Graph;
use crate::model::{Claim, Status};
use crate::property::Property;
use std::collections::HashSet;

pub(crate) struct Index<'g> {
    pub(crate) graph: &'g Graph,
    /// Where each entity's claims start in `by_subject`: entity `e`'s claims are
    /// `by_subject[starts[e]..starts[e + 1]]`.
    starts: Vec<u32>,
    /// Claim indexes grouped by subject (a counting sort), in load order within a subject:
    /// two flat vectors instead of a map of vectors, at millions of claims.
    by_subject: Vec<u32>,
}

impl<'g> Index<'g> {
    pub(crate) fn build(graph: &'g Graph) -> Index<'g> {
        let mut starts = vec![0u32; graph.entities.len() + 1];
        for c in &graph.claims {
            starts[c.subject as usize + 1] += 1;
        }
        for e in 1..starts.len() {
            starts[e] += starts[e - 1];
        }
        let mut next = starts.clone();
        let mut by_subject = vec![0u32; graph.claims.len()];
        for (i, c) in graph.claims.iter().enumerate() {
            let slot = &mut next[c.subject as usize];
            by_subject[*slot as usize] = i as u32;
            *slot += 1;
        }
        Index {
            graph,
            starts,
            by_subject,
        }
    }

    /// The claims about an entity, in load order.
    pub(crate) fn about(&self, subject: u32) -> &[u32] {
        let s = subject as usize;
        &self.by_subject[self.starts[s] as usize..self.starts[s + 1] as usize]
    }

    pub(crate) fn claim(&self, i: u32) -> &'g Claim {
        &self.graph.claims[i as usize]
    }

    /// The figure claims of a subject with a property, not editorial.
    pub(crate) fn figures(&self, subject: u32, property: Property) -> Vec<u32> {
        self.about(subject)
            .iter()
            .copied()
            .filter(|&i| {
                let c = self.claim(i);
                c.property == property && c.status != Status::Editorial
            })
            .collect()
    }

    /// The objects of a subject's relation claims of one property, in load order.
    pub(crate) fn targets(
        &self,
        subject: u32,
        property: Property,
    ) -> impl Iterator<Item = u32> + '_ {
        self.about(subject)
            .iter()
            .map(|&i| self.claim(i))
            .filter(move |c| c.property == property && c.property.is_relation())
            .filter_map(|c| c.object)
    }

    /// The id of the entity at an index.
    pub(crate) fn id(&self, entity: u32) -> &'g str {
        self.graph.entity_id(entity)
    }

    /// The name of the entity at an index.
    pub(crate) fn name(&self, entity: u32) -> String {
        self.graph.entities[entity as usize].name.clone()
    }

    /// The organizations that develop an entity, directly or through its families.
    pub(crate) fn developers(&self, id: u32) -> Vec<u32> {
        let mut seen = HashSet::new();
        let mut stack = vec![id];
        let mut out = Vec::new();
        while let Some(x) = stack.pop() {
            if !seen.insert(x) {
                continue;
            }
            for d in self.targets(x, Property::DevelopedBy) {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
            stack.extend(self.targets(x, Property::MemberOf));
        }
        out
    }
}
