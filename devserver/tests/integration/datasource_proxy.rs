//! Grafana's data source proxy (`/api/datasources/proxy/…`) against a local upstream the
//! test starts on 127.0.0.1:0: rendered route URLs, headers, query parameters and bodies
//! with decrypted secrets; the client-credentials exchange (once per token lifetime under
//! concurrency); reqRole; Grafana's header rules; errors that name no secret.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::routing::{any, post};
use axum::{Json, Router};
use datasources_common::*;
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::plugins::PluginRegistry;
use leptos_grafana_devserver::AppState;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// What the upstream saw of one request.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    query: String,
    headers: HeaderMap,
    body: String,
}

#[derive(Clone, Default)]
struct Upstream {
    seen: Arc<Mutex<Vec<Seen>>>,
    exchanges: Arc<AtomicUsize>,
    forms: Arc<Mutex<Vec<String>>>,
}

/// The hostile corpus's escaping paths (`proxy_paths`).
pub fn escaping_paths() -> Vec<String> {
    let corpus: Value = serde_json::from_str(include_str!("hostile/corpus.json")).unwrap();
    corpus["proxy_paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// `/token` answers a client-credentials exchange (401 for client_id `wrong`, a token
/// living `expires_in` seconds from the form's `ttl`); `/unauthorized` answers 401;
/// every other path records the request and answers 200 with a cookie.
async fn upstream() -> (String, Upstream) {
    let up = Upstream::default();
    let token_up = up.clone();
    let record_up = up.clone();
    let app = Router::new()
        .route(
            "/token",
            post(move |body: Bytes| {
                let up = token_up.clone();
                async move {
                    let form = String::from_utf8_lossy(&body).into_owned();
                    up.forms.lock().unwrap().push(form.clone());
                    let n = up.exchanges.fetch_add(1, Ordering::SeqCst);
                    // Slow enough that concurrent requests overlap the exchange.
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    if form.contains("client_id=wrong") {
                        return (
                            StatusCode::UNAUTHORIZED,
                            Json(json!({"error": "invalid_client"})),
                        );
                    }
                    let ttl: u64 = if form.contains("ttl=short") { 5 } else { 3600 };
                    (
                        StatusCode::OK,
                        Json(json!({"access_token": format!("tok-{n}"), "expires_in": ttl})),
                    )
                }
            }),
        )
        .route(
            "/unauthorized",
            any(|| async { (StatusCode::UNAUTHORIZED, "no") }),
        )
        // A token endpoint that never answers.
        .route("/hung-token", post(std::future::pending::<String>))
        .fallback(any(move |req: Request| {
            let up = record_up.clone();
            async move {
                let (parts, body) = req.into_parts();
                let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
                up.seen.lock().unwrap().push(Seen {
                    method: parts.method.to_string(),
                    path: parts.uri.path().to_owned(),
                    query: parts.uri.query().unwrap_or_default().to_owned(),
                    headers: parts.headers,
                    body: String::from_utf8_lossy(&body).into_owned(),
                });
                ([("set-cookie", "upstream=1")], "upstream answer")
            }
        }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}"), up)
}

const PLUGIN: &str = "proxy-test-datasource";

/// A plugin folder with routes to the upstream (its URL comes from the data source's
/// `.URL`, as a real plugin's would come from a fixed host).
fn plugin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    std::fs::create_dir_all(&p).unwrap();
    let manifest = json!({
        "type": "datasource", "id": PLUGIN, "name": "Proxy test",
        "routes": [
            {"path": "projects", "url": "{{ .URL }}/projects/{{ .JsonData.projectId }}",
             "headers": [{"name": "Authorization", "content": "Bearer {{ .SecureJsonData.apiToken }}"},
                         {"name": "X-Missing", "content": "[{{ .JsonData.absent }}]"}]},
            {"path": "search", "url": "{{ .URL }}/search",
             "urlParams": [{"name": "apiKey", "content": "{{ .SecureJsonData.apiKey }}"}]},
            {"path": "login", "method": "POST", "url": "{{ .URL }}/login",
             "body": {"username": "{{ .JsonData.username }}", "password": "{{ .SecureJsonData.password }}"}},
            {"path": "admin", "reqRole": "Editor", "url": "{{ .URL }}/admin"},
            {"path": "secret-api", "reqRole": "Viewer", "url": "{{ .URL }}/base/api",
             "headers": [{"name": "X-Route-Secret", "content": "{{ .SecureJsonData.apiToken }}"}]},
            {"path": "api", "url": "{{ .URL }}/v1",
             "tokenAuth": {"url": "{{ .URL }}/token",
                           "params": {"grant_type": "client_credentials", "client_id": "{{ .SecureJsonData.clientId }}",
                                      "client_secret": "{{ .SecureJsonData.clientSecret }}", "ttl": "{{ .JsonData.ttl }}"}}},
            {"path": "denied", "url": "{{ .URL }}/unauthorized"}
        ]
    });
    std::fs::write(p.join("plugin.json"), manifest.to_string()).unwrap();
    dir
}

async fn setup(json_data: Value, secrets: Value) -> (Client, String, Upstream, tempfile::TempDir) {
    let (url, up) = upstream().await;
    let dir = plugin_dir();
    let state = AppState::new(Db::open_in_memory().unwrap(), PathBuf::from("/nonexistent"))
        .with_plugins(PluginRegistry::load(dir.path()).unwrap());
    let c = Client::new(state).await;
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(
                json!({"name": "p", "type": PLUGIN, "access": "proxy", "url": url,
                        "jsonData": json_data, "secureJsonData": secrets}),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let uid = res.json["datasource"]["uid"].as_str().unwrap().to_owned();
    (c, uid, up, dir)
}

fn secrets() -> Value {
    json!({"apiToken": "tok-SECRET-1", "apiKey": "key&SECRET", "password": "pw-SECRET",
           "clientId": "cid", "clientSecret": "csec-SECRET"})
}

fn last(up: &Upstream) -> Seen {
    up.seen.lock().unwrap().last().cloned().unwrap()
}

#[tokio::test]
async fn routes_render_url_headers_params_and_body_with_the_decrypted_secrets() {
    let (c, uid, up, _dir) = setup(
        json!({"projectId": "p-1", "username": "grafana"}),
        secrets(),
    )
    .await;
    let base = format!("/api/datasources/proxy/uid/{uid}");

    let res = c
        .get(
            &format!("{base}/projects/items?b=2&a=1"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.text, "upstream answer");
    let seen = last(&up);
    assert_eq!(seen.path, "/projects/p-1/items");
    assert_eq!(
        seen.query, "a=1&b=2",
        "re-encoded with keys sorted, as Go's url.Values"
    );
    assert_eq!(seen.headers["authorization"], "Bearer tok-SECRET-1");
    assert_eq!(seen.headers["x-missing"], "[<no value>]");
    assert!(seen.headers["user-agent"]
        .to_str()
        .unwrap()
        .starts_with("Grafana/"));

    c.get(&format!("{base}/search?q=x"), Some(OrgRole::Viewer))
        .await;
    let seen = last(&up);
    assert_eq!(seen.path, "/search");
    assert_eq!(seen.query, "apiKey=key%26SECRET&q=x");

    let res = c
        .send(
            Method::POST,
            &format!("{base}/login"),
            Some(OrgRole::Viewer),
            Some(r#"{"ignored":true}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let seen = last(&up);
    assert_eq!(seen.method, "POST");
    let body: Value = serde_json::from_str(&seen.body).unwrap();
    assert_eq!(
        body,
        json!({"username": "grafana", "password": "pw-SECRET"})
    );
    // The route is POST only: a GET goes to the data source's own URL.
    c.get(&format!("{base}/login"), Some(OrgRole::Viewer)).await;
    assert_eq!(last(&up).path, "/login");
    assert!(last(&up).body.is_empty());
}

#[tokio::test]
async fn a_path_no_route_matches_goes_to_the_data_source_url_and_the_id_route_works() {
    let (c, uid, up, _dir) = setup(json!({}), json!({})).await;
    let res = c
        .get(
            &format!("/api/datasources/proxy/uid/{uid}/other/thing/?z=1&a=2"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let seen = last(&up);
    assert_eq!(
        (seen.path.as_str(), seen.query.as_str()),
        ("/other/thing/", "z=1&a=2")
    );
    let id = c
        .get(&format!("/api/datasources/uid/{uid}"), Some(OrgRole::Admin))
        .await
        .json["id"]
        .clone();
    let res = c
        .get(
            &format!("/api/datasources/proxy/{id}/by-id"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(last(&up).path, "/by-id");
}

#[tokio::test]
async fn grafana_header_rules_apply_both_ways() {
    let (c, uid, up, _dir) = setup(json!({"keepCookies": ["keep"]}), json!({})).await;
    let cookie = format!("{}; keep=1; drop=2", c.cookie(OrgRole::Viewer));
    let res = c
        .raw(
            Method::GET,
            &format!("/api/datasources/proxy/uid/{uid}/x"),
            &[
                ("cookie", cookie.as_str()),
                ("origin", "http://evil.example"),
                ("referer", "http://evil.example/page"),
                ("x-forwarded-host", "evil.example"),
                ("x-ds-authorization", "Bearer for-the-ds"),
                ("x-custom", "kept"),
            ],
            "",
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers().get("set-cookie").is_none(),
        "upstream cookies never come back"
    );
    assert_eq!(res.headers()["content-security-policy"], "sandbox");
    let seen = last(&up);
    assert_eq!(seen.headers["cookie"], "keep=1");
    assert_eq!(seen.headers["authorization"], "Bearer for-the-ds");
    assert_eq!(seen.headers["x-custom"], "kept");
    for gone in [
        "origin",
        "referer",
        "x-forwarded-host",
        "x-ds-authorization",
    ] {
        assert!(seen.headers.get(gone).is_none(), "{gone} forwarded");
    }
}

#[tokio::test]
async fn the_callers_grafana_credentials_are_never_forwarded_and_basic_auth_is_added() {
    let (c, uid, up, _dir) = setup(json!({}), json!({"basicAuthPassword": "bpw"})).await;
    // Basic auth on the data source.
    let res = c
        .admin(Method::PUT, &format!("/api/datasources/uid/{uid}"),
               Some(json!({"name": "p", "type": PLUGIN, "access": "proxy", "url": c.get(&format!("/api/datasources/uid/{uid}"), Some(OrgRole::Admin)).await.json["url"],
                           "basicAuth": true, "basicAuthUser": "u"})))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    c.get(
        &format!("/api/datasources/proxy/uid/{uid}/x"),
        Some(OrgRole::Viewer),
    )
    .await;
    let seen = last(&up);
    assert_eq!(seen.headers["authorization"], "Basic dTpicHc=");
    assert!(
        seen.headers.get("cookie").is_none(),
        "the Grafana session cookie stays here"
    );
}

#[tokio::test]
async fn custom_headers_carry_their_decrypted_values_and_bad_tls_material_sends_nothing() {
    let (c, uid, up, _dir) = setup(
        json!({"httpHeaderName1": "X-Tenant", "httpHeaderName2": "X-Empty", "tlsAuthWithCACert": true}),
        json!({"httpHeaderValue1": "tenant-SECRET", "tlsCACert": "not a certificate"}),
    )
    .await;
    let path = format!("/api/datasources/proxy/uid/{uid}/x");
    let res = c.get(&path, Some(OrgRole::Viewer)).await;
    assert_message(&res, 400, "Unable to load TLS certificate");
    assert!(!res.text.contains("SECRET"));
    assert!(up.seen.lock().unwrap().is_empty(), "nothing was sent");

    // Switched off, the stored certificate is ignored and the header goes out.
    let mut dto = c
        .get(&format!("/api/datasources/uid/{uid}"), Some(OrgRole::Admin))
        .await
        .json;
    dto["jsonData"]["tlsAuthWithCACert"] = json!(false);
    let res = c
        .admin(
            Method::PUT,
            &format!("/api/datasources/uid/{uid}"),
            Some(dto),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = c.get(&path, Some(OrgRole::Viewer)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let seen = last(&up);
    assert_eq!(seen.headers["x-tenant"], "tenant-SECRET");
    assert!(
        seen.headers.get("x-empty").is_none(),
        "a header without a value is not sent"
    );
}

#[tokio::test]
async fn the_client_credentials_exchange_happens_once_per_token_lifetime() {
    let (c, uid, up, _dir) = setup(json!({"ttl": "long"}), secrets()).await;
    let c = Arc::new(c);
    let path = format!("/api/datasources/proxy/uid/{uid}/api/items");
    let handles: Vec<_> = (0..20)
        .map(|_| {
            let (c, path) = (c.clone(), path.clone());
            tokio::spawn(async move { c.get(&path, Some(OrgRole::Viewer)).await })
        })
        .collect();
    for h in handles {
        let res = h.await.unwrap();
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    assert_eq!(
        up.exchanges.load(Ordering::SeqCst),
        1,
        "one exchange for 20 concurrent requests"
    );
    let form = up.forms.lock().unwrap()[0].clone();
    assert!(
        form.contains("grant_type=client_credentials")
            && form.contains("client_secret=csec-SECRET"),
        "{form}"
    );
    let seen = up.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 20);
    assert!(seen
        .iter()
        .all(|s| s.headers["authorization"] == "Bearer tok-0" && s.path == "/v1/items"));
    // Another request reuses the token.
    c.get(&path, Some(OrgRole::Viewer)).await;
    assert_eq!(up.exchanges.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_token_close_to_expiry_is_renewed() {
    // expires_in 5 s: within the 10 s renewal margin, so every request renews it.
    let (c, uid, up, _dir) = setup(json!({"ttl": "short"}), secrets()).await;
    let path = format!("/api/datasources/proxy/uid/{uid}/api/x");
    c.get(&path, Some(OrgRole::Viewer)).await;
    c.get(&path, Some(OrgRole::Viewer)).await;
    assert_eq!(up.exchanges.load(Ordering::SeqCst), 2);
    assert_eq!(last(&up).headers["authorization"], "Bearer tok-1");
}

#[tokio::test]
async fn a_refusing_token_endpoint_is_a_clear_error_that_names_no_secret() {
    let mut s = secrets();
    s["clientId"] = json!("wrong");
    let (c, uid, up, _dir) = setup(json!({}), s).await;
    let res = c
        .get(
            &format!("/api/datasources/proxy/uid/{uid}/api/x"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(
        res.text.contains("Authentication to data source failed"),
        "{}",
        res.text
    );
    for secret in ["csec-SECRET", "tok-SECRET-1", "key&SECRET", "pw-SECRET"] {
        assert!(!res.text.contains(secret));
    }
    assert!(
        up.seen.lock().unwrap().is_empty(),
        "no request without a token"
    );
}

#[tokio::test]
async fn an_upstream_401_becomes_grafanas_400() {
    let (c, uid, _up, _dir) = setup(json!({}), json!({})).await;
    let res = c
        .get(
            &format!("/api/datasources/proxy/uid/{uid}/denied"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.text, "Authentication to data source failed");
}

#[tokio::test]
async fn req_role_blocks_a_viewer_and_lets_an_editor_through() {
    let (c, uid, up, _dir) = setup(json!({}), json!({})).await;
    let path = format!("/api/datasources/proxy/uid/{uid}/admin/x");
    let res = c.get(&path, Some(OrgRole::Viewer)).await;
    assert_message(&res, 403, "plugin proxy route access denied");
    assert!(up.seen.lock().unwrap().is_empty());
    let res = c.get(&path, Some(OrgRole::Editor)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(last(&up).path, "/admin/x");
}

#[tokio::test]
async fn lookups_answer_as_grafana() {
    let (c, _uid, _up, _dir) = setup(json!({}), json!({})).await;
    assert_message(
        &c.get("/api/datasources/proxy/uid/nope/x", Some(OrgRole::Viewer))
            .await,
        404,
        "Unable to find datasource",
    );
    assert_message(
        &c.get("/api/datasources/proxy/999/x", Some(OrgRole::Viewer))
            .await,
        404,
        "Unable to find datasource",
    );
    assert_message(
        &c.get("/api/datasources/proxy/abc/x", Some(OrgRole::Viewer))
            .await,
        400,
        "id is invalid",
    );
    assert_message(
        &c.get("/api/datasources/proxy/uid/a%20b/x", Some(OrgRole::Viewer))
            .await,
        400,
        "UID is invalid",
    );
    assert_eq!(
        c.get("/api/datasources/proxy/uid/x/y", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let res = c
        .get("/api/datasources/proxy/uid/x/y", Some(OrgRole::None))
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502_without_a_body() {
    let (c, uid, _up, _dir) = setup(json!({}), json!({})).await;
    c.admin(
        Method::PUT,
        &format!("/api/datasources/uid/{uid}"),
        Some(json!({"name": "p", "type": PLUGIN, "access": "proxy", "url": "http://127.0.0.1:9"})),
    )
    .await;
    let res = c
        .get(
            &format!("/api/datasources/proxy/uid/{uid}/x"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_GATEWAY);
    assert!(res.text.is_empty());
}

// ---- the second hostile review: route escape, fail closed, X-Forwarded-For, bounded
// token exchange, streamed bodies ------------------------------------------------------

#[tokio::test]
async fn no_encoding_of_a_dot_segment_leaves_a_route_or_the_data_source_path() {
    let (c, uid, up, _dir) = setup(json!({}), secrets()).await;
    let base = format!("/api/datasources/proxy/uid/{uid}");
    for escape in escaping_paths() {
        // Through a Viewer route towards the Editor-only `admin` route, and through no
        // route at all (the data source's own URL).
        for uri in [
            format!("{base}/secret-api/{escape}"),
            format!("{base}/projects/{escape}"),
            format!("{base}/{escape}"),
            format!("{base}/other/{escape}"),
        ] {
            let res = c.get(&uri, Some(OrgRole::Viewer)).await;
            assert_message(
                &res,
                400,
                "Invalid proxy path: '.' and '..' segments are not allowed, in any encoding",
            );
        }
    }
    assert!(
        up.seen.lock().unwrap().is_empty(),
        "a request went upstream: {:?}",
        up.seen.lock().unwrap()
    );
    // A route is chosen on the decoded path: an encoded `admin` is still the Editor route.
    let res = c
        .get(&format!("{base}/adm%69n/x"), Some(OrgRole::Viewer))
        .await;
    assert_message(&res, 403, "plugin proxy route access denied");
    // What stays inside is forwarded in its original encoding (`%2F` inside a segment).
    let res = c
        .get(
            &format!("{base}/secret-api/services/a%2Fb/ops"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let seen = last(&up);
    assert_eq!(seen.path, "/base/api/services/a%2Fb/ops");
    assert_eq!(seen.headers["x-route-secret"], "tok-SECRET-1");
    c.get(&format!("{base}/other/a%2Fb..c"), Some(OrgRole::Viewer))
        .await;
    assert_eq!(last(&up).path, "/other/a%2Fb..c");
}

#[tokio::test]
async fn a_plugin_json_that_does_not_parse_gets_no_proxy_at_all() {
    let (url, up) = upstream().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("p")).unwrap();
    // One ill-typed field (a number where Grafana wants a string) fails the whole file.
    let manifest = json!({
        "type": "datasource", "id": "ill-typed-datasource", "name": "Ill typed",
        "routes": [
            {"path": "admin", "reqRole": "Admin", "url": "{{ .URL }}/admin"},
            {"path": "api", "url": "{{ .URL }}/api",
             "tokenAuth": {"url": "{{ .URL }}/token", "params": {"expires": 3600}}}
        ]
    });
    std::fs::write(dir.path().join("p/plugin.json"), manifest.to_string()).unwrap();
    let state = AppState::new(Db::open_in_memory().unwrap(), PathBuf::from("/nonexistent"))
        .with_plugins(PluginRegistry::load(dir.path()).unwrap());
    let c = Client::new(state).await;
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "ill", "type": "ill-typed-datasource", "access": "proxy", "url": url})),
        )
        .await;
    let uid = res.json["datasource"]["uid"].as_str().unwrap().to_owned();
    for path in ["admin/x", "other"] {
        let res = c
            .get(
                &format!("/api/datasources/proxy/uid/{uid}/{path}"),
                Some(OrgRole::Viewer),
            )
            .await;
        assert_message(&res, 500, "Unable to find datasource plugin");
    }
    assert!(up.seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn x_forwarded_for_gets_the_callers_address_appended_as_grafana_does() {
    let (c, uid, up, _dir) = setup(json!({}), json!({})).await;
    let request = |forwarded: Option<&str>| {
        let mut builder = axum::http::Request::builder()
            .uri(format!("/api/datasources/proxy/uid/{uid}/x"))
            .header("cookie", c.cookie(OrgRole::Viewer))
            .header("referer", "http://grafana.example/d/abc");
        if let Some(f) = forwarded {
            builder = builder.header("x-forwarded-for", f);
        }
        let mut req = builder.body(axum::body::Body::empty()).unwrap();
        let addr: std::net::SocketAddr = "10.9.8.7:41000".parse().unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(addr));
        req
    };
    use tower::ServiceExt;
    let res = c
        .app
        .clone()
        .oneshot(request(Some("1.2.3.4")))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let seen = last(&up);
    assert_eq!(seen.headers["x-forwarded-for"], "1.2.3.4, 10.9.8.7");
    assert_eq!(
        seen.headers["x-grafana-referer"],
        "http://grafana.example/d/abc"
    );
    assert!(seen.headers.get("referer").is_none());
    c.app.clone().oneshot(request(None)).await.unwrap();
    assert_eq!(last(&up).headers["x-forwarded-for"], "10.9.8.7");
}

#[tokio::test]
async fn a_hung_token_endpoint_holds_requests_no_longer_than_the_data_source_timeout() {
    let (c, uid, up, dir) = setup(json!({"timeout": 1}), secrets()).await;
    // The route's token endpoint never answers.
    let p = dir.path().join("p/plugin.json");
    let manifest = std::fs::read_to_string(&p)
        .unwrap()
        .replace("/token", "/hung-token");
    std::fs::write(&p, manifest).unwrap();
    let mut state = c.state.clone();
    state = state.with_plugins(PluginRegistry::load(dir.path()).unwrap());
    let c = Arc::new(Client::new(state).await);
    let path = format!("/api/datasources/proxy/uid/{uid}/api/items");
    let waiting: Vec<_> = (0..3)
        .map(|_| {
            let (c, path) = (c.clone(), path.clone());
            tokio::spawn(async move { c.get(&path, Some(OrgRole::Viewer)).await })
        })
        .collect();
    // A hang guard, not a timing assertion: before the fix these never came back.
    let answers = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        futures_util::future::join_all(waiting),
    )
    .await
    .expect("requests hung behind the token exchange");
    for res in answers {
        assert_message(&res.unwrap(), 400, "Authentication to data source failed");
    }
    assert!(up.seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn request_bodies_are_streamed_upstream_and_bounded() {
    // An upstream that says when the first bytes of a body arrived, then reads the rest.
    let (first_tx, first_rx) = tokio::sync::oneshot::channel::<()>();
    let first_tx = Arc::new(Mutex::new(Some(first_tx)));
    let app = Router::new().fallback(any(move |req: Request| {
        let first_tx = first_tx.clone();
        async move {
            use http_body_util::BodyExt;
            let mut body = req.into_body();
            let mut total = 0;
            while let Some(frame) = body.frame().await {
                if let Ok(data) = frame.unwrap().into_data() {
                    total += data.len();
                    if let Some(tx) = first_tx.lock().unwrap().take() {
                        let _ = tx.send(());
                    }
                }
            }
            format!("{total}")
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let state = AppState::new(Db::open_in_memory().unwrap(), PathBuf::from("/nonexistent"));
    let c = Client::new(state).await;
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "s", "type": "prometheus", "access": "proxy", "url": url})),
        )
        .await;
    let uid = res.json["datasource"]["uid"].as_str().unwrap().to_owned();
    // The caller sends its second chunk only once the upstream has the first: a proxy
    // that waits for the whole body before sending anything never completes this.
    let (chunks_tx, chunks_rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(2);
    chunks_tx.send(Ok(vec![b'a'; 64 * 1024])).await.unwrap();
    tokio::spawn(async move {
        if first_rx.await.is_ok() {
            let _ = chunks_tx.send(Ok(vec![b'b'; 64 * 1024])).await;
        }
    });
    let mut chunks_rx = chunks_rx;
    let stream = futures_util::stream::poll_fn(move |cx| chunks_rx.poll_recv(cx));
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri(format!("/api/datasources/proxy/uid/{uid}/write"))
        .header("cookie", c.cookie(OrgRole::Viewer))
        .body(axum::body::Body::from_stream(stream))
        .unwrap();
    use tower::ServiceExt;
    let res = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        c.app.clone().oneshot(req),
    )
    .await
    .expect("the proxy held the body instead of streaming it")
    .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    assert_eq!(body, "131072");
    // A declared body over the bound is refused before anything is read or sent.
    let res = c
        .raw(
            Method::POST,
            &format!("/api/datasources/proxy/uid/{uid}/write"),
            &[
                ("cookie", c.cookie(OrgRole::Viewer).as_str()),
                ("content-length", "33554433"),
            ],
            "",
        )
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}
