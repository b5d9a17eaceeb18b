//! The signed-in user's own API: `GET /api/user` and `GET /api/user/orgs`, and the name of
//! the org they are in.

use super::identity::Identity;
use super::store;
use crate::avatar::gravatar_url;
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use grafana_model::time::rfc3339;
use serde_json::{json, Value};

/// The name of org `org`, or Grafana's `404 Organization not found`.
pub async fn org_name(state: &AppState, org: i64) -> Result<String, ApiError> {
    let found = state.db.call(move |c| store::org_name(c, org)).await?;
    found.ok_or_else(|| ApiError::message(StatusCode::NOT_FOUND, "Organization not found"))
}

pub(super) async fn current_user(
    State(state): State<AppState>,
    who: Identity,
) -> Result<Json<Value>, ApiError> {
    let id = who.user_id;
    let user = state.db.call(move |c| store::user_by_id(c, id)).await?;
    let Some(u) = user else {
        return Err(ApiError::message(StatusCode::NOT_FOUND, "user not found"));
    };
    Ok(Json(json!({
        "id": u.id, "uid": u.uid, "email": u.email, "name": u.name, "login": u.login, "theme": "",
        "orgId": 1, "isGrafanaAdmin": u.login == "admin", "isDisabled": u.is_disabled, "isExternal": false,
        "isServiceAccount": u.is_service_account, "authLabels": [], "avatarUrl": gravatar_url(&state.app_sub_url, &u.email),
        "updatedAt": rfc3339(u.updated), "createdAt": rfc3339(u.created),
    })))
}

/// The orgs the caller is a member of, whichever org the request names: devserver's one
/// org, with the caller's role there.
pub(super) async fn current_user_orgs(
    State(state): State<AppState>,
    who: Identity,
) -> Result<Json<Value>, ApiError> {
    let (org, role) = if who.org_id > 0 {
        (who.org_id, who.role)
    } else {
        // A person who named an org they are not in: their membership is still org 1's.
        let id = who.user_id;
        let user = state.db.call(move |c| store::user_by_id(c, id)).await?;
        (1, user.map_or(super::role::OrgRole::None, |u| u.role))
    };
    let name = org_name(&state, org).await?;
    Ok(Json(
        json!([{ "orgId": org, "name": name, "role": role.as_str() }]),
    ))
}
