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
/// "qualifiers", "citations"}`.
pub fn claim(graph: &Graph, c: &Claim) -> Json {
    let mut m = Map::new();
    m.insert("id".into(), json!(graph.claim_id(c)));
    m.insert("subject".into(), json!(graph.entity_id(c.subject)));
    if let Some(o) = c.object {
        m.insert("object".into(), json!(graph.entity_id(o)));
    }
    m.insert("property".into(), json!(c.property.name()));
    m.insert("value".into(), value(c));
    m.insert("status".into(), json!(c.status.name()));
    if let Some(d) = c.qualifiers.as_of {
        m.insert("as_of".into(), json!(d.to_string()));
    }
    let mut q = Map::new();
    if let Some(d) = c.qualifiers.as_of {
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
    m.insert(
        "citations".into(),
        json!(c
            .citations
            .iter()
            .map(|cit| citation(graph, cit))
            .collect::<Vec<_>>()),
    );
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

/// A claim's value: `{"text"}` plus, when numeric, `"amount"` and `"unit"`, and for ranges
/// and bounds `"min"`, `"max"`, `"bound"`.
pub fn value(c: &Claim) -> Json {
    let mut m = Map::new();
    m.insert("text".into(), json!(c.value.text));
    match &c.value.shape {
        Shape::Quantity {
            amount,
            unit,
            bound,
        } => {
            m.insert("amount".into(), number(*amount));
            m.insert("unit".into(), json!(unit.name()));
            if let Some(b) = bound {
                m.insert("bound".into(), json!(b.name()));
                match b {
                    Bound::AtLeast => {
                        m.insert("min".into(), number(*amount));
                    }
                    Bound::AtMost => {
                        m.insert("max".into(), number(*amount));
                    }
                    Bound::Approx => {}
                }
            }
        }
        Shape::Range { min, max, unit } => {
            m.insert("min".into(), number(*min));
            m.insert("max".into(), number(*max));
            m.insert("unit".into(), json!(unit.name()));
        }
        Shape::Date(d) => {
            m.insert("date".into(), json!(d.to_string()));
        }
        Shape::Undisclosed => {
            m.insert("undisclosed".into(), json!(true));
        }
        Shape::Text | Shape::None => {}
    }
    Json::Object(m)
}

/// A number as JSON: whole numbers without a fraction (5617000000, not 5617000000.0).
pub fn number(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// A citation: `{"source", "section", "line", "quote", "attributed_to"}`.
pub fn citation(graph: &Graph, c: &Citation) -> Json {
    json!({
        "source": graph.entity_id(c.source),
        "section": graph.section(c),
        "line": c.line,
        "quote": &*c.quote,
        "attributed_to": graph.attributed_to(c).collect::<Vec<_>>(),
    })
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

    #[test]
    fn a_plain_entity_serializes_as_its_json_value_prints() {
        let files: Vec<kg_core::SourceFile> = crate::embedded::FILES
            .iter()
            .map(|(path, text)| kg_core::SourceFile {
                path: (*path).to_string(),
                text: (*text).to_string(),
            })
            .collect();
        let graph = kg_core::load(&files).graph;
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
