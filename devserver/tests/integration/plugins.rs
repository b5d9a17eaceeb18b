//! `/api/plugins`, `/api/plugins/{id}/settings`, `/public/plugins/{id}/…` and
//! `--plugins-dir` at start-up.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::StatusCode;
use datasources_common::*;
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::plugins::PluginRegistry;
use leptos_grafana_devserver::AppState;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

const ID: &str = "leptos-grafana-example-datasource";
const APP_ID: &str = "leptos-grafana-example-app";
const DSCONFIG_ID: &str = "leptos-grafana-dsconfig-datasource";
const LOGO: &str = "public/plugins/leptos-grafana-example-datasource/img/logo.svg";

async fn client() -> Client {
    Client::new(test_state()).await
}

#[tokio::test]
async fn lists_installed_plugins_in_grafanas_shape() {
    let c = client().await;
    let res = c.get("/api/plugins", Some(OrgRole::Viewer)).await;
    assert_eq!(res.status, StatusCode::OK);
    let list = res.json.as_array().unwrap();
    let ids: Vec<&str> = list.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            DSCONFIG_ID,
            APP_ID,
            ID,
            "leptos-grafana-example-rust-datasource"
        ],
        "sorted by id"
    );
    let p = &list[2];
    assert_eq!(p["id"], ID);
    assert_eq!(p["name"], "Example API (leptos-grafana)");
    assert_eq!(p["type"], "datasource");
    assert_eq!(p["enabled"], true);
    assert_eq!(p["pinned"], false);
    assert_eq!(p["hasUpdate"], false);
    assert_eq!(p["latestVersion"], "");
    assert_eq!(p["signature"], "unsigned");
    assert_eq!(p["signatureType"], "");
    assert_eq!(p["signatureOrg"], "");
    assert_eq!(p["category"], "");
    assert_eq!(p["state"], "");
    assert_eq!(p["defaultNavUrl"], format!("/plugins/{ID}/"));
    assert_eq!(p["info"]["version"], "0.1.0");
    assert_eq!(p["info"]["author"]["name"], "leptos-grafana");
    assert_eq!(p["info"]["logos"], json!({"small": LOGO, "large": LOGO}));
    assert_eq!(
        p["info"]["description"],
        "An HTTP API data source whose ConfigEditor is written in Leptos."
    );

    let ds = c
        .get("/api/plugins?type=datasource", Some(OrgRole::None))
        .await;
    assert_eq!(ds.json.as_array().unwrap().len(), 3);
    let panels = c
        .get("/api/plugins?type=panel", Some(OrgRole::Viewer))
        .await;
    assert_eq!(panels.json, json!([]));
}

#[tokio::test]
async fn plugin_settings_and_unknown_ids() {
    let c = client().await;
    let res = c
        .get(
            &format!("/api/plugins/{ID}/settings"),
            Some(OrgRole::Editor),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let s = &res.json;
    for key in [
        "name",
        "type",
        "id",
        "enabled",
        "pinned",
        "module",
        "baseUrl",
        "info",
        "includes",
        "dependencies",
        "jsonData",
        "defaultNavUrl",
        "latestVersion",
        "hasUpdate",
        "state",
        "signature",
        "signatureType",
        "signatureOrg",
        "secureJsonFields",
    ] {
        assert!(s.get(key).is_some(), "missing {key}");
    }
    assert_eq!(s["id"], ID);
    assert_eq!(s["type"], "datasource");
    assert_eq!(s["baseUrl"], format!("public/plugins/{ID}"));
    assert_eq!(s["module"], format!("public/plugins/{ID}/module.js"));
    assert_eq!(s["dependencies"]["grafanaDependency"], ">=12.0.0");
    assert_eq!(s["includes"], json!([]));
    assert_eq!(s["secureJsonFields"], json!({}));
    assert_eq!(s["jsonData"], Value::Null);

    let res = c
        .get("/api/plugins/nope/settings", Some(OrgRole::Admin))
        .await;
    assert_message(
        &res,
        404,
        "Plugin not found, no installed plugin with that id",
    );
}

#[tokio::test]
async fn plugin_api_routes_need_a_signed_in_user() {
    let c = client().await;
    for uri in ["/api/plugins", &format!("/api/plugins/{ID}/settings")] {
        let res = c.get(uri, None).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{uri}");
    }
}

#[tokio::test]
async fn static_files_are_served_without_sign_in() {
    let c = client().await;
    let res = c
        .get(&format!("/public/plugins/{ID}/config-schema.json"), None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type, "application/json");
    // Served from the example's dist/ once built, from its src/ before.
    let served = PluginRegistry::load(&plugins_dir())
        .unwrap()
        .get(ID)
        .unwrap()
        .dir
        .clone();
    let on_disk = std::fs::read_to_string(served.join("config-schema.json")).unwrap();
    assert_eq!(res.text, on_disk);
    let res = c.get(&format!("/{LOGO}"), None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type, "image/svg+xml");
    let res = c
        .get(&format!("/public/plugins/{ID}/plugin.json"), None)
        .await;
    assert_eq!(res.json["id"], ID);
}

#[tokio::test]
async fn path_traversal_and_unknown_files_are_404() {
    let c = client().await;
    for uri in [
        format!("/public/plugins/{ID}/../../Cargo.toml"),
        format!("/public/plugins/{ID}/img/../../../README.md"),
        format!("/public/plugins/{ID}/%2e%2e/%2e%2e/Cargo.toml"),
        format!("/public/plugins/{ID}/..%2F..%2FCargo.toml"),
        format!("/public/plugins/{ID}/%2Fetc%2Fpasswd"),
        format!("/public/plugins/{ID}/..\\..\\Cargo.toml"),
        format!("/public/plugins/{ID}/nope.json"),
        format!("/public/plugins/{ID}/img"),
        "/public/plugins/nope/plugin.json".to_owned(),
        "/public/plugins/../plugins/x".to_owned(),
    ] {
        let res = c.get(&uri, Some(OrgRole::Admin)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{uri}: {}", res.text);
        assert!(!res.text.contains("[package]"), "{uri}");
    }
}

#[cfg(unix)]
#[tokio::test]
async fn symlinks_out_of_the_plugin_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plugin = dir.path().join("plugins/p");
    std::fs::create_dir_all(&plugin).unwrap();
    std::fs::write(
        plugin.join("plugin.json"),
        r#"{"id":"p","type":"panel","name":"P"}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("secret.txt"), "outside").unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), plugin.join("link.txt")).unwrap();
    let state = AppState::new(Db::open_in_memory().unwrap(), PathBuf::from("/nonexistent"))
        .with_plugins(PluginRegistry::load(&dir.path().join("plugins")).unwrap());
    let c = Client::new(state).await;
    let res = c.get("/public/plugins/p/link.txt", None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = c.get("/public/plugins/p/plugin.json", None).await;
    assert_eq!(res.status, StatusCode::OK);
    // The panel plugin is listed; ?type filters it out.
    let all = c.get("/api/plugins", Some(OrgRole::Viewer)).await;
    assert_eq!(all.json[0]["id"], "p");
    assert_eq!(
        all.json[0]["info"]["logos"]["small"],
        "public/img/icn-datasource.svg"
    );
    let ds = c
        .get("/api/plugins?type=datasource", Some(OrgRole::Viewer))
        .await;
    assert_eq!(ds.json, json!([]));
}

const BIN: &str = env!("CARGO_BIN_EXE_devserver");

#[test]
fn a_malformed_plugin_json_refuses_start_up_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("plugins/broken");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("plugin.json"), "{\"id\": \"broken\",").unwrap();
    let out = Command::new(BIN)
        .args(["--port", "0", "--db"])
        .arg(dir.path().join("dev.db"))
        .arg("--plugins-dir")
        .arg(dir.path().join("plugins"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("devserver: malformed plugin manifest "),
        "{stderr}"
    );
    assert!(lines[0].contains("broken/plugin.json"), "{stderr}");
}

#[test]
fn a_missing_plugins_dir_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let reg = PluginRegistry::load(&dir.path().join("absent")).unwrap();
    assert_eq!(reg.iter().count(), 0);
}
