//! How things look: a shape and a fill per kind of node, a colour per relation, and a line
//! style (and colour) per status, so that a forecast never looks like a reported figure.

use kg_core::Status;

/// The font of every label: a generic family, resolved by the renderer (Graphviz with
/// fontconfig, or the SVG viewer), so Chinese labels find a CJK font wherever one exists.
pub const FONT: &str = "sans-serif";
/// The line colour of ordinary nodes.
pub const LINE: &str = "#333333";
/// The line colour of conflicting figures.
pub const CONFLICT: &str = "#d62728";
/// The fill of clusters.
pub const CLUSTER_FILL: &str = "#f5f7fa";
/// The line of clusters.
pub const CLUSTER_LINE: &str = "#8a9bb0";
/// The colour of the time line.
pub const TIMELINE: &str = "#6b6b6b";

/// What a node is, for its shape and fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An organization.
    Organization,
    /// An organization drawn as an investor.
    Investor,
    /// A person.
    Person,
    /// A model family.
    Family,
    /// A model.
    Model,
    /// A benchmark.
    Benchmark,
    /// A market or segment.
    Market,
    /// A funding round.
    Round,
    /// A figure: a claim drawn as a node.
    Claim,
    /// One citation of a claim: the line and section of a document.
    Citation,
    /// A document (a source).
    Document,
    /// A primary source: the organization a document attributes a figure to.
    PrimarySource,
    /// Several entities drawn as one box, listed by name (unlinked models, small
    /// organizations).
    Group,
    /// A count stated for a node (derivative models), drawn next to it.
    Badge,
    /// A note about the diagram itself.
    Note,
    /// A legend entry that only shows a status or a marker.
    Legend,
}

impl Kind {
    /// A stable name, for ids.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Investor => "investor",
            Kind::Person => "person",
            Kind::Family => "model_family",
            Kind::Model => "model",
            Kind::Benchmark => "benchmark",
            Kind::Market => "market",
            Kind::Round => "funding_round",
            Kind::Claim => "claim",
            Kind::Citation => "citation",
            Kind::Document => "document",
            Kind::PrimarySource => "primary_source",
            Kind::Group => "group",
            Kind::Badge => "badge",
            Kind::Note => "note",
            Kind::Legend => "legend",
        }
    }

    /// Its name for a count of them: "3 models".
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Organization => "organizations",
            Kind::Investor => "investors",
            Kind::Person => "people",
            Kind::Family => "model families",
            Kind::Model => "models",
            Kind::Benchmark => "benchmarks",
            Kind::Market => "markets",
            Kind::Round => "funding rounds",
            Kind::Claim => "figures",
            Kind::Citation => "citations",
            Kind::Document => "documents",
            Kind::PrimarySource => "primary sources",
            Kind::Group => "groups",
            Kind::Badge => "counts",
            Kind::Note => "notes",
            Kind::Legend => "legend entries",
        }
    }

    /// A count of them in words: "1 model", "3 models".
    pub fn count(self, n: usize) -> String {
        if n != 1 {
            return format!("{n} {}", self.plural());
        }
        let one = match self {
            Kind::Person => "person",
            Kind::Family => "model family",
            Kind::Claim => "figure",
            Kind::Badge => "count",
            Kind::Legend => "legend entry",
            other => other.plural().trim_end_matches('s'),
        };
        format!("1 {one}")
    }

    /// Whether its line style tells a status (a figure does; a model or a note does not).
    pub fn has_status(self) -> bool {
        matches!(self, Kind::Claim | Kind::Badge | Kind::Legend)
    }

    /// The words of its legend entry.
    pub fn legend(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Investor => "investor",
            Kind::Person => "person",
            Kind::Family => "model family",
            Kind::Model => "model",
            Kind::Benchmark => "benchmark",
            Kind::Market => "market / segment",
            Kind::Round => "funding round",
            Kind::Claim => "claim (a figure)",
            Kind::Citation => "citations of one section\n(lines; hover: the quotes)",
            Kind::Document => "document",
            Kind::PrimarySource => "primary source",
            Kind::Group => "group (listed by name)",
            Kind::Badge => "count stated in a source",
            Kind::Note => "note",
            Kind::Legend => "",
        }
    }

    /// The Graphviz shape.
    pub fn shape(self) -> &'static str {
        match self {
            Kind::Organization | Kind::Investor | Kind::PrimarySource => "box",
            Kind::Person => "ellipse",
            Kind::Family => "box3d",
            Kind::Model => "ellipse",
            Kind::Benchmark => "cds",
            Kind::Market => "hexagon",
            Kind::Round => "parallelogram",
            Kind::Claim | Kind::Legend => "box",
            Kind::Citation | Kind::Note => "note",
            Kind::Group => "box",
            Kind::Badge => "octagon",
            Kind::Document => "folder",
        }
    }

    /// Whether its box has rounded corners.
    pub fn rounded(self) -> bool {
        matches!(
            self,
            Kind::Organization | Kind::Investor | Kind::PrimarySource
        )
    }

    /// The fill colour.
    pub fn fill(self) -> &'static str {
        match self {
            Kind::Organization => "#dbe9f6",
            Kind::Investor => "#fde9c9",
            Kind::Person => "#eeeeee",
            Kind::Family => "#c7e3b4",
            Kind::Model => "#e8f4df",
            Kind::Benchmark => "#f2f2f2",
            Kind::Market => "#fff2cc",
            Kind::Round => "#fce4d6",
            Kind::Claim => "#ffffff",
            Kind::Citation => "#fffbe6",
            Kind::Document => "#e7e6e6",
            Kind::PrimarySource => "#e4d7f5",
            Kind::Group => "#f7f7f7",
            Kind::Badge => "#fff2cc",
            Kind::Note => "#ffe0e0",
            Kind::Legend => "#ffffff",
        }
    }
}

/// What relation an edge draws, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// Family to member.
    Member,
    /// Predecessor to successor.
    Successor,
    /// Base to derivative.
    Derived,
    /// Round to the organization that raised it.
    Raised,
    /// Investor to round.
    Invested,
    /// Organization to the model or family it develops.
    Develops,
    /// Subsidiary to parent.
    Subsidiary,
    /// Organization to founder.
    Founded,
    /// Sub-market to market.
    PartOf,
    /// A share of a market.
    Share,
    /// Market or entity to one of its figures.
    Figure,
    /// Claim to the entity it is about.
    About,
    /// Claim to citation, citation to document.
    Cites,
    /// Citation to primary source.
    Attributed,
}

impl Relation {
    /// A stable name, for ids.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Member => "member",
            Relation::Successor => "successor",
            Relation::Derived => "derived",
            Relation::Develops => "develops",
            Relation::Raised => "raised",
            Relation::Invested => "invested",
            Relation::Subsidiary => "subsidiary",
            Relation::Founded => "founded",
            Relation::PartOf => "part_of",
            Relation::Share => "share",
            Relation::Figure => "figure",
            Relation::About => "about",
            Relation::Cites => "cites",
            Relation::Attributed => "attributed",
        }
    }

    /// The words of its legend entry.
    pub fn legend(self) -> &'static str {
        match self {
            Relation::Member => "family → member",
            Relation::Successor => "predecessor → successor",
            Relation::Derived => "base → derivative (fine-tune, quantized, ...)",
            Relation::Develops => "organization → its model or family",
            Relation::Raised => "round → organization that raised it",
            Relation::Invested => "investor → round",
            Relation::Subsidiary => "subsidiary → parent",
            Relation::Founded => "organization → founder",
            Relation::PartOf => "segment → market it is part of",
            Relation::Share => "holder → market: rank, share",
            Relation::Figure => "entity → its figure",
            Relation::About => "figure → what it is about",
            Relation::Cites => "figure → citations → document",
            Relation::Attributed => "citation → primary source",
        }
    }

    /// The line colour.
    pub fn colour(self) -> &'static str {
        match self {
            Relation::Member => "#7f7f7f",
            Relation::Successor => "#1f4e79",
            Relation::Derived => "#8e44ad",
            Relation::Raised => "#c55a11",
            Relation::Invested => "#bf9000",
            Relation::Develops => "#5b9bd5",
            Relation::Subsidiary => "#2e75b6",
            Relation::Founded => "#a0522d",
            Relation::PartOf => "#a08000",
            Relation::Share => "#548235",
            Relation::Figure => "#a5a5a5",
            Relation::About => "#b4b4b4",
            Relation::Cites => "#404040",
            Relation::Attributed => "#7030a0",
        }
    }
}

/// The line style of a status, and its colour when it is not the kind's own.
pub fn status_line(status: Status) -> (&'static str, Option<&'static str>) {
    match status {
        Status::Reported => ("solid", None),
        Status::Estimate => ("dashed", Some("#1f77b4")),
        Status::Forecast => ("dashed", Some("#2ca02c")),
        Status::Speculated => ("dotted", Some("#ff7f0e")),
        Status::Unconfirmed => ("dotted", Some("#8c564b")),
        Status::Undisclosed => ("dotted", Some("#7f7f7f")),
        Status::Editorial => ("dashed", Some("#9467bd")),
    }
}

/// The word added to a label for a status other than reported.
pub fn status_word(status: Status) -> Option<&'static str> {
    match status {
        Status::Reported => None,
        other => Some(other.name()),
    }
}

/// The text of a status's legend entry.
pub fn status_legend(status: Status) -> String {
    let (line, _) = status_line(status);
    match status {
        Status::Reported => "reported (solid)".to_string(),
        Status::Editorial => format!("editorial: no source states it ({line})"),
        other => format!("{} ({line})", other.name()),
    }
}
