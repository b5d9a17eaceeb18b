//! `ApiError`: every way a call to Grafana's HTTP API can fail, with Grafana's `message`
//! (read from the error bodies Grafana writes: `grafana_model`'s `ErrorBody`).

use grafana_model::dtos::ErrorBody;

/// A failed API call. `Clone` so resources can hold it; messages only, no JS handles.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with a non-2xx status.
    #[error("{message}")]
    Http {
        /// HTTP status code.
        status: u16,
        /// Grafana's `message`, or a clear text for a non-JSON body.
        message: String,
        /// Grafana's `messageId`, when given (e.g. `serviceaccounts.ErrNotFound`).
        message_id: Option<String>,
    },
    /// The request never got an answer (server down, network off, CORS…).
    #[error("Could not reach the server: {0}")]
    Network(String),
    /// The answer was not the JSON expected.
    #[error("Unexpected response from the server: {0}")]
    Decode(String),
    /// A newer request replaced this one.
    #[error("Request cancelled")]
    Aborted,
    /// A uid or plugin id Grafana never issues (`..`, `a/b`, …): refused before any URL is
    /// built, so no request is sent anywhere.
    #[error("Invalid {what} {value:?}: only letters, digits, '-' and '_' are allowed")]
    InvalidId {
        /// `uid` or `plugin id`.
        what: &'static str,
        /// The refused value (at most 64 characters of it).
        value: String,
    },
}

impl ApiError {
    /// Builds the error for a non-2xx answer from its status, status text and body.
    pub fn from_response(status: u16, status_text: &str, body: &str) -> Self {
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(ErrorBody {
                message: Some(message),
                message_id,
                ..
            }) if !message.is_empty() => ApiError::Http {
                status,
                message,
                message_id,
            },
            _ => {
                let text = body.trim();
                let message = if !text.is_empty() && text.len() <= 300 && !text.starts_with('<') {
                    text.to_owned()
                } else if status_text.is_empty() {
                    format!("HTTP error {status}")
                } else {
                    format!("HTTP error {status} {status_text}")
                };
                ApiError::Http {
                    status,
                    message,
                    message_id: None,
                }
            }
        }
    }

    /// The HTTP status, for `Http` errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// 401: the user must sign in (again).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn grafana_bodies_give_their_message() {
        let e = ApiError::from_response(
            404,
            "Not Found",
            r#"{"message":"service account not found","messageId":"serviceaccounts.ErrNotFound","statusCode":404,"traceID":""}"#,
        );
        assert_eq!(e.to_string(), "service account not found");
        assert_eq!(
            e,
            ApiError::Http {
                status: 404,
                message: "service account not found".into(),
                message_id: Some("serviceaccounts.ErrNotFound".into())
            }
        );
        let denied = ApiError::from_response(
            403,
            "Forbidden",
            r#"{"title":"Access denied","message":"You'll need additional permissions to perform this action. Permissions needed: serviceaccounts:read","accessErrorId":"ACE1234567890"}"#,
        );
        assert!(denied.to_string().ends_with("serviceaccounts:read"));
    }

    proptest::proptest! {
        #[test]
        fn any_answer_gives_a_non_empty_message(status in 100u16..600, body in "\\PC{0,400}") {
            let e = ApiError::from_response(status, "", &body);
            proptest::prop_assert!(!e.to_string().trim().is_empty());
            // Only a JSON body's own `message` can be longer than a line of text.
            let json_like = body.trim_start().starts_with(char::from(b'{'));
            proptest::prop_assert!(e.to_string().len() <= 400 || json_like);
        }
    }

    #[test]
    fn other_bodies_fall_back_to_clear_text() {
        let plain = "The expiration date input exceeds the limit for service account access tokens expiration date";
        assert_eq!(
            ApiError::from_response(400, "Bad Request", plain).to_string(),
            plain
        );
        assert_eq!(
            ApiError::from_response(502, "Bad Gateway", "<html>proxy</html>").to_string(),
            "HTTP error 502 Bad Gateway"
        );
        assert_eq!(
            ApiError::from_response(500, "", "").to_string(),
            "HTTP error 500"
        );
        assert!(ApiError::from_response(401, "", "{}").is_unauthorized());
    }
}
