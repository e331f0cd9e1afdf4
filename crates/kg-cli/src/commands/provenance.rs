//! `kg provenance`: the chain from a figure to the document that states it (section, line,
//! quote) and to its primary sources, with the other claims of the same fact.

use crate::args::{Global, ProvenanceArgs};
use crate::json;
use crate::render::{self, paint, Style, Table};
use anyhow::Result;
use kg_core::query::{LinkKind, Provenance};
use serde_json::{json, Value as Json};
use std::io::Write;

/// Runs `kg provenance`.
pub fn run(
    global: &Global,
    args: &ProvenanceArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<u8> {
    let graph = {
        // The claim's subject (or the entity) with every claim about it: the other claims of
        // the same fact are among them.
        let part = kg_core::snapshot::Selection::Around(vec![args.target.as_str()]);
        crate::dataset::load(global, &part, err)?
    };
    let Some(property) = &args.property else {
        if args.as_of.is_some() {
            writeln!(err, "error: --as-of goes with `kg provenance ID PROPERTY`")?;
            return Ok(crate::EXIT_USAGE);
        }
        let found = match kg_core::query::provenance(&graph, &args.target) {
            Ok(p) => p,
            Err(e) => return render::query_error(err, &e, color, global.json),
        };
        if global.json {
            return render::json(out, &to_json(&graph, &found));
        }
        write_one(out, &graph, &found, color)?;
        return Ok(crate::EXIT_OK);
    };
    let found = match kg_core::query::provenance_of(
        &graph,
        &args.target,
        property,
        args.as_of.as_deref(),
    ) {
        Ok(p) => p,
        Err(e) => return render::query_error(err, &e, color, global.json),
    };
    if global.json {
        return render::json(
            out,
            &json!(found.iter().map(|p| to_json(&graph, p)).collect::<Vec<_>>()),
        );
    }
    if found.is_empty() {
        let when = args
            .as_of
            .as_deref()
            .map(|d| format!(" at {d}"))
            .unwrap_or_default();
        writeln!(err, "no `{property}` claim about `{}`{when}", args.target)?;
        return Ok(1);
    }
    for (i, p) in found.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_one(out, &graph, p, color)?;
    }
    Ok(crate::EXIT_OK)
}

/// `{"claim", "chain", "corroborating", "conflicting"}`.
fn to_json(graph: &kg_core::Graph, p: &Provenance) -> Json {
    let chain: Vec<Json> = p
        .chain
        .iter()
        .map(|link| {
            let mut j = json!({"kind": link.kind.name(), "id": link.id});
            if let Some(n) = &link.name {
                j["name"] = json!(n);
            }
            if let Some(s) = &link.section {
                j["section"] = json!(&**s);
            }
            if let Some(l) = link.line {
                j["line"] = json!(l);
            }
            if let Some(q) = &link.quote {
                j["quote"] = json!(&**q);
            }
            j
        })
        .collect();
    json!({
        "claim": json::claim(graph, p.claim),
        "chain": chain,
        "corroborating": p.corroborating.iter().map(|c| json::claim(graph, c)).collect::<Vec<_>>(),
        "conflicting": p.conflicting.iter().map(|c| json::claim(graph, c)).collect::<Vec<_>>(),
    })
}

fn write_one(
    out: &mut dyn Write,
    graph: &kg_core::Graph,
    p: &Provenance,
    color: bool,
) -> Result<()> {
    let c = p.claim;
    crate::commands::show::show_claim(out, graph, c, color)?;
    writeln!(out, "\n{}", paint("chain", Style::Bold, color))?;
    let subject = graph.subject(c);
    writeln!(
        out,
        "  {}  {} of {} ({})",
        paint(&c.value.text, Style::Value, color),
        c.property.name(),
        subject.id,
        subject.name
    )?;
    if p.chain.is_empty() {
        writeln!(out, "  └─ no document: editorial")?;
    }
    // A document at depth 1, its primary sources at depth 2.
    let depths: Vec<usize> = p
        .chain
        .iter()
        .map(|l| match l.kind {
            LinkKind::Document => 1,
            LinkKind::PrimarySource => 2,
        })
        .collect();
    let prefixes = render::tree_prefixes(&depths);
    for (i, (link, prefix)) in p.chain.iter().zip(&prefixes).enumerate() {
        let name = link.name.as_deref().unwrap_or("");
        match link.kind {
            LinkKind::Document => {
                writeln!(
                    out,
                    "  {prefix}document  {}  {name}",
                    paint(&link.id, Style::Id, color)
                )?;
                // Continuation lines under the document carry on its branch.
                let cont: String = prefix.replace("├─ ", "│  ").replace("└─ ", "   ");
                let more = depths.get(i + 1) == Some(&2);
                let bar = if more { "│  " } else { "   " };
                for (k, v) in [
                    ("section", link.section.as_deref().unwrap_or("")),
                    (
                        "line",
                        &link.line.map(|l| l.to_string()).unwrap_or_default(),
                    ),
                    (
                        "quote",
                        &format!("“{}”", link.quote.as_deref().unwrap_or("")),
                    ),
                ] {
                    writeln!(
                        out,
                        "  {cont}{bar}{}  {v}",
                        paint(&format!("{k:<7}"), Style::Dim, color)
                    )?;
                }
            }
            LinkKind::PrimarySource => {
                writeln!(
                    out,
                    "  {prefix}primary source  {}  {name}",
                    paint(&link.id, Style::Id, color)
                )?;
            }
        }
    }
    for (title, claims, style) in [
        ("corroborating", &p.corroborating, Style::Good),
        ("conflicting", &p.conflicting, Style::Warn),
    ] {
        writeln!(out, "\n{}", paint(title, Style::Bold, color))?;
        if claims.is_empty() {
            writeln!(out, "  (none)")?;
            continue;
        }
        let mut table = Table::new(&[
            ("claim", Style::Id),
            ("value", style),
            ("status", Style::Dim),
            ("sources", Style::Dim),
        ]);
        for other in claims.iter() {
            table.row(vec![
                graph.claim_id(other),
                render::value(graph, other),
                other.status.name().into(),
                render::sources(graph, other),
            ]);
        }
        write!(out, "{}", table.render(2, color))?;
    }
    Ok(())
}
