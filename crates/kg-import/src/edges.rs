//! A model tree as CSV rows `child,parent,relation` (header first, an empty parent for a
//! root; a merge has a row per parent): the plainest form of a model tree, and the one the
//! 1M-model benchmark uses. Each fact cites its row's line, the row's text its quote.

use crate::csvrows::{each_row, Row};
use crate::model::{Cite, Import, Reference};
use crate::text::{column, is_numeric, line_starts, line_text};
use kg_core::model::DerivationKind;
use kg_core::{NodeKind, Property};

/// A relation's name as a derivation kind (`None`: not one kg knows).
fn derivation(relation: &str) -> Option<DerivationKind> {
    Some(match relation.trim().to_ascii_lowercase().as_str() {
        "" | "unknown" => DerivationKind::Unknown,
        "finetune" | "fine-tune" | "fine_tune" => DerivationKind::Finetune,
        "quantized" | "quantization" => DerivationKind::Quantized,
        "adapter" | "lora" => DerivationKind::Adapter,
        "merge" | "merged" => DerivationKind::Merged,
        "distilled" | "distillation" => DerivationKind::Distilled,
        "upcycled" => DerivationKind::Upcycled,
        "continued_pretraining" | "continued-pretraining" => DerivationKind::ContinuedPretraining,
        _ => return None,
    })
}

/// Reads one edges file into `import`.
pub fn read(import: &mut Import, file: u32, text: &str, tick: &mut dyn FnMut(u64)) {
    let starts = line_starts(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    each_row(import, file, &mut reader, tick, |import, r| {
        read_row(import, file, text, &starts, r)
    });
}

/// One row: the child, and its derivation from the parent, each cited to the row.
fn read_row(import: &mut Import, file: u32, text: &str, starts: &[usize], r: &Row<'_>) {
    let line = line_text(text, starts, r.line);
    let cite = |at: usize| Cite {
        file,
        line: r.line,
        column: column(line, at),
        quote: line.trim().to_string(),
        section: None,
        attributed_to: Vec::new(),
    };
    let field = |i: usize| r.fields.get(i).map_or("", |f| f.text.trim());
    let (child, parent, relation) = (field(0), field(1), field(2));
    if r.fields.iter().all(|f| f.text.trim().is_empty()) {
        return;
    }
    // Where the parent and relation columns start, for the problems' columns.
    let parent_at = line.find(',').map_or(0, |i| i + 1);
    let relation_at = line[parent_at..]
        .find(',')
        .map_or(parent_at, |i| parent_at + i + 1);
    if r.fields.len() > 3 && r.fields[3..].iter().any(|f| !f.text.trim().is_empty()) {
        import.problem(
            "shifted-row",
            &cite(0),
            format!(
                "the row has {} fields, the header 3 (child,parent,relation): shifted by a column, left out",
                r.fields.len()
            ),
        );
        return;
    }
    if relation.is_empty()
        && !parent.is_empty()
        && derivation(parent).is_some_and(|d| d != DerivationKind::Unknown)
    {
        import.problem(
            "shifted-row",
            &cite(parent_at),
            format!(
                "the parent column holds the relation `{parent}` and the relation column is empty: shifted by a column, left out"
            ),
        );
        return;
    }
    if child.is_empty() {
        import.problem(
            "missing-name",
            &cite(0),
            "a row without a child: left out".into(),
        );
        return;
    }
    if is_numeric(child) || is_numeric(parent) {
        let (which, value, at) = if is_numeric(child) {
            ("child", child, 0)
        } else {
            ("parent", parent, parent_at)
        };
        import.problem(
            "numeric-name",
            &cite(at),
            format!("the {which} column holds a number (`{value}`): the row is left out"),
        );
        return;
    }
    let entity = match import.by_key.get(child) {
        Some(defined) => defined[0],
        None => import.define(NodeKind::Model, child, child, cite(0)),
    };
    if parent.is_empty() {
        return;
    }
    let kind = match derivation(relation) {
        Some(kind) => kind,
        None => {
            import.problem(
                "unknown-relation",
                &cite(relation_at),
                format!(
                    "relation `{relation}` is none of finetune, quantized, adapter, merge, distilled, upcycled, continued_pretraining: stored as unknown"
                ),
            );
            DerivationKind::Unknown
        }
    };
    import.refer(Reference {
        from: entity,
        property: Property::DerivedFrom,
        derivation: Some(kind),
        name: parent.to_string(),
        kind: NodeKind::Model,
        cite: cite(parent_at),
    });
}
