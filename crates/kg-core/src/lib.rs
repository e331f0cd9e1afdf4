//! kg-core: the model, loading, validation and queries of kg, a sourced knowledge graph of
//! the LLM landscape.
//!
//! The core takes text and returns values: it reads no files, prints nothing and looks at no
//! environment. The CLI reads the data files and hands their text to [`load`]:
//!
//! ```
//! use kg_core::{load, SourceFile};
//!
//! let text = r#"(
//!     source: "note",
//!     sources: [(id: "note", name: "A research note", kind: note, date: "2025-12-29")],
//!     markets: [(id: "global-llm", name: "Global LLM market", region: "global")],
//!     claims: [
//!         (subject: "global-llm", property: market_size, as_of: "2024", value: "56.17亿美元",
//!          cite: (line: 6, quote: "56.17亿美元")),
//!     ],
//! )"#;
//! let loaded = load(&[SourceFile { path: "market.ron".into(), text: text.into() }]);
//! assert!(loaded.diagnostics.is_empty());
//! let claim = loaded.graph.claim("global-llm/market_size/2024@6").unwrap();
//! assert_eq!(claim.value.text, "56.17亿美元");
//! ```
//!
//! Every problem in the data becomes a [`Diagnostic`] with a code, a severity and a file,
//! line and column; loading never stops at the first one.

pub mod audit;
pub mod check;
pub mod compare;
pub mod coverage;
pub mod date;
pub mod diagnostic;
pub mod document;
pub mod format;
pub mod graph;
pub mod id;
pub mod load;
pub mod model;
pub mod property;
pub mod query;
pub mod snapshot;
pub mod span;
pub mod synthetic;
pub mod value;

pub use check::check;
pub use compare::{disagree, interval};
pub use diagnostic::{Code, Diagnostic, Location, Severity};
pub use graph::{Graph, NodeRef};
pub use load::{load, Loaded, SourceFile};
pub use model::{Citation, Claim, Entity, NodeKind, Status};
pub use property::Property;
