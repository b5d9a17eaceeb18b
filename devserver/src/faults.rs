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

use crate::auth::identity::Identity;
use crate::auth::OrgRole;
use crate::body::GrafanaJson;
use crate::{ApiError, AppState};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rand::Rng;
use serde::Deserialize;
use serde_json::json;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The control route; never subject to faults.
pub const CONTROL_PATH: &str = "/api/devserver/faults";

/// What one rule does to a matching request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    /// Added before the request is handled.
    pub latency: Duration,
    /// Rate of Grafana 500s instead of the real answer.
    pub error: f64,
    /// Rate of connections cut before the answer ends.
    pub drop: f64,
    /// Rate of answers whose body is cut in half.
    pub truncate: f64,
    /// Rate of 200 answers with an HTML page for a body.
    pub garbage: f64,
}

/// One `[METHOD ]PATH=effects` rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    method: Option<Method>,
    path: String,
    prefix: bool,
    effects: Effects,
}

impl Rule {
    fn matches(&self, method: &Method, path: &str) -> bool {
        if self.method.as_ref().is_some_and(|m| m != method) {
            return false;
        }
        if self.prefix {
            path.starts_with(&self.path)
        } else {
            path == self.path
        }
    }
}

fn rate(name: &str, value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(format!("{name}:{value}: a rate is a number from 0 to 1")),
    }
}

/// Parses a SPEC (see the module docs); an empty SPEC is no faults.
pub fn parse(spec: &str) -> Result<Vec<Rule>, String> {
    let mut rules = Vec::new();
    for raw in spec.split(';').map(str::trim).filter(|r| !r.is_empty()) {
        let (target, effects) = raw
            .split_once('=')
            .ok_or_else(|| format!("fault rule {raw:?}: expected [METHOD ]PATH=effect,…"))?;
        let target = target.trim();
        let (method, path) = match target.split_once(' ') {
            Some((m, p)) => (
                Some(
                    Method::from_bytes(m.trim().to_ascii_uppercase().as_bytes())
                        .map_err(|_| format!("fault rule {raw:?}: bad method {m:?}"))?,
                ),
                p.trim(),
            ),
            None => (None, target),
        };
        if !path.starts_with('/') {
            return Err(format!("fault rule {raw:?}: the path must start with /"));
        }
        let (path, prefix) = match path.strip_suffix('*') {
            Some(p) => (p.to_owned(), true),
            None => (path.to_owned(), false),
        };
        let mut parsed = Effects::default();
        for effect in effects.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, value) = effect
                .split_once(':')
                .ok_or_else(|| format!("fault effect {effect:?}: expected name:value"))?;
            match name {
                "latency" => {
                    let ms = value
                        .strip_suffix("ms")
                        .unwrap_or(value)
                        .parse::<u64>()
                        .ok()
                        .filter(|ms| *ms <= 600_000)
                        .ok_or_else(|| {
                            format!("latency:{value}: expected milliseconds, e.g. 500ms")
                        })?;
                    parsed.latency = Duration::from_millis(ms);
                }
                "error" => parsed.error = rate(name, value)?,
                "drop" => parsed.drop = rate(name, value)?,
                "truncate" => parsed.truncate = rate(name, value)?,
                "garbage" => parsed.garbage = rate(name, value)?,
                _ => {
                    return Err(format!(
                        "fault effect {name:?}: one of latency, error, drop, truncate, garbage"
                    ))
                }
            }
        }
        rules.push(Rule {
            method,
            path,
            prefix,
            effects: parsed,
        });
    }
    Ok(rules)
}

/// The rules in force, and the SPEC they came from; shared by every request.
#[derive(Debug, Default)]
pub struct Faults {
    current: RwLock<(String, Vec<Rule>)>,
}

impl Faults {
    /// Faults from a SPEC.
    pub fn new(spec: &str) -> Result<Self, String> {
        let rules = parse(spec)?;
        Ok(Self {
            current: RwLock::new((spec.to_owned(), rules)),
        })
    }

    fn effects_for(&self, method: &Method, path: &str) -> Option<Effects> {
        let current = self.current.read().ok()?;
        current
            .1
            .iter()
            .find(|r| r.matches(method, path))
            .map(|r| r.effects.clone())
    }

    fn spec(&self) -> String {
        self.current.read().map(|c| c.0.clone()).unwrap_or_default()
    }

    fn replace(&self, spec: &str) -> Result<(), String> {
        let rules = parse(spec)?;
        if let Ok(mut current) = self.current.write() {
            *current = (spec.to_owned(), rules);
        }
        Ok(())
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_match() {
        let rules = parse(
            "GET /api/serviceaccounts/search=latency:800ms,error:0.5; /api/datasources/*=drop:1",
        )
        .unwrap();
        assert_eq!(rules.len(), 2);
        assert!(rules[0].matches(&Method::GET, "/api/serviceaccounts/search"));
        assert!(!rules[0].matches(&Method::POST, "/api/serviceaccounts/search"));
        assert_eq!(rules[0].effects.latency, Duration::from_millis(800));
        assert!(rules[1].matches(&Method::PUT, "/api/datasources/uid/x"));
        assert!(!rules[1].matches(&Method::PUT, "/api/serviceaccounts"));
        assert!(parse("").unwrap().is_empty());
        for bad in [
            "/api=error:2",
            "api=error:1",
            "/api=nope:1",
            "/api=latency:soon",
            "/api",
            "B@D /api=error:1",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
