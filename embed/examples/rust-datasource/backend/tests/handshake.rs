//! The backend starts as Grafana starts it (only Grafana's variables) and prints go-plugin's
//! handshake line first: `1|2|tcp|127.0.0.1:PORT|grpc`. (devserver's integration tests then
//! drive this same binary over gRPC.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn prints_go_plugins_handshake_line_first() {
    let mut child = Command::new(env!(
        "CARGO_BIN_EXE_gpx_leptos-grafana-example-rust-datasource"
    ))
    .env_clear()
    .env("grafana_plugin_type", "datasource")
    .env("PLUGIN_PROTOCOL_VERSIONS", "2")
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let parts: Vec<&str> = line.trim().split('|').collect();
    assert_eq!(parts.len(), 5, "{line:?}");
    assert_eq!(
        (parts[0], parts[1], parts[2], parts[4]),
        ("1", "2", "tcp", "grpc"),
        "{line:?}"
    );
    assert!(parts[3].starts_with("127.0.0.1:"), "{line:?}");
}
