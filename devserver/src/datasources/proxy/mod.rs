//! Grafana's data source proxy: `/api/datasources/proxy/uid/{uid}/*` and
//! `/api/datasources/proxy/{id}/*`, any method. The request goes to the first route of
//! the data source's plugin (`plugin.json` `routes`, in order) whose `path` starts the
//! proxied path and whose `method` fits, with its `url`, `headers`, `urlParams`, `body`
//! and `tokenAuth` rendered from the stored settings (secrets decrypted in memory only);
//! a path no route matches goes to the data source's own URL, as in Grafana.
//!
//! The proxied path follows [`grafana_model::paths`]: read once decoded (`%2e`, `%2f`,
//! `%5c` and `\` for what they are), refused with a 400 when any segment is `.` or `..`
//! in any encoding (devserver's own answer: Grafana has no such case), matched against
//! routes (and `reqRole` / `reqAction` checked) on that decoded copy, and forwarded in its
//! original encoding; the final URL must still lie under the route's (or the data
//! source's) path before anything is sent. A plugin whose `plugin.json` does not parse
//! gets no proxy at all (500 "Unable to find datasource plugin", as Grafana answers for a
//! plugin it could not load), never a proxy without its routes' guards.
//!
//! Grafana's rules: `reqAction` (or else `reqRole`) guards a route (403 "plugin proxy route
//! access denied"); cookies are dropped except those `jsonData.keepCookies` names; basic
//! auth is added when `basicAuth` is on, `X-DS-Authorization` becomes `Authorization`,
//! the data source's custom headers are added; `Origin`, `Referer` and `X-Forwarded-Host`,
//! `-Port` and `-Proto` are removed, `X-Forwarded-For` gets the caller's address appended
//! and `User-Agent` is `Grafana/<version>`; `jsonData.timeout` bounds the wait (504), and
//! the `tokenAuth` exchange too. Request and answer bodies are streamed, never held whole.
//! The answer comes back without `Set-Cookie` and with `Content-Security-Policy: sandbox`;
//! an upstream 401 becomes 400 "Authentication to data source failed". The caller's own
//! `Authorization` (a Grafana credential) is never forwarded. A template that cannot be
//! rendered answers 500 with the words Grafana's app-plugin proxy uses ("Could not
//! interpolate plugin route url", "Failed to render plugin headers"), where Grafana's data
//! source proxy only logs it; a token endpoint that refuses answers 400 "Authentication to
//! data source failed", and the log says why. Nothing here logs a secret, a rendered
//! template, a rendered URL or a token: log lines name the data source and the route path.

mod headers;
mod http_client_options;
mod refusal;
mod route;
mod target;

use super::access::{Action, Caller};
use super::lookup::{named, RouteParams};
use super::model::DataSource;
use super::store::{self, Lookup};
use crate::{ApiError, AppState};
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use grafana_model::paths::ProxyPath;
use grafana_model::plugin_json::Route;
use grafana_model::route_template::TemplateData;
use serde_json::Map;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use refusal::Refusal;

pub use route::matching_route;

fn message(status: StatusCode, text: &str) -> Response {
    ApiError::message(status, text).into_response()
}

/// `/api/datasources/proxy/uid/{uid}`, `/api/datasources/proxy/{id}`, and both with
/// `/{*path}`: any method.
pub async fn serve(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<RouteParams>,
    req: Request,
) -> Response {
    let by = match named(&params) {
        Ok(by) => by,
        Err(err) => return err.into_response(),
    };
    if let Lookup::Uid(uid) = &by {
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if !uid.bytes().all(allowed) {
            return message(StatusCode::BAD_REQUEST, "UID is invalid");
        }
    }
    proxy(state, caller, by, req).await
}

/// The proxied path: what follows `/api/datasources/proxy/<id>/` or `.../uid/<uid>/`,
/// still percent-encoded, as Grafana takes it.
pub fn proxy_path(escaped: &str) -> &str {
    let rest = escaped
        .strip_prefix("/api/datasources/proxy/")
        .unwrap_or_default();
    let rest = rest.strip_prefix("uid/").unwrap_or(rest);
    let after_id = rest.find('/').map_or("", |i| &rest[i..]);
    after_id.strip_prefix('/').unwrap_or(after_id)
}

/// The request to send upstream.
struct Outgoing {
    client: reqwest::Client,
    method: Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: crate::proxy::RequestBody,
    timeout: Duration,
}

async fn proxy(state: AppState, caller: Caller, by: Lookup, req: Request) -> Response {
    // Grafana's datasources:query, on this data source.
    if !caller.can_any(Action::Query) {
        return Caller::denied(Action::Query).into_response();
    }
    let (parts, body) = req.into_parts();
    let path = match ProxyPath::parse(proxy_path(parts.uri.path())) {
        Ok(path) => path,
        Err(e) => return message(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let org = caller.org_id;
    let ds = match state.db.call(move |c| store::get(c, org, &by)).await {
        Ok(Some(ds)) => ds,
        Ok(None) => return message(StatusCode::NOT_FOUND, "Unable to find datasource"),
        Err(_) => {
            return message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Unable to load datasource meta data",
            )
        }
    };
    if !caller.can_on(Action::Query, &ds.fields.uid) {
        return Caller::denied(Action::Query).into_response();
    }
    // Fail closed: a plugin whose routes could not be read has no proxy (its reqRole
    // guards would be lost). The registry logged why once, at start.
    let routes: &[Route] = match state.plugins.get(&ds.fields.kind).map(|p| &p.proxy_routes) {
        Some(Ok(routes)) => routes,
        Some(Err(_)) => {
            return message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Unable to find datasource plugin",
            )
        }
        None => &[],
    };
    let Ok(secrets) = state.secrets.decrypt_map(&ds.secure_json_data) else {
        return message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Failed to decrypt secure json data",
        );
    };
    let matched = matching_route(routes, &path, parts.method.as_str());
    if let Some((_, route)) = matched {
        if !route::may_use(&caller, route, &ds.fields.uid) {
            return message(StatusCode::FORBIDDEN, "plugin proxy route access denied");
        }
    }
    let body = match crate::proxy::request_body(body, &parts.headers) {
        Ok(body) => body,
        Err(too_large) => return too_large.into_response(),
    };
    let client_addr = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let built = build(
        &state,
        &ds,
        &secrets,
        matched,
        &path,
        &parts,
        body,
        client_addr,
    )
    .await;
    // Grafana's data source proxy: with `oauthPassThru`, the signed-in user's OAuth token
    // replaces any other Authorization (basic auth, X-DS-Authorization, a route's token).
    match built {
        Ok(mut outgoing) => {
            let token =
                crate::datasources::plugin_call::oauth_token_for(&state, &caller, &ds).await;
            if let Some(token) = token {
                if let Some(v) = headers::sensitive(&token.authorization()) {
                    outgoing.headers.insert(header::AUTHORIZATION, v);
                }
                if let Some(v) = token.id_token.as_deref().and_then(headers::sensitive) {
                    outgoing.headers.insert("x-id-token", v);
                }
            }
            send(&ds, matched.map(|(_, r)| r), outgoing).await
        }
        Err(refusal) => refusal.into_response(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn build(
    state: &AppState,
    ds: &DataSource,
    secrets: &BTreeMap<String, String>,
    matched: Option<(usize, &Route)>,
    path: &ProxyPath<'_>,
    parts: &axum::http::request::Parts,
    body: crate::proxy::RequestBody,
    client_addr: Option<std::net::IpAddr>,
) -> Result<Outgoing, Refusal> {
    let empty = Map::new();
    let json_data = ds.fields.json_data.as_object().unwrap_or(&empty);
    let data = TemplateData::new(&ds.fields.url, json_data, secrets);
    let url = target::url(ds, matched, path, parts.uri.query(), &data)?;
    let mut headers = headers::outgoing(ds, secrets, &parts.headers, client_addr);
    let timeout = Duration::from_secs(http_client_options::timeout_secs(&ds.fields.json_data));
    let mut body = body;
    if let Some((i, route)) = matched {
        headers::add_route_headers(&mut headers, ds, i, route, &data)?;
        if let Some(rendered) = route::rendered_body(ds, i, route, &data) {
            body = crate::proxy::RequestBody::rendered(rendered);
        }
        if let Some(auth) = &route.token_auth {
            let token = route::token(state, ds, (i, route), auth, &data, timeout).await?;
            if let Some(v) = headers::sensitive(&format!("Bearer {token}")) {
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
        timeout,
    })
}

/// The shared client, or one with the data source's TLS settings when it has any.
fn client_for(
    state: &AppState,
    ds: &DataSource,
    secrets: &BTreeMap<String, String>,
) -> Result<reqwest::Client, Refusal> {
    let flag = |k: &str| http_client_options::flag(&ds.fields.json_data, k);
    if !flag("tlsSkipVerify") && !flag("tlsAuth") && !flag("tlsAuthWithCACert") {
        return Ok(state.proxy_client.clone());
    }
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .danger_accept_invalid_certs(flag("tlsSkipVerify"));
    http_client_options::with_tls(builder, &ds.fields.json_data, secrets)
        .and_then(|b| b.build().map_err(|e| e.to_string()))
        .map_err(|e| {
            tracing::warn!(uid = ?ds.fields.uid, "data source proxy: {e}");
            Refusal(StatusCode::BAD_REQUEST, "Unable to load TLS certificate")
        })
}

async fn send(ds: &DataSource, route: Option<&Route>, out: Outgoing) -> Response {
    // The route's path from plugin.json, never the rendered URL (it may hold a secret).
    let route_path = route.map_or("(data source URL)", |r| r.path.as_str());
    tracing::debug!(uid = ?ds.fields.uid, method = %out.method, route = route_path, "data source proxy");
    let request = out
        .client
        .request(out.method, out.url)
        .headers(out.headers)
        .timeout(out.timeout);
    let sent = out.body.send_with(request).send().await;
    let res = match sent {
        Ok(res) => res,
        Err(e) if e.is_timeout() => return StatusCode::GATEWAY_TIMEOUT.into_response(),
        Err(_) => {
            tracing::warn!(uid = ?ds.fields.uid, route = route_path, "data source proxy: upstream unreachable");
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
    let mut headers = headers::answer(res.headers());
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
}
