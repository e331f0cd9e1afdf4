//! kg's ids for imported entities, derived from what the input calls them.
//!
//! The rule (docs/import.md): the format's prefix (`eg`, `hf`, `epoch`, `tree`), a `.`,
//! then the external id or name lowercased, with ASCII letters, digits, `.` and `_` kept,
//! `/` written as `.`, and every other run of characters as one `-` (trimmed at the ends).
//! When several entities of one import would get the same id (`Org/Model` and
//! `org/model`, a model and an organization both called `DeepSeek`, two assets with one
//! name), each of them gets `-` and the first 8 hex digits of the SHA-256 of `kind:key`
//! appended (`kind` being `model`, `organization`, ...), and an entity whose kind and key
//! are both taken again (a duplicate) also `-2`, `-3`, ... in input order: ids stay
//! deterministic (the same inputs give the same ids) and collision-free. The key itself
//! is kept exactly as the entity's name, which every command accepts in place of the id.

use sha2::{Digest, Sha256};

/// The slug of a key: lowercase ASCII letters, digits, `.`, `_`, `-`; `/` becomes `.`.
pub fn slug(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut dash = false;
    for ch in key.chars() {
        let ch = ch.to_ascii_lowercase();
        let keep = match ch {
            'a'..='z' | '0'..='9' | '_' | '.' => Some(ch),
            '/' => Some('.'),
            _ => None,
        };
        match keep {
            Some(c) => {
                if dash && !out.is_empty() && !out.ends_with('.') && c != '.' {
                    out.push('-');
                }
                dash = false;
                out.push(c);
            }
            None => dash = true,
        }
    }
    let trimmed = out.trim_matches(|c| c == '.' || c == '-' || c == '_');
    if trimmed.is_empty() {
        format!("x{}", short_hash(key))
    } else {
        trimmed.to_string()
    }
}

/// The first 8 hex digits of the SHA-256 of a key.
pub fn short_hash(key: &str) -> String {
    Sha256::digest(key.as_bytes())[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The id of a key in a format: `prefix.slug`.
pub fn id(prefix: &str, key: &str) -> String {
    format!("{prefix}.{}", slug(key))
}

/// The id of a key whose plain id another entity also gets: `kind` tells apart a model and
/// an organization of one name.
pub fn disambiguated(prefix: &str, kind: &str, key: &str) -> String {
    format!(
        "{prefix}.{}-{}",
        slug(key),
        short_hash(&format!("{kind}:{key}"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_what_ids_allow_and_mark_the_rest() {
        for (key, expected) in [
            (
                "mistralai/Mistral-Small-24B-Base-2501",
                "mistralai.mistral-small-24b-base-2501",
            ),
            ("Llama 2-13B", "llama-2-13b"),
            ("T0++", "t0"),
            ("Math\u{03A3}tral", "math-tral"),
            ("GPT-3 175B (davinci)", "gpt-3-175b-davinci"),
            ("Llama 3.1", "llama-3.1"),
        ] {
            assert_eq!(slug(key), expected, "{key}");
            assert!(kg_core::load::is_slug(&id("hf", key)), "{key}");
        }
        assert!(slug("百川").starts_with('x'));
        assert!(kg_core::load::is_slug(&id("eg", "百川")));
    }

    #[test]
    fn colliding_keys_get_distinct_deterministic_ids() {
        let (a, b) = ("Org/Model", "org/model");
        assert_eq!(slug(a), slug(b));
        assert_ne!(
            disambiguated("hf", "model", a),
            disambiguated("hf", "model", b)
        );
        assert_ne!(
            disambiguated("hf", "model", a),
            disambiguated("hf", "organization", a)
        );
        assert_eq!(
            disambiguated("hf", "model", a),
            disambiguated("hf", "model", a)
        );
        assert!(kg_core::load::is_slug(&disambiguated("hf", "model", a)));
    }
}
