//! The summary of an import: counts, the input's dirt and the matches, as `--json` prints it.

use crate::model::Import;
use crate::OutputFile;
use serde::Serialize;
use std::collections::BTreeMap;

/// What an import kept and found; `kg import --json` prints it as is.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The format's name.
    pub format: &'static str,
    /// The inputs, as given.
    pub inputs: Vec<String>,
    /// The files written, relative to the output folder.
    pub written: Vec<String>,
    /// Entities of each kind (placeholders for unresolved names included).
    pub entities: BTreeMap<&'static str, usize>,
    /// Claims written (the `same_as` claims of `--into` included).
    pub claims: usize,
    /// Names referred to and defined nowhere in the input.
    pub unresolved: Vec<Unresolved>,
    /// Names used for several entities.
    pub duplicates: Vec<Duplicate>,
    /// Imported entities linked to the `--into` dataset.
    pub matches: Vec<Match>,
    /// Everything else the input gets wrong, each with file, line and column.
    pub problems: Vec<Problem>,
}

/// A name referred to and defined nowhere: kept as a placeholder entity.
#[derive(Debug, Clone, Serialize)]
pub struct Unresolved {
    /// The name, as written.
    pub name: String,
    /// Where it is referred to: `file:line`.
    pub references: Vec<String>,
    /// The closest names the input defines, best first.
    pub suggestions: Vec<String>,
}

/// A name used for several entities: all kept.
#[derive(Debug, Clone, Serialize)]
pub struct Duplicate {
    /// The name.
    pub name: String,
    /// The ids of the entities that have it.
    pub ids: Vec<String>,
}

/// An imported entity linked to an existing one by a `same_as` claim.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    /// The imported entity's id.
    pub id: String,
    /// The existing entity's id.
    pub same_as: String,
}

/// A problem in an input, in the shape of `kg check --json`'s diagnostics.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// A stable code (`numeric-name`, `shifted-row`, `cycle`, `ambiguous-match`, ...).
    pub code: &'static str,
    /// `warning` (the row or value is left out, the rest imported) or `error` (the input
    /// could not be read).
    pub severity: &'static str,
    /// What is wrong.
    pub message: String,
    /// The input.
    pub file: String,
    /// The line (1-based).
    pub line: u32,
    /// The column (1-based).
    pub column: u32,
}

impl Summary {
    /// The summary of a finished import.
    pub fn of(import: &Import, files: &[OutputFile]) -> Summary {
        let mut entities: BTreeMap<&'static str, usize> = BTreeMap::new();
        for e in &import.entities {
            *entities.entry(e.kind.name()).or_default() += 1;
        }
        *entities.entry("source").or_default() += import.sources.len() + import.primary.len();
        Summary {
            format: import.format.name(),
            inputs: import.sources.iter().map(|s| s.path.clone()).collect(),
            written: files.iter().map(|f| f.path.clone()).collect(),
            entities,
            claims: import.claims.len() + import.same_as.len(),
            unresolved: import.unresolved.clone(),
            duplicates: import.duplicates.clone(),
            matches: import.matches.clone(),
            problems: import.problems.clone(),
        }
    }

    /// Whether an input could not be read at all.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == "error")
    }
}
