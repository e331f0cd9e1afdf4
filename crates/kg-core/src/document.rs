//! Documents: the texts that sources cite, checked against the data. Each quote must stand on
//! its cited line, a document is pinned by the SHA-256 of its bytes, an outline must match
//! the document's Markdown headings, and line numbers that a document's edit moved are found
//! again (re-anchoring). The caller finds and reads the documents; this module takes their
//! bytes and returns diagnostics, reports and new file texts (no I/O).
//!
//! # Normalization
//!
//! A quote stands on a line when the line contains it verbatim, or else when the line
//! contains it once both are *normalized*: Unicode NFKC (so full-width `５６％` reads as
//! `56%`, and `ﬁ` as `fi`), then every run of whitespace folded into one space. Nothing else
//! changes: case, punctuation and Markdown marks are compared as written.

use crate::diagnostic::{Code, Diagnostic};
use crate::graph::Graph;
use crate::load::{locate, sort_diagnostics, Pending, Site, SourceFile};
use crate::model::{Claim, Details, Heading, ItemPath, NodeKind};
use crate::span::SpanIndex;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// A document the caller found for a source: the source's id and the document's bytes.
#[derive(Debug, Clone, Copy)]
pub struct FoundDocument<'a> {
    /// The id of the source whose `file` this is.
    pub source: &'a str,
    /// The document's bytes, as read.
    pub bytes: &'a [u8],
}

/// What [`verify`] says about one source that names a `file`: the `documents` entry of
/// `kg check --json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentReport {
    /// The source's id.
    pub source: String,
    /// Its `file`.
    pub file: String,
    /// Whether the caller found the document.
    pub found: bool,
    /// Whether the document's bytes match `sha256` (`None`: not found, or no `sha256`).
    pub sha256_matches: Option<bool>,
    /// Quotes of the source (citations as written: an entry's `cite` counts once).
    pub quotes: usize,
    /// Quotes that stand on their cited line.
    pub quotes_verified: usize,
    /// Quotes that do not.
    pub quotes_mismatched: usize,
}

/// The result of [`verify`]: diagnostics (already located and sorted) and a report per
/// source that names a `file`, in the order the sources were loaded.
#[derive(Debug, Default)]
pub struct Verification {
    /// `quote-mismatch`, `document-changed`, `outline-mismatch`, `bad-value` (a `file` or
    /// `sha256` that cannot be one) and, when asked, `document-not-found`.
    pub diagnostics: Vec<Diagnostic>,
    /// One report per source that names a `file`.
    pub reports: Vec<DocumentReport>,
}

/// Folds `text` for comparing a quote with a line: Unicode NFKC, then every run of whitespace
/// becomes one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.nfkc() {
        if ch.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// Whether `file` can name a document: a plain file name, without a folder.
pub fn is_file_name(file: &str) -> bool {
    !file.is_empty() && file != "." && file != ".." && !file.contains(['/', '\\', '\0'])
}

/// A document's text, as lines (1-based when cited), each also normalized.
#[derive(Debug)]
pub struct DocumentText {
    lines: Vec<String>,
    normalized: Vec<String>,
}

impl DocumentText {
    /// Reads a document's bytes: UTF-8 (a byte-order mark is skipped; an invalid byte reads
    /// as U+FFFD), split into lines at `\n` (a `\r` before it is dropped).
    pub fn new(bytes: &[u8]) -> DocumentText {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = String::from_utf8_lossy(bytes);
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let normalized = lines.iter().map(|l| normalize(l)).collect();
        DocumentText { lines, normalized }
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the document has no line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The text of a 1-based line.
    pub fn line(&self, line: u32) -> Option<&str> {
        let i = (line as usize).checked_sub(1)?;
        self.lines.get(i).map(String::as_str)
    }

    /// Whether the quote stands on the 1-based line, verbatim or normalized.
    pub fn quote_on(&self, quote: &str, normalized_quote: &str, line: u32) -> bool {
        let Some(i) = (line as usize).checked_sub(1) else {
            return false;
        };
        match (self.lines.get(i), self.normalized.get(i)) {
            (Some(raw), Some(norm)) => raw.contains(quote) || norm.contains(normalized_quote),
            _ => false,
        }
    }

    /// The lines the quote stands on: those holding it verbatim, or when none does, those
    /// holding it normalized.
    pub fn find(&self, quote: &str, normalized_quote: &str) -> Vec<u32> {
        let hits = |lines: &[String], q: &str| -> Vec<u32> {
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.contains(q))
                .map(|(i, _)| i as u32 + 1)
                .collect()
        };
        let exact = hits(&self.lines, quote);
        if exact.is_empty() {
            hits(&self.normalized, normalized_quote)
        } else {
            exact
        }
    }

    /// The line most like the quote, and how much of the quote it holds (0 to 1): the share
    /// of the quote's pairs of adjacent characters that the line has too, both normalized.
    pub fn most_similar(&self, normalized_quote: &str) -> Option<(u32, f64)> {
        let pairs = char_pairs(normalized_quote);
        if pairs.is_empty() {
            return None;
        }
        let mut best: Option<(u32, f64)> = None;
        for (i, line) in self.normalized.iter().enumerate() {
            let mut have: HashMap<(char, char), usize> = HashMap::new();
            for p in char_pairs(line) {
                *have.entry(p).or_default() += 1;
            }
            let mut shared = 0;
            for p in &pairs {
                if let Some(n) = have.get_mut(p) {
                    if *n > 0 {
                        *n -= 1;
                        shared += 1;
                    }
                }
            }
            let score = shared as f64 / pairs.len() as f64;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((i as u32 + 1, score));
            }
        }
        best
    }
}

fn char_pairs(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// A Markdown heading of a document (`#` to `######` then a space, outside fenced code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentHeading {
    /// The 1-based line it stands on.
    pub line: u32,
    /// Its level: the number of `#`.
    pub level: u8,
    /// Its text, without the `#`s and the spaces around it.
    pub title: String,
}

/// The Markdown headings of a document's text, in order.
pub fn headings(text: &DocumentText) -> Vec<DocumentHeading> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, line) in text.lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if trimmed.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        if let Some(h) = heading(line) {
            out.push(DocumentHeading {
                line: i as u32 + 1,
                level: h.0,
                title: h.1.to_string(),
            });
        }
    }
    out
}

/// The level and title of a Markdown heading line (up to three spaces of indent allowed).
fn heading(line: &str) -> Option<(u8, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    // A closing run of `#` (after a space) is not part of the title.
    let title = after.trim();
    let title = match title.trim_end_matches('#') {
        t if t.len() < title.len() && (t.is_empty() || t.ends_with([' ', '\t'])) => t.trim_end(),
        _ => title,
    };
    Some((level as u8, title))
}

/// One quote as written in a data file: the `index`-th citation of the claim or entry at
/// `item` in data file `file`.
#[derive(Debug, Clone)]
struct Written<'g> {
    file: u32,
    item: ItemPath,
    index: usize,
    line: u32,
    quote: &'g str,
    claim: &'g Claim,
}

impl Written<'_> {
    /// The path of the citation in its file (`claims[3].cite`, `claims[3].cites[1]`,
    /// `models[2].cite`): whether a claim's first citation is its `cite` is read off the file.
    fn path(&self, spans: &mut Spans<'_>) -> String {
        let has_cite =
            !self.item.is_claim() || spans.has(self.file, &format!("{}.cite", self.item));
        cite_path(self.item, self.index, has_cite)
    }
}

/// The quotes of the sources in `of` as written, once each (the claims an entry's relations
/// make share its `cite`), by source entity, in load order.
fn written_quotes<'g>(graph: &'g Graph, of: &[Named<'_>]) -> HashMap<u32, Vec<Written<'g>>> {
    let wanted: std::collections::HashSet<u32> = of.iter().map(|n| n.entity).collect();
    let mut seen = std::collections::HashSet::new();
    let mut out: HashMap<u32, Vec<Written<'g>>> = HashMap::new();
    if wanted.is_empty() {
        return out;
    }
    for claim in &graph.claims {
        let item = claim.origin.path.item();
        for (i, c) in claim.citations.iter().enumerate() {
            if !wanted.contains(&c.source) || !seen.insert((claim.origin.file, item, i)) {
                continue;
            }
            out.entry(c.source).or_default().push(Written {
                file: claim.origin.file,
                item,
                index: i,
                line: c.line,
                quote: &c.quote,
                claim,
            });
        }
    }
    out
}

/// The path of a claim's or entry's `i`-th citation.
fn cite_path(item: ItemPath, i: usize, has_cite: bool) -> String {
    match (has_cite, i) {
        (true, 0) => format!("{item}.cite"),
        (true, j) => format!("{item}.cites[{}]", j - 1),
        (false, j) => format!("{item}.cites[{j}]"),
    }
}

/// The data files' span indexes, built when first needed.
struct Spans<'a> {
    files: &'a [SourceFile],
    indexes: HashMap<u32, SpanIndex>,
}

impl<'a> Spans<'a> {
    fn new(files: &'a [SourceFile]) -> Spans<'a> {
        Spans {
            files,
            indexes: HashMap::new(),
        }
    }

    fn index(&mut self, file: u32) -> Option<&SpanIndex> {
        let text = &self.files.get(file as usize)?.text;
        Some(
            self.indexes
                .entry(file)
                .or_insert_with(|| SpanIndex::build(text)),
        )
    }

    /// Whether the file has a value at exactly this path.
    fn has(&mut self, file: u32, path: &str) -> bool {
        self.index(file).is_some_and(|i| i.get(path).is_some())
    }

    /// The byte span of the value at exactly this path.
    fn get(&mut self, file: u32, path: &str) -> Option<(usize, usize)> {
        self.index(file)?.get(path)
    }
}

/// A source that names a document: its entity index, `file`, `sha256`, `lines`, outline.
struct Named<'g> {
    entity: u32,
    id: &'g str,
    file: &'g str,
    sha256: Option<&'g str>,
    lines: Option<u32>,
    outline: &'g [Heading],
    origin: crate::model::Origin,
}

fn named_sources(graph: &Graph) -> Vec<Named<'_>> {
    graph
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == NodeKind::Source)
        .filter_map(|(i, e)| match e.details() {
            Details::Source {
                file: Some(file),
                sha256,
                lines,
                outline,
                ..
            } => Some(Named {
                entity: i as u32,
                id: &e.id,
                file,
                sha256: sha256.as_deref(),
                lines: *lines,
                outline,
                origin: e.origin,
            }),
            _ => None,
        })
        .collect()
}

impl Named<'_> {
    fn site(&self, field: &str) -> Site {
        Site {
            file: self.origin.file,
            path: format!("{}.{field}", self.origin.path),
        }
    }
}

/// Options of [`verify`].
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// A source whose document was not found is an error `document-not-found` (else the
    /// report says `found: false` and the caller says it as a note).
    pub require_documents: bool,
    /// The folders looked in, as the caller wants them named in `document-not-found`.
    pub looked_in: String,
}

/// Verifies the quotes of every source that names a `file` against the documents found:
/// each quote on its line, each document's bytes against `sha256`, each outline against the
/// document's headings. `files` are the data files the graph was loaded from (diagnostics
/// point into them).
pub fn verify(
    graph: &Graph,
    files: &[SourceFile],
    found: &[FoundDocument<'_>],
    options: &VerifyOptions,
) -> Verification {
    let mut spans = Spans::new(files);
    let mut pending = Vec::new();
    let named = named_sources(graph);
    let texts = document_texts(graph, found);
    let quotes = written_quotes(graph, &named);
    let mut reports = Vec::with_capacity(named.len());
    for source in &named {
        check_entry(source, &mut pending);
        let mine: &[Written] = quotes.get(&source.entity).map_or(&[], Vec::as_slice);
        let mut report = DocumentReport {
            source: source.id.to_string(),
            file: source.file.to_string(),
            found: false,
            sha256_matches: None,
            quotes: mine.len(),
            quotes_verified: 0,
            quotes_mismatched: 0,
        };
        let Some((bytes, text)) = texts.get(&source.entity) else {
            if options.require_documents {
                let mut p = Pending::new(
                    Code::DocumentNotFound,
                    source.site("file"),
                    format!(
                        "{} quote{} of `{}` not verified: {} not found in {}",
                        mine.len(),
                        plural(mine.len()),
                        source.id,
                        source.file,
                        options.looked_in
                    ),
                );
                p.help = Some(
                    "give the folder that holds it with --documents DIR or KG_DOCUMENTS".into(),
                );
                pending.push(p);
            }
            reports.push(report);
            continue;
        };
        report.found = true;
        for w in mine {
            let normalized = normalize(w.quote);
            if text.quote_on(w.quote, &normalized, w.line) {
                report.quotes_verified += 1;
                continue;
            }
            report.quotes_mismatched += 1;
            let path = w.path(&mut spans);
            pending.push(mismatch(source, text, w, &path, &normalized));
        }
        if let Some(pinned) = source.sha256 {
            let actual = sha256_hex(bytes);
            let matches = actual == pinned;
            report.sha256_matches = Some(matches);
            if !matches && is_sha256(pinned) {
                let mut p = Pending::new(
                    Code::DocumentChanged,
                    source.site("sha256"),
                    format!(
                        "{} has changed since its quotes were taken (its SHA-256 is {actual}): {} of {} quote{} still verify",
                        source.file,
                        report.quotes_verified,
                        report.quotes,
                        plural(report.quotes)
                    ),
                );
                p.help = Some(
                    "if the edit only moved lines, `kg reanchor` moves the line numbers and the hash"
                        .into(),
                );
                pending.push(p);
            }
        }
        check_outline(source, text, &mut pending);
        reports.push(report);
    }
    let mut diagnostics = locate(files, pending);
    sort_diagnostics(files, &mut diagnostics);
    Verification {
        diagnostics,
        reports,
    }
}

/// Adds located diagnostics to a list and puts it back in file and position order.
pub fn merge(files: &[SourceFile], into: &mut Vec<Diagnostic>, more: Vec<Diagnostic>) {
    into.extend(more);
    sort_diagnostics(files, into);
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The text of each document found, by the entity index of its source, with its bytes.
fn document_texts<'a>(
    graph: &Graph,
    found: &[FoundDocument<'a>],
) -> HashMap<u32, (&'a [u8], DocumentText)> {
    found
        .iter()
        .filter_map(|f| {
            let entity = graph.entity_index(f.source)?;
            Some((entity, (f.bytes, DocumentText::new(f.bytes))))
        })
        .collect()
}

/// A `file` that is not a plain file name, a `sha256` that is not 64 hex digits.
fn check_entry(source: &Named<'_>, pending: &mut Vec<Pending>) {
    if !is_file_name(source.file) {
        pending.push(Pending::new(
            Code::BadValue,
            source.site("file"),
            format!(
                "`file` is a file name, found in the documents folders, not a path: {:?}",
                source.file
            ),
        ));
    }
    if let Some(sha) = source.sha256 {
        if !is_sha256(sha) {
            pending.push(Pending::new(
                Code::BadValue,
                source.site("sha256"),
                "`sha256` is 64 lowercase hex digits, as `kg source add` prints them",
            ));
        }
    }
}

/// The `quote-mismatch` of a quote that is not on its line: where it is instead, or the line
/// most like it.
fn mismatch(
    source: &Named<'_>,
    text: &DocumentText,
    w: &Written<'_>,
    path: &str,
    normalized: &str,
) -> Pending {
    let found_on = text.find(w.quote, normalized);
    let site = |field: &str| Site {
        file: w.file,
        path: format!("{path}.{field}"),
    };
    let what = format!("the quote is not on line {} of {}", w.line, source.file);
    if !found_on.is_empty() {
        let lines: Vec<String> = found_on.iter().map(u32::to_string).collect();
        let (word, list) = if lines.len() == 1 {
            ("line", lines[0].clone())
        } else {
            ("lines", lines.join(", "))
        };
        return Pending::new(
            Code::QuoteMismatch,
            site("line"),
            format!(
                "{what}; found on {word} {list}: the document moved, or the line number is wrong"
            ),
        )
        .help(Some(
            "`kg reanchor` moves line numbers to where their quotes are".into(),
        ));
    }
    let similar = match text.most_similar(normalized) {
        Some((line, score)) if score > 0.0 && line == w.line => format!(
            ", nor anywhere in it; the cited line is the most similar ({:.0}% of the quote's character pairs): {:?}",
            score * 100.0,
            text.line(line).unwrap_or("")
        ),
        Some((line, score)) if score > 0.0 => format!(
            ", nor anywhere in it; the most similar line is {line} ({:.0}% of the quote's character pairs): {:?}",
            score * 100.0,
            text.line(line).unwrap_or("")
        ),
        _ => ", nor anywhere in it".to_string(),
    };
    Pending::new(
        Code::QuoteMismatch,
        site("quote"),
        format!("{what}{similar}"),
    )
}

/// `outline-mismatch` warnings: outline headings that are not a heading of the document at
/// their line, and the document's headings that the outline leaves out.
fn check_outline(source: &Named<'_>, text: &DocumentText, pending: &mut Vec<Pending>) {
    if source.outline.is_empty() {
        return;
    }
    let doc = headings(text);
    for (j, h) in source.outline.iter().enumerate() {
        let same = |d: &&DocumentHeading| d.level == h.level && d.title == h.title.trim();
        if doc.iter().any(|d| d.line == h.line && same(&d)) {
            continue;
        }
        let elsewhere: Vec<String> = doc
            .iter()
            .filter(same)
            .map(|d| d.line.to_string())
            .collect();
        let message = if !elsewhere.is_empty() {
            format!(
                "the heading {:?} is on line {} of {}, not {}",
                h.title,
                elsewhere.join(", "),
                source.file,
                h.line
            )
        } else if let Some(d) = doc.iter().find(|d| d.line == h.line) {
            format!(
                "line {} of {} is the heading {} {:?}, not {} {:?}",
                h.line,
                source.file,
                "#".repeat(d.level.into()),
                d.title,
                "#".repeat(h.level.into()),
                h.title
            )
        } else {
            format!(
                "{} has no heading {} {:?}",
                source.file,
                "#".repeat(h.level.into()),
                h.title
            )
        };
        pending.push(Pending::new(
            Code::OutlineMismatch,
            source.site(&format!("outline[{j}]")),
            message,
        ));
    }
    let left_out: Vec<String> = doc
        .iter()
        .filter(|d| {
            !source
                .outline
                .iter()
                .any(|h| h.line == d.line && h.level == d.level && h.title.trim() == d.title)
        })
        .filter(|d| !source.outline.iter().any(|h| h.title.trim() == d.title))
        .map(|d| {
            format!(
                "line {} {} {:?}",
                d.line,
                "#".repeat(d.level.into()),
                d.title
            )
        })
        .collect();
    if !left_out.is_empty() {
        pending.push(
            Pending::new(
                Code::OutlineMismatch,
                source.site("outline"),
                format!(
                    "the outline leaves out {} heading{} of {}: {}",
                    left_out.len(),
                    plural(left_out.len()),
                    source.file,
                    left_out.join("; ")
                ),
            )
            .help(Some(
                "`kg source add FILE` prints the outline read from the document".into(),
            )),
        );
    }
}

/// A line number that re-anchoring changed: in data file `file`, the value at `path` (a
/// citation's or an outline heading's `line`, or a source's `lines`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Index of the data file.
    pub file: u32,
    /// The path of the value (`claims[3].cite.line`).
    pub path: String,
    /// What it names: a claim id, `outline of SOURCE`, `lines of SOURCE`.
    pub what: String,
    /// The old number.
    pub from: u32,
    /// The new number.
    pub to: u32,
}

/// What [`reanchor`] did: the data files it changed (index and new text), what it moved,
/// the hashes it updated, and what it could not re-anchor, as located diagnostics.
#[derive(Debug, Default)]
pub struct Reanchored {
    /// Data files with new text, by index in the files given.
    pub files: Vec<(u32, String)>,
    /// Every number moved, in file and position order.
    pub moved: Vec<Moved>,
    /// Sources whose `sha256` was updated: (source id, old, new).
    pub hashes: Vec<(String, String, String)>,
    /// Quotes and headings left alone: gone from the document, or found at two lines
    /// equally near the old one.
    pub unresolved: Vec<Diagnostic>,
}

/// The replacements re-anchoring makes, and the numbers it moved.
#[derive(Default)]
struct Edits {
    edits: Vec<(u32, (usize, usize), String)>,
    /// What moved, with the byte offset of the number (for putting them in file order).
    moved: Vec<(usize, Moved)>,
}

impl Edits {
    /// Replaces the number at `path` in data file `file`.
    fn number(
        &mut self,
        spans: &mut Spans<'_>,
        file: u32,
        path: String,
        what: String,
        from: u32,
        to: u32,
    ) {
        if let Some(span) = spans.get(file, &path) {
            self.edits.push((file, span, to.to_string()));
            self.moved.push((
                span.0,
                Moved {
                    file,
                    path,
                    what,
                    from,
                    to,
                },
            ));
        }
    }
}

/// Where a quote went: the nearest line holding it (verbatim, else normalized), or why there
/// is none.
enum Anchor {
    At(u32),
    Gone,
    Ambiguous(u32, u32),
}

/// The line among `hits` nearest to `old`; two equally near make it ambiguous.
fn nearest(hits: &[u32], old: u32) -> Anchor {
    let mut best: Option<u32> = None;
    let mut tie: Option<u32> = None;
    for &h in hits {
        let d = h.abs_diff(old);
        match best {
            None => best = Some(h),
            Some(b) if d < b.abs_diff(old) => {
                best = Some(h);
                tie = None;
            }
            Some(b) if d == b.abs_diff(old) => tie = Some(h),
            Some(_) => {}
        }
    }
    match (best, tie) {
        (None, _) => Anchor::Gone,
        (Some(b), Some(t)) => Anchor::Ambiguous(b.min(t), b.max(t)),
        (Some(b), None) => Anchor::At(b),
    }
}

/// Finds every quote of the documents found again and computes the data files' new text:
/// only the numbers change (each citation's `line`, each outline heading's `line`, a source's
/// `lines`) and the `sha256`; comments, layout and order stay as they are. A quote still on
/// its line stays; one that moved goes to the nearest line holding it verbatim, else
/// normalized; one that is gone, or at two lines equally near, is left alone and reported,
/// and then the source's `sha256` stays as it is too.
pub fn reanchor(graph: &Graph, files: &[SourceFile], found: &[FoundDocument<'_>]) -> Reanchored {
    let mut spans = Spans::new(files);
    let texts = document_texts(graph, found);
    let named = named_sources(graph);
    let quotes = written_quotes(graph, &named);
    let mut edits = Edits::default();
    let mut hashes = Vec::new();
    let mut pending = Vec::new();
    for source in &named {
        let Some((bytes, text)) = texts.get(&source.entity) else {
            continue;
        };
        let unresolved_before = pending.len();
        for w in quotes.get(&source.entity).into_iter().flatten() {
            let normalized = normalize(w.quote);
            if text.quote_on(w.quote, &normalized, w.line) {
                continue;
            }
            let site = Site {
                file: w.file,
                path: format!("{}.line", w.path(&mut spans)),
            };
            match nearest(&text.find(w.quote, &normalized), w.line) {
                Anchor::At(to) => edits.number(
                    &mut spans,
                    w.file,
                    site.path,
                    format!("`{}`", graph.claim_id(w.claim)),
                    w.line,
                    to,
                ),
                Anchor::Gone => pending.push(Pending::new(
                    Code::QuoteMismatch,
                    site,
                    format!("not re-anchored: the quote is nowhere in {}", source.file),
                )),
                Anchor::Ambiguous(a, b) => pending.push(Pending::new(
                    Code::QuoteMismatch,
                    site,
                    format!(
                        "not re-anchored: the quote is on lines {a} and {b} of {}, equally near line {}",
                        source.file, w.line
                    ),
                )),
            }
        }
        let doc = headings(text);
        for (j, h) in source.outline.iter().enumerate() {
            let same = |d: &DocumentHeading| d.level == h.level && d.title == h.title.trim();
            if doc.iter().any(|d| d.line == h.line && same(d)) {
                continue;
            }
            let hits: Vec<u32> = doc.iter().filter(|d| same(d)).map(|d| d.line).collect();
            let site = source.site(&format!("outline[{j}].line"));
            match nearest(&hits, h.line) {
                Anchor::At(to) => edits.number(
                    &mut spans,
                    site.file,
                    site.path,
                    format!("heading {:?} of `{}`", h.title, source.id),
                    h.line,
                    to,
                ),
                Anchor::Gone => pending.push(Pending::new(
                    Code::OutlineMismatch,
                    site,
                    format!("not re-anchored: {} has no heading {:?}", source.file, h.title),
                )),
                Anchor::Ambiguous(a, b) => pending.push(Pending::new(
                    Code::OutlineMismatch,
                    site,
                    format!(
                        "not re-anchored: the heading {:?} is on lines {a} and {b}, equally near line {}",
                        h.title, h.line
                    ),
                )),
            }
        }
        if let Some(old) = source.lines {
            let now = text.len() as u32;
            if now != old {
                let site = source.site("lines");
                edits.number(
                    &mut spans,
                    site.file,
                    site.path,
                    format!("line count of `{}`", source.id),
                    old,
                    now,
                );
            }
        }
        // The hash pins the text the quotes were taken from: it moves only when all of them
        // were found again.
        let all_found = pending.len() == unresolved_before;
        if let (Some(old), true) = (source.sha256, all_found) {
            let new = sha256_hex(bytes);
            if new != old {
                let site = source.site("sha256");
                if let Some(span) = spans.get(site.file, &site.path) {
                    edits.edits.push((site.file, span, format!("\"{new}\"")));
                    hashes.push((source.id.to_string(), old.to_string(), new));
                }
            }
        }
    }
    let changed = apply(files, edits.edits);
    let mut moved = edits.moved;
    moved.sort_by_key(|(offset, m)| (m.file, *offset));
    let moved = moved.into_iter().map(|(_, m)| m).collect();
    let mut unresolved = locate(files, pending);
    sort_diagnostics(files, &mut unresolved);
    Reanchored {
        files: changed,
        moved,
        hashes,
        unresolved,
    }
}

/// Splices replacements into the files' text (each edit replaces the byte span of one value).
fn apply(
    files: &[SourceFile],
    mut edits: Vec<(u32, (usize, usize), String)>,
) -> Vec<(u32, String)> {
    edits.sort_by_key(|e| (e.0, e.1));
    edits.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    let mut out = Vec::new();
    for group in edits.chunk_by(|a, b| a.0 == b.0) {
        let file = group[0].0;
        let Some(source) = files.get(file as usize) else {
            continue;
        };
        let text = &source.text;
        let mut new = String::with_capacity(text.len());
        let mut at = 0;
        for (_, (start, end), replacement) in group {
            // Spans of distinct values never overlap; one that would is left out.
            if *start < at || text.get(at..*start).is_none() || text.get(*start..*end).is_none() {
                continue;
            }
            new.push_str(&text[at..*start]);
            new.push_str(replacement);
            at = *end;
        }
        new.push_str(&text[at..]);
        out.push((file, new));
    }
    out
}

/// A new source entry, as `kg source add` prints it.
#[derive(Debug, Clone)]
pub struct NewSource<'a> {
    /// The id.
    pub id: &'a str,
    /// The name (title).
    pub name: &'a str,
    /// The kind (`report`, `note`, ...).
    pub kind: &'a str,
    /// The publication date, if given.
    pub date: Option<&'a str>,
    /// The document's file name.
    pub file: &'a str,
}

/// A RON string literal of `text`.
fn ron_string(text: &str) -> String {
    format!("{text:?}")
}

/// The RON text of a source entry for a document: its `file`, `sha256`, `lines` and the
/// outline read from its Markdown headings. Each line starts with `indent`; the entry ends
/// without a comma or a newline.
pub fn source_entry(new: &NewSource<'_>, bytes: &[u8], indent: &str) -> String {
    use std::fmt::Write as _;
    let text = DocumentText::new(bytes);
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(s, "{indent}(");
    let _ = writeln!(s, "{indent}    id: {},", ron_string(new.id));
    let _ = writeln!(s, "{indent}    name: {},", ron_string(new.name));
    let _ = writeln!(s, "{indent}    kind: {},", new.kind);
    if let Some(date) = new.date {
        let _ = writeln!(s, "{indent}    date: {},", ron_string(date));
    }
    let _ = writeln!(s, "{indent}    file: {},", ron_string(new.file));
    let _ = writeln!(s, "{indent}    sha256: \"{}\",", sha256_hex(bytes));
    let _ = writeln!(s, "{indent}    lines: {},", text.len());
    let doc = headings(&text);
    if doc.is_empty() {
        let _ = writeln!(s, "{indent}    outline: [],");
    } else {
        let _ = writeln!(s, "{indent}    outline: [");
        for h in &doc {
            let _ = writeln!(
                s,
                "{indent}        (line: {}, level: {}, title: {}),",
                h.line,
                h.level,
                ron_string(&h.title)
            );
        }
        let _ = writeln!(s, "{indent}    ],");
    }
    let _ = write!(s, "{indent})");
    s
}

/// The first `#` heading of a document, the name `kg source add` gives a source by default.
pub fn title(bytes: &[u8]) -> Option<String> {
    headings(&DocumentText::new(bytes))
        .into_iter()
        .find(|h| h.level == 1)
        .map(|h| h.title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_folds_width_and_whitespace_only() {
        for (text, expected) in [
            ("５６．１７亿美元", "56.17亿美元"),
            ("a \t  b\u{3000}c", "a b c"),
            ("ﬁne", "fine"),
            ("Case, Punct.!", "Case, Punct.!"),
            ("**粗体** | 表格 |", "**粗体** | 表格 |"),
        ] {
            assert_eq!(normalize(text), expected, "{text:?}");
        }
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn headings_are_atx_lines_outside_fences() {
        let text = DocumentText::new(
            "# Title\n\n## Part one\ntext\n```\n# not a heading\n```\n####### seven\n#no-space\n   ### Three ###\n"
                .as_bytes(),
        );
        let got: Vec<(u32, u8, String)> = headings(&text)
            .into_iter()
            .map(|h| (h.line, h.level, h.title))
            .collect();
        let expected = [(1, 1, "Title"), (3, 2, "Part one"), (10, 3, "Three")];
        let expected: Vec<(u32, u8, String)> = expected
            .iter()
            .map(|&(l, v, t)| (l, v, t.to_string()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn nearest_line_or_ambiguous_or_gone() {
        assert!(matches!(nearest(&[3, 40], 10), Anchor::At(3)));
        assert!(matches!(nearest(&[5, 15], 10), Anchor::Ambiguous(5, 15)));
        assert!(matches!(nearest(&[], 10), Anchor::Gone));
    }

    #[test]
    fn quotes_are_found_verbatim_first_then_normalized() {
        let text = DocumentText::new("alpha ５６％\nbeta 56%\n".as_bytes());
        assert_eq!(text.find("56%", "56%"), vec![2]);
        assert_eq!(text.find("alpha 56%", "alpha 56%"), vec![1]);
        assert!(text.quote_on("alpha  56%", &normalize("alpha  56%"), 1));
        let (line, score) = text.most_similar("beta 57%").expect("a line");
        assert_eq!(line, 2);
        assert!(score > 0.5 && score < 1.0, "{score}");
    }
}
