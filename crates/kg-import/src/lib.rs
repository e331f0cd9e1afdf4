//! Readers of the field's public datasets that turn them into kg's data files, every fact a
//! claim cited to the line (and column) of the input it came from.
//!
//! Four formats ([`Format`]): Stanford CRFM's Ecosystem Graphs (`assets/*.yaml`), the
//! Hugging Face Hub's model records (JSON Lines), Epoch AI's notable models (CSV) and a plain
//! edge list (`child,parent,relation`). Each reader fills an [`Import`] (entities, claims and
//! the input's dirt); [`resolve`](mod@resolve) links references by name, lists what names
//! nothing, drops the edge that closes a cycle; [`matching`] links imported entities to an
//! existing dataset (`--into`); [`write`] renders RON files.
//!
//! **API Boundary:** like kg-core, this crate does no I/O: it takes the inputs' text and
//! returns the files to write and a [`Summary`]; the command line reads and writes.
//!
//! ```
//! use kg_import::{import, Format, Input};
//!
//! let text = "child,parent,relation\norg/base,,\norg/tune,org/base,finetune\n";
//! let input = Input { path: "tree.csv".into(), text: text.into() };
//! let done = import(Format::Edges, &[input], None, &mut |_, _| {}).unwrap();
//! assert_eq!(done.summary.claims, 1);
//! assert!(done.files.iter().any(|f| f.path == "tree.ron"));
//! ```

mod csvrows;
mod ecosystem;
mod edges;
mod epoch;
mod hub;
pub mod matching;
mod model;
pub mod resolve;
pub mod slug;
mod summary;
mod text;
pub mod write;

pub use model::{Cite, Import, ImportedClaim, ImportedEntity, Reference};
pub use summary::{Duplicate, Match, Problem, Summary, Unresolved};

use kg_core::Graph;

/// The formats `kg import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Stanford CRFM's Ecosystem Graphs: `assets/*.yaml`, one list of assets per organization.
    EcosystemGraphs,
    /// The Hugging Face Hub's model records, one JSON object a line.
    HfHub,
    /// Epoch AI's notable AI models, CSV.
    Epoch,
    /// A model tree as CSV rows `child,parent,relation`.
    Edges,
}

impl Format {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::EcosystemGraphs => "ecosystem-graphs",
            Format::HfHub => "hf-hub",
            Format::Epoch => "epoch",
            Format::Edges => "edges",
        }
    }

    /// The prefix of the ids this format's entities get (`eg.`, `hf.`, `epoch.`, `tree.`),
    /// so that an import never collides with graph-data's ids or another format's.
    pub fn prefix(self) -> &'static str {
        match self {
            Format::EcosystemGraphs => "eg",
            Format::HfHub => "hf",
            Format::Epoch => "epoch",
            Format::Edges => "tree",
        }
    }
}

/// One input file: the path it is cited by (as given on the command line) and its text.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as given.
    pub path: String,
    /// The text.
    pub text: String,
}

/// A data file to write: its path inside the output folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path (`mistral.ron`).
    pub path: String,
    /// RON text.
    pub text: String,
}

/// What an import produced: the files to write and the summary of what was kept and found.
#[derive(Debug)]
pub struct Imported {
    /// The data files, in a fixed order.
    pub files: Vec<OutputFile>,
    /// Counts, dirt and matches.
    pub summary: Summary,
}

/// Why an import could not run at all (dirt in the inputs is never one: it is reported in
/// the summary, and the rest imported).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No input was given.
    #[error("no input files")]
    NoInput,
}

/// Imports `inputs` of `format`; with `into`, matches the imported entities against that
/// dataset and records each match as a `same_as` claim. `progress(done, total)` is called
/// with bytes of input read, for a progress bar.
///
/// Complexity: linear in the inputs (suggestions for unresolved names are bounded, see
/// [`resolve`](mod@resolve)).
pub fn import(
    format: Format,
    inputs: &[Input],
    into: Option<&Graph>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Imported, ImportError> {
    if inputs.is_empty() {
        return Err(ImportError::NoInput);
    }
    let total: u64 = inputs.iter().map(|i| i.text.len() as u64).sum();
    let mut import = Import::new(format);
    let mut done = 0u64;
    for input in inputs {
        let file = import.add_source(input);
        let mut tick = |bytes: u64| progress(done + bytes, total);
        match format {
            Format::EcosystemGraphs => ecosystem::read(&mut import, file, &input.text),
            Format::HfHub => hub::read(&mut import, file, &input.text, &mut tick),
            Format::Epoch => epoch::read(&mut import, file, &input.text, &mut tick),
            Format::Edges => edges::read(&mut import, file, &input.text, &mut tick),
        }
        done += input.text.len() as u64;
        progress(done, total);
    }
    resolve::resolve(&mut import);
    if let Some(graph) = into {
        matching::match_into(&mut import, graph);
    }
    let files = write::files(&import);
    let summary = Summary::of(&import, &files);
    Ok(Imported { files, summary })
}
