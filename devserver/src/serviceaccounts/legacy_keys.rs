//! The seed's revert-to-API-key route (gone from current Grafana) and the legacy API keys
//! it makes, listed at `GET /api/auth/keys` and deletable at `DELETE /api/auth/keys/{id}`
//! as Grafana's API-key routes had them.

use super::access::{ExternalChange, DELETE};
use super::accounts::changeable;
use super::errors::token_not_found;
use super::store;
use crate::auth::identity::Identity;
use crate::auth::role::OrgRole;
use crate::error::success_or;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use grafana_model::time::rfc3339;
use serde_json::{json, Value};

/// The 2022 seed's `DELETE /api/serviceaccounts/{id}/revert/{keyId}`: current Grafana
/// removed every revert/migrate route (its 2022 code even used `POST /revert/:keyId`); it
/// is kept here for UIs written against the seed doc.
pub(super) async fn revert(
    State(state): State<AppState>,
    who: Identity,
    Path((id, key_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let row = changeable(&state, &who, id, DELETE, ExternalChange::Delete).await?;
    let id = row.id;
    let key_id: i64 = key_id
        .parse()
        .map_err(|_| ApiError::message(StatusCode::BAD_REQUEST, "Key ID is invalid"))?;
    let role = row.role.clone();
    let reverted = state
        .db
        .call(move |c| store::revert(c, id, key_id, &role))
        .await?;
    success_or(
        reverted,
        "Reverted service account to API key",
        token_not_found,
    )
}

pub(super) async fn list_api_keys(
    State(state): State<AppState>,
    who: Identity,
) -> Result<Json<Value>, ApiError> {
    if who.role != OrgRole::Admin {
        return Err(ApiError::AccessDenied {
            action: "apikeys:read".to_owned(),
        });
    }
    // (The legacy API-key area is Admin-only, as Grafana's default `apikeys:read` grant.)
    let keys = state.db.call(store::legacy_keys).await?;
    Ok(Json(Value::Array(
        keys.into_iter()
            .map(|(id, name, role, expires)| json!({"id": id, "name": name, "role": role, "expiration": expires.map(rfc3339)}))
            .collect(),
    )))
}

/// `DELETE /api/auth/keys/{id}`, as Grafana's API-key routes had it: a legacy key made by
/// the revert route can be removed (Admin only, Grafana's default `apikeys:delete`).
pub(super) async fn delete_api_key(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    if who.role != OrgRole::Admin {
        return Err(ApiError::AccessDenied {
            action: "apikeys:delete".to_owned(),
        });
    }
    let id: i64 = id.parse().map_err(|_| ApiError::MessageWithTrace {
        status: StatusCode::BAD_REQUEST,
        message: "id is invalid".to_owned(),
    })?;
    let deleted = state
        .db
        .call(move |c| store::delete_legacy_key(c, id))
        .await?;
    success_or(deleted, "API key deleted", || ApiError::MessageWithTrace {
        status: StatusCode::NOT_FOUND,
        message: "Failed to delete API key".to_owned(),
    })
}
