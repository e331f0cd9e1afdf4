//! Time: a successor or derivative released before what it comes from, a figure dated after
//! the document that reports it, a "latest" figure that is not.

use super::index::Index;
use super::words::{at, pct, span, stated};
use super::{finding, Finding, FindingCode};
use crate::compare::disagree;
use crate::date::Date;
use crate::model::{Claim, Details, Status};
use crate::property::Property;
use crate::value::Shape;

/// Release dates: an entity's own first release_date claim, or else its earliest member's;
/// by entity index (a table as long as the entities: a hash map of a million dates was
/// a tenth of `kg check`'s time on a million models).
fn release_dates(idx: &Index) -> Vec<Option<(u32, Date)>> {
    let mut own: Vec<Option<(u32, Date)>> = vec![None; idx.graph.entities.len()];
    for (i, c) in idx.graph.claims.iter().enumerate() {
        if c.property == Property::ReleaseDate && c.status != Status::Editorial {
            if let Shape::Date(d) = c.value.shape {
                own[c.subject as usize].get_or_insert((i as u32, d));
            }
        }
    }
    let mut dates = own.clone();
    for c in &idx.graph.claims {
        if c.property != Property::MemberOf {
            continue;
        }
        let (Some(family), Some((ci, d))) = (c.object, own[c.subject as usize]) else {
            continue;
        };
        if own[family as usize].is_some() {
            continue;
        }
        let e = dates[family as usize].get_or_insert((ci, d));
        if d.start_key() < e.1.start_key() {
            *e = (ci, d);
        }
    }
    dates
}

pub(crate) fn date_order(idx: &Index, out: &mut Vec<Finding>) {
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
        let (Some((lc, ld)), Some((ec, ed))) = (dates[c.subject as usize], dates[earlier as usize])
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

pub(crate) fn as_of_after_document(idx: &Index, out: &mut Vec<Finding>) {
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

pub(crate) fn latest(idx: &Index, out: &mut Vec<Finding>) {
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
