//! Human output helpers: aligned tables (column widths by display width, so Chinese text
//! lines up), indented trees, and colour that is only ever emitted when `color` is true.

use unicode_width::UnicodeWidthStr;

/// A text style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// No styling.
    Plain,
    /// Headings and the thing asked about.
    Bold,
    /// Secondary detail: sections, kinds, counts.
    Dim,
    /// Ids.
    Id,
    /// Figures.
    Value,
    /// Something to notice: a conflict, a forecast.
    Warn,
    /// Agreement.
    Good,
}

impl Style {
    fn code(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::Bold => Some("1"),
            Style::Dim => Some("2"),
            Style::Id => Some("36"),
            Style::Value => Some("1;32"),
            Style::Warn => Some("33"),
            Style::Good => Some("32"),
        }
    }
}

/// `text` in `style` when `color` is true, else `text` unchanged.
pub fn paint(text: &str, style: Style, color: bool) -> String {
    match (color, style.code()) {
        (true, Some(code)) if !text.is_empty() => format!("\x1b[{code}m{text}\x1b[0m"),
        _ => text.to_string(),
    }
}

/// The display width of text (a Chinese character is two columns).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// A table of left-aligned columns separated by two spaces, with a header row.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    styles: Vec<Style>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers, each column printed in its style.
    pub fn new(columns: &[(&str, Style)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            styles: columns.iter().map(|(_, s)| *s).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty; extra ones are ignored).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Writes it as aligned text (indented by `indent`), CSV or TSV, as `format` says. CSV
    /// and TSV are written by the csv crate, which quotes a cell where it must.
    pub fn write(
        &self,
        out: &mut dyn std::io::Write,
        indent: usize,
        color: bool,
        format: crate::args::TableFormat,
    ) -> anyhow::Result<()> {
        use crate::args::TableFormat;
        let delimiter = match format {
            TableFormat::Table => {
                write!(out, "{}", self.render(indent, color))?;
                return Ok(());
            }
            TableFormat::Csv => b',',
            TableFormat::Tsv => b'\t',
        };
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(out);
        writer.write_record(&self.headers)?;
        let n = self.headers.len();
        for row in &self.rows {
            // Padding is for aligned text only.
            let mut cells: Vec<&str> = row.iter().take(n).map(|c| c.trim()).collect();
            cells.resize(n, "");
            writer.write_record(cells)?;
        }
        writer.flush()?;
        Ok(())
    }

    /// Renders it, each line indented by `indent` spaces; trailing spaces are trimmed.
    pub fn render(&self, indent: usize, color: bool) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let mut out = String::new();
        let line = |cells: &[String], styles: Option<&[Style]>, out: &mut String| {
            let mut text = " ".repeat(indent);
            for i in 0..n {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                let style = styles.map(|s| s[i]).unwrap_or(Style::Bold);
                text.push_str(&paint(cell, style, color));
                if i + 1 < n {
                    text.push_str(&" ".repeat(widths[i] - width(cell) + 2));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&self.headers, None, &mut out);
        for row in &self.rows {
            line(row, Some(&self.styles), &mut out);
        }
        out
    }
}

/// Tree prefixes (`├─ `, `└─ `, `│  `) for items given in tree order with their depths
/// (1 = a child of the root).
pub fn tree_prefixes(depths: &[usize]) -> Vec<String> {
    // Walk backwards, remembering for each level whether a later sibling is still open.
    let mut open: Vec<bool> = Vec::new();
    let mut prefixes = vec![String::new(); depths.len()];
    for (i, &depth) in depths.iter().enumerate().rev() {
        if open.len() <= depth {
            open.resize(depth + 1, false);
        }
        let mut prefix = String::new();
        for (level, &more) in open.iter().enumerate().take(depth + 1).skip(1) {
            if level == depth {
                prefix.push_str(if more { "├─ " } else { "└─ " });
            } else {
                prefix.push_str(if more { "│  " } else { "   " });
            }
        }
        prefixes[i] = prefix;
        open[depth] = true;
        for deeper in open.iter_mut().skip(depth + 1) {
            *deeper = false;
        }
    }
    prefixes
}

/// Reports a query error on `err` (with the closest ids for an unknown one, a caret under
/// the mistake of a filter) and gives the usage exit code. Under `--json` the error is
/// `{"error": {"code", "message", ...}}`.
pub fn query_error(
    err: &mut dyn std::io::Write,
    error: &kg_core::query::QueryError,
    color: bool,
    json: bool,
) -> anyhow::Result<u8> {
    use kg_core::query::QueryError;
    if json {
        let body = match error {
            QueryError::Unknown {
                what,
                id,
                suggestions,
            } => serde_json::json!({
                "code": "unknown-id",
                "message": format!("no {what} with id `{id}`"),
                "id": id,
                "suggestions": suggestions,
            }),
            QueryError::BadArgument(message) => serde_json::json!({
                "code": "bad-argument",
                "message": message,
            }),
            QueryError::Filter(f) => serde_json::json!({
                "code": "bad-filter",
                "message": f.message,
                "expr": f.expr,
                "column": f.span.start + 1,
                "width": f.span.len,
                "help": f.help,
            }),
        };
        return json_error(err, body);
    }
    match error {
        QueryError::Unknown {
            what,
            id,
            suggestions,
        } => {
            writeln!(
                err,
                "{}: no {what} with id `{id}`",
                paint("error", Style::Warn, color)
            )?;
            if !suggestions.is_empty() {
                writeln!(err, "  did you mean: {}", suggestions.join(", "))?;
            }
            writeln!(err, "  (`kg search TEXT` finds ids by name or alias)")?;
        }
        QueryError::BadArgument(message) => {
            writeln!(err, "{}: {message}", paint("error", Style::Warn, color))?;
        }
        QueryError::Filter(f) => {
            writeln!(err, "{}: {}", paint("error", Style::Warn, color), f.message)?;
            let before: String = f.expr.chars().take(f.span.start).collect();
            let under: String = f.expr.chars().skip(f.span.start).take(f.span.len).collect();
            writeln!(err, "  --where {}", f.expr)?;
            writeln!(
                err,
                "          {}{}",
                " ".repeat(width(&before)),
                paint(&"^".repeat(width(&under).max(1)), Style::Warn, color)
            )?;
            if let Some(h) = &f.help {
                writeln!(err, "  help: {h}")?;
            }
        }
    }
    Ok(crate::EXIT_USAGE)
}

/// Writes `{"error": body}` on `err` (stderr), one line, and gives the usage exit code.
pub fn json_error(err: &mut dyn std::io::Write, body: serde_json::Value) -> anyhow::Result<u8> {
    writeln!(err, "{}", serde_json::json!({ "error": body }))?;
    Ok(crate::EXIT_USAGE)
}

/// The columns of a claim in a flat table (CSV, TSV), after `first` columns of the caller's.
pub fn claim_columns<'a>(first: &[&'a str]) -> Vec<(&'a str, Style)> {
    let mut columns: Vec<(&str, Style)> = first.iter().map(|c| (*c, Style::Plain)).collect();
    columns.extend([
        ("claim", Style::Id),
        ("subject", Style::Id),
        ("property", Style::Plain),
        ("value", Style::Value),
        ("amount", Style::Plain),
        ("unit", Style::Plain),
        ("qualifiers", Style::Plain),
        ("status", Style::Dim),
        ("sources", Style::Dim),
    ]);
    columns
}

/// Groups of claims as one flat table (CSV, TSV): each group's own cells (`first`), then a
/// row per claim of it.
pub fn claim_groups<'a>(
    out: &mut dyn std::io::Write,
    graph: &kg_core::Graph,
    first: &[&str],
    groups: impl Iterator<Item = (Vec<String>, &'a [u32])>,
    format: crate::args::TableFormat,
) -> anyhow::Result<()> {
    let mut table = Table::new(&claim_columns(first));
    for (cells, claims) in groups {
        for &c in claims {
            let mut row = cells.clone();
            row.extend(claim_cells(graph, &graph.claims[c as usize]));
            table.row(row);
        }
    }
    table.write(out, 0, false, format)
}

/// A claim's normalized amount in full (`13520000000`, a range `min-max`) and its unit, or
/// empty cells: Rust's shortest form of the stored f64, which gives back the decimal the text
/// wrote (value.rs's `Decimal`), never a float with noise.
pub fn amount_cells(c: &kg_core::Claim) -> (String, String) {
    use kg_core::value::Shape;
    match &c.value.shape {
        Shape::Quantity { amount, unit, .. } => (format!("{amount}"), unit.name().to_string()),
        Shape::Range { min, max, unit } => (format!("{min}-{max}"), unit.name().to_string()),
        _ => (String::new(), String::new()),
    }
}

/// A claim's cells for [`claim_columns`].
pub fn claim_cells(graph: &kg_core::Graph, c: &kg_core::Claim) -> Vec<String> {
    let (amount, unit) = amount_cells(c);
    let value = if c.property.is_relation() {
        c.object.map_or("", |o| graph.entity_id(o)).to_string()
    } else {
        c.value.text.clone()
    };
    vec![
        graph.claim_id(c),
        graph.entity_id(c.subject).to_string(),
        c.property.name().to_string(),
        value,
        amount,
        unit,
        qualifiers(c),
        c.status.name().to_string(),
        sources(graph, c),
    ]
}

/// When a claim holds: its as-of date or period, or `-`.
pub fn when(claim: &kg_core::Claim) -> String {
    let q = &claim.qualifiers;
    q.as_of
        .map(|d| d.to_string())
        .or(q.period.map(|p| p.to_string()))
        .unwrap_or_else(|| "-".into())
}

/// A claim's qualifiers in a few words: `as of 2024`, `2025/2034`, region, segment, scope.
pub fn qualifiers(claim: &kg_core::Claim) -> String {
    let q = claim.qualifiers.to_string();
    match (claim.derivation, q.is_empty()) {
        (Some(d), true) => d.name().to_string(),
        (Some(d), false) => format!("{q}, {}", d.name()),
        (None, _) => q,
    }
}

/// A claim's value in words: the original text, then the normalized amount and unit when
/// they say more (`56.17亿美元 = 5.617e9 USD`).
pub fn value(graph: &kg_core::Graph, claim: &kg_core::Claim) -> String {
    use kg_core::value::Shape;
    match &claim.value.shape {
        Shape::None => claim
            .object
            .map(|o| graph.entity_id(o).to_string())
            .unwrap_or_default(),
        Shape::Quantity { amount, unit, .. } => {
            format!("{} ({} {})", claim.value.text, amount_text(*amount), unit)
        }
        Shape::Range { min, max, unit } => format!(
            "{} ({} to {} {})",
            claim.value.text,
            amount_text(*min),
            amount_text(*max),
            unit
        ),
        _ => claim.value.text.clone(),
    }
}

/// A normalized amount, short: in full below 1e6, with an exponent from there (5.617e9).
pub fn amount_text(x: f64) -> String {
    if x.abs() >= 1e6 {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A claim's sources in short: `note:6 → marketgrowthreports`, one per citation, or
/// `editorial`.
pub fn sources(graph: &kg_core::Graph, claim: &kg_core::Claim) -> String {
    if claim.citations.is_empty() {
        return "editorial".into();
    }
    claim
        .citations
        .iter()
        .map(|c| {
            let mut s = format!("{}:{}", graph.entity_id(c.source), c.line);
            if !c.attributed_to.is_empty() {
                s.push_str(" → ");
                s.push_str(&graph.attributed_to(c).collect::<Vec<_>>().join(", "));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes JSON, pretty, with a final newline.
pub fn json(out: &mut dyn std::io::Write, value: &serde_json::Value) -> anyhow::Result<u8> {
    json_of(out, value)
}

/// Serializes `value`, pretty, with a final newline, through a buffer of a concrete type:
/// serde_json writes a token at a time, and each write straight to `out` would be a call
/// through `dyn Write` (5 % of `kg --json list model` at a million rows).
fn write_pretty<T: serde::Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    value: &T,
) -> anyhow::Result<u8> {
    use std::io::Write as _;
    let mut buffer = std::io::BufWriter::with_capacity(1 << 16, out);
    // serde_json wraps I/O errors in its own type: turn them back into `io::Error`, so that
    // a reader that stops early (`kg --json list model | head`) is seen as such.
    serde_json::to_writer_pretty(&mut buffer, value).map_err(std::io::Error::from)?;
    writeln!(buffer)?;
    buffer.flush()?;
    Ok(crate::EXIT_OK)
}

/// Writes any serializable answer as [`json`] writes a value: a struct whose fields are in
/// alphabetical order and skip what is absent gives the same bytes as the `serde_json::Value`
/// of it (whose maps sort their keys), without building that value first.
pub fn json_of<T: serde::Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    value: &T,
) -> anyhow::Result<u8> {
    write_pretty(out, value)
}

/// Writes a JSON object whose members are written by `members`, pretty, with a final
/// newline: the same bytes as serde_json's pretty printer gives the object, member by member
/// ([`PrettyObject`]), so that one member can be written by other means than serde (a large
/// array on both cores: [`PrettyObject::array_on_every_core`]).
pub fn json_object(
    out: &mut dyn std::io::Write,
    members: impl FnOnce(&mut PrettyObject) -> anyhow::Result<()>,
) -> anyhow::Result<u8> {
    use std::io::Write as _;
    let mut object = PrettyObject {
        buffer: std::io::BufWriter::with_capacity(1 << 16, out),
        members: 0,
    };
    members(&mut object)?;
    let buffer = &mut object.buffer;
    buffer.write_all(if object.members == 0 {
        b"{}\n"
    } else {
        b"\n}\n"
    })?;
    buffer.flush()?;
    Ok(crate::EXIT_OK)
}

/// A JSON object being written (see [`json_object`]): members at depth 1, as serde_json's
/// pretty printer indents them (two spaces a level).
pub struct PrettyObject<'o> {
    buffer: std::io::BufWriter<&'o mut dyn std::io::Write>,
    members: usize,
}

impl PrettyObject<'_> {
    /// Starts a member: the separator, the indent and the key.
    fn key(&mut self, key: &str) -> anyhow::Result<()> {
        use std::io::Write as _;
        let separator: &[u8] = if self.members == 0 {
            b"{\n  "
        } else {
            b",\n  "
        };
        self.buffer.write_all(separator)?;
        serde_json::to_writer(&mut self.buffer, key).map_err(std::io::Error::from)?;
        self.buffer.write_all(b": ")?;
        self.members += 1;
        Ok(())
    }

    /// A member whose value serde writes.
    pub fn member<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> anyhow::Result<()> {
        use std::io::Write as _;
        self.key(key)?;
        let text = serde_json::to_vec_pretty(value)?;
        let mut member = Vec::with_capacity(text.len());
        indent_into(&mut member, &text, 1);
        self.buffer.write_all(&member)?;
        Ok(())
    }

    /// A member whose value is an array of `items`, each written as `json` gives it, in
    /// order: serialized on every core, `chunk` items a task, a window of tasks at a time
    /// (`kg show` of a base model writes 94,471 claims, 75 MB: a third of its time on one
    /// core).
    pub fn array_on_every_core<'i, T: Sync, J: serde::Serialize>(
        &mut self,
        key: &str,
        items: &'i [T],
        chunk: usize,
        json: impl Fn(&'i T) -> J + Sync,
    ) -> anyhow::Result<()> {
        use rayon::prelude::*;
        use std::io::Write as _;
        self.key(key)?;
        if items.is_empty() {
            self.buffer.write_all(b"[]")?;
            return Ok(());
        }
        self.buffer.write_all(b"[")?;
        let chunks: Vec<&'i [T]> = items.chunks(chunk.max(1)).collect();
        // Each task's text, kept from window to window: fresh pages for every window's text
        // cost more than the serializing.
        let mut texts: Vec<Vec<u8>> = vec![Vec::new(); WINDOW];
        for (w, window) in chunks.chunks(WINDOW).enumerate() {
            let serialize = |(c, (text, chunk)): (usize, (&mut Vec<u8>, &&'i [T]))| {
                text.clear();
                let mut item_text = Vec::new();
                for (i, item) in chunk.iter().enumerate() {
                    let first = w == 0 && c == 0 && i == 0;
                    text.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                    item_text.clear();
                    serde_json::to_writer_pretty(&mut item_text, &json(item))?;
                    indent_into(text, &item_text, 2);
                }
                anyhow::Ok(())
            };
            // One task (every answer on graph-data) is written here, without waking the pool.
            if window.len() == 1 {
                texts
                    .iter_mut()
                    .zip(window)
                    .enumerate()
                    .try_for_each(serialize)?;
            } else {
                texts
                    .par_iter_mut()
                    .zip(window.par_iter())
                    .enumerate()
                    .try_for_each(serialize)?;
            }
            for text in &texts[..window.len()] {
                self.buffer.write_all(text)?;
            }
        }
        self.buffer.write_all(b"\n  ]")?;
        Ok(())
    }
}

/// Tasks of [`PrettyObject::array_on_every_core`] serialized before their text is written.
const WINDOW: usize = 16;

/// Appends pretty JSON written at depth 0 to `out`, indented to `depth`: every line after
/// the first two spaces further per level. A newline in pretty JSON is always serde's own
/// (a string's is escaped).
fn indent_into(out: &mut Vec<u8>, text: &[u8], depth: usize) {
    let mut rest = text;
    while let Some(at) = memchr::memchr(b'\n', rest) {
        out.extend_from_slice(&rest[..=at]);
        for _ in 0..depth {
            out.extend_from_slice(b"  ");
        }
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
}

/// Writes a JSON array item by item, each item built only when it is written: the same
/// bytes as [`json`] of the whole array, without holding the array (a million entities'
/// JSON values took 1.4 GiB).
pub fn json_array<T: serde::Serialize>(
    out: &mut dyn std::io::Write,
    items: impl Iterator<Item = T>,
) -> anyhow::Result<u8> {
    /// The items, taken by the one call to `serialize`.
    struct Lazy<I>(std::cell::Cell<Option<I>>);
    impl<T: serde::Serialize, I: Iterator<Item = T>> serde::Serialize for Lazy<I> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.take().into_iter().flatten())
        }
    }
    write_pretty(out, &Lazy(std::cell::Cell::new(Some(items))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_array_item_by_item_is_the_whole_arrays_bytes() {
        let items = [
            vec![],
            vec![serde_json::json!({"id": "a", "aliases": []})],
            vec![
                serde_json::json!({"id": "a", "values": {"x": 1}}),
                serde_json::json!([]),
                serde_json::json!("百川"),
            ],
        ];
        for items in items {
            let (mut whole, mut streamed) = (Vec::new(), Vec::new());
            json(&mut whole, &serde_json::Value::Array(items.clone())).expect("writes");
            json_array(&mut streamed, items.into_iter()).expect("writes");
            assert_eq!(String::from_utf8(streamed), String::from_utf8(whole));
        }
    }

    #[test]
    fn aligns_by_display_width() {
        let mut t = Table::new(&[
            ("id", Style::Id),
            ("name", Style::Plain),
            ("n", Style::Plain),
        ]);
        t.row(vec!["baichuan".into(), "百川智能".into(), "1".into()]);
        t.row(vec!["x".into(), "ab".into(), "2".into()]);
        assert_eq!(
            t.render(0, false),
            "id        name      n\nbaichuan  百川智能  1\nx         ab        2\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        assert_eq!(paint("x", Style::Id, false), "x");
        assert_eq!(paint("x", Style::Id, true), "\x1b[36mx\x1b[0m");
    }

    #[test]
    fn draws_trees() {
        assert_eq!(
            tree_prefixes(&[1, 2, 2, 1, 2]),
            vec!["├─ ", "│  ├─ ", "│  └─ ", "└─ ", "   └─ "]
        );
    }
}
