//! `Refusal`: why the proxy did not send a request, as Grafana's status and words (never a
//! value: no secret, rendered template or URL).

use crate::ApiError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What went wrong while building the request: Grafana's status and words, never a value.
pub struct Refusal(pub StatusCode, pub &'static str);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        ApiError::message(self.0, self.1).into_response()
    }
}
