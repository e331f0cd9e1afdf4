//! Conflicts: claims of one fact (subject, property, object, qualifiers) whose values
//! disagree, grouped by [`crate::compare::conflicts`], explained with the spread of figures.

use super::words::{at, describe_qualifiers, list_and, pct, stated, ShapeUnit};
use super::{finding, Finding, FindingCode};
use crate::compare::conflicts;
use crate::graph::Graph;
use crate::model::Claim;
use crate::value::Unit;
use std::collections::HashSet;

pub(crate) fn conflict_findings(graph: &Graph, out: &mut Vec<Finding>) {
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
            // A spread too wide to be a number (a huge figure over a tiny one) is not given:
            // the conflict stands without it.
            let spread = (hi / lo - 1.0) * 100.0;
            if lo > 0.0 && spread.is_finite() {
                message.push_str(&format!(
                    ": the largest is {} above the smallest, beyond the precision they are stated in",
                    pct(spread)
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
