//! The lineage view: models and families, joined by membership, succession and derivation,
//! laid out left to right along their release years.
//!
//! What a rooted view draws is what `kg lineage` returns (kg_core::query::lineage): the
//! exporter and the command walk the graph the same way.

use crate::context::Context;
use crate::diagram::{Diagram, Edge, Node};
use crate::draw::relation_words;
use crate::style::Kind;
use crate::{Direction, Error, Options};
use kg_core::model::EdgeKind;
use kg_core::query::{lineage, LineageOptions};
use kg_core::{NodeKind, NodeRef};
use std::collections::HashMap;

fn is_lineage(kind: EdgeKind) -> bool {
    matches!(
        kind,
        EdgeKind::MemberOf | EdgeKind::SuccessorOf | EdgeKind::DerivedFrom(_)
    )
}

fn is_model(ctx: &Context<'_>, node: NodeRef) -> bool {
    matches!(
        ctx.graph.kind_of(node),
        NodeKind::Model | NodeKind::ModelFamily
    )
}

/// The models and families `kg lineage` reaches from the root, with their depth.
fn reach(
    ctx: &Context<'_>,
    root: NodeRef,
    direction: Direction,
    depth: Option<usize>,
) -> Result<HashMap<NodeRef, usize>, Error> {
    let options = LineageOptions {
        ancestors: direction != Direction::Down,
        descendants: direction != Direction::Up,
        depth,
        relations: Vec::new(),
    };
    let root_id = ctx.id(root);
    let lineage = lineage(ctx.graph, &root_id, &options).map_err(|_| Error::UnknownRoot {
        id: root_id.into_owned(),
        suggestions: Vec::new(),
    })?;
    let mut reached = HashMap::new();
    if is_model(ctx, root) {
        reached.insert(root, 0);
    }
    for step in lineage.ancestors.iter().chain(&lineage.descendants) {
        if let Some(node) = ctx.graph.lookup(&step.id) {
            if is_model(ctx, node) {
                reached.entry(node).or_insert(step.depth);
            }
        }
    }
    Ok(reached)
}

/// Builds the lineage view.
pub fn build(ctx: &Context<'_>, options: &Options) -> Result<Diagram, Error> {
    let root = ctx.root(
        options,
        &[
            NodeKind::Model,
            NodeKind::ModelFamily,
            NodeKind::Organization,
        ],
        "a model, a family or an organization",
    )?;
    let (title, reached) = match root {
        None => {
            let all: HashMap<NodeRef, usize> = (0..ctx.graph.entities.len())
                .map(|i| NodeRef::Entity(i as u32))
                .filter(|&n| is_model(ctx, n))
                .map(|n| (n, 0))
                .collect();
            ("Lineage of models and families".to_string(), all)
        }
        Some(node) => {
            let way = match options.direction {
                Direction::Up => "ancestors",
                Direction::Down => "descendants",
                Direction::Both => "ancestors and descendants",
            };
            let depth = options
                .depth
                .map(|d| format!(", depth {d}"))
                .unwrap_or_default();
            let name = ctx.entity(node).map(|e| e.name.clone()).unwrap_or_default();
            (
                format!("Lineage of {name}: {way}{depth}"),
                reach(ctx, node, options.direction, options.depth)?,
            )
        }
    };
    let mut diagram = Diagram::new(title, true);
    let mut reached_sorted: Vec<(NodeRef, usize)> = reached.iter().map(|(&n, &d)| (n, d)).collect();
    reached_sorted.sort_by_key(|&(n, d)| (d, ctx.id(n)));
    for &(node, distance) in &reached_sorted {
        let (NodeRef::Entity(index), Some(entity)) = (node, ctx.entity(node)) else {
            continue;
        };
        let kind = if entity.kind == NodeKind::ModelFamily {
            Kind::Family
        } else {
            Kind::Model
        };
        let mut label = ctx.name(entity);
        let date = ctx.release(node);
        if let Some(date) = date {
            label.push_str(&format!("\n{date}"));
        }
        let mut drawn = Node::new(entity.id.clone(), label, kind, distance as u32);
        drawn.tooltip = Some(entity.id.clone());
        drawn.conflict = ctx.graph.claims_about(&entity.id).iter().any(|c| {
            c.subject == index && c.property == kg_core::Property::ReleaseDate && ctx.conflicts(c)
        });
        if let Some(date) = date {
            // One rank per date as stated, in time order: "2023", "2024-04", "2024-07".
            let (y, m, d) = date.start_key();
            let key = format!("{y:04}-{m:02}-{d:02} {date}");
            diagram.rank(key.clone(), date.to_string());
            drawn.rank = Some(key);
        }
        diagram.node(drawn);
    }
    for &(node, _) in &reached_sorted {
        for link in &ctx.outgoing(node) {
            if !is_lineage(link.kind) || !reached.contains_key(&link.to) {
                continue;
            }
            let (relation, words) = relation_words(link.kind);
            // Drawn from the older (family, predecessor, base) to the newer.
            let mut edge = Edge::new(ctx.id(link.to), ctx.id(link.from), relation, words);
            edge.status = ctx.link_status(link);
            edge.tooltip = ctx.link_tooltip(link);
            diagram.edge(edge);
        }
    }
    Ok(diagram)
}
