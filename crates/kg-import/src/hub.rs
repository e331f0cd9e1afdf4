//! The Hugging Face Hub's model records, one JSON object a line, as the Hub's API and its
//! client libraries give them: `id`, `author`, `created_at`, `downloads`, `tags`
//! (`base_model:finetune:X`, `license:Y`, `dataset:Z`, ...), `safetensors`, ...
//!
//! Each field is read as raw JSON (serde_json's `RawValue`), so its quote is the record's
//! own text and its column where that text starts on the line.

use crate::model::{Cite, Import, ImportedClaim, Reference};
use crate::text::{column, is_numeric, line_starts, line_text};
use kg_core::model::DerivationKind;
use kg_core::{NodeKind, Property};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The fields kg reads; the others are left (docs/import.md says which and why).
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    author: Option<&'a RawValue>,
    #[serde(borrow, default)]
    created_at: Option<&'a RawValue>,
    #[serde(borrow, default)]
    downloads: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tags: Option<&'a RawValue>,
    #[serde(borrow, default)]
    safetensors: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Safetensors {
    total: Option<u64>,
}

/// The Hub's relation names (`base_model:KIND:X`) as derivation kinds.
fn derivation(kind: &str) -> Option<DerivationKind> {
    Some(match kind {
        "finetune" => DerivationKind::Finetune,
        "adapter" => DerivationKind::Adapter,
        "quantized" => DerivationKind::Quantized,
        "merge" => DerivationKind::Merged,
        _ => return None,
    })
}

/// Reads one JSON Lines file into `import`.
pub fn read(import: &mut Import, file: u32, text: &str, tick: &mut dyn FnMut(u64)) {
    let starts = line_starts(text);
    for (i, _) in starts.iter().enumerate() {
        let line_no = i as u32 + 1;
        let line = line_text(text, &starts, line_no);
        if i % 4096 == 0 {
            tick(starts[i] as u64);
        }
        if line.trim().is_empty() {
            continue;
        }
        read_record(import, file, line_no, line);
    }
}

fn read_record(import: &mut Import, file: u32, line_no: u32, line: &str) {
    let cite_at = |raw: &str, quote: &str, section: &str| Cite {
        file,
        line: line_no,
        column: column(line, raw.as_ptr() as usize - line.as_ptr() as usize),
        quote: quote.to_string(),
        section: Some(section.to_string()),
        attributed_to: Vec::new(),
    };
    let record: Record = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => {
            import.problem(
                "bad-record",
                &Cite {
                    file,
                    line: line_no,
                    column: e.column() as u32,
                    ..Cite::default()
                },
                format!("not a JSON object: {e}; the line is left out"),
            );
            return;
        }
    };
    let Some(id_raw) = record.id else {
        import.problem(
            "missing-name",
            &Cite {
                file,
                line: line_no,
                column: 1,
                ..Cite::default()
            },
            "a record without an `id`: left out".into(),
        );
        return;
    };
    let id_cite = cite_at(id_raw.get(), id_raw.get(), "id");
    let id = match serde_json::from_str::<String>(id_raw.get()) {
        Ok(id) if !id.trim().is_empty() && !is_numeric(&id) => id,
        _ => {
            import.problem(
                "numeric-name",
                &id_cite,
                format!(
                    "the `id` field holds `{}`, not a model id: the record is left out",
                    id_raw.get()
                ),
            );
            return;
        }
    };
    let model = import.define(NodeKind::Model, &id, &id, id_cite);
    let section = |field: &str| format!("{id} > {field}");
    let figure = |property, value: String, note: &str, cite: Cite| ImportedClaim {
        subject: model,
        property,
        object: None,
        value: Some(value),
        derivation: None,
        note: Some(note.to_string()),
        cite,
    };
    if let Some(raw) = record.author {
        if let Ok(author) = serde_json::from_str::<String>(raw.get()) {
            let cite = cite_at(raw.get(), raw.get(), &section("author"));
            let org = import.organization(&author, &cite);
            import.claim(ImportedClaim {
                object: Some(org),
                value: None,
                ..figure(
                    Property::DevelopedBy,
                    String::new(),
                    "the Hub's author: the account that publishes the repository",
                    cite,
                )
            });
        }
    }
    if let Some(raw) = record.created_at {
        if let Ok(created) = serde_json::from_str::<String>(raw.get()) {
            let day = created.get(..10).unwrap_or(&created);
            if kg_core::date::Date::parse(day).is_ok() {
                let cite = cite_at(raw.get(), raw.get(), &section("created_at"));
                import.claim(figure(
                    Property::ReleaseDate,
                    day.to_string(),
                    "the Hub's created_at: when the repository was created",
                    cite,
                ));
            }
        }
    }
    if let Some(raw) = record.downloads {
        if serde_json::from_str::<u64>(raw.get()).is_ok() {
            let cite = cite_at(raw.get(), raw.get(), &section("downloads"));
            import.claim(figure(
                Property::MonthlyDownloads,
                raw.get().to_string(),
                "the Hub's downloads: the last 30 days before the record was taken",
                cite,
            ));
        }
    }
    if let Some(raw) = record.safetensors {
        if let Ok(Safetensors { total: Some(total) }) = serde_json::from_str(raw.get()) {
            let text = raw.get();
            if let Some(at) = text.find("\"total\"") {
                let quote = &text[at..];
                let digits = total.to_string();
                let end = quote
                    .find(&digits)
                    .map_or(quote.len(), |i| i + digits.len());
                let quote = &quote[..end];
                let cite = cite_at(quote, quote, &section("safetensors"));
                import.claim(figure(
                    Property::ParametersTotal,
                    digits,
                    "the Hub's safetensors total: parameters stored in the weights",
                    cite,
                ));
            }
        }
    }
    if let Some(raw) = record.tags {
        read_tags(import, model, raw.get(), &cite_at, &section("tags"));
    }
}

/// Reads the tags: base models with their relation, licenses, datasets.
fn read_tags(
    import: &mut Import,
    model: u32,
    raw: &str,
    cite_at: &dyn Fn(&str, &str, &str) -> Cite,
    section: &str,
) {
    let Ok(tags) = serde_json::from_str::<Vec<String>>(raw) else {
        return;
    };
    // Each tag's own text in the record, for its quote and column.
    let mut from = 0;
    let mut located: Vec<(String, Cite)> = Vec::new();
    for tag in tags {
        let Ok(literal) = serde_json::to_string(&tag) else {
            continue;
        };
        let Some(at) = raw[from..].find(&literal).map(|i| i + from) else {
            continue;
        };
        from = at + literal.len();
        let text = &raw[at..from];
        located.push((tag, cite_at(text, text, section)));
    }
    // Base models: the typed tags say the relation; a base named only by a plain
    // `base_model:X` tag is derived in a way the record does not say.
    let mut bases: Vec<(String, Option<DerivationKind>, Cite)> = Vec::new();
    for (tag, cite) in &located {
        let Some(rest) = tag.strip_prefix("base_model:") else {
            continue;
        };
        let typed = rest
            .split_once(':')
            .and_then(|(kind, base)| derivation(kind).map(|d| (base, Some(d))));
        let (base, kind) = typed.unwrap_or((rest, None));
        match bases.iter_mut().find(|(b, _, _)| b == base) {
            Some(entry) if entry.1.is_none() && kind.is_some() => {
                entry.1 = kind;
                entry.2 = cite.clone();
            }
            Some(entry) if kind.is_some() && entry.1 != kind => {
                bases.push((base.to_string(), kind, cite.clone()))
            }
            Some(_) => {}
            None => bases.push((base.to_string(), kind, cite.clone())),
        }
    }
    for (base, kind, cite) in bases {
        import.refer(Reference {
            from: model,
            property: Property::DerivedFrom,
            derivation: Some(kind.unwrap_or(DerivationKind::Unknown)),
            name: base,
            kind: NodeKind::Model,
            cite,
        });
    }
    for (tag, cite) in located {
        if let Some(license) = tag.strip_prefix("license:") {
            import.claim(ImportedClaim {
                subject: model,
                property: Property::License,
                object: None,
                value: Some(license.to_string()),
                derivation: None,
                note: None,
                cite,
            });
        } else if let Some(dataset) = tag.strip_prefix("dataset:") {
            let d = import.named(NodeKind::Dataset, dataset, &cite);
            import.claim(ImportedClaim {
                subject: model,
                property: Property::DependsOn,
                object: Some(d),
                value: None,
                derivation: None,
                note: Some("the Hub's dataset tag".into()),
                cite,
            });
        }
    }
}
