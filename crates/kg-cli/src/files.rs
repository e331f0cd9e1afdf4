//! Reading files as real machines hold them: a folder walked once (links followed at most
//! once, loops noted), only regular files opened, their text checked to be UTF-8. The
//! dataset is read through it, and so can every later reader of files (imports, documents).
//!
//! The walk is walkdir's: it follows links, detects a link back to a folder above it, and
//! gives each entry's file type from its metadata, so that nothing is opened to learn what
//! it is (a named pipe would block the reader forever, a device never end).

use anyhow::{bail, Result};
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a walk found, and what it passed over on the way.
#[derive(Debug, Default)]
pub struct Walk {
    /// The regular files with the extension, in sorted path order.
    pub files: Vec<PathBuf>,
    /// One line for each thing passed over: a link back to a folder above it, a link to
    /// nothing, something that is not a regular file, a folder or file reached a second
    /// time through a link.
    pub notes: Vec<String>,
}

/// Every regular file named `*.{extension}` under `dir`, links followed. A folder or file
/// that two paths lead to is read once, under the first path in sorted order; a link back
/// to a folder above it is not followed again. Only an error reading a folder (permission)
/// stops the walk.
pub fn walk(dir: &Path, extension: &str) -> Result<Walk> {
    let mut walk = Walk::default();
    // The first path of each folder and file, by identity (device and inode).
    let mut seen: HashMap<Identity, PathBuf> = HashMap::new();
    let mut entries = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                if let Some(ancestor) = e.loop_ancestor() {
                    walk.notes.push(format!(
                        "{} links back to {}, a folder above it: not followed again",
                        path.display(),
                        ancestor.display()
                    ));
                } else if path.is_symlink() && !path.exists() {
                    // A dangling link named like a data file is noted; others are not data.
                    if path.extension() == Some(OsStr::new(extension)) {
                        walk.notes
                            .push(format!("{} is a link to nothing: skipped", path.display()));
                    }
                } else {
                    return Err(anyhow::Error::new(e));
                }
                continue;
            }
        };
        let path = entry.path();
        let kind = entry.file_type();
        let wanted = kind.is_dir() || path.extension() == Some(OsStr::new(extension));
        if !wanted {
            continue;
        }
        if !kind.is_dir() && !kind.is_file() {
            walk.notes.push(format!(
                "{} is not a regular file (a named pipe, socket or device): skipped, not opened",
                path.display()
            ));
            continue;
        }
        if let Some(identity) = identity(&entry) {
            if let Some(first) = seen.get(&identity) {
                walk.notes.push(format!(
                    "{} is {} again, through a link: read once",
                    path.display(),
                    first.display()
                ));
                if kind.is_dir() {
                    entries.skip_current_dir();
                }
                continue;
            }
            seen.insert(identity, path.to_path_buf());
        }
        if kind.is_file() {
            walk.files.push(entry.into_path());
        }
    }
    walk.files.sort();
    Ok(walk)
}

/// What tells two paths to one folder or file apart from two of the same name.
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

/// The identity of what an entry leads to (after links): device and inode, from metadata.
#[cfg(unix)]
fn identity(entry: &walkdir::DirEntry) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt as _;
    entry.metadata().ok().map(|m| (m.dev(), m.ino()))
}

/// The identity of what an entry leads to (after links): its canonical path.
#[cfg(not(unix))]
fn identity(entry: &walkdir::DirEntry) -> Option<Identity> {
    std::fs::canonicalize(entry.path()).ok()
}

/// The bytes of a regular file. What is not a regular file (after links) is refused before
/// it is opened. The errors do not name the file: the caller says what it was reading
/// (`cannot read the document PATH: not a regular file ...`).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        bail!("not a regular file (a folder, named pipe, socket or device)");
    }
    Ok(std::fs::read(path)?)
}

/// The text of a regular file ([`read_bytes`]), which must be UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        anyhow::anyhow!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
