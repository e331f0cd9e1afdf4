//! What a reader fills: the inputs as sources, entities, claims, references by name still to
//! resolve, primary sources (the URLs an input names), and the dirt found on the way.

use crate::summary::{Duplicate, Match, Problem, Unresolved};
use crate::{Format, Input};
use kg_core::model::DerivationKind;
use kg_core::{NodeKind, Property};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

/// One input file, as the source its claims cite.
#[derive(Debug, Clone)]
pub struct InputSource {
    /// The path as given on the command line.
    pub path: String,
    /// Its file name (what `file` names).
    pub file_name: String,
    /// The SHA-256 of its text, lowercase hex.
    pub sha256: String,
    /// Its number of lines.
    pub lines: u32,
    /// The source's id (`eg.file.mistral.yaml`).
    pub id: String,
}

/// An entity the input defines or names.
#[derive(Debug, Clone)]
pub struct ImportedEntity {
    /// What the input calls it, exactly: the external id (`org/model`) or the name.
    pub key: String,
    /// kg's id, derived from `key` ([`crate::slug`]); set by the resolver.
    pub id: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Display name.
    pub name: String,
    /// Other names (kept exactly).
    pub aliases: Vec<String>,
    /// The input that defines it (or first names it).
    pub file: u32,
    /// Where: the line and the verbatim text naming it, for the `same_as` claims `--into`
    /// records.
    pub cite: Cite,
    /// Named by a reference, defined nowhere in the input.
    pub unresolved: bool,
}

/// A citation into an input.
#[derive(Debug, Clone, Default)]
pub struct Cite {
    /// The input (index into [`Import::sources`]).
    pub file: u32,
    /// The line (1-based).
    pub line: u32,
    /// The column (1-based, in characters) where the quote starts.
    pub column: u32,
    /// The verbatim text stating the fact.
    pub quote: String,
    /// The section path (`Mistral > license`, `column 5: Parameters`).
    pub section: Option<String>,
    /// Primary sources the input names for the fact (indexes into [`Import::primary`]).
    pub attributed_to: Vec<u32>,
}

/// A claim about an imported entity.
#[derive(Debug, Clone)]
pub struct ImportedClaim {
    /// The subject (index into [`Import::entities`]).
    pub subject: u32,
    /// The property.
    pub property: Property,
    /// The object, for relations.
    pub object: Option<u32>,
    /// The value's text, for figures.
    pub value: Option<String>,
    /// For `derived_from`: the kind, `unknown` when the input does not say.
    pub derivation: Option<DerivationKind>,
    /// A remark for readers.
    pub note: Option<String>,
    /// The citation.
    pub cite: Cite,
}

/// A relation to something the input names by name or id, resolved after every input is
/// read.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The entity that refers (index into [`Import::entities`]).
    pub from: u32,
    /// The relation.
    pub property: Property,
    /// For `derived_from`: the kind.
    pub derivation: Option<DerivationKind>,
    /// The name or id referred to, exactly as written.
    pub name: String,
    /// The kind a placeholder gets when nothing has that name.
    pub kind: NodeKind,
    /// Where it is written.
    pub cite: Cite,
}

/// Everything read so far.
#[derive(Debug)]
pub struct Import {
    /// The format.
    pub format: Format,
    /// The inputs.
    pub sources: Vec<InputSource>,
    /// Entities, in the order first met.
    pub entities: Vec<ImportedEntity>,
    /// Claims, in the order read.
    pub claims: Vec<ImportedClaim>,
    /// References still to resolve.
    pub references: Vec<Reference>,
    /// Primary sources: the URLs the inputs name, without their `#fragment`.
    pub primary: Vec<String>,
    /// Problems found, in input order.
    pub problems: Vec<Problem>,
    /// Names referred to and defined nowhere.
    pub unresolved: Vec<Unresolved>,
    /// Names used for several entities.
    pub duplicates: Vec<Duplicate>,
    /// Matches against `--into`'s dataset.
    pub matches: Vec<Match>,
    /// The `same_as` claims the matches make: (imported entity, existing id, how matched).
    pub same_as: Vec<(u32, String, String)>,
    /// Primary source URL to index.
    primary_index: FxHashMap<String, u32>,
    /// Named entities (organizations, Hub datasets) by kind and name, to entity index.
    organizations: FxHashMap<(NodeKind, String), u32>,
    /// Defined entities by their key (name or external id), for references.
    pub(crate) by_key: FxHashMap<String, Vec<u32>>,
}

impl Import {
    /// An empty import of a format.
    pub fn new(format: Format) -> Import {
        Import {
            format,
            sources: Vec::new(),
            entities: Vec::new(),
            claims: Vec::new(),
            references: Vec::new(),
            primary: Vec::new(),
            problems: Vec::new(),
            unresolved: Vec::new(),
            duplicates: Vec::new(),
            matches: Vec::new(),
            same_as: Vec::new(),
            primary_index: FxHashMap::default(),
            organizations: FxHashMap::default(),
            by_key: FxHashMap::default(),
        }
    }

    /// Registers an input as a source; returns its index.
    pub fn add_source(&mut self, input: &Input) -> u32 {
        let file_name = input
            .path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&input.path)
            .to_string();
        let sha256 = Sha256::digest(input.text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let lines = input.text.lines().count() as u32;
        let mut id = format!(
            "{}.file.{}",
            self.format.prefix(),
            crate::slug::slug(&file_name)
        );
        let mut n = 1;
        while self.sources.iter().any(|s| s.id == id) {
            n += 1;
            id = format!(
                "{}.file.{}-{n}",
                self.format.prefix(),
                crate::slug::slug(&file_name)
            );
        }
        self.sources.push(InputSource {
            path: input.path.clone(),
            file_name,
            sha256,
            lines,
            id,
        });
        (self.sources.len() - 1) as u32
    }

    /// Adds an entity the input defines (an asset, a model record, a row); returns its
    /// index. Two definitions with one key are two entities, reported as duplicates later.
    pub fn define(&mut self, kind: NodeKind, key: &str, name: &str, cite: Cite) -> u32 {
        let index = self.entities.len() as u32;
        self.entities.push(ImportedEntity {
            key: key.to_string(),
            id: String::new(),
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            file: cite.file,
            cite,
            unresolved: false,
        });
        self.by_key.entry(key.to_string()).or_default().push(index);
        index
    }

    /// The organization with this name, added the first time it is named.
    pub fn organization(&mut self, name: &str, cite: &Cite) -> u32 {
        self.named(NodeKind::Organization, name, cite)
    }

    /// The entity of this kind and name that the input names without defining it (an
    /// organization, a Hub dataset), added the first time it is named.
    pub fn named(&mut self, kind: NodeKind, name: &str, cite: &Cite) -> u32 {
        let key = (kind, name.to_string());
        if let Some(&o) = self.organizations.get(&key) {
            return o;
        }
        let index = self.entities.len() as u32;
        self.entities.push(ImportedEntity {
            key: name.to_string(),
            id: String::new(),
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            file: cite.file,
            cite: cite.clone(),
            unresolved: false,
        });
        self.organizations.insert(key, index);
        index
    }

    /// The index of a primary source (a URL, its `#fragment` dropped: one source per document).
    pub fn primary_source(&mut self, url: &str) -> u32 {
        let url = url.split('#').next().unwrap_or(url).trim();
        if let Some(&p) = self.primary_index.get(url) {
            return p;
        }
        self.primary.push(url.to_string());
        let p = (self.primary.len() - 1) as u32;
        self.primary_index.insert(url.to_string(), p);
        p
    }

    /// Adds a claim; one whose line has no text to quote (a field that starts with a line
    /// break, a blank row) is reported and left out, since a citation needs a quote.
    pub fn claim(&mut self, claim: ImportedClaim) {
        if self.quotable(&claim.cite, claim.property) {
            self.claims.push(claim);
        }
    }

    /// Adds a reference to resolve later (unless its line has no text to quote).
    pub fn refer(&mut self, reference: Reference) {
        if self.quotable(&reference.cite, reference.property) {
            self.references.push(reference);
        }
    }

    fn quotable(&mut self, cite: &Cite, property: Property) -> bool {
        if !cite.quote.trim().is_empty() {
            return true;
        }
        self.problem(
            "nothing-to-quote",
            cite,
            format!(
                "the `{}` stated here has no text on its line to quote: left out",
                property.name()
            ),
        );
        false
    }

    /// Records a problem at an input's line and column.
    pub fn problem(&mut self, code: &'static str, cite: &Cite, message: String) {
        let file = self.sources[cite.file as usize].path.clone();
        self.problems.push(Problem {
            code,
            severity: "warning",
            message,
            file,
            line: cite.line,
            column: cite.column,
        });
    }

    /// Records an input that could not be read at all (a syntax error): an error.
    pub fn error(&mut self, file: u32, line: u32, column: u32, message: String) {
        let path = self.sources[file as usize].path.clone();
        self.problems.push(Problem {
            code: "syntax",
            severity: "error",
            message,
            file: path,
            line,
            column,
        });
    }
}
