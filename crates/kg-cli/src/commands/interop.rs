//! `kg export rdf`, `kg export csv` and `kg export mermaid`: the graph for other tools
//! (kg-export), streamed to standard output or atomically to a file or folder.

use crate::args::{CsvArgs, Global, MermaidArgs, MermaidView, RdfArgs, RdfFormat};
use crate::atomic;
use crate::{EXIT_OK, EXIT_USAGE};
use anyhow::Result;
use std::io::Write;

/// The most edges Mermaid draws by default (its `maxEdges` setting, which a chart cannot
/// raise itself).
const MERMAID_MAX_EDGES: usize = 500;

/// Says that `--json` does not apply, and returns the usage exit code.
fn no_json(global: &Global, what: &str, err: &mut dyn Write) -> Result<Option<u8>> {
    if global.json {
        writeln!(
            err,
            "error: `kg export {what}` writes its own format; --json does not apply"
        )?;
        return Ok(Some(EXIT_USAGE));
    }
    Ok(None)
}

/// What a kg-export error means for the exit code: a bad argument is a usage error (said on
/// `err`), an I/O error goes up.
fn failed(e: kg_export::Error, err: &mut dyn Write) -> Result<u8> {
    match e {
        kg_export::Error::Io(io) => Err(io.into()),
        other => {
            writeln!(err, "error: {other}")?;
            Ok(EXIT_USAGE)
        }
    }
}

/// Runs `kg export rdf`.
pub fn rdf(
    global: &Global,
    args: &RdfArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    if let Some(code) = no_json(global, "rdf", err)? {
        return Ok(code);
    }
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let options = kg_export::rdf::Options {
        format: match args.format {
            RdfFormat::Turtle => kg_export::rdf::Format::Turtle,
            RdfFormat::Ntriples => kg_export::rdf::Format::NTriples,
            RdfFormat::Jsonld => kg_export::rdf::Format::JsonLd,
        },
        base: args.base.clone(),
    };
    // A bad base is said before anything is written.
    if let Err(e) = kg_export::rdf::check_base(&options.base) {
        return failed(e, err);
    }
    let written = match &args.output {
        None => kg_export::rdf::write(&graph, &options, &mut *out),
        Some(path) => {
            atomic::write_file(path, |file| kg_export::rdf::write(&graph, &options, file))?;
            Ok(())
        }
    };
    match written {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => failed(e, err),
    }
}

/// Runs `kg export csv`.
pub fn csv(
    global: &Global,
    args: &CsvArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    if let Some(code) = no_json(global, "csv", err)? {
        return Ok(code);
    }
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    atomic::write_folder(&args.out, args.force, |dir| {
        for table in kg_export::csv::TABLES {
            let path = dir.join(table.file_name());
            let mut file = std::fs::File::create(&path)?;
            kg_export::csv::write(&graph, table, &mut file)?;
            file.sync_all()?;
        }
        Ok(())
    })?;
    Ok(EXIT_OK)
}

/// Runs `kg export mermaid`.
pub fn mermaid(
    global: &Global,
    args: &MermaidArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    if let Some(code) = no_json(global, "mermaid", err)? {
        return Ok(code);
    }
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let options = kg_export::mermaid::Options {
        view: match args.view {
            MermaidView::Lineage => kg_export::mermaid::View::Lineage,
            MermaidView::Provenance => kg_export::mermaid::View::Provenance,
        },
        root: args.root.clone(),
        lineage: kg_core::query::LineageOptions {
            ancestors: !args.down,
            descendants: !args.up,
            depth: args.depth,
            relations: Vec::new(),
        },
    };
    // A view is small (what a query returns) and fails before it draws on a bad root: it is
    // drawn in memory, then written in one piece.
    let mut chart = Vec::new();
    let summary = match kg_export::mermaid::write(&graph, &options, &mut chart) {
        Ok(summary) => summary,
        Err(e) => return failed(e, err),
    };
    match &args.output {
        None => {
            out.write_all(&chart)?;
            out.flush()?;
        }
        Some(path) => atomic::write_bytes(path, &chart)?,
    }
    if summary.edges > MERMAID_MAX_EDGES {
        writeln!(
            err,
            "note: the chart has {} edges; Mermaid draws at most {MERMAID_MAX_EDGES} unless its \
             maxEdges setting is raised: narrow it with --root or --depth, or use `kg export dot`",
            summary.edges
        )?;
    }
    Ok(EXIT_OK)
}
