//! The command-line definition: one clap derive, from which help, completions and the man
//! page all come.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// kg: a sourced knowledge graph of the LLM landscape. Every figure carries its citation.
#[derive(Debug, Parser)]
#[command(name = "kg", version, about, long_about = None)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Load the dataset from this folder (every .ron file under it) instead of the copy of
    /// graph-data/ compiled into kg.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Print JSON for scripts instead of human output.
    #[arg(long, global = true)]
    pub json: bool,
    /// Look for the sources' documents in this folder (repeatable; before KG_DOCUMENTS, a
    /// `:`-separated list of folders, and the `documents/` folder of --data).
    #[arg(long = "documents", global = true, value_name = "DIR")]
    pub documents: Vec<PathBuf>,
    /// Neither read nor write the snapshot cache: load the RON files (a `--data` folder's
    /// snapshot, keyed by the files' content, lives in $KG_CACHE_DIR, else
    /// $XDG_CACHE_HOME/kg, else ~/.cache/kg).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Keep the snapshot cache in this folder (default: $KG_CACHE_DIR, else
    /// $XDG_CACHE_HOME/kg, else ~/.cache/kg).
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// How the command's table is printed: set from its own `--format` (see [`TableOpts`])
    /// once the arguments are parsed.
    #[arg(skip = TableFormat::Table)]
    pub format: TableFormat,
}

/// `--format` of the commands that print a table (`list`, `search`, `series`, `compare`,
/// `show`, `stats`, `cites`, `conflicts`, `audit`). Not a global option: `kg export rdf` has
/// a `--format` of its own, and a tree, a chain or paths are not tables.
#[derive(Debug, Clone, Copy, Args)]
pub struct TableOpts {
    /// Print the table as aligned text (the default), CSV or TSV (one flat table, a row per
    /// claim; quoted where a cell needs it).
    #[arg(long = "format", value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// How a table is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for people.
    Table,
    /// Comma-separated values (RFC 4180).
    Csv,
    /// Tab-separated values.
    Tsv,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load, validate and audit the dataset; exit 1 if it has errors.
    Check(CheckArgs),
    /// Counts per node kind, edge kind, claim status and property.
    Stats(StatsArgs),
    /// Find entities by id, name or alias, in English or Chinese.
    Search(SearchArgs),
    /// An entity, its relations and every claim about it, with sources.
    Show(ShowArgs),
    /// Ancestors and descendants of a model, family or organization, as a tree.
    Lineage(LineageArgs),
    /// Where a figure comes from: document, section, line, quote, primary source.
    Provenance(ProvenanceArgs),
    /// What a source supports, directly and through documents that relay it.
    Cites(CitesArgs),
    /// Which lines of a document carry figures, and which of those no claim cites.
    Coverage(CoverageArgs),
    /// The shortest connections between two entities.
    Path(PathArgs),
    /// Entities (or claims) of a kind, filtered and sorted.
    List(ListArgs),
    /// The graph for other tools: a diagram (dot, mermaid), RDF for triple stores, CSV tables.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Claims of one subject, property and qualifiers whose values disagree, side by side.
    Conflicts(ConflictsArgs),
    /// A figure over time: every date, all sources side by side, the change and the CAGR.
    Series(SeriesArgs),
    /// Entities side by side, a row per property, each figure with its as-of, status and
    /// source line.
    Compare(CompareArgs),
    /// Conflicts plus arithmetic, time and logic findings, each explained with the numbers.
    Audit(AuditArgs),
    /// Find every quote again in its document after an edit moved lines, and rewrite the line
    /// numbers and hashes in the data files (nothing else); exit 1 if some could not be.
    Reanchor(ReanchorArgs),
    /// Sources: `kg source add FILE` prints (or writes) a document's source entry.
    #[command(subcommand)]
    Source(SourceCommand),
    /// Turn a public dataset (Ecosystem Graphs, the Hugging Face Hub, Epoch AI, an edge list)
    /// into kg data files, every fact cited to its input line; its dirt is reported.
    Import(ImportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `kg man > kg.1`, or a command's, `kg man lineage`.
    Man(ManArgs),
}

impl Command {
    /// The `--format` of a command that prints a table.
    pub fn table(&self) -> Option<TableOpts> {
        Some(match self {
            Command::List(a) => a.table,
            Command::Search(a) => a.table,
            Command::Series(a) => a.table,
            Command::Compare(a) => a.table,
            Command::Show(a) => a.table,
            Command::Stats(a) => a.table,
            Command::Cites(a) => a.table,
            Command::Conflicts(a) => a.table,
            Command::Audit(a) => a.table,
            _ => return None,
        })
    }
}

/// Arguments of `kg stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
}

/// Arguments of `kg check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Treat warnings (conflicts, editorial claims, dates out of order) as errors.
    #[arg(long)]
    pub strict: bool,
    /// A source whose document is not found is an error `document-not-found`, not a note.
    #[arg(long)]
    pub require_documents: bool,
}

/// Arguments of `kg reanchor`.
#[derive(Debug, Args)]
pub struct ReanchorArgs {
    /// Only print what would move; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// The `kg source` commands.
#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Print a source entry for a document: file, sha256, lines and the outline read from its
    /// Markdown headings; with --write, append it to the data's sources file.
    Add(SourceAddArgs),
}

/// Arguments of `kg source add`.
#[derive(Debug, Args)]
pub struct SourceAddArgs {
    /// The document (its text; the entry names it by its file name).
    pub file: PathBuf,
    /// The source's id (a slug).
    #[arg(long)]
    pub id: String,
    /// note, report, dataset, leaderboard, article, website or official.
    #[arg(long)]
    pub kind: String,
    /// The publication date (2025-12-29, 2025-12, 2025).
    #[arg(long)]
    pub date: Option<String>,
    /// The title; the document's first `#` heading when not given.
    #[arg(long)]
    pub name: Option<String>,
    /// Append the entry to the data's sources file (the one file with a `sources` list), in
    /// place, keeping everything else.
    #[arg(long)]
    pub write: bool,
}

/// Arguments of `kg search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
    /// What to look for: an id, a name or an alias, in any language.
    pub text: String,
    /// At most this many results.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
}

/// Arguments of `kg show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
    /// The entity's (or claim's) id.
    pub id: String,
}

/// Arguments of `kg lineage`.
#[derive(Debug, Args)]
pub struct LineageArgs {
    /// A model, family or organization.
    pub id: String,
    /// Only ancestors.
    #[arg(long, conflicts_with = "down")]
    pub up: bool,
    /// Only descendants.
    #[arg(long)]
    pub down: bool,
    /// How many steps to follow.
    #[arg(long)]
    pub depth: Option<usize>,
    /// Follow only these relations (comma-separated: member_of, successor_of, derived_from,
    /// depends_on, same_as, or a derivation kind such as finetune).
    #[arg(long, value_delimiter = ',')]
    pub relation: Vec<String>,
}

/// Arguments of `kg provenance`.
#[derive(Debug, Args)]
pub struct ProvenanceArgs {
    /// A claim id, or an entity id followed by a property.
    pub target: String,
    /// The property, when the target is an entity.
    pub property: Option<String>,
    /// Only the claims that hold at this date (2024, 2025-H1, 2024-07).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// Arguments of `kg cites`.
#[derive(Debug, Args)]
pub struct CitesArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
    /// The source (a document, or an organization named as primary source).
    pub source: String,
    /// Only the claims that would have no support left without it.
    #[arg(long)]
    pub orphans: bool,
}

/// Arguments of `kg coverage`.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The source whose document is checked.
    pub source: String,
    /// The document's text; when not given, the source's `file` is looked for as `kg check`
    /// does (--documents, KG_DOCUMENTS, the `documents/` folder of --data).
    #[arg(long, value_name = "PATH")]
    pub document: Option<PathBuf>,
    /// Figure lines deliberately left without a claim, each with its reason: a RON file
    /// `(exclusions: [(source, line, quote, reason), ..])`, e.g. docs/coverage-exclusions.ron.
    #[arg(long, value_name = "PATH")]
    pub exclusions: Option<PathBuf>,
    /// Print the report as Markdown (the form of docs/data-coverage.md).
    #[arg(long)]
    pub markdown: bool,
}

/// Arguments of `kg path`.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// Where to start.
    pub from: String,
    /// Where to arrive.
    pub to: String,
    /// Follow only these edge kinds (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub via: Vec<String>,
}

/// Arguments of `kg list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
    /// organization, person, model, model_family, benchmark, market, funding_round, source
    /// or claim.
    pub kind: String,
    /// A filter, e.g. 'parameters_total >= 100B', 'developer = meta and license ~ apache',
    /// 'valuation >= 100亿美元 and (valuation.as_of >= 2025 or status = estimate)'.
    #[arg(long = "where", value_name = "EXPR")]
    pub filters: Vec<String>,
    /// Sort by this field or property; a leading `-` sorts descending (`--sort -valuation`).
    /// Amounts of different units, or shares of different markets, are sorted within each
    /// group, never compared.
    #[arg(long, allow_hyphen_values = true)]
    pub sort: Option<String>,
    /// Which of an entity's several claims of a property a row shows: the latest (by as-of),
    /// the largest amount, or each in a row of its own.
    #[arg(long, value_enum, default_value_t = PickArg::Latest)]
    pub pick: PickArg,
    /// Sort amounts in other currencies by their value in this one (USD, EUR or CNY), at the
    /// only rates kg uses: those the data states (a figure given in two currencies on one
    /// line of a source). Amounts without such a rate stay in their own group.
    #[arg(long, value_name = "CURRENCY")]
    pub currency: Option<String>,
    /// At most this many.
    #[arg(long)]
    pub limit: Option<usize>,
}

/// `--pick`: which claim a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PickArg {
    /// The one with the latest as-of or period.
    Latest,
    /// The largest amount (of one unit).
    Max,
    /// Each in a row of its own.
    All,
}

/// What `kg export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A diagram of a view of the graph as Graphviz DOT (or rendered to SVG or PNG).
    Dot(ExportArgs),
    /// Every entity, claim, citation and relation as RDF with W3C PROV-O.
    Rdf(RdfArgs),
    /// Tidy tables (entities, claims, citations, edges) as CSV files in a folder.
    Csv(CsvArgs),
    /// The lineage or provenance view as a Mermaid flowchart, for Markdown.
    Mermaid(MermaidArgs),
}

/// RDF syntaxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RdfFormat {
    /// Turtle, with prefixes.
    Turtle,
    /// N-Triples, one triple a line (for bulk loaders).
    Ntriples,
    /// JSON-LD.
    Jsonld,
}

/// Arguments of `kg export rdf`.
#[derive(Debug, Args)]
pub struct RdfArgs {
    /// The syntax.
    #[arg(long, default_value = "turtle")]
    pub format: RdfFormat,
    /// The IRI the entities', claims' and citations' IRIs start with (ending in / or #).
    #[arg(long, value_name = "IRI", default_value = kg_export::rdf::DEFAULT_BASE)]
    pub base: String,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `kg export csv`.
#[derive(Debug, Args)]
pub struct CsvArgs {
    /// The folder to create with entities.csv, claims.csv, citations.csv and edges.csv;
    /// all land or none.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace the folder if it exists and is not empty.
    #[arg(long)]
    pub force: bool,
}

/// The views `kg export mermaid` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MermaidView {
    /// Models and families along their lineage.
    Lineage,
    /// Claims, the documents that state them and their primary sources.
    Provenance,
}

/// Arguments of `kg export mermaid`.
#[derive(Debug, Args)]
pub struct MermaidArgs {
    /// The view.
    #[arg(long)]
    pub view: MermaidView,
    /// Centre the view on this entity (or claim); required by the provenance view.
    #[arg(long)]
    pub root: Option<String>,
    /// How many steps from the root (lineage view).
    #[arg(long)]
    pub depth: Option<usize>,
    /// Only ancestors (lineage view).
    #[arg(long, conflicts_with = "down")]
    pub up: bool,
    /// Only descendants (lineage view).
    #[arg(long)]
    pub down: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The views `kg export` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum View {
    /// Models and families along their lineage.
    Lineage,
    /// Organizations with their models, investors and subsidiaries.
    Ecosystem,
    /// Investors, rounds and the organizations that raised them.
    Funding,
    /// Claims, the documents that state them and their primary sources.
    Provenance,
    /// A market with its size figures and the organizations' shares.
    Market,
}

/// The long help of `--view`: every view with the roots it takes and its defaults.
fn view_help() -> String {
    let mut help = String::from(
        "The view. Each is cut to a size budget (about 4000 px a side when rendered) by \
         importance, with a note in the picture of what was left out; --max-nodes N or \
         --full draw more.\n",
    );
    for view in kg_dot::View::ALL {
        help.push_str(&format!(
            "\n{}: --root takes {}.\n  Defaults: {}; a budget of {} nodes.\n",
            view.name(),
            view.roots(),
            view.defaults(),
            view.budget()
        ));
    }
    help
}

/// What `--render` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Render {
    /// SVG, by Graphviz's `dot`.
    Svg,
    /// PNG, by Graphviz's `dot`.
    Png,
}

/// Arguments of `kg export dot`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The view (the long help, --help, names the roots each takes and its defaults).
    #[arg(long, long_help = view_help())]
    pub view: View,
    /// Centre the view on this entity (or claim, or source); each view takes its own kinds
    /// of root (see --view in --help).
    #[arg(long)]
    pub root: Option<String>,
    /// How many steps from the root.
    #[arg(long)]
    pub depth: Option<usize>,
    /// Only ancestors (lineage view).
    #[arg(long, conflicts_with = "down")]
    pub up: bool,
    /// Only descendants (lineage view).
    #[arg(long)]
    pub down: bool,
    /// Cut the view at this many nodes instead of its size budget, with a visible note of
    /// what was left out.
    #[arg(long, conflicts_with = "full")]
    pub max_nodes: Option<usize>,
    /// Draw the whole view: no size budget, nothing cut (large views make huge pictures).
    #[arg(long)]
    pub full: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Render with the installed Graphviz instead of writing DOT.
    #[arg(long)]
    pub render: Option<Render>,
    /// The Graphviz program `--render` runs.
    #[arg(long, value_name = "PROGRAM", default_value = "dot")]
    pub dot_bin: PathBuf,
}

/// Arguments of `kg completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// Arguments of `kg man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (kg-lineage(1)); without it, kg(1).
    pub command: Option<String>,
}

/// Arguments of `kg conflicts`.
#[derive(Debug, Args)]
pub struct ConflictsArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
    /// Only the conflicts about this entity.
    pub id: Option<String>,
}

/// Arguments of `kg series`.
#[derive(Debug, Args)]
pub struct SeriesArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
    /// The entity (a market, an organization, a model).
    pub id: String,
    /// The property (market_size, revenue, valuation, ...).
    pub property: String,
    /// The change and CAGR from this date (with --to) instead of between consecutive dates.
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// The change and CAGR up to this date (with --from).
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
}

/// Arguments of `kg compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
    /// The entities, two or more.
    #[arg(required = true, num_args = 1..)]
    pub ids: Vec<String>,
    /// Only these properties (comma-separated); without it, every property any of them has.
    #[arg(long, value_delimiter = ',', value_name = "PROPERTIES")]
    pub props: Vec<String>,
}

/// Arguments of `kg audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// How the table is printed.
    #[command(flatten)]
    pub table: TableOpts,
    /// Only the findings that rest on a claim about this entity.
    pub id: Option<String>,
    /// Only findings with these codes (comma-separated, e.g. cagr-mismatch,conflict).
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub code: Vec<String>,
}

/// The formats `kg import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Stanford CRFM's Ecosystem Graphs: `assets/*.yaml` files (or the `assets` folder).
    EcosystemGraphs,
    /// The Hugging Face Hub's model records, JSON Lines.
    HfHub,
    /// Epoch AI's notable AI models, CSV.
    Epoch,
    /// A model tree as CSV rows `child,parent,relation`, header first.
    Edges,
}

/// Arguments of `kg import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The inputs' format.
    pub format: ImportFormat,
    /// The input files; a folder stands for its `.yaml`, `.yml`, `.jsonl` or `.csv` files.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write the dataset into (refused if it holds anything, unless --force).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Match the imported entities against this dataset (a folder of .ron files) and record
    /// each match as a cited `same_as` claim; load the output beside it.
    #[arg(long, value_name = "DATA")]
    pub into: Option<PathBuf>,
    /// Replace what the output folder holds.
    #[arg(long)]
    pub force: bool,
}
