//! House rules that a reviewer would otherwise check by hand: every Rust file opens with a
//! `//!` comment saying what it is for, kg-core modules import only from their own layer and
//! below, and no kg-dot view imports from another view.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n == "target" || n == "fixtures")
            {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let root = kg_tests::root();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    assert!(files.len() > 40, "found only {} Rust files", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` line: {missing:#?}"
    );
}

/// The places a kg-dot view may not import from: another view (`use super::x` from inside
/// views/, `crate::views::x`), found in `text`, the source of one view.
fn view_imports_of_views(text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| line.contains("super::") || line.contains("crate::views::"))
        .map(|(n, line)| format!("line {}: {}", n + 1, line.trim()))
        .collect()
}

#[test]
fn kg_dot_views_import_no_other_view() {
    // The rule itself, on a made-up view, so the check below cannot pass by reading nothing.
    assert_eq!(
        view_imports_of_views("use super::ecosystem::org_node;\nuse crate::draw;\n").len(),
        1
    );
    assert_eq!(
        view_imports_of_views("let k = crate::views::market::entity_kind(x);").len(),
        1
    );
    let views = kg_tests::root().join("crates/kg-dot/src/views");
    let mut files = Vec::new();
    rust_files(&views, &mut files);
    files.retain(|f| !f.ends_with("mod.rs"));
    assert!(files.len() >= 5, "found only {} views", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for hit in view_imports_of_views(&text) {
            found.push(format!("{}: {hit}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "a kg-dot view uses another view (shared drawing belongs in crates/kg-dot/src/draw.rs):\n{}",
        found.join("\n")
    );
    // And nothing outside views/ reaches into a view, except lib.rs choosing which to build.
    let mut others = Vec::new();
    rust_files(&kg_tests::root().join("crates/kg-dot/src"), &mut others);
    for file in others
        .iter()
        .filter(|f| !f.starts_with(&views) && !f.ends_with("lib.rs"))
    {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        assert!(
            !text.contains("views::"),
            "{} reaches into a view: shared drawing belongs in draw.rs",
            file.display()
        );
    }
}

/// The layers of kg-core, bottom first (docs/ARCHITECTURE.md): a module may import from its
/// own layer and the layers below, never from a layer above.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "model and values",
        &[
            "date",
            "diagnostic",
            "format",
            "id",
            "model",
            "property",
            "span",
            "value",
        ],
    ),
    ("graph", &["graph", "compare", "snapshot"]),
    ("loading", &["load"]),
    (
        "audit and queries",
        &["audit", "coverage", "document", "query", "synthetic"],
    ),
    ("check", &["check"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// The module path of a source file under `src/`: `load/mod.rs` is `[load]`,
/// `audit/arithmetic/rates.rs` is `[audit, arithmetic, rates]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The first names of the paths a `crate::` or `super::` prefix at `rest` leads to, each
/// with where it starts in `rest`: `x::y` gives `x`, `{x::y, z}` gives `x` and `z`.
fn first_names(rest: &str) -> Vec<(String, usize)> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = rest.strip_prefix('{') else {
        return vec![(word(rest), 0)];
    };
    let mut names = Vec::new();
    let (mut depth, mut start) = (0, true);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => start = true,
            c if start && !c.is_whitespace() => {
                names.push((word(&group[i..]), i + 1));
                start = false;
            }
            _ => {}
        }
    }
    names
}

/// Every import of a kg-core source file from another top-level module, as (the module it
/// names, the line it is on). Test modules (`#[cfg(test)]` to the end of the file) and
/// comments are left out; a `use` may span lines.
fn imports(relative: &Path, text: &str, reexports: &[(String, String)]) -> Vec<(String, usize)> {
    let path = module_path(relative);
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut targets = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let from = at + "crate::".len();
        for (name, offset) in first_names(&code[from..]) {
            targets.push((name, line_of(from + offset)));
        }
    }
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::") {
            continue; // counted from the first `super::` of a chain
        }
        let mut rest = &code[at..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            rest = r;
            up += 1;
        }
        let parent = &path[..path.len().saturating_sub(up)];
        match parent.first() {
            Some(top) => targets.push((top.clone(), line_of(at))),
            None => {
                let from = code.len() - rest.len();
                for (name, offset) in first_names(rest) {
                    targets.push((name, line_of(from + offset)));
                }
            }
        }
    }
    targets
        .into_iter()
        .map(|(name, line)| {
            // A name re-exported at the crate's root stands for its module.
            let module = reexports
                .iter()
                .find(|(item, _)| *item == name)
                .map_or(name, |(_, m)| m.clone());
            (module, line)
        })
        .collect()
}

/// The items lib.rs re-exports, with the module each comes from.
fn root_reexports(lib: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for statement in lib.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, items)) = path.split_once("::") else {
            continue;
        };
        for item in items.trim_matches(['{', '}']).split(',') {
            let item = item.trim();
            if !item.is_empty() {
                out.push((item.to_string(), module.to_string()));
            }
        }
    }
    out
}

#[test]
fn kg_core_modules_import_only_from_their_layer_and_below() {
    let src = kg_tests::root().join("crates/kg-core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let reexports = root_reexports(&lib);
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        if relative == Path::new("lib.rs") {
            continue;
        }
        let path = module_path(relative);
        let module = &path[0];
        let Some(layer) = layer_of(module) else {
            problems.push(format!(
                "{}: module `{module}` has no layer; give it one in LAYERS and docs/ARCHITECTURE.md",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable");
        for (target, line) in imports(relative, &text, &reexports) {
            checked += 1;
            match layer_of(&target) {
                Some(t) if t <= layer => {}
                Some(t) => problems.push(format!(
                    "{}:{line}: `{module}` ({}) imports from `{target}` ({}), a layer above",
                    relative.display(),
                    LAYERS[layer].0,
                    LAYERS[t].0
                )),
                None => problems.push(format!(
                    "{}:{line}: names `{target}`, which is no module of a layer",
                    relative.display()
                )),
            }
        }
    }
    assert!(
        checked > 50,
        "found only {checked} imports; is the parser blind?"
    );
    assert!(
        problems.is_empty(),
        "imports against the layers: {problems:#?}"
    );
}

#[test]
fn the_layer_check_reads_every_form_of_import() {
    let reexports = vec![("Graph".to_string(), "graph".to_string())];
    let text = "//! A module.\nuse super::audit::Finding;\nuse crate::{\n    query::list,\n    Graph,\n};\nfn f() { crate::load::load(&[]); } // crate::check\n#[cfg(test)]\nmod tests { use crate::check; }\n";
    let found = imports(Path::new("load/mod.rs"), text, &reexports);
    let expected = [("query", 4), ("graph", 5), ("load", 7), ("audit", 2)];
    let found: Vec<(&str, usize)> = found.iter().map(|(m, l)| (m.as_str(), *l)).collect();
    assert_eq!(found, expected);
    // Inside a folder, `super::` is the folder's own module; two of them leave it.
    let text = "//! A pass.\nuse super::locate::Site;\nuse super::super::query::x;\n";
    let found = imports(Path::new("load/edges.rs"), text, &reexports);
    assert_eq!(found, [("load".to_string(), 2), ("query".to_string(), 3)]);
}
