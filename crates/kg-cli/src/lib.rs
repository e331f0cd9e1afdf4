//! kg-cli: the `kg` command line. It parses arguments (clap), reads the dataset (from
//! `--data DIR` or the copy compiled in), calls kg-core, and renders human or JSON output.
//!
//! [`run`] is the whole program with its streams passed in, so that tests drive it in
//! process exactly as the binary does.

mod args;
mod atomic;
mod cache;
mod check;
mod commands;
mod dataset;
mod documents;
mod embedded;
mod files;
pub mod json;
mod manual;
mod render;

pub use args::Cli;
use std::ffi::OsString;
use std::io::Write;

/// The dataset compiled into the binary: (path, text) pairs in sorted path order.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::FILES.iter().copied()
}

/// Exit code: success (and, for `check`, no errors).
pub const EXIT_OK: u8 = 0;
/// Exit code: the data has errors (or warnings, under `--strict`).
pub const EXIT_INVALID: u8 = 1;
/// Exit code: bad usage, an unknown id, or an I/O error.
pub const EXIT_USAGE: u8 = 2;

/// The embedded graph-data, loaded: what the unit tests read.
#[cfg(test)]
pub(crate) fn embedded_graph() -> kg_core::Graph {
    dataset::load_ron(None, &mut std::io::sink()).expect("the embedded graph-data loads")
}

/// Frees `value` on a thread of its own. A loaded graph of millions of claims, with its
/// files' text, takes a tenth of a second or more to free, which nobody needs to wait for:
/// the binary exits without waiting (the system takes the memory back at once), and run in
/// process (the tests) the thread frees it meanwhile.
pub(crate) fn dispose<T: Send + 'static>(value: T) {
    // Should the thread not start, the value is freed here, as the closure is dropped.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Runs `kg` with these arguments (the first is the program name), writing to `out` and
/// `err`; `color` allows ANSI colour in human output. Returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    out: &mut dyn Write,
    real_err: &mut dyn Write,
    color: bool,
) -> u8 {
    let err = &mut *real_err;
    use clap::Parser;
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let json = args.iter().skip(1).any(|a| a == "--json");
    let mut cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let rendered = if color {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let to_stdout = matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            if json && !to_stdout {
                let message = e.kind().as_str().unwrap_or("bad usage");
                let body = serde_json::json!({
                    "code": "usage",
                    "message": message,
                    "detail": e.render().to_string(),
                });
                let _ = render::json_error(err, body);
                return EXIT_USAGE;
            }
            let stream: &mut dyn Write = if to_stdout { out } else { err };
            let _ = stream.write_all(rendered.as_bytes());
            return if e.exit_code() == 0 {
                EXIT_OK
            } else {
                EXIT_USAGE
            };
        }
    };
    if let Some(table) = cli.command.table() {
        cli.global.format = table.format;
    }
    // Under `--json`, a command's plain-text error becomes `{"error": {...}}` on stderr.
    let mut captured: Vec<u8> = Vec::new();
    let err: &mut dyn Write = if json { &mut captured } else { err };
    let code = run_command(&cli, out, err, color);
    // A snapshot written while the command answered is whole before kg returns.
    cache::finish_writes();
    if json {
        let text = String::from_utf8_lossy(&captured);
        if code == EXIT_OK || text.trim_start().starts_with('{') || text.is_empty() {
            let _ = real_err.write_all(&captured);
        } else {
            let (message, detail) = match text.trim().split_once('\n') {
                Some((first, rest)) => (first, rest.trim()),
                None => (text.trim(), ""),
            };
            let message = message.strip_prefix("error: ").unwrap_or(message);
            let mut body = serde_json::json!({
                // Exit 1 is invalid data for `check`, and no answer for a query.
                "code": match (code, &cli.command) {
                    (EXIT_INVALID, args::Command::Check(_)) => "invalid-data",
                    (EXIT_INVALID, _) => "no-answer",
                    _ => "usage",
                },
                "message": message,
            });
            if !detail.is_empty() {
                body["detail"] = serde_json::json!(detail);
            }
            let _ = render::json_error(real_err, body);
        }
    }
    code
}

fn run_command(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write, color: bool) -> u8 {
    let result = match &cli.command {
        args::Command::Check(a) => check::run(&cli.global, a, out, err, color),
        args::Command::Stats(_) => commands::stats::run(&cli.global, out, err, color),
        args::Command::Search(a) => commands::search::run(&cli.global, a, out, err, color),
        args::Command::Show(a) => commands::show::run(&cli.global, a, out, err, color),
        args::Command::Lineage(a) => commands::lineage::run(&cli.global, a, out, err, color),
        args::Command::Provenance(a) => commands::provenance::run(&cli.global, a, out, err, color),
        args::Command::Cites(a) => commands::cites::run(&cli.global, a, out, err, color),
        args::Command::Coverage(a) => commands::coverage::run(&cli.global, a, out, err, color),
        args::Command::Path(a) => commands::path::run(&cli.global, a, out, err, color),
        args::Command::List(a) => commands::list::run(&cli.global, a, out, err, color),
        args::Command::Export(args::ExportCommand::Dot(a)) => {
            commands::export::run(&cli.global, a, out, err, color)
        }
        args::Command::Export(args::ExportCommand::Rdf(a)) => {
            commands::interop::rdf(&cli.global, a, out, err)
        }
        args::Command::Export(args::ExportCommand::Csv(a)) => {
            commands::interop::csv(&cli.global, a, out, err)
        }
        args::Command::Export(args::ExportCommand::Mermaid(a)) => {
            commands::interop::mermaid(&cli.global, a, out, err)
        }
        args::Command::Conflicts(a) => commands::conflicts::run(&cli.global, a, out, err, color),
        args::Command::Series(a) => commands::series::run(&cli.global, a, out, err, color),
        args::Command::Compare(a) => commands::compare::run(&cli.global, a, out, err, color),
        args::Command::Audit(a) => commands::audit::run(&cli.global, a, out, err, color),
        args::Command::Reanchor(a) => commands::reanchor::run(&cli.global, a, out, err, color),
        args::Command::Source(args::SourceCommand::Add(a)) => {
            commands::source::add(&cli.global, a, out, err)
        }
        args::Command::Import(a) => commands::import::run(&cli.global, a, out, err, color),
        args::Command::Completions(a) => manual::completions(a.shell, out),
        args::Command::Man(a) => manual::man(a.command.as_deref(), out, err),
    };
    match result {
        Ok(code) => code,
        // A reader that stops early (`kg audit | head`) is not an error, whether the write
        // failed in kg's own code or inside serde_json's.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().map(std::io::Error::kind)
                    == Some(std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<serde_json::Error>()
                        .and_then(serde_json::Error::io_error_kind)
                        == Some(std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            EXIT_USAGE
        }
    }
}
