//! Loading: data files' text in, the typed graph and every diagnostic out.
//!
//! The loader never stops at the first problem. Its passes, one file each:
//! - [`parse`]: each file is parsed on its own (in parallel), by [`fast_ron`] when the file
//!   is in its subset of RON and by ron otherwise; a file that is not valid RON contributes a
//!   `syntax`-class diagnostic and nothing else;
//! - pass 1 ([`entities`], [`claims`] from [`draft`]s): each parsed file's entities and
//!   claims, the claims' references still file-local;
//! - [`register`]: every entity into the index, once all files are read;
//! - pass 2 ([`resolve`]): each file's references against the entity index (files in
//!   parallel);
//! - [`edges`]: duplicate claim ids dropped, typed edges added;
//! - [`validate`]: the checks of the whole graph (cycles, editorial claims, conflicts);
//! - [`locate`]: each problem, recorded as the path of the offending value, turned into a
//!   file, line and column.
//!
//! The loader sits above the graph and below the audit and the queries: it imports from
//! neither (`kg check`, which adds the audit's findings, is [`crate::check`]).

mod claims;
mod draft;
mod edges;
mod entities;
mod fast_ron;
mod fields;
pub(crate) mod locate;
mod parse;
mod register;
mod resolve;
pub(crate) mod validate;

pub use crate::id::{claim_id, closest, is_slug, slugify};
#[doc(hidden)]
pub use parse::fast_parse_agrees;

use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::model::{Claim, Entity};
use claims::FileUnit;
use draft::Deferred;
pub(crate) use locate::{locate, sort_diagnostics, Pending, Site};
use rayon::prelude::*;
use register::Builder;

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

/// Loads and validates a dataset given as files' text.
///
/// Files are processed in the order given; callers sort them (the CLI sorts paths) so that
/// the same data always gives the same graph and the same diagnostics.
pub fn load(files: &[SourceFile]) -> Loaded {
    load_and(files, |_| ()).0
}

/// Loads like [`load`], and runs `also` on the finished graph while the graph's own checks
/// (cycles, editorial claims, conflicts) run beside it, on the other core: `kg check`'s
/// audit (`crate::check`).
pub(crate) fn load_and<T: Send>(
    files: &[SourceFile],
    also: impl FnOnce(&Graph) -> T + Send,
) -> (Loaded, T) {
    let PassOne {
        mut diagnostics,
        entities,
        claims,
        deferred,
        hashes,
        mut units,
    } = pass_one(files);
    let mut builder = Builder::default();
    builder.graph.files = files.iter().map(|f| f.path.clone()).collect();
    builder.graph.default_sources = vec![None; files.len()];
    for unit in &units {
        builder.graph.default_sources[unit.file as usize] = unit.default_source.clone();
    }
    for unit in &mut units {
        builder.pending.append(&mut unit.pending);
    }
    builder.register(entities, &units);
    // Pass 2: every file's references, against the finished entity index.
    builder.resolve_claims(claims, deferred, hashes, units);
    let Builder {
        mut graph,
        mut pending,
        ..
    } = builder;
    // The nodes and edges are built apart from the graph, which `also` and the checks of
    // claims read meanwhile (entities and claims only); the checks of edges (cycles) run on
    // the edges so built, still beside `also`.
    let ((nodes, entries_found, cycles_found), (claims_found, also)) = rayon::join(
        || {
            let (mut nodes, (stated, entries_found)) = rayon::join(
                || graph.nodes_and_claim_edges(),
                || edges::entry_edges(&graph),
            );
            nodes.add_stated_edges(&stated);
            let cycles_found = validate::edge_checks(&graph, nodes.edges());
            (nodes, entries_found, cycles_found)
        },
        || rayon::join(|| validate::claim_checks(&graph), || also(&graph)),
    );
    graph.set_nodes(nodes);
    pending.extend(entries_found);
    pending.extend(cycles_found);
    pending.extend(claims_found);
    diagnostics.extend(locate(files, pending));
    sort_diagnostics(files, &mut diagnostics);
    (Loaded { graph, diagnostics }, also)
}

/// What pass 1 gathers from every file, in file order.
struct PassOne {
    /// The files that could not be parsed, one diagnostic each.
    diagnostics: Vec<Diagnostic>,
    entities: Vec<Entity>,
    /// Every file's claims, with file-local references, and per claim what pass 2 needs.
    claims: Vec<Claim>,
    deferred: Vec<Deferred>,
    hashes: Vec<u64>,
    /// What remains of each parsed file: its symbols, sections, rejected claims, problems.
    units: Vec<FileUnit>,
}

impl PassOne {
    /// Takes in a batch of files' results, in file order.
    fn gather(&mut self, results: Vec<Result<FileUnit, Box<Diagnostic>>>) {
        for result in results {
            match result {
                Ok(mut unit) => {
                    // Moved out and their buffers freed at once: `append` would keep them.
                    unit.count = unit.claims.len();
                    self.entities.extend(std::mem::take(&mut unit.entities));
                    self.claims.extend(std::mem::take(&mut unit.claims));
                    self.deferred.extend(std::mem::take(&mut unit.deferred));
                    self.hashes.extend(std::mem::take(&mut unit.hashes));
                    self.units.push(unit);
                }
                Err(d) => self.diagnostics.push(*d),
            }
        }
    }
}

/// Pass 1: parses each file once, a batch of files in parallel at a time, and gathers its
/// entities and its claims (with file-local references) as it comes.
fn pass_one(files: &[SourceFile]) -> PassOne {
    let mut all = PassOne {
        diagnostics: Vec::new(),
        entities: Vec::new(),
        claims: Vec::new(),
        deferred: Vec::new(),
        hashes: Vec::new(),
        units: Vec::with_capacity(files.len()),
    };
    let batch = rayon::current_num_threads().max(1) * 8;
    let indexes: Vec<u32> = (0..files.len() as u32).collect();
    // A batch's results are gathered while the next batch is built, so that no core waits
    // for the copy into the whole dataset's lists.
    let mut previous: Vec<Result<FileUnit, Box<Diagnostic>>> = Vec::new();
    for chunk in indexes.chunks(batch) {
        let (results, ()) = rayon::join(
            || {
                chunk
                    .par_iter()
                    .map(|&i| claims::pass_one(i, &files[i as usize]))
                    .collect()
            },
            || all.gather(std::mem::take(&mut previous)),
        );
        previous = results;
    }
    all.gather(previous);
    all
}
