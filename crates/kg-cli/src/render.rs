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

/// Reports a query error on `err` (with the closest ids for an unknown one) and gives the
/// usage exit code.
pub fn query_error(
    err: &mut dyn std::io::Write,
    error: &kg_core::query::QueryError,
    color: bool,
) -> anyhow::Result<u8> {
    use kg_core::query::QueryError;
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
    }
    Ok(crate::EXIT_USAGE)
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
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(crate::EXIT_OK)
}

/// Writes a JSON array item by item, each item built only when it is written: the same
/// bytes as [`json`] of the whole array, without holding the array (a million entities'
/// JSON values took 1.4 GiB).
pub fn json_array(
    out: &mut dyn std::io::Write,
    items: impl Iterator<Item = serde_json::Value>,
) -> anyhow::Result<u8> {
    /// The items, taken by the one call to `serialize`.
    struct Lazy<I>(std::cell::Cell<Option<I>>);
    impl<I: Iterator<Item = serde_json::Value>> serde::Serialize for Lazy<I> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.take().into_iter().flatten())
        }
    }
    serde_json::to_writer_pretty(&mut *out, &Lazy(std::cell::Cell::new(Some(items))))?;
    writeln!(out)?;
    Ok(crate::EXIT_OK)
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
