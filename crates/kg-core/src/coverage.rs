//! Coverage of a document by the graph: which of its lines carry a figure, which claims cite
//! each line, and which figure lines no claim cites, per section of the source's outline.
//!
//! The caller reads the document and the exclusions file; this module takes their text and
//! returns values (no I/O).
//!
//! # What counts as a figure line
//!
//! A line is a *figure line* when it is body text (not blank, not a Markdown heading `#...`,
//! not a horizontal rule `---`, not a table's header row nor its `|---|` separator row) and it
//! carries at least one *mark*:
//!
//! - a **number**: a run of ASCII digits (with `.` or `,` inside, as in `1,113.04`) that
//!   starts a token, i.e. is not preceded by a Latin letter within the token. `405B`, `4-bit`,
//!   `2024-2025`, `$15` and `8x7B` are numbers; `GPT-4`, `Qwen2.5-72B`, `DeepSeek-V3` and
//!   `Q4` are names, because their token starts with a letter. A number directly followed by
//!   Chinese magnitude characters takes them (`56.17亿`, `3.6万亿`), and by `%` it is a
//!   **percentage** (`31%`, `3.01%-3.06%` gives two);
//! - a **date**: digits (or a span such as `5-7`) followed by `年`, `月` or `日`, taken whole
//!   (`2023年4月10日`, `2024-2025年`); `Claude 3.5月活` is the number 3.5, not a month;
//! - a **Chinese numeral** that contains a magnitude character 十, 百, 千, 万 or 亿 (`千亿`,
//!   `超百家`, `十余个`, `数万亿`); the words 百度, 百川, 千问 (names) and 百分 (the unit of
//!   百分点) are not numerals. Numerals without a magnitude (`三强`, `一周`, `唯一`) are ordinary
//!   words and do not count;
//! - a **rank**: `第` followed by a numeral (`第一`, `第二大`, `第3`); `第三方` (third-party)
//!   is a word, not a rank;
//! - a **list number**: the `1.` of an ordered-list item. The note ranks with ordered lists
//!   (IDC, Frost & Sullivan, downloads), and nothing in the text tells a ranking from an
//!   enumeration, so a list number counts; an enumeration's numbering is then excluded with
//!   its reason.
//!
//! A figure line is *covered* when a claim cites it (a citation of the source at that line),
//! *excluded* when the exclusions list it with a reason, and *uncovered* otherwise.

use crate::graph::Graph;
use crate::model::{Details, Heading, NodeKind};
use serde::Deserialize;
use std::collections::BTreeSet;

/// A figure line deliberately left without a claim, and why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The source (document) the line belongs to.
    pub source: String,
    /// The line number (1-based).
    pub line: u32,
    /// Words of the line, checked to stand in it so that an exclusion cannot silently drift
    /// to another line when the document changes.
    #[serde(default)]
    pub quote: Option<String>,
    /// Why the line has no claim.
    pub reason: String,
}

/// The exclusions file: `(exclusions: [(source: "note", line: 533, quote: "...", reason:
/// "..."), ...])`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Exclusions {
    #[serde(default)]
    exclusions: Vec<Exclusion>,
}

/// An exclusions file that cannot be read, with where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ExclusionsError {
    /// Line of the problem (1-based).
    pub line: usize,
    /// Column of the problem (1-based).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads an exclusions file (RON) from its text.
pub fn parse_exclusions(text: &str) -> Result<Vec<Exclusion>, ExclusionsError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<Exclusions>(text)
        .map(|file| file.exclusions)
        .map_err(|e| ExclusionsError {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })
}

/// What a line of the document is, as Markdown structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or only spaces.
    Blank,
    /// A `#` heading.
    Heading,
    /// A horizontal rule (`---`, `***`, `___`).
    Rule,
    /// A table row followed by the separator row: the column names.
    TableHeader,
    /// A table's `|---|---|` row.
    TableSeparator,
    /// Anything else: body text, list items, table body rows.
    Text,
}

impl LineKind {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            LineKind::Blank => "blank",
            LineKind::Heading => "heading",
            LineKind::Rule => "rule",
            LineKind::TableHeader => "table_header",
            LineKind::TableSeparator => "table_separator",
            LineKind::Text => "text",
        }
    }
}

fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The kind of every line, in order (a header row is known by the separator after it).
pub fn line_kinds(lines: &[&str]) -> Vec<LineKind> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let t = line.trim();
            if t.is_empty() {
                LineKind::Blank
            } else if t.starts_with('#') {
                LineKind::Heading
            } else if t.len() >= 3 && ['-', '*', '_'].iter().any(|m| t.chars().all(|c| c == *m)) {
                LineKind::Rule
            } else if is_separator_row(t) {
                LineKind::TableSeparator
            } else if t.starts_with('|') && lines.get(i + 1).is_some_and(|n| is_separator_row(n)) {
                LineKind::TableHeader
            } else {
                LineKind::Text
            }
        })
        .collect()
}

/// The kinds of figure a line can carry (see the module documentation for the rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// Digits, possibly with a Chinese magnitude (`405B`, `56.17亿`).
    Number,
    /// A number with `%`.
    Percent,
    /// A number with 年, 月 or 日.
    Date,
    /// A Chinese numeral with 十, 百, 千, 万 or 亿.
    ChineseNumeral,
    /// 第 and a numeral.
    Rank,
    /// The number of an ordered-list item.
    ListNumber,
}

impl MarkKind {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Number => "number",
            MarkKind::Percent => "percent",
            MarkKind::Date => "date",
            MarkKind::ChineseNumeral => "chinese_numeral",
            MarkKind::Rank => "rank",
            MarkKind::ListNumber => "list_number",
        }
    }
}

/// One figure found in a line: its kind and its text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The kind.
    pub kind: MarkKind,
    /// The text.
    pub text: String,
}

const MAGNITUDES: &str = "十百千万亿";
const NUMERALS: &str = "〇零一二两三四五六七八九十百千万亿";
/// Words that contain a magnitude character but are not numerals.
const NOT_NUMERALS: [&str; 4] = ["百度", "百川", "千问", "百分"];

/// The figures a line of text carries, in order (see the module documentation).
pub fn marks(line: &str) -> Vec<Mark> {
    let chars: Vec<char> = line.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    // An ordered-list item's number.
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let digits_start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > digits_start && chars.get(i) == Some(&'.') && chars.get(i + 1) == Some(&' ') {
        found.push(Mark {
            kind: MarkKind::ListNumber,
            text: chars[digits_start..=i].iter().collect(),
        });
        i += 1;
    } else {
        i = 0;
    }
    let starts_with = |at: usize, word: &str| {
        word.chars()
            .enumerate()
            .all(|(k, w)| chars.get(at + k) == Some(&w))
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() {
            let start = i;
            i = token_end(&chars, i);
            if c.is_ascii_alphabetic() {
                continue; // a name: GPT-4, Qwen2.5-72B, Q4
            }
            let mut kind = MarkKind::Number;
            while i < chars.len() && MAGNITUDES.contains(chars[i]) {
                i += 1;
            }
            if matches!(chars.get(i), Some('%' | '％')) {
                i += 1;
                kind = MarkKind::Percent;
            } else if matches!(chars.get(i), Some('年' | '月' | '日'))
                && chars[start..i]
                    .iter()
                    .all(|ch| ch.is_ascii_digit() || *ch == '-')
            {
                kind = MarkKind::Date;
                i += 1;
                // 2023年4月10日: the month and day belong to the date.
                loop {
                    let mut j = i;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    if j > i && matches!(chars.get(j), Some('月' | '日')) {
                        i = j + 1;
                    } else {
                        break;
                    }
                }
            }
            found.push(Mark {
                kind,
                text: chars[start..i].iter().collect(),
            });
        } else if c == '第'
            && chars
                .get(i + 1)
                .is_some_and(|n| NUMERALS.contains(*n) || n.is_ascii_digit())
            && !starts_with(i, "第三方")
        {
            let start = i;
            i += 1;
            while i < chars.len() && (NUMERALS.contains(chars[i]) || chars[i].is_ascii_digit()) {
                i += 1;
            }
            found.push(Mark {
                kind: MarkKind::Rank,
                text: chars[start..i].iter().collect(),
            });
        } else if let Some(word) = NOT_NUMERALS.iter().find(|w| starts_with(i, w)) {
            i += word.chars().count();
        } else if NUMERALS.contains(c)
            || (matches!(c, '数' | '几') && chars.get(i + 1).is_some_and(|n| NUMERALS.contains(*n)))
        {
            let start = i;
            i += 1;
            while i < chars.len()
                && NUMERALS.contains(chars[i])
                && !NOT_NUMERALS.iter().any(|w| starts_with(i, w))
            {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            if text.chars().any(|ch| MAGNITUDES.contains(ch)) {
                found.push(Mark {
                    kind: MarkKind::ChineseNumeral,
                    text,
                });
            }
        } else {
            i += 1;
        }
    }
    found
}

/// The end of the ASCII token starting at `i`: letters and digits, with `.`, `,`, `-`, `_`
/// and `/` inside (`1,113.04`, `GPT-4`, `meta-llama/Llama-3.1-8B`), never at its end.
fn token_end(chars: &[char], mut i: usize) -> usize {
    while let Some(&c) = chars.get(i) {
        let inside = matches!(c, '.' | ',' | '-' | '_' | '/')
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
            && (c != ',' || (chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit()));
        if !(c.is_ascii_alphanumeric() || inside) {
            break;
        }
        i += 1;
    }
    i
}

/// One line of the document and what the graph says about it.
#[derive(Debug, Clone)]
pub struct LineCoverage {
    /// Line number (1-based).
    pub line: u32,
    /// The line's text.
    pub text: String,
    /// Its Markdown kind.
    pub kind: LineKind,
    /// The figures it carries (empty for headings, rules and table header rows).
    pub marks: Vec<Mark>,
    /// The claims citing it, by id, in load order.
    pub claims: Vec<String>,
    /// The reason it is excluded, if the exclusions list it.
    pub exclusion: Option<String>,
    /// Index of its section in [`Coverage::sections`] (the innermost heading above it).
    pub section: usize,
}

/// Where a line stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStatus {
    /// A figure line some claim cites.
    Covered,
    /// A figure line with no claim, excluded with a reason.
    Excluded,
    /// A figure line with neither a claim nor an exclusion.
    Uncovered,
    /// Not a figure line, yet cited (a relation or a qualitative statement).
    CitedWithoutFigure,
    /// Not a figure line and not cited.
    Plain,
}

impl LineStatus {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            LineStatus::Covered => "covered",
            LineStatus::Excluded => "excluded",
            LineStatus::Uncovered => "uncovered",
            LineStatus::CitedWithoutFigure => "cited_without_figure",
            LineStatus::Plain => "plain",
        }
    }
}

impl LineCoverage {
    /// Whether the line carries a figure.
    pub fn is_figure(&self) -> bool {
        self.kind == LineKind::Text && !self.marks.is_empty()
    }

    /// Where the line stands.
    pub fn status(&self) -> LineStatus {
        match (self.is_figure(), self.claims.is_empty(), &self.exclusion) {
            (true, false, _) => LineStatus::Covered,
            (true, true, Some(_)) => LineStatus::Excluded,
            (true, true, None) => LineStatus::Uncovered,
            (false, false, _) => LineStatus::CitedWithoutFigure,
            (false, true, _) => LineStatus::Plain,
        }
    }
}

/// A section of the outline, with its subsections' lines included.
#[derive(Debug, Clone)]
pub struct SectionCoverage {
    /// The heading's line (1 for the part before the first heading).
    pub line: u32,
    /// The heading's level (0 for the part before the first heading, or a document with no
    /// outline).
    pub level: u8,
    /// The heading's text.
    pub title: String,
    /// The headings above it and itself, joined with " > " (as citations' sections are).
    pub path: String,
    /// The last line of the section, its subsections included.
    pub end: u32,
    /// Distinct claims citing a line of the section.
    pub claims: usize,
    /// Figure lines in the section.
    pub figure_lines: usize,
    /// Of which some claim cites.
    pub covered: usize,
    /// Of which the exclusions explain.
    pub excluded: usize,
    /// The uncovered figure lines.
    pub uncovered: Vec<u32>,
}

/// Something about the document, the outline or the exclusions that makes the report
/// untrustworthy or the exclusions stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line concerned, if one is.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
}

/// The coverage of one document by the graph.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// The source's id.
    pub source: String,
    /// Distinct claims citing the source (at any line).
    pub claims: usize,
    /// Every line of the document, in order.
    pub lines: Vec<LineCoverage>,
    /// The sections, in outline order (a leading pseudo-section when the outline does not
    /// start at line 1).
    pub sections: Vec<SectionCoverage>,
    /// Problems: stale exclusions, citations past the end, an outline that does not match.
    pub problems: Vec<Problem>,
}

impl Coverage {
    /// The lines that carry a figure.
    pub fn figure_lines(&self) -> impl Iterator<Item = &LineCoverage> {
        self.lines.iter().filter(|l| l.is_figure())
    }

    /// The lines in this state.
    pub fn with_status(&self, status: LineStatus) -> impl Iterator<Item = &LineCoverage> {
        self.lines.iter().filter(move |l| l.status() == status)
    }

    /// Every figure line has a claim or an exclusion, and there is no problem.
    pub fn is_complete(&self) -> bool {
        self.with_status(LineStatus::Uncovered).next().is_none() && self.problems.is_empty()
    }
}

/// Why coverage cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoverageError {
    /// No entity has the id.
    #[error("no source `{id}`")]
    Unknown {
        /// The id asked for.
        id: String,
        /// The closest ids of sources.
        closest: Vec<String>,
    },
    /// The id names an entity that is not a source.
    #[error("`{id}` is a {kind}, not a source")]
    NotASource {
        /// The id asked for.
        id: String,
        /// Its kind's name.
        kind: &'static str,
    },
}

/// The coverage of `document` (the text of source `source`) by the claims of `graph`, with
/// `exclusions` (those of other sources are ignored).
pub fn coverage(
    graph: &Graph,
    source: &str,
    document: &str,
    exclusions: &[Exclusion],
) -> Result<Coverage, CoverageError> {
    let found = match graph.lookup(source) {
        Some(crate::NodeRef::Entity(i)) => Some(i),
        _ => None,
    };
    let (index, entity) = match found {
        Some(i) => (i, &graph.entities[i as usize]),
        None => {
            let sources = graph
                .entities
                .iter()
                .filter(|e| e.kind == NodeKind::Source)
                .map(|e| e.id.as_str());
            return Err(CoverageError::Unknown {
                id: source.to_string(),
                closest: crate::id::closest(source, sources, 3),
            });
        }
    };
    let Details::Source {
        lines: declared_lines,
        outline,
        ..
    } = entity.details()
    else {
        return Err(CoverageError::NotASource {
            id: source.to_string(),
            kind: entity.kind.name(),
        });
    };
    let texts: Vec<&str> = document.lines().collect();
    let count = u32::try_from(texts.len()).unwrap_or(u32::MAX);
    let mut problems = Vec::new();
    if let Some(n) = declared_lines {
        if *n != count {
            problems.push(Problem {
                line: None,
                message: format!(
                    "the document has {count} lines, but source `{source}` says it has {n}: is it the right document?"
                ),
            });
        }
    }

    let sections = sections_of(outline, count);
    for heading in outline {
        let text = (heading.line as usize)
            .checked_sub(1)
            .and_then(|i| texts.get(i))
            .copied();
        let matches = text.is_some_and(|t| t.trim_start_matches('#').trim() == heading.title);
        if !matches {
            problems.push(Problem {
                line: Some(heading.line),
                message: format!(
                    "the outline has the heading {:?} at line {}, but the document's line is {:?}",
                    heading.title,
                    heading.line,
                    text.unwrap_or("(past the end)")
                ),
            });
        }
    }

    let kinds = line_kinds(&texts);
    let mut lines: Vec<LineCoverage> = texts
        .iter()
        .zip(&kinds)
        .enumerate()
        .map(|(i, (text, kind))| {
            let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
            LineCoverage {
                line,
                text: (*text).to_string(),
                kind: *kind,
                marks: if *kind == LineKind::Text {
                    marks(text)
                } else {
                    Vec::new()
                },
                claims: Vec::new(),
                exclusion: None,
                section: sections
                    .partition_point(|s| s.line <= line)
                    .saturating_sub(1),
            }
        })
        .collect();

    // Claims citing each line.
    let mut citing: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); lines.len()];
    let mut claims = 0;
    for (c, claim) in graph.claims.iter().enumerate() {
        let mut cites_source = false;
        // The claim's id is derived: worked out once, and only for claims citing the source.
        let mut id: Option<String> = None;
        for citation in claim.citations.iter().filter(|x| x.source == index) {
            cites_source = true;
            let id = id.get_or_insert_with(|| graph.claim_id(claim));
            match lines.get_mut((citation.line as usize).wrapping_sub(1)) {
                Some(line) => {
                    if line.claims.last() != Some(id) {
                        line.claims.push(id.clone());
                    }
                    citing[line.line as usize - 1].insert(c);
                }
                None => problems.push(Problem {
                    line: Some(citation.line),
                    message: format!(
                        "claim `{id}` cites line {}, past the end of the document ({count} lines)",
                        citation.line
                    ),
                }),
            }
        }
        claims += usize::from(cites_source);
    }

    // Exclusions.
    for exclusion in exclusions.iter().filter(|x| x.source == source) {
        let Some(line) = lines.get_mut((exclusion.line as usize).wrapping_sub(1)) else {
            problems.push(Problem {
                line: Some(exclusion.line),
                message: format!(
                    "an exclusion names line {}, past the end of the document ({count} lines)",
                    exclusion.line
                ),
            });
            continue;
        };
        let stale = if line.exclusion.is_some() {
            Some("is excluded twice".to_string())
        } else if let Some(quote) = exclusion
            .quote
            .as_deref()
            .filter(|q| !line.text.contains(q))
        {
            Some(format!("does not contain the exclusion's quote {quote:?}"))
        } else if !line.is_figure() {
            Some("carries no figure: the exclusion is not needed".to_string())
        } else if !line.claims.is_empty() {
            Some(format!(
                "is cited by {} claim(s): the exclusion is not needed",
                line.claims.len()
            ))
        } else {
            None
        };
        match stale {
            Some(why) => problems.push(Problem {
                line: Some(exclusion.line),
                message: format!("line {} {why}", exclusion.line),
            }),
            None => line.exclusion = Some(exclusion.reason.clone()),
        }
    }

    let sections = sections
        .into_iter()
        .map(|mut s| {
            let range = (s.line as usize).saturating_sub(1)..(s.end as usize).min(lines.len());
            let in_range = &lines[range.clone()];
            let mut ids = BTreeSet::new();
            for set in &citing[range] {
                ids.extend(set.iter().copied());
            }
            s.claims = ids.len();
            for line in in_range {
                match line.status() {
                    LineStatus::Covered => s.covered += 1,
                    LineStatus::Excluded => s.excluded += 1,
                    LineStatus::Uncovered => s.uncovered.push(line.line),
                    LineStatus::CitedWithoutFigure | LineStatus::Plain => continue,
                }
                s.figure_lines += 1;
            }
            s
        })
        .collect();

    Ok(Coverage {
        source: source.to_string(),
        claims,
        lines,
        sections,
        problems,
    })
}

/// The sections of an outline over a document of `count` lines, each reaching to the line
/// before the next heading of the same or a higher level.
fn sections_of(outline: &[Heading], count: u32) -> Vec<SectionCoverage> {
    let empty = |line: u32, level: u8, title: &str, path: String| SectionCoverage {
        line,
        level,
        title: title.to_string(),
        path,
        end: count,
        claims: 0,
        figure_lines: 0,
        covered: 0,
        excluded: 0,
        uncovered: Vec::new(),
    };
    let mut sections = Vec::new();
    let first = outline.first().map_or(u32::MAX, |h| h.line);
    if first > 1 && count > 0 {
        let title = if outline.is_empty() {
            "(the whole document)"
        } else {
            "(before the first heading)"
        };
        let mut s = empty(1, 0, title, String::new());
        s.end = first.saturating_sub(1).min(count);
        sections.push(s);
    }
    let stacks = crate::model::heading_stacks(outline);
    for ((i, heading), stack) in outline.iter().enumerate().zip(stacks) {
        let path = crate::model::section_path(&stack);
        let mut s = empty(heading.line, heading.level, &heading.title, path);
        s.end = outline[i + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(count, |h| h.line.saturating_sub(1))
            .min(count)
            .max(heading.line.min(count));
        if heading.line >= 1 && heading.line <= count {
            sections.push(s);
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks of a line, as `kind:text` words.
    fn check(line: &str, expect: &[&str]) {
        let got: Vec<String> = marks(line)
            .into_iter()
            .map(|m| format!("{}:{}", m.kind.name(), m.text))
            .collect();
        assert_eq!(got, expect, "marks of {line:?}");
    }

    #[test]
    fn numbers_percentages_and_dates() {
        check(
            "- **2024年全球LLM市场规模**: 56.17亿美元（MarketGrowthReports）",
            &["date:2024年", "number:56.17亿"],
        );
        check(
            "- **Gemini全球市场份额**: 3.01%-3.06%（2024年10月-2025年10月）",
            &[
                "percent:3.01%",
                "percent:3.06%",
                "date:2024年10月",
                "date:2025年10月",
            ],
        );
        check(
            "- **2034年预测规模**: 1,113.04亿美元，CAGR 21.63%",
            &["date:2034年", "number:1,113.04亿", "percent:21.63%"],
        );
        check("- **成立时间**: 2023年4月10日", &["date:2023年4月10日"]);
        check(
            "- **Claude 3.5月活用户**: 超过3000万（Q2 2025）",
            &["number:3.5", "number:3000万", "number:2025"],
        );
        check("- **ChatGPT生态**: 501M月活用户", &["number:501M"]);
        check(
            "| Llama 4 Scout | 109B总/17B激活 | 10,000,000 | 40T | 2025年4月 | 活跃 |",
            &[
                "number:4",
                "number:109B",
                "number:17B",
                "number:10,000,000",
                "number:40T",
                "date:2025年4月",
            ],
        );
        check(
            "- **Claude Opus 4.1**: $15/百万输入tokens",
            &["number:4.1", "number:15", "chinese_numeral:百万"],
        );
        check(
            "| Gemini Nano | 1.8B, 3.25B |",
            &["number:1.8B", "number:3.25B"],
        );
    }

    #[test]
    fn names_with_digits_are_not_figures() {
        check("  - **GLM-4**: 最新一代", &[]);
        check("- CMMLU、GAOKAO、AGI-Eval评测中中文任务超过GPT-4", &[]);
        check(
            "2. **meta-llama/Llama-3.1-8B-Instruct**: 第二",
            &["list_number:2.", "rank:第二"],
        );
        check(
            "- **DeepSeek-V3**: 671B总/37B激活",
            &["number:671B", "number:37B"],
        );
    }

    #[test]
    fn chinese_numerals_and_ranks() {
        check("   - 千亿参数级", &["chinese_numeral:千亿"]);
        check("   - 接入超百家付费客户", &["chinese_numeral:百"]);
        check("   - 覆盖十余个行业场景", &["chinese_numeral:十"]);
        check(
            "- **参数规模**: 从数十亿到数万亿（Llama 4 Behemoth 2T）",
            &[
                "chinese_numeral:数十亿",
                "chinese_numeral:数万亿",
                "number:4",
                "number:2T",
            ],
        );
        check("- **欧洲**: 第二大市场", &["rank:第二"]);
        check("- **企业市场**: OpenAI、Anthropic、Google三强竞争", &[]);
        check("- 百度", &[]);
        check("#### 阿里通义千问（Qwen系列）", &[]);
        check("- 唯一专注医疗的中国大模型公司", &[]);
        check("- 第三方平台", &[]);
        check(
            "- **Big-Bench Hard**: 87.9%，超越GPT-4 3.8个百分点",
            &["percent:87.9%", "number:3.8"],
        );
    }

    #[test]
    fn list_numbers_only_at_the_start() {
        check("1. **科大讯飞**: 第一", &["list_number:1.", "rank:第一"]);
        check(
            "1. **开发者访问**: 开源模型让全球开发者无需巨额投资即可使用最先进AI",
            &["list_number:1."],
        );
        check(
            "- **Q3 2025**: 单季营收10亿美元",
            &["number:2025", "number:10亿"],
        );
    }

    #[test]
    fn structure_is_not_figures() {
        let doc = [
            "# 笔记 2025",
            "",
            "| 模型 | 参数量 |",
            "|------|--------|",
            "| PaLM | 540B |",
            "---",
        ];
        assert_eq!(
            line_kinds(&doc),
            [
                LineKind::Heading,
                LineKind::Blank,
                LineKind::TableHeader,
                LineKind::TableSeparator,
                LineKind::Text,
                LineKind::Rule
            ]
        );
    }

    #[test]
    fn exclusions_parse_and_report_their_place() {
        let parsed = parse_exclusions(
            r#"(exclusions: [(source: "note", line: 3, quote: "2025年", reason: "the date")])"#,
        );
        assert_eq!(
            parsed,
            Ok(vec![Exclusion {
                source: "note".into(),
                line: 3,
                quote: Some("2025年".into()),
                reason: "the date".into(),
            }])
        );
        let bad = parse_exclusions("(exclusions: [(source: \"note\",\n line: 3, why: \"x\")])");
        let err = bad.expect_err("`why` is not a field");
        assert_eq!(err.line, 2);
        assert!(err.message.contains("why"), "{}", err.message);
    }
}
