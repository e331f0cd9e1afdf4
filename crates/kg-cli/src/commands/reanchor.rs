//! `kg reanchor`: finds every quote again in its document after an edit moved lines, and
//! rewrites the line numbers (and the documents' `sha256`) in the data files in place,
//! nothing else; `--dry-run` only prints. Exit 1 when a quote is gone or ambiguous.

use crate::args::{Global, ReanchorArgs};
use crate::{check, dataset, documents, EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use anyhow::Result;
use kg_core::document::reanchor;
use serde_json::json;
use std::io::Write;
use std::path::Path;

/// Runs `kg reanchor`.
pub fn run(
    global: &Global,
    args: &ReanchorArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let Some(data) = global.data.as_deref() else {
        writeln!(
            err,
            "error: kg reanchor rewrites data files: name their folder with --data DIR"
        )?;
        return Ok(EXIT_USAGE);
    };
    let files = dataset::read(Some(data), err)?;
    let loaded = kg_core::load(&files);
    let folders = documents::folders(global);
    let found = documents::find(&loaded.graph, &folders)?;
    let done = reanchor(&loaded.graph, &files, &documents::borrowed(&found));
    if !args.dry_run {
        for (file, text) in &done.files {
            let path = &files[*file as usize].path;
            crate::atomic::write_bytes(Path::new(path), text.as_bytes())?;
        }
    }
    let verb = if args.dry_run { "would move" } else { "moved" };
    if global.json {
        let doc = json!({
            "dry_run": args.dry_run,
            "moved": done.moved.iter().map(|m| json!({
                "file": files[m.file as usize].path,
                "path": m.path,
                "what": m.what,
                "from": m.from,
                "to": m.to,
            })).collect::<Vec<_>>(),
            "sha256": done.hashes.iter().map(|(source, old, new)| json!({
                "source": source, "old": old, "new": new,
            })).collect::<Vec<_>>(),
            "unresolved": done.unresolved.iter().map(check::diagnostic_json).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
    } else {
        check::render(&files, &done.unresolved, false, out, color)?;
        for m in &done.moved {
            writeln!(
                out,
                "{}: {}: {} {} → {}",
                files[m.file as usize].path, m.what, verb, m.from, m.to
            )?;
        }
        for (source, old, new) in &done.hashes {
            let short = |hash: &str| hash.chars().take(12).collect::<String>();
            writeln!(out, "`{source}`: sha256 {} → {}", short(old), short(new))?;
        }
        for report in documents_not_found(&loaded.graph, &found) {
            writeln!(
                out,
                "note: `{}` left alone: {} not found in {}",
                report.0,
                report.1,
                documents::describe(&folders)
            )?;
        }
        writeln!(
            out,
            "{verb} {} line number{} in {} file{}{}; {} left alone",
            done.moved.len(),
            if done.moved.len() == 1 { "" } else { "s" },
            done.files.len(),
            if done.files.len() == 1 { "" } else { "s" },
            if args.dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            },
            done.unresolved.len()
        )?;
    }
    Ok(if done.unresolved.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID
    })
}

/// The sources that name a `file` not found: (source id, file).
fn documents_not_found<'g>(
    graph: &'g kg_core::Graph,
    found: &[documents::Found],
) -> Vec<(&'g str, &'g str)> {
    graph
        .entities
        .iter()
        .filter_map(|e| match e.details() {
            kg_core::model::Details::Source {
                file: Some(file), ..
            } if !found.iter().any(|f| f.source == e.id) => Some((e.id.as_str(), file.as_str())),
            _ => None,
        })
        .collect()
}
