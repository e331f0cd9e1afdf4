//! Two subjects at the same rank of the same list: "first" claimed twice. Ranks are claims
//! about each ranked subject, so two sources that crown different leaders never meet in
//! one subject's conflicts; this rule brings them together. A list is the rank's object and
//! qualifiers (as-of, period, region, segment, scope): two ranks meet only when both are
//! the same, so lists the data tells apart stay apart.

use super::words::{at, describe_qualifiers, list_and};
use super::{finding, Finding, FindingCode};
use crate::graph::Graph;
use crate::model::Qualifiers;
use crate::property::Property;
use crate::value::Shape;
use std::collections::HashMap;

/// Runs the rule over every rank claim.
pub(super) fn rank_taken_twice(graph: &Graph, out: &mut Vec<Finding>) {
    // (object, qualifiers, position) → claims, in load order; groups in order of first claim.
    let mut groups: HashMap<(Option<u32>, &Qualifiers, u64), Vec<u32>> = HashMap::new();
    let mut order: Vec<(Option<u32>, &Qualifiers, u64)> = Vec::new();
    for (i, c) in graph.claims.iter().enumerate() {
        if c.property != Property::Rank {
            continue;
        }
        // Unlisted ranks (no object, no scope) name no list: nothing to compare.
        if c.object.is_none() && c.qualifiers.scope.is_none() {
            continue;
        }
        let Shape::Quantity {
            amount,
            bound: None,
            ..
        } = c.value.shape
        else {
            continue;
        };
        let key = (c.object, &c.qualifiers, amount as u64);
        let group = groups.entry(key).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(i as u32);
    }
    for key in order {
        let claims = &groups[&key];
        let mut subjects: Vec<u32> = claims
            .iter()
            .map(|&c| graph.claims[c as usize].subject)
            .collect();
        subjects.sort_unstable();
        subjects.dedup();
        if subjects.len() < 2 {
            continue;
        }
        let (object, qualifiers, position) = key;
        let holders: Vec<String> = claims
            .iter()
            .map(|&c| {
                let claim = &graph.claims[c as usize];
                format!("`{}` ({})", graph.entity_id(claim.subject), at(claim))
            })
            .collect();
        let list = match object {
            Some(o) => format!("`{}`", graph.entity_id(o)),
            None => "the list".to_string(),
        };
        let q = describe_qualifiers(qualifiers);
        out.push(finding(
            FindingCode::RankTakenTwice,
            format!(
                "rank {position} of {list}{} is given to {}: one list has one subject at each rank",
                if q.is_empty() {
                    String::new()
                } else {
                    format!(" ({q})")
                },
                list_and(&holders)
            ),
            claims.clone(),
        ));
    }
}
