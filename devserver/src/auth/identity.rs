//! `Identity`: who is calling, from a `grafana_session` cookie, HTTP Basic (a user's
//! password, or `api_key` + a token) or `Authorization: Bearer <token>`; nothing else gets
//! in. Cookie-authenticated state-changing requests from a foreign Origin are refused, as
//! Grafana's CSRF middleware does.

use super::access::{basic_grants, scope_covers, Permissions};
use super::role::OrgRole;
use super::{sign_in, store};
use crate::{ApiError, AppState};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use base64::Engine;
use rusqlite::OptionalExtension;

/// Name of Grafana's session cookie.
pub const SESSION_COOKIE: &str = "grafana_session";

/// How the caller authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthVia {
    /// Session cookie.
    Session,
    /// HTTP Basic with a password.
    Password,
    /// A service-account token (Bearer, or Basic `api_key`).
    Token,
}

/// The authenticated caller.
#[derive(Clone, Debug)]
pub struct Identity {
    /// User (or service account) id; 0 for a legacy API key.
    pub user_id: i64,
    /// Org: devserver has one, 1; -1 when a person asked for an org they are not in
    /// (`X-Grafana-Org-Id`), as Grafana marks "Org missing".
    pub org_id: i64,
    /// Login.
    pub login: String,
    /// Role in the org.
    pub role: OrgRole,
    /// A service account's token.
    pub is_service_account: bool,
    /// How it authenticated.
    pub via: AuthVia,
    /// Permissions beyond the role's basic grants: a plugin-managed account's `iam`, or
    /// what a person's service-account permissions (Edit, Admin) grant.
    pub extra_permissions: std::sync::Arc<Permissions>,
    /// The sign-in session (`user_session.id`) of a cookie-authenticated person: what
    /// finds the OAuth tokens a generic OAuth sign-in stored for it.
    pub session_id: Option<i64>,
}

impl Identity {
    /// A person (in org 1) who signed in `via` a password or a session, holding `grants`
    /// on service accounts.
    fn person(
        user: store::UserRow,
        via: AuthVia,
        grants: Permissions,
        session_id: Option<i64>,
    ) -> Self {
        Identity {
            session_id,
            user_id: user.id,
            org_id: 1,
            login: user.login,
            role: user.role,
            is_service_account: false,
            via,
            extra_permissions: std::sync::Arc::new(grants),
        }
    }

    /// Everything this caller is granted: its role's, plus explicit ones.
    pub fn permissions(&self) -> impl Iterator<Item = (String, String)> + '_ {
        basic_grants(self.role)
            .into_iter()
            .chain(self.extra_permissions.iter().cloned())
    }

    /// Whether the caller may do `action` on `scope` (`None`: any scope will do, as for
    /// search and create).
    pub fn can(&self, action: &str, scope: Option<&str>) -> bool {
        self.permissions().any(|(a, s)| {
            a == action
                && match scope {
                    None => true,
                    Some(wanted) => scope_covers(&s, wanted),
                }
        })
    }
}

fn rejected(message: &str, message_id: &'static str) -> ApiError {
    ApiError::Unauthenticated {
        message: message.to_owned(),
        message_id,
    }
}

/// Grafana's 401 for a request without credentials.
pub fn unauthorized() -> ApiError {
    rejected("Unauthorized", "auth.unauthorized")
}

/// The value of cookie `name` in a request, if any.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The session cookie of a request, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE).map(str::to_owned)
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Grafana's CSRF rule for cookie sessions: an unsafe method whose Origin (or, without
/// one, Referer) names another host than the request's is refused.
fn check_csrf(parts: &Parts) -> Result<(), ApiError> {
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let source = parts
        .headers
        .get(header::ORIGIN)
        .or_else(|| parts.headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    match source {
        None => Ok(()),
        Some(src) if host_of(src) == Some(host) => Ok(()),
        Some(_) => Err(ApiError::message(
            StatusCode::FORBIDDEN,
            "origin not allowed",
        )),
    }
}

async fn by_token(state: &AppState, key: String) -> Result<Identity, ApiError> {
    let invalid = || rejected("Invalid API key", "api-key.invalid");
    let hashed = state.hasher.token_hash(&key).await.ok_or_else(invalid)?;
    let now = state.clock.now();
    let stored_hash = hashed.clone();
    let found = state
        .db
        .call(move |c| {
            let row = c
                .query_row(
                    "SELECT k.id, k.org_id, k.expires, k.is_revoked, k.role, k.service_account_id, k.last_used_at
                     FROM api_key k WHERE k.key = ?1",
                    [&hashed],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, Option<i64>>(2)?,
                            r.get::<_, bool>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, Option<i64>>(5)?,
                            r.get::<_, Option<i64>>(6)?,
                        ))
                    },
                )
                .optional()?;
            let Some((id, org_id, expires, revoked, role, sa_id, last_used)) = row else { return Ok(None) };
            let account = match sa_id {
                Some(sa) => match store::user_by_id(c, sa)? {
                    Some(user) => Some((user, store::explicit_permissions(c, sa)?)),
                    None => None,
                },
                None => None,
            };
            // lastUsedAt is stamped at most every 5 minutes, as Grafana does.
            if expires.is_none_or(|e| e > now) && last_used.is_none_or(|t| now - t > 300) {
                c.execute("UPDATE api_key SET last_used_at = ?1 WHERE id = ?2", rusqlite::params![now, id])?;
            }
            Ok(Some((org_id, expires, revoked, role, sa_id, account)))
        })
        .await?;
    let Some((org_id, expires, revoked, role, sa_id, account)) = found else {
        return Err(invalid());
    };
    state.hasher.remember_token(&key, &stored_hash);
    if expires.is_some_and(|e| e <= now) {
        return Err(rejected("Expired API key", "api-key.expired"));
    }
    if revoked {
        return Err(rejected("Revoked API key", "api-key.revoked"));
    }
    match (sa_id, account) {
        (Some(_), Some((sa, _))) if sa.is_disabled => {
            Err(rejected("Unauthorized", "identity.disabled"))
        }
        (Some(_), Some((sa, extra))) => Ok(Identity {
            user_id: sa.id,
            org_id,
            login: sa.login,
            role: sa.role,
            is_service_account: true,
            via: AuthVia::Token,
            extra_permissions: std::sync::Arc::new(extra),
            session_id: None,
        }),
        (Some(_), None) => Err(invalid()),
        // A legacy API key (made by "revert to API key") acts with its own role.
        (None, _) => Ok(Identity {
            user_id: 0,
            org_id,
            login: "api-key".to_owned(),
            role: OrgRole::parse(&role).unwrap_or(OrgRole::Viewer),
            is_service_account: false,
            via: AuthVia::Token,
            extra_permissions: Default::default(),
            session_id: None,
        }),
    }
}

async fn by_password(
    state: &AppState,
    login: String,
    password: String,
) -> Result<Identity, ApiError> {
    match sign_in::check_password(state, login, password).await? {
        store::PasswordCheck::Ok(u) => {
            let id = u.id;
            let grants = state.db.call(move |c| store::grants_of(c, id)).await?;
            Ok(Identity::person(u, AuthVia::Password, grants, None))
        }
        store::PasswordCheck::Failed => Err(rejected(
            "Invalid username or password",
            "password-auth.failed",
        )),
        store::PasswordCheck::Blocked => Err(rejected(
            "Invalid username or password",
            "login-attempt.blocked",
        )),
    }
}

async fn resolve(parts: &Parts, state: &AppState) -> Result<Identity, ApiError> {
    if let Some(auth) = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        if let Some(key) = auth.strip_prefix("Bearer ") {
            return by_token(state, key.trim().to_owned()).await;
        }
        if let Some(encoded) = auth.strip_prefix("Basic ") {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(unauthorized)?;
            let (user, password) = decoded.split_once(':').ok_or_else(unauthorized)?;
            return if user == "api_key" {
                by_token(state, password.to_owned()).await
            } else {
                by_password(state, user.to_owned(), password.to_owned()).await
            };
        }
        return Err(unauthorized());
    }
    let Some(session) = session_cookie(&parts.headers) else {
        return Err(unauthorized());
    };
    let now = state.clock.now();
    let (user, grants) = state
        .db
        .call(move |c| {
            let user = store::session_user(c, &session, now)?;
            let grants = match &user {
                Some((u, _)) => store::grants_of(c, u.id)?,
                None => Vec::new(),
            };
            Ok((user, grants))
        })
        .await?;
    match user {
        Some((u, session_id)) if !u.is_disabled => {
            check_csrf(parts)?;
            Ok(Identity::person(
                u,
                AuthVia::Session,
                grants,
                Some(session_id),
            ))
        }
        _ => Err(unauthorized()),
    }
}

/// The org a request names, as Grafana's authn reads it: `?targetOrgId=` when above 0,
/// else `X-Grafana-Org-Id`; 0 (the caller's current org) when absent or not a number.
fn requested_org(parts: &Parts) -> i64 {
    let from_query = parts
        .uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("targetOrgId=")))
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|org| *org > 0);
    from_query.unwrap_or_else(|| {
        parts
            .headers
            .get("x-grafana-org-id")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    })
}

/// The caller as it acts in the org it asked for. A token belongs to one org: another is
/// Grafana's 401 `api-key.organization-mismatch`. A person asking for an org they are not
/// in still signs in, with no org and no role (so permission checks answer 403), and their
/// current org does not change.
fn in_requested_org(identity: Identity, org: i64) -> Result<Identity, ApiError> {
    match identity.via {
        AuthVia::Token if org != 0 && org != identity.org_id => Err(rejected(
            "API key does not belong to the requested organization",
            "api-key.organization-mismatch",
        )),
        AuthVia::Session | AuthVia::Password if org > 0 && org != identity.org_id => Ok(Identity {
            org_id: -1,
            role: OrgRole::None,
            extra_permissions: Default::default(),
            ..identity
        }),
        _ => Ok(identity),
    }
}

impl FromRequestParts<AppState> for Identity {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(known) = parts.extensions.get::<Identity>() {
            return Ok(known.clone());
        }
        let identity = in_requested_org(resolve(parts, state).await?, requested_org(parts))?;
        parts.extensions.insert(identity.clone());
        Ok(identity)
    }
}
