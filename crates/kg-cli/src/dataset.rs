//! Reads a dataset: every `.ron` file under `--data DIR` (walked by [`crate::files`]),
//! sorted by path, or the embedded copy of graph-data/.

use crate::args::Global;
use crate::files;
use anyhow::{Context, Result};
use kg_core::snapshot::{Selection, Snapshot};
use kg_core::{Graph, SourceFile};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

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
    read_walked(walk(dir, err)?.files)
}

/// The `.ron` files under `dir`, what the walk passed over written to `err` as notes.
fn walk(dir: &Path, err: &mut dyn Write) -> Result<files::Walk> {
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
    Ok(walk)
}

/// Reads the walked files' text, on every core: the reads, copies out of the page cache and
/// UTF-8 checks of a large dataset are a tenth of `kg check`'s time when done one file after
/// another. The first error in path order is the one reported, as when read one by one.
fn read_walked(paths: Vec<std::path::PathBuf>) -> Result<Vec<SourceFile>> {
    let read: Vec<Result<SourceFile>> = paths
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

/// Loads the dataset for a query command: the part of the graph `selection` names (see
/// [`Dataset::load`]).
pub fn load(global: &Global, selection: &Selection, err: &mut dyn Write) -> Result<Arc<Graph>> {
    open(global, err)?.load(selection, err)
}

/// A dataset about to be read. For `--data` with the cache, its files are walked (the walk's
/// notes written to `err`) and keyed once, whether a command then reads the snapshot itself
/// ([`Dataset::answer`]), a graph ([`Dataset::load`]), or both, one after the other.
pub struct Dataset<'g> {
    global: &'g Global,
    cached: Option<Cached>,
    /// [`Dataset::answer`] found the snapshot damaged: [`Dataset::load`] rebuilds it.
    damaged: std::cell::Cell<bool>,
}

/// A `--data` folder's files and their key in the cache folder.
struct Cached {
    folder: std::path::PathBuf,
    files: Vec<std::path::PathBuf>,
    /// `None` when a file cannot be hashed: the RON is read, and says why.
    key: Option<String>,
}

/// Walks and keys the dataset the options name (see [`Dataset`]).
pub fn open<'g>(global: &'g Global, err: &mut dyn Write) -> Result<Dataset<'g>> {
    let (Some(dir), Some(folder)) = (global.data.as_deref(), crate::cache::folder(global)) else {
        return Ok(Dataset {
            global,
            cached: None,
            damaged: Default::default(),
        });
    };
    let walk = walk(dir, err)?;
    let key = crate::cache::key(&walk.files).ok();
    Ok(Dataset {
        global,
        cached: Some(Cached {
            folder,
            files: walk.files,
            key,
        }),
        damaged: Default::default(),
    })
}

impl Dataset<'_> {
    /// The cache's snapshot of this data, if it holds one not yet found damaged.
    fn snapshot_file(&self) -> Option<(crate::cache::FileStore, u64)> {
        if self.damaged.get() {
            return None;
        }
        let cached = self.cached.as_ref()?;
        crate::cache::open(&cached.folder, cached.key.as_deref()?)
    }

    /// Runs `f` on the snapshot of this data, when the cache holds a sound one: `Ok(None)`
    /// when it does not (no `--data`, `--no-cache`, no snapshot yet, or one that fails to
    /// open or `f` finds damaged) or when `f` says the whole graph must answer (`Ok(None)`);
    /// the caller then [`Dataset::load`]s, which rebuilds a damaged snapshot from the RON
    /// (whatever part of it the load would read). The data's
    /// errors go to `err` only when `f` answers.
    pub fn answer<T>(
        &self,
        err: &mut dyn Write,
        f: impl FnOnce(&Snapshot) -> std::result::Result<Option<T>, kg_core::snapshot::Corrupt>,
    ) -> Result<Option<T>> {
        let Some((file, len)) = self.snapshot_file() else {
            return Ok(None);
        };
        let Ok(snapshot) = Snapshot::open(&file, len) else {
            self.damaged.set(true);
            return Ok(None);
        };
        match f(&snapshot) {
            Ok(Some(answer)) => {
                warn_errors(snapshot.errors() as usize, err)?;
                Ok(Some(answer))
            }
            Ok(None) => Ok(None),
            Err(_) => {
                self.damaged.set(true);
                Ok(None)
            }
        }
    }

    /// The part of the graph `selection` names, from the snapshot cache when it holds this
    /// data, else from the RON (whole), writing the snapshot for next time. Errors in the
    /// data do not stop a query, but a line on `err` says how many there are, so nobody
    /// trusts a broken graph unawares.
    pub fn load(self, selection: &Selection, err: &mut dyn Write) -> Result<Arc<Graph>> {
        if let Some((file, len)) = self.snapshot_file() {
            let from_snapshot = Snapshot::open(&file, len).and_then(|snapshot| {
                let graph = snapshot.materialize(selection)?;
                Ok((graph, snapshot.errors()))
            });
            // A damaged or foreign snapshot is not trusted: the RON is read and it is rebuilt.
            if let Ok((graph, errors)) = from_snapshot {
                warn_errors(errors as usize, err)?;
                return Ok(Arc::new(graph));
            }
        }
        let Some(cached) = self.cached else {
            return load_ron(self.global.data.as_deref(), err).map(Arc::new);
        };
        let files = read_walked(cached.files)?;
        let loaded = kg_core::load(&files);
        crate::dispose(files);
        let errors = error_count(&loaded);
        warn_errors(errors, err)?;
        let graph = Arc::new(loaded.graph);
        if let Some(key) = cached.key {
            crate::cache::store_snapshot(cached.folder, key, Arc::clone(&graph), errors as u32);
        }
        Ok(graph)
    }
}

/// Reads and loads a dataset from its RON, without the cache (`kg import --into`).
pub fn load_ron(data: Option<&Path>, err: &mut dyn Write) -> Result<Graph> {
    let files = read(data, err)?;
    let loaded = kg_core::load(&files);
    warn_errors(error_count(&loaded), err)?;
    Ok(loaded.graph)
}

fn error_count(loaded: &kg_core::Loaded) -> usize {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == kg_core::Severity::Error)
        .count()
}

fn warn_errors(errors: usize, err: &mut dyn Write) -> Result<()> {
    if errors > 0 {
        writeln!(
            err,
            "warning: the data has {errors} error(s); run `kg check` (answers may be incomplete)"
        )?;
    }
    Ok(())
}
