//! What a Grafana API client calls first: `/api/frontend/settings`, `/api/org`, a
//! trailing slash on an API path (Grafana's router trims one), and service-account routes
//! addressed by uid as well as by id.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::{Method, StatusCode};
use datasources_common::*;
use leptos_grafana_devserver::datasources::access::OrgRole;
use serde_json::json;

#[tokio::test]
async fn a_client_reads_settings_and_org_then_creates_with_a_trailing_slash() {
    let mut state = test_state();
    state.token_limits.expiration_day_limit = 30;
    let c = Client::new(state).await;

    let settings = c.get("/api/frontend/settings", Some(OrgRole::Viewer)).await;
    assert_eq!(settings.status, StatusCode::OK, "{}", settings.text);
    assert!(settings.json["buildInfo"]["version"].is_string());
    assert_eq!(settings.json["appSubUrl"], "");
    assert_eq!(settings.json["tokenExpirationDayLimit"], 30);
    assert_eq!(settings.json["secureSocksDSProxyEnabled"], false);
    assert!(settings.json["featureToggles"].is_object());
    // The example data source is listed by name, at its proxy URL.
    let example = &settings.json["datasources"]["Example API"];
    assert!(
        example["url"]
            .as_str()
            .unwrap_or_default()
            .starts_with("/api/datasources/proxy/uid/"),
        "{}",
        settings.json["datasources"]
    );
    // With its plugin's meta: the example is frontend-only.
    assert_eq!(example["meta"]["id"], "leptos-grafana-example-datasource");
    assert_eq!(example["meta"]["backend"], false);
    // Not signed in (the login page): the public part only, as Grafana's login page boot
    // data: no data sources, no org settings.
    let public = c.get("/api/frontend/settings", None).await;
    assert_eq!(public.status, StatusCode::OK);
    let mut keys: Vec<&str> = public
        .json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["appSubUrl", "buildInfo", "oauth"]);
    // A stale session is the same; a wrong token is Grafana's 401.
    let stale = c
        .send_with(
            Method::GET,
            "/api/frontend/settings",
            &[("cookie", "grafana_session=gone")],
            None,
        )
        .await;
    assert_eq!(stale.status, StatusCode::OK);
    assert!(stale.json.get("datasources").is_none());
    let wrong = c
        .send_with(
            Method::GET,
            "/api/frontend/settings",
            &[("authorization", "Bearer glsa_wrong_00000000")],
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{}", wrong.text);
    // The trailing slash Grafana registers it with.
    assert_eq!(
        c.get("/api/frontend/settings/", Some(OrgRole::Viewer))
            .await
            .status,
        StatusCode::OK
    );

    let org = c.get("/api/org", Some(OrgRole::Viewer)).await;
    assert_eq!(org.json["id"], 1);
    assert_eq!(org.json["name"], "Main Org.");
    assert_eq!(org.json["address"]["zipCode"], "");

    let created = c
        .admin(
            Method::POST,
            "/api/serviceaccounts/",
            Some(json!({"name": "slash"})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json["name"], "slash");
    let found = c
        .get(
            "/api/serviceaccounts/search/?query=slash",
            Some(OrgRole::Admin),
        )
        .await;
    assert_eq!(found.json["totalCount"], 1, "{}", found.text);
}

#[tokio::test]
async fn the_org_is_renamed_by_an_admin_only() {
    let c = Client::new(test_state()).await;
    let res = c
        .admin(Method::PUT, "/api/org", Some(json!({"name": "Acme"})))
        .await;
    assert_message(&res, 200, "Organization updated");
    assert_eq!(
        c.get("/api/org", Some(OrgRole::Viewer)).await.json["name"],
        "Acme"
    );
    assert_eq!(
        c.get("/api/user/orgs", Some(OrgRole::Viewer)).await.json[0]["name"],
        "Acme"
    );
    let res = c
        .send(
            Method::PUT,
            "/api/org",
            Some(OrgRole::Editor),
            Some(r#"{"name":"Nope"}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    for bad in [r#"{"name":""}"#, r#"{}"#, "not json", "[]"] {
        let res = c
            .send(Method::PUT, "/api/org", Some(OrgRole::Admin), Some(bad))
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}: {}", res.text);
    }
    assert_eq!(
        c.get("/api/org", Some(OrgRole::Viewer)).await.json["name"],
        "Acme"
    );
}

#[tokio::test]
async fn service_accounts_are_addressed_by_uid_or_id() {
    let c = Client::new(test_state()).await;
    let created = c
        .admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": "by-uid"})),
        )
        .await;
    let (id, uid) = (
        created.json["id"].as_i64().unwrap(),
        created.json["uid"].as_str().unwrap().to_owned(),
    );
    let by_uid = c
        .get(&format!("/api/serviceaccounts/{uid}"), Some(OrgRole::Admin))
        .await;
    let by_id = c
        .get(&format!("/api/serviceaccounts/{id}"), Some(OrgRole::Admin))
        .await;
    assert_eq!(by_uid.status, StatusCode::OK, "{}", by_uid.text);
    assert_eq!(by_uid.json, by_id.json);
    let token = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{uid}/tokens"),
            Some(json!({"name": "t"})),
        )
        .await;
    assert_eq!(token.status, StatusCode::OK, "{}", token.text);
    let tokens = c
        .get(
            &format!("/api/serviceaccounts/{uid}/tokens/"),
            Some(OrgRole::Admin),
        )
        .await;
    assert_eq!(
        tokens.json.as_array().map(Vec::len),
        Some(1),
        "{}",
        tokens.text
    );
    assert_message(
        &c.get("/api/serviceaccounts/no-such-uid", Some(OrgRole::Admin))
            .await,
        404,
        "Not found",
    );
}

#[tokio::test]
async fn a_method_a_route_lacks_is_grafanas_404() {
    let c = Client::new(test_state()).await;
    assert_message(
        &c.get("/api/serviceaccounts", Some(OrgRole::Admin)).await,
        404,
        "Not found",
    );
    assert_message(
        &c.send(Method::DELETE, "/api/health", None, None).await,
        404,
        "Not found",
    );
}
