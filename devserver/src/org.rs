//! The current organisation: `GET /api/org` and `PUT /api/org` (rename), and `GET
//! /api/org/users/lookup` (the people pickers' search), with Grafana's shapes and
//! messages. devserver has one org (id 1); its name is stored in `org`.

use crate::auth::access::PERMISSIONS_WRITE;
use crate::auth::user::org_name;
use crate::auth::{Identity, OrgRole};
use crate::avatar::avatar_url;
use crate::body::GrafanaJson;
use crate::error::success_or;
use crate::{ApiError, AppState};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/org", get(current).put(update))
        .route("/api/org/users/lookup", get(lookup))
}

async fn current(State(state): State<AppState>, who: Identity) -> Result<Json<Value>, ApiError> {
    let name = org_name(&state, who.org_id).await?;
    Ok(Json(json!({
        "id": who.org_id,
        "name": name,
        "address": {"address1": "", "address2": "", "city": "", "zipCode": "", "state": "", "country": ""},
    })))
}

#[derive(Deserialize)]
struct UpdateOrgForm {
    #[serde(default)]
    name: String,
}

async fn update(
    State(state): State<AppState>,
    who: Identity,
    body: GrafanaJson<UpdateOrgForm>,
) -> Result<Json<Value>, ApiError> {
    if who.role != OrgRole::Admin {
        return Err(ApiError::AccessDenied {
            action: "orgs:write".to_owned(),
        });
    }
    let form = body.bind()?;
    let name = form.name.trim().to_owned();
    if name.is_empty() {
        return Err(ApiError::BadRequestData);
    }
    let org = who.org_id;
    let now = grafana_model::time::rfc3339(state.clock.now());
    let changed = state
        .db
        .call(move |c| {
            let sql = "SELECT EXISTS (SELECT 1 FROM org WHERE name = ?1 AND id != ?2)";
            if crate::db::exists(c, sql, rusqlite::params![name, org])? {
                return Ok(false);
            }
            c.execute(
                "UPDATE org SET name = ?1, updated = ?2 WHERE id = ?3",
                rusqlite::params![name, now, org],
            )?;
            Ok(true)
        })
        .await?;
    success_or(changed, "Organization updated", || {
        ApiError::message(StatusCode::BAD_REQUEST, "Organization name taken")
    })
}

#[derive(Deserialize)]
struct LookupQuery {
    #[serde(default)]
    query: String,
    #[serde(default)]
    limit: Option<String>,
}

/// `GET /api/org/users/lookup?query=&limit=`: people (not service accounts) whose login,
/// email or name contains the query, as `{userId, uid, login, avatarUrl}`. Grafana allows
/// it to org Admins and to whoever may set permissions on something (here: service
/// accounts), so that the permission pickers work.
async fn lookup(
    State(state): State<AppState>,
    who: Identity,
    Query(q): Query<LookupQuery>,
) -> Result<Json<Value>, ApiError> {
    if who.role != OrgRole::Admin && !who.can(PERMISSIONS_WRITE, None) {
        return Err(ApiError::AccessDenied {
            action: "org.users:read".to_owned(),
        });
    }
    let limit = q
        .limit
        .as_deref()
        .and_then(|l| l.parse::<i64>().ok())
        .filter(|l| *l > 0)
        .map_or(100, |l| l.min(1000));
    let pattern = format!(
        "%{}%",
        q.query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let sub = state.app_sub_url.clone();
    let rows = state
        .db
        .call(move |c| {
            crate::db::rows::<(i64, String, String, String)>(
                c,
                "SELECT id, uid, login, email FROM user WHERE is_service_account = 0
                 AND (login LIKE ?1 ESCAPE '\\' OR email LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\')
                 ORDER BY login LIMIT ?2",
                rusqlite::params![pattern, limit],
            )
        })
        .await?;
    Ok(Json(Value::Array(
        rows.into_iter()
            .map(|(id, uid, login, email)| {
                json!({
                    "userId": id,
                    "uid": uid,
                    "login": login,
                    "avatarUrl": avatar_url(&sub, &email),
                })
            })
            .collect(),
    )))
}
