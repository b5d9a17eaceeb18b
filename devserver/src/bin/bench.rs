//! `devserver-bench`: service-account search and token-authentication latency at
//! 1,000 / 10,000 / 100,000 service accounts, through the real router (`oneshot`); then
//! `/api/health` over real HTTP on loopback while 16 clients send forged tokens and wrong
//! passwords, against its budget.
//!
//! `cargo run --release -p leptos-grafana-devserver --bin devserver-bench [SIZES…]`
//! (default sizes: 1000 10000 100000). Each size fills a fresh temporary SQLite file in one
//! transaction and measures for at most ~20 s per metric. Never part of the tests.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use leptos_grafana_devserver::auth::{store as auth_store, token};
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::{app, seed_users, AppState};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const MAX_SAMPLES: usize = 500;
const MAX_TIME: Duration = Duration::from_secs(20);
const TOKENS: usize = 50;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn measure(
    router: &axum::Router,
    mut make: impl FnMut(usize) -> Request<Body>,
) -> Result<(Duration, Duration, usize), String> {
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < MAX_SAMPLES && start.elapsed() < MAX_TIME {
        let req = make(samples.len());
        let t = Instant::now();
        let res = router
            .clone()
            .oneshot(req)
            .await
            .map_err(|e| format!("request failed: {e}"))?;
        let status = res.status();
        axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .map_err(|e| format!("body failed: {e}"))?;
        samples.push(t.elapsed());
        if status != StatusCode::OK {
            return Err(format!("unexpected status {status}"));
        }
    }
    samples.sort();
    Ok((
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples.len(),
    ))
}

async fn run(size: usize) -> Result<(), String> {
    let path: PathBuf =
        std::env::temp_dir().join(format!("devserver-bench-{}-{size}.db", std::process::id()));
    let db = Db::open(&path).map_err(|e| e.to_string())?;
    let state = AppState::new(db, PathBuf::from("/nonexistent-dist"));
    seed_users(&state, &[]).await.map_err(|e| e.to_string())?;
    let keys: Vec<String> = (0..TOKENS)
        .map(|_| token::generate("sa"))
        .map(|g| {
            // (key, hash) pairs; the key is kept for the Bearer header.
            format!("{}\n{}", g.key, g.hashed)
        })
        .collect();
    let rows = keys.clone();
    let fill = Instant::now();
    let now = state.clock.now();
    let session = state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            {
                let mut insert = tx.prepare(
                    "INSERT INTO user (uid, login, email, name, role, is_service_account, is_disabled, created, updated)
                     VALUES (?1, ?2, ?2, ?3, 'Admin', 1, ?4, 0, 0)",
                )?;
                for i in 0..size {
                    let name = format!("Bench Account {i:06}");
                    insert.execute(rusqlite::params![
                        format!("bench{i:08}"),
                        format!("sa-1-bench-account-{i:06}"),
                        name,
                        i % 17 == 0
                    ])?;
                }
                let mut token = tx.prepare(
                    "INSERT INTO api_key (org_id, name, key, role, created, updated, service_account_id)
                     VALUES (1, ?1, ?2, 'Viewer', 0, 0, (SELECT id FROM user WHERE login = ?3))",
                )?;
                for (i, row) in rows.iter().enumerate() {
                    let hashed = row.split('\n').nth(1).unwrap_or_default();
                    token.execute(rusqlite::params![
                        format!("bench-token-{i}"),
                        hashed,
                        // Index 17k+1: never one of the disabled accounts (17k).
                        format!("sa-1-bench-account-{:06}", (i * 17 + 1) % size)
                    ])?;
                }
            }
            tx.commit()?;
            let admin: i64 =
                c.query_row("SELECT id FROM user WHERE login = 'admin'", [], |r| r.get(0))?;
            auth_store::create_session(c, admin, now)
        })
        .await
        .map_err(|e| e.to_string())?;
    println!("{size} service accounts: filled in {:?}", fill.elapsed());
    let router = app(state);
    let cookie = format!("grafana_session={session}");

    let (p50, p99, n) = measure(&router, |i| {
        let uri = match i % 3 {
            0 => format!("/api/serviceaccounts/search?perpage=30&page={}", i % 10 + 1),
            1 => format!(
                "/api/serviceaccounts/search?perpage=30&query={:03}",
                i % 1000
            ),
            _ => "/api/serviceaccounts/search?perpage=30&disabled=true".to_owned(),
        };
        Request::get(uri)
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap_or_default()
    })
    .await?;
    println!("  search              p50 {p50:>10.2?}  p99 {p99:>10.2?}  ({n} requests)");

    let key_of = |i: usize| {
        keys[i % keys.len()]
            .split('\n')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let bearer = |key: String| {
        Request::get("/api/user/orgs")
            .header("authorization", format!("Bearer {key}"))
            .body(Body::empty())
            .unwrap_or_default()
    };
    // First use of each token: Grafana's PBKDF2 (10,000 rounds).
    let mut first = Vec::new();
    for i in 0..keys.len() {
        let t = Instant::now();
        let res = router
            .clone()
            .oneshot(bearer(key_of(i)))
            .await
            .map_err(|e| e.to_string())?;
        if res.status() != StatusCode::OK {
            return Err(format!("token auth answered {}", res.status()));
        }
        first.push(t.elapsed());
    }
    first.sort();
    println!(
        "  token auth, first use  p50 {:>10.2?}  p99 {:>10.2?}  ({} tokens)",
        percentile(&first, 0.5),
        percentile(&first, 0.99),
        first.len()
    );
    let (p50, p99, n) = measure(&router, |i| bearer(key_of(i))).await?;
    println!(
        "  token auth, verified   p50 {p50:>10.2?}  p99 {p99:>10.2?}  ({n} requests)  budget p50 ≤ 0.2 ms: {}",
        verdict(p50 <= Duration::from_micros(200))
    );
    drop(router);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(())
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "pass"
    } else {
        "FAIL"
    }
}

/// `/api/health` over HTTP on loopback while 16 clients send forged tokens (valid checksum,
/// unknown secret: each costs a PBKDF2) and wrong passwords as fast as they can.
async fn under_attack() -> Result<(), String> {
    let path =
        std::env::temp_dir().join(format!("devserver-bench-attack-{}.db", std::process::id()));
    let db = Db::open(&path).map_err(|e| e.to_string())?;
    let state = AppState::new(db, PathBuf::from("/nonexistent-dist"));
    seed_users(&state, &[]).await.map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let base = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app(state)).await;
    });
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let attempts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let attackers: Vec<_> = (0..16)
        .map(|i| {
            let (base, stop, attempts) = (base.clone(), stop.clone(), attempts.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let req = if i % 2 == 0 {
                        http.get(format!("{base}/api/user"))
                            .bearer_auth(token::generate("sa").key)
                    } else {
                        http.get(format!("{base}/api/user"))
                            .basic_auth(format!("admin{}", i % 4), Some("wrong"))
                    };
                    let _ = req.send().await;
                    attempts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let http = reqwest::Client::new();
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(8) && samples.len() < 400 {
        let t = Instant::now();
        let res = http
            .get(format!("{base}/api/health"))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let _ = res.bytes().await;
        samples.push(t.elapsed());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for a in attackers {
        let _ = a.await;
    }
    server.abort();
    samples.sort();
    let p99 = percentile(&samples, 0.99);
    println!(
        "under attack (16 clients, {} forged tokens and wrong passwords): /api/health p50 {:>8.2?}  p99 {:>8.2?}  ({} requests)  budget p99 < 50 ms: {}",
        attempts.load(std::sync::atomic::Ordering::Relaxed),
        percentile(&samples, 0.5),
        p99,
        samples.len(),
        verdict(p99 < Duration::from_millis(50))
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    for size in sizes {
        if let Err(err) = run(size.max(1)).await {
            eprintln!("devserver-bench: {size}: {err}");
            return std::process::ExitCode::FAILURE;
        }
    }
    if let Err(err) = under_attack().await {
        eprintln!("devserver-bench: under attack: {err}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
