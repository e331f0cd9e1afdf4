//! The command-line definition: one clap derive, from which help, completions and the man
//! page all come.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// kg: a sourced knowledge graph of the LLM landscape. Every figure carries its citation.
#[derive(Debug, Parser)]
#[command(name = "kg", version, about, long_about = None)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Load the dataset from this folder (every .ron file under it) instead of the copy of
    /// graph-data/ compiled into kg.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Print JSON for scripts instead of human output.
    #[arg(long, global = true)]
    pub json: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the dataset; exit 1 if it has errors.
    Check(CheckArgs),
}

/// Arguments of `kg check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Treat warnings (conflicts, editorial claims, dates out of order) as errors.
    #[arg(long)]
    pub strict: bool,
}
