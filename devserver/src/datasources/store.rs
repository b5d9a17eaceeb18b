//! SQLite access for data sources (table `data_source`). Blocking; called through
//! [`crate::db::Db::call`]. Every write runs in one transaction.

use super::model::{new_uid, DataSource, Fields};
use crate::db::DbError;
use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The columns add and update write, in the order of [`written`]'s values.
const WRITTEN: [&str; 14] = [
    "type",
    "name",
    "uid",
    "access",
    "url",
    "\"user\"",
    "\"database\"",
    "basic_auth",
    "basic_auth_user",
    "with_credentials",
    "is_default",
    "json_data",
    "secure_json_data",
    "api_version",
];

/// The values of [`WRITTEN`]: `fields`, and the secrets already encrypted and encoded.
fn written<'a>(
    f: &'a Fields,
    json_data: &'a dyn ToSql,
    secure: &'a dyn ToSql,
) -> [&'a dyn ToSql; 14] {
    [
        &f.kind,
        &f.name,
        &f.uid,
        &f.access,
        &f.url,
        &f.user,
        &f.database,
        &f.basic_auth,
        &f.basic_auth_user,
        &f.with_credentials,
        &f.is_default,
        json_data,
        secure,
        &f.api_version,
    ]
}

/// `SELECT` of every column [`from_row`] reads.
fn select() -> String {
    format!(
        "SELECT id, org_id, version, read_only, {} FROM data_source",
        WRITTEN.join(", ")
    )
}

/// SQLite's "now", as the `created` and `updated` columns hold it.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ','now')";

/// How a route names a data source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// `/api/datasources/{id}`.
    Id(i64),
    /// `/api/datasources/uid/{uid}`.
    Uid(String),
    /// `/api/datasources/name/{name}`.
    Name(String),
}

/// Reads a row of [`select`]; `json_data` that is not an object reads as `{}`.
fn from_row(r: &Row<'_>) -> rusqlite::Result<DataSource> {
    let json_text: String = r.get("json_data")?;
    let json_data = match serde_json::from_str::<Value>(&json_text) {
        Ok(v @ Value::Object(_)) => v,
        _ => Value::Object(Map::new()),
    };
    Ok(DataSource {
        id: r.get("id")?,
        org_id: r.get("org_id")?,
        version: r.get("version")?,
        read_only: r.get("read_only")?,
        secure_json_data: r.get("secure_json_data")?,
        fields: Fields {
            name: r.get("name")?,
            kind: r.get("type")?,
            access: r.get("access")?,
            url: r.get("url")?,
            database: r.get("database")?,
            user: r.get("user")?,
            basic_auth: r.get("basic_auth")?,
            basic_auth_user: r.get("basic_auth_user")?,
            with_credentials: r.get("with_credentials")?,
            is_default: r.get("is_default")?,
            json_data,
            uid: r.get("uid")?,
            api_version: r.get("api_version")?,
        },
    })
}

/// Every data source of `org`, sorted by lower-cased name.
pub fn list(conn: &Connection, org: i64) -> Result<Vec<DataSource>, DbError> {
    let mut stmt = conn.prepare(&format!("{} WHERE org_id = ?1", select()))?;
    let mut all = stmt
        .query_map([org], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    all.sort_by_cached_key(|ds| (ds.fields.name.to_lowercase(), ds.id));
    Ok(all)
}

/// One data source of `org`.
pub fn get(conn: &Connection, org: i64, by: &Lookup) -> Result<Option<DataSource>, DbError> {
    let sql = |col: &str| format!("{} WHERE org_id = ?1 AND {col} = ?2", select());
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

/// What another data source of the org already has, refusing an add or an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    /// The name.
    Name,
    /// The uid.
    Uid,
}

impl Taken {
    /// Grafana's `ErrDataSourceNameExists` / `ErrDataSourceUidExists`.
    pub fn message(self) -> &'static str {
        match self {
            Taken::Name => "data source with the same name already exists",
            Taken::Uid => "data source with the same uid already exists",
        }
    }
}

/// Result of [`add`].
#[derive(Debug)]
pub enum AddOutcome {
    /// Stored.
    Added(Box<DataSource>),
    /// Another data source has the name or uid.
    Taken(Taken),
}

/// Inserts a data source at version 1 (auto-naming, first-is-default, default exclusivity)
/// with its `secure` secrets, already encrypted.
pub fn add(
    conn: &mut Connection,
    org: i64,
    mut f: Fields,
    secure: BTreeMap<String, String>,
) -> Result<AddOutcome, DbError> {
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
        return Ok(AddOutcome::Taken(Taken::Name));
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
        return Ok(AddOutcome::Taken(Taken::Uid));
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
    let secure = serde_json::to_string(&secure).map_err(|e| DbError::Task(e.to_string()))?;
    let json_data = f.json_data.to_string();
    let placeholders: Vec<String> = (2..2 + WRITTEN.len()).map(|i| format!("?{i}")).collect();
    let mut values: Vec<&dyn ToSql> = vec![&org];
    values.extend(written(&f, &json_data, &secure));
    tx.execute(
        &format!(
            "INSERT INTO data_source (org_id, version, read_only, created, updated, {}) \
             VALUES (?1, 1, 0, {NOW}, {NOW}, {})",
            WRITTEN.join(", "),
            placeholders.join(", ")
        ),
        &*values,
    )?;
    let id = tx.last_insert_rowid();
    let stored =
        get(&tx, org, &Lookup::Id(id))?.ok_or(DbError::Task("inserted row vanished".to_owned()))?;
    tx.commit()?;
    Ok(AddOutcome::Added(Box::new(stored)))
}

/// The stored secrets of `stored` with `new` ones (encrypted) put over them, encoded.
fn merged_secrets(stored: &DataSource, new: BTreeMap<String, String>) -> Result<String, DbError> {
    let mut secrets: BTreeMap<String, String> = if stored.secure_json_data.trim().is_empty() {
        BTreeMap::new()
    } else {
        serde_json::from_str(&stored.secure_json_data).map_err(|e| DbError::Task(e.to_string()))?
    };
    secrets.extend(new);
    serde_json::to_string(&secrets).map_err(|e| DbError::Task(e.to_string()))
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
    /// Another data source has the new name or uid.
    Taken(Taken),
    /// `stored.version > request.version`.
    VersionConflict,
}

/// Replaces a data source's fields (full replacement, not a patch), merging secrets:
/// keys absent from `secure` (already encrypted) keep their stored value, present keys
/// replace it. `version` 0 skips the optimistic lock.
pub fn update(
    conn: &mut Connection,
    org: i64,
    id: i64,
    mut f: Fields,
    secure: BTreeMap<String, String>,
    version: i64,
) -> Result<UpdateOutcome, DbError> {
    let tx = conn.transaction()?;
    let Some(stored) = get(&tx, org, &Lookup::Id(id))? else {
        return Ok(UpdateOutcome::NotFound);
    };
    if stored.read_only {
        return Ok(UpdateOutcome::ReadOnly);
    }
    if f.name != stored.fields.name && exists(&tx, org, "name", &f.name, id)? {
        return Ok(UpdateOutcome::Taken(Taken::Name));
    }
    if f.uid.is_empty() {
        f.uid.clone_from(&stored.fields.uid);
    }
    if f.uid != stored.fields.uid && exists(&tx, org, "uid", &f.uid, id)? {
        return Ok(UpdateOutcome::Taken(Taken::Uid));
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
    let secure = merged_secrets(&stored, secure)?;
    if f.is_default {
        clear_default(&tx, org)?;
    }
    let json_data = f.json_data.to_string();
    let set: Vec<String> = (WRITTEN.iter().enumerate())
        .map(|(i, column)| format!("{column} = ?{}", i + 4))
        .collect();
    let mut values: Vec<&dyn ToSql> = vec![&new_version, &id, &org];
    values.extend(written(&f, &json_data, &secure));
    tx.execute(
        &format!(
            "UPDATE data_source SET version = ?1, updated = {NOW}, {} WHERE id = ?2 AND org_id = ?3",
            set.join(", ")
        ),
        &*values,
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
