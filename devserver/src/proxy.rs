//! Proxy mode (`--grafana-url`): every `/api` request, `POST /login` and `GET /logout` go
//! to a real Grafana instead of being answered here; status, headers and body come back
//! unchanged. With `--grafana-token` (Bearer) or `--grafana-user`/`--grafana-password`
//! (Basic) those credentials replace the caller's; otherwise the caller's `Authorization`
//! and `Cookie` pass through. Credentials are never logged.

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;

/// Largest request body forwarded (bigger ones answer 413).
const MAX_BODY: usize = 32 * 1024 * 1024;

/// Credentials devserver adds to every forwarded request.
#[derive(Clone)]
pub enum Credentials {
    /// Pass the caller's `Authorization` and `Cookie` through.
    PassThrough,
    /// `Authorization: Bearer <token>`.
    Token(String),
    /// `Authorization: Basic user:password`.
    Basic(String, String),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Credentials::PassThrough => "PassThrough",
            Credentials::Token(_) => "Token(***)",
            Credentials::Basic(_, _) => "Basic(***)",
        })
    }
}

/// The Grafana requests are forwarded to.
#[derive(Debug)]
pub struct Upstream {
    base: String,
    origin: String,
    credentials: Credentials,
    client: reqwest::Client,
}

impl Upstream {
    /// An upstream at `url` (e.g. `http://localhost:3000`, or with a sub-path).
    pub fn new(url: &str, credentials: Credentials) -> Result<Self, String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("--grafana-url {url:?}: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!("--grafana-url {url:?}: must be an http(s) URL"));
        }
        let origin = parsed.origin().ascii_serialization();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self {
            base: url.trim_end_matches('/').to_owned(),
            origin,
            credentials,
            client,
        })
    }

    /// From the command-line options: `None` when `url` is not set.
    pub fn from_options(
        url: Option<&str>,
        token: Option<&str>,
        user: Option<&str>,
        password: Option<&str>,
    ) -> Result<Option<Self>, String> {
        let Some(url) = url.filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let credentials = match (
            token.filter(|t| !t.is_empty()),
            user.filter(|u| !u.is_empty()),
        ) {
            (Some(_), Some(_)) => {
                return Err("give --grafana-token or --grafana-user, not both".to_owned())
            }
            (Some(token), None) => Credentials::Token(token.to_owned()),
            (None, Some(user)) => {
                Credentials::Basic(user.to_owned(), password.unwrap_or_default().to_owned())
            }
            (None, None) => Credentials::PassThrough,
        };
        Self::new(url, credentials).map(Some)
    }
}

/// The router of proxy mode: the forwarded paths, then the UI.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api", any(forward))
        .route("/api/{*rest}", any(forward))
        .route("/login", post(forward).get(crate::frontend::index_html))
        .route("/logout", get(forward))
}

const HOP_BY_HOP: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
];

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    rest.split(['/', '?', '#']).next()
}

fn bad_gateway(reason: String) -> Response {
    (
        StatusCode::BAD_GATEWAY,
        Json(json!({ "message": format!("Bad Gateway: {reason}") })),
    )
        .into_response()
}

async fn forward(State(state): State<AppState>, req: Request) -> Response {
    let Some(up) = state.proxy.clone() else {
        return bad_gateway("proxy mode is off".to_owned());
    };
    let (parts, body) = req.into_parts();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let url = format!("{}{path_and_query}", up.base);
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    };
    let headers = outgoing_headers(&parts.headers, &up);
    tracing::debug!(method = %parts.method, path = %parts.uri.path(), "forwarding to Grafana");
    let sent = up
        .client
        .request(parts.method.clone(), &url)
        .headers(headers)
        .body(body)
        .send()
        .await;
    let res = match sent {
        Ok(res) => res,
        Err(err) => {
            tracing::warn!(method = %parts.method, path = %parts.uri.path(), "Grafana unreachable");
            return bad_gateway(err.without_url().to_string());
        }
    };
    let status = res.status();
    let mut out_headers = HeaderMap::new();
    for (name, value) in res.headers() {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            out_headers.append(name.clone(), value.clone());
        }
    }
    let bytes: Bytes = match res.bytes().await {
        Ok(b) => b,
        Err(err) => return bad_gateway(err.without_url().to_string()),
    };
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    *response.headers_mut() = out_headers;
    response
}

/// The caller's headers minus hop-by-hop ones and `Host`, with the configured credentials,
/// and a same-origin `Origin`/`Referer` rewritten to Grafana's origin (devserver's own
/// host is what the browser saw; a foreign origin passes unchanged for Grafana to refuse).
fn outgoing_headers(incoming: &HeaderMap, up: &Upstream) -> HeaderMap {
    let own_host = incoming
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut out = HeaderMap::new();
    for (name, value) in incoming {
        let n = name.as_str();
        if HOP_BY_HOP.contains(&n) || name == header::HOST {
            continue;
        }
        if !matches!(up.credentials, Credentials::PassThrough)
            && (name == header::AUTHORIZATION || name == header::COOKIE)
        {
            continue;
        }
        if name == header::ORIGIN || name == header::REFERER {
            let text = value.to_str().unwrap_or_default();
            if host_of(text) == Some(own_host.as_str()) {
                let rewritten = if name == header::ORIGIN {
                    up.origin.clone()
                } else {
                    let rest = text
                        .split_once("://")
                        .and_then(|(_, r)| r.find('/').map(|i| &r[i..]))
                        .unwrap_or("/");
                    format!("{}{rest}", up.origin)
                };
                if let Ok(v) = HeaderValue::from_str(&rewritten) {
                    out.append(name.clone(), v);
                }
                continue;
            }
        }
        out.append(name.clone(), value.clone());
    }
    let auth = match &up.credentials {
        Credentials::PassThrough => None,
        Credentials::Token(token) => Some(format!("Bearer {token}")),
        Credentials::Basic(user, password) => {
            use base64::Engine;
            Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            ))
        }
    };
    if let Some(Ok(mut value)) = auth.map(|a| HeaderValue::from_str(&a)) {
        value.set_sensitive(true);
        out.insert(HeaderName::from_static("authorization"), value);
    }
    out
}

/// Wraps `upstream` for [`AppState`].
pub fn shared(upstream: Upstream) -> Arc<Upstream> {
    Arc::new(upstream)
}
