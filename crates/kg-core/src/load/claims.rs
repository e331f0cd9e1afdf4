//! Pass 1, claims: one file's claims built from its drafts, with every check that needs
//! only the file; references stay file-local symbols until pass 2. The checks of each field
//! are in [`super::fields`].

use super::draft::{claim_draft, Deferred, Draft, Entry, SubjectAt};
use super::entities::file_entities;
use super::locate::{Pending, Site};
use super::parse::parse_file;
use super::SourceFile;
use crate::diagnostic::{Code, Diagnostic};
use crate::format::{CitationInput, FileInput};
use crate::graph::hash_id;
use crate::id::write_claim_id;
use crate::model::{
    Claim, ClaimExtra, DerivationKind, Entity, Field, ItemPath, List, Origin, Qualifiers,
};
use crate::property::Property;
use crate::value::{Shape, Value};
use rustc_hash::FxHashMap;

/// What pass 1 takes from one file: its entities, and its claims with their references
/// still file-local (symbols), to be resolved by pass 2 once every entity is known.
#[derive(Default)]
pub(super) struct FileUnit {
    pub(super) file: u32,
    pub(super) entities: Vec<Entity>,
    /// Claims that passed every check pass 1 can make. Their subject, object, sources and
    /// primary sources are indexes into `symbols`; an explicit section is `LOCAL_SECTION`
    /// plus an index into `sections`.
    pub(super) claims: Vec<Claim>,
    /// How many claims `claims` held, once they are moved into the whole graph's list.
    pub(super) count: usize,
    /// Per claim, what pass 2 needs to name the places of its references.
    pub(super) deferred: Vec<Deferred>,
    /// Per claim, the hash of its id, for finding duplicates across files.
    pub(super) hashes: Vec<u64>,
    /// Claims that failed a check of pass 1: pass 2 still checks their references, so that
    /// every problem is reported, then drops them.
    pub(super) rejected: Vec<(Claim, Deferred)>,
    /// The ids the file's claims name, by symbol.
    pub(super) symbols: Vec<String>,
    /// The file's `source`: claims citing it first have ids without the document's name.
    pub(super) default_source: Option<String>,
    /// The section paths the file's citations name explicitly.
    pub(super) sections: Vec<String>,
    pub(super) pending: Vec<Pending>,
}

/// Marks a citation's section as an index into its file's explicit sections (pass 1).
pub(super) const LOCAL_SECTION: u32 = 1 << 31;

/// Pass 1 over one file: parses it, builds its claims with file-local references, and takes
/// its entities.
pub(super) fn pass_one(file: u32, source: &SourceFile) -> Result<FileUnit, Box<Diagnostic>> {
    let input = parse_file(source)?;
    let mut b = FileBuilder {
        file,
        symbol_ids: FxHashMap::default(),
        section_ids: FxHashMap::default(),
        claim_id: String::new(),
        out: FileUnit {
            file,
            ..FileUnit::default()
        },
    };
    b.build(&input);
    let mut unit = b.out;
    unit.default_source = input.source.clone();
    let entities = file_entities(file, input);
    unit.entities = entities.entities;
    unit.pending.extend(entities.pending);
    Ok(unit)
}

/// Builds one file's claims in pass 1; many run in parallel.
pub(super) struct FileBuilder<'a> {
    file: u32,
    symbol_ids: FxHashMap<&'a str, u32>,
    section_ids: FxHashMap<&'a str, u32>,
    /// The id of the claim being built, written only to be hashed (one buffer for all).
    claim_id: String,
    out: FileUnit,
}

impl<'a> FileBuilder<'a> {
    fn site(&self, path: String) -> Site {
        Site {
            file: self.file,
            path,
        }
    }

    pub(super) fn report(&mut self, code: Code, path: String, message: impl Into<String>) {
        let site = self.site(path);
        self.out.pending.push(Pending::new(code, site, message));
    }

    /// The index of a section path among those the file names explicitly.
    pub(super) fn section(&mut self, path: &'a str) -> u32 {
        let sections = &mut self.out.sections;
        *self.section_ids.entry(path).or_insert_with(|| {
            sections.push(path.to_string());
            sections.len() as u32 - 1
        })
    }

    /// The file-local symbol of an id.
    pub(super) fn symbol(&mut self, id: &'a str) -> u32 {
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

    /// Builds one claim from its draft: its value, mix and markers, qualifiers, status and
    /// citations, each checked in turn (every problem reported), then kept for pass 2 or set
    /// aside as rejected.
    fn add_claim(&mut self, d: Draft<'a>, default_source: Option<&'a str>) {
        let subject = self.symbol(d.subject);
        let object = d.object.map(|o| self.symbol(o));
        let value = self.value(&d);
        let mut ok = true;
        let mix = self.mix(&d, &mut ok);
        self.markers(&d, &mut ok);
        let qualifiers = self.qualifiers(&d, &mut ok);
        let status = self.status(&d, value.as_ref(), &mut ok);
        let (citations, deferred) = self.citations(&d, default_source, &mut ok);
        let qualifiers = Qualifiers::new(qualifiers);
        let extra = ClaimExtra {
            editorial: d.editorial.map(str::to_string),
            note: d.note.map(str::to_string),
            mix,
            key: d.key.map(str::to_string),
        };
        let first = citations.first();
        let document = first
            .map(|c| self.out.symbols[c.source as usize].as_str())
            .filter(|&doc| Some(doc) != default_source);
        write_claim_id(
            &mut self.claim_id,
            d.subject,
            d.property,
            d.object,
            &qualifiers,
            d.key,
            document,
            first.map(|c| c.line),
        );
        let hash = hash_id(&self.claim_id);
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
