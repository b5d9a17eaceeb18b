//! The hostile-input corpus (`tests/hostile/corpus.json`) sent to every route devserver
//! answers: into every path parameter, every query parameter and every body field, plus
//! whole bodies that are not what Grafana wants. Every answer is 2xx or 4xx (4xx with a
//! message), never 5xx, and `/api/health` is ok after every single request. The counts are
//! printed. Long strings: 32 KB in a URI, 1 MiB in a body.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::report;

use super::datasources_common;

use axum::http::{Method, StatusCode};
use datasources_common::*;
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::faults::Faults;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Arc;

struct Corpus {
    /// Numbers and strings, as they go into paths and queries (the longest 32 KB).
    texts: Vec<String>,
    /// Whole request bodies.
    bodies: Vec<String>,
    /// Values for each field of a JSON body.
    values: Vec<Value>,
}

fn corpus() -> Corpus {
    let raw: Value =
        serde_json::from_str(include_str!("hostile/corpus.json")).expect("corpus.json is JSON");
    let strings = |key: &str| -> Vec<String> {
        raw[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let huge = "A".repeat(1 << 20);
    let mut texts = strings("numbers");
    texts.extend(strings("strings"));
    // As long as a URI can be (hyper refuses longer ones before any route sees them).
    texts.push("A".repeat(32_000));
    let mut bodies = strings("bodies");
    bodies.push(format!("{{\"name\":\"{huge}\"}}"));
    bodies.push(format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)));
    let mut values: Vec<Value> = raw["json_values"].as_array().unwrap().clone();
    values.extend(strings("strings").into_iter().map(Value::String));
    values.push(Value::String(huge));
    Corpus {
        texts,
        bodies,
        values,
    }
}

/// RFC 3986 percent-encoding of everything but unreserved characters.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One route: a method, a path with `{param}`s, its query parameters, and a valid body.
struct Route {
    method: Method,
    path: &'static str,
    query: &'static [&'static str],
    body: Option<Value>,
}

fn route(method: Method, path: &'static str) -> Route {
    Route {
        method,
        path,
        query: &[],
        body: None,
    }
}

/// Where Grafana itself answers 500, devserver does too (and only with Grafana's message):
/// `RetrieveServiceAccount` for an id ≤ 0 (the service's invalid-id error is not
/// "not found", so the handler's default branch answers 500), and the health check of a
/// data source that does not exist (`CheckDatasourceHealthWithUID`: "Unable to load
/// datasource metadata"); calls to a backend plugin that is not running (`plugin.unavailable`,
/// and every failed resource call: `plugin.requestFailureError`).
fn grafana_answers_500(path: &str, body: &Value) -> bool {
    // The data source proxy answers 502 (with no body) when the upstream is unreachable,
    // as Grafana's does; the test's data source points at a closed port.
    if path.starts_with("/api/datasources/proxy/") && body.is_null() {
        return true;
    }
    match body["message"].as_str() {
        Some("Failed to retrieve service account") => path == "/api/serviceaccounts/{sa}",
        Some("Unable to load datasource metadata") => {
            path.ends_with("/health") || path.contains("/resources")
        }
        Some("Plugin unavailable") => path.ends_with("/health") || path == "/api/ds/query",
        Some("An error occurred within the plugin") => path.contains("/resources"),
        _ => false,
    }
}

struct Tally {
    grafanas_500s: usize,
    requests: usize,
    by_status: std::collections::BTreeMap<u16, usize>,
    routes: BTreeSet<String>,
}

async fn send(c: &Client, tally: &mut Tally, route: &Route, uri: &str, body: Option<&str>) {
    let cookie = c.cookie(OrgRole::Admin);
    let mut headers = vec![("cookie", cookie.as_str())];
    if body.is_some() {
        headers.push(("content-type", "application/json"));
    }
    let res = c.send_with(route.method.clone(), uri, &headers, body).await;
    tally.requests += 1;
    *tally.by_status.entry(res.status.as_u16()).or_default() += 1;
    tally
        .routes
        .insert(format!("{} {}", route.method, route.path));
    let shown: String = uri.chars().take(160).collect();
    if res.status.is_server_error() && grafana_answers_500(route.path, &res.json) {
        tally.grafanas_500s += 1;
    } else {
        assert!(
            !res.status.is_server_error(),
            "{} {shown} with body {:?} answered {}: {}",
            route.method,
            body.map(|b| b.chars().take(120).collect::<String>()),
            res.status,
            res.text.chars().take(300).collect::<String>()
        );
    }
    if res.status.is_client_error() {
        assert!(
            !res.text.trim().is_empty(),
            "{} {shown}: an empty {}",
            route.method,
            res.status
        );
        if res.json.is_object() {
            assert!(
                res.json["message"].is_string(),
                "{} {shown}: {} without a message: {}",
                route.method,
                res.status,
                res.text
            );
        }
    }
    let health = c.get("/api/health", None).await;
    assert_eq!(
        health.status,
        StatusCode::OK,
        "health after {} {shown}",
        route.method
    );
    assert_eq!(health.json["database"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_hostile_input_with_2xx_or_4xx_and_health_stays_ok() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>app</title>",
    )
    .unwrap();
    let mut state = test_state();
    state.dist = Arc::new(dist.path().to_path_buf());
    state.faults = Some(Arc::new(Faults::new("").unwrap()));
    let c = Client::new(state).await;
    // Real objects for the valid parts of each request.
    let sa = c
        .admin(
            Method::POST,
            "/api/serviceaccounts",
            Some(json!({"name": "hostile-target"})),
        )
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    let token = c
        .admin(
            Method::POST,
            &format!("/api/serviceaccounts/{sa}/tokens"),
            Some(json!({"name": "hostile-token"})),
        )
        .await;
    assert_eq!(token.status, StatusCode::OK, "{}", token.text);
    let ds = c
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({"name": "hostile-ds", "type": "leptos-grafana-example-datasource", "access": "proxy", "url": "http://127.0.0.1:9"})),
        )
        .await;
    let ds_uid = ds.json["datasource"]["uid"].as_str().unwrap().to_owned();
    let ds_id = ds.json["datasource"]["id"].as_i64().unwrap();
    let valid: Vec<(&str, String)> = vec![
        ("{sa}", sa.to_string()),
        ("{token}", "1".to_owned()),
        ("{uid}", ds_uid.clone()),
        ("{id}", ds_id.to_string()),
        ("{name}", "hostile-ds".to_owned()),
        ("{plugin}", "leptos-grafana-example-datasource".to_owned()),
        ("{file}", "plugin.json".to_owned()),
        ("{hash}", "85ec38023d90823d3e5b43ef35646af9".to_owned()),
        // (No route of the example plugin matches: the data source's own URL, a closed port.)
        ("{path}", "other/x".to_owned()),
        // The seeded `viewer` (the third person): a target for service-account permissions.
        ("{user}", "3".to_owned()),
    ];
    let ds_body = json!({"name": "hostile-ds", "type": "leptos-grafana-example-datasource", "access": "proxy",
        "url": "http://127.0.0.1:9", "basicAuth": false, "basicAuthUser": "", "isDefault": false,
        "jsonData": {"path": "/"}, "secureJsonData": {"apiKey": "k"}, "version": 0, "uid": ds_uid});
    let routes = vec![
        route(Method::GET, "/api/health"),
        Route {
            body: Some(json!({"user": "admin", "password": "wrong"})),
            ..route(Method::POST, "/login")
        },
        route(Method::GET, "/api/user"),
        route(Method::GET, "/api/user/orgs"),
        Route {
            query: &[
                "query",
                "page",
                "perpage",
                "disabled",
                "expiredTokens",
                "external",
                "accesscontrol",
            ],
            ..route(Method::GET, "/api/serviceaccounts/search")
        },
        Route {
            body: Some(json!({"name": "new-one", "role": "Viewer", "isDisabled": false})),
            ..route(Method::POST, "/api/serviceaccounts")
        },
        Route {
            query: &["accesscontrol"],
            ..route(Method::GET, "/api/serviceaccounts/{sa}")
        },
        Route {
            body: Some(json!({"name": "hostile-target", "role": "Viewer", "isDisabled": false})),
            query: &["accesscontrol"],
            ..route(Method::PATCH, "/api/serviceaccounts/{sa}")
        },
        route(Method::GET, "/api/serviceaccounts/{sa}/tokens"),
        Route {
            body: Some(json!({"name": "another-token", "secondsToLive": 3600})),
            ..route(Method::POST, "/api/serviceaccounts/{sa}/tokens")
        },
        route(Method::DELETE, "/api/serviceaccounts/{sa}/tokens/{token}"),
        route(Method::DELETE, "/api/serviceaccounts/{sa}/revert/{token}"),
        route(Method::DELETE, "/api/serviceaccounts/{sa}"),
        route(Method::GET, "/api/auth/keys"),
        route(Method::GET, "/api/datasources"),
        Route {
            body: Some(ds_body.clone()),
            ..route(Method::POST, "/api/datasources")
        },
        Route {
            query: &["accesscontrol"],
            ..route(Method::GET, "/api/datasources/uid/{uid}")
        },
        Route {
            body: Some(ds_body.clone()),
            ..route(Method::PUT, "/api/datasources/uid/{uid}")
        },
        route(Method::DELETE, "/api/datasources/uid/{uid}"),
        route(Method::GET, "/api/datasources/uid/{uid}/health"),
        route(Method::GET, "/api/datasources/name/{name}"),
        route(Method::DELETE, "/api/datasources/name/{name}"),
        route(Method::GET, "/api/datasources/id/{name}"),
        route(Method::GET, "/api/datasources/{id}"),
        Route {
            body: Some(ds_body),
            ..route(Method::PUT, "/api/datasources/{id}")
        },
        route(Method::DELETE, "/api/datasources/{id}"),
        route(Method::GET, "/api/datasources/{id}/health"),
        Route {
            query: &["type"],
            ..route(Method::GET, "/api/plugins")
        },
        route(Method::GET, "/api/plugins/{plugin}/settings"),
        route(Method::GET, "/public/plugins/{plugin}/{file}"),
        route(Method::GET, "/avatar/{hash}"),
        route(Method::GET, "/api/frontend/settings"),
        route(Method::GET, "/api/org"),
        Route {
            body: Some(json!({"name": "Main Org."})),
            ..route(Method::PUT, "/api/org")
        },
        route(Method::GET, "/api/datasources/proxy/uid/{uid}/{path}"),
        route(Method::GET, "/api/datasources/uid/{uid}/resources/{path}"),
        Route {
            body: Some(json!({"q": 1})),
            ..route(Method::POST, "/api/datasources/{id}/resources/{path}")
        },
        Route {
            body: Some(json!({"from": "now-1h", "to": "now",
                              "queries": [{"refId": "A", "datasource": {"uid": "x"}}]})),
            ..route(Method::POST, "/api/ds/query")
        },
        Route {
            body: Some(json!({"q": 1})),
            ..route(Method::POST, "/api/datasources/proxy/{id}/{path}")
        },
        route(
            Method::GET,
            "/api/access-control/serviceaccounts/description",
        ),
        route(Method::GET, "/api/access-control/serviceaccounts/{sa}"),
        Route {
            body: Some(json!({"permission": "Edit"})),
            ..route(
                Method::POST,
                "/api/access-control/serviceaccounts/{sa}/users/{user}",
            )
        },
        Route {
            query: &["query", "limit"],
            ..route(Method::GET, "/api/org/users/lookup")
        },
        Route {
            body: Some(json!({"token": "glsa_notatoken"})),
            ..route(Method::POST, "/api/devserver/serviceaccounts/tokens/revoke")
        },
        route(Method::GET, "/api/devserver/faults"),
        Route {
            body: Some(json!({"spec": ""})),
            ..route(Method::PUT, "/api/devserver/faults")
        },
        route(Method::GET, "/api/no-such-route"),
    ];
    let corpus = corpus();
    let mut tally = Tally {
        grafanas_500s: 0,
        requests: 0,
        by_status: Default::default(),
        routes: BTreeSet::new(),
    };
    for r in &routes {
        let params: Vec<&str> = valid
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| r.path.contains(p))
            .collect();
        let fill = |hostile: Option<(&str, &str)>| {
            let mut path = r.path.to_owned();
            for (param, value) in &valid {
                let v = match hostile {
                    Some((p, h)) if p == *param => encode(h),
                    _ => encode(value),
                };
                path = path.replace(param, &v);
            }
            path
        };
        let body_text = r.body.as_ref().map(Value::to_string);
        // The valid request itself (DELETEs excepted: the targets must stay).
        if r.method != Method::DELETE {
            send(&c, &mut tally, r, &fill(None), body_text.as_deref()).await;
        }
        // Each path parameter, hostile in turn (DELETEs only ever with hostile ones).
        for param in &params {
            for text in &corpus.texts {
                let uri = fill(Some((param, text)));
                send(&c, &mut tally, r, &uri, body_text.as_deref()).await;
            }
        }
        if r.method == Method::DELETE {
            continue;
        }
        // Each query parameter.
        for q in r.query {
            for text in &corpus.texts {
                let uri = format!("{}?{q}={}", fill(None), encode(text));
                send(&c, &mut tally, r, &uri, body_text.as_deref()).await;
            }
        }
        // Whole hostile bodies, then each field of the valid body.
        if let Some(body) = &r.body {
            for raw in &corpus.bodies {
                send(&c, &mut tally, r, &fill(None), Some(raw)).await;
            }
            let fields: Vec<String> = body.as_object().unwrap().keys().cloned().collect();
            for field in fields {
                for value in &corpus.values {
                    let mut changed = body.clone();
                    changed[&field] = value.clone();
                    send(&c, &mut tally, r, &fill(None), Some(&changed.to_string())).await;
                }
            }
        }
    }
    // Traversal in raw, unencoded paths.
    for raw in [
        "/public/plugins/leptos-grafana-example-datasource/../../../../etc/passwd",
        "/public/plugins/leptos-grafana-example-datasource/%2e%2e/%2e%2e/Cargo.toml",
        "/api/serviceaccounts/../datasources",
        "/avatar/../../etc/passwd",
    ] {
        send(&c, &mut tally, &route(Method::GET, "(raw path)"), raw, None).await;
    }
    // The corpus's escaping proxied paths, raw, through both data source proxy routes:
    // each a 400 with a message (datasource_proxy.rs checks that nothing goes upstream).
    for escape in &super::datasource_proxy::escaping_paths() {
        for uri in [
            format!("/api/datasources/proxy/uid/{ds_uid}/{escape}"),
            format!("/api/datasources/proxy/{ds_id}/projects/{escape}"),
        ] {
            let r = route(Method::GET, "/api/datasources/proxy/… (escaping path)");
            send(&c, &mut tally, &r, &uri, None).await;
            let res = c.get(&uri, Some(OrgRole::Admin)).await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{uri}: {}", res.text);
        }
    }
    let statuses: Vec<String> = tally
        .by_status
        .iter()
        .map(|(s, n)| format!("{s}×{n}"))
        .collect();
    report::report(&format!(
        "hostile input: {} requests over {} routes ({}); no 5xx but the {} where Grafana answers 500 too; /api/health ok after every one",
        tally.requests,
        tally.routes.len(),
        statuses.join(" "),
        tally.grafanas_500s
    ));
    assert!(tally.requests > 2000, "the corpus reached every route");
}
