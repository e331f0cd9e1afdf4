//! `series`: one figure of one entity over time. Every claim of the property with a date,
//! grouped into points by date (all sources of one date side by side, disagreements marked),
//! and the change between points: the change in percent and the compound annual growth rate
//! (CAGR), between consecutive points or between two dates asked for.
//!
//! Figures measured differently (another unit, region, segment, scope or object) are never
//! compared: each such measure is a track of its own.

use super::{resolve_entity, QueryError};
use crate::date::Date;
use crate::graph::Graph;
use crate::model::Claim;
use crate::property::Property;
use crate::value::{Shape, Unit};

/// One date of a series: every claim stating the figure at that date.
#[derive(Debug, Clone)]
pub struct Point<'g> {
    /// The date (a claim's `as_of`, or the end of its `period`).
    pub date: Date,
    /// The claims, in load order.
    pub claims: Vec<&'g Claim>,
    /// Whether two of them disagree.
    pub conflict: bool,
}

/// The change from one claim to another.
#[derive(Debug, Clone)]
pub struct Change<'g> {
    /// The earlier claim.
    pub from: &'g Claim,
    /// Its date.
    pub from_date: Date,
    /// The later claim.
    pub to: &'g Claim,
    /// Its date.
    pub to_date: Date,
    /// Years between the two dates (by the middle of each, in months / 12).
    pub years: f64,
    /// The change, in percent (`(to / from - 1) × 100`).
    pub change_percent: f64,
    /// The compound annual growth rate, in percent, when the dates are apart.
    pub cagr_percent: Option<f64>,
}

/// A measure tracked over time: one unit and one set of qualifiers.
#[derive(Debug, Clone)]
pub struct Track<'g> {
    /// What the figures measure, in words (unit, region, segment, scope, object).
    pub label: String,
    /// The dates, earliest first.
    pub points: Vec<Point<'g>>,
    /// The changes asked for (consecutive points, or `from` to `to`).
    pub changes: Vec<Change<'g>>,
}

/// A figure over time.
#[derive(Debug, Clone)]
pub struct Series<'g> {
    /// The entity's id.
    pub subject: String,
    /// The property.
    pub property: Property,
    /// One track per measure.
    pub tracks: Vec<Track<'g>>,
    /// Claims of the property with no date, which no series can place.
    pub undated: Vec<&'g Claim>,
}

/// The series of `property` about the entity `id`. With `from` and `to` (dates), the change
/// is between the points at those dates; otherwise between every two consecutive points.
///
/// Complexity: linear in the claims about the entity, plus the pairs of claims of
/// neighbouring points.
pub fn series<'g>(
    graph: &'g Graph,
    id: &str,
    property: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Series<'g>, QueryError> {
    let (index, entity) = resolve_entity(graph, id)?;
    let property = super::parse_property(property)?;
    let date = |text: Option<&str>, flag: &str| {
        text.map(|t| Date::parse(t).map_err(|e| QueryError::BadArgument(format!("{flag}: {e}"))))
            .transpose()
    };
    let (from, to) = (date(from, "--from")?, date(to, "--to")?);
    if from.is_some() != to.is_some() {
        return Err(QueryError::BadArgument(
            "--from and --to go together: the CAGR is between two dates".into(),
        ));
    }
    let claims: Vec<&Claim> = super::claims_about(graph, index)
        .filter(|c| c.property == property)
        .collect();
    let mut tracks: Vec<Track> = Vec::new();
    let mut undated = Vec::new();
    for claim in claims {
        let Some(when) = when(claim) else {
            undated.push(claim);
            continue;
        };
        let label = track_label(graph, claim);
        let track = match tracks.iter_mut().position(|t| t.label == label) {
            Some(i) => &mut tracks[i],
            None => {
                tracks.push(Track {
                    label,
                    points: Vec::new(),
                    changes: Vec::new(),
                });
                tracks.last_mut().expect("just pushed")
            }
        };
        match track.points.iter_mut().find(|p| p.date == when) {
            Some(point) => point.claims.push(claim),
            None => track.points.push(Point {
                date: when,
                claims: vec![claim],
                conflict: false,
            }),
        }
    }
    for track in &mut tracks {
        track
            .points
            .sort_by_key(|p| (p.date.start_key(), p.date.end_key()));
        for point in &mut track.points {
            point.conflict = point
                .claims
                .iter()
                .enumerate()
                .any(|(i, a)| point.claims[i + 1..].iter().any(|b| crate::disagree(a, b)));
        }
        let pairs: Vec<(usize, usize)> = match (from, to) {
            (Some(f), Some(t)) => {
                let at = |d: Date| track.points.iter().position(|p| p.date == d);
                match (at(f), at(t)) {
                    (Some(a), Some(b)) => vec![(a, b)],
                    _ => Vec::new(),
                }
            }
            _ => (1..track.points.len()).map(|i| (i - 1, i)).collect(),
        };
        for (a, b) in pairs {
            let (pa, pb) = (&track.points[a], &track.points[b]);
            for x in &pa.claims {
                for y in &pb.claims {
                    if let Some(change) = change(x, pa.date, y, pb.date) {
                        track.changes.push(change);
                    }
                }
            }
        }
    }
    if let (Some(f), Some(t)) = (from, to) {
        if tracks.iter().all(|t| t.changes.is_empty()) {
            let dates: Vec<String> = tracks
                .iter()
                .flat_map(|t| t.points.iter().map(|p| p.date.to_string()))
                .collect();
            return Err(QueryError::BadArgument(format!(
                "`{}` has no `{property}` figures at both {f} and {t}; its dates are: {}",
                entity.id,
                if dates.is_empty() {
                    "none".to_string()
                } else {
                    dates.join(", ")
                }
            )));
        }
    }
    Ok(Series {
        subject: entity.id.clone(),
        property,
        tracks,
        undated,
    })
}

/// When a claim holds: its `as_of`, or the end of its `period`.
fn when(claim: &Claim) -> Option<Date> {
    claim
        .qualifiers
        .as_of
        .or(claim.qualifiers.period.map(|p| p.end))
}

/// The amount a change is computed from (a range: its middle), and its unit.
fn amount(claim: &Claim) -> Option<(f64, Unit)> {
    match claim.value.shape {
        Shape::Quantity { amount, unit, .. } => Some((amount, unit)),
        Shape::Range { min, max, unit } => Some(((min + max) / 2.0, unit)),
        _ => None,
    }
}

fn track_label(graph: &Graph, claim: &Claim) -> String {
    let q = &claim.qualifiers;
    let mut parts: Vec<String> = Vec::new();
    parts.push(amount(claim).map_or_else(|| "text".into(), |(_, u)| u.name().to_string()));
    if let Some(o) = claim.object {
        parts.push(format!("of {}", graph.entity_id(o)));
    }
    for v in [&q.region, &q.segment, &q.scope].into_iter().flatten() {
        parts.push(v.clone());
    }
    parts.join(", ")
}

fn change<'g>(
    from: &'g Claim,
    from_date: Date,
    to: &'g Claim,
    to_date: Date,
) -> Option<Change<'g>> {
    let (a, ua) = amount(from)?;
    let (b, ub) = amount(to)?;
    if ua != ub || a <= 0.0 {
        return None;
    }
    let middle = |d: Date| {
        let (ys, ms, _) = d.start_key();
        let (ye, me, _) = d.end_key();
        (f64::from(ys) * 12.0 + f64::from(ms) + f64::from(ye) * 12.0 + f64::from(me)) / 2.0
    };
    let years = (middle(to_date) - middle(from_date)) / 12.0;
    let ratio = b / a;
    Some(Change {
        from,
        from_date,
        to,
        to_date,
        years,
        change_percent: (ratio - 1.0) * 100.0,
        cagr_percent: (years > 0.0).then(|| (ratio.powf(1.0 / years) - 1.0) * 100.0),
    })
}
