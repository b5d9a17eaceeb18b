//! Grafana's data source proxy: `/api/datasources/proxy/uid/{uid}/*` and
//! `/api/datasources/proxy/{id}/*`, any method. The request goes to the first route of
//! the data source's plugin (`plugin.json` `routes`, in order) whose `path` starts the
//! proxied path and whose `method` fits, with its `url`, `headers`, `urlParams`, `body`
//! and `tokenAuth` rendered from the stored settings (secrets decrypted in memory only);
//! a path no route matches goes to the data source's own URL, as in Grafana.
//!
//! Grafana's rules: `reqAction` (or else `reqRole`) guards a route (403 "plugin proxy route
//! access denied"); cookies are dropped except those `jsonData.keepCookies` names; basic
//! auth is added when `basicAuth` is on, `X-DS-Authorization` becomes `Authorization`,
//! the data source's custom headers are added; `Origin`, `Referer` and `X-Forwarded-*`
//! are removed and `User-Agent` is `Grafana/<version>`; `jsonData.timeout` bounds the
//! wait (504). The answer is streamed back without `Set-Cookie` and with
//! `Content-Security-Policy: sandbox`; an upstream 401 becomes 400 "Authentication to data
//! source failed". The caller's own `Authorization` (a Grafana credential) is never
//! forwarded. A template that cannot be rendered answers 500 with the words Grafana's
//! app-plugin proxy uses ("Could not interpolate plugin route url", "Failed to render
//! plugin headers"), where Grafana's data source proxy only logs it; a token endpoint that
//! refuses answers 400 "Authentication to data source failed", and the log says why.
//! Nothing here logs a secret, a rendered template or a token.

use super::access::{Action, Caller};
use super::model::DataSource;
use super::store::{self, Lookup};
use crate::{ApiError, AppState};
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use grafana_model::plugin_json::{PluginJson, Route};
use grafana_model::route_template::{render, TemplateData};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// Largest request body proxied (bigger ones answer 413).
const MAX_BODY: usize = 32 * 1024 * 1024;

/// Request headers never forwarded besides the hop-by-hop ones
/// ([`crate::proxy::HOP_BY_HOP`]): the caller's Grafana credentials, and what Grafana's
/// proxy removes.
const DROPPED: &[&str] = &[
    "host",
    "authorization",
    "cookie",
    "origin",
    "referer",
    "x-forwarded-host",
    "x-forwarded-port",
    "x-forwarded-proto",
    "x-ds-authorization",
    "x-grafana-org-id",
    "x-csrf-token",
];

/// Whether a request header stays behind.
fn dropped(name: &str) -> bool {
    crate::proxy::HOP_BY_HOP.contains(&name) || DROPPED.contains(&name)
}

/// Whether an answer's header stays behind (hop-by-hop ones and `Set-Cookie`).
fn dropped_back(name: &str) -> bool {
    crate::proxy::HOP_BY_HOP.contains(&name) || name == "set-cookie"
}

fn message(status: StatusCode, text: &str) -> Response {
    ApiError::message(status, text).into_response()
}

/// `/api/datasources/proxy/{id}` and `/api/datasources/proxy/{id}/{*path}`.
pub async fn by_id(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<BTreeMap<String, String>>,
    req: Request,
) -> Response {
    let raw = params.get("id").map(String::as_str).unwrap_or_default();
    let Ok(id) = raw.parse::<i64>() else {
        return ApiError::MessageWithTrace {
            status: StatusCode::BAD_REQUEST,
            message: "id is invalid".to_owned(),
        }
        .into_response();
    };
    proxy(state, caller, Lookup::Id(id), req).await
}

/// `/api/datasources/proxy/uid/{uid}` and `/api/datasources/proxy/uid/{uid}/{*path}`.
pub async fn by_uid(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<BTreeMap<String, String>>,
    req: Request,
) -> Response {
    let uid = params.get("uid").cloned().unwrap_or_default();
    if !uid
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return message(StatusCode::BAD_REQUEST, "UID is invalid");
    }
    proxy(state, caller, Lookup::Uid(uid), req).await
}

/// The proxied path: what follows `/api/datasources/proxy/<id>/` or `.../uid/<uid>/`,
/// still percent-encoded, as Grafana takes it.
pub fn proxy_path(escaped: &str) -> String {
    let rest = escaped
        .strip_prefix("/api/datasources/proxy/")
        .unwrap_or_default();
    let rest = match rest.strip_prefix("uid/") {
        Some(after) => after,
        None => rest,
    };
    let after_id = rest.find('/').map_or("", |i| &rest[i..]);
    after_id.strip_prefix('/').unwrap_or(after_id).to_owned()
}

/// Grafana's `CleanRelativePath`: no leading or trailing `/`, no `//`, `.` or `..`.
fn clean(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The first route for `proxy_path` and `method`, Grafana's way: routes in order, the
/// method empty, `*` or equal, the cleaned route path a prefix of the cleaned request path.
pub fn matching_route<'a>(
    routes: &'a [Route],
    proxy_path: &str,
    method: &str,
) -> Option<(usize, &'a Route)> {
    let wanted = clean(proxy_path);
    routes
        .iter()
        .enumerate()
        .find(|(_, r)| r.allows_method(method) && wanted.starts_with(&clean(&r.path)))
}

/// Grafana's `JoinURLFragments`.
fn join_fragments(a: &str, b: &str) -> String {
    if b.is_empty() {
        return a.to_owned();
    }
    match (a.ends_with('/'), b.starts_with('/')) {
        (true, true) => format!("{a}{}", &b[1..]),
        (false, false) => format!("{a}/{b}"),
        _ => format!("{a}{b}"),
    }
}

/// Whether the caller may use `route` (`reqAction` wins over `reqRole`).
fn may_use(caller: &Caller, route: &Route, uid: &str) -> bool {
    if !route.req_action.is_empty() {
        let action = match route.req_action.as_str() {
            "datasources:read" => Some(Action::Read),
            "datasources:query" => Some(Action::Query),
            "datasources:write" => Some(Action::Write),
            "datasources:delete" => Some(Action::Delete),
            "datasources:create" => Some(Action::Create),
            _ => None,
        };
        return match action {
            Some(a) => caller.can_on(a, uid),
            None => caller
                .extra_permissions
                .iter()
                .any(|(a, _)| a == &route.req_action),
        };
    }
    match route.req_role.as_str() {
        "Admin" => caller.org_role == super::access::OrgRole::Admin,
        "Editor" => matches!(
            caller.org_role,
            super::access::OrgRole::Admin | super::access::OrgRole::Editor
        ),
        "Viewer" => caller.org_role != super::access::OrgRole::None,
        _ => true,
    }
}

/// `keepCookies`: the `Cookie` header with only the named cookies (`name[]` is a prefix;
/// an empty list keeps none; Grafana's own session cookie never goes).
fn kept_cookies(header: Option<&HeaderValue>, keep: &[String]) -> Option<String> {
    let header = header?.to_str().ok()?;
    let kept: Vec<&str> = header
        .split(';')
        .map(str::trim)
        .filter(|c| {
            let name = c.split('=').next().unwrap_or_default();
            name != "grafana_session"
                && name != "grafana_session_expiry"
                && keep.iter().any(|k| match k.strip_suffix("[]") {
                    Some(prefix) => name.starts_with(prefix),
                    None => name == k,
                })
        })
        .collect();
    (!kept.is_empty()).then(|| kept.join("; "))
}

/// Percent-encodes a query component as Go's `url.Values.Encode` does.
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The request's query with `extra` added, re-encoded with keys sorted (Go's `Encode`).
fn route_query(query: Option<&str>, extra: Vec<(String, String)>) -> String {
    let mut pairs: Vec<(String, String)> = query.map(url_decoded_pairs).unwrap_or_default();
    pairs.extend(extra);
    // Stable: values of one key keep their order, as url.Values does.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", query_escape(k), query_escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn url_decoded_pairs(query: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://q/?{query}"))
        .map(|u| {
            u.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn header_value(text: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// What went wrong while building the request: Grafana's status and words, never a value.
struct Refusal(StatusCode, &'static str);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        message(self.0, self.1)
    }
}

/// The request to send upstream.
struct Outgoing {
    client: reqwest::Client,
    method: Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Bytes,
    timeout: Duration,
}

async fn proxy(state: AppState, caller: Caller, by: Lookup, req: Request) -> Response {
    // Grafana's datasources:query, on this data source.
    if !caller.can_any(Action::Query) {
        return Caller::denied(Action::Query).into_response();
    }
    let org = caller.org_id;
    let found = state.db.call(move |c| store::get(c, org, &by)).await;
    let ds = match found {
        Ok(Some(ds)) => ds,
        Ok(None) => return message(StatusCode::NOT_FOUND, "Unable to find datasource"),
        Err(_) => {
            return message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Unable to load datasource meta data",
            )
        }
    };
    if !caller.can_on(Action::Query, &ds.uid) {
        return Caller::denied(Action::Query).into_response();
    }
    let Ok(secrets) = state.secrets.decrypt_map(&ds.secure_json_data) else {
        return message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Failed to decrypt secure json data",
        );
    };
    let routes: Vec<Route> = state
        .plugins
        .get(&ds.kind)
        .and_then(|p| serde_json::from_value::<PluginJson>(p.manifest.clone()).ok())
        .map(|p| p.routes)
        .unwrap_or_default();
    let (parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    };
    let path = proxy_path(parts.uri.path());
    let matched = matching_route(&routes, &path, parts.method.as_str());
    if let Some((_, route)) = matched {
        if !may_use(&caller, route, &ds.uid) {
            return message(StatusCode::FORBIDDEN, "plugin proxy route access denied");
        }
    }
    let outgoing = match build(&state, &ds, &secrets, matched, &path, &parts, body).await {
        Ok(o) => o,
        Err(refusal) => return refusal.into_response(),
    };
    send(&ds, outgoing).await
}

async fn build(
    state: &AppState,
    ds: &DataSource,
    secrets: &BTreeMap<String, String>,
    matched: Option<(usize, &Route)>,
    path: &str,
    parts: &axum::http::request::Parts,
    body: Bytes,
) -> Result<Outgoing, Refusal> {
    let invalid_url = Refusal(StatusCode::BAD_REQUEST, "Invalid data source URL");
    let empty = Map::new();
    let json_data = ds.json_data.as_object().unwrap_or(&empty);
    let data = TemplateData::new(&ds.url, json_data, secrets);
    let route_log = |i: usize, what: &str| {
        tracing::warn!(uid = ?ds.uid, route = i, "data source proxy: {what}");
    };

    // Target: the route's URL (rendered) with the rest of the path, else the data source's.
    let (base, rest) = match matched {
        Some((i, route)) if !route.url.is_empty() => {
            let rendered = render(&route.url, &data).map_err(|e| {
                route_log(i, &format!("url template: {e}"));
                Refusal(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Could not interpolate plugin route url",
                )
            })?;
            let rest = path.strip_prefix(route.path.as_str()).unwrap_or(path);
            (rendered.text, rest.to_owned())
        }
        _ => (ds.url.clone(), path.to_owned()),
    };
    let mut url = reqwest::Url::parse(&base).map_err(|_| invalid_url)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Refusal(StatusCode::BAD_REQUEST, "Invalid data source URL"));
    }
    let joined = join_fragments(url.path(), &rest);
    url.set_path(&joined);
    url.set_fragment(None);
    let query = parts.uri.query();
    match matched {
        Some((i, route)) => {
            let mut extra = Vec::new();
            for p in &route.url_params {
                let name = render(&p.name, &data);
                let content = render(&p.content, &data);
                match (name, content) {
                    (Ok(n), Ok(c)) => extra.push((n.text, c.text)),
                    _ => {
                        route_log(i, "urlParams template");
                        return Err(Refusal(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "Could not interpolate plugin route url params",
                        ));
                    }
                }
            }
            let q = route_query(query, extra);
            url.set_query((!q.is_empty()).then_some(q.as_str()));
        }
        None => url.set_query(query),
    }

    // Headers.
    let mut headers = HeaderMap::new();
    for (name, value) in &parts.headers {
        if !dropped(name.as_str()) {
            headers.append(name.clone(), value.clone());
        }
    }
    let keep: Vec<String> = json_data
        .get("keepCookies")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if let Some(cookies) = kept_cookies(parts.headers.get(header::COOKIE), &keep) {
        if let Some(v) = header_value(&cookies) {
            headers.insert(header::COOKIE, v);
        }
    }
    if let Ok(ua) = HeaderValue::from_str(&format!("Grafana/{}", crate::health::VERSION)) {
        headers.insert(header::USER_AGENT, ua);
    }
    if ds.basic_auth {
        use base64::Engine;
        let password = secrets
            .get("basicAuthPassword")
            .cloned()
            .unwrap_or_default();
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{password}", ds.basic_auth_user));
        if let Some(v) = header_value(&format!("Basic {encoded}")) {
            headers.insert(header::AUTHORIZATION, v);
        }
    }
    if let Some(ds_auth) = parts.headers.get("x-ds-authorization") {
        let mut v = ds_auth.clone();
        v.set_sensitive(true);
        headers.insert(header::AUTHORIZATION, v);
    }
    // The data source's custom headers (httpHeaderName<n> / httpHeaderValue<n>).
    match super::check::custom_headers(ds, secrets) {
        Ok(custom) => headers.extend(custom.into_iter().map(|(n, v)| (Some(n), v))),
        Err(e) => tracing::warn!(uid = ?ds.uid, "data source proxy: {e}; custom headers not sent"),
    }
    let mut body = body;
    if let Some((i, route)) = matched {
        for h in &route.headers {
            let rendered = render(&h.content, &data).map_err(|e| {
                route_log(i, &format!("header template: {e}"));
                Refusal(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Failed to render plugin headers",
                )
            })?;
            let name = HeaderName::from_bytes(h.name.trim().as_bytes()).map_err(|_| {
                Refusal(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Failed to render plugin headers",
                )
            })?;
            let value = header_value(&rendered.text).ok_or(Refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Failed to render plugin headers",
            ))?;
            headers.insert(name, value);
        }
        // The body: its JSON text rendered; kept only if it is still JSON (as Grafana).
        if let Some(template) = &route.body {
            let text = serde_json::to_string(template).unwrap_or_default();
            match render(&text, &data) {
                Ok(r) if serde_json::from_str::<Value>(&r.text).is_ok() => {
                    body = Bytes::from(r.text);
                }
                _ => route_log(
                    i,
                    "body template does not render to JSON; the request's body is sent",
                ),
            }
        }
        if let Some(auth) = &route.token_auth {
            let token = token_for(state, ds, route, auth, &data)
                .await
                .map_err(|e| {
                    // `e` is a `TokenError` or a template error: neither ever carries a
                    // parameter's value or a token (the secret scanner checks this path).
                    tracing::warn!(uid = ?ds.uid, route = i, "data source proxy: tokenAuth: {e}");
                    Refusal(
                        StatusCode::BAD_REQUEST,
                        "Authentication to data source failed",
                    )
                })?;
            if let Some(v) = header_value(&format!("Bearer {token}")) {
                headers.insert(header::AUTHORIZATION, v);
            }
        }
    }
    Ok(Outgoing {
        client: client_for(state, ds, secrets)?,
        method: parts.method.clone(),
        url,
        headers,
        body,
        timeout: Duration::from_secs(super::check::timeout_secs(&ds.json_data)),
    })
}

/// The shared client, or one with the data source's TLS settings when it has any.
fn client_for(
    state: &AppState,
    ds: &DataSource,
    secrets: &BTreeMap<String, String>,
) -> Result<reqwest::Client, Refusal> {
    let flag = |k: &str| {
        ds.json_data
            .get(k)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    if !flag("tlsSkipVerify") && !flag("tlsAuth") && !flag("tlsAuthWithCACert") {
        return Ok(state.proxy_client.clone());
    }
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .danger_accept_invalid_certs(flag("tlsSkipVerify"));
    super::check::with_tls(builder, &ds.json_data, secrets)
        .and_then(|b| b.build().map_err(|e| e.to_string()))
        .map_err(|e| {
            tracing::warn!(uid = ?ds.uid, "data source proxy: {e}");
            Refusal(StatusCode::BAD_REQUEST, "Unable to load TLS certificate")
        })
}

async fn token_for(
    state: &AppState,
    ds: &DataSource,
    route: &Route,
    auth: &grafana_model::plugin_json::TokenAuth,
    data: &TemplateData<'_>,
) -> Result<String, String> {
    let url = render(&auth.url, data)
        .map_err(|e| format!("url template: {e}"))?
        .text;
    let mut params = BTreeMap::new();
    for (k, v) in &auth.params {
        let value = render(v, data).map_err(|e| format!("params.{k} template: {e}"))?;
        params.insert(k.clone(), value.text);
    }
    let key = (ds.id, ds.version, route.path.clone(), route.method.clone());
    state
        .route_tokens
        .token(&state.proxy_client, key, &url, &params)
        .await
        .map_err(|e| e.to_string())
}

async fn send(ds: &DataSource, out: Outgoing) -> Response {
    let shown = {
        let mut u = out.url.clone();
        let _ = u.set_username("");
        let _ = u.set_password(None);
        u.set_query(None);
        u.to_string()
    };
    tracing::debug!(uid = ?ds.uid, method = %out.method, url = %shown, "data source proxy");
    let sent = out
        .client
        .request(out.method, out.url)
        .headers(out.headers)
        .body(out.body)
        .timeout(out.timeout)
        .send()
        .await;
    let res = match sent {
        Ok(res) => res,
        Err(e) if e.is_timeout() => return StatusCode::GATEWAY_TIMEOUT.into_response(),
        Err(_) => {
            tracing::warn!(uid = ?ds.uid, url = %shown, "data source proxy: upstream unreachable");
            return StatusCode::BAD_GATEWAY.into_response();
        }
    };
    let status = res.status();
    if status == StatusCode::UNAUTHORIZED {
        return (
            StatusCode::BAD_REQUEST,
            "Authentication to data source failed",
        )
            .into_response();
    }
    let mut headers = HeaderMap::new();
    for (name, value) in res.headers() {
        if !dropped_back(name.as_str()) {
            headers.append(name.clone(), value.clone());
        }
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    let mut response = Response::new(Body::from_stream(res.bytes_stream()));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_paths_as_grafana_takes_them() {
        assert_eq!(proxy_path("/api/datasources/proxy/1"), "");
        assert_eq!(
            proxy_path("/api/datasources/proxy/1/some/thing"),
            "some/thing"
        );
        assert_eq!(
            proxy_path("/api/datasources/proxy/54/api/services/afsd%2Fafsd/operations"),
            "api/services/afsd%2Fafsd/operations"
        );
        assert_eq!(
            proxy_path("/api/datasources/proxy/uid/26MI0wZ7k/some/thing"),
            "some/thing"
        );
        assert_eq!(
            proxy_path("/api/datasources/proxy/1/path/to/folder/"),
            "path/to/folder/"
        );
    }

    fn route(path: &str, method: &str) -> Route {
        Route {
            path: path.to_owned(),
            method: method.to_owned(),
            ..Route::default()
        }
    }

    #[test]
    fn the_first_route_in_order_wins() {
        let routes = [route("api", "POST"), route("api", ""), route("api/v2", "")];
        assert_eq!(
            matching_route(&routes, "api/v2/x", "GET").map(|r| r.0),
            Some(1)
        );
        assert_eq!(
            matching_route(&routes, "api/v2/x", "POST").map(|r| r.0),
            Some(0)
        );
        assert_eq!(
            matching_route(&routes, "//api//x", "GET").map(|r| r.0),
            Some(1)
        );
        assert_eq!(matching_route(&routes, "other", "GET"), None);
        // A plain prefix, as Grafana's: `api` also matches `apix`.
        assert_eq!(matching_route(&routes, "apix", "GET").map(|r| r.0), Some(1));
    }

    #[test]
    fn fragments_join_as_grafana_joins_them() {
        assert_eq!(
            join_fragments("/root/", "/path/to/folder/"),
            "/root/path/to/folder/"
        );
        assert_eq!(
            join_fragments("/api/v1/", "some-route/"),
            "/api/v1/some-route/"
        );
        assert_eq!(join_fragments("", "/our%20devices"), "/our%20devices");
        assert_eq!(join_fragments("/a", "b"), "/a/b");
        assert_eq!(join_fragments("/a", ""), "/a");
    }

    #[test]
    fn cookies_are_kept_only_by_name() {
        let h = HeaderValue::from_static("a=1; grafana_session=s; b_x=2; c=3");
        assert_eq!(kept_cookies(Some(&h), &[]), None);
        assert_eq!(
            kept_cookies(Some(&h), &["a".into(), "b_[]".into()]).as_deref(),
            Some("a=1; b_x=2")
        );
        assert_eq!(kept_cookies(Some(&h), &["grafana_session".into()]), None);
    }

    #[test]
    fn route_queries_are_sorted_and_encoded_as_go_does() {
        assert_eq!(
            route_query(Some("z=1&a=x%20y"), vec![("apiKey".into(), "k&y".into())]),
            "a=x+y&apiKey=k%26y&z=1"
        );
        assert_eq!(route_query(None, vec![]), "");
    }
}
