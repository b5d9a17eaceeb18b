//! The signed-in user's OAuth token, as Grafana's `oauthtoken` service hands it to the
//! data source proxy and the plugin middlewares: only for a session that signed in with
//! generic OAuth, refreshed with the refresh token when the access token (or the ID token)
//! expires within [`EXPIRY_DELTA`] seconds, and forgotten when a refresh fails.

use super::claims::jwt_claims;
use super::provider::TokenSet;
use super::store::{self, SealedTokens};
use crate::AppState;
use std::collections::HashMap;
use std::sync::Arc;

/// Grafana's `oauthtoken.ExpiryDelta`: a token this close to expiry is refreshed first.
pub const EXPIRY_DELTA: i64 = 10;

/// What is forwarded for the user: `Authorization: <token_type> <access_token>` and, when
/// there is one, `X-ID-Token: <id_token>`. `Debug` never prints a token.
#[derive(Clone, PartialEq, Eq)]
pub struct OAuthToken {
    /// `Bearer`.
    pub token_type: String,
    /// The access token.
    pub access_token: String,
    /// The ID token.
    pub id_token: Option<String>,
}

impl std::fmt::Debug for OAuthToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthToken")
            .field("token_type", &self.token_type)
            .finish_non_exhaustive()
    }
}

impl OAuthToken {
    /// The `Authorization` value.
    pub fn authorization(&self) -> String {
        format!("{} {}", self.token_type, self.access_token)
    }
}

/// `tokens` sealed for storage.
pub fn seal(state: &AppState, tokens: &TokenSet) -> Option<SealedTokens> {
    let seal = |t: &str| state.secrets.encrypt(t);
    Some(SealedTokens {
        access_token: seal(&tokens.access_token).ok()?,
        token_type: tokens.token_type.clone(),
        id_token: tokens.id_token.as_deref().map(seal).transpose().ok()?,
        refresh_token: tokens.refresh_token.as_deref().map(seal).transpose().ok()?,
        expires_at: tokens.expires_at,
    })
}

fn unseal(state: &AppState, sealed: &SealedTokens) -> Option<TokenSet> {
    let open = |t: &str| state.secrets.decrypt(t);
    Some(TokenSet {
        access_token: open(&sealed.access_token).ok()?,
        token_type: sealed.token_type.clone(),
        id_token: sealed.id_token.as_deref().map(open).transpose().ok()?,
        refresh_token: sealed.refresh_token.as_deref().map(open).transpose().ok()?,
        expires_at: sealed.expires_at,
    })
}

/// Whether `tokens` must be refreshed before use at `now`.
fn expiring(tokens: &TokenSet, now: i64) -> bool {
    let soon = |exp: i64| exp.saturating_sub(EXPIRY_DELTA) <= now;
    let id_exp = tokens
        .id_token
        .as_deref()
        .map(jwt_claims)
        .and_then(|c| c.get("exp").and_then(serde_json::Value::as_i64));
    tokens.expires_at.is_some_and(soon) || id_exp.is_some_and(soon)
}

/// A lock per sign-in session for its refreshes; a lock nobody holds or waits for is
/// dropped the next time one is handed out.
#[derive(Debug, Default)]
pub struct RefreshLocks(std::sync::Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>);

impl RefreshLocks {
    /// The lock of `session_id`.
    pub fn of(&self, session_id: i64) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        locks.retain(|_, lock| Arc::strong_count(lock) > 1);
        locks.entry(session_id).or_default().clone()
    }
}

/// The unsealed tokens of sign-in session `session_id`, if it has any.
async fn load(state: &AppState, session_id: i64) -> Option<TokenSet> {
    let sealed = state
        .db
        .call(move |c| store::session_tokens(c, session_id))
        .await
        .ok()??;
    unseal(state, &sealed)
}

impl From<TokenSet> for OAuthToken {
    fn from(t: TokenSet) -> Self {
        OAuthToken {
            token_type: t.token_type,
            access_token: t.access_token,
            id_token: t.id_token,
        }
    }
}

/// The OAuth token of sign-in session `session_id`, refreshed if it is about to expire;
/// `None` for a session without one (a password sign-in), when OAuth is off, or when the
/// refresh failed (the tokens are then forgotten, as Grafana invalidates them). A session's
/// refreshes run one at a time: a request that waited for another's reads its tokens.
pub async fn current(state: &AppState, session_id: Option<i64>) -> Option<OAuthToken> {
    let session_id = session_id?;
    let oauth = state.generic_oauth.as_ref()?;
    let tokens = load(state, session_id).await?;
    if !expiring(&tokens, state.clock.now()) {
        return Some(tokens.into());
    }
    let lock = oauth.refresh_locks.of(session_id);
    let _turn = lock.lock().await;
    let tokens = load(state, session_id).await?;
    let now = state.clock.now();
    if !expiring(&tokens, now) {
        return Some(tokens.into());
    }
    match oauth.refresh(&tokens, now).await {
        Ok(fresh) => {
            let resealed = seal(state, &fresh)?;
            state
                .db
                .call(move |c| store::replace_session_tokens(c, session_id, &resealed))
                .await
                .ok()?;
            tracing::info!(session = session_id, "OAuth access token refreshed");
            Some(fresh.into())
        }
        Err(err) => {
            tracing::warn!(session = session_id, %err, "OAuth token refresh failed; the session's tokens are forgotten");
            let _ = state
                .db
                .call(move |c| store::delete_session_tokens(c, session_id))
                .await;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn with(expires_at: Option<i64>, id_exp: Option<i64>) -> TokenSet {
        let id_token = id_exp.map(|exp| {
            let enc = |v: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
            format!("h.{}.s", enc(format!(r#"{{"exp":{exp}}}"#).as_bytes()))
        });
        TokenSet {
            access_token: "a".into(),
            token_type: "Bearer".into(),
            refresh_token: Some("r".into()),
            id_token,
            expires_at,
        }
    }

    #[test]
    fn refreshed_ten_seconds_before_either_token_expires() {
        assert!(!expiring(&with(Some(1_000), None), 989));
        assert!(expiring(&with(Some(1_000), None), 990));
        assert!(expiring(&with(Some(5_000), Some(1_000)), 995));
        assert!(!expiring(&with(None, None), i64::MAX));
        assert!(!format!(
            "{:?}",
            OAuthToken {
                token_type: "Bearer".into(),
                access_token: "secret-a".into(),
                id_token: Some("secret-i".into())
            }
        )
        .contains("secret"));
    }
}
