//! JSON request bodies as Grafana's `web.Bind` reads them: an object, whose unknown fields
//! are ignored. Anything else (an array where Grafana wants an object, a number, malformed
//! JSON) is refused, so `["admin","admin"]` is not a sign-in.
//!
//! Handlers take a [`GrafanaJson<T>`] and call [`GrafanaJson::bind`] where Grafana's
//! handler binds: after the permission checks that answer first. Each API area says with a
//! [`Binding`] which 400 a refused body gets.

use crate::ApiError;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::marker::PhantomData;

/// `body` decoded as `T` when it is a JSON object; `None` otherwise.
pub fn json_object<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    match serde_json::from_slice::<Value>(body).ok()? {
        value @ Value::Object(_) => serde_json::from_value(value).ok(),
        _ => None,
    }
}

/// How an API area binds a body: the 400 it answers when the body is not a JSON object of
/// the right shape, and what an empty body means there.
pub trait Binding {
    /// Whether an empty body (nothing but whitespace) binds as `{}`.
    const EMPTY_BODY_IS_EMPTY_OBJECT: bool = false;

    /// The answer to a body that does not bind.
    fn bad_request() -> ApiError;
}

/// Grafana's `400 {"message":"Bad request data","traceID":""}`; an empty body is refused
/// too.
pub struct BadRequestData;

impl Binding for BadRequestData {
    fn bad_request() -> ApiError {
        ApiError::BadRequestData
    }
}

/// A request body, read when the request arrives (axum's default size limit and its
/// answer to a body too large or unreadable apply, as for `Bytes`) and decoded by
/// [`json_object`] when the handler calls [`GrafanaJson::bind`].
pub struct GrafanaJson<T, B = BadRequestData> {
    body: Bytes,
    shape: PhantomData<fn() -> (T, B)>,
}

impl<T: DeserializeOwned, B: Binding> GrafanaJson<T, B> {
    /// The body as `T`, or the area's 400 ([`Binding::bad_request`]).
    pub fn bind(self) -> Result<T, ApiError> {
        let body: &[u8] =
            if B::EMPTY_BODY_IS_EMPTY_OBJECT && self.body.iter().all(u8::is_ascii_whitespace) {
                b"{}"
            } else {
                &self.body
            };
        json_object(body).ok_or_else(B::bad_request)
    }
}

impl<S: Send + Sync, T, B> FromRequest<S> for GrafanaJson<T, B> {
    type Rejection = BytesRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, BytesRejection> {
        Ok(Self {
            body: Bytes::from_request(req, state).await?,
            shape: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Login {
        user: String,
    }

    #[test]
    fn only_objects_bind() {
        assert_eq!(
            json_object::<Login>(br#"{"user":"a","x":1}"#).unwrap().user,
            "a"
        );
        for body in [&br#"["a"]"#[..], b"\"a\"", b"1", b"null", b"{", b""] {
            assert!(
                json_object::<Login>(body).is_none(),
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[derive(serde::Deserialize, Debug, Default)]
    struct Optional {
        #[serde(default)]
        user: String,
    }

    struct EmptyIsObject;

    impl Binding for EmptyIsObject {
        const EMPTY_BODY_IS_EMPTY_OBJECT: bool = true;
        fn bad_request() -> ApiError {
            ApiError::PlainText("refused".to_owned())
        }
    }

    fn body<B>(text: &'static str) -> GrafanaJson<Optional, B> {
        GrafanaJson {
            body: Bytes::from_static(text.as_bytes()),
            shape: PhantomData,
        }
    }

    #[test]
    fn an_area_chooses_its_answer_and_what_an_empty_body_means() {
        assert!(matches!(
            body::<BadRequestData>(" ").bind(),
            Err(ApiError::BadRequestData)
        ));
        assert_eq!(body::<EmptyIsObject>(" \n").bind().unwrap().user, "");
        assert!(matches!(
            body::<EmptyIsObject>("[]").bind(),
            Err(ApiError::PlainText(_))
        ));
        assert_eq!(
            body::<BadRequestData>(r#"{"user":"a"}"#)
                .bind()
                .unwrap()
                .user,
            "a"
        );
    }
}
