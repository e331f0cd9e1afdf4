//! The snapshot cache: after a load from RON, the graph is written to a cache folder as a
//! snapshot ([`kg_core::snapshot`]) named by the content key of the data; a later command on
//! the same data reads the snapshot instead of parsing the RON.
//!
//! - The key is BLAKE3 over the snapshot format, kg's version, and for every data file in
//!   load order its path (as diagnostics show it), its length and its bytes. A changed,
//!   added, removed or renamed file gives another key, so a stale snapshot is never looked
//!   up; timestamps are not trusted.
//! - The folder: `$KG_CACHE_DIR`, else `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`; never
//!   inside `--data`, whose files are reviewed in git. `--no-cache` neither reads nor
//!   writes it; the embedded graph-data is never cached (it loads in milliseconds).
//! - A damaged, truncated or foreign snapshot fails [`kg_core::snapshot::Snapshot::open`]
//!   (magic, format, kg's version, BLAKE3 checksum of the body, bounds-checked reads) and is
//!   rebuilt from the RON, never trusted.
//! - A snapshot is written under a temporary name and renamed onto its key's name
//!   ([`crate::atomic`]): a reader sees no file or a whole one, and two processes writing at
//!   once write the same bytes. It is not synced: a crash may leave it short, and a short
//!   one fails its checksums and is rebuilt. A write that fails (read-only or full disk) does not fail
//!   the command. Beyond [`BUDGET`] bytes, the least recently written snapshots and reports are removed.

use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The most bytes of snapshots the cache folder keeps.
pub const BUDGET: u64 = 4 << 30;

/// The cache folder for these options: none with `--no-cache` or without `--data` (the
/// embedded graph-data is never cached), else `--cache-dir`, `$KG_CACHE_DIR`,
/// `$XDG_CACHE_HOME/kg` or `~/.cache/kg`; `None` when no home can be found either.
pub fn folder(global: &crate::args::Global) -> Option<PathBuf> {
    if global.no_cache || global.data.is_none() {
        return None;
    }
    if let Some(dir) = &global.cache_dir {
        return Some(dir.clone());
    }
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("KG_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("kg"));
    }
    var("HOME").map(|home| PathBuf::from(home).join(".cache").join("kg"))
}

/// The content key of a dataset's files (see the module): 64 hex digits. Each file is
/// hashed on both cores, through a memory map where the file allows it.
pub fn key(files: &[PathBuf]) -> Result<String> {
    let mut key = blake3::Hasher::new();
    key.update(b"kg snapshot key\0");
    key.update(&kg_core::snapshot::FORMAT.to_le_bytes());
    key.update(env!("CARGO_PKG_VERSION").as_bytes());
    key.update(&[0]);
    for path in files {
        let shown = path.display().to_string();
        key.update(&(shown.len() as u64).to_le_bytes());
        key.update(shown.as_bytes());
        let mut file = blake3::Hasher::new();
        file.update_mmap_rayon(path)?;
        key.update(&file.count().to_le_bytes());
        key.update(file.finalize().as_bytes());
    }
    Ok(key.finalize().to_hex().to_string())
}

thread_local! {
    /// Snapshots being written on threads of their own while the command that this thread
    /// runs answers (per thread: the tests run commands in process, one per thread, and each
    /// must wait for its own).
    static WRITING: std::cell::RefCell<Vec<std::thread::JoinHandle<()>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Encodes the snapshot of a graph just loaded from RON and stores it under `key`, on a
/// thread of its own while the command answers from the graph (at 1M models, encoding and
/// writing 226 MB take about as long as the first query's own answer);
/// [`finish_writes`] waits for it before kg returns, so no temporary file is left behind.
/// Should no thread start, nothing is written: the next command writes it.
pub fn store_snapshot(folder: PathBuf, key: String, graph: Arc<kg_core::Graph>, errors: u32) {
    let spawned = std::thread::Builder::new().spawn(move || {
        let bytes = kg_core::snapshot::encode(&graph, errors);
        // The graph is freed by whoever lets it go last, without waiting.
        crate::dispose(graph);
        let _ = store(&folder, &name(&key), &bytes);
        crate::dispose(bytes);
    });
    if let Ok(handle) = spawned {
        WRITING.with(|writing| writing.borrow_mut().push(handle));
    }
}

/// Waits for the snapshots [`store_snapshot`] is writing for this thread's command.
pub fn finish_writes() {
    let writing = WRITING.with(|writing| std::mem::take(&mut *writing.borrow_mut()));
    for handle in writing {
        let _ = handle.join();
    }
}

/// The file name of the snapshot with this key.
pub fn name(key: &str) -> String {
    format!("{key}.kgsnap")
}

/// The path of the snapshot with this key.
pub fn path(folder: &Path, key: &str) -> PathBuf {
    folder.join(name(key))
}

/// Writes a snapshot or a report atomically under `name` in the folder, then trims the
/// folder to [`BUDGET`]. Errors are returned for the caller to ignore: the cache is never a
/// reason for a command to fail.
pub fn store(folder: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    std::fs::create_dir_all(folder)?;
    // Not synced: a snapshot or report verifies itself when read, so one that a crash left
    // short is rebuilt, and no command waits for the disk.
    crate::atomic::write_bytes_unsynced(&folder.join(name), bytes)?;
    trim(folder, BUDGET)
}

/// Removes the least recently written snapshots until the folder holds at most `budget`
/// bytes of them.
fn trim(folder: &Path, budget: u64) -> Result<()> {
    let mut snapshots: Vec<(std::time::SystemTime, u64, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let path = entry.path();
        if path
            .extension()
            .is_some_and(|e| e == "kgsnap" || e == "kgcheck")
        {
            let meta = entry.metadata()?;
            if meta.is_file() {
                snapshots.push((meta.modified()?, meta.len(), path));
            }
        }
    }
    let mut total: u64 = snapshots.iter().map(|s| s.1).sum();
    snapshots.sort();
    for (_, len, path) in snapshots {
        if total <= budget {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
    Ok(())
}

/// A snapshot file, its sections read on demand (`pread`): a query reads only the sections it
/// needs.
pub struct FileStore(std::fs::File);

impl kg_core::snapshot::Store for FileStore {
    fn read_into(&self, offset: u64, into: &mut [u8]) -> std::io::Result<()> {
        use std::os::unix::fs::FileExt;
        self.0.read_exact_at(into, offset)
    }
}

/// The snapshot with this key, if the folder holds one: the file and its length.
pub fn open(folder: &Path, key: &str) -> Option<(FileStore, u64)> {
    let file = std::fs::File::open(path(folder, key)).ok()?;
    let len = file.metadata().ok()?.len();
    Some((FileStore(file), len))
}
