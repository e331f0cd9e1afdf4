//! The views: each picks part of the graph and builds a [`crate::diagram::Diagram`].

pub mod ecosystem;
pub mod funding;
pub mod lineage;
pub mod market;
pub mod provenance;
