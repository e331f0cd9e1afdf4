//! Load plus validate at growing sizes of synthetic data (see kg_core::synthetic).
//!
//! Run: `cargo bench -p kg-core --bench load`. The 1M case takes a while; the figures are in
//! docs/performance.md.

use kg_core::{load, synthetic};

fn main() {
    divan::main();
}

#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 3, sample_size = 1)]
fn load_and_validate(bencher: divan::Bencher, models: usize) {
    let files = synthetic::generate(models);
    bencher.bench_local(|| {
        let loaded = load(divan::black_box(&files));
        assert!(loaded.diagnostics.is_empty());
        loaded
    });
}
