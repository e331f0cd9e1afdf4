//! Finds where a value stands in a RON file, by its path (`claims[3].cite.line`).
//!
//! serde does not tell where a deserialized value came from, so when validation finds a
//! problem it records the path of the offending value, and this module lexes the file (once,
//! and only for files that have a problem) to turn paths into byte spans.

use std::collections::HashMap;

/// Byte spans of every value in a RON file, by path.
#[derive(Debug, Default)]
pub struct SpanIndex {
    spans: HashMap<String, (usize, usize)>,
}

impl SpanIndex {
    /// Lexes `text`, which is expected to be valid RON (as the loader already parsed it).
    pub fn build(text: &str) -> SpanIndex {
        let tokens = lex(text);
        let mut index = SpanIndex::default();
        let mut walker = Walker {
            text,
            tokens: &tokens,
            pos: 0,
            index: &mut index,
        };
        walker.skip_attributes();
        walker.value(String::new());
        index
    }

    /// The byte span `(start, end)` of the value at exactly `path`, if the file has one.
    pub fn get(&self, path: &str) -> Option<(usize, usize)> {
        self.spans.get(path).copied()
    }

    /// The byte span `(start, end)` of the value at `path`, or of its closest enclosing value.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut path = path;
        loop {
            if let Some(span) = self.spans.get(path) {
                return Some(*span);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Open(u8),
    Close(u8),
    Colon,
    Comma,
    Ident,
    Scalar,
    Hash,
    Bang,
}

fn lex(text: &str) -> Vec<(Tok, usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // A byte-order mark is not a token; spans stay offsets into the whole text.
    let mut i = crate::diagnostic::bom_len(text);
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < bytes.len() {
                    if bytes[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if bytes[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                out.push((Tok::Open(b), i, i + 1));
                i += 1;
            }
            b')' | b']' | b'}' => {
                out.push((Tok::Close(b), i, i + 1));
                i += 1;
            }
            b':' => {
                out.push((Tok::Colon, i, i + 1));
                i += 1;
            }
            b',' => {
                out.push((Tok::Comma, i, i + 1));
                i += 1;
            }
            b'#' => {
                out.push((Tok::Hash, i, i + 1));
                i += 1;
            }
            b'!' => {
                out.push((Tok::Bang, i, i + 1));
                i += 1;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i = (i + 1).min(bytes.len());
                out.push((Tok::Scalar, start, i));
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i = (i + 1).min(bytes.len());
                out.push((Tok::Scalar, start, i));
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                let mut hashes = 0;
                i += 1;
                while bytes.get(i) == Some(&b'#') {
                    hashes += 1;
                    i += 1;
                }
                i += 1;
                let mut closing = vec![b'"'];
                closing.extend(std::iter::repeat_n(b'#', hashes));
                while i < bytes.len() && !bytes[i..].starts_with(&closing) {
                    i += 1;
                }
                i = (i + closing.len()).min(bytes.len());
                out.push((Tok::Scalar, start, i));
            }
            _ if b.is_ascii_alphabetic() || b == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push((Tok::Ident, start, i));
            }
            _ => {
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b' ' | b'\t' | b'\r' | b'\n' | b',' | b')' | b']' | b'}' | b':'
                    )
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                out.push((Tok::Scalar, start, i));
            }
        }
    }
    out
}

struct Walker<'a> {
    text: &'a str,
    tokens: &'a [(Tok, usize, usize)],
    pos: usize,
    index: &'a mut SpanIndex,
}

impl Walker<'_> {
    fn peek(&self) -> Option<Tok> {
        self.tokens.get(self.pos).map(|t| t.0)
    }

    fn skip_attributes(&mut self) {
        while self.peek() == Some(Tok::Hash) {
            // `#![enable(...)]`: skip to the matching `]`.
            let mut depth = 0;
            while let Some(tok) = self.peek() {
                self.pos += 1;
                match tok {
                    Tok::Open(_) => depth += 1,
                    Tok::Close(_) => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Walks one value, recording its span under `path`, and returns.
    fn value(&mut self, path: String) {
        let Some(&(tok, start, end)) = self.tokens.get(self.pos) else {
            return;
        };
        match tok {
            Tok::Ident => {
                self.pos += 1;
                if let Some(Tok::Open(b'(')) = self.peek() {
                    // `Some(x)` is transparent; `Name(...)` is a named struct or tuple.
                    if &self.text[start..end] == "Some" {
                        self.pos += 1;
                        self.value(path.clone());
                        self.close_to();
                        let end = self.prev_end();
                        self.index.spans.entry(path).or_insert((start, end));
                    } else {
                        self.container(path, start);
                    }
                } else {
                    self.index.spans.insert(path, (start, end));
                }
            }
            Tok::Open(_) => self.container(path, start),
            _ => {
                self.pos += 1;
                self.index.spans.insert(path, (start, end));
            }
        }
    }

    fn prev_end(&self) -> usize {
        self.tokens
            .get(self.pos.saturating_sub(1))
            .map(|t| t.2)
            .unwrap_or(0)
    }

    /// Skips to and past the closing bracket of the current container.
    fn close_to(&mut self) {
        while let Some(tok) = self.peek() {
            self.pos += 1;
            if let Tok::Close(_) = tok {
                return;
            }
            if let Tok::Open(_) = tok {
                self.pos -= 1;
                self.value(String::from("\u{0}"));
            }
        }
    }

    fn container(&mut self, path: String, start: usize) {
        let Some(Tok::Open(open)) = self.peek() else {
            return;
        };
        self.pos += 1;
        let mut element = 0;
        loop {
            match self.peek() {
                None => break,
                Some(Tok::Close(_)) => {
                    self.pos += 1;
                    break;
                }
                Some(Tok::Comma) => self.pos += 1,
                Some(Tok::Ident)
                    if open == b'('
                        && self.tokens.get(self.pos + 1).map(|t| t.0) == Some(Tok::Colon) =>
                {
                    let (_, s, e) = self.tokens[self.pos];
                    let name = self.text[s..e].to_string();
                    self.pos += 2;
                    let child = if path.is_empty() {
                        name
                    } else {
                        format!("{path}.{name}")
                    };
                    self.value(child);
                }
                Some(_) if open == b'{' => {
                    // Map: key, colon, value; values are recorded by element number.
                    self.value(String::from("\u{0}"));
                    if self.peek() == Some(Tok::Colon) {
                        self.pos += 1;
                    }
                    self.value(format!("{path}[{element}]"));
                    element += 1;
                }
                Some(_) => {
                    self.value(format!("{path}[{element}]"));
                    element += 1;
                }
            }
        }
        let end = self.prev_end();
        self.index.spans.insert(path, (start, end));
    }
}
