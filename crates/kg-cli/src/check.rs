//! `kg check`: load, validate, and report every diagnostic with the offending line and a
//! caret under it (or as JSON).

use crate::args::{CheckArgs, Global};
use crate::{dataset, documents, EXIT_INVALID, EXIT_OK};
use anyhow::Result;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor, Config, Styles, StylesWriter};
use kg_core::check::check;
use kg_core::diagnostic::without_bom;
use kg_core::document::{merge, verify, DocumentReport, VerifyOptions};
use kg_core::{Diagnostic, Severity, SourceFile};
use serde_json::{json, Value as Json};
use std::collections::HashMap;
use std::io::Write;

/// Runs `kg check`.
pub fn run(
    global: &Global,
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let files = dataset::read(global.data.as_deref(), err)?;
    let mut loaded = check(&files);
    let folders = documents::folders(global);
    let found = documents::find(&loaded.graph, &folders)?;
    let options = VerifyOptions {
        require_documents: args.require_documents,
        looked_in: documents::describe(&folders),
    };
    let verification = verify(
        &loaded.graph,
        &files,
        &documents::borrowed(&found),
        &options,
    );
    merge(&files, &mut loaded.diagnostics, verification.diagnostics);
    let severity = |d: &Diagnostic| {
        if args.strict {
            Severity::Error
        } else {
            d.severity
        }
    };
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| severity(d) == Severity::Error)
        .count();
    let warnings = loaded.diagnostics.len() - errors;
    if global.json {
        let (errs, warns): (Vec<&Diagnostic>, Vec<&Diagnostic>) = loaded
            .diagnostics
            .iter()
            .partition(|d| severity(d) == Severity::Error);
        let doc = json!({
            "errors": errs.iter().map(|d| diagnostic_json(d)).collect::<Vec<_>>(),
            "warnings": warns.iter().map(|d| diagnostic_json(d)).collect::<Vec<_>>(),
            "documents": verification.reports.iter().map(report_json).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
    } else {
        render(&files, &loaded.diagnostics, args.strict, out, color)?;
        for report in &verification.reports {
            let quotes = format!(
                "{} quote{} of `{}`",
                report.quotes,
                if report.quotes == 1 { "" } else { "s" },
                report.source
            );
            if let Some(f) = found.iter().find(|f| f.source == report.source) {
                writeln!(
                    out,
                    "note: {} of {quotes} verified against {}",
                    report.quotes_verified,
                    f.path.display()
                )?;
            } else if !args.require_documents {
                writeln!(
                    out,
                    "note: {quotes} not verified: {} not found in {}",
                    report.file, options.looked_in
                )?;
            }
        }
        let graph = &loaded.graph;
        let mut by_code: Vec<(&str, usize)> = Vec::new();
        for d in &loaded.diagnostics {
            match by_code.iter_mut().find(|(c, _)| *c == d.code.name()) {
                Some((_, n)) => *n += 1,
                None => by_code.push((d.code.name(), 1)),
            }
        }
        by_code.sort();
        let detail = if by_code.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                by_code
                    .iter()
                    .map(|(c, n)| format!("{n} {c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        writeln!(
            out,
            "{}: {} files, {} entities, {} claims; {} error{}, {} warning{}{}",
            global
                .data
                .as_ref()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|| "embedded graph-data".into()),
            files.len(),
            graph.entities.len(),
            graph.claims.len(),
            errors,
            if errors == 1 { "" } else { "s" },
            warnings,
            if warnings == 1 { "" } else { "s" },
            detail
        )?;
    }
    crate::dispose((files, loaded, found, verification.reports));
    Ok(if errors > 0 { EXIT_INVALID } else { EXIT_OK })
}

/// The JSON form of a document's report: `{"source", "file", "found", "sha256_matches",
/// "quotes", "quotes_verified", "quotes_mismatched"}`.
fn report_json(r: &DocumentReport) -> Json {
    json!({
        "source": r.source,
        "file": r.file,
        "found": r.found,
        "sha256_matches": r.sha256_matches,
        "quotes": r.quotes,
        "quotes_verified": r.quotes_verified,
        "quotes_mismatched": r.quotes_mismatched,
    })
}

/// The JSON form of a diagnostic, as the JSON contract of DESIGN.md gives it.
pub fn diagnostic_json(d: &Diagnostic) -> Json {
    let loc = d.location.as_ref();
    json!({
        "code": d.code.name(),
        "severity": d.severity.name(),
        "message": d.message,
        "file": loc.map(|l| l.file.as_str()),
        "line": loc.map(|l| l.line),
        "column": loc.map(|l| l.column),
        "help": d.help,
        "related": d.related.iter().map(|r| json!({
            "message": r.message,
            "file": r.location.file,
            "line": r.location.line,
            "column": r.location.column,
        })).collect::<Vec<_>>(),
    })
}

/// Renders diagnostics the way rustc does: the message, the file:line:column, the source
/// line and a caret under the offending text.
pub(crate) fn render(
    files: &[SourceFile],
    diagnostics: &[Diagnostic],
    strict: bool,
    out: &mut dyn Write,
    color: bool,
) -> Result<()> {
    let mut db = SimpleFiles::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut file_id = |path: &str| -> Option<usize> {
        if let Some(id) = ids.get(path) {
            return Some(*id);
        }
        let file = files.iter().find(|f| f.path == path)?;
        let id = db.add(file.path.clone(), without_bom(&file.text).to_string());
        ids.insert(&file.path, id);
        Some(id)
    };
    let mut reports = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let severity = match (d.severity, strict) {
            (Severity::Error, _) | (Severity::Warning, true) => ReportSeverity::Error,
            (Severity::Warning, false) => ReportSeverity::Warning,
        };
        let mut report = Report::new(severity)
            .with_code(d.code.name())
            .with_message(&d.message);
        let mut labels = Vec::new();
        if let Some(loc) = &d.location {
            if let Some(id) = file_id(&loc.file) {
                labels.push(Label::primary(
                    id,
                    span(files, &loc.file, loc.offset, loc.len),
                ));
            }
        }
        for r in &d.related {
            if let Some(id) = file_id(&r.location.file) {
                labels.push(
                    Label::secondary(
                        id,
                        span(files, &r.location.file, r.location.offset, r.location.len),
                    )
                    .with_message(&r.message),
                );
            }
        }
        report = report.with_labels(labels);
        if let Some(help) = &d.help {
            report = report.with_notes(vec![format!("help: {help}")]);
        }
        reports.push(report);
    }
    let config = Config::default();
    for report in &reports {
        if color {
            let styles = Styles::default();
            let mut writer = StylesWriter::new(termcolor::Ansi::new(&mut *out), &styles);
            term::emit_to_write_style(&mut writer, &config, &db, report)?;
        } else {
            term::emit_to_io_write(&mut *out, &config, &db, report)?;
        }
    }
    Ok(())
}

/// A byte range inside the file's text, on character boundaries, at least one character
/// long where the text allows, so that the renderer always has something to put a caret under.
fn span(files: &[SourceFile], path: &str, offset: usize, len: usize) -> std::ops::Range<usize> {
    let whole = files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.text.as_str())
        .unwrap_or("");
    // The renderer is given the text after a byte-order mark, so that it counts columns as
    // the loader does; offsets count the mark.
    let text = without_bom(whole);
    let offset = offset.saturating_sub(whole.len() - text.len());
    let mut start = offset.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end == start {
        end = text[start..]
            .chars()
            .next()
            .map(|c| start + c.len_utf8())
            .unwrap_or(start);
    }
    start..end
}
