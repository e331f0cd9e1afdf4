//! The market view: markets and segments (each a cluster with its figures: sizes, growth,
//! forecasts), the markets they are part of, and the shares organizations, products and
//! segments hold in them, on the edges.

use super::{figure_edge, figure_node};
use crate::context::Context;
use crate::diagram::{Diagram, Edge, Node};
use crate::style::{Kind, Relation};
use crate::{Error, Options};
use kg_core::model::{Details, EdgeKind};
use kg_core::{Claim, NodeKind, NodeRef, Property};
use std::collections::{HashMap, VecDeque};

/// The kind an entity of the graph is drawn as.
pub(crate) fn entity_kind(kind: NodeKind) -> Kind {
    match kind {
        NodeKind::Organization => Kind::Organization,
        NodeKind::Person => Kind::Person,
        // Datasets and applications are drawn as models until kg-dot styles them.
        NodeKind::Model | NodeKind::Dataset | NodeKind::Application => Kind::Model,
        NodeKind::ModelFamily => Kind::Family,
        NodeKind::Benchmark => Kind::Benchmark,
        NodeKind::Market => Kind::Market,
        NodeKind::FundingRound => Kind::Round,
        NodeKind::Source => Kind::Document,
        NodeKind::Claim => Kind::Claim,
    }
}

/// Whether a claim is a share of its object.
fn is_share(claim: &Claim) -> bool {
    matches!(
        claim.property,
        Property::MarketShare | Property::Share | Property::Rank
    ) && claim.object.is_some()
}

/// Builds the market view.
pub fn build(ctx: &Context<'_>, options: &Options) -> Result<Diagram, Error> {
    let root = ctx.root(options, &[NodeKind::Market], "a market")?;
    let markets: Vec<(NodeRef, usize)> = match root {
        None => (0..ctx.graph.entities.len())
            .map(|i| NodeRef::Entity(i as u32))
            .filter(|&n| ctx.graph.kind_of(n) == NodeKind::Market)
            .map(|n| (n, 0))
            .collect(),
        Some(root) => {
            // The market and its segments, down the part_of tree.
            let mut distance: HashMap<NodeRef, usize> = HashMap::from([(root, 0)]);
            let mut queue = VecDeque::from([root]);
            while let Some(market) = queue.pop_front() {
                let d = distance.get(&market).copied().unwrap_or(0);
                if options.depth.is_some_and(|max| d >= max) {
                    continue;
                }
                for link in &ctx.incoming(market) {
                    if link.kind == EdgeKind::PartOf && !distance.contains_key(&link.from) {
                        distance.insert(link.from, d + 1);
                        queue.push_back(link.from);
                    }
                }
            }
            let mut reached: Vec<(NodeRef, usize)> = distance.into_iter().collect();
            reached.sort_by_key(|&(n, d)| (d, ctx.id(n)));
            reached
        }
    };
    let title = match root.and_then(|r| ctx.entity(r)) {
        Some(e) => format!("Market: {}", e.name),
        None => "Markets: sizes, forecasts and shares".to_string(),
    };
    let mut diagram = Diagram::new(title, true);
    let drawn: HashMap<NodeRef, usize> = markets.iter().copied().collect();
    for &(market, distance) in &markets {
        let (NodeRef::Entity(index), Some(entity)) = (market, ctx.entity(market)) else {
            continue;
        };
        let base = distance as u32 * 10;
        let mut label = ctx.name(entity);
        if let Details::Market {
            region,
            segment,
            scope,
            ..
        } = entity.details()
        {
            for (word, value) in [("region", region), ("segment", segment), ("scope", scope)] {
                if let Some(value) = value {
                    label.push_str(&format!("\n{word}: {value}"));
                }
            }
        }
        diagram.cluster(entity.id.clone(), entity.name.clone());
        let mut node = Node::new(entity.id.clone(), label, Kind::Market, base);
        node.cluster = Some(entity.id.clone());
        node.tooltip = Some(entity.id.clone());
        diagram.put(node);
        let mut figures: Vec<&Claim> = ctx
            .graph
            .claims
            .iter()
            .filter(|c| c.subject == index && !c.property.is_relation() && !is_share(c))
            .collect();
        figures.sort_by_cached_key(|c| ctx.claim_order(c));
        for claim in figures {
            let mut node = figure_node(ctx, claim, base + 2);
            node.cluster = Some(entity.id.clone());
            let claim_id = node.id.clone();
            diagram.node(node);
            diagram.edge(Edge::new(&entity.id, claim_id, Relation::Figure, ""));
        }
        for link in &ctx.outgoing(market) {
            if link.kind == EdgeKind::PartOf && drawn.contains_key(&link.to) {
                let mut edge = Edge::new(&entity.id, ctx.id(link.to), Relation::PartOf, "part of");
                edge.status = ctx.link_status(link);
                diagram.edge(edge);
            }
        }
        let mut shares: Vec<&Claim> = ctx
            .graph
            .claims
            .iter()
            .filter(|c| is_share(c) && c.object == Some(index))
            .collect();
        shares.sort_by_cached_key(|c| ctx.claim_order(c));
        for claim in shares {
            let holder = ctx.graph.subject(claim);
            if !diagram.has(&holder.id) {
                let mut node = Node::new(
                    holder.id.clone(),
                    ctx.name(holder),
                    entity_kind(holder.kind),
                    base + 1,
                );
                node.tooltip = Some(holder.id.clone());
                diagram.node(node);
            }
            let words = match claim.property {
                Property::Rank => "rank",
                Property::MarketShare => "share",
                _ => "share of",
            };
            diagram.edge(figure_edge(
                ctx,
                &holder.id,
                &entity.id,
                Relation::Share,
                words,
                claim,
            ));
        }
    }
    Ok(diagram)
}
