//! `kg audit` and `kg conflicts`: every rule fires on its trigger fixture and stays silent on
//! its clean one, the real graph-data yields exactly the inconsistencies the note contains,
//! and the JSON follows the contract.

use kg_tests::{fixtures, kg, root};
use serde_json::Value;
use std::path::Path;

fn audit_json(args: &[&str]) -> Value {
    let out = kg(&[&["audit", "--json"], args].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("audit --json prints JSON")
}

/// (code, first claim id) of every finding.
fn summary(doc: &Value) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .expect("a list of findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().expect("a code").to_string(),
                f["claims"][0]["id"].as_str().expect("a claim").to_string(),
            )
        })
        .collect()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn every_rule_fires_on_its_trigger_and_not_on_its_clean_fixture() {
    let mut failures = Vec::new();
    for code in kg_core::audit::FindingCode::ALL {
        let dir = fixtures().join("audit").join(code.name());
        for case in ["trigger", "clean"] {
            let data = dir.join(case);
            if !data.is_dir() {
                failures.push(format!("{}: no {case} fixture", code.name()));
                continue;
            }
            let check = kg(&["check", "--data", path_str(&data)]);
            if check.code != 0 {
                failures.push(format!(
                    "{}/{case} has errors:\n{}",
                    code.name(),
                    check.stdout
                ));
            }
            let got: Vec<String> = summary(&audit_json(&["--data", path_str(&data)]))
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            let ok = match case {
                "trigger" => !got.is_empty() && got.iter().all(|c| c == code.name()),
                _ => got.is_empty(),
            };
            if !ok {
                failures.push(format!("{}/{case}: got {got:?}", code.name()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn graph_data_yields_the_notes_inconsistencies_and_nothing_else() {
    let doc = audit_json(&[]);
    let expected = [
        (
            "conflict",
            "china-llm/market_size/2024/language-llm-market@23",
        ),
        ("conflict", "global-llm/market_size/2025@7"),
        ("conflict", "global-enterprise-llm/market_size/2024@13"),
        (
            "cagr-mismatch",
            "global-llm/cagr/2034/cagr-to-the-2034-forecast@10",
        ),
        ("cagr-mismatch", "global-enterprise-llm/cagr/2024..2034@16"),
        ("cagr-mismatch", "global-llm/cagr/2025..2034@472"),
        (
            "shares-exceed-100",
            "enterprise-llm-usage/share/2024/use-case-support-chatbots@372",
        ),
        ("moe-size-mismatch", "mixtral-8x7b/parameters_total@165"),
        (
            "latest-not-latest",
            "anthropic/valuation/2025/latest-valuation-in-2025@84",
        ),
        (
            "part-exceeds-whole",
            "global-enterprise-llm/market_size/2024@16",
        ),
        ("part-exceeds-whole-trend", "apac-llm/market_size/2030@22"),
        (
            "rank-taken-twice",
            "qwen/rank/open-source-model-families@444",
        ),
        (
            "subset-exceeds-superset",
            "claude-3.5/monthly_active_users/2025-Q2@87",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, id)| (c.to_string(), id.to_string()))
        .collect();
    assert_eq!(summary(&doc), expected);

    let messages: Vec<&str> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["message"].as_str().expect("a message"))
        .collect();
    assert!(
        messages[3].contains("implies 191.0亿美元 in 2025 (1113.04 / 1.2163^9)")
            && messages[3].contains("the data has 73.58亿美元 and 50.3亿美元 for 2025"),
        "{}",
        messages[3]
    );
    // The part against its whole's path (lines 9, 10, 22), and the two firsts of lines 141
    // and 444.
    assert!(
        messages.iter().any(|m| m.contains(
            "is 940亿美元 in 2030 (line 22), but the whole's own figures put Global LLM market at about 206.1亿美元 in 2030"
        )),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m
            .contains("rank 1 of `open-source-model-families` is given to `qwen` (line 444) and `llama` (line 141)")),
        "{messages:?}"
    );
    // Every claim a finding rests on comes with its citations.
    for f in doc["findings"].as_array().expect("findings") {
        assert_eq!(f["severity"], "warning");
        for c in f["claims"].as_array().expect("claims") {
            assert!(!c["citations"].as_array().expect("citations").is_empty());
        }
    }
}

#[test]
fn consistent_figures_of_the_note_raise_nothing() {
    // The Claude usage mix (82 + 10 + 6 + under 2), the revenue mix (60 + 20 + 15 + 5), the
    // 12 % → 24 % "doubled", 56.17亿 grown 31 %, the US share of the global market and the
    // CAGRs that a year of the data bears out are all consistent at stated precision.
    // Of Anthropic's figures only the two real problems remain.
    let doc = audit_json(&["anthropic"]);
    let codes: Vec<String> = summary(&doc).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, ["latest-not-latest", "subset-exceeds-superset"]);
    for code in [
        "mix-not-100",
        "multiple-mismatch",
        "growth-mismatch",
        "share-mismatch",
    ] {
        assert!(summary(&audit_json(&["--code", code])).is_empty(), "{code}");
    }
}

#[test]
fn conflicts_lists_both_sides_with_their_sources() {
    let out = kg(&["conflicts", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let groups = doc.as_array().expect("a list");
    let got: Vec<(String, String, Vec<String>)> = groups
        .iter()
        .map(|g| {
            (
                g["subject"].as_str().expect("subject").to_string(),
                g["property"].as_str().expect("property").to_string(),
                g["claims"]
                    .as_array()
                    .expect("claims")
                    .iter()
                    .map(|c| c["value"]["text"].as_str().expect("text").to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "china-llm".to_string(),
                "market_size".to_string(),
                vec!["147亿元人民币".to_string(), "约209亿元".to_string()]
            ),
            (
                "global-llm".to_string(),
                "market_size".to_string(),
                vec!["73.58亿美元".to_string(), "50.3亿美元".to_string()]
            ),
            (
                "global-enterprise-llm".to_string(),
                "market_size".to_string(),
                vec!["40.5亿美元".to_string(), "67亿美元".to_string()]
            ),
        ]
    );
    assert_eq!(groups[1]["qualifiers"]["as_of"], "2025");
    assert_eq!(
        groups[1]["claims"][1]["citations"][0]["attributed_to"][0],
        "business-research-company"
    );

    let human = kg(&["conflicts"]);
    assert!(human
        .stdout
        .contains("global-llm  market_size  (as_of 2025)"));
    assert!(human.stdout.ends_with("3 conflicts\n"), "{}", human.stdout);
}

#[test]
fn unknown_ids_and_codes_exit_2_with_suggestions() {
    let out = kg(&["audit", "anthropik"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `anthropic`"),
        "{}",
        out.stderr
    );
    let out = kg(&["audit", "--code", "cagr-mismatchh"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("`cagr-mismatch`"), "{}", out.stderr);
    let out = kg(&["conflicts", "global-lm"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("`global-llm`"), "{}", out.stderr);
}

#[test]
fn the_guide_documents_every_code() {
    let guide = std::fs::read_to_string(root().join("docs/audit.md")).expect("docs/audit.md");
    for code in kg_core::audit::FindingCode::ALL {
        assert!(
            guide.contains(&format!("### `{}`", code.name())),
            "docs/audit.md has no section for `{}`",
            code.name()
        );
    }
}
