//! Synthetic datasets for benchmarks and scale tests: organizations with model families,
//! models with derivation chains, and cited claims, in the real file format.
//!
//! The shape per model: an entry with `developer` and, for every other model, a
//! `derived_from` base among the earlier models of its organization (so derivation chains
//! grow deep), cited to a line of a synthetic report; plus a `parameters_total` and a
//! `release_date` claim. That is 3.5 claims per model,
//! and 7 edges (about, cites, the structural edge).

use crate::load::SourceFile;
use std::fmt::Write as _;

/// Models per organization file.
const MODELS_PER_ORG: usize = 1000;

/// Generates a dataset of `models` models as data files' text: one source file, then one
/// file per organization of up to 1000 models. Deterministic: the same count always gives
/// the same text.
pub fn generate(models: usize) -> Vec<SourceFile> {
    let orgs = models.div_ceil(MODELS_PER_ORG).max(1);
    let mut files = Vec::with_capacity(orgs + 1);
    files.push(SourceFile {
        path: "synthetic/sources.ron".into(),
        text: r#"(
    sources: [(id: "report", name: "Synthetic report", kind: report, date: "2025-12-29",
               outline: [(line: 1, level: 1, title: "Models"), (line: 500, level: 2, title: "Sizes")])],
)
"#
        .into(),
    });
    let kinds = ["finetune", "quantized", "distilled", "adapter"];
    for org in 0..orgs {
        let first = org * MODELS_PER_ORG;
        let last = ((org + 1) * MODELS_PER_ORG).min(models);
        let mut text = String::with_capacity((last - first) * 420 + 512);
        let _ = write!(
            text,
            "(\n    source: \"report\",\n    organizations: [(id: \"org-{org}\", name: \"Org {org}\", aliases: [\"组织{org}\"], roles: [developer])],\n    families: [(id: \"family-{org}\", name: \"Family {org}\", developer: \"org-{org}\", cite: (line: 1, quote: \"Family {org}\"))],\n    models: [\n"
        );
        for m in first..last {
            let _ = write!(
                text,
                "        (id: \"model-{m}\", name: \"Model {m}\", developer: \"org-{org}\""
            );
            if m % 2 == 1 && m > first {
                // A base among the earlier models of the organization: chains of depth ~log n.
                let base = first + (m - first) / 2;
                let _ = write!(
                    text,
                    ", derived_from: [(base: \"model-{base}\", kind: {})]",
                    kinds[m % kinds.len()]
                );
            }
            let _ = writeln!(
                text,
                ", cite: (line: {}, quote: \"Model {m}\")),",
                1 + m % 999
            );
        }
        text.push_str("    ],\n    claims: [\n");
        for m in first..last {
            let _ = writeln!(
                text,
                "        (subject: \"model-{m}\", property: parameters_total, value: \"{}B\", cite: (line: {}, quote: \"{}B\")),\n        (subject: \"model-{m}\", property: release_date, value: \"{}-{:02}\", cite: (line: {}, quote: \"{}\")),",
                1 + m % 400,
                1 + m % 999,
                1 + m % 400,
                2015 + (m - first) / 100,
                1 + (m - first) % 100 * 12 / 100,
                1 + m % 999,
                m
            );
        }
        text.push_str("    ],\n)\n");
        files.push(SourceFile {
            path: format!("synthetic/org-{org:05}.ron"),
            text,
        });
    }
    files
}

#[cfg(test)]
mod tests {
    /// The fast parser reads every synthetic file, to ron's value: the loader's speed at
    /// scale rests on it.
    #[test]
    fn synthetic_files_are_read_by_the_fast_parser_as_by_ron() {
        for file in super::generate(2_500) {
            let read = crate::load::fast_parse_agrees(&file.text);
            assert_eq!(read, Ok(true), "{}", file.path);
        }
    }
}
