//! [`DataSource`]: the data source instance Grafana gives a `QueryEditor`
//! (`props.datasource`, a `DataSourceWithBackend`), with its resource calls
//! (`getResource`) from Rust.

use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

/// The data source instance of a `QueryEditor`; cheap to clone.
#[derive(Clone)]
pub struct DataSource {
    instance: SendWrapper<JsValue>,
}

/// Why a resource call failed: Grafana's `message` when the plugin answered one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ResourceError(pub String);

impl DataSource {
    /// Wraps Grafana's `props.datasource`.
    pub fn new(instance: JsValue) -> Self {
        Self {
            instance: SendWrapper::new(instance),
        }
    }

    /// A string field of the instance (`uid`, `name`, `type`).
    pub fn field(&self, name: &str) -> Option<String> {
        js_sys::Reflect::get(&self.instance, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    }

    /// `datasource.getResource(path, params)`: a `GET` of the backend plugin's resource
    /// `path` (Grafana's `/api/datasources/uid/<uid>/resources/<path>`), decoded as `T`.
    ///
    /// ```no_run
    /// # async fn f(datasource: leptos_grafana::embed::DataSource) {
    /// let regions: Result<Vec<String>, _> = datasource.get_resource("regions", &[("kind", "all")]).await;
    /// # }
    /// ```
    pub async fn get_resource<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, &str)],
    ) -> Result<T, ResourceError> {
        let get = js_sys::Reflect::get(&self.instance, &JsValue::from_str("getResource"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| {
                ResourceError(
                    "this data source has no getResource (it is not a DataSourceWithBackend)"
                        .to_owned(),
                )
            })?;
        let query = js_sys::Object::new();
        for (key, value) in params {
            let _ =
                js_sys::Reflect::set(&query, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        let promise = get
            .call2(&self.instance, &JsValue::from_str(path), &query)
            .map_err(|e| ResourceError(message(&e)))?
            .dyn_into::<js_sys::Promise>()
            .map_err(|_| ResourceError("getResource did not return a Promise".to_owned()))?;
        let value = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|e| ResourceError(message(&e)))?;
        let text: String = js_sys::JSON::stringify(&value)
            .map(String::from)
            .unwrap_or_else(|_| "null".to_owned());
        serde_json::from_str(&text).map_err(|e| {
            ResourceError(format!("the resource {path} answered unexpected JSON: {e}"))
        })
    }
}

/// What a failed `getResource` says: Grafana's `FetchError` carries the answer's
/// `data.message` and its `status`; anything else thrown has a `message`.
fn message(error: &JsValue) -> String {
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok();
    if let Some(text) = get(error, "data")
        .and_then(|d| get(&d, "message"))
        .and_then(|m| m.as_string())
    {
        return text;
    }
    if let Some(text) = get(error, "message").and_then(|m| m.as_string()) {
        return text;
    }
    match get(error, "status").and_then(|s| s.as_f64()) {
        Some(status) => format!("the resource call failed (HTTP {status})"),
        None => "the resource call failed".to_owned(),
    }
}
