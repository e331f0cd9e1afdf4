//! Ids: the shape of an entity id, the derived id of a claim, and the ids closest to a
//! misspelt one.

use crate::model::Qualifiers;
use crate::property::Property;

/// Whether `id` is a valid slug: lowercase ASCII letters and digits, with `.`, `-` and `_`
/// inside.
pub fn is_slug(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_alphanumeric()
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_')
        })
        && bytes[0] != b'.'
}

/// Up to `limit` ids closest to `wanted` by edit distance, best first (ties by id). The
/// candidates are streamed and only the best `limit` kept, so that a near miss among a
/// million similar ids (`model-1` for `modl-1`) costs one pass.
pub fn closest<S: AsRef<str>>(
    wanted: &str,
    candidates: impl Iterator<Item = S>,
    limit: usize,
) -> Vec<String> {
    let better = |a: &(f64, String), b: &(f64, String)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let mut best: Vec<(f64, String)> = Vec::with_capacity(limit + 1);
    for c in candidates {
        let c = c.as_ref();
        let score = strsim::jaro_winkler(wanted, c);
        if score <= 0.8 || best.len() == limit && best.last().is_some_and(|w| w.0 > score) {
            continue;
        }
        let entry = (score, c.to_string());
        if best.iter().any(|b| b.1 == entry.1) {
            continue;
        }
        let at = best.partition_point(|b| better(b, &entry).is_lt());
        best.insert(at, entry);
        best.truncate(limit);
    }
    best.into_iter().map(|(_, c)| c).collect()
}

/// A readable slug of free text: lowercase, runs of anything but letters and digits become
/// one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_slug(&mut out, text);
    out
}

/// Appends [`slugify`]'s slug of `text` to `out`.
fn push_slug(out: &mut String, text: &str) {
    let start = out.len();
    let mut dash = false;
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() || ch == '.' {
            if dash && out.len() > start {
                out.push('-');
            }
            dash = false;
            out.push(ch);
        } else {
            dash = true;
        }
    }
}

/// The deterministic id of a claim: `subject/property[/object][/qualifiers][/key]@line`.
///
/// Qualifiers appear in a fixed order (as_of, period, region, segment, scope), each as a
/// slug; `line` is the first citation's line, or `editorial` for a claim without one. When
/// the first citation's document is not its file's `source`, the id names it:
/// `...@document:line`.
pub fn claim_id(
    subject: &str,
    property: Property,
    object: Option<&str>,
    q: &Qualifiers,
    key: Option<&str>,
    document: Option<&str>,
    line: Option<u32>,
) -> String {
    let mut id = String::with_capacity(subject.len() + 32);
    write_claim_id(&mut id, subject, property, object, q, key, document, line);
    id
}

/// Writes [`claim_id`]'s id into `id`, emptied first: a buffer used again for each claim
/// allocates nothing (the loader hashes a million ids only to find duplicates).
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_claim_id(
    id: &mut String,
    subject: &str,
    property: Property,
    object: Option<&str>,
    q: &Qualifiers,
    key: Option<&str>,
    document: Option<&str>,
    line: Option<u32>,
) {
    use std::fmt::Write as _;
    id.clear();
    id.push_str(subject);
    id.push('/');
    id.push_str(property.name());
    if let Some(o) = object {
        id.push('/');
        id.push_str(o);
    }
    // Writing to a String cannot fail.
    if let Some(d) = q.as_of {
        let _ = write!(id, "/{d}");
    }
    if let Some(p) = q.period {
        let _ = write!(id, "/{}..{}", p.start, p.end);
    }
    for text in [&q.region, &q.segment, &q.scope].into_iter().flatten() {
        id.push('/');
        push_slug(id, text);
    }
    if let Some(k) = key {
        id.push('/');
        push_slug(id, k);
    }
    match line {
        Some(l) => {
            id.push('@');
            if let Some(doc) = document {
                id.push_str(doc);
                id.push(':');
            }
            let _ = write!(id, "{l}");
        }
        None => id.push_str("@editorial"),
    }
}
