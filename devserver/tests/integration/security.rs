//! Regressions of the reliability and security findings: each test sends what an attacker
//! (or an unlucky client) sent and checks that devserver answers as Grafana does, keeps
//! secrets to itself, and serves the next request.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::routing::{any, get};
use axum::Router;
use datasources_common::*;
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::proxy::{Credentials, Upstream};
use leptos_grafana_devserver::state::TokenLimits;
use leptos_grafana_devserver::AppState;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

const ADMIN: Option<OrgRole> = Some(OrgRole::Admin);
const EXAMPLE: &str = "leptos-grafana-example-datasource";
const MAX: i64 = i64::MAX;

async fn health_is_ok(c: &Client) {
    let res = c.get("/api/health", None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["database"], "ok");
}

async fn new_sa(c: &Client, name: &str) -> i64 {
    let res = c
        .admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": name})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json["id"].as_i64().unwrap()
}

#[tokio::test]
async fn extreme_numbers_get_grafanas_answers_and_the_server_stays_up() {
    let c = Client::new(test_state()).await;
    let sa = new_sa(&c, "numbers").await;
    for query in [
        format!("page={MAX}&perpage={MAX}"),
        format!("page={MAX}"),
        "page=-5&perpage=-1".to_owned(),
        format!("perpage={MAX}"),
    ] {
        let res = c
            .get(&format!("/api/serviceaccounts/search?{query}"), ADMIN)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.text);
        health_is_ok(&c).await;
    }
    let res = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{sa}/tokens"),
            Some(json!({"name": "forever", "secondsToLive": MAX})),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    assert_eq!(res.json["messageId"], "serviceaccounts.ErrInvalidInput");
    health_is_ok(&c).await;

    let ds = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "versions", "type": EXAMPLE, "access": "proxy"})),
        )
        .await;
    let uid = ds.json["datasource"]["uid"].as_str().unwrap().to_owned();
    let res = c
        .admin(
            Method::PUT,
            &format!("/api/datasources/uid/{uid}"),
            Some(json!({"name": "versions", "type": EXAMPLE, "access": "proxy", "version": MAX})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    health_is_ok(&c).await;
    // And the data source still saves normally.
    let res = c
        .admin(
            Method::PUT,
            &format!("/api/datasources/uid/{uid}"),
            Some(json!({"name": "versions", "type": EXAMPLE, "access": "proxy", "version": 1})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

#[tokio::test]
async fn an_overflowing_lifetime_with_a_day_limit_is_a_400_not_a_dropped_connection() {
    let mut state = test_state();
    state.token_limits = TokenLimits {
        max_seconds_to_live: -1,
        expiration_day_limit: 30,
    };
    let c = Client::new(state).await;
    let sa = new_sa(&c, "limited").await;
    for seconds in [MAX, MAX - 1, 40 * 86_400] {
        let res = c
            .admin(
                Method::POST,
                &format!("/api/serviceaccounts/{sa}/tokens"),
                Some(json!({"name": format!("t{seconds}"), "secondsToLive": seconds})),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::BAD_REQUEST,
            "{seconds}: {}",
            res.text
        );
    }
    health_is_ok(&c).await;
}

#[tokio::test]
async fn a_panicking_handler_answers_500_and_the_next_request_works() {
    #[allow(clippy::panic)]
    let router = leptos_grafana_devserver::hardened(
        Router::new()
            .route(
                "/boom",
                get(|| async {
                    if true {
                        panic!("a bug in one handler");
                    }
                    "never"
                }),
            )
            .route("/fine", get(|| async { "fine" })),
    );
    use tower::ServiceExt;
    let res = router
        .clone()
        .oneshot(
            axum::http::Request::get("/boom")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let res = router
        .oneshot(
            axum::http::Request::get("/fine")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_array_where_grafana_wants_an_object_is_refused() {
    let c = Client::new(test_state()).await;
    for body in [r#"["admin","admin"]"#, "\"admin\"", "42", "null"] {
        let res = c.send(Method::POST, "/login", None, Some(body)).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{body}: {}", res.text);
        let res = c
            .send(Method::POST, "/api/serviceaccounts", ADMIN, Some(body))
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{body}: {}", res.text);
        let res = c
            .send(Method::POST, "/api/datasources", ADMIN, Some(body))
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{body}: {}", res.text);
    }
}

#[tokio::test]
async fn failed_sign_ins_keep_a_fixed_size_digest_and_are_pruned() {
    let c = Client::new(test_state()).await;
    let huge = "u".repeat(1_000_000);
    let res = c
        .send(
            Method::POST,
            "/login",
            None,
            Some(&json!({"user": huge, "password": "x"}).to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let count_and_longest = || async {
        c.state
            .db
            .call(|c| {
                Ok(c.query_row(
                    "SELECT count(*), coalesce(max(length(username)), 0) FROM login_attempt",
                    [],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
                )?)
            })
            .await
            .unwrap()
    };
    assert_eq!(count_and_longest().await, (1, 64));
    // Five minutes later, the next failure prunes what no longer counts.
    c.state.clock.advance(301);
    let res = c
        .send(
            Method::POST,
            "/login",
            None,
            Some(r#"{"user":"someone","password":"x"}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(count_and_longest().await, (1, 64));
}

#[tokio::test]
async fn a_verified_token_is_not_hashed_again() {
    let c = Client::new(test_state()).await;
    let sa = new_sa(&c, "cached").await;
    let res = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{sa}/tokens"),
            Some(json!({"name": "k"})),
        )
        .await;
    let key = res.json["key"].as_str().unwrap().to_owned();
    let auth = format!("Bearer {key}");
    let before = c.state.hasher.computations();
    for _ in 0..20 {
        let res = c
            .send_with(
                Method::GET,
                "/api/user/orgs",
                &[("authorization", &auth)],
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    assert_eq!(c.state.hasher.computations() - before, 1);
    // Deleting the token still ends it at once.
    let tokens = c
        .get(&format!("/api/serviceaccounts/{sa}/tokens"), ADMIN)
        .await;
    let token_id = tokens.json[0]["id"].as_i64().unwrap();
    c.admin(
        Method::DELETE,
        &format!("/api/serviceaccounts/{sa}/tokens/{token_id}"),
        None,
    )
    .await;
    let res = c
        .send_with(
            Method::GET,
            "/api/user/orgs",
            &[("authorization", &auth)],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn grafanas_security_headers_and_secure_cookies() {
    let c = Client::new(test_state()).await;
    let login = r#"{"user":"admin","password":"admin"}"#;
    let res = c
        .raw(
            Method::POST,
            "/login",
            &[("content-type", "application/json")],
            login,
        )
        .await;
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["x-frame-options"], "deny");
    let cookies: Vec<&str> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(cookies.iter().all(|c| !c.contains("Secure")), "{cookies:?}");
    let res = c
        .raw(
            Method::POST,
            "/login",
            &[
                ("content-type", "application/json"),
                ("x-forwarded-proto", "https"),
            ],
            login,
        )
        .await;
    let cookies: Vec<&str> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(cookies.len(), 2);
    assert!(
        cookies.iter().all(|c| c.ends_with("; Secure")),
        "{cookies:?}"
    );
    let res = c.get("/api/health", None).await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn the_opt_in_content_security_policy_allows_the_wasm_and_only_hashed_inline_scripts() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><html><head><script type=\"module\">import init from '/app.js'; await init();</script></head><body></body></html>",
    )
    .unwrap();
    let mut state = AppState::new(Db::open_in_memory().unwrap(), dist.path().to_path_buf());
    let plain = Client::new(state.clone()).await;
    let res = plain.raw(Method::GET, "/", &[], "").await;
    assert!(res.headers().get("content-security-policy").is_none());
    state.content_security_policy = true;
    let c = Client::new(state).await;
    for path in ["/", "/org/serviceaccounts/7"] {
        let res = c.raw(Method::GET, path, &[], "").await;
        let policy = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let scripts = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(scripts.contains("'wasm-unsafe-eval'"), "{policy}");
        assert!(
            !scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'"),
            "{policy}"
        );
        // The bootstrap script, by its SHA-256.
        assert!(
            scripts.contains("'sha256-"),
            "the inline bootstrap is allowed by hash: {policy}"
        );
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    }
}

/// Records every request a fake upstream receives: method, path and headers.
type Seen = Arc<Mutex<Vec<(String, HeaderMap)>>>;

async fn recording_upstream() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let record = seen.clone();
    let app = Router::new().fallback(any(move |uri: Uri, headers: HeaderMap| {
        let record = record.clone();
        async move {
            record
                .lock()
                .unwrap()
                .push((uri.path().to_owned(), headers));
            axum::Json(json!({"ok": true}))
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}"), seen)
}

#[tokio::test]
async fn the_proxy_sends_its_token_only_to_clean_api_paths_and_keeps_the_callers_origin() {
    let (url, seen) = recording_upstream().await;
    let upstream = Upstream::new(&url, Credentials::Token("glsa_configured".into())).unwrap();
    let c = Client::new(test_state().with_proxy(upstream)).await;
    let mut escapes = vec![
        "/api/../../other-app/x".to_owned(),
        "/api/%2E%2E/%2e%2e/other-app/x".to_owned(),
        "/api/..%2Fother".to_owned(),
        "/api/./health".to_owned(),
    ];
    for escape in super::datasource_proxy::escaping_paths() {
        escapes.push(format!("/api/{escape}"));
        escapes.push(format!("/api/datasources/proxy/uid/x/{escape}"));
    }
    for path in &escapes {
        let res = c.send_with(Method::GET, path, &[], None).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}: {}", res.text);
    }
    assert!(seen.lock().unwrap().is_empty(), "nothing reached Grafana");
    // An encoded `/` inside a segment stays where it is, and is forwarded as it came.
    let res = c
        .send_with(
            Method::GET,
            "/api/datasources/proxy/uid/x/services/a%2Fb/ops",
            &[],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let (path, _) = seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(path, "/api/datasources/proxy/uid/x/services/a%2Fb/ops");
    seen.lock().unwrap().clear();
    // A clean path goes, with the configured token and the caller's own Origin.
    let res = c
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &[
                ("origin", "http://evil.example"),
                ("host", "127.0.0.1:8080"),
            ],
            Some("{}"),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let (path, headers) = seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(path, "/api/serviceaccounts");
    assert_eq!(headers["authorization"], "Bearer glsa_configured");
    assert_eq!(
        headers["origin"], "http://evil.example",
        "never rewritten to Grafana's own"
    );
    // A name devserver does not answer to (DNS rebinding) is refused.
    let res = c
        .send_with(
            Method::GET,
            "/api/health",
            &[("host", "evil.example:8080")],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn the_data_source_proxy_never_follows_a_redirect_or_a_path_to_another_host() {
    let (elsewhere, stolen) = recording_upstream().await;
    let elsewhere_for_redirect = elsewhere.clone();
    let app = Router::new()
        .route(
            "/redirect",
            get(move || {
                let to = format!("{elsewhere_for_redirect}/steal");
                async move { axum::response::Redirect::temporary(&to) }
            }),
        )
        .fallback(|uri: Uri| async move { (StatusCode::NOT_FOUND, uri.path().to_owned()) });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    let c = Client::new(test_state()).await;
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "redirecting", "type": EXAMPLE, "access": "proxy",
                   "url": format!("http://{addr}"), "basicAuth": true, "basicAuthUser": "svc",
                   "jsonData": {"httpHeaderName1": "X-Api-Key"},
                   "secureJsonData": {"basicAuthPassword": "pw-9921-secret", "httpHeaderValue1": "hdr-7713-secret"}})),
        )
        .await;
    let uid = res.json["datasource"]["uid"].as_str().unwrap().to_owned();
    let proxied = |path: &str| format!("/api/datasources/proxy/uid/{uid}/{path}");
    // The redirect comes back to the caller as it is; the proxy does not follow it.
    let res = c.get(&proxied("redirect"), Some(OrgRole::Viewer)).await;
    assert_eq!(res.status, StatusCode::TEMPORARY_REDIRECT, "{}", res.text);
    // A path that would read as user info and a host stays a path on this host.
    let res = c
        .get(&proxied("@127.0.0.1:1/"), Some(OrgRole::Viewer))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.text);
    assert!(res.text.ends_with("@127.0.0.1:1/"), "{}", res.text);
    assert!(
        stolen.lock().unwrap().is_empty(),
        "credentials followed a redirect"
    );
}

/// A real devserver process, its base URL, and its output lines so far.
struct Running {
    child: Child,
    base: String,
    output: Arc<Mutex<Vec<String>>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_devserver"))
        .args(["--port", "0"])
        .args(args)
        .env("RUST_LOG", "leptos_grafana_devserver=debug,devserver=debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let output: Arc<Mutex<Vec<String>>> = Arc::default();
    let err_out = output.clone();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            err_out.lock().unwrap().push(line);
        }
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut base = String::new();
    let mut line = String::new();
    while stdout.read_line(&mut line).unwrap() > 0 {
        output.lock().unwrap().push(line.trim_end().to_owned());
        if let Some(url) = line.trim().strip_prefix("devserver listening on ") {
            base = url.to_owned();
            break;
        }
        line.clear();
    }
    assert!(
        !base.is_empty(),
        "devserver did not start: {:?}",
        output.lock().unwrap()
    );
    let out = output.clone();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            out.lock().unwrap().push(line);
        }
    });
    Running {
        child,
        base,
        output,
    }
}

fn write_app_plugin(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("plugin.json"),
        json!({"id": "overlap-app", "type": "app", "name": "Overlap",
               "iam": {"permissions": [{"action": "folders:read", "scope": "folders:*"}]}})
        .to_string(),
    )
    .unwrap();
}

async fn status_of(server: &Running, file: &str) -> u16 {
    let url = format!("{}/public/plugins/overlap-app/{file}", server.base);
    reqwest::get(url).await.unwrap().status().as_u16()
}

#[tokio::test]
async fn managed_secrets_and_the_database_are_never_served_whatever_overlaps() {
    let dir = tempfile::tempdir().unwrap();
    // --plugins-dir is the folder that holds the secrets, so the managed plugin's token is
    // written into the plugin's own served folder.
    let data = dir.path().join("data");
    let plugin_dir = data.join("secrets/overlap-app");
    write_app_plugin(&plugin_dir);
    let server = spawn(&[
        "--db",
        data.join("dev.db").to_str().unwrap(),
        "--plugins-dir",
        data.join("secrets").to_str().unwrap(),
        "--plugin",
        plugin_dir.join("plugin.json").to_str().unwrap(),
    ]);
    assert!(plugin_dir.join("client_secret").is_file());
    // Nothing in devserver's secrets folder is served, the plugin's other files included.
    assert_eq!(status_of(&server, "client_secret").await, 404);
    assert_eq!(status_of(&server, "plugin.json").await, 404);
    drop(server);

    // The database inside a plugin folder: neither it nor its WAL files are served.
    let other = dir.path().join("other/overlap-app");
    write_app_plugin(&other);
    let server = spawn(&[
        "--db",
        other.join("dev.db").to_str().unwrap(),
        "--plugins-dir",
        dir.path().join("other").to_str().unwrap(),
    ]);
    assert!(other.join("dev.db").is_file());
    assert_eq!(status_of(&server, "plugin.json").await, 200);
    for private in ["dev.db", "dev.db-wal", "dev.db-shm"] {
        assert_eq!(
            status_of(&server, private).await,
            404,
            "{private} was served"
        );
    }
}

#[test]
fn log_lines_cannot_be_forged_and_grafana_urls_lose_their_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let proxied = spawn(&[
        "--db",
        dir.path().join("p.db").to_str().unwrap(),
        "--grafana-url",
        "http://someone:s3cretpw@127.0.0.1:9",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let logged = proxied.output.lock().unwrap().join("\n");
    assert!(logged.contains("proxy mode"), "{logged}");
    assert!(!logged.contains("s3cretpw"), "{logged}");
    drop(proxied);

    let server = spawn(&["--db", dir.path().join("l.db").to_str().unwrap()]);
    let base = server.base.clone();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let http = reqwest::Client::new();
        let auth = ("admin", Some("admin"));
        let res = http
            .post(format!("{base}/api/datasources"))
            .basic_auth(auth.0, auth.1)
            .json(&json!({"name": "evil\r\nINFO forged line", "type": EXAMPLE, "access": "proxy"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    let lines = server.output.lock().unwrap().clone();
    assert!(
        lines.iter().any(|l| l.contains("data source added")),
        "{lines:?}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.trim_start().starts_with("INFO forged line")),
        "a name forged a log line: {lines:?}"
    );
}

// ---- the second hostile review ---------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_wrong_passwords_are_checked_at_most_five_times() {
    let c = Arc::new(Client::new(test_state()).await);
    let before = c.state.hasher.computations();
    let guesses: Vec<_> = (0..60)
        .map(|i| {
            let c = c.clone();
            tokio::spawn(async move {
                let body = json!({"user": "admin", "password": format!("guess-{i}")}).to_string();
                c.send(Method::POST, "/login", None, Some(&body)).await
            })
        })
        .collect();
    let mut by_message_id = std::collections::BTreeMap::<String, usize>::new();
    for g in guesses {
        let res = g.await.unwrap();
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.text);
        assert_eq!(res.json["message"], "Invalid username or password");
        *by_message_id
            .entry(res.json["messageId"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(
        by_message_id,
        [
            ("login-attempt.blocked".to_owned(), 55),
            ("password-auth.failed".to_owned(), 5)
        ]
        .into(),
        "5 guesses checked, the other 55 refused unchecked"
    );
    assert_eq!(c.state.hasher.computations() - before, 5);
    // The right password is refused too now: the block holds for the window.
    let res = c
        .send(
            Method::POST,
            "/login",
            None,
            Some(r#"{"user":"admin","password":"admin"}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.json["messageId"], "login-attempt.blocked");
    // Sign-ins of other logins were never held up by that queue.
    let res = c
        .send(
            Method::POST,
            "/login",
            None,
            Some(r#"{"user":"viewer","password":"pw-viewer"}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(c.state.sign_in_queue.is_empty());
}

#[tokio::test]
async fn parallel_right_passwords_all_sign_in() {
    let c = Arc::new(Client::new(test_state()).await);
    let sign_ins: Vec<_> = (0..8)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move {
                c.send(
                    Method::POST,
                    "/login",
                    None,
                    Some(r#"{"user":"admin","password":"admin"}"#),
                )
                .await
            })
        })
        .collect();
    for s in sign_ins {
        assert_eq!(s.await.unwrap().status, StatusCode::OK);
    }
}

#[tokio::test]
async fn frontend_settings_list_only_the_data_sources_the_caller_may_query() {
    let c = Client::new(test_state()).await;
    c.admin(
        Method::POST,
        "/api/datasources",
        Some(json!({"name": "listed", "type": EXAMPLE, "access": "direct", "url": "http://10.0.0.7:9090"})),
    )
    .await;
    // One whose type no installed plugin has is left out, as Grafana leaves it out.
    c.admin(
        Method::POST,
        "/api/datasources",
        Some(json!({"name": "unknown-type", "type": "prometheus", "access": "proxy", "url": "http://10.0.0.8:9090"})),
    )
    .await;
    let viewer = c.get("/api/frontend/settings", Some(OrgRole::Viewer)).await;
    assert_eq!(
        viewer.json["datasources"]["listed"]["url"],
        "http://10.0.0.7:9090"
    );
    assert_eq!(
        viewer.json["datasources"]["listed"]["meta"]["backend"],
        false
    );
    assert!(viewer.json["datasources"].get("unknown-type").is_none());
    let none = c.get("/api/frontend/settings", Some(OrgRole::None)).await;
    assert_eq!(none.status, StatusCode::OK);
    assert_eq!(none.json["datasources"], json!({}), "{}", none.text);
    assert!(!none.text.contains("10.0.0.7"));
    // A token of a service account with role None sees none either.
    let sa = c
        .admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": "no-role", "role": "None"})),
        )
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    let key = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{sa}/tokens"),
            Some(json!({"name": "t"})),
        )
        .await
        .json["key"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = c
        .send_with(
            Method::GET,
            "/api/frontend/settings",
            &[("authorization", format!("Bearer {key}").as_str())],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json["datasources"], json!({}));
}

#[tokio::test]
async fn the_database_inside_dist_is_never_served() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dist.join("app.js"), "console.log(1)").unwrap();
    // And a link from --dist to a folder holding a copy of it.
    let server = spawn(&[
        "--db",
        dist.join("devserver.db").to_str().unwrap(),
        "--dist",
        dist.to_str().unwrap(),
    ]);
    assert!(dist.join("devserver.db").is_file());
    let get = |path: &str| {
        let url = format!("{}/{path}", server.base);
        async move { reqwest::get(url).await.unwrap().bytes().await.unwrap() }
    };
    assert_eq!(get("app.js").await, "console.log(1)");
    for private in [
        "devserver.db",
        "devserver.db-wal",
        "devserver.db-shm",
        "devserver%2Edb",
        "./devserver.db",
    ] {
        let body = get(private).await;
        assert!(
            !body.starts_with(b"SQLite format 3") && body.starts_with(b"<!doctype html>"),
            "{private} was served: {} bytes",
            body.len()
        );
    }
}

#[test]
fn a_plugin_id_that_could_name_another_folder_is_refused() {
    use leptos_grafana_devserver::serviceaccounts::managed::read_manifest;
    let dir = tempfile::tempdir().unwrap();
    for id in ["../../dist/x", "..", "a/b", "a\\b", "x\ny", ""] {
        let path = dir.path().join("plugin.json");
        std::fs::write(
            &path,
            json!({"id": id, "type": "app", "name": "x",
                   "iam": {"permissions": [{"action": "users:read", "scope": "users:*"}]}})
            .to_string(),
        )
        .unwrap();
        let err = read_manifest(&path).unwrap_err();
        assert!(
            err.contains("invalid plugin id") || err.contains("missing \"id\""),
            "{id:?}: {err}"
        );
        assert!(!err.contains('\n'), "{err}");
    }
}

#[test]
fn check_plugin_prints_no_control_character_of_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = json!({
        "type": "datasource", "id": "evil-datasource", "name": "Evil",
        "routes": [{"path": "x\u{1b}[2J\u{1b}[31mOK\u{202e}", "url": "https://a.example/\u{1b}]0;t\u{7}{{ .JsonData.k\u{9b}31m }}"}]
    });
    let path = dir.path().join("plugin.json");
    std::fs::write(&path, manifest.to_string()).unwrap();
    for json_flag in [false, true] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_devserver"));
        cmd.arg("check-plugin").arg(&path);
        if json_flag {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && !matches!(c, '\n' | '\t')) || c == '\u{202e}'),
            "{text:?}"
        );
        if json_flag {
            let findings: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(findings.is_array(), "{text}");
        } else {
            assert!(text.contains("k\\u{9b}31m"), "{text}");
        }
    }
}

/// `X-Grafana-Org-Id`, as Grafana's authn reads it: the caller's own org (1) or no usable
/// value changes nothing; a person naming an org they are not in signs in without a role
/// (403 on what needs a permission); a token naming another org is a 401.
#[tokio::test]
async fn the_org_id_header_is_read_as_grafana_reads_it() {
    let c = Client::new(test_state()).await;
    let cookie = c.cookie(OrgRole::Admin);
    let search = "/api/serviceaccounts/search";
    for own in ["1", "0", "abc", "-3", ""] {
        let res = c
            .send_with(
                Method::GET,
                search,
                &[("cookie", &cookie), ("x-grafana-org-id", own)],
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{own:?}: {}", res.text);
    }
    let res = c
        .send_with(
            Method::GET,
            search,
            &[("cookie", &cookie), ("x-grafana-org-id", "2")],
            None,
        )
        .await;
    assert_denied(&res, "serviceaccounts:read");
    let res = c
        .send_with(
            Method::GET,
            &format!("{search}?targetOrgId=2"),
            &[("cookie", &cookie)],
            None,
        )
        .await;
    assert_denied(&res, "serviceaccounts:read");
    // The user's current org did not change, and their orgs are theirs whatever is named.
    for org in ["1", "2"] {
        let res = c
            .send_with(
                Method::GET,
                "/api/user/orgs",
                &[("cookie", &cookie), ("x-grafana-org-id", org)],
                None,
            )
            .await;
        assert_eq!(
            res.json,
            json!([{"orgId": 1, "name": "Main Org.", "role": "Admin"}]),
            "{org}"
        );
    }
    let res = c
        .send_with(
            Method::GET,
            "/api/org",
            &[("cookie", &cookie), ("x-grafana-org-id", "2")],
            None,
        )
        .await;
    assert_message(&res, 404, "Organization not found");

    let sa = new_sa(&c, "org-token").await;
    let token = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{sa}/tokens"),
            Some(json!({"name": "t"})),
        )
        .await
        .json["key"]
        .as_str()
        .unwrap()
        .to_owned();
    let bearer = format!("Bearer {token}");
    for (org, status) in [
        ("1", StatusCode::OK),
        ("abc", StatusCode::OK),
        ("2", StatusCode::UNAUTHORIZED),
        ("-1", StatusCode::UNAUTHORIZED),
    ] {
        let res = c
            .send_with(
                Method::GET,
                "/api/org",
                &[("authorization", &bearer), ("x-grafana-org-id", org)],
                None,
            )
            .await;
        assert_eq!(res.status, status, "{org}: {}", res.text);
        if status == StatusCode::UNAUTHORIZED {
            assert_eq!(
                res.json["message"],
                "API key does not belong to the requested organization"
            );
            assert_eq!(res.json["messageId"], "api-key.organization-mismatch");
        }
    }
    health_is_ok(&c).await;
}
