//! What a call to a backend plugin carries from the browser's request, as Grafana's plugin
//! client middlewares decide it (`pkg/services/pluginsintegration/clientmiddleware`):
//!
//! - `ClearAuthHeaders`: the headers that signed the request in (`Authorization`,
//!   `X-Grafana-Device-Id`) never reach a plugin;
//! - `Cookies`: only the cookies named in `jsonData.keepCookies`, never `grafana_session`;
//! - `UserHeader` (devserver's `--send-user-header`, Grafana's `[dataproxy]
//!   send_user_header`): any incoming `X-Grafana-User` is dropped, then
//!   `http_X-Grafana-User` is set to the caller's login;
//! - `OAuthToken`: with the data source's `jsonData.oauthPassThru`, the signed-in user's
//!   OAuth token as `Authorization: <type> <access token>` and, when the provider issued
//!   one, `X-ID-Token` (raw keys, spelled as Grafana spells them); for a user who signed in
//!   otherwise, nothing;
//! - `TracingHeader`: Grafana's request-tracing headers pass as `http_<name>`.
//!
//! `QueryData` and `CheckHealth` get a string map that starts empty (keys `Cookie` and
//! `http_<name>`, spelled exactly: Rust plugins read the raw map); `CallResource` gets all the
//! browser's headers minus the ones above and the hop-by-hop ones; the browser's own
//! `Authorization` never passes.

use crate::auth::oauth::OAuthToken;
use axum::http::HeaderMap;
use serde_json::Value;
use std::collections::HashMap;

/// Grafana's login cookie, never forwarded.
pub const LOGIN_COOKIE: &str = "grafana_session";

/// The headers `TracingHeaderMiddleware` copies for QueryData and CheckHealth.
const TRACING_HEADERS: [&str; 7] = [
    "X-Query-Group-Id",
    "X-Panel-Id",
    "X-Dashboard-Uid",
    "X-Datasource-Uid",
    "X-Grafana-From-Expr",
    "X-Grafana-Org-Id",
    "X-Panel-Plugin-Id",
];

/// Dropped from CallResource besides the proxies' hop-by-hop headers
/// ([`crate::proxy::HOP_BY_HOP`]): what signed the request in, an `X-ID-Token` the browser
/// made up (only the OAuth rule sets it), the user header, cookies
/// (set again from `keepCookies`), the proxy's `X-Forwarded-*`, `Origin`, `Referer`, and
/// `User-Agent` (on Grafana client's hop-by-hop list).
const NOT_FORWARDED: [&str; 11] = [
    "authorization",
    "x-id-token",
    "x-grafana-device-id",
    "x-grafana-user",
    "cookie",
    "set-cookie",
    "x-forwarded-host",
    "x-forwarded-port",
    "x-forwarded-proto",
    "origin",
    "referer",
];

/// What decides the forwarded headers of one call.
#[derive(Clone, Copy, Debug)]
pub struct Forwarding<'a> {
    /// The data source's `jsonData` (`keepCookies`).
    pub json_data: &'a Value,
    /// `--send-user-header`.
    pub send_user_header: bool,
    /// The caller's login (absent for anonymous calls).
    pub login: Option<&'a str>,
    /// The signed-in user's OAuth token, when the data source forwards it.
    pub oauth: Option<&'a OAuthToken>,
}

/// Grafana's keys of the forwarded OAuth identity (`backend.OAuthIdentityTokenHeaderName`,
/// `backend.OAuthIdentityIDTokenHeaderName`).
pub const OAUTH_TOKEN_HEADER: &str = "Authorization";
/// See [`OAUTH_TOKEN_HEADER`].
pub const OAUTH_ID_TOKEN_HEADER: &str = "X-ID-Token";

impl Forwarding<'_> {
    /// The `Cookie` header to forward: the kept cookies, in the browser's order.
    fn cookie(&self, incoming: &HeaderMap) -> Option<String> {
        let keep: Vec<&str> = self
            .json_data
            .get("keepCookies")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if keep.is_empty() {
            return None;
        }
        let kept = |name: &str| {
            name != LOGIN_COOKIE
                && keep.iter().any(|k| match k.strip_suffix("[]") {
                    Some(prefix) => name.starts_with(prefix),
                    None => *k == name,
                })
        };
        let pairs: Vec<&str> = incoming
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .map(str::trim)
            .filter(|pair| pair.split('=').next().is_some_and(kept))
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    /// The string map of QueryData and CheckHealth.
    pub fn call_headers(&self, incoming: &HeaderMap) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for name in TRACING_HEADERS {
            if let Some(v) = incoming.get(name).and_then(|v| v.to_str().ok()) {
                out.insert(format!("http_{name}"), v.to_owned());
            }
        }
        if let Some(token) = self.oauth {
            out.insert(OAUTH_TOKEN_HEADER.to_owned(), token.authorization());
            if let Some(id) = &token.id_token {
                out.insert(OAUTH_ID_TOKEN_HEADER.to_owned(), id.clone());
            }
        }
        if let Some(cookie) = self.cookie(incoming) {
            out.insert("Cookie".to_owned(), cookie);
        }
        if let (true, Some(login)) = (self.send_user_header, self.login) {
            out.insert("http_X-Grafana-User".to_owned(), login.to_owned());
        }
        out
    }

    /// The header lists of CallResource.
    pub fn resource_headers(&self, incoming: &HeaderMap) -> HashMap<String, Vec<String>> {
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in incoming {
            let lower = name.as_str();
            if NOT_FORWARDED.contains(&lower)
                || crate::proxy::HOP_BY_HOP.contains(&lower)
                || lower == "user-agent"
            {
                continue;
            }
            if let Ok(v) = value.to_str() {
                out.entry(canonical(lower)).or_default().push(v.to_owned());
            }
        }
        if let Some(token) = self.oauth {
            out.insert(OAUTH_TOKEN_HEADER.to_owned(), vec![token.authorization()]);
            if let Some(id) = &token.id_token {
                out.insert(OAUTH_ID_TOKEN_HEADER.to_owned(), vec![id.clone()]);
            }
        }
        if let Some(cookie) = self.cookie(incoming) {
            out.insert("Cookie".to_owned(), vec![cookie]);
        }
        if let (true, Some(login)) = (self.send_user_header, self.login) {
            out.insert("X-Grafana-User".to_owned(), vec![login.to_owned()]);
        }
        out
    }
}

/// Go's canonical header key (`x-grafana-org-id` → `X-Grafana-Org-Id`), as Grafana's
/// `http.Header` hands them to the plugin.
fn canonical(lower: &str) -> String {
    lower
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    #[test]
    fn only_kept_cookies_and_never_the_session_or_credentials() {
        let json_data = json!({ "keepCookies": ["a", "grafana_session", "pre[]"] });
        let f = Forwarding {
            json_data: &json_data,
            send_user_header: false,
            login: Some("admin"),
            oauth: None,
        };
        let incoming = headers(&[
            ("cookie", "a=1; b=2; grafana_session=s; prefixed=3"),
            ("authorization", "Basic YWRtaW46YWRtaW4="),
            ("x-grafana-user", "spoofed"),
            ("x-grafana-org-id", "1"),
        ]);
        let call = f.call_headers(&incoming);
        assert_eq!(
            call.get("Cookie").map(String::as_str),
            Some("a=1; prefixed=3")
        );
        assert_eq!(
            call.get("http_X-Grafana-Org-Id").map(String::as_str),
            Some("1")
        );
        assert!(!call
            .keys()
            .any(|k| k.to_ascii_lowercase().contains("authorization") || k.contains("User")));
        let resource = f.resource_headers(&incoming);
        assert_eq!(
            resource.get("Cookie"),
            Some(&vec!["a=1; prefixed=3".to_owned()])
        );
        assert!(
            !resource.contains_key("Authorization") && !resource.contains_key("X-Grafana-User")
        );
        assert_eq!(
            resource.get("X-Grafana-Org-Id"),
            Some(&vec!["1".to_owned()])
        );
    }

    #[test]
    fn no_keep_cookies_means_no_cookie_and_the_user_header_only_when_asked() {
        let json_data = json!({});
        let off = Forwarding {
            json_data: &json_data,
            send_user_header: false,
            login: Some("admin"),
            oauth: None,
        };
        let incoming = headers(&[("cookie", "a=1"), ("x-grafana-user", "spoofed")]);
        assert!(off.call_headers(&incoming).is_empty());
        let on = Forwarding {
            send_user_header: true,
            ..off
        };
        let call = on.call_headers(&incoming);
        assert_eq!(
            call.get("http_X-Grafana-User").map(String::as_str),
            Some("admin")
        );
        assert_eq!(
            on.resource_headers(&incoming).get("X-Grafana-User"),
            Some(&vec!["admin".to_owned()])
        );
    }

    #[test]
    fn the_oauth_identity_only_with_a_token_and_never_the_browsers() {
        let json_data = json!({});
        let token = OAuthToken {
            token_type: "Bearer".into(),
            access_token: "at-1".into(),
            id_token: Some("id-1".into()),
        };
        let incoming = headers(&[
            ("authorization", "Bearer glsa_browser"),
            ("x-id-token", "forged"),
        ]);
        let off = Forwarding {
            json_data: &json_data,
            send_user_header: false,
            login: Some("alice"),
            oauth: None,
        };
        assert!(off.call_headers(&incoming).is_empty());
        assert!(off.resource_headers(&incoming).is_empty());
        let on = Forwarding {
            oauth: Some(&token),
            ..off
        };
        let call = on.call_headers(&incoming);
        assert_eq!(
            call.get("Authorization").map(String::as_str),
            Some("Bearer at-1")
        );
        assert_eq!(call.get("X-ID-Token").map(String::as_str), Some("id-1"));
        assert_eq!(call.len(), 2);
        let resource = on.resource_headers(&incoming);
        assert_eq!(
            resource.get("Authorization"),
            Some(&vec!["Bearer at-1".to_owned()])
        );
        assert_eq!(resource.get("X-ID-Token"), Some(&vec!["id-1".to_owned()]));
        assert_eq!(resource.len(), 2);
    }
}
