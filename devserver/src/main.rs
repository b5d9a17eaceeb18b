//! `devserver`: serves the built UI and a Grafana-compatible API on SQLite.
//!
//! Start-up failures (bad `--db` path, port in use) print one line and exit non-zero.
//! `devserver check-plugin plugin.json [--schema …]` checks a plugin instead of serving.

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
    if std::env::args().nth(1).as_deref() == Some("check-plugin") {
        let args = std::env::args().skip(1);
        return leptos_grafana_devserver::check_plugin::run(
            leptos_grafana_devserver::check_plugin::CheckPlugin::parse_from(args),
        );
    }
    match serve(Config::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("devserver: {err}");
            ExitCode::FAILURE
        }
    }
}
