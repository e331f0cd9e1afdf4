//! Parameters: active against total, and a mixture of experts named `NxM` against N experts
//! of M.

use crate::audit::index::Index;
use crate::audit::words::{at, plain, span, trim_number};
use crate::audit::{finding, Finding, FindingCode};
use crate::model::{NodeKind, Status};
use crate::property::Property;
use crate::value::{Noun, Unit};

pub(crate) fn active_vs_total(idx: &Index, out: &mut Vec<Finding>) {
    for (i, a) in idx.graph.claims.iter().enumerate() {
        if a.property != Property::ParametersActive || a.status == Status::Editorial {
            continue;
        }
        let Some((alo, _, au)) = span(a) else {
            continue;
        };
        for t in idx.figures(a.subject, Property::ParametersTotal) {
            let total = idx.claim(t);
            let Some((_, thi, tu)) = span(total) else {
                continue;
            };
            if au == tu && alo > thi {
                out.push(finding(
                    FindingCode::ActiveExceedsTotal,
                    format!(
                        "`{}` has {} active parameters ({}) but only {} in total ({}): a model cannot activate more parameters than it has",
                        idx.id(a.subject),
                        a.value.text,
                        at(a),
                        total.value.text,
                        at(total)
                    ),
                    vec![i as u32, t],
                ));
            }
        }
    }
}

/// `NxM<B|T>` in a name ("Mixtral 8x7B"): the number of experts and the size of one.
fn moe_name(name: &str) -> Option<(u32, f64, &str)> {
    for word in name.split_whitespace() {
        let Some((n, m)) = word.split_once(['x', '×']) else {
            continue;
        };
        let Ok(n) = n.parse::<u32>() else { continue };
        let (size, scale) = if let Some(s) = m.strip_suffix('B') {
            (s, 1e9)
        } else if let Some(s) = m.strip_suffix('T') {
            (s, 1e12)
        } else {
            continue;
        };
        let Ok(size) = size.parse::<f64>() else {
            continue;
        };
        if n >= 2 {
            return Some((n, size * scale, word));
        }
    }
    None
}

pub(crate) fn moe_names(idx: &Index, out: &mut Vec<Finding>) {
    for (ei, e) in idx
        .graph
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == NodeKind::Model)
    {
        let ei = ei as u32;
        let Some((n, expert, word)) = moe_name(&e.name) else {
            continue;
        };
        // Experts share their attention layers, so the whole is at most N experts' worth;
        // a name rounds the expert size, hence 10 % of slack.
        let most = f64::from(n) * expert * 1.1;
        for t in idx.figures(ei, Property::ParametersTotal) {
            let total = idx.claim(t);
            let Some((tlo, _, Unit::Count(Noun::Parameters))) = span(total) else {
                continue;
            };
            if tlo > most {
                let mut claims = vec![t];
                let active: Vec<u32> = idx.figures(ei, Property::ParametersActive);
                let active_text = active
                    .first()
                    .map(|&a| format!(" ({} active)", idx.claim(a).value.text))
                    .unwrap_or_default();
                claims.extend(active);
                out.push(finding(
                    FindingCode::MoeSizeMismatch,
                    format!(
                        "{} is named `{word}`, {n} experts of {}: at most about {} parameters in all, but the data gives {} in total{active_text} ({}), {} times that",
                        e.name,
                        plain(expert, Some(Unit::Count(Noun::Parameters))),
                        plain(f64::from(n) * expert, Some(Unit::Count(Noun::Parameters))),
                        total.value.text,
                        at(total),
                        trim_number(tlo / (f64::from(n) * expert), 1)
                    ),
                    claims,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_moe_names() {
        assert_eq!(moe_name("Mixtral 8x7B"), Some((8, 7e9, "8x7B")));
        assert_eq!(moe_name("Mixtral 8x22B").map(|m| m.0), Some(8));
        assert_eq!(moe_name("Llama 3.1 405B"), None);
        assert_eq!(moe_name("Qwen2.5-72B"), None);
    }
}
