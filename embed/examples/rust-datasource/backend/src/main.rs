//! The example Rust data source's backend, with `grafana-plugin-sdk`: Grafana (or devserver)
//! starts this binary, reads its handshake line and calls it over gRPC.
//!
//! - `CheckHealth` (Save & test) calls the upstream's `/api/version` with the data source's
//!   decrypted API key and names the version it found;
//! - `QueryData` turns each query into one data frame (`time`, `value`) from `/api/series`;
//! - `CallResource` serves `regions` (the QueryEditor's select) from `/api/regions`, and
//!   `forwarded`: what Grafana forwarded with the call (as Save & test's details show it).
//!
//! With the data source's "Forward OAuth Identity" (`jsonData.oauthPassThru`), Grafana
//! forwards the signed-in user's OAuth token on all three calls (`Authorization`, and
//! `X-ID-Token` when there is an ID token): Save & test then names whose identity reached
//! the backend, each query's frame carries it in `meta.custom.forwarded`, and `forwarded`
//! answers it. The tokens themselves are never printed, logged or sent back; the name comes
//! from the ID token's claims, read without checking its signature (Grafana got it straight
//! from the provider; a plugin that *trusts* the identity must verify the token with the
//! provider's keys, or call the provider's user-info endpoint with the access token).
//!
//! The upstream API (the e2e and integration tests run a small one on loopback):
//!
//! | request (`Authorization: Bearer <apiKey>`) | answer |
//! |---|---|
//! | `GET /api/version` | `{"version": "1.4.2"}`, or 401 for a wrong key |
//! | `GET /api/regions` | `[{"id": "eu-west", "name": "EU West"}, …]` |
//! | `GET /api/series?query=&region=&from=&to=` (epoch ms) | `{"points": [[epoch_ms, value], …]}` |
//!
//! The API key is only ever sent to the data source's own URL; it is never logged.

use bytes::Bytes;
use chrono::{DateTime, TimeZone, Utc};
use futures_util::stream::FuturesOrdered;
use grafana_plugin_sdk::{backend, data, prelude::*};
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;

/// The data source's `jsonData` (the frontend's `ExampleRustOptions`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonData {
    #[serde(default)]
    default_region: Option<String>,
    /// "Forward OAuth Identity".
    #[serde(default)]
    oauth_pass_thru: bool,
}

/// The plugin: one HTTP client for every data source instance.
#[derive(Clone, Debug, GrafanaPlugin)]
#[grafana_plugin(
    plugin_type = "datasource",
    json_data = "JsonData",
    secure_json_data = "HashMap<String, String>"
)]
struct ExamplePlugin {
    http: reqwest::Client,
}

/// A data source instance as this plugin sees it: its URL and its API key.
struct Upstream<'a> {
    url: &'a str,
    api_key: &'a str,
}

/// What can go wrong talking to the upstream, in words a Grafana user can act on.
#[derive(Debug, thiserror::Error)]
enum UpstreamError {
    #[error("Set the data source's URL: the Rust backend has nowhere to connect")]
    NoUrl,
    #[error("The upstream refused the API key (HTTP {0})")]
    Refused(u16),
    #[error("The upstream answered HTTP {0}")]
    Status(u16),
    #[error("Cannot reach the upstream: {0}")]
    Unreachable(String),
    #[error("The upstream's answer is not what the Rust backend expects: {0}")]
    Malformed(String),
}

impl Upstream<'_> {
    fn of(
        settings: &Option<backend::DataSourceInstanceSettings<JsonData, HashMap<String, String>>>,
    ) -> Option<Upstream<'_>> {
        settings.as_ref().map(|s| Upstream {
            url: s.url.trim_end_matches('/'),
            api_key: s
                .decrypted_secure_json_data
                .get("apiKey")
                .map(String::as_str)
                .unwrap_or(""),
        })
    }

    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        http: &reqwest::Client,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, UpstreamError> {
        if self.url.is_empty() {
            return Err(UpstreamError::NoUrl);
        }
        let answer = http
            .get(format!("{}{path}", self.url))
            .query(query)
            .bearer_auth(self.api_key)
            .send()
            .await
            // Without the URL: reqwest's message names it, and it may carry a query.
            .map_err(|e| UpstreamError::Unreachable(e.without_url().to_string()))?;
        let status = answer.status().as_u16();
        if status == 401 || status == 403 {
            return Err(UpstreamError::Refused(status));
        }
        if !answer.status().is_success() {
            return Err(UpstreamError::Status(status));
        }
        answer
            .json()
            .await
            .map_err(|e| UpstreamError::Malformed(e.without_url().to_string()))
    }
}

// ---- Save & test ------------------------------------------------------------------------

#[derive(Deserialize)]
struct Version {
    version: String,
}

#[tonic::async_trait]
impl backend::DiagnosticsService for ExamplePlugin {
    type CheckHealthError = std::convert::Infallible;

    async fn check_health(
        &self,
        request: backend::CheckHealthRequest<Self>,
    ) -> Result<backend::CheckHealthResponse, Self::CheckHealthError> {
        let details = forwarded(&request.headers);
        let identity = OAuthIdentity::of(&request.headers);
        let settings = request.plugin_context.instance_settings;
        let pass_thru = settings
            .as_ref()
            .is_some_and(|s| s.json_data.oauth_pass_thru);
        let Some(upstream) = Upstream::of(&settings) else {
            return Ok(backend::CheckHealthResponse::error(
                "Save & test needs a data source".to_owned(),
            ));
        };
        tracing::info!("checking the upstream for Save & test");
        let answer = match upstream
            .get::<Version>(&self.http, "/api/version", &[])
            .await
        {
            Ok(v) => backend::CheckHealthResponse::ok(format!(
                "The Rust backend reached upstream version {} with the API key{}",
                v.version,
                identity_sentence(identity.as_ref(), pass_thru)
            )),
            Err(e) => backend::CheckHealthResponse::error(e.to_string()),
        };
        Ok(answer.with_json_details(details))
    }

    type CollectMetricsError = std::convert::Infallible;

    async fn collect_metrics(
        &self,
        _request: backend::CollectMetricsRequest<Self>,
    ) -> Result<backend::CollectMetricsResponse, Self::CollectMetricsError> {
        Ok(backend::CollectMetricsResponse::new(None))
    }
}

/// The signed-in user's OAuth identity that Grafana forwarded (`oauthPassThru`): the
/// token type of `Authorization`, and who the ID token names. Never the tokens.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct OAuthIdentity {
    token_type: String,
    id_token: bool,
    subject: Option<String>,
    login: Option<String>,
    email: Option<String>,
}

impl OAuthIdentity {
    /// From Grafana's keys `Authorization` and `X-ID-Token` (any case).
    fn of<'a>(headers: impl IntoIterator<Item = (&'a String, &'a String)>) -> Option<Self> {
        let mut authorization = None;
        let mut id_token = None;
        for (k, v) in headers {
            if k.eq_ignore_ascii_case("Authorization") {
                authorization = Some(v.as_str());
            } else if k.eq_ignore_ascii_case("X-ID-Token") {
                id_token = Some(v.as_str());
            }
        }
        let (token_type, token) = authorization?.split_once(' ')?;
        if token.trim().is_empty() {
            return None;
        }
        let claims = id_token.map(jwt_claims).unwrap_or_default();
        let claim = |k: &str| claims.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        Some(Self {
            token_type: token_type.to_owned(),
            id_token: id_token.is_some(),
            subject: claim("sub"),
            login: claim("login").or_else(|| claim("preferred_username")),
            email: claim("email"),
        })
    }

    /// "alice (alice@example.com)", or what is known of it.
    fn who(&self) -> String {
        let name = self.login.clone().or_else(|| self.subject.clone());
        match (name, &self.email) {
            (Some(n), Some(e)) => format!("{n} ({e})"),
            (Some(n), None) => n,
            (None, Some(e)) => e.clone(),
            (None, None) => "a user without an ID token".to_owned(),
        }
    }
}

/// The payload of a JWT, unverified (see the module doc); empty when it is not one.
fn jwt_claims(token: &str) -> serde_json::Map<String, serde_json::Value> {
    use base64::Engine;
    token
        .split('.')
        .nth(1)
        .and_then(|p| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p.trim_end_matches('='))
                .ok()
        })
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// What Save & test adds about the forwarded identity: whose it is, or that "Forward OAuth
/// Identity" is on and none came (the user signed in with a password); nothing when off.
fn identity_sentence(identity: Option<&OAuthIdentity>, pass_thru: bool) -> String {
    match identity {
        Some(i) => format!(
            ". Forwarded OAuth identity: {} ({} token{})",
            i.who(),
            i.token_type,
            if i.id_token { " and ID token" } else { "" }
        ),
        None if pass_thru => {
            ". Forward OAuth Identity is on, but no OAuth identity reached the backend (sign in with OAuth)".to_owned()
        }
        None => String::new(),
    }
}

/// What Grafana forwarded with the call, for Save & test's details: the header keys, the
/// names of the cookies (never their values), the user header (Grafana's
/// `[dataproxy] send_user_header`) and the OAuth identity (never its tokens).
fn forwarded(headers: &HashMap<String, String>) -> serde_json::Value {
    let mut keys: Vec<&str> = headers.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let cookies: Vec<&str> = headers
        .get("Cookie")
        .map(|c| {
            c.split(';')
                .filter_map(|pair| pair.trim().split('=').next())
                .collect()
        })
        .unwrap_or_default();
    serde_json::json!({
        "forwarded": {
            "headers": keys,
            "cookies": cookies,
            "grafanaUser": headers.get("http_X-Grafana-User"),
            "oauthIdentity": OAuthIdentity::of(headers),
        }
    })
}

// ---- Queries ----------------------------------------------------------------------------

/// One query of a panel (the frontend's `ExampleRustQuery`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Query {
    #[serde(default)]
    query_text: String,
    #[serde(default)]
    region: Option<String>,
}

#[derive(Deserialize)]
struct Series {
    points: Vec<(i64, f64)>,
}

/// A query's failure, with its `refId` (Grafana shows it under that query).
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
struct QueryError {
    ref_id: String,
    error: String,
}

impl backend::DataQueryError for QueryError {
    fn ref_id(self) -> String {
        self.ref_id
    }
}

#[tonic::async_trait]
impl backend::DataService for ExamplePlugin {
    type Query = Query;
    type QueryError = QueryError;
    type Stream = backend::BoxDataResponseStream<Self::QueryError>;

    async fn query_data(
        &self,
        request: backend::QueryDataRequest<Self::Query, Self>,
    ) -> Self::Stream {
        let settings = request.plugin_context.instance_settings;
        let http = self.http.clone();
        let forwarded = forwarded(&request.headers);
        Box::pin(
            request
                .queries
                .into_iter()
                .map(|q| {
                    let settings = settings.clone();
                    let http = http.clone();
                    let forwarded = forwarded.clone();
                    async move {
                        let fail = |error: String| QueryError {
                            ref_id: q.ref_id.clone(),
                            error,
                        };
                        let upstream = Upstream::of(&settings)
                            .ok_or_else(|| fail("The query needs a data source".to_owned()))?;
                        let region = q
                            .query
                            .region
                            .clone()
                            .or_else(|| {
                                settings
                                    .as_ref()
                                    .and_then(|s| s.json_data.default_region.clone())
                            })
                            .unwrap_or_default();
                        let series: Series = upstream
                            .get(
                                &http,
                                "/api/series",
                                &[
                                    ("query", q.query.query_text.clone()),
                                    ("region", region),
                                    ("from", q.time_range.from.timestamp_millis().to_string()),
                                    ("to", q.time_range.to.timestamp_millis().to_string()),
                                ],
                            )
                            .await
                            .map_err(|e| fail(e.to_string()))?;
                        let times: Vec<DateTime<Utc>> = series
                            .points
                            .iter()
                            .filter_map(|(ms, _)| Utc.timestamp_millis_opt(*ms).single())
                            .collect();
                        if times.len() != series.points.len() {
                            return Err(fail("The upstream sent a time out of range".to_owned()));
                        }
                        let values: Vec<f64> = series.points.iter().map(|(_, v)| *v).collect();
                        let name = if q.query.query_text.is_empty() {
                            "value"
                        } else {
                            q.query.query_text.as_str()
                        };
                        let mut meta = data::Metadata::default();
                        meta.custom = forwarded.as_object().cloned();
                        let frame = [times.into_field("time"), values.into_field(name)]
                            .into_frame(name)
                            .with_metadata(meta);
                        let checked = frame
                            .check()
                            .map_err(|e: data::Error| fail(e.to_string()))?;
                        Ok(backend::DataResponse::new(q.ref_id.clone(), vec![checked]))
                    }
                })
                .collect::<FuturesOrdered<_>>(),
        )
    }
}

// ---- Resources --------------------------------------------------------------------------

/// A resource call's failure: Grafana's JSON error body with the plugin's message.
#[derive(Debug, thiserror::Error)]
enum ResourceError {
    #[error("no resource {0}")]
    NotFound(String),
    #[error("{0}")]
    Upstream(#[from] UpstreamError),
    #[error("{0}")]
    Http(#[from] http::Error),
}

impl backend::ErrIntoHttpResponse for ResourceError {
    fn into_http_response(self) -> Result<http::Response<Bytes>, Box<dyn std::error::Error>> {
        let status = match &self {
            Self::NotFound(_) => http::StatusCode::NOT_FOUND,
            Self::Upstream(_) => http::StatusCode::BAD_GATEWAY,
            Self::Http(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
        };
        Ok(http::Response::builder()
            .status(status)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(Bytes::from(serde_json::to_vec(
                &serde_json::json!({ "message": self.to_string() }),
            )?))?)
    }
}

#[tonic::async_trait]
impl backend::ResourceService for ExamplePlugin {
    type Error = ResourceError;
    type InitialResponse = http::Response<Bytes>;
    type Stream = backend::BoxResourceStream<Self::Error>;

    async fn call_resource(
        &self,
        r: backend::CallResourceRequest<Self>,
    ) -> Result<(Self::InitialResponse, Self::Stream), Self::Error> {
        let path = r.request.uri().path().trim_start_matches('/').to_owned();
        if path == "forwarded" {
            let headers: HashMap<String, String> = r
                .request
                .headers()
                .iter()
                .filter_map(|(k, v)| Some((canonical(k.as_str()), v.to_str().ok()?.to_owned())))
                .collect();
            let body = serde_json::to_vec(&forwarded(&headers))
                .map_err(|e| UpstreamError::Malformed(e.to_string()))?;
            let response = http::Response::builder()
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(Bytes::from(body))?;
            return Ok((response, Box::pin(futures_util::stream::empty())));
        }
        if path != "regions" {
            return Err(ResourceError::NotFound(path));
        }
        let settings = r.plugin_context.instance_settings;
        let upstream = Upstream::of(&settings).ok_or(UpstreamError::NoUrl)?;
        let regions: serde_json::Value = upstream.get(&self.http, "/api/regions", &[]).await?;
        let body =
            serde_json::to_vec(&regions).map_err(|e| UpstreamError::Malformed(e.to_string()))?;
        let response = http::Response::builder()
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(Bytes::from(body))?;
        Ok((response, Box::pin(futures_util::stream::empty())))
    }
}

/// `x-id-token` → `X-Id-Token` (a resource call's headers arrive lower-cased).
fn canonical(lower: &str) -> String {
    lower
        .split('-')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[grafana_plugin_sdk::main(services(data, diagnostics, resource), init_subscriber = true)]
async fn plugin() -> ExamplePlugin {
    ExamplePlugin {
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use base64::Engine;

    fn id_token(claims: serde_json::Value) -> String {
        let enc = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
        format!("{}.{}.sig", enc(b"{}"), enc(claims.to_string().as_bytes()))
    }

    #[test]
    fn names_the_forwarded_identity_and_never_prints_its_tokens() {
        let headers: HashMap<String, String> = [
            ("Authorization".to_owned(), "Bearer secret-access-token".to_owned()),
            (
                "X-ID-Token".to_owned(),
                id_token(serde_json::json!({ "sub": "alice", "login": "alice", "email": "alice@example.com" })),
            ),
        ]
        .into();
        let identity = OAuthIdentity::of(&headers).unwrap();
        let sentence = identity_sentence(Some(&identity), true);
        assert_eq!(
            sentence,
            ". Forwarded OAuth identity: alice (alice@example.com) (Bearer token and ID token)"
        );
        let details = forwarded(&headers).to_string();
        assert!(!details.contains("secret-access-token") && !details.contains("sig"));
        assert!(details.contains("\"subject\":\"alice\""));
        assert_eq!(identity_sentence(None, false), "");
        assert!(identity_sentence(None, true).contains("no OAuth identity reached the backend"));
        let empty: HashMap<String, String> =
            [("Authorization".to_owned(), "Bearer ".to_owned())].into();
        assert!(OAuthIdentity::of(&empty).is_none());
    }
}
