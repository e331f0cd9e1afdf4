//! The fast parser against ron: every data file of the repository, every fixture, written
//! cases of each construct, generated files and random mutations of real files (synthetic
//! data: `crate::synthetic`'s tests; imports: the e2e suite). Whatever the fast parser
//! accepts, ron accepts to the same value; whatever ron rejects, it rejects.

use crate::load::fast_parse_agrees;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.ron` file under `dir`, sorted.
fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ron") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Asserts agreement; returns whether the fast parser read the text.
fn agrees(name: &str, text: &str) -> bool {
    match fast_parse_agrees(text) {
        Ok(fast) => fast,
        Err(e) => panic!("{name}: the parsers disagree\n{e}\ntext:\n{text}"),
    }
}

/// The same text with a byte-order mark and CRLF line ends.
fn marked(text: &str) -> String {
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

#[test]
fn every_file_of_graph_data_is_read_fast_and_alike() {
    let files = ron_files(&root().join("graph-data"));
    assert!(files.len() > 20, "graph-data has its files");
    for path in files {
        let text = read(&path);
        let name = path.display().to_string();
        assert!(agrees(&name, &text), "{name}: the fast parser bailed");
        assert!(agrees(&name, &marked(&text)), "{name} (BOM, CRLF): bailed");
    }
}

#[test]
fn every_fixture_agrees_and_good_ones_are_read_fast() {
    let files = ron_files(&root().join("tests/fixtures"));
    assert!(files.len() > 100, "the fixtures are there");
    let mut fast = 0;
    for path in &files {
        let text = read(path);
        let name = path.display().to_string();
        let read_fast = agrees(&name, &text);
        assert_eq!(
            read_fast,
            agrees(&name, &marked(&text)),
            "{name} (BOM, CRLF)"
        );
        fast += usize::from(read_fast);
        if path.components().any(|c| c.as_os_str() == "good") {
            assert!(read_fast, "{name}: a good fixture, bailed");
        }
    }
    // Most fixtures are well-formed RON whose problems are found later than the parse.
    assert!(
        fast * 10 > files.len() * 8,
        "{fast} of {} read fast",
        files.len()
    );
}

/// A file with one claim whose fields are `fields`.
fn claim(fields: &str) -> String {
    format!("(claims: [(subject: \"a\", property: parameters_total, {fields})])")
}

#[test]
fn written_cases_are_read_fast_or_left_to_ron() {
    let fast = [
        "()".to_string(),
        " ( ) ".into(),
        "FileInput()".into(),
        "FileInput (source: \"s\",)".into(),
        "(source: \"s\", claims: [],)".into(),
        "// a comment\n(/* one */ source /* two */ : /* three */ \"s\" // four\n)".into(),
        "(source: \"s\") // no line end at the end".into(),
        "/* nested /* comments */ still */ ()".into(),
        "/*/ odd * / ** */ ()".into(),
        "(source: None)".into(),
        "(source: Some(\"s\"))".into(),
        "(source: Some ( \"s\" , ) )".into(),
        claim("value: \"1B\""),
        claim("value: \"with \\\"quotes\\\" and \\\\ and \\' \\n\\r\\t\\0\""),
        claim("value: \"\\u{41}\\u{10FFFF}\\u{0}\\u{feff}\""),
        claim("value: \"line \\\n     continued\""),
        claim("value: \"line \\\r\n     continued\""),
        claim("value: \"a raw\nline end and\ttab\""),
        claim("value: \"中文 and é\""),
        claim("value: \"\""),
        claim("status: estimate, latest: true, remainder: false"),
        claim("status: None"),
        claim("status: Some(estimate)"),
        claim("cite: (line: 0, quote: \"q\")"),
        claim("cite: CitationInput(line: 4294967295, quote: \"q\", attributed_to: [\"x\",],)"),
        claim("cite: Some(CitationInput(line: 007, quote: \"q\"))"),
        claim("cites: [(line: 1, quote: \"q\"), (line: 2, quote: \"r\")]"),
        "(sources: [(id: \"s\", name: \"S\", kind: report, lines: 12, outline: [(line: 1, level: 255, title: \"T\")])])".into(),
        "(models: [(id: \"m\", name: \"M\", derived_from: [(base: \"b\", kind: finetune)])])".into(),
        "(organizations: [(id: \"o\", name: \"O\", roles: [developer, ], founded_by: [])])".into(),
        "(\r\n\tsource: \"s\"\r\n)\r\n".into(),
    ];
    for (i, text) in fast.iter().enumerate() {
        assert!(
            agrees(&format!("fast case {i}"), text),
            "case {i} bailed: {text}"
        );
    }
    let bail = [
        String::new(),
        "   ".into(),
        "// only a comment".into(),
        "#![enable(implicit_some)] ()".into(),
        "(".into(),
        "()()".into(),
        "(,)".into(),
        "(source: \"s\",,)".into(),
        "(source: \"s\" claims: [])".into(),
        "(source \"s\")".into(),
        "(source: r\"s\")".into(),
        "(source: r#\"s\"#)".into(),
        "(source: \"s)".into(),
        "(source: \"\\x41\")".into(),
        "(source: \"\\q\")".into(),
        "(source: \"\\u{}\")".into(),
        "(source: \"\\u{1234567}\")".into(),
        "(source: \"\\u{D800}\")".into(),
        "(source: \"\\\rx\")".into(),
        "(source: 's')".into(),
        "(source: b\"s\")".into(),
        "(source: Some \"s\")".into(),
        "(source: Some(Some(\"s\")))".into(),
        "(source: None(\"s\"))".into(),
        "(source: ())".into(),
        "(unknown: \"s\")".into(),
        "(source: \"s\", source: \"t\")".into(),
        "(r#source: \"s\")".into(),
        "(sóurce: \"s\")".into(),
        "(source-x: \"s\")".into(),
        "Other(source: \"s\")".into(),
        "(claims: [(subject: \"a\")])".into(),
        "(claims: [,])".into(),
        "(claims: [] [])".into(),
        "(claims: {})".into(),
        "/* unclosed ()".into(),
        "(/ source: \"s\")".into(),
        "(\u{b}source: \"s\")".into(),
        "(\u{200e}source: \"s\")".into(),
        "(\u{feff}source: \"s\")".into(),
        claim("property: parameters_total"),
        claim("status: nonsense"),
        claim("status: \"estimate\""),
        claim("status: estimate(1)"),
        claim("status: r#estimate"),
        claim("latest: yes"),
        claim("latest: 1"),
        claim("latest: truer"),
        claim("cite: (line: -1, quote: \"q\")"),
        claim("cite: (line: +1, quote: \"q\")"),
        claim("cite: (line: 1.0, quote: \"q\")"),
        claim("cite: (line: 1e3, quote: \"q\")"),
        claim("cite: (line: 0x10, quote: \"q\")"),
        claim("cite: (line: 0b10, quote: \"q\")"),
        claim("cite: (line: 1_000, quote: \"q\")"),
        claim("cite: (line: 10u32, quote: \"q\")"),
        claim("cite: (line: 4294967296, quote: \"q\")"),
        claim("cite: (line: 99999999999999999999999, quote: \"q\")"),
        claim("cite: (line: b'a', quote: \"q\")"),
        claim("cite: (line: \"1\", quote: \"q\")"),
        claim("cite: (quote: \"q\")"),
        claim("cite: Citation(line: 1, quote: \"q\")"),
        claim("cite: ()"),
        "(sources: [(id: \"s\", name: \"S\", kind: report, outline: [(line: 1, level: 256, title: \"T\")])])".into(),
    ];
    for (i, text) in bail.iter().enumerate() {
        assert!(
            !agrees(&format!("bail case {i}"), text),
            "case {i} read fast: {text}"
        );
    }
}

/// Pieces that mutations insert: RON's tokens, near misses of them, and bytes that only
/// ron reads.
const FRAGMENTS: &[&str] = &[
    "\"",
    "\\",
    "\\\"",
    "\\n",
    "\\u{41}",
    "\\u{",
    "\\x41",
    "\\\n",
    "/*",
    "*/",
    "//",
    "/",
    "*",
    ",",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{b}",
    "é",
    "中",
    "\u{feff}",
    "\u{200e}",
    "Some(",
    "Some",
    "None",
    "r\"",
    "r#",
    "#",
    "b'",
    "'",
    "0x",
    "+",
    "-",
    ".",
    "_",
    "0",
    "1",
    "9",
    "4294967296",
    "255",
    "256",
    "u32",
    "e3",
    "true",
    "false",
    "line",
    "quote",
    "source",
    "cite",
    "value",
    "status",
    "estimate",
    "CitationInput",
    "FileInput",
    "unknown_field",
    "claims: []",
    "cite: (line: 1, quote: \"q\")",
    "#![enable(implicit_some)]",
];

fn seeds() -> Vec<String> {
    let mut seeds: Vec<String> = ron_files(&root().join("graph-data"))
        .iter()
        .map(|p| read(p))
        .filter(|t| t.len() < 40_000)
        .collect();
    seeds.push(claim(
        "value: \"a \\\"b\\\" \\u{4e2d}\", status: Some(estimate), cite: CitationInput(line: 12, quote: \"q\\\n  r\")",
    ));
    seeds
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512)
    ))]

    /// Real files with bytes deleted, inserted and replaced: the fast parser reads what
    /// ron reads, to the same value, or bails.
    #[test]
    fn mutated_files_agree(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), 0..FRAGMENTS.len() + 1, 0usize..4, any::<u8>()),
            1..6,
        ),
    ) {
        thread_local! {
            static SEEDS: Vec<String> = seeds();
        }
        let mut text = SEEDS.with(|s| which.get(s).clone());
        for (at, fragment, delete, byte) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + delete).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let insert = match FRAGMENTS.get(fragment) {
                Some(f) => (*f).to_string(),
                None => char::from(byte & 0x7f).to_string(),
            };
            text.replace_range(at..end, &insert);
        }
        if let Err(e) = fast_parse_agrees(&text) {
            return Err(TestCaseError::fail(format!("{e}\ntext:\n{text}")));
        }
    }

    /// Files written in every form of the subset (whitespace and comments anywhere,
    /// trailing commas or not, implicit or explicit `Some`, named structs, escapes): the
    /// fast parser reads each, to ron's value.
    #[test]
    fn generated_files_are_read_fast_and_alike(
        claims in prop::collection::vec(claim_text(), 0..4),
        source in prop::option::of(string()),
        gaps in prop::collection::vec(gap(), 6),
        comma in any::<bool>(),
    ) {
        let c = if comma { "," } else { "" };
        let mut text = format!("{}({}", gaps[0], gaps[1]);
        if let Some(s) = source {
            text += &format!("source{}:{}{s},{}", gaps[2], gaps[3], gaps[4]);
        }
        let last = if claims.is_empty() { "" } else { c };
        text += &format!("claims:{}[{}{}{last}]{c}{})", gaps[5], gaps[1], claims.join(","), gaps[0]);
        match fast_parse_agrees(&text) {
            Ok(true) => {}
            Ok(false) => return Err(TestCaseError::fail(format!("bailed on:\n{text}"))),
            Err(e) => return Err(TestCaseError::fail(format!("{e}\ntext:\n{text}"))),
        }
    }

    /// Small texts of RON's tokens in any order.
    #[test]
    fn token_soup_agrees(tokens in prop::collection::vec(0..FRAGMENTS.len(), 0..24)) {
        let text: String = tokens.iter().map(|&t| FRAGMENTS[t]).collect();
        if let Err(e) = fast_parse_agrees(&text) {
            return Err(TestCaseError::fail(format!("{e}\ntext:\n{text}")));
        }
    }
}

/// Whitespace and comments between tokens.
fn gap() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "",
            " ",
            "\n",
            "\r\n",
            "\t",
            "/* c */",
            "// c\n",
            "/*/**/*/",
            "/* 中 * / */",
        ]),
        0..3,
    )
    .prop_map(|v| v.concat())
}

/// A string literal of the subset, with escapes and non-ASCII text.
fn string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a",
            "Model 7",
            "中文",
            "é",
            "\\\"",
            "\\\\",
            "\\'",
            "\\n",
            "\\r",
            "\\t",
            "\\0",
            "\\u{4e2d}",
            "\\u{0}",
            "\\u{10ffff}",
            "\\u{FEFF}",
            "\\\n   ",
            "\\\r\n\t",
            "\n",
            "\t",
            "'",
            "/*",
            "//",
            "(",
            "]",
            ",",
            "r#",
            "#",
        ]),
        0..6,
    )
    .prop_map(|v| format!("\"{}\"", v.concat()))
}

/// `Some(x)` or `x`, the implicit `Some`.
fn some(value: String, explicit: bool) -> String {
    if explicit {
        format!("Some({value})")
    } else {
        value
    }
}

fn claim_text() -> impl Strategy<Value = String> {
    (
        string(),
        prop::option::of((string(), any::<bool>())),
        prop::option::of((0usize..7, any::<bool>())),
        prop::option::of((
            0u64..=u64::from(u32::MAX),
            string(),
            0usize..3,
            any::<bool>(),
        )),
        any::<bool>(),
        gap(),
    )
        .prop_map(|(subject, value, status, cite, latest, gap)| {
            let mut fields = vec![format!("subject:{gap}{subject}"), "property: rank".into()];
            if let Some((v, explicit)) = value {
                fields.push(format!("value: {}", some(v, explicit)));
            }
            if let Some((s, explicit)) = status {
                let names = [
                    "reported",
                    "estimate",
                    "forecast",
                    "speculated",
                    "unconfirmed",
                    "undisclosed",
                    "editorial",
                ];
                let s = names.get(s).copied().unwrap_or("None");
                fields.push(format!("status: {}", some(s.into(), explicit)));
            }
            if let Some((line, quote, name, explicit)) = cite {
                let names = ["", "CitationInput", "CitationInput "];
                let zeros = if explicit { "00" } else { "" };
                let c = format!(
                    "{}(line:{gap}{zeros}{line}, quote: {quote}{gap},)",
                    names[name]
                );
                fields.push(format!("cite:{gap}{}", some(c, explicit)));
            }
            fields.push(format!("latest: {latest}"));
            fields.reverse();
            format!("({}{gap})", fields.join(&format!(",{gap}")))
        })
}
