//! Registering: every entity of pass 1 into the graph's index (ids checked for shape and
//! duplicates), and the section tables of every source's outline.

use super::claims::FileUnit;
use super::locate::{Pending, Site};
use crate::diagnostic::Code;
use crate::graph::{hash_id, Graph};
use crate::id::is_slug;
use crate::model::{Details, Entity, Heading};
use rustc_hash::FxHashMap;

/// The section that starts at a heading: its path (an index into [`Graph::sections`]) and
/// the primary sources (entity indexes) it names.
pub(super) struct SectionEntry {
    pub(super) line: u32,
    pub(super) section: u32,
    pub(super) attributed_to: Vec<u32>,
}

/// Builds the graph from the parsed files: registers entities, then builds claims file by
/// file in parallel against the finished entity index, then adds the edges.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) graph: Graph,
    pub(super) pending: Vec<Pending>,
    /// Explicit section paths, to their index in [`Graph::sections`].
    pub(super) section_ids: FxHashMap<String, u32>,
    /// Per source (entity index), the section of each heading, by line.
    pub(super) section_tables: FxHashMap<u32, Vec<SectionEntry>>,
}

impl Builder {
    /// Registers pass 1's entities, in file order, and the sections the files name.
    pub(super) fn register(&mut self, entities: Vec<Entity>, units: &[FileUnit]) {
        self.graph.ids.reserve(entities.len(), |_| 0);
        self.section_intern("");
        // The entities move into the graph as they are, not one by one (a copy of a hundred
        // megabytes at 1M models); an entity whose id is taken (rare) is reported, then
        // dropped, and the index rebuilt.
        debug_assert!(self.graph.entities.is_empty());
        self.graph.entities = entities;
        let mut taken = Vec::new();
        for i in 0..self.graph.entities.len() {
            if !self.index_entity(i as u32) {
                taken.push(i);
            }
        }
        if !taken.is_empty() {
            let mut i = 0;
            self.graph.entities.retain(|_| {
                i += 1;
                taken.binary_search(&(i - 1)).is_err()
            });
            let entities = &self.graph.entities;
            self.graph.ids.clear();
            for (index, entity) in entities.iter().enumerate() {
                self.graph
                    .ids
                    .insert_unique(hash_id(&entity.id), index as u32, |&e| {
                        hash_id(&entities[e as usize].id)
                    });
            }
        }
        for unit in units.iter() {
            for section in &unit.sections {
                self.section_intern(section);
            }
        }
        // Section tables of every source, now that every primary source is known.
        let tables: Vec<(u32, Vec<OutlineSection>)> = self
            .graph
            .entities
            .iter()
            .enumerate()
            .filter_map(|(s, e)| match e.details() {
                Details::Source { outline, .. } => Some((s as u32, section_table(outline))),
                _ => None,
            })
            .collect();
        for (source, table) in tables {
            let entries = table
                .into_iter()
                .map(|(line, path, attributed_to)| SectionEntry {
                    line,
                    section: self.section_intern(&path),
                    attributed_to: attributed_to
                        .iter()
                        .filter_map(|a| self.graph.entity_index(a))
                        .collect(),
                })
                .collect();
            self.section_tables.insert(source, entries);
        }
    }

    /// The index of a section path in [`Graph::sections`], adding it when new.
    fn section_intern(&mut self, path: &str) -> u32 {
        if let Some(&i) = self.section_ids.get(path) {
            return i;
        }
        let i = self.graph.sections.len() as u32;
        self.graph.sections.push(path.to_string());
        self.section_ids.insert(path.to_string(), i);
        i
    }

    /// Checks the id of entity `index` and adds it to the index; `false` when an earlier
    /// entity has the id (reported as a duplicate).
    fn index_entity(&mut self, index: u32) -> bool {
        let entities = &self.graph.entities;
        let entity = &entities[index as usize];
        let file = entity.origin.file;
        let site = || Site {
            file,
            path: format!("{}.id", entity.origin.path),
        };
        if !is_slug(&entity.id) {
            self.pending.push(Pending::new(
                Code::BadValue,
                site(),
                format!(
                    "`{}` is not a valid id; expected a lowercase slug of letters, digits, `.`, `-` and `_` (e.g. `llama-3.1-405b`)",
                    entity.id
                ),
            ));
        }
        let hash = hash_id(&entity.id);
        if let Some(&first) = self
            .graph
            .ids
            .find(hash, |&e| entities[e as usize].id == entity.id)
        {
            let first = entities[first as usize].origin;
            let mut p = Pending::new(
                Code::DuplicateId,
                site(),
                format!("duplicate id `{}`", entity.id),
            );
            p.related.push((
                Site {
                    file: first.file,
                    path: format!("{}.id", first.path),
                },
                "first defined here".into(),
            ));
            self.pending.push(p);
            return false;
        }
        self.graph
            .ids
            .insert_unique(hash, index, |&e| hash_id(&entities[e as usize].id));
        true
    }
}

/// A heading's line, its section path and the primary sources it and the headings above
/// it name.
type OutlineSection = (u32, String, Vec<String>);

/// The section path (headings above, joined with " > ") and inherited attribution at each
/// heading of an outline.
fn section_table(outline: &[Heading]) -> Vec<OutlineSection> {
    crate::model::heading_stacks(outline)
        .map(|stack| {
            let mut attributed_to: Vec<String> = Vec::new();
            for a in stack.iter().flat_map(|h| h.attributed_to.iter()) {
                if !attributed_to.contains(a) {
                    attributed_to.push(a.clone());
                }
            }
            let line = stack.last().map_or(0, |h| h.line);
            (line, crate::model::section_path(&stack), attributed_to)
        })
        .collect()
}
