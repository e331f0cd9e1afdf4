//! Comparing claims: the interval of amounts a value allows, whether two claims of one fact
//! disagree, and the groups of claims that conflict. Both loading (`conflict` diagnostics)
//! and the audit use them, so they sit on the graph, below both.

use crate::graph::Graph;
use crate::model::{Claim, Qualifiers, Status};
use crate::property::Property;
use crate::value::{Bound, Shape, Unit};

/// The interval of amounts a value allows, with the unit, for comparison.
///
/// Exact figures are taken to be rounded at the precision they are written in (half a unit
/// of their last digit), "约" allows 10 %, and bounds are open on one side.
pub fn interval(claim: &Claim) -> Option<(f64, f64, Unit)> {
    match claim.value.shape {
        Shape::Quantity {
            amount,
            unit,
            bound,
        } => {
            let slack = rounding_slack(&claim.value.text, amount);
            Some(match bound {
                None => (amount - slack, amount + slack, unit),
                Some(Bound::Approx) => (amount * 0.9 - slack, amount * 1.1 + slack, unit),
                Some(Bound::AtLeast) => (amount - slack, f64::INFINITY, unit),
                Some(Bound::AtMost) => (f64::NEG_INFINITY, amount + slack, unit),
            })
        }
        Shape::Range { min, max, unit } => Some((min, max, unit)),
        _ => None,
    }
}

/// Half a unit of the last written digit, scaled to the normalized amount.
fn rounding_slack(text: &str, amount: f64) -> f64 {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let Ok(written) = digits.parse::<f64>() else {
        return 0.0;
    };
    if written == 0.0 {
        return 0.0;
    }
    let decimals = digits.split_once('.').map(|(_, d)| d.len()).unwrap_or(0) as i32;
    let scale = amount / written;
    0.5 * 10f64.powi(-decimals) * scale
}

/// Whether two claims of the same subject, property and qualifiers disagree.
pub fn disagree(a: &Claim, b: &Claim) -> bool {
    match (interval(a), interval(b)) {
        (Some((alo, ahi, au)), Some((blo, bhi, bu))) => au == bu && (ahi < blo || bhi < alo),
        _ => match (&a.value.shape, &b.value.shape) {
            (Shape::Date(x), Shape::Date(y)) => {
                x.end_key() < y.start_key() || y.end_key() < x.start_key()
            }
            (Shape::Text, Shape::Text) => a.value.text.trim() != b.value.text.trim(),
            _ => false,
        },
    }
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
