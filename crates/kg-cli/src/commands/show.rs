//! `kg show`: an entity, its relations in both directions, and every claim about it grouped
//! by property, each with value, as-of, status and sources. A claim id shows the claim.

use crate::args::{Global, ShowArgs};
use crate::json;
use crate::render::{self, paint, Style, Table};
use anyhow::Result;
use kg_core::model::Details;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::io::Write;

/// A part of `kg show --json`'s answer, serialized when it is written.
enum Piece<'a> {
    Value(Json),
    Relations(&'a [kg_core::query::Relation]),
    Claims(
        &'a kg_core::Graph,
        &'a [(kg_core::Property, Vec<&'a kg_core::Claim>)],
    ),
}

/// A relation in `kg show --json`: `{"kind", "direction", "other", "derivation"?,
/// "claim"?}`, its fields in alphabetical order, as a JSON map prints them.
#[derive(serde::Serialize)]
struct RelationJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    derivation: Option<&'static str>,
    direction: &'static str,
    kind: &'static str,
    other: &'a str,
}

fn relation_json(r: &kg_core::query::Relation) -> RelationJson<'_> {
    RelationJson {
        claim: r.claim.as_deref(),
        derivation: r.derivation.map(|d| d.name()),
        direction: r.direction.name(),
        kind: r.kind,
        other: &r.other,
    }
}

/// `kg show --json`'s answer: the entity's fields, its relations, the claims about it and
/// what is not recorded, by key.
fn document<'a>(
    graph: &'a kg_core::Graph,
    shown: &'a kg_core::query::Shown,
) -> BTreeMap<String, Piece<'a>> {
    let mut doc: BTreeMap<String, Piece> = match json::entity(shown.entity) {
        Json::Object(m) => m.into_iter().map(|(k, v)| (k, Piece::Value(v))).collect(),
        _ => BTreeMap::new(),
    };
    doc.insert("relations".into(), Piece::Relations(&shown.relations));
    doc.insert("claims".into(), Piece::Claims(graph, &shown.claims));
    if !shown.none_recorded.is_empty() {
        doc.insert(
            "none_recorded".into(),
            Piece::Value(json!(shown.none_recorded)),
        );
    }
    doc
}

/// Relations or claims serialized by one task of `kg show --json` (both cores write them: a
/// base model has 93,807 relations and 94,471 claims).
const ITEMS_A_TASK: usize = 512;

/// Writes `kg show --json`'s answer, a member at a time in key order (as a JSON map prints
/// them), the relations and claims written on every core, `chunk` a task.
fn write_json(out: &mut dyn Write, doc: &BTreeMap<String, Piece>, chunk: usize) -> Result<u8> {
    render::json_object(out, |object| {
        for (key, piece) in doc {
            match piece {
                Piece::Value(v) => object.member(key, v)?,
                Piece::Relations(relations) => {
                    object.array_on_every_core(key, relations, chunk, relation_json)?
                }
                Piece::Claims(graph, groups) => {
                    let claims: Vec<&kg_core::Claim> =
                        groups.iter().flat_map(|(_, g)| g.iter().copied()).collect();
                    object
                        .array_on_every_core(key, &claims, chunk, |c| json::claim_json(graph, c))?
                }
            }
        }
        Ok(())
    })
}

/// Runs `kg show`.
pub fn run(
    global: &Global,
    args: &ShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = {
        // The entity (or a claim's subject) with every claim about it.
        let part = kg_core::snapshot::Selection::Around(vec![args.id.as_str()]);
        crate::dataset::load(global, &part, err)?
    };
    if let Some(claim) = graph.claim(&args.id) {
        if global.json {
            return render::json(out, &json::claim(&graph, claim));
        }
        return show_claim(out, &graph, claim, color);
    }
    let shown = match kg_core::query::show(&graph, &args.id) {
        Ok(s) => s,
        Err(e) => return render::query_error(err, &e, color, global.json),
    };
    let e = shown.entity;
    if global.format != crate::args::TableFormat::Table {
        // The claims about it, a row each.
        let mut table = Table::new(&render::claim_columns(&[]));
        for (_, group) in &shown.claims {
            for c in group {
                table.row(render::claim_cells(&graph, c));
            }
        }
        table.write(out, 0, color, global.format)?;
        return Ok(crate::EXIT_OK);
    }
    if global.json {
        // The entity's fields, then its relations and claims written one at a time as they
        // are serialized: the same bytes as one JSON value of it all, without holding the
        // JSON of 94,471 claims at once.
        return write_json(out, &document(&graph, &shown), ITEMS_A_TASK);
    }
    writeln!(
        out,
        "{}  {}  {}",
        paint(&e.name, Style::Bold, color),
        paint(&e.id, Style::Id, color),
        paint(e.kind.name(), Style::Dim, color)
    )?;
    if !e.aliases.is_empty() {
        writeln!(out, "aliases: {}", e.aliases.join(", "))?;
    }
    match e.details() {
        Details::Organization { roles, country } => {
            let roles: Vec<&str> = roles.iter().map(|r| r.name()).collect();
            write!(out, "roles: {}", roles.join(", "))?;
            if let Some(c) = country {
                write!(out, "; country: {c}")?;
            }
            writeln!(out)?;
        }
        Details::Market {
            region,
            segment,
            scope,
            part_of,
        } => {
            for (k, v) in [
                ("region", region),
                ("segment", segment),
                ("scope", scope),
                ("part of", part_of),
            ] {
                if let Some(v) = v {
                    writeln!(out, "{k}: {v}")?;
                }
            }
        }
        Details::Source {
            kind, date, lines, ..
        } => {
            write!(out, "document: {}", kind.name())?;
            if let Some(d) = date {
                write!(out, ", {d}")?;
            }
            if let Some(n) = lines {
                write!(out, ", {n} lines")?;
            }
            writeln!(out)?;
        }
        Details::Plain => {}
    }
    if !shown.relations.is_empty() {
        writeln!(out, "\n{}", paint("relations", Style::Bold, color))?;
        let mut table = Table::new(&[
            ("", Style::Plain),
            ("relation", Style::Plain),
            ("other", Style::Id),
            ("name", Style::Plain),
        ]);
        for r in &shown.relations {
            let arrow = match r.direction {
                kg_core::query::Direction::Outgoing => "→",
                kg_core::query::Direction::Incoming => "←",
            };
            let kind = match r.derivation {
                Some(d) => format!("{} ({})", r.kind, d.name()),
                None => r.kind.to_string(),
            };
            let name = graph
                .entity(&r.other)
                .map(|o| o.name.clone())
                .unwrap_or_default();
            table.row(vec![arrow.into(), kind, r.other.clone(), name]);
        }
        write!(out, "{}", table.render(2, color))?;
    }
    if !shown.none_recorded.is_empty() {
        writeln!(
            out,
            "\n{} {}",
            paint("none recorded:", Style::Bold, color),
            shown.none_recorded.join(", ")
        )?;
    }
    if !shown.claims.is_empty() {
        writeln!(out, "\n{}", paint("claims", Style::Bold, color))?;
        let mut table = Table::new(&[
            ("property", Style::Plain),
            ("value", Style::Value),
            ("qualifiers", Style::Plain),
            ("status", Style::Dim),
            ("sources", Style::Dim),
        ]);
        for (property, group) in &shown.claims {
            for (i, c) in group.iter().enumerate() {
                let subject = graph.entity_id(c.subject);
                let v = if c.property.is_relation() {
                    if subject == e.id {
                        format!("→ {}", c.object.map_or("", |o| graph.entity_id(o)))
                    } else {
                        format!("← {subject}")
                    }
                } else if subject != e.id {
                    format!("{} (of {subject})", render::value(&graph, c))
                } else {
                    render::value(&graph, c)
                };
                table.row(vec![
                    if i == 0 {
                        property.name().to_string()
                    } else {
                        String::new()
                    },
                    v,
                    render::qualifiers(c),
                    c.status.name().to_string(),
                    render::sources(&graph, c),
                ]);
            }
        }
        write!(out, "{}", table.render(2, color))?;
    }
    Ok(crate::EXIT_OK)
}

/// A claim on its own: its fields, then each citation.
pub fn show_claim(
    out: &mut dyn Write,
    graph: &kg_core::Graph,
    c: &kg_core::Claim,
    color: bool,
) -> Result<u8> {
    writeln!(out, "{}", paint(&graph.claim_id(c), Style::Id, color))?;
    let mut table = Table::new(&[("", Style::Dim), ("", Style::Plain)]);
    table.row(vec![
        "subject".into(),
        graph.entity_id(c.subject).to_string(),
    ]);
    if let Some(o) = c.object {
        table.row(vec!["object".into(), graph.entity_id(o).to_string()]);
    }
    table.row(vec!["property".into(), c.property.name().into()]);
    if !c.property.is_relation() {
        table.row(vec!["value".into(), render::value(graph, c)]);
    }
    let q = render::qualifiers(c);
    if !q.is_empty() {
        table.row(vec!["qualifiers".into(), q]);
    }
    table.row(vec!["status".into(), c.status.name().into()]);
    if let Some(e) = c.editorial() {
        table.row(vec!["editorial".into(), e.to_string()]);
    }
    if let Some(n) = c.note() {
        table.row(vec!["note".into(), n.to_string()]);
    }
    table.row(vec!["sources".into(), render::sources(graph, c)]);
    // The header row is empty: skip it.
    let text = table.render(2, color);
    for line in text.lines().skip(1) {
        writeln!(out, "{line}")?;
    }
    Ok(crate::EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entity of graph-data: its `--json` answer as written on every core (a task of
    /// one, two and many items) is the bytes serde's pretty printer gives the answer built as
    /// one JSON value, its relations field by field.
    #[test]
    fn show_json_is_what_serde_prints_of_its_value() {
        let graph = crate::embedded_graph();
        let (mut claims, mut relations) = (0, 0);
        for e in &graph.entities {
            let shown = kg_core::query::show(&graph, &e.id).expect("shown");
            let mut value = json::entity(e);
            value["relations"] = shown
                .relations
                .iter()
                .map(|r| {
                    let mut j =
                        json!({"kind": r.kind, "direction": r.direction.name(), "other": r.other});
                    if let Some(d) = r.derivation {
                        j["derivation"] = json!(d.name());
                    }
                    if let Some(c) = &r.claim {
                        j["claim"] = json!(c);
                    }
                    j
                })
                .collect();
            value["claims"] = shown
                .claims
                .iter()
                .flat_map(|(_, g)| g.iter().map(|c| json::claim(&graph, c)))
                .collect();
            if !shown.none_recorded.is_empty() {
                value["none_recorded"] = json!(shown.none_recorded);
            }
            claims += shown.claims.iter().map(|(_, g)| g.len()).sum::<usize>();
            relations += shown.relations.len();
            let printed = serde_json::to_string_pretty(&value).expect("json") + "\n";
            let doc = document(&graph, &shown);
            for chunk in [1, 2, ITEMS_A_TASK] {
                let mut written = Vec::new();
                write_json(&mut written, &doc, chunk).expect("written");
                let written = String::from_utf8(written).expect("utf-8");
                assert_eq!(written, printed, "{} by {chunk}", e.id);
            }
        }
        assert!(
            claims > 600 && relations > 300,
            "{claims} claims, {relations} relations"
        );
    }
}
