//! Reading data sources: `GET /api/datasources` (those the caller may read), one by uid,
//! id or name (with `?accesscontrol=true`), and `GET /api/datasources/id/{name}`.

use super::access::{Action, Caller};
use super::lookup::{authorize, dto, find, named, org, AccessControlQuery, RouteParams};
use super::model::{self, DataSourceSettings};
use super::store::{self, Lookup};
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::Json;
use serde_json::{json, Value};

/// `GET /api/datasources`: those the caller may read.
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    caller.require_any(Action::Read)?;
    let org = org(&caller);
    let all = state.db.call(move |c| store::list(c, org)).await?;
    Ok(Json(Value::Array(
        all.iter()
            .filter(|ds| caller.can_on(Action::Read, &ds.fields.uid))
            .map(|ds| model::list_item(ds, &state.plugins))
            .collect(),
    )))
}

/// `GET /api/datasources/uid/{uid}`, `/name/{name}` and `/{id}` (deprecated in Grafana).
pub(super) async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<RouteParams>,
    Query(query): Query<AccessControlQuery>,
) -> Result<Json<DataSourceSettings>, ApiError> {
    let by = named(&params)?;
    authorize(&state, &caller, Action::Read, &by).await?;
    let ds = find(&state, &caller, by).await?;
    let mut body = dto(&state, &ds);
    if query.wanted() {
        let granted = caller.access_control(&ds.fields.uid);
        body.access_control = Some(
            granted
                .into_iter()
                .map(|(action, allowed)| (action, allowed.as_bool().unwrap_or(false)))
                .collect(),
        );
    }
    Ok(Json(body))
}

/// `GET /api/datasources/id/{name}`: `{"id": N}`.
pub(super) async fn id_by_name(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let by = Lookup::Name(name);
    authorize(&state, &caller, Action::IdRead, &by).await?;
    let ds = find(&state, &caller, by).await?;
    Ok(Json(json!({ "id": ds.id })))
}
