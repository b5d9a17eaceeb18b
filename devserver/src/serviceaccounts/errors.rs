//! The service-account API's errors, as Grafana words them (errutil bodies with their
//! `messageId`), and how the API binds a body ([`Body`]).

use crate::body::{Binding, GrafanaJson};
use crate::ApiError;
use axum::http::StatusCode;

/// Grafana's errutil error: `{"message","messageId","statusCode","traceID"}`.
pub fn errutil(status: StatusCode, message: &str, id: &'static str) -> ApiError {
    ApiError::Errutil {
        status,
        message: message.to_owned(),
        message_id: id,
    }
}

/// `404 service account not found`.
pub fn not_found() -> ApiError {
    errutil(
        StatusCode::NOT_FOUND,
        "service account not found",
        "serviceaccounts.ErrNotFound",
    )
}

/// `404 service account token not found`.
pub fn token_not_found() -> ApiError {
    errutil(
        StatusCode::NOT_FOUND,
        "service account token not found",
        "serviceaccounts.ErrTokenNotFound",
    )
}

/// `400 Bad request data`.
pub fn bad_request_data() -> ApiError {
    ApiError::BadRequestData
}

/// A body as this area binds it, like Grafana's `web.Bind`: an empty body is `{}`, unknown
/// fields are ignored, anything malformed is `400 Bad request data`.
pub type Body<T> = GrafanaJson<T, ServiceAccountBinding>;

/// See [`Body`].
pub struct ServiceAccountBinding;

impl Binding for ServiceAccountBinding {
    const EMPTY_BODY_IS_EMPTY_OBJECT: bool = true;
    fn bad_request() -> ApiError {
        bad_request_data()
    }
}

/// Only plugin-managed accounts' names may start with `extsvc-`.
pub fn invalid_name() -> ApiError {
    errutil(
        StatusCode::BAD_REQUEST,
        "only external service account names can be prefixed with 'extsvc-'",
        "extsvcaccounts.ErrInvalidName",
    )
}

/// `400 invalid service account id specified`.
pub fn invalid_id() -> ApiError {
    errutil(
        StatusCode::BAD_REQUEST,
        "invalid service account id specified",
        "serviceaccounts.ErrInvalidId",
    )
}
