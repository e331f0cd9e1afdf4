//! What `kg check` reports: loading's diagnostics and the audit's findings, combined in this
//! one place above both. The audit's arithmetic, time and logic findings become warnings,
//! each pointed at its first claim, with the other claims it rests on as related places.

use crate::audit::{audit, FindingCode};
use crate::diagnostic::Code;
use crate::load::locate::{locate, sort_diagnostics, Pending};
use crate::load::validate::focus_site;
use crate::load::{load_and, Loaded, SourceFile};

/// Loads, validates and audits: everything `kg check` reports. Conflicts are left to the
/// loader's own `conflict` diagnostics. The audit runs beside the loader's validation.
pub fn check(files: &[SourceFile]) -> Loaded {
    let (mut loaded, findings) = load_and(files, audit);
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
