//! Sign-in sessions, as Grafana: `POST /login` sets the session cookie `grafana_session`
//! (and its JavaScript-readable expiry), `GET /logout` ends the session (and with it the
//! OAuth tokens of a generic OAuth sign-in) and clears both.

use super::identity::{session_cookie, SESSION_COOKIE};
use super::sign_in::check_password;
use super::store::{self, SESSION_LIFETIME};
use crate::body::GrafanaJson;
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

/// Grafana's JavaScript-readable companion cookie: the session's expiry (unix seconds).
pub const SESSION_EXPIRY_COOKIE: &str = "grafana_session_expiry";

#[derive(Deserialize)]
pub(super) struct LoginCommand {
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
}

/// `; Secure` when the cookie must only travel over HTTPS: `--cookie-secure` (Grafana's
/// `cookie_secure`), or a TLS-terminating proxy in front says `X-Forwarded-Proto: https`.
fn secure_attribute(state: &AppState, headers: &HeaderMap) -> &'static str {
    let forwarded_https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    if state.cookie_secure || forwarded_https {
        "; Secure"
    } else {
        ""
    }
}

pub(super) async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: GrafanaJson<LoginCommand>,
) -> Result<Response, ApiError> {
    let cmd = body.bind()?;
    let now = state.clock.now();
    let checked = match check_password(&state, cmd.user, cmd.password).await? {
        store::PasswordCheck::Ok(user) => Ok(state
            .db
            .call(move |c| store::create_session(c, user.id, now))
            .await?),
        store::PasswordCheck::Failed => Err("password-auth.failed"),
        store::PasswordCheck::Blocked => Err("login-attempt.blocked"),
    };
    let token = match checked {
        Ok(token) => token,
        // Grafana's password client: errutil 401 with the same public message either way.
        Err(message_id) => {
            return Err(ApiError::Errutil {
                status: StatusCode::UNAUTHORIZED,
                message: "Invalid username or password".to_owned(),
                message_id,
            })
        }
    };
    let root = state.root_path();
    Ok((
        AppendHeaders(
            session_cookies(&state, &headers, &token, now).map(|c| (header::SET_COOKIE, c)),
        ),
        Json(json!({"message": "Logged in", "redirectUrl": root})),
    )
        .into_response())
}

/// A `Set-Cookie` value on devserver's root path, `SameSite=Lax` (so it travels with the
/// provider's top-level redirect back), `Secure` when [`secure_attribute`] says so;
/// `max_age` 0 clears it.
pub fn set_cookie(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    value: &str,
    max_age: i64,
    http_only: bool,
) -> String {
    let root = state.root_path();
    let secure = secure_attribute(state, headers);
    let http_only = if http_only { "; HttpOnly" } else { "" };
    format!("{name}={value}; Path={root}; Max-Age={max_age}{http_only}; SameSite=Lax{secure}")
}

/// The cookies of a new sign-in session: `grafana_session` (HttpOnly) and its expiry,
/// readable by JavaScript (the UI uses it to know a session exists).
pub fn session_cookies(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    now: i64,
) -> [String; 2] {
    [
        set_cookie(
            state,
            headers,
            SESSION_COOKIE,
            token,
            SESSION_LIFETIME,
            true,
        ),
        set_cookie(
            state,
            headers,
            SESSION_EXPIRY_COOKIE,
            &(now + SESSION_LIFETIME).to_string(),
            SESSION_LIFETIME,
            false,
        ),
    ]
}

pub(super) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = session_cookie(&headers) {
        state
            .db
            .call(move |c| store::delete_session(c, &token))
            .await?;
    }
    let root = state.root_path();
    let clear = set_cookie(&state, &headers, SESSION_COOKIE, "", 0, true);
    let clear_expiry = set_cookie(&state, &headers, SESSION_EXPIRY_COOKIE, "", 0, false);
    Ok((
        AppendHeaders([
            (header::SET_COOKIE, clear),
            (header::SET_COOKIE, clear_expiry),
        ]),
        Redirect::to(&format!("{root}login")),
    )
        .into_response())
}
