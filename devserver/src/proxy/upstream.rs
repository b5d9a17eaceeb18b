//! The Grafana that proxy mode forwards to (`--grafana-url`), the credentials it adds
//! (`--grafana-token`, or `--grafana-user`/`--grafana-password`; never logged), and the
//! host names devserver answers to there.

use std::sync::Arc;

/// Credentials devserver adds to every forwarded request.
#[derive(Clone)]
pub enum Credentials {
    /// Pass the caller's `Authorization` and `Cookie` through.
    PassThrough,
    /// `Authorization: Bearer <token>`.
    Token(String),
    /// `Authorization: Basic user:password`.
    Basic(String, String),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Credentials::PassThrough => "PassThrough",
            Credentials::Token(_) => "Token(***)",
            Credentials::Basic(_, _) => "Basic(***)",
        })
    }
}

/// The Grafana requests are forwarded to.
#[derive(Debug)]
pub struct Upstream {
    pub(super) base: String,
    pub(super) credentials: Credentials,
    pub(super) client: reqwest::Client,
    allowed_hosts: Vec<String>,
}

/// Host names every proxy answers to: the loopback ones.
const LOOPBACK_HOSTS: [&str; 4] = ["localhost", "127.0.0.1", "::1", "[::1]"];

impl Upstream {
    /// An upstream at `url` (e.g. `http://localhost:3000`, or with a sub-path).
    pub fn new(url: &str, credentials: Credentials) -> Result<Self, String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("--grafana-url {url:?}: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!("--grafana-url {url:?}: must be an http(s) URL"));
        }
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self {
            base: url.trim_end_matches('/').to_owned(),
            credentials,
            client,
            allowed_hosts: LOOPBACK_HOSTS.iter().map(|h| (*h).to_owned()).collect(),
        })
    }

    /// Also answers requests whose `Host` names one of `hosts` (the address devserver is
    /// bound to, `--allowed-host` names); the loopback names are always allowed.
    pub fn allow_hosts<'a>(mut self, hosts: impl IntoIterator<Item = &'a str>) -> Self {
        for host in hosts {
            let host = host.trim().to_ascii_lowercase();
            if !host.is_empty() && !self.allowed_hosts.contains(&host) {
                self.allowed_hosts.push(host);
            }
        }
        self
    }

    /// The URL with any `user:password@` removed: what may be logged.
    pub fn display_url(&self) -> String {
        redact_userinfo(&self.base)
    }

    /// Whether a request's `Host` names devserver (see [`Upstream::allow_hosts`]).
    pub(super) fn host_allowed(&self, host: Option<&str>) -> bool {
        // Without a Host header (HTTP/1.0, in-process tests) there is no name to rebind.
        let Some(host) = host else {
            return true;
        };
        let name = match host.rsplit_once(':') {
            Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
            _ => host,
        };
        self.allowed_hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(name))
    }

    /// From the command-line options: `None` when `url` is not set.
    pub fn from_options(
        url: Option<&str>,
        token: Option<&str>,
        user: Option<&str>,
        password: Option<&str>,
    ) -> Result<Option<Self>, String> {
        let Some(url) = url.filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let credentials = match (
            token.filter(|t| !t.is_empty()),
            user.filter(|u| !u.is_empty()),
        ) {
            (Some(_), Some(_)) => {
                return Err("give --grafana-token or --grafana-user, not both".to_owned())
            }
            (Some(token), None) => Credentials::Token(token.to_owned()),
            (None, Some(user)) => {
                Credentials::Basic(user.to_owned(), password.unwrap_or_default().to_owned())
            }
            (None, None) => Credentials::PassThrough,
        };
        Self::new(url, credentials).map(Some)
    }
}

/// `scheme://user:password@host/…` → `scheme://host/…`.
pub fn redact_userinfo(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string().trim_end_matches('/').to_owned()
        }
        Err(_) => "(an invalid URL)".to_owned(),
    }
}

/// Wraps `upstream` for [`crate::AppState`].
pub fn shared(upstream: Upstream) -> Arc<Upstream> {
    Arc::new(upstream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_logged_urls() {
        let up = Upstream::new(
            "http://user:s3cret@grafana.example:3000/sub",
            Credentials::PassThrough,
        )
        .unwrap()
        .allow_hosts(["devbox.local"]);
        assert!(up.host_allowed(Some("127.0.0.1:8080")));
        assert!(up.host_allowed(Some("LOCALHOST")));
        assert!(up.host_allowed(Some("[::1]:8080")));
        assert!(up.host_allowed(Some("devbox.local:8080")));
        assert!(!up.host_allowed(Some("evil.example:8080")));
        assert!(!up.display_url().contains("s3cret"), "{}", up.display_url());
        assert_eq!(up.display_url(), "http://grafana.example:3000/sub");
    }
}
