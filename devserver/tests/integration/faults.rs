//! `--faults`: each effect does what it says on the routes it names, nothing else is
//! touched, and an Admin turns the faults off at run time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use datasources_common::*;
use http_body_util::BodyExt;
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::faults::Faults;
use serde_json::json;
use std::sync::Arc;
use tower::ServiceExt;

async fn with_faults(spec: &str) -> Client {
    let mut state = test_state();
    state.faults = Some(Arc::new(Faults::new(spec).unwrap()));
    Client::new(state).await
}

#[tokio::test]
async fn each_effect_hits_only_its_routes_and_admins_turn_them_off() {
    let c = with_faults(
        "GET /api/serviceaccounts/search=error:1; /api/user/orgs=garbage:1; GET /api/datasources=truncate:1",
    )
    .await;
    let res = c
        .get("/api/serviceaccounts/search", Some(OrgRole::Admin))
        .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.json["message"], "Internal Server Error");
    let res = c.get("/api/user/orgs", Some(OrgRole::Admin)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.content_type.starts_with("text/html"),
        "{}",
        res.content_type
    );
    assert_eq!(res.json, serde_json::Value::Null, "not JSON: {}", res.text);
    let res = c.get("/api/datasources", Some(OrgRole::Admin)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        serde_json::from_str::<serde_json::Value>(&res.text).is_err(),
        "cut: {}",
        res.text
    );
    // Other routes are untouched.
    let res = c.get("/api/health", None).await;
    assert_eq!(res.status, StatusCode::OK);
    // Only an Admin sees or changes the faults, and then they are gone.
    let res = c.get("/api/devserver/faults", Some(OrgRole::Editor)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = c
        .admin(
            Method::PUT,
            "/api/devserver/faults",
            Some(json!({"spec": "/api=nope:1"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    let res = c
        .admin(
            Method::PUT,
            "/api/devserver/faults",
            Some(json!({"spec": ""})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = c
        .get("/api/serviceaccounts/search", Some(OrgRole::Admin))
        .await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn a_dropped_connection_never_completes_its_body() {
    let c = with_faults("/api/health=drop:1").await;
    let res = c
        .app
        .clone()
        .oneshot(Request::get("/api/health").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert!(
        res.into_body().collect().await.is_err(),
        "the body must fail"
    );
}

#[tokio::test]
async fn without_faults_the_control_route_does_not_exist() {
    let c = Client::new(test_state()).await;
    let res = c.get("/api/devserver/faults", Some(OrgRole::Admin)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
