//! `GET /api/frontend/settings`: the part of Grafana's boot data a frontend or an API
//! client reads first: `buildInfo`, `appSubUrl` / `appUrl`, `tokenExpirationDayLimit`
//! (`-1`: no limit), `secureSocksDSProxyEnabled`, `featureToggles` (only enabled ones),
//! and the data sources by name, with proxy-mode ones at `/api/datasources/proxy/uid/…`
//! and their plugin's `meta` (`backend` says whether Save & test can ask `/health`).
//! As Grafana's `getFSDataSources`, a data source is listed only to a caller who may query
//! it (`datasources:query` on its uid): role None, and a token without that permission,
//! see none; nor is one whose type no installed plugin has.
//!
//! The login page reads it too, before anyone is signed in, as Grafana's login page reads
//! its boot data: a browser without a valid session (and no `Authorization`, whose failure
//! is Grafana's 401) gets only `buildInfo`, `appSubUrl`,
//! `oauth` (the sign-in providers: `{"generic_oauth": {"name", "icon"}}`) and `loginError`
//! (a failed OAuth sign-in's message, given once: the `login_error` cookie is cleared).

use crate::datasources::access::{Action, Caller};
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/frontend/settings", get(settings))
}

async fn settings(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let mut body = match caller {
        Ok(caller) => signed_in(&state, caller, &headers).await?,
        // A browser with no session (or an expired one) is on the login page ...
        Err(ApiError::Unauthenticated { .. }) if !headers.contains_key(header::AUTHORIZATION) => {
            json!({ "buildInfo": build_info(), "appSubUrl": state.app_sub_url.to_string() })
        }
        // ... while failing credentials (a wrong token or password) get Grafana's 401, and
        // a failing database its 500.
        Err(refused) => return Err(refused),
    };
    let oauth = state.generic_oauth.as_ref().map_or_else(
        || json!({}),
        |o| json!({ "generic_oauth": { "name": o.name, "icon": "signin" } }),
    );
    body["oauth"] = oauth;
    let Some((message, clear)) = crate::auth::oauth::login_error::take(&state, &headers) else {
        return Ok(Json(body).into_response());
    };
    body["loginError"] = Value::String(message);
    Ok(([(header::SET_COOKIE, clear)], Json(body)).into_response())
}

/// Grafana's `buildInfo`.
fn build_info() -> Value {
    let version = crate::health::VERSION;
    json!({
        "version": version,
        "versionString": format!("Grafana v{version} (devserver)"),
        "commit": "devserver",
        "commitShort": "devserver",
        "edition": "Open Source",
        "env": "development",
        "hideVersion": false,
    })
}

async fn signed_in(
    state: &AppState,
    caller: Caller,
    headers: &HeaderMap,
) -> Result<Value, ApiError> {
    let org = caller.org_id;
    let all = state
        .db
        .call(move |c| crate::datasources::store::list(c, org))
        .await?;
    let sub = state.app_sub_url.to_string();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.contains(['/', '@', ' ']))
        .unwrap_or("localhost");
    let mut datasources = Map::new();
    let mut default = "-- Grafana --".to_owned();
    for ds in all
        .iter()
        .filter(|ds| caller.can_on(Action::Query, &ds.fields.uid))
    {
        let Some(plugin) = state.plugins.get(&ds.fields.kind) else {
            tracing::debug!(uid = ?ds.fields.uid, kind = %ds.fields.kind, "no installed plugin for this data source's type");
            continue;
        };
        let url = if ds.fields.access == "direct" {
            ds.fields.url.clone()
        } else {
            format!("{sub}/api/datasources/proxy/uid/{}", ds.fields.uid)
        };
        if ds.fields.is_default {
            default = ds.fields.name.clone();
        }
        datasources.insert(
            ds.fields.name.clone(),
            json!({
                "id": ds.id, "uid": ds.fields.uid, "type": ds.fields.kind, "name": ds.fields.name, "url": url,
                "access": ds.fields.access, "isDefault": ds.fields.is_default, "jsonData": ds.fields.json_data,
                "readOnly": ds.read_only, "meta": plugin.meta(), "module": format!("{}/module.js", plugin.base_url()),
            }),
        );
    }
    Ok(json!({
        "buildInfo": build_info(),
        "appSubUrl": sub,
        "appUrl": format!("http://{host}{sub}/"),
        "tokenExpirationDayLimit": state.token_limits.expiration_day_limit,
        "secureSocksDSProxyEnabled": state.secure_socks_proxy,
        "featureToggles": {},
        "rbacEnabled": true,
        "anonymousEnabled": false,
        "datasources": datasources,
        "defaultDatasource": default,
    }))
}
