//! The health check behind `/api/datasources/uid/{uid}/health`: one real HTTP `GET` of
//! `{url}` with `jsonData.path` appended as a path, with the data source's credentials and
//! custom headers.
//!
//! Decrypted secrets only ever go into request headers, and only to the data source's own
//! origin: redirects are not followed. They are never logged, and an upstream's answer is
//! never echoed: an error says the status and a fixed text, because an upstream may echo
//! a credential in any encoding (JSON-escaped, `\u`-escaped, base64 inside `Basic`), which
//! no masking can catch.

use super::model::DataSource;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use std::collections::BTreeMap;
use std::error::Error as _;
use std::time::Duration;

/// Seconds before the request gives up when `jsonData.timeout` is not set.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// What follows the status of an upstream error (its body is never shown).
pub const ERROR_TEXT: &str = "the data source answered with an error";

/// The outcome of a check: `Ok(message)` for 2xx, `Err(message)` otherwise.
pub type CheckResult = Result<String, String>;

/// Runs the check for `ds`, whose secrets are already decrypted into `secrets`.
pub async fn check(ds: &DataSource, secrets: &BTreeMap<String, String>) -> CheckResult {
    let path = ds
        .fields
        .json_data
        .get("path")
        .and_then(|p| p.as_str())
        .unwrap_or("");
    let url = match target_url(&ds.fields.url, path) {
        Ok(url) => url,
        Err(e) => return Err(e),
    };
    let shown = display_url(&url);
    let timeout = timeout_secs(&ds.fields.json_data);
    let skip_verify = flag(&ds.fields.json_data, "tlsSkipVerify");

    let headers = match headers(ds, secrets) {
        Ok(h) => h,
        Err(e) => return Err(e),
    };
    let mut builder = reqwest::Client::builder()
        .timeout(Duration::from_secs(timeout))
        // A redirect could carry the credentials and custom headers to another origin.
        .redirect(reqwest::redirect::Policy::none())
        .danger_accept_invalid_certs(skip_verify);
    builder = with_tls(builder, &ds.fields.json_data, secrets)?;
    let client = builder
        .build()
        .map_err(|e| format!("Cannot create HTTP client: {e}"))?;
    let mut request = client.get(url).headers(headers);
    if ds.fields.basic_auth {
        let password = secrets
            .get("basicAuthPassword")
            .cloned()
            .unwrap_or_default();
        request = request.basic_auth(&ds.fields.basic_auth_user, Some(password));
    }
    tracing::debug!(uid = ?ds.fields.uid, url = %shown, "data source health check");
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => return Err(describe(&e, &shown, timeout)),
    };
    let status = response.status();
    if status.is_success() {
        return Ok("Data source is working".to_owned());
    }
    Err(format!(
        "{} {}: {ERROR_TEXT}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Unknown Status")
    ))
}

/// `base` with `path` appended as path segments (and its own `?query`), so the path can
/// never change the scheme, the host or the credentials of the URL.
pub fn target_url(base: &str, path: &str) -> Result<reqwest::Url, String> {
    let mut url = match reqwest::Url::parse(base) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url,
        Ok(url) => return Err(format!("Unsupported URL scheme {:?}", url.scheme())),
        Err(e) => return Err(format!("Invalid data source URL {:?}: {e}", base)),
    };
    if path.is_empty() {
        return Ok(url);
    }
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let joined = format!(
        "{}/{}",
        url.path().trim_end_matches('/'),
        path.trim_start_matches('/')
    );
    url.set_path(&joined);
    if let Some(query) = query {
        url.set_query(Some(query));
    }
    Ok(url)
}

fn flag(json_data: &serde_json::Value, key: &str) -> bool {
    json_data
        .get(key)
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// `tlsAuthWithCACert` adds `tlsCACert` as a trusted root; `tlsAuth` presents
/// `tlsClientCert` + `tlsClientKey`. (`serverName` is not supported.)
pub(super) fn with_tls(
    mut builder: reqwest::ClientBuilder,
    json_data: &serde_json::Value,
    secrets: &BTreeMap<String, String>,
) -> Result<reqwest::ClientBuilder, String> {
    let secret = |key: &str| secrets.get(key).filter(|v| !v.trim().is_empty());
    if flag(json_data, "tlsAuthWithCACert") {
        if let Some(pem) = secret("tlsCACert") {
            let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
                .map_err(|_| "The CA certificate is not a valid PEM certificate".to_owned())?;
            if certs.is_empty() {
                return Err("The CA certificate is not a valid PEM certificate".to_owned());
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
    }
    if flag(json_data, "tlsAuth") {
        if let (Some(cert), Some(key)) = (secret("tlsClientCert"), secret("tlsClientKey")) {
            let pem = format!("{}\n{}\n", cert.trim(), key.trim());
            let identity = reqwest::Identity::from_pem(pem.as_bytes())
                .map_err(|_| "The TLS client certificate or key is not valid PEM".to_owned())?;
            builder = builder.identity(identity);
        }
    }
    Ok(builder)
}

pub(super) fn timeout_secs(json_data: &serde_json::Value) -> u64 {
    let value = json_data.get("timeout");
    let secs = match value {
        Some(serde_json::Value::Number(n)) => n.as_f64(),
        Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match secs {
        Some(s) if s.is_finite() && s >= 1.0 => s as u64,
        _ => DEFAULT_TIMEOUT_SECS,
    }
}

/// Authorization (bearer) and custom headers. Basic auth is added on the request.
fn headers(ds: &DataSource, secrets: &BTreeMap<String, String>) -> Result<HeaderMap, String> {
    let mut map = HeaderMap::new();
    if !ds.fields.basic_auth {
        if let Some(key) = secrets.get("apiKey").filter(|k| !k.is_empty()) {
            let mut value = HeaderValue::from_str(&format!("Bearer {key}")).map_err(|_| {
                "The stored API key contains characters not allowed in a header".to_owned()
            })?;
            value.set_sensitive(true);
            map.insert(AUTHORIZATION, value);
        }
    }
    for (name, value) in custom_headers(ds, secrets)? {
        map.insert(name, value);
    }
    Ok(map)
}

/// The data source's custom headers: `jsonData.httpHeaderName<n>` with the decrypted
/// `secureJsonData.httpHeaderValue<n>`, from 1 until the first empty name, as Grafana
/// reads them. A name or value a header cannot carry is an error that names the header
/// (never the value).
pub(super) fn custom_headers(
    ds: &DataSource,
    secrets: &BTreeMap<String, String>,
) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let mut out = Vec::new();
    for n in 1.. {
        let Some(name) = ds
            .fields
            .json_data
            .get(format!("httpHeaderName{n}"))
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
        else {
            break;
        };
        let Some(value) = secrets
            .get(&format!("httpHeaderValue{n}"))
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| format!("Invalid custom header name {name:?}"))?;
        let mut value = HeaderValue::from_str(value).map_err(|_| {
            format!("The value of custom header {name} contains characters not allowed in a header")
        })?;
        value.set_sensitive(true);
        out.push((name, value));
    }
    Ok(out)
}

/// `scheme://host[:port]/path` without user info or query.
fn display_url(url: &reqwest::Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_query(None);
    shown.set_fragment(None);
    shown.to_string()
}

fn describe(err: &reqwest::Error, url: &str, timeout: u64) -> String {
    if err.is_timeout() {
        return format!("Request timed out after {timeout}s: GET {url}");
    }
    // Find the innermost cause, usually an io::Error or a TLS/DNS message.
    let mut source: Option<&(dyn std::error::Error + 'static)> = err.source();
    let mut innermost = None;
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    return format!("Connection refused: GET {url}");
                }
                std::io::ErrorKind::TimedOut => {
                    return format!("Request timed out after {timeout}s: GET {url}");
                }
                _ => {}
            }
        }
        innermost = Some(s.to_string());
        source = s.source();
    }
    let detail = innermost.unwrap_or_else(|| err.to_string());
    if err.is_connect() {
        format!("Cannot connect to {url}: {detail}")
    } else {
        format!("Request to {url} failed: {detail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_is_a_path_never_a_host() {
        let u = |base: &str, path: &str| target_url(base, path).unwrap().to_string();
        assert_eq!(
            u("http://api.example:9000", "/health"),
            "http://api.example:9000/health"
        );
        assert_eq!(
            u("http://api.example/v1/", "health"),
            "http://api.example/v1/health"
        );
        assert_eq!(
            u("http://api.example/v1", "/health?deep=1"),
            "http://api.example/v1/health?deep=1"
        );
        // Appended without a separator, these would have changed the host.
        let evil = u("http://api.example", "@127.0.0.1:1/");
        assert!(evil.starts_with("http://api.example/"), "{evil}");
        let evil = u("http://api.example:9000", ".evil.example/x");
        assert!(evil.starts_with("http://api.example:9000/"), "{evil}");
        let evil = u("http://api.example", "//evil.example/x");
        assert!(evil.starts_with("http://api.example/"), "{evil}");
        assert!(target_url("ftp://x", "").is_err());
    }
}
