//! What more than one view draws the same way: a figure as a node or on an edge, an
//! organization (as an investor or not), an entity by its kind, the words of a lineage
//! relation, and a funding round with its raiser, figures and investors. Views use this
//! module and never each other.

use crate::context::{self, Context};
use crate::diagram::{Diagram, Edge, Node};
use crate::style::{Kind, Relation};
use kg_core::model::{EdgeKind, Role};
use kg_core::{Claim, NodeKind, NodeRef, Property};

/// A claim drawn as a node: the property, the figure, its status, conflict and quote.
pub fn figure_node(ctx: &Context<'_>, claim: &Claim, priority: u32) -> Node {
    let mut label = claim.property.name().to_string();
    if let Some(object) = ctx.graph.object(claim) {
        label.push_str(&format!(" of {}", object.name));
    }
    label.push('\n');
    label.push_str(&context::figure(claim));
    label.push('\n');
    label.push_str(&context::stated_in(ctx.graph, claim));
    let mut node = Node::new(ctx.claim_id(claim), label, Kind::Claim, priority);
    node.status = claim.status;
    node.conflict = ctx.conflicts(claim);
    node.tooltip = ctx.tooltip(claim);
    node
}

/// An edge that carries a figure: its value in the label, styled by the claim's status.
pub fn figure_edge(
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
    edge.sources = context::citations(ctx.graph, claim);
    edge.primary = context::primary_sources(ctx.graph, claim);
    edge.cite = true;
    edge.status = claim.status;
    edge.conflict = ctx.conflicts(claim);
    edge.tooltip = ctx.tooltip(claim);
    edge
}

/// The kind an entity of the graph is drawn as.
pub fn entity_kind(kind: NodeKind) -> Kind {
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

/// The words on a lineage edge.
pub fn relation_words(kind: EdgeKind) -> (Relation, String) {
    match kind {
        EdgeKind::MemberOf => (Relation::Member, "member".to_string()),
        EdgeKind::SuccessorOf => (Relation::Successor, "successor".to_string()),
        EdgeKind::DerivedFrom(k) => (Relation::Derived, k.name().to_string()),
        other => (Relation::About, other.name().to_string()),
    }
}

/// The kind an organization is drawn as.
pub fn org_kind(ctx: &Context<'_>, org: NodeRef) -> Kind {
    let Some(entity) = ctx.entity(org) else {
        return Kind::Organization;
    };
    let invests = ctx
        .outgoing(org)
        .iter()
        .any(|l| l.kind == EdgeKind::InvestedIn);
    let develops = ctx
        .incoming(org)
        .iter()
        .any(|l| l.kind == EdgeKind::DevelopedBy);
    let investor_role = matches!(
        entity.details(),
        kg_core::model::Details::Organization { roles, .. }
            if roles.contains(&Role::Investor) && !roles.contains(&Role::Developer)
    );
    if (invests || investor_role) && !develops {
        Kind::Investor
    } else {
        Kind::Organization
    }
}

/// An organization's node.
pub fn org_node(ctx: &Context<'_>, org: NodeRef, priority: u32) -> Option<Node> {
    let entity = ctx.entity(org)?;
    let mut node = Node::new(
        entity.id.clone(),
        ctx.name(entity),
        org_kind(ctx, org),
        priority,
    );
    node.tooltip = Some(entity.id.clone());
    Some(node)
}

/// Whether a property is about money raised or what it was raised at.
pub fn is_funding(property: Property) -> bool {
    matches!(property, Property::FundingAmount | Property::Valuation)
}

/// The funding figures of a round (its subject or object is `node`), or of an organization
/// outside any round (its subject is `node` and it has no object), in time order.
pub fn figures<'g>(ctx: &Context<'g>, node: NodeRef) -> Vec<&'g Claim> {
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
pub fn add_round(ctx: &Context<'_>, diagram: &mut Diagram, round: NodeRef, priority: u32) {
    let Some(entity) = ctx.entity(round) else {
        return;
    };
    let claims = figures(ctx, round);
    let mut label = ctx.name(entity);
    let invested = ctx
        .incoming(round)
        .iter()
        .any(|l| l.kind == EdgeKind::InvestedIn);
    if !invested {
        label.push_str("\n(no investors recorded)");
    }
    let mut node = Node::new(entity.id.clone(), label, Kind::Round, priority);
    node.tooltip = Some(entity.id.clone());
    // Rounds in time order: by their first dated figure.
    if let Some(first) = claims.first() {
        node.order = ctx.time_key(first);
    }
    diagram.node(node);
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
                    edge.sources = ctx.link_sources(link);
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
                edge.sources = ctx.link_sources(link);
                diagram.edge(edge);
            }
            _ => {}
        }
    }
}
