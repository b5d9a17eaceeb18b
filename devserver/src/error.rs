//! `ApiError`: every error an API handler returns, written in Grafana's JSON shapes.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An API error; `IntoResponse` writes Grafana's status and body for each.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Grafana's legacy `response.Error(status, message)`: `{"message": …}`.
    #[error("{status}: {message}")]
    Message {
        /// HTTP status.
        status: StatusCode,
        /// Public message.
        message: String,
    },
    /// Grafana's errutil error: `{"message","messageId","statusCode","traceID"}`.
    #[error("{status}: {message} ({message_id})")]
    Errutil {
        /// HTTP status.
        status: StatusCode,
        /// Public message.
        message: String,
        /// Grafana's `messageId`, e.g. `serviceaccounts.ErrNotFound`.
        message_id: &'static str,
    },
    /// The authentication middleware's 401: errutil fields plus `"extra": null`.
    #[error("401: {message} ({message_id})")]
    Unauthenticated {
        /// Public message, e.g. `Invalid API key`.
        message: String,
        /// Grafana's `messageId`, e.g. `api-key.invalid`.
        message_id: &'static str,
    },
    /// A `400` whose body is plain text (Grafana's `response.Respond(400, "…")`).
    #[error("400: {0}")]
    PlainText(String),
    /// A database failure; the detail is logged, the client sees a generic 500.
    #[error("database error: {0}")]
    Database(#[from] crate::db::DbError),
    /// Grafana's binding failure: `400 {"message":"Bad request data","traceID":""}`.
    #[error("bad request data")]
    BadRequestData,
    /// Grafana's `response.Error(status, message, err)` with an underlying error:
    /// `{"message": …, "traceID": ""}`.
    #[error("{status}: {message}")]
    MessageWithTrace {
        /// HTTP status.
        status: StatusCode,
        /// Public message.
        message: String,
    },
    /// Grafana's RBAC denial: `403 {"title":"Access denied","message":…,"accessErrorId"}`.
    #[error("access denied: {action}")]
    AccessDenied {
        /// The RBAC action that was needed, e.g. `datasources:write`.
        action: String,
    },
}

impl ApiError {
    /// A legacy `{"message": …}` error.
    pub fn message(status: StatusCode, message: impl Into<String>) -> Self {
        Self::Message {
            status,
            message: message.into(),
        }
    }

    /// `404 {"message":"Not found"}`, Grafana's answer for an unknown API route.
    pub fn not_found() -> Self {
        Self::message(StatusCode::NOT_FOUND, "Not found")
    }
}

/// A write handler's answer, as Grafana's `response.Success(message)`: `{"message": done}`
/// when the store did the write (`changed`), else the handler's error.
pub fn success_or(
    changed: bool,
    done: &str,
    error: impl FnOnce() -> ApiError,
) -> Result<Json<serde_json::Value>, ApiError> {
    if changed {
        Ok(Json(json!({ "message": done })))
    } else {
        Err(error())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Message { status, message } => {
                (status, Json(json!({ "message": message }))).into_response()
            }
            ApiError::MessageWithTrace { status, message } => {
                (status, Json(json!({ "message": message, "traceID": "" }))).into_response()
            }
            ApiError::BadRequestData => (
                StatusCode::BAD_REQUEST,
                Json(json!({ "message": "Bad request data", "traceID": "" })),
            )
                .into_response(),
            ApiError::Errutil {
                status,
                message,
                message_id,
            } => (
                status,
                Json(json!({
                    "message": message,
                    "messageId": message_id,
                    "statusCode": status.as_u16(),
                    "traceID": "",
                })),
            )
                .into_response(),
            ApiError::Unauthenticated {
                message,
                message_id,
            } => (
                StatusCode::UNAUTHORIZED,
                Json(json!({
                    "extra": null,
                    "message": message,
                    "messageId": message_id,
                    "statusCode": 401,
                    "traceID": "",
                })),
            )
                .into_response(),
            ApiError::PlainText(text) => (
                StatusCode::BAD_REQUEST,
                [(
                    axum::http::header::CONTENT_TYPE,
                    "text/plain; charset=utf-8",
                )],
                text,
            )
                .into_response(),
            ApiError::Database(err) => {
                tracing::error!(%err, "database error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({ "message": "Internal Server Error", "traceID": "" })),
                )
                    .into_response()
            }
            ApiError::AccessDenied { action } => (
                StatusCode::FORBIDDEN,
                Json(json!({
                    "title": "Access denied",
                    "message": format!(
                        "You'll need additional permissions to perform this action. \
                         Permissions needed: {action}"
                    ),
                    "accessErrorId": access_error_id(),
                })),
            )
                .into_response(),
        }
    }
}

/// `ACE` followed by 10 random digits, like Grafana's `accessErrorId`.
fn access_error_id() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    let digits: String = (0..10)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect();
    format!("ACE{digits}")
}
