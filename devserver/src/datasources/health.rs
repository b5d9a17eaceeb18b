//! `GET|POST /api/datasources/uid/{uid}/health` (and `/{id}/health`): Grafana's health
//! check. A data source of a plugin with a running backend gets the plugin's own
//! `Diagnostics.CheckHealth` answer (Grafana's `checkDatasourceHealth`): 200 for OK, 400
//! for ERROR or UNKNOWN, `details` when the plugin sent some; a backend that is down gets
//! 500 `plugin.unavailable`, and so does a plugin without a backend (Grafana asks no one
//! else: such a plugin tests itself in the browser, in its `testDatasource()`). A type no
//! installed plugin has gets 404 "Plugin not found".

use super::access::{Action, Caller};
use super::errors::{message, unable_to_load};
use super::lookup::{authorize, load, named, org, RouteParams};
use super::model::{self, DataSource};
use super::plugin_call::{plugin_unavailable, PluginCall};
use super::store::Lookup;
use crate::plugins::backend::CallError;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use grafana_plugin_sdk::pluginv2;
use serde_json::{json, Map, Value};

/// `GET|POST /api/datasources/uid/{uid}/health` and `/{id}/health` (deprecated in
/// Grafana).
pub(super) async fn check_health(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<RouteParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let by = named(&params)?;
    authorize(&state, &caller, Action::Query, &by).await?;
    if let Lookup::Uid(uid) = &by {
        if !model::uid_is_valid(uid) {
            return Err(message(StatusCode::BAD_REQUEST, "UID is invalid"));
        }
    }
    let ds = load(&state, org(&caller), by)
        .await?
        .ok_or_else(unable_to_load)?;
    health_of(&state, &ds, &caller, &headers).await
}

/// `Diagnostics.CheckHealth` of `ds`'s backend plugin, answered as Grafana answers it.
async fn backend_health(
    state: &AppState,
    caller: &Caller,
    ds: &DataSource,
    incoming: &HeaderMap,
) -> Result<Response, ApiError> {
    let call = PluginCall::of(state, caller, ds).await?;
    let request = pluginv2::CheckHealthRequest {
        headers: call.forwarding(state, ds).call_headers(incoming),
        plugin_context: Some(call.context.clone()),
    };
    tracing::info!(uid = ?ds.fields.uid, plugin = %ds.fields.kind, "CheckHealth");
    let answer = match state.backends.check_health(&ds.fields.kind, request).await {
        Ok(answer) => answer,
        Err(CallError::Unavailable) => return Err(plugin_unavailable()),
        Err(CallError::Unimplemented) => {
            return Ok(health_answer(
                StatusCode::BAD_REQUEST,
                "UNKNOWN",
                "Health check not implemented".to_owned(),
                None,
            ))
        }
        Err(CallError::Failed(err)) => {
            tracing::warn!(plugin = %ds.fields.kind, error = %err, "CheckHealth failed");
            return Err(ApiError::Errutil {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "Plugin health check failed".to_owned(),
                message_id: "plugin.healthCheck",
            });
        }
    };
    let details = if answer.json_details.is_empty() {
        None
    } else {
        match serde_json::from_slice::<Value>(&answer.json_details) {
            Ok(v) => Some(v),
            Err(_) => {
                return Err(message(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Failed to unmarshal detailed response from backend plugin",
                ))
            }
        }
    };
    let (status, word) =
        match pluginv2::check_health_response::HealthStatus::try_from(answer.status) {
            Ok(pluginv2::check_health_response::HealthStatus::Ok) => (StatusCode::OK, "OK"),
            Ok(pluginv2::check_health_response::HealthStatus::Error) => {
                (StatusCode::BAD_REQUEST, "ERROR")
            }
            _ => (StatusCode::BAD_REQUEST, "UNKNOWN"),
        };
    Ok(health_answer(status, word, answer.message, details))
}

/// `{"status", "message"[, "details"]}`.
fn health_answer(status: StatusCode, word: &str, text: String, details: Option<Value>) -> Response {
    let mut body = Map::new();
    body.insert("status".to_owned(), json!(word));
    body.insert("message".to_owned(), json!(text));
    if let Some(details) = details {
        body.insert("details".to_owned(), details);
    }
    (status, Json(Value::Object(body))).into_response()
}

/// The health check of `ds` for `caller`.
async fn health_of(
    state: &AppState,
    ds: &DataSource,
    caller: &Caller,
    incoming: &HeaderMap,
) -> Result<Response, ApiError> {
    if state.backends.get(&ds.fields.kind).is_some() {
        return backend_health(state, caller, ds, incoming).await;
    }
    match state.plugins.get(&ds.fields.kind) {
        None => Err(message(StatusCode::NOT_FOUND, "Plugin not found")),
        // A frontend-only plugin, or a backend that is not running: nobody to ask.
        Some(_) => Err(plugin_unavailable()),
    }
}
