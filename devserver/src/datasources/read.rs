//! Reading data sources: `GET /api/datasources` (those the caller may read), one by uid,
//! id or name (with `?accesscontrol=true`), and `GET /api/datasources/id/{name}`.

use super::access::{Action, Caller};
use super::errors::not_found;
use super::lookup::{authorize, dto, load, org, parse_id, AccessControlQuery};
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

/// One data source, by whatever the route names it.
pub(super) async fn get_one(
    state: AppState,
    caller: Caller,
    by: Lookup,
    query: AccessControlQuery,
) -> Result<Json<DataSourceSettings>, ApiError> {
    authorize(&state, &caller, Action::Read, &by).await?;
    let ds = load(&state, org(&caller), by)
        .await?
        .ok_or_else(not_found)?;
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

/// `GET /api/datasources/uid/{uid}`.
pub(super) async fn get_by_uid(
    State(state): State<AppState>,
    caller: Caller,
    Path(uid): Path<String>,
    Query(query): Query<AccessControlQuery>,
) -> Result<Json<DataSourceSettings>, ApiError> {
    get_one(state, caller, Lookup::Uid(uid), query).await
}

/// `GET /api/datasources/{id}` (deprecated in Grafana).
pub(super) async fn get_by_id(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<AccessControlQuery>,
) -> Result<Json<DataSourceSettings>, ApiError> {
    let id = parse_id(&id)?;
    get_one(state, caller, Lookup::Id(id), query).await
}

/// `GET /api/datasources/name/{name}`.
pub(super) async fn get_by_name(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    Query(query): Query<AccessControlQuery>,
) -> Result<Json<DataSourceSettings>, ApiError> {
    get_one(state, caller, Lookup::Name(name), query).await
}

/// `GET /api/datasources/id/{name}`: `{"id": N}`.
pub(super) async fn id_by_name(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let by = Lookup::Name(name);
    authorize(&state, &caller, Action::IdRead, &by).await?;
    let ds = load(&state, org(&caller), by)
        .await?
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "id": ds.id })))
}
