//! `list`: entities (or claims) of a kind, filtered by `--where` expressions, sorted and cut.
//!
//! A filter is comparisons `FIELD OP VALUE` (OP one of `=`, `!=`, `>=`, `>`, `<=`, `<`, `~`
//! contains) joined by `and`, `or`, `not` and parentheses (the syntax is `filter.rs`'s).
//! FIELD is `id`, `name` (or any alias), a relation (`developer`, `family`, `successor_of`,
//! `derived_from`, `subsidiary_of`, `founded_by`, `part_of`, `publisher`, `organization`,
//! `investor`, `raised`, `invested_in`), a detail (`role`, `country`, `region`, `segment`,
//! `scope`, `source_kind`), a claim property (`parameters_total`, `release_date`,
//! `license`, ...), or a property's qualifier (`valuation.status`, `valuation.unit`,
//! `market_share.as_of`, `.period`, `.region`, `.segment`, `.scope`; bare `status`, `unit`,
//! `as_of` and `period` when the filter names one property). The comparisons about one
//! property hold for one and the same claim of it: `valuation >= 100亿美元 and
//! valuation.as_of >= 2025` asks for a valuation of at least that much as of 2025.
//! For `kg list claim` the fields are `id`, `property`, `subject`, `object`, `status`,
//! `unit`, `source` (cited or attributed), `as_of`, `period`, `region`, `segment`, `scope`,
//! `line` and `value`.
//!
//! Every value is checked against what its field takes, and a mistake is an error pointing
//! at it: a property's amount is read by the property's own value syntax, so units count
//! (`100e9` is a bare number, `100B` or `1000亿` a parameter count, `50亿美元` dollars, and
//! `100亿美元` or `100 bananas` on parameters an error); dates are validated (`2024-13` is an
//! error; `= 2024` matches any date in 2024); a relation's value is an entity (`developer =
//! metaa` is an error that suggests `meta`); statuses and units are their names. Text
//! compares ignoring case, spaces, dots and dashes (`license = apache2.0`), with `=`, `!=`
//! or `~`. A hedged figure passes by its stated amount ("超千亿" is at least 1e11, so it
//! passes `>= 100B`); a range passes an order comparison only when both ends do.
//!
//! When an entity has several claims of a property shown, `Pick` says which one a row
//! shows (the latest, the largest, or each in a row of its own), with its as-of and status.
//! Sorting never compares amounts of different units, or shares of different markets: rows
//! are sorted within each group, and [`Listed::notes`] says so.

use super::filter::{self, Comparison, Expr, FilterError, Op, Span};
use super::search::normalize;
use super::QueryError;
use crate::date::{Date, Period};
use crate::graph::{Graph, NodeRef};
use crate::model::{Claim, Details, Entity, NodeKind, Status};
use crate::property::{Property, UnitClass, ValueKind};
use crate::value::{parse_value, Noun, Shape, Unit};
use petgraph::visit::EdgeRef;
use std::borrow::Cow;
use std::cmp::Ordering;

/// Which of an entity's several claims of a property a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pick {
    /// The one with the latest as-of or period (ties: the one the source calls latest, then
    /// the first in the data).
    #[default]
    Latest,
    /// The largest amount (amounts of different units are not compared: then the latest).
    Max,
    /// Each in a row of its own.
    All,
}

/// What to list, besides the kind.
#[derive(Debug, Clone, Default)]
pub struct ListOptions<'a> {
    /// `--where` expressions, all of which must hold.
    pub filters: &'a [String],
    /// A field to sort by; a leading `-` sorts descending.
    pub sort: Option<&'a str>,
    /// Which claim a row shows when there are several.
    pub pick: Pick,
    /// Convert amounts to this currency (`USD`, `EUR`, `CNY`) for sorting, at the rates the
    /// data itself states ([`super::rates`]); amounts without such a rate keep their unit.
    pub currency: Option<&'a str>,
    /// At most this many rows.
    pub limit: Option<usize>,
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
    /// The claim behind each value, when it is a claim's value (for its as-of and status).
    pub claims: Vec<Option<&'g Claim>>,
    /// With a currency: the sort field's amount converted to it, in words (`16.9亿美元`), when
    /// it was converted.
    pub converted: Option<String>,
}

/// What `list` finds.
#[derive(Debug, Clone)]
pub struct Listed<'g> {
    /// The kind listed.
    pub kind: NodeKind,
    /// The fields the filters and the sort name, in order (without `id`, `name`, `kind`).
    pub fields: Vec<String>,
    /// Which of [`Listed::fields`] are claim properties (their cells have an as-of and a
    /// status).
    pub property_fields: Vec<bool>,
    /// The rows.
    pub rows: Vec<Row<'g>>,
    /// What a reader must know about the order: the groups rows were sorted within.
    pub notes: Vec<String>,
}

/// Entities (or claims) of `kind` passing every filter, sorted by `sort` (rows without a
/// value go last; ties by id), at most `limit`. Without `sort`, entities come in id order
/// and claims in load order.
///
/// Complexity: linear in the entities of the kind and their edges (in the claims for
/// `claim`), times the combinations of claims of the properties one filter names.
pub fn list<'g>(
    graph: &'g Graph,
    kind: &str,
    options: &ListOptions,
) -> Result<Listed<'g>, QueryError> {
    let kind = parse_kind(kind)?;
    let currency = options
        .currency
        .map(|c| {
            [Unit::Usd, Unit::Eur, Unit::Cny]
                .into_iter()
                .find(|u| u.name().eq_ignore_ascii_case(c.trim()))
                .ok_or_else(|| {
                    QueryError::BadArgument(format!("--currency `{c}`: expected USD, EUR or CNY"))
                })
        })
        .transpose()?;
    let rates = if currency.is_some() {
        super::rates(graph)
    } else {
        Vec::new()
    };
    let mut used_rates: Vec<usize> = Vec::new();
    let (descending, sort) = match options.sort {
        Some(s) => match s.strip_prefix('-') {
            Some(rest) => (true, Some(rest)),
            None => (false, Some(s)),
        },
        None => (false, None),
    };
    let trees: Vec<Expr> = options
        .filters
        .iter()
        .map(|text| filter::parse(text).map_err(QueryError::Filter))
        .collect::<Result<_, _>>()?;
    // The one property the filters compare, if one: what bare `status` or `unit` is about.
    let single = {
        let mut named: Vec<Property> = trees
            .iter()
            .flat_map(|t| t.comparisons())
            .filter_map(|c| Property::from_name(&c.field).filter(|p| !p.is_relation()))
            .collect();
        named.sort_by_key(|p| p.name());
        named.dedup();
        match named.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    };
    let mut conditions: Vec<Cond> = Vec::new();
    for (text, tree) in options.filters.iter().zip(&trees) {
        conditions.push(resolve(graph, kind, text, tree, single)?);
    }
    let condition = conditions
        .into_iter()
        .reduce(|a, b| Cond::And(Box::new(a), Box::new(b)));
    let mut fields: Vec<String> = Vec::new();
    let mut tests: Vec<&Test> = Vec::new();
    if let Some(c) = &condition {
        c.tests(&mut tests);
    }
    for name in tests.iter().map(|t| t.name.as_str()).chain(sort) {
        if !matches!(name, "id" | "name" | "kind") && !fields.iter().any(|f| f == name) {
            fields.push(name.to_string());
        }
    }
    let resolved: Vec<Field> = fields
        .iter()
        .map(|f| {
            Field::parse(f, kind, single).map_err(|(message, help)| {
                let span = Span {
                    start: 0,
                    len: f.chars().count().max(1),
                };
                let e = FilterError::new(f, span, message);
                QueryError::Filter(match help {
                    Some(h) => e.help(h),
                    None => e,
                })
            })
        })
        .collect::<Result<_, _>>()?;
    let sort_index = sort.and_then(|s| fields.iter().position(|f| f == s));
    // The property a row is about, when one is: the sort's, else the first shown.
    let primary = sort_index
        .and_then(|i| resolved[i].property())
        .or_else(|| resolved.iter().find_map(Field::property));
    let bound: Vec<Property> = {
        let mut b: Vec<Property> = tests.iter().filter_map(|t| t.field.property()).collect();
        b.dedup();
        b.sort_by_key(|p| p.name());
        b.dedup();
        b
    };

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
    for item in candidates {
        // Every combination of claims of the properties the filters name that passes.
        let options_per_property: Vec<Vec<Option<&'g Claim>>> = bound
            .iter()
            .map(|p| {
                let claims = item.claims_of(graph, *p);
                if claims.is_empty() {
                    vec![None]
                } else {
                    claims.into_iter().map(Some).collect()
                }
            })
            .collect();
        let mut passing: Vec<Binding<'g>> = Vec::new();
        let mut odometer = vec![0usize; bound.len()];
        loop {
            let binding: Binding<'g> = bound
                .iter()
                .zip(&odometer)
                .zip(&options_per_property)
                .map(|((p, &i), opts)| (*p, opts[i]))
                .collect();
            if condition
                .as_ref()
                .is_none_or(|c| c.holds(graph, &item, &binding))
            {
                passing.push(binding);
            }
            // Next combination.
            let mut k = 0;
            while k < odometer.len() {
                odometer[k] += 1;
                if odometer[k] < options_per_property[k].len() {
                    break;
                }
                odometer[k] = 0;
                k += 1;
            }
            if k == odometer.len() {
                break;
            }
        }
        if passing.is_empty() {
            continue;
        }
        // The rows of this item: one, or (with `all`) one per claim of the primary property.
        let primary_choices: Vec<Option<&'g Claim>> = match primary {
            Some(p) if bound.contains(&p) => {
                let mut cs: Vec<&'g Claim> =
                    passing.iter().filter_map(|b| bound_claim(b, p)).collect();
                dedup_claims(&mut cs);
                choose(cs, options.pick)
            }
            Some(p) => choose(item.claims_of(graph, p), options.pick),
            None => vec![None],
        };
        for primary_claim in primary_choices {
            let binding = passing
                .iter()
                .find(|b| match (primary, primary_claim) {
                    (Some(p), Some(c)) if bound.contains(&p) => {
                        bound_claim(b, p).is_some_and(|x| std::ptr::eq(x, c))
                    }
                    _ => true,
                })
                .unwrap_or(&passing[0]);
            let mut values = Vec::with_capacity(resolved.len());
            let mut claims = Vec::with_capacity(resolved.len());
            for (field, name) in resolved.iter().zip(&fields) {
                let claim = match field.property() {
                    Some(p) if Some(p) == primary => primary_claim,
                    Some(p) if bound.contains(&p) => bound_claim(binding, p),
                    Some(p) => choose(item.claims_of(graph, p), Pick::Latest)
                        .into_iter()
                        .next()
                        .flatten(),
                    None => None,
                };
                let (value, claim) = match (field, claim) {
                    (Field::Property(_), Some(c)) => (Some(c.value.text.clone()), Some(c)),
                    (Field::Qualifier(Some(_), q), Some(c)) => (qualifier(c, *q), Some(c)),
                    (Field::Property(_) | Field::Qualifier(Some(_), _), None) => (None, None),
                    _ => {
                        let vals = field.values(graph, &item);
                        let shown = vals
                            .iter()
                            .find(|v| {
                                tests
                                    .iter()
                                    .filter(|t| t.name == *name)
                                    .any(|t| t.value_passes(graph, v))
                            })
                            .or(vals.first())
                            .cloned();
                        (shown.map(|v| v.text), None)
                    }
                };
                values.push(value);
                claims.push(claim);
            }
            let mut converted = None;
            let key = match sort_index {
                Some(i) => match claims[i] {
                    Some(c) if currency.is_some() && matches!(resolved[i], Field::Property(_)) => {
                        let key = sort_key_of_claim(graph, c);
                        match (key, currency) {
                            (SortKey::Amount { amount, group }, Some(to)) => {
                                let from = amount_unit(c);
                                match from.and_then(|f| super::rate_between(&rates, f, to)) {
                                    Some((rate, r)) if from != Some(to) => {
                                        if let Some(at) =
                                            rates.iter().position(|x| std::ptr::eq(x, r))
                                        {
                                            if !used_rates.contains(&at) {
                                                used_rates.push(at);
                                            }
                                        }
                                        converted = Some(format!(
                                            "≈{}",
                                            super::money_text(amount * rate, to)
                                        ));
                                        SortKey::Amount {
                                            group: to.name().to_string(),
                                            amount: amount * rate,
                                        }
                                    }
                                    _ => SortKey::Amount { amount, group },
                                }
                            }
                            (key, _) => key,
                        }
                    }
                    Some(c)
                        if resolved[i].property().is_some()
                            && matches!(resolved[i], Field::Property(_)) =>
                    {
                        sort_key_of_claim(graph, c)
                    }
                    _ => values[i]
                        .as_deref()
                        .map_or(SortKey::Missing, sort_key_of_text),
                },
                None => SortKey::Missing,
            };
            let row = match item {
                Item::Entity(_, e) => Row {
                    entity: Some(e),
                    claim: None,
                    values,
                    claims,
                    converted,
                },
                Item::Claim(c) => Row {
                    entity: None,
                    claim: Some(c),
                    values,
                    claims,
                    converted,
                },
            };
            rows.push((row, key));
        }
    }
    // A claim's id is derived: work it out once per row, and only when rows are sorted.
    let id_of = |r: &Row<'g>| -> Cow<'g, str> {
        match (r.entity, r.claim) {
            (Some(e), _) => Cow::Borrowed(e.id.as_str()),
            (None, Some(c)) => Cow::Owned(graph.claim_id(c)),
            (None, None) => Cow::Borrowed(""),
        }
    };
    let mut notes = Vec::new();
    used_rates.sort_unstable();
    for &r in &used_rates {
        let rate = &rates[r];
        notes.push(format!(
            "converted at 1 {} = {} {}, the ratio of {} and {} (`{}` and `{}`, line {}), the only rates kg uses: ones the data states",
            rate.from.name(),
            trim(rate.rate),
            rate.to.name(),
            rate.claims[0].value.text,
            rate.claims[1].value.text,
            graph.claim_id(rate.claims[0]),
            graph.claim_id(rate.claims[1]),
            rate.claims[0].citations.first().map_or(0, |c| c.line),
        ));
    }
    if let (Some(name), true) = (sort, sort_index.is_some()) {
        // Groups of amounts that compare: the largest group first, then by name.
        let mut groups: Vec<(String, usize)> = Vec::new();
        for (_, key) in &rows {
            if let SortKey::Amount { group, .. } = key {
                match groups.iter_mut().find(|(g, _)| g == group) {
                    Some((_, n)) => *n += 1,
                    None => groups.push((group.clone(), 1)),
                }
            }
        }
        groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if groups.len() > 1 {
            notes.push(format!(
                "{name}: sorted within each group ({}); amounts in different units, or shares of different markets, are never compared",
                groups
                    .iter()
                    .map(|(g, n)| format!("{g}: {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let rank = |key: &SortKey| match key {
            SortKey::Amount { group, .. } => groups.iter().position(|(g, _)| g == group),
            _ => None,
        };
        let mut keyed: Vec<(Row<'g>, SortKey, Option<usize>, Cow<'g, str>)> = rows
            .into_iter()
            .map(|(r, k)| {
                let id = id_of(&r);
                let g = rank(&k);
                (r, k, g, id)
            })
            .collect();
        keyed.sort_by(|(_, ka, ga, ia), (_, kb, gb, ib)| {
            let by_key = match (ka, kb) {
                (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
                (SortKey::Missing, _) => Ordering::Greater,
                (_, SortKey::Missing) => Ordering::Less,
                _ => ga.cmp(gb).then_with(|| {
                    if descending {
                        kb.cmp_with(ka)
                    } else {
                        ka.cmp_with(kb)
                    }
                }),
            };
            by_key.then_with(|| ia.cmp(ib))
        });
        rows = keyed.into_iter().map(|(r, k, _, _)| (r, k)).collect();
    } else if kind != NodeKind::Claim {
        rows.sort_by(|(ra, _), (rb, _)| id_of(ra).cmp(&id_of(rb)));
    }
    let mut rows: Vec<Row> = rows.into_iter().map(|(r, _)| r).collect();
    if let Some(n) = options.limit {
        rows.truncate(n);
    }
    let property_fields = resolved
        .iter()
        .map(|f| matches!(f, Field::Property(_)))
        .collect();
    Ok(Listed {
        kind,
        fields,
        property_fields,
        rows,
        notes,
    })
}

/// The unit of a claim's amount, if it has one.
fn amount_unit(c: &Claim) -> Option<Unit> {
    amount(c).map(|(_, u)| u)
}

/// A rate, to four significant decimals, without trailing zeros.
fn trim(x: f64) -> String {
    format!("{}", (x * 10_000.0).round() / 10_000.0)
}

/// A claim of each property a filter names (`None`: the entity has none).
type Binding<'g> = Vec<(Property, Option<&'g Claim>)>;

fn bound_claim<'g>(binding: &Binding<'g>, p: Property) -> Option<&'g Claim> {
    binding.iter().find(|(q, _)| *q == p).and_then(|(_, c)| *c)
}

fn dedup_claims(claims: &mut Vec<&Claim>) {
    let mut seen: Vec<*const Claim> = Vec::new();
    claims.retain(|c| {
        let p = *c as *const Claim;
        if seen.contains(&p) {
            false
        } else {
            seen.push(p);
            true
        }
    });
}

/// The claims a row shows out of several, by `pick` (at least one entry: `None` if none).
fn choose(claims: Vec<&Claim>, pick: Pick) -> Vec<Option<&Claim>> {
    if claims.is_empty() {
        return vec![None];
    }
    if pick == Pick::All {
        return claims.into_iter().map(Some).collect();
    }
    let mut best = claims[0];
    for c in &claims[1..] {
        let later = || {
            when(c)
                .cmp(&when(best))
                .then_with(|| c.latest.cmp(&best.latest))
                == Ordering::Greater
        };
        let better = match (pick, amount(c), amount(best)) {
            (Pick::Max, Some((a, ua)), Some((b, ub))) if ua == ub => a > b,
            _ => later(),
        };
        if better {
            best = c;
        }
    }
    vec![Some(best)]
}

/// When a claim holds: the end of its as-of date or period (claims without one: earliest).
fn when(c: &Claim) -> Option<(i32, u8, u8)> {
    c.qualifiers
        .as_of
        .map(|d| d.end_key())
        .or(c.qualifiers.period.map(|p| p.end.end_key()))
}

fn amount(c: &Claim) -> Option<(f64, Unit)> {
    match &c.value.shape {
        Shape::Quantity { amount, unit, .. } => Some((*amount, *unit)),
        Shape::Range { max, unit, .. } => Some((*max, *unit)),
        _ => None,
    }
}

fn qualifier(c: &Claim, q: Qual) -> Option<String> {
    let qs = &c.qualifiers;
    match q {
        Qual::Status => Some(c.status.name().to_string()),
        Qual::Unit => amount(c).map(|(_, u)| u.name().to_string()),
        Qual::AsOf => qs.as_of.map(|d| d.to_string()),
        Qual::Period => qs.period.map(|p| p.to_string()),
        Qual::Region => qs.region.clone(),
        Qual::Segment => qs.segment.clone(),
        Qual::Scope => qs.scope.clone(),
    }
}

/// A filter with its fields and values resolved.
#[derive(Debug, Clone)]
enum Cond {
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
    Test(Test),
}

/// One comparison, resolved.
#[derive(Debug, Clone)]
struct Test {
    /// The field as written.
    name: String,
    field: Field,
    op: Op,
    want: Want,
}

/// A comparison's value, read by what its field takes.
#[derive(Debug, Clone)]
enum Want {
    /// An amount; `None`: a bare number, any unit.
    Amount(f64, Option<Unit>),
    /// 未公开.
    Undisclosed,
    Date(Date),
    Text(String),
    /// The entities a name or id refers to.
    Entities(Vec<u32>),
    Status(Status),
    Unit(Unit),
    Property(Property),
    /// `kg list claim`'s `value`: compared by the claim's own property.
    Loose(String),
}

impl Cond {
    fn tests<'c>(&'c self, out: &mut Vec<&'c Test>) {
        match self {
            Cond::And(a, b) | Cond::Or(a, b) => {
                a.tests(out);
                b.tests(out);
            }
            Cond::Not(a) => a.tests(out),
            Cond::Test(t) => out.push(t),
        }
    }

    fn holds(&self, graph: &Graph, item: &Item, binding: &Binding) -> bool {
        match self {
            Cond::And(a, b) => a.holds(graph, item, binding) && b.holds(graph, item, binding),
            Cond::Or(a, b) => a.holds(graph, item, binding) || b.holds(graph, item, binding),
            Cond::Not(a) => !a.holds(graph, item, binding),
            Cond::Test(t) => t.holds(graph, item, binding),
        }
    }
}

impl Test {
    fn holds(&self, graph: &Graph, item: &Item, binding: &Binding) -> bool {
        let claim = match (&self.field, item) {
            (Field::Property(p) | Field::Qualifier(Some(p), _), Item::Entity(..)) => {
                match bound_claim(binding, *p) {
                    Some(c) => Some(c),
                    // Nothing recorded: only `!=` holds.
                    None => return self.op == Op::Ne,
                }
            }
            (Field::Qualifier(None, _), Item::Claim(c)) => Some(*c),
            _ => None,
        };
        match (&self.field, claim) {
            (Field::Property(_), Some(c)) => claim_matches(c, self.op, &self.want),
            (Field::Qualifier(_, q), Some(c)) => {
                let have = match (q, &self.want) {
                    (Qual::Status, Want::Status(s)) => return compare_eq(c.status == *s, self.op),
                    (Qual::Unit, Want::Unit(u)) => {
                        return compare_eq(amount(c).is_some_and(|(_, h)| h == *u), self.op)
                    }
                    (Qual::AsOf, Want::Date(want)) => {
                        return match c.qualifiers.as_of {
                            Some(d) => compare_dates(d, *want, self.op),
                            None => self.op == Op::Ne,
                        }
                    }
                    (Qual::Period, Want::Date(want)) => {
                        return match c.qualifiers.period {
                            Some(p) => compare_periods(p, *want, self.op),
                            None => self.op == Op::Ne,
                        }
                    }
                    _ => qualifier(c, *q),
                };
                match (have, &self.want) {
                    (Some(h), Want::Text(w)) => compare_text(&h, self.op, w),
                    (None, _) => self.op == Op::Ne,
                    _ => false,
                }
            }
            _ => {
                let values = self.field.values(graph, item);
                match self.op {
                    Op::Ne => !values.iter().any(|v| {
                        Test {
                            op: Op::Eq,
                            ..self.clone()
                        }
                        .value_passes(graph, v)
                    }),
                    _ => values.iter().any(|v| self.value_passes(graph, v)),
                }
            }
        }
    }

    /// Whether one value of a many-valued field (a relation, a detail, a name) passes.
    fn value_passes(&self, graph: &Graph, value: &Val) -> bool {
        match (&self.want, value.other) {
            (Want::Entities(wanted), _) => compare_eq(
                wanted.iter().any(|&w| graph.entity_id(w) == value.text),
                self.op,
            ),
            (Want::Status(s), _) => compare_eq(value.text == s.name(), self.op),
            (Want::Property(p), _) => compare_eq(value.text == p.name(), self.op),
            (Want::Date(want), _) => match Date::parse(&value.text) {
                Ok(have) => compare_dates(have, *want, self.op),
                Err(_) => false,
            },
            (Want::Amount(want, _), _) => match value.text.parse::<f64>() {
                Ok(have) => compare_numbers(have, have, *want, self.op),
                Err(_) => false,
            },
            (Want::Loose(raw), _) => match value.claim {
                Some(c) => loose_passes(c, self.op, raw),
                None => compare_text(&value.text, self.op, raw),
            },
            (Want::Text(w), Some(other)) => {
                let mut names = std::iter::once(&other.id)
                    .chain([&other.name])
                    .chain(&other.aliases);
                match self.op {
                    Op::Ne => !names.any(|n| compare_text(n, Op::Eq, w)),
                    op => names.any(|n| compare_text(n, op, w)),
                }
            }
            (Want::Text(w), None) => compare_text(&value.text, self.op, w),
            _ => false,
        }
    }
}

fn compare_eq(equal: bool, op: Op) -> bool {
    match op {
        Op::Ne => !equal,
        _ => equal,
    }
}

/// Resolves a parsed filter against the graph: every field known, every value what its
/// field takes, or an error pointing at it.
fn resolve(
    graph: &Graph,
    kind: NodeKind,
    text: &str,
    tree: &Expr,
    single: Option<Property>,
) -> Result<Cond, QueryError> {
    Ok(match tree {
        Expr::And(a, b) => Cond::And(
            Box::new(resolve(graph, kind, text, a, single)?),
            Box::new(resolve(graph, kind, text, b, single)?),
        ),
        Expr::Or(a, b) => Cond::Or(
            Box::new(resolve(graph, kind, text, a, single)?),
            Box::new(resolve(graph, kind, text, b, single)?),
        ),
        Expr::Not(a) => Cond::Not(Box::new(resolve(graph, kind, text, a, single)?)),
        Expr::Compare(c) => Cond::Test(resolve_test(graph, kind, text, c, single)?),
    })
}

fn resolve_test(
    graph: &Graph,
    kind: NodeKind,
    text: &str,
    c: &Comparison,
    single: Option<Property>,
) -> Result<Test, QueryError> {
    let err = |span: Span, message: String| FilterError::new(text, span, message);
    let field = Field::parse(&c.field, kind, single).map_err(|(m, h)| {
        let e = err(c.field_span, m);
        QueryError::Filter(match h {
            Some(h) => e.help(h),
            None => e,
        })
    })?;
    let value_error = |message: String, help: Option<String>| {
        let e = err(c.value_span, message);
        QueryError::Filter(match help {
            Some(h) => e.help(h),
            None => e,
        })
    };
    let op_error = |what: &str, allowed: &str| {
        QueryError::Filter(
            err(
                c.op_span,
                format!("`{}` does not apply to {what}", c.op.symbol()),
            )
            .help(format!("use {allowed}")),
        )
    };
    let equality = "=, != or ~ (contains)";
    let v = c.value.trim();
    let want = match &field {
        Field::Property(p) => match p.value_kind() {
            ValueKind::Quantity(class) => {
                if c.op == Op::Contains {
                    return Err(op_error(&format!("the amounts of `{p}`"), "= != < <= > >="));
                }
                want_amount(v, *p, class).map_err(|(m, h)| value_error(m, h))?
            }
            ValueKind::Date => {
                if c.op == Op::Contains {
                    return Err(op_error("dates", "= != < <= > >="));
                }
                Want::Date(Date::parse(v).map_err(|m| value_error(m, None))?)
            }
            ValueKind::Text | ValueKind::Relation => {
                if c.op.orders() {
                    return Err(op_error(&format!("the text of `{p}`"), equality));
                }
                Want::Text(v.to_string())
            }
        },
        Field::Qualifier(property, q) => match q {
            Qual::Status | Qual::Unit if !matches!(c.op, Op::Eq | Op::Ne) => {
                return Err(op_error(&format!("`{}`", c.field), "= or !="))
            }
            Qual::Status => Want::Status(
                Status::ALL
                    .iter()
                    .copied()
                    .find(|s| s.name() == v.to_lowercase())
                    .ok_or_else(|| {
                        value_error(
                            format!("unknown status `{v}`"),
                            Some(suggest(v, Status::ALL.iter().map(|s| s.name()), "a status")),
                        )
                    })?,
            ),
            Qual::Unit => {
                let units = units_of(*property);
                Want::Unit(
                    units
                        .iter()
                        .copied()
                        .find(|u| u.name().eq_ignore_ascii_case(v))
                        .ok_or_else(|| {
                            value_error(
                                format!("unknown unit `{v}`"),
                                Some(suggest(v, units.iter().map(|u| u.name()), "a unit")),
                            )
                        })?,
                )
            }
            Qual::AsOf | Qual::Period => {
                if c.op == Op::Contains {
                    return Err(op_error("dates", "= != < <= > >="));
                }
                Want::Date(Date::parse(v).map_err(|m| value_error(m, None))?)
            }
            Qual::Region | Qual::Segment | Qual::Scope => {
                if c.op.orders() {
                    return Err(op_error(&format!("the text of `{}`", c.field), equality));
                }
                Want::Text(v.to_string())
            }
        },
        Field::Relation { .. } | Field::OfClaim("subject" | "object" | "source") => {
            if c.op.orders() {
                return Err(op_error("an entity", equality));
            }
            if c.op == Op::Contains {
                Want::Text(v.to_string())
            } else {
                let wanted = normalize(v);
                let found: Vec<u32> = graph
                    .entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        std::iter::once(&e.id)
                            .chain([&e.name])
                            .chain(&e.aliases)
                            .any(|n| normalize(n) == wanted)
                    })
                    .map(|(i, _)| i as u32)
                    .collect();
                if found.is_empty() {
                    let close =
                        crate::load::closest(v, graph.entities.iter().map(|e| e.id.as_str()), 3);
                    return Err(value_error(
                        format!("no entity `{v}`"),
                        Some(if close.is_empty() {
                            "`kg search TEXT` finds ids by name or alias".into()
                        } else {
                            format!("did you mean {}?", close.join(", "))
                        }),
                    ));
                }
                Want::Entities(found)
            }
        }
        Field::OfClaim("property") => {
            if !matches!(c.op, Op::Eq | Op::Ne) {
                return Err(op_error("`property`", "= or !="));
            }
            Want::Property(Property::from_name(v).ok_or_else(|| {
                value_error(
                    format!("unknown property `{v}`"),
                    Some(suggest(
                        v,
                        Property::ALL.iter().map(|p| p.name()),
                        "a property",
                    )),
                )
            })?)
        }
        Field::OfClaim("line") => {
            let n: u32 = v
                .parse()
                .map_err(|_| value_error(format!("`{v}` is not a line number"), None))?;
            Want::Amount(f64::from(n), None)
        }
        Field::OfClaim(_) => Want::Loose(v.to_string()),
        Field::Id | Field::Name | Field::Kind | Field::Detail(_) => {
            if c.op.orders() {
                return Err(op_error(&format!("the text of `{}`", c.field), equality));
            }
            Want::Text(v.to_string())
        }
    };
    Ok(Test {
        name: c.field.clone(),
        field,
        op: c.op,
        want,
    })
}

/// "did you mean ...?" from the closest of `known`, or the list of them.
fn suggest<'a>(wanted: &str, known: impl Iterator<Item = &'a str> + Clone, what: &str) -> String {
    let close = crate::load::closest(wanted, known.clone(), 3);
    if close.is_empty() {
        format!("{what} is one of {}", known.collect::<Vec<_>>().join(", "))
    } else {
        format!("did you mean {}?", close.join(", "))
    }
}

/// The units a property's amounts may have (every unit, for claims of any property).
fn units_of(property: Option<Property>) -> Vec<Unit> {
    let of_class = |class: UnitClass| -> Vec<Unit> {
        match class {
            UnitClass::Money => vec![Unit::Usd, Unit::Eur, Unit::Cny],
            UnitClass::Percent => vec![Unit::Percent, Unit::PercentagePoints],
            UnitClass::Score => vec![Unit::Percent, Unit::Points],
            UnitClass::Rank => vec![Unit::Rank],
            UnitClass::Seconds => vec![Unit::Seconds],
            UnitClass::TokensPerSecond => vec![Unit::TokensPerSecond],
            UnitClass::Count(n) => vec![Unit::Count(n)],
        }
    };
    let mut all: Vec<Unit> = Property::ALL
        .iter()
        .filter(|p| property.is_none_or(|q| q == **p))
        .filter_map(|p| match p.value_kind() {
            ValueKind::Quantity(class) => Some(of_class(class)),
            _ => None,
        })
        .flatten()
        .collect();
    all.sort();
    all.dedup();
    all
}

/// A property's wanted amount: a bare number (any unit), 未公开, or an amount in the
/// property's own value syntax; anything else is an error saying what the property takes.
fn want_amount(
    v: &str,
    property: Property,
    class: UnitClass,
) -> Result<Want, (String, Option<String>)> {
    let bare = v.replace(['_', ','], "");
    if let Ok(x) = bare.parse::<f64>() {
        if x.is_finite() {
            return Ok(Want::Amount(x, None));
        }
    }
    match parse_value(v, property.value_kind()) {
        Ok(value) => match value.shape {
            Shape::Quantity { amount, unit, .. } => Ok(Want::Amount(amount, Some(unit))),
            Shape::Undisclosed => Ok(Want::Undisclosed),
            Shape::Range { .. } => Err((
                format!("`{v}` is a range"),
                Some("compare with one amount, e.g. `>= 3%` and `<= 4%`".into()),
            )),
            _ => Err((format!("`{v}` is not an amount"), None)),
        },
        Err(e) => Err((
            format!("{e}"),
            Some(format!("`{property}` takes {}", describe_class(class))),
        )),
    }
}

fn describe_class(class: UnitClass) -> String {
    match class {
        UnitClass::Money => "a currency amount such as 50亿美元, 3.1亿元 or 11亿欧元".into(),
        UnitClass::Percent => "a percentage such as 31%".into(),
        UnitClass::Count(Noun::Parameters) => "a parameter count such as 100B or 1000亿".into(),
        UnitClass::Count(n) => format!("a count of {n} such as 1000 or 1.5亿"),
        UnitClass::Seconds => "seconds such as 0.68秒".into(),
        UnitClass::TokensPerSecond => "a rate such as 558 tokens/秒".into(),
        UnitClass::Score => "a score such as 93.4% or 73.32".into(),
        UnitClass::Rank => "a rank: a whole number from 1".into(),
    }
}

fn claim_matches(claim: &Claim, op: Op, want: &Want) -> bool {
    match (want, &claim.value.shape) {
        (
            Want::Amount(w, unit),
            Shape::Quantity {
                amount, unit: u, ..
            },
        ) => {
            if unit.is_none_or(|x| x == *u) {
                compare_numbers(*amount, *amount, *w, op)
            } else {
                op == Op::Ne
            }
        }
        (Want::Amount(w, unit), Shape::Range { min, max, unit: u }) => {
            if unit.is_none_or(|x| x == *u) {
                compare_numbers(*min, *max, *w, op)
            } else {
                op == Op::Ne
            }
        }
        (Want::Undisclosed, shape) => compare_eq(*shape == Shape::Undisclosed, op),
        (Want::Date(w), Shape::Date(have)) => compare_dates(*have, *w, op),
        (Want::Text(w), _) => compare_text(&claim.value.text, op, w),
        // Nothing to order: "未公开" is neither above nor below any figure.
        _ => op == Op::Ne,
    }
}

/// `kg list claim --where 'value OP V'`: V read by the claim's own property when it can be.
fn loose_passes(claim: &Claim, op: Op, raw: &str) -> bool {
    let kind = claim.property.value_kind();
    let want = match kind {
        ValueKind::Quantity(class) => {
            want_amount(raw, claim.property, class).unwrap_or(Want::Text(raw.into()))
        }
        ValueKind::Date => Date::parse(raw).map_or(Want::Text(raw.into()), Want::Date),
        _ => Want::Text(raw.into()),
    };
    match want {
        Want::Text(_) if op.orders() => false,
        want => claim_matches(claim, op, &want),
    }
}

fn compare_text(text: &str, op: Op, want: &str) -> bool {
    let (have, want) = (normalize(text), normalize(want));
    match op {
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

fn compare_periods(have: Period, want: Date, op: Op) -> bool {
    let overlap =
        have.start.start_key() <= want.end_key() && want.start_key() <= have.end.end_key();
    match op {
        Op::Eq | Op::Contains => overlap,
        Op::Ne => !overlap,
        Op::Ge => have.start.start_key() >= want.start_key(),
        Op::Gt => have.start.start_key() > want.end_key(),
        Op::Le => have.end.end_key() <= want.end_key(),
        Op::Lt => have.end.end_key() < want.start_key(),
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

/// The kind `kg list KIND` lists (plurals and short names accepted), if it is one; claims
/// are a kind too.
pub fn kind_named(kind: &str) -> Option<NodeKind> {
    parse_kind(kind).ok()
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

impl<'g> Item<'g> {
    /// The item's claims of a property, in load order (for a claim: itself, if it is one).
    fn claims_of(&self, graph: &'g Graph, p: Property) -> Vec<&'g Claim> {
        match self {
            Item::Claim(c) => {
                if c.property == p {
                    vec![*c]
                } else {
                    Vec::new()
                }
            }
            Item::Entity(i, _) => super::claims_about(graph, *i)
                .filter(|c| c.property == p)
                .collect(),
        }
    }
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

/// A claim's qualifier, as a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qual {
    Status,
    Unit,
    AsOf,
    Period,
    Region,
    Segment,
    Scope,
}

impl Qual {
    const ALL: [(&'static str, Qual); 7] = [
        ("status", Qual::Status),
        ("unit", Qual::Unit),
        ("as_of", Qual::AsOf),
        ("period", Qual::Period),
        ("region", Qual::Region),
        ("segment", Qual::Segment),
        ("scope", Qual::Scope),
    ];

    fn from_name(name: &str) -> Option<Qual> {
        Qual::ALL.iter().find(|(n, _)| *n == name).map(|(_, q)| *q)
    }
}

#[derive(Debug, Clone)]
enum Field {
    Id,
    Name,
    Kind,
    Relation {
        edge: &'static str,
        outgoing: bool,
    },
    Detail(&'static str),
    Property(Property),
    /// A qualifier of the claim of a property (entities), or of the claim listed (`None`).
    Qualifier(Option<Property>, Qual),
    OfClaim(&'static str),
}

/// An unknown field: the message and the suggestions.
type FieldError = (String, Option<String>);

impl Field {
    fn property(&self) -> Option<Property> {
        match self {
            Field::Property(p) | Field::Qualifier(Some(p), _) => Some(*p),
            _ => None,
        }
    }

    /// Reads a field name; `single` is the one property the filters name, which bare
    /// `status`, `unit`, `as_of` and `period` are about in an entity listing.
    fn parse(name: &str, kind: NodeKind, single: Option<Property>) -> Result<Field, FieldError> {
        match name {
            "id" => return Ok(Field::Id),
            "name" => return Ok(Field::Name),
            "kind" => return Ok(Field::Kind),
            _ => {}
        }
        if kind == NodeKind::Claim {
            const CLAIM_FIELDS: [&str; 6] =
                ["property", "subject", "object", "source", "line", "value"];
            if let Some(q) = Qual::from_name(name) {
                return Ok(Field::Qualifier(None, q));
            }
            return CLAIM_FIELDS
                .iter()
                .find(|f| **f == name)
                .map(|f| Field::OfClaim(f))
                .ok_or_else(|| {
                    let known = ["id"]
                        .into_iter()
                        .chain(CLAIM_FIELDS)
                        .chain(Qual::ALL.map(|q| q.0));
                    (
                        format!("unknown claim field `{name}`"),
                        Some(suggest(name, known, "a claim field")),
                    )
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
        if let Some((property, qual)) = name.split_once('.') {
            let p = Property::from_name(property)
                .filter(|p| !p.is_relation())
                .ok_or_else(|| unknown_field(property))?;
            let q = Qual::from_name(qual).ok_or_else(|| {
                (
                    format!("unknown qualifier `{qual}`"),
                    Some(suggest(qual, Qual::ALL.iter().map(|q| q.0), "a qualifier")),
                )
            })?;
            return Ok(Field::Qualifier(Some(p), q));
        }
        if let Some(q) = Qual::from_name(name) {
            return match single {
                Some(p) => Ok(Field::Qualifier(Some(p), q)),
                None => Err((
                    format!("`{name}` of which property?"),
                    Some(format!(
                        "name the property, e.g. `valuation.{name}`, or compare one property in the filter"
                    )),
                )),
            };
        }
        match Property::from_name(name) {
            Some(p) if !p.is_relation() => Ok(Field::Property(p)),
            _ => Err(unknown_field(name)),
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
            (Field::Qualifier(None, q), Item::Claim(c)) => {
                qualifier(c, *q).into_iter().map(Val::text).collect()
            }
            (Field::OfClaim(f), Item::Claim(c)) => claim_field(graph, c, f),
            _ => Vec::new(),
        }
    }
}

fn unknown_field(name: &str) -> FieldError {
    let mut known: Vec<&str> = vec!["id", "name"];
    known.extend(RELATIONS.iter().map(|r| r.0));
    known.extend([
        "role",
        "country",
        "region",
        "segment",
        "scope",
        "source_kind",
    ]);
    known.extend(Property::ALL.iter().map(|p| p.name()));
    let close = crate::load::closest(name, known.into_iter(), 3);
    (
        format!("unknown field `{name}`"),
        Some(if close.is_empty() {
            "a field is a relation, a detail, a claim property or PROPERTY.QUALIFIER".into()
        } else {
            format!("did you mean {}?", close.join(", "))
        }),
    )
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
    match name {
        "property" => vec![Val::text(c.property.name())],
        "subject" => vec![Val::text(graph.entity_id(c.subject))],
        "object" => c
            .object
            .iter()
            .map(|&o| Val::text(graph.entity_id(o)))
            .collect(),
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

#[derive(Debug, Clone)]
enum SortKey {
    Missing,
    /// An amount, with the group of amounts it compares with (unit, and for shares the
    /// market).
    Amount {
        group: String,
        amount: f64,
    },
    Number(f64),
    Date((i32, u8, u8)),
    Text(String),
}

impl SortKey {
    fn cmp_with(&self, other: &SortKey) -> Ordering {
        match (self, other) {
            (SortKey::Amount { amount: a, .. }, SortKey::Amount { amount: b, .. })
            | (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            (SortKey::Date(a), SortKey::Date(b)) => a.cmp(b),
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            // Mixed kinds: amounts, numbers, then dates, then text.
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            SortKey::Amount { .. } => 0,
            SortKey::Number(_) => 1,
            SortKey::Date(_) => 2,
            SortKey::Text(_) => 3,
            SortKey::Missing => 4,
        }
    }
}

/// What a claim's amount compares with: the same unit, and for percentages (shares, growth)
/// the same market or, without one, the same qualifiers.
fn group_of(graph: &Graph, claim: &Claim, unit: Unit) -> String {
    let mut group = unit.name().to_string();
    if matches!(unit, Unit::Percent | Unit::PercentagePoints) {
        if let Some(o) = claim.object {
            group = format!("{group} of {}", graph.entity_id(o));
        } else {
            let q = &claim.qualifiers;
            let what: Vec<&str> = [&q.region, &q.segment, &q.scope]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            if !what.is_empty() {
                group = format!("{group} ({})", what.join(", "));
            }
        }
    }
    group
}

fn sort_key_of_claim(graph: &Graph, claim: &Claim) -> SortKey {
    match &claim.value.shape {
        Shape::Quantity { amount, unit, .. } => SortKey::Amount {
            group: group_of(graph, claim, *unit),
            amount: *amount,
        },
        Shape::Range { min, unit, .. } => SortKey::Amount {
            group: group_of(graph, claim, *unit),
            amount: *min,
        },
        Shape::Date(d) => SortKey::Date(d.start_key()),
        Shape::Undisclosed | Shape::None => SortKey::Missing,
        Shape::Text => SortKey::Text(claim.value.text.clone()),
    }
}

fn sort_key_of_text(text: &str) -> SortKey {
    if let Ok(x) = text.parse::<f64>() {
        return SortKey::Number(x);
    }
    if let Ok(d) = Date::parse(text) {
        return SortKey::Date(d.start_key());
    }
    SortKey::Text(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_count_in_comparisons() {
        let p = Property::ParametersTotal;
        let class = UnitClass::Count(Noun::Parameters);
        let amount = |v: &str| match want_amount(v, p, class) {
            Ok(Want::Amount(x, u)) => format!("{x} {}", u.map_or("any", |u| u.name())),
            Ok(other) => format!("{other:?}"),
            Err((m, _)) => format!("error: {m}"),
        };
        assert_eq!(amount("100e9"), "100000000000 any");
        assert_eq!(amount("100B"), "100000000000 parameters");
        assert_eq!(amount("1000亿"), "100000000000 parameters");
        assert!(amount("100亿美元").starts_with("error: `100亿美元` is a currency amount"));
        assert!(amount("100 bananas").starts_with("error: `100 bananas`: unknown unit `bananas`"));
        assert!(amount("inf").starts_with("error"));
        assert!(compare_numbers(1e11, 1e11, 1e11, Op::Ge));
        assert!(!compare_numbers(7e10, 7e10, 1e11, Op::Ge));
        assert!(!compare_numbers(3e13, 6.5e13, 5e13, Op::Ge));
    }
}
