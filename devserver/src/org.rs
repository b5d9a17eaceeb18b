//! The current organisation: `GET /api/org` and `PUT /api/org` (rename), with Grafana's
//! shapes and messages. devserver has one org (id 1); its name is stored in `org`.

use crate::auth::{Identity, OrgRole};
use crate::{ApiError, AppState};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/org", get(current).put(update))
}

/// The org's name (`Main Org.` unless renamed).
pub async fn name(state: &AppState, org: i64) -> Result<String, ApiError> {
    let found: Option<String> = state
        .db
        .call(move |c| {
            use rusqlite::OptionalExtension;
            Ok(
                c.query_row("SELECT name FROM org WHERE id = ?1", [org], |r| r.get(0))
                    .optional()?,
            )
        })
        .await?;
    found.ok_or_else(|| ApiError::message(StatusCode::NOT_FOUND, "Organization not found"))
}

async fn current(State(state): State<AppState>, who: Identity) -> Result<Json<Value>, ApiError> {
    let name = name(&state, who.org_id).await?;
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
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    if who.role != OrgRole::Admin {
        return Err(ApiError::AccessDenied {
            action: "orgs:write".to_owned(),
        });
    }
    let form: UpdateOrgForm = crate::body::json_object(&body).ok_or(ApiError::BadRequestData)?;
    let name = form.name.trim().to_owned();
    if name.is_empty() {
        return Err(ApiError::BadRequestData);
    }
    let org = who.org_id;
    let now = crate::auth::rfc3339(state.clock.now());
    let changed = state
        .db
        .call(move |c| {
            let taken: bool = c.query_row(
                "SELECT EXISTS (SELECT 1 FROM org WHERE name = ?1 AND id != ?2)",
                rusqlite::params![name, org],
                |r| r.get(0),
            )?;
            if taken {
                return Ok(false);
            }
            c.execute(
                "UPDATE org SET name = ?1, updated = ?2 WHERE id = ?3",
                rusqlite::params![name, now, org],
            )?;
            Ok(true)
        })
        .await?;
    if !changed {
        return Err(ApiError::message(
            StatusCode::BAD_REQUEST,
            "Organization name taken",
        ));
    }
    Ok(Json(json!({"message": "Organization updated"})))
}
