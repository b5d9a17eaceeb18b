//! How a failed OAuth sign-in reaches the login page, as Grafana does it: the public message
//! goes into the `login_error` cookie for 60 seconds, and the login page's boot data
//! (`loginError` of `/api/frontend/settings`) reads it once and clears it.
//!
//! Grafana encrypts the cookie; devserver signs it instead (the message in base64url, then
//! `.` and an HMAC keyed by the secret key over a purpose label and the message), so nobody
//! else can put words on the page, and the cookie can never be used to decrypt anything
//! else sealed with the secret key.

use crate::auth::identity::cookie;
use crate::auth::session::set_cookie;
use crate::AppState;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Grafana's `loginErrorCookieName`.
pub const LOGIN_ERROR_COOKIE: &str = "login_error";

/// Grafana's text for `oauth_login_error_message` (`error=` from the provider).
pub const PROVIDER_DENIED: &str = "Login provider denied login request";

/// What the signature covers besides the message: this cookie's purpose.
const PURPOSE: &[u8] = b"devserver login_error\0";

fn signature(state: &AppState, message: &str) -> String {
    state.secrets.keyed_digest(&[PURPOSE, message.as_bytes()])
}

/// The cookie value of `message`.
fn signed(state: &AppState, message: &str) -> String {
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(message),
        signature(state, message)
    )
}

/// The message of a cookie value this server signed.
fn verified(state: &AppState, value: &str) -> Option<String> {
    let (encoded, mac) = value.split_once('.')?;
    let message = String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).ok()?).ok()?;
    crate::auth::password::same(&signature(state, &message), mac).then_some(message)
}

/// A 302 to the login page carrying `message`, plus `also` (cookies to clear).
pub fn to_login_page(
    state: &AppState,
    headers: &HeaderMap,
    message: &str,
    also: &[String],
) -> Response {
    let mut res = (
        StatusCode::FOUND,
        [(header::LOCATION, format!("{}login", state.root_path()))],
    )
        .into_response();
    let cookies = also.iter().cloned().chain([set_cookie(
        state,
        headers,
        LOGIN_ERROR_COOKIE,
        &signed(state, message),
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
    let message = verified(state, cookie(headers, LOGIN_ERROR_COOKIE)?)?;
    Some((
        message,
        set_cookie(state, headers, LOGIN_ERROR_COOKIE, "", 0, true),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn only_what_this_server_signed_is_shown_and_nothing_is_decrypted() {
        let state = AppState::new(Db::open_in_memory().unwrap(), "/nonexistent".into());
        let value = signed(&state, PROVIDER_DENIED);
        assert_eq!(verified(&state, &value).as_deref(), Some(PROVIDER_DENIED));
        let (encoded, mac) = value.split_once('.').unwrap();
        let other = URL_SAFE_NO_PAD.encode("Call +1 555 to unlock your account");
        assert_eq!(verified(&state, &format!("{other}.{mac}")), None);
        assert_eq!(verified(&state, encoded), None);
        // A secret sealed with the same key is no login error.
        let sealed = state.secrets.encrypt("a data source password").unwrap();
        assert_eq!(verified(&state, &sealed), None);
        let other_key =
            AppState::new(Db::open_in_memory().unwrap(), "/x".into()).with_secret_key("another");
        assert_eq!(verified(&other_key, &value), None);
    }
}
