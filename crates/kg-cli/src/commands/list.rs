//! `kg list`: entities (or claims) of a kind, filtered with `--where`, sorted and cut.

use crate::args::{Global, ListArgs};
use crate::json;
use crate::render::{self, Style, Table};
use anyhow::Result;
use kg_core::model::NodeKind;
use serde_json::{json, Map, Value as Json};
use std::io::Write;

/// Runs `kg list`.
pub fn run(
    global: &Global,
    args: &ListArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let filters = match args
        .filters
        .iter()
        .map(|f| kg_core::query::parse_filter(f))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(f) => f,
        Err(e) => return render::query_error(err, &e, color),
    };
    let graph = crate::dataset::load(global.data.as_deref(), err)?;
    let listed = match kg_core::query::list(
        &graph,
        &args.kind,
        &filters,
        args.sort.as_deref(),
        args.limit,
    ) {
        Ok(l) => l,
        Err(e) => return render::query_error(err, &e, color),
    };
    if global.json {
        let rows = listed.rows.iter().map(|row| {
            let mut doc = match (row.entity, row.claim) {
                (Some(e), _) => json::entity(e),
                (None, Some(c)) => json::claim(&graph, c),
                (None, None) => json!({}),
            };
            if row.entity.is_some() && !listed.fields.is_empty() {
                let values: Map<String, Json> = listed
                    .fields
                    .iter()
                    .zip(&row.values)
                    .map(|(f, v)| (f.clone(), json!(v)))
                    .collect();
                doc["values"] = Json::Object(values);
            }
            doc
        });
        return render::json_array(out, rows);
    }
    if listed.rows.is_empty() {
        writeln!(err, "no {} matches", listed.kind.name())?;
        return Ok(crate::EXIT_OK);
    }
    if listed.kind == NodeKind::Claim {
        let mut table = Table::new(&[
            ("claim", Style::Id),
            ("value", Style::Value),
            ("qualifiers", Style::Plain),
            ("status", Style::Dim),
            ("sources", Style::Dim),
        ]);
        for c in listed.rows.iter().filter_map(|r| r.claim) {
            let value = if c.property.is_relation() {
                format!("→ {}", c.object.map_or("", |o| graph.entity_id(o)))
            } else {
                c.value.text.clone()
            };
            table.row(vec![
                graph.claim_id(c),
                value,
                render::qualifiers(c),
                c.status.name().into(),
                render::sources(&graph, c),
            ]);
        }
        write!(out, "{}", table.render(0, color))?;
    } else {
        let mut columns = vec![("id", Style::Id), ("name", Style::Bold)];
        columns.extend(listed.fields.iter().map(|f| (f.as_str(), Style::Value)));
        let mut table = Table::new(&columns);
        for row in &listed.rows {
            let Some(e) = row.entity else { continue };
            let mut cells = vec![e.id.clone(), e.name.clone()];
            cells.extend(
                row.values
                    .iter()
                    .map(|v| v.clone().unwrap_or_else(|| "-".into())),
            );
            table.row(cells);
        }
        write!(out, "{}", table.render(0, color))?;
    }
    writeln!(err, "{} {}(s)", listed.rows.len(), listed.kind.name())?;
    Ok(crate::EXIT_OK)
}
