//! `GET /api/health`, in Grafana's shape: `{"commit","database","version"}`; 503 with
//! `"database": "failing"` when the database does not answer.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

/// The version devserver reports, the kit's own.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/health", get(health))
}

async fn health(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let ok = state
        .db
        .call(|c| Ok(c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
        .await
        .is_ok();
    let (status, database) = if ok {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "failing")
    };
    (
        status,
        Json(json!({ "commit": "devserver", "database": database, "version": VERSION })),
    )
}
