//! The provider's endpoints, as Grafana's `golang.org/x/oauth2` client calls them: the
//! authorization URL (with `state` and a PKCE S256 challenge), the code exchange and the
//! refresh at `token_url` (client credentials with HTTP Basic), and `api_url`'s user info.
//! Nothing here logs a token or a code.

use super::settings::GenericOAuth;
use base64::Engine;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// What the token endpoint gave, with the expiry made absolute. `Debug` prints no token.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSet {
    /// `access_token`.
    pub access_token: String,
    /// `token_type`: `Bearer`, as Grafana stores it whatever the provider spelled.
    pub token_type: String,
    /// `refresh_token`, if the provider issued one.
    pub refresh_token: Option<String>,
    /// `id_token`, if any.
    pub id_token: Option<String>,
    /// When the access token expires (unix seconds), if the provider said.
    pub expires_at: Option<i64>,
}

impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSet")
            .field("token_type", &self.token_type)
            .field("refresh_token", &self.refresh_token.is_some())
            .field("id_token", &self.id_token.is_some())
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Why a call to the provider failed (never holding a token).
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// No answer (down, refused, timed out).
    #[error("the provider cannot be reached")]
    Unreachable,
    /// An OAuth error answer (`error` of RFC 6749 §5.2) or another non-2xx status.
    #[error("the provider refused: {0}")]
    Refused(String),
    /// A 2xx answer that is not what the endpoint returns.
    #[error("the provider's answer is malformed")]
    Malformed,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    id_token: Option<String>,
    #[serde(default)]
    expires_in: Option<i64>,
}

/// A PKCE code verifier: 96 random bytes, base64url without padding (Grafana's 128
/// characters).
pub fn code_verifier() -> String {
    let bytes: [u8; 96] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A `state`: 32 random bytes, base64url (Grafana's `base64.URLEncoding`).
pub fn new_state() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE.encode(bytes)
}

/// The S256 challenge of `verifier`.
pub fn code_challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

impl GenericOAuth {
    /// Where the browser goes to sign in: `auth_url` with the client, the scopes, `state`
    /// and, with `use_pkce`, the challenge of `verifier`.
    pub fn authorization_url(&self, state: &str, verifier: Option<&str>) -> String {
        let mut url = self.auth_url.clone();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("client_id", &self.client_id)
                .append_pair("redirect_uri", &self.redirect_uri)
                .append_pair("response_type", "code")
                .append_pair("scope", &self.scopes.join(" "))
                .append_pair("state", state);
            if let Some(v) = verifier {
                q.append_pair("code_challenge", &code_challenge(v))
                    .append_pair("code_challenge_method", "S256");
            }
        }
        url.into()
    }

    /// The code exchange (`grant_type=authorization_code`).
    pub async fn exchange_code(
        &self,
        code: &str,
        verifier: Option<&str>,
        now: i64,
    ) -> Result<TokenSet, ProviderError> {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", self.redirect_uri.as_str()),
        ];
        if let Some(v) = verifier {
            form.push(("code_verifier", v));
        }
        self.token_request(&form, now).await
    }

    /// A refresh (`grant_type=refresh_token`); a provider that sends no new refresh or ID
    /// token leaves the old ones in place.
    pub async fn refresh(&self, old: &TokenSet, now: i64) -> Result<TokenSet, ProviderError> {
        let Some(refresh_token) = old.refresh_token.as_deref() else {
            return Err(ProviderError::Refused("no refresh token".to_owned()));
        };
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ];
        let mut new = self.token_request(&form, now).await?;
        if new.refresh_token.is_none() {
            new.refresh_token = old.refresh_token.clone();
        }
        if new.id_token.is_none() {
            new.id_token = old.id_token.clone();
        }
        Ok(new)
    }

    async fn token_request(
        &self,
        form: &[(&str, &str)],
        now: i64,
    ) -> Result<TokenSet, ProviderError> {
        let res = self
            .http
            .post(self.token_url.clone())
            .basic_auth(&self.client_id, Some(&self.client_secret.0))
            .header(reqwest::header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .map_err(|_| ProviderError::Unreachable)?;
        let status = res.status();
        let body: Value = res.json().await.map_err(|_| {
            if status.is_success() {
                ProviderError::Malformed
            } else {
                ProviderError::Refused(format!("HTTP {}", status.as_u16()))
            }
        })?;
        if !status.is_success() {
            let error = body
                .get("error")
                .and_then(Value::as_str)
                .map_or_else(|| format!("HTTP {}", status.as_u16()), str::to_owned);
            return Err(ProviderError::Refused(error));
        }
        let token: TokenResponse =
            serde_json::from_value(body).map_err(|_| ProviderError::Malformed)?;
        if token.access_token.is_empty() {
            return Err(ProviderError::Malformed);
        }
        Ok(TokenSet {
            access_token: token.access_token,
            // Grafana stores `Bearer` after the exchange (a provider's `bearer`, or none).
            token_type: "Bearer".to_owned(),
            refresh_token: token.refresh_token.filter(|t| !t.is_empty()),
            id_token: token.id_token.filter(|t| !t.is_empty()),
            expires_at: token
                .expires_in
                .filter(|s| *s > 0)
                .map(|s| now.saturating_add(s)),
        })
    }

    /// `api_url`'s claims for the access token (none without an `api_url`).
    pub async fn user_info(&self, access_token: &str) -> Result<Map<String, Value>, ProviderError> {
        let Some(url) = &self.api_url else {
            return Ok(Map::new());
        };
        let res = self
            .http
            .get(url.clone())
            .bearer_auth(access_token)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|_| ProviderError::Unreachable)?;
        if !res.status().is_success() {
            return Err(ProviderError::Refused(format!(
                "HTTP {}",
                res.status().as_u16()
            )));
        }
        match res.json::<Value>().await {
            Ok(Value::Object(claims)) => Ok(claims),
            _ => Err(ProviderError::Malformed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_is_rfc_7636_s256() {
        // RFC 7636 appendix B.
        assert_eq!(
            code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let v = code_verifier();
        assert_eq!(v.len(), 128);
        assert_ne!(v, code_verifier());
        assert_eq!(new_state().len(), 44);
    }
}
