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

/// What `--root` may name.
pub const ROOTS: &str = "an organization or a funding round";

/// What the view draws without options.
pub const DEFAULTS: &str = "without --root: every round with its amount, valuation and \
investors, and the funding figures organizations state outside a round, in time order";

/// Nodes drawn before the view is cut.
pub const BUDGET: usize = 80;

/// Builds the funding view.
pub fn build(ctx: &Context<'_>, options: &Options) -> Result<Diagram, Error> {
    let root = ctx.root(
        options,
        &[NodeKind::Organization, NodeKind::FundingRound],
        ROOTS,
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
    let investors = rounds.iter().any(|&r| {
        ctx.incoming(r)
            .iter()
            .any(|l| l.kind == EdgeKind::InvestedIn)
    });
    let mut title = match root.and_then(|r| ctx.entity(r)) {
        Some(e) => format!("Funding of {}: rounds, amounts and valuations", e.name),
        None => "Funding: rounds, amounts and valuations, in time order".to_string(),
    };
    if !investors {
        title.push_str("\n(no investors recorded in the data)");
    }
    let mut diagram = Diagram::new(title, true);
    diagram.budget = Some(BUDGET);
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
            let mut node = figure_node(ctx, claim, 1);
            node.order = ctx.time_key(claim);
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
