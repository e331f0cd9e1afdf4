//! CSV rows with their lines: each field's text, the line it starts on (a quoted field
//! before it may span lines) and its verbatim quote, for the Epoch and edges readers.

use crate::model::Import;
use crate::text::column;

/// One field of a row.
pub struct CsvField<'r> {
    /// Its text, unescaped.
    pub text: &'r str,
    /// The line it starts on.
    pub line: u32,
}

/// A row: its first line, its fields, and how many fields it has past the header's.
pub struct Row<'r> {
    /// The line the record starts on.
    pub line: u32,
    /// Its byte offset in the input.
    pub byte: u64,
    /// The fields.
    pub fields: Vec<CsvField<'r>>,
}

/// Reads every record of `reader` (after its header) as a [`Row`] and hands it to `each`;
/// `tick` gets the row's byte offset every 4,096 rows, for a progress bar. A record the csv
/// crate cannot read ends the input with an error at its line.
pub fn each_row(
    import: &mut Import,
    file: u32,
    reader: &mut csv::Reader<&[u8]>,
    tick: &mut dyn FnMut(u64),
    mut each: impl FnMut(&mut Import, &Row<'_>),
) {
    let mut record = csv::StringRecord::new();
    let mut rows = 0u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as u32);
                import.error(file, line, 1, format!("cannot read the CSV: {e}"));
                break;
            }
        }
        let Some(pos) = record.position() else {
            continue;
        };
        let r = row(&record, pos.line() as u32, pos.byte());
        rows += 1;
        if rows.is_multiple_of(4096) {
            tick(r.byte);
        }
        each(import, &r);
    }
}

/// Splits a record into fields with their start lines (CRLF or LF line endings).
pub fn row<'r>(record: &'r csv::StringRecord, line: u32, byte: u64) -> Row<'r> {
    let mut at = line;
    let fields = record
        .iter()
        .map(|text| {
            let field = CsvField { text, line: at };
            at += text.matches('\n').count() as u32;
            field
        })
        .collect();
    Row { line, byte, fields }
}

/// The verbatim quote of a field: its first line with text (and how many lines it skips
/// to reach it), with `"` written `""` as a quoted CSV field holds it.
pub fn quote(text: &str) -> (u32, String) {
    for (skipped, line) in text.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if !line.trim().is_empty() {
            return (skipped as u32, line.replace('"', "\"\""));
        }
    }
    (0, String::new())
}

/// The column (characters, 1-based) of `quote` on `line`, searched from byte `from`; the
/// byte after it becomes the next search's start.
pub fn locate(line: &str, quote: &str, from: &mut usize) -> u32 {
    let start = (*from).min(line.len());
    match line.get(start..).and_then(|rest| rest.find(quote)) {
        Some(i) => {
            *from = start + i + quote.len();
            column(line, start + i)
        }
        None => 1,
    }
}
