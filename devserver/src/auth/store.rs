//! Users (people and service accounts, as in Grafana's `user` table) and sign-in sessions.

use super::access::{actions_of, Permissions};
use super::password::{encode_password, random_string, same};
use super::role::OrgRole;
use crate::db::{rows, DbError};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// How long a sign-in lasts (Grafana's default `login_maximum_lifetime_duration`: 30 days).
pub const SESSION_LIFETIME: i64 = 30 * 86_400;

/// A user row as authentication needs it.
#[derive(Clone, Debug)]
pub struct UserRow {
    /// Id.
    pub id: i64,
    /// Uid.
    pub uid: String,
    /// Login.
    pub login: String,
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Org role (single org, id 1).
    pub role: OrgRole,
    /// A service account rather than a person.
    pub is_service_account: bool,
    /// Disabled.
    pub is_disabled: bool,
    /// Created, unix seconds.
    pub created: i64,
    /// Updated, unix seconds.
    pub updated: i64,
}

const USER_COLUMNS: &str =
    "id, uid, login, email, name, role, is_service_account, is_disabled, created, updated";

/// How many columns [`user_from_row`] reads.
const USER_COLUMN_COUNT: usize = 10;

/// `USER_COLUMNS` of the table aliased `alias` (`u.id, u.uid, …`), for joins.
pub fn user_columns_of(alias: &str) -> String {
    USER_COLUMNS
        .split(", ")
        .map(|col| format!("{alias}.{col}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a row selected with `USER_COLUMNS`.
pub fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        id: r.get(0)?,
        uid: r.get(1)?,
        login: r.get(2)?,
        email: r.get(3)?,
        name: r.get(4)?,
        role: OrgRole::parse(&r.get::<_, String>(5)?).unwrap_or(OrgRole::None),
        is_service_account: r.get(6)?,
        is_disabled: r.get(7)?,
        created: r.get(8)?,
        updated: r.get(9)?,
    })
}

/// The user with `id`.
pub fn user_by_id(c: &Connection, id: i64) -> Result<Option<UserRow>, DbError> {
    Ok(c.query_row(
        &format!("SELECT {USER_COLUMNS} FROM user WHERE id = ?1"),
        [id],
        user_from_row,
    )
    .optional()?)
}

/// A person's row with the stored password hash and salt, by login or email.
pub fn user_with_password(
    c: &Connection,
    login: &str,
) -> Result<Option<(UserRow, String, String)>, DbError> {
    Ok(c.query_row(
        &format!(
            "SELECT {USER_COLUMNS}, password, salt FROM user
             WHERE is_service_account = 0 AND (login = ?1 OR email = ?1)"
        ),
        [login],
        |r| {
            Ok((
                user_from_row(r)?,
                r.get::<_, String>(10)?,
                r.get::<_, String>(11)?,
            ))
        },
    )
    .optional()?)
}

/// Checks a person's login (or email) and password on the calling thread; `None` when
/// either is wrong. (Request handlers use [`super::sign_in::check_password`], which hashes off the
/// database lock.)
pub fn verify_password(
    c: &Connection,
    login: &str,
    password: &str,
) -> Result<Option<UserRow>, DbError> {
    Ok(
        user_with_password(c, login)?.and_then(|(user, hash, salt)| {
            same(&encode_password(password, &salt), &hash).then_some(user)
        }),
    )
}

/// The outcome of a password check with Grafana's brute-force protection.
#[derive(Debug)]
pub enum PasswordCheck {
    /// Right password, enabled user.
    Ok(UserRow),
    /// Wrong login or password (or a disabled user); the attempt was counted.
    Failed,
    /// 5 failed attempts for this login within 5 minutes: refused without checking.
    Blocked,
}

/// Failed attempts per login within [`ATTEMPT_WINDOW`] that block further ones.
pub const MAX_ATTEMPTS: i64 = 5;
/// Seconds a failed attempt counts for.
pub const ATTEMPT_WINDOW: i64 = 300;

/// What a failed attempt records of the login: a fixed-size digest, whatever was typed.
fn attempt_key(login: &str) -> String {
    hex::encode(Sha256::digest(login.as_bytes()))
}

/// Whether `login` has [`MAX_ATTEMPTS`] failures within the last [`ATTEMPT_WINDOW`].
pub fn is_blocked(c: &Connection, login: &str, now: i64) -> Result<bool, DbError> {
    let recent: i64 = c.query_row(
        "SELECT count(*) FROM login_attempt WHERE username = ?1 AND created > ?2",
        params![attempt_key(login), now.saturating_sub(ATTEMPT_WINDOW)],
        |r| r.get(0),
    )?;
    Ok(recent >= MAX_ATTEMPTS)
}

/// Records the outcome of a password check: a success clears the login's failures; a
/// failure is counted, and failures older than the window are pruned, so the table never
/// holds more than one window's worth.
pub fn record_attempt(c: &Connection, login: &str, success: bool, now: i64) -> Result<(), DbError> {
    let key = attempt_key(login);
    if success {
        c.execute("DELETE FROM login_attempt WHERE username = ?1", [&key])?;
    } else {
        c.execute(
            "DELETE FROM login_attempt WHERE created <= ?1",
            [now.saturating_sub(ATTEMPT_WINDOW)],
        )?;
        c.execute(
            "INSERT INTO login_attempt (username, created) VALUES (?1, ?2)",
            params![key, now],
        )?;
    }
    Ok(())
}

/// Creates or updates a person with this login, password and role.
pub fn upsert_user(
    c: &Connection,
    login: &str,
    password: &str,
    role: OrgRole,
    now: i64,
) -> Result<(), DbError> {
    let salt = random_string(10);
    let hash = encode_password(password, &salt);
    c.execute(
        "INSERT INTO user (uid, login, email, name, password, salt, role, is_service_account, is_disabled, created, updated)
         VALUES (?1, ?2, ?2, ?2, ?3, ?4, ?5, 0, 0, ?6, ?6)
         ON CONFLICT(login) DO UPDATE SET password = ?3, salt = ?4, role = ?5, updated = ?6",
        params![random_string(14), login, hash, salt, role.as_str(), now],
    )?;
    Ok(())
}

/// Seeds `admin` / `admin` on a database with no people yet.
pub fn seed_admin(c: &Connection, now: i64) -> Result<(), DbError> {
    let people: i64 = c.query_row(
        "SELECT count(*) FROM user WHERE is_service_account = 0",
        [],
        |r| r.get(0),
    )?;
    if people == 0 {
        upsert_user(c, "admin", "admin", OrgRole::Admin, now)?;
    }
    Ok(())
}

fn session_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session for `user_id`; returns the cookie value (only its hash is stored).
pub fn create_session(c: &Connection, user_id: i64, now: i64) -> Result<String, DbError> {
    Ok(create_session_returning_id(c, user_id, now)?.1)
}

/// Starts a session for `user_id`; returns its id and the cookie value.
pub fn create_session_returning_id(
    c: &Connection,
    user_id: i64,
    now: i64,
) -> Result<(i64, String), DbError> {
    let token = random_string(32);
    c.execute(
        "INSERT INTO user_session (user_id, token_hash, created, seen) VALUES (?1, ?2, ?3, ?3)",
        params![user_id, session_hash(&token), now],
    )?;
    Ok((c.last_insert_rowid(), token))
}

/// The user of a session cookie and the session's id, if the session exists and is
/// younger than [`SESSION_LIFETIME`] at `now`.
pub fn session_user(
    c: &Connection,
    token: &str,
    now: i64,
) -> Result<Option<(UserRow, i64)>, DbError> {
    Ok(c.query_row(
        &format!(
            "SELECT {}, s.id FROM user_session s JOIN user u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.created > ?2",
            user_columns_of("u")
        ),
        params![session_hash(token), now - SESSION_LIFETIME],
        |r| Ok((user_from_row(r)?, r.get(USER_COLUMN_COUNT)?)),
    )
    .optional()?)
}

/// Ends a session.
pub fn delete_session(c: &Connection, token: &str) -> Result<(), DbError> {
    c.execute(
        "DELETE FROM user_session WHERE token_hash = ?1",
        [session_hash(token)],
    )?;
    Ok(())
}

/// The explicit permissions of a user (a plugin-managed service account's `iam`).
pub fn explicit_permissions(c: &Connection, user_id: i64) -> Result<Permissions, DbError> {
    rows(
        c,
        "SELECT action, scope FROM user_permission WHERE user_id = ?1 ORDER BY id",
        [user_id],
    )
}

/// What a person's managed service-account permissions grant: `(action,
/// serviceaccounts:id:<n>)` pairs for each account they hold a level on.
pub fn grants_of(c: &Connection, user_id: i64) -> Result<Permissions, DbError> {
    let levels: Vec<(i64, String)> = rows(
        c,
        "SELECT service_account_id, permission FROM service_account_permission WHERE user_id = ?1",
        [user_id],
    )?;
    Ok(levels
        .into_iter()
        .flat_map(|(sa, level)| {
            actions_of(&level)
                .iter()
                .map(move |a| ((*a).to_owned(), format!("serviceaccounts:id:{sa}")))
        })
        .collect())
}

/// The name of org `org` (`Main Org.` unless renamed).
pub fn org_name(c: &Connection, org: i64) -> Result<Option<String>, DbError> {
    Ok(
        c.query_row("SELECT name FROM org WHERE id = ?1", [org], |r| r.get(0))
            .optional()?,
    )
}
