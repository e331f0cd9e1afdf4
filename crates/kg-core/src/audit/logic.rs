//! Logic: a market larger than a market it is part of, users of a product above those of
//! the company that makes it.

use super::index::Index;
use super::words::{at, pct, span, stated};
use super::{finding, Finding, FindingCode};
use crate::date::Date;
use crate::model::{Details, NodeKind};
use crate::property::Property;
use std::collections::{HashMap, HashSet};

pub(crate) fn part_of_markets(idx: &Index, out: &mut Vec<Finding>) {
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

pub(crate) fn subsets(idx: &Index, out: &mut Vec<Finding>) {
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
        // Found only for an entity with a figure to compare: most models have none.
        let mut developers: Option<Vec<u32>> = None;
        for &(part_prop, whole_prop) in PAIRS {
            for p in idx.figures(ei, part_prop) {
                let pc = idx.claim(p);
                let (Some((plo, _, pu)), Some(pd)) = (span(pc), pc.qualifiers.as_of) else {
                    continue;
                };
                for &org in developers.get_or_insert_with(|| idx.developers(ei)).iter() {
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
