//! Locating problems: each is recorded as the path of a value inside its file (a [`Site`])
//! while loading, and turned into a file, line and column at the end, lexing only the files
//! that have problems.

use super::SourceFile;
use crate::diagnostic::{line_column, Code, Diagnostic, Location, Related};
use crate::span::SpanIndex;
use std::collections::HashMap;

/// A place inside a file, by the path of a value (`claims[3].cite.line`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Site {
    pub file: u32,
    pub path: String,
}

/// A diagnostic whose location is still a [`Site`].
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub code: Code,
    pub message: String,
    pub site: Option<Site>,
    pub related: Vec<(Site, String)>,
    pub help: Option<String>,
}

impl Pending {
    pub(crate) fn new(code: Code, site: Site, message: impl Into<String>) -> Pending {
        Pending {
            code,
            message: message.into(),
            site: Some(site),
            related: Vec::new(),
            help: None,
        }
    }

    pub(crate) fn help(mut self, help: Option<String>) -> Pending {
        self.help = help;
        self
    }
}

/// Turns pending diagnostics into located ones, lexing each file that has any at most once.
pub(crate) fn locate(files: &[SourceFile], mut pending: Vec<Pending>) -> Vec<Diagnostic> {
    // One problem shared by several claims (an entry's citation, a file's default source)
    // is reported once.
    let mut seen = std::collections::HashSet::new();
    pending.retain(|p| seen.insert((p.code, p.site.clone(), p.message.clone())));
    let mut indexes: HashMap<u32, SpanIndex> = HashMap::new();
    let mut locate = |site: &Site| -> Option<Location> {
        let file = files.get(site.file as usize)?;
        let index = indexes
            .entry(site.file)
            .or_insert_with(|| SpanIndex::build(&file.text));
        let (start, end) = index.find(&site.path).unwrap_or((0, 0));
        let (line, column) = line_column(&file.text, start);
        Some(Location {
            file: file.path.clone(),
            line,
            column,
            offset: start,
            len: end - start,
        })
    };
    pending
        .into_iter()
        .map(|p| Diagnostic {
            code: p.code,
            severity: p.code.severity(),
            location: p.site.as_ref().and_then(&mut locate),
            related: p
                .related
                .iter()
                .filter_map(|(site, message)| {
                    Some(Related {
                        location: locate(site)?,
                        message: message.clone(),
                    })
                })
                .collect(),
            message: p.message,
            help: p.help,
        })
        .collect()
}

/// Sorts diagnostics by file (in load order), position, code and message.
pub(crate) fn sort_diagnostics(files: &[SourceFile], diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.location
                .as_ref()
                .map(|l| (files.iter().position(|f| f.path == l.file), l.offset))
        };
        // A file that could not be read first: the errors it causes elsewhere follow it.
        (!a.code.fails_file(), key(a))
            .cmp(&(!b.code.fails_file(), key(b)))
            .then(a.code.cmp(&b.code))
            .then(a.message.cmp(&b.message))
    });
}
