//! The headers of a proxied request, as Grafana's data source proxy writes them (the
//! caller's minus its Grafana credentials and what `PrepareProxyRequest` removes, the kept
//! cookies, `X-Forwarded-For` with the caller appended, basic auth, `X-DS-Authorization`,
//! the data source's custom headers, the route's rendered headers), and those of the
//! answer (no hop-by-hop headers, no `Set-Cookie`).

use super::super::model::DataSource;
use super::refusal::Refusal;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use grafana_model::plugin_json::Route;
use grafana_model::route_template::{render, TemplateData};
use serde_json::Value;
use std::collections::BTreeMap;
use std::net::IpAddr;

/// Request headers never forwarded besides the hop-by-hop ones
/// ([`crate::proxy::HOP_BY_HOP`]): the caller's Grafana credentials, and what Grafana's
/// proxy removes.
const DROPPED: &[&str] = &[
    "host",
    "authorization",
    "cookie",
    "origin",
    "referer",
    "x-forwarded-host",
    "x-forwarded-port",
    "x-forwarded-proto",
    "x-forwarded-for",
    "x-ds-authorization",
    "x-id-token",
    "x-grafana-org-id",
    "x-csrf-token",
];

/// Whether a request header stays behind.
fn dropped(name: &str) -> bool {
    crate::proxy::HOP_BY_HOP.contains(&name) || DROPPED.contains(&name)
}

/// A header value that is never printed (`Debug` shows `Sensitive`).
pub(super) fn sensitive(text: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// The headers sent upstream before the route adds its own.
pub(super) fn outgoing(
    ds: &DataSource,
    secrets: &BTreeMap<String, String>,
    incoming: &HeaderMap,
    client_addr: Option<IpAddr>,
) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in incoming {
        if !dropped(name.as_str()) {
            headers.append(name.clone(), value.clone());
        }
    }
    // Grafana's `PrepareProxyRequest`: X-Grafana-Referer from Referer, and the caller's
    // address appended to any X-Forwarded-For it sent.
    let referer = incoming.get(header::REFERER).cloned();
    headers.insert(
        "x-grafana-referer",
        referer.unwrap_or(HeaderValue::from_static("")),
    );
    if let Some(value) = forwarded_for(incoming, client_addr) {
        headers.insert("x-forwarded-for", value);
    }
    let keep = keep_cookies(&ds.fields.json_data);
    if let Some(cookies) = kept_cookies(incoming.get(header::COOKIE), &keep) {
        if let Some(v) = sensitive(&cookies) {
            headers.insert(header::COOKIE, v);
        }
    }
    if let Ok(ua) = HeaderValue::from_str(&format!("Grafana/{}", crate::health::VERSION)) {
        headers.insert(header::USER_AGENT, ua);
    }
    if ds.fields.basic_auth {
        use base64::Engine;
        let password = secrets
            .get("basicAuthPassword")
            .map(String::as_str)
            .unwrap_or_default();
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{password}", ds.fields.basic_auth_user));
        if let Some(v) = sensitive(&format!("Basic {encoded}")) {
            headers.insert(header::AUTHORIZATION, v);
        }
    }
    if let Some(ds_auth) = incoming.get("x-ds-authorization") {
        let mut v = ds_auth.clone();
        v.set_sensitive(true);
        headers.insert(header::AUTHORIZATION, v);
    }
    // The data source's custom headers (httpHeaderName<n> / httpHeaderValue<n>).
    match super::http_client_options::custom_headers(ds, secrets) {
        Ok(custom) => headers.extend(custom.into_iter().map(|(n, v)| (Some(n), v))),
        Err(e) => {
            tracing::warn!(uid = ?ds.fields.uid, "data source proxy: {e}; custom headers not sent")
        }
    }
    headers
}

/// `X-Forwarded-For` as Grafana sets it: the caller's value (all of its headers joined by
/// `, `) followed by the caller's address (left as it is when the address is unknown).
fn forwarded_for(incoming: &HeaderMap, client_addr: Option<IpAddr>) -> Option<HeaderValue> {
    let mut parts: Vec<String> = incoming
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect();
    parts.extend(client_addr.map(|a| a.to_string()));
    (!parts.is_empty())
        .then(|| HeaderValue::from_str(&parts.join(", ")).ok())
        .flatten()
}

/// The route's `headers`, rendered (a template or name that cannot be: 500).
pub(super) fn add_route_headers(
    headers: &mut HeaderMap,
    ds: &DataSource,
    i: usize,
    route: &Route,
    data: &TemplateData<'_>,
) -> Result<(), Refusal> {
    let failed = Refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Failed to render plugin headers",
    );
    for h in &route.headers {
        let rendered = render(&h.content, data).map_err(|e| {
            tracing::warn!(uid = ?ds.fields.uid, route = i, "data source proxy: header template: {e}");
            Refusal(failed.0, failed.1)
        })?;
        let name = HeaderName::from_bytes(h.name.trim().as_bytes())
            .map_err(|_| Refusal(failed.0, failed.1))?;
        let value = sensitive(&rendered.text).ok_or(Refusal(failed.0, failed.1))?;
        headers.insert(name, value);
    }
    Ok(())
}

/// The answer's headers that go back to the caller (no hop-by-hop ones, no `Set-Cookie`).
pub(super) fn answer(upstream: &HeaderMap) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in upstream {
        let n = name.as_str();
        if !crate::proxy::HOP_BY_HOP.contains(&n) && n != "set-cookie" {
            headers.append(name.clone(), value.clone());
        }
    }
    headers
}

fn keep_cookies(json_data: &Value) -> Vec<String> {
    json_data
        .get("keepCookies")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// `keepCookies`: the `Cookie` header with only the named cookies (`name[]` is a prefix;
/// an empty list keeps none; Grafana's own session cookie never goes).
fn kept_cookies(header: Option<&HeaderValue>, keep: &[String]) -> Option<String> {
    let header = header?.to_str().ok()?;
    let kept: Vec<&str> = header
        .split(';')
        .map(str::trim)
        .filter(|c| {
            let name = c.split('=').next().unwrap_or_default();
            name != "grafana_session"
                && name != "grafana_session_expiry"
                && keep.iter().any(|k| match k.strip_suffix("[]") {
                    Some(prefix) => name.starts_with(prefix),
                    None => name == k,
                })
        })
        .collect();
    (!kept.is_empty()).then(|| kept.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_kept_only_by_name() {
        let h = HeaderValue::from_static("a=1; grafana_session=s; b_x=2; c=3");
        assert_eq!(kept_cookies(Some(&h), &[]), None);
        assert_eq!(
            kept_cookies(Some(&h), &["a".into(), "b_[]".into()]).as_deref(),
            Some("a=1; b_x=2")
        );
        assert_eq!(kept_cookies(Some(&h), &["grafana_session".into()]), None);
    }

    #[test]
    fn the_callers_address_is_appended_to_x_forwarded_for() {
        let addr: IpAddr = "10.1.2.3".parse().unwrap();
        let mut incoming = HeaderMap::new();
        assert_eq!(forwarded_for(&incoming, Some(addr)).unwrap(), "10.1.2.3");
        incoming.append("x-forwarded-for", HeaderValue::from_static("1.1.1.1"));
        incoming.append("x-forwarded-for", HeaderValue::from_static("2.2.2.2"));
        assert_eq!(
            forwarded_for(&incoming, Some(addr)).unwrap(),
            "1.1.1.1, 2.2.2.2, 10.1.2.3"
        );
        assert_eq!(forwarded_for(&incoming, None).unwrap(), "1.1.1.1, 2.2.2.2");
        assert_eq!(forwarded_for(&HeaderMap::new(), None), None);
    }
}
