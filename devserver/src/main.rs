//! `devserver`: serves the built UI and a Grafana-compatible API on SQLite.
//!
//! Start-up failures (bad `--db` path, port in use) print one line and exit non-zero.

use clap::Parser;
use leptos_grafana_devserver::{serve, Config};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "devserver=info,leptos_grafana_devserver=info".into()),
        )
        .with_target(false)
        .init();
    match serve(Config::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("devserver: {err}");
            ExitCode::FAILURE
        }
    }
}
