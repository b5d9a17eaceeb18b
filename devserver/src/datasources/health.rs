//! `GET|POST /api/datasources/uid/{uid}/health` (and `/{id}/health`): Grafana's health
//! check of a backend plugin's data source, run for real by [`super::check`].

use super::access::{Action, Caller};
use super::check;
use super::errors::{message, unable_to_load};
use super::lookup::{authorize, load, named, org, RouteParams};
use super::model::{self, DataSource};
use super::store::Lookup;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

/// `GET|POST /api/datasources/uid/{uid}/health` and `/{id}/health` (deprecated in
/// Grafana).
pub(super) async fn check_health(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<RouteParams>,
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
    health(&state, &ds).await
}

/// A health answer: `{"status": "OK"|"ERROR", "message": …}`.
pub(super) fn health_body(status: StatusCode, ok: bool, text: String) -> Response {
    let mut body = Map::new();
    body.insert("status".to_owned(), json!(if ok { "OK" } else { "ERROR" }));
    body.insert("message".to_owned(), json!(text));
    (status, Json(Value::Object(body))).into_response()
}

/// Checks `ds` for real when its plugin has a backend.
pub(super) async fn health(state: &AppState, ds: &DataSource) -> Result<Response, ApiError> {
    if !state
        .plugins
        .get(&ds.fields.kind)
        .is_some_and(|p| p.backend)
    {
        return Err(message(StatusCode::NOT_FOUND, "Plugin not found"));
    }
    let secrets = match state.secrets.decrypt_map(&ds.secure_json_data) {
        Ok(s) => s,
        Err(err) => {
            tracing::warn!(uid = ?ds.fields.uid, %err, "cannot decrypt data source secrets");
            return Ok(health_body(
                StatusCode::BAD_REQUEST,
                false,
                "Cannot decrypt the data source's secrets; was the secret key changed?".to_owned(),
            ));
        }
    };
    Ok(match check::check(ds, &secrets).await {
        Ok(text) => health_body(StatusCode::OK, true, text),
        Err(text) => {
            // The upstream's words stay out of the log: they may quote what was sent.
            tracing::info!(uid = ?ds.fields.uid, "data source health check failed");
            health_body(StatusCode::BAD_REQUEST, false, text)
        }
    })
}
