//! The auditor: where the data disagrees with itself. Conflicting figures, arithmetic that
//! does not add up (CAGR, growth, shares, mixes, multiples, parameters), dates out of order
//! and subsets larger than their supersets, each finding explained with the numbers.
//!
//! Every check is a pure function of the [`Graph`]; a check that lacks the facts it needs
//! (the years a CAGR spans, the whole a share is of) does not fire. Amounts are compared as
//! intervals: an exact figure is taken to be rounded at the precision it is written in, "约"
//! allows 10 %, a bound is open on one side, a range is a range (see [`crate::interval`]).
//! Currencies are never converted: figures in different units are never compared.
//!
//! One file per family of rules: [`conflicts`], [`arithmetic`], [`time`], [`logic`]; the
//! index they read claims through is [`index`], the wording of numbers [`words`]. A new rule
//! goes in its family's file and into [`audit`]'s list. The audit sits above loading: it
//! reads a finished [`Graph`] and never calls the loader.

mod arithmetic;
mod conflicts;
mod index;
mod logic;
mod part_whole;
mod ranks;
mod time;
mod words;

pub use crate::compare::{conflicts, ConflictGroup};
pub use words::describe_qualifiers;

use crate::diagnostic::Severity;
use crate::graph::Graph;
use index::Index;
use rayon::prelude::*;
use std::collections::HashSet;
use std::fmt;

/// What a finding is about. docs/audit.md lists every code with an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingCode {
    /// Claims of one subject, property and qualifiers whose values disagree.
    Conflict,
    /// A CAGR that no pair of the subject's figures at its years bears out.
    CagrMismatch,
    /// A growth rate that the subject's figures at both ends of it do not bear out.
    GrowthMismatch,
    /// A part's stated share of a whole against the two sizes.
    ShareMismatch,
    /// Shares of one whole that add up to more than 100 %.
    SharesExceed100,
    /// A complete mix (one that has a remainder: "other", "and earlier") short of 100 %.
    MixNot100,
    /// More active than total parameters.
    ActiveExceedsTotal,
    /// A mixture of experts named `NxM` with more parameters than N experts of M.
    MoeSizeMismatch,
    /// "Doubled", "N times" against the two figures it relates.
    MultipleMismatch,
    /// A successor or derivative released before what it comes from.
    DateOrder,
    /// A reported figure dated after the document that reports it.
    AsOfAfterDocument,
    /// A figure called "latest" next to one that is later, or undated and different.
    LatestNotLatest,
    /// A market larger than a market it is part of, at the same date.
    PartExceedsWhole,
    /// A market larger than its whole's own trajectory at a date the whole has no figure
    /// for (the path between the whole's figures before and after it).
    PartExceedsWholeTrend,
    /// Two subjects placed at the same rank of the same list.
    RankTakenTwice,
    /// Users of a product above the users of the company that makes it.
    SubsetExceedsSuperset,
}

impl FindingCode {
    /// Every code, in the order the audit reports them.
    pub const ALL: [FindingCode; 16] = [
        FindingCode::Conflict,
        FindingCode::CagrMismatch,
        FindingCode::GrowthMismatch,
        FindingCode::ShareMismatch,
        FindingCode::SharesExceed100,
        FindingCode::MixNot100,
        FindingCode::ActiveExceedsTotal,
        FindingCode::MoeSizeMismatch,
        FindingCode::MultipleMismatch,
        FindingCode::DateOrder,
        FindingCode::AsOfAfterDocument,
        FindingCode::LatestNotLatest,
        FindingCode::PartExceedsWhole,
        FindingCode::PartExceedsWholeTrend,
        FindingCode::RankTakenTwice,
        FindingCode::SubsetExceedsSuperset,
    ];

    /// The kebab-case name shown to users and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            FindingCode::Conflict => "conflict",
            FindingCode::CagrMismatch => "cagr-mismatch",
            FindingCode::GrowthMismatch => "growth-mismatch",
            FindingCode::ShareMismatch => "share-mismatch",
            FindingCode::SharesExceed100 => "shares-exceed-100",
            FindingCode::MixNot100 => "mix-not-100",
            FindingCode::ActiveExceedsTotal => "active-exceeds-total",
            FindingCode::MoeSizeMismatch => "moe-size-mismatch",
            FindingCode::MultipleMismatch => "multiple-mismatch",
            FindingCode::DateOrder => "date-order",
            FindingCode::AsOfAfterDocument => "as-of-after-document",
            FindingCode::LatestNotLatest => "latest-not-latest",
            FindingCode::PartExceedsWhole => "part-exceeds-whole",
            FindingCode::PartExceedsWholeTrend => "part-exceeds-whole-trend",
            FindingCode::RankTakenTwice => "rank-taken-twice",
            FindingCode::SubsetExceedsSuperset => "subset-exceeds-superset",
        }
    }

    /// The code with this name.
    pub fn from_name(name: &str) -> Option<FindingCode> {
        FindingCode::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether `kg check`'s own validation already reports this code (as `conflict` and
    /// `date-order` diagnostics), so that check does not report it twice.
    pub fn reported_by_check(self) -> bool {
        matches!(self, FindingCode::Conflict | FindingCode::DateOrder)
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One thing the data gets wrong, with the numbers and the claims it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What kind of problem.
    pub code: FindingCode,
    /// How serious: every audit finding is a warning (the data keeps what its sources say).
    pub severity: Severity,
    /// The explanation, with the numbers.
    pub message: String,
    /// Indices into [`Graph::claims`] of every claim the finding rests on, first the one it
    /// is located at.
    pub claims: Vec<u32>,
}

/// A rule of the audit: its findings, in the order of the data, pushed onto the list.
type Rule<'a> = dyn Fn(&mut Vec<Finding>) + Sync + 'a;

/// Runs every check; findings in the order of [`FindingCode::ALL`], then of the data.
pub fn audit(graph: &Graph) -> Vec<Finding> {
    run_rules(graph, true)
}

/// Runs every check but the conflicts: what `kg check` adds to the loader's diagnostics,
/// whose own `conflict` diagnostics already name every conflict (grouping a million claims
/// a second time cost a third of a second of CPU).
pub(crate) fn audit_but_conflicts(graph: &Graph) -> Vec<Finding> {
    run_rules(graph, false)
}

/// Runs the rules, the conflicts' only if asked; findings in the order of
/// [`FindingCode::ALL`], then of the data.
fn run_rules(graph: &Graph, with_conflicts: bool) -> Vec<Finding> {
    let idx = Index::build(graph);
    let idx = &idx;
    // Each rule only reads the graph and writes its own findings, so the rules run on every
    // core (a core that `kg check`'s loading leaves idle takes some), their findings then
    // put together in this order.
    let rules: [&Rule; 15] = [
        &|out| {
            if with_conflicts {
                conflicts::conflict_findings(graph, out)
            }
        },
        &|out| arithmetic::cagr(idx, out),
        &|out| arithmetic::growth(idx, out),
        &|out| arithmetic::share_vs_sizes(idx, out),
        &|out| arithmetic::mixes(idx, out),
        &|out| arithmetic::active_vs_total(idx, out),
        &|out| arithmetic::moe_names(idx, out),
        &|out| arithmetic::multiples(idx, out),
        &|out| time::date_order(idx, out),
        &|out| time::as_of_after_document(idx, out),
        &|out| time::latest(idx, out),
        &|out| logic::part_of_markets(idx, out),
        &|out| part_whole::part_exceeds_whole_trend(graph, out),
        &|out| ranks::rank_taken_twice(graph, out),
        &|out| logic::subsets(idx, out),
    ];
    let found: Vec<Vec<Finding>> = rules
        .par_iter()
        .map(|rule| {
            let mut out = Vec::new();
            rule(&mut out);
            out
        })
        .collect();
    let mut out: Vec<Finding> = found.into_iter().flatten().collect();
    // Amounts are finite, but a rule's arithmetic on extreme ones (a huge figure over a tiny
    // one) can leave the finite numbers: such a finding says nothing and is not reported.
    out.retain(|f| !words::states_a_non_finite_number(&f.message));
    out
}

/// A finding of a rule, each claim it rests on once, in order.
pub(crate) fn finding(code: FindingCode, message: String, claims: Vec<u32>) -> Finding {
    let mut seen = HashSet::new();
    let claims = claims.into_iter().filter(|c| seen.insert(*c)).collect();
    Finding {
        code,
        severity: Severity::Warning,
        message,
        claims,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_name() {
        let names: HashSet<&str> = FindingCode::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), FindingCode::ALL.len());
        for c in FindingCode::ALL {
            assert_eq!(FindingCode::from_name(c.name()), Some(c));
        }
    }
}
