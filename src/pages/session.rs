//! Signing in again: any 401 from the API sends the app to `/login`, and back to the page
//! the user wanted afterwards.

use crate::api::ApiError;

/// Whether a sign-in session exists: Grafana's JavaScript-readable `grafana_session_expiry`
/// cookie is set and not past. The session cookie itself is HttpOnly.
pub fn has_session() -> bool {
    use wasm_bindgen::JsCast;
    let cookies = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .unwrap_or_default();
    let now = js_sys::Date::now() / 1000.0;
    cookies
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .any(|(k, v)| k == "grafana_session_expiry" && v.parse::<f64>().is_ok_and(|exp| exp > now))
}

/// The path and query of the current page (what `/login?redirect=` brings back).
pub fn current_location() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.pathname().ok()?, l.search().ok()?))
        })
        .unwrap_or_else(|| "/".to_owned())
}

/// The sign-in URL that returns to the current page.
pub fn login_url() -> String {
    format!(
        "/login?redirect={}",
        crate::api::encode(&current_location())
    )
}

pub use crate::model::location::safe_redirect;

/// Leaves for `/login` when `err` says the session is gone; returns whether it did.
pub fn sign_in_again_if_needed(err: &ApiError) -> bool {
    if !err.is_unauthorized() {
        return false;
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(&login_url());
    }
    true
}

/// Full-page navigation (used after sign-in so the new session cookie is sent everywhere).
pub fn go_to(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(path);
    }
}
