//! The funding view: investors, rounds and the organizations that raised them, with the
//! rounds' amounts, valuations and dates on the edges; and the valuations and funding
//! organizations state outside any round, as figures.

use super::ecosystem::org_node;
use super::{figure_edge, figure_node};
use crate::context::Context;
use crate::diagram::{Diagram, Edge, Node};
use crate::style::{Kind, Relation};
use crate::{Error, Options};
use kg_core::model::EdgeKind;
use kg_core::{Claim, NodeKind, NodeRef, Property};

/// Whether a property is about money raised or what it was raised at.
fn is_funding(property: Property) -> bool {
    matches!(property, Property::FundingAmount | Property::Valuation)
}

/// The funding figures of a round (its subject or object is `node`), or of an organization
/// outside any round (its subject is `node` and it has no object), in time order.
fn figures<'g>(ctx: &Context<'g>, node: NodeRef) -> Vec<&'g Claim> {
    let NodeRef::Entity(id) = node else {
        return Vec::new();
    };
    let round = ctx.graph.kind_of(node) == NodeKind::FundingRound;
    let mut claims: Vec<&'g Claim> = ctx
        .graph
        .claims
        .iter()
        .filter(|c| is_funding(c.property))
        .filter(|c| {
            if round {
                c.subject == id || c.object == Some(id)
            } else {
                c.subject == id && c.object.is_none()
            }
        })
        .collect();
    claims.sort_by_cached_key(|c| ctx.claim_order(c));
    claims
}

/// Adds a round, the organization that raised it (edges carry the amounts and valuations)
/// and its investors.
pub(crate) fn add_round(ctx: &Context<'_>, diagram: &mut Diagram, round: NodeRef, priority: u32) {
    let Some(entity) = ctx.entity(round) else {
        return;
    };
    let mut node = Node::new(entity.id.clone(), ctx.name(entity), Kind::Round, priority);
    node.tooltip = Some(entity.id.clone());
    diagram.node(node);
    let claims = figures(ctx, round);
    for link in &ctx.incoming(round) {
        match link.kind {
            EdgeKind::Raised => {
                let raiser = ctx.id(link.from);
                if !diagram.has(&raiser) {
                    if let Some(n) = org_node(ctx, link.from, priority) {
                        diagram.node(n);
                    }
                }
                if claims.is_empty() {
                    let mut edge = Edge::new(&entity.id, &*raiser, Relation::Raised, "raised");
                    edge.status = ctx.link_status(link);
                    edge.tooltip = ctx.link_tooltip(link);
                    diagram.edge(edge);
                }
                for claim in &claims {
                    let words = match claim.property {
                        Property::FundingAmount => "raised",
                        _ => "valuation",
                    };
                    diagram.edge(figure_edge(
                        ctx,
                        &entity.id,
                        &raiser,
                        Relation::Raised,
                        words,
                        claim,
                    ));
                }
            }
            EdgeKind::InvestedIn => {
                let investor = ctx.id(link.from);
                if !diagram.has(&investor) {
                    if let Some(n) = org_node(ctx, link.from, priority + 1) {
                        diagram.node(n);
                    }
                }
                let mut edge = Edge::new(investor, &entity.id, Relation::Invested, "invested");
                edge.status = ctx.link_status(link);
                edge.tooltip = ctx.link_tooltip(link);
                diagram.edge(edge);
            }
            _ => {}
        }
    }
}

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
