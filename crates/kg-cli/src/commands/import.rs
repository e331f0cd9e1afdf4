//! `kg import FORMAT INPUT... --out DIR [--into DATA] [--force]`: reads a public dataset
//! with kg-import and writes its data files into DIR, all of them or none.

use crate::args::{Global, ImportArgs, ImportFormat};
use crate::render::{self, paint, Style};
use anyhow::{Context, Result};
use kg_import::{Format, Input, OutputFile, Summary};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Inputs past this many bytes get a progress bar (on a terminal).
const PROGRESS_FROM: u64 = 8 << 20;

/// How many unresolved names, duplicates, matches and problems the human form lists.
const SHOWN: usize = 10;

/// Runs `kg import`.
pub fn run(
    global: &Global,
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let format = match args.format {
        ImportFormat::EcosystemGraphs => Format::EcosystemGraphs,
        ImportFormat::HfHub => Format::HfHub,
        ImportFormat::Epoch => Format::Epoch,
        ImportFormat::Edges => Format::Edges,
    };
    check_out(&args.out, args.force)?;
    let inputs = read_inputs(&args.inputs)?;
    let into = match &args.into {
        Some(data) => Some(crate::dataset::load_ron(Some(data), err)?),
        None => None,
    };
    let total: u64 = inputs.iter().map(|i| i.text.len() as u64).sum();
    let bar = (total >= PROGRESS_FROM && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message(format!("importing {}", format.name()));
        bar
    });
    let imported = kg_import::import(format, &inputs, into.as_ref(), &mut |done, _| {
        if let Some(bar) = &bar {
            bar.set_position(done);
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    write_all(&args.out, &imported.files, args.force)?;
    let summary = &imported.summary;
    if global.json {
        render::json(out, &serde_json::to_value(summary)?)?;
    } else {
        human(out, summary, &args.out, color)?;
    }
    let code = if summary.has_errors() {
        crate::EXIT_INVALID
    } else {
        crate::EXIT_OK
    };
    // The written files' text and the model behind them (a tenth of the run at 1M models,
    // freed one allocation at a time) are freed without waiting.
    crate::dispose((imported, inputs, into));
    Ok(code)
}

/// Refuses an output folder that holds anything, unless `force`; refuses a file.
fn check_out(dir: &Path, force: bool) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => anyhow::bail!("--out {} is not a folder", dir.display()),
        Ok(_) => {
            let mut entries =
                std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
            if entries.next().is_some() && !force {
                anyhow::bail!(
                    "--out {} is not empty; pass --force to replace what it holds",
                    dir.display()
                );
            }
            Ok(())
        }
        Err(_) => Ok(()),
    }
}

/// Reads the inputs; a folder stands for its data files, sorted.
fn read_inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot list {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| {
                        ["yaml", "yml", "jsonl", "csv"].contains(&e.to_string_lossy().as_ref())
                    })
                })
                .collect();
            if found.is_empty() {
                anyhow::bail!(
                    "{} holds no .yaml, .yml, .jsonl or .csv file",
                    path.display()
                );
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
        .into_iter()
        .map(|path| {
            // Only a regular file is opened: a pipe named `*.csv` is refused, not waited on.
            let text = crate::files::read_text(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Ok(Input {
                path: path.display().to_string(),
                text,
            })
        })
        .collect()
}

/// Writes every file into `dir` atomically (see [`crate::atomic::write_folder`]): the folder
/// holds all the new files or, on any failure, what it held before.
fn write_all(dir: &Path, files: &[OutputFile], force: bool) -> Result<()> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    crate::atomic::write_folder(dir, force, |temp| {
        for file in files {
            let mut f = std::fs::File::create(temp.join(&file.path))?;
            f.write_all(file.text.as_bytes())?;
            f.sync_all()?;
        }
        Ok(())
    })
}

/// The human summary, in a few lines.
fn human(out: &mut dyn Write, s: &Summary, dir: &Path, color: bool) -> Result<()> {
    let entities: Vec<String> = s
        .entities
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    writeln!(
        out,
        "{} {} input(s): {} claims; {} into {} ({} files)",
        paint("imported", Style::Bold, color),
        s.inputs.len(),
        s.claims,
        entities.join(", "),
        dir.display(),
        s.written.len()
    )?;
    let more = |out: &mut dyn Write, n: usize| -> Result<()> {
        if n > SHOWN {
            writeln!(out, "  ... and {} more (--json lists them all)", n - SHOWN)?;
        }
        Ok(())
    };
    if !s.unresolved.is_empty() {
        writeln!(
            out,
            "{} {} name(s) refer to nothing in the input (kept as placeholders in unresolved.ron):",
            paint("unresolved:", Style::Warn, color),
            s.unresolved.len()
        )?;
        for u in s.unresolved.iter().take(SHOWN) {
            let at = u.references.first().map_or("", String::as_str);
            let also = match u.references.len() {
                0 | 1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            let hint = if u.suggestions.is_empty() {
                String::new()
            } else {
                format!(
                    ": did you mean {}?",
                    u.suggestions
                        .iter()
                        .map(|x| format!("\"{x}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            writeln!(out, "  \"{}\" ({at}{also}){hint}", u.name)?;
        }
        more(out, s.unresolved.len())?;
    }
    if !s.duplicates.is_empty() {
        writeln!(
            out,
            "{} {} name(s) used for several entities (all kept):",
            paint("duplicates:", Style::Warn, color),
            s.duplicates.len()
        )?;
        for d in s.duplicates.iter().take(SHOWN) {
            writeln!(out, "  \"{}\": {}", d.name, d.ids.join(", "))?;
        }
        more(out, s.duplicates.len())?;
    }
    if !s.matches.is_empty() {
        writeln!(
            out,
            "{} {} entities are the same as the dataset's (same-as.ron):",
            paint("matches:", Style::Bold, color),
            s.matches.len()
        )?;
        for m in s.matches.iter().take(SHOWN) {
            writeln!(out, "  {} = {}", m.id, m.same_as)?;
        }
        more(out, s.matches.len())?;
    }
    if !s.problems.is_empty() {
        writeln!(
            out,
            "{} {}:",
            paint("problems:", Style::Warn, color),
            s.problems.len()
        )?;
        for p in s.problems.iter().take(SHOWN) {
            writeln!(
                out,
                "  {}[{}] {}:{}:{}: {}",
                p.severity, p.code, p.file, p.line, p.column, p.message
            )?;
        }
        more(out, s.problems.len())?;
    }
    Ok(())
}
