//! `show`: an entity, its relations in both directions, and every claim about it grouped by
//! property.

use super::{resolve_entity, QueryError};
use crate::graph::{Graph, NodeRef};
use crate::model::{Claim, DerivationKind, EdgeKind, Entity, NodeKind};
use crate::property::Property;
use petgraph::visit::EdgeRef;

/// Which way a relation points from the entity shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// From the entity to the other (`llama-3.1-405b` developed_by `meta`).
    Outgoing,
    /// From the other to the entity (`meta` is what `llama-3.1-405b` is developed_by).
    Incoming,
}

impl Direction {
    /// The JSON name: `outgoing` or `incoming`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Outgoing => "outgoing",
            Direction::Incoming => "incoming",
        }
    }
}

/// A structural relation between the entity and another entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The edge kind's name (`developed_by`, `member_of`, ...).
    pub kind: &'static str,
    /// The derivation kind, for `derived_from`.
    pub derivation: Option<DerivationKind>,
    /// Which way it points.
    pub direction: Direction,
    /// The other entity's id.
    pub other: String,
    /// The claim that states it, if any.
    pub claim: Option<String>,
}

/// What `show` finds.
#[derive(Debug, Clone)]
pub struct Shown<'g> {
    /// The entity.
    pub entity: &'g Entity,
    /// Its relations: outgoing first, then incoming, each by kind and other id.
    pub relations: Vec<Relation>,
    /// The claims about it (as subject or object), grouped by property in vocabulary order,
    /// each group in load order.
    pub claims: Vec<(Property, Vec<&'g Claim>)>,
    /// What an analyst expects of an entity of its kind and the data does not record
    /// (`investors` of a round, `license` of a model), so nobody has to wonder.
    pub none_recorded: Vec<&'static str>,
}

/// A relation an analyst expects: its name, the edge kind and the direction.
type ExpectedLink = (&'static str, &'static str, Direction);

/// What an analyst expects of each kind: relations (field name, edge kind, direction) and
/// properties. A round's investors, a model's developer, size, date and licence.
const EXPECTED: &[(NodeKind, &[ExpectedLink], &[Property])] = &[
    (
        NodeKind::FundingRound,
        &[("investors", "invested_in", Direction::Incoming)],
        &[Property::FundingAmount],
    ),
    (
        NodeKind::Model,
        &[("developer", "developed_by", Direction::Outgoing)],
        &[
            Property::ParametersTotal,
            Property::ReleaseDate,
            Property::License,
        ],
    ),
    (
        NodeKind::ModelFamily,
        &[("developer", "developed_by", Direction::Outgoing)],
        &[],
    ),
    (NodeKind::Market, &[], &[Property::MarketSize]),
];

/// The entity `id`, its relations and the claims about it.
///
/// Complexity: linear in the entity's edges.
pub fn show<'g>(graph: &'g Graph, id: &str) -> Result<Shown<'g>, QueryError> {
    let (index, entity) = resolve_entity(graph, id)?;
    let node = graph.node(NodeRef::Entity(index));
    let mut relations = Vec::new();
    for (direction, petgraph_direction) in [
        (Direction::Outgoing, petgraph::Direction::Outgoing),
        (Direction::Incoming, petgraph::Direction::Incoming),
    ] {
        for edge in graph.graph.edges_directed(node, petgraph_direction) {
            let other = match direction {
                Direction::Outgoing => edge.target(),
                Direction::Incoming => edge.source(),
            };
            let NodeRef::Entity(other) = graph.graph[other] else {
                continue;
            };
            let kind = edge.weight().kind;
            relations.push(Relation {
                kind: kind.name(),
                derivation: match kind {
                    EdgeKind::DerivedFrom(d) => Some(d),
                    _ => None,
                },
                direction,
                other: graph.entities[other as usize].id.clone(),
                claim: edge
                    .weight()
                    .claim
                    .and_then(|c| graph.claims.get(c as usize))
                    .map(|c| graph.claim_id(c)),
            });
        }
    }
    relations.sort_by(|a, b| {
        (a.direction, a.kind, &a.other, &a.claim).cmp(&(b.direction, b.kind, &b.other, &b.claim))
    });
    relations.dedup_by(|a, b| a.direction == b.direction && a.kind == b.kind && a.other == b.other);
    let mut claims: Vec<(Property, Vec<&Claim>)> = Vec::new();
    let mut about = graph.claims_about(&entity.id);
    about.sort_by_key(|c| c.property);
    for claim in about {
        match claims.last_mut() {
            Some((p, group)) if *p == claim.property => group.push(claim),
            _ => claims.push((claim.property, vec![claim])),
        }
    }
    let mut none_recorded = Vec::new();
    for (kind, links, properties) in EXPECTED {
        if *kind != entity.kind {
            continue;
        }
        for (name, edge, direction) in *links {
            if !relations
                .iter()
                .any(|r| r.kind == *edge && r.direction == *direction)
            {
                none_recorded.push(*name);
            }
        }
        for p in *properties {
            if !claims.iter().any(|(q, _)| q == p) {
                none_recorded.push(p.name());
            }
        }
    }
    Ok(Shown {
        entity,
        relations,
        claims,
        none_recorded,
    })
}
