//! Shared helpers of the data source and plugin HTTP tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos_grafana_devserver::auth::store as auth_store;
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::plugins::PluginRegistry;
use leptos_grafana_devserver::{app, seed_users, AppState};
use serde_json::Value;
use std::path::PathBuf;
use tower::ServiceExt;

/// The repository's example plugins, `embed/examples`.
pub fn plugins_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../embed/examples")
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

/// The people every test app has (besides the seeded `admin` / `admin`).
const PEOPLE: [(&str, OrgRole); 3] = [
    ("editor", OrgRole::Editor),
    ("viewer", OrgRole::Viewer),
    ("nobody", OrgRole::None),
];

fn login_of(role: OrgRole) -> &'static str {
    match role {
        OrgRole::Admin => "admin",
        OrgRole::Editor => "editor",
        OrgRole::Viewer => "viewer",
        OrgRole::None => "nobody",
    }
}

/// A test client over one app, with a signed-in session per org role.
pub struct Client {
    pub app: Router,
    pub state: AppState,
    sessions: Vec<(OrgRole, String)>,
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
    /// Seeds `admin`, `editor`, `viewer` and `nobody` (role None) and signs each in through
    /// the auth area's sessions (the `grafana_session` cookie).
    pub async fn new(state: AppState) -> Self {
        let specs: Vec<String> = PEOPLE
            .iter()
            .map(|(login, role)| format!("{login}:pw-{login}:{}", role.as_str()))
            .collect();
        seed_users(&state, &specs).await.unwrap();
        let now = state.clock.now();
        let sessions = state
            .db
            .call(move |c| {
                let mut out = Vec::new();
                for role in [
                    OrgRole::Admin,
                    OrgRole::Editor,
                    OrgRole::Viewer,
                    OrgRole::None,
                ] {
                    let id: i64 = c.query_row(
                        "SELECT id FROM user WHERE login = ?1",
                        [login_of(role)],
                        |r| r.get(0),
                    )?;
                    out.push((role, auth_store::create_session(c, id, now)?));
                }
                Ok(out)
            })
            .await
            .unwrap();
        Self {
            app: app(state.clone()),
            state,
            sessions,
        }
    }

    /// The `Cookie` header value that signs a request in with `role`.
    pub fn cookie(&self, role: OrgRole) -> String {
        let token = &self.sessions.iter().find(|(r, _)| *r == role).unwrap().1;
        format!("grafana_session={token}")
    }

    /// Sends a request with extra headers (e.g. `Authorization`) and no session.
    pub async fn send_with(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Res {
        let mut builder = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        if body.is_some() {
            builder = builder.header("content-type", "application/json");
        }
        let req = builder
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
            .unwrap();
        let res = self.app.clone().oneshot(req).await.unwrap();
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

    /// Sends a request and returns the whole response (status, headers, body).
    #[allow(dead_code)]
    pub async fn raw(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> axum::response::Response {
        let mut builder = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        self.app
            .clone()
            .oneshot(builder.body(Body::from(body.to_owned())).unwrap())
            .await
            .unwrap()
    }

    /// Sends a request signed in with `role` (`None` = anonymous).
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        role: Option<OrgRole>,
        body: Option<&str>,
    ) -> Res {
        match role {
            Some(role) => {
                let cookie = self.cookie(role);
                self.send_with(method, uri, &[("cookie", cookie.as_str())], body)
                    .await
            }
            None => self.send_with(method, uri, &[], body).await,
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
