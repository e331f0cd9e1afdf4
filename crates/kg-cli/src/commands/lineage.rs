//! `kg lineage`: ancestors and descendants as a tree, with relation kinds and dates.

use crate::args::{Global, LineageArgs};
use crate::render::{self, paint, Style};
use anyhow::Result;
use kg_core::query::{LineageOptions, LineageStep};
use serde::Serialize;
use std::io::Write;

/// The JSON of a lineage: fields in alphabetical order, as a `serde_json::Value` prints them.
#[derive(Serialize)]
struct LineageJson<'a> {
    ancestors: Vec<StepJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    descendants: Vec<StepJson<'a>>,
    kind: &'static str,
    name: &'a str,
    root: &'a str,
}

/// The JSON of one step, fields in alphabetical order.
#[derive(Serialize)]
struct StepJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    depth: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    derivation: Option<&'static str>,
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    relation: &'static str,
    via: &'a str,
}

impl<'a> StepJson<'a> {
    fn of(s: &'a LineageStep) -> StepJson<'a> {
        StepJson {
            date: s.date.map(|d| d.to_string()),
            depth: s.depth,
            derivation: s.derivation.map(|d| d.name()),
            id: &s.id,
            kind: s.kind.name(),
            name: &s.name,
            relation: s.relation,
            via: &s.via,
        }
    }
}

/// Runs `kg lineage`.
pub fn run(
    global: &Global,
    args: &LineageArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let options = LineageOptions {
        ancestors: !args.down,
        descendants: !args.up,
        depth: args.depth,
        relations: args.relation.clone(),
    };
    // From a snapshot, the walk reads its columns and builds no graph; an id that takes the
    // whole graph to answer (none, a claim's) loads it.
    let data = crate::dataset::open(global, err)?;
    let walked = data.answer(err, |snapshot| {
        kg_core::query::lineage_in_snapshot(snapshot, &args.id, &options)
    })?;
    let tree = match walked {
        Some(tree) => tree,
        None => {
            let graph = data.load(&kg_core::snapshot::Selection::Full, err)?;
            let tree = kg_core::query::lineage(&graph, &args.id, &options);
            // The whole graph (the first query of a large dataset) is freed without waiting.
            crate::dispose(graph);
            match tree {
                Ok(t) => t,
                Err(e) => return render::query_error(err, &e, color, global.json),
            }
        }
    };
    if global.json {
        // Serialized as it is written: no JSON value of 171,574 steps is built first.
        fn steps(steps: &[LineageStep]) -> Vec<StepJson<'_>> {
            steps.iter().map(StepJson::of).collect()
        }
        let doc = LineageJson {
            ancestors: steps(&tree.ancestors),
            date: tree.date.map(|d| d.to_string()),
            descendants: steps(&tree.descendants),
            kind: tree.kind.name(),
            name: &tree.name,
            root: &tree.root,
        };
        return render::json_of(out, &doc);
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
