//! Deleting data sources: `DELETE /api/datasources/uid/{uid}`, `/name/{name}` and `/{id}`
//! (a read-only, provisioned one is refused).

use super::access::{Action, Caller};
use super::errors::{message, not_found};
use super::lookup::{authorize, org, parse_id};
use super::store::{self, DeleteOutcome, Lookup};
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

/// Deletes the data source `by` names, after the RBAC check; its id.
pub(super) async fn delete(state: &AppState, caller: &Caller, by: Lookup) -> Result<i64, ApiError> {
    authorize(state, caller, Action::Delete, &by).await?;
    let org = org(caller);
    match state.db.call(move |c| store::delete(c, org, &by)).await? {
        DeleteOutcome::Deleted(id) => {
            tracing::info!(id, "data source deleted");
            Ok(id)
        }
        DeleteOutcome::NotFound => Err(not_found()),
        DeleteOutcome::ReadOnly => Err(message(
            StatusCode::FORBIDDEN,
            "Cannot delete read-only data source",
        )),
    }
}

/// `DELETE /api/datasources/uid/{uid}`.
pub(super) async fn delete_by_uid(
    State(state): State<AppState>,
    caller: Caller,
    Path(uid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    if uid.is_empty() {
        return Err(message(StatusCode::BAD_REQUEST, "Missing datasource uid"));
    }
    let id = delete(&state, &caller, Lookup::Uid(uid)).await?;
    Ok(Json(json!({ "message": "Data source deleted", "id": id })))
}

/// `DELETE /api/datasources/name/{name}`.
pub(super) async fn delete_by_name(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = delete(&state, &caller, Lookup::Name(name)).await?;
    Ok(Json(json!({ "message": "Data source deleted", "id": id })))
}

/// `DELETE /api/datasources/{id}` (deprecated in Grafana).
pub(super) async fn delete_by_id(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    if id <= 0 {
        return Err(message(
            StatusCode::BAD_REQUEST,
            "Missing valid datasource id",
        ));
    }
    delete(&state, &caller, Lookup::Id(id)).await?;
    Ok(Json(json!({ "message": "Data source deleted" })))
}
