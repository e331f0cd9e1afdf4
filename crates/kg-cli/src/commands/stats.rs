//! `kg stats`: counts per node kind, edge kind, claim status and property.

use crate::args::Global;
use crate::render::{self, paint, Style, Table};
use anyhow::Result;
use serde_json::{json, Map};
use std::io::Write;

/// Runs `kg stats`.
pub fn run(global: &Global, out: &mut dyn Write, err: &mut dyn Write, color: bool) -> Result<u8> {
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let stats = kg_core::query::stats(&graph);
    if global.json {
        let map = |pairs: Vec<(String, usize)>| -> Map<String, serde_json::Value> {
            pairs.into_iter().map(|(k, v)| (k, json!(v))).collect()
        };
        return render::json(
            out,
            &json!({
                "nodes": map(stats.nodes.iter().map(|(k, n)| (k.name().to_string(), *n)).collect()),
                "edges": map(stats.edges.iter().map(|(k, n)| (k.to_string(), *n)).collect()),
                "claims": stats.claims,
                "citations": stats.citations,
                "by_status": map(stats.by_status.iter().map(|(s, n)| (s.name().to_string(), *n)).collect()),
                "by_property": map(stats.by_property.iter().map(|(p, n)| (p.name().to_string(), *n)).collect()),
            }),
        );
    }
    let aligned = global.format == crate::args::TableFormat::Table;
    if aligned {
        writeln!(
            out,
            "{} claims, {} citations",
            paint(&stats.claims.to_string(), Style::Bold, color),
            paint(&stats.citations.to_string(), Style::Bold, color)
        )?;
    }
    let sections: [(&str, Vec<(String, usize)>); 4] = [
        (
            "node kind",
            stats
                .nodes
                .iter()
                .map(|(k, n)| (k.name().to_string(), *n))
                .collect(),
        ),
        (
            "edge kind",
            stats
                .edges
                .iter()
                .map(|(k, n)| (k.to_string(), *n))
                .collect(),
        ),
        (
            "status",
            stats
                .by_status
                .iter()
                .map(|(s, n)| (s.name().to_string(), *n))
                .collect(),
        ),
        (
            "property",
            stats
                .by_property
                .iter()
                .map(|(p, n)| (p.name().to_string(), *n))
                .collect(),
        ),
    ];
    if !aligned {
        let mut table = Table::new(&[
            ("section", Style::Plain),
            ("key", Style::Plain),
            ("count", Style::Plain),
        ]);
        table.row(vec![
            "total".into(),
            "claims".into(),
            stats.claims.to_string(),
        ]);
        table.row(vec![
            "total".into(),
            "citations".into(),
            stats.citations.to_string(),
        ]);
        for (title, rows) in sections {
            for (k, n) in rows {
                table.row(vec![title.to_string(), k, n.to_string()]);
            }
        }
        table.write(out, 0, color, global.format)?;
        return Ok(crate::EXIT_OK);
    }
    for (title, rows) in sections {
        writeln!(out)?;
        let mut table = Table::new(&[(title, Style::Plain), ("count", Style::Plain)]);
        let w = rows
            .iter()
            .map(|(_, n)| n.to_string().len())
            .max()
            .unwrap_or(1);
        for (k, n) in rows {
            table.row(vec![k, format!("{n:>w$}")]);
        }
        write!(out, "{}", table.render(0, color))?;
    }
    Ok(crate::EXIT_OK)
}
