//! Load and crash consistency against the real `devserver` binary on loopback.
//!
//! - A bounded concurrent load (sign-ins, searches, service-account and token creations
//!   and deletions, data source saves): no 5xx, no transport error, and afterwards every
//!   acknowledged row exists exactly once and every acknowledged deletion is gone.
//! - Writes under load, then SIGKILL, then a restart on the same database: no acknowledged
//!   write is lost, and SQLite's integrity check passes.
//!
//! Both print their counts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::report;

use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

const EXAMPLE: &str = "leptos-grafana-example-datasource";

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// The child is killed and waited for in `Server`'s `Drop`, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn start(db: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_devserver"))
        .args(["--port", "0", "--db"])
        .arg(db)
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "devserver did not start"
        );
        if let Some(url) = line.trim().strip_prefix("devserver listening on ") {
            let base = url.to_owned();
            std::thread::spawn(move || for _ in out.lines() {});
            return Server { child, base };
        }
    }
}

/// A signed-in browser-like client: the session cookie, and Origin on every write.
struct Session {
    http: reqwest::Client,
    base: String,
}

impl Session {
    async fn sign_in(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let res = http
            .post(format!("{base}/login"))
            .json(&json!({"user": "admin", "password": "admin"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        Self {
            http,
            base: base.to_owned(),
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("origin", &self.base);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("no transport error");
        let status = res.status();
        let json = res.json().await.unwrap_or(Value::Null);
        (status, json)
    }
}

#[derive(Default)]
struct Ledger {
    requests: usize,
    client_errors: usize,
    server_errors: Vec<String>,
    accounts: BTreeSet<i64>,
    tokens: BTreeSet<(i64, i64)>,
    deleted_tokens: BTreeSet<(i64, i64)>,
    deleted_accounts: BTreeSet<i64>,
}

impl Ledger {
    fn count(&mut self, what: &str, status: StatusCode) {
        self.requests += 1;
        if status.is_server_error() {
            self.server_errors.push(format!("{what}: {status}"));
        } else if status.is_client_error() {
            self.client_errors += 1;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bounded_load_gives_no_5xx_and_loses_or_doubles_no_row() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&dir.path().join("load.db"));
    let base = server.base.clone();
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let setup = Session::sign_in(&base).await;
    let (_, ds) = setup
        .send(
            reqwest::Method::POST,
            "/api/datasources",
            Some(json!({"name": "load", "type": EXAMPLE, "access": "proxy"})),
        )
        .await;
    let ds_uid = ds["datasource"]["uid"].as_str().unwrap().to_owned();

    let workers: Vec<_> = (0..8)
        .map(|w| {
            let (base, ledger, ds_uid) = (base.clone(), ledger.clone(), ds_uid.clone());
            tokio::spawn(async move {
                let s = Session::sign_in(&base).await;
                ledger.lock().unwrap().count("sign-in", StatusCode::OK);
                for i in 0..12 {
                    let (st, _) = s
                        .send(
                            reqwest::Method::GET,
                            "/api/serviceaccounts/search?perpage=10&query=load",
                            None,
                        )
                        .await;
                    ledger.lock().unwrap().count("search", st);
                    let (st, sa) = s
                        .send(
                            reqwest::Method::POST,
                            "/api/serviceaccounts",
                            Some(json!({"name": format!("load-{w}-{i}")})),
                        )
                        .await;
                    ledger.lock().unwrap().count("create account", st);
                    if st != StatusCode::CREATED {
                        continue;
                    }
                    let id = sa["id"].as_i64().unwrap();
                    ledger.lock().unwrap().accounts.insert(id);
                    let mut made = Vec::new();
                    for t in 0..2 {
                        let (st, token) = s
                            .send(
                                reqwest::Method::POST,
                                &format!("/api/serviceaccounts/{id}/tokens"),
                                Some(json!({"name": format!("load-{w}-{i}-{t}")})),
                            )
                            .await;
                        ledger.lock().unwrap().count("create token", st);
                        if st == StatusCode::OK {
                            let token_id = token["id"].as_i64().unwrap();
                            ledger.lock().unwrap().tokens.insert((id, token_id));
                            made.push(token_id);
                        }
                    }
                    if let Some(first) = made.first() {
                        let (st, _) = s
                            .send(
                                reqwest::Method::DELETE,
                                &format!("/api/serviceaccounts/{id}/tokens/{first}"),
                                None,
                            )
                            .await;
                        ledger.lock().unwrap().count("delete token", st);
                        if st == StatusCode::OK {
                            ledger.lock().unwrap().deleted_tokens.insert((id, *first));
                        }
                    }
                    if i % 4 == 3 {
                        let (st, _) = s
                            .send(
                                reqwest::Method::DELETE,
                                &format!("/api/serviceaccounts/{id}"),
                                None,
                            )
                            .await;
                        ledger.lock().unwrap().count("delete account", st);
                        if st == StatusCode::OK {
                            ledger.lock().unwrap().deleted_accounts.insert(id);
                        }
                    }
                    // A data source save with whatever version this worker saw last: a 409
                    // is Grafana's answer to a lost race, never a 5xx.
                    let (st, current) = s
                        .send(
                            reqwest::Method::GET,
                            &format!("/api/datasources/uid/{ds_uid}"),
                            None,
                        )
                        .await;
                    ledger.lock().unwrap().count("read data source", st);
                    let mut next = current.clone();
                    next["jsonData"] = json!({"path": format!("/w{w}/{i}")});
                    let (st, _) = s
                        .send(
                            reqwest::Method::PUT,
                            &format!("/api/datasources/uid/{ds_uid}"),
                            Some(next),
                        )
                        .await;
                    ledger.lock().unwrap().count("save data source", st);
                }
            })
        })
        .collect();
    for w in workers {
        w.await.unwrap();
    }

    let ledger = std::mem::take(&mut *ledger.lock().unwrap());
    assert!(
        ledger.server_errors.is_empty(),
        "5xx under load: {:?}",
        ledger.server_errors
    );
    // Every acknowledged account is there exactly once (or gone, if its deletion was).
    let (_, all) = setup
        .send(
            reqwest::Method::GET,
            "/api/serviceaccounts/search?perpage=1000&query=load-",
            None,
        )
        .await;
    let listed: Vec<i64> = all["serviceAccounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    let unique: BTreeSet<i64> = listed.iter().copied().collect();
    assert_eq!(unique.len(), listed.len(), "an account listed twice");
    let expected: BTreeSet<i64> = ledger
        .accounts
        .difference(&ledger.deleted_accounts)
        .copied()
        .collect();
    assert_eq!(unique, expected, "accounts lost or left over");
    let mut tokens_checked = 0;
    for id in &expected {
        let (_, tokens) = setup
            .send(
                reqwest::Method::GET,
                &format!("/api/serviceaccounts/{id}/tokens"),
                None,
            )
            .await;
        let have: BTreeSet<i64> = tokens
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect();
        let want: BTreeSet<i64> = ledger
            .tokens
            .iter()
            .filter(|(sa, _)| sa == id)
            .filter(|t| !ledger.deleted_tokens.contains(t))
            .map(|(_, t)| *t)
            .collect();
        assert_eq!(have, want, "tokens of account {id}");
        tokens_checked += have.len();
    }
    report::report(&format!(
        "load: {} requests from 8 clients, 0 5xx, {} 4xx (data source version races); {} accounts and {} tokens acknowledged, {} deletions; every row present exactly once ({} tokens checked)",
        ledger.requests,
        ledger.client_errors,
        ledger.accounts.len(),
        ledger.tokens.len(),
        ledger.deleted_tokens.len() + ledger.deleted_accounts.len(),
        tokens_checked
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_load_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let server = start(&db);
    let base = server.base.clone();
    let acked: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (base, acked, stop) = (base.clone(), acked.clone(), stop.clone());
            tokio::spawn(async move {
                let s = Session::sign_in(&base).await;
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let name = format!("crash-{w}-{i}");
                    i += 1;
                    let sent = s
                        .http
                        .post(format!("{base}/api/serviceaccounts"))
                        .header("origin", &base)
                        .json(&json!({"name": name}))
                        .send()
                        .await;
                    // Only an answer that arrived whole counts as acknowledged.
                    let Ok(res) = sent else { break };
                    if res.status() != StatusCode::CREATED {
                        break;
                    }
                    let Ok(body) = res.json::<Value>().await else {
                        break;
                    };
                    acked
                        .lock()
                        .unwrap()
                        .push((body["id"].as_i64().unwrap(), name));
                }
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let mut server = server;
    // SIGKILL: no shutdown, no flush beyond what SQLite already committed.
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for w in writers {
        let _ = w.await;
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() > 10, "the load ran: {} writes", acked.len());

    let restarted = start(&db);
    let s = Session::sign_in(&restarted.base).await;
    let mut lost = Vec::new();
    for (id, name) in &acked {
        let (status, sa) = s
            .send(
                reqwest::Method::GET,
                &format!("/api/serviceaccounts/{id}"),
                None,
            )
            .await;
        if status != StatusCode::OK || sa["name"] != *name {
            lost.push(name.clone());
        }
    }
    drop(restarted);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    assert!(lost.is_empty(), "acknowledged writes lost: {lost:?}");
    report::report(&format!(
        "crash consistency: {} acknowledged writes before SIGKILL, 0 lost after the restart; integrity_check ok",
        acked.len()
    ));
}
