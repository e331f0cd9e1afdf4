//! The picture a view builds, before it is DOT: nodes, edges, clusters, time lanes and grids,
//! each with a kind and a status; and the one writer that turns it into DOT with dot-writer,
//! sorting everything, merging edges that are the same line, cutting to the view's size
//! budget (or `--max-nodes`) by importance with a note of what was left out, and adding the
//! legend of what appears.

use crate::escape::quote;
use crate::style::{self, Kind, Relation};
use dot_writer::{Attributes, DotWriter, Scope};
use kg_core::Status;
use std::collections::{BTreeMap, BTreeSet};

/// A node with more neighbours than this does not bring them along when a view is cut.
const HUB: usize = 8;

/// Rows of the legend of a left-to-right diagram, so it is no wider than the picture.
const LEGEND_ROWS: usize = 4;

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
    /// Lower is kept first when the view is cut to its budget or `--max-nodes`.
    pub priority: u32,
    /// Among nodes of one priority, the more important (degree, claims, recency) are kept
    /// first; only then the id decides.
    pub weight: u32,
    /// Where it is written among its neighbours (and so, usually, drawn): by this key, then
    /// by id. Views put figures in time order and shares in rank order with it.
    pub order: String,
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
            weight: 0,
            order: String::new(),
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
    /// Where it is stated: (document, line) of each citation of its claims.
    pub sources: Vec<(String, u32)>,
    /// The primary sources its citations name.
    pub primary: Vec<String>,
    /// Whether the label always names where it is stated (a figure); otherwise only when
    /// the same edge is stated more than once, which merges them ("note:98, 369").
    pub cite: bool,
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
            sources: Vec::new(),
            primary: Vec::new(),
            cite: false,
        }
    }

    /// What makes two edges the same drawn line.
    fn key(&self) -> EdgeKey {
        (
            self.from.clone(),
            self.to.clone(),
            self.relation,
            self.label.clone(),
            self.status,
            self.conflict,
        )
    }
}

/// Tail, head, relation, label, status, conflict: one drawn line.
type EdgeKey = (String, String, Relation, String, Status, bool);

/// The claims merged into one drawn line: their quotes and where they are stated.
#[derive(Debug, Default)]
struct Stated {
    tooltips: BTreeSet<String>,
    sources: BTreeSet<(String, u32)>,
    primary: BTreeSet<String>,
    cite: bool,
    claims: usize,
}

/// A diagram: what a view builds and [`Diagram::write`] draws.
#[derive(Debug, Default)]
pub struct Diagram {
    /// The title, drawn at the top.
    pub title: String,
    /// Left to right (time flows right) rather than top to bottom.
    pub left_to_right: bool,
    /// How many nodes the view draws unless told otherwise (`--max-nodes`, `--full`).
    pub budget: Option<usize>,
    /// What the cut note says to see what was left out (the view's own hint first).
    pub cut_hint: Option<String>,
    /// When cut, at most this many nodes in one lane (time rank) or one cluster.
    pub crowd: Option<usize>,
    nodes: BTreeMap<String, Node>,
    edges: BTreeMap<EdgeKey, Stated>,
    /// Invisible edges that arrange nodes in a grid: tail, head, minimum length.
    layout: BTreeSet<(String, String, u32)>,
    clusters: BTreeMap<String, String>,
    ranks: BTreeMap<String, String>,
    /// Clusters drawn after (right of, or below) another: (cluster, node placed after it).
    after: BTreeSet<(String, String)>,
    /// Lines and quotes gathered into one node (a section's citations), by node id.
    gathered: BTreeMap<String, (BTreeSet<u32>, BTreeSet<String>)>,
}

/// How far a view is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The view's own budget.
    Budget,
    /// `--max-nodes N`.
    MaxNodes(usize),
    /// `--full`: nothing cut.
    Full,
}

/// What was drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Nodes drawn, not counting the legend.
    pub nodes: usize,
    /// Edges drawn.
    pub edges: usize,
    /// Nodes the view had before it was cut.
    pub total_nodes: usize,
    /// Whether the cut was the view's own budget (rather than `--max-nodes`).
    pub by_budget: bool,
}

impl Summary {
    /// Whether the view was cut (by its budget or `--max-nodes`).
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

    /// Places `node` after every node of `cluster` (to its right, left to right), so
    /// clusters that would stack in one tall column stand side by side.
    pub fn after(&mut self, cluster: impl Into<String>, node: impl Into<String>) {
        self.after.insert((cluster.into(), node.into()));
    }

    /// Adds a node that gathers citations (a section of a document): each line and quote
    /// given is listed in its label ("lines 8, 12") and its tooltip; it keeps the best
    /// priority and the highest weight of the claims that cite it.
    pub fn citation(&mut self, node: Node, (_, line): (String, u32), quote: &str) {
        let weight = node.weight;
        let id = node.id.clone();
        self.node(node);
        if let Some(existing) = self.nodes.get_mut(&id) {
            existing.weight = existing.weight.max(weight).saturating_add(1);
        }
        let (lines, quotes) = self.gathered.entry(id).or_default();
        lines.insert(line);
        quotes.insert(format!("line {line}: {quote}"));
    }

    /// The node with this id, to change.
    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        self.nodes.get_mut(id)
    }

    /// Whether a node with this id is in the diagram.
    pub fn has(&self, id: &str) -> bool {
        self.nodes.contains_key(id)
    }

    /// Adds an edge. The same edge stated by several claims is drawn once, naming every
    /// line that states it.
    pub fn edge(&mut self, edge: Edge) {
        let stated = self.edges.entry(edge.key()).or_default();
        stated.tooltips.extend(edge.tooltip);
        stated.sources.extend(edge.sources);
        stated.primary.extend(edge.primary);
        stated.cite |= edge.cite;
        stated.claims += 1;
    }

    /// Arranges `nodes` in a grid of `columns` (rows follow the layout's direction): each
    /// row chained by invisible edges, each column below the one before by `gap` ranks.
    pub fn grid(&mut self, nodes: &[String], columns: usize, gap: u32) {
        let columns = columns.max(1);
        for (i, node) in nodes.iter().enumerate() {
            if let Some(next) = nodes.get(i + columns) {
                self.layout.insert((node.clone(), next.clone(), gap));
            }
        }
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

    /// The ids of the nodes a cut at `max` keeps (see [`Diagram::cut`]).
    fn choose<'a>(&'a self, max: usize) -> BTreeSet<String> {
        let mut neighbours: BTreeMap<&'a str, Vec<&'a str>> = BTreeMap::new();
        for (from, to, ..) in self.edges.keys() {
            neighbours
                .entry(from.as_str())
                .or_default()
                .push(to.as_str());
            neighbours
                .entry(to.as_str())
                .or_default()
                .push(from.as_str());
        }
        let mut order: Vec<(u32, std::cmp::Reverse<u32>, &'a str)> = self
            .nodes
            .values()
            .map(|n| {
                let links = neighbours.get(n.id.as_str()).map_or(0, Vec::len) as u32;
                (
                    n.priority,
                    std::cmp::Reverse(n.weight.saturating_add(links)),
                    n.id.as_str(),
                )
            })
            .collect();
        order.sort();
        let position: BTreeMap<&str, usize> =
            order.iter().enumerate().map(|(i, o)| (o.2, i)).collect();
        let cap = self.crowd.unwrap_or(usize::MAX);
        let mut per_place: BTreeMap<(bool, &'a str), usize> = BTreeMap::new();
        let mut kept: BTreeSet<&'a str> = BTreeSet::new();
        let mut keep = |id: &str, kept: &mut BTreeSet<&'a str>| -> bool {
            let Some(node) = self.nodes.get(id) else {
                return false;
            };
            if kept.len() >= max || kept.contains(id) {
                return false;
            }
            let places: Vec<(bool, &'a str)> = [
                node.rank.as_deref().map(|r| (true, r)),
                node.cluster.as_deref().map(|c| (false, c)),
            ]
            .into_iter()
            .flatten()
            .collect();
            if places
                .iter()
                .any(|p| per_place.get(p).copied().unwrap_or(0) >= cap)
            {
                return false;
            }
            for place in places {
                *per_place.entry(place).or_default() += 1;
            }
            kept.insert(node.id.as_str());
            true
        };
        for &(_, _, seed) in &order {
            if kept.len() >= max {
                break;
            }
            if !keep(seed, &mut kept) {
                continue;
            }
            let mut near: Vec<&str> = neighbours.get(seed).cloned().unwrap_or_default();
            if near.len() > HUB {
                // A hub (a document of many sections) would bring nothing else.
                continue;
            }
            near.sort_by_key(|n| position.get(n).copied().unwrap_or(usize::MAX));
            for next in near {
                keep(next, &mut kept);
            }
        }
        kept.into_iter().map(str::to_string).collect()
    }

    /// Keeps `max` nodes and the edges between them. Nodes are taken as seeds in order of
    /// priority, then weight and links, then id; each seed brings its neighbours (best
    /// first, unless it has more than `HUB`), so what is kept hangs together rather than
    /// standing alone. No more than
    /// `crowd` are kept in one lane or one cluster, which would otherwise stand in one
    /// column taller than the picture. Returns how many of each kind were left out.
    fn cut(&mut self, max: usize) -> BTreeMap<Kind, usize> {
        let mut left_out = BTreeMap::new();
        if self.nodes.len() <= max {
            return left_out;
        }
        let kept = self.choose(max);
        let dropped: Vec<String> = self
            .nodes
            .keys()
            .filter(|id| !kept.contains(*id))
            .cloned()
            .collect();
        for id in dropped {
            if let Some(node) = self.nodes.remove(&id) {
                *left_out.entry(node.kind).or_default() += 1;
            }
        }
        let nodes = &self.nodes;
        self.edges
            .retain(|(from, to, ..), _| nodes.contains_key(from) && nodes.contains_key(to));
        self.layout
            .retain(|(from, to, _)| nodes.contains_key(from) && nodes.contains_key(to));
        left_out
    }

    /// Draws the diagram as DOT, cut at `limit`, with its legend. Everything is sorted
    /// (nodes by order key then id, clusters by key, edges by ends, relation and label), so
    /// the same diagram always gives the same bytes.
    pub fn write(mut self, limit: Limit) -> (Vec<u8>, Summary) {
        let total_nodes = self.nodes.len();
        let max = match limit {
            Limit::Budget => self.budget,
            Limit::MaxNodes(n) => Some(n),
            Limit::Full => None,
        };
        let left_out = max.map(|m| self.cut(m)).unwrap_or_default();
        for (id, (lines, quotes)) in std::mem::take(&mut self.gathered) {
            if let Some(node) = self.nodes.get_mut(&id) {
                let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
                let word = if lines.len() == 1 { "line" } else { "lines" };
                node.label
                    .push_str(&format!("\n{word} {}", wrap(&lines, 10, ", ")));
                let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
                node.tooltip = Some(quotes.join("\n"));
            }
        }
        let summary = Summary {
            nodes: self.nodes.len(),
            edges: self.edges.len(),
            total_nodes,
            by_budget: limit == Limit::Budget,
        };
        let cut_note = summary.cut().then(|| self.cut_note(summary, &left_out));
        let mut title = self.title.clone();
        if let Some(note) = &cut_note {
            title.push_str(&format!("\n({})", note.join("; ")));
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
                .set("fontsize", &quote("18"), false)
                .set(
                    "rankdir",
                    &quote(if self.left_to_right { "LR" } else { "TB" }),
                    false,
                )
                .set("newrank", &quote("true"), false)
                .set("nodesep", &quote("0.2"), false)
                .set("ranksep", &quote("0.4"), false);
            graph
                .node_attributes()
                .set("fontname", &quote(style::FONT), false)
                .set("fontsize", &quote("12"), false);
            graph
                .edge_attributes()
                .set("fontname", &quote(style::FONT), false)
                .set("fontsize", &quote("11"), false);
            self.write_ranks(&mut graph);
            let mut written: Vec<&Node> = self.nodes.values().collect();
            // Graphviz stacks the nodes of a left-to-right rank bottom up in input order:
            // written in reverse, they read top down in order.
            written.sort_by(|a, b| {
                let by_order = if self.left_to_right {
                    b.order.cmp(&a.order)
                } else {
                    a.order.cmp(&b.order)
                };
                by_order.then_with(|| a.id.cmp(&b.id))
            });
            for (key, label) in &self.clusters {
                let members: Vec<&Node> = written
                    .iter()
                    .copied()
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
            for node in &written {
                let clustered = node
                    .cluster
                    .as_ref()
                    .is_some_and(|c| self.clusters.contains_key(c));
                if !clustered {
                    write_node(&mut graph, node);
                }
            }
            for (key, stated) in &self.edges {
                write_edge(&mut graph, key, stated);
            }
            for (cluster, next) in &self.after {
                if !self.nodes.contains_key(next) {
                    continue;
                }
                for node in written
                    .iter()
                    .filter(|n| n.cluster.as_deref() == Some(cluster.as_str()))
                {
                    graph.edge(quote(&node.id), quote(next)).attributes().set(
                        "style",
                        &quote("invis"),
                        false,
                    );
                }
            }
            for (from, to, gap) in &self.layout {
                graph
                    .edge(quote(from), quote(to))
                    .attributes()
                    .set("style", &quote("invis"), false)
                    .set("minlen", &quote(&gap.to_string()), false);
            }
            self.write_legend(&mut graph, cut_note.map(|n| n.join("\n")).as_deref());
        }
        (bytes, summary)
    }

    /// What the cut left out, by kind, and how to see it: three lines.
    fn cut_note(&self, summary: Summary, left_out: &BTreeMap<Kind, usize>) -> Vec<String> {
        let kinds: Vec<String> = left_out.iter().map(|(kind, &n)| kind.count(n)).collect();
        let how = if summary.by_budget {
            "the view's size budget"
        } else {
            "--max-nodes"
        };
        let mut see = "--full or --max-nodes N shows more".to_string();
        if let Some(hint) = &self.cut_hint {
            see.push_str(&format!("; {hint}"));
        }
        vec![
            format!(
                "{} of {} nodes shown, cut to {how} by importance",
                summary.nodes, summary.total_nodes
            ),
            format!("left out: {}", kinds.join(", ")),
            see,
        ]
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

    /// The legend: the kinds of node drawn, the relations and statuses present (each in its
    /// own colour and line), conflicts and the cut.
    fn write_legend(&self, graph: &mut Scope<'_, '_>, cut_note: Option<&str>) {
        let kinds: BTreeSet<Kind> = self.nodes.values().map(|n| n.kind).collect();
        let relations: BTreeSet<Relation> = self.edges.keys().map(|k| k.2).collect();
        let statuses: BTreeSet<Status> = self
            .nodes
            .values()
            .filter(|n| n.kind.has_status())
            .map(|n| n.status)
            .chain(self.edges.keys().map(|k| k.4))
            .collect();
        let conflicts = self.nodes.values().any(|n| n.conflict) || self.edges.keys().any(|k| k.5);
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
        for relation in relations {
            let id = format!("legend:relation:{}", relation.name());
            legend
                .node_named(quote(&id))
                .set("label", &quote(&format!("— {}", relation.legend())), false)
                .set("shape", &quote("plaintext"), false)
                .set("fontcolor", &quote(relation.colour()), false);
            ids.push(id);
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
        if let Some(note) = cut_note {
            let node = Node::new("legend:cut", note, Kind::Note, 0);
            ids.push(node.id.clone());
            write_node(&mut legend, &node);
        }
        // A few rows (left to right) or columns: invisible edges keep the entries in order.
        let rows = if self.left_to_right { LEGEND_ROWS } else { 1 };
        for (i, id) in ids.iter().enumerate() {
            if let Some(next) = ids.get(i + rows) {
                legend.edge(quote(id), quote(next)).attributes().set(
                    "style",
                    &quote("invis"),
                    false,
                );
            }
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

/// `items` joined by `separator`, `per_line` to a line.
pub fn wrap(items: &[String], per_line: usize, separator: &str) -> String {
    items
        .chunks(per_line.max(1))
        .map(|row| row.join(separator))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where an edge or a figure is stated, by document: "note:98, 369".
pub fn locators<'a>(sources: impl IntoIterator<Item = (&'a str, u32)>) -> String {
    let mut by_document: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
    for (document, line) in sources {
        by_document.entry(document).or_default().insert(line);
    }
    by_document
        .iter()
        .map(|(document, lines)| {
            let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
            format!("{document}:{}", lines.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn write_edge(scope: &mut Scope<'_, '_>, key: &EdgeKey, stated: &Stated) {
    let (from, to, relation, label, status, conflict) = key;
    let mut label = label.clone();
    if !stated.sources.is_empty() && (stated.cite || stated.claims > 1) {
        let mut at = locators(stated.sources.iter().map(|(d, l)| (d.as_str(), *l)));
        if !stated.primary.is_empty() {
            let primary: Vec<&str> = stated.primary.iter().map(String::as_str).collect();
            at.push_str(&format!(" → {}", primary.join(", ")));
        }
        if label.is_empty() {
            label = at;
        } else {
            label.push_str(&format!("\n{at}"));
        }
    }
    if let Some(word) = style::status_word(*status) {
        label.push_str(&format!("\n[{word}]"));
    }
    if *conflict {
        label.push_str("\n[conflicting]");
    }
    let (line_style, status_colour) = style::status_line(*status);
    let colour = if *conflict {
        style::CONFLICT
    } else {
        status_colour.unwrap_or(relation.colour())
    };
    let width = if *conflict { "2.5" } else { "1.2" };
    let mut attributes = scope.edge(quote(from), quote(to)).attributes();
    attributes
        .set("label", &quote(&label), false)
        .set("style", &quote(line_style), false)
        .set("color", &quote(colour), false)
        .set("fontcolor", &quote(colour), false)
        .set("penwidth", &quote(width), false);
    if !stated.tooltips.is_empty() {
        let tooltip: Vec<&str> = stated.tooltips.iter().map(String::as_str).collect();
        attributes.set("tooltip", &quote(&tooltip.join("\n")), false);
    }
}
