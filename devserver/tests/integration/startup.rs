//! Start-up of the real `devserver` binary: a bad `--db` path or a port in use exits
//! non-zero with a one-line reason; a good start creates the database and its folder.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_devserver");

fn one_line_failure(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(!out.status.success(), "devserver {args:?} should fail");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line of reason, got: {stderr}");
    lines[0].to_owned()
}

#[test]
fn a_bad_db_path_exits_non_zero_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file where the database folder should be.
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").unwrap();
    let db = blocker.join("devserver.db");
    let line = one_line_failure(&["--port", "0", "--db", db.to_str().unwrap()]);
    assert!(
        line.starts_with("devserver: cannot open database"),
        "{line}"
    );
}

#[test]
fn a_port_in_use_exits_non_zero_with_one_line() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dev.db");
    let line = one_line_failure(&["--port", &port, "--db", db.to_str().unwrap()]);
    assert!(
        line.starts_with(&format!("devserver: cannot listen on 127.0.0.1:{port}")),
        "{line}"
    );
}

#[test]
fn starts_on_a_free_port_and_creates_the_database_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/nested/devserver.db");
    let mut child = Command::new(BIN)
        .args([
            "--port",
            "0",
            "--db",
            db.to_str().unwrap(),
            "--dist",
            dir.path().to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("devserver listening on ")
        .unwrap()
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    assert!(db.exists());
    // The port really answers.
    let addr = url.trim_start_matches("http://");
    let stream =
        std::net::TcpStream::connect_timeout(&addr.parse().unwrap(), Duration::from_secs(2));
    assert!(stream.is_ok());
    child.kill().unwrap();
    child.wait().unwrap();
}
