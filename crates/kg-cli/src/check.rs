//! `kg check`: load, validate, and report every diagnostic with the offending line and a
//! caret under it (or as JSON).

use crate::args::{CheckArgs, Global};
use crate::{dataset, documents, EXIT_INVALID, EXIT_OK};
use anyhow::Result;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor, Config, Styles, StylesWriter};
use kg_core::diagnostic::without_bom;
use kg_core::document::{merge, verify, DocumentReport, VerifyOptions};
use kg_core::{Diagnostic, Severity, SourceFile};
use serde_json::{json, Value as Json};
use std::collections::HashMap;
use std::io::Write;

/// Runs `kg check`. On a `--data` folder, the report is kept in the snapshot cache
/// ([`crate::cache`]) under a key of everything it depends on: the data's content key, the
/// documents it verified (path and bytes), the options and kg's version. The same check of
/// the same inputs prints the stored report; anything else runs the check and stores its
/// report, with the list of its sources' files (the documents to look for next time). It
/// writes no snapshot of the data, so a first check costs what it costs without the cache.
pub fn run(
    global: &Global,
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let (Some(dir), Some(folder)) = (global.data.as_deref(), crate::cache::folder(global)) else {
        return run_uncached(global, args, out, err, color, None);
    };
    let Ok(walk) = crate::files::walk(dir, "ron") else {
        return run_uncached(global, args, out, err, color, None);
    };
    let Ok(data_key) = crate::cache::key(&walk.files) else {
        return run_uncached(global, args, out, err, color, None);
    };
    let folders = documents::folders(global);
    let report_key = |found: &[documents::Found]| {
        let mut key = blake3::Hasher::new();
        key.update(b"kg check report\0");
        key.update(data_key.as_bytes());
        for note in &walk.notes {
            key.update(note.as_bytes());
            key.update(&[0]);
        }
        let options = format!(
            "{} {} {} {} {}",
            args.strict,
            args.require_documents,
            global.json,
            color,
            documents::describe(&folders)
        );
        key.update(options.as_bytes());
        for f in found {
            key.update(&[0]);
            key.update(f.source.as_bytes());
            key.update(&[0]);
            key.update(f.path.display().to_string().as_bytes());
            key.update(&[0]);
            key.update(blake3::hash(&f.bytes).as_bytes());
        }
        format!("{}.kgcheck", key.finalize().to_hex())
    };
    // The documents the check would verify: its sources' files, kept beside the report.
    let sources_name = format!("{data_key}.kgsources");
    let named = std::fs::read(folder.join(&sources_name))
        .ok()
        .and_then(|bytes| decode_named(&bytes));
    if let Some(named) = named {
        let found = documents::find_named(&named, &folders)?;
        let stored = std::fs::read(folder.join(report_key(&found)))
            .ok()
            .and_then(|bytes| StoredReport::decode(&bytes));
        if let Some(report) = stored {
            out.write_all(&report.out)?;
            err.write_all(&report.err)?;
            return Ok(report.code);
        }
    }
    // Run it, into buffers that are then printed and stored.
    let mut report = StoredReport {
        code: 0,
        out: Vec::new(),
        err: Vec::new(),
    };
    let mut found_documents = Vec::new();
    let mut named = Vec::new();
    let cache = Cache {
        named: &mut named,
        found: &mut found_documents,
    };
    report.code = run_uncached(
        global,
        args,
        &mut report.out,
        &mut report.err,
        color,
        Some(cache),
    )?;
    out.write_all(&report.out)?;
    err.write_all(&report.err)?;
    let _ = crate::cache::store(&folder, &sources_name, &encode_named(&named));
    let _ = crate::cache::store(&folder, &report_key(&found_documents), &report.encode());
    Ok(report.code)
}

/// What an uncached check tells the cache: its sources' files, and the documents it
/// verified (for the report's key). It writes no snapshot of the data: the first query
/// does, and a check stays as fast as without the cache.
struct Cache<'a> {
    named: &'a mut Vec<(String, String)>,
    found: &'a mut Vec<documents::Found>,
}

/// The sources' files as stored: a BLAKE3 of the JSON, a newline, the JSON.
fn encode_named(named: &[(String, String)]) -> Vec<u8> {
    let body = serde_json::to_vec(named).unwrap_or_default();
    let mut bytes = blake3::hash(&body).to_hex().as_bytes().to_vec();
    bytes.push(b'\n');
    bytes.extend_from_slice(&body);
    bytes
}

/// `None` unless the checksum matches.
fn decode_named(bytes: &[u8]) -> Option<Vec<(String, String)>> {
    let (sum, body) = bytes.split_at_checked(64)?;
    let body = body.strip_prefix(b"\n")?;
    (blake3::hash(body).to_hex().as_bytes() == sum)
        .then(|| serde_json::from_slice(body).ok())
        .flatten()
}

/// A stored report: the exit code and the bytes printed on each stream, with a checksum.
struct StoredReport {
    code: u8,
    out: Vec<u8>,
    err: Vec<u8>,
}

impl StoredReport {
    const MAGIC: &'static [u8; 8] = b"KGCHECK1";

    fn encode(&self) -> Vec<u8> {
        let mut body = vec![self.code];
        for part in [&self.out, &self.err] {
            body.extend_from_slice(&(part.len() as u64).to_le_bytes());
            body.extend_from_slice(part);
        }
        let mut bytes = Self::MAGIC.to_vec();
        bytes.extend_from_slice(blake3::hash(&body).as_bytes());
        bytes.extend_from_slice(&body);
        bytes
    }

    /// `None` for anything but a whole report whose checksum matches.
    fn decode(bytes: &[u8]) -> Option<StoredReport> {
        let rest = bytes.strip_prefix(Self::MAGIC.as_slice())?;
        let (sum, body) = rest.split_at_checked(32)?;
        if blake3::hash(body).as_bytes() != sum {
            return None;
        }
        let (&code, mut rest) = body.split_first()?;
        let mut part = || -> Option<Vec<u8>> {
            let (len, tail) = rest.split_at_checked(8)?;
            let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
            let (part, tail) = tail.split_at_checked(len)?;
            rest = tail;
            Some(part.to_vec())
        };
        let (out, err) = (part()?, part()?);
        rest.is_empty().then_some(StoredReport { code, out, err })
    }
}

fn run_uncached(
    global: &Global,
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
    cache: Option<Cache>,
) -> Result<u8> {
    let files = dataset::read(global.data.as_deref(), err)?;
    let (loaded, findings) = kg_core::check::load_and_audit(&files);
    let mut loaded = kg_core::check::add_findings(&files, loaded, findings);
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
    // The documents go to the report's key when the report is cached; the rest is freed on
    // a thread of its own.
    let found = match cache {
        Some(cache) => {
            *cache.named = documents::named(&loaded.graph);
            *cache.found = found;
            Vec::new()
        }
        None => found,
    };
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
