//! Shared helpers of the data source and plugin HTTP tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos_grafana_devserver::datasources::access::{Caller, OrgRole};
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::plugins::PluginRegistry;
use leptos_grafana_devserver::{app, AppState};
use serde_json::Value;
use std::path::PathBuf;
use tower::ServiceExt;

/// The repository's `embed/plugins`.
pub fn plugins_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../embed/plugins")
}

/// State over an in-memory database with the repository's plugins.
pub fn test_state() -> AppState {
    state_with(Db::open_in_memory().unwrap())
}

/// State over `db` with the repository's plugins.
pub fn state_with(db: Db) -> AppState {
    AppState::new(db, PathBuf::from("/nonexistent-dist"))
        .with_plugins(PluginRegistry::load(&plugins_dir()).unwrap())
}

/// Signs the request in with `role` (`None` = anonymous).
pub fn sign_in(mut req: Request<Body>, role: Option<OrgRole>) -> Request<Body> {
    if let Some(org_role) = role {
        req.extensions_mut().insert(Caller {
            user_id: 1,
            org_id: 1,
            org_role,
        });
    }
    req
}

/// A test client over one app.
pub struct Client {
    pub app: Router,
    pub state: AppState,
}

/// A response: status, raw body text, and parsed JSON (Null if not JSON).
#[derive(Debug)]
pub struct Res {
    pub status: StatusCode,
    pub text: String,
    pub json: Value,
    pub content_type: String,
}

impl Client {
    pub fn new(state: AppState) -> Self {
        Self {
            app: app(state.clone()),
            state,
        }
    }

    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        role: Option<OrgRole>,
        body: Option<&str>,
    ) -> Res {
        let mut builder = Request::builder().method(method).uri(uri);
        if body.is_some() {
            builder = builder.header("content-type", "application/json");
        }
        let req = builder
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
            .unwrap();
        let res = self.app.clone().oneshot(sign_in(req, role)).await.unwrap();
        let status = res.status();
        let content_type = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Res {
            status,
            text,
            json,
            content_type,
        }
    }

    pub async fn get(&self, uri: &str, role: Option<OrgRole>) -> Res {
        self.send(Method::GET, uri, role, None).await
    }

    pub async fn admin(&self, method: Method, uri: &str, body: Option<Value>) -> Res {
        let text = body.map(|b| b.to_string());
        self.send(method, uri, Some(OrgRole::Admin), text.as_deref())
            .await
    }
}

/// Asserts status and `{"message": …}`.
#[track_caller]
pub fn assert_message(res: &Res, status: u16, message: &str) {
    assert_eq!(res.status.as_u16(), status, "{}", res.text);
    assert_eq!(res.json["message"], message, "{}", res.text);
}

/// Asserts Grafana's RBAC 403 naming `action`.
#[track_caller]
pub fn assert_denied(res: &Res, action: &str) {
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    assert_eq!(res.json["title"], "Access denied", "{}", res.text);
    assert_eq!(
        res.json["message"],
        format!(
            "You'll need additional permissions to perform this action. Permissions needed: {action}"
        )
    );
    let id = res.json["accessErrorId"].as_str().unwrap();
    assert!(
        id.len() == 13 && id.starts_with("ACE") && id[3..].chars().all(|c| c.is_ascii_digit()),
        "{id}"
    );
}
