//! `/api/datasources…`: DTOs, add/update/delete rules and exact messages, secrets that
//! never leave the server, optimistic locking, read-only, RBAC (contract §4, §6).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::datasources_common;

use axum::http::{Method, StatusCode};
use datasources_common::*;
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use serde_json::{json, Value};

const EXAMPLE: &str = "leptos-grafana-example-datasource";

async fn client() -> Client {
    Client::new(test_state()).await
}

async fn add(c: &Client, body: Value) -> Value {
    let res = c.admin(Method::POST, "/api/datasources", Some(body)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json
}

async fn get_uid(c: &Client, uid: &str) -> Value {
    let res = c
        .get(&format!("/api/datasources/uid/{uid}"), Some(OrgRole::Admin))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json
}

/// The body a UI would PUT back: the GET DTO plus edits.
fn put_body(dto: &Value, edit: impl FnOnce(&mut Value)) -> Value {
    let mut body = dto.clone();
    edit(&mut body);
    body
}

async fn put_uid(c: &Client, uid: &str, body: &Value) -> Res {
    c.admin(
        Method::PUT,
        &format!("/api/datasources/uid/{uid}"),
        Some(body.clone()),
    )
    .await
}

// ---- seed and reads -----------------------------------------------------------------

#[tokio::test]
async fn a_new_database_has_the_example_data_source() {
    let c = client().await;
    let list = c.get("/api/datasources", Some(OrgRole::Viewer)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        list.json,
        json!([{
            "id": 1,
            "uid": "example-api",
            "orgId": 1,
            "name": "Example API",
            "type": EXAMPLE,
            "typeName": "Example API (leptos-grafana)",
            "typeLogoUrl": "public/plugins/leptos-grafana-example-datasource/img/logo.svg",
            "access": "proxy",
            "url": "http://127.0.0.1:9000",
            "user": "",
            "database": "",
            "basicAuth": false,
            "isDefault": true,
            "jsonData": {"path": "/health"},
            "readOnly": false,
        }])
    );
    let one = c
        .get("/api/datasources/uid/example-api", Some(OrgRole::Viewer))
        .await;
    assert_eq!(
        one.json,
        json!({
            "id": 1,
            "uid": "example-api",
            "orgId": 1,
            "name": "Example API",
            "type": EXAMPLE,
            "typeLogoUrl": "public/plugins/leptos-grafana-example-datasource/img/logo.svg",
            "access": "proxy",
            "url": "http://127.0.0.1:9000",
            "user": "",
            "database": "",
            "basicAuth": false,
            "basicAuthUser": "",
            "withCredentials": false,
            "isDefault": true,
            "jsonData": {"path": "/health"},
            "secureJsonFields": {},
            "version": 1,
            "readOnly": false,
            "apiVersion": "",
        })
    );
    let by_id = c.get("/api/datasources/1", Some(OrgRole::Viewer)).await;
    assert_eq!(by_id.json, one.json);
    let by_name = c
        .get("/api/datasources/name/Example%20API", Some(OrgRole::Viewer))
        .await;
    assert_eq!(by_name.json, one.json);
    let id = c
        .get("/api/datasources/id/Example%20API", Some(OrgRole::Viewer))
        .await;
    assert_eq!(id.json, json!({"id": 1}));
}

#[tokio::test]
async fn unknown_data_sources_are_404_and_bad_ids_400() {
    let c = client().await;
    for uri in [
        "/api/datasources/uid/nope",
        "/api/datasources/99",
        "/api/datasources/name/nope",
        "/api/datasources/id/nope",
    ] {
        assert_message(
            &c.get(uri, Some(OrgRole::Viewer)).await,
            404,
            "Data source not found",
        );
    }
    assert_message(
        &c.get("/api/datasources/abc", Some(OrgRole::Viewer)).await,
        400,
        "id is invalid",
    );
    // "Data source not found" has no underlying error, hence no traceID.
    let res = c
        .get("/api/datasources/uid/nope", Some(OrgRole::Viewer))
        .await;
    assert_eq!(res.json, json!({"message": "Data source not found"}));
}

#[tokio::test]
async fn the_list_is_sorted_by_lower_case_name_and_has_no_secrets_or_version() {
    let c = client().await;
    add(
        &c,
        json!({"name": "beta", "type": "prometheus", "access": "proxy"}),
    )
    .await;
    add(&c, json!({"name": "Alpha", "type": "loki", "access": "proxy", "secureJsonData": {"apiKey": "k"}})).await;
    add(
        &c,
        json!({"name": "gamma", "type": EXAMPLE, "access": "direct"}),
    )
    .await;
    let list = c.get("/api/datasources", Some(OrgRole::Editor)).await;
    let names: Vec<&str> = list
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alpha", "beta", "Example API", "gamma"]);
    for item in list.json.as_array().unwrap() {
        for absent in [
            "secureJsonFields",
            "secureJsonData",
            "version",
            "basicAuthUser",
            "withCredentials",
        ] {
            assert!(item.get(absent).is_none(), "{absent} in {item}");
        }
    }
    // Unknown plugins: the generic logo and an empty typeName.
    assert_eq!(list.json[0]["typeLogoUrl"], "public/img/icn-datasource.svg");
    assert_eq!(list.json[0]["typeName"], "");
}

// ---- POST -------------------------------------------------------------------------

#[tokio::test]
async fn post_requires_type_and_access_and_json() {
    let c = client().await;
    for body in [
        r#"{"access":"proxy"}"#,
        r#"{"type":"loki"}"#,
        r#"{"type":"","access":"proxy"}"#,
        r#"{"type":"loki","access":"proxy""#,
        r#"{"type":"loki","access":"proxy","basicAuth":"yes"}"#,
        "",
    ] {
        let res = c
            .send(
                Method::POST,
                "/api/datasources",
                Some(OrgRole::Admin),
                Some(body),
            )
            .await;
        assert_message(&res, 400, "bad request data");
        // Grafana adds a traceID when an underlying error exists (here: the binding error).
        assert_eq!(res.json["traceID"], "", "{}", res.text);
    }
}

#[tokio::test]
async fn post_answers_the_envelope_and_auto_names() {
    let c = client().await;
    let res = add(&c, json!({"type": EXAMPLE, "access": "proxy"})).await;
    assert_eq!(res["message"], "Datasource added");
    assert_eq!(res["name"], EXAMPLE);
    let ds = &res["datasource"];
    assert_eq!(res["id"], ds["id"]);
    assert_eq!(ds["name"], EXAMPLE);
    assert_eq!(ds["version"], 1);
    assert_eq!(ds["isDefault"], false);
    assert_eq!(ds["jsonData"], json!({}));
    assert_eq!(ds["secureJsonFields"], json!({}));
    let uid = ds["uid"].as_str().unwrap();
    assert_eq!(uid.len(), 14);
    assert_eq!(get_uid(&c, uid).await, *ds);

    let second = add(&c, json!({"type": EXAMPLE, "access": "proxy"})).await;
    assert_eq!(second["name"], format!("{EXAMPLE}-1"));
    // Case-insensitive uniqueness when naming.
    add(
        &c,
        json!({"name": "LOKI", "type": "prometheus", "access": "proxy"}),
    )
    .await;
    let loki = add(&c, json!({"type": "loki", "access": "proxy"})).await;
    assert_eq!(loki["name"], "loki-1");
}

#[tokio::test]
async fn post_conflicts_and_validation_use_grafanas_messages() {
    let c = client().await;
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "Example API", "type": "loki", "access": "proxy"})),
        )
        .await;
    assert_message(&res, 409, "data source with the same name already exists");
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "x", "uid": "example-api", "type": "loki", "access": "proxy"})),
        )
        .await;
    assert_message(&res, 409, "data source with the same uid already exists");
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(
                json!({"name": "x", "url": "http://host:port", "type": "loki", "access": "proxy"}),
            ),
        )
        .await;
    assert_message(&res, 400, "Validation error, invalid URL");
    // An empty URL is not checked on POST, even for types that need one.
    add(
        &c,
        json!({"name": "p", "url": "", "type": "prometheus", "access": "proxy"}),
    )
    .await;
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "n".repeat(191), "type": "loki", "access": "proxy"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json["message"], "Invalid datasource name.");
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "u", "uid": "a/b", "type": "loki", "access": "proxy"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_first_data_source_is_default_and_is_default_is_exclusive() {
    let c = client().await;
    let res = c
        .admin(Method::DELETE, "/api/datasources/uid/example-api", None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let first = add(
        &c,
        json!({"name": "a", "type": "testdata", "access": "proxy"}),
    )
    .await;
    assert_eq!(first["datasource"]["isDefault"], true);
    let second = add(
        &c,
        json!({"name": "b", "type": "testdata", "access": "proxy"}),
    )
    .await;
    assert_eq!(second["datasource"]["isDefault"], false);
    let third = add(
        &c,
        json!({"name": "c", "type": "testdata", "access": "proxy", "isDefault": true}),
    )
    .await;
    assert_eq!(third["datasource"]["isDefault"], true);
    let list = c.get("/api/datasources", Some(OrgRole::Admin)).await;
    let defaults: Vec<&str> = list
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["isDefault"] == true)
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(defaults, ["c"]);
    // PUT isDefault moves it too.
    let a = get_uid(&c, first["datasource"]["uid"].as_str().unwrap()).await;
    let res = put_uid(
        &c,
        a["uid"].as_str().unwrap(),
        &put_body(&a, |b| b["isDefault"] = json!(true)),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let c_now = get_uid(&c, third["datasource"]["uid"].as_str().unwrap()).await;
    assert_eq!(c_now["isDefault"], false);
}

// ---- secrets ------------------------------------------------------------------------

const SECRETS: [&str; 3] = ["s3cret-api-key-7781", "pa55word-9012", "header-value-3344"];

#[tokio::test]
async fn secrets_are_never_returned_and_only_non_empty_ones_are_flagged() {
    let c = client().await;
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({
                "name": "s", "type": EXAMPLE, "access": "proxy",
                "secureJsonData": {
                    "apiKey": SECRETS[0],
                    "basicAuthPassword": SECRETS[1],
                    "httpHeaderValue1": SECRETS[2],
                    "tlsCACert": "",
                }
            })),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let expected = json!({"apiKey": true, "basicAuthPassword": true, "httpHeaderValue1": true});
    assert_eq!(res.json["datasource"]["secureJsonFields"], expected);
    let uid = res.json["datasource"]["uid"].as_str().unwrap().to_owned();
    let mut bodies = vec![res.text];
    for uri in [
        format!("/api/datasources/uid/{uid}"),
        format!("/api/datasources/uid/{uid}?accesscontrol=true"),
        "/api/datasources".to_owned(),
        "/api/datasources/name/s".to_owned(),
    ] {
        let r = c.get(&uri, Some(OrgRole::Viewer)).await;
        assert_eq!(r.status, StatusCode::OK);
        if uri.contains("/uid/") {
            assert_eq!(r.json["secureJsonFields"], expected);
            assert!(r.json.get("secureJsonData").is_none());
        }
        bodies.push(r.text);
    }
    let dto = get_uid(&c, &uid).await;
    let r = put_uid(&c, &uid, &put_body(&dto, |_| {})).await;
    bodies.push(r.text);
    for body in bodies {
        for secret in SECRETS {
            assert!(!body.contains(secret), "secret leaked in {body}");
        }
    }
}

#[tokio::test]
async fn put_keeps_absent_secrets_replaces_present_ones_and_empty_removes() {
    let c = client().await;
    let res = add(
        &c,
        json!({"name": "s", "type": "testdata", "access": "proxy",
               "secureJsonData": {"apiKey": "one", "basicAuthPassword": "two"}}),
    )
    .await;
    let uid = res["datasource"]["uid"].as_str().unwrap().to_owned();

    // No secureJsonData at all (and a null one): both kept. Sent secureJsonFields are ignored.
    let dto = get_uid(&c, &uid).await;
    let res = put_uid(
        &c,
        &uid,
        &put_body(&dto, |b| b["secureJsonFields"] = json!({"apiKey": false})),
    )
    .await;
    assert_eq!(
        res.json["datasource"]["secureJsonFields"],
        json!({"apiKey": true, "basicAuthPassword": true})
    );
    let dto = get_uid(&c, &uid).await;
    let res = put_uid(
        &c,
        &uid,
        &put_body(&dto, |b| b["secureJsonData"] = Value::Null),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        res.json["datasource"]["secureJsonFields"],
        json!({"apiKey": true, "basicAuthPassword": true})
    );

    // Reset: "" removes apiKey; a new key is added; basicAuthPassword is kept.
    let dto = get_uid(&c, &uid).await;
    let res = put_uid(
        &c,
        &uid,
        &put_body(&dto, |b| {
            b["secureJsonData"] = json!({"apiKey": "", "httpHeaderValue1": "h"});
            b["secureJsonFields"] = json!({"apiKey": false});
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        get_uid(&c, &uid).await["secureJsonFields"],
        json!({"basicAuthPassword": true, "httpHeaderValue1": true})
    );

    // The stored values are what was sent: checked through the database and the key.
    let state = c.state.clone();
    let stored: String = state
        .db
        .call(move |conn| {
            Ok(conn.query_row(
                "SELECT secure_json_data FROM data_source WHERE uid = ?1",
                [uid],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    let plain = state.secrets.decrypt_map(&stored).unwrap();
    assert_eq!(plain["apiKey"], "");
    assert_eq!(plain["basicAuthPassword"], "two");
    assert_eq!(plain["httpHeaderValue1"], "h");
    assert!(!stored.contains("two"));
}

#[tokio::test]
async fn put_replaces_json_data_and_fields_wholesale() {
    let c = client().await;
    let dto = get_uid(&c, "example-api").await;
    let res = put_uid(
        &c,
        "example-api",
        &json!({
            "name": "Renamed", "type": EXAMPLE, "access": "direct",
            "url": "http://localhost:9100", "basicAuth": true, "basicAuthUser": "bob",
            "withCredentials": true, "jsonData": {"timeout": 5},
            "version": dto["version"],
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["message"], "Datasource updated");
    assert_eq!(res.json["name"], "Renamed");
    assert_eq!(res.json["id"], 1);
    let ds = &res.json["datasource"];
    assert_eq!(ds["jsonData"], json!({"timeout": 5}));
    assert_eq!(ds["access"], "direct");
    assert_eq!(ds["basicAuthUser"], "bob");
    assert_eq!(ds["withCredentials"], true);
    assert_eq!(ds["isDefault"], false);
    assert_eq!(ds["version"], 2);
    assert_eq!(*ds, get_uid(&c, "example-api").await);
    // Missing jsonData becomes {}.
    let res = put_uid(
        &c,
        "example-api",
        &json!({"name": "Renamed", "type": EXAMPLE, "access": "proxy"}),
    )
    .await;
    assert_eq!(res.json["datasource"]["jsonData"], json!({}));
}

#[tokio::test]
async fn put_validation_order_and_messages() {
    let c = client().await;
    add(
        &c,
        json!({"name": "other", "type": "loki", "access": "proxy"}),
    )
    .await;
    let dto = get_uid(&c, "example-api").await;
    for missing in ["name", "type", "access"] {
        let body = put_body(&dto, |b| {
            b.as_object_mut().unwrap().remove(missing);
        });
        assert_message(
            &put_uid(&c, "example-api", &body).await,
            400,
            "bad request data",
        );
    }
    let res = c
        .send(
            Method::PUT,
            "/api/datasources/uid/example-api",
            Some(OrgRole::Admin),
            Some("{nope"),
        )
        .await;
    assert_message(&res, 400, "bad request data");
    let res = put_uid(
        &c,
        "example-api",
        &put_body(&dto, |b| b["url"] = json!("http://h:x")),
    )
    .await;
    assert_message(&res, 400, "Validation error, invalid URL");
    // An empty URL fails only for types that need one.
    let res = put_uid(
        &c,
        "example-api",
        &put_body(&dto, |b| {
            b["url"] = json!("");
            b["type"] = json!("prometheus");
        }),
    )
    .await;
    assert_message(&res, 400, "Validation error, invalid URL");
    let res = put_uid(&c, "nope", &dto).await;
    assert_message(&res, 404, "Data source not found");
    let res = c
        .admin(Method::PUT, "/api/datasources/99", Some(dto.clone()))
        .await;
    assert_message(&res, 404, "Data source not found");
    let res = c
        .admin(Method::PUT, "/api/datasources/x", Some(dto.clone()))
        .await;
    assert_message(&res, 400, "id is invalid");
    let res = put_uid(
        &c,
        "example-api",
        &put_body(&dto, |b| b["name"] = json!("other")),
    )
    .await;
    assert_message(
        &res,
        409,
        "Failed to update datasource: data source with the same name already exists",
    );
    // PUT by id works like by uid.
    let res = c
        .admin(
            Method::PUT,
            "/api/datasources/1",
            Some(put_body(&dto, |b| b["url"] = json!("localhost:9000"))),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["datasource"]["url"], "localhost:9000");
}

#[tokio::test]
async fn optimistic_locking_by_version() {
    let c = client().await;
    let v1 = get_uid(&c, "example-api").await;
    assert_eq!(v1["version"], 1);
    let res = put_uid(&c, "example-api", &v1).await;
    assert_eq!(res.json["datasource"]["version"], 2);
    // A stale version is refused.
    let res = put_uid(&c, "example-api", &v1).await;
    assert_message(
        &res,
        409,
        "Datasource has already been updated by someone else. Please reload and try again",
    );
    // A higher version is accepted and becomes request + 1.
    let res = put_uid(
        &c,
        "example-api",
        &put_body(&v1, |b| b["version"] = json!(10)),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json["datasource"]["version"], 11);
    // Version 0 or absent skips the check; the stored version still moves on.
    let res = put_uid(
        &c,
        "example-api",
        &put_body(&v1, |b| b["version"] = json!(0)),
    )
    .await;
    assert_eq!(res.json["datasource"]["version"], 12);
    let res = put_uid(
        &c,
        "example-api",
        &put_body(&v1, |b| {
            b.as_object_mut().unwrap().remove("version");
        }),
    )
    .await;
    assert_eq!(res.json["datasource"]["version"], 13);
}

async fn make_read_only(c: &Client, uid: &'static str) {
    c.state
        .db
        .call(move |conn| {
            conn.execute("UPDATE data_source SET read_only = 1 WHERE uid = ?1", [uid])?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn read_only_data_sources_cannot_be_changed() {
    let c = client().await;
    make_read_only(&c, "example-api").await;
    let dto = get_uid(&c, "example-api").await;
    assert_eq!(dto["readOnly"], true);
    // readOnly in the body is ignored, it cannot be switched off.
    let res = put_uid(
        &c,
        "example-api",
        &put_body(&dto, |b| b["readOnly"] = json!(false)),
    )
    .await;
    assert_message(&res, 403, "Cannot update read-only data source");
    for uri in [
        "/api/datasources/uid/example-api",
        "/api/datasources/1",
        "/api/datasources/name/Example%20API",
    ] {
        let res = c.admin(Method::DELETE, uri, None).await;
        assert_message(&res, 403, "Cannot delete read-only data source");
    }
}

// ---- DELETE -----------------------------------------------------------------------

#[tokio::test]
async fn delete_by_uid_name_and_id() {
    let c = client().await;
    let a = add(
        &c,
        json!({"name": "a", "type": "testdata", "access": "proxy"}),
    )
    .await;
    let b = add(
        &c,
        json!({"name": "b", "type": "testdata", "access": "proxy"}),
    )
    .await;
    let uid = a["datasource"]["uid"].as_str().unwrap();
    let res = c
        .admin(Method::DELETE, &format!("/api/datasources/uid/{uid}"), None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.json,
        json!({"message": "Data source deleted", "id": a["id"]})
    );
    let res = c
        .admin(Method::DELETE, "/api/datasources/name/b", None)
        .await;
    assert_eq!(
        res.json,
        json!({"message": "Data source deleted", "id": b["id"]})
    );
    let res = c.admin(Method::DELETE, "/api/datasources/1", None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json, json!({"message": "Data source deleted"}));
    let list = c.get("/api/datasources", Some(OrgRole::Admin)).await;
    assert_eq!(list.json, json!([]));
    for uri in [
        "/api/datasources/uid/example-api",
        "/api/datasources/1",
        "/api/datasources/name/b",
    ] {
        assert_message(
            &c.admin(Method::DELETE, uri, None).await,
            404,
            "Data source not found",
        );
    }
    assert_message(
        &c.admin(Method::DELETE, "/api/datasources/0", None).await,
        400,
        "Missing valid datasource id",
    );
    assert_message(
        &c.admin(Method::DELETE, "/api/datasources/zz", None).await,
        400,
        "id is invalid",
    );
}

// ---- RBAC ---------------------------------------------------------------------------

#[tokio::test]
async fn viewers_and_editors_read_only_admins_write() {
    let c = client().await;
    let dto = get_uid(&c, "example-api").await;
    for role in [OrgRole::Viewer, OrgRole::Editor] {
        assert_eq!(
            c.get("/api/datasources", Some(role)).await.status,
            StatusCode::OK
        );
        assert_eq!(
            c.get("/api/datasources/uid/example-api", Some(role))
                .await
                .status,
            StatusCode::OK
        );
        let body = dto.to_string();
        let res = c
            .send(
                Method::PUT,
                "/api/datasources/uid/example-api",
                Some(role),
                Some(&body),
            )
            .await;
        assert_denied(&res, "datasources:write");
        let res = c
            .send(Method::PUT, "/api/datasources/1", Some(role), Some(&body))
            .await;
        assert_denied(&res, "datasources:write");
        let res = c
            .send(
                Method::POST,
                "/api/datasources",
                Some(role),
                Some(r#"{"type":"loki","access":"proxy"}"#),
            )
            .await;
        assert_denied(&res, "datasources:create");
        for uri in [
            "/api/datasources/uid/example-api",
            "/api/datasources/1",
            "/api/datasources/name/Example%20API",
        ] {
            let res = c.send(Method::DELETE, uri, Some(role), None).await;
            assert_denied(&res, "datasources:delete");
        }
    }
    // Role None: nothing.
    assert_denied(
        &c.get("/api/datasources", Some(OrgRole::None)).await,
        "datasources:read",
    );
    assert_denied(
        &c.get("/api/datasources/uid/example-api", Some(OrgRole::None))
            .await,
        "datasources:read",
    );
    assert_denied(
        &c.get(
            "/api/datasources/uid/example-api/health",
            Some(OrgRole::None),
        )
        .await,
        "datasources:query",
    );
    // Nothing changed.
    assert_eq!(get_uid(&c, "example-api").await, dto);
}

#[tokio::test]
async fn anonymous_requests_get_401() {
    let c = client().await;
    for uri in ["/api/datasources", "/api/datasources/uid/example-api"] {
        let res = c.get(uri, None).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(res.json["message"], "Unauthorized");
    }
    let res = c
        .send(
            Method::POST,
            "/api/datasources",
            None,
            Some(r#"{"type":"x","access":"proxy"}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn access_control_metadata_follows_the_role() {
    let c = client().await;
    let admin = c
        .get(
            "/api/datasources/uid/example-api?accesscontrol=true",
            Some(OrgRole::Admin),
        )
        .await;
    assert_eq!(
        admin.json["accessControl"],
        json!({
            "datasources:read": true,
            "datasources:query": true,
            "datasources:write": true,
            "datasources:delete": true,
            "datasources.permissions:read": true,
            "datasources.permissions:write": true,
        })
    );
    let viewer = c
        .get(
            "/api/datasources/uid/example-api?accesscontrol=true",
            Some(OrgRole::Viewer),
        )
        .await;
    assert_eq!(
        viewer.json["accessControl"],
        json!({"datasources:read": true, "datasources:query": true})
    );
    let plain = c
        .get("/api/datasources/uid/example-api", Some(OrgRole::Admin))
        .await;
    assert!(plain.json.get("accessControl").is_none());
}

// ---- at rest ------------------------------------------------------------------------

#[tokio::test]
async fn the_sqlite_files_hold_no_plaintext_secret() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dev.db");
    let c = Client::new(state_with(Db::open(&path).unwrap())).await;
    let res = add(
        &c,
        json!({"name": "s", "type": EXAMPLE, "access": "proxy", "basicAuthUser": "visible-user",
               "secureJsonData": {"apiKey": SECRETS[0], "basicAuthPassword": SECRETS[1]}}),
    )
    .await;
    let uid = res["datasource"]["uid"].as_str().unwrap().to_owned();
    let dto = get_uid(&c, &uid).await;
    put_uid(
        &c,
        &uid,
        &put_body(&dto, |b| {
            b["secureJsonData"] = json!({"httpHeaderValue1": SECRETS[2]})
        }),
    )
    .await;
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        seen.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    let haystack = String::from_utf8_lossy(&seen);
    assert!(haystack.contains("visible-user"), "the files hold the data");
    for secret in SECRETS {
        assert!(!haystack.contains(secret), "{secret} stored in plain text");
    }
    // After a checkpoint the main file alone has it all, still encrypted.
    c.state
        .db
        .call(|conn| {
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
            Ok(())
        })
        .await
        .unwrap();
    let main = std::fs::read(&path).unwrap();
    let main = String::from_utf8_lossy(&main);
    assert!(main.contains("visible-user"));
    for secret in SECRETS {
        assert!(!main.contains(secret));
    }
}

#[tokio::test]
async fn a_different_secret_key_cannot_read_the_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dev.db");
    {
        let c = Client::new(state_with(Db::open(&path).unwrap()).with_secret_key("first")).await;
        add(
            &c,
            json!({"name": "s", "uid": "s", "type": "loki", "access": "proxy",
                   "secureJsonData": {"apiKey": "k"}}),
        )
        .await;
        assert_eq!(
            get_uid(&c, "s").await["secureJsonFields"],
            json!({"apiKey": true})
        );
    }
    let c = Client::new(state_with(Db::open(&path).unwrap()).with_secret_key("second")).await;
    // Undecryptable secrets are not reported as configured (Grafana drops them too); no 500.
    assert_eq!(get_uid(&c, "s").await["secureJsonFields"], json!({}));
}

#[tokio::test]
async fn nulls_in_bodies_are_zero_values_like_go() {
    let c = client().await;
    let res = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(
                json!({"name": null, "type": "testdata", "access": "proxy", "url": null,
                        "basicAuth": null, "jsonData": null, "secureJsonData": null}),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["name"], "testdata");
    let res = put_uid(
        &c,
        "example-api",
        &json!({"name": "Example API", "type": EXAMPLE, "access": "proxy", "version": null,
                "isDefault": null, "jsonData": null, "secureJsonData": null}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["datasource"]["version"], 2);
}

// ---- credentials (the auth area's Identity) ---------------------------------------------

#[tokio::test]
async fn basic_auth_and_service_account_tokens_sign_in_too() {
    let c = client().await;
    // admin / admin is seeded; Basic "YWRtaW46YWRtaW4=" = base64("admin:admin").
    let admin = [("authorization", "Basic YWRtaW46YWRtaW4=")];
    let res = c
        .send_with(
            Method::POST,
            "/api/datasources",
            &admin,
            Some(r#"{"name":"via-basic","type":"testdata","access":"proxy"}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let bad = [("authorization", "Basic YWRtaW46bm9wZQ==")];
    let res = c
        .send_with(Method::GET, "/api/datasources", &bad, None)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.json["message"], "Invalid username or password");

    // A Viewer service account's token reads but cannot write.
    let sa = c
        .send_with(
            Method::POST,
            "/api/serviceaccounts",
            &admin,
            Some(r#"{"name":"reader","role":"Viewer"}"#),
        )
        .await;
    assert_eq!(sa.status, StatusCode::CREATED, "{}", sa.text);
    let token = c
        .send_with(
            Method::POST,
            &format!("/api/serviceaccounts/{}/tokens", sa.json["id"]),
            &admin,
            Some(r#"{"name":"t"}"#),
        )
        .await;
    assert_eq!(token.status, StatusCode::OK, "{}", token.text);
    let bearer = format!("Bearer {}", token.json["key"].as_str().unwrap());
    let headers = [("authorization", bearer.as_str())];
    let res = c
        .send_with(
            Method::GET,
            "/api/datasources/uid/example-api",
            &headers,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let body = res.json.to_string();
    let res = c
        .send_with(
            Method::PUT,
            "/api/datasources/uid/example-api",
            &headers,
            Some(&body),
        )
        .await;
    assert_denied(&res, "datasources:write");
    let res = c
        .send_with(
            Method::GET,
            "/api/datasources/uid/example-api/health",
            &[("authorization", "Bearer glsa_nope")],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_managed_service_accounts_iam_scopes_data_source_access() {
    let c = client().await;
    add(
        &c,
        json!({"name": "other", "uid": "other", "type": "testdata", "access": "proxy"}),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("plugin.json");
    std::fs::write(
        &manifest,
        json!({
            "id": "acme-reader-app", "type": "app", "name": "Reader",
            "iam": {"permissions": [
                {"action": "datasources:read", "scope": "datasources:uid:example-api"},
                {"action": "datasources:query", "scope": "datasources:*"},
                {"action": "datasources:write", "scope": "datasources:uid:other"},
            ]}
        })
        .to_string(),
    )
    .unwrap();
    leptos_grafana_devserver::serviceaccounts::managed::register(&c.state, dir.path(), &[manifest])
        .await
        .unwrap();
    let key = std::fs::read_to_string(
        leptos_grafana_devserver::serviceaccounts::managed::secret_path(
            dir.path(),
            "acme-reader-app",
        ),
    )
    .unwrap();
    let bearer = format!("Bearer {}", key.trim());
    let h = [("authorization", bearer.as_str())];
    // The list shows only what it may read.
    let list = c.send_with(Method::GET, "/api/datasources", &h, None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    assert_eq!(list.json.as_array().unwrap().len(), 1);
    assert_eq!(list.json[0]["uid"], "example-api");
    let res = c
        .send_with(
            Method::GET,
            "/api/datasources/uid/example-api?accesscontrol=true",
            &h,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.json["accessControl"],
        json!({"datasources:read": true, "datasources:query": true})
    );
    // Resolved by id and name too.
    let res = c
        .send_with(Method::GET, "/api/datasources/1", &h, None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let res = c
        .send_with(Method::GET, "/api/datasources/name/other", &h, None)
        .await;
    assert_denied(&res, "datasources:read");
    let res = c
        .send_with(Method::GET, "/api/datasources/uid/other", &h, None)
        .await;
    assert_denied(&res, "datasources:read");
    // Write only where granted.
    let body = json!({"name": "other", "type": "testdata", "access": "proxy"}).to_string();
    let res = c
        .send_with(Method::PUT, "/api/datasources/uid/other", &h, Some(&body))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = c
        .send_with(
            Method::PUT,
            "/api/datasources/uid/example-api",
            &h,
            Some(&body),
        )
        .await;
    assert_denied(&res, "datasources:write");
    let res = c
        .send_with(Method::POST, "/api/datasources", &h, Some(&body))
        .await;
    assert_denied(&res, "datasources:create");
    let res = c
        .send_with(Method::DELETE, "/api/datasources/uid/other", &h, None)
        .await;
    assert_denied(&res, "datasources:delete");
}
