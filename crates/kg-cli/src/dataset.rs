//! Reads a dataset: every `.ron` file under `--data DIR`, sorted by path, or the embedded
//! copy of graph-data/.

use anyhow::{Context, Result};
use kg_core::SourceFile;
use std::path::{Path, PathBuf};

/// The files of the dataset the options name, in sorted path order.
pub fn read(data: Option<&Path>) -> Result<Vec<SourceFile>> {
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
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort();
    if paths.is_empty() {
        anyhow::bail!("no .ron files under {}", dir.display());
    }
    paths
        .into_iter()
        .map(|path| {
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{} is not UTF-8 text (invalid byte at offset {})",
                    path.display(),
                    e.utf8_error().valid_up_to()
                )
            })?;
            Ok(SourceFile {
                path: path.display().to_string(),
                text,
            })
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads and loads the dataset for a query command. Errors in the data do not stop a query,
/// but a line on `err` says how many there are, so nobody trusts a broken graph unawares.
#[allow(dead_code)] // used by the query commands being built
pub fn load(data: Option<&Path>, err: &mut dyn std::io::Write) -> Result<kg_core::Graph> {
    let files = read(data)?;
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
