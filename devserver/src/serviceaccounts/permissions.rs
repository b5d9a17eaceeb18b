//! Who may administer a service account: Grafana's resource permissions for the
//! `serviceaccounts` resource (`/api/access-control/serviceaccounts/…`), with users as
//! the assignees (devserver has no teams), and the grants they give.
//!
//! - `GET /api/access-control/serviceaccounts/description`: the assignments and levels.
//! - `GET /api/access-control/serviceaccounts/:id`: the managed permissions of one account.
//! - `POST /api/access-control/serviceaccounts/:id/users/:userId` `{"permission": "Edit"}`
//!   sets a person's level; `""` removes it ("Permission removed").
//!
//! **Edit** grants `serviceaccounts:read` and `serviceaccounts:write`; **Admin** also
//! `serviceaccounts:delete` and `serviceaccounts.permissions:read|write`, all on
//! `serviceaccounts:id:<id>` (Grafana's `ossaccesscontrol` service-account options). The
//! grants join the person's identity on every request
//! ([`crate::auth::store::grants_of`]).

use super::access::{is_external_login, require};
use super::accounts::authorized_id;
use super::errors::{not_found, Body};
use super::store::{self, ServiceAccountRow};
use crate::auth::identity::Identity;
use crate::avatar::avatar_url;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use grafana_model::dtos::ResourcePermission;
use rusqlite::OptionalExtension;
use serde::Deserialize;
use serde_json::{json, Value};

/// The levels, their actions, and the permission actions (the auth area's, which grants
/// them on every request).
pub use crate::auth::access::{actions_of, LEVELS, PERMISSIONS_READ, PERMISSIONS_WRITE};

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/access-control/serviceaccounts/description",
            get(description),
        )
        .route("/api/access-control/serviceaccounts/{id}", get(list))
        .route(
            "/api/access-control/serviceaccounts/{id}/users/{user_id}",
            post(set_user),
        )
}

async fn description(who: Identity) -> Result<Json<Value>, ApiError> {
    require(&who, PERMISSIONS_READ, None)?;
    Ok(Json(json!({
        "assignments": {"users": true, "serviceAccounts": false, "teams": false, "builtInRoles": false},
        "permissions": LEVELS,
    })))
}

/// The account, if it exists and is a service account.
async fn account(state: &AppState, id: i64) -> Result<ServiceAccountRow, ApiError> {
    state
        .db
        .call(move |c| store::get(c, id))
        .await?
        .ok_or_else(not_found)
}

async fn list(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
) -> Result<Json<Vec<ResourcePermission>>, ApiError> {
    let id = authorized_id(&state, &who, id, PERMISSIONS_READ).await?;
    account(&state, id).await?;
    let sub = state.app_sub_url.clone();
    let rows = state
        .db
        .call(move |c| {
            crate::db::rows::<(i64, i64, String, String, String, String)>(
                c,
                "SELECT p.rowid, u.id, u.uid, u.login, u.email, p.permission
                 FROM service_account_permission p JOIN user u ON u.id = p.user_id
                 WHERE p.service_account_id = ?1 ORDER BY u.login",
                [id],
            )
        })
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(
                |(row, user_id, uid, login, email, level)| ResourcePermission {
                    id: row,
                    role_name: format!("managed:users:{user_id}:permissions"),
                    is_managed: true,
                    is_inherited: false,
                    is_service_account: false,
                    user_id: Some(user_id),
                    user_uid: Some(uid),
                    user_login: Some(login),
                    user_avatar_url: Some(avatar_url(&sub, &email)),
                    actions: actions_of(&level).iter().map(|a| (*a).to_owned()).collect(),
                    permission: level,
                    ..Default::default()
                },
            )
            .collect(),
    ))
}

#[derive(Deserialize)]
struct SetPermission {
    #[serde(default)]
    permission: String,
}

fn failed() -> ApiError {
    ApiError::message(StatusCode::BAD_REQUEST, "failed to set user permission")
}

async fn set_user(
    State(state): State<AppState>,
    who: Identity,
    Path((id, user)): Path<(String, String)>,
    body: Body<SetPermission>,
) -> Result<Json<Value>, ApiError> {
    let id = authorized_id(&state, &who, id, PERMISSIONS_WRITE).await?;
    let user_ref = user;
    let cmd = body.bind()?;
    let level = cmd.permission;
    if !level.is_empty() && !LEVELS.contains(&level.as_str()) {
        return Err(failed());
    }
    let sa = account(&state, id).await?;
    if is_external_login(&sa.login) {
        return Err(failed());
    }
    let now = state.clock.now();
    let stored = level.clone();
    let done = state
        .db
        .call(move |c| {
            // The user is named by id or, as current Grafana also accepts, by uid.
            let user_id: Option<i64> = c
                .query_row(
                    "SELECT id FROM user WHERE is_service_account = 0
                     AND (CAST(id AS TEXT) = ?1 OR uid = ?1)",
                    [&user_ref],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(user_id) = user_id else {
                return Ok(false);
            };
            if stored.is_empty() {
                c.execute(
                    "DELETE FROM service_account_permission
                     WHERE service_account_id = ?1 AND user_id = ?2",
                    rusqlite::params![id, user_id],
                )?;
            } else {
                c.execute(
                    "INSERT INTO service_account_permission (service_account_id, user_id, permission, created)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (service_account_id, user_id) DO UPDATE SET permission = excluded.permission",
                    rusqlite::params![id, user_id, stored, now],
                )?;
            }
            Ok(true)
        })
        .await?;
    if !done {
        return Err(failed());
    }
    let message = if level.is_empty() {
        "Permission removed"
    } else {
        "Permission updated"
    };
    Ok(Json(json!({ "message": message })))
}
