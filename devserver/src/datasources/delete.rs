//! Deleting data sources: `DELETE /api/datasources/uid/{uid}`, `/name/{name}` and `/{id}`
//! (a read-only, provisioned one is refused).

use super::access::{Action, Caller};
use super::errors::{message, not_found};
use super::lookup::{authorize, named, org, RouteParams};
use super::store::{self, DeleteOutcome, Lookup};
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

/// `DELETE /api/datasources/uid/{uid}`, `/name/{name}`, and `/{id}` (deprecated in
/// Grafana, whose answer to it has no `id`).
pub(super) async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<RouteParams>,
) -> Result<Json<Value>, ApiError> {
    let by = named(&params)?;
    match by {
        Lookup::Uid(ref uid) if uid.is_empty() => {
            return Err(message(StatusCode::BAD_REQUEST, "Missing datasource uid"));
        }
        Lookup::Id(id) if id <= 0 => {
            return Err(message(
                StatusCode::BAD_REQUEST,
                "Missing valid datasource id",
            ));
        }
        _ => {}
    }
    let by_id = matches!(by, Lookup::Id(_));
    authorize(&state, &caller, Action::Delete, &by).await?;
    let org = org(&caller);
    let id = match state.db.call(move |c| store::delete(c, org, &by)).await? {
        DeleteOutcome::Deleted(id) => id,
        DeleteOutcome::NotFound => return Err(not_found()),
        DeleteOutcome::ReadOnly => {
            return Err(message(
                StatusCode::FORBIDDEN,
                "Cannot delete read-only data source",
            ))
        }
    };
    tracing::info!(id, "data source deleted");
    Ok(Json(if by_id {
        json!({ "message": "Data source deleted" })
    } else {
        json!({ "message": "Data source deleted", "id": id })
    }))
}
