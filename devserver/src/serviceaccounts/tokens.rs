//! A service account's tokens: list, create (with `secondsToLive` and Grafana's lifetime
//! limits), delete; and devserver's secret-scanning revoke
//! (`POST /api/devserver/serviceaccounts/tokens/revoke`).

use super::access::{require, ExternalChange, READ, WRITE};
use super::accounts::{authorized_id, changeable};
use super::errors::{bad_request_data, errutil, token_not_found, Body};
use super::store::{self, TokenRow};
use crate::auth::identity::Identity;
use crate::auth::role::OrgRole;
use crate::error::success_or;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use grafana_model::dtos::{NewToken, TokenDto};
use grafana_model::time::rfc3339;
use serde::Deserialize;
use serde_json::Value;

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
        created: Some(rfc3339(t.created)),
        last_used_at: t.last_used_at.map(rfc3339),
        expiration: t.expires.map(rfc3339),
        seconds_until_expiration: until,
        has_expired,
        is_revoked: Some(t.is_revoked),
    }
}

pub(super) async fn list_tokens(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
) -> Result<Json<Vec<TokenDto>>, ApiError> {
    let id = authorized_id(&state, &who, id, READ).await?;
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
pub(super) struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    seconds_to_live: i64,
}

pub(super) async fn create_token(
    State(state): State<AppState>,
    who: Identity,
    Path(id): Path<String>,
    body: Body<TokenForm>,
) -> Result<Response, ApiError> {
    let row = changeable(&state, &who, id, WRITE, ExternalChange::AddToken).await?;
    let id = row.id;
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

pub(super) async fn delete_token(
    State(state): State<AppState>,
    who: Identity,
    Path((id, token_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let row = changeable(&state, &who, id, WRITE, ExternalChange::DeleteToken).await?;
    let id = row.id;
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
    success_or(deleted, "Service account token deleted", token_not_found)
}

#[derive(Deserialize)]
pub(super) struct LeakedToken {
    #[serde(default)]
    token: String,
}

/// `POST /api/devserver/serviceaccounts/tokens/revoke` `{"token": "glsa_…"}` (devserver
/// only, Admin): what Grafana's secret-scanning service does when a token turns up in
/// public: the token is marked revoked (it stops authenticating, and the tokens table
/// shows **Revoked**). Answers 404 for a token that does not exist.
pub(super) async fn revoke_leaked(
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
        .call(move |c| store::revoke_token(c, &hashed))
        .await?;
    success_or(found, "Token revoked", || {
        ApiError::message(StatusCode::NOT_FOUND, "API key not found")
    })
}
