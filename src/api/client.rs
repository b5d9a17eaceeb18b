//! `ApiClient`: where Grafana's API is (same origin, under `appSubUrl`, an app plugin's
//! resource route, a devserver) and how to authenticate; one `send` used by every endpoint
//! function.

use super::ApiError;
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::{AbortSignal, RequestCredentials};

/// HTTP method of a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

/// A configured client. Cheap to clone; pages receive it as a prop.
///
/// It speaks to Grafana's HTTP API under `api_base`: `/api` on the page's own origin
/// (inside Grafana, or the devserver app), `appSubUrl + "/api"` when Grafana serves under
/// a sub-path, or a whole URL elsewhere. Endpoint paths are relative to that base.
///
/// ```
/// use leptos_grafana::api::ApiClient;
/// assert_eq!(ApiClient::same_origin().url("/health"), "/api/health");
/// let sub_path = ApiClient::new("/grafana/api");
/// assert_eq!(sub_path.url("/serviceaccounts/search"), "/grafana/api/serviceaccounts/search");
/// assert_eq!(sub_path.site_url("/login"), "/grafana/login");
/// let elsewhere = ApiClient::new("https://grafana.example.com/api").with_bearer_token("glsa_…");
/// assert_eq!(elsewhere.url("/health"), "https://grafana.example.com/api/health");
/// assert!(!format!("{elsewhere:?}").contains("glsa_"), "Debug never prints the token");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ApiClient {
    api_base: String,
    bearer_token: Option<String>,
    org_id: Option<i64>,
}

impl Default for ApiClient {
    fn default() -> Self {
        Self::same_origin()
    }
}

impl std::fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("api_base", &self.api_base)
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| "<redacted>"),
            )
            .field("org_id", &self.org_id)
            .finish()
    }
}

impl ApiClient {
    /// Calls `/api/…` on the page's own origin, with the browser's session cookie (what a
    /// plugin page inside Grafana, or the devserver app, wants).
    pub fn same_origin() -> Self {
        Self::new("/api")
    }

    /// Calls the API under `api_base` (`/api`, `/grafana/api`, `https://host/api`; a
    /// trailing slash is ignored).
    pub fn new(api_base: impl Into<String>) -> Self {
        Self {
            api_base: api_base.into().trim_end_matches('/').to_owned(),
            bearer_token: None,
            org_id: None,
        }
    }

    /// Sends `X-Grafana-Org-Id: <org_id>` with every call, as Grafana's own frontend
    /// (`backend_srv`) sends the user's current org: the API then answers for that org.
    ///
    /// ```
    /// use leptos_grafana::api::ApiClient;
    /// let client = ApiClient::same_origin().with_org_id(2);
    /// assert_eq!(client.org_id(), Some(2));
    /// ```
    pub fn with_org_id(mut self, org_id: i64) -> Self {
        self.org_id = Some(org_id);
        self
    }

    /// The org every call names, if any.
    pub fn org_id(&self) -> Option<i64> {
        self.org_id
    }

    /// Sends `Authorization: Bearer <token>` (a service-account token) with every call.
    pub fn with_bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// The API base this client calls (no trailing slash).
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// The full URL of API `path` (which starts with `/`, e.g. `/serviceaccounts/search`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.api_base)
    }

    /// The URL of a path of the site rather than of its API (`/login`,
    /// `/public/plugins/…`): the API base without its final `/api`.
    pub fn site_url(&self, path: &str) -> String {
        let site = self.api_base.strip_suffix("/api").unwrap_or_default();
        format!("{site}{path}")
    }

    fn builder(&self, method: Method, url: &str, abort: Option<&AbortSignal>) -> RequestBuilder {
        let builder = match method {
            Method::Get => Request::get(url),
            Method::Post => Request::post(url),
            Method::Put => Request::put(url),
            Method::Patch => Request::patch(url),
            Method::Delete => Request::delete(url),
        }
        .credentials(RequestCredentials::Include)
        .header("Accept", "application/json")
        .abort_signal(abort);
        let builder = match self.org_id {
            Some(org) => builder.header("X-Grafana-Org-Id", &org.to_string()),
            None => builder,
        };
        match &self.bearer_token {
            Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
            None => builder,
        }
    }

    /// Sends a request to API `path` and decodes a 2xx JSON answer as `T`; anything else
    /// is an [`ApiError`] carrying Grafana's message.
    pub async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + ?Sized)>,
        abort: Option<&AbortSignal>,
    ) -> Result<T, ApiError> {
        self.send_to(method, &self.url(path), body, abort).await
    }

    /// `GET` API `path`, its answer decoded as `T`.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.send(Method::Get, path, None::<&()>, None).await
    }

    /// `DELETE` API `path`, its answer decoded as `T`.
    pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.send(Method::Delete, path, None::<&()>, None).await
    }

    /// `method` (`POST`, `PUT`, `PATCH`) to API `path` with the JSON `body`, its answer
    /// decoded as `T`.
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &(impl Serialize + ?Sized),
    ) -> Result<T, ApiError> {
        self.send(method, path, Some(body), None).await
    }

    /// Like [`send`](Self::send), to a whole URL (see [`site_url`](Self::site_url)).
    pub async fn send_to<T: DeserializeOwned>(
        &self,
        method: Method,
        url: &str,
        body: Option<&(impl Serialize + ?Sized)>,
        abort: Option<&AbortSignal>,
    ) -> Result<T, ApiError> {
        let text = self.send_text_to(method, url, body, abort).await?;
        serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
    }

    /// Like [`send`](Self::send) but also decodes non-2xx answers whose body is a `T`
    /// (Grafana's health check answers 400 with the same shape as its 200).
    pub async fn send_lenient<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
    ) -> Result<T, ApiError> {
        let response = self
            .builder(method, &self.url(path), None)
            .send()
            .await
            .map_err(network_error)?;
        let status = response.status();
        // A body cut off mid-answer is the network's fault, not a bad answer.
        let text = response.text().await.map_err(network_error)?;
        match serde_json::from_str::<T>(&text) {
            Ok(value) if response.ok() || status == 400 => Ok(value),
            // A 2xx that is not the JSON expected (an HTML error page from a proxy…).
            Err(e) if response.ok() => Err(ApiError::Decode(e.to_string())),
            _ => Err(ApiError::from_response(
                status,
                &response.status_text(),
                &text,
            )),
        }
    }

    /// Sends a request to API `path` and returns the raw body of a 2xx answer.
    pub async fn send_text(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + ?Sized)>,
        abort: Option<&AbortSignal>,
    ) -> Result<String, ApiError> {
        self.send_text_to(method, &self.url(path), body, abort)
            .await
    }

    /// Sends a request to `url` and returns the raw body of a 2xx answer.
    pub async fn send_text_to(
        &self,
        method: Method,
        url: &str,
        body: Option<&(impl Serialize + ?Sized)>,
        abort: Option<&AbortSignal>,
    ) -> Result<String, ApiError> {
        let builder = self.builder(method, url, abort);
        let request = match body {
            Some(body) => builder
                .json(body)
                .map_err(|e| ApiError::Decode(e.to_string()))?,
            None => builder
                .build()
                .map_err(|e| ApiError::Network(e.to_string()))?,
        };
        let response = request.send().await.map_err(|e| {
            if abort.is_some_and(AbortSignal::aborted) {
                ApiError::Aborted
            } else {
                network_error(e)
            }
        })?;
        // A body cut off mid-answer is the network's fault, not a bad answer.
        let text = response.text().await.map_err(network_error)?;
        if response.ok() {
            Ok(text)
        } else {
            Err(ApiError::from_response(
                response.status(),
                &response.status_text(),
                &text,
            ))
        }
    }
}

fn network_error(e: gloo_net::Error) -> ApiError {
    ApiError::Network(e.to_string())
}

/// Percent-encodes a path segment or query value.
pub use crate::model::location::percent_encode as encode;

fn refused(what: &'static str, value: &str) -> ApiError {
    ApiError::InvalidId {
        what,
        value: value.chars().take(64).collect(),
    }
}

/// `uid` as a URL path segment: `Err` (and no request) unless Grafana could have issued it
/// ([`grafana_model::paths::is_valid_uid`]). Percent-encoding is not enough: a browser
/// reads `%2e%2e` as `..` and would send the request to another path.
///
/// ```
/// use leptos_grafana::api::uid_segment;
/// assert_eq!(uid_segment("P8E80F9AEF21F6940").unwrap(), "P8E80F9AEF21F6940");
/// assert!(uid_segment("..").is_err() && uid_segment(".").is_err() && uid_segment("a/b").is_err());
/// ```
pub fn uid_segment(uid: &str) -> Result<&str, ApiError> {
    if grafana_model::paths::is_valid_uid(uid) {
        Ok(uid)
    } else {
        Err(refused("uid", uid))
    }
}

/// A plugin id as a URL path segment: `Err` (and no request) unless it is one
/// ([`grafana_model::paths::is_valid_plugin_id`]).
///
/// ```
/// use leptos_grafana::api::plugin_id_segment;
/// assert!(plugin_id_segment("myorg-example-datasource").is_ok());
/// assert!(plugin_id_segment("..").is_err() && plugin_id_segment("x/../y").is_err());
/// ```
pub fn plugin_id_segment(id: &str) -> Result<&str, ApiError> {
    if grafana_model::paths::is_valid_plugin_id(id) {
        Ok(id)
    } else {
        Err(refused("plugin id", id))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn urls_and_encoding() {
        assert_eq!(
            ApiClient::new("http://g:3000/api/").url("/x"),
            "http://g:3000/api/x"
        );
        assert_eq!(ApiClient::same_origin().url("/x"), "/api/x");
        assert_eq!(ApiClient::same_origin().site_url("/login"), "/login");
        assert_eq!(
            ApiClient::new("/api/plugins/my-app/resources").site_url("/login"),
            "/login"
        );
        assert_eq!(encode("Jane Doe/ü"), "Jane%20Doe%2F%C3%BC");
    }
}
