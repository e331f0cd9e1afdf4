//! Helpers for the end-to-end tests: run `kg` in process exactly as the binary does, and
//! find the workspace's folders.

use std::path::PathBuf;

/// What one run of `kg` gave.
#[derive(Debug)]
pub struct Output {
    /// Exit code.
    pub code: u8,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `kg` with `args` (without the program name), without colour.
pub fn kg(args: &[&str]) -> Output {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("kg").chain(args.iter().copied());
    let code = kg_cli::run(argv, &mut out, &mut err, false);
    Output {
        code,
        stdout: String::from_utf8(out).expect("kg writes UTF-8"),
        stderr: String::from_utf8(err).expect("kg writes UTF-8"),
    }
}

/// Runs `kg ARGS`, expects exit 0, and returns standard output.
pub fn ok(args: &[&str]) -> String {
    let out = kg(args);
    assert_eq!(out.code, 0, "kg {args:?}: {}", out.stderr);
    out.stdout
}

/// Runs `kg --json ARGS`, expects exit 0, and parses the output.
pub fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(&all)).expect("--json prints JSON")
}

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// A new empty folder under the system's temporary folder, named after `name`, this process
/// and a counter, so that tests running at once never share one.
pub fn tempdir(name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "kg-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}
