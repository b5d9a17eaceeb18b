//! `GET /login/generic_oauth`, Grafana's OAuth sign-in route, in its three uses:
//!
//! 1. **Start** (no `code`): a new `state` (its hash, salted with the secret key and the
//!    client secret, in the `oauth_state` cookie), a PKCE verifier (`oauth_code_verifier`),
//!    a valid `?redirect_to=` kept in the `redirect_to` cookie; then 302 to the provider.
//! 2. **Callback** (`code` and `state`): the state checked against the cookie, the code
//!    exchanged, the person read from the ID token and `api_url`, then, in one transaction,
//!    linked or created, signed in, and the tokens stored sealed. 302 to `redirect_to`
//!    (checked again) or home.
//! 3. **Refusal** (`error=` from the provider, or any check above failing): 302 to the login
//!    page with Grafana's message ([`super::login_error`]); nothing is created.
//!
//! The state and verifier cookies are cleared whatever the outcome, so a callback URL
//! replayed in the same browser finds no state.

use super::claims;
use super::login_error::{to_login_page, PROVIDER_DENIED};
use super::provider::{code_verifier, new_state};
use super::settings::GenericOAuth;
use super::store::{self, Refusal, SignInRules};
use super::tokens::seal;
use crate::auth::identity::cookie;
use crate::auth::password::same;
use crate::auth::session::{session_cookies, set_cookie};
use crate::{ApiError, AppState};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use grafana_model::paths::is_valid_redirect_to;
use std::collections::HashMap;

/// Grafana's cookie names and `oauth_state_cookie_max_age`.
const STATE_COOKIE: &str = "oauth_state";
const PKCE_COOKIE: &str = "oauth_code_verifier";
const REDIRECT_COOKIE: &str = "redirect_to";
const STATE_COOKIE_MAX_AGE: i64 = 600;

/// Grafana's public messages (`pkg/services/authn/clients/oauth.go`).
const MISSING_STATE: &str = "Missing saved oauth state";
const INVALID_STATE: &str = "Provided state does not match stored state";
const MISSING_PKCE: &str = "Missing required pkce cookie";
const TOKEN_EXCHANGE: &str = "Failed to get token from provider";
const USER_INFO: &str = "Failed to get user info from provider";
const MISSING_EMAIL: &str = "Provider didn't return an email address";

/// The route's handler.
pub(super) async fn generic_oauth(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let Some(oauth) = state.generic_oauth.clone() else {
        return ApiError::not_found().into_response();
    };
    let q: HashMap<String, String> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let clear = clear_flow_cookies(&state, &headers);
    if let Some(error) = q.get("error") {
        let error: String = error
            .chars()
            .filter(|c| c.is_ascii_graphic())
            .take(64)
            .collect();
        tracing::warn!(%error, "login provider denied login request");
        return to_login_page(&state, &headers, PROVIDER_DENIED, &clear);
    }
    let Some(code) = q.get("code") else {
        return start(&state, &oauth, &headers, q.get("redirect_to"));
    };
    match callback(&state, &oauth, &headers, code, q.get("state")).await {
        Ok(signed_in) => {
            let target = cookie(&headers, REDIRECT_COOKIE)
                .map(decode)
                .filter(|t| is_valid_redirect_to(t, &state.app_sub_url))
                .unwrap_or_else(|| state.root_path());
            found(&target, clear.into_iter().chain(signed_in))
        }
        Err(message) => to_login_page(&state, &headers, message, &clear),
    }
}

fn decode(raw: &str) -> String {
    grafana_model::paths::decoded(raw)
}

/// A 302 to `location` setting `cookies`.
fn found(location: &str, cookies: impl IntoIterator<Item = String>) -> Response {
    let mut res = (StatusCode::FOUND, [(header::LOCATION, location.to_owned())]).into_response();
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The `Set-Cookie`s that end a sign-in flow (state, verifier, redirect target).
fn clear_flow_cookies(state: &AppState, headers: &HeaderMap) -> Vec<String> {
    [STATE_COOKIE, PKCE_COOKIE, REDIRECT_COOKIE]
        .map(|name| set_cookie(state, headers, name, "", 0, true))
        .to_vec()
}

/// What the `oauth_state` cookie holds for `state`: a digest keyed with the secret key and
/// salted with the client secret (Grafana's `hex(sha256(state + secret_key +
/// client_secret))`), so the cookie alone cannot answer a callback.
fn hashed_state(state: &AppState, oauth: &GenericOAuth, value: &str) -> String {
    state
        .secrets
        .keyed_digest(&[value.as_bytes(), oauth.client_secret.0.as_bytes()])
}

fn start(
    state: &AppState,
    oauth: &GenericOAuth,
    headers: &HeaderMap,
    redirect_to: Option<&String>,
) -> Response {
    let value = new_state();
    let verifier = oauth.use_pkce.then(code_verifier);
    let mut cookies = vec![set_cookie(
        state,
        headers,
        STATE_COOKIE,
        &hashed_state(state, oauth, &value),
        STATE_COOKIE_MAX_AGE,
        true,
    )];
    if let Some(v) = &verifier {
        cookies.push(set_cookie(
            state,
            headers,
            PKCE_COOKIE,
            v,
            STATE_COOKIE_MAX_AGE,
            true,
        ));
    }
    match redirect_to.filter(|t| is_valid_redirect_to(t, &state.app_sub_url)) {
        Some(target) => cookies.push(set_cookie(
            state,
            headers,
            REDIRECT_COOKIE,
            &form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>(),
            STATE_COOKIE_MAX_AGE,
            true,
        )),
        None => cookies.push(set_cookie(state, headers, REDIRECT_COOKIE, "", 0, true)),
    }
    found(
        &oauth.authorization_url(&value, verifier.as_deref()),
        cookies,
    )
}

/// The callback's checks and the sign-in; the session's cookies, or Grafana's message.
async fn callback(
    state: &AppState,
    oauth: &GenericOAuth,
    headers: &HeaderMap,
    code: &str,
    returned_state: Option<&String>,
) -> Result<[String; 2], &'static str> {
    let saved = cookie(headers, STATE_COOKIE).filter(|s| !s.is_empty());
    let (Some(saved), Some(returned)) = (saved, returned_state) else {
        return Err(MISSING_STATE);
    };
    if !same(&hashed_state(state, oauth, returned), saved) {
        return Err(INVALID_STATE);
    }
    let verifier = if oauth.use_pkce {
        Some(
            cookie(headers, PKCE_COOKIE)
                .filter(|v| !v.is_empty())
                .ok_or(MISSING_PKCE)?,
        )
    } else {
        None
    };
    let now = state.clock.now();
    let tokens = oauth
        .exchange_code(code, verifier, now)
        .await
        .map_err(|err| {
            tracing::warn!(%err, "OAuth code exchange failed");
            TOKEN_EXCHANGE
        })?;
    let api_claims = oauth.user_info(&tokens.access_token).await.map_err(|err| {
        tracing::warn!(%err, "OAuth user info failed");
        USER_INFO
    })?;
    let info = claims::user_info(
        tokens.id_token.as_deref(),
        &api_claims,
        oauth.role_attribute.as_deref(),
    )
    .ok_or(USER_INFO)?;
    if info.email.is_empty() {
        return Err(MISSING_EMAIL);
    }
    let sealed = seal(state, &tokens).ok_or(Refusal::Conflict.message())?;
    let rules = SignInRules {
        allow_sign_up: oauth.allow_sign_up,
        email_lookup: oauth.email_lookup,
    };
    let signed_in = state
        .db
        .call(move |c| store::sign_in(c, &info, rules, &sealed, now))
        .await
        .map_err(|err| {
            tracing::error!(%err, "OAuth sign-in could not be stored");
            Refusal::Conflict.message()
        })?;
    let (user, token) = signed_in.map_err(Refusal::message)?;
    tracing::info!(login = %user.login, "signed in with generic OAuth");
    Ok(session_cookies(state, headers, &token, now))
}
