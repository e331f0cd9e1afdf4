//! RDF with W3C PROV-O: every entity, claim, citation and relation of the graph as triples,
//! in Turtle, N-Triples or JSON-LD, streamed one entity or claim at a time.
//!
//! The shape (docs/interop.md has the whole vocabulary and SPARQL for it):
//! - an entity is `<{base}id/{id}>`, typed with its kg class and `prov:Entity` (or
//!   `prov:Agent` for organizations and people), with `kg:id`, `rdfs:label` and
//!   `skos:altLabel` in their language (`"百川智能"@zh`, `"Baichuan Intelligence"@en`);
//! - a relation is a plain triple between entities (`kg:derived_from`, `kg:member_of`,
//!   `kg:successor_of`, `kg:developed_by`, ...), each declared `rdfs:subPropertyOf` the PROV
//!   term it refines, so a SPARQL property path answers lineage;
//! - a claim is `<{base}claim/{claim id}>`, a `kg:Claim` and `prov:Entity` with its subject,
//!   property, value (text, `xsd:decimal` amount, unit, bound), status and qualifiers; it
//!   `prov:wasQuotedFrom` its documents and `prov:hadPrimarySource` the primary sources;
//! - each citation is a node of its own, `<{base}citation/{claim id}/{n}>`, a
//!   `prov:Quotation` (the claim's `prov:qualifiedQuotation`) with `prov:entity` the
//!   document, `kg:section`, `kg:line`, `kg:quote` and `kg:attributed_to`.
//!
//! Ids are percent-encoded (every byte outside `A-Z a-z 0-9 - . _ ~`), so an id with `/`,
//! `@`, spaces or Chinese (`mistralai/Mistral-Small-24B-Base-2501`) is one path segment.

use crate::Error;
use kg_core::model::{Claim, Details, EdgeKind, Entity, NodeKind};
use kg_core::value::{Bound, Shape};
use kg_core::{Graph, NodeRef};
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{GraphNameRef, LiteralRef, NamedNode, NamedNodeRef, TermRef, TripleRef};
use std::io::{self, BufWriter, Write};

/// The base of the exported IRIs when `--base` is not given. `.example` is reserved for
/// examples (RFC 2606): these IRIs can never name someone else's resource, and a team that
/// publishes its graph gives its own base.
pub const DEFAULT_BASE: &str = "https://kg.example/";

/// The namespace of kg's own terms (`kg:amount`, `kg:derived_from`, ...). It does not move
/// with `--base`, so the same SPARQL runs on every export.
pub const VOCABULARY: &str = "https://kg.example/vocab#";

const PROV: &str = "http://www.w3.org/ns/prov#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";

/// A term of kg's vocabulary, as a constant IRI.
macro_rules! kg {
    ($name:literal) => {
        NamedNodeRef::new_unchecked(concat!("https://kg.example/vocab#", $name))
    };
}

/// A PROV-O term.
macro_rules! prov {
    ($name:literal) => {
        NamedNodeRef::new_unchecked(concat!("http://www.w3.org/ns/prov#", $name))
    };
}

const OWL_SAME_AS: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#sameAs");

const SKOS_ALT_LABEL: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");

/// The RDF syntaxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Turtle, with prefixes, a subject's triples grouped.
    Turtle,
    /// N-Triples: one triple a line, for bulk loaders.
    NTriples,
    /// JSON-LD (streaming form: a `@context` of prefixes and a `@graph` of node objects).
    JsonLd,
}

/// What to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The syntax.
    pub format: Format,
    /// The IRI every entity, claim and citation IRI starts with; ends with `/` or `#`.
    pub base: String,
}

impl Options {
    /// The options for a format, with the default base.
    pub fn new(format: Format) -> Options {
        Options {
            format,
            base: DEFAULT_BASE.to_string(),
        }
    }
}

/// What a term of the vocabulary is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// An `rdfs:Class`.
    Class,
    /// An `rdf:Property`.
    Property,
}

/// A term of kg's vocabulary: its local name, kind, comment and the PROV (or other W3C)
/// term it refines (`rdfs:subClassOf` or `rdfs:subPropertyOf`), if any.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    /// The local name (`kg:{name}`).
    pub name: &'static str,
    /// Class or property.
    pub kind: TermKind,
    /// What it means.
    pub comment: &'static str,
    /// The full IRI of the term it refines.
    pub refines: Option<&'static str>,
}

const fn class(name: &'static str, comment: &'static str, refines: &'static str) -> Term {
    Term {
        name,
        kind: TermKind::Class,
        comment,
        refines: Some(refines),
    }
}

const fn property(name: &'static str, comment: &'static str) -> Term {
    Term {
        name,
        kind: TermKind::Property,
        comment,
        refines: None,
    }
}

const fn refining(name: &'static str, comment: &'static str, refines: &'static str) -> Term {
    Term {
        name,
        kind: TermKind::Property,
        comment,
        refines: Some(refines),
    }
}

/// Every term of kg's vocabulary, declared at the top of every export.
pub const TERMS: &[Term] = &[
    class("Organization", "A company, lab, investor, research firm, platform, government or outlet.", "http://www.w3.org/ns/prov#Agent"),
    class("Person", "A person.", "http://www.w3.org/ns/prov#Agent"),
    class("Model", "A model.", "http://www.w3.org/ns/prov#Entity"),
    class("ModelFamily", "A family or series of models.", "http://www.w3.org/ns/prov#Entity"),
    class("Benchmark", "A benchmark or leaderboard metric.", "http://www.w3.org/ns/prov#Entity"),
    class("Market", "A measured market or segment.", "http://www.w3.org/ns/prov#Entity"),
    class("FundingRound", "A funding round.", "http://www.w3.org/ns/prov#Entity"),
    class("Dataset", "A dataset (imported from Ecosystem Graphs, the Hub or Epoch AI).", "http://www.w3.org/ns/prov#Entity"),
    class("Application", "An application or product built on models.", "http://www.w3.org/ns/prov#Entity"),
    class("Source", "A document, report, dataset or leaderboard that claims cite.", "http://www.w3.org/ns/prov#Entity"),
    class("Claim", "A figure or a relation as a document states it, with its qualifiers and citations.", "http://www.w3.org/ns/prov#Entity"),
    class("Citation", "Where a claim is quoted from: the document (prov:entity), section, line and verbatim quote.", "http://www.w3.org/ns/prov#Quotation"),
    property("id", "The entity's or claim's id in kg (a slug; a claim's is derived)."),
    property("role", "What an organization does: developer, investor, research_firm, platform, government, media, academic, nonprofit, customer."),
    property("country", "An organization's country or region."),
    property("region", "The region a market covers, or a claim's region qualifier."),
    property("segment", "The segment a market covers, or a claim's segment qualifier."),
    property("scope", "What a market is about when not an LLM market, or what exactly a claim measures."),
    property("source_kind", "What kind of document a source is: note, report, dataset, leaderboard, article, website, official."),
    property("date", "A source's publication date, at the precision it is known (2025-12-29, 2024-Q3)."),
    property("url", "A source's address."),
    property("lines", "A source's line count, when known."),
    property("file", "The file name of a source's document, when it names one."),
    property("sha256", "The SHA-256 of a source's document's bytes, in hex."),
    refining("developed_by", "Model or family to the organization that developed it.", "http://www.w3.org/ns/prov#wasAttributedTo"),
    refining("member_of", "Model to its family, family to its parent family.", "http://www.w3.org/ns/prov#specializationOf"),
    refining("successor_of", "Model or family to the one it succeeds.", "http://www.w3.org/ns/prov#wasRevisionOf"),
    refining("derived_from", "Model to its base (fine-tune, quantization, distillation, merge, adapter, upcycling, continued pre-training; the kind is the claim's kg:derivation).", "http://www.w3.org/ns/prov#wasDerivedFrom"),
    property("subsidiary_of", "Organization to its parent."),
    property("founded_by", "Organization to a founder."),
    property("raised", "Organization to a funding round it raised."),
    property("invested_in", "Investor to a funding round."),
    property("part_of", "Market to the market it is part of."),
    refining("published_by", "Source to its publisher.", "http://www.w3.org/ns/prov#wasAttributedTo"),
    refining("depends_on", "Model, dataset or application to an asset it was built with (Ecosystem Graphs' untyped dependencies).", "http://www.w3.org/ns/prov#wasInfluencedBy"),
    property("subject", "The entity a claim is about."),
    property("object", "A claim's other entity (a relation's target, a benchmark)."),
    property("property", "What a claim states, from kg's closed vocabulary (market_size, parameters_total, developed_by, ...)."),
    property("value", "A claim's value exactly as the document words it (56.17亿美元)."),
    property("amount", "A claim's normalized amount (xsd:decimal; 亿 = 1e8, B = 1e9)."),
    property("min", "The lower end of a range, or the amount of an at-least bound (xsd:decimal)."),
    property("max", "The upper end of a range, or the amount of an at-most bound (xsd:decimal)."),
    property("bound", "How the document hedges an amount: at_least, at_most, approx."),
    property("unit", "The unit of the amount: USD, CNY, EUR, percent, parameters, tokens, users, ..."),
    property("value_date", "A date value, at the precision the document states it (2024-07)."),
    property("undisclosed", "The document says the figure is not disclosed (xsd:boolean)."),
    property("status", "The document's hedge: reported, estimate, forecast, speculated, unconfirmed, undisclosed, editorial."),
    property("as_of", "The date a figure holds at (qualifier)."),
    property("period", "The period a figure covers (qualifier)."),
    property("derivation", "For derived_from: finetune, quantized, distilled, merged, adapter, upcycled, continued_pretraining."),
    property("latest", "The document calls the figure the latest of its kind (xsd:boolean)."),
    property("editorial", "Why an editor added a claim no document states."),
    property("note", "A remark for readers."),
    property("mix", "The breakdown a share is part of."),
    property("section", "A citation's section path: the document's headings above the line, joined with ' > '."),
    property("line", "A citation's line number (xsd:integer)."),
    property("quote", "A citation's verbatim quote of its line."),
    property("attributed_to", "A primary source the citation's line or section names."),
];

/// Writes the graph as RDF in the chosen format, one entity or claim at a time.
///
/// Complexity: linear in the graph; memory: one entity's or claim's triples at a time.
pub fn write(graph: &Graph, options: &Options, out: impl Write) -> Result<(), Error> {
    let iris = Iris::new(&options.base)?;
    let out = BufWriter::with_capacity(1 << 16, out);
    let sink = match options.format {
        Format::Turtle => {
            let mut serializer = oxttl::TurtleSerializer::new();
            for (prefix, iri) in iris.prefixes() {
                serializer = serializer
                    .with_prefix(prefix, iri)
                    .map_err(|e| bad_base(&options.base, e))?;
            }
            Sink::Turtle(serializer.for_writer(out))
        }
        Format::NTriples => Sink::NTriples(oxttl::NTriplesSerializer::new().for_writer(out)),
        Format::JsonLd => {
            let mut serializer = oxjsonld::JsonLdSerializer::new();
            for (prefix, iri) in iris.prefixes() {
                serializer = serializer
                    .with_prefix(prefix, iri)
                    .map_err(|e| bad_base(&options.base, e))?;
            }
            Sink::JsonLd(serializer.for_writer(out))
        }
    };
    let mut writer = Writer { sink, iris, graph };
    writer.vocabulary()?;
    for index in 0..graph.entities.len() {
        writer.entity(index as u32)?;
    }
    for claim in &graph.claims {
        writer.claim(claim)?;
    }
    let mut out = writer.sink.finish()?;
    out.flush()?;
    Ok(())
}

/// Whether `base` can start the exported IRIs: an absolute IRI ending with `/` or `#`.
pub fn check_base(base: &str) -> Result<(), Error> {
    Iris::new(base).map(|_| ())
}

fn bad_base(base: &str, reason: impl std::fmt::Display) -> Error {
    Error::BadBase {
        base: base.to_string(),
        reason: reason.to_string(),
    }
}

/// The serializer being written to.
enum Sink<W: Write> {
    Turtle(oxttl::turtle::WriterTurtleSerializer<W>),
    NTriples(oxttl::ntriples::WriterNTriplesSerializer<W>),
    JsonLd(oxjsonld::WriterJsonLdSerializer<W>),
}

impl<W: Write> Sink<W> {
    fn triple(&mut self, triple: TripleRef<'_>) -> io::Result<()> {
        match self {
            Sink::Turtle(s) => s.serialize_triple(triple),
            Sink::NTriples(s) => s.serialize_triple(triple),
            Sink::JsonLd(s) => s.serialize_quad(triple.in_graph(GraphNameRef::DefaultGraph)),
        }
    }

    fn finish(self) -> io::Result<W> {
        match self {
            Sink::Turtle(s) => s.finish(),
            Sink::NTriples(s) => Ok(s.finish()),
            Sink::JsonLd(s) => s.finish(),
        }
    }
}

/// The IRIs of the graph's entities, claims and citations under a base.
struct Iris {
    base: String,
}

impl Iris {
    fn new(base: &str) -> Result<Iris, Error> {
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(bad_base(base, "must end with `/` or `#`"));
        }
        NamedNode::new(format!("{base}id/x")).map_err(|e| bad_base(base, e))?;
        Ok(Iris {
            base: base.to_string(),
        })
    }

    /// The prefixes Turtle and JSON-LD abbreviate with.
    fn prefixes(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kg", VOCABULARY.to_string()),
            ("prov", PROV.to_string()),
            (
                "rdf",
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#".to_string(),
            ),
            ("rdfs", "http://www.w3.org/2000/01/rdf-schema#".to_string()),
            ("xsd", "http://www.w3.org/2001/XMLSchema#".to_string()),
            ("skos", SKOS.to_string()),
            ("owl", OWL.to_string()),
            ("id", format!("{}id/", self.base)),
            ("claim", format!("{}claim/", self.base)),
            ("citation", format!("{}citation/", self.base)),
        ]
    }

    fn make(&self, folder: &str, id: &str, suffix: Option<usize>) -> NamedNode {
        let mut iri = String::with_capacity(self.base.len() + folder.len() + id.len() + 8);
        iri.push_str(&self.base);
        iri.push_str(folder);
        percent_encode(id, &mut iri);
        if let Some(n) = suffix {
            iri.push('/');
            iri.push_str(&n.to_string());
        }
        NamedNode::new_unchecked(iri)
    }

    fn entity(&self, id: &str) -> NamedNode {
        self.make("id/", id, None)
    }

    fn claim(&self, id: &str) -> NamedNode {
        self.make("claim/", id, None)
    }

    fn citation(&self, claim_id: &str, n: usize) -> NamedNode {
        self.make("citation/", claim_id, Some(n))
    }
}

/// Appends `id` percent-encoded: every byte outside `A-Z a-z 0-9 - . _ ~` as `%XX`, so any
/// id is one safe path segment and two ids never meet in one IRI.
pub fn percent_encode(id: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[(byte >> 4) as usize] as char);
            out.push(HEX[(byte & 15) as usize] as char);
        }
    }
}

/// The language of a name: `zh` when it has a Han character, `en` otherwise (kg's names
/// are English or Chinese).
pub fn language(text: &str) -> &'static str {
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}');
    if text.chars().any(han) {
        "zh"
    } else {
        "en"
    }
}

/// The class of an entity kind.
fn class_of(kind: NodeKind) -> (NamedNodeRef<'static>, NamedNodeRef<'static>) {
    match kind {
        NodeKind::Organization => (kg!("Organization"), prov!("Agent")),
        NodeKind::Person => (kg!("Person"), prov!("Agent")),
        NodeKind::Model => (kg!("Model"), prov!("Entity")),
        NodeKind::ModelFamily => (kg!("ModelFamily"), prov!("Entity")),
        NodeKind::Benchmark => (kg!("Benchmark"), prov!("Entity")),
        NodeKind::Market => (kg!("Market"), prov!("Entity")),
        NodeKind::FundingRound => (kg!("FundingRound"), prov!("Entity")),
        NodeKind::Dataset => (kg!("Dataset"), prov!("Entity")),
        NodeKind::Application => (kg!("Application"), prov!("Entity")),
        NodeKind::Source => (kg!("Source"), prov!("Entity")),
        NodeKind::Claim => (kg!("Claim"), prov!("Entity")),
    }
}

/// The predicate of a relation between two entities; `None` for the edges of claims
/// (about, cites, attributed_to), which the claim's own triples say.
pub fn relation_predicate(kind: EdgeKind) -> Option<NamedNodeRef<'static>> {
    Some(match kind {
        EdgeKind::DevelopedBy => kg!("developed_by"),
        EdgeKind::MemberOf => kg!("member_of"),
        EdgeKind::SuccessorOf => kg!("successor_of"),
        EdgeKind::DerivedFrom(_) => kg!("derived_from"),
        EdgeKind::SubsidiaryOf => kg!("subsidiary_of"),
        EdgeKind::FoundedBy => kg!("founded_by"),
        EdgeKind::Raised => kg!("raised"),
        EdgeKind::InvestedIn => kg!("invested_in"),
        EdgeKind::PartOf => kg!("part_of"),
        EdgeKind::PublishedBy => kg!("published_by"),
        EdgeKind::DependsOn => kg!("depends_on"),
        // Two ids of one entity (an import matched to a dataset): the standard term.
        EdgeKind::SameAs => OWL_SAME_AS,
        EdgeKind::AboutSubject
        | EdgeKind::AboutObject
        | EdgeKind::Cites(_)
        | EdgeKind::AttributedTo(_) => return None,
    })
}

struct Writer<'g, W: Write> {
    sink: Sink<W>,
    iris: Iris,
    graph: &'g Graph,
}

impl<W: Write> Writer<'_, W> {
    fn emit<'a>(
        &mut self,
        subject: impl Into<NamedNodeRef<'a>>,
        predicate: NamedNodeRef<'a>,
        object: impl Into<TermRef<'a>>,
    ) -> io::Result<()> {
        self.sink
            .triple(TripleRef::new(subject.into(), predicate, object.into()))
    }

    fn text(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        text: &str,
    ) -> io::Result<()> {
        self.emit(subject, predicate, LiteralRef::new_simple_literal(text))
    }

    fn decimal(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        amount: f64,
    ) -> io::Result<()> {
        match crate::decimal(amount) {
            Some(text) => self.emit(
                subject,
                predicate,
                LiteralRef::new_typed_literal(&text, xsd::DECIMAL),
            ),
            None => Ok(()),
        }
    }

    fn named(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        name: &str,
    ) -> io::Result<()> {
        let literal = LiteralRef::new_language_tagged_literal_unchecked(name, language(name));
        self.emit(subject, predicate, literal)
    }

    /// The vocabulary: every kg term with its comment and the W3C term it refines.
    fn vocabulary(&mut self) -> io::Result<()> {
        for term in TERMS {
            let iri = NamedNode::new_unchecked(format!("{VOCABULARY}{}", term.name));
            let (class, refines) = match term.kind {
                TermKind::Class => (rdfs::CLASS, rdfs::SUB_CLASS_OF),
                TermKind::Property => (rdf::PROPERTY, rdfs::SUB_PROPERTY_OF),
            };
            self.emit(&iri, rdf::TYPE, class)?;
            self.emit(
                &iri,
                rdfs::COMMENT,
                LiteralRef::new_language_tagged_literal_unchecked(term.comment, "en"),
            )?;
            if let Some(parent) = term.refines {
                self.emit(&iri, refines, NamedNodeRef::new_unchecked(parent))?;
            }
        }
        Ok(())
    }

    fn entity(&mut self, index: u32) -> io::Result<()> {
        let graph = self.graph;
        let entity: &Entity = &graph.entities[index as usize];
        let s = self.iris.entity(&entity.id);
        let (class, prov_class) = class_of(entity.kind);
        self.emit(&s, rdf::TYPE, class)?;
        self.emit(&s, rdf::TYPE, prov_class)?;
        self.text(&s, kg!("id"), &entity.id)?;
        self.named(&s, rdfs::LABEL, &entity.name)?;
        for alias in &entity.aliases {
            self.named(&s, SKOS_ALT_LABEL, alias)?;
        }
        match entity.details() {
            Details::Organization { roles, country } => {
                for role in roles {
                    self.text(&s, kg!("role"), role.name())?;
                }
                if let Some(country) = country {
                    self.text(&s, kg!("country"), country)?;
                }
            }
            Details::Market {
                region,
                segment,
                scope,
                part_of: _, // a `part_of` edge, written below
            } => {
                for (predicate, value) in [
                    (kg!("region"), region),
                    (kg!("segment"), segment),
                    (kg!("scope"), scope),
                ] {
                    if let Some(value) = value {
                        self.text(&s, predicate, value)?;
                    }
                }
            }
            Details::Source {
                kind,
                date,
                publisher: _, // a `published_by` edge, written below
                url,
                lines,
                file,
                sha256,
                outline: _,
            } => {
                self.text(&s, kg!("source_kind"), kind.name())?;
                if let Some(date) = date {
                    self.text(&s, kg!("date"), &date.to_string())?;
                }
                if let Some(url) = url {
                    self.text(&s, kg!("url"), url)?;
                }
                if let Some(file) = file {
                    self.text(&s, kg!("file"), file)?;
                }
                if let Some(sha256) = sha256 {
                    self.text(&s, kg!("sha256"), sha256)?;
                }
                if let Some(lines) = lines {
                    let n = lines.to_string();
                    self.emit(
                        &s,
                        kg!("lines"),
                        LiteralRef::new_typed_literal(&n, xsd::INTEGER),
                    )?;
                }
            }
            Details::Plain => {}
        }
        // Relations, once each even when several claims state them.
        let mut seen: Vec<(NamedNodeRef<'static>, u32)> = Vec::new();
        for (_, head, edge) in graph.edges_from(NodeRef::Entity(index)) {
            let (Some(predicate), NodeRef::Entity(other)) = (relation_predicate(edge.kind), head)
            else {
                continue;
            };
            if seen.contains(&(predicate, other)) {
                continue;
            }
            seen.push((predicate, other));
            let o = self.iris.entity(graph.entity_id(other));
            self.emit(&s, predicate, &o)?;
        }
        Ok(())
    }

    fn claim(&mut self, claim: &Claim) -> io::Result<()> {
        let graph = self.graph;
        let id = graph.claim_id(claim);
        let s = self.iris.claim(&id);
        self.emit(&s, rdf::TYPE, kg!("Claim"))?;
        self.emit(&s, rdf::TYPE, prov!("Entity"))?;
        self.text(&s, kg!("id"), &id)?;
        let subject = self.iris.entity(graph.entity_id(claim.subject));
        self.emit(&s, kg!("subject"), &subject)?;
        if let Some(object) = claim.object {
            let o = self.iris.entity(graph.entity_id(object));
            self.emit(&s, kg!("object"), &o)?;
        }
        self.text(&s, kg!("property"), claim.property.name())?;
        if !claim.value.text.is_empty() {
            self.text(&s, kg!("value"), &claim.value.text)?;
        }
        self.value(&s, &claim.value.shape)?;
        self.text(&s, kg!("status"), claim.status.name())?;
        let q = &claim.qualifiers;
        if let Some(d) = q.as_of {
            self.text(&s, kg!("as_of"), &d.to_string())?;
        }
        if let Some(p) = q.period {
            self.text(&s, kg!("period"), &p.to_string())?;
        }
        for (predicate, value) in [
            (kg!("region"), &q.region),
            (kg!("segment"), &q.segment),
            (kg!("scope"), &q.scope),
        ] {
            if let Some(value) = value {
                self.text(&s, predicate, value)?;
            }
        }
        if let Some(d) = claim.derivation {
            self.text(&s, kg!("derivation"), d.name())?;
        }
        if claim.latest {
            self.emit(
                &s,
                kg!("latest"),
                LiteralRef::new_typed_literal("true", xsd::BOOLEAN),
            )?;
        }
        if let Some(why) = claim.editorial() {
            self.text(&s, kg!("editorial"), why)?;
        }
        if let Some(note) = claim.note() {
            self.text(&s, kg!("note"), note)?;
        }
        if let Some(mix) = claim.mix() {
            self.text(&s, kg!("mix"), &mix.name)?;
        }
        // The chain: documents, primary sources, and one quotation node per citation.
        let mut documents: Vec<u32> = Vec::new();
        let mut primaries: Vec<u32> = Vec::new();
        for citation in claim.citations.iter() {
            if !documents.contains(&citation.source) {
                documents.push(citation.source);
            }
            for &p in citation.attributed_to.iter() {
                if !primaries.contains(&p) {
                    primaries.push(p);
                }
            }
        }
        for &document in &documents {
            let o = self.iris.entity(graph.entity_id(document));
            self.emit(&s, prov!("wasQuotedFrom"), &o)?;
        }
        for &primary in &primaries {
            let o = self.iris.entity(graph.entity_id(primary));
            self.emit(&s, prov!("hadPrimarySource"), &o)?;
        }
        let citations: Vec<NamedNode> = (1..=claim.citations.len())
            .map(|n| self.iris.citation(&id, n))
            .collect();
        for c in &citations {
            self.emit(&s, prov!("qualifiedQuotation"), c)?;
        }
        for (citation, c) in claim.citations.iter().zip(&citations) {
            self.emit(c, rdf::TYPE, prov!("Quotation"))?;
            self.emit(c, rdf::TYPE, kg!("Citation"))?;
            let document = self.iris.entity(graph.entity_id(citation.source));
            self.emit(c, prov!("entity"), &document)?;
            let section = graph.section(citation);
            if !section.is_empty() {
                self.text(c, kg!("section"), section)?;
            }
            let line = citation.line.to_string();
            self.emit(
                c,
                kg!("line"),
                LiteralRef::new_typed_literal(&line, xsd::INTEGER),
            )?;
            self.text(c, kg!("quote"), &citation.quote)?;
            for primary in graph.attributed_to(citation) {
                let o = self.iris.entity(primary);
                self.emit(c, kg!("attributed_to"), &o)?;
            }
        }
        Ok(())
    }

    fn value(&mut self, s: &NamedNode, shape: &Shape) -> io::Result<()> {
        match shape {
            Shape::Quantity {
                amount,
                unit,
                bound,
            } => {
                self.decimal(s, kg!("amount"), *amount)?;
                self.text(s, kg!("unit"), unit.name())?;
                if let Some(bound) = bound {
                    self.text(s, kg!("bound"), bound.name())?;
                    match bound {
                        Bound::AtLeast => self.decimal(s, kg!("min"), *amount)?,
                        Bound::AtMost => self.decimal(s, kg!("max"), *amount)?,
                        Bound::Approx => {}
                    }
                }
            }
            Shape::Range { min, max, unit } => {
                self.decimal(s, kg!("min"), *min)?;
                self.decimal(s, kg!("max"), *max)?;
                self.text(s, kg!("unit"), unit.name())?;
            }
            Shape::Date(d) => self.text(s, kg!("value_date"), &d.to_string())?,
            Shape::Undisclosed => self.emit(
                s,
                kg!("undisclosed"),
                LiteralRef::new_typed_literal("true", xsd::BOOLEAN),
            )?,
            Shape::Text | Shape::None => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_one_safe_path_segment() {
        for (id, encoded) in [
            ("llama-3.1-405b", "llama-3.1-405b"),
            (
                "mistralai/Mistral-Small-24B-Base-2501",
                "mistralai%2FMistral-Small-24B-Base-2501",
            ),
            (
                "global-llm/market_size/2024@6",
                "global-llm%2Fmarket_size%2F2024%406",
            ),
            ("百川", "%E7%99%BE%E5%B7%9D"),
            ("a b#c?d%e", "a%20b%23c%3Fd%25e"),
        ] {
            let mut out = String::new();
            percent_encode(id, &mut out);
            assert_eq!(out, encoded);
            assert!(NamedNode::new(format!("{DEFAULT_BASE}id/{out}")).is_ok());
        }
    }

    #[test]
    fn names_keep_their_language() {
        assert_eq!(language("百川智能"), "zh");
        assert_eq!(language("Baichuan系列"), "zh");
        assert_eq!(language("Baichuan Intelligence"), "en");
    }

    #[test]
    fn a_base_must_end_a_path_or_fragment() {
        assert!(Iris::new("https://example.org/kg/").is_ok());
        assert!(Iris::new("urn:kg:data#").is_ok());
        assert!(matches!(
            Iris::new("https://example.org/kg"),
            Err(Error::BadBase { .. })
        ));
        assert!(matches!(
            Iris::new("not an iri/"),
            Err(Error::BadBase { .. })
        ));
    }

    #[test]
    fn every_term_is_declared_once() {
        let mut names: Vec<&str> = TERMS.iter().map(|t| t.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
