//! Grafana's service-account API and the sign-in it relies on, through the real router
//! (`oneshot`) over real SQLite: every route, every error body of the contract, the four
//! ways to authenticate, RBAC 401 vs 403, CSRF, token format, expiry with the test clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::{Method, StatusCode};
use base64::Engine;
use datasources_common::{assert_denied, assert_message, test_state, Client, Res};
use leptos_grafana_devserver::datasources::access::OrgRole;
use serde_json::{json, Value};

const ADMIN: Option<OrgRole> = Some(OrgRole::Admin);

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

#[track_caller]
fn assert_errutil(res: &Res, status: u16, message: &str, id: &str) {
    assert_eq!(res.status.as_u16(), status, "{}", res.text);
    assert_eq!(res.json["message"], message, "{}", res.text);
    assert_eq!(res.json["messageId"], id, "{}", res.text);
    assert_eq!(res.json["statusCode"], status, "{}", res.text);
}

#[track_caller]
fn assert_401(res: &Res, message: &str, id: &str) {
    assert_errutil(res, 401, message, id);
    assert!(
        res.json.as_object().unwrap().contains_key("extra"),
        "{}",
        res.text
    );
    assert_eq!(res.json["extra"], Value::Null);
    assert_eq!(res.json["traceID"], "");
}

#[track_caller]
fn assert_bad_request_data(res: &Res) {
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    assert_eq!(
        res.json,
        json!({"message": "Bad request data", "traceID": ""})
    );
}

async fn create_sa(c: &Client, body: Value) -> Value {
    let res = c
        .admin(Method::POST, "/api/serviceaccounts", Some(body))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json
}

async fn create_token(c: &Client, sa: i64, body: Value) -> Res {
    c.admin(
        Method::POST,
        &format!("/api/serviceaccounts/{sa}/tokens"),
        Some(body),
    )
    .await
}

async fn token_for(c: &Client, sa: i64, name: &str) -> (i64, String) {
    let res = create_token(c, sa, json!({"name": name})).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    (
        res.json["id"].as_i64().unwrap(),
        res.json["key"].as_str().unwrap().to_owned(),
    )
}

async fn bearer(c: &Client, method: Method, uri: &str, key: &str) -> Res {
    let auth = format!("Bearer {key}");
    c.send_with(method, uri, &[("authorization", auth.as_str())], None)
        .await
}

fn is_grafana_key(key: &str) -> bool {
    let parts: Vec<&str> = key.split('_').collect();
    key.len() == 46
        && parts.len() == 3
        && parts[0] == "glsa"
        && parts[1].len() == 32
        && parts[1].chars().all(|c| c.is_ascii_alphanumeric())
        && parts[2].len() == 8
        && parts[2]
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

// ---------------------------------------------------------------- sign-in and identity

#[tokio::test]
async fn no_credentials_is_grafanas_401() {
    let c = Client::new(test_state()).await;
    for uri in ["/api/serviceaccounts/search", "/api/user", "/api/user/orgs"] {
        let res = c.get(uri, None).await;
        assert_401(&res, "Unauthorized", "auth.unauthorized");
    }
    let res = c
        .send(Method::POST, "/api/serviceaccounts", None, Some("{}"))
        .await;
    assert_401(&res, "Unauthorized", "auth.unauthorized");
}

#[tokio::test]
async fn login_sets_an_http_only_session_and_user_reports_the_role() {
    let c = Client::new(test_state()).await;
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/login")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(
            json!({"user": "admin", "password": "admin"}).to_string(),
        ))
        .unwrap();
    use tower::ServiceExt;
    let res = c.app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("grafana_session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly")
            && session.contains("SameSite=Lax")
            && session.contains("Path=/")
    );
    let expiry = cookies
        .iter()
        .find(|c| c.starts_with("grafana_session_expiry="))
        .unwrap();
    assert!(!expiry.contains("HttpOnly"));
    use http_body_util::BodyExt;
    let body: Value =
        serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(body, json!({"message": "Logged in", "redirectUrl": "/"}));

    let pair = session.split(';').next().unwrap();
    let me = c
        .send_with(Method::GET, "/api/user", &[("cookie", pair)], None)
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.json["login"], "admin");
    assert_eq!(me.json["orgId"], 1);
    assert_eq!(me.json["isGrafanaAdmin"], true);
    assert_eq!(me.json["isDisabled"], false);
    assert!(me.json["uid"].is_string() && me.json["id"].is_i64());
    let orgs = c
        .send_with(Method::GET, "/api/user/orgs", &[("cookie", pair)], None)
        .await;
    assert_eq!(
        orgs.json,
        json!([{"orgId": 1, "name": "Main Org.", "role": "Admin"}])
    );
    let viewer = c.get("/api/user/orgs", Some(OrgRole::Viewer)).await;
    assert_eq!(viewer.json[0]["role"], "Viewer");

    // Logout ends the session and sends the browser to /login.
    let out = c
        .send_with(Method::GET, "/logout", &[("cookie", pair)], None)
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let again = c
        .send_with(Method::GET, "/api/user", &[("cookie", pair)], None)
        .await;
    assert_401(&again, "Unauthorized", "auth.unauthorized");
}

#[tokio::test]
async fn bad_logins_are_401_and_bad_bodies_400() {
    let c = Client::new(test_state()).await;
    for body in [
        json!({"user": "admin", "password": "nope"}),
        json!({"user": "ghost", "password": "admin"}),
    ] {
        let res = c
            .send(Method::POST, "/login", None, Some(&body.to_string()))
            .await;
        assert_errutil(
            &res,
            401,
            "Invalid username or password",
            "password-auth.failed",
        );
    }
    let res = c.send(Method::POST, "/login", None, Some("{nope")).await;
    assert_bad_request_data(&res);
}

#[tokio::test]
async fn five_failures_in_five_minutes_block_a_login() {
    let c = Client::new(test_state()).await;
    let wrong = json!({"user": "editor", "password": "nope"}).to_string();
    let right = json!({"user": "editor", "password": "pw-editor"}).to_string();
    // A success clears earlier failures.
    for _ in 0..4 {
        c.send(Method::POST, "/login", None, Some(&wrong)).await;
    }
    assert_eq!(
        c.send(Method::POST, "/login", None, Some(&right))
            .await
            .status,
        StatusCode::OK
    );
    for _ in 0..5 {
        let res = c.send(Method::POST, "/login", None, Some(&wrong)).await;
        assert_errutil(
            &res,
            401,
            "Invalid username or password",
            "password-auth.failed",
        );
    }
    let res = c.send(Method::POST, "/login", None, Some(&right)).await;
    assert_errutil(
        &res,
        401,
        "Invalid username or password",
        "login-attempt.blocked",
    );
    let auth = basic("editor", "pw-editor");
    let res = c
        .send_with(
            Method::GET,
            "/api/user",
            &[("authorization", auth.as_str())],
            None,
        )
        .await;
    assert_401(
        &res,
        "Invalid username or password",
        "login-attempt.blocked",
    );
    // Other logins are not affected; the block ends after 5 minutes.
    let admin = json!({"user": "admin", "password": "admin"}).to_string();
    assert_eq!(
        c.send(Method::POST, "/login", None, Some(&admin))
            .await
            .status,
        StatusCode::OK
    );
    c.state.clock.advance(301);
    assert_eq!(
        c.send(Method::POST, "/login", None, Some(&right))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn basic_and_bearer_and_api_key_basic_authenticate() {
    let c = Client::new(test_state()).await;
    let good = basic("admin", "admin");
    let res = c
        .send_with(
            Method::GET,
            "/api/user",
            &[("authorization", good.as_str())],
            None,
        )
        .await;
    assert_eq!(res.json["login"], "admin");
    let bad = basic("admin", "wrong");
    let res = c
        .send_with(
            Method::GET,
            "/api/user",
            &[("authorization", bad.as_str())],
            None,
        )
        .await;
    assert_401(&res, "Invalid username or password", "password-auth.failed");

    let sa = create_sa(&c, json!({"name": "robot", "role": "Admin"})).await;
    let (_, key) = token_for(&c, sa["id"].as_i64().unwrap(), "t1").await;
    let res = bearer(&c, Method::GET, "/api/serviceaccounts/search", &key).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let as_basic = basic("api_key", &key);
    let res = c
        .send_with(
            Method::GET,
            "/api/user",
            &[("authorization", as_basic.as_str())],
            None,
        )
        .await;
    assert_eq!(res.json["login"], "sa-1-robot");
    assert_eq!(res.json["isServiceAccount"], true);
}

#[tokio::test]
async fn csrf_refuses_foreign_origins_for_cookie_sessions_only() {
    let c = Client::new(test_state()).await;
    let cookie = c.cookie(OrgRole::Admin);
    let body = json!({"name": "csrf"}).to_string();
    let foreign = c
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &[
                ("cookie", cookie.as_str()),
                ("host", "localhost:3000"),
                ("origin", "http://evil.example"),
            ],
            Some(&body),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert_eq!(foreign.json["message"], "origin not allowed");
    let foreign_referer = c
        .send_with(
            Method::DELETE,
            "/api/serviceaccounts/1",
            &[
                ("cookie", cookie.as_str()),
                ("host", "localhost:3000"),
                ("referer", "https://evil.example/page"),
            ],
            None,
        )
        .await;
    assert_eq!(foreign_referer.json["message"], "origin not allowed");
    // GET is never refused; same host is fine; Basic is not subject to CSRF.
    let get = c
        .send_with(
            Method::GET,
            "/api/serviceaccounts/search",
            &[
                ("cookie", cookie.as_str()),
                ("host", "localhost:3000"),
                ("origin", "http://evil.example"),
            ],
            None,
        )
        .await;
    assert_eq!(get.status, StatusCode::OK);
    let same = c
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &[
                ("cookie", cookie.as_str()),
                ("host", "localhost:3000"),
                ("origin", "http://localhost:3000"),
            ],
            Some(&body),
        )
        .await;
    assert_eq!(same.status, StatusCode::CREATED, "{}", same.text);
    let auth = basic("admin", "admin");
    let basic_foreign = c
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &[
                ("authorization", auth.as_str()),
                ("host", "localhost:3000"),
                ("origin", "http://evil.example"),
            ],
            Some(&json!({"name": "csrf2"}).to_string()),
        )
        .await;
    assert_eq!(
        basic_foreign.status,
        StatusCode::CREATED,
        "{}",
        basic_foreign.text
    );
}

// ---------------------------------------------------------------- RBAC

#[tokio::test]
async fn only_admins_have_service_account_permissions() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, json!({"name": "x"})).await;
    let id = sa["id"].as_i64().unwrap();
    for role in [OrgRole::Editor, OrgRole::Viewer, OrgRole::None] {
        let r = Some(role);
        assert_denied(
            &c.get("/api/serviceaccounts/search", r).await,
            "serviceaccounts:read",
        );
        assert_denied(
            &c.get(&format!("/api/serviceaccounts/{id}"), r).await,
            "serviceaccounts:read",
        );
        assert_denied(
            &c.get(&format!("/api/serviceaccounts/{id}/tokens"), r).await,
            "serviceaccounts:read",
        );
        assert_denied(
            &c.send(
                Method::POST,
                "/api/serviceaccounts",
                r,
                Some(r#"{"name":"y"}"#),
            )
            .await,
            "serviceaccounts:create",
        );
        assert_denied(
            &c.send(
                Method::PATCH,
                &format!("/api/serviceaccounts/{id}"),
                r,
                Some("{}"),
            )
            .await,
            "serviceaccounts:write",
        );
        assert_denied(
            &c.send(
                Method::DELETE,
                &format!("/api/serviceaccounts/{id}"),
                r,
                None,
            )
            .await,
            "serviceaccounts:delete",
        );
        assert_denied(
            &c.send(
                Method::POST,
                &format!("/api/serviceaccounts/{id}/tokens"),
                r,
                Some(r#"{"name":"t"}"#),
            )
            .await,
            "serviceaccounts:write",
        );
        assert_denied(
            &c.send(
                Method::DELETE,
                &format!("/api/serviceaccounts/{id}/tokens/1"),
                r,
                None,
            )
            .await,
            "serviceaccounts:write",
        );
    }
}

#[tokio::test]
async fn a_token_acts_with_its_accounts_role() {
    let c = Client::new(test_state()).await;
    let viewer = create_sa(&c, json!({"name": "viewer-bot"})).await;
    let (_, key) = token_for(&c, viewer["id"].as_i64().unwrap(), "v").await;
    let res = bearer(&c, Method::GET, "/api/serviceaccounts/search", &key).await;
    assert_denied(&res, "serviceaccounts:read");
    let orgs = bearer(&c, Method::GET, "/api/user/orgs", &key).await;
    assert_eq!(orgs.json[0]["role"], "Viewer");
}

// ---------------------------------------------------------------- create, get, update, delete

#[tokio::test]
async fn create_follows_grafanas_login_rule_and_body() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, json!({"name": "My SA"})).await;
    assert_eq!(sa["login"], "sa-1-my-sa");
    assert_eq!(sa["name"], "My SA");
    assert_eq!(sa["orgId"], 1);
    assert_eq!(sa["role"], "Viewer");
    assert_eq!(sa["isDisabled"], false);
    assert_eq!(sa["tokens"], 0);
    assert_eq!(sa["avatarUrl"], "");
    assert!(sa.get("createdAt").is_none() && sa.get("teams").is_none());
    let sa = create_sa(
        &c,
        json!({"name": "-dash", "role": "editor", "isDisabled": true}),
    )
    .await;
    assert_eq!(sa["login"], "sa-1-dash");
    assert_eq!(sa["role"], "Editor");
    assert_eq!(sa["isDisabled"], true);
    let sa = create_sa(&c, json!({"name": "empty role", "role": ""})).await;
    assert_eq!(sa["role"], "Viewer");
    let sa = create_sa(&c, json!({"name": "none", "role": "NONE"})).await;
    assert_eq!(sa["role"], "None");

    // Duplicates are by login: case and "a b" vs "a-b" collide.
    for dup in ["my sa", "MY SA", "My-SA"] {
        let res = c
            .admin(
                Method::POST,
                "/api/serviceaccounts",
                Some(json!({"name": dup})),
            )
            .await;
        assert_errutil(
            &res,
            400,
            "service account already exists",
            "serviceaccounts.ErrAlreadyExists",
        );
    }
}

#[tokio::test]
async fn bad_create_bodies_are_bad_request_data() {
    let c = Client::new(test_state()).await;
    for body in [
        "{nope",
        "{}",
        "",
        r#"{"name": ""}"#,
        r#"{"name": 3}"#,
        r#"{"name": "x", "role": "Owner"}"#,
        r#"{"name": "x", "isDisabled": "yes"}"#,
    ] {
        let res = c
            .send(Method::POST, "/api/serviceaccounts", ADMIN, Some(body))
            .await;
        assert_bad_request_data(&res);
    }
    // Unknown fields are ignored, and Content-Type is not checked.
    let res = c
        .send(
            Method::POST,
            "/api/serviceaccounts",
            ADMIN,
            Some(r#"{"name": "ok", "color": "red"}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
}

#[tokio::test]
async fn get_by_id_or_uid_and_not_found_bodies() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, json!({"name": "grafana"})).await;
    let id = sa["id"].as_i64().unwrap();
    let uid = sa["uid"].as_str().unwrap().to_owned();
    for path in [
        format!("/api/serviceaccounts/{id}"),
        format!("/api/serviceaccounts/{uid}"),
    ] {
        let res = c.get(&path, ADMIN).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        assert_eq!(res.json["id"], id);
        assert_eq!(res.json["login"], "sa-1-grafana");
        assert_eq!(
            res.json["avatarUrl"],
            "/avatar/85ec38023d90823d3e5b43ef35646af9"
        );
        assert_eq!(res.json["teams"], Value::Null);
        assert!(res.json.get("tokens").is_none(), "tokens is omitted when 0");
        assert!(res.json["createdAt"].as_str().unwrap().ends_with('Z'));
        assert!(res.json.get("accessControl").is_none());
    }
    let with_ac = c
        .get(
            &format!("/api/serviceaccounts/{id}?accesscontrol=true"),
            ADMIN,
        )
        .await;
    assert_eq!(
        with_ac.json["accessControl"]["serviceaccounts:delete"],
        true
    );
    assert!(with_ac.json["accessControl"]
        .get("serviceaccounts:create")
        .is_none());
    token_for(&c, id, "one").await;
    let res = c.get(&format!("/api/serviceaccounts/{id}"), ADMIN).await;
    assert_eq!(res.json["tokens"], 1);

    assert_errutil(
        &c.get("/api/serviceaccounts/999", ADMIN).await,
        404,
        "service account not found",
        "serviceaccounts.ErrNotFound",
    );
    let res = c.get("/api/serviceaccounts/no-such-uid", ADMIN).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json, json!({"message": "Not found"}));
    let res = c.get("/api/serviceaccounts/0", ADMIN).await;
    assert_message(&res, 500, "Failed to retrieve service account");
    // Tokens of an unknown account: an empty list.
    let res = c.get("/api/serviceaccounts/999/tokens", ADMIN).await;
    assert_eq!(res.json, json!([]));
}

#[tokio::test]
async fn patch_answers_the_wrapper_and_keeps_the_login() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, json!({"name": "grafana"})).await;
    let id = sa["id"].as_i64().unwrap();
    let res = c
        .admin(
            Method::PATCH,
            &format!("/api/serviceaccounts/{id}"),
            Some(json!({"name": "test", "role": "editor", "isDisabled": true, "serviceAccountId": 77})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["message"], "Service account updated");
    assert_eq!(res.json["id"], id);
    assert_eq!(res.json["name"], "test");
    let p = &res.json["serviceaccount"];
    assert_eq!(p["name"], "test");
    assert_eq!(p["login"], "sa-1-grafana");
    assert_eq!(p["role"], "Editor");
    assert_eq!(p["isDisabled"], true);
    assert_eq!(p["avatarUrl"], "/avatar/8ea890a677d6a223c591a1beea6ea9d2");
    let got = c.get(&format!("/api/serviceaccounts/{id}"), ADMIN).await;
    assert_eq!(got.json["name"], "test");
    assert_eq!(got.json["isDisabled"], true);
    // {} changes nothing.
    let res = c
        .admin(
            Method::PATCH,
            &format!("/api/serviceaccounts/{id}"),
            Some(json!({})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json["serviceaccount"]["role"], "Editor");
    // Renaming onto another account's name is allowed (logins never change).
    create_sa(&c, json!({"name": "other"})).await;
    let res = c
        .admin(
            Method::PATCH,
            &format!("/api/serviceaccounts/{id}"),
            Some(json!({"name": "other"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    // Errors.
    let res = c
        .admin(
            Method::PATCH,
            "/api/serviceaccounts/999",
            Some(json!({"name": "z"})),
        )
        .await;
    assert_errutil(
        &res,
        404,
        "service account not found",
        "serviceaccounts.ErrNotFound",
    );
    let res = c
        .admin(
            Method::PATCH,
            "/api/serviceaccounts/0",
            Some(json!({"name": "z"})),
        )
        .await;
    assert_errutil(
        &res,
        400,
        "invalid service account id specified",
        "serviceaccounts.ErrInvalidId",
    );
    let res = c
        .send(
            Method::PATCH,
            &format!("/api/serviceaccounts/{id}"),
            ADMIN,
            Some(r#"{"role":"boss"}"#),
        )
        .await;
    assert_bad_request_data(&res);
    let res = c
        .admin(
            Method::PATCH,
            &format!("/api/serviceaccounts/{id}"),
            Some(json!({"name": "extsvc-x"})),
        )
        .await;
    assert_errutil(
        &res,
        400,
        "only external service account names can be prefixed with 'extsvc-'",
        "extsvcaccounts.ErrInvalidName",
    );
}

#[tokio::test]
async fn delete_cascades_tokens() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, json!({"name": "gone", "role": "Admin"})).await;
    let id = sa["id"].as_i64().unwrap();
    let (_, key) = token_for(&c, id, "gone-token").await;
    assert_eq!(
        bearer(&c, Method::GET, "/api/user", &key).await.status,
        StatusCode::OK
    );
    let res = c
        .admin(Method::DELETE, &format!("/api/serviceaccounts/{id}"), None)
        .await;
    assert_eq!(res.json, json!({"message": "Service account deleted"}));
    let res = bearer(&c, Method::GET, "/api/user", &key).await;
    assert_401(&res, "Invalid API key", "api-key.invalid");
    let left: i64 = c
        .state
        .db
        .call(|c| Ok(c.query_row("SELECT count(*) FROM api_key", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(left, 0);
    let res = c
        .admin(Method::DELETE, &format!("/api/serviceaccounts/{id}"), None)
        .await;
    assert_errutil(
        &res,
        404,
        "service account not found",
        "serviceaccounts.ErrNotFound",
    );
    let res = c
        .admin(Method::DELETE, "/api/serviceaccounts/0", None)
        .await;
    assert_errutil(
        &res,
        400,
        "invalid service account id specified",
        "serviceaccounts.ErrInvalidId",
    );
    let res = c
        .admin(Method::DELETE, "/api/serviceaccounts/nouid", None)
        .await;
    assert_eq!(res.json, json!({"message": "Not found"}));
}

// ---------------------------------------------------------------- search

#[tokio::test]
async fn search_pages_filters_and_orders_by_login() {
    let c = Client::new(test_state()).await;
    for name in ["Charlie", "alpha", "Bravo", "delta"] {
        create_sa(&c, json!({"name": name})).await;
    }
    create_sa(&c, json!({"name": "echo", "isDisabled": true})).await;
    let all = c.get("/api/serviceaccounts/search", ADMIN).await;
    assert_eq!(all.json["totalCount"], 5);
    assert_eq!(all.json["page"], 1);
    assert_eq!(all.json["perPage"], 1000);
    let logins: Vec<&str> = all.json["serviceAccounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["login"].as_str().unwrap())
        .collect();
    assert_eq!(
        logins,
        [
            "sa-1-alpha",
            "sa-1-bravo",
            "sa-1-charlie",
            "sa-1-delta",
            "sa-1-echo"
        ]
    );
    assert!(all.json["serviceAccounts"][0]
        .get("accessControl")
        .is_none());
    assert_eq!(all.json["serviceAccounts"][0]["tokens"], 0);
    assert!(all.json["serviceAccounts"][0]["avatarUrl"]
        .as_str()
        .unwrap()
        .starts_with("/avatar/"));

    let page = c
        .get("/api/serviceaccounts/search?perpage=2&page=2", ADMIN)
        .await;
    assert_eq!(page.json["totalCount"], 5);
    assert_eq!(page.json["perPage"], 2);
    assert_eq!(page.json["serviceAccounts"][0]["login"], "sa-1-charlie");
    let past = c
        .get("/api/serviceaccounts/search?perpage=2&page=9", ADMIN)
        .await;
    assert_eq!(past.json["serviceAccounts"], json!([]));
    let odd = c
        .get("/api/serviceaccounts/search?perpage=-3&page=zero", ADMIN)
        .await;
    assert_eq!(
        (odd.json["perPage"].as_i64(), odd.json["page"].as_i64()),
        (Some(1000), Some(1))
    );

    let q = c.get("/api/serviceaccounts/search?query=BRA", ADMIN).await;
    assert_eq!(q.json["totalCount"], 1);
    assert_eq!(q.json["serviceAccounts"][0]["name"], "Bravo");
    let q = c
        .get("/api/serviceaccounts/search?query=sa-1-", ADMIN)
        .await;
    assert_eq!(q.json["totalCount"], 5);
    let q = c.get("/api/serviceaccounts/search?query=%25", ADMIN).await;
    assert_eq!(q.json["totalCount"], 0, "LIKE wildcards are escaped");

    let d = c.get("/api/serviceaccounts/search?disabled=t", ADMIN).await;
    assert_eq!(d.json["totalCount"], 1, "{}", d.text);
    assert_eq!(d.json["serviceAccounts"][0]["name"], "echo");

    // expiredTokens: only accounts with a token past its expiry.
    let alpha = all.json["serviceAccounts"][0]["id"].as_i64().unwrap();
    let r = create_token(&c, alpha, json!({"name": "short", "secondsToLive": 10})).await;
    assert_eq!(r.status, StatusCode::OK);
    let e = c
        .get("/api/serviceaccounts/search?expiredTokens=true", ADMIN)
        .await;
    assert_eq!(e.json["totalCount"], 0);
    c.state.clock.advance(60);
    let e = c
        .get("/api/serviceaccounts/search?expiredTokens=1", ADMIN)
        .await;
    assert_eq!(e.json["totalCount"], 1);
    assert_eq!(e.json["serviceAccounts"][0]["tokens"], 1);
    // disabled wins over expiredTokens.
    let both = c
        .get(
            "/api/serviceaccounts/search?expiredTokens=true&disabled=true",
            ADMIN,
        )
        .await;
    assert_eq!(both.json["serviceAccounts"][0]["name"], "echo");

    let ac = c
        .get("/api/serviceaccounts/search?accesscontrol=true", ADMIN)
        .await;
    let map = &ac.json["serviceAccounts"][0]["accessControl"];
    for action in [
        "serviceaccounts:read",
        "serviceaccounts:write",
        "serviceaccounts:delete",
        "serviceaccounts.permissions:read",
        "serviceaccounts.permissions:write",
    ] {
        assert_eq!(map[action], true, "{action}");
    }
    assert!(map.get("serviceaccounts:create").is_none());
}

// ---------------------------------------------------------------- tokens

#[tokio::test]
async fn tokens_are_grafana_keys_listed_by_name_and_deleted() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, json!({"name": "tok"})).await;
    let id = sa["id"].as_i64().unwrap();
    let res = create_token(&c, id, json!({"name": "zeta"})).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let obj = res.json.as_object().unwrap();
    assert_eq!(obj.len(), 3);
    assert_eq!(res.json["name"], "zeta");
    let key = res.json["key"].as_str().unwrap();
    assert!(is_grafana_key(key), "{key}");
    let (body, sum) = key.rsplit_once('_').unwrap();
    let crc = crc32fast::hash(body.as_bytes()).to_le_bytes();
    assert_eq!(sum, hex::encode(crc));

    let r = create_token(&c, id, json!({"name": "alpha", "secondsToLive": 3600})).await;
    let alpha_id = r.json["id"].as_i64().unwrap();
    create_token(&c, id, json!({"name": "mid", "secondsToLive": 30 * 86400})).await;
    let list = c
        .get(&format!("/api/serviceaccounts/{id}/tokens"), ADMIN)
        .await;
    let names: Vec<&str> = list
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alpha", "mid", "zeta"]);
    let alpha = &list.json[0];
    let secs = alpha["secondsUntilExpiration"].as_f64().unwrap();
    assert!((3590.0..=3600.0).contains(&secs), "{secs}");
    assert_eq!(alpha["hasExpired"], false);
    assert_eq!(alpha["isRevoked"], false);
    assert_eq!(alpha["lastUsedAt"], Value::Null);
    assert!(alpha["expiration"].is_string() && alpha["created"].is_string());
    assert!(alpha.get("key").is_none() && alpha.get("role").is_none());
    assert_eq!(
        list.json[1]["secondsUntilExpiration"].as_f64(),
        Some(0.0),
        "beyond 7 days"
    );
    assert_eq!(list.json[2]["expiration"], Value::Null);
    assert_eq!(list.json[2]["secondsUntilExpiration"].as_f64(), Some(0.0));

    // Duplicate name anywhere in the org; negative lifetime; bad bodies.
    let other = create_sa(&c, json!({"name": "other"})).await["id"]
        .as_i64()
        .unwrap();
    let res = create_token(&c, other, json!({"name": "zeta"})).await;
    assert_errutil(
        &res,
        400,
        "service account token with given name already exists in the organization",
        "serviceaccounts.ErrTokenAlreadyExists",
    );
    let res = create_token(&c, id, json!({"name": "neg", "secondsToLive": -5})).await;
    assert_errutil(
        &res,
        400,
        "invalid SecondsToLive value",
        "serviceaccounts.ErrInvalidInput",
    );
    for body in [
        json!({}),
        json!({"name": ""}),
        json!({"name": "x", "secondsToLive": 1.5}),
        json!({"name": "x", "secondsToLive": "9"}),
    ] {
        assert_bad_request_data(&create_token(&c, id, body).await);
    }
    let res = create_token(&c, 999, json!({"name": "x"})).await;
    assert_errutil(
        &res,
        404,
        "service account not found",
        "serviceaccounts.ErrNotFound",
    );

    // Delete: its errors in Grafana's order, then success.
    let res = c
        .admin(Method::DELETE, "/api/serviceaccounts/999/tokens/1", None)
        .await;
    assert_errutil(
        &res,
        404,
        "service account not found",
        "serviceaccounts.ErrNotFound",
    );
    let res = c
        .admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{id}/tokens/abc"),
            None,
        )
        .await;
    assert_message(&res, 400, "Token ID is invalid");
    let res = c
        .admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{id}/tokens/0"),
            None,
        )
        .await;
    assert_errutil(
        &res,
        400,
        "invalid service account token id specified",
        "serviceaccounts.ErrInvalidTokenId",
    );
    let res = c
        .admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{other}/tokens/{alpha_id}"),
            None,
        )
        .await;
    assert_errutil(
        &res,
        404,
        "service account token not found",
        "serviceaccounts.ErrTokenNotFound",
    );
    let res = c
        .admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{id}/tokens/{alpha_id}"),
            None,
        )
        .await;
    assert_eq!(
        res.json,
        json!({"message": "Service account token deleted"})
    );
    let list = c
        .get(&format!("/api/serviceaccounts/{id}/tokens"), ADMIN)
        .await;
    assert_eq!(list.json.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn token_outcomes_follow_the_clock_and_the_account() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, json!({"name": "clock", "role": "Admin"})).await;
    let id = sa["id"].as_i64().unwrap();
    let r = create_token(&c, id, json!({"name": "hour", "secondsToLive": 3600})).await;
    let key = r.json["key"].as_str().unwrap().to_owned();
    assert_eq!(
        bearer(&c, Method::GET, "/api/user", &key).await.status,
        StatusCode::OK
    );
    let list = c
        .get(&format!("/api/serviceaccounts/{id}/tokens"), ADMIN)
        .await;
    assert!(
        list.json[0]["lastUsedAt"].is_string(),
        "lastUsedAt stamped: {}",
        list.text
    );
    let first_use = list.json[0]["lastUsedAt"].clone();
    c.state.clock.advance(60);
    bearer(&c, Method::GET, "/api/user", &key).await;
    let list = c
        .get(&format!("/api/serviceaccounts/{id}/tokens"), ADMIN)
        .await;
    assert_eq!(
        list.json[0]["lastUsedAt"], first_use,
        "not restamped within 5 minutes"
    );
    c.state.clock.advance(400);
    bearer(&c, Method::GET, "/api/user", &key).await;
    let list = c
        .get(&format!("/api/serviceaccounts/{id}/tokens"), ADMIN)
        .await;
    assert_ne!(
        list.json[0]["lastUsedAt"], first_use,
        "restamped after 5 minutes"
    );

    c.state.clock.advance(3600);
    assert_401(
        &bearer(&c, Method::GET, "/api/user", &key).await,
        "Expired API key",
        "api-key.expired",
    );
    let list = c
        .get(&format!("/api/serviceaccounts/{id}/tokens"), ADMIN)
        .await;
    assert_eq!(list.json[0]["hasExpired"], true);
    assert_eq!(list.json[0]["secondsUntilExpiration"].as_f64(), Some(0.0));

    // Bad checksum, garbage, unknown key.
    let mut bad = key.clone();
    bad.replace_range(6..7, if &key[6..7] == "A" { "B" } else { "A" });
    assert_401(
        &bearer(&c, Method::GET, "/api/user", &bad).await,
        "Invalid API key",
        "api-key.invalid",
    );
    assert_401(
        &bearer(
            &c,
            Method::GET,
            "/api/user",
            "glsa_iNValIdinValiDinvalidinvalidinva_5b582697",
        )
        .await,
        "Invalid API key",
        "api-key.invalid",
    );
    let garbage = bearer(&c, Method::GET, "/api/user", "eyJrIjoiabc").await;
    assert_eq!(garbage.status, StatusCode::UNAUTHORIZED);

    // Disabled account: any of its tokens is refused with identity.disabled.
    let (_, fresh) = token_for(&c, id, "fresh").await;
    c.admin(
        Method::PATCH,
        &format!("/api/serviceaccounts/{id}"),
        Some(json!({"isDisabled": true})),
    )
    .await;
    assert_401(
        &bearer(&c, Method::GET, "/api/user", &fresh).await,
        "Unauthorized",
        "identity.disabled",
    );
    // Revoked (no route revokes; the column is Grafana's).
    c.admin(
        Method::PATCH,
        &format!("/api/serviceaccounts/{id}"),
        Some(json!({"isDisabled": false})),
    )
    .await;
    c.state
        .db
        .call(|c| Ok(c.execute("UPDATE api_key SET is_revoked = 1 WHERE name = 'fresh'", [])?))
        .await
        .unwrap();
    assert_401(
        &bearer(&c, Method::GET, "/api/user", &fresh).await,
        "Revoked API key",
        "api-key.revoked",
    );
}

#[tokio::test]
async fn lifetime_limits_follow_grafanas_settings() {
    let mut state = test_state();
    state.token_limits.max_seconds_to_live = 3600;
    let c = Client::new(state).await;
    let id = create_sa(&c, json!({"name": "lim"})).await["id"]
        .as_i64()
        .unwrap();
    let res = create_token(&c, id, json!({"name": "forever"})).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        res.json,
        json!({"message": "Number of seconds before expiration should be set"})
    );
    let res = create_token(&c, id, json!({"name": "long", "secondsToLive": 3601})).await;
    assert_eq!(
        res.json,
        json!({"message": "Number of seconds before expiration is greater than the global limit"})
    );
    assert_eq!(
        create_token(&c, id, json!({"name": "ok", "secondsToLive": 3600}))
            .await
            .status,
        StatusCode::OK
    );

    let mut state = test_state();
    state.token_limits.expiration_day_limit = 2;
    let c = Client::new(state).await;
    let id = create_sa(&c, json!({"name": "days"})).await["id"]
        .as_i64()
        .unwrap();
    let res = create_token(&c, id, json!({"name": "far", "secondsToLive": 5 * 86400})).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(
        res.content_type.starts_with("text/plain"),
        "{}",
        res.content_type
    );
    assert_eq!(
        res.text,
        "The expiration date input exceeds the limit for service account access tokens expiration date"
    );
    assert_eq!(
        create_token(&c, id, json!({"name": "near", "secondsToLive": 86400}))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        create_token(&c, id, json!({"name": "never"})).await.status,
        StatusCode::OK
    );
}

// ---------------------------------------------------------------- revert (2022 seed)

#[tokio::test]
async fn revert_turns_a_token_into_a_legacy_api_key() {
    let c = Client::new(test_state()).await;
    let id = create_sa(&c, json!({"name": "rev", "role": "Editor"})).await["id"]
        .as_i64()
        .unwrap();
    let (key_id, key) = token_for(&c, id, "keep-me").await;
    token_for(&c, id, "drop-me").await;
    let res = c
        .admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{id}/revert/999"),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = c
        .admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{id}/revert/{key_id}"),
            None,
        )
        .await;
    assert_eq!(
        res.json,
        json!({"message": "Reverted service account to API key"})
    );
    assert_eq!(
        c.get(&format!("/api/serviceaccounts/{id}"), ADMIN)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let keys = c.get("/api/auth/keys", ADMIN).await;
    assert_eq!(
        keys.json,
        json!([{"id": key_id, "name": "keep-me", "role": "Editor", "expiration": null}])
    );
    let me = bearer(&c, Method::GET, "/api/user/orgs", &key).await;
    assert_eq!(me.json[0]["role"], "Editor");
    assert_denied(
        &c.get("/api/auth/keys", Some(OrgRole::Viewer)).await,
        "apikeys:read",
    );
    assert_denied(
        &c.send(
            Method::DELETE,
            "/api/serviceaccounts/1/revert/1",
            Some(OrgRole::Editor),
            None,
        )
        .await,
        "serviceaccounts:delete",
    );
}

#[tokio::test]
async fn a_legacy_api_key_made_by_revert_can_be_deleted() {
    let c = Client::new(test_state()).await;
    let id = create_sa(&c, json!({"name": "old", "role": "Viewer"})).await["id"]
        .as_i64()
        .unwrap();
    let (key_id, key) = token_for(&c, id, "legacy").await;
    let res = c
        .admin(
            Method::DELETE,
            &format!("/api/serviceaccounts/{id}/revert/{key_id}"),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let path = format!("/api/auth/keys/{key_id}");
    assert_denied(
        &c.send(Method::DELETE, &path, Some(OrgRole::Editor), None)
            .await,
        "apikeys:delete",
    );
    let res = c.admin(Method::DELETE, &path, None).await;
    assert_eq!(res.json, json!({"message": "API key deleted"}));
    assert_eq!(c.get("/api/auth/keys", ADMIN).await.json, json!([]));
    assert_eq!(
        bearer(&c, Method::GET, "/api/user", &key).await.status,
        StatusCode::UNAUTHORIZED,
        "a deleted key signs nobody in"
    );
    let res = c.admin(Method::DELETE, &path, None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json["message"], "Failed to delete API key");
    let res = c.admin(Method::DELETE, "/api/auth/keys/abc", None).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json["message"], "id is invalid");
    // A service account's token is never deleted through this route.
    let other = create_sa(&c, json!({"name": "current"})).await["id"]
        .as_i64()
        .unwrap();
    let (token_id, token) = token_for(&c, other, "current-token").await;
    let res = c
        .admin(Method::DELETE, &format!("/api/auth/keys/{token_id}"), None)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(
        bearer(&c, Method::GET, "/api/user", &token).await.status,
        StatusCode::OK
    );
}
