//! Rates: a CAGR or a growth rate against the subject's figures at both ends, and "doubled",
//! "N times" against the two figures it relates.

use crate::audit::index::Index;
use crate::audit::words::{
    at, bare, like, list_and, overlaps, pct, span, stated, trim_number, what, year_of,
};
use crate::audit::{finding, Finding, FindingCode};
use crate::model::{Claim, Details, Qualifiers, Status};
use crate::property::Property;
use crate::value::{Shape, Unit};
use std::collections::BTreeMap;

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

pub(crate) fn cagr(idx: &Index, out: &mut Vec<Finding>) {
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

pub(crate) fn growth(idx: &Index, out: &mut Vec<Finding>) {
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

pub(crate) fn multiples(idx: &Index, out: &mut Vec<Finding>) {
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
