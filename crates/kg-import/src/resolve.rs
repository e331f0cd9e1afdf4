//! After every input is read: ids for every entity ([`crate::slug`]), references resolved
//! by exact name (never by a guess), names that name nothing kept as placeholders and
//! listed with the closest names, names used twice listed, and the edge that closes a cycle
//! left out and reported.
//!
//! Suggestions cost the edit distance from each unresolved name to each defined one; past
//! [`SUGGESTION_BUDGET`] comparisons only names equal after normalizing case, spaces and
//! punctuation are suggested, so that a million-row tree with many dangling parents stays
//! linear.

use crate::model::{Import, ImportedClaim, ImportedEntity};
use crate::summary::{Duplicate, Unresolved};
use crate::text::normalize;
use kg_core::{NodeKind, Property};
use rustc_hash::FxHashMap;

/// How many (unresolved name, defined name) pairs the edit distance may compare.
pub const SUGGESTION_BUDGET: usize = 20_000_000;

/// Resolves references, assigns ids, lists dirt.
pub fn resolve(import: &mut Import) {
    resolve_references(import);
    assign_ids(import);
    suggest(import);
    list_duplicates(import);
    drop_cycles(import, Property::DerivedFrom);
    drop_cycles(import, Property::DependsOn);
}

/// Whether an entity of `kind` may be what a reference of `property` names.
fn fits(property: Property, kind: NodeKind) -> bool {
    match property {
        Property::DerivedFrom => kind == NodeKind::Model,
        _ => matches!(
            kind,
            NodeKind::Model | NodeKind::Dataset | NodeKind::Application
        ),
    }
}

fn resolve_references(import: &mut Import) {
    let references = std::mem::take(&mut import.references);
    let mut placeholders: FxHashMap<String, (u32, usize)> = FxHashMap::default();
    let mut unresolved: Vec<(String, Vec<String>)> = Vec::new();
    for reference in references {
        let candidates: Vec<u32> = import
            .by_key
            .get(&reference.name)
            .map(|c| {
                c.iter()
                    .copied()
                    .filter(|&e| fits(reference.property, import.entities[e as usize].kind))
                    .collect()
            })
            .unwrap_or_default();
        let object = match candidates.as_slice() {
            [one] => *one,
            _ => {
                let at = format!(
                    "{}:{}",
                    import.sources[reference.cite.file as usize].path, reference.cite.line
                );
                match placeholders.get(&reference.name) {
                    Some(&(p, u)) => {
                        unresolved[u].1.push(at);
                        p
                    }
                    None => {
                        let p = import.entities.len() as u32;
                        import.entities.push(ImportedEntity {
                            key: reference.name.clone(),
                            id: String::new(),
                            kind: reference.kind,
                            name: reference.name.clone(),
                            aliases: Vec::new(),
                            file: reference.cite.file,
                            cite: reference.cite.clone(),
                            unresolved: true,
                        });
                        placeholders.insert(reference.name.clone(), (p, unresolved.len()));
                        unresolved.push((reference.name.clone(), vec![at]));
                        p
                    }
                }
            }
        };
        import.claims.push(ImportedClaim {
            subject: reference.from,
            property: reference.property,
            object: Some(object),
            value: None,
            derivation: reference.derivation,
            note: None,
            cite: reference.cite,
        });
    }
    import.unresolved = unresolved
        .into_iter()
        .map(|(name, references)| Unresolved {
            name,
            references,
            suggestions: Vec::new(),
        })
        .collect();
}

/// The closest names to each unresolved one: for a name the input defines several times
/// (the reference cannot choose), the ids of those entities; else the names equal after
/// normalizing, then the nearest by edit distance (within the budget).
fn suggest(import: &mut Import) {
    if import.unresolved.is_empty() {
        return;
    }
    let defined: Vec<&str> = import
        .entities
        .iter()
        .filter(|e| !e.unresolved && e.kind != NodeKind::Organization)
        .map(|e| e.name.as_str())
        .collect();
    let mut by_normal: FxHashMap<String, Vec<&str>> = FxHashMap::default();
    for name in &defined {
        by_normal.entry(normalize(name)).or_default().push(name);
    }
    let full = import.unresolved.len().saturating_mul(defined.len()) <= SUGGESTION_BUDGET;
    let suggestions: Vec<Vec<String>> = import
        .unresolved
        .iter()
        .map(|u| {
            if let Some(same) = import.by_key.get(&u.name) {
                return same
                    .iter()
                    .map(|&e| import.entities[e as usize].id.clone())
                    .collect();
            }
            let mut found: Vec<String> = by_normal
                .get(&normalize(&u.name))
                .map(|v| v.iter().map(|s| s.to_string()).collect())
                .unwrap_or_default();
            if full {
                for s in kg_core::load::closest(&u.name, defined.iter().copied(), 3) {
                    if !found.contains(&s) {
                        found.push(s);
                    }
                }
            }
            found.truncate(3);
            found
        })
        .collect();
    for (u, s) in import.unresolved.iter_mut().zip(suggestions) {
        u.suggestions = s;
    }
}

fn assign_ids(import: &mut Import) {
    let prefix = import.format.prefix();
    let plain: Vec<String> = import
        .entities
        .iter()
        .map(|e| crate::slug::id(prefix, &e.key))
        .collect();
    let mut count: FxHashMap<&str, u32> = FxHashMap::default();
    for id in &plain {
        *count.entry(id.as_str()).or_default() += 1;
    }
    let shared: Vec<bool> = plain.iter().map(|id| count[id.as_str()] > 1).collect();
    drop(count);
    // Only disambiguated ids can repeat (a duplicate's kind and key are both taken again).
    let mut taken: FxHashMap<String, u32> = FxHashMap::default();
    let ids: Vec<String> = import
        .entities
        .iter()
        .zip(plain.into_iter().zip(shared))
        .map(|(e, (id, shared))| {
            if !shared {
                return id;
            }
            let base = crate::slug::disambiguated(prefix, e.kind.name(), &e.key);
            let n = taken.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base}-{n}")
            }
        })
        .collect();
    for (e, id) in import.entities.iter_mut().zip(ids) {
        e.id = id;
    }
}

fn list_duplicates(import: &mut Import) {
    let mut duplicates: Vec<Duplicate> = import
        .by_key
        .iter()
        .filter(|(_, entities)| entities.len() > 1)
        .map(|(name, entities)| Duplicate {
            name: name.clone(),
            ids: entities
                .iter()
                .map(|&e| import.entities[e as usize].id.clone())
                .collect(),
        })
        .collect();
    duplicates.sort_by(|a, b| a.name.cmp(&b.name));
    import.duplicates = duplicates;
}

/// Leaves out each claim of `property` that closes a cycle, and reports it with the cycle.
/// An iterative depth-first search: linear in the claims.
fn drop_cycles(import: &mut Import, property: Property) {
    let n = import.entities.len();
    let mut edges: Vec<(u32, u32, usize)> = import
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.property == property)
        .filter_map(|(i, c)| c.object.map(|o| (c.subject, o, i)))
        .collect();
    if edges.is_empty() {
        return;
    }
    edges.sort_unstable();
    let mut first = vec![usize::MAX; n];
    for (i, (s, _, _)) in edges.iter().enumerate().rev() {
        first[*s as usize] = i;
    }
    // 0: unvisited, 1: on the stack, 2: done.
    let mut state = vec![0u8; n];
    let mut dropped: Vec<(usize, Vec<u32>)> = Vec::new();
    for start in 0..n {
        if state[start] != 0 || first[start] == usize::MAX {
            continue;
        }
        let mut stack: Vec<(u32, usize)> = vec![(start as u32, first[start])];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let edge = *next;
            if edge < edges.len() && edges[edge].0 == node {
                *next += 1;
                let (_, to, claim) = edges[edge];
                match state[to as usize] {
                    0 => {
                        state[to as usize] = 1;
                        let f = first[to as usize];
                        stack.push((to, if f == usize::MAX { edges.len() } else { f }));
                    }
                    1 => {
                        let from = stack.iter().position(|(s, _)| *s == to).unwrap_or(0);
                        let cycle: Vec<u32> = stack[from..].iter().map(|(s, _)| *s).collect();
                        dropped.push((claim, cycle));
                    }
                    _ => {}
                }
            } else {
                state[node as usize] = 2;
                stack.pop();
            }
        }
    }
    if dropped.is_empty() {
        return;
    }
    let mut drop = vec![false; import.claims.len()];
    for (claim, cycle) in dropped {
        drop[claim] = true;
        let c = &import.claims[claim];
        let mut names: Vec<&str> = cycle
            .iter()
            .map(|&e| import.entities[e as usize].name.as_str())
            .collect();
        names.push(names[0]);
        let message = format!(
            "a cycle of `{}`: {}; this {} is left out",
            property.name(),
            names.join(" → "),
            property.name()
        );
        let cite = c.cite.clone();
        import.problem("cycle", &cite, message);
    }
    let mut i = 0;
    import.claims.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}
