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

pub mod request_body;
pub mod upstream;

pub(crate) use request_body::{request_body, RequestBody};
pub use upstream::{redact_userinfo, shared, Credentials, Upstream};

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::json;

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
}
