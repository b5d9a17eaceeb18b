//! Sign-in sessions, as Grafana: `POST /login` sets the session cookie `grafana_session`
//! (and its JavaScript-readable expiry), `GET /logout` ends the session and clears both.

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
    let secure = secure_attribute(&state, &headers);
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path={root}; Max-Age={SESSION_LIFETIME}; HttpOnly; SameSite=Lax{secure}"
    );
    // Readable by JavaScript (no HttpOnly): the UI uses it to know a session exists.
    let expiry = format!(
        "{SESSION_EXPIRY_COOKIE}={}; Path={root}; Max-Age={SESSION_LIFETIME}; SameSite=Lax{secure}",
        now + SESSION_LIFETIME
    );
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie), (header::SET_COOKIE, expiry)]),
        Json(json!({"message": "Logged in", "redirectUrl": root})),
    )
        .into_response())
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
    let secure = secure_attribute(&state, &headers);
    let clear =
        format!("{SESSION_COOKIE}=; Path={root}; HttpOnly; SameSite=Lax; Max-Age=0{secure}");
    let clear_expiry =
        format!("{SESSION_EXPIRY_COOKIE}=; Path={root}; SameSite=Lax; Max-Age=0{secure}");
    Ok((
        AppendHeaders([
            (header::SET_COOKIE, clear),
            (header::SET_COOKIE, clear_expiry),
        ]),
        Redirect::to(&format!("{root}login")),
    )
        .into_response())
}
