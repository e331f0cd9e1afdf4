//! Mermaid flowcharts of the lineage and provenance views, for Markdown reports that render
//! them (GitHub, GitLab, Obsidian, mdBook with the plugin).
//!
//! They draw what kg-dot's views of the same name draw, from the same queries:
//! - lineage: the models and families `kg_core::query::lineage` reaches from the root (all
//!   of them without a root), and every membership, succession and derivation between them,
//!   drawn from the older (family, predecessor, base) to the newer;
//! - provenance: a claim and the other claims of the same fact (`kg_core::query::provenance`:
//!   corroborating and conflicting), or every claim about, citing or attributed to an
//!   entity; each with its subject, each citation (document, line, section), the document
//!   and the primary sources.
//!
//! Node ids are made from the graph's own indexes (`e12` for entity 12, `c40` for claim 40,
//! `q40_1` for its first citation), labels escaped with Mermaid's entity codes, and
//! everything written in a fixed order: the same data gives the same bytes.

use crate::Error;
use kg_core::model::{Claim, EdgeKind, NodeKind};
use kg_core::query::{lineage, provenance, LineageOptions};
use kg_core::{Graph, NodeRef};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

/// The views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Models and families along their lineage.
    Lineage,
    /// Claims, their citations, documents and primary sources.
    Provenance,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The view.
    pub view: View,
    /// The entity (or claim) to centre on; required by the provenance view.
    pub root: Option<String>,
    /// Which way and how far the lineage view walks from its root (as `kg lineage`).
    pub lineage: LineageOptions,
}

impl Options {
    /// A view with no root, both directions, any depth.
    pub fn new(view: View) -> Options {
        Options {
            view,
            root: None,
            lineage: LineageOptions::default(),
        }
    }
}

/// What a flowchart drew.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Nodes drawn.
    pub nodes: usize,
    /// Edges drawn.
    pub edges: usize,
}

/// Writes the view as a Mermaid flowchart.
pub fn write(graph: &Graph, options: &Options, out: impl Write) -> Result<Summary, Error> {
    let mut chart = Chart {
        out: std::io::BufWriter::new(out),
        drawn: HashSet::new(),
        summary: Summary::default(),
    };
    match options.view {
        View::Lineage => lineage_view(graph, options, &mut chart)?,
        View::Provenance => provenance_view(graph, options, &mut chart)?,
    }
    chart.out.flush()?;
    Ok(chart.summary)
}

/// A node key: what the node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Entity(u32),
    Claim(u32),
    Citation(u32, usize),
}

impl Key {
    fn id(self) -> String {
        match self {
            Key::Entity(i) => format!("e{i}"),
            Key::Claim(i) => format!("c{i}"),
            Key::Citation(i, n) => format!("q{i}_{n}"),
        }
    }
}

/// The shape of a node: `["rect"]`, `("rounded")`, `[("cylinder")]`, `{{"hexagon"}}`,
/// `(["stadium"])`, `>"flag"]`.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Rect,
    Rounded,
    Cylinder,
    Hexagon,
    Stadium,
    Flag,
}

struct Chart<W: Write> {
    out: std::io::BufWriter<W>,
    drawn: HashSet<Key>,
    summary: Summary,
}

impl<W: Write> Chart<W> {
    fn header(&mut self, title: &str, direction: &str) -> std::io::Result<()> {
        writeln!(self.out, "---")?;
        writeln!(self.out, "title: \"{}\"", title.replace('"', "'"))?;
        writeln!(self.out, "---")?;
        writeln!(self.out, "flowchart {direction}")
    }

    /// Draws a node once.
    fn node(&mut self, key: Key, shape: Shape, label: &str) -> std::io::Result<()> {
        if !self.drawn.insert(key) {
            return Ok(());
        }
        let (open, close) = match shape {
            Shape::Rect => ("[", "]"),
            Shape::Rounded => ("(", ")"),
            Shape::Cylinder => ("[(", ")]"),
            Shape::Hexagon => ("{{", "}}"),
            Shape::Stadium => ("([", "])"),
            Shape::Flag => (">", "]"),
        };
        self.summary.nodes += 1;
        writeln!(self.out, "    {}{open}\"{label}\"{close}", key.id())
    }

    fn edge(&mut self, from: Key, to: Key, label: &str, dotted: bool) -> std::io::Result<()> {
        self.summary.edges += 1;
        let arrow = if dotted { "-.->" } else { "-->" };
        writeln!(
            self.out,
            "    {} {arrow}|\"{}\"| {}",
            from.id(),
            escape(label),
            to.id()
        )
    }
}

/// Text for a quoted Mermaid label: `"`, `#`, `&`, `<`, `>` and backticks as entity codes,
/// line breaks as `<br/>`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '\n' => out.push_str("<br/>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A label of several lines, each escaped.
fn lines(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| escape(p))
        .collect::<Vec<_>>()
        .join("<br/>")
}

fn is_lineage(kind: EdgeKind) -> bool {
    matches!(
        kind,
        EdgeKind::MemberOf | EdgeKind::SuccessorOf | EdgeKind::DerivedFrom(_)
    )
}

fn is_model(graph: &Graph, entity: u32) -> bool {
    matches!(
        graph.entities[entity as usize].kind,
        NodeKind::Model | NodeKind::ModelFamily
    )
}

/// The words on a lineage edge, as kg-dot writes them.
fn relation_words(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::MemberOf => "member",
        EdgeKind::SuccessorOf => "successor",
        EdgeKind::DerivedFrom(d) => d.name(),
        other => other.name(),
    }
}

fn lineage_view<W: Write>(
    graph: &Graph,
    options: &Options,
    chart: &mut Chart<W>,
) -> Result<(), Error> {
    // The models and families to draw, in drawing order.
    // Dates as `kg lineage` gives them (a family's is its earliest member's).
    let mut dates: HashMap<u32, String> = HashMap::new();
    let (title, reached): (String, Vec<u32>) = match &options.root {
        None => (
            "Lineage of models and families".to_string(),
            (0..graph.entities.len() as u32)
                .filter(|&e| is_model(graph, e))
                .collect(),
        ),
        Some(root) => {
            let tree = lineage(graph, root, &options.lineage)?;
            if tree.kind == NodeKind::Source || tree.kind == NodeKind::Claim {
                return Err(Error::BadRoot(format!(
                    "the lineage view starts from a model, a family or an organization; `{root}` is a {}",
                    tree.kind.name()
                )));
            }
            let mut reached = Vec::new();
            let mut seen = HashSet::new();
            let steps = std::iter::once((tree.root.as_str(), tree.date))
                .chain(tree.ancestors.iter().map(|s| (s.id.as_str(), s.date)))
                .chain(tree.descendants.iter().map(|s| (s.id.as_str(), s.date)));
            for (id, date) in steps {
                if let Some(e) = graph.entity_index(id) {
                    if is_model(graph, e) && seen.insert(e) {
                        reached.push(e);
                        if let Some(date) = date {
                            dates.insert(e, date.to_string());
                        }
                    }
                }
            }
            let way = match (options.lineage.ancestors, options.lineage.descendants) {
                (true, false) => "ancestors",
                (false, true) => "descendants",
                _ => "ancestors and descendants",
            };
            (format!("Lineage of {}: {way}", tree.name), reached)
        }
    };
    chart.header(&title, "LR")?;
    let members: HashSet<u32> = reached.iter().copied().collect();
    for &e in &reached {
        let entity = &graph.entities[e as usize];
        let date = match dates.get(&e) {
            Some(date) => date.clone(),
            None => kg_core::query::release_date(graph, e)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        };
        let shape = if entity.kind == NodeKind::ModelFamily {
            Shape::Rounded
        } else {
            Shape::Rect
        };
        let label = lines(&[&entity.name, &entity.id, &date]);
        chart.node(Key::Entity(e), shape, &label)?;
    }
    for &e in &reached {
        let mut seen = Vec::new();
        for (_, head, edge) in graph.edges_from(NodeRef::Entity(e)) {
            let NodeRef::Entity(other) = head else {
                continue;
            };
            if !is_lineage(edge.kind)
                || !members.contains(&other)
                || seen.contains(&(edge.kind, other))
            {
                continue;
            }
            seen.push((edge.kind, other));
            // From the older (family, predecessor, base) to the newer.
            chart.edge(
                Key::Entity(other),
                Key::Entity(e),
                relation_words(edge.kind),
                false,
            )?;
        }
    }
    Ok(())
}

fn provenance_view<W: Write>(
    graph: &Graph,
    options: &Options,
    chart: &mut Chart<W>,
) -> Result<(), Error> {
    let root = options.root.as_deref().ok_or_else(|| {
        Error::BadRoot("the provenance view needs --root: a claim, an entity or a source".into())
    })?;
    // The claims to draw, by claim index: the root claim first, then the others by id.
    let mut claims: Vec<u32> = Vec::new();
    let title;
    match graph.lookup(root) {
        Some(NodeRef::Claim(c)) => {
            let found = provenance(graph, root)?;
            title = format!("Provenance of {root}");
            claims.push(c);
            let mut others: BTreeMap<String, u32> = BTreeMap::new();
            for other in found.corroborating.iter().chain(&found.conflicting) {
                let id = graph.claim_id(other);
                if let Some(NodeRef::Claim(i)) = graph.lookup(&id) {
                    others.insert(id, i);
                }
            }
            claims.extend(others.into_values());
        }
        Some(NodeRef::Entity(e)) => {
            let entity = &graph.entities[e as usize];
            title = format!(
                "Provenance of what {} states and what is said of it",
                entity.name
            );
            let mut found: BTreeMap<String, u32> = BTreeMap::new();
            let node = NodeRef::Entity(e);
            for (tail, _, edge) in graph.edges_to(node) {
                let relevant = matches!(
                    edge.kind,
                    EdgeKind::AboutSubject
                        | EdgeKind::AboutObject
                        | EdgeKind::Cites(_)
                        | EdgeKind::AttributedTo(_)
                );
                if let (true, NodeRef::Claim(c)) = (relevant, tail) {
                    found.insert(graph.claim_id(&graph.claims[c as usize]), c);
                }
            }
            claims.extend(found.into_values());
        }
        None => return Err(kg_core::query::unknown(graph, "claim or entity", root).into()),
    }
    chart.header(&title, "LR")?;
    if let Some(NodeRef::Entity(e)) = graph.lookup(root) {
        let entity = &graph.entities[e as usize];
        chart.node(
            Key::Entity(e),
            entity_shape(entity.kind),
            &lines(&[&entity.name, &entity.id]),
        )?;
    }
    for c in claims {
        draw_claim(graph, c, chart)?;
    }
    Ok(())
}

fn entity_shape(kind: NodeKind) -> Shape {
    match kind {
        NodeKind::Source => Shape::Cylinder,
        NodeKind::Organization | NodeKind::Person => Shape::Hexagon,
        NodeKind::ModelFamily => Shape::Rounded,
        _ => Shape::Rect,
    }
}

/// A claim, its subject and object, and the chain of each citation, as
/// `kg_core::query::provenance` gives it.
fn draw_claim<W: Write>(graph: &Graph, index: u32, chart: &mut Chart<W>) -> Result<(), Error> {
    let claim: &Claim = &graph.claims[index as usize];
    let id = graph.claim_id(claim);
    let subject = graph.subject(claim);
    let what = if claim.property.is_relation() {
        format!(
            "{} {} {}",
            subject.name,
            claim.property.name(),
            graph
                .object(claim)
                .map(|o| o.name.as_str())
                .unwrap_or_default()
        )
    } else {
        format!(
            "{}: {} {}",
            subject.name,
            claim.property.name(),
            claim.value.text
        )
    };
    let status = format!("{} · {}", claim.status.name(), claim.qualifiers);
    chart.node(
        Key::Claim(index),
        Shape::Stadium,
        &lines(&[&what, &id, status.trim_end_matches(" · ")]),
    )?;
    for (entity, words) in [(Some(claim.subject), "about"), (claim.object, "object")] {
        let Some(e) = entity else { continue };
        let entity = &graph.entities[e as usize];
        chart.node(
            Key::Entity(e),
            entity_shape(entity.kind),
            &lines(&[&entity.name, &entity.id]),
        )?;
        chart.edge(Key::Claim(index), Key::Entity(e), words, false)?;
    }
    let chain = provenance(graph, &id)?.chain;
    // The chain is, per citation, its document and then the primary sources it names.
    let mut citation = 0;
    for link in &chain {
        match link.kind {
            kg_core::query::LinkKind::Document => {
                citation += 1;
                let cite = Key::Citation(index, citation);
                let line = format!("{} line {}", link.id, link.line.unwrap_or_default());
                let quote = format!("“{}”", link.quote.as_deref().unwrap_or_default());
                chart.node(
                    cite,
                    Shape::Flag,
                    &lines(&[&line, link.section.as_deref().unwrap_or_default(), &quote]),
                )?;
                chart.edge(Key::Claim(index), cite, "quoted from", false)?;
                let document = graph.entity_index(&link.id).map(Key::Entity);
                if let Some(document) = document {
                    let name = link.name.as_deref().unwrap_or_default();
                    chart.node(document, Shape::Cylinder, &lines(&[name, &link.id]))?;
                    chart.edge(cite, document, "in", false)?;
                }
            }
            kg_core::query::LinkKind::PrimarySource => {
                let Some(primary) = graph.entity_index(&link.id) else {
                    continue;
                };
                let name = link.name.as_deref().unwrap_or_default();
                chart.node(
                    Key::Entity(primary),
                    Shape::Hexagon,
                    &lines(&[name, &link.id]),
                )?;
                chart.edge(
                    Key::Citation(index, citation),
                    Key::Entity(primary),
                    "primary source",
                    true,
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn labels_escape_what_mermaid_reads() {
        assert_eq!(
            escape(r#"a "b" <c> & #d"#),
            "a #quot;b#quot; #lt;c#gt; #amp; #35;d"
        );
        assert_eq!(escape("一 > 二\n三"), "一 #gt; 二<br/>三");
    }
}
