//! Stanford CRFM's Ecosystem Graphs: an `assets/*.yaml` file is a list of assets (models,
//! datasets, applications) of one organization; most fields are a plain value or `value`
//! plus `explanation`, and explanations cite `[[Name]](url)`.
//!
//! Read with saphyr, whose nodes carry their line and column, so every fact cites the line
//! its value stands on. docs/import.md gives the mapping field by field.

use crate::model::{Cite, Import, ImportedClaim, Reference};
use crate::text::{is_numeric, line_starts, line_text};
use kg_core::{NodeKind, Property};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// A field's value: its text, where it stands, and its explanation's references.
struct Field {
    /// The value as text (`None` for a list or mapping without `value`).
    text: Option<String>,
    /// Whether YAML read it as a number.
    numeric: bool,
    line: u32,
    column: u32,
    /// The URLs the explanation cites.
    references: Vec<String>,
}

/// Reads one assets file into `import`.
pub fn read(import: &mut Import, file: u32, text: &str) {
    let documents = match MarkedYaml::load_from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let m = e.marker();
            import.error(
                file,
                m.line() as u32,
                m.col() as u32 + 1,
                format!("not valid YAML: {}", e.info()),
            );
            return;
        }
    };
    let starts = line_starts(text);
    for document in &documents {
        let YamlData::Sequence(assets) = &document.data else {
            let cite = at(file, document, text, &starts, None);
            import.problem(
                "not-a-list",
                &cite,
                "an assets file is a list of assets; this document is not".into(),
            );
            continue;
        };
        for asset in assets {
            read_asset(import, file, asset, text, &starts);
        }
    }
}

/// The citation of a node: its line, column and the line's text.
fn at(file: u32, node: &MarkedYaml, text: &str, starts: &[usize], section: Option<String>) -> Cite {
    let line = node.span.start.line() as u32;
    Cite {
        file,
        line,
        column: node.span.start.col() as u32 + 1,
        quote: line_text(text, starts, line).trim().to_string(),
        section,
        attributed_to: Vec::new(),
    }
}

fn scalar_text(node: &MarkedYaml) -> Option<(String, bool)> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some((s.to_string(), false)),
        YamlData::Value(Scalar::Integer(i)) => Some((i.to_string(), true)),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some((f.to_string(), true)),
        YamlData::Value(Scalar::Boolean(b)) => Some((b.to_string(), false)),
        YamlData::Representation(s, _, _) => Some((s.to_string(), is_numeric(s))),
        _ => None,
    }
}

/// The URLs of the `[[Name]](url)` references in an explanation.
pub fn references(explanation: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut rest = explanation;
    while let Some(i) = rest.find("]](") {
        let after = &rest[i + 3..];
        let end = after.find(')').unwrap_or(after.len());
        let url = after[..end].trim();
        if !url.is_empty() && !urls.iter().any(|u| u == url) {
            urls.push(url.to_string());
        }
        rest = &after[end..];
    }
    urls
}

fn field(node: &MarkedYaml) -> Field {
    let mut f = Field {
        text: None,
        numeric: false,
        line: node.span.start.line() as u32,
        column: node.span.start.col() as u32 + 1,
        references: Vec::new(),
    };
    if let Some((t, numeric)) = scalar_text(node) {
        f.text = Some(t);
        f.numeric = numeric;
    } else if let YamlData::Mapping(map) = &node.data {
        for (k, v) in map.iter() {
            match k.data.as_str() {
                Some("value") => {
                    if let Some((t, numeric)) = scalar_text(v) {
                        f.text = Some(t);
                        f.numeric = numeric;
                        f.line = v.span.start.line() as u32;
                        f.column = v.span.start.col() as u32 + 1;
                    }
                }
                Some("explanation") => {
                    if let Some((t, _)) = scalar_text(v) {
                        f.references = references(&t);
                    }
                }
                _ => {}
            }
        }
    }
    f
}

/// Whether a value says nothing (`''`, `unknown`, `none`).
fn says_nothing(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "" | "unknown" | "none" | "n/a"
    )
}

fn read_asset(import: &mut Import, file: u32, asset: &MarkedYaml, text: &str, starts: &[usize]) {
    let YamlData::Mapping(map) = &asset.data else {
        let cite = at(file, asset, text, starts, None);
        import.problem(
            "not-an-asset",
            &cite,
            "an asset is a mapping of fields; this item is not".into(),
        );
        return;
    };
    let get = |key: &str| {
        map.iter()
            .find(|(k, _)| k.data.as_str() == Some(key))
            .map(|(_, v)| v)
    };
    let asset_cite = at(file, asset, text, starts, None);
    let Some(name_node) = get("name") else {
        import.problem(
            "missing-name",
            &asset_cite,
            "an asset without a `name`: left out".into(),
        );
        return;
    };
    let name_field = field(name_node);
    let name_cite = at(file, name_node, text, starts, None);
    let name = match name_field.text {
        Some(n) if name_field.numeric || is_numeric(&n) => {
            import.problem(
                "numeric-name",
                &name_cite,
                format!("the name column holds a number (`{n}`): the asset is left out"),
            );
            return;
        }
        Some(n) if !n.trim().is_empty() => n.trim().to_string(),
        _ => {
            import.problem(
                "missing-name",
                &name_cite,
                "an asset with an empty `name`: left out".into(),
            );
            return;
        }
    };
    let kind_text = get("type").and_then(|t| field(t).text).unwrap_or_default();
    let kind = match kind_text.trim() {
        "model" => NodeKind::Model,
        "dataset" => NodeKind::Dataset,
        "application" => NodeKind::Application,
        other => {
            let cite = get("type").map_or(asset_cite.clone(), |t| at(file, t, text, starts, None));
            import.problem(
                "unknown-type",
                &cite,
                format!(
                    "asset `{name}` has type `{other}`; expected model, dataset or application: left out"
                ),
            );
            return;
        }
    };
    let name_cite = Cite {
        section: Some(format!("{name} > name")),
        ..name_cite
    };
    let entity = import.define(kind, &name, &name, name_cite);
    let cite_of = |import: &mut Import, f: &Field, node: &MarkedYaml, key: &str| {
        let line = f.line;
        let mut cite = at(file, node, text, starts, Some(format!("{name} > {key}")));
        cite.line = line;
        cite.column = f.column;
        cite.quote = line_text(text, starts, line).trim().to_string();
        cite.attributed_to = f
            .references
            .iter()
            .map(|u| import.primary_source(u))
            .collect();
        cite
    };
    let plain = |subject: u32, property, value: String, cite: Cite| ImportedClaim {
        subject,
        property,
        object: None,
        value: Some(value),
        derivation: None,
        note: None,
        cite,
    };
    if let Some(node) = get("organization") {
        let f = field(node);
        if let Some(orgs) = f.text.as_deref().filter(|t| !says_nothing(t)) {
            let cite = cite_of(import, &f, node, "organization");
            for org in orgs.split(',').map(str::trim).filter(|o| !o.is_empty()) {
                let o = import.organization(org, &cite);
                import.claim(ImportedClaim {
                    object: Some(o),
                    value: None,
                    ..plain(entity, Property::DevelopedBy, String::new(), cite.clone())
                });
            }
        }
    }
    if let Some(node) = get("created_date") {
        let f = field(node);
        if let Some(date) = f.text.clone().filter(|t| !says_nothing(t)) {
            let cite = cite_of(import, &f, node, "created_date");
            if kg_core::date::Date::parse(date.trim()).is_ok() {
                import.claim(plain(
                    entity,
                    Property::ReleaseDate,
                    date.trim().into(),
                    cite,
                ));
            } else {
                import.problem(
                    "bad-date",
                    &cite,
                    format!("`created_date` of `{name}` is not a date (`{date}`): left out"),
                );
            }
        }
    }
    if let Some(node) = get("license") {
        let f = field(node);
        if let Some(license) = f.text.clone().filter(|t| !says_nothing(t)) {
            let cite = cite_of(import, &f, node, "license");
            import.claim(plain(
                entity,
                Property::License,
                license.trim().into(),
                cite,
            ));
        }
    }
    if kind == NodeKind::Model {
        if let Some(node) = get("size") {
            let f = field(node);
            if let Some(size) = f.text.clone().filter(|t| !says_nothing(t)) {
                if let Some(count) = parameter_count(&size) {
                    let cite = cite_of(import, &f, node, "size");
                    import.claim(ImportedClaim {
                        note: Some(format!("Ecosystem Graphs' size: {size}")),
                        ..plain(entity, Property::ParametersTotal, count, cite)
                    });
                }
            }
        }
    }
    if let Some(node) = get("dependencies") {
        // `dependencies` is a list, or `value` (the list) plus `explanation`.
        let (node, explained) = match &node.data {
            YamlData::Mapping(map) => {
                let value = map
                    .iter()
                    .find(|(k, _)| k.data.as_str() == Some("value"))
                    .map_or(node, |(_, v)| v);
                (value, field(node).references)
            }
            _ => (node, Vec::new()),
        };
        let explained: Vec<u32> = explained.iter().map(|u| import.primary_source(u)).collect();
        match &node.data {
            YamlData::Sequence(items) => {
                for item in items {
                    let cite = Cite {
                        attributed_to: explained.clone(),
                        ..at(
                            file,
                            item,
                            text,
                            starts,
                            Some(format!("{name} > dependencies")),
                        )
                    };
                    match scalar_text(item) {
                        Some((dep, numeric)) if numeric || is_numeric(&dep) => import.problem(
                            "numeric-name",
                            &cite,
                            format!("a dependency of `{name}` is a number (`{dep}`): left out"),
                        ),
                        Some((dep, _)) if !dep.trim().is_empty() => import.refer(Reference {
                            from: entity,
                            property: Property::DependsOn,
                            derivation: None,
                            name: dep.trim().to_string(),
                            kind: NodeKind::Model,
                            cite,
                        }),
                        _ => import.problem(
                            "bad-dependency",
                            &cite,
                            format!("a dependency of `{name}` is not a name: left out"),
                        ),
                    }
                }
            }
            YamlData::Value(Scalar::Null) => {}
            _ => {
                let cite = at(file, node, text, starts, None);
                import.problem(
                    "bad-dependency",
                    &cite,
                    format!("`dependencies` of `{name}` is not a list: left out"),
                );
            }
        }
    }
}

/// The parameter count at the start of a size (`7.3B` of `7.3B parameters (dense)`), when
/// the size is one in parameters.
fn parameter_count(size: &str) -> Option<String> {
    let size = size.trim();
    if !size.contains("parameters") {
        return None;
    }
    let token = size.split_whitespace().next()?;
    let (number, unit) = token.split_at(token.find(|c: char| c.is_ascii_alphabetic())?);
    (number.parse::<f64>().is_ok() && matches!(unit, "K" | "M" | "B" | "T"))
        .then(|| token.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanations_give_their_references_urls() {
        assert_eq!(
            references("see [[Section 2.1]](https://arxiv.org/a.pdf#s) and [[B]](https://b.org)."),
            vec!["https://arxiv.org/a.pdf#s", "https://b.org"]
        );
        assert!(references("no reference").is_empty());
    }

    #[test]
    fn sizes_in_parameters_give_their_count() {
        assert_eq!(
            parameter_count("7.3B parameters (dense)").as_deref(),
            Some("7.3B")
        );
        assert_eq!(parameter_count("600B tokens"), None);
        assert_eq!(parameter_count("unknown"), None);
    }
}
