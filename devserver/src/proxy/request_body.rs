//! A caller's request body on its way to an upstream (either proxy): streamed as it
//! arrives, never held whole, and refused (413) past `MAX_BODY`.

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// Largest request body either proxy forwards: a larger declared `Content-Length`
/// answers 413, and a body that grows past it mid-stream ends the upstream request.
pub(crate) const MAX_BODY: usize = 32 * 1024 * 1024;

/// A caller's body on its way upstream: streamed as it arrives (never held whole), with
/// its length when the caller declared one.
pub(crate) struct RequestBody {
    body: reqwest::Body,
    length: Option<u64>,
}

impl RequestBody {
    /// A body rendered here (a route's `body` template): its length is its own.
    pub(crate) fn rendered(text: String) -> Self {
        Self {
            body: reqwest::Body::from(text),
            length: None,
        }
    }

    /// Puts the body (and its `Content-Length`, so the upstream sees the caller's
    /// framing) on `request`.
    pub(crate) fn send_with(self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let request = request.body(self.body);
        match self.length {
            Some(n) => request.header(header::CONTENT_LENGTH, n),
            None => request,
        }
    }
}

/// A declared request body over [`MAX_BODY`]: 413.
pub(crate) struct BodyTooLarge;

impl IntoResponse for BodyTooLarge {
    fn into_response(self) -> Response {
        (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response()
    }
}

/// The caller's body as a [`RequestBody`], or [`BodyTooLarge`] for a declared length
/// over [`MAX_BODY`].
pub(crate) fn request_body(body: Body, headers: &HeaderMap) -> Result<RequestBody, BodyTooLarge> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let length = declared.or(body.size_hint().exact());
    if length.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(BodyTooLarge);
    }
    if length == Some(0) {
        return Ok(RequestBody {
            body: reqwest::Body::from(Bytes::new()),
            length: None,
        });
    }
    let limited = Body::new(http_body_util::Limited::new(body, MAX_BODY));
    Ok(RequestBody {
        body: reqwest::Body::wrap_stream(limited.into_data_stream()),
        length,
    })
}
