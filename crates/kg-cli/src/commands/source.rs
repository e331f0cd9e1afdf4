//! `kg source add FILE`: the source entry of a document, with its `file`, `sha256`, `lines`
//! and the outline read from its Markdown headings; printed, or with `--write` appended to
//! the data's sources file (the one data file with a `sources` list) in place.

use crate::args::{Global, SourceAddArgs};
use crate::{dataset, documents, EXIT_OK, EXIT_USAGE};
use anyhow::{Context, Result};
use kg_core::document::{source_entry, title, NewSource};
use kg_core::model::SourceKind;
use kg_core::span::SpanIndex;
use kg_core::SourceFile;
use std::io::Write;
use std::path::Path;

/// Runs `kg source add`.
pub fn add(
    global: &Global,
    args: &SourceAddArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let bytes = documents::read(&args.file)?;
    let Some(file) = args.file.file_name().and_then(|n| n.to_str()) else {
        writeln!(err, "error: {} has no file name", args.file.display())?;
        return Ok(EXIT_USAGE);
    };
    if !kg_core::load::is_slug(&args.id) {
        writeln!(
            err,
            "error: --id {:?} is not a slug: lowercase letters and digits, with `.`, `-` and `_` inside",
            args.id
        )?;
        return Ok(EXIT_USAGE);
    }
    if !SourceKind::ALL.iter().any(|k| k.name() == args.kind) {
        let kinds: Vec<&str> = SourceKind::ALL.iter().map(|k| k.name()).collect();
        writeln!(
            err,
            "error: --kind {:?} is not a kind of source: one of {}",
            args.kind,
            kinds.join(", ")
        )?;
        return Ok(EXIT_USAGE);
    }
    if let Some(date) = &args.date {
        if let Err(e) = kg_core::date::Date::parse(date) {
            writeln!(err, "error: --date {date:?}: {e}")?;
            return Ok(EXIT_USAGE);
        }
    }
    let name = match &args.name {
        Some(n) => n.clone(),
        None => title(&bytes).unwrap_or_else(|| {
            Path::new(file)
                .file_stem()
                .map_or(file.to_string(), |s| s.to_string_lossy().into_owned())
        }),
    };
    let new = NewSource {
        id: &args.id,
        name: &name,
        kind: &args.kind,
        date: args.date.as_deref(),
        file,
    };
    let folders = documents::folders(global);
    if !args.write {
        writeln!(out, "{},", source_entry(&new, &bytes, ""))?;
    } else {
        let Some(data) = global.data.as_deref() else {
            writeln!(
                err,
                "error: --write appends to a data file: name the data folder with --data DIR"
            )?;
            return Ok(EXIT_USAGE);
        };
        let files = dataset::read(Some(data), err)?;
        if kg_core::load(&files).graph.entity(&args.id).is_some() {
            writeln!(err, "error: the data already has an entity `{}`", args.id)?;
            return Ok(EXIT_USAGE);
        }
        let target = match sources_file(&files) {
            Ok(f) => f,
            Err(message) => {
                writeln!(err, "error: {message}")?;
                return Ok(EXIT_USAGE);
            }
        };
        let text = append_source(&target.text, &new, &bytes)
            .with_context(|| format!("cannot append to {}", target.path))?;
        crate::atomic::write_bytes(Path::new(&target.path), text.as_bytes())?;
        writeln!(out, "added source `{}` to {}", args.id, target.path)?;
    }
    if documents::locate(file, &folders).is_none() {
        writeln!(
            err,
            "note: `kg check` looks for {file} in {}: put the document in one of them, or give its folder with --documents",
            documents::describe(&folders)
        )?;
    }
    Ok(EXIT_OK)
}

/// The data file that holds the sources: the only one with a `sources` list, or among
/// several, the one named `sources.ron`.
fn sources_file(files: &[SourceFile]) -> Result<&SourceFile, String> {
    let with: Vec<&SourceFile> = files
        .iter()
        .filter(|f| SpanIndex::build(&f.text).get("sources").is_some())
        .collect();
    match with.as_slice() {
        [one] => Ok(one),
        [] => Err("no data file has a `sources` list to append to: add `sources: []` to one".into()),
        several => several
            .iter()
            .find(|f| Path::new(&f.path).file_name().is_some_and(|n| n == "sources.ron"))
            .copied()
            .ok_or_else(|| {
                let names: Vec<&str> = several.iter().map(|f| f.path.as_str()).collect();
                format!(
                    "several data files have a `sources` list ({}), and none is sources.ron: print the entry without --write and paste it",
                    names.join(", ")
                )
            }),
    }
}

/// The text with the entry appended to its `sources` list, after the last entry and with its
/// indentation; nothing else changes.
fn append_source(text: &str, new: &NewSource<'_>, bytes: &[u8]) -> Result<String> {
    let index = SpanIndex::build(text);
    let (list_start, list_end) = index
        .get("sources")
        .context("no `sources` list in the file")?;
    let close = list_end.saturating_sub(1);
    if text.as_bytes().get(close) != Some(&b']') {
        anyhow::bail!("`sources` is not a list");
    }
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent_of = |at: usize| -> String {
        let start = line_start(at);
        let before = &text[start..at];
        if before.trim().is_empty() {
            before.to_string()
        } else {
            before.chars().take_while(|c| c.is_whitespace()).collect()
        }
    };
    let last = (0..)
        .map_while(|i| index.get(&format!("sources[{i}]")))
        .last();
    let mut out = String::with_capacity(text.len() + 1024);
    match last {
        Some((start, end)) => {
            let indent = indent_of(start);
            let after = &text[end..];
            let comma = after.trim_start().starts_with(',');
            let mut at = if comma {
                end + (after.len() - after.trim_start().len()) + 1
            } else {
                end
            };
            // After the rest of the line when it is only a comment (the last entry's).
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let rest = text[at..line_end].trim();
            if rest.is_empty() || rest.starts_with("//") {
                at = line_end;
            }
            if comma {
                out.push_str(&text[..at]);
            } else {
                out.push_str(&text[..end]);
                out.push(',');
                out.push_str(&text[end..at]);
            }
            out.push('\n');
            out.push_str(&source_entry(new, bytes, &indent));
            out.push(',');
            out.push_str(&text[at..]);
        }
        None => {
            let outer: String = text[line_start(list_start)..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let indent = format!("{outer}    ");
            out.push_str(text[..close].trim_end());
            out.push('\n');
            out.push_str(&source_entry(new, bytes, &indent));
            out.push_str(",\n");
            out.push_str(&outer);
            out.push_str(&text[close..]);
        }
    }
    Ok(out)
}
