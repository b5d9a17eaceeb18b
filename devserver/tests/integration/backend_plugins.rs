//! Backend plugins as Grafana runs them: the example Rust plugin's real backend
//! (`gpx_leptos-grafana-example-rust-datasource`, built by `cargo test --workspace` for its
//! own tests) started by devserver with go-plugin's handshake, Save & test answered by its
//! `CheckHealth` against a small upstream on loopback, and Grafana's errors when a plugin
//! has no backend, never handshakes, or dies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common::*;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::plugins::backend::BackendPlugins;
use leptos_grafana_devserver::plugins::PluginRegistry;
use leptos_grafana_devserver::AppState;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(super) const PLUGIN: &str = "leptos-grafana-example-rust-datasource";
const EXECUTABLE: &str = "gpx_leptos-grafana-example-rust-datasource";
pub(super) const API_KEY: &str = "upstream-key-4f1c";

/// The example backend, as `cargo test --workspace` builds it beside devserver.
fn backend_binary() -> PathBuf {
    let path = Path::new(env!("CARGO_BIN_EXE_devserver")).with_file_name(EXECUTABLE);
    assert!(
        path.exists(),
        "{} is missing: run `cargo test --workspace` (or `cargo build -p leptos-grafana-example-rust-datasource-backend`)",
        path.display()
    );
    path
}

/// Grafana's file name for `executable` on this machine.
fn platform_name(executable: &str) -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("{executable}_{}_{arch}", std::env::consts::OS)
}

/// A plugins folder holding one plugin, `<root>/<id>/`, whose executable is `script` (a
/// shell script run with `sh`; `$PWD` is the plugin folder, which also holds the real
/// backend as `real`). Returns the plugin folder.
pub(super) fn plugin_folder(root: &Path, manifest: Value, script: &str) -> PathBuf {
    let dir = root.join(PLUGIN);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plugin.json"), manifest.to_string()).unwrap();
    std::fs::copy(backend_binary(), dir.join("real")).unwrap();
    let exe = dir.join(platform_name(EXECUTABLE));
    std::fs::write(&exe, format!("#!/bin/sh\n{script}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

pub(super) fn manifest(backend: bool) -> Value {
    json!({
        "type": "datasource", "name": "Example Rust", "id": PLUGIN,
        "backend": backend, "executable": EXECUTABLE,
        "info": { "version": "1.0.0", "author": { "name": "t" } },
    })
}

/// The wrapper every test plugin runs: records its environment and pid, then becomes the
/// real backend.
pub(super) const RECORD_AND_RUN: &str =
    "/usr/bin/env > \"$PWD/env.txt\"\necho $$ > \"$PWD/pid\"\nexec \"$PWD/real\"";

/// The example's upstream API on 127.0.0.1:0 (see the backend's module doc); it accepts
/// only [`API_KEY`] and records the `Authorization` headers it saw.
pub(super) async fn upstream() -> (String, Arc<Mutex<Vec<String>>>) {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let check = {
        let seen = seen.clone();
        move |h: &HeaderMap| {
            let auth = h
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            seen.lock().unwrap().push(auth.clone());
            auth == format!("Bearer {API_KEY}")
        }
    };
    let c1 = check.clone();
    let c2 = check.clone();
    let app = Router::new()
        .route(
            "/api/version",
            get(move |h: HeaderMap| {
                let ok = c1(&h);
                async move {
                    if ok {
                        (StatusCode::OK, Json(json!({ "version": "9.9.9" })))
                    } else {
                        (
                            StatusCode::UNAUTHORIZED,
                            Json(json!({ "message": "bad key" })),
                        )
                    }
                }
            }),
        )
        .route(
            "/api/regions",
            get(|| async { Json(json!([{ "id": "eu-west", "name": "EU West" }])) }),
        )
        .route(
            "/api/series",
            get(
                move |h: HeaderMap, q: axum::extract::Query<std::collections::HashMap<String, String>>| {
                    let ok = c2(&h);
                    async move {
                        let from: i64 = q.get("from").and_then(|f| f.parse().ok()).unwrap_or_default();
                        // The query's region, else the data source's default one.
                        let region = q.get("region").cloned().unwrap_or_default();
                        if !ok {
                            return (StatusCode::UNAUTHORIZED, Json(json!({ "message": "bad key" })));
                        }
                        let value = if region == "eu-west" { 1.5 } else { -1.0 };
                        (StatusCode::OK, Json(json!({ "points": [[from, value], [from + 1000, 2.5]] })))
                    }
                },
            ),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), seen)
}

/// An app over `root`'s plugins, with their backends started (`timeout` for handshakes).
async fn client(root: &Path, timeout: Duration) -> (Client, BackendPlugins) {
    let registry = PluginRegistry::load(root).unwrap();
    let backends = BackendPlugins::start(&registry, "12.0.0", "http://127.0.0.1/", timeout);
    let state = AppState::new(
        Db::open_in_memory().unwrap(),
        PathBuf::from("/nonexistent-dist"),
    )
    .with_plugins(PluginRegistry::load(root).unwrap())
    .with_backends(backends.clone());
    (Client::new(state).await, backends)
}

async fn create(client: &Client, name: &str, url: &str, key: &str) -> String {
    let res = client
        .admin(
            Method::POST,
            "/api/datasources",
            Some(
                json!({ "name": name, "type": PLUGIN, "access": "proxy", "url": url,
                         "secureJsonData": { "apiKey": key } }),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["datasource"]["uid"].as_str().unwrap().to_owned()
}

/// Health of `uid` until `done` accepts it (the backend may still be starting), within 20 s.
pub(super) async fn health_until(
    client: &Client,
    uid: &str,
    role: OrgRole,
    done: impl Fn(&Res) -> bool,
) -> Res {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let started = Instant::now();
        let res = client
            .get(&format!("/api/datasources/uid/{uid}/health"), Some(role))
            .await;
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "a health call hung"
        );
        if done(&res) || Instant::now() > deadline {
            return res;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn is_unavailable(res: &Res) -> bool {
    res.status == StatusCode::INTERNAL_SERVER_ERROR && res.json["messageId"] == "plugin.unavailable"
}

fn assert_unavailable(res: &Res) {
    assert_eq!(
        res.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        res.text
    );
    assert_eq!(res.json["messageId"], "plugin.unavailable");
    assert_eq!(res.json["message"], "Plugin unavailable");
    assert_eq!(res.json["statusCode"], 500);
}

#[tokio::test]
async fn save_and_test_is_the_plugins_check_health_with_the_decrypted_key() {
    let root = tempfile::tempdir().unwrap();
    plugin_folder(root.path(), manifest(true), RECORD_AND_RUN);
    let (url, seen) = upstream().await;
    let (client, backends) = client(root.path(), Duration::from_secs(30)).await;
    let good = create(&client, "good", &url, API_KEY).await;
    let wrong = create(&client, "wrong", &url, "not-the-key").await;

    let ok = health_until(&client, &good, OrgRole::Admin, |r| !is_unavailable(r)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(ok.json["status"], "OK");
    assert_eq!(
        ok.json["message"],
        "The Rust backend reached upstream version 9.9.9 with the API key"
    );
    // Nothing of the browser's request reached the plugin.
    assert_eq!(
        ok.json["details"],
        json!({ "forwarded": { "headers": [], "cookies": [], "grafanaUser": null, "oauthIdentity": null } })
    );
    assert!(seen.lock().unwrap().contains(&format!("Bearer {API_KEY}")));

    let refused = client
        .get(
            &format!("/api/datasources/uid/{wrong}/health"),
            Some(OrgRole::Admin),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text);
    assert_eq!(refused.json["status"], "ERROR");
    assert_eq!(
        refused.json["message"],
        "The upstream refused the API key (HTTP 401)"
    );
    // A Viewer may test (datasources:query); the secret never comes back in an answer.
    let viewer = client
        .get(
            &format!("/api/datasources/uid/{good}/health"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(viewer.status, StatusCode::OK, "{}", viewer.text);
    assert!(!ok.text.contains(API_KEY) && !viewer.text.contains(API_KEY));
    backends.stop_all();
}

#[tokio::test]
async fn a_data_source_of_a_plugin_without_a_backend_is_plugin_unavailable() {
    let root = tempfile::tempdir().unwrap();
    plugin_folder(root.path(), manifest(false), RECORD_AND_RUN);
    let (client, _) = client(root.path(), Duration::from_secs(30)).await;
    let uid = create(&client, "frontend-only", "http://127.0.0.1:9", API_KEY).await;
    let res = client
        .get(
            &format!("/api/datasources/uid/{uid}/health"),
            Some(OrgRole::Admin),
        )
        .await;
    assert_unavailable(&res);
    // Nothing was started for it.
    assert!(!root.path().join(PLUGIN).join("pid").exists());
}

#[tokio::test]
async fn health_lookups_answer_as_grafana() {
    let c = Client::new(test_state()).await;
    let health = |uid: &str| format!("/api/datasources/uid/{uid}/health");
    let res = c.get(&health("nope"), Some(OrgRole::Viewer)).await;
    assert_message(&res, 500, "Unable to load datasource metadata");
    let res = c.get(&health("bad%20uid"), Some(OrgRole::Viewer)).await;
    assert_message(&res, 400, "UID is invalid");
    // A type no installed plugin has.
    let uid = create_of(&c, "unknown-type-datasource").await;
    assert_message(
        &c.get(&health(&uid), Some(OrgRole::Viewer)).await,
        404,
        "Plugin not found",
    );
    // The repository's frontend-only example: it tests itself in the browser.
    let uid = create_of(&c, "leptos-grafana-example-datasource").await;
    assert_unavailable(&c.get(&health(&uid), Some(OrgRole::Viewer)).await);
}

/// A data source of type `kind` pointing at a closed port.
async fn create_of(client: &Client, kind: &str) -> String {
    let res = client
        .admin(
            Method::POST,
            "/api/datasources",
            Some(
                json!({"name": kind, "type": kind, "access": "proxy", "url": "http://127.0.0.1:9"}),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["datasource"]["uid"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_plugin_that_never_handshakes_is_a_clear_start_error_and_devserver_stays_up() {
    let root = tempfile::tempdir().unwrap();
    plugin_folder(root.path(), manifest(true), "exec /bin/sleep 30");
    let (client, backends) = client(root.path(), Duration::from_secs(1)).await;
    let uid = create(&client, "silent", "http://127.0.0.1:9", API_KEY).await;
    let started = Instant::now();
    let res = client
        .get(
            &format!("/api/datasources/uid/{uid}/health"),
            Some(OrgRole::Admin),
        )
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the health call waited for the plugin"
    );
    assert_unavailable(&res);
    let deadline = Instant::now() + Duration::from_secs(10);
    let error = loop {
        if let Some(e) = backends.get(PLUGIN).unwrap().last_error() {
            break e;
        }
        assert!(Instant::now() < deadline, "no start error was recorded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(error.contains("no handshake line within 1 s"), "{error}");
    assert_eq!(client.get("/api/health", None).await.status, StatusCode::OK);
    backends.stop_all();
}

#[tokio::test]
async fn a_killed_plugin_gets_grafanas_errors_until_it_is_restarted() {
    let root = tempfile::tempdir().unwrap();
    let dir = plugin_folder(root.path(), manifest(true), RECORD_AND_RUN);
    let (url, _) = upstream().await;
    let (client, backends) = client(root.path(), Duration::from_secs(30)).await;
    let uid = create(&client, "crashy", &url, API_KEY).await;
    let ok = health_until(&client, &uid, OrgRole::Admin, |r| {
        r.status == StatusCode::OK
    })
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);

    let pid = std::fs::read_to_string(dir.join("pid"))
        .unwrap()
        .trim()
        .to_owned();
    std::fs::remove_file(dir.join("pid")).unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    // Until the restart: Grafana's 500, never a hang, and the other routes unaffected.
    let down = health_until(&client, &uid, OrgRole::Admin, |r| {
        r.status != StatusCode::OK
    })
    .await;
    assert_unavailable(&down);
    assert_eq!(client.get("/api/health", None).await.status, StatusCode::OK);
    // Restarted within about a second, by a new process.
    let back = health_until(&client, &uid, OrgRole::Admin, |r| {
        r.status == StatusCode::OK
    })
    .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text);
    let new_pid = std::fs::read_to_string(dir.join("pid")).unwrap();
    assert_ne!(new_pid.trim(), pid);
    backends.stop_all();
}

#[test]
fn the_plugin_gets_grafanas_variables_and_none_of_devservers() {
    let root = tempfile::tempdir().unwrap();
    let dir = plugin_folder(root.path(), manifest(true), RECORD_AND_RUN);
    let canary = "secret-key-canary-91e2";
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_devserver"))
        .args(["--port", "0", "--dist", "/nonexistent-dist"])
        .arg("--db")
        .arg(root.path().join("db.sqlite"))
        .arg("--plugins-dir")
        .arg(root.path())
        .env("DEVSERVER_SECRET_KEY", canary)
        .env("DEVSERVER_GRAFANA_TOKEN_CANARY", canary)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let env = loop {
        if let Ok(env) = std::fs::read_to_string(dir.join("env.txt")) {
            if !env.is_empty() {
                break env;
            }
        }
        assert!(Instant::now() < deadline, "the plugin was not started");
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = child.kill();
    let _ = child.wait();
    let names: Vec<&str> = env.lines().filter_map(|l| l.split('=').next()).collect();
    for expected in [
        "grafana_plugin_type",
        "PLUGIN_PROTOCOL_VERSIONS",
        "GF_VERSION",
        "GF_APP_URL",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert!(
        env.contains("grafana_plugin_type=datasource")
            && env.contains("PLUGIN_PROTOCOL_VERSIONS=2")
    );
    assert!(!env.contains("DEVSERVER_"), "{env}");
    assert!(!env.contains(canary), "{env}");
    // Not inherited at all: not even PATH or HOME (the shell adds PWD, SHLVL and `_`).
    for name in &names {
        assert!(
            matches!(*name, "grafana_plugin_type" | "PWD" | "SHLVL" | "_")
                || name.starts_with("PLUGIN_")
                || name.starts_with("GF_"),
            "unexpected variable {name}"
        );
    }
}

async fn started(
    keep_cookies: Value,
    send_user_header: bool,
) -> (tempfile::TempDir, Client, BackendPlugins, String, String) {
    let root = tempfile::tempdir().unwrap();
    plugin_folder(root.path(), manifest(true), RECORD_AND_RUN);
    let (url, _) = upstream().await;
    let registry = PluginRegistry::load(root.path()).unwrap();
    let backends = BackendPlugins::start(
        &registry,
        "12.0.0",
        "http://127.0.0.1/",
        Duration::from_secs(30),
    );
    let mut state = AppState::new(
        Db::open_in_memory().unwrap(),
        PathBuf::from("/nonexistent-dist"),
    )
    .with_plugins(registry)
    .with_backends(backends.clone());
    state.send_user_header = send_user_header;
    let client = Client::new(state).await;
    let res = client
        .admin(
            Method::POST,
            "/api/datasources",
            Some(
                json!({ "name": "fwd", "type": PLUGIN, "access": "proxy", "url": url,
                         "jsonData": { "keepCookies": keep_cookies, "defaultRegion": "eu-west" },
                         "secureJsonData": { "apiKey": API_KEY } }),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let uid = res.json["datasource"]["uid"].as_str().unwrap().to_owned();
    let wrong = create(&client, "wrong", &url, "nope").await;
    let ok = health_until(&client, &uid, OrgRole::Admin, |r| {
        r.status == StatusCode::OK
    })
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    (root, client, backends, uid, wrong)
}

/// Save & test's details (what reached the plugin) for a browser request with `headers`.
async fn forwarded(client: &Client, uid: &str, headers: &[(&str, &str)]) -> Value {
    let session = client.cookie(OrgRole::Admin);
    let cookie = format!("a=1; b=2; {session}");
    let mut all = vec![("cookie", cookie.as_str())];
    all.extend_from_slice(headers);
    let res = client
        .send_with(
            Method::GET,
            &format!("/api/datasources/uid/{uid}/health"),
            &all,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["details"]["forwarded"].clone()
}

#[tokio::test]
async fn keep_cookies_forwards_only_the_named_cookies_never_the_session() {
    let (_root, client, backends, uid, _) = started(json!(["a"]), false).await;
    let seen = forwarded(&client, &uid, &[("x-grafana-device-id", "device-1")]).await;
    assert_eq!(seen["cookies"], json!(["a"]));
    assert_eq!(seen["headers"], json!(["Cookie"]));
    backends.stop_all();
}

#[tokio::test]
async fn the_user_header_is_sent_only_with_send_user_header() {
    let (_root, client, backends, uid, _) = started(json!([]), false).await;
    let seen = forwarded(&client, &uid, &[("x-grafana-user", "spoofed")]).await;
    assert_eq!(
        seen,
        json!({ "headers": [], "cookies": [], "grafanaUser": null, "oauthIdentity": null })
    );
    backends.stop_all();
    let (_root, client, backends, uid, _) = started(json!([]), true).await;
    let seen = forwarded(&client, &uid, &[("x-grafana-user", "spoofed")]).await;
    assert_eq!(seen["grafanaUser"], "admin");
    assert_eq!(seen["headers"], json!(["http_X-Grafana-User"]));
    backends.stop_all();
}

#[tokio::test]
async fn ds_query_returns_the_plugins_frame_and_400_for_a_failed_query() {
    let (_root, client, backends, uid, wrong) = started(json!([]), false).await;
    let body = |uid: &str| {
        json!({ "from": "1700000000000", "to": "now",
                "queries": [{ "refId": "A", "datasource": { "type": PLUGIN, "uid": uid }, "queryText": "cpu" }] })
    };
    let res = client
        .admin(Method::POST, "/api/ds/query", Some(body(&uid)))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let a = &res.json["results"]["A"];
    assert_eq!(a["status"], 200);
    let frame = &a["frames"][0];
    assert_eq!(frame["schema"]["name"], "cpu");
    assert_eq!(frame["schema"]["refId"], "A");
    let fields = frame["schema"]["fields"].as_array().unwrap();
    assert_eq!(
        (fields[0]["name"].as_str(), fields[0]["type"].as_str()),
        (Some("time"), Some("time"))
    );
    assert_eq!(fields[0]["typeInfo"]["frame"], "time.Time");
    assert_eq!(
        (fields[1]["name"].as_str(), fields[1]["type"].as_str()),
        (Some("cpu"), Some("number"))
    );
    assert_eq!(
        frame["data"]["values"],
        json!([[1_700_000_000_000_i64, 1_700_000_001_000_i64], [1.5, 2.5]])
    );
    // A Viewer may query too.
    let viewer = client
        .send(
            Method::POST,
            "/api/ds/query",
            Some(OrgRole::Viewer),
            Some(&body(&uid).to_string()),
        )
        .await;
    assert_eq!(viewer.status, StatusCode::OK, "{}", viewer.text);

    let failed = client
        .admin(Method::POST, "/api/ds/query", Some(body(&wrong)))
        .await;
    assert_eq!(failed.status, StatusCode::BAD_REQUEST, "{}", failed.text);
    assert_eq!(
        failed.json["results"]["A"]["error"],
        "The upstream refused the API key (HTTP 401)"
    );
    assert_eq!(failed.json["results"]["A"]["status"], 500);

    let none = client
        .admin(
            Method::POST,
            "/api/ds/query",
            Some(json!({ "queries": [] })),
        )
        .await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    assert_eq!(none.json["messageId"], "query.noQueries");
    assert_eq!(none.json["message"], "No queries found");
    backends.stop_all();
}

#[tokio::test]
async fn resources_reach_call_resource_within_the_proxys_path_rules() {
    let (_root, client, backends, uid, _) = started(json!([]), false).await;
    let base = format!("/api/datasources/uid/{uid}/resources");
    let res = client
        .raw(
            Method::GET,
            &format!("{base}/regions"),
            &[("cookie", &client.cookie(OrgRole::Viewer))],
            "",
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-security-policy"], "sandbox");
    assert_eq!(res.headers()["content-type"], "application/json");
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        json!([{ "id": "eu-west", "name": "EU West" }])
    );

    let missing = client
        .get(&format!("{base}/nope"), Some(OrgRole::Admin))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.text);
    assert_eq!(missing.json, json!({ "message": "no resource nope" }));
    // The hostile corpus's escaping paths: refused by the proxy's path rules, never sent to
    // the plugin (which would answer 404 "no resource …").
    let corpus: Value = serde_json::from_str(include_str!("hostile/corpus.json")).unwrap();
    let proxy_paths = corpus["proxy_paths"].as_array().unwrap();
    let resource_paths = corpus["resource_paths"].as_array().unwrap();
    for escape in proxy_paths
        .iter()
        .chain(resource_paths)
        .map(|v| v.as_str().unwrap())
    {
        let res = client
            .get(&format!("{base}/{escape}"), Some(OrgRole::Admin))
            .await;
        assert_eq!(
            res.status,
            StatusCode::BAD_REQUEST,
            "{escape}: {}",
            res.text
        );
    }
    backends.stop_all();
}
