//! The ecosystem view: organizations as clusters holding their families and models (a model
//! in a drawn family is counted in the family's label rather than drawn; successions and
//! derivations are left to the lineage view), with their funding
//! rounds and investors, parents and subsidiaries, and founders. The whole view draws every
//! organization: those with nothing else drawn stand in one grid, as names.

use crate::context::Context;
use crate::diagram::{Diagram, Edge, Node};
use crate::draw::{self, org_node};
use crate::style::{Kind, Relation};
use crate::{Error, Options};
use kg_core::model::EdgeKind;
use kg_core::{NodeKind, NodeRef};
use std::collections::{HashMap, VecDeque};

/// What `--root` may name.
pub const ROOTS: &str = "an organization";

/// What the view draws without options.
pub const DEFAULTS: &str = "without --root: every organization with its models, families, \
rounds, subsidiaries and founders, the others in one grid; with --root: the organizations \
it is linked to by subsidiaries and rounds, --depth steps away (2 by default)";

/// When cut, the most nodes kept in one organization's cluster.
const CROWD: usize = 10;

/// Nodes drawn before the view is cut.
pub const BUDGET: usize = 110;

/// Columns of organization clusters.
const COLUMNS: usize = 4;

/// Organizations per column of the grid of those with nothing else drawn.
const GRID_ROWS: usize = 6;

/// Whether an organization takes part in the ecosystem: it develops, raises, invests, has
/// a parent or a subsidiary, or was founded by someone.
fn takes_part(ctx: &Context<'_>, org: NodeRef) -> bool {
    ctx.outgoing(org).iter().any(|l| {
        matches!(
            l.kind,
            EdgeKind::Raised | EdgeKind::InvestedIn | EdgeKind::SubsidiaryOf | EdgeKind::FoundedBy
        )
    }) || ctx
        .incoming(org)
        .iter()
        .any(|l| matches!(l.kind, EdgeKind::DevelopedBy | EdgeKind::SubsidiaryOf))
}

/// The organizations one step from `org`: parents, subsidiaries, the investors of its rounds
/// and the raisers of the rounds it invested in.
fn neighbours(ctx: &Context<'_>, org: NodeRef) -> Vec<NodeRef> {
    let mut found = Vec::new();
    for link in &ctx.outgoing(org) {
        match link.kind {
            EdgeKind::SubsidiaryOf => found.push(link.to),
            EdgeKind::Raised => found.extend(
                ctx.incoming(link.to)
                    .iter()
                    .filter(|l| l.kind == EdgeKind::InvestedIn)
                    .map(|l| l.from),
            ),
            EdgeKind::InvestedIn => found.extend(
                ctx.incoming(link.to)
                    .iter()
                    .filter(|l| l.kind == EdgeKind::Raised)
                    .map(|l| l.from),
            ),
            _ => {}
        }
    }
    found.extend(
        ctx.incoming(org)
            .iter()
            .filter(|l| l.kind == EdgeKind::SubsidiaryOf)
            .map(|l| l.from),
    );
    found
}

/// Builds the ecosystem view.
pub fn build(ctx: &Context<'_>, options: &Options) -> Result<Diagram, Error> {
    let root = ctx.root(options, &[NodeKind::Organization], ROOTS)?;
    let mut alone: Vec<NodeRef> = Vec::new();
    let orgs: Vec<(NodeRef, usize)> = match root {
        None => (0..ctx.graph.entities.len())
            .map(|i| NodeRef::Entity(i as u32))
            .filter(|&n| ctx.graph.kind_of(n) == NodeKind::Organization)
            .filter(|&n| {
                takes_part(ctx, n) || {
                    alone.push(n);
                    false
                }
            })
            .map(|n| (n, 0))
            .collect(),
        Some(root) => {
            let depth = options.depth.unwrap_or(2);
            let mut distance: HashMap<NodeRef, usize> = HashMap::from([(root, 0)]);
            let mut queue = VecDeque::from([root]);
            while let Some(org) = queue.pop_front() {
                let d = distance.get(&org).copied().unwrap_or(0);
                if d >= depth {
                    continue;
                }
                for next in neighbours(ctx, org) {
                    if let std::collections::hash_map::Entry::Vacant(slot) = distance.entry(next) {
                        slot.insert(d + 1);
                        queue.push_back(next);
                    }
                }
            }
            let mut reached: Vec<(NodeRef, usize)> = distance.into_iter().collect();
            reached.sort_by_key(|&(n, d)| (d, ctx.id(n)));
            reached
        }
    };
    let title = match root.and_then(|r| ctx.entity(r)) {
        Some(e) => format!("Ecosystem around {}", e.name),
        None => "Ecosystem: organizations, their models, rounds and investors".to_string(),
    };
    let mut diagram = Diagram::new(title, true);
    diagram.budget = Some(BUDGET);
    diagram.crowd = Some(CROWD);
    diagram.cut_hint = Some("--root an organization shows its neighbourhood".to_string());
    for &(org, distance) in &orgs {
        let base = distance as u32 * 10;
        let Some(mut node) = org_node(ctx, org, base) else {
            continue;
        };
        node.weight = ctx.incoming(org).len() as u32 + ctx.outgoing(org).len() as u32;
        let org_id = node.id.clone();
        let works: Vec<NodeRef> = ctx
            .incoming(org)
            .iter()
            .filter(|l| l.kind == EdgeKind::DevelopedBy)
            .map(|l| l.from)
            .collect();
        if !works.is_empty() {
            diagram.cluster(org_id.clone(), node.label.clone());
            node.cluster = Some(org_id.clone());
        }
        diagram.put(node);
        add_works(ctx, &mut diagram, &org_id, &works, base);
        add_money(ctx, &mut diagram, org, base);
        for link in &ctx.outgoing(org) {
            let (target, relation, words) = match link.kind {
                EdgeKind::SubsidiaryOf => (link.to, Relation::Subsidiary, "subsidiary of"),
                EdgeKind::FoundedBy => (link.to, Relation::Founded, "founded by"),
                _ => continue,
            };
            add_entity(ctx, &mut diagram, target, base + 5);
            let mut edge = Edge::new(org_id.clone(), ctx.id(target), relation, words);
            edge.status = ctx.link_status(link);
            edge.tooltip = ctx.link_tooltip(link);
            edge.sources = ctx.link_sources(link);
            diagram.edge(edge);
        }
    }
    add_alone(ctx, &mut diagram, &alone);
    if root.is_none() {
        side_by_side(ctx, &mut diagram, &orgs);
    }
    Ok(diagram)
}

/// Columns of clusters rather than one tall one: the organizations by what they hold, the
/// largest in the first column, each with the ones of its row to its right.
fn side_by_side(ctx: &Context<'_>, diagram: &mut Diagram, orgs: &[(NodeRef, usize)]) {
    let mut sized: Vec<(usize, String)> = orgs
        .iter()
        .map(|&(org, _)| {
            let held = ctx
                .incoming(org)
                .iter()
                .filter(|l| l.kind == EdgeKind::DevelopedBy)
                .count();
            (held, ctx.id(org).into_owned())
        })
        .filter(|(held, _)| *held > 0)
        .collect();
    sized.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let rows = sized.len().div_ceil(COLUMNS);
    for (i, (_, org)) in sized.iter().enumerate() {
        if let Some((_, next)) = sized.get(i + rows) {
            diagram.after(org.clone(), next.clone());
        }
    }
}

/// The organizations with no model, round, subsidiary or founder in the data, as a grid in
/// one box, so that every organization is in the picture.
fn add_alone(ctx: &Context<'_>, diagram: &mut Diagram, alone: &[NodeRef]) {
    if alone.is_empty() {
        return;
    }
    const KEY: &str = "group:alone";
    diagram.cluster(
        KEY,
        format!(
            "{} organizations with no model, round or subsidiary in the data",
            alone.len()
        ),
    );
    let mut ids = Vec::new();
    for &org in alone {
        let Some(mut node) = org_node(ctx, org, 20) else {
            continue;
        };
        node.weight = ctx.incoming(org).len() as u32;
        node.cluster = Some(KEY.to_string());
        ids.push(node.id.clone());
        diagram.node(node);
    }
    ids.sort();
    diagram.grid(&ids, GRID_ROWS, 1);
}

/// Adds an organization or person outside any cluster, unless it is already drawn.
fn add_entity(ctx: &Context<'_>, diagram: &mut Diagram, node: NodeRef, priority: u32) {
    let Some(entity) = ctx.entity(node) else {
        return;
    };
    if diagram.has(&entity.id) {
        return;
    }
    let drawn = if entity.kind == NodeKind::Organization {
        org_node(ctx, node, priority)
    } else {
        let mut n = Node::new(entity.id.clone(), ctx.name(entity), Kind::Person, priority);
        n.tooltip = Some(entity.id.clone());
        Some(n)
    };
    if let Some(drawn) = drawn {
        diagram.node(drawn);
    }
}

/// An organization's families and models, in its cluster, with the relations between them.
fn add_works(ctx: &Context<'_>, diagram: &mut Diagram, org_id: &str, works: &[NodeRef], base: u32) {
    let families: Vec<NodeRef> = works
        .iter()
        .copied()
        .filter(|&w| ctx.graph.kind_of(w) == NodeKind::ModelFamily)
        .collect();
    // Where each work is drawn: itself, or (for a model) the family it is counted in.
    let mut shown: HashMap<NodeRef, NodeRef> = HashMap::new();
    for &work in works {
        let family = ctx
            .outgoing(work)
            .iter()
            .find(|l| {
                l.kind == EdgeKind::MemberOf
                    && ctx.graph.kind_of(work) == NodeKind::Model
                    && families.contains(&l.to)
            })
            .map(|l| l.to);
        shown.insert(work, family.unwrap_or(work));
    }
    for &work in works {
        if shown.get(&work) != Some(&work) {
            continue;
        }
        let Some(entity) = ctx.entity(work) else {
            continue;
        };
        let (kind, priority) = if entity.kind == NodeKind::ModelFamily {
            (Kind::Family, base + 1)
        } else {
            (Kind::Model, base + 3)
        };
        let mut label = ctx.name(entity);
        let members = shown
            .iter()
            .filter(|(m, s)| **s == work && **m != work)
            .count();
        if members > 0 {
            label.push_str(&format!(
                "\n({members} model{})",
                if members == 1 { "" } else { "s" }
            ));
        }
        if let Some(date) = ctx.release(work) {
            label.push_str(&format!("\n{date}"));
        }
        let mut node = Node::new(entity.id.clone(), label, kind, priority);
        node.cluster = Some(org_id.to_string());
        node.tooltip = Some(entity.id.clone());
        // Families by their members; then what is linked most and released last.
        let year = ctx
            .release(work)
            .map_or(0, |d| d.start_key().0.clamp(2000, 2100) - 2000);
        node.weight = members as u32 * 100
            + ctx.incoming(work).len() as u32
            + u32::try_from(year).unwrap_or(0);
        diagram.node(node);
        // To the works no other drawn work holds: the rest hang off their family.
        let held = ctx
            .outgoing(work)
            .iter()
            .any(|l| l.kind == EdgeKind::MemberOf && shown.get(&l.to).is_some_and(|&s| s == l.to));
        if !held {
            diagram.edge(Edge::new(org_id, &entity.id, Relation::Develops, ""));
        }
    }
    for &work in works {
        for link in &ctx.outgoing(work) {
            // Successions and derivations are the lineage view's: laid out in time there,
            // here they would stretch a cluster across the picture.
            if link.kind != EdgeKind::MemberOf {
                continue;
            }
            let (Some(&from), Some(&to)) = (shown.get(&link.from), shown.get(&link.to)) else {
                continue;
            };
            if from == to {
                continue;
            }
            let (relation, mut words) = draw::relation_words(link.kind);
            if relation == Relation::Member {
                // Its colour says it (see the legend).
                words.clear();
            }
            let mut edge = Edge::new(ctx.id(to), ctx.id(from), relation, words);
            edge.status = ctx.link_status(link);
            edge.tooltip = ctx.link_tooltip(link);
            edge.sources = ctx.link_sources(link);
            diagram.edge(edge);
        }
    }
}

/// An organization's rounds, with their figures, and the investors in them.
fn add_money(ctx: &Context<'_>, diagram: &mut Diagram, org: NodeRef, base: u32) {
    for link in &ctx.outgoing(org) {
        if link.kind == EdgeKind::Raised {
            draw::add_round(ctx, diagram, link.to, base + 2);
        }
    }
}
