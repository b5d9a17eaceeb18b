//! SQLite access for data sources (table `data_source`). Blocking; called through
//! [`crate::db::Db::call`]. Every write runs in one transaction.

use super::model::{new_uid, DataSource};
use crate::db::DbError;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const COLUMNS: &str = "id, org_id, version, type, name, uid, access, url, \"user\", \"database\", \
     basic_auth, basic_auth_user, with_credentials, is_default, json_data, secure_json_data, \
     read_only, api_version";

/// How a route names a data source.
#[derive(Clone, Debug)]
pub enum Lookup {
    /// `/api/datasources/{id}`.
    Id(i64),
    /// `/api/datasources/uid/{uid}`.
    Uid(String),
    /// `/api/datasources/name/{name}`.
    Name(String),
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<DataSource> {
    let json_text: String = r.get(14)?;
    let json_data = match serde_json::from_str::<Value>(&json_text) {
        Ok(v @ Value::Object(_)) => v,
        _ => Value::Object(Map::new()),
    };
    Ok(DataSource {
        id: r.get(0)?,
        org_id: r.get(1)?,
        version: r.get(2)?,
        kind: r.get(3)?,
        name: r.get(4)?,
        uid: r.get(5)?,
        access: r.get(6)?,
        url: r.get(7)?,
        user: r.get(8)?,
        database: r.get(9)?,
        basic_auth: r.get(10)?,
        basic_auth_user: r.get(11)?,
        with_credentials: r.get(12)?,
        is_default: r.get(13)?,
        json_data,
        secure_json_data: r.get(15)?,
        read_only: r.get(16)?,
        api_version: r.get(17)?,
    })
}

/// Every data source of `org`, sorted by lower-cased name.
pub fn list(conn: &Connection, org: i64) -> Result<Vec<DataSource>, DbError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM data_source WHERE org_id = ?1"
    ))?;
    let mut all = stmt
        .query_map([org], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    all.sort_by_cached_key(|ds| (ds.name.to_lowercase(), ds.id));
    Ok(all)
}

/// One data source of `org`.
pub fn get(conn: &Connection, org: i64, by: &Lookup) -> Result<Option<DataSource>, DbError> {
    let sql =
        |col: &str| format!("SELECT {COLUMNS} FROM data_source WHERE org_id = ?1 AND {col} = ?2");
    let found = match by {
        Lookup::Id(id) => conn
            .query_row(&sql("id"), params![org, id], from_row)
            .optional()?,
        Lookup::Uid(uid) => conn
            .query_row(&sql("uid"), params![org, uid], from_row)
            .optional()?,
        Lookup::Name(name) => conn
            .query_row(&sql("name"), params![org, name], from_row)
            .optional()?,
    };
    Ok(found)
}

fn exists(
    tx: &Transaction<'_>,
    org: i64,
    col: &str,
    value: &str,
    except: i64,
) -> Result<bool, DbError> {
    let n: i64 = tx.query_row(
        &format!("SELECT count(*) FROM data_source WHERE org_id = ?1 AND {col} = ?2 AND id != ?3"),
        params![org, value, except],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

fn clear_default(tx: &Transaction<'_>, org: i64) -> Result<(), DbError> {
    tx.execute(
        "UPDATE data_source SET is_default = 0 WHERE org_id = ?1",
        [org],
    )?;
    Ok(())
}

/// The fields of a new or updated data source; `secure` holds already-encrypted values.
#[derive(Clone, Debug, Default)]
pub struct Fields {
    /// Name (empty on add = derive from the type).
    pub name: String,
    /// Plugin id.
    pub kind: String,
    /// Access mode.
    pub access: String,
    /// URL.
    pub url: String,
    /// Legacy user.
    pub user: String,
    /// Legacy database.
    pub database: String,
    /// Basic auth on.
    pub basic_auth: bool,
    /// Basic auth user.
    pub basic_auth_user: String,
    /// Cross-site credentials.
    pub with_credentials: bool,
    /// Make this the default.
    pub is_default: bool,
    /// Plugin settings.
    pub json_data: Map<String, Value>,
    /// Encrypted secrets from the request (`None` = none sent).
    pub secure: Option<BTreeMap<String, String>>,
    /// Requested uid (empty = generate on add, keep on update).
    pub uid: String,
    /// `apiVersion`.
    pub api_version: String,
}

/// Result of [`add`].
#[derive(Debug)]
pub enum AddOutcome {
    /// Stored.
    Added(Box<DataSource>),
    /// Another data source has this name.
    NameExists,
    /// Another data source has this uid.
    UidExists,
}

/// Inserts a data source at version 1 (auto-naming, first-is-default, default exclusivity).
pub fn add(conn: &mut Connection, org: i64, mut f: Fields) -> Result<AddOutcome, DbError> {
    let tx = conn.transaction()?;
    if f.name.is_empty() {
        let mut stmt = tx.prepare("SELECT name FROM data_source WHERE org_id = ?1")?;
        let taken = stmt
            .query_map([org], |r| r.get::<_, String>(0))?
            .map(|n| n.map(|n| n.to_lowercase()))
            .collect::<Result<std::collections::HashSet<_>, _>>()?;
        drop(stmt);
        let mut candidate = f.kind.clone();
        let mut n = 0;
        while taken.contains(&candidate.to_lowercase()) {
            n += 1;
            candidate = format!("{}-{n}", f.kind);
        }
        f.name = candidate;
    } else if exists(&tx, org, "name", &f.name, 0)? {
        return Ok(AddOutcome::NameExists);
    }
    if f.uid.is_empty() {
        loop {
            let uid = new_uid();
            if !exists(&tx, org, "uid", &uid, 0)? {
                f.uid = uid;
                break;
            }
        }
    } else if exists(&tx, org, "uid", &f.uid, 0)? {
        return Ok(AddOutcome::UidExists);
    }
    let count: i64 = tx.query_row(
        "SELECT count(*) FROM data_source WHERE org_id = ?1",
        [org],
        |r| r.get(0),
    )?;
    if count == 0 {
        f.is_default = true;
    }
    if f.is_default {
        clear_default(&tx, org)?;
    }
    let secure = serde_json::to_string(&f.secure.unwrap_or_default())
        .map_err(|e| DbError::Task(e.to_string()))?;
    let json_data = Value::Object(f.json_data).to_string();
    tx.execute(
        "INSERT INTO data_source (org_id, version, type, name, uid, access, url, \"user\", \
         \"database\", basic_auth, basic_auth_user, with_credentials, is_default, json_data, \
         secure_json_data, read_only, api_version, created, updated) \
         VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, ?15, \
         strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
        params![
            org,
            f.kind,
            f.name,
            f.uid,
            f.access,
            f.url,
            f.user,
            f.database,
            f.basic_auth,
            f.basic_auth_user,
            f.with_credentials,
            f.is_default,
            json_data,
            secure,
            f.api_version
        ],
    )?;
    let id = tx.last_insert_rowid();
    let stored =
        get(&tx, org, &Lookup::Id(id))?.ok_or(DbError::Task("inserted row vanished".to_owned()))?;
    tx.commit()?;
    Ok(AddOutcome::Added(Box::new(stored)))
}

/// Result of [`update`].
#[derive(Debug)]
pub enum UpdateOutcome {
    /// Stored, re-read.
    Updated(Box<DataSource>),
    /// No such data source.
    NotFound,
    /// Provisioned.
    ReadOnly,
    /// Another data source has the new name.
    NameExists,
    /// Another data source has the new uid.
    UidExists,
    /// `stored.version > request.version`.
    VersionConflict,
}

/// Replaces a data source's fields (full replacement, not a patch), merging secrets:
/// keys absent from `f.secure` keep their stored value, present keys replace it.
/// `version` 0 skips the optimistic lock.
pub fn update(
    conn: &mut Connection,
    org: i64,
    id: i64,
    f: Fields,
    version: i64,
) -> Result<UpdateOutcome, DbError> {
    let tx = conn.transaction()?;
    let Some(stored) = get(&tx, org, &Lookup::Id(id))? else {
        return Ok(UpdateOutcome::NotFound);
    };
    if stored.read_only {
        return Ok(UpdateOutcome::ReadOnly);
    }
    if f.name != stored.name && exists(&tx, org, "name", &f.name, id)? {
        return Ok(UpdateOutcome::NameExists);
    }
    let uid = if f.uid.is_empty() {
        stored.uid.clone()
    } else {
        f.uid.clone()
    };
    if uid != stored.uid && exists(&tx, org, "uid", &uid, id)? {
        return Ok(UpdateOutcome::UidExists);
    }
    if version != 0 && stored.version > version {
        return Ok(UpdateOutcome::VersionConflict);
    }
    // A version with no successor (i64::MAX) can never be stored: Grafana's `version < ?`
    // update then matches no row, which is the same conflict.
    let Some(new_version) = (if version != 0 {
        version
    } else {
        stored.version
    })
    .checked_add(1) else {
        return Ok(UpdateOutcome::VersionConflict);
    };
    let mut secrets: BTreeMap<String, String> = if stored.secure_json_data.trim().is_empty() {
        BTreeMap::new()
    } else {
        serde_json::from_str(&stored.secure_json_data).map_err(|e| DbError::Task(e.to_string()))?
    };
    if let Some(new) = f.secure {
        secrets.extend(new);
    }
    let secure = serde_json::to_string(&secrets).map_err(|e| DbError::Task(e.to_string()))?;
    if f.is_default {
        clear_default(&tx, org)?;
    }
    tx.execute(
        "UPDATE data_source SET version = ?1, type = ?2, name = ?3, uid = ?4, access = ?5, \
         url = ?6, \"user\" = ?7, \"database\" = ?8, basic_auth = ?9, basic_auth_user = ?10, \
         with_credentials = ?11, is_default = ?12, json_data = ?13, secure_json_data = ?14, \
         api_version = ?15, updated = strftime('%Y-%m-%dT%H:%M:%SZ','now') \
         WHERE id = ?16 AND org_id = ?17",
        params![
            new_version,
            f.kind,
            f.name,
            uid,
            f.access,
            f.url,
            f.user,
            f.database,
            f.basic_auth,
            f.basic_auth_user,
            f.with_credentials,
            f.is_default,
            Value::Object(f.json_data).to_string(),
            secure,
            f.api_version,
            id,
            org
        ],
    )?;
    let updated =
        get(&tx, org, &Lookup::Id(id))?.ok_or(DbError::Task("updated row vanished".to_owned()))?;
    tx.commit()?;
    Ok(UpdateOutcome::Updated(Box::new(updated)))
}

/// Result of [`delete`].
#[derive(Debug)]
pub enum DeleteOutcome {
    /// Deleted the data source with this id.
    Deleted(i64),
    /// No such data source.
    NotFound,
    /// Provisioned.
    ReadOnly,
}

/// Deletes one data source.
pub fn delete(conn: &mut Connection, org: i64, by: &Lookup) -> Result<DeleteOutcome, DbError> {
    let tx = conn.transaction()?;
    let Some(stored) = get(&tx, org, by)? else {
        return Ok(DeleteOutcome::NotFound);
    };
    if stored.read_only {
        return Ok(DeleteOutcome::ReadOnly);
    }
    tx.execute(
        "DELETE FROM data_source WHERE id = ?1 AND org_id = ?2",
        params![stored.id, org],
    )?;
    tx.commit()?;
    Ok(DeleteOutcome::Deleted(stored.id))
}
