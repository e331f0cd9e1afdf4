//! Parsing: one file's RON text into the file format's types, a RON or shape error into one
//! located diagnostic. The fast parser ([`super::fast_ron`]) reads the file first; when it
//! bails, ron parses it, so every diagnostic is ron's.

use super::SourceFile;
use crate::diagnostic::{line_column, offset_of, without_bom, Code, Diagnostic, Location};
use crate::format::FileInput;

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses one file; a RON or shape error becomes a located diagnostic. A byte-order mark is
/// skipped (columns do not count it); CRLF line ends are whitespace to RON.
pub(super) fn parse_file(file: &SourceFile) -> Result<FileInput, Box<Diagnostic>> {
    let text = &file.text;
    if let Ok(input) = super::fast_ron::from_str::<FileInput>(without_bom(text)) {
        return Ok(input);
    }
    ron_options()
        .from_str::<FileInput>(without_bom(text))
        .map_err(|e| {
            let (code, message) = describe_ron_error(&e.code);
            let message = crate::format::top_level_message(message, without_bom(text));
            let start = offset_of(text, e.span.start.line as u32, e.span.start.col as u32);
            let end = offset_of(text, e.span.end.line as u32, e.span.end.col as u32).max(start);
            let (line, column) = line_column(text, start);
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

/// Holds the fast parser to ron on one file's text (its byte-order mark skipped, as
/// [`parse_file`] does): `Ok(true)` when the fast parser read it, to the same value as ron;
/// `Ok(false)` when it bailed (ron parses the file then, whatever it makes of it); `Err`
/// with both results when the fast parser read what ron rejects, or read a different value.
/// For the tests of both parsers (kg-core's and the e2e suite's on imports); the loader
/// never calls it.
#[doc(hidden)]
pub fn fast_parse_agrees(text: &str) -> Result<bool, String> {
    let text = without_bom(text);
    let fast = super::fast_ron::from_str::<FileInput>(text)
        .ok()
        .map(|v| format!("{v:?}"));
    let ron = ron_options()
        .from_str::<FileInput>(text)
        .map(|v| format!("{v:?}"));
    match (fast, ron) {
        (None, _) => Ok(false),
        (Some(fast), Ok(ron)) if fast == ron => Ok(true),
        (Some(fast), ron) => Err(format!("fast parser: {fast}\nron: {ron:?}")),
    }
}
