//! The secret scanner: canary secrets (data source passwords, API keys, header values, a
//! TLS key, a person's password, a service-account token, a session cookie) go through
//! every flow of the real `devserver` binary with debug logging on, and are then searched
//! for, in their plain and Base64 forms, in every answer it gave (but the one that hands
//! out a new token), every line it logged, and every file in its data folder (the SQLite
//! database, its WAL and shared memory). The count of places scanned is printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::report;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::Router;
use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

const EXAMPLE: &str = "leptos-grafana-example-datasource";

/// An upstream that answers 500 with every header it got: the health check's error text
/// is where an echo would leak.
async fn echoing_upstream() -> String {
    let app = Router::new().fallback(get(|headers: HeaderMap| async move {
        let all: Vec<String> = headers
            .iter()
            .map(|(k, v)| format!("{k}={}", v.to_str().unwrap_or("")))
            .collect();
        (StatusCode::INTERNAL_SERVER_ERROR, all.join(" "))
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    format!("http://{addr}")
}

/// The example data source with routes that send every secret through the data source
/// proxy: a header, a URL parameter, a body, a client-credentials exchange (refused by the
/// echoing upstream), an unreachable upstream (a secret in its query, another in its
/// path), and a template that fails.
fn scanned_plugin() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("scanned");
    std::fs::create_dir_all(&p).unwrap();
    let manifest = json!({
        "type": "datasource", "id": EXAMPLE, "name": "Scanned",
        "routes": [
            {"path": "header", "url": "{{ .URL }}/h",
             "headers": [{"name": "Authorization", "content": "Bearer {{ .SecureJsonData.apiToken }}"}]},
            {"path": "param", "url": "{{ .URL }}/p",
             "urlParams": [{"name": "apiKey", "content": "{{ .SecureJsonData.apiKey }}"}]},
            {"path": "body", "method": "POST", "url": "{{ .URL }}/b",
             "body": {"password": "{{ .SecureJsonData.apiKey }}"}},
            {"path": "token", "url": "{{ .URL }}/v1",
             "tokenAuth": {"url": "{{ .URL }}/token",
                           "params": {"grant_type": "client_credentials",
                                      "client_secret": "{{ .SecureJsonData.apiToken }}"}}},
            {"path": "unreachable", "url": "http://127.0.0.1:9/x?k={{ .SecureJsonData.apiKey }}"},
            {"path": "secret-in-path", "url": "http://127.0.0.1:9/bot{{ .SecureJsonData.apiKey }}/x"},
            {"path": "broken", "url": "{{ .URL }}/{{ .SecureJsonData.apiKey | nosuchfunc }}"}
        ]
    });
    std::fs::write(p.join("plugin.json"), manifest.to_string()).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_leaks_into_answers_logs_or_files() {
    let canaries: Vec<String> = [
        "basic-pw-canary-41a7",
        "header-canary-93c2",
        "apikey-canary-5d10",
        "tls-key-canary-77e4",
        "plugin-secret-canary-0b9f",
        "person-pw-canary-c3d8",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let data = tempfile::tempdir().unwrap();
    let plugins = scanned_plugin();
    let mut child = Command::new(env!("CARGO_BIN_EXE_devserver"))
        .args(["--port", "0", "--db"])
        .arg(data.path().join("scan.db"))
        .arg("--plugins-dir")
        .arg(plugins.path())
        .args(["--user", &format!("scanned:{}:Admin", canaries[5])])
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let logs: Arc<Mutex<Vec<String>>> = Arc::default();
    let err_logs = logs.clone();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            err_logs.lock().unwrap().push(line);
        }
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut base = String::new();
    let mut line = String::new();
    while stdout.read_line(&mut line).unwrap() > 0 {
        logs.lock().unwrap().push(line.clone());
        if let Some(url) = line.trim().strip_prefix("devserver listening on ") {
            base = url.to_owned();
            break;
        }
        line.clear();
    }
    let out_logs = logs.clone();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            out_logs.lock().unwrap().push(line);
        }
    });

    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let answers: Arc<Mutex<Vec<String>>> = Arc::default();
    let call = |method: reqwest::Method, path: &str, body: Option<Value>| {
        let (http, base, answers) = (http.clone(), base.clone(), answers.clone());
        let path = path.to_owned();
        async move {
            let mut req = http
                .request(method, format!("{base}{path}"))
                .header("origin", &base);
            if let Some(body) = body {
                req = req.json(&body);
            }
            let res = req.send().await.unwrap();
            let headers: Vec<String> = res
                .headers()
                .iter()
                .filter(|(k, _)| *k != "set-cookie")
                .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("")))
                .collect();
            let text = res.text().await.unwrap();
            answers
                .lock()
                .unwrap()
                .push(format!("{}\n{text}", headers.join("\n")));
            serde_json::from_str::<Value>(&text).unwrap_or(Value::Null)
        }
    };
    // A person signs in with a canary password.
    call(
        reqwest::Method::POST,
        "/login",
        Some(json!({"user": "scanned", "password": canaries[5]})),
    )
    .await;
    // A data source with every kind of secret; saved, read, listed, tested, updated.
    let upstream = echoing_upstream().await;
    let ds = call(
        reqwest::Method::POST,
        "/api/datasources",
        Some(json!({
            "name": "scanned", "type": EXAMPLE, "access": "proxy", "url": upstream,
            "basicAuth": true, "basicAuthUser": "svc",
            "jsonData": {"httpHeaderName1": "X-Canary", "tlsAuth": false},
            "secureJsonData": {
                "basicAuthPassword": canaries[0], "httpHeaderValue1": canaries[1],
                "apiKey": canaries[2], "tlsClientKey": canaries[3], "apiToken": canaries[4]
            }
        })),
    )
    .await;
    let uid = ds["datasource"]["uid"].as_str().unwrap().to_owned();
    for _ in 0..2 {
        call(
            reqwest::Method::GET,
            &format!("/api/datasources/uid/{uid}"),
            None,
        )
        .await;
        call(
            reqwest::Method::GET,
            &format!("/api/datasources/uid/{uid}/health"),
            None,
        )
        .await;
    }
    call(reqwest::Method::GET, "/api/datasources", None).await;
    let current = call(
        reqwest::Method::GET,
        &format!("/api/datasources/uid/{uid}"),
        None,
    )
    .await;
    let mut next = current.clone();
    next["name"] = json!("scanned-again");
    call(
        reqwest::Method::PUT,
        &format!("/api/datasources/uid/{uid}"),
        Some(next),
    )
    .await;
    // The data source proxy sends every secret upstream. The echoing upstream's own answers
    // carry them back by design (Grafana streams the answer as it is), so only devserver's
    // own answers are kept: the refused token exchange, the unreachable upstream, the
    // failing template. Every call is logged.
    for route in [
        "header",
        "param",
        "body",
        "token",
        "unreachable",
        "secret-in-path",
        "broken",
    ] {
        let method = if route == "body" {
            reqwest::Method::POST
        } else {
            reqwest::Method::GET
        };
        let res = http
            .request(
                method,
                format!("{base}/api/datasources/proxy/uid/{uid}/{route}"),
            )
            .header("origin", &base)
            .json(&json!({"password": "typed by the caller"}))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        match route {
            // The echoing upstream answers GET with 500, anything else with 405.
            "header" | "param" => assert_eq!(status, 500, "{route}: {text}"),
            "body" => assert_eq!(status, 405, "{route}: {text}"),
            "token" => assert_eq!(status, 400, "{route}: {text}"),
            "unreachable" | "secret-in-path" => assert_eq!(status, 502, "{route}: {text}"),
            _ => assert_eq!(status, 500, "{route}: {text}"),
        }
        if !matches!(route, "header" | "param" | "body") {
            answers.lock().unwrap().push(format!("{status}\n{text}"));
        }
    }
    // A service-account token: handed out once, then used.
    let sa = call(
        reqwest::Method::POST,
        "/api/serviceaccounts",
        Some(json!({"name": "scanned-bot", "role": "Admin"})),
    )
    .await;
    let id = sa["id"].as_i64().unwrap();
    let created = http
        .post(format!("{base}/api/serviceaccounts/{id}/tokens"))
        .header("origin", &base)
        .json(&json!({"name": "scanned-token"}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let token = created["key"].as_str().unwrap().to_owned();
    for _ in 0..2 {
        let res = reqwest::Client::new()
            .get(format!("{base}/api/serviceaccounts/search"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let text = res.text().await.unwrap();
        answers.lock().unwrap().push(text);
    }
    call(
        reqwest::Method::GET,
        &format!("/api/serviceaccounts/{id}/tokens"),
        None,
    )
    .await;
    // A wrong password and a forged token, so the failure paths log what they log.
    call(
        reqwest::Method::POST,
        "/login",
        Some(json!({"user": "scanned", "password": format!("{}-wrong", canaries[5])})),
    )
    .await;
    let _ = reqwest::Client::new()
        .get(format!("{base}/api/user"))
        .bearer_auth(format!("{token}x"))
        .send()
        .await;
    let session = http
        .get(format!("{base}/api/user"))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(session, 200);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let _ = child.kill();
    let _ = child.wait();

    // Every secret in every form it could take.
    let mut needles: Vec<String> = canaries.clone();
    needles.push(token.clone());
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    needles.push(b64(&format!("svc:{}", canaries[0])));
    needles.push(b64(&format!("scanned:{}", canaries[5])));
    needles.push(b64(&format!("api_key:{token}")));
    let mut places: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, answer) in answers.lock().unwrap().iter().enumerate() {
        places.push((format!("answer {i}"), answer.clone().into_bytes()));
    }
    places.push((
        "logs".to_owned(),
        logs.lock().unwrap().join("\n").into_bytes(),
    ));
    for entry in std::fs::read_dir(data.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            places.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    let mut found = Vec::new();
    let mut bytes = 0;
    for (place, content) in &places {
        bytes += content.len();
        let text = String::from_utf8_lossy(content);
        for needle in &needles {
            if text.contains(needle.as_str()) {
                found.push(format!("{needle} in {place}"));
            }
        }
    }
    assert!(logs.lock().unwrap().len() > 10, "debug logging ran");
    assert!(found.is_empty(), "secrets found: {found:?}");
    report::report(&format!(
        "secret scanner: {} secrets (plain and Base64) searched in {} places ({} KiB: answers, logs, database, WAL), 0 found",
        needles.len(),
        places.len(),
        bytes / 1024
    ));
}
