//! Plugin-managed service accounts (`--plugin`): created from an app plugin's
//! `iam.permissions`, token written as the plugin's client secret, protected from users,
//! idempotent across restarts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::{Method, StatusCode};
use datasources_common::{state_with, Client, Res};
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::serviceaccounts::managed;
use serde_json::json;
use std::path::{Path, PathBuf};

const ADMIN: Option<OrgRole> = Some(OrgRole::Admin);

fn write_plugin(dir: &Path, manifest: serde_json::Value) -> PathBuf {
    let path = dir.join(format!(
        "{}.json",
        manifest["id"].as_str().unwrap_or("plugin")
    ));
    std::fs::write(&path, manifest.to_string()).unwrap();
    path
}

fn app_plugin(id: &str) -> serde_json::Value {
    json!({
        "id": id, "type": "app", "name": "Example",
        "iam": {"permissions": [
            {"action": "serviceaccounts:read", "scope": "serviceaccounts:*"},
            {"action": "datasources:read", "scope": "datasources:*"}
        ]}
    })
}

async fn bearer(c: &Client, uri: &str, key: &str) -> Res {
    let auth = format!("Bearer {key}");
    c.send_with(Method::GET, uri, &[("authorization", auth.as_str())], None)
        .await
}

#[track_caller]
fn assert_errutil(res: &Res, message: &str, id: &str) {
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    assert_eq!(res.json["message"], message);
    assert_eq!(res.json["messageId"], id);
}

#[tokio::test]
async fn an_app_plugin_gets_a_protected_account_and_a_client_secret() {
    let dir = tempfile::tempdir().unwrap();
    let plugin = write_plugin(dir.path(), app_plugin("myorg-Example-app"));
    let db_path = dir.path().join("dev.db");
    let c = Client::new(state_with(Db::open(&db_path).unwrap())).await;
    managed::register(&c.state, dir.path(), std::slice::from_ref(&plugin))
        .await
        .unwrap();

    let secret_path = dir.path().join("secrets/myorg-Example-app/client_secret");
    let key = std::fs::read_to_string(&secret_path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secret_path)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let parts: Vec<&str> = key.split('_').collect();
    assert_eq!(parts[0], "glmyorg-example-app");
    assert_eq!(parts[1].len(), 32);
    assert_eq!(parts[2].len(), 8);

    // The token acts with exactly the plugin's permissions (role None).
    let res = bearer(&c, "/api/serviceaccounts/search", &key).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let orgs = bearer(&c, "/api/user/orgs", &key).await;
    assert_eq!(orgs.json[0]["role"], "None");
    let auth = format!("Bearer {key}");
    let create = c
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &[("authorization", auth.as_str())],
            Some(r#"{"name":"nope"}"#),
        )
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);

    let search = c.get("/api/serviceaccounts/search", ADMIN).await;
    let sa = &search.json["serviceAccounts"][0];
    assert_eq!(sa["name"], "extsvc-myorg-example-app");
    assert_eq!(sa["login"], "sa-1-extsvc-myorg-example-app");
    assert_eq!(sa["role"], "None");
    assert_eq!(sa["isExternal"], true);
    assert_eq!(sa["tokens"], 1);
    let id = sa["id"].as_i64().unwrap();
    let plain = c
        .admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": "plain"})),
        )
        .await;
    assert!(plain.json.get("isExternal").is_none(), "{}", plain.text);
    let external = c
        .get("/api/serviceaccounts/search?external=true", ADMIN)
        .await;
    assert_eq!(external.json["totalCount"], 1);
    assert_eq!(external.json["serviceAccounts"][0]["id"], id);
    let got = c.get(&format!("/api/serviceaccounts/{id}"), ADMIN).await;
    assert_eq!(got.json["isExternal"], true);
    assert_eq!(got.json["requiredBy"], "myorg-example-app");
    let tokens = c
        .get(&format!("/api/serviceaccounts/{id}/tokens"), ADMIN)
        .await;
    assert_eq!(tokens.json[0]["name"], "extsvc-token-myorg-example-app");
    let token_id = tokens.json[0]["id"].as_i64().unwrap();

    // Users cannot change it.
    assert_errutil(
        &c.admin(
            Method::PATCH,
            &format!("/api/serviceaccounts/{id}"),
            Some(json!({"name": "x"})),
        )
        .await,
        "external service account cannot be updated",
        "extsvcaccounts.ErrCannotBeUpdated",
    );
    assert_errutil(
        &c.admin(Method::DELETE, &format!("/api/serviceaccounts/{id}"), None)
            .await,
        "external service account cannot be deleted",
        "extsvcaccounts.ErrCannotBeDeleted",
    );
    assert_errutil(
        &c.admin(
            Method::POST,
            &format!("/api/serviceaccounts/{id}/tokens"),
            Some(json!({"name": "t"})),
        )
        .await,
        "cannot add external service account token",
        "extsvcaccounts.ErrCannotCreateToken",
    );
    assert_errutil(
        &c.admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{id}/tokens/{token_id}"),
            None,
        )
        .await,
        "cannot delete external service account token",
        "extsvcaccounts.ErrCannotDeleteToken",
    );
    assert_errutil(
        &c.admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": "extsvc-mine"})),
        )
        .await,
        "only external service account names can be prefixed with 'extsvc-'",
        "extsvcaccounts.ErrInvalidName",
    );

    // A restart (same database) keeps one account and one token, and rotates the secret.
    drop(c);
    let c = Client::new(state_with(Db::open(&db_path).unwrap())).await;
    managed::register(&c.state, dir.path(), std::slice::from_ref(&plugin))
        .await
        .unwrap();
    let rotated = std::fs::read_to_string(&secret_path).unwrap();
    assert_ne!(rotated, key);
    assert_eq!(
        bearer(&c, "/api/user", &key).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        bearer(&c, "/api/user", &rotated).await.status,
        StatusCode::OK
    );
    let search = c
        .get("/api/serviceaccounts/search?query=extsvc", ADMIN)
        .await;
    assert_eq!(search.json["totalCount"], 1);
    assert_eq!(search.json["serviceAccounts"][0]["id"], id);
    assert_eq!(search.json["serviceAccounts"][0]["tokens"], 1);
}

#[tokio::test]
async fn plugins_without_iam_are_ignored_and_bad_iam_refuses_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let c = Client::new(state_with(Db::open_in_memory().unwrap())).await;
    let plain = write_plugin(
        dir.path(),
        json!({"id": "plain-app", "type": "app", "name": "P"}),
    );
    let panel = write_plugin(
        dir.path(),
        json!({"id": "a-panel", "type": "panel", "name": "P", "iam": {"permissions": []}}),
    );
    managed::register(&c.state, dir.path(), &[plain, panel])
        .await
        .unwrap();
    let search = c.get("/api/serviceaccounts/search", ADMIN).await;
    assert_eq!(search.json["totalCount"], 0);

    let mut bad = app_plugin("bad-app");
    bad["iam"]["permissions"][1]["action"] = json!("Not An Action");
    let bad = write_plugin(dir.path(), bad);
    let err = managed::register(&c.state, dir.path(), &[bad])
        .await
        .unwrap_err();
    assert!(err.contains("invalid action \"Not An Action\""), "{err}");
    assert!(!err.contains('\n'));
    let mut bad_scope = app_plugin("bad-scope-app");
    bad_scope["iam"]["permissions"][0]["scope"] = json!("no scope here");
    let bad_scope = write_plugin(dir.path(), bad_scope);
    let err = managed::register(&c.state, dir.path(), &[bad_scope])
        .await
        .unwrap_err();
    assert!(err.contains("invalid scope"), "{err}");
    let missing = dir.path().join("missing.json");
    assert!(managed::register(&c.state, dir.path(), &[missing])
        .await
        .is_err());
}

#[test]
fn the_binary_refuses_a_bad_plugin_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = app_plugin("bad-app");
    bad["iam"]["permissions"][0]["action"] = json!("nope");
    let bad = write_plugin(dir.path(), bad);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_devserver"))
        .args(["--port", "0", "--db"])
        .arg(dir.path().join("d.db"))
        .arg("--plugin")
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("invalid action \"nope\""), "{stderr}");
}

#[tokio::test]
async fn a_scoped_read_grant_filters_search_rows_and_single_reads() {
    let dir = tempfile::tempdir().unwrap();
    let c = Client::new(state_with(Db::open_in_memory().unwrap())).await;
    let mut ids = Vec::new();
    for name in ["first", "second"] {
        let res = c
            .admin(
                Method::POST,
                "/api/serviceaccounts",
                Some(json!({"name": name})),
            )
            .await;
        ids.push(res.json["id"].as_i64().unwrap());
    }
    let plugin = write_plugin(
        dir.path(),
        json!({"id": "scoped-app", "type": "app", "name": "S", "iam": {"permissions": [
            {"action": "serviceaccounts:read", "scope": format!("serviceaccounts:id:{}", ids[0])}
        ]}}),
    );
    managed::register(&c.state, dir.path(), &[plugin])
        .await
        .unwrap();
    let key = std::fs::read_to_string(dir.path().join("secrets/scoped-app/client_secret")).unwrap();
    let search = bearer(&c, "/api/serviceaccounts/search?accesscontrol=true", &key).await;
    assert_eq!(search.json["totalCount"], 1, "{}", search.text);
    assert_eq!(search.json["serviceAccounts"][0]["id"], ids[0]);
    assert_eq!(
        search.json["serviceAccounts"][0]["accessControl"],
        json!({"serviceaccounts:read": true})
    );
    let ok = bearer(&c, &format!("/api/serviceaccounts/{}", ids[0]), &key).await;
    assert_eq!(ok.status, StatusCode::OK);
    let denied = bearer(&c, &format!("/api/serviceaccounts/{}", ids[1]), &key).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(denied.json["title"], "Access denied");
}
