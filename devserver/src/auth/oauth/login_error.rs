//! How a failed OAuth sign-in reaches the login page, as Grafana does it: the public message
//! goes into the `login_error` cookie, sealed with the secret key (so nobody else can put
//! words on the page), for 60 seconds; the login page's boot data (`loginError` of
//! `/api/frontend/settings`) reads it once and clears it.

use crate::auth::identity::cookie;
use crate::auth::session::set_cookie;
use crate::AppState;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Grafana's `loginErrorCookieName`.
pub const LOGIN_ERROR_COOKIE: &str = "login_error";

/// Grafana's text for `oauth_login_error_message` (`error=` from the provider).
pub const PROVIDER_DENIED: &str = "Login provider denied login request";

/// A 302 to the login page carrying `message`, plus `also` (cookies to clear).
pub fn to_login_page(
    state: &AppState,
    headers: &HeaderMap,
    message: &str,
    also: &[String],
) -> Response {
    let sealed = state.secrets.encrypt(message).unwrap_or_default();
    let mut res = (
        StatusCode::FOUND,
        [(header::LOCATION, format!("{}login", state.root_path()))],
    )
        .into_response();
    let cookies = also.iter().cloned().chain([set_cookie(
        state,
        headers,
        LOGIN_ERROR_COOKIE,
        &sealed,
        60,
        true,
    )]);
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The message a failed sign-in left for the login page, if any, and the `Set-Cookie` that
/// clears it.
pub fn take(state: &AppState, headers: &HeaderMap) -> Option<(String, String)> {
    let sealed = cookie(headers, LOGIN_ERROR_COOKIE)?;
    let message = state.secrets.decrypt(sealed).ok()?;
    Some((
        message,
        set_cookie(state, headers, LOGIN_ERROR_COOKIE, "", 0, true),
    ))
}
