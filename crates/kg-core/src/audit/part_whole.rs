//! A part against its whole across years: a market's figure at a date where its whole has
//! none is compared with the whole's own trajectory, the geometric path between the whole's
//! figures just before and just after that date. The Asia-Pacific market forecast at
//! 940亿美元 in 2030 (line 22) against a global market of 135.2亿美元 in 2029 and 1,113.04亿美元
//! in 2034 (lines 9 and 10): on that path the world is about 206亿美元 in 2030, so the part
//! would be more than four times its whole.
//!
//! Conservative like every rule: the part's lowest reading must exceed the highest the
//! whole's path allows (each end at the top of its interval); units must match; a whole
//! without a figure on both sides of the date, or with one at the date itself (the
//! `part-exceeds-whole` rule's case), is left alone.

use super::words::{at, like, pct, span, stated, trim_number};
use super::{finding, Finding, FindingCode};
use crate::date::Date;
use crate::graph::Graph;
use crate::model::{Claim, Details};
use crate::property::Property;
use std::collections::HashMap;

/// Runs the rule over every market with a `part_of`.
pub(super) fn part_exceeds_whole_trend(graph: &Graph, out: &mut Vec<Finding>) {
    // Market sizes by market, in load order.
    let mut sizes: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, c) in graph.claims.iter().enumerate() {
        if c.property == Property::MarketSize && when(c).is_some() {
            sizes.entry(c.subject).or_default().push(i as u32);
        }
    }
    for (pi, part) in graph.entities.iter().enumerate() {
        let Details::Market {
            part_of: Some(whole_id),
            ..
        } = part.details()
        else {
            continue;
        };
        let Some(whole) = graph.entity_index(whole_id) else {
            continue;
        };
        let whole_figures = sizes.get(&whole).map(Vec::as_slice).unwrap_or_default();
        for &p in sizes
            .get(&(pi as u32))
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let pc = &graph.claims[p as usize];
            let (Some(date), Some((plo, _, unit))) = (when(pc), span(pc)) else {
                continue;
            };
            let year = middle(date);
            let same_unit: Vec<Dated> = whole_figures
                .iter()
                .map(|&w| (w, &graph.claims[w as usize]))
                .filter(|(_, w)| span(w).is_some_and(|(_, _, u)| u == unit))
                .filter_map(|(i, w)| when(w).map(|d| (i, w, middle(d))))
                .collect();
            if same_unit.iter().any(|(_, _, y)| (*y - year).abs() < 1e-9) {
                continue;
            }
            let before = nearest(&same_unit, |y| y < year, |a, b| a > b);
            let after = nearest(&same_unit, |y| y > year, |a, b| a < b);
            let (Some(before), Some(after)) = (before, after) else {
                continue;
            };
            // The highest path: the largest reading at each end.
            let mut best: Option<(f64, &Dated, &Dated)> = None;
            for a in &before {
                for b in &after {
                    let (Some((_, ahi, _)), Some((_, bhi, _))) = (span(a.1), span(b.1)) else {
                        continue;
                    };
                    if ahi <= 0.0 || !ahi.is_finite() || !bhi.is_finite() {
                        continue;
                    }
                    let t = (year - a.2) / (b.2 - a.2);
                    let at_date = ahi * (bhi / ahi).powf(t);
                    if best.is_none_or(|(x, _, _)| at_date > x) {
                        best = Some((at_date, a, b));
                    }
                }
            }
            let Some((whole_max, a, b)) = best else {
                continue;
            };
            if plo <= whole_max {
                continue;
            }
            let (Some(av), Some(bv), Some(pv)) = (stated(a.1), stated(b.1), stated(pc)) else {
                continue;
            };
            let years = (b.2 - a.2) / 12.0;
            let rate = ((bv / av).powf(1.0 / years) - 1.0) * 100.0;
            let path = av * (bv / av).powf((year - a.2) / (b.2 - a.2));
            out.push(finding(
                FindingCode::PartExceedsWholeTrend,
                format!(
                    "{} (`{}`, part of `{}`) is {} in {} ({}), but the whole's own figures put {} at about {} in {}: {} in {} ({}) growing {} a year to {} in {} ({}); the part would be {} times its whole",
                    part.name,
                    part.id,
                    whole_id,
                    pc.value.text,
                    date,
                    at(pc),
                    graph.entities[whole as usize].name,
                    like(path, b.1),
                    date,
                    a.1.value.text,
                    when(a.1).map(|d| d.to_string()).unwrap_or_default(),
                    at(a.1),
                    pct(rate),
                    b.1.value.text,
                    when(b.1).map(|d| d.to_string()).unwrap_or_default(),
                    at(b.1),
                    trim_number(pv / path, 1),
                ),
                vec![p, a.0, b.0],
            ));
        }
    }
}

/// A figure of the whole: its claim index, the claim, and its date's middle in months.
type Dated<'g> = (u32, &'g Claim, f64);

/// When a figure holds: its `as_of`, or the end of its `period`.
fn when(c: &Claim) -> Option<Date> {
    c.qualifiers.as_of.or(c.qualifiers.period.map(|p| p.end))
}

/// The middle of a date, in months since year 0 (2025 → 2025 × 12 + 6.5).
fn middle(d: Date) -> f64 {
    let (ys, ms, _) = d.start_key();
    let (ye, me, _) = d.end_key();
    (f64::from(ys) * 12.0 + f64::from(ms) + f64::from(ye) * 12.0 + f64::from(me)) / 2.0
}

/// The figures at the nearest date on one side (`keep`), all of them if several.
fn nearest<'a, 'g>(
    figures: &'a [Dated<'g>],
    keep: impl Fn(f64) -> bool,
    closer: impl Fn(f64, f64) -> bool,
) -> Option<Vec<&'a Dated<'g>>> {
    let mut best: Option<f64> = None;
    for f in figures.iter().filter(|f| keep(f.2)) {
        if best.is_none_or(|b| closer(f.2, b)) {
            best = Some(f.2);
        }
    }
    let best = best?;
    Some(
        figures
            .iter()
            .filter(|f| (f.2 - best).abs() < 1e-9)
            .collect(),
    )
}
