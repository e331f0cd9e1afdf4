//! `kg audit`: conflicts plus arithmetic, time and logic findings, each explained with the
//! numbers and shown with the claims (and citations) it rests on.

use crate::args::{AuditArgs, Global};
use crate::json;
use anyhow::Result;
use kg_core::audit::{self, Finding, FindingCode};
use kg_core::graph::Graph;
use kg_core::model::Claim;
use serde_json::json;
use std::io::Write;

/// Runs `kg audit`.
pub fn run(
    global: &Global,
    args: &AuditArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let mut codes = Vec::new();
    for name in &args.code {
        match FindingCode::from_name(name) {
            Some(c) => codes.push(c),
            None => {
                let names = FindingCode::ALL.iter().map(|c| c.name());
                let near = kg_core::load::closest(name, names, 3);
                unknown(err, "finding code", name, &near)?;
                return Ok(crate::EXIT_USAGE);
            }
        }
    }
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let id = match &args.id {
        Some(id) => match known_entity(&graph, id, err)? {
            Some(id) => Some(id),
            None => return Ok(crate::EXIT_USAGE),
        },
        None => None,
    };
    let findings: Vec<Finding> = audit::audit(&graph)
        .into_iter()
        .filter(|f| codes.is_empty() || codes.contains(&f.code))
        .filter(|f| {
            id.as_deref().is_none_or(|id| {
                f.claims
                    .iter()
                    .any(|&c| about(&graph, &graph.claims[c as usize], id))
            })
        })
        .collect();
    if global.json {
        let doc = json!({
            "findings": findings.iter().map(|f| json!({
                "code": f.code.name(),
                "severity": f.severity.name(),
                "message": f.message,
                "claims": f.claims.iter().map(|&c| json::claim(&graph, &graph.claims[c as usize])).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        return Ok(crate::EXIT_OK);
    }
    if global.format != crate::args::TableFormat::Table {
        // A row per claim a finding rests on, the finding's number, code and message first.
        let groups = findings.iter().enumerate().map(|(i, f)| {
            (
                vec![(i + 1).to_string(), f.code.name().into(), f.message.clone()],
                f.claims.as_slice(),
            )
        });
        crate::render::claim_groups(
            out,
            &graph,
            &["finding", "code", "message"],
            groups,
            global.format,
        )?;
        return Ok(crate::EXIT_OK);
    }
    for f in &findings {
        let head = format!("{}[{}]", f.severity.name(), f.code.name());
        if color {
            writeln!(out, "\x1b[1;33m{head}\x1b[0m {}", f.message)?;
        } else {
            writeln!(out, "{head} {}", f.message)?;
        }
        let claims: Vec<&Claim> = f
            .claims
            .iter()
            .map(|&c| &graph.claims[c as usize])
            .collect();
        claim_table(out, &graph, &claims, "  ", color)?;
        writeln!(out)?;
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for f in &findings {
        match counts.iter_mut().find(|(c, _)| *c == f.code.name()) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.code.name(), 1)),
        }
    }
    let detail: Vec<String> = counts.iter().map(|(c, n)| format!("{n} {c}")).collect();
    writeln!(
        out,
        "{} finding{}{}",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        if detail.is_empty() {
            String::new()
        } else {
            format!(" ({})", detail.join(", "))
        }
    )?;
    Ok(crate::EXIT_OK)
}

/// Whether a claim is about an entity (as subject or object).
pub(crate) fn about(graph: &Graph, claim: &Claim, id: &str) -> bool {
    graph.entity_id(claim.subject) == id || claim.object.map(|o| graph.entity_id(o)) == Some(id)
}

/// The id of the entity `id` names (an id, or an imported entity's external id); if none,
/// says so on `err` with the closest ids.
pub(crate) fn known_entity(graph: &Graph, id: &str, err: &mut dyn Write) -> Result<Option<String>> {
    if let Some(kg_core::NodeRef::Entity(e)) = graph.lookup(id) {
        return Ok(Some(graph.entity_id(e).to_string()));
    }
    let near = kg_core::load::closest(id, graph.entities.iter().map(|e| e.id.as_str()), 3);
    unknown(err, "entity", id, &near)?;
    Ok(None)
}

fn unknown(err: &mut dyn Write, what: &str, id: &str, near: &[String]) -> Result<()> {
    write!(err, "error: no {what} `{id}`")?;
    if !near.is_empty() {
        let names: Vec<String> = near.iter().map(|c| format!("`{c}`")).collect();
        write!(err, "; did you mean {}?", names.join(" or "))?;
    }
    writeln!(err)?;
    Ok(())
}

/// Columns in a terminal: CJK and full-width characters take two.
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, to: usize) -> String {
    let mut p = s.to_string();
    p.push_str(&" ".repeat(to.saturating_sub(width(s))));
    p
}

/// One aligned row per claim: id, value, status, where it is cited, the quote, and the
/// primary sources.
pub(crate) fn claim_table(
    out: &mut dyn Write,
    graph: &Graph,
    claims: &[&Claim],
    indent: &str,
    color: bool,
) -> Result<()> {
    let rows: Vec<[String; 5]> = claims
        .iter()
        .map(|c| {
            let (place, quote, primary) = match c.citations.first() {
                Some(cite) => {
                    let mut primary: Vec<&str> = Vec::new();
                    for cite in &c.citations {
                        for a in graph.attributed_to(cite) {
                            if !primary.contains(&a) {
                                primary.push(a);
                            }
                        }
                    }
                    (
                        format!("{}:{}", graph.entity_id(cite.source), cite.line),
                        cite.quote.to_string(),
                        primary,
                    )
                }
                None => ("editorial".into(), String::new(), Vec::new()),
            };
            let quote = if primary.is_empty() {
                quote
            } else {
                format!("{quote}  (per {})", primary.join(", "))
            };
            [
                graph.claim_id(c),
                c.value.text.clone(),
                c.status.name().to_string(),
                place,
                quote,
            ]
        })
        .collect();
    let mut widths = [0usize; 4];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(width(cell));
        }
    }
    for row in rows {
        let id = pad(&row[0], widths[0]);
        let id = if color {
            format!("\x1b[36m{id}\x1b[0m")
        } else {
            id
        };
        let line = format!(
            "{indent}{id}  {}  {}  {}  {}",
            pad(&row[1], widths[1]),
            pad(&row[2], widths[2]),
            pad(&row[3], widths[3]),
            row[4]
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
