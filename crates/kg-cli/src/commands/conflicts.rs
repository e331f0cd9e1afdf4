//! `kg conflicts`: claims of one subject, property and qualifiers whose values disagree,
//! side by side with their sources. Nothing is resolved: the data keeps both.

use crate::args::{ConflictsArgs, Global};
use crate::commands::audit::{claim_table, known_entity};
use crate::json;
use anyhow::Result;
use kg_core::audit;
use kg_core::model::Claim;
use serde_json::{json, Value as Json};
use std::io::Write;

/// Runs `kg conflicts`.
pub fn run(
    global: &Global,
    args: &ConflictsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let id = match &args.id {
        Some(id) => match known_entity(&graph, id, err)? {
            Some(id) => Some(id),
            None => return Ok(crate::EXIT_USAGE),
        },
        None => None,
    };
    let groups: Vec<_> = audit::conflicts(&graph)
        .into_iter()
        .filter(|g| {
            id.as_deref()
                .is_none_or(|id| g.subject == id || g.object == Some(id))
        })
        .collect();
    if global.json {
        let doc: Vec<Json> = groups
            .iter()
            .map(|g| {
                let claims: Vec<Json> = g
                    .claims
                    .iter()
                    .map(|&c| json::claim(&graph, &graph.claims[c as usize]))
                    .collect();
                let qualifiers = claims
                    .first()
                    .map(|c| c["qualifiers"].clone())
                    .unwrap_or_else(|| json!({}));
                let mut m = json!({
                    "subject": g.subject,
                    "property": g.property.name(),
                    "qualifiers": qualifiers,
                    "claims": claims,
                });
                if let (Some(o), Some(obj)) = (g.object, m.as_object_mut()) {
                    obj.insert("object".into(), json!(o));
                }
                m
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        return Ok(crate::EXIT_OK);
    }
    if global.format != crate::args::TableFormat::Table {
        let rows = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (vec![(i + 1).to_string()], g.claims.as_slice()));
        crate::render::claim_groups(out, &graph, &["conflict"], rows, global.format)?;
        return Ok(crate::EXIT_OK);
    }
    for g in &groups {
        let mut head = format!("{}  {}", g.subject, g.property);
        if let Some(o) = g.object {
            head.push_str(&format!("  object {o}"));
        }
        let q = audit::describe_qualifiers(g.qualifiers);
        if !q.is_empty() {
            head.push_str(&format!("  ({q})"));
        }
        if color {
            writeln!(out, "\x1b[1m{head}\x1b[0m")?;
        } else {
            writeln!(out, "{head}")?;
        }
        let claims: Vec<&Claim> = g
            .claims
            .iter()
            .map(|&c| &graph.claims[c as usize])
            .collect();
        claim_table(out, &graph, &claims, "  ", color)?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} conflict{}",
        groups.len(),
        if groups.len() == 1 { "" } else { "s" }
    )?;
    Ok(crate::EXIT_OK)
}
