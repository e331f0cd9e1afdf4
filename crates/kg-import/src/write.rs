//! Renders an import as kg's RON data files (docs/data-format.md): one file per input (split
//! every [`CHUNK`] entities, so that a million-row tree loads in parallel), `sources.ron`
//! (the inputs and the primary sources they name), `organizations.ron`, `unresolved.ron`
//! (placeholders for names that name nothing) and `same-as.ron` (the `--into` matches).
//!
//! Every claim is written out with its own citation, so each fact cites its own line.

use crate::model::{Cite, Import, ImportedClaim};
use crate::OutputFile;
use kg_core::NodeKind;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

/// Entities per data file.
pub const CHUNK: usize = 50_000;

/// A RON string literal.
fn string(out: &mut String, text: &str) {
    if text
        .chars()
        .all(|c| c != '"' && c != '\\' && !c.is_control())
    {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&ron::to_string(text).unwrap_or_else(|_| "\"\"".into()));
    }
}

/// Every output file, in a fixed order.
pub fn files(import: &Import) -> Vec<OutputFile> {
    let primary_ids = primary_ids(import);
    let mut files = Vec::new();
    files.push(OutputFile {
        path: "sources.ron".into(),
        text: sources(import, &primary_ids),
    });
    // Which entities go where: defined ones with their input, chunked.
    let mut by_input: Vec<Vec<u32>> = vec![Vec::new(); import.sources.len()];
    let mut organizations: Vec<u32> = Vec::new();
    let mut unresolved: Vec<u32> = Vec::new();
    for (i, e) in import.entities.iter().enumerate() {
        if e.unresolved {
            unresolved.push(i as u32);
        } else if e.kind == NodeKind::Organization {
            organizations.push(i as u32);
        } else {
            by_input[e.file as usize].push(i as u32);
        }
    }
    let claims_of = ClaimsOf::new(import);
    // Each file's path, header, default source and entities; rendered after, on every core.
    let mut jobs: Vec<(String, String, u32, &[u32])> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (input, entities) in by_input.iter().enumerate() {
        let source = &import.sources[input];
        let stem = source
            .file_name
            .rsplit_once('.')
            .map_or(source.file_name.as_str(), |(s, _)| s);
        let mut stem = crate::slug::slug(stem);
        let mut n = 1;
        while names.contains(&stem)
            || ["sources", "organizations", "unresolved", "same-as"].contains(&stem.as_str())
        {
            n += 1;
            stem = format!(
                "{}-{n}",
                crate::slug::slug(stem.split('-').next().unwrap_or("input"))
            );
        }
        names.push(stem.clone());
        let chunks: Vec<&[u32]> = entities.chunks(CHUNK).collect();
        for (c, chunk) in chunks.iter().enumerate() {
            let path = if chunks.len() == 1 {
                format!("{stem}.ron")
            } else {
                format!("{stem}-{:04}.ron", c + 1)
            };
            let header = format!(
                "Imported by `kg import {}` from {} (sha256 {}): re-import rather than edit.",
                import.format.name(),
                source.path,
                source.sha256
            );
            jobs.push((path, header, input as u32, chunk));
        }
    }
    if !organizations.is_empty() {
        let header = "Organizations the inputs name (developers, Hub authors).";
        jobs.push(("organizations.ron".into(), header.into(), 0, &organizations));
    }
    if !unresolved.is_empty() {
        let header = "Names the inputs refer to and define nowhere: placeholders, so that each reference is kept (kg import lists them with the closest names).";
        jobs.push(("unresolved.ron".into(), header.into(), 0, &unresolved));
    }
    files.par_extend(
        jobs.into_par_iter()
            .map(|(path, header, source, entities)| {
                let text = data_file(import, &header, source, entities, &claims_of, &primary_ids);
                OutputFile { path, text }
            }),
    );
    if !import.same_as.is_empty() {
        files.push(OutputFile {
            path: "same-as.ron".into(),
            text: same_as(import, &primary_ids),
        });
    }
    files
}

fn primary_ids(import: &Import) -> Vec<String> {
    // Slug every URL once; hash only those whose slugs clash.
    let prefix = format!("{}.url", import.format.prefix());
    let bare = |url: &str| -> String {
        let b = url.split_once("://").map_or(url, |(_, r)| r);
        crate::slug::slug(b)
    };
    let slugs: Vec<String> = import.primary.iter().map(|u| bare(u)).collect();
    let mut count: FxHashMap<&str, u32> = FxHashMap::default();
    for s in &slugs {
        *count.entry(s.as_str()).or_default() += 1;
    }
    import
        .primary
        .iter()
        .zip(&slugs)
        .map(|(url, s)| {
            if count[s.as_str()] > 1 {
                crate::slug::disambiguated(&prefix, "url", url)
            } else {
                format!("{prefix}.{s}")
            }
        })
        .collect()
}

fn sources(import: &Import, primary_ids: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// The inputs of `kg import {}` (each a dataset source, cited by line) and the\n// primary sources they name.\n(\n    sources: [",
        import.format.name()
    );
    for s in &import.sources {
        out.push_str("        (id: ");
        string(&mut out, &s.id);
        out.push_str(", name: ");
        string(&mut out, &s.path);
        out.push_str(", kind: dataset, file: ");
        string(&mut out, &s.file_name);
        out.push_str(", sha256: ");
        string(&mut out, &s.sha256);
        let _ = writeln!(out, ", lines: {}),", s.lines.max(1));
    }
    for (url, id) in import.primary.iter().zip(primary_ids) {
        out.push_str("        (id: ");
        string(&mut out, id);
        out.push_str(", name: ");
        string(&mut out, url);
        out.push_str(", kind: website, url: ");
        string(&mut out, url);
        out.push_str("),\n");
    }
    out.push_str("    ],\n)\n");
    out
}

/// The claims of each subject, in the order read: claim indexes grouped by subject (one
/// sort, no map of vectors).
struct ClaimsOf {
    order: Vec<u32>,
    start: Vec<u32>,
}

impl ClaimsOf {
    fn new(import: &Import) -> ClaimsOf {
        let mut order: Vec<u32> = (0..import.claims.len() as u32).collect();
        order.sort_by_key(|&c| import.claims[c as usize].subject);
        let mut start = vec![0u32; import.entities.len() + 1];
        for c in &import.claims {
            start[c.subject as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        ClaimsOf { order, start }
    }

    fn of(&self, entity: u32) -> &[u32] {
        let e = entity as usize;
        &self.order[self.start[e] as usize..self.start[e + 1] as usize]
    }
}

/// Claim ids already written: (subject, property, object, line), to add a `key` to a
/// repeat (two licenses on one line).
#[derive(Default)]
struct ClaimIds(FxHashMap<(u32, &'static str, Option<u32>, u32), u32>);

impl ClaimIds {
    fn key(&mut self, c: &ImportedClaim) -> Option<u32> {
        let n = self
            .0
            .entry((c.subject, c.property.name(), c.object, c.cite.line))
            .or_default();
        *n += 1;
        (*n > 1).then_some(*n)
    }
}

/// One data file: `entities` and their claims. A claim is written in its subject's file and
/// its key counts only claims of the same subject, so each file counts its own.
fn data_file(
    import: &Import,
    header: &str,
    default_source: u32,
    entities: &[u32],
    claims_of: &ClaimsOf,
    primary_ids: &[String],
) -> String {
    let mut ids = ClaimIds::default();
    let mut out = String::with_capacity(entities.len() * 200);
    let _ = writeln!(out, "// {header}\n(");
    out.push_str("    source: ");
    string(&mut out, &import.sources[default_source as usize].id);
    out.push_str(",\n");
    for (list, kind) in [
        ("organizations", NodeKind::Organization),
        ("models", NodeKind::Model),
        ("datasets", NodeKind::Dataset),
        ("applications", NodeKind::Application),
    ] {
        let mut any = false;
        for &e in entities {
            let entity = &import.entities[e as usize];
            if entity.kind != kind {
                continue;
            }
            if !any {
                let _ = writeln!(out, "    {list}: [");
                any = true;
            }
            out.push_str("        (id: ");
            string(&mut out, &entity.id);
            out.push_str(", name: ");
            string(&mut out, &entity.name);
            if !entity.aliases.is_empty() {
                out.push_str(", aliases: [");
                for (i, a) in entity.aliases.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    string(&mut out, a);
                }
                out.push(']');
            }
            out.push_str("),\n");
        }
        if any {
            out.push_str("    ],\n");
        }
    }
    let mut any = false;
    for &e in entities {
        for &c in claims_of.of(e) {
            if !any {
                out.push_str("    claims: [\n");
                any = true;
            }
            let claim = &import.claims[c as usize];
            let key = ids.key(claim);
            write_claim(import, &mut out, claim, default_source, primary_ids, key);
        }
    }
    if any {
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    out
}

fn write_claim(
    import: &Import,
    out: &mut String,
    claim: &ImportedClaim,
    default_source: u32,
    primary_ids: &[String],
    key: Option<u32>,
) {
    out.push_str("        (subject: ");
    string(out, &import.entities[claim.subject as usize].id);
    let _ = write!(out, ", property: {}", claim.property.name());
    if let Some(o) = claim.object {
        out.push_str(", object: ");
        string(out, &import.entities[o as usize].id);
    }
    if let Some(d) = claim.derivation {
        let _ = write!(out, ", derivation: {}", d.name());
    }
    if let Some(v) = &claim.value {
        out.push_str(", value: ");
        string(out, v);
    }
    if let Some(k) = key {
        let _ = write!(out, ", key: \"{k}\"");
    }
    if let Some(n) = &claim.note {
        out.push_str(", note: ");
        string(out, n);
    }
    out.push_str(",\n         cite: ");
    write_cite(import, out, &claim.cite, default_source, primary_ids);
    out.push_str("),\n");
}

fn write_cite(
    import: &Import,
    out: &mut String,
    cite: &Cite,
    default_source: u32,
    primary_ids: &[String],
) {
    out.push('(');
    if cite.file != default_source {
        out.push_str("source: ");
        string(out, &import.sources[cite.file as usize].id);
        out.push_str(", ");
    }
    let _ = write!(out, "line: {}, quote: ", cite.line);
    string(out, &cite.quote);
    if let Some(s) = &cite.section {
        out.push_str(", section: ");
        string(out, s);
    }
    if !cite.attributed_to.is_empty() {
        out.push_str(", attributed_to: [");
        for (i, p) in cite.attributed_to.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            string(out, &primary_ids[*p as usize]);
        }
        out.push(']');
    }
    out.push(')');
}

/// The `same_as` claims: an imported entity matches one existing entity at most, so their
/// ids never repeat.
fn same_as(import: &Import, primary_ids: &[String]) -> String {
    let mut out = String::new();
    out.push_str("// Imported entities that are the same as an entity of the dataset given with --into,\n// each cited where the input names it. Loads beside that dataset only.\n(\n    claims: [\n");
    for (entity, other, note) in &import.same_as {
        let e = &import.entities[*entity as usize];
        out.push_str("        (subject: ");
        string(&mut out, &e.id);
        out.push_str(", property: same_as, object: ");
        string(&mut out, other);
        out.push_str(", note: ");
        string(&mut out, note);
        out.push_str(",\n         cite: ");
        write_cite(import, &mut out, &e.cite, u32::MAX, primary_ids);
        out.push_str("),\n");
    }
    out.push_str("    ],\n)\n");
    out
}
