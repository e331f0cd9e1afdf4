//! What a real data folder may hold: links back up (loops), a second link to a folder or
//! file already read, a link to nothing, a named pipe called `*.ron`. Each is read once or
//! passed over with a note, and nothing hangs: every run has a time limit.

use kg_tests::{fixtures, kg, Output};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Runs `kg` on a thread of its own and fails the test, rather than hang the suite, when it
/// has not finished within a minute (a reader that opened a named pipe would wait forever).
fn kg_within_a_minute(args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = send.send(kg(&args));
    });
    receive
        .recv_timeout(Duration::from_secs(60))
        .expect("kg did not finish within a minute: it hangs")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_folder_with_loops_links_and_a_pipe_is_read_once_without_hanging() {
    use std::os::unix::fs::symlink;
    let root = kg_tests::tempdir("walk");
    let data = root.join("data");
    kg_tests::copy_tree(&fixtures().join("good/minimal"), &data, &|t| t.to_string());
    std::fs::create_dir_all(data.join("sub")).expect("temp dir is writable");
    symlink("..", data.join("sub/up")).expect("symlink");
    symlink(".", data.join("self")).expect("symlink");
    symlink("sub", data.join("alias")).expect("symlink");
    symlink("markets.ron", data.join("link.ron")).expect("symlink");
    symlink("/nonexistent/kg-test", data.join("nothing.ron")).expect("symlink");
    symlink("/nonexistent/kg-test", data.join("README")).expect("symlink"); // not data: no note
    mkfifo(&data.join("pipe.ron"));

    let text = data.to_str().expect("UTF-8 temp path");
    let out = kg_within_a_minute(&["check", "--data", text]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout,
        format!("{text}: 2 files, 2 entities, 2 claims; 0 errors, 0 warnings\n")
    );
    let notes: Vec<&str> = out.stderr.lines().collect();
    let expected = [
        "links back to",                       // sub/up
        "links back to",                       // self
        "again, through a link",               // sub, the folder alias already read
        "again, through a link",               // markets.ron, through link.ron first
        "is a link to nothing",                // nothing.ron
        "is not a regular file (a named pipe", // pipe.ron, never opened
    ];
    assert_eq!(notes.len(), expected.len(), "one note each: {notes:#?}");
    for what in expected {
        let n = notes.iter().filter(|l| l.contains(what)).count();
        let wanted = expected.iter().filter(|e| **e == what).count();
        assert_eq!(n, wanted, "`{what}` in {notes:#?}");
    }
    assert!(notes.iter().all(|l| l.starts_with("note: ")), "{notes:#?}");

    // JSON and the queries read the folder the same way.
    let json = kg_within_a_minute(&["check", "--json", "--data", text]);
    assert_eq!(json.code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(doc["errors"], serde_json::json!([]));
    assert_eq!(doc["warnings"], serde_json::json!([]));
    let stats = kg_within_a_minute(&["stats", "--data", text]);
    assert_eq!(stats.code, 0, "{}", stats.stderr);

    // A pipe is refused as a document, without being opened.
    let out = kg_within_a_minute(&[
        "coverage",
        "llm-note",
        "--data",
        text,
        "--document",
        data.join("pipe.ron").to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("pipe.ron: not a regular file"),
        "{}",
        out.stderr
    );
    std::fs::remove_dir_all(&root).expect("temp dir is removable");
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let root = kg_tests::tempdir("not-utf8");
    std::fs::write(root.join("a.ron"), b"(\xff)").expect("temp dir is writable");
    let out = kg_within_a_minute(&["check", "--data", root.to_str().expect("UTF-8")]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("a.ron: not UTF-8 text (invalid byte at offset 1)"),
        "{}",
        out.stderr
    );
    std::fs::remove_dir_all(&root).expect("temp dir is removable");
}
