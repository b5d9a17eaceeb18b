//! Storage (restart persistence, concurrency, nothing secret in clear) and devserver over
//! real HTTP on 127.0.0.1, including proxy mode (one devserver forwarding to another).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::{Method, StatusCode};
use datasources_common::{state_with, test_state, Client};
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::proxy::{Credentials, Upstream};
use leptos_grafana_devserver::{app, AppState};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::time::Instant;

const ADMIN: Option<OrgRole> = Some(OrgRole::Admin);

async fn new_sa(c: &Client, name: &str, role: &str) -> i64 {
    let res = c
        .admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": name, "role": role})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json["id"].as_i64().unwrap()
}

async fn new_token(c: &Client, sa: i64, name: &str) -> String {
    let res = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{sa}/tokens"),
            Some(json!({"name": name})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["key"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_restart_keeps_accounts_tokens_and_users() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dev.db");
    let (id, key) = {
        let c = Client::new(state_with(Db::open(&path).unwrap())).await;
        let id = new_sa(&c, "keeper", "Admin").await;
        (id, new_token(&c, id, "kept").await)
    };
    let c = Client::new(state_with(Db::open(&path).unwrap())).await;
    let got = c.get(&format!("/api/serviceaccounts/{id}"), ADMIN).await;
    assert_eq!(got.json["name"], "keeper");
    assert_eq!(got.json["tokens"], 1);
    let auth = format!("Bearer {key}");
    let me = c
        .send_with(
            Method::GET,
            "/api/user",
            &[("authorization", auth.as_str())],
            None,
        )
        .await;
    assert_eq!(me.json["login"], "sa-1-keeper");
}

/// 8 tasks × 20 rounds on 4 threads: 160 creates and 144 deletes of one account's tokens
/// interleaved, then exactly the 16 kept rows. More rounds would only repeat the same
/// interleavings for longer, so there is no larger variant.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_token_create_and_delete_leave_exactly_the_expected_rows() {
    concurrent_tokens(8, 20).await;
}

async fn concurrent_tokens(tasks: usize, rounds: usize) {
    let c = std::sync::Arc::new(Client::new(test_state()).await);
    let id = new_sa(&c, "busy", "Viewer").await;
    let started = Instant::now();
    let mut handles = Vec::new();
    for task in 0..tasks {
        let c = c.clone();
        handles.push(tokio::spawn(async move {
            for round in 0..rounds {
                let name = format!("t{task}-{round}");
                let res = c
                    .admin(
                        Method::POST,
                        &format!("/api/serviceaccounts/{id}/tokens"),
                        Some(json!({"name": name})),
                    )
                    .await;
                assert_eq!(res.status, StatusCode::OK, "{}", res.text);
                // Keep every 10th token, delete the others.
                if round % 10 != 0 {
                    let token_id = res.json["id"].as_i64().unwrap();
                    let del = c
                        .admin(
                            Method::DELETE,
                            &format!("/api/serviceaccounts/{id}/tokens/{token_id}"),
                            None,
                        )
                        .await;
                    assert_eq!(del.status, StatusCode::OK, "{}", del.text);
                }
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let expected = (tasks * rounds / 10) as i64;
    let rows: i64 = c
        .state
        .db
        .call(move |db| {
            Ok(db.query_row(
                "SELECT count(*) FROM api_key WHERE service_account_id = ?1",
                [id],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(rows, expected);
    let got = c.get(&format!("/api/serviceaccounts/{id}"), ADMIN).await;
    assert_eq!(got.json["tokens"], expected);
    eprintln!(
        "{} create+delete rounds in {:?}",
        tasks * rounds,
        started.elapsed()
    );
}

#[tokio::test]
async fn the_database_file_holds_no_token_or_password_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dev.db");
    let state = state_with(Db::open(&path).unwrap());
    leptos_grafana_devserver::seed_users(&state, &["alice:Sup3r-S3cret-Pw:Editor".to_owned()])
        .await
        .unwrap();
    let c = Client::new(state).await;
    let id = new_sa(&c, "dump", "Viewer").await;
    let key = new_token(&c, id, "dump-token").await;
    let secret = key.split('_').nth(1).unwrap().to_owned();
    c.state
        .db
        .call(|db| {
            db.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        })
        .await
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    if let Ok(wal) = std::fs::read(dir.path().join("dev.db-wal")) {
        bytes.extend(wal);
    }
    let hay = String::from_utf8_lossy(&bytes);
    for needle in [
        key.as_str(),
        secret.as_str(),
        "Sup3r-S3cret-Pw",
        "pw-editor",
    ] {
        assert!(!hay.contains(needle), "{needle} is stored in clear");
    }
    assert!(hay.contains("sa-1-dump"), "the dump does read the data");
}

/// Serves `state` on 127.0.0.1:0; returns its address.
async fn serve(state: AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(state);
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    addr
}

#[tokio::test]
async fn over_real_http_a_browser_session_manages_service_accounts() {
    let c = Client::new(test_state()).await;
    let addr = serve(c.state.clone()).await;
    let base = format!("http://{addr}");
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{base}/login"))
        .json(&json!({"user": "admin", "password": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let session = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("grafana_session="))
        .unwrap();
    let cookie = session.split(';').next().unwrap().to_owned();
    let created = http
        .post(format!("{base}/api/serviceaccounts"))
        .header("cookie", &cookie)
        .header("origin", &base)
        .json(&json!({"name": "Over HTTP"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["login"], "sa-1-over-http");
    let evil = http
        .post(format!("{base}/api/serviceaccounts"))
        .header("cookie", &cookie)
        .header("origin", "http://evil.example")
        .json(&json!({"name": "evil"}))
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    let anonymous = http
        .get(format!("{base}/api/serviceaccounts/search"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let health = http.get(format!("{base}/api/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn under_a_sub_path_everything_lives_below_it_as_in_grafana() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        r#"<!doctype html><html><head><base href="/" /></head><body>host</body></html>"#,
    )
    .unwrap();
    let state = AppState::new(Db::open_in_memory().unwrap(), dist.path().to_path_buf())
        .with_app_sub_url("/grafana");
    leptos_grafana_devserver::seed_users(&state, &[])
        .await
        .unwrap();
    let addr = serve(state).await;
    let base = format!("http://{addr}");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let health = http
        .get(format!("{base}/grafana/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let outside = http.get(format!("{base}/api/health")).send().await.unwrap();
    assert_eq!(outside.status(), 404);
    let home = http.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(home.status(), 303);
    assert_eq!(home.headers()["location"], "/grafana/");
    // Client-side routes get index.html with Grafana's <base href="[[.AppSubUrl]]/">.
    let page = http
        .get(format!("{base}/grafana/a/some-app/deep/route"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"<base href="/grafana/" />"#), "{html}");
    // The session cookie is scoped to the sub-path, and sign-in sends the user home there.
    let login = http
        .post(format!("{base}/grafana/login"))
        .json(&json!({"user": "admin", "password": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let cookies: Vec<String> = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies.iter().all(|c| c.contains("Path=/grafana/;")),
        "{cookies:?}"
    );
    let body: Value = login.json().await.unwrap();
    assert_eq!(body["redirectUrl"], "/grafana/");
    // avatarUrl carries the sub-path, as Grafana's does, and the picture is there.
    let cookie = cookies[0].split(';').next().unwrap().to_owned();
    let created: Value = http
        .post(format!("{base}/grafana/api/serviceaccounts"))
        .header("cookie", &cookie)
        .header("origin", &base)
        .json(&json!({"name": "Pictured"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let profile: Value = http
        .get(format!(
            "{base}/grafana/api/serviceaccounts/{}",
            created["id"]
        ))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let avatar = profile["avatarUrl"].as_str().unwrap();
    assert!(avatar.starts_with("/grafana/avatar/"), "{avatar}");
    let picture = http.get(format!("{base}{avatar}")).send().await.unwrap();
    assert_eq!(picture.status(), 200);
    assert_eq!(picture.headers()["content-type"], "image/svg+xml");
}

async fn proxy_to(target: SocketAddr, credentials: Credentials) -> Client {
    let upstream = Upstream::new(&format!("http://{target}"), credentials).unwrap();
    Client::new(test_state().with_proxy(upstream)).await
}

#[tokio::test]
async fn proxy_mode_forwards_to_the_real_grafana_with_configured_credentials() {
    let grafana = Client::new(test_state()).await;
    let addr = serve(grafana.state.clone()).await;

    // Basic credentials configured: an anonymous caller acts as them.
    let proxy = proxy_to(addr, Credentials::Basic("admin".into(), "admin".into())).await;
    let created = proxy
        .send(
            Method::POST,
            "/api/serviceaccounts?x=1",
            None,
            Some(r#"{"name":"via proxy"}"#),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json["id"].as_i64().unwrap();
    // It exists upstream, not in the proxy's own database.
    let upstream = grafana
        .get(&format!("/api/serviceaccounts/{id}"), ADMIN)
        .await;
    assert_eq!(upstream.json["name"], "via proxy");
    let local: i64 = proxy
        .state
        .db
        .call(|db| {
            Ok(db.query_row(
                "SELECT count(*) FROM user WHERE is_service_account = 1",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(local, 0);
    // Status and body of errors come back unchanged, as do query strings.
    let missing = proxy.get("/api/serviceaccounts/999", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json["messageId"], "serviceaccounts.ErrNotFound");
    let search = proxy
        .get("/api/serviceaccounts/search?query=PROXY", None)
        .await;
    assert_eq!(search.json["totalCount"], 1);

    // A token configured: the caller acts as the token's account.
    let viewer_sa = new_sa(&grafana, "viewer-sa", "Viewer").await;
    let key = new_token(&grafana, viewer_sa, "proxy-token").await;
    let proxy = proxy_to(addr, Credentials::Token(key)).await;
    let denied = proxy.get("/api/serviceaccounts/search", None).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(denied.json["title"], "Access denied");
    let me = proxy.get("/api/user", None).await;
    assert_eq!(me.json["login"], "sa-1-viewer-sa");
}

#[tokio::test]
async fn proxy_mode_passes_the_callers_credentials_and_sessions_through() {
    let grafana = Client::new(test_state()).await;
    let addr = serve(grafana.state.clone()).await;
    let proxy = proxy_to(addr, Credentials::PassThrough).await;
    let anonymous = proxy.get("/api/serviceaccounts/search", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.json["messageId"], "auth.unauthorized");
    // The proxy's own sessions mean nothing upstream; Grafana's do.
    let upstream_cookie = grafana.cookie(OrgRole::Editor);
    let me = proxy
        .send_with(
            Method::GET,
            "/api/user/orgs",
            &[("cookie", upstream_cookie.as_str())],
            None,
        )
        .await;
    assert_eq!(me.json[0]["role"], "Editor");
    // POST /login is forwarded and Grafana's Set-Cookie comes back.
    let login = proxy
        .send(
            Method::POST,
            "/login",
            None,
            Some(r#"{"user":"admin","password":"admin"}"#),
        )
        .await;
    assert_eq!(login.json["message"], "Logged in");
    // Origin passes unchanged: Grafana's CSRF check judges it. A cookie POST without an
    // Origin (a same-origin fetch may omit it) passes; from devserver's origin Grafana
    // refuses unless that origin is in its csrf_trusted_origins (never rewritten to pass).
    let admin_cookie = grafana.cookie(OrgRole::Admin);
    let created = proxy
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &[
                ("cookie", admin_cookie.as_str()),
                ("host", "localhost:8080"),
            ],
            Some(r#"{"name":"no origin"}"#),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let devserver_origin = proxy
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &[
                ("cookie", admin_cookie.as_str()),
                ("host", "localhost:8080"),
                ("origin", "http://localhost:8080"),
            ],
            Some(r#"{"name":"devserver origin"}"#),
        )
        .await;
    assert_eq!(devserver_origin.status, StatusCode::FORBIDDEN);
    let foreign = proxy
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &[
                ("cookie", admin_cookie.as_str()),
                ("host", "localhost:8080"),
                ("origin", "http://evil.example"),
            ],
            Some(r#"{"name":"foreign"}"#),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    // Logout is forwarded with its redirect, not followed.
    let out = proxy.get("/logout", None).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn proxy_mode_answers_502_when_grafana_is_unreachable() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = closed.local_addr().unwrap();
    drop(closed);
    let proxy = proxy_to(addr, Credentials::Token("glsa_secret_00000000".into())).await;
    let res = proxy.get("/api/health", None).await;
    assert_eq!(res.status, StatusCode::BAD_GATEWAY);
    assert!(!res.text.contains("glsa_secret"), "{}", res.text);
}

#[test]
fn proxy_options_are_checked() {
    assert!(Upstream::from_options(None, Some("t"), None, None)
        .unwrap()
        .is_none());
    assert!(Upstream::from_options(Some("ftp://x"), None, None, None).is_err());
    assert!(Upstream::from_options(Some("http://g:3000"), Some("t"), Some("u"), None).is_err());
    let up = Upstream::from_options(Some("http://g:3000/"), Some("glsa_x"), None, None)
        .unwrap()
        .unwrap();
    assert!(
        !format!("{up:?}").contains("glsa_x"),
        "credentials never appear in Debug"
    );
}
