//! The one escaping function: every id, label, tooltip and cluster title of a diagram goes
//! through [`quote`] before it reaches DOT.
//!
//! dot-writer writes what it is given verbatim, so this is the only thing between the data
//! (Chinese text, quotes, pipes, backslashes, control characters) and a DOT file Graphviz
//! cannot parse or renders wrongly.

/// Quotes `text` as a DOT double-quoted string, ready to be written as an id or an attribute
/// value: `"...`"` with the surrounding quotes.
///
/// - `"` and `\` are backslash-escaped, so the string ends where it should and no `\N`,
///   `\G`, `\l` or line continuation is ever formed from the data;
/// - `{`, `}`, `<`, `>` and `|` (record-label syntax) are backslash-escaped, so they show as
///   themselves in any label (Graphviz drops the backslash when it draws them);
/// - `&` becomes `&amp;`, because Graphviz reads HTML entities in plain labels (`&lt;` would
///   otherwise show as `<`);
/// - a line break `\n` becomes DOT's centred line break `\n`;
/// - other control characters (C0, DEL and C1) become their visible `U+XXXX` form, since
///   Graphviz's SVG would otherwise be invalid XML;
/// - everything else, any Unicode, passes through unchanged.
///
/// Distinct inputs give distinct outputs as long as they hold no control character other than
/// `\n` (ids are slugs, so escaped ids never collide).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '{' | '}' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("U+{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    fn check(input: &str, expect: &str) {
        assert_eq!(quote(input), expect, "input {input:?}");
    }

    #[test]
    fn escapes() {
        check("llama-3.1-405b", r#""llama-3.1-405b""#);
        check(r#"say "hi""#, r#""say \"hi\"""#);
        check(r"a\nb", r#""a\\nb""#);
        check("a\nb", r#""a\nb""#);
        check("a\r\nb", r#""aU+000D\nb""#);
        check("{x|y}", r#""\{x\|y\}""#);
        check("<b>", r#""\<b\>""#);
        check("AT&T &lt;", r#""AT&amp;T &amp;lt;""#);
        check("百川智能", r#""百川智能""#);
        check("a\u{0}b\u{7f}\u{85}", r#""aU+0000bU+007FU+0085""#);
        check("", r#""""#);
        check(r"\N", r#""\\N""#);
    }

    #[test]
    fn distinct_inputs_stay_distinct() {
        let inputs = [
            "a\\nb", "a\nb", "a\"b", "a\\\"b", "a&amp;b", "a&b", "x\\", "x",
        ];
        let mut seen: Vec<String> = inputs.iter().map(|s| quote(s)).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), inputs.len());
    }

    /// Runs Graphviz's `dot -Tsvg` on `dot`, returning (exit success, stderr).
    fn render(dot: &str) -> (bool, String) {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = match Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(child) => child,
            Err(e) => panic!(
                "cannot run Graphviz's `dot` ({e}): this test renders escaped strings with it; \
                 install it with `apt-get install graphviz fonts-noto-cjk` (CI does)"
            ),
        };
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(dot.as_bytes())
                .expect("dot reads its input");
        }
        let output = child.wait_with_output().expect("dot runs to the end");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Strings heavy in what DOT, Graphviz labels and SVG treat specially.
    fn nasty() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex(
            "([\\\"{}<>|&;#:\\[\\]=,\n\r\t ]|[\\x00-\\x1f\\x7f-\\x9f]|\\\\[nlrNGETHL]|&[a-z#0-9]{0,5};|\\\\|[a-z]|中文|百川|\\u{1F600}|\\u{200B}|\\u{FEFF}|\\u{E000}){0,24}",
        )
        .expect("the pattern is valid")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 24,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Whatever the strings, a graph that uses them as ids, labels, tooltips and a
        /// cluster title renders with no error and no warning.
        #[test]
        fn any_string_renders(
            picked in proptest::collection::vec(nasty(), 3),
            arbitrary in proptest::prelude::any::<String>(),
        ) {
            let [a, b, c] = [&picked[0], &picked[1], &picked[2]];
            let dot = format!(
                "digraph {{\n  graph [label={}];\n  subgraph cluster_0 {{\n    label={};\n    \
                 {} [label={}, tooltip={}, shape=box];\n  }}\n  {} [label={}, shape=note];\n  \
                 {} [label={}, shape=record];\n  {} -> {} [label={}, tooltip={}];\n}}\n",
                quote(c),
                quote(b),
                quote(&format!("n{a}")),
                quote(a),
                quote(b),
                quote(&format!("m{b}")),
                quote(&arbitrary),
                quote(&format!("r{c}")),
                quote(c),
                quote(&format!("n{a}")),
                quote(&format!("m{b}")),
                quote(&arbitrary),
                quote(a),
            );
            let (ok, stderr) = render(&dot);
            proptest::prop_assert!(ok, "dot failed on\n{dot}\n{stderr}");
            proptest::prop_assert!(stderr.is_empty(), "dot warned on\n{dot}\n{stderr}");
        }
    }
}
