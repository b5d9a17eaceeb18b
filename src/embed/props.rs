//! [`Props`]: reading a host's props object. Every error names the function and the prop,
//! and no message ever repeats a value: `options` can carry secrets.
//!
//! ```no_run
//! use leptos_grafana::embed::Props;
//! # fn f(value: wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsError> {
//! let props = Props::new("mountQueryEditor", &value)?;
//! let refresh: Option<bool> = props.bool("autoRefresh")?;
//! # Ok(()) }
//! ```

use crate::model::location::HostLocation;
use crate::model::redact::redact_values;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsError, JsValue};

/// A props object passed to one of the mount functions.
pub struct Props<'a> {
    value: &'a JsValue,
    api: &'static str,
}

impl<'a> Props<'a> {
    /// `value` must be a (non-array) object; `api` names the caller in errors.
    pub fn new(api: &'static str, value: &'a JsValue) -> Result<Self, JsError> {
        if !value.is_object() || js_sys::Array::is_array(value) {
            return Err(JsError::new(&format!("{api}: props must be an object")));
        }
        Ok(Self { value, api })
    }

    /// An error about this call.
    pub fn error(&self, message: &str) -> JsError {
        JsError::new(&format!("{}: {message}", self.api))
    }

    /// `props[key]`, with `undefined` and `null` as `None`.
    pub fn get(&self, key: &str) -> Result<Option<JsValue>, JsError> {
        let v = js_sys::Reflect::get(self.value, &JsValue::from_str(key))
            .map_err(|_| self.error(&format!("reading props.{key} threw")))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    }

    /// Whether `props[key]` is there at all (for `update`, which takes partial props).
    pub fn has(&self, key: &str) -> bool {
        js_sys::Reflect::has(self.value, &JsValue::from_str(key)).unwrap_or(false)
    }

    /// An optional function.
    pub fn function(&self, key: &str) -> Result<Option<js_sys::Function>, JsError> {
        self.typed(key, "a function", |v| v.dyn_into::<js_sys::Function>().ok())
    }

    /// An optional string.
    pub fn string(&self, key: &str) -> Result<Option<String>, JsError> {
        self.typed(key, "a string", |v| v.as_string())
    }

    /// An optional boolean.
    pub fn bool(&self, key: &str) -> Result<Option<bool>, JsError> {
        self.typed(key, "a boolean", |v| v.as_bool())
    }

    /// An optional value that `convert` accepts; else "props.{key} must be {what}".
    fn typed<T>(
        &self,
        key: &str,
        what: &str,
        convert: impl FnOnce(JsValue) -> Option<T>,
    ) -> Result<Option<T>, JsError> {
        match self.get(key)? {
            None => Ok(None),
            Some(v) => convert(v)
                .map(Some)
                .ok_or_else(|| self.error(&format!("props.{key} must be {what}"))),
        }
    }

    /// An optional org id (`X-Grafana-Org-Id`): a whole number ≥ 1.
    pub fn org_id(&self, key: &str) -> Result<Option<i64>, JsError> {
        self.typed(key, "a whole number of at least 1 (an org id)", |v| {
            v.as_f64().and_then(super::host::org_id)
        })
    }

    /// An optional host router location: `{ pathname, search }` (history's `location`)
    /// or one `pathname + search` string.
    pub fn location(&self, key: &str) -> Result<Option<HostLocation>, JsError> {
        let Some(v) = self.get(key)? else {
            return Ok(None);
        };
        if let Some(text) = v.as_string() {
            return Ok(Some(HostLocation::parse(&text)));
        }
        let shape = || {
            self.error(&format!(
                "props.{key} must be {{ pathname, search }} or a path string"
            ))
        };
        let inner = Props::new(self.api, &v).map_err(|_| shape())?;
        let pathname =
            inner.string("pathname").ok().flatten().ok_or_else(|| {
                self.error(&format!("props.{key}.pathname is required (a string)"))
            })?;
        let search = inner
            .string("search")
            .map_err(|_| shape())?
            .unwrap_or_default();
        Ok(Some(HostLocation::new(pathname, search)))
    }

    /// `value`, or the error `message` when the prop it came from is missing.
    pub fn required<T>(&self, value: Option<T>, message: &str) -> Result<T, JsError> {
        value.ok_or_else(|| self.error(message))
    }

    /// An optional object.
    pub fn object(&self, key: &str) -> Result<Option<JsValue>, JsError> {
        match self.get(key)? {
            None => Ok(None),
            Some(v) if v.is_object() && !js_sys::Array::is_array(&v) => Ok(Some(v)),
            Some(_) => Err(self.error(&format!("props.{key} must be an object"))),
        }
    }

    /// An optional object decoded as `T` through JSON; `what` says what it should be.
    pub fn json<T: DeserializeOwned>(&self, key: &str, what: &str) -> Result<Option<T>, JsError> {
        let Some(v) = self.object(key)? else {
            return Ok(None);
        };
        let text: String = js_sys::JSON::stringify(&v)
            .map_err(|_| self.error(&format!("props.{key} cannot be turned into JSON")))?
            .into();
        serde_json::from_str(&text).map(Some).map_err(|e| {
            self.error(&format!(
                "props.{key} is not {what}: {}",
                redact_values(&e.to_string())
            ))
        })
    }
}

/// What every mount function starts with: the panic hook (panics reach the console), the
/// element to mount into and the props object, both checked.
pub fn mount_args<'a>(
    api: &'static str,
    element_value: JsValue,
    props_value: &'a JsValue,
) -> Result<(web_sys::HtmlElement, Props<'a>), JsError> {
    console_error_panic_hook::set_once();
    Ok((element(api, element_value)?, Props::new(api, props_value)?))
}

/// The element to mount into: it must be an `HTMLElement`.
fn element(api: &'static str, value: JsValue) -> Result<web_sys::HtmlElement, JsError> {
    value
        .dyn_into::<web_sys::HtmlElement>()
        .map_err(|_| JsError::new(&format!("{api}: element must be an HTMLElement")))
}
