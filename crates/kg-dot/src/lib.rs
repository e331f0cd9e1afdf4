//! kg-dot: relationship diagrams of the kg graph as Graphviz DOT.
//!
//! A view ([`View`]) picks part of the graph and draws it: the lineage of models and
//! families along their release dates, the ecosystem of organizations with their models,
//! rounds and investors, funding, the provenance of figures, and markets with their figures
//! and shares. Every view has a legend, shapes and colours by kind of node, line styles by
//! status (a forecast is dashed, a speculation dotted), conflicting figures in red, where each
//! figure is stated (document and line, and its primary source), and sorted output: the
//! same data gives the same bytes. Every view has a size budget (a number of nodes that
//! renders within about 4000 px a side): beyond it the view is cut by importance, never by
//! name, with a visible note of what was left out; `--max-nodes` and `--full` draw more.
//!
//! ```no_run
//! # fn demo(graph: &kg_core::Graph) -> Result<(), kg_dot::Error> {
//! let options = kg_dot::Options::new(kg_dot::View::Ecosystem);
//! let mut out = Vec::new();
//! kg_dot::write_dot(graph, &options, &mut out)?;
//! # Ok(()) }
//! ```
//!
//! **Architecture Invariant:** kg-dot depends on kg-core only and writes to the
//! `io::Write` it is given; it reads no file and runs no program. Every id and label goes
//! through [`escape::quote`]; the DOT is built in memory and written in one piece.

mod context;
mod diagram;
mod draw;
pub mod escape;
mod style;
mod views;

pub use diagram::Summary;
use kg_core::Graph;
use std::io;

/// The views kg-dot draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Models and families, edges labelled by relation kind, laid out along release dates.
    Lineage,
    /// Organizations as clusters holding their families and models; rounds, investors,
    /// parents, subsidiaries and founders.
    Ecosystem,
    /// Investors, rounds and organizations; amounts, valuations and dates on the edges.
    Funding,
    /// Claims, the citations and documents that state them, and the primary sources they are
    /// attributed to; the quote as the tooltip.
    Provenance,
    /// Markets and segments with their figures, and the shares held in them.
    Market,
}

impl View {
    /// The view's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            View::Lineage => "lineage",
            View::Ecosystem => "ecosystem",
            View::Funding => "funding",
            View::Provenance => "provenance",
            View::Market => "market",
        }
    }

    /// What `--root` may name in this view.
    pub fn roots(self) -> &'static str {
        match self {
            View::Lineage => views::lineage::ROOTS,
            View::Ecosystem => views::ecosystem::ROOTS,
            View::Funding => views::funding::ROOTS,
            View::Provenance => views::provenance::ROOTS,
            View::Market => views::market::ROOTS,
        }
    }

    /// How many nodes the view draws before it is cut (unless `--max-nodes` or `--full`):
    /// what renders within about 4000 px a side.
    pub fn budget(self) -> usize {
        match self {
            View::Lineage => views::lineage::BUDGET,
            View::Ecosystem => views::ecosystem::BUDGET,
            View::Funding => views::funding::BUDGET,
            View::Provenance => views::provenance::BUDGET,
            View::Market => views::market::BUDGET,
        }
    }

    /// What the view draws without options, in words.
    pub fn defaults(self) -> &'static str {
        match self {
            View::Lineage => views::lineage::DEFAULTS,
            View::Ecosystem => views::ecosystem::DEFAULTS,
            View::Funding => views::funding::DEFAULTS,
            View::Provenance => views::provenance::DEFAULTS,
            View::Market => views::market::DEFAULTS,
        }
    }

    /// Every view, in a fixed order.
    pub const ALL: [View; 5] = [
        View::Lineage,
        View::Ecosystem,
        View::Funding,
        View::Provenance,
        View::Market,
    ];
}

/// Which way the lineage view follows relations from its root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Ancestors: families, predecessors, bases.
    Up,
    /// Descendants: members, successors, derivatives.
    Down,
    /// Both.
    Both,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The view.
    pub view: View,
    /// The entity (or claim, or source) to centre on; required by the provenance view.
    pub root: Option<String>,
    /// How many steps from the root (unlimited when absent, except the ecosystem's 2).
    pub depth: Option<usize>,
    /// Lineage only: up, down or both.
    pub direction: Direction,
    /// Cut the view at this many nodes instead of its size budget (best first: nearest the
    /// root, then the most important), with a visible note of what was left out.
    pub max_nodes: Option<usize>,
    /// Draw everything: no size budget, no cut (`--max-nodes` is then ignored).
    pub full: bool,
}

impl Options {
    /// The whole view, in both directions, uncut.
    pub fn new(view: View) -> Options {
        Options {
            view,
            root: None,
            depth: None,
            direction: Direction::Both,
            max_nodes: None,
            full: false,
        }
    }
}

/// Why a view could not be drawn.
#[derive(Debug)]
pub enum Error {
    /// The root names nothing in the graph.
    UnknownRoot {
        /// The root given.
        id: String,
        /// The closest ids, best first.
        suggestions: Vec<String>,
    },
    /// The root is of a kind the view cannot centre on.
    WrongRoot {
        /// The root given.
        id: String,
        /// Its kind.
        kind: &'static str,
        /// The view.
        view: &'static str,
        /// What the view takes.
        expected: &'static str,
    },
    /// The view needs a root and none was given.
    MissingRoot {
        /// The view.
        view: &'static str,
        /// What the view takes.
        expected: &'static str,
    },
    /// Writing the DOT failed.
    Io(io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::UnknownRoot { id, suggestions } => {
                write!(f, "`{id}` does not exist")?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", suggestions.join(", "))?;
                }
                Ok(())
            }
            Error::WrongRoot {
                id,
                kind,
                view,
                expected,
            } => write!(
                f,
                "the {view} view cannot centre on `{id}`, a {kind}: it takes {expected}"
            ),
            Error::MissingRoot { view, expected } => {
                write!(f, "the {view} view needs --root: {expected}")
            }
            Error::Io(e) => write!(f, "cannot write the diagram: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// Draws a view of `graph` as DOT into memory.
pub fn to_dot(graph: &Graph, options: &Options) -> Result<(Vec<u8>, Summary), Error> {
    let ctx = context::Context::new(graph);
    let diagram = match options.view {
        View::Lineage => views::lineage::build(&ctx, options)?,
        View::Ecosystem => views::ecosystem::build(&ctx, options)?,
        View::Funding => views::funding::build(&ctx, options)?,
        View::Provenance => views::provenance::build(&ctx, options)?,
        View::Market => views::market::build(&ctx, options)?,
    };
    let limit = match (options.full, options.max_nodes) {
        (true, _) => diagram::Limit::Full,
        (false, Some(n)) => diagram::Limit::MaxNodes(n),
        (false, None) => diagram::Limit::Budget,
    };
    Ok(diagram.write(limit))
}

/// Draws a view of `graph` as DOT and writes it to `out` in one piece: nothing is written
/// unless the whole diagram was built.
pub fn write_dot(
    graph: &Graph,
    options: &Options,
    out: &mut dyn io::Write,
) -> Result<Summary, Error> {
    let (bytes, summary) = to_dot(graph, options)?;
    out.write_all(&bytes).map_err(Error::Io)?;
    out.flush().map_err(Error::Io)?;
    Ok(summary)
}
