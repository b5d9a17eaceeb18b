//! Service-account permissions (`/api/access-control/serviceaccounts/…`) as Grafana's
//! resource permissions: a person granted Edit on one account may read and rename that
//! one and no other; Admin adds delete and the permissions themselves; removing the
//! permission takes it all back. Also the people lookup the picker uses, and token
//! revocation (what Grafana's secret scanning does) with lastUsedAt.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::{Method, StatusCode};
use datasources_common::*;
use leptos_grafana_devserver::datasources::access::OrgRole;
use serde_json::{json, Value};

async fn create_sa(c: &Client, name: &str) -> Value {
    let res = c
        .admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": name})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json
}

async fn user_id(c: &Client, login: &str) -> i64 {
    let found = c
        .get(
            &format!("/api/org/users/lookup?query={login}&limit=5"),
            Some(OrgRole::Admin),
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    found.json[0]["userId"].as_i64().unwrap()
}

async fn grant(c: &Client, sa: &Value, user: i64, level: &str) -> Res {
    c.admin(
        Method::POST,
        &format!(
            "/api/access-control/serviceaccounts/{}/users/{user}",
            sa["uid"].as_str().unwrap()
        ),
        Some(json!({ "permission": level })),
    )
    .await
}

fn rename(name: &str) -> String {
    json!({ "name": name }).to_string()
}

#[tokio::test]
async fn a_viewer_granted_edit_on_one_account_renames_that_one_and_no_other() {
    let c = Client::new(test_state()).await;
    let mine = create_sa(&c, "mine").await;
    let other = create_sa(&c, "other").await;
    let viewer = user_id(&c, "viewer").await;
    let (mine_id, other_id) = (mine["id"].as_i64().unwrap(), other["id"].as_i64().unwrap());

    // Before: nothing.
    let before = c
        .send(
            Method::PATCH,
            &format!("/api/serviceaccounts/{mine_id}"),
            Some(OrgRole::Viewer),
            Some(&rename("x")),
        )
        .await;
    assert_denied(&before, "serviceaccounts:write");

    assert_message(
        &grant(&c, &mine, viewer, "Edit").await,
        200,
        "Permission updated",
    );

    // The search lists only the account the viewer may read, with what it may do.
    let search = c
        .get(
            "/api/serviceaccounts/search?accesscontrol=true",
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(search.json["totalCount"], 1, "{}", search.text);
    let row = &search.json["serviceAccounts"][0];
    assert_eq!(row["name"], "mine");
    assert_eq!(row["accessControl"]["serviceaccounts:write"], true);
    assert!(row["accessControl"].get("serviceaccounts:delete").is_none());

    let renamed = c
        .send(
            Method::PATCH,
            &format!("/api/serviceaccounts/{mine_id}"),
            Some(OrgRole::Viewer),
            Some(&rename("mine-renamed")),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    assert_eq!(renamed.json["serviceaccount"]["name"], "mine-renamed");

    let elsewhere = c
        .send(
            Method::PATCH,
            &format!("/api/serviceaccounts/{other_id}"),
            Some(OrgRole::Viewer),
            Some(&rename("stolen")),
        )
        .await;
    assert_denied(&elsewhere, "serviceaccounts:write");
    let delete = c
        .send(
            Method::DELETE,
            &format!("/api/serviceaccounts/{mine_id}"),
            Some(OrgRole::Viewer),
            None,
        )
        .await;
    assert_denied(&delete, "serviceaccounts:delete");
    let perms = c
        .get(
            &format!("/api/access-control/serviceaccounts/{mine_id}"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_denied(&perms, "serviceaccounts.permissions:read");

    // Admin adds delete and the permissions; the list shows it as Grafana does.
    assert_message(
        &grant(&c, &mine, viewer, "Admin").await,
        200,
        "Permission updated",
    );
    let listed = c
        .get(
            &format!("/api/access-control/serviceaccounts/{mine_id}"),
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
    let entry = &listed.json[0];
    assert_eq!(entry["userLogin"], "viewer");
    assert_eq!(entry["userId"], viewer);
    assert_eq!(entry["permission"], "Admin");
    assert_eq!(entry["isManaged"], true);
    assert_eq!(entry["isInherited"], false);
    assert_eq!(
        entry["roleName"],
        format!("managed:users:{viewer}:permissions")
    );
    assert!(entry["actions"]
        .as_array()
        .unwrap()
        .contains(&json!("serviceaccounts.permissions:write")));

    // Removing takes everything back.
    assert_message(
        &grant(&c, &mine, viewer, "").await,
        200,
        "Permission removed",
    );
    let after = c
        .send(
            Method::PATCH,
            &format!("/api/serviceaccounts/{mine_id}"),
            Some(OrgRole::Viewer),
            Some(&rename("again")),
        )
        .await;
    assert_denied(&after, "serviceaccounts:write");
    assert_eq!(
        c.get(
            &format!("/api/access-control/serviceaccounts/{mine_id}"),
            Some(OrgRole::Admin)
        )
        .await
        .json,
        json!([])
    );
}

#[tokio::test]
async fn bad_levels_unknown_people_and_callers_without_rights_are_refused() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, "bot").await;
    let viewer = user_id(&c, "viewer").await;

    let description = c
        .get(
            "/api/access-control/serviceaccounts/description",
            Some(OrgRole::Admin),
        )
        .await;
    assert_eq!(description.json["permissions"], json!(["Edit", "Admin"]));
    assert_eq!(description.json["assignments"]["users"], true);

    assert_message(
        &grant(&c, &sa, viewer, "View").await,
        400,
        "failed to set user permission",
    );
    assert_message(
        &grant(&c, &sa, 999_999, "Edit").await,
        400,
        "failed to set user permission",
    );
    let malformed = c
        .send(
            Method::POST,
            &format!(
                "/api/access-control/serviceaccounts/{}/users/{viewer}",
                sa["id"]
            ),
            Some(OrgRole::Admin),
            Some("{nope"),
        )
        .await;
    assert_eq!(
        malformed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        malformed.text
    );
    let missing = c
        .admin(
            Method::POST,
            &format!("/api/access-control/serviceaccounts/nope/users/{viewer}"),
            Some(json!({"permission": "Edit"})),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.text);
    // An editor may not grant, nor look people up.
    let by_editor = c
        .send(
            Method::POST,
            &format!(
                "/api/access-control/serviceaccounts/{}/users/{viewer}",
                sa["id"]
            ),
            Some(OrgRole::Editor),
            Some(r#"{"permission":"Admin"}"#),
        )
        .await;
    assert_denied(&by_editor, "serviceaccounts.permissions:write");
    assert_denied(
        &c.get("/api/org/users/lookup?query=a", Some(OrgRole::Editor))
            .await,
        "org.users:read",
    );
    // The lookup lists people only, matching login, email or name, with a limit.
    let all = c
        .get("/api/org/users/lookup?query=&limit=2", Some(OrgRole::Admin))
        .await;
    assert_eq!(all.json.as_array().unwrap().len(), 2, "{}", all.text);
    let percent = c
        .get("/api/org/users/lookup?query=%25", Some(OrgRole::Admin))
        .await;
    assert_eq!(
        percent.json,
        json!([]),
        "a % is a character, not a wildcard"
    );
    let bots = c
        .get("/api/org/users/lookup?query=bot", Some(OrgRole::Admin))
        .await;
    assert_eq!(bots.json, json!([]), "service accounts are not people");
}

#[tokio::test]
async fn a_revoked_token_stops_working_and_shows_revoked_and_last_use() {
    let c = Client::new(test_state()).await;
    let sa = create_sa(&c, "leaky").await;
    let id = sa["id"].as_i64().unwrap();
    let created = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{id}/tokens"),
            Some(json!({"name": "leaked"})),
        )
        .await;
    let key = created.json["key"].as_str().unwrap().to_owned();
    let bearer = format!("Bearer {key}");
    let path = format!("/api/serviceaccounts/{id}/tokens");
    let tokens = || c.get(&path, Some(OrgRole::Admin));
    assert_eq!(tokens().await.json[0]["lastUsedAt"], Value::Null);

    let used = c
        .send_with(
            Method::GET,
            "/api/org",
            &[("authorization", bearer.as_str())],
            None,
        )
        .await;
    assert_eq!(used.status, StatusCode::OK, "{}", used.text);
    let listed = tokens().await;
    assert!(listed.json[0]["lastUsedAt"].is_string(), "{}", listed.text);
    assert_eq!(listed.json[0]["isRevoked"], false);

    let by_editor = c
        .send(
            Method::POST,
            "/api/devserver/serviceaccounts/tokens/revoke",
            Some(OrgRole::Editor),
            Some(&json!({ "token": key }).to_string()),
        )
        .await;
    assert_eq!(by_editor.status, StatusCode::FORBIDDEN);
    let revoked = c
        .admin(
            Method::POST,
            "/api/devserver/serviceaccounts/tokens/revoke",
            Some(json!({ "token": key })),
        )
        .await;
    assert_message(&revoked, 200, "Token revoked");
    assert!(!revoked.text.contains(&key));
    assert_eq!(tokens().await.json[0]["isRevoked"], true);
    let refused = c
        .send_with(
            Method::GET,
            "/api/org",
            &[("authorization", bearer.as_str())],
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json["message"], "Revoked API key");
    let unknown = c
        .admin(
            Method::POST,
            "/api/devserver/serviceaccounts/tokens/revoke",
            Some(json!({ "token": "glsa_notatokenatall_00000000" })),
        )
        .await;
    assert!(unknown.status.is_client_error(), "{}", unknown.text);
}
