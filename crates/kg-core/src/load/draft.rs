//! Drafts: what pass 1 reads a claim from, whether written as a claim or as an entry's
//! relation field, and where its parts are written, for the messages of pass 2.

use crate::format::{CitationInput, ClaimInput};
use crate::model::{DerivationKind, Field, ItemPath, Origin, Status};
use crate::property::Property;

/// Where a claim's subject is written, for messages about it.
#[derive(Clone, Copy)]
pub(super) enum SubjectAt {
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
pub(super) struct Deferred {
    pub(super) subject_at: SubjectAt,
    pub(super) explicit_sources: u32,
    pub(super) skipped: u32,
    pub(super) has_cite: bool,
}

impl Deferred {
    /// Where each kept citation is written, in order: the written positions pass 1 did not
    /// leave out.
    pub(super) fn cites_at(self, origin: ItemPath) -> impl Iterator<Item = (CiteAt, bool)> {
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
pub(super) enum CiteAt {
    /// The claim's or entry's `cite`.
    Cite,
    /// The claim's `cites[i]`.
    Cites(usize),
}

/// The path of a citation of the claim or entry at `item`.
pub(super) fn cite_path(item: ItemPath, at: CiteAt) -> String {
    match at {
        CiteAt::Cite => format!("{item}.cite"),
        CiteAt::Cites(j) => format!("{item}.cites[{j}]"),
    }
}

/// Everything a claim needs, whether written as a claim or as an entry's relation field.
/// Paths for messages are derived only when there is a problem to report.
pub(super) struct Draft<'a> {
    /// Where the claim was written: the claim, or the entry's relation field.
    pub(super) origin: Origin,
    pub(super) subject: &'a str,
    pub(super) subject_at: SubjectAt,
    pub(super) property: Property,
    pub(super) object: Option<&'a str>,
    pub(super) value: Option<&'a str>,
    pub(super) status: Option<Status>,
    pub(super) as_of: Option<&'a str>,
    pub(super) period: Option<&'a str>,
    pub(super) region: Option<&'a str>,
    pub(super) segment: Option<&'a str>,
    pub(super) scope: Option<&'a str>,
    pub(super) derivation: Option<DerivationKind>,
    pub(super) key: Option<&'a str>,
    /// `mix`, `remainder`, `multiple_answer` of a share.
    pub(super) mix: (Option<&'a str>, bool, bool),
    pub(super) latest: bool,
    pub(super) editorial: Option<&'a str>,
    pub(super) note: Option<&'a str>,
    /// The first citation (`cite`) and the further ones (`cites`).
    pub(super) cite: Option<&'a CitationInput>,
    pub(super) cites: &'a [CitationInput],
}

impl Draft<'_> {
    /// Where problems with the claim as a whole are reported: the claim, or the entry whose
    /// relation fields it comes from.
    pub(super) fn report_path(&self) -> String {
        self.origin.path.item().to_string()
    }
}

/// An entry (model, family, organization, round) whose relation fields become claims citing
/// the entry's `cite`.
pub(super) struct Entry<'a> {
    pub(super) file: u32,
    pub(super) path: ItemPath,
    pub(super) cite: &'a Option<CitationInput>,
    pub(super) editorial: Option<&'a str>,
}

impl<'a> Entry<'a> {
    pub(super) fn relation(
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

/// The draft of a claim written in `claims`.
pub(super) fn claim_draft(c: &ClaimInput, origin: Origin) -> Draft<'_> {
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
