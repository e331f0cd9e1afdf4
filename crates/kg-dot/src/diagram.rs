//! The picture a view builds, before it is DOT: nodes, edges, clusters and time ranks, each
//! with a kind and a status; and the one writer that turns it into DOT with dot-writer,
//! sorting everything, cutting at `--max-nodes`, and adding the legend.

use crate::escape::quote;
use crate::style::{self, Kind, Relation};
use dot_writer::{Attributes, DotWriter, Scope};
use kg_core::Status;
use std::collections::{BTreeMap, BTreeSet};

/// A node of a diagram.
#[derive(Debug, Clone)]
pub struct Node {
    /// The DOT id (an entity or claim id, or a prefixed synthetic id).
    pub id: String,
    /// The text drawn in the node.
    pub label: String,
    /// What it is: its shape and colour.
    pub kind: Kind,
    /// How sure the source is of it.
    pub status: Status,
    /// Whether it is a figure another claim disagrees with.
    pub conflict: bool,
    /// Shown on hover (SVG).
    pub tooltip: Option<String>,
    /// The cluster (by key) it is drawn in.
    pub cluster: Option<String>,
    /// The time rank (by key) it is drawn at.
    pub rank: Option<String>,
    /// Lower is kept first when the view is cut at `--max-nodes`.
    pub priority: u32,
}

impl Node {
    /// A reported, conflict-free node outside any cluster.
    pub fn new(id: impl Into<String>, label: impl Into<String>, kind: Kind, priority: u32) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            kind,
            status: Status::Reported,
            conflict: false,
            tooltip: None,
            cluster: None,
            rank: None,
            priority,
        }
    }
}

/// An edge of a diagram.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The tail's DOT id.
    pub from: String,
    /// The head's DOT id.
    pub to: String,
    /// What relation it draws: its colour.
    pub relation: Relation,
    /// The text on the edge.
    pub label: String,
    /// How sure the source is of it.
    pub status: Status,
    /// Whether it carries a figure another claim disagrees with.
    pub conflict: bool,
    /// Shown on hover (SVG).
    pub tooltip: Option<String>,
}

impl Edge {
    /// A reported, conflict-free edge.
    pub fn new(
        from: impl Into<String>,
        to: impl Into<String>,
        relation: Relation,
        label: impl Into<String>,
    ) -> Edge {
        Edge {
            from: from.into(),
            to: to.into(),
            relation,
            label: label.into(),
            status: Status::Reported,
            conflict: false,
            tooltip: None,
        }
    }
}

/// A diagram: what a view builds and [`Diagram::write`] draws.
#[derive(Debug, Default)]
pub struct Diagram {
    /// The title, drawn at the top.
    pub title: String,
    /// Left to right (time flows right) rather than top to bottom.
    pub left_to_right: bool,
    nodes: BTreeMap<String, Node>,
    edges: BTreeSet<Edge>,
    clusters: BTreeMap<String, String>,
    ranks: BTreeMap<String, String>,
}

/// What was drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Nodes drawn, not counting the legend.
    pub nodes: usize,
    /// Edges drawn.
    pub edges: usize,
    /// Nodes the view had before `--max-nodes` cut it.
    pub total_nodes: usize,
}

impl Summary {
    /// Whether `--max-nodes` cut the view.
    pub fn cut(&self) -> bool {
        self.nodes < self.total_nodes
    }
}

impl Diagram {
    /// An empty diagram with this title.
    pub fn new(title: impl Into<String>, left_to_right: bool) -> Diagram {
        Diagram {
            title: title.into(),
            left_to_right,
            ..Diagram::default()
        }
    }

    /// Adds a node; a node already there keeps its looks and takes the better priority.
    pub fn node(&mut self, node: Node) {
        match self.nodes.get_mut(&node.id) {
            Some(existing) => existing.priority = existing.priority.min(node.priority),
            None => {
                self.nodes.insert(node.id.clone(), node);
            }
        }
    }

    /// Adds a node, replacing the looks of one already there (which keeps the better
    /// priority): for a node's main place, such as an organization in its own cluster.
    pub fn put(&mut self, mut node: Node) {
        if let Some(existing) = self.nodes.get(&node.id) {
            node.priority = node.priority.min(existing.priority);
        }
        self.nodes.insert(node.id.clone(), node);
    }

    /// Whether a node with this id is in the diagram.
    pub fn has(&self, id: &str) -> bool {
        self.nodes.contains_key(id)
    }

    /// Adds an edge (the same edge twice is drawn once).
    pub fn edge(&mut self, edge: Edge) {
        self.edges.insert(edge);
    }

    /// Declares a cluster, drawn as a box titled `label` around its nodes.
    pub fn cluster(&mut self, key: impl Into<String>, label: impl Into<String>) {
        self.clusters.insert(key.into(), label.into());
    }

    /// Declares a time rank: nodes with this rank are drawn side by side, at a marker
    /// labelled `label`; ranks are ordered by key.
    pub fn rank(&mut self, key: impl Into<String>, label: impl Into<String>) {
        self.ranks.insert(key.into(), label.into());
    }

    /// Keeps the `max` nodes of best priority (then id), and the edges between them.
    fn cut(&mut self, max: usize) {
        if self.nodes.len() <= max {
            return;
        }
        let mut order: Vec<(u32, String)> = self
            .nodes
            .values()
            .map(|n| (n.priority, n.id.clone()))
            .collect();
        order.sort();
        for (_, id) in order.into_iter().skip(max) {
            self.nodes.remove(&id);
        }
        let nodes = &self.nodes;
        self.edges
            .retain(|e| nodes.contains_key(&e.from) && nodes.contains_key(&e.to));
    }

    /// Draws the diagram as DOT, cut at `max_nodes`, with its legend. Everything is sorted
    /// (nodes and clusters by id, edges by ends, relation and label), so the same diagram
    /// always gives the same bytes.
    pub fn write(mut self, max_nodes: Option<usize>) -> (Vec<u8>, Summary) {
        let total_nodes = self.nodes.len();
        if let Some(max) = max_nodes {
            self.cut(max);
        }
        let summary = Summary {
            nodes: self.nodes.len(),
            edges: self.edges.len(),
            total_nodes,
        };
        let mut title = self.title.clone();
        if summary.cut() {
            title.push_str(&format!(
                "\n(cut: {} of {} nodes shown; raise --max-nodes to see more)",
                summary.nodes, summary.total_nodes
            ));
        }
        let mut bytes = Vec::new();
        {
            let mut writer = DotWriter::from(&mut bytes);
            writer.set_pretty_print(true);
            let mut graph = writer.digraph();
            graph
                .graph_attributes()
                .set("label", &quote(&title), false)
                .set("labelloc", &quote("t"), false)
                .set("fontname", &quote(style::FONT), false)
                .set("fontsize", &quote("16"), false)
                .set(
                    "rankdir",
                    &quote(if self.left_to_right { "LR" } else { "TB" }),
                    false,
                )
                .set("newrank", &quote("true"), false)
                .set("nodesep", &quote("0.3"), false)
                .set("ranksep", &quote("0.5"), false);
            graph
                .node_attributes()
                .set("fontname", &quote(style::FONT), false)
                .set("fontsize", &quote("11"), false);
            graph
                .edge_attributes()
                .set("fontname", &quote(style::FONT), false)
                .set("fontsize", &quote("9"), false);
            self.write_ranks(&mut graph);
            for (key, label) in &self.clusters {
                let members: Vec<&Node> = self
                    .nodes
                    .values()
                    .filter(|n| n.cluster.as_deref() == Some(key))
                    .collect();
                if members.is_empty() {
                    continue;
                }
                let mut cluster = graph.cluster();
                cluster
                    .set("label", &quote(label), false)
                    .set("style", &quote("rounded,filled"), false)
                    .set("fillcolor", &quote(style::CLUSTER_FILL), false)
                    .set("color", &quote(style::CLUSTER_LINE), false);
                for node in members {
                    write_node(&mut cluster, node);
                }
            }
            for node in self.nodes.values() {
                let clustered = node
                    .cluster
                    .as_ref()
                    .is_some_and(|c| self.clusters.contains_key(c));
                if !clustered {
                    write_node(&mut graph, node);
                }
            }
            for edge in &self.edges {
                write_edge(&mut graph, edge);
            }
            self.write_legend(&mut graph, summary);
        }
        (bytes, summary)
    }

    /// The time ranks: a chain of markers, and each marker side by side with its nodes.
    fn write_ranks(&self, graph: &mut Scope<'_, '_>) {
        let used: BTreeSet<&str> = self
            .nodes
            .values()
            .filter_map(|n| n.rank.as_deref())
            .collect();
        let ranks: Vec<(&String, &String)> = self
            .ranks
            .iter()
            .filter(|(k, _)| used.contains(k.as_str()))
            .collect();
        for (key, label) in &ranks {
            graph
                .node_named(quote(&rank_id(key)))
                .set("label", &quote(label), false)
                .set("shape", &quote("plaintext"), false)
                .set("fontsize", &quote("14"), false)
                .set("fontcolor", &quote(style::TIMELINE), false);
        }
        for pair in ranks.windows(2) {
            graph
                .edge(quote(&rank_id(pair[0].0)), quote(&rank_id(pair[1].0)))
                .attributes()
                .set("color", &quote(style::TIMELINE), false)
                .set("arrowhead", &quote("vee"), false);
        }
        for (key, _) in &ranks {
            let mut same = graph.subgraph();
            same.set("rank", &quote("same"), false);
            same.node_named(quote(&rank_id(key)));
            for node in self
                .nodes
                .values()
                .filter(|n| n.rank.as_deref() == Some(key.as_str()))
            {
                same.node_named(quote(&node.id));
            }
        }
    }

    /// The legend: the kinds of node drawn, the statuses present, conflicts and the cut.
    fn write_legend(&self, graph: &mut Scope<'_, '_>, summary: Summary) {
        let kinds: BTreeSet<Kind> = self.nodes.values().map(|n| n.kind).collect();
        let statuses: BTreeSet<Status> = self
            .nodes
            .values()
            .map(|n| n.status)
            .chain(self.edges.iter().map(|e| e.status))
            .chain([Status::Reported])
            .collect();
        let conflicts =
            self.nodes.values().any(|n| n.conflict) || self.edges.iter().any(|e| e.conflict);
        let mut legend = graph.cluster();
        legend
            .set("label", &quote("Legend"), false)
            .set("style", &quote("rounded"), false)
            .set("color", &quote(style::CLUSTER_LINE), false);
        let mut ids = Vec::new();
        for kind in kinds {
            let node = Node::new(
                format!("legend:kind:{}", kind.name()),
                kind.legend(),
                kind,
                0,
            );
            ids.push(node.id.clone());
            write_node(&mut legend, &node);
        }
        for status in statuses {
            let mut node = Node::new(
                format!("legend:status:{}", status.name()),
                style::status_legend(status),
                Kind::Legend,
                0,
            );
            node.status = status;
            ids.push(node.id.clone());
            write_node(&mut legend, &node);
        }
        if conflicts {
            let mut node = Node::new(
                "legend:conflict",
                "red: conflicting figures\n(kept side by side)",
                Kind::Legend,
                0,
            );
            node.conflict = true;
            ids.push(node.id.clone());
            write_node(&mut legend, &node);
        }
        if summary.cut() {
            let node = Node::new(
                "legend:cut",
                format!(
                    "cut at --max-nodes:\n{} of {} nodes shown",
                    summary.nodes, summary.total_nodes
                ),
                Kind::Note,
                0,
            );
            ids.push(node.id.clone());
            write_node(&mut legend, &node);
        }
        // One column (or row): invisible edges keep the legend's entries in order.
        for pair in ids.windows(2) {
            legend
                .edge(quote(&pair[0]), quote(&pair[1]))
                .attributes()
                .set("style", &quote("invis"), false);
        }
    }
}

fn rank_id(key: &str) -> String {
    format!("rank:{key}")
}

fn write_node(scope: &mut Scope<'_, '_>, node: &Node) {
    let mut label = node.label.clone();
    if let Some(word) = style::status_word(node.status) {
        label.push_str(&format!("\n[{word}]"));
    }
    if node.conflict {
        label.push_str("\n[conflicting]");
    }
    let (line_style, status_colour) = style::status_line(node.status);
    let mut styles = vec!["filled", line_style];
    if node.kind.rounded() {
        styles.push("rounded");
    }
    let colour = if node.conflict {
        style::CONFLICT
    } else {
        status_colour.unwrap_or(style::LINE)
    };
    let width = if node.conflict { "2.5" } else { "1" };
    let mut out = scope.node_named(quote(&node.id));
    out.set("label", &quote(&label), false)
        .set("shape", &quote(node.kind.shape()), false)
        .set("style", &quote(&styles.join(",")), false)
        .set("fillcolor", &quote(node.kind.fill()), false)
        .set("color", &quote(colour), false)
        .set("penwidth", &quote(width), false);
    if let Some(tooltip) = &node.tooltip {
        out.set("tooltip", &quote(tooltip), false);
    }
}

fn write_edge(scope: &mut Scope<'_, '_>, edge: &Edge) {
    let mut label = edge.label.clone();
    if let Some(word) = style::status_word(edge.status) {
        label.push_str(&format!("\n[{word}]"));
    }
    if edge.conflict {
        label.push_str("\n[conflicting]");
    }
    let (line_style, status_colour) = style::status_line(edge.status);
    let colour = if edge.conflict {
        style::CONFLICT
    } else {
        status_colour.unwrap_or(edge.relation.colour())
    };
    let width = if edge.conflict { "2.5" } else { "1.2" };
    let mut attributes = scope.edge(quote(&edge.from), quote(&edge.to)).attributes();
    attributes
        .set("label", &quote(&label), false)
        .set("style", &quote(line_style), false)
        .set("color", &quote(colour), false)
        .set("fontcolor", &quote(colour), false)
        .set("penwidth", &quote(width), false);
    if let Some(tooltip) = &edge.tooltip {
        attributes.set("tooltip", &quote(tooltip), false);
    }
}
