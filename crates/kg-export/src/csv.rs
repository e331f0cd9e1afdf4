//! Tidy CSV tables of the graph, for pandas, DuckDB and Spark: `entities`, `claims`,
//! `citations` and `edges`, one row per thing, a header row, UTF-8, RFC 4180 (CRLF line
//! ends, fields quoted only when they need it).
//!
//! Lists in one cell (an entity's aliases and roles, a citation's primary sources) are
//! joined with `|`. Amounts are plain decimals ([`crate::decimal`]). `edges` holds every edge
//! of the graph (the relations between entities, and each claim's `about`, `cites` and
//! `attributed_to`), so its counts per kind are `kg stats`' and, with `entities` and
//! `claims` as vertices (`id`), it is a GraphFrames graph as it stands (`src`, `dst`).

use crate::Error;
use kg_core::model::{Claim, Details, EdgeKind, Entity};
use kg_core::value::{Bound, Shape};
use kg_core::Graph;
use std::io::Write;

/// The tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per entity.
    Entities,
    /// One row per claim.
    Claims,
    /// One row per citation of a claim.
    Citations,
    /// One row per edge of the graph.
    Edges,
}

/// Every table, in the order they are written.
pub const TABLES: [Table; 4] = [
    Table::Entities,
    Table::Claims,
    Table::Citations,
    Table::Edges,
];

impl Table {
    /// The file the table is written to: `entities.csv`, ...
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Entities => "entities.csv",
            Table::Claims => "claims.csv",
            Table::Citations => "citations.csv",
            Table::Edges => "edges.csv",
        }
    }

    /// The header row.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Entities => &[
                "id",
                "kind",
                "name",
                "aliases",
                "roles",
                "country",
                "region",
                "segment",
                "scope",
                "part_of",
                "source_kind",
                "date",
                "publisher",
                "url",
                "lines",
                "file",
                "sha256",
            ],
            Table::Claims => &[
                "id",
                "subject",
                "property",
                "object",
                "derivation",
                "value",
                "amount",
                "min",
                "max",
                "bound",
                "unit",
                "value_date",
                "status",
                "as_of",
                "period",
                "region",
                "segment",
                "scope",
                "latest",
                "editorial",
                "note",
                "mix",
                "citations",
            ],
            Table::Citations => &[
                "claim",
                "n",
                "source",
                "section",
                "line",
                "quote",
                "attributed_to",
            ],
            Table::Edges => &["src", "dst", "kind", "derivation", "claim"],
        }
    }
}

/// Writes one table, row by row.
///
/// Complexity: linear in the graph; memory: one row at a time.
pub fn write(graph: &Graph, table: Table, out: impl Write) -> Result<(), Error> {
    let mut csv = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .buffer_capacity(1 << 16)
        .from_writer(out);
    csv.write_record(table.columns())?;
    match table {
        Table::Entities => {
            for entity in &graph.entities {
                csv.write_record(entity_row(entity))?;
            }
        }
        Table::Claims => {
            for claim in &graph.claims {
                csv.write_record(claim_row(graph, claim))?;
            }
        }
        Table::Citations => {
            for claim in &graph.claims {
                let id = graph.claim_id(claim);
                for (n, citation) in claim.citations.iter().enumerate() {
                    let attributed: Vec<&str> = graph.attributed_to(citation).collect();
                    csv.write_record([
                        id.as_str(),
                        &(n + 1).to_string(),
                        graph.entity_id(citation.source),
                        graph.section(citation),
                        &citation.line.to_string(),
                        &citation.quote,
                        &attributed.join("|"),
                    ])?;
                }
            }
        }
        Table::Edges => {
            for (tail, head, edge) in graph.edges() {
                let derivation = match edge.kind {
                    EdgeKind::DerivedFrom(d) => d.name(),
                    _ => "",
                };
                let claim = edge
                    .claim
                    .map(|c| graph.claim_id(&graph.claims[c as usize]))
                    .unwrap_or_default();
                csv.write_record([
                    &*graph.id_of(tail),
                    &*graph.id_of(head),
                    edge.kind.name(),
                    derivation,
                    &claim,
                ])?;
            }
        }
    }
    csv.flush()?;
    Ok(())
}

fn entity_row(entity: &Entity) -> Vec<String> {
    let mut row = vec![String::new(); Table::Entities.columns().len()];
    row[0] = entity.id.clone();
    row[1] = entity.kind.name().to_string();
    row[2] = entity.name.clone();
    row[3] = entity.aliases.join("|");
    match entity.details() {
        Details::Organization { roles, country } => {
            row[4] = roles.iter().map(|r| r.name()).collect::<Vec<_>>().join("|");
            row[5] = country.clone().unwrap_or_default();
        }
        Details::Market {
            region,
            segment,
            scope,
            part_of,
        } => {
            row[6] = region.clone().unwrap_or_default();
            row[7] = segment.clone().unwrap_or_default();
            row[8] = scope.clone().unwrap_or_default();
            row[9] = part_of.clone().unwrap_or_default();
        }
        Details::Source {
            kind,
            date,
            publisher,
            url,
            lines,
            file,
            sha256,
            outline: _,
        } => {
            row[10] = kind.name().to_string();
            row[11] = date.map(|d| d.to_string()).unwrap_or_default();
            row[12] = publisher.clone().unwrap_or_default();
            row[13] = url.clone().unwrap_or_default();
            row[14] = lines.map(|n| n.to_string()).unwrap_or_default();
            row[15] = file.clone().unwrap_or_default();
            row[16] = sha256.clone().unwrap_or_default();
        }
        Details::Plain => {}
    }
    row
}

fn claim_row(graph: &Graph, claim: &Claim) -> Vec<String> {
    let decimal = |x: f64| crate::decimal(x).unwrap_or_default();
    let (mut amount, mut min, mut max, mut bound, mut unit, mut date) = Default::default();
    match &claim.value.shape {
        Shape::Quantity {
            amount: a,
            unit: u,
            bound: b,
        } => {
            amount = decimal(*a);
            unit = u.name().to_string();
            if let Some(b) = b {
                bound = b.name().to_string();
                match b {
                    Bound::AtLeast => min = decimal(*a),
                    Bound::AtMost => max = decimal(*a),
                    Bound::Approx => {}
                }
            }
        }
        Shape::Range {
            min: lo,
            max: hi,
            unit: u,
        } => {
            min = decimal(*lo);
            max = decimal(*hi);
            unit = u.name().to_string();
        }
        Shape::Date(d) => date = d.to_string(),
        Shape::Text | Shape::Undisclosed | Shape::None => {}
    }
    let q = &claim.qualifiers;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        graph.claim_id(claim),
        graph.entity_id(claim.subject).to_string(),
        claim.property.name().to_string(),
        claim
            .object
            .map(|o| graph.entity_id(o).to_string())
            .unwrap_or_default(),
        claim
            .derivation
            .map(|d| d.name().to_string())
            .unwrap_or_default(),
        claim.value.text.clone(),
        amount,
        min,
        max,
        bound,
        unit,
        date,
        claim.status.name().to_string(),
        q.as_of.map(|d| d.to_string()).unwrap_or_default(),
        q.period.map(|p| p.to_string()).unwrap_or_default(),
        text(&q.region),
        text(&q.segment),
        text(&q.scope),
        if claim.latest { "true" } else { "" }.to_string(),
        claim.editorial().unwrap_or_default().to_string(),
        claim.note().unwrap_or_default().to_string(),
        claim.mix().map(|m| m.name.clone()).unwrap_or_default(),
        claim.citations.len().to_string(),
    ]
}
