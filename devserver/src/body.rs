//! JSON request bodies as Grafana's `web.Bind` reads them: an object, whose unknown fields
//! are ignored. Anything else (an array where Grafana wants an object, a number, malformed
//! JSON) is refused, so `["admin","admin"]` is not a sign-in.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// `body` decoded as `T` when it is a JSON object; `None` otherwise.
pub fn json_object<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    match serde_json::from_slice::<Value>(body).ok()? {
        value @ Value::Object(_) => serde_json::from_value(value).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::json_object;

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
}
