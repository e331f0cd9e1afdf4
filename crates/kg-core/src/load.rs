//! Loading: data files' text in, the typed graph and every diagnostic out.
//!
//! The loader never stops at the first problem. Each file is parsed on its own (in parallel);
//! a file that is not valid RON contributes a `syntax`-class diagnostic and nothing else.
//! Pass 1 parses each file once and builds its entities and its claims, the claims' references
//! still file-local; once every entity is registered, pass 2 resolves each file's references
//! against the entity index (files in parallel). Then duplicate claim ids are dropped, edges
//! added and the graph validated. Each problem is recorded with the path of the offending value
//! and turned into a file, line and column at the end.

use crate::date::{Date, Period};
use crate::diagnostic::{line_column, offset_of, Code, Diagnostic, Location, Related};
use crate::format::{CitationInput, ClaimInput, FileInput};
use crate::graph::hash_id;
use crate::graph::{Graph, NodeRef};
use crate::model::{
    Citation, Claim, ClaimExtra, DerivationKind, Details, Edge, EdgeKind, Entity, Field, Heading,
    ItemPath, List, Mix, NodeKind, Origin, QualifierSet, Qualifiers, Status,
};
use crate::property::{Property, ValueKind};
use crate::span::SpanIndex;
use crate::validate;
use crate::value::{parse_value, Shape, Value, ValueError};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

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
    // Pass 1: parse each file once, a batch of files in parallel at a time, and gather its
    // entities and its claims (with file-local references) as it comes.
    let mut diagnostics = Vec::new();
    let mut entities = Vec::new();
    let mut claims = Vec::new();
    let mut deferred = Vec::new();
    let mut hashes = Vec::new();
    let mut units = Vec::with_capacity(files.len());
    let batch = rayon::current_num_threads().max(1) * 8;
    let indexes: Vec<u32> = (0..files.len() as u32).collect();
    for chunk in indexes.chunks(batch) {
        let results: Vec<Result<FileUnit, Box<Diagnostic>>> = chunk
            .par_iter()
            .map(|&i| pass_one(i, &files[i as usize]))
            .collect();
        for result in results {
            match result {
                Ok(mut unit) => {
                    // Moved out and their buffers freed at once: `append` would keep them.
                    unit.count = unit.claims.len();
                    entities.extend(std::mem::take(&mut unit.entities));
                    claims.extend(std::mem::take(&mut unit.claims));
                    deferred.extend(std::mem::take(&mut unit.deferred));
                    hashes.extend(std::mem::take(&mut unit.hashes));
                    units.push(unit);
                }
                Err(d) => diagnostics.push(*d),
            }
        }
    }
    let mut builder = Builder::default();
    builder.graph.files = files.iter().map(|f| f.path.clone()).collect();
    for unit in &mut units {
        builder.pending.append(&mut unit.pending);
    }
    builder.register(entities, &units);
    // Pass 2: every file's references, against the finished entity index.
    builder.resolve_claims(claims, deferred, hashes, units);
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
                    .map(|c| (validate::focus_site(c), format!("`{}`", graph.claim_id(c))))
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
        // A file that could not be read first: the errors it causes elsewhere follow it.
        (!a.code.fails_file(), key(a))
            .cmp(&(!b.code.fails_file(), key(b)))
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
            let message = crate::format::top_level_message(message, &file.text);
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

/// Up to `limit` ids closest to `wanted` by edit distance, best first (ties by id). The
/// candidates are streamed and only the best `limit` kept, so that a near miss among a
/// million similar ids (`model-1` for `modl-1`) costs one pass.
pub fn closest<S: AsRef<str>>(
    wanted: &str,
    candidates: impl Iterator<Item = S>,
    limit: usize,
) -> Vec<String> {
    let better = |a: &(f64, String), b: &(f64, String)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let mut best: Vec<(f64, String)> = Vec::with_capacity(limit + 1);
    for c in candidates {
        let c = c.as_ref();
        let score = strsim::jaro_winkler(wanted, c);
        if score <= 0.8 || best.len() == limit && best.last().is_some_and(|w| w.0 > score) {
            continue;
        }
        let entry = (score, c.to_string());
        if best.iter().any(|b| b.1 == entry.1) {
            continue;
        }
        let at = best.partition_point(|b| better(b, &entry).is_lt());
        best.insert(at, entry);
        best.truncate(limit);
    }
    best.into_iter().map(|(_, c)| c).collect()
}

/// Where a claim's subject is written, for messages about it.
#[derive(Clone, Copy)]
enum SubjectAt {
    /// A claim's `subject`.
    Subject,
    /// An entry's `id`.
    Id,
    /// A round's `organization`.
    Organization,
    /// A round's `investors[i]`.
    Investor(u32),
}

/// What pass 2 needs to name the places of a claim's references: where its subject is
/// written, whether it has a `cite` (written before its `cites`), and, a bit for each of the
/// first 32 citations as written, which name their document themselves rather than through
/// the file's `source`, and which pass 1 left out for naming none. (Past the 32nd, an
/// unknown document is pointed at the file's `source`.)
#[derive(Clone, Copy)]
struct Deferred {
    subject_at: SubjectAt,
    explicit_sources: u32,
    skipped: u32,
    has_cite: bool,
}

impl Deferred {
    /// Where each kept citation is written, in order: the written positions pass 1 did not
    /// leave out.
    fn cites_at(self, origin: ItemPath) -> impl Iterator<Item = (CiteAt, bool)> {
        (0..)
            .filter(move |&p| p >= 32 || self.skipped & (1 << p) == 0)
            .map(move |p: usize| {
                let at = if !origin.is_claim() || (self.has_cite && p == 0) {
                    CiteAt::Cite
                } else {
                    CiteAt::Cites(p - usize::from(self.has_cite))
                };
                (at, p < 32 && self.explicit_sources & (1 << p) != 0)
            })
    }
}

/// Where one of a claim's citations is written.
#[derive(Clone, Copy)]
enum CiteAt {
    /// The claim's or entry's `cite`.
    Cite,
    /// The claim's `cites[i]`.
    Cites(usize),
}

/// The path of a citation of the claim or entry at `item`.
fn cite_path(item: ItemPath, at: CiteAt) -> String {
    match at {
        CiteAt::Cite => format!("{item}.cite"),
        CiteAt::Cites(j) => format!("{item}.cites[{j}]"),
    }
}

/// Everything a claim needs, whether written as a claim or as an entry's relation field.
/// Paths for messages are derived only when there is a problem to report.
struct Draft<'a> {
    /// Where the claim was written: the claim, or the entry's relation field.
    origin: Origin,
    subject: &'a str,
    subject_at: SubjectAt,
    property: Property,
    object: Option<&'a str>,
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
    /// The first citation (`cite`) and the further ones (`cites`).
    cite: Option<&'a CitationInput>,
    cites: &'a [CitationInput],
}

impl Draft<'_> {
    /// Where problems with the claim as a whole are reported: the claim, or the entry whose
    /// relation fields it comes from.
    fn report_path(&self) -> String {
        self.origin.path.item().to_string()
    }
}

/// An entry (model, family, organization, round) whose relation fields become claims citing
/// the entry's `cite`.
struct Entry<'a> {
    file: u32,
    path: ItemPath,
    cite: &'a Option<CitationInput>,
    editorial: Option<&'a str>,
}

impl<'a> Entry<'a> {
    fn relation(
        &self,
        subject: &'a str,
        property: Property,
        object: &'a str,
        field: Field,
        item: usize,
        derivation: Option<DerivationKind>,
    ) -> Draft<'a> {
        Draft {
            origin: Origin {
                file: self.file,
                path: self.path.field(field, item),
            },
            subject,
            subject_at: SubjectAt::Id,
            property,
            object: Some(object),
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
            cite: self.cite.as_ref(),
            cites: &[],
        }
    }
}

/// A file's entities, and the problems found in them alone.
struct FileEntities {
    entities: Vec<Entity>,
    pending: Vec<Pending>,
}

/// The section that starts at a heading: its path (an index into [`Graph::sections`]) and
/// the primary sources (entity indexes) it names.
struct SectionEntry {
    line: u32,
    section: u32,
    attributed_to: Vec<u32>,
}

/// The entities of one parsed file, with their own checks (pass 1).
fn file_entities(file: u32, input: FileInput) -> FileEntities {
    let mut pending = Vec::new();
    let site = |path: String| Site { file, path };
    let origin = |list: List, i: usize| Origin {
        file,
        path: ItemPath::entry(list, i),
    };
    let FileInput {
        organizations,
        people,
        families,
        models,
        benchmarks,
        markets,
        rounds,
        sources,
        ..
    } = input;
    let mut entities = Vec::new();
    for (i, o) in organizations.into_iter().enumerate() {
        entities.push(Entity {
            id: o.id,
            kind: NodeKind::Organization,
            name: o.name,
            aliases: o.aliases,
            details: Details::Organization {
                roles: o.roles,
                country: o.country,
            }
            .stored(),
            origin: origin(List::Organizations, i),
        });
    }
    let mut plain =
        |list: List,
         kind: NodeKind,
         items: &mut dyn Iterator<Item = (String, String, Vec<String>)>| {
            for (i, (id, name, aliases)) in items.enumerate() {
                entities.push(Entity {
                    id,
                    kind,
                    name,
                    aliases,
                    details: None,
                    origin: origin(list, i),
                });
            }
        };
    plain(
        List::People,
        NodeKind::Person,
        &mut people.into_iter().map(|p| (p.id, p.name, p.aliases)),
    );
    plain(
        List::Families,
        NodeKind::ModelFamily,
        &mut families.into_iter().map(|f| (f.id, f.name, f.aliases)),
    );
    plain(
        List::Models,
        NodeKind::Model,
        &mut models.into_iter().map(|m| (m.id, m.name, m.aliases)),
    );
    plain(
        List::Benchmarks,
        NodeKind::Benchmark,
        &mut benchmarks.into_iter().map(|b| (b.id, b.name, b.aliases)),
    );
    for (i, m) in markets.into_iter().enumerate() {
        entities.push(Entity {
            id: m.id,
            kind: NodeKind::Market,
            name: m.name,
            aliases: m.aliases,
            details: Details::Market {
                region: m.region,
                segment: m.segment,
                scope: m.scope,
                part_of: m.part_of,
            }
            .stored(),
            origin: origin(List::Markets, i),
        });
    }
    for (i, r) in rounds.into_iter().enumerate() {
        entities.push(Entity {
            id: r.id,
            kind: NodeKind::FundingRound,
            name: r.name,
            aliases: r.aliases,
            details: None,
            origin: origin(List::Rounds, i),
        });
    }
    for (i, s) in sources.into_iter().enumerate() {
        let path = ItemPath::entry(List::Sources, i);
        let date = match s.date.as_deref().map(Date::parse) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                pending.push(Pending::new(
                    Code::BadValue,
                    site(format!("{path}.date")),
                    e,
                ));
                None
            }
            None => None,
        };
        let mut last_line = 0;
        for (h, heading) in s.outline.iter().enumerate() {
            if heading.line <= last_line {
                pending.push(Pending::new(
                    Code::BadValue,
                    site(format!("{path}.outline[{h}].line")),
                    format!(
                        "outline headings must be in line order; line {} comes after line {last_line}",
                        heading.line
                    ),
                ));
            }
            last_line = heading.line;
        }
        entities.push(Entity {
            id: s.id,
            kind: NodeKind::Source,
            name: s.name,
            aliases: s.aliases,
            details: Details::Source {
                kind: s.kind,
                date,
                publisher: s.publisher,
                url: s.url,
                lines: s.lines,
                outline: s
                    .outline
                    .into_iter()
                    .map(|h| Heading {
                        line: h.line,
                        level: h.level,
                        title: h.title,
                        attributed_to: h.attributed_to,
                    })
                    .collect(),
            }
            .stored(),
            origin: origin(List::Sources, i),
        });
    }
    FileEntities { entities, pending }
}

/// Builds the graph from the parsed files: registers entities, then builds claims file by
/// file in parallel against the finished entity index, then adds the edges.
#[derive(Default)]
struct Builder {
    graph: Graph,
    pending: Vec<Pending>,
    /// Explicit section paths, to their index in [`Graph::sections`].
    section_ids: FxHashMap<String, u32>,
    /// Per source (entity index), the section of each heading, by line.
    section_tables: FxHashMap<u32, Vec<SectionEntry>>,
}

impl Builder {
    /// Registers pass 1's entities, in file order, and the sections the files name.
    fn register(&mut self, entities: Vec<Entity>, units: &[FileUnit]) {
        self.graph.entities.reserve_exact(entities.len());
        self.graph.ids.reserve(entities.len(), |_| 0);
        self.section_intern("");
        for entity in entities {
            self.add_entity(entity);
        }
        for unit in units.iter() {
            for section in &unit.sections {
                self.section_intern(section);
            }
        }
        // Section tables of every source, now that every primary source is known.
        let tables: Vec<(u32, Vec<OutlineSection>)> = self
            .graph
            .entities
            .iter()
            .enumerate()
            .filter_map(|(s, e)| match e.details() {
                Details::Source { outline, .. } => Some((s as u32, section_table(outline))),
                _ => None,
            })
            .collect();
        for (source, table) in tables {
            let entries = table
                .into_iter()
                .map(|(line, path, attributed_to)| SectionEntry {
                    line,
                    section: self.section_intern(&path),
                    attributed_to: attributed_to
                        .iter()
                        .filter_map(|a| self.graph.entity_index(a))
                        .collect(),
                })
                .collect();
            self.section_tables.insert(source, entries);
        }
    }

    /// The index of a section path in [`Graph::sections`], adding it when new.
    fn section_intern(&mut self, path: &str) -> u32 {
        if let Some(&i) = self.section_ids.get(path) {
            return i;
        }
        let i = self.graph.sections.len() as u32;
        self.graph.sections.push(path.to_string());
        self.section_ids.insert(path.to_string(), i);
        i
    }

    fn add_entity(&mut self, entity: Entity) {
        let file = entity.origin.file;
        let site = || Site {
            file,
            path: format!("{}.id", entity.origin.path),
        };
        if !is_slug(&entity.id) {
            self.pending.push(Pending::new(
                Code::BadValue,
                site(),
                format!(
                    "`{}` is not a valid id; expected a lowercase slug of letters, digits, `.`, `-` and `_` (e.g. `llama-3.1-405b`)",
                    entity.id
                ),
            ));
        }
        let hash = hash_id(&entity.id);
        let entities = &self.graph.entities;
        if let Some(&first) = self
            .graph
            .ids
            .find(hash, |&e| entities[e as usize].id == entity.id)
        {
            let first = entities[first as usize].origin;
            let mut p = Pending::new(
                Code::DuplicateId,
                site(),
                format!("duplicate id `{}`", entity.id),
            );
            p.related.push((
                Site {
                    file: first.file,
                    path: format!("{}.id", first.path),
                },
                "first defined here".into(),
            ));
            self.pending.push(p);
            return;
        }
        let index = entities.len() as u32;
        self.graph.entities.push(entity);
        let entities = &self.graph.entities;
        self.graph
            .ids
            .insert_unique(hash, index, |&e| hash_id(&entities[e as usize].id));
    }

    /// Pass 2: resolves every file's claims (files in parallel) against the finished entity
    /// index, drops those with reference problems, then duplicate ids.
    fn resolve_claims(
        &mut self,
        mut claims: Vec<Claim>,
        deferred: Vec<Deferred>,
        hashes: Vec<u64>,
        units: Vec<FileUnit>,
    ) {
        let graph = &self.graph;
        let mut jobs = Vec::with_capacity(units.len());
        let (mut rest, mut deferred_rest) = (&mut claims[..], &deferred[..]);
        for unit in &units {
            let n = unit.count;
            let (mine, more) = rest.split_at_mut(n);
            let (mine_deferred, more_deferred) = deferred_rest.split_at(n);
            rest = more;
            deferred_rest = more_deferred;
            jobs.push((unit, mine, mine_deferred));
        }
        let resolved: Vec<Resolved> = jobs
            .into_par_iter()
            .map(|(unit, claims, deferred)| {
                let mut r = Resolver {
                    graph,
                    section_tables: &self.section_tables,
                    file: unit.file,
                    symbols: unit
                        .symbols
                        .iter()
                        .map(|id| graph.entity_index(id))
                        .collect(),
                    names: &unit.symbols,
                    sections: unit
                        .sections
                        .iter()
                        .map(|s| self.section_ids.get(s.as_str()).copied().unwrap_or(0))
                        .collect(),
                    out: Resolved::default(),
                };
                for (i, (claim, d)) in claims.iter_mut().zip(deferred).enumerate() {
                    if !r.claim(claim, *d) {
                        r.out.dropped.push(i as u32);
                    }
                }
                // Rejected claims are checked for their references too, then dropped.
                for (claim, d) in &unit.rejected {
                    r.claim(&mut claim.clone(), *d);
                }
                r.out
            })
            .collect();
        let mut keep = vec![true; claims.len()];
        let mut suggest = Vec::new();
        let mut base = 0;
        for (unit, r) in units.iter().zip(resolved) {
            for i in r.dropped {
                keep[base + i as usize] = false;
            }
            base += unit.count;
            let offset = self.pending.len();
            suggest.extend(r.suggest.into_iter().map(|(i, id, k)| (offset + i, id, k)));
            self.pending.extend(r.pending);
        }
        drop(units);
        drop(deferred);
        let mut kept = keep.iter();
        claims.retain(|_| kept.next().copied().unwrap_or(false));
        let hashes: Vec<(u64, u32)> = hashes
            .into_iter()
            .zip(&keep)
            .filter(|(_, &k)| k)
            .enumerate()
            .map(|(i, (h, _))| (h, i as u32))
            .collect();
        self.graph.claims = claims;
        self.suggest(suggest);
        self.drop_duplicate_claims(hashes);
    }

    /// Adds "did you mean" help to the first dangling references, in file order. Each
    /// suggestion scans every entity, so the number of suggestions is bounded by the work:
    /// 200 up to 25k entities, fewer above (5 at 1M), at least one.
    fn suggest(&mut self, wanted: Vec<(usize, String, &'static [NodeKind])>) {
        const COMPARISONS: usize = 5_000_000;
        let budget = (COMPARISONS / self.graph.entities.len().max(1)).clamp(1, 200);
        for (i, id, allowed) in wanted.into_iter().take(budget) {
            let candidates = self
                .graph
                .entities
                .iter()
                .filter(|e| allowed.is_empty() || allowed.contains(&e.kind))
                .map(|e| e.id.as_str());
            let near = closest(&id, candidates, 3);
            if !near.is_empty() {
                self.pending[i].help = Some(format!(
                    "did you mean {}?",
                    near.iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }

    /// Reports and drops every claim whose id an earlier claim already has. Claims are
    /// grouped by the hash of their id, and only ids with equal hashes are compared.
    fn drop_duplicate_claims(&mut self, mut hashes: Vec<(u64, u32)>) {
        hashes.par_sort_unstable();
        let mut dropped = Vec::new();
        for group in hashes.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
            let ids: Vec<(String, u32)> = group
                .iter()
                .map(|&(_, c)| (self.graph.claim_id(&self.graph.claims[c as usize]), c))
                .collect();
            for (k, (id, c)) in ids.iter().enumerate() {
                let Some((_, first)) = ids[..k].iter().find(|(other, _)| other == id) else {
                    continue;
                };
                let claim = &self.graph.claims[*c as usize];
                let other = self.graph.claims[*first as usize].origin;
                let mut p = Pending::new(
                    Code::DuplicateId,
                    Site {
                        file: claim.origin.file,
                        path: claim.origin.path.item().to_string(),
                    },
                    format!("two claims get the id `{id}`; tell them apart with a qualifier or `key: \"...\"`"),
                );
                p.related.push((
                    Site {
                        file: other.file,
                        path: other.path.to_string(),
                    },
                    "the other claim".into(),
                ));
                self.pending.push(p);
                dropped.push(*c);
            }
        }
        if dropped.is_empty() {
            return;
        }
        dropped.sort_unstable();
        let mut index = 0u32;
        self.graph.claims.retain(|_| {
            let keep = dropped.binary_search(&index).is_err();
            index += 1;
            keep
        });
    }
}

/// What pass 1 takes from one file: its entities, and its claims with their references
/// still file-local (symbols), to be resolved by pass 2 once every entity is known.
#[derive(Default)]
struct FileUnit {
    file: u32,
    entities: Vec<Entity>,
    /// Claims that passed every check pass 1 can make. Their subject, object, sources and
    /// primary sources are indexes into `symbols`; an explicit section is `LOCAL_SECTION`
    /// plus an index into `sections`.
    claims: Vec<Claim>,
    /// How many claims `claims` held, once they are moved into the whole graph's list.
    count: usize,
    /// Per claim, what pass 2 needs to name the places of its references.
    deferred: Vec<Deferred>,
    /// Per claim, the hash of its id, for finding duplicates across files.
    hashes: Vec<u64>,
    /// Claims that failed a check of pass 1: pass 2 still checks their references, so that
    /// every problem is reported, then drops them.
    rejected: Vec<(Claim, Deferred)>,
    /// The ids the file's claims name, by symbol.
    symbols: Vec<String>,
    /// The section paths the file's citations name explicitly.
    sections: Vec<String>,
    pending: Vec<Pending>,
}

/// Marks a citation's section as an index into its file's explicit sections (pass 1).
const LOCAL_SECTION: u32 = 1 << 31;

/// Pass 1 over one file: parses it, builds its claims with file-local references, and takes
/// its entities.
fn pass_one(file: u32, source: &SourceFile) -> Result<FileUnit, Box<Diagnostic>> {
    let input = parse_file(source)?;
    let mut b = FileBuilder {
        file,
        symbol_ids: FxHashMap::default(),
        section_ids: FxHashMap::default(),
        out: FileUnit {
            file,
            ..FileUnit::default()
        },
    };
    b.build(&input);
    let mut unit = b.out;
    let entities = file_entities(file, input);
    unit.entities = entities.entities;
    unit.pending.extend(entities.pending);
    Ok(unit)
}

/// Builds one file's claims in pass 1; many run in parallel.
struct FileBuilder<'a> {
    file: u32,
    symbol_ids: FxHashMap<&'a str, u32>,
    section_ids: FxHashMap<&'a str, u32>,
    out: FileUnit,
}

impl<'a> FileBuilder<'a> {
    fn site(&self, path: String) -> Site {
        Site {
            file: self.file,
            path,
        }
    }

    fn report(&mut self, code: Code, path: String, message: impl Into<String>) {
        let site = self.site(path);
        self.out.pending.push(Pending::new(code, site, message));
    }

    /// The file-local symbol of an id.
    fn symbol(&mut self, id: &'a str) -> u32 {
        let symbols = &mut self.out.symbols;
        *self.symbol_ids.entry(id).or_insert_with(|| {
            symbols.push(id.to_string());
            symbols.len() as u32 - 1
        })
    }

    fn build(&mut self, input: &'a FileInput) {
        let file = self.file;
        let entry = |list: List,
                     i: usize,
                     cite: &'a Option<CitationInput>,
                     editorial: &'a Option<String>| Entry {
            file,
            path: ItemPath::entry(list, i),
            cite,
            editorial: editorial.as_deref(),
        };
        let default_source = input.source.as_deref();
        for (i, o) in input.organizations.iter().enumerate() {
            let e = entry(List::Organizations, i, &o.cite, &o.editorial);
            if let Some(parent) = &o.subsidiary_of {
                let d = e.relation(
                    &o.id,
                    Property::SubsidiaryOf,
                    parent,
                    Field::SubsidiaryOf,
                    0,
                    None,
                );
                self.add_claim(d, default_source);
            }
            for (j, founder) in o.founded_by.iter().enumerate() {
                let d = e.relation(
                    &o.id,
                    Property::FoundedBy,
                    founder,
                    Field::FoundedBy,
                    j,
                    None,
                );
                self.add_claim(d, default_source);
            }
        }
        for (i, f) in input.families.iter().enumerate() {
            let e = entry(List::Families, i, &f.cite, &f.editorial);
            let fields = [
                (&f.developer, Property::DevelopedBy, Field::Developer),
                (&f.member_of, Property::MemberOf, Field::MemberOf),
                (&f.successor_of, Property::SuccessorOf, Field::SuccessorOf),
            ];
            for (object, property, field) in fields {
                if let Some(object) = object {
                    let d = e.relation(&f.id, property, object, field, 0, None);
                    self.add_claim(d, default_source);
                }
            }
        }
        for (i, m) in input.models.iter().enumerate() {
            let e = entry(List::Models, i, &m.cite, &m.editorial);
            let fields = [
                (&m.developer, Property::DevelopedBy, Field::Developer),
                (&m.family, Property::MemberOf, Field::Family),
                (&m.successor_of, Property::SuccessorOf, Field::SuccessorOf),
            ];
            for (object, property, field) in fields {
                if let Some(object) = object {
                    let d = e.relation(&m.id, property, object, field, 0, None);
                    self.add_claim(d, default_source);
                }
            }
            for (j, d) in m.derived_from.iter().enumerate() {
                let d = e.relation(
                    &m.id,
                    Property::DerivedFrom,
                    &d.base,
                    Field::DerivedFrom,
                    j,
                    Some(d.kind),
                );
                self.add_claim(d, default_source);
            }
        }
        for (i, r) in input.rounds.iter().enumerate() {
            let e = entry(List::Rounds, i, &r.cite, &r.editorial);
            let mut raised =
                e.relation(&r.organization, Property::Raised, &r.id, Field::Id, 0, None);
            raised.subject_at = SubjectAt::Organization;
            self.add_claim(raised, default_source);
            for (j, investor) in r.investors.iter().enumerate() {
                let mut invested =
                    e.relation(investor, Property::InvestedIn, &r.id, Field::Id, 0, None);
                invested.subject_at = SubjectAt::Investor(j as u32);
                self.add_claim(invested, default_source);
            }
        }
        for (i, c) in input.claims.iter().enumerate() {
            let origin = Origin {
                file,
                path: ItemPath::entry(List::Claims, i),
            };
            self.add_claim(claim_draft(c, origin), default_source);
        }
    }

    fn add_claim(&mut self, d: Draft<'a>, default_source: Option<&'a str>) {
        let at = |field: &str| format!("{}.{field}", d.report_path());
        let mut ok = true;
        let subject = self.symbol(d.subject);
        let object = d.object.map(|o| self.symbol(o));

        // Value, by the property's kind.
        let kind = d.property.value_kind();
        let value = match (kind, d.value, d.object) {
            (ValueKind::Relation, None, Some(_)) => Some(Value {
                text: String::new(),
                shape: Shape::None,
            }),
            (ValueKind::Relation, Some(_), _) => {
                self.report(
                    Code::BadClaim,
                    at("value"),
                    format!(
                        "`{}` is a relation: it takes an `object`, not a `value`",
                        d.property
                    ),
                );
                None
            }
            (ValueKind::Relation, None, None) => {
                self.report(
                    Code::BadClaim,
                    at("property"),
                    format!(
                        "`{}` is a relation: the claim needs an `object`",
                        d.property
                    ),
                );
                None
            }
            (_, None, _) => {
                self.report(
                    Code::BadClaim,
                    at("property"),
                    format!("a `{}` claim needs a `value`", d.property),
                );
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
                    self.report(code, at("value"), format!("{} for `{}`", e, d.property));
                    None
                }
            },
        };
        let mix = match d.mix {
            (None, false, false) => None,
            (Some(name), remainder, multiple_answer)
                if matches!(d.property, Property::Share | Property::MarketShare) =>
            {
                Some(Mix {
                    name: name.to_string(),
                    remainder,
                    multiple_answer,
                })
            }
            (None, remainder, _) => {
                self.report(
                    Code::BadClaim,
                    at(if remainder { "remainder" } else { "multiple_answer" }),
                    "`remainder` and `multiple_answer` describe a mix: give the share its `mix` too",
                );
                ok = false;
                None
            }
            (Some(_), _, _) => {
                self.report(
                    Code::BadClaim,
                    at("mix"),
                    format!("`mix` groups shares; `{}` is not a share", d.property),
                );
                ok = false;
                None
            }
        };
        if d.latest && d.property.is_relation() {
            self.report(
                Code::BadClaim,
                at("latest"),
                "`latest` marks a figure; a relation is not one",
            );
            ok = false;
        }
        if d.derivation.is_some() && d.property != Property::DerivedFrom {
            self.report(
                Code::BadClaim,
                at("derivation"),
                "`derivation` applies only to `derived_from` claims",
            );
            ok = false;
        }

        // Qualifiers.
        let mut qualifiers = QualifierSet {
            region: d.region.map(str::to_string),
            segment: d.segment.map(str::to_string),
            scope: d.scope.map(str::to_string),
            ..QualifierSet::default()
        };
        if let Some(text) = d.as_of {
            match Date::parse(text) {
                Ok(date) => qualifiers.as_of = Some(date),
                Err(e) => {
                    self.report(Code::BadValue, at("as_of"), format!("as_of: {e}"));
                    ok = false;
                }
            }
        }
        if let Some(text) = d.period {
            match Period::parse(text) {
                Ok(p) => qualifiers.period = Some(p),
                Err(e) => {
                    self.report(Code::BadValue, at("period"), format!("period: {e}"));
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
                self.report(
                    Code::BadClaim,
                    at("status"),
                    format!("an editorial claim cannot also be `{}`", other.name()),
                );
                ok = false;
            }
            (None, Status::Editorial) => {
                self.report(
                    Code::BadClaim,
                    at("status"),
                    "an editorial claim gives its reason: write `editorial: \"why\"` instead of `status: editorial`",
                );
                ok = false;
            }
            (None, _) => {}
        }

        // Citations: what can be checked without the other files; the rest is pass 2's.
        if d.cite.is_none() && d.cites.is_empty() && d.editorial.is_none() {
            let what = if d.property.is_relation() && !d.origin.path.is_claim() {
                "this entry states relations but has no `cite` (or `editorial: \"why\"`)"
            } else {
                "claim has no citation; add `cite: (line: N, quote: \"...\")`, or mark it `editorial: \"why\"`"
            };
            self.report(Code::MissingCitation, d.report_path(), what);
            ok = false;
        }
        let cites = d.cite.map(|c| (c, CiteAt::Cite)).into_iter().chain(
            d.cites
                .iter()
                .enumerate()
                .map(|(j, c)| (c, CiteAt::Cites(j))),
        );
        let mut citations = Vec::with_capacity(usize::from(d.cite.is_some()) + d.cites.len());
        let mut explicit_sources = 0u32;
        let mut skipped = 0u32;
        for (written, (cite, cite_at)) in cites.enumerate() {
            let bit = if written < 32 { 1 << written } else { 0 };
            let Some(source) = cite.source.as_deref().or(default_source) else {
                skipped |= bit;
                self.report(
                    Code::MissingCitation,
                    cite_path(d.origin.path.item(), cite_at),
                    "citation names no document: give it `source: \"...\"` or set `source` at the top of the file",
                );
                ok = false;
                continue;
            };
            if cite.source.is_some() {
                explicit_sources |= bit;
            }
            let section = match cite.section.as_deref() {
                Some(explicit) => {
                    let sections = &mut self.out.sections;
                    LOCAL_SECTION
                        | *self.section_ids.entry(explicit).or_insert_with(|| {
                            sections.push(explicit.to_string());
                            sections.len() as u32 - 1
                        })
                }
                None => 0,
            };
            let source = self.symbol(source);
            let attributed_to: Box<[u32]> =
                cite.attributed_to.iter().map(|a| self.symbol(a)).collect();
            citations.push(Citation {
                source,
                section,
                line: cite.line,
                quote: cite.quote.as_str().into(),
                attributed_to,
            });
        }
        let deferred = Deferred {
            subject_at: d.subject_at,
            has_cite: d.cite.is_some(),
            explicit_sources,
            skipped,
        };
        let qualifiers = Qualifiers::new(qualifiers);
        let extra = ClaimExtra {
            editorial: d.editorial.map(str::to_string),
            note: d.note.map(str::to_string),
            mix,
            key: d.key.map(str::to_string),
        };
        let hash = hash_id(&claim_id(
            d.subject,
            d.property,
            d.object,
            &qualifiers,
            d.key,
            citations.first().map(|c| c.line),
        ));
        let kept = ok && value.is_some();
        let claim = Claim {
            subject,
            object,
            property: d.property,
            status,
            derivation: d
                .derivation
                .or((d.property == Property::DerivedFrom).then_some(DerivationKind::Finetune)),
            latest: d.latest,
            value: value.unwrap_or(Value {
                text: String::new(),
                shape: Shape::None,
            }),
            qualifiers,
            citations: citations.into_boxed_slice(),
            extra: (extra != ClaimExtra::default()).then(|| Box::new(extra)),
            origin: d.origin,
        };
        if kept {
            self.out.claims.push(claim);
            self.out.deferred.push(deferred);
            self.out.hashes.push(hash);
        } else {
            self.out.rejected.push((claim, deferred));
        }
    }
}

/// What pass 2 makes of one file's claims.
#[derive(Default)]
struct Resolved {
    pending: Vec<Pending>,
    /// Dangling references that may get a suggestion: the pending's index, the id, the
    /// kinds allowed.
    suggest: Vec<(usize, String, &'static [NodeKind])>,
    /// The claims (indexes in the file) that a reference problem drops.
    dropped: Vec<u32>,
}

/// Pass 2 over one file's claims: resolves their symbols against the finished entity index,
/// checks what the other files decide (kinds, documents, lines, sections, primary sources)
/// and rewrites the claims to entity and section indexes. Files run in parallel.
struct Resolver<'g> {
    graph: &'g Graph,
    section_tables: &'g FxHashMap<u32, Vec<SectionEntry>>,
    file: u32,
    /// The entity index of each of the file's symbols, if there is one.
    symbols: Vec<Option<u32>>,
    names: &'g [String],
    /// The global index of each of the file's explicit sections.
    sections: Vec<u32>,
    out: Resolved,
}

impl<'g> Resolver<'g> {
    fn report(&mut self, code: Code, path: String, message: impl Into<String>) {
        let site = Site {
            file: self.file,
            path,
        };
        self.out.pending.push(Pending::new(code, site, message));
    }

    /// Resolves a symbol to an entity index: reports it when dangling or of the wrong kind.
    fn reference(
        &mut self,
        symbol: u32,
        path: impl FnOnce() -> String,
        allowed: &'static [NodeKind],
        role: &str,
    ) -> Option<u32> {
        let names = self.names;
        let id = names[symbol as usize].as_str();
        match self.symbols[symbol as usize] {
            Some(e) => {
                let kind = self.graph.entities[e as usize].kind;
                if allowed.is_empty() || allowed.contains(&kind) {
                    return Some(e);
                }
                let kinds: Vec<_> = allowed.iter().map(|k| k.name()).collect();
                self.report(
                    Code::WrongKind,
                    path(),
                    format!(
                        "{role} `{id}` is {} {}, expected {}",
                        if kind.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        },
                        kind.name(),
                        kinds.join(" or ")
                    ),
                );
                None
            }
            None => {
                let code = if allowed == [NodeKind::Source] {
                    Code::UnknownSource
                } else {
                    Code::DanglingReference
                };
                self.report(code, path(), format!("{role} `{id}` does not exist"));
                self.out
                    .suggest
                    .push((self.out.pending.len() - 1, id.to_string(), allowed));
                None
            }
        }
    }

    /// Resolves one claim in place; false when a reference problem drops it.
    fn claim(&mut self, claim: &mut Claim, d: Deferred) -> bool {
        let (subject_kinds, object_kinds) = relation_kinds(claim.property);
        let item = claim.origin.path.item();
        let origin = claim.origin.path;
        let subject_role = match d.subject_at {
            SubjectAt::Subject | SubjectAt::Id => "subject",
            SubjectAt::Organization => "organization",
            SubjectAt::Investor(_) => "investor",
        };
        let subject_path = || match d.subject_at {
            SubjectAt::Subject => format!("{item}.subject"),
            SubjectAt::Id => format!("{item}.id"),
            SubjectAt::Organization => format!("{item}.organization"),
            SubjectAt::Investor(j) => format!("{item}.investors[{j}]"),
        };
        let mut ok = true;
        match self.reference(claim.subject, subject_path, subject_kinds, subject_role) {
            Some(e) => claim.subject = e,
            None => ok = false,
        }
        if let Some(object) = claim.object {
            let object_path = || {
                if origin.is_claim() {
                    format!("{origin}.object")
                } else {
                    origin.to_string()
                }
            };
            let role = origin.field.map_or("object", object_role);
            match self.reference(object, object_path, object_kinds, role) {
                Some(e) => claim.object = Some(e),
                None => ok = false,
            }
        }
        let mut citations = std::mem::take(&mut claim.citations).into_vec();
        for (citation, (at, explicit)) in citations.iter_mut().zip(d.cites_at(origin)) {
            ok &= self.citation(citation, || cite_path(item, at), explicit);
        }
        claim.citations = citations.into_boxed_slice();
        ok
    }

    /// Resolves one citation in place; false when it has a problem.
    fn citation(
        &mut self,
        citation: &mut Citation,
        path: impl Fn() -> String,
        explicit_source: bool,
    ) -> bool {
        let at = |field: &str| format!("{}.{field}", path());
        let names = self.names;
        let source_id = names[citation.source as usize].as_str();
        let source_path = || {
            if explicit_source {
                at("source")
            } else {
                "source".to_string()
            }
        };
        let Some(source) =
            self.reference(citation.source, source_path, &[NodeKind::Source], "source")
        else {
            return false;
        };
        citation.source = source;
        let graph = self.graph;
        let Details::Source { lines, .. } = graph.entities[source as usize].details() else {
            return false;
        };
        let lines = *lines;
        let mut ok = true;
        let empty = Vec::new();
        let table = self.section_tables.get(&source).unwrap_or(&empty);
        let (section, mut attributed_to) = match table.partition_point(|s| s.line <= citation.line)
        {
            0 => (0, Vec::new()),
            i => (table[i - 1].section, table[i - 1].attributed_to.clone()),
        };
        citation.section = match citation.section {
            0 => section,
            local => self
                .sections
                .get((local & !LOCAL_SECTION) as usize)
                .copied()
                .unwrap_or(0),
        };
        if citation.line == 0 || lines.is_some_and(|n| citation.line > n) {
            self.report(
                Code::BadCitation,
                at("line"),
                format!(
                    "line {} is outside `{source_id}`, which has lines 1 to {}",
                    citation.line,
                    lines.map(|n| n.to_string()).unwrap_or_else(|| "N".into())
                ),
            );
            ok = false;
        }
        if citation.quote.trim().is_empty() {
            self.report(
                Code::BadCitation,
                at("quote"),
                "the quote is empty; copy the words of the cited line verbatim",
            );
            ok = false;
        }
        let explicit = std::mem::take(&mut citation.attributed_to);
        for (j, &symbol) in explicit.iter().enumerate() {
            match self.reference(
                symbol,
                || at(&format!("attributed_to[{j}]")),
                &[NodeKind::Organization, NodeKind::Source],
                "primary source",
            ) {
                Some(p) => {
                    if !attributed_to.contains(&p) {
                        attributed_to.push(p);
                    }
                }
                None => ok = false,
            }
        }
        citation.attributed_to = attributed_to.into_boxed_slice();
        ok
    }
}

/// The kinds a relation allows for its subject and its object (any for other properties).
fn relation_kinds(property: Property) -> (&'static [NodeKind], &'static [NodeKind]) {
    use NodeKind as K;
    match property {
        Property::DevelopedBy => (&[K::Model, K::ModelFamily], &[K::Organization]),
        Property::MemberOf => (&[K::Model, K::ModelFamily], &[K::ModelFamily]),
        Property::SuccessorOf => (&[K::Model, K::ModelFamily], &[K::Model, K::ModelFamily]),
        Property::DerivedFrom => (&[K::Model], &[K::Model]),
        Property::SubsidiaryOf => (&[K::Organization], &[K::Organization]),
        Property::FoundedBy => (&[K::Organization], &[K::Person, K::Organization]),
        Property::Raised => (&[K::Organization], &[K::FundingRound]),
        Property::InvestedIn => (&[K::Organization, K::Person], &[K::FundingRound]),
        _ => (&[], &[]),
    }
}

/// What the object of a relation stated by an entry's field is called in messages.
fn object_role(field: Field) -> &'static str {
    match field {
        Field::Id => "round",
        Field::Family => "family",
        Field::Developer => "developer",
        Field::MemberOf => "parent family",
        Field::SuccessorOf => "predecessor",
        Field::DerivedFrom => "base model",
        Field::SubsidiaryOf => "parent",
        Field::FoundedBy => "founder",
        Field::Investors => "object",
    }
}

impl Builder {
    /// Adds nodes for every entity and claim, then the typed edges.
    fn add_edges(&mut self) {
        let Graph {
            entities,
            claims,
            graph,
            entity_nodes,
            claim_nodes,
            ..
        } = &mut self.graph;
        graph.reserve_exact_nodes(entities.len() + claims.len());
        *entity_nodes = (0..entities.len() as u32)
            .map(|i| graph.add_node(NodeRef::Entity(i)))
            .collect();
        *claim_nodes = (0..claims.len() as u32)
            .map(|i| graph.add_node(NodeRef::Claim(i)))
            .collect();
        let edges: usize = claims
            .iter()
            .map(|c| {
                1 + if c.object.is_some() { 2 } else { 0 }
                    + c.citations
                        .iter()
                        .map(|x| 1 + x.attributed_to.len())
                        .sum::<usize>()
            })
            .sum();
        // Claims' edges, exactly; entries' own edges (`part_of`, `published_by`) are few.
        graph.reserve_exact_edges(edges + entities.len() / 8);
        for (i, claim) in claims.iter().enumerate() {
            let c = claim_nodes[i];
            let edge = |kind| Edge {
                kind,
                claim: Some(i as u32),
            };
            let subject = entity_nodes[claim.subject as usize];
            graph.add_edge(c, subject, edge(EdgeKind::AboutSubject));
            if let Some(object) = claim.object {
                let object = entity_nodes[object as usize];
                graph.add_edge(c, object, edge(EdgeKind::AboutObject));
                if let Some(kind) = EdgeKind::for_relation(claim.property, claim.derivation) {
                    graph.add_edge(subject, object, edge(kind));
                }
            }
            for (j, citation) in claim.citations.iter().enumerate() {
                let source = entity_nodes[citation.source as usize];
                graph.add_edge(c, source, edge(EdgeKind::Cites(j as u16)));
                for &primary in citation.attributed_to.iter() {
                    let p = entity_nodes[primary as usize];
                    graph.add_edge(c, p, edge(EdgeKind::AttributedTo(j as u16)));
                }
            }
        }
        // Entity-to-entity edges stated by an entry's field rather than by a claim.
        let mut stated: Vec<(u32, u32, EdgeKind)> = Vec::new();
        for (i, entity) in self.graph.entities.iter().enumerate() {
            let g = &self.graph;
            let site = |field: &str| Site {
                file: entity.origin.file,
                path: format!("{}.{field}", entity.origin.path),
            };
            let target = |id: &str, kind: NodeKind| {
                g.entity_index(id)
                    .filter(|&p| g.entities[p as usize].kind == kind)
            };
            match entity.details() {
                Details::Market {
                    part_of: Some(parent),
                    ..
                } => match target(parent, NodeKind::Market) {
                    Some(p) => stated.push((i as u32, p, EdgeKind::PartOf)),
                    None => self.pending.push(
                        Pending::new(
                            Code::DanglingReference,
                            site("part_of"),
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
                    publisher, outline, ..
                } => {
                    if let Some(publisher) = publisher {
                        match target(publisher, NodeKind::Organization) {
                            Some(p) => stated.push((i as u32, p, EdgeKind::PublishedBy)),
                            None => self.pending.push(Pending::new(
                                Code::DanglingReference,
                                site("publisher"),
                                format!(
                                    "publisher `{publisher}` is not an organization of the dataset"
                                ),
                            )),
                        }
                    }
                    for (h, heading) in outline.iter().enumerate() {
                        for (j, org) in heading.attributed_to.iter().enumerate() {
                            if g.entity_index(org).is_none() {
                                self.pending.push(Pending::new(
                                    Code::DanglingReference,
                                    site(&format!("outline[{h}].attributed_to[{j}]")),
                                    format!("primary source `{org}` does not exist"),
                                ));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for (from, to, kind) in stated {
            let (from, to) = (
                self.graph.entity_nodes[from as usize],
                self.graph.entity_nodes[to as usize],
            );
            self.graph
                .graph
                .add_edge(from, to, Edge { kind, claim: None });
        }
    }
}

/// A heading's line, its section path and the primary sources it and the headings above
/// it name.
type OutlineSection = (u32, String, Vec<String>);

/// The section path (headings above, joined with " > ") and inherited attribution at each
/// heading of an outline.
fn section_table(outline: &[Heading]) -> Vec<OutlineSection> {
    crate::model::heading_stacks(outline)
        .map(|stack| {
            let mut attributed_to: Vec<String> = Vec::new();
            for a in stack.iter().flat_map(|h| h.attributed_to.iter()) {
                if !attributed_to.contains(a) {
                    attributed_to.push(a.clone());
                }
            }
            let line = stack.last().map_or(0, |h| h.line);
            (line, crate::model::section_path(&stack), attributed_to)
        })
        .collect()
}

fn claim_draft(c: &ClaimInput, origin: Origin) -> Draft<'_> {
    Draft {
        origin,
        subject: &c.subject,
        subject_at: SubjectAt::Subject,
        property: c.property,
        object: c.object.as_deref(),
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
        cite: c.cite.as_ref(),
        cites: &c.cites,
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
