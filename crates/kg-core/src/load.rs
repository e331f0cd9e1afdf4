//! Loading: data files' text in, the typed graph and every diagnostic out.
//!
//! The loader never stops at the first problem. Each file is parsed on its own (in parallel);
//! a file that is not valid RON contributes a `syntax`-class diagnostic and nothing else.
//! Then entities are registered, claims built, references resolved, edges added and the
//! graph validated, each problem recorded with the path of the offending value and turned
//! into a file, line and column at the end.

use crate::date::{Date, Period};
use crate::diagnostic::{line_column, offset_of, Code, Diagnostic, Location, Related};
use crate::format::{CitationInput, ClaimInput, FileInput};
use crate::graph::{Graph, NodeRef};
use crate::model::{
    Citation, Claim, DerivationKind, Details, Edge, EdgeKind, Entity, Heading, NodeKind, Origin,
    Qualifiers, Status,
};
use crate::property::{Property, ValueKind};
use crate::span::SpanIndex;
use crate::validate;
use crate::value::{parse_value, Shape, Value, ValueError};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::Arc;

/// One data file handed to the loader: its path (for diagnostics) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown in diagnostics.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// What the loader returns: the graph (as much of it as could be built) and every problem.
#[derive(Debug)]
pub struct Loaded {
    /// The graph.
    pub graph: Graph,
    /// Errors and warnings, in file and position order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A place inside a file, by the path of a value (`claims[3].cite.line`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Site {
    pub file: u32,
    pub path: String,
}

/// A diagnostic whose location is still a [`Site`].
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub code: Code,
    pub message: String,
    pub site: Option<Site>,
    pub related: Vec<(Site, String)>,
    pub help: Option<String>,
}

impl Pending {
    pub(crate) fn new(code: Code, site: Site, message: impl Into<String>) -> Pending {
        Pending {
            code,
            message: message.into(),
            site: Some(site),
            related: Vec::new(),
            help: None,
        }
    }

    pub(crate) fn help(mut self, help: Option<String>) -> Pending {
        self.help = help;
        self
    }
}

/// Loads and validates a dataset given as files' text.
///
/// Files are processed in the order given; callers sort them (the CLI sorts paths) so that
/// the same data always gives the same graph and the same diagnostics.
pub fn load(files: &[SourceFile]) -> Loaded {
    let parsed: Vec<Result<FileInput, Box<Diagnostic>>> =
        files.par_iter().map(parse_file).collect();
    let mut diagnostics = Vec::new();
    let mut inputs = Vec::with_capacity(parsed.len());
    for (i, result) in parsed.into_iter().enumerate() {
        match result {
            Ok(input) => inputs.push((i as u32, input)),
            Err(d) => diagnostics.push(*d),
        }
    }
    let mut builder = Builder::default();
    builder.graph.files = files.iter().map(|f| f.path.clone()).collect();
    builder.reserve(&inputs);
    builder.register_entities(&inputs);
    builder.build_claims(inputs);
    builder.add_edges();
    let Builder {
        graph, mut pending, ..
    } = builder;
    pending.extend(validate::validate(&graph));
    diagnostics.extend(resolve(files, pending));
    sort_diagnostics(files, &mut diagnostics);
    Loaded { graph, diagnostics }
}

/// Loads, validates and audits: everything `kg check` reports. The audit's arithmetic, time
/// and logic findings (kg_core::audit) become warnings, each pointed at its first claim,
/// with the other claims it rests on as related places.
pub fn check(files: &[SourceFile]) -> Loaded {
    let mut loaded = load(files);
    let graph = &loaded.graph;
    let pending: Vec<Pending> = crate::audit::audit(graph)
        .into_iter()
        .filter(|f| f.code != crate::audit::FindingCode::Conflict)
        .filter_map(|f| {
            let code = Code::from_name(f.code.name())?;
            let mut claims = f
                .claims
                .iter()
                .filter_map(|&c| graph.claims.get(c as usize));
            let first = claims.next()?;
            Some(Pending {
                code,
                message: f.message,
                site: Some(validate::focus_site(first)),
                related: claims
                    .map(|c| (validate::focus_site(c), format!("`{}`", c.id)))
                    .collect(),
                help: None,
            })
        })
        .collect();
    loaded.diagnostics.extend(resolve(files, pending));
    sort_diagnostics(files, &mut loaded.diagnostics);
    loaded
}

fn sort_diagnostics(files: &[SourceFile], diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.location
                .as_ref()
                .map(|l| (files.iter().position(|f| f.path == l.file), l.offset))
        };
        key(a)
            .cmp(&key(b))
            .then(a.code.cmp(&b.code))
            .then(a.message.cmp(&b.message))
    });
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses one file; a RON or shape error becomes a located diagnostic.
fn parse_file(file: &SourceFile) -> Result<FileInput, Box<Diagnostic>> {
    ron_options()
        .from_str::<FileInput>(&file.text)
        .map_err(|e| {
            let (code, message) = describe_ron_error(&e.code);
            let start = offset_of(
                &file.text,
                e.span.start.line as u32,
                e.span.start.col as u32,
            );
            let end =
                offset_of(&file.text, e.span.end.line as u32, e.span.end.col as u32).max(start);
            let (line, column) = line_column(&file.text, start);
            Box::new(Diagnostic {
                code,
                severity: code.severity(),
                message,
                location: Some(Location {
                    file: file.path.clone(),
                    line,
                    column,
                    offset: start,
                    len: end - start,
                }),
                related: Vec::new(),
                help: None,
            })
        })
}

fn describe_ron_error(error: &ron::Error) -> (Code, String) {
    use ron::Error as E;
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let within = |outer: &Option<String>| match outer.as_deref() {
        Some(o) => format!(" in `{}`", o.trim_end_matches("Input")),
        None => String::new(),
    };
    match error {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            Code::UnknownField,
            format!(
                "unknown field `{found}`{}; expected one of {}",
                within(outer),
                list(expected)
            ),
        ),
        E::MissingStructField { field, outer } => (
            Code::MissingField,
            format!("missing field `{field}`{}", within(outer)),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } if outer.as_deref() == Some("Property") => (
            Code::UnknownProperty,
            format!(
                "unknown property `{found}`; the vocabulary is {} (docs/data-format.md)",
                list(expected)
            ),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            Code::UnknownVariant,
            format!(
                "unknown value `{found}`{}; expected one of {}",
                within(outer),
                list(expected)
            ),
        ),
        other => (Code::Syntax, format!("invalid RON: {other}")),
    }
}

/// Turns pending diagnostics into located ones, lexing each file that has any at most once.
fn resolve(files: &[SourceFile], mut pending: Vec<Pending>) -> Vec<Diagnostic> {
    // One problem shared by several claims (an entry's citation, a file's default source)
    // is reported once.
    let mut seen = std::collections::HashSet::new();
    pending.retain(|p| seen.insert((p.code, p.site.clone(), p.message.clone())));
    let mut indexes: HashMap<u32, SpanIndex> = HashMap::new();
    let mut locate = |site: &Site| -> Option<Location> {
        let file = files.get(site.file as usize)?;
        let index = indexes
            .entry(site.file)
            .or_insert_with(|| SpanIndex::build(&file.text));
        let (start, end) = index.find(&site.path).unwrap_or((0, 0));
        let (line, column) = line_column(&file.text, start);
        Some(Location {
            file: file.path.clone(),
            line,
            column,
            offset: start,
            len: end - start,
        })
    };
    pending
        .into_iter()
        .map(|p| Diagnostic {
            code: p.code,
            severity: p.code.severity(),
            location: p.site.as_ref().and_then(&mut locate),
            related: p
                .related
                .iter()
                .filter_map(|(site, message)| {
                    Some(Related {
                        location: locate(site)?,
                        message: message.clone(),
                    })
                })
                .collect(),
            message: p.message,
            help: p.help,
        })
        .collect()
}

/// Whether `id` is a valid slug: lowercase ASCII letters and digits, with `.`, `-` and `_`
/// inside.
pub fn is_slug(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_alphanumeric()
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_')
        })
        && bytes[0] != b'.'
}

/// Up to `limit` ids closest to `wanted` by edit distance, best first.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| (strsim::jaro_winkler(wanted, c), c))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, c)| c.to_string())
        .collect()
}

/// Everything a claim needs, whether written as a claim or as an entry's relation field.
struct Draft<'a> {
    origin: Origin,
    subject: &'a str,
    subject_path: String,
    /// What the subject and object are called in messages ("developer", "investor").
    roles: (&'a str, &'a str),
    /// Where problems with the claim as a whole are reported: the claim, or the entry whose
    /// relation fields it comes from (the claim's origin is then the relation's field).
    report_path: String,
    property: Property,
    object: Option<(&'a str, String)>,
    value: Option<&'a str>,
    status: Option<Status>,
    as_of: Option<&'a str>,
    period: Option<&'a str>,
    region: Option<&'a str>,
    segment: Option<&'a str>,
    scope: Option<&'a str>,
    derivation: Option<DerivationKind>,
    key: Option<&'a str>,
    /// `mix`, `remainder`, `multiple_answer` of a share.
    mix: (Option<&'a str>, bool, bool),
    latest: bool,
    editorial: Option<&'a str>,
    note: Option<&'a str>,
    /// Citations with their paths.
    citations: Vec<(&'a CitationInput, String)>,
    /// The file's default source.
    default_source: Option<&'a str>,
}

/// An entry (model, family, organization, round) whose relation fields become claims citing
/// the entry's `cite`.
struct Entry<'a> {
    file: u32,
    path: String,
    cite: &'a Option<CitationInput>,
    editorial: Option<&'a str>,
    default_source: Option<&'a str>,
}

impl<'a> Entry<'a> {
    fn relation(
        &self,
        subject: &'a str,
        property: Property,
        object: &'a str,
        field: String,
        derivation: Option<DerivationKind>,
    ) -> Draft<'a> {
        let role = field.split(['.', '[']).next().unwrap_or("object");
        let object_role = match role {
            "id" => "round",
            "family" => "family",
            "developer" => "developer",
            "member_of" => "parent family",
            "successor_of" => "predecessor",
            "derived_from" => "base model",
            "subsidiary_of" => "parent",
            "founded_by" => "founder",
            _ => "object",
        };
        Draft {
            origin: Origin {
                file: self.file,
                path: format!("{}.{field}", self.path),
            },
            subject,
            subject_path: format!("{}.id", self.path),
            roles: ("subject", object_role),
            report_path: self.path.clone(),
            property,
            object: Some((object, format!("{}.{field}", self.path))),
            value: None,
            status: None,
            as_of: None,
            period: None,
            region: None,
            segment: None,
            scope: None,
            derivation,
            key: None,
            mix: (None, false, false),
            latest: false,
            editorial: self.editorial,
            note: None,
            citations: self
                .cite
                .iter()
                .map(|c| (c, format!("{}.cite", self.path)))
                .collect(),
            default_source: self.default_source,
        }
    }
}

#[derive(Default)]
struct Builder {
    graph: Graph,
    pending: Vec<Pending>,
    /// Many dangling references make suggestions expensive at scale; suggest for the first few.
    suggestions_left: usize,
    /// Per source, the section path and inherited attribution of each heading, by line.
    sections: FxHashMap<String, Vec<SectionEntry>>,
}

/// The section that starts at a heading: its path and the primary sources it names.
struct SectionEntry {
    line: u32,
    path: Arc<str>,
    attributed_to: Vec<String>,
}

/// The section path (headings above, joined with " > ") and inherited attribution at each
/// heading of an outline, computed once per source.
fn section_table(outline: &[Heading]) -> Vec<SectionEntry> {
    let mut stack: Vec<&Heading> = Vec::new();
    outline
        .iter()
        .map(|heading| {
            while stack.last().is_some_and(|h| h.level >= heading.level) {
                stack.pop();
            }
            stack.push(heading);
            SectionEntry {
                line: heading.line,
                path: Arc::from(
                    stack
                        .iter()
                        .map(|h| h.title.as_str())
                        .collect::<Vec<_>>()
                        .join(" > "),
                ),
                attributed_to: stack
                    .iter()
                    .flat_map(|h| h.attributed_to.iter().cloned())
                    .collect(),
            }
        })
        .collect()
}

impl Builder {
    fn site(file: u32, path: impl Into<String>) -> Site {
        Site {
            file,
            path: path.into(),
        }
    }

    fn add_entity(&mut self, file: u32, path: String, entity: Entity) {
        let site = Self::site(file, format!("{path}.id"));
        if !is_slug(&entity.id) {
            self.pending.push(Pending::new(
                Code::BadValue,
                site.clone(),
                format!(
                    "`{}` is not a valid id; expected a lowercase slug of letters, digits, `.`, `-` and `_` (e.g. `llama-3.1-405b`)",
                    entity.id
                ),
            ));
        }
        if let Some(&NodeRef::Entity(first)) = self.graph.ids.get(&entity.id) {
            let first = &self.graph.entities[first as usize].origin;
            let first_site = Site {
                file: first.file,
                path: first.path.clone(),
            };
            let mut p = Pending::new(
                Code::DuplicateId,
                site,
                format!("duplicate id `{}`", entity.id),
            );
            p.related.push((
                Site {
                    file: first_site.file,
                    path: format!("{}.id", first_site.path),
                },
                "first defined here".into(),
            ));
            self.pending.push(p);
            return;
        }
        let index = self.graph.entities.len() as u32;
        self.graph
            .ids
            .insert(entity.id.clone(), NodeRef::Entity(index));
        self.graph.entities.push(entity);
    }

    /// Reserves room for every entity and claim the inputs will give: growing vectors and
    /// the id index by doubling would hold the old and the new copy at once.
    fn reserve(&mut self, inputs: &[(u32, FileInput)]) {
        let mut entities = 0;
        let mut claims = 0;
        for (_, f) in inputs {
            entities += f.organizations.len()
                + f.people.len()
                + f.families.len()
                + f.models.len()
                + f.benchmarks.len()
                + f.markets.len()
                + f.rounds.len()
                + f.sources.len();
            claims += f.claims.len()
                + f.organizations
                    .iter()
                    .map(|o| usize::from(o.subsidiary_of.is_some()) + o.founded_by.len())
                    .sum::<usize>()
                + f.families
                    .iter()
                    .map(|m| {
                        usize::from(m.developer.is_some())
                            + usize::from(m.member_of.is_some())
                            + usize::from(m.successor_of.is_some())
                    })
                    .sum::<usize>()
                + f.models
                    .iter()
                    .map(|m| {
                        usize::from(m.developer.is_some())
                            + usize::from(m.family.is_some())
                            + usize::from(m.successor_of.is_some())
                            + m.derived_from.len()
                    })
                    .sum::<usize>()
                + f.rounds
                    .iter()
                    .map(|r| 1 + r.investors.len())
                    .sum::<usize>();
        }
        self.graph.entities.reserve_exact(entities);
        self.graph.claims.reserve_exact(claims);
        self.graph.ids.reserve(entities + claims);
        self.graph.graph.reserve_nodes(entities + claims);
    }

    fn register_entities(&mut self, inputs: &[(u32, FileInput)]) {
        self.suggestions_left = 200;
        for (file, input) in inputs {
            let file = *file;
            let origin = |path: &str| Origin {
                file,
                path: path.to_string(),
            };
            macro_rules! plain {
                ($list:expr, $section:literal, $kind:expr, $details:expr) => {
                    for (i, item) in $list.iter().enumerate() {
                        let path = format!(concat!($section, "[{}]"), i);
                        #[allow(clippy::redundant_closure_call)]
                        let details = ($details)(item);
                        self.add_entity(
                            file,
                            path.clone(),
                            Entity {
                                id: item.id.clone(),
                                kind: $kind,
                                name: item.name.clone(),
                                aliases: item.aliases.clone(),
                                details,
                                origin: origin(&path),
                            },
                        );
                    }
                };
            }
            plain!(
                input.organizations,
                "organizations",
                NodeKind::Organization,
                |o: &crate::format::OrganizationInput| {
                    Details::Organization {
                        roles: o.roles.clone(),
                        country: o.country.clone(),
                    }
                }
            );
            plain!(input.people, "people", NodeKind::Person, |_| Details::Plain);
            plain!(input.families, "families", NodeKind::ModelFamily, |_| {
                Details::Plain
            });
            plain!(input.models, "models", NodeKind::Model, |_| Details::Plain);
            plain!(input.benchmarks, "benchmarks", NodeKind::Benchmark, |_| {
                Details::Plain
            });
            plain!(
                input.markets,
                "markets",
                NodeKind::Market,
                |m: &crate::format::MarketInput| {
                    Details::Market {
                        region: m.region.clone(),
                        segment: m.segment.clone(),
                        scope: m.scope.clone(),
                        part_of: m.part_of.clone(),
                    }
                }
            );
            plain!(input.rounds, "rounds", NodeKind::FundingRound, |_| {
                Details::Plain
            });
            for (i, s) in input.sources.iter().enumerate() {
                let path = format!("sources[{i}]");
                let date = match s.date.as_deref().map(Date::parse) {
                    Some(Ok(d)) => Some(d),
                    Some(Err(e)) => {
                        self.pending.push(Pending::new(
                            Code::BadValue,
                            Self::site(file, format!("{path}.date")),
                            e,
                        ));
                        None
                    }
                    None => None,
                };
                let mut last_line = 0;
                for (h, heading) in s.outline.iter().enumerate() {
                    if heading.line <= last_line {
                        self.pending.push(Pending::new(
                            Code::BadValue,
                            Self::site(file, format!("{path}.outline[{h}].line")),
                            format!(
                                "outline headings must be in line order; line {} comes after line {last_line}",
                                heading.line
                            ),
                        ));
                    }
                    last_line = heading.line;
                }
                self.add_entity(
                    file,
                    path.clone(),
                    Entity {
                        id: s.id.clone(),
                        kind: NodeKind::Source,
                        name: s.name.clone(),
                        aliases: s.aliases.clone(),
                        details: Details::Source {
                            kind: s.kind,
                            date,
                            publisher: s.publisher.clone(),
                            url: s.url.clone(),
                            lines: s.lines,
                            outline: s
                                .outline
                                .iter()
                                .map(|h| Heading {
                                    line: h.line,
                                    level: h.level,
                                    title: h.title.clone(),
                                    attributed_to: h.attributed_to.clone(),
                                })
                                .collect(),
                        },
                        origin: origin(&path),
                    },
                );
            }
        }
    }

    /// Builds every file's claims, dropping each file's parsed input once its claims are
    /// built, so that inputs and claims are not all in memory at once.
    fn build_claims(&mut self, inputs: Vec<(u32, FileInput)>) {
        for (file, input) in inputs {
            self.build_file_claims(file, &input);
        }
    }

    fn build_file_claims<'a>(&mut self, file: u32, input: &'a FileInput) {
        {
            let default_source = input.source.as_deref();
            let entry = |path: String,
                         cite: &'a Option<CitationInput>,
                         editorial: &'a Option<String>| Entry {
                file,
                path,
                cite,
                editorial: editorial.as_deref(),
                default_source,
            };
            for (i, o) in input.organizations.iter().enumerate() {
                let e = entry(format!("organizations[{i}]"), &o.cite, &o.editorial);
                if let Some(parent) = &o.subsidiary_of {
                    self.add_claim(e.relation(
                        &o.id,
                        Property::SubsidiaryOf,
                        parent,
                        "subsidiary_of".into(),
                        None,
                    ));
                }
                for (j, founder) in o.founded_by.iter().enumerate() {
                    self.add_claim(e.relation(
                        &o.id,
                        Property::FoundedBy,
                        founder,
                        format!("founded_by[{j}]"),
                        None,
                    ));
                }
            }
            for (i, f) in input.families.iter().enumerate() {
                let e = entry(format!("families[{i}]"), &f.cite, &f.editorial);
                if let Some(dev) = &f.developer {
                    self.add_claim(e.relation(
                        &f.id,
                        Property::DevelopedBy,
                        dev,
                        "developer".into(),
                        None,
                    ));
                }
                if let Some(parent) = &f.member_of {
                    self.add_claim(e.relation(
                        &f.id,
                        Property::MemberOf,
                        parent,
                        "member_of".into(),
                        None,
                    ));
                }
                if let Some(prev) = &f.successor_of {
                    self.add_claim(e.relation(
                        &f.id,
                        Property::SuccessorOf,
                        prev,
                        "successor_of".into(),
                        None,
                    ));
                }
            }
            for (i, m) in input.models.iter().enumerate() {
                let e = entry(format!("models[{i}]"), &m.cite, &m.editorial);
                if let Some(dev) = &m.developer {
                    self.add_claim(e.relation(
                        &m.id,
                        Property::DevelopedBy,
                        dev,
                        "developer".into(),
                        None,
                    ));
                }
                if let Some(family) = &m.family {
                    self.add_claim(e.relation(
                        &m.id,
                        Property::MemberOf,
                        family,
                        "family".into(),
                        None,
                    ));
                }
                if let Some(prev) = &m.successor_of {
                    self.add_claim(e.relation(
                        &m.id,
                        Property::SuccessorOf,
                        prev,
                        "successor_of".into(),
                        None,
                    ));
                }
                for (j, d) in m.derived_from.iter().enumerate() {
                    self.add_claim(e.relation(
                        &m.id,
                        Property::DerivedFrom,
                        &d.base,
                        format!("derived_from[{j}].base"),
                        Some(d.kind),
                    ));
                }
            }
            for (i, r) in input.rounds.iter().enumerate() {
                let e = entry(format!("rounds[{i}]"), &r.cite, &r.editorial);
                let mut raised =
                    e.relation(&r.organization, Property::Raised, &r.id, "id".into(), None);
                raised.subject_path = format!("{}.organization", e.path);
                raised.roles.0 = "organization";
                self.add_claim(raised);
                for (j, investor) in r.investors.iter().enumerate() {
                    let mut invested =
                        e.relation(investor, Property::InvestedIn, &r.id, "id".into(), None);
                    invested.subject_path = format!("{}.investors[{j}]", e.path);
                    invested.roles.0 = "investor";
                    self.add_claim(invested);
                }
            }
            for (i, c) in input.claims.iter().enumerate() {
                let origin = Origin {
                    file,
                    path: format!("claims[{i}]"),
                };
                self.add_claim(claim_draft(c, origin, default_source));
            }
        }
    }

    /// Resolves a reference: reports it when dangling or of the wrong kind.
    fn reference(
        &mut self,
        id: &str,
        site: impl FnOnce() -> Site,
        allowed: &[NodeKind],
        role: &str,
    ) -> bool {
        match self.graph.ids.get(id) {
            Some(&NodeRef::Entity(e)) => {
                let kind = self.graph.entities[e as usize].kind;
                if allowed.is_empty() || allowed.contains(&kind) {
                    true
                } else {
                    let names: Vec<_> = allowed.iter().map(|k| k.name()).collect();
                    self.pending.push(Pending::new(
                        Code::WrongKind,
                        site(),
                        format!(
                            "{role} `{id}` is {} {}, expected {}",
                            if kind.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
                                "an"
                            } else {
                                "a"
                            },
                            kind.name(),
                            names.join(" or ")
                        ),
                    ));
                    false
                }
            }
            _ => {
                let help = self.suggest(id, allowed);
                self.pending.push(
                    Pending::new(
                        if allowed == [NodeKind::Source] {
                            Code::UnknownSource
                        } else {
                            Code::DanglingReference
                        },
                        site(),
                        format!("{role} `{id}` does not exist"),
                    )
                    .help(help),
                );
                false
            }
        }
    }

    fn suggest(&mut self, id: &str, allowed: &[NodeKind]) -> Option<String> {
        if self.suggestions_left == 0 {
            return None;
        }
        self.suggestions_left -= 1;
        let candidates = self
            .graph
            .entities
            .iter()
            .filter(|e| allowed.is_empty() || allowed.contains(&e.kind))
            .map(|e| e.id.as_str());
        let near = closest(id, candidates, 3);
        (!near.is_empty()).then(|| {
            format!(
                "did you mean {}?",
                near.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }

    fn add_claim(&mut self, d: Draft<'_>) {
        use NodeKind as K;
        let file = d.origin.file;
        let base = d.report_path.clone();
        let site = |p: &str| Site {
            file,
            path: p.to_string(),
        };
        let at = |field: &str| Site {
            file,
            path: format!("{base}.{field}"),
        };
        let mut ok = true;

        // Subject and object, with the kinds each relation allows.
        let (subject_kinds, object_kinds): (&[NodeKind], &[NodeKind]) = match d.property {
            Property::DevelopedBy => (&[K::Model, K::ModelFamily], &[K::Organization]),
            Property::MemberOf => (&[K::Model, K::ModelFamily], &[K::ModelFamily]),
            Property::SuccessorOf => (&[K::Model, K::ModelFamily], &[K::Model, K::ModelFamily]),
            Property::DerivedFrom => (&[K::Model], &[K::Model]),
            Property::SubsidiaryOf => (&[K::Organization], &[K::Organization]),
            Property::FoundedBy => (&[K::Organization], &[K::Person, K::Organization]),
            Property::Raised => (&[K::Organization], &[K::FundingRound]),
            Property::InvestedIn => (&[K::Organization, K::Person], &[K::FundingRound]),
            _ => (&[], &[]),
        };
        ok &= self.reference(
            d.subject,
            || site(&d.subject_path),
            subject_kinds,
            d.roles.0,
        );
        if let Some((object, path)) = &d.object {
            ok &= self.reference(object, || site(path), object_kinds, d.roles.1);
        }

        // Value, by the property's kind.
        let kind = d.property.value_kind();
        let value = match (kind, d.value, &d.object) {
            (ValueKind::Relation, None, Some(_)) => Some(Value {
                text: String::new(),
                shape: Shape::None,
            }),
            (ValueKind::Relation, Some(_), _) => {
                self.pending.push(Pending::new(
                    Code::BadClaim,
                    at("value"),
                    format!(
                        "`{}` is a relation: it takes an `object`, not a `value`",
                        d.property
                    ),
                ));
                None
            }
            (ValueKind::Relation, None, None) => {
                self.pending.push(Pending::new(
                    Code::BadClaim,
                    at("property"),
                    format!(
                        "`{}` is a relation: the claim needs an `object`",
                        d.property
                    ),
                ));
                None
            }
            (_, None, _) => {
                self.pending.push(Pending::new(
                    Code::BadClaim,
                    at("property"),
                    format!("a `{}` claim needs a `value`", d.property),
                ));
                None
            }
            (_, Some(text), _) => match parse_value(text, kind) {
                Ok(v) => Some(v),
                Err(e) => {
                    let code = match e {
                        ValueError::UnknownUnit(_) => Code::UnknownUnit,
                        ValueError::Mismatch(_) => Code::ValueMismatch,
                        ValueError::Syntax(_) => match kind {
                            ValueKind::Date => Code::ValueMismatch,
                            _ => Code::BadValue,
                        },
                    };
                    self.pending.push(Pending::new(
                        code,
                        at("value"),
                        format!("{} for `{}`", e, d.property),
                    ));
                    None
                }
            },
        };
        let mix = match d.mix {
            (None, false, false) => None,
            (Some(name), remainder, multiple_answer)
                if matches!(d.property, Property::Share | Property::MarketShare) =>
            {
                Some(crate::model::Mix {
                    name: name.to_string(),
                    remainder,
                    multiple_answer,
                })
            }
            (None, remainder, _) => {
                self.pending.push(Pending::new(
                    Code::BadClaim,
                    at(if remainder { "remainder" } else { "multiple_answer" }),
                    "`remainder` and `multiple_answer` describe a mix: give the share its `mix` too",
                ));
                ok = false;
                None
            }
            (Some(_), _, _) => {
                self.pending.push(Pending::new(
                    Code::BadClaim,
                    at("mix"),
                    format!("`mix` groups shares; `{}` is not a share", d.property),
                ));
                ok = false;
                None
            }
        };
        if d.latest && d.property.is_relation() {
            self.pending.push(Pending::new(
                Code::BadClaim,
                at("latest"),
                "`latest` marks a figure; a relation is not one",
            ));
            ok = false;
        }
        if d.derivation.is_some() && d.property != Property::DerivedFrom {
            self.pending.push(Pending::new(
                Code::BadClaim,
                at("derivation"),
                "`derivation` applies only to `derived_from` claims",
            ));
            ok = false;
        }

        // Qualifiers.
        let mut qualifiers = Qualifiers {
            region: d.region.map(str::to_string),
            segment: d.segment.map(str::to_string),
            scope: d.scope.map(str::to_string),
            ..Qualifiers::default()
        };
        if let Some(text) = d.as_of {
            match Date::parse(text) {
                Ok(date) => qualifiers.as_of = Some(date),
                Err(e) => {
                    self.pending.push(Pending::new(
                        Code::BadValue,
                        at("as_of"),
                        format!("as_of: {e}"),
                    ));
                    ok = false;
                }
            }
        }
        if let Some(text) = d.period {
            match Period::parse(text) {
                Ok(p) => qualifiers.period = Some(p),
                Err(e) => {
                    self.pending.push(Pending::new(
                        Code::BadValue,
                        at("period"),
                        format!("period: {e}"),
                    ));
                    ok = false;
                }
            }
        }

        // Status.
        let mut status = d.status.unwrap_or(match &value {
            Some(Value {
                shape: Shape::Undisclosed,
                ..
            }) => Status::Undisclosed,
            _ => Status::Reported,
        });
        match (d.editorial, status) {
            (Some(_), Status::Reported | Status::Editorial) => status = Status::Editorial,
            (Some(_), other) => {
                self.pending.push(Pending::new(
                    Code::BadClaim,
                    at("status"),
                    format!("an editorial claim cannot also be `{}`", other.name()),
                ));
                ok = false;
            }
            (None, Status::Editorial) => {
                self.pending.push(Pending::new(
                    Code::BadClaim,
                    at("status"),
                    "an editorial claim gives its reason: write `editorial: \"why\"` instead of `status: editorial`",
                ));
                ok = false;
            }
            (None, _) => {}
        }

        // Citations.
        let mut citations = Vec::new();
        if d.citations.is_empty() && d.editorial.is_none() {
            let what = if d.property.is_relation() && !d.origin.path.starts_with("claims") {
                "this entry states relations but has no `cite` (or `editorial: \"why\"`)"
            } else {
                "claim has no citation; add `cite: (line: N, quote: \"...\")`, or mark it `editorial: \"why\"`"
            };
            self.pending
                .push(Pending::new(Code::MissingCitation, site(&base), what));
            ok = false;
        }
        for (cite, path) in &d.citations {
            match self.citation(cite, path, file, d.default_source) {
                Some(c) => citations.push(c),
                None => ok = false,
            }
        }

        let Some(value) = value else { return };
        if !ok {
            return;
        }
        let id = claim_id(
            d.subject,
            d.property,
            d.object.as_ref().map(|o| o.0),
            &qualifiers,
            d.key,
            citations.first().map(|c| c.line),
        );
        let index = self.graph.claims.len() as u32;
        if let Some(&NodeRef::Claim(first)) = self.graph.ids.get(&id) {
            let mut p = Pending::new(
                Code::DuplicateId,
                site(&base),
                format!("two claims get the id `{id}`; tell them apart with a qualifier or `key: \"...\"`"),
            );
            let other = &self.graph.claims[first as usize].origin;
            p.related.push((
                Site {
                    file: other.file,
                    path: other.path.clone(),
                },
                "the other claim".into(),
            ));
            self.pending.push(p);
            return;
        }
        self.graph.ids.insert(id.clone(), NodeRef::Claim(index));
        self.graph.claims.push(Claim {
            id,
            subject: d.subject.to_string(),
            object: d.object.map(|o| o.0.to_string()),
            property: d.property,
            value,
            status,
            qualifiers,
            derivation: d
                .derivation
                .or((d.property == Property::DerivedFrom).then_some(DerivationKind::Finetune)),
            citations,
            editorial: d.editorial.map(str::to_string),
            note: d.note.map(str::to_string),
            mix,
            latest: d.latest,
            origin: d.origin,
        });
    }

    fn citation(
        &mut self,
        cite: &CitationInput,
        path: &str,
        file: u32,
        default_source: Option<&str>,
    ) -> Option<Citation> {
        let at = |field: &str| Site {
            file,
            path: format!("{path}.{field}"),
        };
        let Some(source) = cite.source.as_deref().or(default_source) else {
            self.pending.push(Pending::new(
                Code::MissingCitation,
                Site {
                    file,
                    path: path.to_string(),
                },
                "citation names no document: give it `source: \"...\"` or set `source` at the top of the file",
            ));
            return None;
        };
        let source_site = || {
            if cite.source.is_some() {
                at("source")
            } else {
                Site {
                    file,
                    path: "source".into(),
                }
            }
        };
        if !self.reference(source, source_site, &[NodeKind::Source], "source") {
            return None;
        }
        let mut ok = true;
        let Some(Entity {
            details: Details::Source { lines, outline, .. },
            ..
        }) = self.graph.entity(source)
        else {
            return None;
        };
        let lines = *lines;
        if !self.sections.contains_key(source) {
            self.sections
                .insert(source.to_string(), section_table(outline));
        }
        let table = self.sections.get(source)?;
        let (section, mut attributed_to) = match table.partition_point(|s| s.line <= cite.line) {
            0 => (Arc::<str>::from(""), Vec::new()),
            i => (
                table[i - 1].path.clone(),
                table[i - 1].attributed_to.clone(),
            ),
        };
        let section = match &cite.section {
            Some(explicit) => Arc::from(explicit.as_str()),
            None => section,
        };
        if cite.line == 0 || lines.is_some_and(|n| cite.line > n) {
            self.pending.push(Pending::new(
                Code::BadCitation,
                at("line"),
                format!(
                    "line {} is outside `{source}`, which has lines 1 to {}",
                    cite.line,
                    lines.map(|n| n.to_string()).unwrap_or_else(|| "N".into())
                ),
            ));
            ok = false;
        }
        if cite.quote.trim().is_empty() {
            self.pending.push(Pending::new(
                Code::BadCitation,
                at("quote"),
                "the quote is empty; copy the words of the cited line verbatim",
            ));
            ok = false;
        }
        for (j, org) in cite.attributed_to.iter().enumerate() {
            ok &= self.reference(
                org,
                || at(&format!("attributed_to[{j}]")),
                &[NodeKind::Organization, NodeKind::Source],
                "primary source",
            );
            attributed_to.push(org.clone());
        }
        if attributed_to.len() > 1 {
            let mut seen = std::collections::HashSet::new();
            attributed_to.retain(|a| seen.insert(a.clone()));
        }
        ok.then(|| Citation {
            source: source.to_string(),
            section,
            line: cite.line,
            quote: Arc::from(cite.quote.as_str()),
            attributed_to,
        })
    }

    /// Adds nodes for every entity and claim, then the typed edges.
    fn add_edges(&mut self) {
        let g = &mut self.graph;
        g.entity_nodes = (0..g.entities.len() as u32)
            .map(|i| g.graph.add_node(NodeRef::Entity(i)))
            .collect();
        g.claim_nodes = (0..g.claims.len() as u32)
            .map(|i| g.graph.add_node(NodeRef::Claim(i)))
            .collect();
        let mut pending = Vec::new();
        let node_of = |g: &Graph, id: &str| g.ids.get(id).map(|n| g.node(*n));
        let mut edges = Vec::new();
        for (i, entity) in g.entities.iter().enumerate() {
            let from = g.entity_nodes[i];
            let site = &entity.origin;
            match &entity.details {
                Details::Market {
                    part_of: Some(parent),
                    ..
                } => match g.ids.get(parent.as_str()) {
                    Some(&NodeRef::Entity(p))
                        if g.entities[p as usize].kind == NodeKind::Market =>
                    {
                        edges.push((from, g.entity_nodes[p as usize], EdgeKind::PartOf, None));
                    }
                    _ => pending.push(
                        Pending::new(
                            Code::DanglingReference,
                            Site {
                                file: site.file,
                                path: format!("{}.part_of", site.path),
                            },
                            format!("market `{parent}` does not exist"),
                        )
                        .help(
                            Some(closest(
                                parent,
                                g.entities
                                    .iter()
                                    .filter(|e| e.kind == NodeKind::Market)
                                    .map(|e| e.id.as_str()),
                                3,
                            ))
                            .filter(|v| !v.is_empty())
                            .map(|v| format!("did you mean `{}`?", v.join("`, `"))),
                        ),
                    ),
                },
                Details::Source {
                    publisher: Some(publisher),
                    outline,
                    ..
                } => {
                    match g.ids.get(publisher.as_str()) {
                        Some(&NodeRef::Entity(p))
                            if g.entities[p as usize].kind == NodeKind::Organization =>
                        {
                            edges.push((
                                from,
                                g.entity_nodes[p as usize],
                                EdgeKind::PublishedBy,
                                None,
                            ));
                        }
                        _ => pending.push(Pending::new(
                            Code::DanglingReference,
                            Site {
                                file: site.file,
                                path: format!("{}.publisher", site.path),
                            },
                            format!(
                                "publisher `{publisher}` is not an organization of the dataset"
                            ),
                        )),
                    }
                    check_outline_attributions(g, outline, site, &mut pending);
                }
                Details::Source { outline, .. } => {
                    check_outline_attributions(g, outline, site, &mut pending)
                }
                _ => {}
            }
        }
        for (i, claim) in g.claims.iter().enumerate() {
            let c = g.claim_nodes[i];
            let Some(subject) = node_of(g, &claim.subject) else {
                continue;
            };
            edges.push((c, subject, EdgeKind::AboutSubject, Some(i as u32)));
            if let Some(object) = claim.object.as_deref().and_then(|o| node_of(g, o)) {
                edges.push((c, object, EdgeKind::AboutObject, Some(i as u32)));
                if let Some(kind) = EdgeKind::for_relation(claim.property, claim.derivation) {
                    edges.push((subject, object, kind, Some(i as u32)));
                }
            }
            for (j, citation) in claim.citations.iter().enumerate() {
                if let Some(source) = node_of(g, &citation.source) {
                    edges.push((c, source, EdgeKind::Cites(j as u16), Some(i as u32)));
                }
                for primary in &citation.attributed_to {
                    if let Some(p) = node_of(g, primary) {
                        edges.push((c, p, EdgeKind::AttributedTo(j as u16), Some(i as u32)));
                    }
                }
            }
        }
        g.graph.reserve_edges(edges.len());
        for (from, to, kind, claim) in edges {
            g.graph.add_edge(from, to, Edge { kind, claim });
        }
        self.pending.extend(pending);
    }
}

fn check_outline_attributions(
    g: &Graph,
    outline: &[Heading],
    site: &Origin,
    pending: &mut Vec<Pending>,
) {
    for (h, heading) in outline.iter().enumerate() {
        for (j, org) in heading.attributed_to.iter().enumerate() {
            if !matches!(g.ids.get(org.as_str()), Some(NodeRef::Entity(_))) {
                pending.push(Pending::new(
                    Code::DanglingReference,
                    Site {
                        file: site.file,
                        path: format!("{}.outline[{h}].attributed_to[{j}]", site.path),
                    },
                    format!("primary source `{org}` does not exist"),
                ));
            }
        }
    }
}

fn claim_draft<'a>(
    c: &'a ClaimInput,
    origin: Origin,
    default_source: Option<&'a str>,
) -> Draft<'a> {
    let path = origin.path.clone();
    let mut citations: Vec<(&CitationInput, String)> = Vec::new();
    if let Some(cite) = &c.cite {
        citations.push((cite, format!("{path}.cite")));
    }
    citations.extend(
        c.cites
            .iter()
            .enumerate()
            .map(|(j, cite)| (cite, format!("{path}.cites[{j}]"))),
    );
    Draft {
        subject: &c.subject,
        subject_path: format!("{path}.subject"),
        roles: ("subject", "object"),
        report_path: path.clone(),
        property: c.property,
        object: c.object.as_deref().map(|o| (o, format!("{path}.object"))),
        value: c.value.as_deref(),
        status: c.status,
        as_of: c.as_of.as_deref(),
        period: c.period.as_deref(),
        region: c.region.as_deref(),
        segment: c.segment.as_deref(),
        scope: c.scope.as_deref(),
        derivation: c.derivation,
        key: c.key.as_deref(),
        mix: (c.mix.as_deref(), c.remainder, c.multiple_answer),
        latest: c.latest,
        editorial: c.editorial.as_deref(),
        note: c.note.as_deref(),
        citations,
        default_source,
        origin,
    }
}

/// A readable slug of free text: lowercase, runs of anything but letters and digits become
/// one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() || ch == '.' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(ch);
        } else {
            dash = true;
        }
    }
    out
}

/// The deterministic id of a claim: `subject/property[/object][/qualifiers][/key]@line`.
///
/// Qualifiers appear in a fixed order (as_of, period, region, segment, scope), each as a
/// slug; `line` is the first citation's line, or `editorial` for a claim without one.
pub fn claim_id(
    subject: &str,
    property: Property,
    object: Option<&str>,
    q: &Qualifiers,
    key: Option<&str>,
    line: Option<u32>,
) -> String {
    use std::fmt::Write as _;
    let mut id = String::with_capacity(subject.len() + 32);
    id.push_str(subject);
    id.push('/');
    id.push_str(property.name());
    if let Some(o) = object {
        id.push('/');
        id.push_str(o);
    }
    // Writing to a String cannot fail.
    if let Some(d) = q.as_of {
        let _ = write!(id, "/{d}");
    }
    if let Some(p) = q.period {
        let _ = write!(id, "/{}..{}", p.start, p.end);
    }
    for text in [&q.region, &q.segment, &q.scope].into_iter().flatten() {
        id.push('/');
        id.push_str(&slugify(text));
    }
    if let Some(k) = key {
        id.push('/');
        id.push_str(&slugify(k));
    }
    match line {
        Some(l) => {
            let _ = write!(id, "@{l}");
        }
        None => id.push_str("@editorial"),
    }
    id
}
