//! `kg search`: entities by id, name or alias, ranked.

use crate::args::{Global, SearchArgs};
use crate::render::{self, Style, Table};
use anyhow::Result;
use serde_json::json;
use std::io::Write;

/// Runs `kg search`. Exit 1 when nothing matches.
pub fn run(
    global: &Global,
    args: &SearchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = {
        // Search reads entities' ids, names and aliases, and no claim: from a snapshot, only
        // the entities it can find.
        let (first, then) = (
            kg_core::query::matches(&args.text),
            kg_core::query::matches_fuzzily(&args.text),
        );
        let part = kg_core::snapshot::Selection::Matching {
            first: &first,
            then: &then,
        };
        crate::dataset::load(global, &part, err)?
    };
    let hits = kg_core::query::search(&graph, &args.text, args.limit);
    if global.json {
        let list: Vec<_> = hits
            .iter()
            .map(|h| {
                json!({"id": h.id, "kind": h.kind.name(), "name": h.name, "score": h.score,
                       "matched": h.matched})
            })
            .collect();
        render::json(out, &json!(list))?;
    } else if hits.is_empty() {
        writeln!(err, "nothing matches `{}`", args.text)?;
    } else {
        let mut table = Table::new(&[
            ("score", Style::Plain),
            ("id", Style::Id),
            ("kind", Style::Dim),
            ("name", Style::Bold),
            ("matched", Style::Dim),
        ]);
        for h in &hits {
            let matched = if h.matched == h.id || h.matched == h.name {
                String::new()
            } else {
                h.matched.clone()
            };
            table.row(vec![
                format!("{:>5}", h.score),
                h.id.clone(),
                h.kind.name().to_string(),
                h.name.clone(),
                matched,
            ]);
        }
        table.write(out, 0, color, global.format)?;
    }
    Ok(if hits.is_empty() { 1 } else { crate::EXIT_OK })
}
