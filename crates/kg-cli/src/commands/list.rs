//! `kg list`: entities (or claims) of a kind, filtered with `--where`, sorted and cut.

use crate::args::{Global, ListArgs, PickArg};
use crate::json;
use crate::render::{self, Style, Table};
use anyhow::Result;
use kg_core::model::NodeKind;
use kg_core::query::{ListOptions, Pick};
use serde_json::{json, Map, Value as Json};
use std::io::Write;

/// An entity of a plain listing read from a snapshot, serialized as the listing from the
/// graph writes it; a record found damaged after its section's checksum held fails the write.
struct Listed(Result<kg_core::model::Entity, kg_core::snapshot::Corrupt>);

impl serde::Serialize for Listed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Ok(e) => match json::plain_entity(e) {
                Some(plain) => plain.serialize(serializer),
                None => json::entity(e).serialize(serializer),
            },
            Err(corrupt) => Err(serde::ser::Error::custom(corrupt)),
        }
    }
}

/// Runs `kg list`.
pub fn run(
    global: &Global,
    args: &ListArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    // A plain listing of entities (no filter, no sort) reads the entities of its kind and no
    // claim; anything else reads the whole graph.
    let plain = kg_core::query::kind_named(&args.kind).filter(|&kind| {
        kind != NodeKind::Claim
            && args.filters.is_empty()
            && args.sort.is_none()
            && args.currency.is_none()
    });
    let data = crate::dataset::open(global, err)?;
    if let (Some(kind), true) = (plain, global.json) {
        // As JSON, straight from a snapshot's entities in id order: no graph is built (a
        // million rows at 1M models).
        let limit = args.limit.unwrap_or(usize::MAX);
        let written = data.answer(err, |snapshot| {
            let entities = snapshot.entities_by_id(Some(kind))?;
            Ok(Some(render::json_array(
                out,
                entities.take(limit).map(Listed),
            )))
        })?;
        if let Some(code) = written {
            return code;
        }
    }
    let part = match plain {
        Some(kind) => kg_core::snapshot::Selection::Entities(Some(kind)),
        None => kg_core::snapshot::Selection::Full,
    };
    let graph = data.load(&part, err)?;
    let pick = match args.pick {
        PickArg::Latest => Pick::Latest,
        PickArg::Max => Pick::Max,
        PickArg::All => Pick::All,
    };
    let options = ListOptions {
        filters: &args.filters,
        sort: args.sort.as_deref(),
        pick,
        currency: args.currency.as_deref(),
        limit: args.limit,
    };
    let listed = match kg_core::query::list(&graph, &args.kind, &options) {
        Ok(l) => l,
        Err(e) => return render::query_error(err, &e, color, global.json),
    };
    if global.json {
        // Written item by item: the array of a million entities is never held whole.
        /// A row: a plain entity written as it is serialized, or a JSON value.
        #[derive(serde::Serialize)]
        #[serde(untagged)]
        enum Item<'a> {
            Plain(json::PlainEntity<'a>),
            Value(Json),
        }
        let rows = listed.rows.iter().map(|row| {
            if let (Some(e), true) = (row.entity, listed.fields.is_empty()) {
                if let Some(plain) = json::plain_entity(e) {
                    return Item::Plain(plain);
                }
            }
            let mut doc = match (row.entity, row.claim) {
                (Some(e), _) => json::entity(e),
                (None, Some(c)) => json::claim(&graph, c),
                (None, None) => json!({}),
            };
            if row.entity.is_some() && !listed.fields.is_empty() {
                let values: Map<String, Json> = listed
                    .fields
                    .iter()
                    .zip(&row.values)
                    .map(|(f, v)| (f.clone(), json!(v)))
                    .collect();
                doc["values"] = Json::Object(values);
                if let (Some(text), Some(sort)) = (&row.converted, args.sort.as_deref()) {
                    let field = sort.strip_prefix('-').unwrap_or(sort);
                    doc["converted"] = json!({ field: text });
                }
                // Which claim each value is: its id, as-of and status.
                let picked: Map<String, Json> = listed
                    .fields
                    .iter()
                    .zip(&row.claims)
                    .filter_map(|(f, c)| c.map(|c| (f, c)))
                    .map(|(f, c)| {
                        let mut m = Map::new();
                        m.insert("claim".into(), json!(graph.claim_id(c)));
                        m.insert("status".into(), json!(c.status.name()));
                        if let Some(d) = c.qualifiers.as_of {
                            m.insert("as_of".into(), json!(d.to_string()));
                        }
                        if let Some(p) = c.qualifiers.period {
                            m.insert("period".into(), json!(p.to_string()));
                        }
                        (f.clone(), Json::Object(m))
                    })
                    .collect();
                if !picked.is_empty() {
                    doc["picked"] = Json::Object(picked);
                }
            }
            Item::Value(doc)
        });
        return render::json_array(out, rows);
    }
    if listed.rows.is_empty() {
        writeln!(err, "no {} matches", listed.kind.name())?;
        return Ok(crate::EXIT_OK);
    }
    for note in &listed.notes {
        writeln!(err, "note: {note}")?;
    }
    if listed.kind == NodeKind::Claim {
        let mut table = Table::new(&[
            ("claim", Style::Id),
            ("value", Style::Value),
            ("qualifiers", Style::Plain),
            ("status", Style::Dim),
            ("sources", Style::Dim),
        ]);
        for c in listed.rows.iter().filter_map(|r| r.claim) {
            let value = if c.property.is_relation() {
                format!("→ {}", c.object.map_or("", |o| graph.entity_id(o)))
            } else {
                c.value.text.clone()
            };
            table.row(vec![
                graph.claim_id(c),
                value,
                render::qualifiers(c),
                c.status.name().into(),
                render::sources(&graph, c),
            ]);
        }
        table.write(out, 0, color, global.format)?;
    } else {
        // A property's column is followed by the status of the claim it shows, and by its
        // as-of when any row has one.
        let dated: Vec<bool> = (0..listed.fields.len())
            .map(|i| {
                listed.property_fields[i]
                    && listed
                        .rows
                        .iter()
                        .any(|r| r.claims[i].is_some_and(|c| render::when(c) != "-"))
            })
            .collect();
        // With --currency, the sort field's converted amount follows it.
        let sorted_by = args
            .sort
            .as_deref()
            .map(|s| s.strip_prefix('-').unwrap_or(s))
            .and_then(|s| listed.fields.iter().position(|f| f == s))
            .filter(|_| listed.rows.iter().any(|r| r.converted.is_some()));
        let currency = args.currency.as_deref().unwrap_or_default().to_uppercase();
        let mut headers: Vec<(String, Style)> = Vec::new();
        for (i, f) in listed.fields.iter().enumerate() {
            headers.push((f.clone(), Style::Value));
            if sorted_by == Some(i) {
                headers.push((format!("{f}.{currency}"), Style::Value));
            }
            if dated[i] {
                headers.push((format!("{f}.as_of"), Style::Dim));
            }
            if listed.property_fields[i] {
                headers.push((format!("{f}.status"), Style::Dim));
            }
        }
        let mut columns = vec![("id", Style::Id), ("name", Style::Bold)];
        columns.extend(headers.iter().map(|(h, s)| (h.as_str(), *s)));
        let mut table = Table::new(&columns);
        for row in &listed.rows {
            let Some(e) = row.entity else { continue };
            let mut cells = vec![e.id.clone(), e.name.clone()];
            for (i, (value, claim)) in row.values.iter().zip(&row.claims).enumerate() {
                cells.push(value.clone().unwrap_or_else(|| "none recorded".into()));
                if sorted_by == Some(i) {
                    cells.push(row.converted.clone().unwrap_or_default());
                }
                if dated[i] {
                    cells.push(claim.map_or_else(|| "-".into(), render::when));
                }
                if listed.property_fields[i] {
                    cells.push(claim.map_or("-", |c| c.status.name()).into());
                }
            }
            table.row(cells);
        }
        table.write(out, 0, color, global.format)?;
    }
    writeln!(err, "{} {}(s)", listed.rows.len(), listed.kind.name())?;
    Ok(crate::EXIT_OK)
}
