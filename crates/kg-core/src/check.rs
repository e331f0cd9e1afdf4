//! What `kg check` reports: loading's diagnostics and the audit's findings, combined in this
//! one place above both. The audit's arithmetic, time and logic findings become warnings,
//! each pointed at its first claim, with the other claims it rests on as related places.

use crate::audit::{audit_but_conflicts, Finding, FindingCode};
use crate::diagnostic::Code;
use crate::load::locate::{locate, sort_diagnostics, Pending};
use crate::load::validate::focus_site;
use crate::load::{load_and, Loaded, SourceFile};

/// Loads, validates and audits: everything `kg check` reports. Conflicts are left to the
/// loader's own `conflict` diagnostics. The audit runs beside the loader's validation.
pub fn check(files: &[SourceFile]) -> Loaded {
    let (loaded, findings) = load_and_audit(files);
    add_findings(files, loaded, findings)
}

/// The load, with its own diagnostics only, and the audit's findings but its conflicts (the
/// load's `conflict` diagnostics name those), the audit run beside the loader's validation:
/// for a caller that needs the load's diagnostics apart (kg-cli, which counts the load's
/// errors for the snapshot it writes).
pub fn load_and_audit(files: &[SourceFile]) -> (Loaded, Vec<Finding>) {
    load_and(files, audit_but_conflicts)
}

/// Adds the audit's findings to a load of these files, as [`check`] reports them.
pub fn add_findings(files: &[SourceFile], mut loaded: Loaded, findings: Vec<Finding>) -> Loaded {
    let graph = &loaded.graph;
    let pending: Vec<Pending> = findings
        .into_iter()
        .filter(|f| f.code != FindingCode::Conflict)
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
                site: Some(focus_site(first)),
                related: claims
                    .map(|c| (focus_site(c), format!("`{}`", graph.claim_id(c))))
                    .collect(),
                help: None,
            })
        })
        .collect();
    loaded.diagnostics.extend(locate(files, pending));
    sort_diagnostics(files, &mut loaded.diagnostics);
    loaded
}
