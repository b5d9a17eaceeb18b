//! The data source proxy's OAuth 2.0 client-credentials exchange (a route's `tokenAuth`):
//! `POST` the rendered `params` form-encoded to the rendered `url`, read `access_token`
//! with `expires_in` or `expires_on`, and keep the token until 10 seconds before it
//! expires, as Grafana does.
//!
//! Tokens are cached per data source, its version, the route's path and its method. One
//! exchange serves every concurrent request for the same key (a per-key lock; Grafana
//! holds one lock for all). The exchange is bounded by the data source's timeout
//! (`jsonData.timeout`, 30 s by default), so a token endpoint that hangs holds that lock, and
//! the requests waiting on it, no longer than the proxy would wait for the data source
//! itself. Unlike Grafana, a token endpoint that answers an error is an
//! error (Grafana sends `Bearer ` with an empty token): the proxy answers it as Grafana
//! answers a failed authentication. Neither tokens nor params are ever logged.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Renew this long before a token expires.
const RENEW_BEFORE: Duration = Duration::from_secs(10);

/// The cache key: data source id and version, route path and method.
pub type TokenKey = (i64, i64, String, String);

#[derive(Clone)]
struct Cached {
    token: String,
    expires_at: SystemTime,
}

/// Why no token came back (never containing the token or a parameter's value).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The endpoint could not be reached.
    #[error("the token endpoint could not be reached")]
    Unreachable,
    /// It did not answer (in full) within the data source's timeout.
    #[error("the token endpoint did not answer within {0} s")]
    Timeout(u64),
    /// It answered an error status.
    #[error("the token endpoint answered {0}")]
    Status(u16),
    /// Its answer had no `access_token`.
    #[error("the token endpoint's answer has no access_token")]
    NoToken,
}

/// Tokens of every data source route; one per devserver.
#[derive(Default)]
pub struct RouteTokens {
    slots: Mutex<HashMap<TokenKey, Arc<tokio::sync::Mutex<Option<Cached>>>>>,
    exchanges: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for RouteTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RouteTokens").finish_non_exhaustive()
    }
}

fn number(value: Option<&serde_json::Value>) -> Option<u64> {
    match value? {
        serde_json::Value::Number(n) => {
            n.as_u64().or_else(|| n.as_f64().map(|f| f.max(0.0) as u64))
        }
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl RouteTokens {
    /// How many exchanges have been made (for tests and the bench).
    pub fn exchanges(&self) -> u64 {
        self.exchanges.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A valid token for `key`: the cached one, or a new one from `url` with `params`,
    /// exchanged within `timeout` (connecting, sending and reading the answer).
    pub async fn token(
        &self,
        http: &reqwest::Client,
        key: TokenKey,
        url: &str,
        params: &BTreeMap<String, String>,
        timeout: Duration,
    ) -> Result<String, TokenError> {
        let slot = {
            let mut slots = self
                .slots
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            slots.entry(key).or_default().clone()
        };
        let mut cached = slot.lock().await;
        let now = SystemTime::now();
        if let Some(c) = cached.as_ref() {
            if now
                .checked_add(RENEW_BEFORE)
                .is_some_and(|t| c.expires_at > t)
            {
                return Ok(c.token.clone());
            }
        }
        self.exchanges
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let timed_out = || TokenError::Timeout(timeout.as_secs());
        let exchange = async {
            let res = http
                .post(url)
                .form(params)
                .timeout(timeout)
                .send()
                .await
                .map_err(|e| {
                    if e.is_timeout() {
                        timed_out()
                    } else {
                        TokenError::Unreachable
                    }
                })?;
            let status = res.status();
            if !status.is_success() {
                return Err(TokenError::Status(status.as_u16()));
            }
            res.json::<serde_json::Value>().await.map_err(|e| {
                if e.is_timeout() {
                    timed_out()
                } else {
                    TokenError::NoToken
                }
            })
        };
        // reqwest's timeout covers the whole exchange; this bound also covers the form.
        let body = tokio::time::timeout(timeout, exchange)
            .await
            .map_err(|_| timed_out())??;
        let token = body
            .get("access_token")
            .and_then(serde_json::Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or(TokenError::NoToken)?
            .to_owned();
        // `expires_on` (epoch seconds) wins over `expires_in`; neither: not reused.
        // (Checked: an endpoint may answer any number.)
        let expires_at = match (
            number(body.get("expires_on")),
            number(body.get("expires_in")),
        ) {
            (Some(on), _) => UNIX_EPOCH.checked_add(Duration::from_secs(on)),
            (None, Some(secs)) => now.checked_add(Duration::from_secs(secs)),
            (None, None) => Some(now),
        }
        .unwrap_or(now);
        *cached = Some(Cached {
            token: token.clone(),
            expires_at,
        });
        Ok(token)
    }
}
