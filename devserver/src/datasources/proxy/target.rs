//! Where a proxied request goes: the route's rendered `url` (or the data source's own)
//! with the rest of the path in its original encoding, never outside that URL's path, and
//! the query with the route's `urlParams`, encoded as Go's `url.Values` does.

use super::super::model::DataSource;
use super::refusal::Refusal;
use axum::http::StatusCode;
use grafana_model::paths::{is_within, PathError, ProxyPath};
use grafana_model::plugin_json::Route;
use grafana_model::route_template::{render, TemplateData};

const INVALID_URL: Refusal = Refusal(StatusCode::BAD_REQUEST, "Invalid data source URL");
const ESCAPES: Refusal = Refusal(StatusCode::BAD_REQUEST, PathError::DotSegment.message());

/// The URL to send the request to.
pub(super) fn url(
    ds: &DataSource,
    matched: Option<(usize, &Route)>,
    path: &ProxyPath<'_>,
    query: Option<&str>,
    data: &TemplateData<'_>,
) -> Result<reqwest::Url, Refusal> {
    let route_log = |i: usize, what: &str| {
        tracing::warn!(uid = ?ds.fields.uid, route = i, "data source proxy: {what}");
    };
    let (base, rest) = match matched {
        Some((i, route)) if !route.url.is_empty() => {
            let rendered = render(&route.url, data).map_err(|e| {
                route_log(i, &format!("url template: {e}"));
                Refusal(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Could not interpolate plugin route url",
                )
            })?;
            (rendered.text, path.raw_after(&route.path).ok_or(ESCAPES)?)
        }
        _ => (ds.fields.url.clone(), path.raw()),
    };
    let mut url = reqwest::Url::parse(&base).map_err(|_| INVALID_URL)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(INVALID_URL);
    }
    let base_path = url.path().to_owned();
    url.set_path(&join_fragments(&base_path, rest));
    url.set_fragment(None);
    // The last check before anything is sent: still under the route's (or data source's) path.
    if !is_within(&base_path, url.path()) {
        return Err(ESCAPES);
    }
    match matched {
        Some((i, route)) => {
            let mut extra = Vec::new();
            for p in &route.url_params {
                match (render(&p.name, data), render(&p.content, data)) {
                    (Ok(n), Ok(c)) => extra.push((n.text, c.text)),
                    _ => {
                        route_log(i, "urlParams template");
                        return Err(Refusal(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "Could not interpolate plugin route url params",
                        ));
                    }
                }
            }
            let q = route_query(query, extra);
            url.set_query((!q.is_empty()).then_some(q.as_str()));
        }
        None => url.set_query(query),
    }
    Ok(url)
}

/// Grafana's `JoinURLFragments`.
fn join_fragments(a: &str, b: &str) -> String {
    if b.is_empty() {
        return a.to_owned();
    }
    match (a.ends_with('/'), b.starts_with('/')) {
        (true, true) => format!("{a}{}", &b[1..]),
        (false, false) => format!("{a}/{b}"),
        _ => format!("{a}{b}"),
    }
}

/// Percent-encodes a query component as Go's `url.Values.Encode` does.
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The request's query with `extra` added, re-encoded with keys sorted (Go's `Encode`).
fn route_query(query: Option<&str>, extra: Vec<(String, String)>) -> String {
    let mut pairs: Vec<(String, String)> = query.map(url_decoded_pairs).unwrap_or_default();
    pairs.extend(extra);
    // Stable: values of one key keep their order, as url.Values does.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", query_escape(k), query_escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn url_decoded_pairs(query: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://q/?{query}"))
        .map(|u| {
            u.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_join_as_grafana_joins_them() {
        assert_eq!(
            join_fragments("/root/", "/path/to/folder/"),
            "/root/path/to/folder/"
        );
        assert_eq!(
            join_fragments("/api/v1/", "some-route/"),
            "/api/v1/some-route/"
        );
        assert_eq!(join_fragments("", "/our%20devices"), "/our%20devices");
        assert_eq!(join_fragments("/a", "b"), "/a/b");
        assert_eq!(join_fragments("/a", ""), "/a");
    }

    #[test]
    fn route_queries_are_sorted_and_encoded_as_go_does() {
        assert_eq!(
            route_query(Some("z=1&a=x%20y"), vec![("apiKey".into(), "k&y".into())]),
            "a=x+y&apiKey=k%26y&z=1"
        );
        assert_eq!(route_query(None, vec![]), "");
    }
}
