//! `kg export dot`: a view of the graph as Graphviz DOT (kg-dot), written to standard
//! output or atomically to a file, or rendered to SVG or PNG by the installed `dot`.

use crate::args::{ExportArgs, Global, Render, View};
use crate::{EXIT_OK, EXIT_USAGE};
use anyhow::{Context, Result};
use std::io::{ErrorKind, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// What to tell someone whose machine has no Graphviz.
const INSTALL: &str = "install Graphviz to render: `apt-get install graphviz` on Debian or \
Ubuntu (add `fonts-noto-cjk` so Chinese labels render in PNG), `brew install graphviz` on \
macOS; or leave out --render to write DOT";

/// Runs `kg export`.
pub fn run(
    global: &Global,
    args: &ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    _color: bool,
) -> Result<u8> {
    if global.json {
        writeln!(
            err,
            "error: `kg export` writes DOT, SVG or PNG; --json does not apply"
        )?;
        return Ok(EXIT_USAGE);
    }
    let graph = crate::dataset::load(global, &kg_core::snapshot::Selection::Full, err)?;
    let options = kg_dot::Options {
        view: match args.view {
            View::Lineage => kg_dot::View::Lineage,
            View::Ecosystem => kg_dot::View::Ecosystem,
            View::Funding => kg_dot::View::Funding,
            View::Provenance => kg_dot::View::Provenance,
            View::Market => kg_dot::View::Market,
        },
        root: args.root.clone(),
        depth: args.depth,
        direction: if args.up {
            kg_dot::Direction::Up
        } else if args.down {
            kg_dot::Direction::Down
        } else {
            kg_dot::Direction::Both
        },
        max_nodes: args.max_nodes,
        full: args.full,
    };
    let (dot, summary) = match kg_dot::to_dot(&graph, &options) {
        Ok(done) => done,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_USAGE);
        }
    };
    let bytes = match args.render {
        None => dot,
        Some(format) => match render(&args.dot_bin, format, &dot, err)? {
            Some(bytes) => bytes,
            None => return Ok(EXIT_USAGE),
        },
    };
    match &args.output {
        None => {
            out.write_all(&bytes)?;
            out.flush()?;
        }
        Some(path) => crate::atomic::write_bytes(path, &bytes)?,
    }
    if summary.cut() {
        let how = if summary.by_budget {
            "to its size budget"
        } else {
            "at --max-nodes"
        };
        writeln!(
            err,
            "note: the view was cut {how}: {} of {} nodes shown (--full draws all)",
            summary.nodes, summary.total_nodes
        )?;
    }
    Ok(EXIT_OK)
}

/// Runs Graphviz on the DOT; `None` (after saying why on `err`) when it is missing or fails.
fn render(
    program: &Path,
    format: Render,
    dot: &[u8],
    err: &mut dyn Write,
) -> Result<Option<Vec<u8>>> {
    let flag = match format {
        Render::Svg => "-Tsvg",
        Render::Png => "-Tpng",
    };
    let mut child = match Command::new(program)
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            writeln!(
                err,
                "error: Graphviz is not installed (`{}` was not found); {INSTALL}",
                program.display()
            )?;
            return Ok(None);
        }
        Err(e) => {
            return Err(e).with_context(|| format!("cannot run `{}`", program.display()));
        }
    };
    // Feed the DOT from another thread, so a large picture cannot fill the output pipe
    // while we are still writing the input.
    let mut stdin = child.stdin.take().context("no pipe to Graphviz's input")?;
    let input = dot.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .with_context(|| format!("cannot run `{}`", program.display()))?;
    let fed = feeder.join();
    err.write_all(&output.stderr)?;
    if !output.status.success() {
        writeln!(
            err,
            "error: `{} {flag}` failed ({})",
            program.display(),
            output.status
        )?;
        return Ok(None);
    }
    match fed {
        Ok(Ok(())) => Ok(Some(output.stdout)),
        Ok(Err(e)) => Err(e).context("cannot write the DOT to Graphviz"),
        Err(_) => anyhow::bail!("the thread writing to Graphviz panicked"),
    }
}
