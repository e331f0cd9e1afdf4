//! The file format's edge: serde types that mirror the RON data files one to one.
//!
//! Nothing outside the loader sees these types; validation turns them into the typed graph
//! of [`crate::model`]. docs/data-format.md documents every field.

use crate::model::{DerivationKind, Role, SourceKind, Status};
use crate::property::Property;
use serde::Deserialize;

/// One data file: entities grouped by kind, and claims.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileInput {
    /// The default document of every citation in this file that names none.
    #[serde(default)]
    pub source: Option<String>,
    /// Organizations.
    #[serde(default)]
    pub organizations: Vec<OrganizationInput>,
    /// People.
    #[serde(default)]
    pub people: Vec<PersonInput>,
    /// Model families.
    #[serde(default)]
    pub families: Vec<FamilyInput>,
    /// Models.
    #[serde(default)]
    pub models: Vec<ModelInput>,
    /// Benchmarks.
    #[serde(default)]
    pub benchmarks: Vec<BenchmarkInput>,
    /// Datasets.
    #[serde(default)]
    pub datasets: Vec<AssetInput>,
    /// Applications.
    #[serde(default)]
    pub applications: Vec<AssetInput>,
    /// Markets and segments.
    #[serde(default)]
    pub markets: Vec<MarketInput>,
    /// Funding rounds.
    #[serde(default)]
    pub rounds: Vec<RoundInput>,
    /// Sources: documents, reports, datasets, leaderboards.
    #[serde(default)]
    pub sources: Vec<SourceInput>,
    /// Claims.
    #[serde(default)]
    pub claims: Vec<ClaimInput>,
}

/// An organization.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationInput {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names, in any language.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the organization does.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Country or region, as an English name.
    #[serde(default)]
    pub country: Option<String>,
    /// The parent organization (a `subsidiary_of` relation).
    #[serde(default)]
    pub subsidiary_of: Option<String>,
    /// Founders (people), `founded_by` relations.
    #[serde(default)]
    pub founded_by: Vec<String>,
    /// The citation that backs this entry's relations.
    #[serde(default)]
    pub cite: Option<CitationInput>,
    /// Marks this entry's relations as editorial, with the reason.
    #[serde(default)]
    pub editorial: Option<String>,
}

/// A person.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A model family.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyInput {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The developing organization (`developed_by`).
    #[serde(default)]
    pub developer: Option<String>,
    /// The enclosing family (`member_of`).
    #[serde(default)]
    pub member_of: Option<String>,
    /// The previous version of the family (`successor_of`).
    #[serde(default)]
    pub successor_of: Option<String>,
    /// The citation that backs this entry's relations.
    #[serde(default)]
    pub cite: Option<CitationInput>,
    /// Marks this entry's relations as editorial, with the reason.
    #[serde(default)]
    pub editorial: Option<String>,
}

/// A model.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelInput {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The developing organization (`developed_by`).
    #[serde(default)]
    pub developer: Option<String>,
    /// The family (`member_of`).
    #[serde(default)]
    pub family: Option<String>,
    /// The previous version (`successor_of`).
    #[serde(default)]
    pub successor_of: Option<String>,
    /// Base models (`derived_from`, with the kind of derivation).
    #[serde(default)]
    pub derived_from: Vec<DerivationInput>,
    /// The citation that backs this entry's relations.
    #[serde(default)]
    pub cite: Option<CitationInput>,
    /// Marks this entry's relations as editorial, with the reason.
    #[serde(default)]
    pub editorial: Option<String>,
}

/// A `derived_from` entry of a model.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivationInput {
    /// The base model.
    pub base: String,
    /// How the model was derived.
    pub kind: DerivationKind,
}

/// A benchmark.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkInput {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A dataset or an application: its relations (`developed_by`, `depends_on`) are claims.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetInput {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names (an external id, kept exactly, is one).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A market or segment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketInput {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The region the market covers ("global", "North America", "China").
    #[serde(default)]
    pub region: Option<String>,
    /// The segment ("enterprise", "retail e-commerce").
    #[serde(default)]
    pub segment: Option<String>,
    /// What the market is about, when it is not an LLM market (the note's mobility MaaS).
    #[serde(default)]
    pub scope: Option<String>,
    /// The market this one is a part of.
    #[serde(default)]
    pub part_of: Option<String>,
}

/// A funding round.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundInput {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The organization that raised the round (`raised`).
    pub organization: String,
    /// Investors in the round (`invested_in`).
    #[serde(default)]
    pub investors: Vec<String>,
    /// The citation that backs this entry's relations.
    #[serde(default)]
    pub cite: Option<CitationInput>,
    /// Marks this entry's relations as editorial, with the reason.
    #[serde(default)]
    pub editorial: Option<String>,
}

/// A source: a document, report, dataset or leaderboard.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceInput {
    /// Stable slug.
    pub id: String,
    /// Title.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What kind of source it is.
    pub kind: SourceKind,
    /// Publication date.
    #[serde(default)]
    pub date: Option<String>,
    /// The organization that publishes it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Where it can be found.
    #[serde(default)]
    pub url: Option<String>,
    /// Number of lines, when the document is text: citations past it are errors.
    #[serde(default)]
    pub lines: Option<u32>,
    /// The file name of the document's text, looked for in the documents folders.
    #[serde(default)]
    pub file: Option<String>,
    /// The SHA-256 of the document's bytes, in lowercase hex: the text the quotes were taken
    /// from.
    #[serde(default)]
    pub sha256: Option<String>,
    /// The document's headings, from which citations' section paths are derived.
    #[serde(default)]
    pub outline: Vec<HeadingInput>,
}

/// A heading of a source's outline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingInput {
    /// The line the heading stands on.
    pub line: u32,
    /// Its level (1 for `#`, 2 for `##`, ...).
    pub level: u8,
    /// Its text, verbatim.
    pub title: String,
    /// Primary sources the heading names for everything under it.
    #[serde(default)]
    pub attributed_to: Vec<String>,
}

/// A claim: one figure or relation, with its citations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimInput {
    /// The entity the claim is about.
    pub subject: String,
    /// What is claimed.
    pub property: Property,
    /// The other entity, for relations and for figures about a pair (a benchmark, a market).
    #[serde(default)]
    pub object: Option<String>,
    /// The value in readable syntax.
    #[serde(default)]
    pub value: Option<String>,
    /// The source's hedge; `reported` when absent.
    #[serde(default)]
    pub status: Option<Status>,
    /// The date the figure holds at.
    #[serde(default)]
    pub as_of: Option<String>,
    /// The period the figure covers.
    #[serde(default)]
    pub period: Option<String>,
    /// The region the figure covers.
    #[serde(default)]
    pub region: Option<String>,
    /// The segment the figure covers.
    #[serde(default)]
    pub segment: Option<String>,
    /// What exactly is measured, in words, when property and subject do not say it all.
    #[serde(default)]
    pub scope: Option<String>,
    /// For `derived_from`: the kind of derivation.
    #[serde(default)]
    pub derivation: Option<DerivationKind>,
    /// Distinguishes two claims that would otherwise get the same id.
    #[serde(default)]
    pub key: Option<String>,
    /// The breakdown a share belongs to: shares of one whole, at one time, with the same
    /// `mix` are the parts of one mix ("use case", "revenue by product").
    #[serde(default)]
    pub mix: Option<String>,
    /// This part is the remainder of its mix ("other", "and earlier"): the mix then claims
    /// to cover its whole, and should add up to 100 %.
    #[serde(default)]
    pub remainder: bool,
    /// The mix answers a multiple-answer question: its parts may add up past 100 %.
    #[serde(default)]
    pub multiple_answer: bool,
    /// The source calls this figure the latest of its kind ("最新").
    #[serde(default)]
    pub latest: bool,
    /// Marks the claim as editorial (not stated by any source), with the reason.
    #[serde(default)]
    pub editorial: Option<String>,
    /// A remark for readers.
    #[serde(default)]
    pub note: Option<String>,
    /// The citation.
    #[serde(default)]
    pub cite: Option<CitationInput>,
    /// Further citations.
    #[serde(default)]
    pub cites: Vec<CitationInput>,
}

/// A citation: where in which document the claim is stated, in which words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationInput {
    /// The document; the file's `source` when absent.
    #[serde(default)]
    pub source: Option<String>,
    /// The line of the document.
    pub line: u32,
    /// The verbatim words of that line (all of it, or the part that states the claim).
    pub quote: String,
    /// The section path; derived from the source's outline when absent.
    #[serde(default)]
    pub section: Option<String>,
    /// Primary sources the document names for this figure.
    #[serde(default)]
    pub attributed_to: Vec<String>,
}

/// A RON error's message about the whole file, in the words of the format rather than of
/// this module's types: an empty file says so, and `FileInput` is "the file's `( ... )`".
pub(crate) fn top_level_message(message: String, text: &str) -> String {
    if text.trim().is_empty() {
        return "the file is empty; a data file is one RON structure `( ... )` (docs/data-format.md)"
            .into();
    }
    message.replace("struct `FileInput`", "the file's outer `( ... )`")
}
