//! Shell completions and the man page, generated at run time from the one clap definition
//! (`kg completions SHELL`, `kg man`), so they can never drift from the arguments.
//!
//! Why subcommands rather than build.rs: the clap definition lives in the library crate, and
//! a build script cannot use it without `include!`-ing args.rs into itself; a subcommand
//! uses the real definition, needs no files in the build tree, and packagers run
//! `kg completions bash > …` and `kg man > kg.1` at install time.

use crate::args::Cli;
use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;

/// Writes the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<u8> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "kg", out);
    Ok(crate::EXIT_OK)
}

/// Writes the man page of `kg`, or of one of its commands, in roff.
pub fn man(command: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let kg = Cli::command();
    let page = match command {
        None => clap_mangen::Man::new(kg),
        Some(name) => match kg.find_subcommand(name) {
            Some(sub) => clap_mangen::Man::new(sub.clone())
                .title(format!("kg-{name}"))
                .source(format!("kg {}", env!("CARGO_PKG_VERSION"))),
            None => {
                writeln!(err, "error: `kg` has no command `{name}`")?;
                return Ok(crate::EXIT_USAGE);
            }
        },
    };
    page.render(out)?;
    Ok(crate::EXIT_OK)
}
