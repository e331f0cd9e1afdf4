//! The `kg` binary itself, as a shell runs it: its output to a pipe (block-buffered) is
//! byte for byte what `kg_cli::run` writes, and a reader that stops early is no error.

use std::io::Read;
use std::process::{Command, Stdio};

/// What `kg_cli::run` writes to standard output for `args`.
fn in_process(args: &[&str]) -> (u8, Vec<u8>) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("kg").chain(args.iter().copied());
    let code = kg_cli::run(argv, &mut out, &mut err, false);
    (code, out)
}

#[test]
fn piped_output_is_the_whole_output() {
    for args in [
        &["--json", "list", "claim"][..],
        &["list", "claim"],
        &["--json", "lineage", "nonexistent-model"],
        &["stats"],
    ] {
        let (code, expected) = in_process(args);
        let run = Command::new(env!("CARGO_BIN_EXE_kg"))
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("the kg binary runs");
        assert_eq!(run.status.code(), Some(i32::from(code)), "kg {args:?}");
        assert_eq!(
            run.stdout, expected,
            "kg {args:?}: stdout differs from kg_cli::run's"
        );
    }
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["--json", "list", "claim"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kg binary runs");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("piped")
        .read_exact(&mut first)
        .expect("kg writes at least 16 bytes");
    // The pipe's reading end is closed here; kg's later writes fail with a broken pipe.
    let run = child.wait_with_output().expect("kg ends");
    assert_eq!(first[0], b'[');
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&run.stderr), "");
}
