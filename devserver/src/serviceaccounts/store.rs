//! SQL of the service-account area. Service accounts are rows of `user` with
//! `is_service_account = 1` (as in Grafana); tokens are rows of `api_key`.

use crate::auth::password::random_string;
use crate::auth::role::OrgRole;
use crate::db::{exists, rows, DbError};
use rusqlite::{params, Connection, OptionalExtension};

/// A service account as the API shows it.
#[derive(Clone, Debug)]
pub struct ServiceAccountRow {
    /// Id.
    pub id: i64,
    /// Uid.
    pub uid: String,
    /// Name.
    pub name: String,
    /// Login.
    pub login: String,
    /// Role.
    pub role: String,
    /// Disabled.
    pub is_disabled: bool,
    /// Number of tokens.
    pub tokens: i64,
    /// Created, unix seconds.
    pub created: i64,
    /// Updated, unix seconds.
    pub updated: i64,
}

/// A token row (never its key: only a hash is stored, and it is not read here).
#[derive(Clone, Debug)]
pub struct TokenRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Created, unix seconds.
    pub created: i64,
    /// Expires, unix seconds.
    pub expires: Option<i64>,
    /// Last used, unix seconds.
    pub last_used_at: Option<i64>,
    /// Revoked.
    pub is_revoked: bool,
}

const SA_SELECT: &str = "SELECT u.id, u.uid, u.name, u.login, u.role, u.is_disabled,
    (SELECT count(*) FROM api_key k WHERE k.service_account_id = u.id), u.created, u.updated FROM user u";

fn sa_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ServiceAccountRow> {
    Ok(ServiceAccountRow {
        id: r.get(0)?,
        uid: r.get(1)?,
        name: r.get(2)?,
        login: r.get(3)?,
        role: r.get(4)?,
        is_disabled: r.get(5)?,
        tokens: r.get(6)?,
        created: r.get(7)?,
        updated: r.get(8)?,
    })
}

/// What a search asks for.
pub struct SearchFilter {
    /// Substring of email, name or login (case-insensitive for ASCII, as SQLite's LIKE).
    pub query: String,
    /// Only disabled accounts (wins over `expired_tokens`).
    pub disabled: bool,
    /// Only accounts with at least one expired token.
    pub expired_tokens: bool,
    /// Only plugin-managed accounts (login `sa-1-extsvc-…`).
    pub external: bool,
    /// Grafana's RBAC row filter: `Some(ids)` when the caller may read only these accounts.
    pub only_ids: Option<Vec<i64>>,
    /// Now, unix seconds.
    pub now: i64,
}

/// One page of a search, and the total count.
pub fn search(
    c: &Connection,
    f: &SearchFilter,
    limit: i64,
    offset: i64,
) -> Result<(i64, Vec<ServiceAccountRow>), DbError> {
    let like = format!(
        "%{}%",
        f.query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let mut filter = String::from(
        " WHERE u.is_service_account = 1 AND (?1 = '' OR u.email LIKE ?2 ESCAPE '\\' OR u.name LIKE ?2 ESCAPE '\\' OR u.login LIKE ?2 ESCAPE '\\')",
    );
    if f.external {
        filter.push_str(" AND u.login LIKE 'sa-1-extsvc-%'");
    }
    if let Some(ids) = &f.only_ids {
        // Integers only, so they can be written into the SQL.
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        filter.push_str(&format!(" AND u.id IN ({})", list.join(",")));
    }
    if f.disabled {
        // (?3 is bound either way, so it must appear in the SQL.)
        filter.push_str(" AND u.is_disabled = 1 AND ?3 = ?3");
    } else if f.expired_tokens {
        filter.push_str(" AND EXISTS (SELECT 1 FROM api_key k WHERE k.service_account_id = u.id AND k.expires IS NOT NULL AND k.expires < ?3)");
    } else {
        filter.push_str(" AND ?3 = ?3");
    }
    let total: i64 = c.query_row(
        &format!("SELECT count(*) FROM user u{filter}"),
        params![f.query, like, f.now],
        |r| r.get(0),
    )?;
    let mut stmt = c.prepare_cached(&format!(
        "{SA_SELECT}{filter} ORDER BY u.email ASC, u.login ASC LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = stmt
        .query_map(params![f.query, like, f.now, limit, offset], sa_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((total, rows))
}

/// The service accounts with these ids, in the order of `ids` (ids that are gone are
/// skipped).
pub fn sa_page(c: &Connection, ids: &[i64]) -> Result<Vec<ServiceAccountRow>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Integers only, so they can be written into the SQL.
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let mut stmt = c.prepare(&format!("{SA_SELECT} WHERE u.id IN ({})", list.join(",")))?;
    let mut rows = stmt
        .query_map([], sa_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok(rows)
}

/// The id of the service account with `uid`.
pub fn id_by_uid(c: &Connection, uid: &str) -> Result<Option<i64>, DbError> {
    Ok(c.query_row(
        "SELECT id FROM user WHERE uid = ?1 AND is_service_account = 1",
        [uid],
        |r| r.get(0),
    )
    .optional()?)
}

/// One service account.
pub fn get(c: &Connection, id: i64) -> Result<Option<ServiceAccountRow>, DbError> {
    Ok(c.query_row(
        &format!("{SA_SELECT} WHERE u.id = ?1 AND u.is_service_account = 1"),
        [id],
        sa_from_row,
    )
    .optional()?)
}

/// Creates a service account; `None` when its login (or email) is taken.
pub fn create(
    c: &mut Connection,
    name: &str,
    login: &str,
    role: OrgRole,
    disabled: bool,
    now: i64,
) -> Result<Option<ServiceAccountRow>, DbError> {
    let tx = c.transaction()?;
    let sql = "SELECT EXISTS(SELECT 1 FROM user WHERE login = ?1 OR email = ?1)";
    if exists(&tx, sql, [login])? {
        return Ok(None);
    }
    tx.execute(
        "INSERT INTO user (uid, login, email, name, password, salt, role, is_service_account, is_disabled, created, updated)
         VALUES (?1, ?2, ?2, ?3, '', '', ?4, 1, ?5, ?6, ?6)",
        params![random_string(14), login, name, role.as_str(), disabled, now],
    )?;
    let id = tx.last_insert_rowid();
    let row = tx.query_row(&format!("{SA_SELECT} WHERE u.id = ?1"), [id], sa_from_row)?;
    tx.commit()?;
    Ok(Some(row))
}

/// Updates name, role and disabled (each only when given); the login never changes.
pub fn update(
    c: &mut Connection,
    id: i64,
    name: Option<&str>,
    role: Option<OrgRole>,
    disabled: Option<bool>,
    now: i64,
) -> Result<(), DbError> {
    let tx = c.transaction()?;
    if let Some(name) = name {
        tx.execute(
            "UPDATE user SET name = ?1, updated = ?2 WHERE id = ?3",
            params![name, now, id],
        )?;
    }
    if let Some(role) = role {
        tx.execute(
            "UPDATE user SET role = ?1, updated = ?2 WHERE id = ?3",
            params![role.as_str(), now, id],
        )?;
    }
    if let Some(disabled) = disabled {
        tx.execute(
            "UPDATE user SET is_disabled = ?1, updated = ?2 WHERE id = ?3",
            params![disabled, now, id],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Deletes a service account and its tokens; false when there was none.
pub fn delete(c: &mut Connection, id: i64) -> Result<bool, DbError> {
    let tx = c.transaction()?;
    tx.execute("DELETE FROM api_key WHERE service_account_id = ?1", [id])?;
    let n = tx.execute(
        "DELETE FROM user WHERE id = ?1 AND is_service_account = 1",
        [id],
    )?;
    tx.commit()?;
    Ok(n > 0)
}

/// The columns [`tokens`] selects: `(id, name, created, expires, last_used_at, is_revoked)`.
type TokenColumns = (i64, String, i64, Option<i64>, Option<i64>, bool);

/// Up to 300 tokens of an account, by name.
pub fn tokens(c: &Connection, id: i64) -> Result<Vec<TokenRow>, DbError> {
    let rows: Vec<TokenColumns> = rows(
        c,
        "SELECT id, name, created, expires, last_used_at, is_revoked FROM api_key
         WHERE service_account_id = ?1 AND org_id = 1 ORDER BY name ASC LIMIT 300",
        [id],
    )?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, created, expires, last_used_at, is_revoked)| TokenRow {
                id,
                name,
                created,
                expires,
                last_used_at,
                is_revoked,
            },
        )
        .collect())
}

/// The outcome of storing a token.
pub enum TokenCreate {
    /// Stored with this id.
    Created(i64),
    /// The name is taken in the org (by any token or API key).
    DuplicateName,
    /// `secondsToLive` was negative.
    NegativeSeconds,
}

/// Stores a token's hash; Grafana checks the duplicate name first, then the lifetime.
pub fn create_token(
    c: &mut Connection,
    sa_id: i64,
    name: &str,
    hashed: &str,
    seconds: i64,
    now: i64,
) -> Result<TokenCreate, DbError> {
    let tx = c.transaction()?;
    let sql = "SELECT EXISTS(SELECT 1 FROM api_key WHERE org_id = 1 AND name = ?1)";
    if exists(&tx, sql, [name])? {
        return Ok(TokenCreate::DuplicateName);
    }
    if seconds < 0 {
        return Ok(TokenCreate::NegativeSeconds);
    }
    let expires = (seconds > 0).then(|| now.saturating_add(seconds));
    tx.execute(
        "INSERT INTO api_key (org_id, name, key, role, created, updated, expires, service_account_id, is_revoked)
         VALUES (1, ?1, ?2, 'Viewer', ?3, ?3, ?4, ?5, 0)",
        params![name, hashed, now, expires, sa_id],
    )?;
    let id = tx.last_insert_rowid();
    tx.commit()?;
    Ok(TokenCreate::Created(id))
}

/// Deletes one token of one account; false when there was none.
pub fn delete_token(c: &Connection, sa_id: i64, token_id: i64) -> Result<bool, DbError> {
    Ok(c.execute(
        "DELETE FROM api_key WHERE id = ?1 AND org_id = 1 AND service_account_id = ?2",
        params![token_id, sa_id],
    )? > 0)
}

/// The seed's revert: the token becomes a legacy API key with the account's role, and the
/// account (with its other tokens) is deleted. False when the token is not the account's.
pub fn revert(c: &mut Connection, sa_id: i64, key_id: i64, role: &str) -> Result<bool, DbError> {
    let tx = c.transaction()?;
    let n = tx.execute(
        "UPDATE api_key SET service_account_id = NULL, role = ?1 WHERE id = ?2 AND service_account_id = ?3",
        params![role, key_id, sa_id],
    )?;
    if n == 0 {
        return Ok(false);
    }
    tx.execute("DELETE FROM api_key WHERE service_account_id = ?1", [sa_id])?;
    tx.execute(
        "DELETE FROM user WHERE id = ?1 AND is_service_account = 1",
        [sa_id],
    )?;
    tx.commit()?;
    Ok(true)
}

/// Deletes a legacy API key (never a service account's token); false when there was none.
pub fn delete_legacy_key(c: &Connection, key_id: i64) -> Result<bool, DbError> {
    Ok(c.execute(
        "DELETE FROM api_key WHERE id = ?1 AND org_id = 1 AND service_account_id IS NULL",
        [key_id],
    )? > 0)
}

/// Marks the token whose key hashes to `hashed` revoked; false when there is none.
pub fn revoke_token(c: &mut Connection, hashed: &str) -> Result<bool, DbError> {
    let n = c.execute("UPDATE api_key SET is_revoked = 1 WHERE key = ?1", [hashed])?;
    Ok(n > 0)
}

/// A legacy API key: `(id, name, role, expires)`.
pub type LegacyKey = (i64, String, String, Option<i64>);

/// Legacy API keys (made by the seed's revert route).
pub fn legacy_keys(c: &mut Connection) -> Result<Vec<LegacyKey>, DbError> {
    rows(
        c,
        "SELECT id, name, role, expires FROM api_key WHERE service_account_id IS NULL ORDER BY name",
        [],
    )
}
