//! Measures load plus validate of a synthetic dataset once, with its peak memory: the
//! figures of docs/performance.md.
//!
//! `cargo run --release -p kg-core --example scale -- 1000000`
//! `cargo run --release -p kg-core --example scale -- 100000 /tmp/kg-100k` also writes the
//! files, for timing the `kg` binary itself on them.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let models: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let out = args.next();
    let t = Instant::now();
    let files = kg_core::synthetic::generate(models);
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    println!(
        "generated {models} models: {} files, {:.1} MB in {:.2?}",
        files.len(),
        bytes as f64 / 1e6,
        t.elapsed()
    );
    if let Some(dir) = out {
        for f in &files {
            let path = std::path::Path::new(&dir).join(&f.path);
            std::fs::create_dir_all(path.parent().expect("has a parent")).expect("writable");
            std::fs::write(&path, &f.text).expect("writable");
        }
        println!("wrote {dir}");
    }
    let t = Instant::now();
    let loaded = kg_core::load(&files);
    let elapsed = t.elapsed();
    println!(
        "load+validate: {:.2?}: {} entities, {} claims, {} edges, {} diagnostics",
        elapsed,
        loaded.graph.entities.len(),
        loaded.graph.claims.len(),
        loaded.graph.graph.edge_count(),
        loaded.diagnostics.len()
    );
    for d in loaded.diagnostics.iter().take(3) {
        println!("  {d}");
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status
            .lines()
            .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        {
            println!("peak resident memory ({line})");
        }
    }
}
