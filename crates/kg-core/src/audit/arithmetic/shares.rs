//! Shares: a part's share of a whole against the two sizes, and the shares of one mix
//! against 100 %.

use crate::audit::index::Index;
use crate::audit::words::{list_and, overlaps, pct, span, stated};
use crate::audit::{finding, Finding, FindingCode};
use crate::date::Date;
use crate::model::{NodeKind, Status};
use crate::property::Property;
use crate::value::Unit;
use std::collections::HashMap;

pub(crate) fn share_vs_sizes(idx: &Index, out: &mut Vec<Finding>) {
    for (i, m) in idx.graph.claims.iter().enumerate() {
        if m.property != Property::MarketShare || m.status == Status::Editorial {
            continue;
        }
        let (Some(whole), Some(date)) = (m.object, m.qualifiers.as_of) else {
            continue;
        };
        let Some((slo, shi, Unit::Percent)) = span(m) else {
            continue;
        };
        let at_date = |subject: u32| -> Vec<u32> {
            idx.figures(subject, Property::MarketSize)
                .into_iter()
                .filter(|&j| {
                    let c = idx.claim(j);
                    c.qualifiers.as_of == Some(date) && c.qualifiers.scope.is_none()
                })
                .collect()
        };
        let parts = at_date(m.subject);
        let wholes = at_date(whole);
        let mut pairs = Vec::new();
        let mut consistent = false;
        for &p in &parts {
            for &w in &wholes {
                let (Some((plo, phi, pu)), Some((wlo, whi, wu))) =
                    (span(idx.claim(p)), span(idx.claim(w)))
                else {
                    continue;
                };
                if pu != wu || wlo <= 0.0 {
                    continue;
                }
                let ratio = (plo / whi * 100.0, phi / wlo * 100.0);
                consistent |= overlaps(ratio, (slo, shi));
                pairs.push((p, w));
            }
        }
        if pairs.is_empty() || consistent {
            continue;
        }
        let texts: Vec<String> = pairs
            .iter()
            .filter_map(|&(p, w)| {
                let (pc, wc) = (idx.claim(p), idx.claim(w));
                Some(format!(
                    "{} / {} = {}",
                    pc.value.text,
                    wc.value.text,
                    pct(stated(pc)? / stated(wc)? * 100.0)
                ))
            })
            .collect();
        let mut claims = vec![i as u32];
        for (p, w) in pairs {
            claims.push(p);
            claims.push(w);
        }
        out.push(finding(
            FindingCode::ShareMismatch,
            format!(
                "`{}` is said to be {} of `{}` in {date}, but the sizes give {}",
                idx.id(m.subject),
                m.value.text,
                idx.id(whole),
                list_and(&texts)
            ),
            claims,
        ));
    }
}

pub(crate) fn mixes(idx: &Index, out: &mut Vec<Finding>) {
    // A mix: shares of one whole at one time, in one breakdown.
    //  - `share` claims with a `mix`: the whole is the object (or the subject when there is
    //    none), the breakdown the mix's name.
    //  - `market_share` claims of organizations with an object: the whole is the object,
    //    the breakdown the mix's name, or else the whole scope.
    type Key<'a> = (
        Property,
        u32,
        Option<Date>,
        Option<String>,
        Option<&'a str>,
        Option<&'a str>,
        String,
    );
    let mut order: Vec<Key> = Vec::new();
    let mut groups: HashMap<Key, Vec<u32>> = HashMap::new();
    for (i, c) in idx.graph.claims.iter().enumerate() {
        if c.status == Status::Editorial || span(c).is_none() {
            continue;
        }
        let (whole, breakdown) = match c.property {
            Property::Share => {
                let Some(mix) = c.mix() else {
                    continue;
                };
                (c.object.unwrap_or(c.subject), mix.name.clone())
            }
            Property::MarketShare => {
                let Some(o) = c.object else {
                    continue;
                };
                let org = idx.graph.subject(c).kind == NodeKind::Organization;
                if !org {
                    continue;
                }
                let breakdown = match c.mix() {
                    Some(mix) => mix.name.clone(),
                    None => c.qualifiers.scope.clone().unwrap_or_default(),
                };
                (o, breakdown)
            }
            _ => continue,
        };
        let key = (
            c.property,
            whole,
            c.qualifiers.as_of,
            c.qualifiers.period.map(|p| p.to_string()),
            c.qualifiers.region.as_deref(),
            c.qualifiers.segment.as_deref(),
            breakdown,
        );
        let members = groups.entry(key.clone()).or_default();
        if members.is_empty() {
            order.push(key);
        }
        members.push(i as u32);
    }
    for key in order {
        let Some(members) = groups.remove(&key) else {
            continue;
        };
        // One figure per part: a restatement of the same part counts once.
        let mut parts: Vec<u32> = Vec::new();
        for &m in &members {
            let c = idx.claim(m);
            let dup = parts.iter().any(|&p| {
                let o = idx.claim(p);
                o.subject == c.subject && o.qualifiers.scope == c.qualifiers.scope
            });
            if !dup {
                parts.push(m);
            }
        }
        if parts.len() < 2 {
            continue;
        }
        let (mut lo, mut hi) = (0.0, 0.0);
        for &p in &parts {
            if let Some((l, h, _)) = span(idx.claim(p)) {
                lo += l.max(0.0);
                hi += h.min(100.0);
            }
        }
        let total: f64 = parts.iter().filter_map(|&p| stated(idx.claim(p))).sum();
        let terms: Vec<String> = parts
            .iter()
            .map(|&p| idx.claim(p).value.text.clone())
            .collect();
        let (property, whole, as_of, period, _, _, breakdown) = &key;
        let whole = idx.id(*whole);
        let when = as_of
            .map(|d| format!(" in {d}"))
            .or_else(|| period.as_ref().map(|p| format!(" over {p}")))
            .unwrap_or_default();
        let what = if breakdown.is_empty() {
            format!("`{property}` of `{whole}`")
        } else {
            format!("`{property}` of `{whole}` ({breakdown})")
        };
        let mixes: Vec<&crate::model::Mix> =
            parts.iter().filter_map(|&p| idx.claim(p).mix()).collect();
        if lo > 100.0 + 1e-9 {
            if mixes.iter().any(|m| m.multiple_answer) {
                continue;
            }
            out.push(finding(
                FindingCode::SharesExceed100,
                format!(
                    "{} parts of {what}{when} add up to {} ({}), more than the whole even at the least their rounding allows ({}); only a multiple-answer question can do that, and the data does not say it is one",
                    parts.len(),
                    pct(total),
                    terms.join(" + "),
                    pct(lo)
                ),
                parts,
            ));
        } else if hi < 100.0 - 1e-9 && mixes.iter().any(|m| m.remainder) {
            out.push(finding(
                FindingCode::MixNot100,
                format!(
                    "{what}{when} is a complete mix (it has a remainder) but adds up to {} ({}), at most {} with rounding: {} of the whole is missing",
                    pct(total),
                    terms.join(" + "),
                    pct(hi),
                    pct(100.0 - hi)
                ),
                parts,
            ));
        }
    }
}
