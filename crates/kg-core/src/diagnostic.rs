//! Diagnostics: every problem the loader and validator find, each with a code, a severity,
//! a message and the place in the data file (file, line, column, byte span).

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The data is wrong: `kg check` exits 1.
    Error,
    /// Worth a look: a conflict, an editorial claim, dates out of order. `--strict` makes it an
    /// error.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $severity:ident; )*) => {
        /// What kind of problem a diagnostic reports. docs/data-format.md lists every code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name shown to users and in JSON.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The code with this kebab-case name.
            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.name() == name)
            }

            /// Whether the code means a whole file could not be read (a RON or shape error):
            /// the root cause of the errors its missing entities cause elsewhere, so it is
            /// reported before them.
            pub fn fails_file(self) -> bool {
                matches!(
                    self,
                    Code::Syntax
                        | Code::UnknownField
                        | Code::MissingField
                        | Code::UnknownVariant
                        | Code::UnknownProperty
                )
            }

            /// The severity the code has unless `--strict` raises it.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

codes! {
    /// The file is not valid RON.
    Syntax = "syntax", Error;
    /// A field the format does not have.
    UnknownField = "unknown-field", Error;
    /// A required field is missing.
    MissingField = "missing-field", Error;
    /// An enum value (role, status, kind) the format does not have.
    UnknownVariant = "unknown-variant", Error;
    /// A property outside the closed vocabulary.
    UnknownProperty = "unknown-property", Error;
    /// Two entities, or two claims, with the same id.
    DuplicateId = "duplicate-id", Error;
    /// A reference to an id that does not exist.
    DanglingReference = "dangling-reference", Error;
    /// A reference to an entity of the wrong kind (a model as a developer).
    WrongKind = "wrong-kind", Error;
    /// A citation to a source that does not exist.
    UnknownSource = "unknown-source", Error;
    /// A cycle in derivation, succession, membership or part-of.
    Cycle = "cycle", Error;
    /// A claim, or an entry with relations, that cites nothing and is not editorial.
    MissingCitation = "missing-citation", Error;
    /// A citation past the end of its document, or an empty quote.
    BadCitation = "bad-citation", Error;
    /// A unit word the value syntax does not know.
    UnknownUnit = "unknown-unit", Error;
    /// A value of the wrong kind for its property (a date where a quantity belongs).
    ValueMismatch = "value-mismatch", Error;
    /// A value, date or id that cannot be read.
    BadValue = "bad-value", Error;
    /// A claim shape the property does not allow (a relation without an object).
    BadClaim = "bad-claim", Error;
    /// A claim no source states, added by an editor.
    EditorialClaim = "editorial-claim", Warning;
    /// Claims about the same subject, property and qualifiers whose values disagree.
    Conflict = "conflict", Warning;
    /// A successor or derivative released before what it comes from.
    DateOrder = "date-order", Warning;
    /// A CAGR that no pair of the subject's figures at its years bears out.
    CagrMismatch = "cagr-mismatch", Warning;
    /// A growth rate that the figures at both ends of it do not bear out.
    GrowthMismatch = "growth-mismatch", Warning;
    /// A part's stated share of a whole against the two sizes.
    ShareMismatch = "share-mismatch", Warning;
    /// Shares of one whole that add up to more than 100 %.
    SharesExceed100 = "shares-exceed-100", Warning;
    /// A complete mix short of 100 %.
    MixNot100 = "mix-not-100", Warning;
    /// More active than total parameters.
    ActiveExceedsTotal = "active-exceeds-total", Warning;
    /// A mixture of experts named `NxM` with more parameters than N experts of M.
    MoeSizeMismatch = "moe-size-mismatch", Warning;
    /// "Doubled", "N times" against the two figures it relates.
    MultipleMismatch = "multiple-mismatch", Warning;
    /// A reported figure dated after the document that reports it.
    AsOfAfterDocument = "as-of-after-document", Warning;
    /// A figure called "latest" next to one that is later.
    LatestNotLatest = "latest-not-latest", Warning;
    /// A market larger than a market it is part of, at the same date.
    PartExceedsWhole = "part-exceeds-whole", Warning;
    /// A market above its whole's own trajectory at a date the whole has no figure for.
    PartExceedsWholeTrend = "part-exceeds-whole-trend", Warning;
    /// Two subjects at the same rank of the same list.
    RankTakenTwice = "rank-taken-twice", Warning;
    /// Users of a product above the users of the company that makes it.
    SubsetExceedsSuperset = "subset-exceeds-superset", Warning;
    /// A quote that does not stand on its cited line of the document.
    QuoteMismatch = "quote-mismatch", Error;
    /// A document whose bytes no longer match the source's `sha256`.
    DocumentChanged = "document-changed", Warning;
    /// A source's document not found in the documents folders (under `--require-documents`;
    /// otherwise a note).
    DocumentNotFound = "document-not-found", Error;
    /// A source's outline that differs from its document's Markdown headings.
    OutlineMismatch = "outline-mismatch", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A place in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's path, as given to the loader.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Byte offset of the start.
    pub offset: usize,
    /// Length in bytes of the offending text (0 when unknown).
    pub len: usize,
}

/// A secondary place a diagnostic points at (the other half of a duplicate, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub location: Location,
    /// What is there.
    pub message: String,
}

/// One problem found in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem.
    pub code: Code,
    /// How serious.
    pub severity: Severity,
    /// What is wrong, and what was expected.
    pub message: String,
    /// Where, when the problem has a place.
    pub location: Option<Location>,
    /// Other places involved.
    pub related: Vec<Related>,
    /// A suggestion ("did you mean `llama-3.1`?").
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.severity.name(), self.code)?;
        if let Some(loc) = &self.location {
            write!(f, " {}:{}:{}", loc.file, loc.line, loc.column)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Line and 1-based character column of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..offset].chars().count() as u32 + 1;
    (line, column)
}

/// Byte offset of a 1-based line and character column in `text` (clamped to the text).
pub fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let skip = column.max(1) as usize - 1;
    start
        + line_text[..line_end]
            .char_indices()
            .nth(skip)
            .map(|(i, _)| i)
            .unwrap_or(line_end)
}
