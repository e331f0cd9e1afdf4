//! Reads a dataset: every `.ron` file under `--data DIR` (walked by [`crate::files`]),
//! sorted by path, or the embedded copy of graph-data/.

use crate::files;
use anyhow::{Context, Result};
use kg_core::SourceFile;
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;

/// The files of the dataset the options name, in sorted path order. What the walk of
/// `--data` passed over (loops of links, pipes named `*.ron`, ...) is written to `err` as
/// notes.
pub fn read(data: Option<&Path>, err: &mut dyn Write) -> Result<Vec<SourceFile>> {
    let Some(dir) = data else {
        return Ok(crate::embedded::FILES
            .iter()
            .map(|(path, text)| SourceFile {
                path: (*path).to_string(),
                text: (*text).to_string(),
            })
            .collect());
    };
    let meta = std::fs::metadata(dir)
        .with_context(|| format!("cannot read data folder {}", dir.display()))?;
    if !meta.is_dir() {
        anyhow::bail!("--data {} is not a folder", dir.display());
    }
    let walk = files::walk(dir, "ron").with_context(|| format!("cannot list {}", dir.display()))?;
    for note in &walk.notes {
        writeln!(err, "note: {note}")?;
    }
    if walk.files.is_empty() {
        anyhow::bail!("no .ron files under {}", dir.display());
    }
    // Read on every core: the reads, copies out of the page cache and UTF-8 checks of a
    // large dataset are a tenth of `kg check`'s time when done one file after another. The
    // first error in path order is the one reported, as when read one by one.
    let read: Vec<Result<SourceFile>> = walk
        .files
        .into_par_iter()
        .map(|path| {
            let text = files::read_text(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Ok(SourceFile {
                path: path.display().to_string(),
                text,
            })
        })
        .collect();
    read.into_iter().collect()
}

/// Reads and loads the dataset for a query command. Errors in the data do not stop a query,
/// but a line on `err` says how many there are, so nobody trusts a broken graph unawares.
#[allow(dead_code)] // used by the query commands being built
pub fn load(data: Option<&Path>, err: &mut dyn Write) -> Result<kg_core::Graph> {
    let files = read(data, err)?;
    let loaded = kg_core::load(&files);
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == kg_core::Severity::Error)
        .count();
    if errors > 0 {
        writeln!(
            err,
            "warning: the data has {errors} error(s); run `kg check` (answers may be incomplete)"
        )?;
    }
    Ok(loaded.graph)
}
