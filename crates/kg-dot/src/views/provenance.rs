//! The provenance view: claims, the citations of them grouped by section (one node per
//! section of a document: its lines, the quotes as the tooltip), the documents they cite and the primary sources those citations are attributed
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

/// What `--root` may name.
pub const ROOTS: &str = "a claim, an entity or a source";

/// What the view draws without options.
pub const DEFAULTS: &str = "--root is required; a source root draws the claims citing \
it, grouped by section; when cut, the root's own claim comes first, then the most cited, \
conflicting and recent";

/// Nodes drawn before the view is cut.
pub const BUDGET: usize = 40;

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
    diagram.budget = Some(BUDGET);
    let root_is_source = ctx.graph.kind_of(root) == NodeKind::Source;
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
    // Cut to the budget, the root's own claim is kept first, then the most important:
    // cited most, conflicting, most recent.
    for (id, &(claim, priority)) in &claims {
        let (year, _, _) = ctx.claim_order(claim).0;
        let recency = u32::try_from(year.clamp(2000, 2100) - 2000).unwrap_or(0);
        let weight =
            claim.citations.len() as u32 * 10 + if ctx.conflicts(claim) { 50 } else { 0 } + recency;
        add_claim(
            ctx,
            &mut diagram,
            id,
            claim,
            priority * 2 + 1,
            weight,
            root_is_source,
        );
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
    weight: u32,
    root_is_source: bool,
) {
    let mut node = figure_node(ctx, claim, priority);
    node.weight = weight;
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
            // Around a source, what the claims are about comes after the claims.
            let mut n = Node::new(
                id.clone(),
                ctx.name(entity),
                entity_kind(entity.kind),
                priority + u32::from(root_is_source),
            );
            n.tooltip = Some(id.clone());
            diagram.node(n);
        }
        diagram.edge(Edge::new(claim_id, id, Relation::About, words));
    }
    for citation in claim.citations.iter() {
        let source = ctx.graph.source_of(citation);
        // One node per section of a document: every claim quoted from it points there.
        let section_id = format!("section:{}#{}", source.id, citation.section);
        // The section's last two headings: the document's title is its own node.
        let path: Vec<&str> = ctx.graph.section(citation).split(" > ").collect();
        let section = path[path.len().saturating_sub(2)..].join(" > ");
        let line = (source.id.clone(), citation.line);
        let mut node = Node::new(
            section_id.clone(),
            if section.is_empty() {
                source.id.clone()
            } else {
                format!("{}\n{section}", source.id)
            },
            Kind::Citation,
            priority,
        );
        node.weight = weight;
        diagram.citation(node, line, &citation.quote);
        let mut stated = Edge::new(claim_id, &section_id, Relation::Cites, "quoted from");
        stated.sources = vec![(source.id.clone(), citation.line)];
        stated.cite = true;
        stated.tooltip = Some(citation.quote.to_string());
        diagram.edge(stated);
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
        diagram.edge(Edge::new(&section_id, &source.id, Relation::Cites, "in"));
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
            let mut edge = Edge::new(&section_id, primary, Relation::Attributed, "primary source");
            edge.sources = vec![(source.id.clone(), citation.line)];
            edge.cite = true;
            diagram.edge(edge);
        }
    }
}
