//! devserver: a Grafana-API-compatible server for developing leptos-grafana UIs without
//! a Grafana.
//!
//! [`app`] builds the whole router from one [`AppState`]; each Grafana area adds its
//! routes with Grafana's own paths, so a grep for a Grafana route finds its handler.

pub mod config;
pub mod datasources;
pub mod db;
pub mod error;
pub mod frontend;
pub mod health;
pub mod plugins;
pub mod secrets;
pub mod state;

pub use config::Config;
pub use error::ApiError;
pub use state::AppState;

use axum::Router;
use std::net::SocketAddr;
use tower_http::trace::TraceLayer;

/// Every route devserver answers, with its state.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(health::routes())
        .merge(datasources::routes())
        .merge(plugins::routes())
        .merge(frontend::api_fallback())
        .fallback_service(frontend::ui_service(&state))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Errors that stop devserver from starting; each prints as one line.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error("cannot open database {path}: {source}")]
    Database {
        /// The `--db` path.
        path: String,
        /// What went wrong.
        source: db::DbError,
    },
    /// The address could not be bound (port in use, bad address…).
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// `bind:port`.
        addr: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// `--plugins-dir` holds a malformed `plugin.json` or cannot be read.
    #[error("{0}")]
    Plugins(#[from] plugins::PluginError),
    /// The server stopped with an I/O error.
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

/// Opens the database, binds the port and serves until Ctrl-C.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let db = db::Db::open(&config.db).map_err(|source| StartError::Database {
        path: config.db.display().to_string(),
        source,
    })?;
    let plugins = plugins::PluginRegistry::load(&config.plugins_dir)?;
    let state = AppState::new(db, config.dist.clone())
        .with_secret_key(&config.secret_key)
        .with_plugins(plugins);
    let addr = format!("{}:{}", config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: addr.clone(),
            source,
        })?;
    let local: SocketAddr = listener
        .local_addr()
        .map_err(|source| StartError::Listen { addr, source })?;
    // The e2e harness reads this line to learn the port when started with --port 0.
    println!("devserver listening on http://{local}");
    tracing::info!(db = %config.db.display(), dist = %config.dist.display(), "ready");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(StartError::Serve)
}
