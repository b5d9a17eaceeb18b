//! Grafana's `[auth.generic_oauth]` settings as devserver runs them: the provider's
//! endpoints, the client, and the sign-in rules, read from the `--generic-oauth-*` flags.

use crate::config::GenericOAuthFlags;
use std::sync::Arc;

/// The generic OAuth provider devserver signs people in with.
#[derive(Clone, Debug)]
pub struct GenericOAuth {
    /// `name` ("Sign in with <name>").
    pub name: String,
    /// `client_id`.
    pub client_id: String,
    /// `client_secret` (never logged: [`std::fmt::Debug`] of this struct shows it as `***`).
    pub client_secret: Secret,
    /// `auth_url`.
    pub auth_url: reqwest::Url,
    /// `token_url`.
    pub token_url: reqwest::Url,
    /// `api_url` (the user-info endpoint), if any.
    pub api_url: Option<reqwest::Url>,
    /// `scopes`.
    pub scopes: Vec<String>,
    /// `use_pkce`.
    pub use_pkce: bool,
    /// `allow_sign_up`.
    pub allow_sign_up: bool,
    /// The claim holding the org role.
    pub role_attribute: Option<String>,
    /// `[auth] oauth_allow_insecure_email_lookup`.
    pub email_lookup: bool,
    /// Where the provider sends the browser back: `<root url>login/generic_oauth`.
    pub redirect_uri: String,
    /// The client for the token and user-info endpoints (no redirects followed).
    pub http: reqwest::Client,
    /// One refresh at a time per session, so parallel requests of a session never spend
    /// its refresh token twice (Grafana's `oauth-refresh-token-<userID>` lock, per session).
    pub refresh_locks: Arc<super::tokens::RefreshLocks>,
}

/// A client secret that `Debug` never prints.
#[derive(Clone)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// Grafana's `auth_module` of generic OAuth users (`user_auth.auth_module`).
pub const AUTH_MODULE: &str = "oauth_generic_oauth";

impl GenericOAuth {
    /// The settings of `flags`, or `None` when sign-in with OAuth is off (no client id).
    /// `root_url` is devserver's public URL with a trailing slash.
    pub fn from_flags(flags: &GenericOAuthFlags, root_url: &str) -> Result<Option<Self>, String> {
        let Some(client_id) = flags.client_id.clone().filter(|c| !c.trim().is_empty()) else {
            return Ok(None);
        };
        let url = |name: &str, value: &Option<String>| -> Result<reqwest::Url, String> {
            let raw = value.as_deref().ok_or_else(|| {
                format!("--generic-oauth-{name} is required with --generic-oauth-client-id")
            })?;
            let parsed = reqwest::Url::parse(raw)
                .map_err(|e| format!("--generic-oauth-{name} {raw:?}: {e}"))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(format!(
                    "--generic-oauth-{name} {raw:?}: expected an http(s) URL"
                ));
            }
            Ok(parsed)
        };
        let api_url = match &flags.api_url {
            Some(_) => Some(url("api-url", &flags.api_url)?),
            None => None,
        };
        Ok(Some(Self {
            name: flags.name.clone(),
            client_id,
            client_secret: Secret(flags.client_secret.clone()),
            auth_url: url("auth-url", &flags.auth_url)?,
            token_url: url("token-url", &flags.token_url)?,
            api_url,
            scopes: flags
                .scopes
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            use_pkce: flags.use_pkce,
            allow_sign_up: flags.allow_sign_up,
            role_attribute: flags.role_attribute.clone().filter(|r| !r.is_empty()),
            email_lookup: flags.allow_insecure_email_lookup,
            redirect_uri: format!("{root_url}login/generic_oauth"),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .map_err(|e| format!("cannot build the OAuth client: {e}"))?,
            refresh_locks: Arc::default(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags() -> GenericOAuthFlags {
        GenericOAuthFlags {
            name: "Dev OIDC".into(),
            client_id: Some("grafana".into()),
            client_secret: "s3cret".into(),
            auth_url: Some("http://127.0.0.1:9/auth".into()),
            token_url: Some("http://127.0.0.1:9/token".into()),
            api_url: None,
            scopes: "openid, email profile".into(),
            use_pkce: true,
            allow_sign_up: true,
            role_attribute: Some("grafana_role".into()),
            allow_insecure_email_lookup: false,
        }
    }

    #[test]
    fn off_without_a_client_id_and_checked_with_one() {
        let off = GenericOAuthFlags {
            client_id: None,
            ..flags()
        };
        assert!(GenericOAuth::from_flags(&off, "http://x/")
            .unwrap()
            .is_none());
        let on = GenericOAuth::from_flags(&flags(), "http://127.0.0.1:8080/")
            .unwrap()
            .unwrap();
        assert_eq!(on.scopes, ["openid", "email", "profile"]);
        assert_eq!(on.redirect_uri, "http://127.0.0.1:8080/login/generic_oauth");
        assert!(!format!("{on:?}").contains("s3cret"));
        let bad = GenericOAuthFlags {
            token_url: Some("file:///etc/passwd".into()),
            ..flags()
        };
        assert!(GenericOAuth::from_flags(&bad, "http://x/")
            .unwrap_err()
            .contains("token-url"));
        let missing = GenericOAuthFlags {
            auth_url: None,
            ..flags()
        };
        assert!(GenericOAuth::from_flags(&missing, "http://x/").is_err());
    }
}
