//! Issue 15, an analyst's day: every example of the issue gives a correct answer or a clear
//! error. Strict `--where` filters (each mistake an exit-2 error with a caret under it),
//! sorting that never compares different units or markets, `--pick`, exact amounts, JSON
//! errors, a reader that stops early, and the messages of `provenance`, `path` and `check`.

use kg_tests::{json, kg, ok};
use serde_json::Value as Json;

/// The ids of a JSON list.
fn ids(doc: &Json) -> Vec<String> {
    doc.as_array()
        .expect("a list")
        .iter()
        .map(|e| e["id"].as_str().expect("an id").to_string())
        .collect()
}

/// Every mistake in a filter: exit 2, the message, and a caret under the offending part.
#[test]
fn filter_mistakes_are_errors_pointing_at_their_column() {
    // (filter, kind, what the message says, the text the caret is under)
    let cases: [(&str, &str, &str, &str); 12] = [
        (
            "parameters_total >>= 100B",
            "model",
            "unknown operator `>>=`",
            ">>=",
        ),
        (
            "parameters_total >= 100 bananas",
            "model",
            "unknown unit `bananas`",
            "100 bananas",
        ),
        (
            "parameters_total >= 100亿美元",
            "model",
            "is a currency amount",
            "100亿美元",
        ),
        (
            "release_date >= 2024-13",
            "model",
            "month 13 is out of range",
            "2024-13",
        ),
        ("developer = metaa", "model", "no entity `metaa`", "metaa"),
        (
            "paramters_total >= 1B",
            "model",
            "unknown field `paramters_total`",
            "paramters_total",
        ),
        (
            "valuation >= 100B",
            "organization",
            "this property takes a currency amount",
            "100B",
        ),
        (
            "valuation.status = guessed",
            "organization",
            "unknown status `guessed`",
            "guessed",
        ),
        (
            "valuation.unit = GBP",
            "organization",
            "unknown unit `GBP`",
            "GBP",
        ),
        (
            "license >= apache",
            "model",
            "`>=` does not apply to the text of `license`",
            ">=",
        ),
        (
            "status = reported",
            "organization",
            "`status` of which property?",
            "status",
        ),
        ("(developer = meta", "model", "expected `)`", ""),
    ];
    for (filter, kind, message, under) in cases {
        let out = kg(&["list", kind, "--where", filter]);
        assert_eq!(out.code, 2, "{filter}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{filter}: {}", out.stderr);
        // The caret line sits under the expression line, at the offending column.
        let lines: Vec<&str> = out.stderr.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("  --where "))
            .expect("the expression is shown");
        let caret = lines[at + 1];
        let start = caret.find('^').expect("a caret");
        let width = caret.matches('^').count();
        // The caret counts display columns: a Chinese character is two.
        let columns = |s: &str| {
            s.chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        };
        let mut column = 0;
        let shown: String = lines[at]
            .chars()
            .skip_while(|c| {
                let before = column;
                column += columns(&c.to_string());
                before < start
            })
            .collect();
        if !under.is_empty() {
            assert!(shown.starts_with(under), "{filter}: caret at `{shown}`");
            assert_eq!(width, columns(under), "{filter}");
        }
        // Under --json the same error is JSON on stderr.
        let out = kg(&["--json", "list", kind, "--where", filter]);
        assert_eq!(out.code, 2);
        let doc: Json = serde_json::from_str(&out.stderr).expect("a JSON error");
        assert_eq!(doc["error"]["code"], "bad-filter", "{filter}");
        assert!(doc["error"]["column"].as_u64().is_some(), "{filter}");
    }
    let out = kg(&["list", "model", "--where", "developer = metaa"]);
    assert!(out.stderr.contains("did you mean meta?"), "{}", out.stderr);
}

#[test]
fn filters_combine_with_and_or_not_and_parentheses() {
    let over_100b = json(&["list", "model", "--where", "parameters_total >= 100B"]);
    assert_eq!(ids(&over_100b).len(), 18);
    let meta = ids(&json(&[
        "list",
        "model",
        "--where",
        "parameters_total >= 100B and developer = meta",
    ]));
    assert_eq!(
        meta,
        [
            "llama-3.1-405b",
            "llama-4-behemoth",
            "llama-4-maverick",
            "llama-4-scout"
        ]
    );
    // Two --where are the same as `and`.
    let two = ids(&json(&[
        "list",
        "model",
        "--where",
        "parameters_total >= 100B",
        "--where",
        "developer = meta",
    ]));
    assert_eq!(two, meta);
    let not_meta = ids(&json(&[
        "list",
        "model",
        "--where",
        "parameters_total >= 100B and not developer = meta",
    ]));
    assert_eq!(not_meta.len(), 18 - 4);
    assert!(not_meta.iter().all(|id| !meta.contains(id)));
    let either = ids(&json(&[
        "list",
        "model",
        "--where",
        "(developer = meta or developer = mistral-ai) and parameters_total >= 100B",
    ]));
    assert!(either.len() > meta.len() && meta.iter().all(|m| either.contains(m)));
    assert!(
        either.contains(&"mistral-large-2".to_string()),
        "{either:?}"
    );
    // Qualifiers hold for the same claim: Anthropic's 180亿美元 is as of 2025-05, its
    // 350亿美元 as of 2025; only the second is at least 200亿美元.
    let doc = json(&[
        "list",
        "organization",
        "--where",
        "valuation >= 200亿美元 and valuation.as_of >= 2025",
    ]);
    assert_eq!(ids(&doc), ["anthropic"]);
    assert_eq!(doc[0]["values"]["valuation"], "350亿美元");
    assert_eq!(doc[0]["picked"]["valuation"]["as_of"], "2025");
    assert_eq!(doc[0]["picked"]["valuation"]["status"], "reported");
    let estimates = ids(&json(&[
        "list",
        "organization",
        "--where",
        "valuation.status = estimate",
    ]));
    assert_eq!(estimates, ["minimax"]);
    let in_yuan = ids(&json(&[
        "list",
        "organization",
        "--where",
        "valuation.unit = CNY",
    ]));
    assert_eq!(in_yuan, ["baichuan", "minimax", "zhipu-ai"]);
}

#[test]
fn sorting_never_compares_different_units_or_markets() {
    let out = kg(&["list", "organization", "--sort=-valuation", "--limit", "5"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("valuation: sorted within each group (USD: 3, CNY: 2)"),
        "{}",
        out.stderr
    );
    let doc = json(&["list", "organization", "--sort=-valuation", "--limit", "5"]);
    // Dollars first (the largest group), then yuan: 240亿元 never ranks above 180亿美元.
    assert_eq!(
        ids(&doc),
        ["anthropic", "mistral-ai", "minimax", "zhipu-ai", "baichuan"]
    );
    let units: Vec<&str> = doc
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["values"]["valuation"].as_str().expect("a value"))
        .collect();
    assert_eq!(
        units,
        [
            "350亿美元",
            "140亿美元",
            "超12亿美元",
            "超过240亿元",
            "200亿元"
        ]
    );
    // The hyphen form of docs/cli.md works too.
    assert_eq!(
        json(&[
            "list",
            "organization",
            "--sort",
            "-valuation",
            "--limit",
            "5"
        ]),
        doc
    );
    // --pick all: every valuation, each in its own row, still grouped by unit.
    let all = json(&[
        "list",
        "organization",
        "--sort=-valuation",
        "--pick",
        "all",
        "--limit",
        "8",
    ]);
    assert_eq!(
        ids(&all),
        [
            "anthropic",
            "anthropic",
            "mistral-ai",
            "minimax",
            "zhipu-ai",
            "baichuan",
            "minimax",
            "mistral-ai"
        ]
    );
    // --pick: OpenAI's share of enterprise LLM use was 50% before 2024 and 34% in 2024.
    let pick = |how: &str| {
        let doc = json(&[
            "list",
            "organization",
            "--where",
            "id = openai",
            "--sort",
            "market_share",
            "--pick",
            how,
        ]);
        doc[0]["values"]["market_share"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(pick("latest").as_deref(), Some("34%"));
    assert_eq!(pick("max").as_deref(), Some("50%"));
    // Shares of different markets are sorted within their market.
    let out = kg(&["list", "organization", "--sort=-market_share"]);
    assert!(
        out.stderr.contains("percent of china-enterprise-llm: 3"),
        "{}",
        out.stderr
    );
    // Human output shows the as-of and status of the value each row shows.
    assert!(out
        .stdout
        .lines()
        .next()
        .is_some_and(|h| h.contains("market_share.as_of") && h.contains("market_share.status")));
}

#[test]
fn currency_converts_only_at_rates_the_data_states() {
    let out = kg(&[
        "list",
        "organization",
        "--sort=-valuation",
        "--currency",
        "USD",
        "--pick",
        "all",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The two rates of the note: 11亿欧元（约11.9亿美元） (line 156) and 超12亿美元（约85亿元）
    // (line 317), each named with its claims.
    assert!(
        out.stderr
            .contains("converted at 1 EUR = 1.0818 USD, the ratio of 11亿欧元 and 约11.9亿美元"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("converted at 1 USD = 7.0833 CNY, the ratio of 超12亿美元 and 约85亿元"),
        "{}",
        out.stderr
    );
    let doc = json(&[
        "list",
        "organization",
        "--sort=-valuation",
        "--currency",
        "USD",
        "--pick",
        "all",
    ]);
    let order: Vec<(String, String)> = doc
        .as_array()
        .expect("a list")
        .iter()
        .take(8)
        .map(|e| {
            (
                e["id"].as_str().expect("id").to_string(),
                e["values"]["valuation"]
                    .as_str()
                    .expect("value")
                    .to_string(),
            )
        })
        .collect();
    // 60亿欧元 is about 64.9亿美元, 超过240亿元 about 33.9亿美元: yuan no longer outrank dollars.
    let expected = [
        ("anthropic", "350亿美元"),
        ("anthropic", "180亿美元"),
        ("mistral-ai", "140亿美元"),
        ("mistral-ai", "60亿欧元"),
        ("zhipu-ai", "超过240亿元"),
        ("baichuan", "200亿元"),
        ("minimax", "超12亿美元"),
        ("minimax", "约85亿元"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(order, expected);
    assert_eq!(doc[3]["converted"]["valuation"], "≈64.91亿美元");
    assert_eq!(doc[4]["converted"]["valuation"], "≈33.88亿美元");
    fails_with(
        &[
            "list",
            "organization",
            "--sort",
            "-valuation",
            "--currency",
            "GBP",
        ],
        "expected USD, EUR or CNY",
    );
}

#[test]
fn amounts_are_exact_from_text_to_output() {
    let doc = json(&["show", "global-llm"]);
    let claims = doc["claims"].as_array().expect("claims");
    let forecast = claims
        .iter()
        .find(|c| c["value"]["text"] == "135.2亿美元")
        .expect("the 135.2亿美元 claim");
    assert_eq!(
        forecast["value"]["amount"],
        serde_json::json!(13520000000u64)
    );
    let human = ok(&["show", "global-llm"]);
    assert!(human.contains("135.2亿美元 (1.352e10 USD)"), "{human}");
    assert!(!human.contains("999999"), "{human}");
}

/// Runs `kg ARGS` and expects a usage error (exit 2) that says `text`.
fn fails_with(args: &[&str], text: &str) {
    let out = kg(args);
    assert_eq!(out.code, 2, "kg {args:?}");
    assert!(out.stderr.contains(text), "kg {args:?}: {}", out.stderr);
}

/// A writer that fails like a closed pipe after `room` bytes.
struct ClosedPipe {
    room: usize,
}

impl std::io::Write for ClosedPipe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let cases: [&[&str]; 2] = [&["kg", "--json", "list", "model"], &["kg", "list", "model"]];
    for args in cases {
        let mut out = ClosedPipe { room: 10 };
        let mut err = Vec::new();
        let code = kg_cli::run(args.iter().copied(), &mut out, &mut err, false);
        assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&err));
        assert!(!String::from_utf8_lossy(&err).contains("Broken pipe"));
    }
}

#[test]
fn errors_under_json_are_json_on_stderr() {
    let cases: [&[&str]; 6] = [
        &["--json", "show", "nope"],
        &["--json", "provenance", "global-llm"],
        &["--json", "lineage", "nope"],
        &["--json", "nope"],
        &["--json", "list", "nope"],
        &[
            "--json",
            "provenance",
            "global-llm",
            "market_size",
            "--as-of",
            "2024-13",
        ],
    ];
    for args in cases {
        let out = kg(args);
        assert_eq!(out.code, 2, "{args:?}");
        let doc: Json = serde_json::from_str(&out.stderr)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", out.stderr));
        assert!(doc["error"]["code"].is_string(), "{args:?}");
        assert!(doc["error"]["message"].is_string(), "{args:?}");
    }
}

#[test]
fn provenance_of_an_entity_asks_for_a_property() {
    let out = kg(&["provenance", "global-llm"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("`global-llm` is a market, not a claim: name a property too"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("did you mean: global-llm,"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("market_size"), "{}", out.stderr);
}

#[test]
fn paths_through_different_claims_read_differently() {
    let text = ok(&["path", "deepseek", "alibaba"]);
    let lines: Vec<&str> = text.lines().collect();
    let mut distinct = lines.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), lines.len(), "{text}");
    assert!(text.contains("market_share[2025-H1@215]"), "{text}");
}

#[test]
fn check_reports_a_broken_file_before_the_errors_it_causes() {
    let dir = std::env::temp_dir().join(format!("kg-issue15-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp folder");
    let root = kg_tests::root().join("graph-data");
    for file in ["markets.ron", "sources.ron", "organizations/openai.ron"] {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("a folder");
        std::fs::copy(root.join(file), &to).expect("a copy");
    }
    // A file that refers to OpenAI, sorted before the broken one.
    std::fs::write(
        dir.join("a.ron"),
        "(source: \"note\", claims: [(subject: \"openai\", property: employees, value: \"1\", cite: (line: 1, quote: \"x\"))])",
    )
    .expect("a file");
    let openai = dir.join("organizations/openai.ron");
    let text = std::fs::read_to_string(&openai).expect("openai.ron");
    std::fs::write(&openai, text.replacen("\n(", "\n( ,,, ", 1)).expect("broken");
    let out = kg(&["--data", dir.to_str().expect("UTF-8"), "check"]);
    let first = out
        .stdout
        .lines()
        .find(|l| l.starts_with("error"))
        .unwrap_or("");
    assert!(first.starts_with("error[syntax]"), "{}", out.stdout);
    assert!(
        out.stdout.contains("error[dangling-reference]"),
        "{}",
        out.stdout
    );
    // An empty file says so, in the format's words.
    std::fs::write(dir.join("empty.ron"), "").expect("an empty file");
    let out = kg(&["--data", dir.to_str().expect("UTF-8"), "check"]);
    assert!(out.stdout.contains("the file is empty"), "{}", out.stdout);
    assert!(!out.stdout.contains("FileInput"), "{}", out.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn series_shows_a_figure_over_time_with_its_conflicts_and_growth() {
    let doc = json(&["series", "global-llm", "market_size"]);
    assert_eq!(doc["subject"], "global-llm");
    let track = &doc["tracks"][0];
    assert_eq!(track["measure"], "USD");
    let dates: Vec<&str> = track["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["date"].as_str().expect("a date"))
        .collect();
    assert_eq!(dates, ["2024", "2025", "2029", "2034"]);
    // The note's two 2025 figures (lines 7 and 8) stand side by side, marked.
    let y2025 = &track["points"][1];
    assert_eq!(y2025["conflict"], true);
    assert_eq!(y2025["claims"].as_array().map(Vec::len), Some(2));
    assert_eq!(track["points"][0]["conflict"], false);
    // Consecutive changes: 2024 → each 2025 figure, each 2025 figure → 2029, 2029 → 2034.
    let changes = track["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 5);
    // 56.17亿 → 73.58亿 in one year: +31.0 %, and the CAGR is the same.
    assert_eq!(changes[0]["from"], "global-llm/market_size/2024@6");
    assert_eq!(changes[0]["to"], "global-llm/market_size/2025@7");
    assert_eq!(changes[0]["years"], 1);
    assert_eq!(changes[0]["change_percent"], 31);
    assert_eq!(changes[0]["cagr_percent"], 31);
    // --from --to: the CAGR between any two dates; 2024 to 2034 is 34.8 %, what the audit
    // finds against the note's stated 21.63 %.
    let span = json(&[
        "series",
        "global-llm",
        "market_size",
        "--from",
        "2024",
        "--to",
        "2034",
    ]);
    let only = span["tracks"][0]["changes"].as_array().expect("changes");
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["years"], 10);
    assert_eq!(only[0]["cagr_percent"], 34.8);
    let human = ok(&["series", "global-llm", "market_size"]);
    assert!(
        human.contains("disagrees") && human.contains("31.00%"),
        "{human}"
    );
    // Mistakes are clear errors.
    fails_with(
        &[
            "series",
            "global-llm",
            "market_size",
            "--from",
            "2023",
            "--to",
            "2034",
        ],
        "its dates are: 2024, 2025, 2029, 2034",
    );
    let out = kg(&["series", "global-llm", "market_sise"]);
    assert!(
        out.stderr.contains("did you mean market_size"),
        "{}",
        out.stderr
    );
}

#[test]
fn compare_puts_entities_side_by_side() {
    let doc = json(&[
        "compare",
        "deepseek",
        "alibaba",
        "--props",
        "market_share,valuation",
    ]);
    let entities: Vec<&str> = doc["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| e["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(entities, ["deepseek", "alibaba"]);
    let share = &doc["rows"][0];
    assert_eq!(share["property"], "market_share");
    // DeepSeek has two shares (lines 199 and 215), the latest first.
    let deepseek = share["cells"][0]["claims"].as_array().expect("claims");
    assert_eq!(deepseek.len(), 2);
    assert_eq!(deepseek[0]["as_of"], "2025");
    assert_eq!(doc["rows"][1]["cells"][0]["claims"], serde_json::json!([]));
    let human = ok(&[
        "compare",
        "deepseek",
        "alibaba",
        "--props",
        "market_share,valuation",
    ]);
    assert!(
        human.contains("10.3% (2025, reported, note:199) +1 more"),
        "{human}"
    );
    assert!(human.contains("none recorded"), "{human}");
    // Without --props: every property either has.
    let all = json(&["compare", "openai", "anthropic"]);
    assert!(all["rows"].as_array().is_some_and(|r| r.len() > 2));
    assert_eq!(kg(&["compare", "openai", "nope"]).code, 2);
}

#[test]
fn tables_print_as_csv_or_tsv() {
    let csv = ok(&[
        "list",
        "--format",
        "csv",
        "organization",
        "--sort=-valuation",
        "--limit",
        "2",
    ]);
    assert_eq!(
        csv,
        "id,name,valuation,valuation.as_of,valuation.status\n\
         anthropic,Anthropic,350亿美元,2025,reported\n\
         mistral-ai,Mistral AI,140亿美元,2025-09,reported\n"
    );
    // A cell with the delimiter is quoted.
    let quoted = ok(&[
        "compare",
        "--format",
        "csv",
        "deepseek",
        "alibaba",
        "--props",
        "market_share",
    ]);
    assert!(
        quoted.contains("\"10.3% (2025, reported, note:199) +1 more\""),
        "{quoted}"
    );
    let tsv = ok(&["search", "--format", "tsv", "百川", "--limit", "1"]);
    assert_eq!(tsv, "score\tid\tkind\tname\tmatched\n100\tbaichuan\torganization\tBaichuan Intelligence\t百川\n");
    let series = ok(&["series", "--format", "csv", "global-llm", "market_size"]);
    assert!(series.starts_with("track,date,value,amount,status,sources,conflict,claim\n"));
    assert!(
        series.contains(
            "USD,2029,135.2亿美元,13520000000,forecast,note:9,,global-llm/market_size/2029@9"
        ),
        "{series}"
    );
    // Commands of several tables print one flat table, a row per claim, amounts in full.
    let show = ok(&["show", "--format", "csv", "global-llm"]);
    assert!(
        show.starts_with("claim,subject,property,value,amount,unit,qualifiers,status,sources\n")
    );
    assert!(
        show.contains("global-llm/market_size/2029@9,global-llm,market_size,135.2亿美元,13520000000,USD,2029,forecast,note:9\n"),
        "{show}"
    );
    let stats = ok(&["stats", "--format", "tsv"]);
    assert!(
        stats.starts_with("section\tkey\tcount\ntotal\tclaims\t"),
        "{stats}"
    );
    let conflicts = ok(&["conflicts", "--format", "csv"]);
    assert_eq!(conflicts.lines().count(), 1 + 6, "{conflicts}");
    let audit = ok(&["audit", "--format", "csv", "--code", "rank-taken-twice"]);
    assert!(audit.contains("1,rank-taken-twice,"), "{audit}");
    assert!(ok(&["cites", "--format", "csv", "menlo-ventures"]).starts_with("how,orphan,claim,"));
    // A tree, a chain or paths are not tables.
    fails_with(
        &["lineage", "--format", "csv", "llama"],
        "unexpected argument '--format'",
    );
}

#[test]
fn show_and_list_say_none_recorded() {
    let text = ok(&["show", "baichuan-series-a"]);
    assert!(text.contains("none recorded: investors"), "{text}");
    let doc = json(&["show", "baichuan-series-a"]);
    assert_eq!(doc["none_recorded"], serde_json::json!(["investors"]));
    let listed = ok(&[
        "list",
        "round",
        "--where",
        "organization = baichuan",
        "--sort",
        "investor",
    ]);
    assert!(listed.contains("none recorded"), "{listed}");
}
