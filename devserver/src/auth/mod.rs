//! Sign-in and identity, as Grafana: `POST /login` (session cookie `grafana_session`),
//! `GET /logout`, `GET /api/user`, `GET /api/user/orgs`; the [`Identity`] extractor; and
//! the org roles with what Grafana's default RBAC grants each.

pub mod access;
pub mod hasher;
pub mod identity;
pub mod password;
pub mod sign_in_queue;
pub mod store;
pub mod token;

pub use identity::{Identity, SESSION_COOKIE};

/// Grafana's JavaScript-readable companion cookie: the session's expiry (unix seconds).
pub const SESSION_EXPIRY_COOKIE: &str = "grafana_session_expiry";
/// How long a sign-in lasts (Grafana's default `login_maximum_lifetime_duration`: 30 days).
pub const SESSION_LIFETIME: i64 = 30 * 86_400;

use crate::body::GrafanaJson;
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use grafana_model::time::rfc3339;
use serde::Deserialize;
use serde_json::{json, Value};

/// A basic org role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrgRole {
    /// `None`: no basic-role permissions.
    None,
    /// `Viewer`.
    Viewer,
    /// `Editor`.
    Editor,
    /// `Admin`.
    Admin,
}

impl OrgRole {
    /// Grafana's name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgRole::None => "None",
            OrgRole::Viewer => "Viewer",
            OrgRole::Editor => "Editor",
            OrgRole::Admin => "Admin",
        }
    }

    /// Parses a role as Grafana's `RoleType.UnmarshalText` does: title-cased, `""` = Viewer.
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "" | "viewer" => Some(OrgRole::Viewer),
            "none" => Some(OrgRole::None),
            "editor" => Some(OrgRole::Editor),
            "admin" => Some(OrgRole::Admin),
            _ => None,
        }
    }
}

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", post(login).get(crate::frontend::index_html))
        .route("/logout", get(logout))
        .route("/api/user", get(current_user))
        .route("/api/user/orgs", get(current_user_orgs))
}

#[derive(Deserialize)]
struct LoginCommand {
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

async fn login(
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

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_owned());
    if let Some(token) = token {
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

/// Checks a password as Grafana's password client does: a login with
/// [`store::MAX_ATTEMPTS`] failures in the last [`store::ATTEMPT_WINDOW`] seconds is blocked;
/// a failure is recorded; a success clears the login's failures. Checks of one login run in
/// turn ([`sign_in_queue`]), so parallel guesses cannot all pass the block check before
/// any failure is recorded. The hash runs on the [`hasher::Hasher`]'s password queue,
/// outside the database lock (and for unknown logins too, so timing does not tell which
/// logins exist).
pub async fn check_password(
    state: &AppState,
    login: String,
    password: String,
) -> Result<store::PasswordCheck, ApiError> {
    let queue = state.sign_in_queue.clone();
    queue
        .run(&login, check_password_now(state, login.clone(), password))
        .await
}

async fn check_password_now(
    state: &AppState,
    login: String,
    password: String,
) -> Result<store::PasswordCheck, ApiError> {
    let now = state.clock.now();
    let key = login.clone();
    let found = state
        .db
        .call(move |c| {
            if store::is_blocked(c, &key, now)? {
                return Ok(None);
            }
            Ok(Some(store::user_with_password(c, &key)?))
        })
        .await?;
    let Some(found) = found else {
        return Ok(store::PasswordCheck::Blocked);
    };
    let (user, hash, salt) = match found {
        Some((user, hash, salt)) => (Some(user), hash, salt),
        None => (None, String::new(), "unknown-login".to_owned()),
    };
    let computed = state
        .hasher
        .password(password, salt)
        .await
        .ok_or_else(|| ApiError::message(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
    let accepted = user.filter(|u| password::same(&computed, &hash) && !u.is_disabled);
    let success = accepted.is_some();
    state
        .db
        .call(move |c| store::record_attempt(c, &login, success, now))
        .await?;
    Ok(match accepted {
        Some(user) => store::PasswordCheck::Ok(user),
        None => store::PasswordCheck::Failed,
    })
}

async fn current_user(
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

/// Grafana's `/api/user` avatar: `appSubUrl/avatar/` + md5 of the trimmed, lower-cased
/// email.
fn gravatar_url(app_sub_url: &str, email: &str) -> String {
    use md5::{Digest, Md5};
    let digest = Md5::digest(email.trim().to_lowercase().as_bytes());
    format!("{app_sub_url}/avatar/{}", hex::encode(digest))
}

async fn current_user_orgs(
    State(state): State<AppState>,
    who: Identity,
) -> Result<Json<Value>, ApiError> {
    let name = crate::org::name(&state, who.org_id).await?;
    Ok(Json(
        json!([{ "orgId": who.org_id, "name": name, "role": who.role.as_str() }]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_like_grafana() {
        assert_eq!(OrgRole::parse("viewer"), Some(OrgRole::Viewer));
        assert_eq!(OrgRole::parse(""), Some(OrgRole::Viewer));
        assert_eq!(OrgRole::parse("ADMIN"), Some(OrgRole::Admin));
        assert_eq!(OrgRole::parse("Owner"), None);
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_647_873_333), "2022-03-21T14:35:33Z");
    }
}
