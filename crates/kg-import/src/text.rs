//! Lines of an input's text, and the verbatim quotes and columns cut from them.

/// The byte offset where each line starts (line 1 at index 0).
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The text of line `line` (1-based), without its line ending.
pub fn line_text<'t>(text: &'t str, starts: &[usize], line: u32) -> &'t str {
    let Some(&start) = starts.get(line.saturating_sub(1) as usize) else {
        return "";
    };
    let end = starts
        .get(line as usize)
        .map_or(text.len(), |&next| next.saturating_sub(1));
    text.get(start..end.max(start))
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// The 1-based column, in characters, of byte offset `at` of a line.
pub fn column(line: &str, at: usize) -> u32 {
    line.get(..at)
        .map_or(1, |before| before.chars().count() as u32 + 1)
}

/// Whether `text` reads as a number (`2024`, `1.5`, `1e9`): a name that does is dirt.
pub fn is_numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.parse::<f64>().is_ok()
}

/// Matching key of a name: lowercase letters and digits only (case, spaces and punctuation
/// normalized away), so that `LLaMA 2`, `Llama-2` and `llama2` agree.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_counted_as_editors_do() {
        let text = "a,b\r\nκλ,d\nlast";
        let starts = line_starts(text);
        assert_eq!(line_text(text, &starts, 1), "a,b");
        assert_eq!(line_text(text, &starts, 2), "κλ,d");
        assert_eq!(line_text(text, &starts, 3), "last");
        assert_eq!(line_text(text, &starts, 4), "");
        assert_eq!(column("κλ,d", "κλ,".len()), 4);
        assert!(is_numeric(" 2024") && !is_numeric("GPT-4"));
        assert_eq!(normalize("LLaMA 2-13B"), normalize("Llama 2 13B"));
    }
}
