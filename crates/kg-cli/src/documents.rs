//! Finds and reads the sources' documents: a source's `file` is looked for in each
//! `--documents DIR` in turn, then in each folder of `KG_DOCUMENTS` (`:`-separated), then in
//! the `documents/` folder of `--data DIR` (the embedded dataset has none); the first folder
//! that holds it wins.

use crate::args::Global;
use anyhow::{Context, Result};
use kg_core::document::{is_file_name, FoundDocument};
use kg_core::model::Details;
use kg_core::Graph;
use std::path::{Path, PathBuf};

/// The environment variable that lists documents folders.
pub const ENV: &str = "KG_DOCUMENTS";

/// A document found for a source: where, and its bytes.
#[derive(Debug)]
pub struct Found {
    /// The source's id.
    pub source: String,
    /// Where the document was found.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The documents folders, in the order they are searched.
pub fn folders(global: &Global) -> Vec<PathBuf> {
    let mut dirs = global.documents.clone();
    if let Some(list) = std::env::var_os(ENV) {
        dirs.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    if let Some(data) = &global.data {
        dirs.push(data.join("documents"));
    }
    dirs
}

/// The folders, as a diagnostic names them.
pub fn describe(folders: &[PathBuf]) -> String {
    if folders.is_empty() {
        return "any folder: none was given (--documents DIR, KG_DOCUMENTS)".into();
    }
    folders
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a document named `file` is, among the folders: the first that holds it.
pub fn locate(file: &str, folders: &[PathBuf]) -> Option<PathBuf> {
    if !is_file_name(file) {
        return None;
    }
    folders
        .iter()
        .map(|dir| dir.join(file))
        .find(|path| path.is_file())
}

/// Reads a document: a regular file of UTF-8 text (a byte-order mark allowed), refused
/// before it is opened when it is not a regular file (crate::files).
pub fn read(path: &Path) -> Result<Vec<u8>> {
    let bytes = crate::files::read_bytes(path)
        .with_context(|| format!("cannot read the document {}", path.display()))?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if let Err(e) = std::str::from_utf8(text) {
        anyhow::bail!(
            "the document {} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.valid_up_to()
        );
    }
    Ok(bytes)
}

/// The documents of every source that names a `file` and is found in the folders.
pub fn find(graph: &Graph, folders: &[PathBuf]) -> Result<Vec<Found>> {
    find_named(&named(graph), folders)
}

/// Each source that names its document's file: (source id, file name), in load order.
pub fn named(graph: &Graph) -> Vec<(String, String)> {
    graph
        .entities
        .iter()
        .filter_map(|entity| match entity.details() {
            Details::Source {
                file: Some(file), ..
            } => Some((entity.id.clone(), file.clone())),
            _ => None,
        })
        .collect()
}

/// [`find`] for sources given as (source id, file name).
pub fn find_named(named: &[(String, String)], folders: &[PathBuf]) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    for (source, file) in named {
        if let Some(path) = locate(file, folders) {
            let bytes = read(&path)?;
            found.push(Found {
                source: source.clone(),
                path,
                bytes,
            });
        }
    }
    Ok(found)
}

/// The found documents as kg-core takes them.
pub fn borrowed(found: &[Found]) -> Vec<FoundDocument<'_>> {
    found
        .iter()
        .map(|f| FoundDocument {
            source: &f.source,
            bytes: &f.bytes,
        })
        .collect()
}
