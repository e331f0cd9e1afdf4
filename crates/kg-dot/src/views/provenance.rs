//! The provenance view: claims, each citation of them (line and section, the quote as the
//! tooltip), the documents they cite and the primary sources those citations are attributed
//! to: the chain claim, document, primary source of W3C PROV's wasQuotedFrom and
//! hadPrimarySource.
//!
//! Centred on a claim, it shows the claim and every claim of the same subject, property and
//! qualifiers (so corroborating and conflicting figures stand side by side); on an entity,
//! the claims about it, citing it or attributed to it; on a source, the claims citing it.

use crate::context::Context;
use crate::diagram::{Diagram, Edge, Node};
use crate::draw::{entity_kind, figure_node};
use crate::style::{Kind, Relation};
use crate::{Error, Options};
use kg_core::model::EdgeKind;
use kg_core::{Claim, NodeKind};
use std::collections::BTreeMap;

const ROOTS: &str = "a claim, an entity or a source";

/// Builds the provenance view.
pub fn build(ctx: &Context<'_>, options: &Options) -> Result<Diagram, Error> {
    let root = ctx
        .root(options, &NodeKind::ALL, ROOTS)?
        .ok_or(Error::MissingRoot {
            view: "provenance",
            expected: ROOTS,
        })?;
    // The claims to draw, by id (sorted), each with its priority.
    let mut claims: BTreeMap<String, (&Claim, u32)> = BTreeMap::new();
    let title;
    match ctx.claim(root) {
        Some(claim) => {
            let id = ctx.claim_id(claim);
            title = format!("Provenance of {id}");
            claims.insert(id, (claim, 0));
            for other in ctx.graph.claims_about(ctx.graph.entity_id(claim.subject)) {
                let same = other.subject == claim.subject
                    && other.property == claim.property
                    && other.object == claim.object
                    && other.qualifiers == claim.qualifiers;
                if same {
                    claims.entry(ctx.claim_id(other)).or_insert((other, 1));
                }
            }
        }
        None => {
            let id = ctx.id(root);
            title = format!(
                "Provenance of what {} states and what is said of it",
                ctx.name_of(&id)
            );
            for claim in ctx.graph.claims_about(&id) {
                claims.entry(ctx.claim_id(claim)).or_insert((claim, 1));
            }
            for link in &ctx.incoming(root) {
                if matches!(link.kind, EdgeKind::Cites(_) | EdgeKind::AttributedTo(_)) {
                    if let Some(claim) = ctx.claim(link.from) {
                        claims.entry(ctx.claim_id(claim)).or_insert((claim, 1));
                    }
                }
            }
        }
    }
    let mut diagram = Diagram::new(title, true);
    if let Some(entity) = ctx.entity(root) {
        let kind = match entity.kind {
            NodeKind::Source => Kind::Document,
            NodeKind::Organization => Kind::PrimarySource,
            other => entity_kind(other),
        };
        let mut node = Node::new(entity.id.clone(), ctx.name(entity), kind, 0);
        node.tooltip = Some(entity.id.clone());
        diagram.node(node);
    }
    // Cut at --max-nodes, whole chains are kept first: the root's claim, then the others in
    // id order, each with its citations, documents and primary sources.
    let mut ordered: Vec<(u32, &str, &Claim)> = claims
        .iter()
        .map(|(id, &(claim, priority))| (priority, id.as_str(), claim))
        .collect();
    ordered.sort_by_key(|&(priority, id, _)| (priority, id));
    for (n, (_, id, claim)) in ordered.into_iter().enumerate() {
        add_claim(ctx, &mut diagram, id, claim, 1 + n as u32);
    }
    Ok(diagram)
}

/// A claim (whose id is `claim_id`), its subject and object, and the chain of each of its
/// citations.
fn add_claim(
    ctx: &Context<'_>,
    diagram: &mut Diagram,
    claim_id: &str,
    claim: &Claim,
    priority: u32,
) {
    let mut node = figure_node(ctx, claim, priority);
    let subject = ctx.entity_name(claim.subject);
    if claim.property.is_relation() {
        node.label = format!(
            "{} {} {}",
            subject,
            claim.property.name(),
            claim.object.map(|o| ctx.entity_name(o)).unwrap_or_default()
        );
    } else {
        node.label = format!("{}: {}", subject, node.label);
    }
    if let Some(why) = claim.editorial() {
        node.label.push_str(&format!("\neditorial: {why}"));
    }
    diagram.node(node);
    for (entity, words) in [
        (Some(ctx.graph.subject(claim)), "about"),
        (ctx.graph.object(claim), "object"),
    ] {
        let Some(entity) = entity else { continue };
        let id = &entity.id;
        if !diagram.has(id) {
            let mut n = Node::new(
                id.clone(),
                ctx.name(entity),
                entity_kind(entity.kind),
                priority,
            );
            n.tooltip = Some(id.clone());
            diagram.node(n);
        }
        diagram.edge(Edge::new(claim_id, id, Relation::About, words));
    }
    for (i, citation) in claim.citations.iter().enumerate() {
        let cite_id = format!("cite:{claim_id}#{i}");
        let mut label = format!(
            "{} line {}",
            ctx.graph.entity_id(citation.source),
            citation.line
        );
        let section = ctx.graph.section(citation);
        if !section.is_empty() {
            label.push_str(&format!("\n{section}"));
        }
        let mut node = Node::new(cite_id.clone(), label, Kind::Citation, priority);
        node.tooltip = Some(citation.quote.to_string());
        diagram.node(node);
        let mut stated = Edge::new(claim_id, &cite_id, Relation::Cites, "quoted from");
        stated.tooltip = Some(citation.quote.to_string());
        diagram.edge(stated);
        let source = ctx.graph.source_of(citation);
        if !diagram.has(&source.id) {
            let mut n = Node::new(
                source.id.clone(),
                ctx.name(source),
                Kind::Document,
                priority,
            );
            n.tooltip = Some(source.id.clone());
            diagram.node(n);
        }
        diagram.edge(Edge::new(&cite_id, &source.id, Relation::Cites, "in"));
        for &primary in citation.attributed_to.iter() {
            let entity = &ctx.graph.entities[primary as usize];
            let primary = &entity.id;
            if !diagram.has(primary) {
                let mut n = Node::new(
                    primary.clone(),
                    ctx.name(entity),
                    Kind::PrimarySource,
                    priority,
                );
                n.tooltip = Some(primary.clone());
                diagram.node(n);
            }
            diagram.edge(Edge::new(
                &cite_id,
                primary,
                Relation::Attributed,
                "primary source",
            ));
        }
    }
}
