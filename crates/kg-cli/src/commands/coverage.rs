//! `kg coverage`: which lines of a document carry figures, which claims cite them, and which
//! figure lines have neither a claim nor an exclusion (exit 1 when there is one, or a stale
//! exclusion, so that CI can gate on it).

use crate::args::{CoverageArgs, Global};
use anyhow::{Context, Result};
use kg_core::coverage::{self, Coverage, CoverageError, Exclusion, LineStatus};
use serde_json::{json, Value as Json};
use std::fmt::Write as _;
use std::io::Write;

/// Runs `kg coverage`.
pub fn run(
    global: &Global,
    args: &CoverageArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    if global.json && args.markdown {
        writeln!(
            err,
            "error: --json and --markdown are two different outputs: pick one"
        )?;
        return Ok(crate::EXIT_USAGE);
    }
    let exclusions: Vec<Exclusion> = match &args.exclusions {
        Some(path) => {
            let text = crate::files::read_text(path)
                .with_context(|| format!("cannot read the exclusions {}", path.display()))?;
            coverage::parse_exclusions(&text).map_err(|e| {
                anyhow::anyhow!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message)
            })?
        }
        None => Vec::new(),
    };
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let path = match &args.document {
        Some(path) => Some(path.clone()),
        None => match document_of(global, &graph, &args.source) {
            Ok(path) => path,
            Err(message) => {
                writeln!(err, "error: {message}")?;
                return Ok(crate::EXIT_USAGE);
            }
        },
    };
    // An unknown source has no document: the coverage names it, with suggestions.
    let document = match &path {
        Some(path) => crate::files::read_text(path)
            .with_context(|| format!("cannot read the document {}", path.display()))?,
        None => String::new(),
    };
    let report = match coverage::coverage(&graph, &args.source, &document, &exclusions) {
        Ok(r) => r,
        Err(CoverageError::Unknown { id, closest }) => {
            write!(err, "error: no source `{id}`")?;
            if !closest.is_empty() {
                let names: Vec<String> = closest.iter().map(|c| format!("`{c}`")).collect();
                write!(err, "; did you mean {}?", names.join(" or "))?;
            }
            writeln!(err)?;
            return Ok(crate::EXIT_USAGE);
        }
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(crate::EXIT_USAGE);
        }
    };
    let name = match graph.lookup(&args.source) {
        Some(kg_core::NodeRef::Entity(e)) => graph.entities[e as usize].name.as_str(),
        _ => args.source.as_str(),
    };
    let text = if global.json {
        let mut t = serde_json::to_string_pretty(&to_json(&report))?;
        t.push('\n');
        t
    } else if args.markdown {
        markdown(&report, name, args.exclusions.is_some())
    } else {
        human(&report, name, color)
    };
    out.write_all(text.as_bytes())?;
    Ok(if report.is_complete() {
        crate::EXIT_OK
    } else {
        crate::EXIT_INVALID
    })
}

/// Where the source's document is, found as `kg check` finds it, or why it is not.
fn document_of(
    global: &Global,
    graph: &kg_core::Graph,
    source: &str,
) -> std::result::Result<Option<std::path::PathBuf>, String> {
    let Some(entity) = graph.entity(source) else {
        return Ok(None);
    };
    let kg_core::model::Details::Source {
        file: Some(file), ..
    } = entity.details()
    else {
        return Err(format!(
            "`{source}` names no document `file`: give its text with --document PATH"
        ));
    };
    let folders = crate::documents::folders(global);
    crate::documents::locate(file, &folders).map(Some).ok_or_else(|| {
        format!(
            "{file}, the document of `{source}`, is not in {}: give --documents DIR or --document PATH",
            crate::documents::describe(&folders)
        )
    })
}

/// The counts of the summary, in one place so that every output agrees.
struct Totals {
    lines: usize,
    figure: usize,
    covered: usize,
    excluded: usize,
    uncovered: usize,
    cited_without_figure: usize,
}

fn totals(report: &Coverage) -> Totals {
    let n = |s| report.with_status(s).count();
    Totals {
        lines: report.lines.len(),
        figure: report.figure_lines().count(),
        covered: n(LineStatus::Covered),
        excluded: n(LineStatus::Excluded),
        uncovered: n(LineStatus::Uncovered),
        cited_without_figure: n(LineStatus::CitedWithoutFigure),
    }
}

fn to_json(report: &Coverage) -> Json {
    let t = totals(report);
    let sections: Vec<Json> = report
        .sections
        .iter()
        .map(|s| {
            json!({
                "line": s.line,
                "level": s.level,
                "title": s.title,
                "path": s.path,
                "end": s.end,
                "claims": s.claims,
                "figure_lines": s.figure_lines,
                "covered": s.covered,
                "excluded": s.excluded,
                "uncovered": s.uncovered,
            })
        })
        .collect();
    let lines: Vec<Json> = report
        .lines
        .iter()
        .filter(|l| l.status() != LineStatus::Plain)
        .map(|l| {
            let mut m = serde_json::Map::new();
            m.insert("line".into(), json!(l.line));
            m.insert("text".into(), json!(l.text));
            m.insert("kind".into(), json!(l.kind.name()));
            m.insert("status".into(), json!(l.status().name()));
            m.insert(
                "section".into(),
                json!(report.sections.get(l.section).map(|s| s.path.as_str())),
            );
            m.insert(
                "marks".into(),
                json!(l
                    .marks
                    .iter()
                    .map(|k| json!({"kind": k.kind.name(), "text": k.text}))
                    .collect::<Vec<_>>()),
            );
            m.insert("claims".into(), json!(l.claims));
            if let Some(reason) = &l.exclusion {
                m.insert("reason".into(), json!(reason));
            }
            Json::Object(m)
        })
        .collect();
    json!({
        "source": report.source,
        "document_lines": t.lines,
        "claims": report.claims,
        "figure_lines": t.figure,
        "covered": t.covered,
        "excluded": t.excluded,
        "uncovered": t.uncovered,
        "cited_without_figure": t.cited_without_figure,
        "sections": sections,
        "lines": lines,
        "problems": report.problems.iter().map(|p| json!({"line": p.line, "message": p.message})).collect::<Vec<_>>(),
    })
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// The human report: a summary, the sections as an indented table (numbers first, so the
/// columns align whatever the titles' widths), then the excluded and uncovered lines.
fn human(report: &Coverage, name: &str, color: bool) -> String {
    let t = totals(report);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Coverage of `{}` ({name}): {} lines, {} claims; {} figure lines: {} covered, {} excluded, {} uncovered.",
        report.source, t.lines, report.claims, t.figure, t.covered, t.excluded,
        paint(&t.uncovered.to_string(), if t.uncovered == 0 { "32" } else { "31;1" }, color),
    );
    let _ = writeln!(s);
    let header = [
        "line",
        "claims",
        "figures",
        "covered",
        "excluded",
        "uncovered",
    ];
    let rows: Vec<[String; 6]> = report
        .sections
        .iter()
        .map(|sec| {
            [
                sec.line.to_string(),
                sec.claims.to_string(),
                sec.figure_lines.to_string(),
                sec.covered.to_string(),
                sec.excluded.to_string(),
                sec.uncovered.len().to_string(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].len())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut head = String::new();
    for (h, w) in header.iter().zip(&widths) {
        let _ = write!(head, "{h:>w$}  ");
    }
    let _ = writeln!(s, "{}", paint(&format!("{head}section"), "1", color));
    for (sec, row) in report.sections.iter().zip(&rows) {
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            let padded = format!("{cell:>w$}");
            let cell = if i == 5 && !sec.uncovered.is_empty() {
                paint(&padded, "31;1", color)
            } else {
                padded
            };
            let _ = write!(s, "{cell}  ");
        }
        let indent = "  ".repeat(usize::from(sec.level.saturating_sub(1)));
        let _ = writeln!(s, "{indent}{}", sec.title);
    }
    let excluded: Vec<_> = report.with_status(LineStatus::Excluded).collect();
    let uncovered: Vec<_> = report.with_status(LineStatus::Uncovered).collect();
    let width = report.lines.len().to_string().len();
    let _ = writeln!(
        s,
        "\nFigure lines excluded, with their reasons ({}):",
        excluded.len()
    );
    if excluded.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for l in &excluded {
        let _ = writeln!(s, "  {:>width$}  {}", l.line, l.text.trim());
        let _ = writeln!(
            s,
            "  {:>width$}  {}",
            "",
            paint(l.exclusion.as_deref().unwrap_or(""), "33", color)
        );
    }
    let _ = writeln!(
        s,
        "\nFigure lines with neither a claim nor an exclusion ({}):",
        uncovered.len()
    );
    if uncovered.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for l in &uncovered {
        let marks: Vec<&str> = l.marks.iter().map(|m| m.text.as_str()).collect();
        let _ = writeln!(
            s,
            "  {}  {}",
            paint(&format!("{:>width$}", l.line), "31;1", color),
            l.text.trim()
        );
        let _ = writeln!(s, "  {:>width$}  figures: {}", "", marks.join(", "));
    }
    if !report.problems.is_empty() {
        let _ = writeln!(s, "\nProblems ({}):", report.problems.len());
        for p in &report.problems {
            let _ = writeln!(s, "  {}", paint(&p.message, "31", color));
        }
    }
    s
}

/// A table cell: pipes escaped, surrounding spaces and Markdown emphasis markers kept as
/// written.
fn cell(text: &str) -> String {
    text.trim().replace('|', "\\|")
}

/// The Markdown report (docs/data-coverage.md).
fn markdown(report: &Coverage, name: &str, with_exclusions: bool) -> String {
    let t = totals(report);
    let mut s = String::new();
    let _ = writeln!(s, "# Data coverage: `{}` ({name})\n", report.source);
    let exclusions = if with_exclusions {
        " --exclusions FILE"
    } else {
        ""
    };
    let _ = writeln!(
        s,
        "Generated by `kg coverage {} --document PATH{exclusions} --markdown`: do not edit by \
         hand, run the command again. It lists the document's lines that carry a figure, the \
         claims citing them per section, and every figure line no claim cites, with the reason \
         it was left out.\n",
        report.source
    );
    let _ = writeln!(s, "## Summary\n");
    let _ = writeln!(s, "| | |\n|---|---:|");
    for (label, n) in [
        ("lines of the document", t.lines),
        ("claims citing it", report.claims),
        ("figure lines", t.figure),
        ("covered by a claim", t.covered),
        ("excluded, with a reason", t.excluded),
        ("**uncovered**", t.uncovered),
        (
            "cited lines without a figure (relations, statements)",
            t.cited_without_figure,
        ),
    ] {
        let _ = writeln!(s, "| {label} | {n} |");
    }
    let _ = writeln!(s, "\n## What counts as a figure line\n");
    let _ = writeln!(
        s,
        "A body line (not blank, not a heading, not a rule, not a table's header or `|---|` row) \
         with at least one of: a number whose token starts with a digit (`405B`, `56.17亿`, \
         `1,113.04`; `GPT-4` and `Qwen2.5-72B` are names), a percentage, a date (`2023年4月`), a \
         Chinese numeral with 十/百/千/万/亿 (`千亿`, `超百家`; not the names 百度, 百川, 千问), a \
         rank (`第一`, `第二大`; not `第三方`), or an ordered-list number (`1.`: the note ranks with \
         ordered lists, so a list that only enumerates is excluded with that reason). The rule \
         is documented in `crates/kg-core/src/coverage.rs`.\n"
    );
    let _ = writeln!(s, "## Claims per section\n");
    let _ = writeln!(
        s,
        "Each row counts its section's lines including its subsections; a claim citing lines \
         in two sections counts in both.\n"
    );
    let _ = writeln!(
        s,
        "| line | section | claims | figure lines | covered | excluded | uncovered |"
    );
    let _ = writeln!(s, "|---:|---|---:|---:|---:|---:|---:|");
    for sec in &report.sections {
        let indent = "\u{3000}".repeat(usize::from(sec.level.saturating_sub(1)));
        let uncovered = if sec.uncovered.is_empty() {
            "0".to_string()
        } else {
            format!("**{}**", sec.uncovered.len())
        };
        let _ = writeln!(
            s,
            "| {} | {indent}{} | {} | {} | {} | {} | {uncovered} |",
            sec.line,
            cell(&sec.title),
            sec.claims,
            sec.figure_lines,
            sec.covered,
            sec.excluded,
        );
    }
    let _ = writeln!(s, "\n## Figure lines without a claim, and why\n");
    let excluded: Vec<_> = report.with_status(LineStatus::Excluded).collect();
    if excluded.is_empty() {
        let _ = writeln!(s, "None.");
    } else {
        let _ = writeln!(s, "| line | text | reason |\n|---:|---|---|");
        for l in excluded {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                l.line,
                cell(&l.text),
                cell(l.exclusion.as_deref().unwrap_or(""))
            );
        }
    }
    let _ = writeln!(s, "\n## Figure lines with neither a claim nor a reason\n");
    let uncovered: Vec<_> = report.with_status(LineStatus::Uncovered).collect();
    if uncovered.is_empty() {
        let _ = writeln!(s, "None.");
    } else {
        let _ = writeln!(s, "| line | text | figures |\n|---:|---|---|");
        for l in uncovered {
            let marks: Vec<&str> = l.marks.iter().map(|m| m.text.as_str()).collect();
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                l.line,
                cell(&l.text),
                cell(&marks.join(", "))
            );
        }
    }
    if !report.problems.is_empty() {
        let _ = writeln!(s, "\n## Problems\n");
        for p in &report.problems {
            let _ = writeln!(s, "- {}", p.message);
        }
    }
    s
}
