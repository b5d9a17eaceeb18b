//! Plugin-managed ("external") service accounts, as Grafana makes them for app plugins
//! that declare `iam.permissions` in their `plugin.json` (`--plugin path/to/plugin.json`).
//!
//! Each such plugin gets the account `extsvc-<slug(pluginId)>` (login
//! `sa-1-extsvc-<slug>`, role None) holding exactly the plugin's permissions, and one
//! token `extsvc-token-<slug>` (`gl<slug>_<secret>_<checksum>`). Grafana hands that token
//! to the plugin process as `GF_PLUGIN_APP_CLIENT_SECRET`; devserver writes it to
//! `<db dir>/secrets/<pluginId>/client_secret` (mode 0600) instead. Every start rotates the
//! token and keeps exactly one account per plugin.

use super::access::EXTSVC_PREFIX;
use super::accounts::login_for;
use crate::auth::access::Permissions;
use crate::auth::password::random_string;
use crate::db::DbError;
use crate::AppState;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// An app plugin's managed-account request.
#[derive(Clone, Debug)]
pub struct ManagedSpec {
    /// `plugin.json` `id`.
    pub plugin_id: String,
    /// `slug(plugin_id)`.
    pub slug: String,
    /// `iam.permissions`.
    pub permissions: Permissions,
}

/// Grafana-like slug: lower case, runs of anything but `[a-z0-9]` become one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for ch in text.to_lowercase().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn valid_action(action: &str) -> bool {
    let Some((kind, verb)) = action.split_once(':') else {
        return false;
    };
    let mut kc = kind.chars();
    kc.next().is_some_and(|c| c.is_ascii_lowercase())
        && kc.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        && !verb.is_empty()
        && verb
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.*-".contains(c))
}

fn valid_scope(scope: &str) -> bool {
    if scope.is_empty() {
        return true;
    }
    let parts: Vec<&str> = scope.split(':').collect();
    let Some((last, head)) = parts.split_last() else {
        return false;
    };
    let word = |p: &&str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
    };
    !head.is_empty()
        && head.iter().all(word)
        && (*last == "*" || (!last.is_empty() && !last.chars().any(char::is_whitespace)))
}

/// Reads a `plugin.json`: `Ok(None)` when it is not an app or declares no
/// `iam.permissions`; `Err` (one line) when it cannot be read or an entry is invalid.
pub fn read_manifest(path: &Path) -> Result<Option<ManagedSpec>, String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("--plugin {shown}: {e}"))?;
    let manifest: Value =
        serde_json::from_str(&text).map_err(|e| format!("--plugin {shown}: invalid JSON: {e}"))?;
    let id = manifest
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("--plugin {shown}: missing \"id\""))?;
    // The id names a folder under `<db dir>/secrets/`: never `/`, `\`, `..` or a control
    // character (Grafana's plugin ids are letters, digits and `-`).
    if !grafana_model::paths::is_valid_plugin_id(id) {
        return Err(format!(
            "--plugin {shown}: invalid plugin id {id:?} (letters, digits, '-' and '_' only)"
        ));
    }
    if manifest.get("type").and_then(Value::as_str) != Some("app") {
        return Ok(None);
    }
    let Some(list) = manifest.pointer("/iam/permissions") else {
        return Ok(None);
    };
    let list = list
        .as_array()
        .ok_or_else(|| format!("--plugin {shown}: \"iam.permissions\" must be an array"))?;
    let mut permissions = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let action = entry
            .get("action")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let scope = entry
            .get("scope")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !valid_action(action) {
            return Err(format!(
                "--plugin {shown}: iam.permissions[{i}]: invalid action {action:?}"
            ));
        }
        if !valid_scope(scope) {
            return Err(format!(
                "--plugin {shown}: iam.permissions[{i}]: invalid scope {scope:?}"
            ));
        }
        permissions.push((action.to_owned(), scope.to_owned()));
    }
    Ok(Some(ManagedSpec {
        plugin_id: id.to_owned(),
        slug: slugify(id),
        permissions,
    }))
}

/// Creates (or re-uses) the account of `spec`, sets its permissions, replaces its token
/// with `hashed`, all in one transaction. Returns the account id.
pub fn store_account(
    c: &mut Connection,
    spec: &ManagedSpec,
    hashed: &str,
    now: i64,
) -> Result<i64, DbError> {
    let name = format!("{EXTSVC_PREFIX}{}", spec.slug);
    let login = login_for(1, &name);
    let tx = c.transaction()?;
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM user WHERE login = ?1 AND is_service_account = 1",
            [&login],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => {
            tx.execute(
                "UPDATE user SET name = ?1, role = 'None', is_disabled = 0, updated = ?2 WHERE id = ?3",
                params![name, now, id],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO user (uid, login, email, name, role, is_service_account, is_disabled, created, updated)
                 VALUES (?1, ?2, ?2, ?3, 'None', 1, 0, ?4, ?4)",
                params![random_string(14), login, name, now],
            )?;
            tx.last_insert_rowid()
        }
    };
    tx.execute("DELETE FROM user_permission WHERE user_id = ?1", [id])?;
    for (action, scope) in &spec.permissions {
        tx.execute(
            "INSERT INTO user_permission (user_id, action, scope) VALUES (?1, ?2, ?3)",
            params![id, action, scope],
        )?;
    }
    let token_name = format!("extsvc-token-{}", spec.slug);
    tx.execute(
        "DELETE FROM api_key WHERE service_account_id = ?1 OR (org_id = 1 AND name = ?2)",
        params![id, token_name],
    )?;
    tx.execute(
        "INSERT INTO api_key (org_id, name, key, role, created, updated, expires, service_account_id, is_revoked)
         VALUES (1, ?1, ?2, 'None', ?3, ?3, NULL, ?4, 0)",
        params![token_name, hashed, now, id],
    )?;
    tx.commit()?;
    Ok(id)
}

/// Where the client secret of `plugin_id` is written.
pub fn secret_path(db_dir: &Path, plugin_id: &str) -> PathBuf {
    secrets_dir(db_dir).join(plugin_id).join("client_secret")
}

/// `<db dir>/secrets`: where managed accounts' tokens are written. devserver never serves
/// a file from it, whatever `--plugins-dir` overlaps.
pub fn secrets_dir(db_dir: &Path) -> PathBuf {
    db_dir.join("secrets")
}

fn write_secret(path: &Path, key: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    std::io::Write::write_all(&mut file, key.as_bytes())
}

/// Registers the managed account of every `--plugin` manifest that asks for one, writing
/// each token under `db_dir`. Errors are one line, meant to stop start-up.
pub async fn register(
    state: &AppState,
    db_dir: &Path,
    manifests: &[PathBuf],
) -> Result<(), String> {
    let mut specs = Vec::new();
    for path in manifests {
        if let Some(spec) = read_manifest(path)? {
            specs.push(spec);
        }
    }
    for spec in specs {
        let generated = crate::auth::token::generate(&spec.slug);
        let now = state.clock.now();
        let hashed = generated.hashed;
        let stored = spec.clone();
        state
            .db
            .call(move |c| store_account(c, &stored, &hashed, now))
            .await
            .map_err(|e| {
                format!(
                    "plugin {}: cannot store its service account: {e}",
                    spec.plugin_id
                )
            })?;
        let path = secret_path(db_dir, &spec.plugin_id);
        write_secret(&path, &generated.key).map_err(|e| {
            format!(
                "plugin {}: cannot write {}: {e}",
                spec.plugin_id,
                path.display()
            )
        })?;
        tracing::info!(plugin = ?spec.plugin_id, secret = %path.display(), "managed service account ready");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_actions_and_scopes() {
        assert_eq!(slugify("myorg-Example-app"), "myorg-example-app");
        assert_eq!(slugify("grafana__x app"), "grafana-x-app");
        assert!(valid_action("users:read"));
        assert!(valid_action("dashboards.permissions:write"));
        assert!(!valid_action("users"));
        assert!(!valid_action("Users:read"));
        assert!(!valid_action("users:"));
        assert!(valid_scope("users:*"));
        assert!(valid_scope("serviceaccounts:id:3"));
        assert!(valid_scope(""));
        assert!(!valid_scope("users"));
        assert!(!valid_scope("users:a b"));
    }
}
