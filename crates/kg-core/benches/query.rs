//! Lineage and provenance over synthetic data of growing size (see kg_core::synthetic):
//! both walk edges from their node, so their time should not grow with the graph.
//!
//! Run: `cargo bench -p kg-core --bench query`. The figures are in docs/performance.md.

use kg_core::{load, query, synthetic, Graph};

fn main() {
    divan::main();
}

fn graph(models: usize) -> Graph {
    let loaded = load(&synthetic::generate(models));
    assert!(loaded.diagnostics.is_empty());
    loaded.graph
}

/// The lineage (both directions) of a model in the middle of the first organization's
/// derivation tree: about ten ancestors and a few hundred descendants at any size.
#[divan::bench(args = [10_000, 100_000, 1_000_000])]
fn lineage(bencher: divan::Bencher, models: usize) {
    let graph = graph(models);
    let options = query::LineageOptions::default();
    bencher.bench_local(|| {
        query::lineage(&graph, divan::black_box("model-3"), &options).map(|l| l.descendants.len())
    });
}

/// The provenance of one claim: its citation chain and the claims of the same fact.
#[divan::bench(args = [10_000, 100_000, 1_000_000])]
fn provenance(bencher: divan::Bencher, models: usize) {
    let graph = graph(models);
    let id = graph
        .claims
        .iter()
        .find(|c| {
            graph.entity_id(c.subject) == "model-777"
                && c.property == kg_core::Property::ParametersTotal
        })
        .map(|c| graph.claim_id(c))
        .expect("the synthetic data has this claim");
    bencher.bench_local(|| query::provenance(&graph, divan::black_box(&id)).map(|p| p.chain.len()));
}
