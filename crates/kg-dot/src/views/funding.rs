//! The funding view: investors, rounds and the organizations that raised them, with the
//! rounds' amounts, valuations and dates on the edges; and the valuations and funding
//! organizations state outside any round, as figures.

use crate::context::Context;
use crate::diagram::{Diagram, Edge};
use crate::draw::{add_round, figure_node, figures, org_node};
use crate::style::Relation;
use crate::{Error, Options};
use kg_core::model::EdgeKind;
use kg_core::{NodeKind, NodeRef, Property};

/// Builds the funding view.
pub fn build(ctx: &Context<'_>, options: &Options) -> Result<Diagram, Error> {
    let root = ctx.root(
        options,
        &[NodeKind::Organization, NodeKind::FundingRound],
        "an organization or a funding round",
    )?;
    let mut rounds: Vec<NodeRef> = Vec::new();
    let mut orgs: Vec<NodeRef> = Vec::new();
    match root {
        None => {
            for i in 0..ctx.graph.entities.len() {
                let node = NodeRef::Entity(i as u32);
                match ctx.graph.kind_of(node) {
                    NodeKind::FundingRound => rounds.push(node),
                    NodeKind::Organization if !figures(ctx, node).is_empty() => orgs.push(node),
                    _ => {}
                }
            }
        }
        Some(node) if ctx.graph.kind_of(node) == NodeKind::FundingRound => rounds.push(node),
        Some(org) => {
            orgs.push(org);
            rounds.extend(
                ctx.outgoing(org)
                    .iter()
                    .filter(|l| matches!(l.kind, EdgeKind::Raised | EdgeKind::InvestedIn))
                    .map(|l| l.to),
            );
        }
    }
    let title = match root.and_then(|r| ctx.entity(r)) {
        Some(e) => format!("Funding of {}", e.name),
        None => "Funding: investors, rounds, organizations and valuations".to_string(),
    };
    let mut diagram = Diagram::new(title, true);
    for round in rounds {
        add_round(ctx, &mut diagram, round, 0);
    }
    for org in orgs {
        let id = ctx.id(org);
        if !diagram.has(&id) {
            if let Some(n) = org_node(ctx, org, 0) {
                diagram.node(n);
            }
        }
        for claim in figures(ctx, org) {
            let node = figure_node(ctx, claim, 1);
            let claim_id = node.id.clone();
            diagram.node(node);
            let words = match claim.property {
                Property::FundingAmount => "raised",
                _ => "valuation",
            };
            diagram.edge(Edge::new(&*id, claim_id, Relation::Figure, words));
        }
    }
    Ok(diagram)
}
