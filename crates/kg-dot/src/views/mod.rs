//! The views: each picks part of the graph and builds a [`crate::diagram::Diagram`].

pub mod ecosystem;
pub mod funding;
pub mod lineage;
pub mod market;
pub mod provenance;

use crate::context::{self, Context};
use crate::diagram::{Edge, Node};
use crate::style::{Kind, Relation};
use kg_core::Claim;

/// A claim drawn as a node: the property, the figure, its status, conflict and quote.
pub(crate) fn figure_node(ctx: &Context<'_>, claim: &Claim, priority: u32) -> Node {
    let mut label = claim.property.name().to_string();
    if let Some(object) = ctx.graph.object(claim) {
        label.push_str(&format!(" of {}", object.name));
    }
    label.push('\n');
    label.push_str(&context::figure(claim));
    let mut node = Node::new(ctx.claim_id(claim), label, Kind::Claim, priority);
    node.status = claim.status;
    node.conflict = ctx.conflicts(claim);
    node.tooltip = ctx.tooltip(claim);
    node
}

/// An edge that carries a figure: its value in the label, styled by the claim's status.
pub(crate) fn figure_edge(
    ctx: &Context<'_>,
    from: &str,
    to: &str,
    relation: Relation,
    words: &str,
    claim: &Claim,
) -> Edge {
    let label = if words.is_empty() {
        context::figure(claim)
    } else {
        format!("{words} {}", context::figure(claim))
    };
    let mut edge = Edge::new(from, to, relation, label);
    edge.status = claim.status;
    edge.conflict = ctx.conflicts(claim);
    edge.tooltip = ctx.tooltip(claim);
    edge
}
