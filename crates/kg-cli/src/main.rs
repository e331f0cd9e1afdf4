//! The `kg` binary: a thin shell over [`kg_cli::run`] that wires it to the process's
//! arguments, standard streams and exit code.

use std::io::{BufWriter, ErrorKind, IsTerminal, Write};
use std::process::ExitCode;

/// Output to a pipe or a file is written in blocks of this many bytes. Rust's stdout is
/// line-buffered: one `write` per line cost a million system calls for 1M models' JSON.
const PIPE_BUFFER: usize = 1 << 16;

fn main() -> ExitCode {
    let terminal = std::io::stdout().is_terminal();
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    if terminal {
        let code = kg_cli::run(std::env::args_os(), &mut stdout.lock(), &mut err, color);
        return ExitCode::from(code);
    }
    let mut out = BufWriter::with_capacity(PIPE_BUFFER, stdout.lock());
    let code = kg_cli::run(std::env::args_os(), &mut out, &mut err, color);
    let code = match out.flush() {
        Ok(()) => code,
        // A reader that stops early (`kg list model | head`) is not an error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => code,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the output: {e}");
            kg_cli::EXIT_USAGE
        }
    };
    ExitCode::from(code)
}
