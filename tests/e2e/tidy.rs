//! House rules that a reviewer would otherwise check by hand: every Rust file opens with a
//! `//!` comment saying what it is for, and no kg-dot view imports from another view.

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
