//! Numbers and their wording in findings: the interval and the amount a claim states, the
//! number as written, and figures rounded for reading in the unit of the claims compared.

use crate::compare::interval;
use crate::date::{Date, DatePart};
use crate::model::{Claim, Qualifiers, Status};
use crate::value::{Noun, Shape, Unit};

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

/// The interval of a numeric claim: (low, high, unit).
pub(crate) fn span(c: &Claim) -> Option<(f64, f64, Unit)> {
    interval(c)
}

/// The amount a claim states (a range's middle).
pub(crate) fn stated(c: &Claim) -> Option<f64> {
    match c.value.shape {
        Shape::Quantity { amount, .. } => Some(amount),
        Shape::Range { min, max, .. } => Some((min + max) / 2.0),
        _ => None,
    }
}

pub(crate) fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// The number as a claim's text writes it ("1,113.04" → 1113.04), and the text after it.
pub(crate) fn written(text: &str) -> Option<(f64, String)> {
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
pub(crate) fn bare(c: &Claim) -> String {
    written(&c.value.text)
        .map(|(n, _)| trim_number(n, 4))
        .unwrap_or_else(|| c.value.text.clone())
}

pub(crate) fn trim_number(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

pub(crate) fn round_for_reading(x: f64) -> String {
    if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// An amount worded like `reference` ("191.0亿美元" next to "1,113.04亿美元").
pub(crate) fn like(amount: f64, reference: &Claim) -> String {
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
pub(crate) fn plain(amount: f64, unit: Option<Unit>) -> String {
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

pub(crate) fn pct(x: f64) -> String {
    format!("{}%", trim_number(x, 1))
}

/// The cited line of a claim, for messages: `line 7`.
pub(crate) fn at(c: &Claim) -> String {
    match c.citations.first() {
        Some(cite) => format!("line {}", cite.line),
        None => "editorial".into(),
    }
}

pub(crate) fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(crate) trait ShapeUnit {
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

pub(crate) fn year_of(d: Option<Date>) -> Option<i32> {
    d.filter(|d| d.part == DatePart::Year).map(|d| d.year)
}

pub(crate) fn what(c: &Claim) -> &'static str {
    if c.status == Status::Forecast {
        "forecast"
    } else {
        "figure"
    }
}

/// Whether a message shows a number that is not finite, as Rust writes one (`inf`, `-inf`,
/// `NaN`), standing alone or before a unit ("NaN亿美元") but not inside a word ("inference").
pub(crate) fn states_a_non_finite_number(message: &str) -> bool {
    ["inf", "NaN"].iter().any(|word| {
        message.match_indices(word).any(|(at, _)| {
            let before = message[..at].chars().next_back();
            let after = message[at + word.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric())
                && !after.is_some_and(|c| c.is_ascii_alphabetic())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_non_finite_numbers_but_not_words() {
        for shown in [
            format!("{}亿美元", f64::NAN),
            format!("{}%", f64::INFINITY),
            format!("x = {}", f64::NEG_INFINITY),
        ] {
            assert!(states_a_non_finite_number(&shown), "{shown}");
        }
        for plain in ["inference cost 5%", "Infinity Labs", "NaNa", "coinflip 3"] {
            assert!(!states_a_non_finite_number(plain), "{plain}");
        }
    }
}
