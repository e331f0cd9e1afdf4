//! `kg series`: a figure of one entity over time, all sources of each date side by side,
//! disagreements marked, with the change and the CAGR between dates.

use crate::args::{Global, SeriesArgs, TableFormat};
use crate::json;
use crate::render::{self, paint, Style, Table};
use anyhow::Result;
use kg_core::query::{Change, Series};
use kg_core::Graph;
use serde_json::{json, Value as Json};
use std::io::Write;

/// Runs `kg series`.
pub fn run(
    global: &Global,
    args: &SeriesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let found = match kg_core::query::series(
        &graph,
        &args.id,
        &args.property,
        args.from.as_deref(),
        args.to.as_deref(),
    ) {
        Ok(s) => s,
        Err(e) => return render::query_error(err, &e, color, global.json),
    };
    if global.json {
        return render::json(out, &to_json(&graph, &found));
    }
    if found.tracks.is_empty() && found.undated.is_empty() {
        writeln!(
            err,
            "none recorded: no `{}` claim about `{}`",
            found.property, found.subject
        )?;
        return Ok(1);
    }
    if global.format != TableFormat::Table {
        // One table: a row per claim, with its track and date.
        let mut table = points_table(true);
        for track in &found.tracks {
            for point in &track.points {
                for c in &point.claims {
                    table.row(point_row(
                        &graph,
                        Some(&track.label),
                        &point.date.to_string(),
                        c,
                        point.conflict,
                    ));
                }
            }
        }
        table.write(out, 0, color, global.format)?;
        return Ok(crate::EXIT_OK);
    }
    for track in &found.tracks {
        writeln!(
            out,
            "{} {} ({})",
            paint(&found.subject, Style::Id, color),
            paint(found.property.name(), Style::Bold, color),
            track.label
        )?;
        let mut table = points_table(false);
        for point in &track.points {
            for c in &point.claims {
                table.row(point_row(
                    &graph,
                    None,
                    &point.date.to_string(),
                    c,
                    point.conflict,
                ));
            }
        }
        table.write(out, 2, color, TableFormat::Table)?;
        if !track.changes.is_empty() {
            writeln!(out, "  {}", paint("change", Style::Bold, color))?;
            let mut changes = Table::new(&[
                ("from", Style::Plain),
                ("to", Style::Plain),
                ("years", Style::Dim),
                ("change", Style::Value),
                ("CAGR", Style::Value),
            ]);
            for ch in &track.changes {
                changes.row(vec![
                    format!(
                        "{} {} (@{})",
                        ch.from_date,
                        ch.from.value.text,
                        line(ch.from)
                    ),
                    format!("{} {} (@{})", ch.to_date, ch.to.value.text, line(ch.to)),
                    trimmed(ch.years, 2),
                    format!("{:+.1}%", ch.change_percent),
                    ch.cagr_percent
                        .map_or_else(|| "-".into(), |x| format!("{x:.2}%")),
                ]);
            }
            changes.write(out, 4, color, TableFormat::Table)?;
        }
    }
    if !found.undated.is_empty() {
        writeln!(
            out,
            "{}",
            paint("undated (not placed in time)", Style::Bold, color)
        )?;
        let mut table = points_table(false);
        for c in &found.undated {
            table.row(point_row(&graph, None, "-", c, false));
        }
        table.write(out, 2, color, TableFormat::Table)?;
    }
    Ok(crate::EXIT_OK)
}

fn points_table(with_track: bool) -> Table {
    let mut columns = Vec::new();
    if with_track {
        columns.push(("track", Style::Plain));
    }
    columns.extend([
        ("date", Style::Plain),
        ("value", Style::Value),
        ("amount", Style::Plain),
        ("status", Style::Dim),
        ("sources", Style::Dim),
        ("conflict", Style::Warn),
        ("claim", Style::Id),
    ]);
    Table::new(&columns)
}

fn point_row(
    graph: &Graph,
    track: Option<&str>,
    date: &str,
    c: &kg_core::Claim,
    conflict: bool,
) -> Vec<String> {
    let mut row: Vec<String> = track.map(str::to_string).into_iter().collect();
    row.extend([
        date.to_string(),
        c.value.text.clone(),
        render::amount_cells(c).0,
        c.status.name().to_string(),
        render::sources(graph, c),
        if conflict {
            "disagrees".into()
        } else {
            String::new()
        },
        graph.claim_id(c),
    ]);
    row
}

fn line(c: &kg_core::Claim) -> String {
    c.citations
        .first()
        .map_or_else(|| "editorial".into(), |x| x.line.to_string())
}

/// A number rounded to `places` decimals, printed without trailing zeros (no float noise).
fn trimmed(x: f64, places: i32) -> String {
    let scale = 10f64.powi(places);
    format!("{}", (x * scale).round() / scale)
}

fn rounded(x: f64) -> Json {
    json::number((x * 100.0).round() / 100.0)
}

fn change_json(graph: &Graph, ch: &Change) -> Json {
    json!({
        "from": graph.claim_id(ch.from),
        "from_date": ch.from_date.to_string(),
        "to": graph.claim_id(ch.to),
        "to_date": ch.to_date.to_string(),
        "years": rounded(ch.years),
        "change_percent": rounded(ch.change_percent),
        "cagr_percent": ch.cagr_percent.map(rounded),
    })
}

fn to_json(graph: &Graph, s: &Series) -> Json {
    json!({
        "subject": s.subject,
        "property": s.property.name(),
        "tracks": s.tracks.iter().map(|t| json!({
            "measure": t.label,
            "points": t.points.iter().map(|p| json!({
                "date": p.date.to_string(),
                "conflict": p.conflict,
                "claims": p.claims.iter().map(|c| json::claim(graph, c)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "changes": t.changes.iter().map(|c| change_json(graph, c)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "undated": s.undated.iter().map(|c| json::claim(graph, c)).collect::<Vec<_>>(),
    })
}
