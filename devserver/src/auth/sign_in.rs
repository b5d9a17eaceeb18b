//! The password check of a sign-in, as Grafana's password client does it: a login with
//! [`store::MAX_ATTEMPTS`] failures in the last [`store::ATTEMPT_WINDOW`] seconds is
//! blocked, a failure is recorded, and a success clears the login's failures.

use super::{password, store};
use crate::{ApiError, AppState};
use axum::http::StatusCode;

/// Checks a password as Grafana's password client does: a login with
/// [`store::MAX_ATTEMPTS`] failures in the last [`store::ATTEMPT_WINDOW`] seconds is blocked;
/// a failure is recorded; a success clears the login's failures. Checks of one login run in
/// turn ([`super::sign_in_queue`]), so parallel guesses cannot all pass the block check before
/// any failure is recorded. The hash runs on the [`super::hasher::Hasher`]'s password queue,
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
