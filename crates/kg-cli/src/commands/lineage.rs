//! `kg lineage`: ancestors and descendants as a tree, with relation kinds and dates.

use crate::args::{Global, LineageArgs};
use crate::render::{self, paint, Style};
use anyhow::Result;
use kg_core::query::{LineageOptions, LineageStep};
use serde_json::{json, Value as Json};
use std::io::Write;

/// Runs `kg lineage`.
pub fn run(
    global: &Global,
    args: &LineageArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = {
        // The part of the graph the walk can reach: every claim of each node on it.
        let part = kg_core::snapshot::Selection::Lineage {
            id: &args.id,
            up: !args.down,
            down: !args.up,
        };
        crate::dataset::load(global, &part, err)?
    };
    let options = LineageOptions {
        ancestors: !args.down,
        descendants: !args.up,
        depth: args.depth,
        relations: args.relation.clone(),
    };
    let tree = match kg_core::query::lineage(&graph, &args.id, &options) {
        Ok(t) => t,
        Err(e) => return render::query_error(err, &e, color, global.json),
    };
    if global.json {
        let steps = |steps: &[LineageStep]| -> Vec<Json> {
            steps
                .iter()
                .map(|s| {
                    let mut j = json!({"id": s.id, "relation": s.relation, "depth": s.depth,
                                       "via": s.via, "name": s.name, "kind": s.kind.name()});
                    if let Some(d) = s.derivation {
                        j["derivation"] = json!(d.name());
                    }
                    if let Some(d) = s.date {
                        j["date"] = json!(d.to_string());
                    }
                    j
                })
                .collect()
        };
        // The steps go in as arrays, not through `json!`, which would copy them.
        let mut doc = json!({
            "root": tree.root,
            "name": tree.name,
            "kind": tree.kind.name(),
        });
        doc["ancestors"] = Json::Array(steps(&tree.ancestors));
        doc["descendants"] = Json::Array(steps(&tree.descendants));
        if let Some(d) = tree.date {
            doc["date"] = json!(d.to_string());
        }
        return render::json(out, &doc);
    }
    write!(
        out,
        "{}  {}  {}",
        paint(&tree.name, Style::Bold, color),
        paint(&tree.root, Style::Id, color),
        paint(tree.kind.name(), Style::Dim, color)
    )?;
    if let Some(d) = tree.date {
        write!(out, "  {d}")?;
    }
    writeln!(out)?;
    for (title, steps, show) in [
        ("ancestors", &tree.ancestors, options.ancestors),
        ("descendants", &tree.descendants, options.descendants),
    ] {
        if !show {
            continue;
        }
        writeln!(out, "\n{}", paint(title, Style::Bold, color))?;
        if steps.is_empty() {
            writeln!(out, "  (none)")?;
            continue;
        }
        let depths: Vec<usize> = steps.iter().map(|s| s.depth).collect();
        let prefixes = render::tree_prefixes(&depths);
        // Align the names and relations after the widest "prefix id".
        let width = steps
            .iter()
            .zip(&prefixes)
            .map(|(s, p)| render::width(p) + render::width(&s.id))
            .max()
            .unwrap_or(0);
        let relations: Vec<String> = steps
            .iter()
            .map(|s| match s.derivation {
                Some(d) => format!("{} ({})", s.relation, d.name()),
                None => s.relation.to_string(),
            })
            .collect();
        let relation_width = relations
            .iter()
            .map(|r| render::width(r))
            .max()
            .unwrap_or(0);
        let name_width = steps
            .iter()
            .map(|s| render::width(&s.name))
            .max()
            .unwrap_or(0);
        for ((s, prefix), relation) in steps.iter().zip(&prefixes).zip(&relations) {
            let pad = width - render::width(prefix) - render::width(&s.id);
            let date = s.date.map(|d| d.to_string()).unwrap_or_default();
            let line = format!(
                "  {prefix}{}{}  {}{}  {}{}  {}",
                paint(&s.id, Style::Id, color),
                " ".repeat(pad),
                paint(relation, Style::Dim, color),
                " ".repeat(relation_width - render::width(relation)),
                s.name,
                " ".repeat(name_width - render::width(&s.name)),
                paint(&date, Style::Dim, color),
            );
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(crate::EXIT_OK)
}
