//! The data source API's errors, in the shapes Grafana answers them with (legacy
//! `{"message"}`, `{"message","traceID"}` and errutil), and how the API binds a body
//! ([`Body`]).

use crate::body::{Binding, GrafanaJson};
use crate::ApiError;
use axum::http::StatusCode;

/// Grafana's legacy `{"message": …}` error.
pub fn message(status: StatusCode, text: &str) -> ApiError {
    ApiError::message(status, text)
}

/// `response.Error(status, message, err)` with an underlying error: `{"message","traceID"}`.
pub fn traced(status: StatusCode, text: &str) -> ApiError {
    ApiError::MessageWithTrace {
        status,
        message: text.to_owned(),
    }
}

/// `404 Data source not found`.
pub fn not_found() -> ApiError {
    message(StatusCode::NOT_FOUND, "Data source not found")
}

/// `500 Unable to load datasource metadata`: the health check's answer for a data source
/// that is not there.
pub fn unable_to_load() -> ApiError {
    traced(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Unable to load datasource metadata",
    )
}

/// A validation failure: Grafana's errutil 400 with its `messageId`.
pub fn validation(message_id: &'static str, text: &str) -> ApiError {
    ApiError::Errutil {
        status: StatusCode::BAD_REQUEST,
        message: text.to_owned(),
        message_id,
    }
}

/// A body as this area binds it (Grafana's `web.Bind`): malformed JSON or a missing
/// required field is `400 {"message":"bad request data","traceID":""}`.
pub type Body<T> = GrafanaJson<T, DataSourceBinding>;

/// See [`Body`].
pub struct DataSourceBinding;

impl Binding for DataSourceBinding {
    fn bad_request() -> ApiError {
        bad_request_data()
    }
}

/// `400 {"message":"bad request data","traceID":""}`.
pub fn bad_request_data() -> ApiError {
    traced(StatusCode::BAD_REQUEST, "bad request data")
}

/// `400 Validation error, invalid URL`.
pub fn invalid_url() -> ApiError {
    traced(StatusCode::BAD_REQUEST, "Validation error, invalid URL")
}
