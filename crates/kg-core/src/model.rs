//! The domain model: entities, claims, citations and the typed edges between them.

use crate::date::{Date, Period};
use crate::property::Property;
use crate::value::Value;
use serde::Deserialize;

/// The kinds of node in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A company, lab, investor, research firm, platform, government or outlet.
    Organization,
    /// A person.
    Person,
    /// A model.
    Model,
    /// A family or series of models.
    ModelFamily,
    /// A benchmark or leaderboard metric.
    Benchmark,
    /// A dataset (a training corpus, a collection of prompts), as Ecosystem Graphs lists them.
    Dataset,
    /// An application or product built on models (a chat app, an API).
    Application,
    /// A measured market or segment.
    Market,
    /// A funding round.
    FundingRound,
    /// A document, report, dataset or leaderboard.
    Source,
    /// A claim.
    Claim,
}

impl NodeKind {
    /// Every kind, in a fixed order.
    pub const ALL: [NodeKind; 11] = [
        NodeKind::Organization,
        NodeKind::Person,
        NodeKind::Model,
        NodeKind::ModelFamily,
        NodeKind::Benchmark,
        NodeKind::Dataset,
        NodeKind::Application,
        NodeKind::Market,
        NodeKind::FundingRound,
        NodeKind::Source,
        NodeKind::Claim,
    ];

    /// The JSON name: `organization`, `model_family`, ...
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Organization => "organization",
            NodeKind::Person => "person",
            NodeKind::Model => "model",
            NodeKind::ModelFamily => "model_family",
            NodeKind::Benchmark => "benchmark",
            NodeKind::Dataset => "dataset",
            NodeKind::Application => "application",
            NodeKind::Market => "market",
            NodeKind::FundingRound => "funding_round",
            NodeKind::Source => "source",
            NodeKind::Claim => "claim",
        }
    }
}

/// What an organization does; one organization may hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Builds models.
    Developer,
    /// Invests in other organizations.
    Investor,
    /// Publishes market research.
    ResearchFirm,
    /// Runs a platform (model hub, cloud, router).
    Platform,
    /// A government body.
    Government,
    /// A news outlet.
    Media,
    /// A university or research lab.
    Academic,
    /// A non-profit or community project.
    Nonprofit,
    /// Uses models as a customer.
    Customer,
}

impl Role {
    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Developer => "developer",
            Role::Investor => "investor",
            Role::ResearchFirm => "research_firm",
            Role::Platform => "platform",
            Role::Government => "government",
            Role::Media => "media",
            Role::Academic => "academic",
            Role::Nonprofit => "nonprofit",
            Role::Customer => "customer",
        }
    }
}

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A research note (the seed dataset).
    Note,
    /// A published report.
    Report,
    /// A dataset.
    Dataset,
    /// A leaderboard or ranking.
    Leaderboard,
    /// A news article.
    Article,
    /// A web page or site.
    Website,
    /// An official statement or filing of the organization itself.
    Official,
}

impl SourceKind {
    /// Every kind, in a fixed order.
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Note,
        SourceKind::Report,
        SourceKind::Dataset,
        SourceKind::Leaderboard,
        SourceKind::Article,
        SourceKind::Website,
        SourceKind::Official,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Note => "note",
            SourceKind::Report => "report",
            SourceKind::Dataset => "dataset",
            SourceKind::Leaderboard => "leaderboard",
            SourceKind::Article => "article",
            SourceKind::Website => "website",
            SourceKind::Official => "official",
        }
    }
}

/// How a source hedges a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stated as fact.
    Reported,
    /// An estimate (约).
    Estimate,
    /// A forecast (预测, 预计).
    Forecast,
    /// Speculation (推测).
    Speculated,
    /// Explicitly unconfirmed (未确认).
    Unconfirmed,
    /// The source says it is not disclosed (未公开).
    Undisclosed,
    /// Not stated by any source: added by an editor, and counted by `kg check`.
    Editorial,
}

impl Status {
    /// Every status, in a fixed order.
    pub const ALL: [Status; 7] = [
        Status::Reported,
        Status::Estimate,
        Status::Forecast,
        Status::Speculated,
        Status::Unconfirmed,
        Status::Undisclosed,
        Status::Editorial,
    ];

    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Estimate => "estimate",
            Status::Forecast => "forecast",
            Status::Speculated => "speculated",
            Status::Unconfirmed => "unconfirmed",
            Status::Undisclosed => "undisclosed",
            Status::Editorial => "editorial",
        }
    }
}

/// How a model was derived from its base; the Hugging Face model tree's kinds and more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DerivationKind {
    /// Fine-tuned from the base.
    Finetune,
    /// A quantized copy of the base.
    Quantized,
    /// Distilled from the base (the teacher).
    Distilled,
    /// Merged from several bases.
    Merged,
    /// An adapter (LoRA and the like) on the base.
    Adapter,
    /// Upcycled into a mixture of experts from the base.
    Upcycled,
    /// Further pre-trained from the base.
    ContinuedPretraining,
    /// Derived from the base in a way the source does not say (an imported "base model"
    /// without a relation): stored as unknown, never guessed.
    Unknown,
}

impl DerivationKind {
    /// Every kind, in declaration order.
    pub const ALL: [DerivationKind; 8] = [
        DerivationKind::Finetune,
        DerivationKind::Quantized,
        DerivationKind::Distilled,
        DerivationKind::Merged,
        DerivationKind::Adapter,
        DerivationKind::Upcycled,
        DerivationKind::ContinuedPretraining,
        DerivationKind::Unknown,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            DerivationKind::Finetune => "finetune",
            DerivationKind::Quantized => "quantized",
            DerivationKind::Distilled => "distilled",
            DerivationKind::Merged => "merged",
            DerivationKind::Adapter => "adapter",
            DerivationKind::Upcycled => "upcycled",
            DerivationKind::ContinuedPretraining => "continued_pretraining",
            DerivationKind::Unknown => "unknown",
        }
    }
}

/// Where an entity or claim was written: the file and the path inside it. No two claims
/// are written at one place, so an origin also identifies a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Origin {
    /// Index of the file in the list given to the loader.
    pub file: u32,
    /// Path of the item inside the file, e.g. `claims[3]`.
    pub path: ItemPath,
}

/// The path of an entry or claim inside a data file, in eight bytes: the list, the index in
/// it, and for a relation stated by an entry's field, the field (`models[4].developer`,
/// `models[4].derived_from[1].base`). Displays as that path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemPath {
    /// The top-level list.
    pub list: List,
    /// The index in the list.
    pub index: u32,
    /// The entry's relation field, when the item is a relation stated by an entry.
    pub field: Option<Field>,
    /// The index in the field, for list fields (`founded_by[2]`).
    pub item: u16,
}

impl ItemPath {
    /// The path of an entry or claim itself (`claims[3]`).
    pub fn entry(list: List, index: usize) -> ItemPath {
        ItemPath {
            list,
            index: index as u32,
            field: None,
            item: 0,
        }
    }

    /// The path of one of an entry's relation fields (`models[4].developer`).
    pub fn field(self, field: Field, item: usize) -> ItemPath {
        ItemPath {
            field: Some(field),
            item: item as u16,
            ..self
        }
    }

    /// The path of the entry or claim, without the field.
    pub fn item(self) -> ItemPath {
        ItemPath {
            field: None,
            item: 0,
            ..self
        }
    }

    /// Whether the item is a claim of the `claims` list (not an entry's relation).
    pub fn is_claim(self) -> bool {
        self.list == List::Claims
    }
}

impl std::fmt::Display for ItemPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.list.name(), self.index)?;
        match self.field {
            None => Ok(()),
            Some(Field::FoundedBy) => write!(f, ".founded_by[{}]", self.item),
            Some(Field::DerivedFrom) => write!(f, ".derived_from[{}].base", self.item),
            Some(Field::Investors) => write!(f, ".investors[{}]", self.item),
            Some(field) => write!(f, ".{}", field.name()),
        }
    }
}

/// The top-level lists of a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    /// `organizations`
    Organizations,
    /// `people`
    People,
    /// `families`
    Families,
    /// `models`
    Models,
    /// `benchmarks`
    Benchmarks,
    /// `datasets`
    Datasets,
    /// `applications`
    Applications,
    /// `markets`
    Markets,
    /// `rounds`
    Rounds,
    /// `sources`
    Sources,
    /// `claims`
    Claims,
}

impl List {
    /// The list's name in the file.
    pub fn name(self) -> &'static str {
        match self {
            List::Organizations => "organizations",
            List::People => "people",
            List::Families => "families",
            List::Models => "models",
            List::Benchmarks => "benchmarks",
            List::Datasets => "datasets",
            List::Applications => "applications",
            List::Markets => "markets",
            List::Rounds => "rounds",
            List::Sources => "sources",
            List::Claims => "claims",
        }
    }
}

/// The relation fields of entries, each of which states a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `developer` (families, models)
    Developer,
    /// `family` (models)
    Family,
    /// `member_of` (families)
    MemberOf,
    /// `successor_of` (families, models)
    SuccessorOf,
    /// `derived_from[i].base` (models)
    DerivedFrom,
    /// `subsidiary_of` (organizations)
    SubsidiaryOf,
    /// `founded_by[i]` (organizations)
    FoundedBy,
    /// `id` (rounds: the round an organization raised or an investor invested in)
    Id,
    /// `investors[i]` (rounds: where an investor is named)
    Investors,
}

impl Field {
    /// The field's name in the file.
    pub fn name(self) -> &'static str {
        match self {
            Field::Developer => "developer",
            Field::Family => "family",
            Field::MemberOf => "member_of",
            Field::SuccessorOf => "successor_of",
            Field::DerivedFrom => "derived_from",
            Field::SubsidiaryOf => "subsidiary_of",
            Field::FoundedBy => "founded_by",
            Field::Id => "id",
            Field::Investors => "investors",
        }
    }
}

/// An entity: any node other than a claim.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Stable slug.
    pub id: String,
    /// Node kind.
    pub kind: NodeKind,
    /// Display name.
    pub name: String,
    /// Other names, in any language.
    pub aliases: Vec<String>,
    /// Kind-specific fields, out of line: `None` for plain entities (models, people), so
    /// that a million models do not each make room for a source's outline.
    pub(crate) details: Option<Box<Details>>,
    /// Where it was written.
    pub origin: Origin,
}

/// What a plain entity's details read as.
static PLAIN: Details = Details::Plain;

impl Entity {
    /// Kind-specific fields.
    pub fn details(&self) -> &Details {
        self.details.as_deref().unwrap_or(&PLAIN)
    }
}

impl Details {
    /// The details as an entity stores them: plain ones take no room.
    pub(crate) fn stored(self) -> Option<Box<Details>> {
        match self {
            Details::Plain => None,
            other => Some(Box::new(other)),
        }
    }
}

/// The fields particular to one kind of entity.
#[derive(Debug, Clone)]
pub enum Details {
    /// An organization.
    Organization {
        /// Its roles.
        roles: Vec<Role>,
        /// Its country or region.
        country: Option<String>,
    },
    /// Nothing more to say.
    Plain,
    /// A market.
    Market {
        /// Region covered.
        region: Option<String>,
        /// Segment covered.
        segment: Option<String>,
        /// What the market is about when it is not an LLM market.
        scope: Option<String>,
        /// The market this one is part of.
        part_of: Option<String>,
    },
    /// A source.
    Source {
        /// Kind of document.
        kind: SourceKind,
        /// Publication date.
        date: Option<Date>,
        /// Publisher id.
        publisher: Option<String>,
        /// Address.
        url: Option<String>,
        /// Line count, when known.
        lines: Option<u32>,
        /// The file name of the document's text (see [`crate::document`]).
        file: Option<String>,
        /// The SHA-256 of the document's bytes, lowercase hex.
        sha256: Option<String>,
        /// Headings.
        outline: Vec<Heading>,
    },
}

/// A heading of a source's outline.
#[derive(Debug, Clone)]
pub struct Heading {
    /// Line number.
    pub line: u32,
    /// Level (1 = top).
    pub level: u8,
    /// Verbatim text.
    pub title: String,
    /// Primary sources named for everything under it.
    pub attributed_to: Vec<String>,
}

/// Each heading of an outline with the headings above it, itself last: the stack its
/// section path and inherited attribution are read from.
pub fn heading_stacks(outline: &[Heading]) -> impl Iterator<Item = Vec<&Heading>> {
    let mut stack: Vec<&Heading> = Vec::new();
    outline.iter().map(move |heading| {
        while stack.last().is_some_and(|h| h.level >= heading.level) {
            stack.pop();
        }
        stack.push(heading);
        stack.clone()
    })
}

/// The section path of a heading stack: its titles joined with " > ".
pub fn section_path(stack: &[&Heading]) -> String {
    stack
        .iter()
        .map(|h| h.title.as_str())
        .collect::<Vec<_>>()
        .join(" > ")
}

/// The qualifiers that scope a claim, Wikidata style: as-of date, period, region, segment
/// and scope. Most claims have none and then take eight bytes; the fields read through
/// `Deref` (`claim.qualifiers.region`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Qualifiers(Option<Box<QualifierSet>>);

/// The fields of [`Qualifiers`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct QualifierSet {
    /// The date the figure holds at.
    pub as_of: Option<Date>,
    /// The period the figure covers.
    pub period: Option<Period>,
    /// Region.
    pub region: Option<String>,
    /// Segment.
    pub segment: Option<String>,
    /// What exactly is measured.
    pub scope: Option<String>,
}

/// What a claim without qualifiers reads as.
static NO_QUALIFIERS: QualifierSet = QualifierSet {
    as_of: None,
    period: None,
    region: None,
    segment: None,
    scope: None,
};

impl Qualifiers {
    /// The qualifiers with these fields (boxed only when there is one).
    pub fn new(set: QualifierSet) -> Qualifiers {
        Qualifiers((set != NO_QUALIFIERS).then(|| Box::new(set)))
    }

    /// Whether no qualifier is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl From<QualifierSet> for Qualifiers {
    fn from(set: QualifierSet) -> Qualifiers {
        Qualifiers::new(set)
    }
}

impl std::ops::Deref for Qualifiers {
    type Target = QualifierSet;

    fn deref(&self) -> &QualifierSet {
        self.0.as_deref().unwrap_or(&NO_QUALIFIERS)
    }
}

impl std::fmt::Display for Qualifiers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        QualifierSet::fmt(self, f)
    }
}

impl std::fmt::Display for QualifierSet {
    /// The qualifiers in a few words, comma-separated: as-of date, period, region, segment,
    /// scope (`2024-10/2025-10, North America, enterprise`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        let mut part = |f: &mut std::fmt::Formatter<'_>, text: &dyn std::fmt::Display| {
            let sep = if first { "" } else { ", " };
            first = false;
            write!(f, "{sep}{text}")
        };
        if let Some(d) = &self.as_of {
            part(f, d)?;
        }
        if let Some(p) = &self.period {
            part(f, p)?;
        }
        for text in [&self.region, &self.segment, &self.scope]
            .into_iter()
            .flatten()
        {
            part(f, text)?;
        }
        Ok(())
    }
}

/// A citation: the document, where in it, its words, and whom it attributes them to.
///
/// Entities are named by their index in [`crate::Graph::entities`], sections by their index
/// in [`crate::Graph::sections`]: a citation takes 48 bytes and its quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The document (an entity index; see [`crate::Graph::source_of`]).
    pub source: u32,
    /// The section path (see [`crate::Graph::section`]), shared by every citation of a section.
    pub section: u32,
    /// The line number.
    pub line: u32,
    /// The verbatim quote.
    pub quote: Box<str>,
    /// Primary sources (entity indexes): named by the line or by its section's heading.
    pub attributed_to: Box<[u32]>,
}

/// A claim: a figure or a relation, with its qualifiers and citations.
///
/// A claim is compact, since a dataset holds millions of them: entities are named by their
/// index in [`crate::Graph::entities`], and the id is derived, not stored
/// ([`crate::Graph::claim_id`]).
#[derive(Debug, Clone)]
pub struct Claim {
    /// The entity the claim is about (an index into [`crate::Graph::entities`]).
    pub subject: u32,
    /// The other entity, if any (an index into [`crate::Graph::entities`]).
    pub object: Option<u32>,
    /// The property.
    pub property: Property,
    /// The source's hedge.
    pub status: Status,
    /// The derivation kind, for `derived_from`.
    pub derivation: Option<DerivationKind>,
    /// The source calls the figure the latest of its kind.
    pub latest: bool,
    /// The value (`Shape::None` for relations).
    pub value: Value,
    /// Scope.
    pub qualifiers: Qualifiers,
    /// Citations; empty only for editorial claims.
    pub citations: Box<[Citation]>,
    /// What few claims have: an editor's reason, a remark, a mix, a key.
    pub extra: Option<Box<ClaimExtra>>,
    /// Where it was written.
    pub origin: Origin,
}

/// The rarely set parts of a claim, kept out of line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimExtra {
    /// Why an editor added it, for editorial claims.
    pub editorial: Option<String>,
    /// A remark for readers.
    pub note: Option<String>,
    /// The mix a share is a part of, and how the mix is to be read.
    pub mix: Option<Mix>,
    /// The key that tells the claim apart from another with the same id otherwise.
    pub key: Option<String>,
}

impl Claim {
    /// Why an editor added it, for editorial claims.
    pub fn editorial(&self) -> Option<&str> {
        self.extra.as_ref()?.editorial.as_deref()
    }

    /// A remark for readers.
    pub fn note(&self) -> Option<&str> {
        self.extra.as_ref()?.note.as_deref()
    }

    /// The mix a share is a part of.
    pub fn mix(&self) -> Option<&Mix> {
        self.extra.as_ref()?.mix.as_ref()
    }

    /// The key that sets the claim's id apart.
    pub fn key(&self) -> Option<&str> {
        self.extra.as_ref()?.key.as_deref()
    }
}

/// The mix a share belongs to: the parts of one whole, at one time, in one breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mix {
    /// The breakdown's name ("use case", "revenue by product").
    pub name: String,
    /// This part is the remainder ("other", "and earlier"): the mix covers its whole.
    pub remainder: bool,
    /// The mix answers a multiple-answer question: its parts may pass 100 %.
    pub multiple_answer: bool,
}

/// The kinds of edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// Model or family to organization.
    DevelopedBy,
    /// Model to family, family to family.
    MemberOf,
    /// Model to the model it succeeds.
    SuccessorOf,
    /// Model to its base, with the kind of derivation.
    DerivedFrom(DerivationKind),
    /// Organization to parent.
    SubsidiaryOf,
    /// Organization to founder.
    FoundedBy,
    /// Organization to funding round.
    Raised,
    /// Investor to funding round.
    InvestedIn,
    /// Market to the market it is part of.
    PartOf,
    /// A model, dataset or application to what it was built with (Ecosystem Graphs'
    /// untyped dependencies).
    DependsOn,
    /// An entity to the same entity under another id (an imported dataset's entry to the
    /// existing one): queries follow it both ways.
    SameAs,
    /// Source to publisher.
    PublishedBy,
    /// Claim to its subject.
    AboutSubject,
    /// Claim to its object.
    AboutObject,
    /// Claim to the source it cites (the index of the citation in the claim).
    Cites(u16),
    /// Claim to a primary source named by its citation (the index of the citation).
    AttributedTo(u16),
}

impl EdgeKind {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::DevelopedBy => "developed_by",
            EdgeKind::MemberOf => "member_of",
            EdgeKind::SuccessorOf => "successor_of",
            EdgeKind::DerivedFrom(_) => "derived_from",
            EdgeKind::SubsidiaryOf => "subsidiary_of",
            EdgeKind::FoundedBy => "founded_by",
            EdgeKind::Raised => "raised",
            EdgeKind::InvestedIn => "invested_in",
            EdgeKind::PartOf => "part_of",
            EdgeKind::DependsOn => "depends_on",
            EdgeKind::SameAs => "same_as",
            EdgeKind::PublishedBy => "published_by",
            EdgeKind::AboutSubject | EdgeKind::AboutObject => "about",
            EdgeKind::Cites(_) => "cites",
            EdgeKind::AttributedTo(_) => "attributed_to",
        }
    }

    /// The structural edge a relation property creates, if it is one.
    pub fn for_relation(
        property: Property,
        derivation: Option<DerivationKind>,
    ) -> Option<EdgeKind> {
        Some(match property {
            Property::DevelopedBy => EdgeKind::DevelopedBy,
            Property::MemberOf => EdgeKind::MemberOf,
            Property::SuccessorOf => EdgeKind::SuccessorOf,
            Property::DerivedFrom => {
                EdgeKind::DerivedFrom(derivation.unwrap_or(DerivationKind::Finetune))
            }
            Property::SubsidiaryOf => EdgeKind::SubsidiaryOf,
            Property::FoundedBy => EdgeKind::FoundedBy,
            Property::Raised => EdgeKind::Raised,
            Property::InvestedIn => EdgeKind::InvestedIn,
            Property::DependsOn => EdgeKind::DependsOn,
            Property::SameAs => EdgeKind::SameAs,
            _ => return None,
        })
    }
}

/// An edge's weight: its kind and the claim that backs it, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The kind.
    pub kind: EdgeKind,
    /// The claim (index into [`crate::Graph::claims`]) that states the relation.
    pub claim: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset holds millions of claims and entities: these sizes are what a 1M-model load
    /// within 2 GiB rests on (docs/performance.md). A field that makes them grow fails here.
    #[test]
    fn claims_and_entities_stay_compact() {
        assert!(
            std::mem::size_of::<Claim>() <= 112,
            "{}",
            std::mem::size_of::<Claim>()
        );
        assert!(std::mem::size_of::<Citation>() <= 48);
        assert!(std::mem::size_of::<Entity>() <= 104);
        assert!(std::mem::size_of::<Origin>() <= 12);
        assert!(std::mem::size_of::<Qualifiers>() <= 8);
    }

    #[test]
    fn item_paths_display_as_written_in_the_file() {
        let model = ItemPath::entry(List::Models, 4);
        assert_eq!(model.to_string(), "models[4]");
        assert_eq!(
            model.field(Field::Developer, 0).to_string(),
            "models[4].developer"
        );
        assert_eq!(
            model.field(Field::DerivedFrom, 1).to_string(),
            "models[4].derived_from[1].base"
        );
        let org = ItemPath::entry(List::Organizations, 0).field(Field::FoundedBy, 2);
        assert_eq!(org.to_string(), "organizations[0].founded_by[2]");
        assert_eq!(org.item().to_string(), "organizations[0]");
        assert!(ItemPath::entry(List::Claims, 3).is_claim() && !org.is_claim());
    }

    #[test]
    fn qualifiers_without_fields_take_no_box() {
        assert!(Qualifiers::new(QualifierSet::default()).is_empty());
        let q = Qualifiers::new(QualifierSet {
            region: Some("China".into()),
            ..QualifierSet::default()
        });
        assert!(!q.is_empty());
        assert_eq!(q.region.as_deref(), Some("China"));
        assert_eq!(q.to_string(), "China");
    }
}
