//! One module per command: each parses nothing (clap did), asks kg-core, and renders.

pub mod audit;
pub mod cites;
pub mod compare;
pub mod conflicts;
pub mod coverage;
pub mod export;
pub mod import;
pub mod interop;
pub mod lineage;
pub mod list;
pub mod path;
pub mod provenance;
pub mod reanchor;
pub mod search;
pub mod series;
pub mod show;
pub mod source;
pub mod stats;
