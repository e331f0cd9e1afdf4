//! `kg path`: the shortest connections between two entities, with edge kinds.

use crate::args::{Global, PathArgs};
use crate::render::{self, paint, Style};
use anyhow::Result;
use serde_json::json;
use std::io::Write;

/// At most this many paths.
const LIMIT: usize = 10;

/// Runs `kg path`. Exit 1 when the two are not connected.
pub fn run(
    global: &Global,
    args: &PathArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let paths = match kg_core::query::paths(&graph, &args.from, &args.to, &args.via, LIMIT) {
        Ok(p) => p,
        Err(e) => return render::query_error(err, &e, color, global.json),
    };
    if global.json {
        let list: Vec<_> = paths
            .iter()
            .map(|p| {
                json!({
                    "nodes": p.nodes,
                    "edges": p.edges.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
                    "steps": p.edges.iter().map(|e| {
                        let mut j = json!({"kind": e.kind, "forward": e.forward});
                        if let Some(c) = &e.claim { j["claim"] = json!(c); }
                        j
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        render::json(out, &json!(list))?;
    } else if paths.is_empty() {
        writeln!(err, "`{}` and `{}` are not connected", args.from, args.to)?;
    } else {
        for p in &paths {
            let mut line = paint(&p.nodes[0], Style::Id, color);
            for (step, node) in p.edges.iter().zip(&p.nodes[1..]) {
                // A step through a claim names it (its qualifiers and line), so two paths
                // through different claims of one property read differently.
                let kind = match &step.claim {
                    Some(c) if !is_structural(&step.kind) => {
                        format!("{}[{}]", step.kind, claim_tail(c, &step.kind))
                    }
                    _ => step.kind.clone(),
                };
                let arrow = if step.forward {
                    format!(" ─{kind}→ ")
                } else {
                    format!(" ←{kind}─ ")
                };
                line.push_str(&paint(&arrow, Style::Dim, color));
                line.push_str(&paint(node, Style::Id, color));
            }
            writeln!(out, "{line}")?;
        }
    }
    Ok(if paths.is_empty() { 1 } else { crate::EXIT_OK })
}

/// Whether a step is an edge of the graph's structure (`raised`, `member_of`, ...) rather
/// than a tie through a claim's figure.
fn is_structural(kind: &str) -> bool {
    kg_core::Property::from_name(kind).is_none_or(|p| p.is_relation())
}

/// What tells one claim of a property from another: its id after the object, e.g.
/// `2025-H1@215` of `deepseek/market_share/china-enterprise-llm/2025-H1@215`.
fn claim_tail<'c>(claim: &'c str, property: &str) -> &'c str {
    let last = claim.rsplit('/').next().unwrap_or(claim);
    match last.strip_prefix(property) {
        Some(rest) => rest,
        None => last,
    }
}
