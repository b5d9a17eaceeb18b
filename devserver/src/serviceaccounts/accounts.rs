//! One service account: `POST /api/serviceaccounts` (create, 201), `GET`, `PATCH` and
//! `DELETE /api/serviceaccounts/{id}`; and how Grafana names, finds and answers an
//! account: the login rule, `:id` read as an id or a uid, the account's JSON (a search row
//! or a profile).

use super::access::{
    access_control, is_external_login, refuse_external, require, wants_ac, ExternalChange, CREATE,
    DELETE, EXTSVC_PREFIX, READ, WRITE,
};
use super::errors::{bad_request_data, errutil, invalid_id, invalid_name, not_found, Body};
use super::store::{self, ServiceAccountRow};
use crate::auth::identity::Identity;
use crate::auth::role::OrgRole;
use crate::avatar::avatar_url;
use crate::error::success_or;
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use grafana_model::dtos::ServiceAccount;
use grafana_model::time::rfc3339;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Grafana's login rule: `sa-<org>-<lower name>`, first `--` → `-`, spaces → `-`.
pub fn login_for(org_id: i64, name: &str) -> String {
    format!("sa-{org_id}-{}", name.to_lowercase())
        .replacen("--", "-", 1)
        .replace(' ', "-")
}

/// Resolves `:id`: a number is an id; anything else is looked up as a uid.
async fn resolve_id(state: &AppState, raw: String) -> Result<i64, ApiError> {
    if let Ok(id) = raw.parse::<i64>() {
        return Ok(id);
    }
    let found = state.db.call(move |c| store::id_by_uid(c, &raw)).await?;
    found.ok_or_else(ApiError::not_found)
}

/// The id of the account `raw` (`:id`, an id or a uid) names, once the caller may do
/// `action` on it: Grafana's route middleware with its `:serviceAccountId` resolver.
pub async fn authorized_id(
    state: &AppState,
    who: &Identity,
    raw: String,
    action: &str,
) -> Result<i64, ApiError> {
    let id = resolve_id(state, raw).await?;
    require(who, action, Some(id))?;
    Ok(id)
}

/// The account `raw` names, for a route that changes it: the caller needs `action` on it,
/// it must exist (404), and a plugin-managed one is refused with Grafana's errutil 400 for
/// `change`. In Grafana's order.
pub async fn changeable(
    state: &AppState,
    who: &Identity,
    raw: String,
    action: &str,
    change: ExternalChange,
) -> Result<ServiceAccountRow, ApiError> {
    let id = authorized_id(state, who, raw, action).await?;
    let row = load(state, id).await?;
    refuse_external(&row, change)?;
    Ok(row)
}

/// The service account `id`, or Grafana's 404.
pub async fn load(state: &AppState, id: i64) -> Result<ServiceAccountRow, ApiError> {
    let row = state.db.call(move |c| store::get(c, id)).await?;
    row.ok_or_else(not_found)
}

/// A service account as Grafana answers it (`grafana_model`'s type, the one the kit
/// reads): a search row, or with `profile` the `GET /api/serviceaccounts/:id` profile.
pub fn dto(
    row: &ServiceAccountRow,
    who: &Identity,
    with_ac: bool,
    profile: bool,
    app_sub_url: &str,
) -> ServiceAccount {
    let external = is_external_login(&row.login);
    ServiceAccount {
        id: row.id,
        uid: row.uid.clone(),
        name: row.name.clone(),
        login: row.login.clone(),
        org_id: 1,
        is_disabled: row.is_disabled,
        role: row.role.clone(),
        tokens: if profile {
            row.tokens.min(300)
        } else {
            row.tokens
        },
        avatar_url: avatar_url(app_sub_url, &row.name),
        is_external: external,
        required_by: (profile && external).then(|| {
            row.name
                .strip_prefix(EXTSVC_PREFIX)
                .unwrap_or(&row.name)
                .to_owned()
        }),
        created_at: profile.then(|| rfc3339(row.created)),
        updated_at: profile.then(|| rfc3339(row.updated)),
        access_control: if with_ac {
            access_control(who, row.id)
        } else {
            None
        },
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    is_disabled: Option<bool>,
}

fn parse_role(role: Option<String>) -> Result<Option<OrgRole>, ApiError> {
    match role {
        None => Ok(None),
        Some(r) => OrgRole::parse(&r).map(Some).ok_or_else(bad_request_data),
    }
}

pub(super) async fn create(
    State(state): State<AppState>,
    who: Identity,
    body: Body<CreateForm>,
) -> Result<Response, ApiError> {
    require(&who, CREATE, None)?;
    let form = body.bind()?;
    if form.name.is_empty() {
        return Err(bad_request_data());
    }
    if form.name.starts_with(EXTSVC_PREFIX) {
        return Err(invalid_name());
    }
    let role = parse_role(form.role)?.unwrap_or(OrgRole::Viewer);
    if role > who.role {
        return Err(errutil(
            StatusCode::FORBIDDEN,
            "can not assign a role higher than user's role",
            "serviceaccounts.ErrRoleForbidden",
        ));
    }
    let login = login_for(1, &form.name);
    let now = state.clock.now();
    let name = form.name.clone();
    let disabled = form.is_disabled.unwrap_or(false);
    let created = state
        .db
        .call(move |c| store::create(c, &name, &login, role, disabled, now))
        .await?;
    let Some(row) = created else {
        return Err(errutil(
            StatusCode::BAD_REQUEST,
            "service account already exists",
            "serviceaccounts.ErrAlreadyExists",
        ));
    };
    // Current Grafana answers the store's DTO: no timestamps, and an empty avatarUrl.
    let body = ServiceAccount {
        avatar_url: String::new(),
        ..dto(&row, &who, false, false, &state.app_sub_url)
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(super) async fn get_one(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<ServiceAccount>, ApiError> {
    let id = authorized_id(&state, &who, id, READ).await?;
    if id <= 0 {
        return Err(ApiError::message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Failed to retrieve service account",
        ));
    }
    let row = load(&state, id).await?;
    Ok(Json(dto(
        &row,
        &who,
        wants_ac(&q),
        true,
        &state.app_sub_url,
    )))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct UpdateForm {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    is_disabled: Option<bool>,
}

pub(super) async fn update(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    body: Body<UpdateForm>,
) -> Result<Json<Value>, ApiError> {
    let id = authorized_id(&state, &who, id, WRITE).await?;
    let form = body.bind()?;
    let role = parse_role(form.role)?;
    if role.is_some_and(|r| r > who.role) {
        return Err(errutil(
            StatusCode::FORBIDDEN,
            "can not assign a role higher than user's role",
            "serviceaccounts.ErrRoleForbidden",
        ));
    }
    if id <= 0 {
        return Err(invalid_id());
    }
    let before = load(&state, id).await?;
    refuse_external(&before, ExternalChange::Update)?;
    if form
        .name
        .as_deref()
        .is_some_and(|n| n.starts_with(EXTSVC_PREFIX))
    {
        return Err(invalid_name());
    }
    let now = state.clock.now();
    let (name, disabled) = (form.name.clone(), form.is_disabled);
    state
        .db
        .call(move |c| store::update(c, id, name.as_deref(), role, disabled, now))
        .await?;
    let mut after = before;
    if let Some(n) = form.name {
        after.name = n;
    }
    if let Some(r) = role {
        after.role = r.as_str().to_owned();
    }
    if let Some(d) = form.is_disabled {
        after.is_disabled = d;
    }
    Ok(Json(json!({
        "message": "Service account updated",
        "id": after.id,
        "name": after.name,
        "serviceaccount": dto(&after, &who, wants_ac(&q), true, &state.app_sub_url),
    })))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = authorized_id(&state, &who, id, DELETE).await?;
    if id <= 0 {
        return Err(invalid_id());
    }
    refuse_external(&load(&state, id).await?, ExternalChange::Delete)?;
    let deleted = state.db.call(move |c| store::delete(c, id)).await?;
    success_or(deleted, "Service account deleted", not_found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::avatar::avatar_url;

    #[test]
    fn login_and_avatar_follow_grafana() {
        assert_eq!(login_for(1, "My SA"), "sa-1-my-sa");
        assert_eq!(login_for(1, "-x"), "sa-1-x");
        assert_eq!(
            avatar_url("", "grafana"),
            "/avatar/85ec38023d90823d3e5b43ef35646af9"
        );
        assert_eq!(
            avatar_url("", "test"),
            "/avatar/8ea890a677d6a223c591a1beea6ea9d2"
        );
    }
}
