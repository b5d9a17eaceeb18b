//! Fault injection (`--faults SPEC`, off by default): per route, added latency, a rate of
//! 500s, dropped connections, truncated bodies and non-JSON bodies, so the UI can be tested
//! against a server that misbehaves the ways real ones do.
//!
//! A SPEC is rules separated by `;`, each `[METHOD ]PATH=effect[,effect…]`:
//!
//! ```text
//! GET /api/serviceaccounts/search=latency:800ms,error:0.5; /api/datasources/*=drop:1
//! ```
//!
//! `PATH` matches a request path exactly, or every path below it when it ends in `*`
//! (`/api/*`). Effects: `latency:<ms>ms`, and the rates (0 to 1) `error` (Grafana's 500),
//! `drop` (the connection is cut before the answer ends), `truncate` (half the body, as
//! when a connection breaks mid-answer) and `garbage` (200 with an HTML page instead of
//! JSON). The first rule that matches applies. An Admin can read and replace the rules at
//! run time with `GET`/`PUT /api/devserver/faults` (`{"spec": "…"}`), which no rule ever
//! affects.

pub mod rules;

pub use rules::{parse, Effects, Faults, Rule};

use crate::auth::identity::Identity;
use crate::auth::OrgRole;
use crate::body::GrafanaJson;
use crate::{ApiError, AppState};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rand::Rng;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// The control route; never subject to faults.
pub const CONTROL_PATH: &str = "/api/devserver/faults";

fn hit(rate: f64) -> bool {
    rate > 0.0 && rand::rng().random_bool(rate.min(1.0))
}

/// A body that fails after sending nothing: the client sees the connection cut.
fn cut_connection() -> Response {
    let failing = failing_stream();
    let mut response = Response::new(Body::from_stream(failing));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    response
}

fn failing_stream(
) -> impl futures_core::Stream<Item = Result<axum::body::Bytes, std::io::Error>> + Send {
    struct Failing(bool);
    impl futures_core::Stream for Failing {
        type Item = Result<axum::body::Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            if self.0 {
                std::task::Poll::Ready(None)
            } else {
                self.0 = true;
                std::task::Poll::Ready(Some(Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "fault injection: connection dropped",
                ))))
            }
        }
    }
    Failing(false)
}

/// The middleware: applies the first matching rule's effects.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(faults) = state.faults.clone() else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_owned();
    if path == CONTROL_PATH {
        return next.run(request).await;
    }
    let Some(effects) = faults.effects_for(request.method(), &path) else {
        return next.run(request).await;
    };
    if !effects.latency.is_zero() {
        tokio::time::sleep(effects.latency).await;
    }
    if hit(effects.error) {
        return ApiError::message(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
            .into_response();
    }
    if hit(effects.drop) {
        return cut_connection();
    }
    if hit(effects.garbage) {
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<html><body>upstream proxy error page</body></html>",
        )
            .into_response();
    }
    let response = next.run(request).await;
    if !hit(effects.truncate) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(half))
}

#[derive(Deserialize)]
struct SpecBody {
    spec: String,
}

/// `GET`/`PUT /api/devserver/faults` (Admin; only when devserver runs with `--faults`).
pub fn routes() -> Router<AppState> {
    Router::new().route(CONTROL_PATH, get(read).put(write))
}

fn control(state: &AppState, who: &Identity) -> Result<Arc<Faults>, ApiError> {
    if who.role != OrgRole::Admin {
        return Err(ApiError::message(
            StatusCode::FORBIDDEN,
            "Permission denied",
        ));
    }
    state.faults.clone().ok_or_else(ApiError::not_found)
}

async fn read(
    State(state): State<AppState>,
    who: Identity,
) -> Result<Json<serde_json::Value>, ApiError> {
    let faults = control(&state, &who)?;
    Ok(Json(json!({ "spec": faults.spec() })))
}

async fn write(
    State(state): State<AppState>,
    who: Identity,
    body: GrafanaJson<SpecBody>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let faults = control(&state, &who)?;
    let SpecBody { spec } = body.bind()?;
    faults
        .replace(&spec)
        .map_err(|e| ApiError::message(StatusCode::BAD_REQUEST, e))?;
    Ok(Json(json!({ "message": "Faults updated", "spec": spec })))
}
