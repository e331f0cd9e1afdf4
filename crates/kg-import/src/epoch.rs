//! Epoch AI's notable AI models: CSV with a header, quoted fields across lines, rows wider
//! than the header. Read with the csv crate; each fact cites the line its field starts on
//! and names its column in the section (`Parameters (column 5)`).

use crate::csvrows::{each_row, locate, quote, Row};
use crate::model::{Cite, Import, ImportedClaim, Reference};
use crate::text::{is_numeric, line_starts, line_text};
use kg_core::date::Date;
use kg_core::model::DerivationKind;
use kg_core::{NodeKind, Property};

/// The columns kg reads.
struct Columns {
    model: usize,
    organization: Option<usize>,
    date: Option<usize>,
    parameters: Option<usize>,
    confidence: Option<usize>,
    link: Option<usize>,
    base: Option<usize>,
    width: usize,
}

/// Reads one CSV file into `import`.
pub fn read(import: &mut Import, file: u32, text: &str, tick: &mut dyn FnMut(u64)) {
    let starts = line_starts(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            let line = e.position().map_or(1, |p| p.line() as u32);
            import.error(file, line, 1, format!("cannot read the CSV header: {e}"));
            return;
        }
    };
    let find = |name: &str| header.iter().position(|h| h.trim() == name);
    let Some(model) = find("Model") else {
        import.error(file, 1, 1, "the header has no `Model` column".into());
        return;
    };
    let width = header
        .iter()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|h| !h.trim().is_empty())
        .map_or(0, |i| i + 1);
    let columns = Columns {
        model,
        organization: find("Organization"),
        date: find("Publication date"),
        parameters: find("Parameters"),
        confidence: find("Confidence"),
        link: find("Link"),
        base: find("Base model"),
        width,
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    each_row(import, file, &mut reader, tick, |import, r| {
        read_row(import, file, text, &starts, &columns, &names, r)
    });
}

fn read_row(
    import: &mut Import,
    file: u32,
    text: &str,
    starts: &[usize],
    columns: &Columns,
    names: &[String],
    r: &Row<'_>,
) {
    if r.fields.iter().all(|f| f.text.trim().is_empty()) {
        return;
    }
    // Each field's citation: its line, its text there, its column named in the section.
    let mut cursors: Vec<(u32, usize)> = Vec::new();
    let mut cite = |i: usize| -> Cite {
        let field = &r.fields[i];
        let (skipped, q) = quote(field.text);
        let at = field.line + skipped;
        let line = line_text(text, starts, at);
        let cursor = match cursors.iter_mut().find(|(l, _)| *l == at) {
            Some((_, c)) => c,
            None => {
                cursors.push((at, 0));
                &mut cursors.last_mut().expect("just pushed").1
            }
        };
        let column = locate(line, &q, cursor);
        let header = names.get(i).map_or("", String::as_str);
        Cite {
            file,
            line: at,
            column,
            quote: q,
            section: Some(if at == r.line {
                format!("{header} (column {})", i + 1)
            } else {
                format!("{header} (column {}, record at line {})", i + 1, r.line)
            }),
            attributed_to: Vec::new(),
        }
    };
    let get = |i: Option<usize>| {
        i.and_then(|i| r.fields.get(i))
            .map(|f| f.text.trim())
            .filter(|t| !t.is_empty())
    };
    let Some(name) = get(Some(columns.model)) else {
        let c = cite(0);
        import.problem(
            "missing-name",
            &Cite { line: r.line, ..c },
            "a row without a `Model`: left out".into(),
        );
        return;
    };
    let name_cite = cite(columns.model);
    if is_numeric(name) {
        import.problem(
            "numeric-name",
            &name_cite,
            format!("the `Model` column holds a number (`{name}`): the row is left out"),
        );
        return;
    }
    if let Some(date_col) = columns.date {
        if let Some(date) = get(Some(date_col)) {
            if Date::parse(date).is_err() {
                let neighbour = [date_col.checked_sub(1), Some(date_col + 1)]
                    .into_iter()
                    .flatten()
                    .find(|&i| get(Some(i)).is_some_and(|t| Date::parse(t).is_ok()));
                if let Some(n) = neighbour {
                    let c = cite(date_col);
                    import.problem(
                        "shifted-row",
                        &c,
                        format!(
                            "`Publication date` holds `{date}` and column {} (`{}`) a date: the row of `{name}` is shifted by a column and left out",
                            n + 1,
                            names.get(n).map_or("", String::as_str)
                        ),
                    );
                    return;
                }
            }
        }
    }
    let extra: Vec<usize> = (columns.width..r.fields.len())
        .filter(|&i| !r.fields[i].text.trim().is_empty())
        .collect();
    if let Some(&first) = extra.first() {
        let c = cite(first);
        import.problem(
            "wide-row",
            &c,
            format!(
                "the row of `{name}` has text in column {} past the header's {} columns: that text is left out",
                first + 1,
                columns.width
            ),
        );
    }
    let entity = import.define(NodeKind::Model, name, name, name_cite);
    let primary: Vec<u32> = get(columns.link)
        .map(|links| {
            links
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|u| u.starts_with("http"))
                .map(|u| import.primary_source(u))
                .collect()
        })
        .unwrap_or_default();
    let mut cite = |i: usize| Cite {
        attributed_to: primary.clone(),
        ..cite(i)
    };
    let claim = |property, value: Option<String>, object, note, cite| ImportedClaim {
        subject: entity,
        property,
        object,
        value,
        derivation: None,
        note,
        cite,
    };
    if let (Some(i), Some(orgs)) = (columns.organization, get(columns.organization)) {
        let c = cite(i);
        for org in orgs.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            let o = import.organization(org, &c);
            import.claim(claim(Property::DevelopedBy, None, Some(o), None, c.clone()));
        }
    }
    if let (Some(i), Some(date)) = (columns.date, get(columns.date)) {
        let c = cite(i);
        if Date::parse(date).is_ok() {
            import.claim(claim(
                Property::ReleaseDate,
                Some(date.into()),
                None,
                None,
                c,
            ));
        } else {
            import.problem(
                "bad-date",
                &c,
                format!("`Publication date` of `{name}` is not a date (`{date}`): left out"),
            );
        }
    }
    if let (Some(i), Some(params)) = (columns.parameters, get(columns.parameters)) {
        let c = cite(i);
        if params.chars().all(|ch| ch.is_ascii_digit()) {
            let note = get(columns.confidence).map(|conf| format!("Epoch's confidence: {conf}"));
            import.claim(claim(
                Property::ParametersTotal,
                Some(params.into()),
                None,
                note,
                c,
            ));
        } else {
            import.problem(
                "bad-number",
                &c,
                format!("`Parameters` of `{name}` is not a whole number (`{params}`): left out"),
            );
        }
    }
    if let (Some(i), Some(bases)) = (columns.base, get(columns.base)) {
        let c = cite(i);
        for base in bases.split(',').map(str::trim).filter(|b| !b.is_empty()) {
            import.refer(Reference {
                from: entity,
                property: Property::DerivedFrom,
                derivation: Some(DerivationKind::Unknown),
                name: base.to_string(),
                kind: NodeKind::Model,
                cite: c.clone(),
            });
        }
    }
}
