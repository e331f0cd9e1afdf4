//! `list`: entities (or claims) of a kind, filtered by `--where` expressions, sorted and cut.
//!
//! A filter is `FIELD OP VALUE`, OP one of `=`, `!=`, `>=`, `>`, `<=`, `<`, `~` (contains).
//! FIELD is `id`, `name` (or any alias), a relation (`developer`, `family`, `successor_of`,
//! `derived_from`, `subsidiary_of`, `founded_by`, `part_of`, `publisher`, `organization`,
//! `investor`, `raised`, `invested_in`), a detail (`role`, `country`, `region`, `segment`,
//! `scope`, `source_kind`), or a claim property (`parameters_total`, `release_date`,
//! `license`, ...): an entity passes when one of its claims of that property does.
//! For `kg list claim` the fields are `id`, `property`, `subject`, `object`, `status`,
//! `source` (cited or attributed), `as_of`, `region`, `segment`, `scope`, `line` and `value`.
//!
//! VALUE is read by the property's own value syntax, so units count: `100e9` is a bare
//! number (any unit), `100B` or `1000亿` a parameter count, `50亿美元` dollars (a figure in yuan
//! never passes a filter in dollars), `2024` or `2024-07` a date (`= 2024` matches any date in
//! 2024), and text compares ignoring case, spaces, dots and dashes (`license = apache2.0`).
//! A hedged figure passes by its stated amount ("超千亿" is at least 1e11, so it passes
//! `>= 100B`); a range passes an order comparison only when both ends do.

use super::search::normalize;
use super::QueryError;
use crate::date::Date;
use crate::graph::{Graph, NodeRef};
use crate::model::{Claim, Details, EdgeKind, Entity, NodeKind};
use crate::property::{Property, ValueKind};
use crate::value::{parse_value, Shape, Unit};
use petgraph::visit::EdgeRef;
use std::borrow::Cow;
use std::cmp::Ordering;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `>=`
    Ge,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `<`
    Lt,
    /// `~`: contains.
    Contains,
}

/// A parsed `--where` expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The field or property.
    pub field: String,
    /// The operator.
    pub op: Op,
    /// The value, as written (quotes removed).
    pub value: String,
}

/// Reads `FIELD OP VALUE`.
pub fn parse_filter(expr: &str) -> Result<Filter, QueryError> {
    const OPS: [(&str, Op); 7] = [
        (">=", Op::Ge),
        ("<=", Op::Le),
        ("!=", Op::Ne),
        ("=", Op::Eq),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("~", Op::Contains),
    ];
    let at = expr.find(['=', '!', '<', '>', '~']).ok_or_else(|| {
        QueryError::BadArgument(format!(
            "`{expr}`: expected FIELD OP VALUE, OP one of = != >= > <= < ~"
        ))
    })?;
    let rest = &expr[at..];
    let (token, op) = OPS
        .iter()
        .find(|(t, _)| rest.starts_with(t))
        .ok_or_else(|| QueryError::BadArgument(format!("`{expr}`: unknown operator")))?;
    let field = expr[..at].trim();
    let value = rest[token.len()..].trim();
    let value = value
        .strip_prefix(['\'', '"'])
        .and_then(|v| v.strip_suffix(['\'', '"']))
        .unwrap_or(value);
    if field.is_empty() || value.is_empty() {
        return Err(QueryError::BadArgument(format!(
            "`{expr}`: expected FIELD OP VALUE, e.g. 'parameters_total >= 100B'"
        )));
    }
    Ok(Filter {
        field: field.to_string(),
        op: *op,
        value: value.to_string(),
    })
}

/// One row of a listing.
#[derive(Debug, Clone)]
pub struct Row<'g> {
    /// The entity (every kind but claims).
    pub entity: Option<&'g Entity>,
    /// The claim (for `kg list claim`).
    pub claim: Option<&'g Claim>,
    /// The row's value of each of [`Listed::fields`], as text (the claim's wording).
    pub values: Vec<Option<String>>,
}

/// What `list` finds.
#[derive(Debug, Clone)]
pub struct Listed<'g> {
    /// The kind listed.
    pub kind: NodeKind,
    /// The fields the filters and the sort name, in order (without `id`, `name`, `kind`).
    pub fields: Vec<String>,
    /// The rows.
    pub rows: Vec<Row<'g>>,
}

/// Entities (or claims) of `kind` passing every filter, sorted by `sort` (a field; a leading
/// `-` sorts descending; rows without a value go last; ties by id), at most `limit`.
/// Without `sort`, entities come in id order and claims in load order.
///
/// Complexity: linear in the entities of the kind and their edges (in the claims for
/// `claim`).
pub fn list<'g>(
    graph: &'g Graph,
    kind: &str,
    filters: &[Filter],
    sort: Option<&str>,
    limit: Option<usize>,
) -> Result<Listed<'g>, QueryError> {
    let kind = parse_kind(kind)?;
    let (descending, sort) = match sort {
        Some(s) => match s.strip_prefix('-') {
            Some(rest) => (true, Some(rest)),
            None => (false, Some(s)),
        },
        None => (false, None),
    };
    let mut fields: Vec<String> = Vec::new();
    for name in filters.iter().map(|f| f.field.as_str()).chain(sort) {
        if !matches!(name, "id" | "name" | "kind") && !fields.iter().any(|f| f == name) {
            fields.push(name.to_string());
        }
    }
    let resolved: Vec<Field> = fields
        .iter()
        .map(|f| Field::parse(f, kind))
        .collect::<Result<_, _>>()?;
    let filter_fields: Vec<Field> = filters
        .iter()
        .map(|f| Field::parse(&f.field, kind))
        .collect::<Result<_, _>>()?;
    let sort_field = sort.map(|s| Field::parse(s, kind)).transpose()?;

    let mut rows: Vec<(Row<'g>, SortKey)> = Vec::new();
    let candidates: Box<dyn Iterator<Item = Item<'g>>> = if kind == NodeKind::Claim {
        Box::new(graph.claims.iter().map(Item::Claim))
    } else {
        Box::new(
            graph
                .entities
                .iter()
                .enumerate()
                .filter(move |(_, e)| e.kind == kind)
                .map(|(i, e)| Item::Entity(i as u32, e)),
        )
    };
    'items: for item in candidates {
        // The value each field shows: the first of the item's values that passed its filter,
        // else its first value.
        let mut chosen: Vec<Option<Val<'g>>> = vec![None; resolved.len()];
        for (filter, field) in filters.iter().zip(&filter_fields) {
            let values = field.values(graph, &item);
            let passing = values.into_iter().find(|v| passes(graph, v, filter));
            let Some(pass) = passing else {
                if filter.op == Op::Ne && field.values(graph, &item).is_empty() {
                    continue;
                }
                continue 'items;
            };
            if let Some(i) = fields.iter().position(|f| *f == filter.field) {
                if chosen[i].is_none() {
                    chosen[i] = Some(pass);
                }
            }
        }
        for (i, field) in resolved.iter().enumerate() {
            if chosen[i].is_none() {
                chosen[i] = field.values(graph, &item).into_iter().next();
            }
        }
        let key = match (&sort_field, sort) {
            (Some(_), Some(name)) => fields
                .iter()
                .position(|f| f == name)
                .and_then(|i| chosen[i].as_ref())
                .map(sort_key)
                .unwrap_or(SortKey::Missing),
            _ => SortKey::Missing,
        };
        let values = chosen.into_iter().map(|v| v.map(|v| v.text)).collect();
        let row = match item {
            Item::Entity(_, e) => Row {
                entity: Some(e),
                claim: None,
                values,
            },
            Item::Claim(c) => Row {
                entity: None,
                claim: Some(c),
                values,
            },
        };
        rows.push((row, key));
    }
    // A claim's id is derived: work it out once per row, and only when rows are sorted.
    let id_of = |r: &Row<'g>| -> Cow<'g, str> {
        match (r.entity, r.claim) {
            (Some(e), _) => Cow::Borrowed(e.id.as_str()),
            (None, Some(c)) => Cow::Owned(graph.claim_id(c)),
            (None, None) => Cow::Borrowed(""),
        }
    };
    if sort_field.is_some() {
        let mut keyed: Vec<(Row<'g>, SortKey, Cow<'g, str>)> = rows
            .into_iter()
            .map(|(r, k)| {
                let id = id_of(&r);
                (r, k, id)
            })
            .collect();
        keyed.sort_by(|(_, ka, ia), (_, kb, ib)| {
            let by_key = match (ka, kb) {
                (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
                (SortKey::Missing, _) => Ordering::Greater,
                (_, SortKey::Missing) => Ordering::Less,
                _ if descending => kb.cmp_with(ka),
                _ => ka.cmp_with(kb),
            };
            by_key.then_with(|| ia.cmp(ib))
        });
        rows = keyed.into_iter().map(|(r, k, _)| (r, k)).collect();
    } else if kind != NodeKind::Claim {
        rows.sort_by(|(ra, _), (rb, _)| id_of(ra).cmp(&id_of(rb)));
    }
    let mut rows: Vec<Row> = rows.into_iter().map(|(r, _)| r).collect();
    if let Some(n) = limit {
        rows.truncate(n);
    }
    Ok(Listed { kind, fields, rows })
}

fn parse_kind(kind: &str) -> Result<NodeKind, QueryError> {
    let k = kind.trim().to_lowercase().replace('-', "_");
    let k = match k.as_str() {
        "family" | "families" | "model_families" => "model_family",
        "round" | "rounds" | "funding_rounds" => "funding_round",
        "org" | "orgs" | "organizations" | "vendor" | "vendors" => "organization",
        "people" | "persons" => "person",
        other => other
            .strip_suffix('s')
            .filter(|s| !s.is_empty())
            .unwrap_or(other),
    };
    NodeKind::ALL
        .iter()
        .copied()
        .find(|n| n.name() == k)
        .ok_or_else(|| {
            QueryError::BadArgument(format!(
                "unknown kind `{kind}`; expected one of {}",
                NodeKind::ALL.map(|n| n.name()).join(", ")
            ))
        })
}

#[derive(Clone, Copy)]
enum Item<'g> {
    Entity(u32, &'g Entity),
    Claim(&'g Claim),
}

/// One value of a field for an item.
#[derive(Debug, Clone)]
struct Val<'g> {
    /// What is shown.
    text: String,
    /// The claim whose value it is, when it is a claim's value.
    claim: Option<&'g Claim>,
    /// For a relation: the other entity, matched by id, name or alias.
    other: Option<&'g Entity>,
}

impl<'g> Val<'g> {
    fn text(text: impl Into<String>) -> Val<'g> {
        Val {
            text: text.into(),
            claim: None,
            other: None,
        }
    }
}

/// The relation fields: name, edge kind test, and whether the edge goes out of the entity.
const RELATIONS: &[(&str, &str, bool)] = &[
    ("developer", "developed_by", true),
    ("developed_by", "developed_by", true),
    ("family", "member_of", true),
    ("member_of", "member_of", true),
    ("successor_of", "successor_of", true),
    ("derived_from", "derived_from", true),
    ("subsidiary_of", "subsidiary_of", true),
    ("founded_by", "founded_by", true),
    ("part_of", "part_of", true),
    ("publisher", "published_by", true),
    ("published_by", "published_by", true),
    ("raised", "raised", true),
    ("invested_in", "invested_in", true),
    ("organization", "raised", false),
    ("investor", "invested_in", false),
    ("investors", "invested_in", false),
];

#[derive(Debug, Clone)]
enum Field {
    Id,
    Name,
    Kind,
    Relation { edge: &'static str, outgoing: bool },
    Detail(&'static str),
    Property(Property),
    OfClaim(&'static str),
}

impl Field {
    fn parse(name: &str, kind: NodeKind) -> Result<Field, QueryError> {
        match name {
            "id" => return Ok(Field::Id),
            "name" => return Ok(Field::Name),
            "kind" => return Ok(Field::Kind),
            _ => {}
        }
        if kind == NodeKind::Claim {
            const CLAIM_FIELDS: [&str; 12] = [
                "property", "subject", "object", "status", "source", "as_of", "period", "region",
                "segment", "scope", "line", "value",
            ];
            return CLAIM_FIELDS
                .iter()
                .find(|f| **f == name)
                .map(|f| Field::OfClaim(f))
                .ok_or_else(|| {
                    QueryError::BadArgument(format!(
                        "unknown claim field `{name}`; expected one of id, {}",
                        CLAIM_FIELDS.join(", ")
                    ))
                });
        }
        if let Some((_, edge, outgoing)) = RELATIONS.iter().find(|(n, _, _)| *n == name) {
            return Ok(Field::Relation {
                edge,
                outgoing: *outgoing,
            });
        }
        const DETAILS: [&str; 7] = [
            "role",
            "roles",
            "country",
            "region",
            "segment",
            "scope",
            "source_kind",
        ];
        if let Some(d) = DETAILS.iter().find(|d| **d == name) {
            return Ok(Field::Detail(d));
        }
        match Property::from_name(name) {
            Some(p) if !p.is_relation() => Ok(Field::Property(p)),
            _ => {
                let mut known: Vec<&str> = vec!["id", "name"];
                known.extend(RELATIONS.iter().map(|r| r.0));
                known.extend(DETAILS);
                known.extend(Property::ALL.iter().map(|p| p.name()));
                let close = crate::load::closest(name, known.into_iter(), 3);
                Err(QueryError::BadArgument(if close.is_empty() {
                    format!("unknown field `{name}`: a relation, a detail or a claim property")
                } else {
                    format!("unknown field `{name}`; did you mean {}?", close.join(", "))
                }))
            }
        }
    }

    fn values<'g>(&self, graph: &'g Graph, item: &Item<'g>) -> Vec<Val<'g>> {
        match (self, item) {
            (Field::Id, Item::Entity(_, e)) => vec![Val::text(&e.id)],
            (Field::Id, Item::Claim(c)) => vec![Val::text(graph.claim_id(c))],
            (Field::Name, Item::Entity(_, e)) => std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(Val::text)
                .collect(),
            (Field::Kind, Item::Entity(_, e)) => vec![Val::text(e.kind.name())],
            (Field::Relation { edge, outgoing }, Item::Entity(i, _)) => {
                let direction = if *outgoing {
                    petgraph::Direction::Outgoing
                } else {
                    petgraph::Direction::Incoming
                };
                let mut out: Vec<Val> = graph
                    .graph
                    .edges_directed(graph.node(NodeRef::Entity(*i)), direction)
                    .filter(|e| e.weight().kind.name() == *edge)
                    .filter_map(|e| {
                        let other = if *outgoing { e.target() } else { e.source() };
                        match graph.graph[other] {
                            NodeRef::Entity(o) => graph.entities.get(o as usize),
                            NodeRef::Claim(_) => None,
                        }
                    })
                    .map(|o| Val {
                        text: o.id.clone(),
                        claim: None,
                        other: Some(o),
                    })
                    .collect();
                out.sort_by(|a, b| a.text.cmp(&b.text));
                out.dedup_by(|a, b| a.text == b.text);
                out
            }
            (Field::Detail(d), Item::Entity(_, e)) => detail(e, d),
            (Field::Property(p), Item::Entity(i, _)) => {
                let mut found: Vec<u32> = graph
                    .graph
                    .edges_directed(
                        graph.node(NodeRef::Entity(*i)),
                        petgraph::Direction::Incoming,
                    )
                    .filter(|e| e.weight().kind == EdgeKind::AboutSubject)
                    .filter_map(|e| match graph.graph[e.source()] {
                        NodeRef::Claim(c) => Some(c),
                        NodeRef::Entity(_) => None,
                    })
                    .filter(|&c| graph.claims[c as usize].property == *p)
                    .collect();
                found.sort_unstable();
                found.dedup();
                found
                    .into_iter()
                    .map(|c| {
                        let claim = &graph.claims[c as usize];
                        Val {
                            text: claim.value.text.clone(),
                            claim: Some(claim),
                            other: None,
                        }
                    })
                    .collect()
            }
            (Field::OfClaim(f), Item::Claim(c)) => claim_field(graph, c, f),
            _ => Vec::new(),
        }
    }
}

fn detail<'g>(e: &Entity, name: &str) -> Vec<Val<'g>> {
    match (e.details(), name) {
        (Details::Organization { roles, .. }, "role" | "roles") => {
            roles.iter().map(|r| Val::text(r.name())).collect()
        }
        (Details::Organization { country, .. }, "country") => {
            country.iter().map(Val::text).collect()
        }
        (Details::Market { region, .. }, "region") => region.iter().map(Val::text).collect(),
        (Details::Market { segment, .. }, "segment") => segment.iter().map(Val::text).collect(),
        (Details::Market { scope, .. }, "scope") => scope.iter().map(Val::text).collect(),
        (Details::Source { kind, .. }, "source_kind") => vec![Val::text(kind.name())],
        _ => Vec::new(),
    }
}

fn claim_field<'g>(graph: &'g Graph, c: &'g Claim, name: &str) -> Vec<Val<'g>> {
    let q = &c.qualifiers;
    match name {
        "property" => vec![Val::text(c.property.name())],
        "subject" => vec![Val::text(graph.entity_id(c.subject))],
        "object" => c
            .object
            .iter()
            .map(|&o| Val::text(graph.entity_id(o)))
            .collect(),
        "status" => vec![Val::text(c.status.name())],
        "source" => {
            let mut out: Vec<Val> = Vec::new();
            for cit in &c.citations {
                for s in
                    std::iter::once(graph.entity_id(cit.source)).chain(graph.attributed_to(cit))
                {
                    if !out.iter().any(|v| v.text == s) {
                        out.push(Val::text(s));
                    }
                }
            }
            out
        }
        "as_of" => q.as_of.iter().map(|d| Val::text(d.to_string())).collect(),
        "period" => q.period.iter().map(|p| Val::text(p.to_string())).collect(),
        "region" => q.region.iter().map(Val::text).collect(),
        "segment" => q.segment.iter().map(Val::text).collect(),
        "scope" => q.scope.iter().map(Val::text).collect(),
        "line" => c
            .citations
            .iter()
            .map(|x| Val::text(x.line.to_string()))
            .collect(),
        "value" => vec![Val {
            text: c.value.text.clone(),
            claim: Some(c),
            other: None,
        }],
        _ => Vec::new(),
    }
}

/// Whether one value passes a filter.
fn passes(_graph: &Graph, value: &Val, filter: &Filter) -> bool {
    if let Some(claim) = value.claim {
        return claim_passes(claim, filter);
    }
    if let Some(other) = value.other {
        let wanted = normalize(&filter.value);
        let names = || {
            std::iter::once(&other.id)
                .chain([&other.name])
                .chain(&other.aliases)
        };
        return match filter.op {
            Op::Eq => names().any(|n| normalize(n) == wanted),
            Op::Ne => !names().any(|n| normalize(n) == wanted),
            Op::Contains => names().any(|n| normalize(n).contains(&wanted)),
            _ => compare_text(&value.text, filter),
        };
    }
    // A qualifier date or a line number compares as such.
    if let (Ok(have), Ok(want)) = (Date::parse(&value.text), Date::parse(&filter.value)) {
        if filter.op != Op::Contains {
            return compare_dates(have, want, filter.op);
        }
    }
    if let (Ok(have), Ok(want)) = (value.text.parse::<f64>(), filter.value.parse::<f64>()) {
        return compare_numbers(have, have, want, filter.op);
    }
    compare_text(&value.text, filter)
}

fn compare_text(text: &str, filter: &Filter) -> bool {
    let (have, want) = (normalize(text), normalize(&filter.value));
    match filter.op {
        Op::Eq => have == want,
        Op::Ne => have != want,
        Op::Contains => have.contains(&want),
        Op::Ge => have >= want,
        Op::Gt => have > want,
        Op::Le => have <= want,
        Op::Lt => have < want,
    }
}

fn compare_dates(have: Date, want: Date, op: Op) -> bool {
    let overlap = have.start_key() <= want.end_key() && want.start_key() <= have.end_key();
    match op {
        Op::Eq | Op::Contains => overlap,
        Op::Ne => !overlap,
        Op::Ge => have.start_key() >= want.start_key(),
        Op::Gt => have.start_key() > want.end_key(),
        Op::Le => have.end_key() <= want.end_key(),
        Op::Lt => have.end_key() < want.start_key(),
    }
}

/// Compares an amount (or the range `lo..=hi`) with `want`.
fn compare_numbers(lo: f64, hi: f64, want: f64, op: Op) -> bool {
    let close = |x: f64| (x - want).abs() <= want.abs() * 1e-9;
    match op {
        Op::Eq | Op::Contains => (lo <= want && want <= hi) || close(lo) || close(hi),
        Op::Ne => !((lo <= want && want <= hi) || close(lo) || close(hi)),
        Op::Ge => lo >= want || close(lo),
        Op::Gt => lo > want && !close(lo),
        Op::Le => hi <= want || close(hi),
        Op::Lt => hi < want && !close(hi),
    }
}

/// The wanted amount and its unit (`None`: a bare number, any unit).
fn wanted_amount(text: &str, kind: ValueKind) -> Option<(f64, Option<Unit>)> {
    let bare = text.trim().replace(['_', ','], "");
    if let Ok(x) = bare.parse::<f64>() {
        return Some((x, None));
    }
    match parse_value(text, kind).ok()?.shape {
        Shape::Quantity { amount, unit, .. } => Some((amount, Some(unit))),
        _ => None,
    }
}

fn claim_passes(claim: &Claim, filter: &Filter) -> bool {
    match &claim.value.shape {
        Shape::Quantity { amount, unit, .. } => {
            match wanted_amount(&filter.value, claim.property.value_kind()) {
                Some((want, wanted_unit)) if wanted_unit.is_none_or(|u| u == *unit) => {
                    compare_numbers(*amount, *amount, want, filter.op)
                }
                Some(_) => filter.op == Op::Ne,
                None => text_only(claim, filter),
            }
        }
        Shape::Range { min, max, unit } => {
            match wanted_amount(&filter.value, claim.property.value_kind()) {
                Some((want, wanted_unit)) if wanted_unit.is_none_or(|u| u == *unit) => {
                    compare_numbers(*min, *max, want, filter.op)
                }
                Some(_) => filter.op == Op::Ne,
                None => text_only(claim, filter),
            }
        }
        Shape::Date(have) => match Date::parse(&filter.value) {
            Ok(want) => compare_dates(*have, want, filter.op),
            Err(_) => compare_text(&claim.value.text, filter),
        },
        Shape::Text => compare_text(&claim.value.text, filter),
        // Nothing to order: "未公开" is neither above nor below any figure.
        Shape::Undisclosed | Shape::None => match filter.op {
            Op::Eq | Op::Ne | Op::Contains => compare_text(&claim.value.text, filter),
            _ => false,
        },
    }
}

/// A figure against a value that is not an amount: only `=`, `!=` and `~` compare the words.
fn text_only(claim: &Claim, filter: &Filter) -> bool {
    match filter.op {
        Op::Eq | Op::Ne | Op::Contains => compare_text(&claim.value.text, filter),
        _ => false,
    }
}

#[derive(Debug, Clone)]
enum SortKey {
    Missing,
    Number(f64),
    Date((i32, u8, u8)),
    Text(String),
}

impl SortKey {
    fn cmp_with(&self, other: &SortKey) -> Ordering {
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            (SortKey::Date(a), SortKey::Date(b)) => a.cmp(b),
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            // Mixed kinds: numbers, then dates, then text.
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            SortKey::Number(_) => 0,
            SortKey::Date(_) => 1,
            SortKey::Text(_) => 2,
            SortKey::Missing => 3,
        }
    }
}

fn sort_key(value: &Val) -> SortKey {
    if let Some(claim) = value.claim {
        return match &claim.value.shape {
            Shape::Quantity { amount, .. } => SortKey::Number(*amount),
            Shape::Range { min, .. } => SortKey::Number(*min),
            Shape::Date(d) => SortKey::Date(d.start_key()),
            Shape::Undisclosed | Shape::None => SortKey::Missing,
            Shape::Text => SortKey::Text(claim.value.text.clone()),
        };
    }
    if let Ok(x) = value.text.parse::<f64>() {
        return SortKey::Number(x);
    }
    if let Ok(d) = Date::parse(&value.text) {
        return SortKey::Date(d.start_key());
    }
    SortKey::Text(value.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Noun;

    fn check(expr: &str, expect: &str) {
        let got = match parse_filter(expr) {
            Ok(f) => format!("{} {:?} {}", f.field, f.op, f.value),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got, expect, "{expr}");
    }

    #[test]
    fn reads_filters() {
        check("parameters_total >= 100e9", "parameters_total Ge 100e9");
        check("parameters_total>=100B", "parameters_total Ge 100B");
        check("developer = meta", "developer Eq meta");
        check("license = 'Apache 2.0'", "license Eq Apache 2.0");
        check("name ~ 百川", "name Contains 百川");
        check("status != forecast", "status Ne forecast");
        check(
            "parameters_total",
            "error: `parameters_total`: expected FIELD OP VALUE, OP one of = != >= > <= < ~",
        );
        check(
            ">= 5",
            "error: `>= 5`: expected FIELD OP VALUE, e.g. 'parameters_total >= 100B'",
        );
    }

    #[test]
    fn units_count_in_comparisons() {
        let kind = Property::ParametersTotal.value_kind();
        assert_eq!(wanted_amount("100e9", kind), Some((1e11, None)));
        assert_eq!(
            wanted_amount("100B", kind),
            Some((1e11, Some(Unit::Count(Noun::Parameters))))
        );
        assert_eq!(
            wanted_amount("1000亿", kind),
            Some((1e11, Some(Unit::Count(Noun::Parameters))))
        );
        assert!(compare_numbers(1e11, 1e11, 1e11, Op::Ge));
        assert!(!compare_numbers(7e10, 7e10, 1e11, Op::Ge));
        assert!(!compare_numbers(3e13, 6.5e13, 5e13, Op::Ge));
    }
}
