//! No input makes the loader or `kg` panic: random bytes, and random mutations of the real
//! graph-data files (byte-order marks, CRLF line ends, numbers too large to be amounts among
//! them); no number that is not finite ever shows in a message; and the arguments that read
//! numbers and dates (`--where`, `--as-of`, `--depth`, `--max-nodes`, `--limit`) take any
//! text with exit code 0, 1 or 2.

use kg_core::{load, SourceFile};
use proptest::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

fn real_files() -> Vec<(String, String)> {
    kg_cli::embedded_files()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

/// Fragments that are likely to break RON or the data model in interesting ways.
const FRAGMENTS: &[&str] = &[
    "\"",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "//",
    "/*",
    "r#\"",
    "\\",
    "\u{0}",
    "\u{feff}",
    "亿",
    "405B",
    "-1",
    "1e400",
    "subject: \"x\"",
    "property: nope",
    "value: \"\"",
    "line: 0",
    "line: 99999999999",
    "Some(",
    "#![enable(implicit_some)]",
    "successor_of: \"llama-2\"",
    "id: \"note\"",
    "\n",
    "\"\u{202e}\"",
    "3.01%-",
    "超过",
    "%",
    "年13月",
    "\r\n",
    "\r",
    "NaN",
    "inf",
    "-infinity",
    "1.8e309",
    "0.0000000000000000000000000000000000000001",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// A byte-order mark before the text.
    Bom,
    /// Every line end as CRLF.
    CrLf,
    /// The text of the n-th `value: "..."` replaced.
    SetValue(usize, String),
}

/// Amounts at and past the ends of what a number holds: hundreds of digits, scale words
/// that carry a large figure past the largest one, tiny figures whose ratios overflow, and
/// ranges with such ends.
fn extreme_amount() -> impl Strategy<Value = String> {
    let digits = (1usize..450).prop_map(|n| "9".repeat(n));
    let tiny = (1usize..340).prop_map(|n| format!("0.{}1", "0".repeat(n)));
    let number = prop_oneof![digits, tiny];
    let unit = prop::sample::select(vec![
        "",
        "亿美元",
        "万亿元",
        "亿元",
        "美元",
        "B",
        "T",
        "%",
        "亿",
        " tokens",
        "倍",
    ]);
    prop_oneof![
        (number.clone(), unit.clone()).prop_map(|(n, u)| format!("{n}{u}")),
        (number.clone(), number.clone(), unit.clone()).prop_map(|(a, b, u)| format!("{a}-{b}{u}")),
        (number, unit).prop_map(|(n, u)| format!("超过{n}{u}")),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..64).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0..FRAGMENTS.len()).prop_map(|(a, f)| Mutation::Insert(a, f)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        Just(Mutation::Bom),
        Just(Mutation::CrLf),
        (any::<usize>(), extreme_amount()).prop_map(|(a, v)| Mutation::SetValue(a, v)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let boundary = |i: usize| {
        let mut i = if text.is_empty() {
            0
        } else {
            i % (text.len() + 1)
        };
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match m {
        Mutation::Bom => format!("\u{feff}{text}"),
        Mutation::CrLf => text.replace('\n', "\r\n"),
        Mutation::SetValue(a, value) => set_value(text, *a, value),
        Mutation::Delete(a, n) => {
            let start = boundary(*a);
            let end = boundary(start + n);
            format!("{}{}", &text[..start], &text[end.max(start)..])
        }
        Mutation::Insert(a, f) => {
            let at = boundary(*a);
            format!("{}{}{}", &text[..at], FRAGMENTS[*f], &text[at..])
        }
        Mutation::DuplicateLine(a) | Mutation::SwapLines(a, _) if text.lines().count() == 0 => {
            let _ = a;
            text.to_string()
        }
        Mutation::DuplicateLine(a) => {
            let mut lines: Vec<&str> = text.lines().collect();
            let i = a % lines.len();
            lines.insert(i, lines[i]);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            let n = lines.len();
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
    }
}

/// The text with its n-th (modulo their number) `value: "..."` replaced by `value`.
fn set_value(text: &str, n: usize, value: &str) -> String {
    const KEY: &str = "value: \"";
    let starts: Vec<usize> = text
        .match_indices(KEY)
        .map(|(i, _)| i + KEY.len())
        .collect();
    let Some(&start) = starts.get(n % starts.len().max(1)) else {
        return text.to_string();
    };
    let end = text[start..].find('"').map_or(text.len(), |e| start + e);
    format!("{}{value}{}", &text[..start], &text[end..])
}

/// Whether a message shows a number that is not finite as Rust writes one: `NaN`, `inf`.
fn shows_non_finite(message: &str) -> bool {
    message.contains("NaN")
        || message
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word == "inf")
}

/// The number of cases: `PROPTEST_CASES` when set (for a longer run by hand), else the
/// default that keeps the suite quick.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn load_without_panic(files: Vec<SourceFile>) {
    let result = catch_unwind(AssertUnwindSafe(|| load(&files)));
    assert!(result.is_ok(), "the loader panicked");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        load_without_panic(vec![SourceFile { path: "random.ron".into(), text }]);
    }

    #[test]
    fn mutated_graph_data_never_panics_the_loader(
        file in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut files = real_files();
        let i = file.index(files.len());
        for m in &mutations {
            files[i].1 = apply(&files[i].1, m);
        }
        load_without_panic(files.into_iter().map(|(path, text)| SourceFile { path, text }).collect());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    /// Figures too large (or so small that their ratios overflow) are refused or read, and
    /// neither the loader's diagnostics nor the audit's findings ever show NaN or infinity.
    #[test]
    fn extreme_amounts_never_show_as_nan_or_infinity(
        file in any::<prop::sample::Index>(),
        values in proptest::collection::vec((any::<usize>(), extreme_amount()), 1..6),
    ) {
        let mut files = real_files();
        let i = file.index(files.len());
        for (n, value) in &values {
            files[i].1 = set_value(&files[i].1, *n, value);
        }
        let files: Vec<SourceFile> =
            files.into_iter().map(|(path, text)| SourceFile { path, text }).collect();
        let checked = catch_unwind(AssertUnwindSafe(|| kg_core::check(&files)));
        prop_assert!(checked.is_ok(), "the loader panicked");
        let loaded = checked.expect("checked above");
        for d in &loaded.diagnostics {
            let texts = std::iter::once(&d.message)
                .chain(d.help.iter())
                .chain(d.related.iter().map(|r| &r.message));
            for text in texts {
                prop_assert!(!shows_non_finite(text), "{}: {text}", d.code.name());
            }
        }
        for f in kg_core::audit::audit(&loaded.graph) {
            prop_assert!(!shows_non_finite(&f.message), "{}: {}", f.code, f.message);
        }
        for c in &loaded.graph.claims {
            let finite = match c.value.shape {
                kg_core::value::Shape::Quantity { amount, .. } => amount.is_finite(),
                kg_core::value::Shape::Range { min, max, .. } => min.is_finite() && max.is_finite(),
                _ => true,
            };
            prop_assert!(finite, "{} holds a non-finite amount", c.value.text);
        }
    }

    /// Any text given to an argument that reads a number or a date: no panic, exit 0, 1 or 2.
    #[test]
    fn number_and_date_arguments_take_any_text(argument in argument(), which in 0usize..8) {
        let filter = |field: &str| format!("{field} >= {argument}");
        let args: Vec<String> = match which {
            0 => vec!["list".into(), "model".into(), "--where".into(), filter("parameters_total")],
            1 => vec!["list".into(), "claim".into(), "--where".into(), filter("as_of")],
            2 => vec!["list".into(), "model".into(), "--where".into(), argument.clone()],
            3 => vec!["list".into(), "model".into(), "--sort".into(), argument.clone()],
            4 => ["provenance", "global-llm", "market_size", "--as-of"].iter().map(|a| a.to_string()).chain([argument.clone()]).collect(),
            5 => ["lineage", "llama", "--depth"].iter().map(|a| a.to_string()).chain([argument.clone()]).collect(),
            6 => ["export", "dot", "--view", "lineage", "--max-nodes"].iter().map(|a| a.to_string()).chain([argument.clone()]).collect(),
            _ => ["search", "llama", "--limit"].iter().map(|a| a.to_string()).chain([argument.clone()]).collect(),
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = catch_unwind(|| kg_tests::kg(&args));
        prop_assert!(out.is_ok(), "kg panicked on {args:?}");
        let out = out.expect("checked above");
        prop_assert!(out.code <= 2, "exit code {} on {args:?}", out.code);
        prop_assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

/// Text for an argument: anything, numbers of every size and spelling, date-like shapes.
fn argument() -> impl Strategy<Value = String> {
    let spelled = prop::sample::select(vec![
        "NaN",
        "nan",
        "inf",
        "-inf",
        "+infinity",
        "1e400",
        "-1e400",
        "1e308",
        "0",
        "-0",
        "-1",
        "2024-13",
        "2024-H3",
        "0000",
        "2024年13月",
    ]);
    prop_oneof![
        ".{0,24}",
        "-?[0-9]{1,30}(\\.[0-9]{0,5})?(e-?[0-9]{1,4})?",
        "[0-9]{1,12}(-[0-9]{1,3}){0,2}",
        extreme_amount(),
        spelled.prop_map(str::to_string),
    ]
}

/// Numbers that do not fit a finite amount are refused with exit code 2 wherever an
/// argument reads one, rather than compared with everything or nothing.
#[test]
fn non_finite_numbers_in_arguments_are_refused() {
    let huge = format!("{}亿美元", "9".repeat(400));
    for value in ["1e400", "-1e400", "inf", "NaN", huge.as_str()] {
        let filter = format!("parameters_total >= {value}");
        let out = kg_tests::kg(&["list", "model", "--where", &filter]);
        assert_eq!(out.code, 2, "{filter}: {}", out.stdout);
        // The filter parser names the value it cannot read as an amount, with a caret.
        assert!(
            out.stderr.starts_with("error: ") && out.stderr.contains(value),
            "{}",
            out.stderr
        );
    }
    // A name may still be a word that spells infinity.
    let out = kg_tests::kg(&["list", "model", "--where", "name = Infinity"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for args in [
        vec!["lineage", "llama", "--depth", "1e400"],
        vec!["search", "llama", "--limit", "99999999999999999999999999"],
        vec!["export", "dot", "--view", "lineage", "--max-nodes", "1e400"],
        vec![
            "provenance",
            "global-llm",
            "market_size",
            "--as-of",
            "99999999999",
        ],
    ] {
        let out = kg_tests::kg(&args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(24), ..ProptestConfig::default() })]

    /// The whole binary path: files on disk, `kg check` and `kg check --json`.
    #[test]
    fn mutated_files_never_panic_kg(
        mutations in proptest::collection::vec(mutation(), 1..4),
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
        file in any::<prop::sample::Index>(),
    ) {
        let dir = kg_tests::tempdir("never-panics");
        let files = real_files();
        let i = file.index(files.len());
        for (n, (path, text)) in files.iter().enumerate() {
            let target = dir.join(path.trim_start_matches("graph-data/"));
            std::fs::create_dir_all(target.parent().expect("has a parent")).expect("temp dir is writable");
            let mut text = text.clone();
            if n == i {
                for m in &mutations {
                    text = apply(&text, m);
                }
                let mut raw = text.into_bytes();
                raw.extend_from_slice(&bytes);
                std::fs::write(&target, raw).expect("temp dir is writable");
            } else {
                std::fs::write(&target, text).expect("temp dir is writable");
            }
        }
        for json in [false, true] {
            let mut args = vec!["check", "--data", dir.to_str().expect("UTF-8 temp path")];
            if json {
                args.push("--json");
            }
            let out = catch_unwind(|| kg_tests::kg(&args));
            prop_assert!(out.is_ok(), "kg panicked");
            let out = out.expect("checked above");
            prop_assert!(out.code <= 2, "exit code {}", out.code);
            prop_assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        }
        std::fs::remove_dir_all(&dir).expect("temp dir is removable");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(12), ..ProptestConfig::default() })]

    /// Documents: a mutated copy of the note (lines deleted, inserted, duplicated, swapped,
    /// random bytes appended) and a mutated `sources.ron`, through `kg check` and a real
    /// `kg reanchor` of the copy.
    #[test]
    fn mutated_documents_never_panic_check_or_reanchor(
        note_mutations in proptest::collection::vec(mutation(), 1..6),
        source_mutations in proptest::collection::vec(mutation(), 0..2),
        bytes in proptest::collection::vec(any::<u8>(), 0..16),
    ) {
        let Some(seed) = crate::documents::note_folder() else {
            return Ok(());
        };
        let note = std::fs::read_to_string(seed.join(crate::documents::NOTE)).expect("the note");
        let dir = kg_tests::tempdir("never-panics-documents");
        for (path, text) in real_files() {
            let target = dir.join(path.trim_start_matches("graph-data/"));
            std::fs::create_dir_all(target.parent().expect("has a parent")).expect("writable");
            let mut text = text;
            if path.ends_with("/sources.ron") {
                for m in &source_mutations {
                    text = apply(&text, m);
                }
            }
            std::fs::write(&target, text).expect("writable");
        }
        let mut document = note;
        for m in &note_mutations {
            document = apply(&document, m);
        }
        let mut raw = document.into_bytes();
        raw.extend_from_slice(&bytes);
        std::fs::create_dir_all(dir.join("documents")).expect("writable");
        std::fs::write(dir.join("documents").join(crate::documents::NOTE), raw).expect("writable");
        let data = dir.to_str().expect("UTF-8 temp path");
        for args in [
            vec!["check", "--data", data],
            vec!["reanchor", "--data", data],
            vec!["check", "--json", "--data", data],
        ] {
            let out = catch_unwind(|| kg_tests::kg(&args));
            prop_assert!(out.is_ok(), "kg {args:?} panicked");
            let out = out.expect("checked above");
            prop_assert!(out.code <= 2, "exit code {}", out.code);
            prop_assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        }
        std::fs::remove_dir_all(&dir).expect("temp dir is removable");
    }
}

/// Pieces of `--where` expressions, joined at random: fields, operators, values, keywords.
const FILTER_PIECES: &[&str] = &[
    "parameters_total",
    "valuation",
    "valuation.status",
    "status",
    "unit",
    "developer",
    "release_date",
    "license",
    "name",
    "as_of",
    ".",
    "=",
    "!=",
    ">=",
    ">>=",
    "<",
    "~",
    "and",
    "or",
    "not",
    "(",
    ")",
    "'",
    "\"",
    "100B",
    "100亿美元",
    "2024-13",
    "2024",
    "meta",
    "未公开",
    "3%-4%",
    "inf",
    "NaN",
    "-1",
    "1e999",
    " ",
    "亿",
    "\u{0}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    /// Any `--where` text gives an answer (exit 0) or an error with a caret (exit 2), never a
    /// panic, for entities and for claims.
    #[test]
    fn any_filter_never_panics_list(
        pieces in proptest::collection::vec(proptest::sample::select(FILTER_PIECES), 0..8),
        kind in proptest::sample::select(&["model", "organization", "claim"][..]),
    ) {
        let filter = pieces.join(" ");
        let mut args = vec!["list", kind, "--where", &filter];
        if kind == "organization" {
            args.extend(["--sort", "-valuation", "--currency", "USD"]);
        }
        let run = catch_unwind(AssertUnwindSafe(|| kg_tests::kg(&args)));
        let out = run.map_err(|_| TestCaseError::fail(format!("panic on {filter:?}")))?;
        prop_assert!(out.code == 0 || out.code == 2, "{filter:?}: exit {}", out.code);
        if out.code == 2 {
            prop_assert!(out.stderr.contains('^') || out.stderr.contains("error"), "{filter:?}: {}", out.stderr);
        }
    }
}
