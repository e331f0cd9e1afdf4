//! `search`: entities by id, name or alias, in any language, ranked.
//!
//! Matching is on a normalized form ([`normalize`]) that ignores case, full-width forms,
//! spaces, dots, dashes and underscores, so "llama3.1", "Llama 3.1" and "LLaMA-3.1" are all
//! `llama31`. An exact match of the normalized form scores 100, a prefix 50 to 90, a
//! substring 20 to 50 (the closer the lengths, the higher), and when nothing matches at all,
//! names within a small edit distance score below 20.

use crate::graph::Graph;
use crate::model::NodeKind;

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The entity's id.
    pub id: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Its display name.
    pub name: String,
    /// The score, 0 to 100, higher is better.
    pub score: u32,
    /// The id, name or alias that matched.
    pub matched: String,
}

/// Folds text for matching: full-width ASCII forms (U+FF01 to U+FF5E) and the ideographic
/// space to ASCII, lowercase, and spaces, dots, dashes, underscores and middle dots dropped.
pub fn normalize(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    normalize_into(text, &mut folded);
    folded
}

/// [`normalize`] into a buffer (cleared first), with a fast path for ASCII text.
fn normalize_into(text: &str, folded: &mut String) {
    folded.clear();
    if text.is_ascii() {
        folded.extend(
            text.bytes()
                .filter(|b| {
                    !(b.is_ascii_whitespace() || *b == 0x0B || matches!(b, b'.' | b'-' | b'_'))
                })
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    folded.extend(
        text.chars()
            .map(|c| match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            })
            .filter(|c| !(c.is_whitespace() || matches!(c, '.' | '-' | '_' | '·' | '・' | '。')))
            .flat_map(char::to_lowercase),
    );
}

/// Calls `f` with the normalized form of `key`, folded into this thread's buffer.
fn with_normalized<R>(key: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static FOLDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    FOLDED.with(|folded| {
        let mut folded = folded.borrow_mut();
        normalize_into(key, &mut folded);
        f(&folded)
    })
}

/// Whether [`search`] for `text` scores a key (an id, a name, an alias) above zero: its
/// normalized form contains the query's. A test to pick the entities a search can find
/// before building them (a snapshot's part for `kg search`).
pub fn matches(text: &str) -> impl Fn(&str) -> bool + Sync {
    let wanted = normalize(text);
    move |key: &str| !wanted.is_empty() && with_normalized(key, |k| k.contains(&wanted))
}

/// Whether [`search`]'s fallback, taken when no key [`matches`], finds a key: within the
/// edit distance it accepts.
pub fn matches_fuzzily(text: &str) -> impl Fn(&str) -> bool + Sync {
    let wanted = normalize(text);
    move |key: &str| {
        !wanted.is_empty() && with_normalized(key, |k| strsim::jaro_winkler(&wanted, k) > 0.85)
    }
}

/// The entities matching `text`, best first (ties by id), at most `limit`.
///
/// Complexity: linear in the number of entities and their aliases.
pub fn search(graph: &Graph, text: &str, limit: usize) -> Vec<Hit> {
    let wanted = normalize(text);
    if wanted.is_empty() {
        return Vec::new();
    }
    let wanted_len = wanted.chars().count();
    let mut hits: Vec<Hit> = Vec::new();
    for entity in &graph.entities {
        let keys = std::iter::once(&entity.id)
            .chain(std::iter::once(&entity.name))
            .chain(entity.aliases.iter());
        let mut best: Option<(u32, &String)> = None;
        for key in keys {
            let folded = normalize(key);
            let score = score(&wanted, wanted_len, &folded);
            if score > 0 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, key));
            }
        }
        if let Some((score, key)) = best {
            hits.push(Hit {
                id: entity.id.clone(),
                kind: entity.kind,
                name: entity.name.clone(),
                score,
                matched: key.clone(),
            });
        }
    }
    if hits.is_empty() {
        hits = fuzzy(graph, &wanted);
    }
    hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    hits.truncate(limit);
    hits
}

/// The score of one normalized key against the normalized query.
fn score(wanted: &str, wanted_len: usize, key: &str) -> u32 {
    if key == wanted {
        return 100;
    }
    let key_len = key.chars().count().max(1);
    let closeness = wanted_len as f64 / key_len as f64;
    if key.starts_with(wanted) {
        50 + (40.0 * closeness) as u32
    } else if key.contains(wanted) {
        20 + (30.0 * closeness) as u32
    } else {
        0
    }
}

/// When nothing contains the query: keys within a small edit distance (Jaro-Winkler over
/// 0.85), scored 1 to 19.
fn fuzzy(graph: &Graph, wanted: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for entity in &graph.entities {
        let keys = std::iter::once(&entity.id)
            .chain(std::iter::once(&entity.name))
            .chain(entity.aliases.iter());
        let best = keys
            .map(|k| (strsim::jaro_winkler(wanted, &normalize(k)), k))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((similarity, key)) = best {
            if similarity > 0.85 {
                hits.push(Hit {
                    id: entity.id.clone(),
                    kind: entity.kind,
                    name: entity.name.clone(),
                    score: ((similarity - 0.85) / 0.15 * 18.0) as u32 + 1,
                    matched: key.clone(),
                });
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn folds_spelling_variants_together() {
        for variant in [
            "llama3.1",
            "Llama 3.1",
            "LLaMA-3.1",
            "ＬＬａＭＡ　３．１",
            "llama_3.1",
        ] {
            assert_eq!(normalize(variant), "llama31", "{variant}");
        }
        assert_eq!(normalize("百川 智能"), "百川智能");
        // The ASCII fast path folds as the general one does.
        for text in ["A\tB\x0bC\x0cD\rE\nF G", "x.y-z_W", "Mixed 百川 Text"] {
            let general: String = text
                .chars()
                .filter(|c| !(c.is_whitespace() || matches!(c, '.' | '-' | '_')))
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(normalize(text), general, "{text:?}");
        }
    }
}
