//! Proxy mode (`--grafana-url`): every `/api` request, `POST /login` and `GET /logout` go
//! to a real Grafana instead of being answered here; status, headers and body come back
//! unchanged. With `--grafana-token` (Bearer) or `--grafana-user`/`--grafana-password`
//! (Basic) those credentials replace the caller's; otherwise the caller's `Authorization`
//! and `Cookie` pass through. Credentials are never logged.
//!
//! Only `/api/…`, `/login` and `/logout` are forwarded, and only when the path has no `.`
//! or `..` segment in any encoding ([`grafana_model::paths::ProxyPath`]: `%2e`, `%2f`,
//! `%5c` and `\` read for what they are), so the configured credentials never reach
//! another path of the Grafana host; an encoded `/` inside a segment is forwarded as it
//! is. Bodies are streamed both ways, never held whole. The caller's `Origin` and `Referer` pass
//! unchanged (Grafana's own CSRF check judges them: list devserver's origin in Grafana's
//! `csrf_trusted_origins` for cookie sessions), and a request whose `Host` is not one of
//! devserver's names is refused, so a DNS-rebinding page cannot use the proxy.

use crate::AppState;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;

/// Largest request body either proxy forwards: a larger declared `Content-Length`
/// answers 413, and a body that grows past it mid-stream ends the upstream request.
pub(crate) const MAX_BODY: usize = 32 * 1024 * 1024;

/// A caller's body on its way upstream: streamed as it arrives (never held whole), with
/// its length when the caller declared one.
pub(crate) struct RequestBody {
    body: reqwest::Body,
    length: Option<u64>,
}

impl RequestBody {
    /// A body rendered here (a route's `body` template): its length is its own.
    pub(crate) fn rendered(text: String) -> Self {
        Self {
            body: reqwest::Body::from(text),
            length: None,
        }
    }

    /// Puts the body (and its `Content-Length`, so the upstream sees the caller's
    /// framing) on `request`.
    pub(crate) fn send_with(self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let request = request.body(self.body);
        match self.length {
            Some(n) => request.header(header::CONTENT_LENGTH, n),
            None => request,
        }
    }
}

/// A declared request body over [`MAX_BODY`]: 413.
pub(crate) struct BodyTooLarge;

impl IntoResponse for BodyTooLarge {
    fn into_response(self) -> Response {
        (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response()
    }
}

/// The caller's body as a [`RequestBody`], or [`BodyTooLarge`] for a declared length
/// over [`MAX_BODY`].
pub(crate) fn request_body(body: Body, headers: &HeaderMap) -> Result<RequestBody, BodyTooLarge> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let length = declared.or(body.size_hint().exact());
    if length.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(BodyTooLarge);
    }
    if length == Some(0) {
        return Ok(RequestBody {
            body: reqwest::Body::from(Bytes::new()),
            length: None,
        });
    }
    let limited = Body::new(http_body_util::Limited::new(body, MAX_BODY));
    Ok(RequestBody {
        body: reqwest::Body::wrap_stream(limited.into_data_stream()),
        length,
    })
}

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
    credentials: Credentials,
    client: reqwest::Client,
    allowed_hosts: Vec<String>,
}

/// Host names every proxy answers to: the loopback ones.
const LOOPBACK_HOSTS: [&str; 4] = ["localhost", "127.0.0.1", "::1", "[::1]"];

impl Upstream {
    /// An upstream at `url` (e.g. `http://localhost:3000`, or with a sub-path).
    pub fn new(url: &str, credentials: Credentials) -> Result<Self, String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("--grafana-url {url:?}: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!("--grafana-url {url:?}: must be an http(s) URL"));
        }
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self {
            base: url.trim_end_matches('/').to_owned(),
            credentials,
            client,
            allowed_hosts: LOOPBACK_HOSTS.iter().map(|h| (*h).to_owned()).collect(),
        })
    }

    /// Also answers requests whose `Host` names one of `hosts` (the address devserver is
    /// bound to, `--allowed-host` names); the loopback names are always allowed.
    pub fn allow_hosts<'a>(mut self, hosts: impl IntoIterator<Item = &'a str>) -> Self {
        for host in hosts {
            let host = host.trim().to_ascii_lowercase();
            if !host.is_empty() && !self.allowed_hosts.contains(&host) {
                self.allowed_hosts.push(host);
            }
        }
        self
    }

    /// The URL with any `user:password@` removed: what may be logged.
    pub fn display_url(&self) -> String {
        redact_userinfo(&self.base)
    }

    fn host_allowed(&self, host: Option<&str>) -> bool {
        // Without a Host header (HTTP/1.0, in-process tests) there is no name to rebind.
        let Some(host) = host else {
            return true;
        };
        let name = match host.rsplit_once(':') {
            Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
            _ => host,
        };
        self.allowed_hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(name))
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

/// `scheme://user:password@host/…` → `scheme://host/…`.
pub fn redact_userinfo(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string().trim_end_matches('/').to_owned()
        }
        Err(_) => "(an invalid URL)".to_owned(),
    }
}

/// Whether `path` may be forwarded: `/api`, `/api/…`, `/login` or `/logout`, without a
/// `.` or `..` segment in any encoding.
pub fn forwardable(path: &str) -> bool {
    let prefix_ok =
        path == "/api" || path.starts_with("/api/") || path == "/login" || path == "/logout";
    prefix_ok && grafana_model::paths::ProxyPath::parse(path).is_ok()
}

/// The router of proxy mode: the forwarded paths, then the UI.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api", any(forward))
        .route("/api/{*rest}", any(forward))
        .route("/login", post(forward).get(crate::frontend::index_html))
        .route("/logout", get(forward))
}

/// Headers that belong to one connection (and `content-length`, which the client sets
/// again): never passed on by either proxy, in either direction.
pub(crate) const HOP_BY_HOP: [&str; 9] = [
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
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !up.host_allowed(host) {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({ "message": "host not allowed: start devserver with --allowed-host for this name" })),
        )
            .into_response();
    }
    if !forwardable(parts.uri.path()) {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "message": "invalid path" })),
        )
            .into_response();
    }
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let url = format!("{}{path_and_query}", up.base);
    let body = match request_body(body, &parts.headers) {
        Ok(body) => body,
        Err(too_large) => return too_large.into_response(),
    };
    let headers = outgoing_headers(&parts.headers, &up);
    tracing::debug!(method = %parts.method, path = %parts.uri.path(), "forwarding to Grafana");
    let request = up
        .client
        .request(parts.method.clone(), &url)
        .headers(headers);
    let sent = body.send_with(request).send().await;
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
    let mut response = Response::new(Body::from_stream(res.bytes_stream()));
    *response.status_mut() = status;
    *response.headers_mut() = out_headers;
    response
}

/// The caller's headers minus hop-by-hop ones and `Host`, with the configured credentials.
/// `Origin` and `Referer` pass unchanged, for Grafana's CSRF check to judge.
fn outgoing_headers(incoming: &HeaderMap, up: &Upstream) -> HeaderMap {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_clean_api_paths_are_forwarded() {
        for ok in [
            "/api",
            "/api/health",
            "/api/serviceaccounts/search",
            "/api/datasources/proxy/uid/x/services/a%2Fb/ops",
            "/login",
            "/logout",
        ] {
            assert!(forwardable(ok), "{ok}");
        }
        for bad in [
            "/api/../../other-app/x",
            "/api/%2E%2E/%2e%2e/other",
            "/api/..%2Fother",
            "/api/%2e%2e%2fpublic",
            "/api/./health",
            "/api\\..\\x",
            "/api%5c..%5cpublic",
            "/api%2f..%2fpublic",
            "/api/.%2e/x",
            "/public/plugins/x",
            "/apix",
            "/",
        ] {
            assert!(!forwardable(bad), "{bad}");
        }
    }

    #[test]
    fn hosts_and_logged_urls() {
        let up = Upstream::new(
            "http://user:s3cret@grafana.example:3000/sub",
            Credentials::PassThrough,
        )
        .unwrap()
        .allow_hosts(["devbox.local"]);
        assert!(up.host_allowed(Some("127.0.0.1:8080")));
        assert!(up.host_allowed(Some("LOCALHOST")));
        assert!(up.host_allowed(Some("[::1]:8080")));
        assert!(up.host_allowed(Some("devbox.local:8080")));
        assert!(!up.host_allowed(Some("evil.example:8080")));
        assert!(!up.display_url().contains("s3cret"), "{}", up.display_url());
        assert_eq!(up.display_url(), "http://grafana.example:3000/sub");
    }
}
