//! Pass 2, resolving: each file's symbols against the finished entity index (files in
//! parallel), with the checks that need the other files (kinds, documents, lines,
//! sections, primary sources), and "did you mean" help for dangling references.

use super::claims::{FileUnit, LOCAL_SECTION};
use super::draft::{cite_path, Deferred, SubjectAt};
use super::locate::{Pending, Site};
use super::register::{Builder, SectionEntry};
use crate::diagnostic::Code;
use crate::graph::Graph;
use crate::id::closest;
use crate::model::{Citation, Claim, Details, Field, NodeKind};
use crate::property::Property;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

impl Builder {
    /// Pass 2: resolves every file's claims (files in parallel) against the finished entity
    /// index, drops those with reference problems, then duplicate ids.
    pub(super) fn resolve_claims(
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

/// What Ecosystem Graphs calls assets: what may depend on what.
const ASSETS: &[NodeKind] = &[
    NodeKind::Model,
    NodeKind::ModelFamily,
    NodeKind::Dataset,
    NodeKind::Application,
];

/// The kinds a relation allows for its subject and its object (any for other properties).
fn relation_kinds(property: Property) -> (&'static [NodeKind], &'static [NodeKind]) {
    use NodeKind as K;
    match property {
        Property::DevelopedBy => (
            &[K::Model, K::ModelFamily, K::Dataset, K::Application],
            &[K::Organization],
        ),
        Property::MemberOf => (&[K::Model, K::ModelFamily], &[K::ModelFamily]),
        Property::SuccessorOf => (&[K::Model, K::ModelFamily], &[K::Model, K::ModelFamily]),
        Property::DerivedFrom => (&[K::Model], &[K::Model]),
        Property::SubsidiaryOf => (&[K::Organization], &[K::Organization]),
        Property::FoundedBy => (&[K::Organization], &[K::Person, K::Organization]),
        Property::Raised => (&[K::Organization], &[K::FundingRound]),
        Property::InvestedIn => (&[K::Organization, K::Person], &[K::FundingRound]),
        Property::DependsOn => (ASSETS, ASSETS),
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
