//! The market view: markets and segments (each a cluster with its figures: sizes, growth,
//! forecasts, by kind and then year, each naming where it is stated), the markets they are
//! part of, and the ranks and shares organizations, products and segments hold in them: one
//! edge per holder and time, in rank order.

use crate::context::{self, qualifiers, Context};
use crate::diagram::{Diagram, Edge, Node};
use crate::draw::{entity_kind, figure_node};
use crate::style::{Kind, Relation};
use crate::{Error, Options};
use kg_core::model::{Details, EdgeKind};
use kg_core::value::Shape;
use kg_core::{Claim, NodeKind, NodeRef, Property};
use std::collections::{BTreeMap, HashMap, VecDeque};

/// What `--root` may name.
pub const ROOTS: &str = "a market";

/// What the view draws without options.
pub const DEFAULTS: &str = "without --root: every market and segment with its figures (by \
kind, then year) and the ranks and shares held in it (by rank); with --root: the market and \
its segments, --depth levels down (all by default)";

/// Nodes drawn before the view is cut.
pub const BUDGET: usize = 90;

/// Whether a claim is a share of its object.
fn is_share(claim: &Claim) -> bool {
    matches!(
        claim.property,
        Property::MarketShare | Property::Share | Property::Rank
    ) && claim.object.is_some()
}

/// Builds the market view.
pub fn build(ctx: &Context<'_>, options: &Options) -> Result<Diagram, Error> {
    let root = ctx.root(options, &[NodeKind::Market], ROOTS)?;
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
    diagram.budget = Some(BUDGET);
    diagram.cut_hint = Some("--root a market shows one market whole".to_string());
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
                    label.push_str(&format!("\n{}", fold(&format!("{word}: {value}"), 36)));
                }
            }
        }
        let mut node = Node::new(entity.id.clone(), label, Kind::Market, base);
        if root.is_some() {
            // One market: a box around it and its figures.
            diagram.cluster(entity.id.clone(), entity.name.clone());
            node.cluster = Some(entity.id.clone());
        }
        node.tooltip = Some(entity.id.clone());
        diagram.put(node);
        let mut figures: Vec<&Claim> = ctx
            .graph
            .claims
            .iter()
            .filter(|c| c.subject == index && !c.property.is_relation() && !is_share(c))
            .collect();
        figures.sort_by_cached_key(|c| (c.property.name(), ctx.claim_order(c)));
        let mut weight = figures.len() as u32;
        if root.is_none() && !figures.is_empty() {
            // The whole view groups a market's figures into one table.
            let table = figure_table(ctx, &entity.id, &figures, base + 2);
            let table_id = table.id.clone();
            diagram.node(table);
            diagram.edge(Edge::new(&entity.id, table_id, Relation::Figure, ""));
            figures.clear();
        }
        for claim in figures {
            let mut node = figure_node(ctx, claim, base + 2);
            node.cluster = Some(entity.id.clone());
            node.order = format!("{} {}", claim.property.name(), ctx.time_key(claim));
            node.weight = u32::from(node.conflict) * 10
                + u32::try_from(ctx.claim_order(claim).0 .0.clamp(2000, 2100) - 2000).unwrap_or(0);
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
        weight += shares.len() as u32;
        // One edge per holder and qualifiers: its rank and its share together.
        let mut held: BTreeMap<(u32, String), Vec<&Claim>> = BTreeMap::new();
        for claim in shares {
            held.entry((claim.subject, qualifiers(claim)))
                .or_default()
                .push(claim);
        }
        for ((holder, when), claims) in held {
            let holder = &ctx.graph.entities[holder as usize];
            let rank = claims
                .iter()
                .filter(|c| c.property == Property::Rank)
                .filter_map(|c| match c.value.shape {
                    Shape::Quantity { amount, .. } => Some(amount),
                    _ => None,
                })
                .fold(f64::INFINITY, f64::min);
            if !diagram.has(&holder.id) {
                let mut node = Node::new(
                    holder.id.clone(),
                    ctx.name(holder),
                    entity_kind(holder.kind),
                    base + 1,
                );
                node.tooltip = Some(holder.id.clone());
                // Holders in rank order, the unranked after.
                node.order = if rank.is_finite() {
                    format!("{:08.2}", rank)
                } else {
                    "99999999".to_string()
                };
                node.weight = claims.len() as u32;
                diagram.node(node);
            }
            diagram.edge(held_edge(ctx, &holder.id, &entity.id, &when, &claims));
        }
        if let Some(n) = diagram.node_mut(&entity.id) {
            n.weight = weight;
        }
    }
    Ok(diagram)
}

/// A market's figures as one table, one line each, by kind and then year: the figure, where
/// it is stated and, when not reported, its status; red when one of them conflicts.
fn figure_table(ctx: &Context<'_>, market: &str, figures: &[&Claim], priority: u32) -> Node {
    let mut lines: Vec<String> = Vec::new();
    let mut heading = "";
    for c in figures {
        if c.property.name() != heading {
            heading = c.property.name();
            lines.push(format!("— {heading} —"));
        }
        let mut line = format!(
            "{}  ·  {}",
            context::figure(c),
            context::stated_in(ctx.graph, c)
        );
        if let Some(word) = crate::style::status_word(c.status) {
            line.push_str(&format!("  [{word}]"));
        }
        if ctx.conflicts(c) {
            line.push_str("  [conflicting]");
        }
        lines.push(line);
    }
    let mut node = Node::new(
        format!("figures:{market}"),
        lines.join("\n"),
        Kind::Claim,
        priority,
    );
    node.conflict = figures.iter().any(|c| ctx.conflicts(c));
    node.tooltip = figures
        .iter()
        .filter_map(|c| ctx.tooltip(c))
        .reduce(|a, b| format!("{a}\n{b}"));
    node.weight = figures.len() as u32 * 10;
    node
}

/// `text` folded onto lines of about `width` characters, at spaces.
fn fold(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

/// The words of one share claim: "rank 1", "share 约20%".
fn share_words(claim: &Claim) -> String {
    let words = match claim.property {
        Property::Rank => "rank",
        Property::MarketShare => "share",
        _ => "share of",
    };
    format!("{words} {}", claim.value.text)
}

/// One edge for the ranks and shares one holder has in a market at one time, named once:
/// "rank 1 · share 约20% (2024)", with every line that states them.
fn held_edge(ctx: &Context<'_>, holder: &str, market: &str, when: &str, claims: &[&Claim]) -> Edge {
    let mut ordered: Vec<&Claim> = claims.to_vec();
    ordered.sort_by_key(|c| (c.property != Property::Rank, c.property.name()));
    let mut words: Vec<String> = ordered.iter().map(|c| share_words(c)).collect();
    words.dedup();
    let mut label = words.join(" · ");
    if !when.is_empty() {
        label.push_str(&format!(" ({when})"));
    }
    let mut edge = Edge::new(holder, market, Relation::Share, label);
    edge.status = ordered
        .iter()
        .map(|c| c.status)
        .find(|s| *s != kg_core::Status::Reported)
        .unwrap_or(kg_core::Status::Reported);
    edge.conflict = ordered.iter().any(|c| ctx.conflicts(c));
    let quotes: std::collections::BTreeSet<String> =
        ordered.iter().filter_map(|c| ctx.tooltip(c)).collect();
    edge.tooltip = (!quotes.is_empty()).then(|| quotes.into_iter().collect::<Vec<_>>().join("\n"));
    edge.sources = ordered
        .iter()
        .flat_map(|c| context::citations(ctx.graph, c))
        .collect();
    edge.primary = ordered
        .iter()
        .flat_map(|c| context::primary_sources(ctx.graph, c))
        .collect();
    edge.cite = true;
    edge
}
