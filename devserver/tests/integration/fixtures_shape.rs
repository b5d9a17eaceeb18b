//! devserver answers with the same field names and JSON types as current Grafana, as
//! recorded in `tests/fixtures/grafana/*.json` (repository root).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::Method;
use datasources_common::{test_state, Client};
use leptos_grafana_devserver::datasources::access::OrgRole;
use serde_json::{json, Value};
use std::path::PathBuf;

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/grafana")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether `actual` has the shape of `expected`: the same object keys (no more, no fewer),
/// the same JSON types; a `null` in the fixture accepts anything; array elements are
/// compared to the fixture element at the same index, or its first.
fn same_shape(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Null, _) => Ok(()),
        (Value::Object(e), Value::Object(a)) => {
            let mut ek: Vec<&String> = e.keys().collect();
            let mut ak: Vec<&String> = a.keys().collect();
            ek.sort();
            ak.sort();
            if ek != ak {
                return Err(format!("{at}: keys {ak:?}, fixture has {ek:?}"));
            }
            for (k, ev) in e {
                same_shape(ev, &a[k], &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, av) in a.iter().enumerate() {
                if let Some(ev) = e.get(i).or_else(|| e.first()) {
                    same_shape(ev, av, &format!("{at}[{i}]"))?;
                }
            }
            Ok(())
        }
        (e, a) if kind(e) == kind(a) => Ok(()),
        (e, a) => Err(format!(
            "{at}: {} where the fixture has {}",
            kind(a),
            kind(e)
        )),
    }
}

#[track_caller]
fn assert_shape(name: &str, actual: &Value) {
    if let Err(why) = same_shape(&fixture(name), actual, "$") {
        panic!("{name}: {why}\nactual: {actual}");
    }
}

#[test]
fn the_shape_helper_catches_differences() {
    let e = json!({"a": 1, "b": [{"c": "x"}], "d": null});
    assert!(same_shape(&e, &json!({"a": 2.5, "b": [], "d": true}), "$").is_ok());
    assert!(same_shape(&e, &json!({"a": "1", "b": [], "d": 1}), "$").is_err());
    assert!(same_shape(&e, &json!({"a": 1, "b": [{"c": 3}], "d": 1}), "$").is_err());
    assert!(same_shape(&e, &json!({"a": 1, "b": [], "d": 1, "extra": 0}), "$").is_err());
    assert!(same_shape(&e, &json!({"a": 1, "b": []}), "$").is_err());
}

#[tokio::test]
async fn service_account_answers_have_grafanas_shapes() {
    let c = Client::new(test_state()).await;
    let res = c
        .admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": "grafana"})),
        )
        .await;
    assert_shape("serviceaccount-create.json", &res.json);
    let id = res.json["id"].as_i64().unwrap();
    c.admin(
        Method::POST,
        "/api/serviceaccounts",
        Some(json!({"name": "test", "isDisabled": true})),
    )
    .await;

    let res = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{id}/tokens"),
            Some(json!({"name": "grafana", "secondsToLive": 60})),
        )
        .await;
    assert_shape("serviceaccount-token-create.json", &res.json);
    let key = res.json["key"].as_str().unwrap().to_owned();
    let auth = format!("Bearer {key}");
    c.send_with(
        Method::GET,
        "/api/user",
        &[("authorization", auth.as_str())],
        None,
    )
    .await;
    c.admin(
        Method::POST,
        &format!("/api/serviceaccounts/{id}/tokens"),
        Some(json!({"name": "grafana-2"})),
    )
    .await;
    c.state.clock.advance(120);

    let res = c
        .get(
            "/api/serviceaccounts/search?accesscontrol=true",
            Some(OrgRole::Admin),
        )
        .await;
    assert_shape("serviceaccounts-search.json", &res.json);
    let res = c
        .get(&format!("/api/serviceaccounts/{id}"), Some(OrgRole::Admin))
        .await;
    assert_shape("serviceaccount-get.json", &res.json);
    let res = c
        .get(
            &format!("/api/serviceaccounts/{id}/tokens"),
            Some(OrgRole::Admin),
        )
        .await;
    assert_shape("serviceaccount-tokens.json", &res.json);
    let res = c
        .admin(
            Method::PATCH,
            &format!("/api/serviceaccounts/{id}"),
            Some(json!({"name": "test", "role": "Editor"})),
        )
        .await;
    assert_shape("serviceaccount-update.json", &res.json);
    let token_id = c
        .get(
            &format!("/api/serviceaccounts/{id}/tokens"),
            Some(OrgRole::Admin),
        )
        .await
        .json[0]["id"]
        .as_i64()
        .unwrap();
    let res = c
        .admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{id}/tokens/{token_id}"),
            None,
        )
        .await;
    assert_shape("serviceaccount-token-delete.json", &res.json);
    let res = c
        .admin(Method::DELETE, &format!("/api/serviceaccounts/{id}"), None)
        .await;
    assert_shape("serviceaccount-delete.json", &res.json);
}

#[tokio::test]
async fn errors_and_identity_have_grafanas_shapes() {
    let c = Client::new(test_state()).await;
    let res = c
        .get("/api/serviceaccounts/999", Some(OrgRole::Admin))
        .await;
    assert_shape("error-not-found.json", &res.json);
    let res = c
        .get("/api/serviceaccounts/search", Some(OrgRole::Viewer))
        .await;
    assert_shape("error-access-denied.json", &res.json);
    let res = c.get("/api/serviceaccounts/search", None).await;
    assert_shape("error-unauthorized.json", &res.json);
    let res = c
        .send(
            Method::POST,
            "/api/serviceaccounts",
            Some(OrgRole::Admin),
            Some("{bad"),
        )
        .await;
    assert_shape("error-bad-request.json", &res.json);
    let res = c.get("/api/user", Some(OrgRole::Admin)).await;
    assert_shape("user.json", &res.json);
    let res = c.get("/api/user/orgs", Some(OrgRole::Admin)).await;
    assert_shape("user-orgs.json", &res.json);
    let res = c
        .send(
            Method::POST,
            "/login",
            None,
            Some(r#"{"user":"admin","password":"admin"}"#),
        )
        .await;
    assert_shape("login.json", &res.json);
}
