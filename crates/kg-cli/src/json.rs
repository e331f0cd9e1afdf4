//! The JSON contract of DESIGN.md: the one place that turns entities, claims and citations
//! into JSON, so every command prints them the same way. Fields may be added, never renamed.

use kg_core::graph::Graph;
use kg_core::model::{Citation, Claim, Details, Entity};
use kg_core::value::{Bound, Shape};
use serde_json::{json, Map, Value as Json};

/// An entity with no kind-specific fields (a model, a person, ...), serialized as it is
/// written: the same bytes as [`entity`]'s value (fields in alphabetical order, as a JSON
/// map prints them), without building that value. `None` for an entity with such fields.
pub fn plain_entity(e: &Entity) -> Option<PlainEntity<'_>> {
    matches!(e.details(), Details::Plain).then(|| PlainEntity {
        aliases: &e.aliases,
        id: &e.id,
        kind: e.kind.name(),
        name: &e.name,
    })
}

/// See [`plain_entity`].
#[derive(serde::Serialize)]
pub struct PlainEntity<'a> {
    aliases: &'a [String],
    id: &'a str,
    kind: &'static str,
    name: &'a str,
}

/// An entity: `{"id", "kind", "name", "aliases", ...kind-specific fields}`.
pub fn entity(e: &Entity) -> Json {
    let mut m = Map::new();
    m.insert("id".into(), json!(e.id));
    m.insert("kind".into(), json!(e.kind.name()));
    m.insert("name".into(), json!(e.name));
    m.insert("aliases".into(), json!(e.aliases));
    match e.details() {
        Details::Organization { roles, country } => {
            m.insert(
                "roles".into(),
                json!(roles.iter().map(|r| r.name()).collect::<Vec<_>>()),
            );
            if let Some(c) = country {
                m.insert("country".into(), json!(c));
            }
        }
        Details::Market {
            region,
            segment,
            scope,
            part_of,
        } => {
            for (key, value) in [
                ("region", region),
                ("segment", segment),
                ("scope", scope),
                ("part_of", part_of),
            ] {
                if let Some(v) = value {
                    m.insert(key.into(), json!(v));
                }
            }
        }
        Details::Source {
            kind,
            date,
            publisher,
            url,
            lines,
            file,
            sha256,
            ..
        } => {
            m.insert("source_kind".into(), json!(kind.name()));
            if let Some(d) = date {
                m.insert("date".into(), json!(d.to_string()));
            }
            if let Some(p) = publisher {
                m.insert("publisher".into(), json!(p));
            }
            if let Some(u) = url {
                m.insert("url".into(), json!(u));
            }
            if let Some(n) = lines {
                m.insert("lines".into(), json!(n));
            }
            if let Some(f) = file {
                m.insert("file".into(), json!(f));
            }
            if let Some(h) = sha256 {
                m.insert("sha256".into(), json!(h));
            }
        }
        Details::Plain => {}
    }
    Json::Object(m)
}

/// A claim: `{"id", "subject", "object"?, "property", "value", "status", "as_of"?,
/// "qualifiers", "citations"}` (see [`ClaimJson`]).
pub fn claim(graph: &Graph, c: &Claim) -> Json {
    serde_json::to_value(claim_json(graph, c)).unwrap_or(Json::Null)
}

/// A claim as [`claim`] gives it, serialized as it is written rather than built as a value
/// first: `kg show` of a base model writes 94,471 of them.
pub fn claim_json<'g>(graph: &'g Graph, c: &'g Claim) -> ClaimJson<'g> {
    let q = &c.qualifiers;
    ClaimJson {
        as_of: q.as_of.map(|d| d.to_string()),
        citations: Citations(graph, &c.citations),
        editorial: c.editorial(),
        id: graph.claim_id(c),
        latest: c.latest,
        mix: c.mix().map(|mix| MixJson {
            multiple_answer: mix.multiple_answer,
            name: &mix.name,
            remainder: mix.remainder,
        }),
        note: c.note(),
        object: c.object.map(|o| graph.entity_id(o)),
        property: c.property.name(),
        qualifiers: QualifiersJson {
            as_of: q.as_of.map(|d| d.to_string()),
            derivation: c.derivation.map(|d| d.name()),
            period: q.period.map(|p| p.to_string()),
            region: q.region.as_deref(),
            scope: q.scope.as_deref(),
            segment: q.segment.as_deref(),
        },
        status: c.status.name(),
        subject: graph.entity_id(c.subject),
        value: value_json(c),
    }
}

/// See [`claim_json`]: the fields in alphabetical order, as a JSON map prints them.
#[derive(serde::Serialize)]
pub struct ClaimJson<'g> {
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
    citations: Citations<'g>,
    #[serde(skip_serializing_if = "Option::is_none")]
    editorial: Option<&'g str>,
    id: String,
    #[serde(skip_serializing_if = "is_false")]
    latest: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    mix: Option<MixJson<'g>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<&'g str>,
    property: &'static str,
    qualifiers: QualifiersJson<'g>,
    status: &'static str,
    subject: &'g str,
    value: ValueJson<'g>,
}

fn is_false(b: &bool) -> bool {
    !b
}

#[derive(serde::Serialize)]
struct MixJson<'g> {
    multiple_answer: bool,
    name: &'g str,
    remainder: bool,
}

#[derive(serde::Serialize)]
struct QualifiersJson<'g> {
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    derivation: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment: Option<&'g str>,
}

/// A claim's citations, each written as [`citation`] gives it.
struct Citations<'g>(&'g Graph, &'g [Citation]);

impl serde::Serialize for Citations<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Citations(graph, citations) = *self;
        serializer.collect_seq(citations.iter().map(|c| citation(graph, c)))
    }
}

/// A citation: `{"source", "section", "line", "quote", "attributed_to"}`.
pub fn citation<'g>(graph: &'g Graph, c: &'g Citation) -> CitationJson<'g> {
    CitationJson {
        attributed_to: AttributedTo(graph, c),
        line: c.line,
        quote: &c.quote,
        section: graph.section(c),
        source: graph.entity_id(c.source),
    }
}

/// See [`citation`]: the fields in alphabetical order, as a JSON map prints them.
#[derive(serde::Serialize)]
pub struct CitationJson<'g> {
    attributed_to: AttributedTo<'g>,
    line: u32,
    quote: &'g str,
    section: &'g str,
    source: &'g str,
}

/// The ids of the primary sources a citation names.
struct AttributedTo<'g>(&'g Graph, &'g Citation);

impl serde::Serialize for AttributedTo<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.attributed_to(self.1))
    }
}

/// A claim's value: `{"text"}` plus, when numeric, `"amount"` and `"unit"`, and for ranges
/// and bounds `"min"`, `"max"`, `"bound"`.
pub fn value(c: &Claim) -> Json {
    serde_json::to_value(value_json(c)).unwrap_or(Json::Null)
}

fn value_json(c: &Claim) -> ValueJson<'_> {
    let mut v = ValueJson {
        amount: None,
        bound: None,
        date: None,
        max: None,
        min: None,
        text: &c.value.text,
        undisclosed: false,
        unit: None,
    };
    match &c.value.shape {
        Shape::Quantity {
            amount,
            unit,
            bound,
        } => {
            v.amount = Some(Number(*amount));
            v.unit = Some(unit.name());
            v.bound = bound.map(|b| b.name());
            match bound {
                Some(Bound::AtLeast) => v.min = Some(Number(*amount)),
                Some(Bound::AtMost) => v.max = Some(Number(*amount)),
                Some(Bound::Approx) | None => {}
            }
        }
        Shape::Range { min, max, unit } => {
            v.min = Some(Number(*min));
            v.max = Some(Number(*max));
            v.unit = Some(unit.name());
        }
        Shape::Date(d) => v.date = Some(d.to_string()),
        Shape::Undisclosed => v.undisclosed = true,
        Shape::Text | Shape::None => {}
    }
    v
}

#[derive(serde::Serialize)]
struct ValueJson<'g> {
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bound: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<Number>,
    text: &'g str,
    #[serde(skip_serializing_if = "is_false")]
    undisclosed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'static str>,
}

/// A number as [`number`] writes it.
struct Number(f64);

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        number(self.0).serialize(serializer)
    }
}

/// A number as JSON: whole numbers without a fraction (5617000000, not 5617000000.0).
pub fn number(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// An entity or claim by id, whichever it is.
pub fn node(graph: &Graph, id: &str) -> Option<Json> {
    graph
        .entity(id)
        .map(entity)
        .or_else(|| graph.claim(id).map(|c| claim(graph, c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claim contract of DESIGN.md built as a JSON value field by field, as kg did
    /// before claims were serialized as they are written: the reference the streamed
    /// bytes are held to.
    fn claim_value(graph: &Graph, c: &Claim) -> Json {
        let mut m = Map::new();
        m.insert("id".into(), json!(graph.claim_id(c)));
        m.insert("subject".into(), json!(graph.entity_id(c.subject)));
        if let Some(o) = c.object {
            m.insert("object".into(), json!(graph.entity_id(o)));
        }
        m.insert("property".into(), json!(c.property.name()));
        let mut v = Map::new();
        v.insert("text".into(), json!(c.value.text));
        match &c.value.shape {
            Shape::Quantity {
                amount,
                unit,
                bound,
            } => {
                v.insert("amount".into(), number(*amount));
                v.insert("unit".into(), json!(unit.name()));
                if let Some(b) = bound {
                    v.insert("bound".into(), json!(b.name()));
                    match b {
                        Bound::AtLeast => drop(v.insert("min".into(), number(*amount))),
                        Bound::AtMost => drop(v.insert("max".into(), number(*amount))),
                        Bound::Approx => {}
                    }
                }
            }
            Shape::Range { min, max, unit } => {
                v.insert("min".into(), number(*min));
                v.insert("max".into(), number(*max));
                v.insert("unit".into(), json!(unit.name()));
            }
            Shape::Date(d) => drop(v.insert("date".into(), json!(d.to_string()))),
            Shape::Undisclosed => drop(v.insert("undisclosed".into(), json!(true))),
            Shape::Text | Shape::None => {}
        }
        m.insert("value".into(), Json::Object(v));
        m.insert("status".into(), json!(c.status.name()));
        let mut q = Map::new();
        if let Some(d) = c.qualifiers.as_of {
            m.insert("as_of".into(), json!(d.to_string()));
            q.insert("as_of".into(), json!(d.to_string()));
        }
        if let Some(p) = c.qualifiers.period {
            q.insert("period".into(), json!(p.to_string()));
        }
        for (key, v) in [
            ("region", &c.qualifiers.region),
            ("segment", &c.qualifiers.segment),
            ("scope", &c.qualifiers.scope),
        ] {
            if let Some(v) = v {
                q.insert(key.into(), json!(v));
            }
        }
        if let Some(d) = c.derivation {
            q.insert("derivation".into(), json!(d.name()));
        }
        m.insert("qualifiers".into(), Json::Object(q));
        let citations: Vec<Json> = c
            .citations
            .iter()
            .map(|cit| {
                json!({
                    "source": graph.entity_id(cit.source),
                    "section": graph.section(cit),
                    "line": cit.line,
                    "quote": &*cit.quote,
                    "attributed_to": graph.attributed_to(cit).collect::<Vec<_>>(),
                })
            })
            .collect();
        m.insert("citations".into(), json!(citations));
        if let Some(e) = c.editorial() {
            m.insert("editorial".into(), json!(e));
        }
        if let Some(n) = c.note() {
            m.insert("note".into(), json!(n));
        }
        if let Some(mix) = c.mix() {
            m.insert(
                "mix".into(),
                json!({"name": mix.name, "remainder": mix.remainder, "multiple_answer": mix.multiple_answer}),
            );
        }
        if c.latest {
            m.insert("latest".into(), json!(true));
        }
        Json::Object(m)
    }

    /// The small fixture of the diagrams' tests: it has the editorial claims graph-data
    /// has none of.
    fn small_fixture() -> Graph {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/dot/small/data.ron"
        );
        let text = std::fs::read_to_string(path).expect("the fixture");
        kg_core::load(&[kg_core::SourceFile {
            path: path.to_string(),
            text,
        }])
        .graph
    }

    #[test]
    fn every_claim_streams_as_its_json_value_prints() {
        let mut seen = std::collections::BTreeSet::new();
        for graph in [crate::embedded_graph(), small_fixture()] {
            for c in &graph.claims {
                let reference = claim_value(&graph, c);
                let streamed = serde_json::to_string_pretty(&claim_json(&graph, c)).expect("json");
                let printed = serde_json::to_string_pretty(&reference).expect("json");
                assert_eq!(streamed, printed, "{}", graph.claim_id(c));
                assert_eq!(claim(&graph, c), reference);
                // Which optional fields the data exercised.
                if let Json::Object(m) = reference {
                    seen.extend(m.keys().cloned());
                    for part in ["value", "qualifiers"] {
                        if let Some(Json::Object(inner)) = m.get(part) {
                            seen.extend(inner.keys().map(|k| format!("{part}.{k}")));
                        }
                    }
                }
            }
        }
        for field in [
            "as_of",
            "editorial",
            "note",
            "mix",
            "latest",
            "object",
            "value.amount",
            "value.bound",
            "value.min",
            "value.max",
            "value.date",
            "value.undisclosed",
            "qualifiers.period",
            "qualifiers.region",
            "qualifiers.scope",
            "qualifiers.derivation",
        ] {
            assert!(seen.contains(field), "no claim has `{field}`");
        }
    }

    #[test]
    fn a_plain_entity_serializes_as_its_json_value_prints() {
        let graph = crate::embedded_graph();
        let mut plain = 0;
        for e in &graph.entities {
            let value = serde_json::to_string_pretty(&entity(e)).expect("serializes");
            match plain_entity(e) {
                Some(p) => {
                    plain += 1;
                    assert_eq!(serde_json::to_string_pretty(&p).expect("serializes"), value);
                }
                None => assert!(!matches!(e.details(), Details::Plain)),
            }
        }
        assert!(plain > 100, "{plain}");
    }
}
