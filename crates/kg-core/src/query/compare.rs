//! `compare`: entities side by side, a row per property, each cell every claim of that
//! property about that entity (the latest first), so an analyst sees each figure with its
//! as-of, status and source line, and sees where the data has nothing.

use super::{resolve_entity, QueryError};
use crate::graph::Graph;
use crate::model::{Claim, Entity};
use crate::property::Property;

/// One property across the entities compared.
#[derive(Debug, Clone)]
pub struct PropertyRow<'g> {
    /// The property.
    pub property: Property,
    /// Per entity (in the order asked), its claims of the property, latest first (empty:
    /// none recorded).
    pub cells: Vec<Vec<&'g Claim>>,
}

/// Entities side by side.
#[derive(Debug, Clone)]
pub struct Compared<'g> {
    /// The entities, in the order asked.
    pub entities: Vec<&'g Entity>,
    /// One row per property.
    pub rows: Vec<PropertyRow<'g>>,
}

/// Compares the entities `ids` on `properties` (empty: every property any of them has a
/// figure for, relations left out, in the vocabulary's order).
///
/// Complexity: linear in the claims about the entities.
pub fn compare<'g>(
    graph: &'g Graph,
    ids: &[String],
    properties: &[String],
) -> Result<Compared<'g>, QueryError> {
    let entities: Vec<(u32, &Entity)> = ids
        .iter()
        .map(|id| resolve_entity(graph, id))
        .collect::<Result<_, _>>()?;
    let wanted: Vec<Property> = properties
        .iter()
        .map(|p| super::parse_property(p))
        .collect::<Result<_, _>>()?;
    let claims: Vec<Vec<&Claim>> = entities
        .iter()
        .map(|(i, _)| {
            super::claims_about(graph, *i)
                .filter(|c| !c.property.is_relation())
                .collect()
        })
        .collect();
    let properties: Vec<Property> = if wanted.is_empty() {
        Property::ALL
            .iter()
            .copied()
            .filter(|p| claims.iter().flatten().any(|c| c.property == *p))
            .collect()
    } else {
        wanted
    };
    let rows = properties
        .into_iter()
        .map(|property| PropertyRow {
            property,
            cells: claims
                .iter()
                .map(|cs| {
                    let mut cell: Vec<&Claim> = cs
                        .iter()
                        .copied()
                        .filter(|c| c.property == property)
                        .collect();
                    // Latest first: by as-of or period end, undated last; stable otherwise.
                    cell.sort_by_key(|c| {
                        std::cmp::Reverse(
                            c.qualifiers
                                .as_of
                                .or(c.qualifiers.period.map(|p| p.end))
                                .map(|d| d.end_key()),
                        )
                    });
                    cell
                })
                .collect(),
        })
        .collect();
    Ok(Compared {
        entities: entities.into_iter().map(|(_, e)| e).collect(),
        rows,
    })
}
