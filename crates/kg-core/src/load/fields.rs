//! Pass 1, a claim's fields: its value read by the property's kind, its mix and markers,
//! qualifiers, status and citations, each checked with what the file alone says.

use super::claims::{FileBuilder, LOCAL_SECTION};
use super::draft::{cite_path, CiteAt, Deferred, Draft};
use crate::date::{Date, Period};
use crate::diagnostic::Code;
use crate::model::{Citation, Mix, QualifierSet, Status};
use crate::property::{Property, ValueKind};
use crate::value::{parse_value, Shape, Value, ValueError};

impl<'a> FileBuilder<'a> {
    /// The claim's value, read by the property's kind: a relation has none, a figure one.
    pub(super) fn value(&mut self, d: &Draft<'a>) -> Option<Value> {
        let at = |field: &str| format!("{}.{field}", d.report_path());
        let kind = d.property.value_kind();
        match (kind, d.value, d.object) {
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
        }
    }

    /// The mix a share belongs to; `ok` turns false when the mix fields do not fit.
    pub(super) fn mix(&mut self, d: &Draft<'a>, ok: &mut bool) -> Option<Mix> {
        let at = |field: &str| format!("{}.{field}", d.report_path());
        match d.mix {
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
                *ok = false;
                None
            }
            (Some(_), _, _) => {
                self.report(
                    Code::BadClaim,
                    at("mix"),
                    format!("`mix` groups shares; `{}` is not a share", d.property),
                );
                *ok = false;
                None
            }
        }
    }

    /// `latest` and `derivation`, each only where it applies.
    pub(super) fn markers(&mut self, d: &Draft<'a>, ok: &mut bool) {
        let at = |field: &str| format!("{}.{field}", d.report_path());
        if d.latest && d.property.is_relation() {
            self.report(
                Code::BadClaim,
                at("latest"),
                "`latest` marks a figure; a relation is not one",
            );
            *ok = false;
        }
        if d.derivation.is_some() && d.property != Property::DerivedFrom {
            self.report(
                Code::BadClaim,
                at("derivation"),
                "`derivation` applies only to `derived_from` claims",
            );
            *ok = false;
        }
    }

    /// The qualifiers, with `as_of` and `period` read as dates.
    pub(super) fn qualifiers(&mut self, d: &Draft<'a>, ok: &mut bool) -> QualifierSet {
        let at = |field: &str| format!("{}.{field}", d.report_path());
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
                    *ok = false;
                }
            }
        }
        if let Some(text) = d.period {
            match Period::parse(text) {
                Ok(p) => qualifiers.period = Some(p),
                Err(e) => {
                    self.report(Code::BadValue, at("period"), format!("period: {e}"));
                    *ok = false;
                }
            }
        }
        qualifiers
    }

    /// The status: as written, else undisclosed for an undisclosed value, editorial for a
    /// claim that gives an editorial reason, reported otherwise.
    pub(super) fn status(&mut self, d: &Draft<'a>, value: Option<&Value>, ok: &mut bool) -> Status {
        let at = |field: &str| format!("{}.{field}", d.report_path());
        let mut status = d.status.unwrap_or(match value {
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
                *ok = false;
            }
            (None, Status::Editorial) => {
                self.report(
                    Code::BadClaim,
                    at("status"),
                    "an editorial claim gives its reason: write `editorial: \"why\"` instead of `status: editorial`",
                );
                *ok = false;
            }
            (None, _) => {}
        }
        status
    }

    /// The citations, with what can be checked without the other files (the rest is pass
    /// 2's), and what pass 2 needs to name their places.
    pub(super) fn citations(
        &mut self,
        d: &Draft<'a>,
        default_source: Option<&'a str>,
        ok: &mut bool,
    ) -> (Vec<Citation>, Deferred) {
        if d.cite.is_none() && d.cites.is_empty() && d.editorial.is_none() {
            let what = if d.property.is_relation() && !d.origin.path.is_claim() {
                "this entry states relations but has no `cite` (or `editorial: \"why\"`)"
            } else {
                "claim has no citation; add `cite: (line: N, quote: \"...\")`, or mark it `editorial: \"why\"`"
            };
            self.report(Code::MissingCitation, d.report_path(), what);
            *ok = false;
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
                *ok = false;
                continue;
            };
            if cite.source.is_some() {
                explicit_sources |= bit;
            }
            let section = match cite.section.as_deref() {
                Some(explicit) => LOCAL_SECTION | self.section(explicit),
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
        (citations, deferred)
    }
}
