//! `/api/datasources/uid/{uid}/health`: a real HTTP request to a tiny axum target on
//! 127.0.0.1:0, with basic auth, bearer API key and custom headers from decrypted secrets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::{HeaderMap, Method, StatusCode};
use axum::routing::get;
use axum::Router;
use datasources_common::*;
use leptos_grafana_devserver::datasources::access::OrgRole;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const EXAMPLE: &str = "leptos-grafana-example-datasource";

/// The headers of the last request the target received.
type Seen = Arc<Mutex<Vec<HeaderMap>>>;

/// Starts the target: `/ok` 200, `/unauthorized` 401 with a body, `/long` 500 with a long
/// body, `/empty` 503 without a body, `/slow` answers after 3 s.
async fn target() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let record = |seen: Seen| {
        move |headers: HeaderMap| {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push(headers);
            }
        }
    };
    let s1 = seen.clone();
    let s2 = seen.clone();
    let app = Router::new()
        .route(
            "/ok",
            get(move |h: HeaderMap| {
                let rec = record(s1.clone());
                async move {
                    rec(h).await;
                    "fine"
                }
            }),
        )
        .route(
            "/unauthorized",
            get(move |h: HeaderMap| {
                let rec = record(s2.clone());
                async move {
                    rec(h).await;
                    (
                        StatusCode::UNAUTHORIZED,
                        "\n  invalid API token for tenant acme  \n",
                    )
                }
            }),
        )
        .route(
            "/long",
            get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "x".repeat(1000)) }),
        )
        .route("/empty", get(|| async { StatusCode::SERVICE_UNAVAILABLE }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3)).await;
                "late"
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}"), seen)
}

async fn add(c: &Client, body: Value) -> String {
    let res = c.admin(Method::POST, "/api/datasources", Some(body)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["datasource"]["uid"].as_str().unwrap().to_owned()
}

async fn health(c: &Client, uid: &str, role: OrgRole) -> Res {
    c.get(&format!("/api/datasources/uid/{uid}/health"), Some(role))
        .await
}

fn last(seen: &Seen) -> HeaderMap {
    seen.lock().unwrap().last().cloned().unwrap()
}

#[tokio::test]
async fn basic_auth_reaches_the_target_and_ok_is_200() {
    let (url, seen) = target().await;
    let c = Client::new(test_state()).await;
    let uid = add(
        &c,
        json!({"name": "b", "type": EXAMPLE, "access": "proxy", "url": url,
               "basicAuth": true, "basicAuthUser": "grafana",
               "jsonData": {"path": "/ok"},
               "secureJsonData": {"basicAuthPassword": "pa55", "apiKey": "ignored-when-basic"}}),
    )
    .await;
    let res = health(&c, &uid, OrgRole::Viewer).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        res.json,
        json!({"status": "OK", "message": "Data source is working"})
    );
    // base64("grafana:pa55")
    assert_eq!(last(&seen)["authorization"], "Basic Z3JhZmFuYTpwYTU1");
    // POST works too, and so does the deprecated id route.
    let res = c
        .send(
            Method::POST,
            &format!("/api/datasources/uid/{uid}/health"),
            Some(OrgRole::Editor),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let id = c
        .get(&format!("/api/datasources/uid/{uid}"), Some(OrgRole::Admin))
        .await
        .json["id"]
        .clone();
    let res = c
        .get(
            &format!("/api/datasources/{id}/health"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn bearer_api_key_and_custom_headers_reach_the_target() {
    let (url, seen) = target().await;
    let c = Client::new(test_state()).await;
    let uid = add(
        &c,
        json!({"name": "k", "type": EXAMPLE, "access": "proxy", "url": url,
               "jsonData": {"path": "/ok",
                            "httpHeaderName1": "X-Tenant",
                            "httpHeaderName2": "X-No-Value",
                            "httpHeaderName3": "X-Trace",
                            "httpHeaderName5": "X-After-Gap"},
               "secureJsonData": {"apiKey": "tok-123",
                                  "httpHeaderValue1": "acme",
                                  "httpHeaderValue3": "t-9",
                                  "httpHeaderValue5": "never"}}),
    )
    .await;
    let res = health(&c, &uid, OrgRole::Viewer).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let h = last(&seen);
    assert_eq!(h["authorization"], "Bearer tok-123");
    assert_eq!(h["x-tenant"], "acme");
    assert!(
        h.get("x-no-value").is_none(),
        "a header without a value is skipped"
    );
    assert_eq!(h["x-trace"], "t-9");
    assert!(
        h.get("x-after-gap").is_none(),
        "stops at the first missing name"
    );

    // Replacing the key through PUT changes what is sent; removing it sends none.
    let dto = c
        .get(&format!("/api/datasources/uid/{uid}"), Some(OrgRole::Admin))
        .await
        .json;
    let mut body = dto.clone();
    body["secureJsonData"] = json!({"apiKey": "tok-456"});
    let res = c
        .admin(
            Method::PUT,
            &format!("/api/datasources/uid/{uid}"),
            Some(body),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    health(&c, &uid, OrgRole::Viewer).await;
    assert_eq!(last(&seen)["authorization"], "Bearer tok-456");
    assert_eq!(last(&seen)["x-tenant"], "acme", "kept");
    let mut body = res.json["datasource"].clone();
    body["secureJsonData"] = json!({"apiKey": ""});
    c.admin(
        Method::PUT,
        &format!("/api/datasources/uid/{uid}"),
        Some(body),
    )
    .await;
    health(&c, &uid, OrgRole::Viewer).await;
    assert!(last(&seen).get("authorization").is_none());
}

#[tokio::test]
async fn a_failing_target_gives_400_error_with_its_status_and_never_its_body() {
    let (url, seen) = target().await;
    let c = Client::new(test_state()).await;
    let uid = add(
        &c,
        json!({"name": "u", "type": EXAMPLE, "access": "proxy", "url": url,
               "jsonData": {"path": "/unauthorized"},
               "secureJsonData": {"apiKey": "wrong-key-5521"}}),
    )
    .await;
    let res = health(&c, &uid, OrgRole::Viewer).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        res.json,
        json!({"status": "ERROR", "message": "401 Unauthorized: the data source answered with an error"})
    );
    assert_eq!(last(&seen)["authorization"], "Bearer wrong-key-5521");
    assert!(!res.text.contains("wrong-key-5521"));

    let long = add(
        &c,
        json!({"name": "l", "type": EXAMPLE, "access": "proxy", "url": url,
               "jsonData": {"path": "/long"}}),
    )
    .await;
    let res = health(&c, &long, OrgRole::Viewer).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        res.json["message"],
        "500 Internal Server Error: the data source answered with an error"
    );
    let empty = add(
        &c,
        json!({"name": "e", "type": EXAMPLE, "access": "proxy", "url": format!("{url}/empty")}),
    )
    .await;
    let res = health(&c, &empty, OrgRole::Viewer).await;
    assert_eq!(
        res.json["message"],
        "503 Service Unavailable: the data source answered with an error"
    );
}

#[tokio::test]
async fn connection_refused_and_timeouts_are_clear_errors() {
    let (url, _) = target().await;
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = Client::new(test_state()).await;
    let refused = add(
        &c,
        json!({"name": "r", "type": EXAMPLE, "access": "proxy",
               "url": format!("http://user:hidden-pw@127.0.0.1:{port}"), "jsonData": {"path": "/x"}}),
    )
    .await;
    let res = health(&c, &refused, OrgRole::Viewer).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json["status"], "ERROR");
    assert_eq!(
        res.json["message"],
        format!("Connection refused: GET http://127.0.0.1:{port}/x")
    );
    let slow = add(
        &c,
        json!({"name": "s", "type": EXAMPLE, "access": "proxy", "url": url,
               "jsonData": {"path": "/slow", "timeout": 1}}),
    )
    .await;
    let started = std::time::Instant::now();
    let res = health(&c, &slow, OrgRole::Viewer).await;
    assert!(started.elapsed() < Duration::from_millis(2800));
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        res.json["message"],
        format!("Request timed out after 1s: GET {url}/slow")
    );
}

#[tokio::test]
async fn unknown_uids_and_frontend_only_plugins() {
    let c = Client::new(test_state()).await;
    let res = health(&c, "nope", OrgRole::Viewer).await;
    assert_message(&res, 500, "Unable to load datasource metadata");
    let res = c
        .get(
            "/api/datasources/uid/bad%20uid/health",
            Some(OrgRole::Viewer),
        )
        .await;
    assert_message(&res, 400, "UID is invalid");
    let frontend = add(
        &c,
        json!({"name": "f", "uid": "f", "type": "some-frontend-plugin", "access": "proxy",
               "url": "http://127.0.0.1:1"}),
    )
    .await;
    let res = health(&c, &frontend, OrgRole::Viewer).await;
    assert_message(&res, 404, "Plugin not found");
}

#[tokio::test]
async fn invalid_tls_material_is_reported_not_sent() {
    let (url, seen) = target().await;
    let c = Client::new(test_state()).await;
    let uid = add(
        &c,
        json!({"name": "t", "type": EXAMPLE, "access": "proxy", "url": url,
               "jsonData": {"path": "/ok", "tlsAuthWithCACert": true},
               "secureJsonData": {"tlsCACert": "not a certificate"}}),
    )
    .await;
    let res = health(&c, &uid, OrgRole::Viewer).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        res.json,
        json!({"status": "ERROR", "message": "The CA certificate is not a valid PEM certificate"})
    );
    assert!(seen.lock().unwrap().is_empty());
    // Switched off, the stored certificate is ignored.
    let mut dto = c
        .get(&format!("/api/datasources/uid/{uid}"), Some(OrgRole::Admin))
        .await
        .json;
    dto["jsonData"]["tlsAuthWithCACert"] = json!(false);
    c.admin(
        Method::PUT,
        &format!("/api/datasources/uid/{uid}"),
        Some(dto),
    )
    .await;
    assert_eq!(
        health(&c, &uid, OrgRole::Viewer).await.status,
        StatusCode::OK
    );
}
