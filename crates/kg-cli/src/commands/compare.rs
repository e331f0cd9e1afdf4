//! `kg compare`: entities side by side, a row per property, each cell the latest figure
//! with its as-of, status and source line ("none recorded" where the data has nothing).

use crate::args::{CompareArgs, Global};
use crate::json;
use crate::render::{self, Style, Table};
use anyhow::Result;
use kg_core::Graph;
use serde_json::json;
use std::io::Write;

/// Runs `kg compare`.
pub fn run(
    global: &Global,
    args: &CompareArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let found = match kg_core::query::compare(&graph, &args.ids, &args.props) {
        Ok(c) => c,
        Err(e) => return render::query_error(err, &e, color, global.json),
    };
    if global.json {
        let doc = json!({
            "entities": found.entities.iter().map(|e| json::entity(e)).collect::<Vec<_>>(),
            "rows": found.rows.iter().map(|r| json!({
                "property": r.property.name(),
                "cells": r.cells.iter().zip(&found.entities).map(|(cell, e)| json!({
                    "entity": e.id,
                    "claims": cell.iter().map(|c| json::claim(&graph, c)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        return render::json(out, &doc);
    }
    let mut columns = vec![("property", Style::Bold)];
    columns.extend(found.entities.iter().map(|e| (e.id.as_str(), Style::Value)));
    let mut table = Table::new(&columns);
    for row in &found.rows {
        let mut cells = vec![row.property.name().to_string()];
        cells.extend(row.cells.iter().map(|cell| describe(&graph, cell)));
        table.row(cells);
    }
    table.write(out, 0, color, global.format)?;
    Ok(crate::EXIT_OK)
}

/// A cell: the latest claim's value, as-of, status and source line, and how many more.
fn describe(graph: &Graph, cell: &[&kg_core::Claim]) -> String {
    let Some(first) = cell.first() else {
        return "none recorded".into();
    };
    let mut text = format!(
        "{} ({}, {}, {})",
        first.value.text,
        render::when(first),
        first.status.name(),
        render::sources(graph, first)
    );
    if cell.len() > 1 {
        text.push_str(&format!(" +{} more", cell.len() - 1));
    }
    text
}
