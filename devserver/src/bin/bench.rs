//! `devserver-bench`: service-account search and token-authentication latency at
//! 1,000 / 10,000 / 100,000 service accounts, through the real router (`oneshot`); a
//! bounded concurrent load over real HTTP on loopback (throughput and p99); then
//! `/api/health` over HTTP while 16 clients send forged tokens and wrong passwords.
//!
//! `cargo run --release -p leptos-grafana-devserver --bin devserver-bench [--json FILE] [SIZES…]`
//! (default sizes: 1000 10000 100000). Each size fills a fresh temporary SQLite file in one
//! transaction and measures for at most ~20 s per metric. Prints each figure; `--json`
//! also writes them for `make bench` (bench/run.mjs), which holds the budgets. Never part
//! of the tests.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use leptos_grafana_devserver::auth::{store as auth_store, token};
use leptos_grafana_devserver::db::Db;
use leptos_grafana_devserver::{app, seed_users, AppState};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const MAX_SAMPLES: usize = 500;

/// One measured figure, as `make bench` reads it.
#[derive(serde::Serialize)]
struct Figure {
    id: String,
    figure: String,
    value: f64,
    unit: &'static str,
    detail: String,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Figures measured so far.
#[derive(Default)]
struct Report(Vec<Figure>);

impl Report {
    fn add(&mut self, id: String, figure: String, value: f64, unit: &'static str, detail: String) {
        println!("  {figure:<52} {value:>10.3} {unit:<5} {detail}");
        self.0.push(Figure {
            id,
            figure,
            value,
            unit,
            detail,
        });
    }

    /// p50 and p99 of one measurement, as two figures.
    fn latency(&mut self, id: &str, figure: &str, p50: Duration, p99: Duration, n: usize) {
        let detail = format!("({n} requests)");
        self.add(
            format!("{id}_p50_ms"),
            format!("{figure}, p50"),
            ms(p50),
            "ms",
            detail.clone(),
        );
        self.add(
            format!("{id}_p99_ms"),
            format!("{figure}, p99"),
            ms(p99),
            "ms",
            detail,
        );
    }
}
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

async fn run(size: usize, report: &mut Report) -> Result<(), String> {
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
    let session = fill_accounts(&state, size, rows).await?;
    println!("{size} service accounts: filled in {:?}", fill.elapsed());
    let router = app(state);
    let cookie = format!("grafana_session={session}");
    bench_search(&router, &cookie, size, report).await?;
    let key_of = |i: usize| {
        keys[i % keys.len()]
            .split('\n')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    bench_tokens(&router, keys.len(), key_of, size, report).await?;
    if size == LOAD_SIZE {
        concurrent_load(router.clone(), &cookie, &key_of(0), report).await?;
    }
    drop(router);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(())
}

/// `size` service accounts (every 17th disabled) and a token for each of `rows` (`key\nhash`)
/// on accounts that are not disabled; the admin's new session cookie.
async fn fill_accounts(state: &AppState, size: usize, rows: Vec<String>) -> Result<String, String> {
    let now = state.clock.now();
    state
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
        .map_err(|e| e.to_string())
}

/// A page of the whole list (any page), a search-as-you-type query, the disabled filter.
async fn bench_search(
    router: &axum::Router,
    cookie: &str,
    size: usize,
    report: &mut Report,
) -> Result<(), String> {
    let (p50, p99, n) = measure(router, |i| {
        let uri = match i % 3 {
            0 => format!("/api/serviceaccounts/search?perpage=30&page={}", i % 10 + 1),
            1 => format!(
                "/api/serviceaccounts/search?perpage=30&query={:03}",
                i % 1000
            ),
            _ => "/api/serviceaccounts/search?perpage=30&disabled=true".to_owned(),
        };
        Request::get(uri)
            .header("cookie", cookie)
            .body(Body::empty())
            .unwrap_or_default()
    })
    .await?;
    report.latency(
        &format!("search_{size}"),
        &format!("search, {size} accounts"),
        p50,
        p99,
        n,
    );
    Ok(())
}

/// Token authentication: the first use of each of `count` tokens (Grafana's PBKDF2), then
/// tokens already verified.
async fn bench_tokens(
    router: &axum::Router,
    count: usize,
    key_of: impl Fn(usize) -> String,
    size: usize,
    report: &mut Report,
) -> Result<(), String> {
    let bearer = |key: String| {
        Request::get("/api/user/orgs")
            .header("authorization", format!("Bearer {key}"))
            .body(Body::empty())
            .unwrap_or_default()
    };
    // First use of each token: Grafana's PBKDF2 (10,000 rounds).
    let mut first = Vec::new();
    for i in 0..count {
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
    report.add(
        format!("token_first_use_{size}_p50_ms"),
        format!("token auth, first use (PBKDF2), {size} accounts, p50"),
        ms(percentile(&first, 0.5)),
        "ms",
        format!("({} tokens)", first.len()),
    );
    let (p50, p99, n) = measure(router, |i| bearer(key_of(i))).await?;
    report.latency(
        &format!("token_verified_{size}"),
        &format!("token auth, already verified, {size} accounts"),
        p50,
        p99,
        n,
    );
    Ok(())
}

/// Serves `router` over HTTP on a free loopback port: its base URL and the server task.
async fn serve_on_loopback(
    router: axum::Router,
) -> Result<(String, tokio::task::JoinHandle<()>), String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let base = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Ok((base, server))
}

/// The size at which the concurrent load runs.
const LOAD_SIZE: usize = 10_000;
/// Concurrent clients of the load, each with one request in flight (the bound).
const LOAD_CLIENTS: usize = 8;
const LOAD_TIME: Duration = Duration::from_secs(6);

/// `LOAD_CLIENTS` clients over HTTP on loopback, each sending its next request when the
/// last is answered, for `LOAD_TIME`: searches, account reads and token-authenticated
/// calls in turn. Throughput and p99 of all of them; any non-2xx ends the bench.
async fn concurrent_load(
    router: axum::Router,
    cookie: &str,
    key: &str,
    report: &mut Report,
) -> Result<(), String> {
    let (base, server) = serve_on_loopback(router).await?;
    let start = Instant::now();
    let clients: Vec<_> = (0..LOAD_CLIENTS)
        .map(|c| {
            let (base, cookie, key) = (base.clone(), cookie.to_owned(), key.to_owned());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut samples = Vec::new();
                let mut i = c;
                while start.elapsed() < LOAD_TIME {
                    let req = match i % 3 {
                        0 => http
                            .get(format!(
                                "{base}/api/serviceaccounts/search?perpage=30&query={:02}",
                                i % 100
                            ))
                            .header("cookie", &cookie),
                        1 => http
                            .get(format!("{base}/api/serviceaccounts/{}", i % 1000 + 2))
                            .header("cookie", &cookie),
                        _ => http.get(format!("{base}/api/user")).bearer_auth(&key),
                    };
                    let t = Instant::now();
                    let res = req.send().await.map_err(|e| e.to_string())?;
                    let status = res.status();
                    let _ = res.bytes().await;
                    samples.push(t.elapsed());
                    if !status.is_success() {
                        return Err(format!("load: {status}"));
                    }
                    i += LOAD_CLIENTS;
                }
                Ok::<_, String>(samples)
            })
        })
        .collect();
    let mut samples = Vec::new();
    for c in clients {
        samples.extend(c.await.map_err(|e| e.to_string())??);
    }
    let elapsed = start.elapsed();
    server.abort();
    samples.sort();
    let detail = format!(
        "({LOAD_CLIENTS} clients, {} requests in {elapsed:.1?})",
        samples.len()
    );
    report.add(
        "load_throughput_rps".to_owned(),
        format!("concurrent load, {LOAD_SIZE} accounts, throughput"),
        samples.len() as f64 / elapsed.as_secs_f64(),
        "req/s",
        detail.clone(),
    );
    report.add(
        "load_p99_ms".to_owned(),
        format!("concurrent load, {LOAD_SIZE} accounts, p99"),
        ms(percentile(&samples, 0.99)),
        "ms",
        detail,
    );
    Ok(())
}

/// What the attackers of [`under_attack`] send, as fast as they can.
#[derive(Clone, Copy)]
enum Attack {
    /// Forged tokens (valid checksum, unknown secret: each costs a PBKDF2) and wrong Basic
    /// passwords, half and half.
    TokensAndPasswords,
    /// Forged tokens only: the token hasher's queue stays full.
    ForgedTokens,
    /// `POST /login` with wrong passwords for ever-new logins (never blocked, each hashed).
    SignInFlood,
}

/// What is timed meanwhile.
#[derive(Clone, Copy)]
enum Probe {
    /// `GET /api/health`.
    Health,
    /// `POST /login` with the right password.
    SignIn,
}

fn attack_request(
    http: &reqwest::Client,
    base: &str,
    attack: Attack,
    i: usize,
    n: usize,
) -> reqwest::RequestBuilder {
    match attack {
        Attack::ForgedTokens => http
            .get(format!("{base}/api/user"))
            .bearer_auth(token::generate("sa").key),
        Attack::TokensAndPasswords if i.is_multiple_of(2) => http
            .get(format!("{base}/api/user"))
            .bearer_auth(token::generate("sa").key),
        Attack::TokensAndPasswords => http
            .get(format!("{base}/api/user"))
            .basic_auth(format!("admin{}", i % 4), Some("wrong")),
        Attack::SignInFlood => http
            .post(format!("{base}/login"))
            .json(&serde_json::json!({"user": format!("guess-{i}-{n}"), "password": "wrong"})),
    }
}

/// `probe` over HTTP on loopback while 16 clients send `attack`.
async fn under_attack(
    report: &mut Report,
    attack: Attack,
    probe: Probe,
    id: &str,
    figure: &str,
) -> Result<(), String> {
    let path = std::env::temp_dir().join(format!("devserver-bench-{id}-{}.db", std::process::id()));
    let db = Db::open(&path).map_err(|e| e.to_string())?;
    let state = AppState::new(db, PathBuf::from("/nonexistent-dist"));
    seed_users(&state, &[]).await.map_err(|e| e.to_string())?;
    let (base, server) = serve_on_loopback(app(state)).await?;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let attempts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let attackers: Vec<_> = (0..16)
        .map(|i| {
            let (base, stop, attempts) = (base.clone(), stop.clone(), attempts.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = attack_request(&http, &base, attack, i, n).send().await;
                    n += 1;
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
        let request = match probe {
            Probe::Health => http.get(format!("{base}/api/health")),
            Probe::SignIn => http
                .post(format!("{base}/login"))
                .json(&serde_json::json!({"user": "admin", "password": "admin"})),
        };
        let t = Instant::now();
        let res = request.send().await.map_err(|e| e.to_string())?;
        let ok = res.status().is_success();
        let _ = res.bytes().await;
        samples.push(t.elapsed());
        if !ok {
            return Err(format!("{id}: the probe was refused"));
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for a in attackers {
        let _ = a.await;
    }
    server.abort();
    samples.sort();
    report.latency(
        id,
        &format!(
            "{figure} (16 clients, {} attacking requests)",
            attempts.load(std::sync::atomic::Ordering::Relaxed)
        ),
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples.len(),
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args
        .iter()
        .position(|a| a == "--json")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    let mut report = Report::default();
    for size in sizes {
        if let Err(err) = run(size.max(1), &mut report).await {
            eprintln!("devserver-bench: {size}: {err}");
            return std::process::ExitCode::FAILURE;
        }
    }
    let attacks = [
        (
            Attack::TokensAndPasswords,
            Probe::Health,
            "health_under_attack",
            "/api/health under forged tokens and wrong passwords",
        ),
        (
            Attack::ForgedTokens,
            Probe::SignIn,
            "sign_in_under_token_flood",
            "sign-in (POST /login) under a forged-token flood",
        ),
        (
            Attack::SignInFlood,
            Probe::Health,
            "health_under_login_flood",
            "/api/health under a wrong-password sign-in flood",
        ),
    ];
    for (attack, probe, id, figure) in attacks {
        if let Err(err) = under_attack(&mut report, attack, probe, id, figure).await {
            eprintln!("devserver-bench: {id}: {err}");
            return std::process::ExitCode::FAILURE;
        }
    }
    if let Some(path) = json {
        let written = serde_json::to_vec_pretty(&report.0)
            .map_err(|e| e.to_string())
            .and_then(|bytes| std::fs::write(&path, bytes).map_err(|e| e.to_string()));
        if let Err(err) = written {
            eprintln!("devserver-bench: {}: {err}", path.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}
