//! Generic OAuth sign-in (`/login/generic_oauth`) against the development OpenID provider
//! (`devserver/oidc-provider`: oidc-provider from npm, started on loopback by each test),
//! driven as a browser would (its login and consent pages), and the signed-in user's
//! identity forwarded with `oauthPassThru`: to the example Rust backend on `CheckHealth`,
//! `QueryData` and `CallResource`, and by the data source proxy; refreshed when expired,
//! dropped on sign-out; refusals that end on the login page with nothing created.

use super::backend_plugins::{
    health_until, manifest, plugin_folder, upstream, API_KEY, PLUGIN, RECORD_AND_RUN,
};
use super::datasources_common::*;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::routing::any;
use axum::{Json, Router};
use http_body_util::BodyExt;
use leptos_grafana_devserver::auth::oauth::GenericOAuth;
use leptos_grafana_devserver::config::GenericOAuthFlags;
use leptos_grafana_devserver::datasources::access::OrgRole;
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::plugins::backend::BackendPlugins;
use leptos_grafana_devserver::plugins::PluginRegistry;
use leptos_grafana_devserver::AppState;
use serde_json::{json, Value};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// devserver's root URL as the provider sees it: the browser is sent back to
/// `<ROOT>login/generic_oauth`, which these tests read instead of following.
const ROOT: &str = "http://127.0.0.1:3000/";

/// The development provider, stopped when dropped.
struct DevProvider {
    child: std::process::Child,
    issuer: String,
}

impl DevProvider {
    fn start() -> Self {
        Self::start_with_ttl(3_600)
    }

    /// A provider whose access tokens live `access_token_ttl` seconds (ID tokens an hour).
    fn start_with_ttl(access_token_ttl: u64) -> Self {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        assert!(
            repo.join("node_modules/oidc-provider").exists(),
            "the development OpenID provider needs its npm package: run `npm ci` (make test does)"
        );
        let mut child = std::process::Command::new("node")
            .arg(repo.join("devserver/oidc-provider/server.mjs"))
            .args([
                "--port",
                "0",
                "--access-token-ttl",
                &access_token_ttl.to_string(),
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("node runs the development provider");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let issuer = line
            .trim()
            .rsplit(' ')
            .next()
            .filter(|u| u.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("unexpected first line from the provider: {line:?}"))
            .to_owned();
        Self { child, issuer }
    }

    fn settings(&self, allow_sign_up: bool) -> GenericOAuth {
        settings_for(&self.issuer, allow_sign_up)
    }

    /// Whether the provider accepts `access_token` at its user-info endpoint, and whose it is.
    async fn user_of(&self, access_token: &str) -> Option<String> {
        let res = reqwest::Client::new()
            .get(format!("{}/me", self.issuer))
            .bearer_auth(access_token)
            .send()
            .await
            .unwrap();
        if !res.status().is_success() {
            return None;
        }
        res.json::<Value>().await.unwrap()["sub"]
            .as_str()
            .map(str::to_owned)
    }
}

impl Drop for DevProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn settings_for(issuer: &str, allow_sign_up: bool) -> GenericOAuth {
    let flags = GenericOAuthFlags {
        name: "Dev OIDC".into(),
        client_id: Some("grafana".into()),
        client_secret: "grafana-dev-secret".into(),
        auth_url: Some(format!("{issuer}/auth")),
        token_url: Some(format!("{issuer}/token")),
        api_url: Some(format!("{issuer}/me")),
        scopes: "openid profile email offline_access".into(),
        use_pkce: true,
        allow_sign_up,
        role_attribute: Some("grafana_role".into()),
        allow_insecure_email_lookup: false,
    };
    GenericOAuth::from_flags(&flags, ROOT).unwrap().unwrap()
}

async fn client_with(oauth: GenericOAuth) -> Client {
    let mut state = AppState::new(
        Db::open_in_memory().unwrap(),
        PathBuf::from("/nonexistent-dist"),
    );
    state.generic_oauth = Some(Arc::new(oauth));
    Client::new(state).await
}

/// `name=value` of each cookie a response sets (cleared ones left out).
fn set_cookies(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|c| !c.contains("Max-Age=0"))
        .filter_map(|c| c.split(';').next()?.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn location(headers: &HeaderMap) -> String {
    headers[header::LOCATION].to_str().unwrap().to_owned()
}

/// A browser at the provider: its own cookies, no redirects followed.
struct Browser(reqwest::Client);

impl Browser {
    fn new() -> Self {
        Self(
            reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        )
    }

    /// From the authorization URL through the provider's pages as `login` (any password)
    /// until it sends the browser back to devserver; `consent: false` presses Cancel on the
    /// consent page. Returns the path and query devserver is sent to.
    async fn at_provider(&self, auth_url: &str, login: &str, consent: bool) -> String {
        self.at_provider_for(ROOT, auth_url, login, consent).await
    }

    /// [`Browser::at_provider`] for a devserver at `root`.
    async fn at_provider_for(
        &self,
        root: &str,
        auth_url: &str,
        login: &str,
        consent: bool,
    ) -> String {
        let mut next: (String, Option<Vec<(&str, String)>>) = (auth_url.to_owned(), None);
        for _ in 0..20 {
            let req = match &next.1 {
                None => self.0.get(&next.0),
                Some(form) => self.0.post(&next.0).form(form),
            };
            let res = req.send().await.unwrap();
            if res.status().is_redirection() {
                let to = res
                    .url()
                    .join(&location(res.headers()))
                    .unwrap()
                    .to_string();
                if let Some(back) = to.strip_prefix(root.trim_end_matches('/')) {
                    return back.to_owned();
                }
                next = (to, None);
                continue;
            }
            let page_url = res.url().clone();
            let html = res.text().await.unwrap();
            let action = between(&html, "action=\"", "\"");
            next = if html.contains("value=\"login\"") {
                let form = vec![
                    ("prompt", "login".to_owned()),
                    ("login", login.to_owned()),
                    ("password", "any password".to_owned()),
                ];
                (action, Some(form))
            } else if html.contains("value=\"consent\"") && consent {
                (action, Some(vec![("prompt", "consent".to_owned())]))
            } else if html.contains("value=\"consent\"") {
                let abort = html
                    .split("href=\"")
                    .filter_map(|s| s.split('"').next())
                    .find(|h| h.ends_with("/abort"))
                    .unwrap();
                (page_url.join(abort).unwrap().to_string(), None)
            } else {
                panic!("unexpected provider page: {html}");
            };
        }
        panic!("the provider never sent the browser back");
    }
}

fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).unwrap() + start.len();
    text[from..].split(end).next().unwrap().to_owned()
}

/// One sign-in flow started at devserver: the cookies it set and where it sent the browser.
struct Flow {
    cookies: String,
    auth_url: String,
}

async fn start(client: &Client, query: &str) -> Flow {
    let res = client
        .raw(
            Method::GET,
            &format!("/login/generic_oauth{query}"),
            &[],
            "",
        )
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let cookies = set_cookies(res.headers())
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    Flow {
        cookies,
        auth_url: location(res.headers()),
    }
}

async fn callback(client: &Client, flow: &Flow, back: &str) -> axum::response::Response {
    client
        .raw(Method::GET, back, &[("cookie", flow.cookies.as_str())], "")
        .await
}

/// Signs `login` in through the provider; the session's `Cookie` header value.
async fn sign_in(client: &Client, login: &str) -> String {
    let flow = start(client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, login, true)
        .await;
    let res = callback(client, &flow, &back).await;
    assert_eq!(res.status(), StatusCode::FOUND, "{:?}", res.headers());
    let session = set_cookies(res.headers())
        .into_iter()
        .find(|(k, _)| k == "grafana_session")
        .unwrap_or_else(|| panic!("no session after the callback: {:?}", res.headers()));
    format!("grafana_session={}", session.1)
}

/// Where a refused callback sent the browser, and the message the login page shows.
async fn refused(client: &Client, res: axum::response::Response) -> String {
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(res.headers()), "/login");
    let cookies = set_cookies(res.headers());
    assert!(
        !cookies.iter().any(|(k, _)| k == "grafana_session"),
        "a refusal signed someone in"
    );
    let (_, sealed) = cookies.iter().find(|(k, _)| k == "login_error").unwrap();
    let settings = client
        .send_with(
            Method::GET,
            "/api/frontend/settings",
            &[("cookie", &format!("login_error={sealed}"))],
            None,
        )
        .await;
    assert_eq!(settings.status, StatusCode::OK, "{}", settings.text);
    settings.json["loginError"].as_str().unwrap().to_owned()
}

/// Rows of each table a sign-in writes.
async fn counts(client: &Client) -> [i64; 4] {
    client
        .state
        .db
        .call(|c| {
            let n = |t: &str| -> i64 {
                c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap()
            };
            Ok([
                n("user"),
                n("user_session"),
                n("user_auth"),
                n("user_external_session"),
            ])
        })
        .await
        .unwrap()
}

async fn body_json(res: axum::response::Response) -> Value {
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

#[tokio::test]
async fn sign_in_creates_the_person_with_the_claims_role_and_links_them_next_time() {
    let provider = DevProvider::start();
    let client = client_with(provider.settings(true)).await;
    let boot = client.get("/api/frontend/settings", None).await;
    assert_eq!(
        boot.json["oauth"],
        json!({ "generic_oauth": { "name": "Dev OIDC", "icon": "signin" } })
    );
    assert!(boot.json.get("datasources").is_none(), "{}", boot.text);

    let before = counts(&client).await;
    let alice = sign_in(&client, "alice").await;
    let me = client
        .send_with(Method::GET, "/api/user", &[("cookie", &alice)], None)
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(
        (&me.json["login"], &me.json["email"], &me.json["name"]),
        (
            &json!("alice"),
            &json!("alice@example.com"),
            &json!("Alice Admin")
        )
    );
    let orgs = client
        .send_with(Method::GET, "/api/user/orgs", &[("cookie", &alice)], None)
        .await;
    assert_eq!(orgs.json[0]["role"], "Admin", "{}", orgs.text);
    let bob = sign_in(&client, "bob").await;
    let bob_orgs = client
        .send_with(Method::GET, "/api/user/orgs", &[("cookie", &bob)], None)
        .await;
    assert_eq!(bob_orgs.json[0]["role"], "Editor");
    // Alice again: the same person, a second session.
    sign_in(&client, "alice").await;
    assert_eq!(
        counts(&client).await,
        [before[0] + 2, before[1] + 3, 2, 3],
        "users, sessions, links, token rows"
    );
    // The tokens are sealed at rest: no row holds a JWT or the provider's opaque token in clear.
    let stored: Vec<(String, Option<String>, Option<String>)> = client
        .state
        .db
        .call(|c| {
            leptos_grafana_devserver::db::rows(
                c,
                "SELECT access_token, id_token, refresh_token FROM user_external_session",
                [],
            )
        })
        .await
        .unwrap();
    for (access, id, refresh) in stored {
        let access_plain = client.state.secrets.decrypt(&access).unwrap();
        assert!(provider.user_of(&access_plain).await.is_some());
        assert!(!access.contains(&access_plain));
        let id_plain = client.state.secrets.decrypt(&id.unwrap()).unwrap();
        assert_eq!(id_plain.split('.').count(), 3, "the ID token is a JWT");
        assert!(client.state.secrets.decrypt(&refresh.unwrap()).is_ok());
    }
}

/// An app with the example Rust backend and the dev provider, and two data sources of the
/// backend: `oauthPassThru` on and off.
async fn with_backend(
    provider: &DevProvider,
) -> (tempfile::TempDir, Client, BackendPlugins, String, String) {
    let root = tempfile::tempdir().unwrap();
    plugin_folder(root.path(), manifest(true), RECORD_AND_RUN);
    let (url, _) = upstream().await;
    let registry = PluginRegistry::load(root.path()).unwrap();
    let backends = BackendPlugins::start(
        &registry,
        "12.0.0",
        "http://127.0.0.1/",
        Duration::from_secs(30),
    );
    let mut state = AppState::new(
        Db::open_in_memory().unwrap(),
        PathBuf::from("/nonexistent-dist"),
    )
    .with_plugins(registry)
    .with_backends(backends.clone());
    state.generic_oauth = Some(Arc::new(provider.settings(true)));
    let client = Client::new(state).await;
    let mut uids = Vec::new();
    for (name, pass_thru) in [("on", true), ("off", false)] {
        let res = client
            .admin(
                Method::POST,
                "/api/datasources",
                Some(
                    json!({ "name": name, "type": PLUGIN, "access": "proxy", "url": url,
                             "jsonData": { "oauthPassThru": pass_thru, "defaultRegion": "eu-west" },
                             "secureJsonData": { "apiKey": API_KEY } }),
                ),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        uids.push(res.json["datasource"]["uid"].as_str().unwrap().to_owned());
    }
    let ok = health_until(&client, &uids[0], OrgRole::Admin, |r| {
        r.status == StatusCode::OK
    })
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    let off = uids.pop().unwrap();
    let on = uids.pop().unwrap();
    (root, client, backends, on, off)
}

/// What the backend saw on each of its three calls for `uid`, signed in with `cookie`:
/// Save & test's message and details, the query frame's `meta.custom`, the resource's answer.
async fn three_calls(client: &Client, uid: &str, cookie: &str) -> (String, [Value; 3]) {
    let as_user = [("cookie", cookie)];
    let health = client
        .send_with(
            Method::GET,
            &format!("/api/datasources/uid/{uid}/health"),
            &as_user,
            None,
        )
        .await;
    assert_eq!(health.status, StatusCode::OK, "{}", health.text);
    let query = json!({ "from": "1700000000000", "to": "now",
        "queries": [{ "refId": "A", "datasource": { "type": PLUGIN, "uid": uid }, "queryText": "cpu" }] });
    let queried = client
        .send_with(
            Method::POST,
            "/api/ds/query",
            &as_user,
            Some(&query.to_string()),
        )
        .await;
    assert_eq!(queried.status, StatusCode::OK, "{}", queried.text);
    let resource = client
        .send_with(
            Method::GET,
            &format!("/api/datasources/uid/{uid}/resources/forwarded"),
            &as_user,
            None,
        )
        .await;
    assert_eq!(resource.status, StatusCode::OK, "{}", resource.text);
    (
        health.json["message"].as_str().unwrap().to_owned(),
        [
            health.json["details"]["forwarded"].clone(),
            queried.json["results"]["A"]["frames"][0]["schema"]["meta"]["custom"]["forwarded"]
                .clone(),
            resource.json["forwarded"].clone(),
        ],
    )
}

#[tokio::test]
async fn the_backend_gets_the_oauth_identity_on_all_three_calls_only_with_oauth_pass_thru() {
    let provider = DevProvider::start();
    let (_root, client, backends, on, off) = with_backend(&provider).await;
    let alice = sign_in(&client, "alice").await;

    let (message, seen) = three_calls(&client, &on, &alice).await;
    assert_eq!(
        message,
        "The Rust backend reached upstream version 9.9.9 with the API key. Forwarded OAuth identity: alice (alice@example.com) (Bearer token and ID token)"
    );
    for (call, forwarded) in ["CheckHealth", "QueryData", "CallResource"]
        .iter()
        .zip(&seen)
    {
        assert_eq!(
            forwarded["oauthIdentity"],
            json!({ "tokenType": "Bearer", "idToken": true, "subject": "alice",
                    "login": "alice", "email": "alice@example.com" }),
            "{call}: {forwarded}"
        );
        let keys: Vec<String> = forwarded["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_ascii_lowercase())
            .collect();
        assert!(
            keys.contains(&"authorization".to_owned()) && keys.contains(&"x-id-token".to_owned()),
            "{call}: {keys:?}"
        );
    }
    // The raw keys of QueryData and CheckHealth are Grafana's exact spelling.
    let health_keys = &seen[0]["headers"];
    assert_eq!(health_keys, &json!(["Authorization", "X-ID-Token"]));

    // The flag off: nothing, for the same user.
    let (message, seen) = three_calls(&client, &off, &alice).await;
    assert_eq!(
        message,
        "The Rust backend reached upstream version 9.9.9 with the API key"
    );
    for forwarded in &seen {
        assert_eq!(forwarded["oauthIdentity"], Value::Null, "{forwarded}");
    }
    // A user who signed in with a password: nothing, with the flag on.
    let (message, seen) = three_calls(&client, &on, &client.cookie(OrgRole::Admin)).await;
    assert!(
        message.ends_with("Forward OAuth Identity is on, but no OAuth identity reached the backend (sign in with OAuth)"),
        "{message}"
    );
    for forwarded in &seen {
        assert_eq!(forwarded["oauthIdentity"], Value::Null, "{forwarded}");
    }
    // An hour later both tokens have expired: they are refreshed before the backend call.
    client.state.clock.advance(3_600 + 60);
    let (message, seen) = three_calls(&client, &on, &alice).await;
    assert!(
        message.contains("Forwarded OAuth identity: alice"),
        "{message}"
    );
    assert!(seen
        .iter()
        .all(|f| f["oauthIdentity"]["subject"] == "alice"));
    backends.stop_all();
}

/// The `Authorization` and `X-ID-Token` of each request an upstream received.
type Seen = Arc<Mutex<Vec<(Option<String>, Option<String>)>>>;

/// An upstream that records the `Authorization` and `X-ID-Token` of each request.
async fn recording_upstream() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let record = seen.clone();
    let app = Router::new().fallback(any(move |h: HeaderMap| {
        let get = |k: &str| h.get(k).and_then(|v| v.to_str().ok()).map(str::to_owned);
        record
            .lock()
            .unwrap()
            .push((get("authorization"), get("x-id-token")));
        async { Json(json!({ "ok": true })) }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), seen)
}

async fn proxy_ds(client: &Client, url: &str, pass_thru: bool) -> String {
    let res = client
        .admin(
            Method::POST,
            "/api/datasources",
            Some(json!({ "name": format!("proxy-{pass_thru}"), "type": "prometheus", "access": "proxy",
                         "url": url, "basicAuth": true, "basicAuthUser": "u",
                         "jsonData": { "oauthPassThru": pass_thru },
                         "secureJsonData": { "basicAuthPassword": "p" } })),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["datasource"]["uid"].as_str().unwrap().to_owned()
}

async fn through_proxy(client: &Client, uid: &str, cookie: &str) {
    let res = client
        .send_with(
            Method::GET,
            &format!("/api/datasources/proxy/uid/{uid}/api/v1/query"),
            &[("cookie", cookie)],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

#[tokio::test]
async fn the_data_source_proxy_forwards_the_token_only_with_oauth_pass_thru_and_refreshes_it() {
    let provider = DevProvider::start_with_ttl(60);
    let client = client_with(provider.settings(true)).await;
    let (url, seen) = recording_upstream().await;
    let on = proxy_ds(&client, &url, true).await;
    let off = proxy_ds(&client, &url, false).await;
    let alice = sign_in(&client, "alice").await;
    let last = || seen.lock().unwrap().last().cloned().unwrap();

    through_proxy(&client, &on, &alice).await;
    let (authorization, id_token) = last();
    let first = authorization
        .unwrap()
        .strip_prefix("Bearer ")
        .unwrap()
        .to_owned();
    assert_eq!(provider.user_of(&first).await.as_deref(), Some("alice"));
    assert_eq!(id_token.unwrap().split('.').count(), 3);

    // Off: the data source's own basic auth, no identity.
    through_proxy(&client, &off, &alice).await;
    let (authorization, id_token) = last();
    assert!(authorization.unwrap().starts_with("Basic "));
    assert_eq!(id_token, None);
    // A password user with the flag on: basic auth too.
    through_proxy(&client, &on, &client.cookie(OrgRole::Admin)).await;
    assert!(last().0.unwrap().starts_with("Basic "));

    // Two minutes later the access token has expired (the ID token has not): devserver
    // refreshes it before forwarding.
    client.state.clock.advance(120);
    through_proxy(&client, &on, &alice).await;
    let refreshed = last()
        .0
        .unwrap()
        .strip_prefix("Bearer ")
        .unwrap()
        .to_owned();
    assert_ne!(refreshed, first, "the expired token was forwarded");
    assert_eq!(provider.user_of(&refreshed).await.as_deref(), Some("alice"));
    // Still fresh: the same token again, no second refresh.
    through_proxy(&client, &on, &alice).await;
    assert_eq!(last().0.unwrap(), format!("Bearer {refreshed}"));

    // Expired again, five requests at once: one refresh, and all five forward its token.
    client.state.clock.advance(120);
    let calls: Vec<_> = (0..5)
        .map(|_| through_proxy(&client, &on, &alice))
        .collect();
    futures_util::future::join_all(calls).await;
    let five: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .rev()
        .take(5)
        .map(|s| s.0.clone().unwrap())
        .collect();
    assert!(
        five.iter()
            .all(|t| *t == five[0] && *t != format!("Bearer {refreshed}")),
        "{five:?}"
    );
    assert_eq!(
        provider
            .user_of(five[0].strip_prefix("Bearer ").unwrap())
            .await
            .as_deref(),
        Some("alice")
    );

    // The provider goes away and the token expires: the refresh fails, nothing is
    // forwarded and the session's tokens are forgotten.
    drop(provider);
    client.state.clock.advance(2 * 3_600);
    through_proxy(&client, &on, &alice).await;
    assert!(last().0.unwrap().starts_with("Basic "));
    assert_eq!(counts(&client).await[3], 0);
}

#[tokio::test]
async fn sign_out_clears_the_stored_tokens() {
    let provider = DevProvider::start();
    let client = client_with(provider.settings(true)).await;
    let alice = sign_in(&client, "alice").await;
    let bob = sign_in(&client, "bob").await;
    assert_eq!(counts(&client).await[3], 2);
    let res = client
        .raw(Method::GET, "/logout", &[("cookie", alice.as_str())], "")
        .await;
    assert!(res.status().is_redirection());
    assert_eq!(counts(&client).await[3], 1, "only bob's tokens are left");
    let me = client
        .send_with(Method::GET, "/api/user", &[("cookie", &alice)], None)
        .await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let bob_me = client
        .send_with(Method::GET, "/api/user", &[("cookie", &bob)], None)
        .await;
    assert_eq!(bob_me.status, StatusCode::OK);
}

#[tokio::test]
async fn refusals_end_on_the_login_page_with_grafanas_message_and_nothing_created() {
    let provider = DevProvider::start();
    let client = client_with(provider.settings(false)).await;
    let before = counts(&client).await;

    // Sign-up disabled: the provider vouches for alice, devserver has no such person.
    let flow = start(&client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "alice", true)
        .await;
    let message = refused(&client, callback(&client, &flow, &back).await).await;
    assert_eq!(message, "Sign up is disabled");
    assert_eq!(counts(&client).await, before);

    let client = client_with(provider.settings(true)).await;
    let before_open = counts(&client).await;
    // Denied consent: Cancel on the provider's consent page.
    let flow = start(&client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "alice", false)
        .await;
    assert!(back.contains("error=access_denied"), "{back}");
    let message = refused(&client, callback(&client, &flow, &back).await).await;
    assert_eq!(message, "Login provider denied login request");

    // Bad state: a real code, the state changed.
    let flow = start(&client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "alice", true)
        .await;
    let tampered = back.replace("state=", "state=x");
    let message = refused(&client, callback(&client, &flow, &tampered).await).await;
    assert_eq!(message, "Provided state does not match stored state");
    // No state cookie (another browser): missing state.
    let no_cookies = Flow {
        cookies: String::new(),
        auth_url: String::new(),
    };
    let message = refused(&client, callback(&client, &no_cookies, &back).await).await;
    assert_eq!(message, "Missing saved oauth state");

    // A person without an email.
    let flow = start(&client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "nomail", true)
        .await;
    let message = refused(&client, callback(&client, &flow, &back).await).await;
    assert_eq!(message, "Provider didn't return an email address");

    // The provider is down at the token exchange.
    let flow = start(&client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "alice", true)
        .await;
    drop(provider);
    let message = refused(&client, callback(&client, &flow, &back).await).await;
    assert_eq!(message, "Failed to get token from provider");
    assert_eq!(counts(&client).await, before_open);
}

#[tokio::test]
async fn email_lookup_links_by_email_only_and_a_disabled_person_is_refused() {
    let provider = DevProvider::start();
    let mut settings = provider.settings(true);
    settings.email_lookup = true;
    let client = client_with(settings).await;
    // A person who exists with Carol's email (and a login of its own), and the local `admin`.
    let now = client.state.clock.now();
    client
        .state
        .db
        .call(move |c| {
            leptos_grafana_devserver::auth::store::upsert_user(
                c,
                "carol@example.com",
                "pw",
                OrgRole::Editor,
                now,
            )
        })
        .await
        .unwrap();
    let before = counts(&client).await;
    let carol = sign_in(&client, "carol").await;
    let me = client
        .send_with(Method::GET, "/api/user", &[("cookie", &carol)], None)
        .await;
    assert_eq!(
        me.json["login"], "carol@example.com",
        "linked, not created: {}",
        me.text
    );
    assert_eq!(counts(&client).await[0], before[0]);
    // The provider's `admin` (admin@example.com) is not the local admin: never linked by
    // login; creating it would clash with the local login, so it is refused.
    let flow = start(&client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "admin", true)
        .await;
    let message = refused(&client, callback(&client, &flow, &back).await).await;
    assert_eq!(message, "User sync failed");
    let admin = client.get("/api/user/orgs", Some(OrgRole::Admin)).await;
    assert_eq!(
        admin.json[0]["role"], "Admin",
        "the local admin keeps its role"
    );
    // A disabled person is refused, however the provider vouches.
    client
        .state
        .db
        .call(|c| {
            c.execute(
                "UPDATE user SET is_disabled = 1 WHERE login = 'carol@example.com'",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let flow = start(&client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "carol", true)
        .await;
    let message = refused(&client, callback(&client, &flow, &back).await).await;
    assert_eq!(message, "User is disabled");
}

#[tokio::test]
async fn the_login_error_is_shown_once_and_only_devserver_can_write_it() {
    let provider = DevProvider::start();
    let client = client_with(provider.settings(true)).await;
    let res = client
        .raw(
            Method::GET,
            "/login/generic_oauth?error=access_denied",
            &[],
            "",
        )
        .await;
    let sealed = set_cookies(res.headers())
        .into_iter()
        .find(|(k, _)| k == "login_error")
        .unwrap()
        .1;
    let res = client
        .raw(
            Method::GET,
            "/api/frontend/settings",
            &[("cookie", &format!("login_error={sealed}"))],
            "",
        )
        .await;
    let clears = res.headers().get_all(header::SET_COOKIE).iter().any(|c| {
        c.to_str().unwrap().starts_with("login_error=;")
            && c.to_str().unwrap().contains("Max-Age=0")
    });
    assert!(clears, "the message is not cleared after it is shown");
    assert_eq!(
        body_json(res).await["loginError"],
        "Login provider denied login request"
    );
    // A cookie written by anyone else is not shown.
    let forged = client
        .send_with(
            Method::GET,
            "/api/frontend/settings",
            &[(
                "cookie",
                "login_error=Your%20account%20is%20locked%2C%20call%20us",
            )],
            None,
        )
        .await;
    assert!(forged.json.get("loginError").is_none(), "{}", forged.text);
}

#[tokio::test]
async fn hostile_callbacks_and_redirect_targets_never_leave_the_site_or_sign_anyone_in() {
    let provider = DevProvider::start();
    let client = client_with(provider.settings(true)).await;
    let corpus: Value = serde_json::from_str(include_str!("hostile/corpus.json")).unwrap();

    // A replayed code: the first callback signs in; the same callback again (with the
    // same cookies, as an attacker who captured both would send it) gets no session: the
    // provider refuses a code twice.
    let flow = start(&client, "").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "alice", true)
        .await;
    let first = callback(&client, &flow, &back).await;
    assert!(set_cookies(first.headers())
        .iter()
        .any(|(k, _)| k == "grafana_session"));
    let after_first = counts(&client).await;
    let message = refused(&client, callback(&client, &flow, &back).await).await;
    assert_eq!(message, "Failed to get token from provider");
    assert_eq!(counts(&client).await, after_first);

    // Open redirects in redirect_to: never kept, the sign-in ends at home.
    let mut checked = 0;
    for target in corpus["redirect_to"].as_array().unwrap() {
        let target = target.as_str().unwrap();
        let encoded: String = form_urlencoded::byte_serialize(target.as_bytes())
            .collect::<String>()
            .replace('+', "%20");
        let flow = start(&client, &format!("?redirect_to={encoded}")).await;
        assert!(
            !flow.cookies.contains("redirect_to="),
            "{target:?} was kept: {}",
            flow.cookies
        );
        // Even a redirect_to cookie set by someone else is checked again at the end.
        let forged = Flow {
            cookies: format!("{}; redirect_to={encoded}", flow.cookies),
            auth_url: flow.auth_url,
        };
        let back = Browser::new()
            .at_provider(&forged.auth_url, "carol", true)
            .await;
        let res = callback(&client, &forged, &back).await;
        assert_eq!(location(res.headers()), "/", "{target:?}");
        checked += 1;
    }
    // A valid target is where the sign-in ends.
    let flow = start(&client, "?redirect_to=%2Fdatasources%2Fedit%2Fabc%3Fx%3D1").await;
    let back = Browser::new()
        .at_provider(&flow.auth_url, "carol", true)
        .await;
    let res = callback(&client, &flow, &back).await;
    assert_eq!(location(res.headers()), "/datasources/edit/abc?x=1");

    // Malformed callbacks: the login page or a new flow, never a 5xx or a session.
    let before = counts(&client).await;
    for query in corpus["oauth_callback_queries"].as_array().unwrap() {
        let query = query.as_str().unwrap();
        let res = client
            .raw(
                Method::GET,
                &format!("/login/generic_oauth?{query}"),
                &[("cookie", "oauth_state=abc; oauth_code_verifier=def")],
                "",
            )
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "{query}");
        let to = location(res.headers());
        if query.contains("code=") || query.contains("error=") {
            assert_eq!(to, "/login", "{query}");
        } else {
            assert!(to.starts_with(&provider.issuer), "{query}: {to}");
        }
        assert!(
            !set_cookies(res.headers())
                .iter()
                .any(|(k, _)| k == "grafana_session"),
            "{query}"
        );
        checked += 1;
    }
    assert_eq!(counts(&client).await, before);
    super::report::report(&format!(
        "hostile OAuth callbacks: {checked} redirect targets and callback queries, none left the site or signed anyone in"
    ));
}

#[tokio::test]
async fn without_oauth_the_route_is_not_found_and_the_login_page_offers_none() {
    let client = Client::new(test_state()).await;
    let res = client.get("/login/generic_oauth", None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let boot = client.get("/api/frontend/settings", None).await;
    assert_eq!(boot.json["oauth"], json!({}));
}

/// The real `devserver` binary with debug logging, its log collected line by line.
struct RealDevserver {
    child: std::process::Child,
    base: String,
    logs: Arc<Mutex<Vec<String>>>,
}

impl RealDevserver {
    fn start(db: &Path, provider: &DevProvider) -> Self {
        let issuer = &provider.issuer;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_devserver"))
            .args(["--port", "0", "--plugins-dir", "/nonexistent", "--db"])
            .arg(db)
            .args(["--generic-oauth-client-id", "grafana"])
            .args(["--generic-oauth-client-secret", "grafana-dev-secret"])
            .args(["--generic-oauth-auth-url", &format!("{issuer}/auth")])
            .args(["--generic-oauth-token-url", &format!("{issuer}/token")])
            .args(["--generic-oauth-api-url", &format!("{issuer}/me")])
            .args(["--generic-oauth-role-attribute", "grafana_role"])
            .env("RUST_LOG", "debug")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let logs: Arc<Mutex<Vec<String>>> = Arc::default();
        let collect = |stream: Box<dyn std::io::Read + Send>, logs: Arc<Mutex<Vec<String>>>| {
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stream)
                    .lines()
                    .map_while(Result::ok)
                {
                    logs.lock().unwrap().push(line);
                }
            })
        };
        collect(Box::new(child.stderr.take().unwrap()), logs.clone());
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let base = loop {
            line.clear();
            assert!(stdout.read_line(&mut line).unwrap() > 0, "devserver exited");
            logs.lock().unwrap().push(line.clone());
            if let Some(url) = line.trim().strip_prefix("devserver listening on ") {
                break url.to_owned();
            }
        };
        collect(Box::new(stdout), logs.clone());
        Self { child, base, logs }
    }

    /// Stops it; everything it logged.
    async fn stop(mut self) -> String {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let _ = self.child.kill();
        let _ = self.child.wait();
        let logs = self.logs.lock().unwrap();
        assert!(logs.len() > 10, "debug logging ran");
        logs.join("\n")
    }
}

/// Each needle found in a place, named by its first characters and the place.
fn leaks(places: &[(String, Vec<u8>)], needles: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (place, content) in places {
        let text = String::from_utf8_lossy(content);
        for needle in needles {
            assert!(needle.len() >= 16, "a needle too short to mean anything");
            if text.contains(needle.as_str()) {
                found.push(format!("{}… in {place}", &needle[..8]));
            }
        }
    }
    found
}

/// The secret scanner for OAuth: the real `devserver` binary with debug logging signs a
/// person in with the provider, forwards their token through the data source proxy, and
/// signs them out; the access, ID and refresh tokens, the authorization code and the client
/// secret are then searched for in every answer devserver gave, every line it logged, and
/// every file of its data folder.
#[tokio::test]
async fn no_oauth_token_or_code_leaks_into_answers_logs_or_files() {
    let provider = DevProvider::start();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("oauth.db");
    let server = RealDevserver::start(&db, &provider);
    let base = server.base.clone();

    // One browser for devserver and the provider, as a person's.
    let browser = Browser::new();
    let get = |path: String| browser.0.get(format!("{base}{path}")).send();
    let started = get("/login/generic_oauth".into()).await.unwrap();
    assert_eq!(started.status(), StatusCode::FOUND);
    let back = browser
        .at_provider_for(
            &format!("{base}/"),
            &location(started.headers()),
            "alice",
            true,
        )
        .await;
    let code = between(&back, "code=", "&");
    let signed_in = get(back).await.unwrap();
    assert_eq!(
        signed_in.status(),
        StatusCode::FOUND,
        "{:?}",
        signed_in.headers()
    );
    let (upstream_url, seen) = recording_upstream().await;
    let created = browser
        .0
        .post(format!("{base}/api/datasources"))
        .header("origin", &base)
        .json(&json!({ "name": "scanned", "type": "prometheus", "access": "proxy", "url": upstream_url,
                       "jsonData": { "oauthPassThru": true } }))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let uid = serde_json::from_str::<Value>(&created).unwrap()["datasource"]["uid"]
        .as_str()
        .unwrap()
        .to_owned();
    // The session works, and no answer (the boot data included) carries a token.
    let mut answers = vec![created];
    for path in [
        "/api/user".to_owned(),
        "/api/frontend/settings".to_owned(),
        format!("/api/datasources/uid/{uid}"),
        format!("/api/datasources/proxy/uid/{uid}/q"),
    ] {
        let res = get(path).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        answers.push(res.text().await.unwrap());
    }
    let (authorization, id_token) = seen.lock().unwrap().last().cloned().unwrap();
    // The refresh token never left devserver: read back from its sealed row (the default
    // secret key), before sign-out deletes the row.
    let sealed: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT refresh_token FROM user_external_session", [], |r| {
            r.get(0)
        })
        .unwrap();
    let refresh_token = leptos_grafana_devserver::secrets::SecretBox::default()
        .decrypt(&sealed)
        .unwrap();
    assert!(get("/logout".into())
        .await
        .unwrap()
        .status()
        .is_redirection());
    let logs = server.stop().await;

    let needles = [
        authorization
            .unwrap()
            .strip_prefix("Bearer ")
            .unwrap()
            .to_owned(),
        id_token.unwrap(),
        refresh_token,
        code,
        "grafana-dev-secret".to_owned(),
    ];
    let mut places: Vec<(String, Vec<u8>)> = answers
        .into_iter()
        .enumerate()
        .map(|(i, a)| (format!("answer {i}"), a.into_bytes()))
        .collect();
    places.push(("logs".to_owned(), logs.into_bytes()));
    for entry in std::fs::read_dir(data.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            places.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    let found = leaks(&places, &needles);
    assert!(found.is_empty(), "OAuth secrets found: {found:?}");
    super::report::report(&format!(
        "OAuth secret scanner: access, ID and refresh tokens, authorization code and client secret searched in {} places (answers, debug logs, database, WAL), 0 found",
        places.len()
    ));
}
