//! Parsing: one file's RON text into the file format's types, a RON or shape error into one
//! located diagnostic.

use super::SourceFile;
use crate::diagnostic::{line_column, offset_of, Code, Diagnostic, Location};
use crate::format::FileInput;

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses one file; a RON or shape error becomes a located diagnostic.
pub(super) fn parse_file(file: &SourceFile) -> Result<FileInput, Box<Diagnostic>> {
    ron_options()
        .from_str::<FileInput>(&file.text)
        .map_err(|e| {
            let (code, message) = describe_ron_error(&e.code);
            let message = crate::format::top_level_message(message, &file.text);
            let start = offset_of(
                &file.text,
                e.span.start.line as u32,
                e.span.start.col as u32,
            );
            let end =
                offset_of(&file.text, e.span.end.line as u32, e.span.end.col as u32).max(start);
            let (line, column) = line_column(&file.text, start);
            Box::new(Diagnostic {
                code,
                severity: code.severity(),
                message,
                location: Some(Location {
                    file: file.path.clone(),
                    line,
                    column,
                    offset: start,
                    len: end - start,
                }),
                related: Vec::new(),
                help: None,
            })
        })
}

fn describe_ron_error(error: &ron::Error) -> (Code, String) {
    use ron::Error as E;
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let within = |outer: &Option<String>| match outer.as_deref() {
        Some(o) => format!(" in `{}`", o.trim_end_matches("Input")),
        None => String::new(),
    };
    match error {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            Code::UnknownField,
            format!(
                "unknown field `{found}`{}; expected one of {}",
                within(outer),
                list(expected)
            ),
        ),
        E::MissingStructField { field, outer } => (
            Code::MissingField,
            format!("missing field `{field}`{}", within(outer)),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } if outer.as_deref() == Some("Property") => (
            Code::UnknownProperty,
            format!(
                "unknown property `{found}`; the vocabulary is {} (docs/data-format.md)",
                list(expected)
            ),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            Code::UnknownVariant,
            format!(
                "unknown value `{found}`{}; expected one of {}",
                within(outer),
                list(expected)
            ),
        ),
        other => (Code::Syntax, format!("invalid RON: {other}")),
    }
}
