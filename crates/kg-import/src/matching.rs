//! `--into DATA`: links imported entities to an existing dataset's by id, name and alias,
//! compared after normalizing case, spaces and punctuation (`Llama 2-13B` = `llama-2-13b`).
//! One match becomes a cited `same_as` claim; several are listed as a problem and none is
//! chosen. Candidates that DATA itself says are one entity (`a same_as b`, from an earlier
//! import into a folder that now holds it) count once, as the entity they are the same as,
//! so that importing a second dataset into graph-data plus a first import links to
//! graph-data's entities.

use crate::model::Import;
use crate::summary::Match;
use crate::text::normalize;
use kg_core::model::EdgeKind;
use kg_core::{Graph, NodeKind, NodeRef};
use rustc_hash::FxHashMap;

/// The existing kinds an imported entity of `kind` may be the same as.
fn compatible(kind: NodeKind) -> &'static [NodeKind] {
    match kind {
        NodeKind::Model => &[NodeKind::Model, NodeKind::ModelFamily],
        NodeKind::Dataset => &[NodeKind::Dataset],
        NodeKind::Application => &[NodeKind::Application],
        NodeKind::Organization => &[NodeKind::Organization],
        _ => &[],
    }
}

/// Matches every imported entity against `graph`. Linear in both.
pub fn match_into(import: &mut Import, graph: &Graph) {
    let mut index: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (i, e) in graph.entities.iter().enumerate() {
        if !matches!(
            e.kind,
            NodeKind::Model
                | NodeKind::ModelFamily
                | NodeKind::Dataset
                | NodeKind::Application
                | NodeKind::Organization
        ) {
            continue;
        }
        for key in std::iter::once(&e.id)
            .chain(std::iter::once(&e.name))
            .chain(e.aliases.iter())
        {
            let k = normalize(key);
            if k.is_empty() {
                continue;
            }
            let v = index.entry(k).or_default();
            if !v.contains(&(i as u32)) {
                v.push(i as u32);
            }
        }
    }
    for (i, entity) in import.entities.iter().enumerate() {
        // A `same_as` claim is cited where the input names the entity: it needs a quote.
        if entity.cite.quote.trim().is_empty() {
            continue;
        }
        let kinds = compatible(entity.kind);
        let mut found: Vec<(u32, String)> = Vec::new();
        for key in std::iter::once(&entity.name)
            .chain(std::iter::once(&entity.key))
            .chain(entity.aliases.iter())
        {
            let k = normalize(key);
            for &g in index.get(&k).into_iter().flatten() {
                // An entity of DATA with the imported entity's own id is an earlier import
                // of it (DATA holds the output folder being replaced), not another entity.
                let other = &graph.entities[g as usize];
                if kinds.contains(&other.kind)
                    && other.id != entity.id
                    && !found.iter().any(|(f, _)| *f == g)
                {
                    found.push((g, k.clone()));
                }
            }
        }
        // A candidate that is the same as another candidate is that one.
        let same_as_another = |g: u32| {
            graph
                .edges_from(NodeRef::Entity(g))
                .iter()
                .any(|(_, to, e)| {
                    e.kind == EdgeKind::SameAs
                        && matches!(to, NodeRef::Entity(t) if found.iter().any(|(f, _)| f == t))
                })
        };
        let kept: Vec<(u32, String)> = found
            .iter()
            .filter(|(g, _)| !same_as_another(*g))
            .cloned()
            .collect();
        let found = if kept.is_empty() { found } else { kept };
        match found.as_slice() {
            [] => {}
            [(g, key)] => {
                let other = &graph.entities[*g as usize];
                import.matches.push(Match {
                    id: entity.id.clone(),
                    same_as: other.id.clone(),
                });
                import.same_as.push((
                    i as u32,
                    other.id.clone(),
                    format!(
                        "matched by kg import --into: `{}` and `{}` ({}) agree as `{key}` once case, spaces and punctuation are set aside",
                        entity.name, other.name, other.id
                    ),
                ));
            }
            several => {
                let ids: Vec<&str> = several
                    .iter()
                    .map(|(g, _)| graph.entities[*g as usize].id.as_str())
                    .collect();
                let message = format!(
                    "`{}` ({}) matches {} entities of the dataset: {}; none is chosen",
                    entity.name,
                    entity.id,
                    ids.len(),
                    ids.join(", ")
                );
                let cite = entity.cite.clone();
                import.problems.push(crate::summary::Problem {
                    code: "ambiguous-match",
                    severity: "warning",
                    message,
                    file: import.sources[cite.file as usize].path.clone(),
                    line: cite.line,
                    column: cite.column,
                });
            }
        }
    }
}
