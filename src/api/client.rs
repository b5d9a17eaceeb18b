//! `ApiClient`: where Grafana's API is (same origin, an app plugin's resource route, a
//! devserver) and how to authenticate; one `send` used by every endpoint function.

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

/// A configured client. Cheap to clone; pages receive it as a prop or from context.
///
/// ```
/// use leptos_grafana::api::ApiClient;
/// let inside_grafana = ApiClient::same_origin();
/// let elsewhere = ApiClient::new("https://grafana.example.com").with_bearer_token("glsa_…");
/// assert_eq!(elsewhere.url("/api/health"), "https://grafana.example.com/api/health");
/// # let _ = inside_grafana;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiClient {
    base_url: String,
    bearer_token: Option<String>,
}

impl ApiClient {
    /// Calls `/api/…` on the page's own origin, with the browser's session cookie (what a
    /// plugin page inside Grafana, or the devserver app, wants).
    pub fn same_origin() -> Self {
        Self::default()
    }

    /// Calls the API under `base_url` (no trailing slash needed).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            bearer_token: None,
        }
    }

    /// Sends `Authorization: Bearer <token>` (a service-account token) with every call.
    pub fn with_bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// The full URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn builder(&self, method: Method, path: &str, abort: Option<&AbortSignal>) -> RequestBuilder {
        let url = self.url(path);
        let builder = match method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
            Method::Patch => Request::patch(&url),
            Method::Delete => Request::delete(&url),
        }
        .credentials(RequestCredentials::Include)
        .header("Accept", "application/json")
        .abort_signal(abort);
        match &self.bearer_token {
            Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
            None => builder,
        }
    }

    /// Sends a request and decodes a 2xx JSON answer as `T`; anything else is an
    /// [`ApiError`] carrying Grafana's message.
    pub async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + ?Sized)>,
        abort: Option<&AbortSignal>,
    ) -> Result<T, ApiError> {
        let text = self.send_text(method, path, body, abort).await?;
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
            .builder(method, path, None)
            .send()
            .await
            .map_err(network_error)?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()))?;
        if let Ok(value) = serde_json::from_str::<T>(&text) {
            if response.ok() || status == 400 {
                return Ok(value);
            }
        }
        Err(ApiError::from_response(
            status,
            &response.status_text(),
            &text,
        ))
    }

    /// Sends a request and returns the raw body of a 2xx answer.
    pub async fn send_text(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + ?Sized)>,
        abort: Option<&AbortSignal>,
    ) -> Result<String, ApiError> {
        let builder = self.builder(method, path, abort);
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
        let text = response
            .text()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()))?;
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
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn urls_and_encoding() {
        assert_eq!(
            ApiClient::new("http://g:3000/").url("/api/x"),
            "http://g:3000/api/x"
        );
        assert_eq!(ApiClient::same_origin().url("/api/x"), "/api/x");
        assert_eq!(encode("Jane Doe/ü"), "Jane%20Doe%2F%C3%BC");
    }
}
