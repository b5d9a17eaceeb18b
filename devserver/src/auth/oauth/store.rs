//! OAuth sign-ins in SQLite: the `user_auth` link between a person and the provider's id,
//! and each OAuth session's tokens (`user_external_session`), stored sealed (encrypted by
//! the caller with the secret key; nothing here sees a token in clear).

use super::claims::UserInfo;
use super::settings::AUTH_MODULE;
use crate::auth::password::random_string;
use crate::auth::store::{
    create_session_returning_id, user_by_id, user_columns_of, user_from_row, UserRow,
    SESSION_LIFETIME,
};
use crate::db::DbError;
use rusqlite::{params, Connection, OptionalExtension};

/// One OAuth session's tokens, each sealed by [`crate::secrets::SecretBox`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedTokens {
    /// The access token, sealed.
    pub access_token: String,
    /// Its type (`Bearer`), in clear.
    pub token_type: String,
    /// The ID token, sealed.
    pub id_token: Option<String>,
    /// The refresh token, sealed.
    pub refresh_token: Option<String>,
    /// When the access token expires (unix seconds).
    pub expires_at: Option<i64>,
}

/// Why a provider-vouched person may not sign in (Grafana's public messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No linked user and `allow_sign_up = false`.
    SignUpDisabled,
    /// The linked user is disabled.
    Disabled,
    /// The email or login belongs to another user (without email lookup).
    Conflict,
}

impl Refusal {
    /// Grafana's words for it.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::SignUpDisabled => "Sign up is disabled",
            Refusal::Disabled => "User is disabled",
            Refusal::Conflict => "User sync failed",
        }
    }
}

/// How a sign-in finds its user.
#[derive(Clone, Copy, Debug)]
pub struct SignInRules {
    /// `allow_sign_up`.
    pub allow_sign_up: bool,
    /// `[auth] oauth_allow_insecure_email_lookup`: link an existing person by email when
    /// the provider's id is new (never by login, as Grafana's OAuth client).
    pub email_lookup: bool,
}

fn linked(c: &Connection, auth_id: &str) -> Result<Option<UserRow>, DbError> {
    Ok(c.query_row(
        &format!(
            "SELECT {} FROM user_auth a JOIN user u ON u.id = a.user_id WHERE a.auth_module = ?1 AND a.auth_id = ?2",
            user_columns_of("u")
        ),
        params![AUTH_MODULE, auth_id],
        user_from_row,
    )
    .optional()?)
}

fn by_email(c: &Connection, info: &UserInfo) -> Result<Option<UserRow>, DbError> {
    Ok(c.query_row(
        &format!(
            "SELECT {} FROM user u WHERE u.is_service_account = 0 AND u.email = ?1",
            user_columns_of("u")
        ),
        params![info.email],
        user_from_row,
    )
    .optional()?)
}

fn taken(c: &Connection, info: &UserInfo) -> Result<bool, DbError> {
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM user WHERE email = ?1 OR login = ?2)",
        params![info.email, info.login],
        |r| r.get(0),
    )?)
}

/// Signs `info` in, all or nothing (expired sessions and their tokens are purged first): finds the linked person (or, with email lookup, one with
/// that email; or creates one when sign-up is allowed), links them, syncs their
/// role and name, starts a session and stores its tokens. Returns the user and the session
/// cookie's value, or the refusal with nothing written.
pub fn sign_in(
    c: &mut Connection,
    info: &UserInfo,
    rules: SignInRules,
    tokens: &SealedTokens,
    now: i64,
) -> Result<Result<(UserRow, String), Refusal>, DbError> {
    let tx = c.transaction()?;
    // Sessions past their lifetime go now, with their tokens (`ON DELETE CASCADE`).
    tx.execute(
        "DELETE FROM user_session WHERE created <= ?1",
        [now.saturating_sub(SESSION_LIFETIME)],
    )?;
    let found = match linked(&tx, &info.auth_id)? {
        Some(user) => Some(user),
        None if rules.email_lookup => by_email(&tx, info)?,
        None => None,
    };
    let user_id = match found {
        Some(user) if user.is_disabled => return Ok(Err(Refusal::Disabled)),
        Some(user) => user.id,
        None if !rules.allow_sign_up => return Ok(Err(Refusal::SignUpDisabled)),
        None if taken(&tx, info)? => return Ok(Err(Refusal::Conflict)),
        None => {
            tx.execute(
                "INSERT INTO user (uid, login, email, name, role, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![random_string(14), info.login, info.email, info.name, info.role.as_str(), now],
            )?;
            tx.last_insert_rowid()
        }
    };
    tx.execute(
        "INSERT INTO user_auth (user_id, auth_module, auth_id, created) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (auth_module, auth_id) DO UPDATE SET user_id = ?1",
        params![user_id, AUTH_MODULE, info.auth_id, now],
    )?;
    // Grafana syncs the org role (and the name) from the provider on every sign-in.
    tx.execute(
        "UPDATE user SET role = ?1, name = ?2, updated = ?3 WHERE id = ?4",
        params![info.role.as_str(), info.name, now, user_id],
    )?;
    let (session_id, cookie) = create_session_returning_id(&tx, user_id, now)?;
    tx.execute(
        "INSERT INTO user_external_session (session_id, user_id, auth_module, access_token, token_type, id_token, refresh_token, expires_at, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![session_id, user_id, AUTH_MODULE, tokens.access_token, tokens.token_type, tokens.id_token, tokens.refresh_token, tokens.expires_at, now],
    )?;
    let Some(user) = user_by_id(&tx, user_id)? else {
        return Err(DbError::Sqlite(rusqlite::Error::QueryReturnedNoRows));
    };
    tx.commit()?;
    Ok(Ok((user, cookie)))
}

/// The sealed tokens of a sign-in session (none for a password session).
pub fn session_tokens(c: &Connection, session_id: i64) -> Result<Option<SealedTokens>, DbError> {
    Ok(c.query_row(
        "SELECT access_token, token_type, id_token, refresh_token, expires_at FROM user_external_session WHERE session_id = ?1",
        [session_id],
        |r| {
            Ok(SealedTokens {
                access_token: r.get(0)?,
                token_type: r.get(1)?,
                id_token: r.get(2)?,
                refresh_token: r.get(3)?,
                expires_at: r.get(4)?,
            })
        },
    )
    .optional()?)
}

/// Stores a session's refreshed tokens.
pub fn replace_session_tokens(
    c: &Connection,
    session_id: i64,
    t: &SealedTokens,
) -> Result<(), DbError> {
    c.execute(
        "UPDATE user_external_session SET access_token = ?2, token_type = ?3, id_token = ?4, refresh_token = ?5, expires_at = ?6 WHERE session_id = ?1",
        params![session_id, t.access_token, t.token_type, t.id_token, t.refresh_token, t.expires_at],
    )?;
    Ok(())
}

/// Forgets a session's tokens (a failed refresh: Grafana's `InvalidateOAuthTokens`).
pub fn delete_session_tokens(c: &Connection, session_id: i64) -> Result<(), DbError> {
    c.execute(
        "DELETE FROM user_external_session WHERE session_id = ?1",
        [session_id],
    )?;
    Ok(())
}
