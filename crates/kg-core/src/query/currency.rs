//! Exchange rates the data itself states, never one from outside: a figure the note gives
//! in two currencies on one line ("11亿欧元（约11.9亿美元）", "超12亿美元（约85亿元）") is two
//! claims of one subject and property cited to one line, and their ratio is a rate with
//! those two claims as its citation. `list --currency` converts with these and nothing else.

use crate::graph::Graph;
use crate::model::Claim;
use crate::value::{Shape, Unit};

/// A rate: one `from` is `rate` of `to`, as two claims of one line state it.
#[derive(Debug, Clone)]
pub struct Rate<'g> {
    /// The currency converted from.
    pub from: Unit,
    /// The currency converted to.
    pub to: Unit,
    /// How many `to` one `from` is.
    pub rate: f64,
    /// The claim in `from` and the claim in `to` whose ratio the rate is.
    pub claims: [&'g Claim; 2],
}

/// A money claim keyed by (subject, property, first cited line), with its amount and unit.
type Money<'g> = ((u32, &'static str, u32), &'g Claim, f64, Unit);

/// Every rate the data states, in load order of the first claim of each pair.
///
/// Complexity: one pass over the claims, plus a sort of the money claims by line.
pub fn rates(graph: &Graph) -> Vec<Rate<'_>> {
    // Money claims keyed by (subject, property, first cited line).
    let mut money: Vec<Money> = graph
        .claims
        .iter()
        .filter_map(|c| match c.value.shape {
            Shape::Quantity { amount, unit, .. } if unit.is_currency() && amount > 0.0 => {
                let line = c.citations.first()?.line;
                Some(((c.subject, c.property.name(), line), c, amount, unit))
            }
            _ => None,
        })
        .collect();
    money.sort_by_key(|(k, ..)| *k);
    let mut out: Vec<Rate> = Vec::new();
    for group in money.chunk_by(|a, b| a.0 == b.0) {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                if a.3 != b.3 && !out.iter().any(|r| r.from == a.3 && r.to == b.3) {
                    out.push(Rate {
                        from: a.3,
                        to: b.3,
                        rate: b.2 / a.2,
                        claims: [a.1, b.1],
                    });
                }
            }
        }
    }
    out
}

/// The rate from one currency to another, stated directly or as its inverse.
pub fn rate_between<'r, 'g>(
    rates: &'r [Rate<'g>],
    from: Unit,
    to: Unit,
) -> Option<(f64, &'r Rate<'g>)> {
    rates.iter().find_map(|r| {
        if r.from == from && r.to == to {
            Some((r.rate, r))
        } else if r.from == to && r.to == from {
            Some((1.0 / r.rate, r))
        } else {
            None
        }
    })
}

/// An amount in a currency, worded like the note (亿 above a hundred million): `16.9亿美元`.
pub fn money_text(amount: f64, unit: Unit) -> String {
    let word = match unit {
        Unit::Usd => "美元",
        Unit::Eur => "欧元",
        Unit::Cny => "元",
        other => other.name(),
    };
    if amount.abs() >= 1e8 {
        let x = (amount / 1e8 * 100.0).round() / 100.0;
        format!("{x}亿{word}")
    } else {
        format!("{}{word}", amount.round())
    }
}
