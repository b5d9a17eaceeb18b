//! Grafana's service-account API (`/api/serviceaccounts…`), as current Grafana answers it:
//! search with paging and filters, create (201), get, PATCH, DELETE, tokens (list, create
//! with `secondsToLive`, delete), and the seed's revert-to-API-key route (gone from
//! current Grafana; kept here with the legacy keys it makes listed at `GET /api/auth/keys`
//! and deletable at `DELETE /api/auth/keys/{id}`, as Grafana's API-key routes had them).

pub mod access;
pub mod accounts;
pub mod errors;
pub mod managed;
pub mod permissions;
pub mod search_index;
mod store;

use crate::auth::{Identity, OrgRole};
use crate::{ApiError, AppState};
pub use access::{is_external_login, CREATE, DELETE, EXTSVC_PREFIX, READ, WRITE};
use access::{parse_bool, readable_ids, refuse_external, require, wants_ac};
pub use accounts::login_for;
use accounts::{dto, load, resolve_id};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use errors::{bad_request_data, errutil, invalid_id, invalid_name, not_found, Body};
use grafana_model::dtos::{NewToken, ServiceAccount, ServiceAccountSearch, TokenDto};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
pub use store::{ServiceAccountRow, TokenRow};

/// Routes of this area, with Grafana's paths.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/serviceaccounts/search", get(search))
        .route("/api/serviceaccounts", axum::routing::post(create))
        .route(
            "/api/serviceaccounts/{id}",
            get(get_one).patch(update).delete(remove),
        )
        .route(
            "/api/serviceaccounts/{id}/tokens",
            get(list_tokens).post(create_token),
        )
        .route(
            "/api/serviceaccounts/{id}/tokens/{token_id}",
            delete(delete_token),
        )
        .route("/api/serviceaccounts/{id}/revert/{key_id}", delete(revert))
        .route("/api/auth/keys", get(list_api_keys))
        .route("/api/auth/keys/{id}", delete(delete_api_key))
        .route(
            "/api/devserver/serviceaccounts/tokens/revoke",
            axum::routing::post(revoke_leaked),
        )
        .merge(permissions::routes())
}

async fn search(
    State(state): State<AppState>,
    who: Identity,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<ServiceAccountSearch>, ApiError> {
    require(&who, READ, None)?;
    let per_page = q
        .get("perpage")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1000);
    let page = q
        .get("page")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1);
    let filter = store::SearchFilter {
        query: q.get("query").cloned().unwrap_or_default(),
        disabled: q.get("disabled").is_some_and(|v| parse_bool(v)),
        expired_tokens: q.get("expiredTokens").is_some_and(|v| parse_bool(v)),
        external: q.get("external").is_some_and(|v| parse_bool(v)),
        only_ids: readable_ids(&who),
        now: state.clock.now(),
    };
    // A page far past the end is an empty page, as in Grafana, never an overflow.
    let offset = (page - 1).saturating_mul(per_page);
    let index = state.search_index.clone();
    let (total, rows) = state
        .db
        .call(move |c| {
            let mut index = index
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match index.search(c, &filter, per_page, offset)? {
                Some(found) => Ok(found),
                None => store::search(c, &filter, per_page, offset),
            }
        })
        .await?;
    let with_ac = wants_ac(&q);
    Ok(Json(ServiceAccountSearch {
        total_count: total,
        service_accounts: rows
            .iter()
            .map(|r| dto(r, &who, with_ac, false, &state.app_sub_url))
            .collect(),
        page,
        per_page,
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateForm {
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

async fn create(
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

async fn get_one(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<ServiceAccount>, ApiError> {
    let id = resolve_id(&state, id).await?;
    require(&who, READ, Some(id))?;
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
struct UpdateForm {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    is_disabled: Option<bool>,
}

async fn update(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    body: Body<UpdateForm>,
) -> Result<Json<Value>, ApiError> {
    let id = resolve_id(&state, id).await?;
    require(&who, WRITE, Some(id))?;
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
    refuse_external(
        &before,
        "external service account cannot be updated",
        "extsvcaccounts.ErrCannotBeUpdated",
    )?;
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

async fn remove(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = resolve_id(&state, id).await?;
    require(&who, DELETE, Some(id))?;
    if id <= 0 {
        return Err(invalid_id());
    }
    refuse_external(
        &load(&state, id).await?,
        "external service account cannot be deleted",
        "extsvcaccounts.ErrCannotBeDeleted",
    )?;
    let deleted = state.db.call(move |c| store::delete(c, id)).await?;
    if !deleted {
        return Err(not_found());
    }
    Ok(Json(json!({"message": "Service account deleted"})))
}

fn token_dto(t: &TokenRow, now: i64) -> TokenDto {
    let has_expired = t.expires.is_some_and(|e| e < now);
    let until = match t.expires {
        Some(e) if !has_expired && e.saturating_sub(now) <= 7 * 86_400 => {
            e.saturating_sub(now) as f64
        }
        _ => 0.0,
    };
    TokenDto {
        id: t.id,
        name: t.name.clone(),
        created: Some(grafana_model::time::rfc3339(t.created)),
        last_used_at: t.last_used_at.map(grafana_model::time::rfc3339),
        expiration: t.expires.map(grafana_model::time::rfc3339),
        seconds_until_expiration: until,
        has_expired,
        is_revoked: Some(t.is_revoked),
    }
}

async fn list_tokens(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
) -> Result<Json<Vec<TokenDto>>, ApiError> {
    let id = resolve_id(&state, id).await?;
    require(&who, READ, Some(id))?;
    let tokens = state.db.call(move |c| store::tokens(c, id)).await?;
    let now = state.clock.now();
    Ok(Json(
        tokens.iter().map(|t| token_dto(t, now)).collect::<Vec<_>>(),
    ))
}

/// 9999-12-31T23:59:59Z: the latest expiry a token can have.
const LATEST_EXPIRY: i64 = 253_402_300_799;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    seconds_to_live: i64,
}

async fn create_token(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
    body: Body<TokenForm>,
) -> Result<Response, ApiError> {
    let id = resolve_id(&state, id).await?;
    require(&who, WRITE, Some(id))?;
    let row = load(&state, id).await?;
    refuse_external(
        &row,
        "cannot add external service account token",
        "extsvcaccounts.ErrCannotCreateToken",
    )?;
    let form = body.bind()?;
    if form.name.is_empty() {
        return Err(bad_request_data());
    }
    let limits = state.token_limits;
    if limits.max_seconds_to_live != -1 {
        if form.seconds_to_live == 0 {
            return Err(ApiError::message(
                StatusCode::BAD_REQUEST,
                "Number of seconds before expiration should be set",
            ));
        }
        if form.seconds_to_live > limits.max_seconds_to_live {
            return Err(ApiError::message(
                StatusCode::BAD_REQUEST,
                "Number of seconds before expiration is greater than the global limit",
            ));
        }
    }
    let now = state.clock.now();
    // An expiry past what a date can say (year 9999) is invalid input, never an overflow.
    let expiry = now.checked_add(form.seconds_to_live);
    if form.seconds_to_live > 0 && expiry.is_none_or(|e| e > LATEST_EXPIRY) {
        return Err(errutil(
            StatusCode::BAD_REQUEST,
            "invalid SecondsToLive value",
            "serviceaccounts.ErrInvalidInput",
        ));
    }
    let limit_end = limits
        .expiration_day_limit
        .checked_mul(86_400)
        .and_then(|l| now.checked_add(l));
    if let (true, Some(expiry), Some(limit_end)) =
        (limits.expiration_day_limit > 0, expiry, limit_end)
    {
        let day = |secs: i64| secs.div_euclid(86_400);
        if day(expiry) > day(limit_end) {
            // Grafana answers this one in plain text.
            return Err(ApiError::PlainText(
                "The expiration date input exceeds the limit for service account access tokens expiration date"
                    .to_owned(),
            ));
        }
    }
    let generated = crate::auth::token::generate("sa");
    let name = form.name.clone();
    let seconds = form.seconds_to_live;
    let hashed = generated.hashed;
    let outcome = state
        .db
        .call(move |c| store::create_token(c, id, &name, &hashed, seconds, now))
        .await?;
    match outcome {
        store::TokenCreate::Created(token_id) => Ok(Json(NewToken {
            id: token_id,
            name: form.name,
            key: generated.key,
        })
        .into_response()),
        store::TokenCreate::DuplicateName => Err(errutil(
            StatusCode::BAD_REQUEST,
            "service account token with given name already exists in the organization",
            "serviceaccounts.ErrTokenAlreadyExists",
        )),
        store::TokenCreate::NegativeSeconds => Err(errutil(
            StatusCode::BAD_REQUEST,
            "invalid SecondsToLive value",
            "serviceaccounts.ErrInvalidInput",
        )),
    }
}

async fn delete_token(
    State(state): State<AppState>,
    who: Identity,
    Path((id, token_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let id = resolve_id(&state, id).await?;
    require(&who, WRITE, Some(id))?;
    let row = load(&state, id).await?;
    refuse_external(
        &row,
        "cannot delete external service account token",
        "extsvcaccounts.ErrCannotDeleteToken",
    )?;
    let token_id: i64 = token_id
        .parse()
        .map_err(|_| ApiError::message(StatusCode::BAD_REQUEST, "Token ID is invalid"))?;
    if token_id == 0 {
        return Err(errutil(
            StatusCode::BAD_REQUEST,
            "invalid service account token id specified",
            "serviceaccounts.ErrInvalidTokenId",
        ));
    }
    let deleted = state
        .db
        .call(move |c| store::delete_token(c, id, token_id))
        .await?;
    if !deleted {
        return Err(errutil(
            StatusCode::NOT_FOUND,
            "service account token not found",
            "serviceaccounts.ErrTokenNotFound",
        ));
    }
    Ok(Json(json!({"message": "Service account token deleted"})))
}

/// The 2022 seed's `DELETE /api/serviceaccounts/{id}/revert/{keyId}`: current Grafana
/// removed every revert/migrate route (its 2022 code even used `POST /revert/:keyId`); it
/// is kept here for UIs written against the seed doc.
async fn revert(
    State(state): State<AppState>,
    who: Identity,
    Path((id, key_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let id = resolve_id(&state, id).await?;
    require(&who, DELETE, Some(id))?;
    let row = load(&state, id).await?;
    refuse_external(
        &row,
        "external service account cannot be deleted",
        "extsvcaccounts.ErrCannotBeDeleted",
    )?;
    let key_id: i64 = key_id
        .parse()
        .map_err(|_| ApiError::message(StatusCode::BAD_REQUEST, "Key ID is invalid"))?;
    let role = row.role.clone();
    let reverted = state
        .db
        .call(move |c| store::revert(c, id, key_id, &role))
        .await?;
    if !reverted {
        return Err(errutil(
            StatusCode::NOT_FOUND,
            "service account token not found",
            "serviceaccounts.ErrTokenNotFound",
        ));
    }
    Ok(Json(
        json!({"message": "Reverted service account to API key"}),
    ))
}

async fn list_api_keys(
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
            .map(|(id, name, role, expires)| json!({"id": id, "name": name, "role": role, "expiration": expires.map(grafana_model::time::rfc3339)}))
            .collect(),
    )))
}

/// `DELETE /api/auth/keys/{id}`, as Grafana's API-key routes had it: a legacy key made by
/// the revert route can be removed (Admin only, Grafana's default `apikeys:delete`).
async fn delete_api_key(
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
    if !deleted {
        return Err(ApiError::MessageWithTrace {
            status: StatusCode::NOT_FOUND,
            message: "Failed to delete API key".to_owned(),
        });
    }
    Ok(Json(json!({"message": "API key deleted"})))
}

#[derive(Deserialize)]
struct LeakedToken {
    #[serde(default)]
    token: String,
}

/// `POST /api/devserver/serviceaccounts/tokens/revoke` `{"token": "glsa_…"}` (devserver
/// only, Admin): what Grafana's secret-scanning service does when a token turns up in
/// public: the token is marked revoked (it stops authenticating, and the tokens table
/// shows **Revoked**). Answers 404 for a token that does not exist.
async fn revoke_leaked(
    State(state): State<AppState>,
    who: Identity,
    body: Body<LeakedToken>,
) -> Result<Json<Value>, ApiError> {
    require(&who, WRITE, None)?;
    if who.role != OrgRole::Admin {
        return Err(ApiError::AccessDenied {
            action: WRITE.to_owned(),
        });
    }
    let form = body.bind()?;
    let hashed = state
        .hasher
        .token_hash(&form.token)
        .await
        .ok_or_else(|| ApiError::message(StatusCode::BAD_REQUEST, "Invalid API key"))?;
    let found = state
        .db
        .call(move |c| {
            Ok(c.execute(
                "UPDATE api_key SET is_revoked = 1 WHERE key = ?1",
                [&hashed],
            )? > 0)
        })
        .await?;
    if !found {
        return Err(ApiError::message(
            StatusCode::NOT_FOUND,
            "API key not found",
        ));
    }
    Ok(Json(json!({"message": "Token revoked"})))
}
