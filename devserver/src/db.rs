//! SQLite storage: one connection in WAL mode behind a mutex, versioned migrations,
//! [`Db::call`] to run blocking rusqlite code off the async runtime, and the reads the
//! areas' stores share ([`rows`] as tuples, [`exists`]).
//!
//! A request whose database code panics gets a 500; the next one finds the connection
//! recovered (the poisoned lock cleared, any transaction the panic left open rolled back),
//! so one bad request can never take the server down.

use rusqlite::{Connection, Params, Row};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite said no.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// The database folder could not be created.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The blocking task panicked or was cancelled.
    #[error("database task failed: {0}")]
    Task(String),
    /// The file was written by a newer devserver.
    #[error("database schema version {found} is newer than this devserver knows ({known})")]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        known: i64,
    },
}

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
/// Never edit a released migration: append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: organisations (devserver runs a single org, id 1, like the managed-SA feature requires).
    "CREATE TABLE org (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
     );
     INSERT INTO org (id, name, created, updated)
        VALUES (1, 'Main Org.', strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'));",
    // 2: data sources (devserver/src/datasources); secure_json_data is a JSON object of
    // AES-256-GCM-encrypted values. A new database gets the example data source.
    "CREATE TABLE data_source (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        version INTEGER NOT NULL DEFAULT 1,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        uid TEXT NOT NULL,
        access TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        \"user\" TEXT NOT NULL DEFAULT '',
        \"database\" TEXT NOT NULL DEFAULT '',
        basic_auth INTEGER NOT NULL DEFAULT 0,
        basic_auth_user TEXT NOT NULL DEFAULT '',
        with_credentials INTEGER NOT NULL DEFAULT 0,
        is_default INTEGER NOT NULL DEFAULT 0,
        json_data TEXT NOT NULL DEFAULT '{}',
        secure_json_data TEXT NOT NULL DEFAULT '{}',
        read_only INTEGER NOT NULL DEFAULT 0,
        api_version TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        UNIQUE (org_id, uid),
        UNIQUE (org_id, name)
     );
     INSERT INTO data_source (org_id, version, type, name, uid, access, url, json_data,
        is_default, created, updated)
        VALUES (1, 1, 'leptos-grafana-example-datasource', 'Example API', 'example-api', 'proxy',
        'http://127.0.0.1:9000', '{\"path\":\"/health\"}', 1,
        strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'));",
    // 3: people and service accounts (`user`, as Grafana keeps both), sign-in sessions
    // (only a hash of the cookie), and tokens / legacy API keys (only a hash of the key).
    "CREATE TABLE user (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uid TEXT NOT NULL UNIQUE,
        login TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password TEXT NOT NULL DEFAULT '',
        salt TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT 'Viewer',
        is_service_account INTEGER NOT NULL DEFAULT 0,
        is_disabled INTEGER NOT NULL DEFAULT 0,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL
     );
     CREATE INDEX user_sa_email_login ON user (is_service_account, email, login);
     CREATE INDEX user_name ON user (name);
     CREATE TABLE user_session (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        created INTEGER NOT NULL,
        seen INTEGER NOT NULL
     );
     CREATE TABLE api_key (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        org_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        expires INTEGER,
        last_used_at INTEGER,
        service_account_id INTEGER REFERENCES user(id) ON DELETE CASCADE,
        is_revoked INTEGER NOT NULL DEFAULT 0,
        UNIQUE (org_id, name)
     );
     CREATE INDEX api_key_service_account ON api_key (service_account_id, expires);",
    // 4: explicit permissions of a user (plugin-managed service accounts get their
    // plugin's `iam.permissions`), and search indexes on login and name alone.
    "CREATE TABLE user_permission (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        scope TEXT NOT NULL DEFAULT ''
     );
     CREATE INDEX user_permission_user ON user_permission (user_id);
     CREATE INDEX user_sa_login ON user (is_service_account, login);",
    // 5: failed sign-in attempts (Grafana's brute-force protection, per login).
    "CREATE TABLE login_attempt (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL,
        created INTEGER NOT NULL
     );
     CREATE INDEX login_attempt_username ON login_attempt (username, created);",
    // 6: a counter of service-account changes, which tells the in-memory search index
    // (serviceaccounts::search_index) when to rebuild.
    "CREATE TABLE sa_generation (n INTEGER NOT NULL);
     INSERT INTO sa_generation (n) VALUES (0);
     CREATE TRIGGER sa_generation_insert AFTER INSERT ON user WHEN NEW.is_service_account = 1
        BEGIN UPDATE sa_generation SET n = n + 1; END;
     CREATE TRIGGER sa_generation_update AFTER UPDATE ON user
        WHEN NEW.is_service_account = 1 OR OLD.is_service_account = 1
        BEGIN UPDATE sa_generation SET n = n + 1; END;
     CREATE TRIGGER sa_generation_delete AFTER DELETE ON user WHEN OLD.is_service_account = 1
        BEGIN UPDATE sa_generation SET n = n + 1; END;",
    // 7: who may administer a service account (Grafana's managed resource permissions
    // on `serviceaccounts:id:<id>`: a person gets Edit or Admin on one account).
    "CREATE TABLE service_account_permission (
        service_account_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        permission TEXT NOT NULL CHECK (permission IN ('Edit', 'Admin')),
        created INTEGER NOT NULL,
        PRIMARY KEY (service_account_id, user_id)
     );
     CREATE INDEX service_account_permission_user ON service_account_permission (user_id);",
    // 8: generic OAuth sign-in. `user_auth` links a person to the provider's id (Grafana's
    // table); `user_external_session` holds one OAuth session's tokens, each encrypted with
    // the secret key, and goes with its sign-in session (Grafana's table of that name).
    "CREATE TABLE user_auth (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        auth_module TEXT NOT NULL,
        auth_id TEXT NOT NULL,
        created INTEGER NOT NULL,
        UNIQUE (auth_module, auth_id)
     );
     CREATE TABLE user_external_session (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id INTEGER NOT NULL UNIQUE REFERENCES user_session(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        auth_module TEXT NOT NULL,
        access_token TEXT NOT NULL,
        token_type TEXT NOT NULL,
        id_token TEXT,
        refresh_token TEXT,
        expires_at INTEGER,
        created INTEGER NOT NULL
     );",
];

/// Handle to the database; clones share one connection.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating it and its folder if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::init(conn)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Self, DbError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Self, DbError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn call<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut guard = lock_recovering(&conn);
            f(&mut guard)
        })
        .await
        .map_err(|e| {
            if e.is_panic() {
                tracing::error!("a database task panicked; the connection is recovered");
                DbError::Task("the database task panicked".to_owned())
            } else {
                DbError::Task(e.to_string())
            }
        })?
    }

    /// The schema version (number of migrations applied).
    pub async fn schema_version(&self) -> Result<i64, DbError> {
        self.call(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?))
            .await
    }
}

/// The rows `sql` selects with `params`, each read as the tuple of its columns in order
/// (`(i64, String)` for `SELECT id, name …`); the statement is cached.
pub fn rows<T>(c: &Connection, sql: &str, params: impl Params) -> Result<Vec<T>, DbError>
where
    T: for<'r> TryFrom<&'r Row<'r>, Error = rusqlite::Error>,
{
    let mut stmt = c.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, |r| T::try_from(r))?
        .collect::<Result<Vec<T>, _>>()?;
    Ok(rows)
}

/// Whether `sql`, a `SELECT EXISTS (…)`, holds for `params`.
pub fn exists(c: &Connection, sql: &str, params: impl Params) -> Result<bool, DbError> {
    Ok(c.query_row(sql, params, |r| r.get(0))?)
}

/// The connection, also after a panic while it was held: the poison is cleared and a
/// transaction the panic left open is rolled back (rusqlite's `Transaction` rolls back on
/// drop while unwinding; this also covers a `BEGIN` issued by hand).
fn lock_recovering(conn: &Mutex<Connection>) -> std::sync::MutexGuard<'_, Connection> {
    match conn.lock() {
        Ok(guard) => guard,
        Err(poisoned) => {
            let guard = poisoned.into_inner();
            if !guard.is_autocommit() {
                let _ = guard.execute_batch("ROLLBACK");
            }
            conn.clear_poison();
            guard
        }
    }
}

/// Applies every migration newer than the file's `user_version`, each in a transaction.
fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > known {
        return Err(DbError::TooNew { found, known });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn migrations_run_once_and_are_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dev.db");
        let db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().await.unwrap(), MIGRATIONS.len() as i64);
        drop(db);
        // Re-opening applies nothing twice (the seed org insert would fail on a re-run).
        let db = Db::open(&path).unwrap();
        let orgs: i64 = db
            .call(|c| Ok(c.query_row("SELECT count(*) FROM org", [], |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(orgs, 1);
        let mode: String = db
            .call(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[tokio::test]
    async fn a_panic_inside_the_database_never_hurts_the_next_call() {
        let db = Db::open_in_memory().unwrap();
        let failed = db
            .call(|c| -> Result<(), DbError> {
                c.execute_batch(
                    "BEGIN; INSERT INTO login_attempt (username, created) VALUES ('x', 1);",
                )?;
                #[allow(clippy::panic)]
                {
                    panic!("a bug in one request");
                }
            })
            .await;
        assert!(matches!(failed, Err(DbError::Task(_))), "{failed:?}");
        // The next call works, and the half-done transaction did not land.
        let rows: i64 = db
            .call(|c| Ok(c.query_row("SELECT count(*) FROM login_attempt", [], |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(rows, 0);
        assert_eq!(db.schema_version().await.unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dev.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        drop(conn);
        assert!(matches!(
            Db::open(&path),
            Err(DbError::TooNew { found: 999, .. })
        ));
    }
}
