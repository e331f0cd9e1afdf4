//! The auditor: where the data disagrees with itself. Conflicting figures, arithmetic that
//! does not add up (CAGR, growth, shares, mixes, multiples, parameters), dates out of order
//! and subsets larger than their supersets, each finding explained with the numbers.
//!
//! Every check is a pure function of the [`Graph`]; a check that lacks the facts it needs
//! (the years a CAGR spans, the whole a share is of) does not fire. Amounts are compared as
//! intervals: an exact figure is taken to be rounded at the precision it is written in, "约"
//! allows 10 %, a bound is open on one side, a range is a range (see [`crate::interval`]).
//! Currencies are never converted: figures in different units are never compared.

use crate::date::{Date, DatePart};
use crate::diagnostic::Severity;
use crate::graph::Graph;
use crate::model::{Claim, Details, NodeKind, Qualifiers, Status};
use crate::property::Property;
use crate::validate::{disagree, interval};
use crate::value::{Noun, Shape, Unit};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

mod part_whole;
mod ranks;

/// What a finding is about. docs/audit.md lists every code with an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingCode {
    /// Claims of one subject, property and qualifiers whose values disagree.
    Conflict,
    /// A CAGR that no pair of the subject's figures at its years bears out.
    CagrMismatch,
    /// A growth rate that the subject's figures at both ends of it do not bear out.
    GrowthMismatch,
    /// A part's stated share of a whole against the two sizes.
    ShareMismatch,
    /// Shares of one whole that add up to more than 100 %.
    SharesExceed100,
    /// A complete mix (one that has a remainder: "other", "and earlier") short of 100 %.
    MixNot100,
    /// More active than total parameters.
    ActiveExceedsTotal,
    /// A mixture of experts named `NxM` with more parameters than N experts of M.
    MoeSizeMismatch,
    /// "Doubled", "N times" against the two figures it relates.
    MultipleMismatch,
    /// A successor or derivative released before what it comes from.
    DateOrder,
    /// A reported figure dated after the document that reports it.
    AsOfAfterDocument,
    /// A figure called "latest" next to one that is later, or undated and different.
    LatestNotLatest,
    /// A market larger than a market it is part of, at the same date.
    PartExceedsWhole,
    /// A market larger than its whole's own trajectory at a date the whole has no figure
    /// for (the path between the whole's figures before and after it).
    PartExceedsWholeTrend,
    /// Two subjects placed at the same rank of the same list.
    RankTakenTwice,
    /// Users of a product above the users of the company that makes it.
    SubsetExceedsSuperset,
}

impl FindingCode {
    /// Every code, in the order the audit reports them.
    pub const ALL: [FindingCode; 16] = [
        FindingCode::Conflict,
        FindingCode::CagrMismatch,
        FindingCode::GrowthMismatch,
        FindingCode::ShareMismatch,
        FindingCode::SharesExceed100,
        FindingCode::MixNot100,
        FindingCode::ActiveExceedsTotal,
        FindingCode::MoeSizeMismatch,
        FindingCode::MultipleMismatch,
        FindingCode::DateOrder,
        FindingCode::AsOfAfterDocument,
        FindingCode::LatestNotLatest,
        FindingCode::PartExceedsWhole,
        FindingCode::PartExceedsWholeTrend,
        FindingCode::RankTakenTwice,
        FindingCode::SubsetExceedsSuperset,
    ];

    /// The kebab-case name shown to users and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            FindingCode::Conflict => "conflict",
            FindingCode::CagrMismatch => "cagr-mismatch",
            FindingCode::GrowthMismatch => "growth-mismatch",
            FindingCode::ShareMismatch => "share-mismatch",
            FindingCode::SharesExceed100 => "shares-exceed-100",
            FindingCode::MixNot100 => "mix-not-100",
            FindingCode::ActiveExceedsTotal => "active-exceeds-total",
            FindingCode::MoeSizeMismatch => "moe-size-mismatch",
            FindingCode::MultipleMismatch => "multiple-mismatch",
            FindingCode::DateOrder => "date-order",
            FindingCode::AsOfAfterDocument => "as-of-after-document",
            FindingCode::LatestNotLatest => "latest-not-latest",
            FindingCode::PartExceedsWhole => "part-exceeds-whole",
            FindingCode::PartExceedsWholeTrend => "part-exceeds-whole-trend",
            FindingCode::RankTakenTwice => "rank-taken-twice",
            FindingCode::SubsetExceedsSuperset => "subset-exceeds-superset",
        }
    }

    /// The code with this name.
    pub fn from_name(name: &str) -> Option<FindingCode> {
        FindingCode::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether `kg check`'s own validation already reports this code (as `conflict` and
    /// `date-order` diagnostics), so that check does not report it twice.
    pub fn reported_by_check(self) -> bool {
        matches!(self, FindingCode::Conflict | FindingCode::DateOrder)
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One thing the data gets wrong, with the numbers and the claims it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What kind of problem.
    pub code: FindingCode,
    /// How serious: every audit finding is a warning (the data keeps what its sources say).
    pub severity: Severity,
    /// The explanation, with the numbers.
    pub message: String,
    /// Indices into [`Graph::claims`] of every claim the finding rests on, first the one it
    /// is located at.
    pub claims: Vec<u32>,
}

/// Claims of one subject, property, object and qualifiers whose values disagree.
#[derive(Debug, Clone)]
pub struct ConflictGroup<'a> {
    /// The subject.
    pub subject: &'a str,
    /// The property.
    pub property: Property,
    /// The object, if the claims have one.
    pub object: Option<&'a str>,
    /// The qualifiers they share.
    pub qualifiers: &'a Qualifiers,
    /// Every claim of the group (indices into [`Graph::claims`]), in load order.
    pub claims: Vec<u32>,
}

impl ConflictGroup<'_> {
    /// The pairs of the group's claims that disagree, each in load order.
    pub fn disagreeing_pairs(&self, graph: &Graph) -> Vec<(u32, u32)> {
        let mut pairs = Vec::new();
        for (i, &a) in self.claims.iter().enumerate() {
            for &b in &self.claims[i + 1..] {
                if disagree(&graph.claims[a as usize], &graph.claims[b as usize]) {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    }
}

/// Runs every check; findings in the order of [`FindingCode::ALL`], then of the data.
pub fn audit(graph: &Graph) -> Vec<Finding> {
    let idx = Index::build(graph);
    let mut out = Vec::new();
    conflict_findings(graph, &mut out);
    cagr(&idx, &mut out);
    growth(&idx, &mut out);
    share_vs_sizes(&idx, &mut out);
    mixes(&idx, &mut out);
    active_vs_total(&idx, &mut out);
    moe_names(&idx, &mut out);
    multiples(&idx, &mut out);
    date_order(&idx, &mut out);
    as_of_after_document(&idx, &mut out);
    latest(&idx, &mut out);
    part_of_markets(&idx, &mut out);
    part_whole::part_exceeds_whole_trend(graph, &mut out);
    ranks::rank_taken_twice(graph, &mut out);
    subsets(&idx, &mut out);
    out
}

/// Groups of claims that share subject, property, object and qualifiers and of which at
/// least two disagree after unit normalization, in load order of their first claim.
pub fn conflicts(graph: &Graph) -> Vec<ConflictGroup<'_>> {
    use rayon::slice::ParallelSliceMut as _;
    use std::hash::BuildHasher as _;
    // Every figure under what it measures (subject, property, object and the hash of its
    // qualifiers): sorting brings the figures of one fact together without a map of
    // groups, which at millions of claims is most of the cost.
    let mut keyed: Vec<(u32, Property, Option<u32>, u64, u32)> = graph
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.property.is_relation() && c.status != Status::Editorial)
        .map(|(i, c)| {
            let qualifiers = rustc_hash::FxBuildHasher.hash_one(&c.qualifiers);
            (c.subject, c.property, c.object, qualifiers, i as u32)
        })
        .collect();
    keyed.par_sort_unstable();
    let mut out = Vec::new();
    for run in keyed.chunk_by(|a, b| (a.0, a.1, a.2, a.3) == (b.0, b.1, b.2, b.3)) {
        if run.len() < 2 {
            continue;
        }
        // One hash, almost surely one set of qualifiers: split by the qualifiers themselves.
        let mut rest: Vec<u32> = run.iter().map(|k| k.4).collect();
        while let Some(&first) = rest.first() {
            let qualifiers = &graph.claims[first as usize].qualifiers;
            let (members, others): (Vec<u32>, Vec<u32>) = rest
                .iter()
                .partition(|&&c| graph.claims[c as usize].qualifiers == *qualifiers);
            rest = others;
            let any = members.iter().enumerate().any(|(i, &a)| {
                members[i + 1..]
                    .iter()
                    .any(|&b| disagree(&graph.claims[a as usize], &graph.claims[b as usize]))
            });
            if any {
                let first = &graph.claims[first as usize];
                out.push(ConflictGroup {
                    subject: graph.entity_id(first.subject),
                    property: first.property,
                    object: first.object.map(|o| graph.entity_id(o)),
                    qualifiers,
                    claims: members,
                });
            }
        }
    }
    out.sort_unstable_by_key(|g| g.claims[0]);
    out
}

/// Words for a claim's qualifiers: `as_of 2025, scope "..."`.
pub fn describe_qualifiers(q: &Qualifiers) -> String {
    let mut parts = Vec::new();
    if let Some(d) = q.as_of {
        parts.push(format!("as_of {d}"));
    }
    if let Some(p) = q.period {
        parts.push(format!("period {p}"));
    }
    for (name, v) in [
        ("region", &q.region),
        ("segment", &q.segment),
        ("scope", &q.scope),
    ] {
        if let Some(v) = v {
            parts.push(format!("{name} \"{v}\""));
        }
    }
    parts.join(", ")
}

// ---------------------------------------------------------------------------------------
// Indexes over the graph.

struct Index<'g> {
    graph: &'g Graph,
    /// Where each entity's claims start in `by_subject`: entity `e`'s claims are
    /// `by_subject[starts[e]..starts[e + 1]]`.
    starts: Vec<u32>,
    /// Claim indexes grouped by subject (a counting sort), in load order within a subject:
    /// two flat vectors instead of a map of vectors, at millions of claims.
    by_subject: Vec<u32>,
}

impl<'g> Index<'g> {
    fn build(graph: &'g Graph) -> Index<'g> {
        let mut starts = vec![0u32; graph.entities.len() + 1];
        for c in &graph.claims {
            starts[c.subject as usize + 1] += 1;
        }
        for e in 1..starts.len() {
            starts[e] += starts[e - 1];
        }
        let mut next = starts.clone();
        let mut by_subject = vec![0u32; graph.claims.len()];
        for (i, c) in graph.claims.iter().enumerate() {
            let slot = &mut next[c.subject as usize];
            by_subject[*slot as usize] = i as u32;
            *slot += 1;
        }
        Index {
            graph,
            starts,
            by_subject,
        }
    }

    /// The claims about an entity, in load order.
    fn about(&self, subject: u32) -> &[u32] {
        let s = subject as usize;
        &self.by_subject[self.starts[s] as usize..self.starts[s + 1] as usize]
    }

    fn claim(&self, i: u32) -> &'g Claim {
        &self.graph.claims[i as usize]
    }

    /// The figure claims of a subject with a property, not editorial.
    fn figures(&self, subject: u32, property: Property) -> Vec<u32> {
        self.about(subject)
            .iter()
            .copied()
            .filter(|&i| {
                let c = self.claim(i);
                c.property == property && c.status != Status::Editorial
            })
            .collect()
    }

    /// The objects of a subject's relation claims of one property, in load order.
    fn targets(&self, subject: u32, property: Property) -> impl Iterator<Item = u32> + '_ {
        self.about(subject)
            .iter()
            .map(|&i| self.claim(i))
            .filter(move |c| c.property == property && c.property.is_relation())
            .filter_map(|c| c.object)
    }

    /// The id of the entity at an index.
    fn id(&self, entity: u32) -> &'g str {
        self.graph.entity_id(entity)
    }

    /// The name of the entity at an index.
    fn name(&self, entity: u32) -> String {
        self.graph.entities[entity as usize].name.clone()
    }

    /// The organizations that develop an entity, directly or through its families.
    fn developers(&self, id: u32) -> Vec<u32> {
        let mut seen = HashSet::new();
        let mut stack = vec![id];
        let mut out = Vec::new();
        while let Some(x) = stack.pop() {
            if !seen.insert(x) {
                continue;
            }
            for d in self.targets(x, Property::DevelopedBy) {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
            stack.extend(self.targets(x, Property::MemberOf));
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// Numbers and their wording.

/// The interval of a numeric claim: (low, high, unit).
fn span(c: &Claim) -> Option<(f64, f64, Unit)> {
    interval(c)
}

/// The amount a claim states (a range's middle).
fn stated(c: &Claim) -> Option<f64> {
    match c.value.shape {
        Shape::Quantity { amount, .. } => Some(amount),
        Shape::Range { min, max, .. } => Some((min + max) / 2.0),
        _ => None,
    }
}

fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// The number as a claim's text writes it ("1,113.04" → 1113.04), and the text after it.
fn written(text: &str) -> Option<(f64, String)> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let digits: String = rest[..end].chars().filter(|c| *c != ',').collect();
    let n = digits.parse::<f64>().ok()?;
    let suffix = rest[end..]
        .trim_start_matches(['多', '余', '+'])
        .trim()
        .to_string();
    Some((n, suffix))
}

/// The written number without thousands separators ("1113.04").
fn bare(c: &Claim) -> String {
    written(&c.value.text)
        .map(|(n, _)| trim_number(n, 4))
        .unwrap_or_else(|| c.value.text.clone())
}

fn trim_number(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn round_for_reading(x: f64) -> String {
    if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// An amount worded like `reference` ("191.0亿美元" next to "1,113.04亿美元").
fn like(amount: f64, reference: &Claim) -> String {
    if let (Shape::Quantity { amount: ra, .. }, Some((n, suffix))) =
        (&reference.value.shape, written(&reference.value.text))
    {
        if n != 0.0 && *ra != 0.0 && !suffix.contains('%') {
            let scale = ra / n;
            return format!("{}{}", round_for_reading(amount / scale), suffix);
        }
    }
    plain(amount, reference.value.shape.unit())
}

/// An amount in its unit, without a reference wording.
fn plain(amount: f64, unit: Option<Unit>) -> String {
    match unit {
        Some(Unit::Percent) => format!("{}%", round_for_reading(amount)),
        Some(Unit::Usd) => format!("{}亿美元", round_for_reading(amount / 1e8)),
        Some(Unit::Cny) => format!("{}亿元", round_for_reading(amount / 1e8)),
        Some(Unit::Eur) => format!("{}亿欧元", round_for_reading(amount / 1e8)),
        Some(Unit::Count(Noun::Parameters)) | Some(Unit::Count(Noun::Tokens)) => {
            format!("{}B", trim_number(amount / 1e9, 2))
        }
        Some(u) => format!("{} {u}", trim_number(amount, 2)),
        None => trim_number(amount, 2),
    }
}

fn pct(x: f64) -> String {
    format!("{}%", trim_number(x, 1))
}

/// The cited line of a claim, for messages: `line 7`.
fn at(c: &Claim) -> String {
    match c.citations.first() {
        Some(cite) => format!("line {}", cite.line),
        None => "editorial".into(),
    }
}

fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

trait ShapeUnit {
    fn unit(&self) -> Option<Unit>;
}

impl ShapeUnit for Shape {
    fn unit(&self) -> Option<Unit> {
        match self {
            Shape::Quantity { unit, .. } | Shape::Range { unit, .. } => Some(*unit),
            _ => None,
        }
    }
}

fn year_of(d: Option<Date>) -> Option<i32> {
    d.filter(|d| d.part == DatePart::Year).map(|d| d.year)
}

fn what(c: &Claim) -> &'static str {
    if c.status == Status::Forecast {
        "forecast"
    } else {
        "figure"
    }
}

fn finding(code: FindingCode, message: String, claims: Vec<u32>) -> Finding {
    let mut seen = HashSet::new();
    let claims = claims.into_iter().filter(|c| seen.insert(*c)).collect();
    Finding {
        code,
        severity: Severity::Warning,
        message,
        claims,
    }
}

// ---------------------------------------------------------------------------------------
// Conflicts.

fn conflict_findings(graph: &Graph, out: &mut Vec<Finding>) {
    for group in conflicts(graph) {
        let claims: Vec<&Claim> = group
            .claims
            .iter()
            .map(|&i| &graph.claims[i as usize])
            .collect();
        let values: Vec<String> = claims
            .iter()
            .map(|c| format!("{} ({})", c.value.text, at(c)))
            .collect();
        let mut message = format!(
            "`{}` of `{}`{}{} is given as {}",
            group.property,
            group.subject,
            group
                .object
                .map(|o| format!(" for `{o}`"))
                .unwrap_or_default(),
            {
                let q = describe_qualifiers(group.qualifiers);
                if q.is_empty() {
                    String::new()
                } else {
                    format!(" ({q})")
                }
            },
            list_and(&values)
        );
        let amounts: Vec<f64> = claims.iter().filter_map(|c| stated(c)).collect();
        let units: HashSet<Option<Unit>> = claims.iter().map(|c| c.value.shape.unit()).collect();
        if amounts.len() == claims.len() && units.len() == 1 {
            let lo = amounts.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = amounts.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo > 0.0 {
                message.push_str(&format!(
                    ": the largest is {} above the smallest, beyond the precision they are stated in",
                    pct((hi / lo - 1.0) * 100.0)
                ));
            }
        }
        out.push(finding(
            FindingCode::Conflict,
            message,
            group.claims.clone(),
        ));
    }
}

// ---------------------------------------------------------------------------------------
// Arithmetic.

/// The market_size (or other) figures of a subject at a year, with the same region and
/// segment as `like`.
fn figures_at_year(
    idx: &Index,
    subject: u32,
    property: Property,
    year: i32,
    q: &Qualifiers,
) -> Vec<u32> {
    idx.figures(subject, property)
        .into_iter()
        .filter(|&i| {
            let c = idx.claim(i);
            year_of(c.qualifiers.as_of) == Some(year)
                && c.qualifiers.period.is_none()
                && c.qualifiers.region == q.region
                && c.qualifiers.segment == q.segment
                && span(c).is_some()
        })
        .collect()
}

/// The interval of the yearly rate (in %) that takes `a` to `b` in `years`.
fn implied_rate(a: &Claim, b: &Claim, years: i32) -> Option<(f64, f64)> {
    let (alo, ahi, au) = span(a)?;
    let (blo, bhi, bu) = span(b)?;
    if au != bu || years <= 0 || ahi <= 0.0 || blo <= 0.0 {
        return None;
    }
    let n = f64::from(years);
    let lo = ((blo / ahi).powf(1.0 / n) - 1.0) * 100.0;
    let hi = if alo <= 0.0 || !bhi.is_finite() {
        f64::INFINITY
    } else {
        ((bhi / alo).powf(1.0 / n) - 1.0) * 100.0
    };
    Some((lo, hi))
}

fn cagr(idx: &Index, out: &mut Vec<Finding>) {
    for (i, c) in idx.graph.claims.iter().enumerate() {
        if c.property != Property::Cagr || c.status == Status::Editorial {
            continue;
        }
        let Some((rlo, rhi, Unit::Percent)) = span(c) else {
            continue;
        };
        let (end_year, start_years): (i32, Option<i32>) =
            match (c.qualifiers.period, c.qualifiers.as_of) {
                (Some(p), _) => match (year_of(Some(p.start)), year_of(Some(p.end))) {
                    (Some(s), Some(e)) => (e, Some(s)),
                    _ => continue,
                },
                (None, Some(_)) => match year_of(c.qualifiers.as_of) {
                    Some(e) => (e, None),
                    None => continue,
                },
                (None, None) => continue,
            };
        let ends = figures_at_year(
            idx,
            c.subject,
            Property::MarketSize,
            end_year,
            &c.qualifiers,
        );
        if ends.is_empty() {
            continue;
        }
        // Without a stated base year, any earlier year of the data up to the year of the
        // citing document: a CAGR runs from a year its author had figures for.
        let doc_year =
            c.citations
                .first()
                .and_then(|cite| match idx.graph.source_of(cite).details() {
                    Details::Source { date: Some(d), .. } => Some(d.year),
                    _ => None,
                });
        let mut starts: BTreeMap<std::cmp::Reverse<i32>, Vec<u32>> = BTreeMap::new();
        let years: Vec<i32> = match start_years {
            Some(s) => vec![s],
            None => idx
                .figures(c.subject, Property::MarketSize)
                .into_iter()
                .filter_map(|j| year_of(idx.claim(j).qualifiers.as_of))
                .filter(|&y| y < end_year && doc_year.is_none_or(|d| y <= d))
                .collect(),
        };
        for y in years {
            let f = figures_at_year(idx, c.subject, Property::MarketSize, y, &c.qualifiers);
            if !f.is_empty() {
                starts.insert(std::cmp::Reverse(y), f);
            }
        }
        if starts.is_empty() {
            continue;
        }
        let mut compared = false;
        let mut consistent = false;
        for &e in &ends {
            for (std::cmp::Reverse(y), fs) in &starts {
                for &s in fs {
                    if let Some(r) = implied_rate(idx.claim(s), idx.claim(e), end_year - y) {
                        compared = true;
                        consistent |= overlaps(r, (rlo, rhi));
                    }
                }
            }
        }
        if !compared || consistent {
            continue;
        }
        let (r_min, r_max) = match c.value.shape {
            Shape::Range { min, max, .. } => (min, max),
            _ => {
                let r = stated(c).unwrap_or(rlo);
                (r, r)
            }
        };
        let mut clauses = Vec::new();
        let mut claims = vec![i as u32];
        for &e in &ends {
            let end = idx.claim(e);
            let Some(b) = stated(end) else { continue };
            let mut implied = Vec::new();
            for std::cmp::Reverse(y) in starts.keys() {
                let n = end_year - y;
                let growth = |r: f64| (1.0 + r / 100.0).powi(n);
                let factor = |r: f64| trim_number(1.0 + r / 100.0, 4);
                if r_min == r_max {
                    implied.push(format!(
                        "{} in {y} ({} / {}^{n})",
                        like(b / growth(r_min), end),
                        bare(end),
                        factor(r_min)
                    ));
                } else {
                    implied.push(format!(
                        "{} to {} in {y} ({} / {}^{n} to {} / {}^{n})",
                        like(b / growth(r_max), end),
                        like(b / growth(r_min), end),
                        bare(end),
                        factor(r_max),
                        bare(end),
                        factor(r_min)
                    ));
                }
            }
            let mut has = Vec::new();
            let mut rates = Vec::new();
            for (std::cmp::Reverse(y), fs) in &starts {
                let texts: Vec<String> = fs
                    .iter()
                    .map(|&s| idx.claim(s).value.text.clone())
                    .collect();
                has.push(format!("{} for {y}", list_and(&texts)));
                for &s in fs {
                    claims.push(s);
                    if let (Some(a), true) = (stated(idx.claim(s)), b > 0.0) {
                        if a > 0.0 {
                            let r = ((b / a).powf(1.0 / f64::from(end_year - y)) - 1.0) * 100.0;
                            rates.push(format!("{} from {}", pct(r), idx.claim(s).value.text));
                        }
                    }
                }
            }
            claims.push(e);
            clauses.push(format!(
                "{end_year} {} {} at CAGR {}{} implies {}; the data has {} (implied CAGR {})",
                what(end),
                end.value.text,
                c.value.text,
                c.qualifiers
                    .period
                    .map(|p| format!(" over {p}"))
                    .unwrap_or_default(),
                list_and(&implied),
                list_and(&has),
                list_and(&rates)
            ));
        }
        let message = format!(
            "{} of `{}`: {}",
            if start_years.is_some() {
                "CAGR"
            } else {
                "CAGR (base year not stated: every year of the data from before the forecast up to the document tried)"
            },
            idx.id(c.subject),
            clauses.join("; ")
        );
        out.push(finding(FindingCode::CagrMismatch, message, claims));
    }
}

fn growth(idx: &Index, out: &mut Vec<Finding>) {
    for (i, g) in idx.graph.claims.iter().enumerate() {
        if g.property != Property::GrowthRate || g.status == Status::Editorial {
            continue;
        }
        let Some((glo, ghi, Unit::Percent)) = span(g) else {
            continue;
        };
        // Year over year at `as_of`, or from a period's first year to its last.
        let (from, to) = match (g.qualifiers.period, year_of(g.qualifiers.as_of)) {
            (Some(p), _) => match (year_of(Some(p.start)), year_of(Some(p.end))) {
                (Some(s), Some(e)) => (s, e),
                _ => continue,
            },
            (None, Some(y)) => {
                let yoy = g
                    .qualifiers
                    .scope
                    .as_deref()
                    .is_none_or(|s| s.contains("year over year"));
                if !yoy {
                    continue;
                }
                (y - 1, y)
            }
            _ => continue,
        };
        let starts = figures_at_year(idx, g.subject, Property::MarketSize, from, &g.qualifiers);
        let ends = figures_at_year(idx, g.subject, Property::MarketSize, to, &g.qualifiers);
        if starts.is_empty() || ends.is_empty() {
            continue;
        }
        let mut consistent = false;
        for &s in &starts {
            for &e in &ends {
                if let Some(r) = implied_rate(idx.claim(s), idx.claim(e), 1) {
                    // One step from `from` to `to`: the growth over the whole span.
                    let r = if to - from == 1 {
                        r
                    } else {
                        let (a, b) = (idx.claim(s), idx.claim(e));
                        match (span(a), span(b)) {
                            (Some((alo, ahi, _)), Some((blo, bhi, _))) if ahi > 0.0 => (
                                (blo / ahi - 1.0) * 100.0,
                                if alo > 0.0 {
                                    (bhi / alo - 1.0) * 100.0
                                } else {
                                    f64::INFINITY
                                },
                            ),
                            _ => continue,
                        }
                    };
                    consistent |= overlaps(r, (glo, ghi));
                }
            }
        }
        if consistent {
            continue;
        }
        let g_amount = stated(g).unwrap_or(glo);
        let mut parts = Vec::new();
        let mut claims = vec![i as u32];
        for &s in &starts {
            let a = idx.claim(s);
            let Some(av) = stated(a) else { continue };
            let mut actual = Vec::new();
            for &e in &ends {
                let b = idx.claim(e);
                if let Some(bv) = stated(b) {
                    actual.push(format!(
                        "{} ({})",
                        b.value.text,
                        pct((bv / av - 1.0) * 100.0)
                    ));
                }
            }
            parts.push(format!(
                "growth of {} from {} in {from} implies {} in {to}; the data has {}",
                g.value.text,
                a.value.text,
                like(av * (1.0 + g_amount / 100.0), a),
                list_and(&actual)
            ));
            claims.push(s);
        }
        claims.extend(ends.iter().copied());
        out.push(finding(
            FindingCode::GrowthMismatch,
            format!("`{}`: {}", idx.id(g.subject), parts.join("; ")),
            claims,
        ));
    }
}

fn share_vs_sizes(idx: &Index, out: &mut Vec<Finding>) {
    for (i, m) in idx.graph.claims.iter().enumerate() {
        if m.property != Property::MarketShare || m.status == Status::Editorial {
            continue;
        }
        let (Some(whole), Some(date)) = (m.object, m.qualifiers.as_of) else {
            continue;
        };
        let Some((slo, shi, Unit::Percent)) = span(m) else {
            continue;
        };
        let at_date = |subject: u32| -> Vec<u32> {
            idx.figures(subject, Property::MarketSize)
                .into_iter()
                .filter(|&j| {
                    let c = idx.claim(j);
                    c.qualifiers.as_of == Some(date) && c.qualifiers.scope.is_none()
                })
                .collect()
        };
        let parts = at_date(m.subject);
        let wholes = at_date(whole);
        let mut pairs = Vec::new();
        let mut consistent = false;
        for &p in &parts {
            for &w in &wholes {
                let (Some((plo, phi, pu)), Some((wlo, whi, wu))) =
                    (span(idx.claim(p)), span(idx.claim(w)))
                else {
                    continue;
                };
                if pu != wu || wlo <= 0.0 {
                    continue;
                }
                let ratio = (plo / whi * 100.0, phi / wlo * 100.0);
                consistent |= overlaps(ratio, (slo, shi));
                pairs.push((p, w));
            }
        }
        if pairs.is_empty() || consistent {
            continue;
        }
        let texts: Vec<String> = pairs
            .iter()
            .filter_map(|&(p, w)| {
                let (pc, wc) = (idx.claim(p), idx.claim(w));
                Some(format!(
                    "{} / {} = {}",
                    pc.value.text,
                    wc.value.text,
                    pct(stated(pc)? / stated(wc)? * 100.0)
                ))
            })
            .collect();
        let mut claims = vec![i as u32];
        for (p, w) in pairs {
            claims.push(p);
            claims.push(w);
        }
        out.push(finding(
            FindingCode::ShareMismatch,
            format!(
                "`{}` is said to be {} of `{}` in {date}, but the sizes give {}",
                idx.id(m.subject),
                m.value.text,
                idx.id(whole),
                list_and(&texts)
            ),
            claims,
        ));
    }
}

fn mixes(idx: &Index, out: &mut Vec<Finding>) {
    // A mix: shares of one whole at one time, in one breakdown.
    //  - `share` claims with a `mix`: the whole is the object (or the subject when there is
    //    none), the breakdown the mix's name.
    //  - `market_share` claims of organizations with an object: the whole is the object,
    //    the breakdown the mix's name, or else the whole scope.
    type Key<'a> = (
        Property,
        u32,
        Option<Date>,
        Option<String>,
        Option<&'a str>,
        Option<&'a str>,
        String,
    );
    let mut order: Vec<Key> = Vec::new();
    let mut groups: HashMap<Key, Vec<u32>> = HashMap::new();
    for (i, c) in idx.graph.claims.iter().enumerate() {
        if c.status == Status::Editorial || span(c).is_none() {
            continue;
        }
        let (whole, breakdown) = match c.property {
            Property::Share => {
                let Some(mix) = c.mix() else {
                    continue;
                };
                (c.object.unwrap_or(c.subject), mix.name.clone())
            }
            Property::MarketShare => {
                let Some(o) = c.object else {
                    continue;
                };
                let org = idx.graph.subject(c).kind == NodeKind::Organization;
                if !org {
                    continue;
                }
                let breakdown = match c.mix() {
                    Some(mix) => mix.name.clone(),
                    None => c.qualifiers.scope.clone().unwrap_or_default(),
                };
                (o, breakdown)
            }
            _ => continue,
        };
        let key = (
            c.property,
            whole,
            c.qualifiers.as_of,
            c.qualifiers.period.map(|p| p.to_string()),
            c.qualifiers.region.as_deref(),
            c.qualifiers.segment.as_deref(),
            breakdown,
        );
        let members = groups.entry(key.clone()).or_default();
        if members.is_empty() {
            order.push(key);
        }
        members.push(i as u32);
    }
    for key in order {
        let Some(members) = groups.remove(&key) else {
            continue;
        };
        // One figure per part: a restatement of the same part counts once.
        let mut parts: Vec<u32> = Vec::new();
        for &m in &members {
            let c = idx.claim(m);
            let dup = parts.iter().any(|&p| {
                let o = idx.claim(p);
                o.subject == c.subject && o.qualifiers.scope == c.qualifiers.scope
            });
            if !dup {
                parts.push(m);
            }
        }
        if parts.len() < 2 {
            continue;
        }
        let (mut lo, mut hi) = (0.0, 0.0);
        for &p in &parts {
            if let Some((l, h, _)) = span(idx.claim(p)) {
                lo += l.max(0.0);
                hi += h.min(100.0);
            }
        }
        let total: f64 = parts.iter().filter_map(|&p| stated(idx.claim(p))).sum();
        let terms: Vec<String> = parts
            .iter()
            .map(|&p| idx.claim(p).value.text.clone())
            .collect();
        let (property, whole, as_of, period, _, _, breakdown) = &key;
        let whole = idx.id(*whole);
        let when = as_of
            .map(|d| format!(" in {d}"))
            .or_else(|| period.as_ref().map(|p| format!(" over {p}")))
            .unwrap_or_default();
        let what = if breakdown.is_empty() {
            format!("`{property}` of `{whole}`")
        } else {
            format!("`{property}` of `{whole}` ({breakdown})")
        };
        let mixes: Vec<&crate::model::Mix> =
            parts.iter().filter_map(|&p| idx.claim(p).mix()).collect();
        if lo > 100.0 + 1e-9 {
            if mixes.iter().any(|m| m.multiple_answer) {
                continue;
            }
            out.push(finding(
                FindingCode::SharesExceed100,
                format!(
                    "{} parts of {what}{when} add up to {} ({}), more than the whole even at the least their rounding allows ({}); only a multiple-answer question can do that, and the data does not say it is one",
                    parts.len(),
                    pct(total),
                    terms.join(" + "),
                    pct(lo)
                ),
                parts,
            ));
        } else if hi < 100.0 - 1e-9 && mixes.iter().any(|m| m.remainder) {
            out.push(finding(
                FindingCode::MixNot100,
                format!(
                    "{what}{when} is a complete mix (it has a remainder) but adds up to {} ({}), at most {} with rounding: {} of the whole is missing",
                    pct(total),
                    terms.join(" + "),
                    pct(hi),
                    pct(100.0 - hi)
                ),
                parts,
            ));
        }
    }
}

fn active_vs_total(idx: &Index, out: &mut Vec<Finding>) {
    for (i, a) in idx.graph.claims.iter().enumerate() {
        if a.property != Property::ParametersActive || a.status == Status::Editorial {
            continue;
        }
        let Some((alo, _, au)) = span(a) else {
            continue;
        };
        for t in idx.figures(a.subject, Property::ParametersTotal) {
            let total = idx.claim(t);
            let Some((_, thi, tu)) = span(total) else {
                continue;
            };
            if au == tu && alo > thi {
                out.push(finding(
                    FindingCode::ActiveExceedsTotal,
                    format!(
                        "`{}` has {} active parameters ({}) but only {} in total ({}): a model cannot activate more parameters than it has",
                        idx.id(a.subject),
                        a.value.text,
                        at(a),
                        total.value.text,
                        at(total)
                    ),
                    vec![i as u32, t],
                ));
            }
        }
    }
}

/// `NxM<B|T>` in a name ("Mixtral 8x7B"): the number of experts and the size of one.
fn moe_name(name: &str) -> Option<(u32, f64, &str)> {
    for word in name.split_whitespace() {
        let Some((n, m)) = word.split_once(['x', '×']) else {
            continue;
        };
        let Ok(n) = n.parse::<u32>() else { continue };
        let (size, scale) = if let Some(s) = m.strip_suffix('B') {
            (s, 1e9)
        } else if let Some(s) = m.strip_suffix('T') {
            (s, 1e12)
        } else {
            continue;
        };
        let Ok(size) = size.parse::<f64>() else {
            continue;
        };
        if n >= 2 {
            return Some((n, size * scale, word));
        }
    }
    None
}

fn moe_names(idx: &Index, out: &mut Vec<Finding>) {
    for (ei, e) in idx
        .graph
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == NodeKind::Model)
    {
        let ei = ei as u32;
        let Some((n, expert, word)) = moe_name(&e.name) else {
            continue;
        };
        // Experts share their attention layers, so the whole is at most N experts' worth;
        // a name rounds the expert size, hence 10 % of slack.
        let most = f64::from(n) * expert * 1.1;
        for t in idx.figures(ei, Property::ParametersTotal) {
            let total = idx.claim(t);
            let Some((tlo, _, Unit::Count(Noun::Parameters))) = span(total) else {
                continue;
            };
            if tlo > most {
                let mut claims = vec![t];
                let active: Vec<u32> = idx.figures(ei, Property::ParametersActive);
                let active_text = active
                    .first()
                    .map(|&a| format!(" ({} active)", idx.claim(a).value.text))
                    .unwrap_or_default();
                claims.extend(active);
                out.push(finding(
                    FindingCode::MoeSizeMismatch,
                    format!(
                        "{} is named `{word}`, {n} experts of {}: at most about {} parameters in all, but the data gives {} in total{active_text} ({}), {} times that",
                        e.name,
                        plain(expert, Some(Unit::Count(Noun::Parameters))),
                        plain(f64::from(n) * expert, Some(Unit::Count(Noun::Parameters))),
                        total.value.text,
                        at(total),
                        trim_number(tlo / (f64::from(n) * expert), 1)
                    ),
                    claims,
                ));
            }
        }
    }
}

fn multiples(idx: &Index, out: &mut Vec<Finding>) {
    for (i, g) in idx.graph.claims.iter().enumerate() {
        if g.property != Property::GrowthMultiple || g.status == Status::Editorial {
            continue;
        }
        let Some((glo, ghi, _)) = span(g) else {
            continue;
        };
        let Some(line) = g.citations.first().map(|c| (c.source, c.line)) else {
            continue;
        };
        // The figures it relates: the subject's figures about the same object, cited on the
        // same line ("从12%翻倍至24%").
        let mut by_property: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for &j in idx.about(g.subject) {
            let c = idx.claim(j);
            if j as usize == i
                || c.property == Property::GrowthMultiple
                || c.object != g.object
                || c.status == Status::Editorial
                || span(c).is_none()
            {
                continue;
            }
            if c.citations.first().map(|c| (c.source, c.line)) == Some(line) {
                by_property.entry(c.property.name()).or_default().push(j);
            }
        }
        for figures in by_property.values() {
            let [a, b] = figures.as_slice() else { continue };
            let (ca, cb) = (idx.claim(*a), idx.claim(*b));
            let (Some((alo, ahi, au)), Some((blo, bhi, bu))) = (span(ca), span(cb)) else {
                continue;
            };
            if au != bu {
                continue;
            }
            let (small, large, (slo, shi), (llo, lhi)) = if stated(ca) <= stated(cb) {
                (ca, cb, (alo, ahi), (blo, bhi))
            } else {
                (cb, ca, (blo, bhi), (alo, ahi))
            };
            if slo <= 0.0 {
                continue;
            }
            let ratio = (llo / shi, lhi / slo);
            if overlaps(ratio, (glo, ghi)) {
                continue;
            }
            let (Some(sv), Some(lv)) = (stated(small), stated(large)) else {
                continue;
            };
            out.push(finding(
                FindingCode::MultipleMismatch,
                format!(
                    "`{}`: {} (×{}) from {} to {} ({}) is ×{}, not ×{}",
                    idx.id(g.subject),
                    g.value.text,
                    trim_number(stated(g).unwrap_or(glo), 2),
                    small.value.text,
                    large.value.text,
                    at(g),
                    trim_number(lv / sv, 2),
                    trim_number(stated(g).unwrap_or(glo), 2)
                ),
                vec![i as u32, *a, *b],
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Time.

/// Release dates: an entity's own first release_date claim, or else its earliest member's.
fn release_dates(idx: &Index) -> HashMap<u32, (u32, Date)> {
    let mut own: HashMap<u32, (u32, Date)> = HashMap::new();
    for (i, c) in idx.graph.claims.iter().enumerate() {
        if c.property == Property::ReleaseDate && c.status != Status::Editorial {
            if let Shape::Date(d) = c.value.shape {
                own.entry(c.subject).or_insert((i as u32, d));
            }
        }
    }
    let mut dates = own.clone();
    for c in &idx.graph.claims {
        if c.property != Property::MemberOf {
            continue;
        }
        let (Some(family), Some(&(ci, d))) = (c.object, own.get(&c.subject)) else {
            continue;
        };
        if own.contains_key(&family) {
            continue;
        }
        let e = dates.entry(family).or_insert((ci, d));
        if d.start_key() < e.1.start_key() {
            *e = (ci, d);
        }
    }
    dates
}

fn date_order(idx: &Index, out: &mut Vec<Finding>) {
    let dates = release_dates(idx);
    for (i, c) in idx.graph.claims.iter().enumerate() {
        let verb = match c.property {
            Property::SuccessorOf => "succeeds",
            Property::DerivedFrom => "is derived from",
            _ => continue,
        };
        let Some(earlier) = c.object else {
            continue;
        };
        let (Some(&(lc, ld)), Some(&(ec, ed))) = (dates.get(&c.subject), dates.get(&earlier))
        else {
            continue;
        };
        let earlier = idx.id(earlier);
        if ld.end_key() < ed.start_key() {
            out.push(finding(
                FindingCode::DateOrder,
                format!(
                    "`{}` {verb} `{earlier}` but was released {ld} ({}), before `{earlier}` ({ed}, {})",
                    idx.id(c.subject),
                    at(idx.claim(lc)),
                    at(idx.claim(ec))
                ),
                vec![i as u32, lc, ec],
            ));
        }
    }
}

fn as_of_after_document(idx: &Index, out: &mut Vec<Finding>) {
    for (i, c) in idx.graph.claims.iter().enumerate() {
        if matches!(
            c.status,
            Status::Forecast | Status::Speculated | Status::Editorial
        ) {
            continue;
        }
        let start = match (c.qualifiers.as_of, c.qualifiers.period) {
            (Some(d), _) => d,
            (None, Some(p)) => p.start,
            (None, None) => continue,
        };
        for cite in &c.citations {
            let Details::Source {
                date: Some(doc), ..
            } = idx.graph.source_of(cite).details()
            else {
                continue;
            };
            if start.start_key() > doc.end_key() {
                out.push(finding(
                    FindingCode::AsOfAfterDocument,
                    format!(
                        "`{}` of `{}` is reported ({}) as of {start}, after `{}` was written ({doc}): a figure from the future must be a forecast",
                        c.property,
                        idx.id(c.subject),
                        c.value.text,
                        idx.id(cite.source)
                    ),
                    vec![i as u32],
                ));
                break;
            }
        }
    }
}

fn latest(idx: &Index, out: &mut Vec<Finding>) {
    for (i, l) in idx.graph.claims.iter().enumerate() {
        if !l.latest || l.status == Status::Editorial || span(l).is_none() {
            continue;
        }
        // Figures of the same kind: the subject's, and its funding rounds'.
        let mut subjects = vec![l.subject];
        subjects.extend(idx.targets(l.subject, Property::Raised));
        for s in subjects {
            for j in idx.figures(s, l.property) {
                let c = idx.claim(j);
                if j as usize == i || c.status == Status::Forecast || !disagree_values(l, c) {
                    continue;
                }
                let (Some(lv), Some(cv)) = (stated(l), stated(c)) else {
                    continue;
                };
                let whose = if s == l.subject {
                    format!("`{}`", idx.id(s))
                } else {
                    format!("`{}` ({})", idx.id(s), idx.name(s))
                };
                let change = pct(((lv / cv) - 1.0).abs() * 100.0);
                let direction = if lv < cv { "fall" } else { "rise" };
                let message = match (c.qualifiers.as_of, l.qualifiers.as_of) {
                    (Some(cd), Some(ld)) if cd.start_key() > ld.end_key() => format!(
                        "`{}` of `{}` {} ({}) is called the latest ({}), but {whose} has {} as of {cd}, later",
                        l.property, idx.id(l.subject), l.value.text, at(l),
                        l.qualifiers.scope.as_deref().unwrap_or(""), c.value.text
                    ),
                    (None, _) => format!(
                        "`{}` of `{}` {} ({}) is called the latest, but {whose} has {} ({}), undated: if that came first, the latest is a {direction} of {change}; if it came later, {} is not the latest",
                        l.property, idx.id(l.subject), l.value.text, at(l), c.value.text, at(c), l.value.text
                    ),
                    _ => continue,
                };
                out.push(finding(
                    FindingCode::LatestNotLatest,
                    message,
                    vec![i as u32, j],
                ));
            }
        }
    }
}

fn disagree_values(a: &Claim, b: &Claim) -> bool {
    disagree(a, b)
}

// ---------------------------------------------------------------------------------------
// Logic.

fn part_of_markets(idx: &Index, out: &mut Vec<Finding>) {
    // A part_of that names no entity has no figures and no parent: leaving it out changes
    // nothing.
    let parent: HashMap<u32, u32> = idx
        .graph
        .entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e.details() {
            Details::Market {
                part_of: Some(p), ..
            } => Some((i as u32, idx.graph.entity_index(p)?)),
            _ => None,
        })
        .collect();
    for (ei, e) in idx.graph.entities.iter().enumerate() {
        let ei = ei as u32;
        let mut seen = HashSet::new();
        let mut whole = parent.get(&ei).copied();
        while let Some(w) = whole {
            if !seen.insert(w) {
                break;
            }
            for p in idx.figures(ei, Property::MarketSize) {
                let pc = idx.claim(p);
                let Some((plo, _, pu)) = span(pc) else {
                    continue;
                };
                for wi in idx.figures(w, Property::MarketSize) {
                    let wc = idx.claim(wi);
                    let Some((_, whi, wu)) = span(wc) else {
                        continue;
                    };
                    let same_time = pc.qualifiers.as_of.is_some()
                        && pc.qualifiers.as_of == wc.qualifiers.as_of
                        && pc.qualifiers.period == wc.qualifiers.period;
                    if pu == wu && same_time && plo > whi {
                        let (Some(pv), Some(wv)) = (stated(pc), stated(wc)) else {
                            continue;
                        };
                        out.push(finding(
                            FindingCode::PartExceedsWhole,
                            format!(
                                "{} (`{}`, part of `{}`) is {} in {} ({}), {} more than the whole {} ({}, {})",
                                e.name,
                                e.id,
                                idx.id(w),
                                pc.value.text,
                                pc.qualifiers.as_of.map(|d| d.to_string()).unwrap_or_default(),
                                at(pc),
                                pct((pv / wv - 1.0) * 100.0),
                                idx.name(w),
                                wc.value.text,
                                at(wc)
                            ),
                            vec![p, wi],
                        ));
                    }
                }
            }
            whole = parent.get(&w).copied();
        }
    }
}

fn dates_overlap(a: Date, b: Date) -> bool {
    a.start_key() <= b.end_key() && b.start_key() <= a.end_key()
}

fn subsets(idx: &Index, out: &mut Vec<Finding>) {
    // (the product's property, the company's property): the product's figure cannot exceed.
    const PAIRS: &[(Property, Property)] = &[
        (Property::MonthlyActiveUsers, Property::Users),
        (Property::MonthlyActiveUsers, Property::MonthlyActiveUsers),
        (Property::Users, Property::Users),
    ];
    for (ei, _) in idx
        .graph
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, NodeKind::Model | NodeKind::ModelFamily))
    {
        let ei = ei as u32;
        let developers = idx.developers(ei);
        for &(part_prop, whole_prop) in PAIRS {
            for p in idx.figures(ei, part_prop) {
                let pc = idx.claim(p);
                let (Some((plo, _, pu)), Some(pd)) = (span(pc), pc.qualifiers.as_of) else {
                    continue;
                };
                for &org in &developers {
                    for w in idx.figures(org, whole_prop) {
                        let wc = idx.claim(w);
                        let (Some((_, whi, wu)), Some(wd), Some(wv)) =
                            (span(wc), wc.qualifiers.as_of, stated(wc))
                        else {
                            continue;
                        };
                        // The whole's own figure: an "over N" whole is read as N, the figure
                        // its source chose to give.
                        let ceiling = if whi.is_finite() { whi } else { wv };
                        if pu != wu || !dates_overlap(pd, wd) || plo <= ceiling {
                            continue;
                        }
                        let hedge = if whi.is_finite() {
                            String::new()
                        } else {
                            format!(
                                "; the whole is only bounded below, so the two agree only if it is in fact {} or more",
                                pc.value.text.trim_start_matches(['超', '过'])
                            )
                        };
                        out.push(finding(
                            FindingCode::SubsetExceedsSuperset,
                            format!(
                                "{} alone has {} {} ({}, {}), more than {}'s {} {} ({}, {}): users of one product cannot outnumber all users of the company{hedge}",
                                idx.name(ei),
                                pc.value.text,
                                part_prop.name().replace('_', " "),
                                pd,
                                at(pc),
                                idx.name(org),
                                wc.value.text,
                                wc.qualifiers
                                    .scope
                                    .clone()
                                    .unwrap_or_else(|| whole_prop.name().replace('_', " ")),
                                wd,
                                at(wc)
                            ),
                            vec![p, w],
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_moe_names() {
        assert_eq!(moe_name("Mixtral 8x7B"), Some((8, 7e9, "8x7B")));
        assert_eq!(moe_name("Mixtral 8x22B").map(|m| m.0), Some(8));
        assert_eq!(moe_name("Llama 3.1 405B"), None);
        assert_eq!(moe_name("Qwen2.5-72B"), None);
    }

    #[test]
    fn every_code_has_a_distinct_name() {
        let names: HashSet<&str> = FindingCode::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), FindingCode::ALL.len());
        for c in FindingCode::ALL {
            assert_eq!(FindingCode::from_name(c.name()), Some(c));
        }
    }
}
