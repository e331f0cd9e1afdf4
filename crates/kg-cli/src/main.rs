//! The `kg` binary: a thin shell over [`kg_cli::run`] that wires it to the process's
//! arguments, standard streams and exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let code = kg_cli::run(std::env::args_os(), &mut out, &mut err, color);
    ExitCode::from(code)
}
