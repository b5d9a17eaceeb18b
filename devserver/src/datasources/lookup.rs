//! The data source a route names (`{uid}`, `{name}`, or `{id}` parsed), the row loaded in
//! the caller's org, the caller's RBAC on it checked as Grafana's middleware does, and the
//! DTO it is answered with.

use super::access::{Action, Caller};
use super::errors::{not_found, traced};
use super::model::{self, DataSource, DataSourceSettings};
use super::store::{self, Lookup};
use crate::{ApiError, AppState};
use axum::http::StatusCode;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The path parameters of a route that names one data source: `{uid}`, `{name}` or `{id}`
/// (and the proxy's `{*path}`).
pub type RouteParams = BTreeMap<String, String>;

/// `{id}` of a route, or `400 id is invalid`.
pub fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse()
        .map_err(|_| traced(StatusCode::BAD_REQUEST, "id is invalid"))
}

/// The data source a route's `params` name: by `{uid}`, by `{name}`, or by `{id}`
/// (`400 id is invalid` when it is not a number).
pub fn named(params: &RouteParams) -> Result<Lookup, ApiError> {
    if let Some(uid) = params.get("uid") {
        return Ok(Lookup::Uid(uid.clone()));
    }
    if let Some(name) = params.get("name") {
        return Ok(Lookup::Name(name.clone()));
    }
    parse_id(params.get("id").map_or("", String::as_str)).map(Lookup::Id)
}

/// The org the caller acts in.
pub fn org(caller: &Caller) -> i64 {
    caller.org_id
}

/// `?accesscontrol=true`.
#[derive(Debug, Default, Deserialize)]
pub struct AccessControlQuery {
    accesscontrol: Option<String>,
}

impl AccessControlQuery {
    /// Whether the answer carries `accessControl`.
    pub fn wanted(&self) -> bool {
        matches!(
            self.accesscontrol.as_deref(),
            Some("true" | "1" | "True" | "TRUE")
        )
    }
}

/// The data source `by` names in `org`, if any.
pub async fn load(state: &AppState, org: i64, by: Lookup) -> Result<Option<DataSource>, ApiError> {
    Ok(state.db.call(move |c| store::get(c, org, &by)).await?)
}

/// The data source `by` names in the caller's org, or `404 Data source not found`.
pub async fn find(state: &AppState, caller: &Caller, by: Lookup) -> Result<DataSource, ApiError> {
    load(state, org(caller), by).await?.ok_or_else(not_found)
}

/// RBAC for one data source, as Grafana's middleware evaluates it: granted on
/// `datasources:*`, or on the data source's own `datasources:uid:<uid>` scope (id and name
/// routes are resolved to the uid first).
pub async fn authorize(
    state: &AppState,
    caller: &Caller,
    action: Action,
    by: &Lookup,
) -> Result<(), ApiError> {
    if caller.can(action) {
        return Ok(());
    }
    if !caller.can_any(action) {
        return Err(Caller::denied(action));
    }
    let uid = match by {
        Lookup::Uid(uid) => Some(uid.clone()),
        other => load(state, caller.org_id, other.clone())
            .await?
            .map(|ds| ds.fields.uid),
    };
    match uid {
        Some(uid) if caller.can_on(action, &uid) => Ok(()),
        _ => Err(Caller::denied(action)),
    }
}

/// The single data source DTO, with the state's plugins and secret box.
pub fn dto(state: &AppState, ds: &DataSource) -> DataSourceSettings {
    model::dto(ds, &state.plugins, &state.secrets)
}
