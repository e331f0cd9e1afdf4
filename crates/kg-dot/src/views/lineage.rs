//! The lineage view: models and families, joined by membership, succession and derivation,
//! laid out left to right in one lane per release year (the full date in the label) and an
//! "undated" lane. Models that no lineage relation links are listed in one labelled box;
//! a derivative count a source states ("超14万") is a badge on its family; an organization
//! root is drawn with edges to its models and families.
//!
//! What a rooted view draws is what `kg lineage` returns (kg_core::query::lineage): the
//! exporter and the command walk the graph the same way.

use crate::context::{self, Context};
use crate::diagram::{Diagram, Edge, Node};
use crate::draw::{org_node, relation_words};
use crate::style::{Kind, Relation};
use crate::{Direction, Error, Options};
use kg_core::model::EdgeKind;
use kg_core::query::{lineage, LineageOptions};
use kg_core::{Claim, NodeKind, NodeRef, Property};
use std::collections::{BTreeMap, HashMap};

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

/// What `--root` may name.
pub const ROOTS: &str = "a model, a family or an organization";

/// What the view draws without options.
pub const DEFAULTS: &str = "without --root: every model and family, in year lanes, unlinked \
models in one box; --up/--down limit a rooted view to ancestors or descendants (both by \
default), --depth to that many steps (unlimited by default)";

/// When cut, the most nodes kept in one lane.
const CROWD: usize = 30;

/// Nodes drawn before the view is cut: within about 4000 px a side in year lanes.
pub const BUDGET: usize = 64;

/// A release date as a sort key: year, month, day.
type DateKey = (i32, u8, u8);

/// Names listed in the box of unlinked models, the most recent first.
const GROUP_NAMES: usize = 48;

/// Names per line in the box of unlinked models.
const GROUP_COLUMNS: usize = 4;

/// The lane of a release year, or the undated lane (first: families are mostly undated, and
/// their members flow right from them).
fn lane(date: Option<kg_core::date::Date>) -> (String, String) {
    match date {
        Some(date) => {
            let (year, _, _) = date.start_key();
            (format!("{year:04}"), year.to_string())
        }
        None => ("0000 undated".to_string(), "undated".to_string()),
    }
}

/// The derivative counts stated for a node, as one badge: the values as stated, and where.
fn badge(ctx: &Context<'_>, node: NodeRef) -> Option<Node> {
    let entity = ctx.entity(node)?;
    let NodeRef::Entity(index) = node else {
        return None;
    };
    let claims: Vec<&Claim> = ctx
        .graph
        .claims_about(&entity.id)
        .into_iter()
        .filter(|c| c.subject == index && c.property == Property::DerivativeModels)
        .collect();
    if claims.is_empty() {
        return None;
    }
    let mut values: Vec<&str> = claims.iter().map(|c| c.value.text.as_str()).collect();
    values.sort_unstable();
    values.dedup();
    let at = crate::diagram::locators(claims.iter().flat_map(|c| {
        c.citations
            .iter()
            .map(|cite| (ctx.graph.entity_id(cite.source), cite.line))
    }));
    let label = format!("{} derivative models\n{at}", values.join(" / "));
    let mut drawn = Node::new(format!("badge:{}", entity.id), label, Kind::Badge, 1);
    drawn.tooltip = claims
        .iter()
        .filter_map(|c| ctx.tooltip(c))
        .reduce(|a, b| format!("{a}\n{b}"));
    drawn.status = claims[0].status;
    Some(drawn)
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
        ROOTS,
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
    diagram.budget = Some(BUDGET);
    diagram.crowd = Some(CROWD);
    diagram.cut_hint = Some("--root a family shows one lineage whole".to_string());
    let mut reached_sorted: Vec<(NodeRef, usize)> = reached.iter().map(|(&n, &d)| (n, d)).collect();
    reached_sorted.sort_by_key(|&(n, d)| (d, ctx.id(n)));
    // The lineage links between drawn nodes, and how many each node has.
    let mut links = Vec::new();
    let mut linked: HashMap<NodeRef, u32> = HashMap::new();
    for &(node, _) in &reached_sorted {
        for link in ctx.outgoing(node) {
            if is_lineage(link.kind) && reached.contains_key(&link.to) {
                *linked.entry(link.from).or_default() += 1;
                *linked.entry(link.to).or_default() += 1;
                links.push(link);
            }
        }
    }
    let mut unlinked: Vec<(Option<DateKey>, String)> = Vec::new();
    for &(node, distance) in &reached_sorted {
        let (NodeRef::Entity(index), Some(entity)) = (node, ctx.entity(node)) else {
            continue;
        };
        let badge = badge(ctx, node);
        if root.is_none() && !linked.contains_key(&node) && badge.is_none() {
            unlinked.push((
                ctx.release(node).map(|d| d.start_key()),
                entity.name.clone(),
            ));
            continue;
        }
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
        drawn.conflict =
            ctx.graph.claims_about(&entity.id).iter().any(|c| {
                c.subject == index && c.property == Property::ReleaseDate && ctx.conflicts(c)
            });
        let (year, _, _) = date.map(|d| d.start_key()).unwrap_or((0, 0, 0));
        let links = linked.get(&node).copied().unwrap_or(0);
        drawn.weight = links * 4 + u32::try_from(year.clamp(2000, 2100) - 2000).unwrap_or(0);
        let (key, words) = lane(date);
        diagram.rank(key.clone(), words);
        drawn.rank = Some(key.clone());
        // Within a lane, by date.
        drawn.order = date
            .map(|d| {
                let (y, m, d) = d.start_key();
                format!("{y:04}-{m:02}-{d:02}")
            })
            .unwrap_or_default();
        if let Some(mut badge) = badge {
            badge.rank = Some(key);
            badge.priority = drawn.priority;
            badge.weight = u32::MAX / 2;
            let mut edge = Edge::new(&entity.id, &badge.id, Relation::Figure, "");
            edge.status = badge.status;
            diagram.node(badge);
            diagram.edge(edge);
        }
        diagram.node(drawn);
    }
    if !unlinked.is_empty() {
        // The most recent first; past GROUP_NAMES, a count.
        unlinked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let names: Vec<String> = unlinked
            .iter()
            .take(GROUP_NAMES)
            .map(|(_, name)| name.clone())
            .collect();
        let mut rows: Vec<String> = names
            .chunks(GROUP_COLUMNS)
            .map(|row| row.join("  ·  "))
            .collect();
        if unlinked.len() > GROUP_NAMES {
            rows.push(format!(
                "… and {} more (`kg list model` lists them)",
                unlinked.len() - GROUP_NAMES
            ));
        }
        let label = format!(
            "{} models and families with no lineage relation in the data\n\n{}",
            unlinked.len(),
            rows.join("\n")
        );
        let mut group = Node::new("group:unlinked", label, Kind::Group, 0);
        group.weight = u32::MAX / 2;
        diagram.node(group);
    }
    for link in &links {
        let (relation, mut words) = relation_words(link.kind);
        if relation == Relation::Member {
            // Its colour says it (see the legend); the words would crowd the family.
            words.clear();
        }
        // Drawn from the older (family, predecessor, base) to the newer.
        let mut edge = Edge::new(ctx.id(link.to), ctx.id(link.from), relation, words);
        edge.status = ctx.link_status(link);
        edge.tooltip = ctx.link_tooltip(link);
        edge.sources = ctx.link_sources(link);
        diagram.edge(edge);
    }
    if let Some(org) = root.filter(|&r| ctx.graph.kind_of(r) == NodeKind::Organization) {
        if let Some(node) = org_node(ctx, org, 0) {
            let org_id = node.id.clone();
            diagram.node(node);
            let mut works: BTreeMap<String, context::Link> = BTreeMap::new();
            // To its families and to the models no drawn family holds: the rest hang off
            // their family.
            for link in ctx.incoming(org) {
                let in_family = ctx
                    .outgoing(link.from)
                    .iter()
                    .any(|l| l.kind == EdgeKind::MemberOf && reached.contains_key(&l.to));
                if link.kind == EdgeKind::DevelopedBy
                    && reached.contains_key(&link.from)
                    && !in_family
                {
                    works.insert(ctx.id(link.from).into_owned(), link);
                }
            }
            for (work, link) in works {
                let mut edge = Edge::new(&org_id, work, Relation::Develops, "");
                edge.status = ctx.link_status(&link);
                edge.tooltip = ctx.link_tooltip(&link);
                edge.sources = ctx.link_sources(&link);
                diagram.edge(edge);
            }
        }
    }
    Ok(diagram)
}
