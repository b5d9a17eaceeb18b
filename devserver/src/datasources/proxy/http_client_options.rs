//! Grafana's `HTTPClientOptions` of a data source, as the data source proxy applies them:
//! `jsonData.timeout`, the TLS settings (`tlsSkipVerify`, `tlsAuthWithCACert`, `tlsAuth`)
//! and the custom headers (`httpHeaderName<n>` / `secureJsonData.httpHeaderValue<n>`).
//!
//! Decrypted secrets only go into the client's TLS identity or request headers (marked
//! sensitive); an error names the setting, never a value.

use super::super::model::DataSource;
use reqwest::header::{HeaderName, HeaderValue};
use std::collections::BTreeMap;

/// Seconds before a request gives up when `jsonData.timeout` is not set (Grafana's
/// `[dataproxy] timeout`).
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// A boolean `jsonData` setting (`false` when absent or not a boolean).
pub(super) fn flag(json_data: &serde_json::Value, key: &str) -> bool {
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

/// `jsonData.timeout` in whole seconds (a number or a numeric string, at least 1), else
/// [`DEFAULT_TIMEOUT_SECS`].
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
