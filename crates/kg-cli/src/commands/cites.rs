//! `kg cites`: every claim a source supports, directly or through a document that relays
//! it; `--orphans`: only the claims that would have no support left without it.

use crate::args::{CitesArgs, Global};
use crate::json;
use crate::render::{self, paint, Style, Table};
use anyhow::Result;
use kg_core::query::Support;
use serde_json::json;
use std::io::Write;

/// Runs `kg cites`.
pub fn run(
    global: &Global,
    args: &CitesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let cited = match kg_core::query::cites(&graph, &args.source) {
        Ok(c) => c,
        Err(e) => return render::query_error(err, &e, color, global.json),
    };
    let shown: Vec<_> = cited
        .claims
        .iter()
        .map(|(c, ways)| (*c, ways, graph.claim_id(c)))
        .filter(|(_, _, id)| !args.orphans || cited.orphans.contains(id))
        .collect();
    if global.json {
        return render::json(
            out,
            &json!({
                "source": cited.source,
                "claims": shown.iter().map(|(c, _, _)| json::claim(&graph, c)).collect::<Vec<_>>(),
                "orphans": cited.orphans,
            }),
        );
    }
    if global.format != crate::args::TableFormat::Table {
        let mut table = Table::new(&render::claim_columns(&["how", "orphan"]));
        for (c, ways, id) in &shown {
            let mut row = vec![how(ways), (cited.orphans.contains(id)).to_string()];
            row.extend(render::claim_cells(&graph, c));
            table.row(row);
        }
        table.write(out, 0, color, global.format)?;
        return Ok(crate::EXIT_OK);
    }
    let name = graph
        .entity(&cited.source)
        .map(|e| e.name.as_str())
        .unwrap_or("");
    writeln!(
        out,
        "{}  {}: supports {} claim(s); {} would have no support left without it",
        paint(name, Style::Bold, color),
        paint(&cited.source, Style::Id, color),
        cited.claims.len(),
        cited.orphans.len()
    )?;
    if shown.is_empty() {
        return Ok(crate::EXIT_OK);
    }
    writeln!(out)?;
    let mut table = Table::new(&[
        ("claim", Style::Id),
        ("value", Style::Value),
        ("status", Style::Dim),
        ("how", Style::Plain),
        ("orphan", Style::Warn),
    ]);
    for (c, ways, id) in shown {
        let value = if c.property.is_relation() {
            format!("→ {}", c.object.map_or("", |o| graph.entity_id(o)))
        } else {
            c.value.text.clone()
        };
        let orphan = cited.orphans.contains(&id);
        table.row(vec![
            id,
            value,
            c.status.name().into(),
            how(ways),
            if orphan { "yes".into() } else { String::new() },
        ]);
    }
    write!(out, "{}", table.render(2, color))?;
    Ok(crate::EXIT_OK)
}

/// How a source supports a claim, in words: `cited`, `via note`, `publishes note`.
fn how(ways: &[Support]) -> String {
    ways.iter()
        .map(|w| match w {
            Support::Direct => "cited".to_string(),
            Support::Relayed(doc) => format!("via {doc}"),
            Support::Published(doc) => format!("publishes {doc}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
