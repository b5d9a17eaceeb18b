//! [`query_editor`]: mount your own Leptos view as a data source's `QueryEditor`, with the
//! contract of Grafana's `QueryEditorProps`: `query`, `onChange`, `onRunQuery` and
//! `datasource` (whose resources the view can call, see [`DataSource::get_resource`]).
//!
//! The query is your own type `Q`. Grafana's fields it does not name (`refId`,
//! `datasource`, `hide`, …) are kept: `on_change` sends the query Grafana gave with your
//! fields written over it. Serialize a cleared field as `null` rather than skipping it, or
//! Grafana's previous value stays.

use super::config_editor::to_js;
use super::datasource::DataSource;
use super::host;
use super::mount::{mount, set_if_changed, MountHandle, Update};
use super::props::{mount_args, Props};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

const API: &str = "mountQueryEditor";

/// What Grafana gives a `QueryEditor`, as Leptos values.
pub struct QueryEditorProps<Q: Send + Sync + 'static> {
    /// Grafana's `props.query`: set again on every host render.
    pub query: RwSignal<Q>,
    /// Grafana's `props.onChange`: the query is shown at once and sent to the host.
    pub on_change: Callback<Q>,
    /// Grafana's `props.onRunQuery`: runs the panel's queries.
    pub on_run_query: Callback<()>,
    /// Grafana's `props.datasource`.
    pub datasource: Signal<DataSource>,
}

impl<Q: Send + Sync + 'static> Clone for QueryEditorProps<Q> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Q: Send + Sync + 'static> Copy for QueryEditorProps<Q> {}

/// What `update` changes in a mounted query editor.
struct Editor<Q: Send + Sync + 'static> {
    query: RwSignal<Q>,
    raw: StoredValue<Value>,
    on_change: StoredValue<SendWrapper<js_sys::Function>>,
    on_run_query: StoredValue<Option<SendWrapper<js_sys::Function>>>,
    datasource: RwSignal<DataSource>,
}

/// `props.query`: the raw JSON (kept for the fields `Q` does not name) and `Q`.
fn query<Q: DeserializeOwned>(props: &Props) -> Result<Option<(Value, Q)>, JsError> {
    let Some(raw) = props.json::<Value>("query", "an object")? else {
        return Ok(None);
    };
    let typed = serde_json::from_value::<Q>(raw.clone()).map_err(|e| {
        props.error(&format!(
            "props.query is not this editor's query: {}",
            crate::model::redact::redact_values(&e.to_string())
        ))
    })?;
    Ok(Some((raw, typed)))
}

/// `raw` with every field of `query` written over it.
fn merged<Q: Serialize>(raw: &Value, query: &Q) -> Value {
    let mut out = raw.clone();
    match (serde_json::to_value(query), out.as_object_mut()) {
        (Ok(Value::Object(fields)), Some(target)) => {
            target.extend(fields);
            out
        }
        (Ok(other), _) => other,
        (Err(_), _) => out,
    }
}

/// Mounts `editor` into `element` as a data source `QueryEditor`.
///
/// `props`: `query`, `onChange` (required), `onRunQuery` and `datasource`, as Grafana
/// passes them. The handle's `update(props)` takes each new render.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_grafana::embed::{query_editor, MountHandle, QueryEditorProps};
/// use serde::{Deserialize, Serialize};
/// use wasm_bindgen::prelude::*;
///
/// #[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
/// struct MyQuery {
///     #[serde(default, rename = "queryText")]
///     query_text: String,
/// }
///
/// #[wasm_bindgen(js_name = mountQueryEditor)]
/// pub fn mount_query_editor(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
///     query_editor(element, props, |p: QueryEditorProps<MyQuery>| {
///         view! {
///             <input
///                 aria-label="Query text"
///                 prop:value=move || p.query.with(|q| q.query_text.clone())
///                 on:input=move |ev| p.on_change.run(MyQuery { query_text: event_target_value(&ev) })
///                 on:keydown=move |ev| if ev.key() == "Enter" { p.on_run_query.run(()) }
///             />
///         }
///     })
/// }
/// ```
pub fn query_editor<Q, V>(
    element: JsValue,
    props: JsValue,
    editor: impl FnOnce(QueryEditorProps<Q>) -> V + 'static,
) -> Result<MountHandle, JsError>
where
    Q: Serialize + DeserializeOwned + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let (element, props) = mount_args(API, element, &props)?;
    let (raw, typed) = props.required(
        query::<Q>(&props)?,
        "props.query is required (Grafana's DataQuery)",
    )?;
    let on_change = props.required(
        props.function("onChange")?,
        "props.onChange is required (a function)",
    )?;
    let on_run_query = props.function("onRunQuery")?;
    let datasource = DataSource::new(props.get("datasource")?.unwrap_or(JsValue::NULL));
    mount("QueryEditorHandle.update", element, || {
        let query = RwSignal::new(typed);
        let raw = StoredValue::new(raw);
        let on_change = StoredValue::new(SendWrapper::new(on_change));
        let on_run_query = StoredValue::new(on_run_query.map(SendWrapper::new));
        let datasource = RwSignal::new(datasource);
        let change = Callback::new(move |next: Q| {
            let full = raw.with_value(|r| merged(r, &next));
            raw.set_value(full.clone());
            query.set(next);
            host::call(&on_change.get_value(), &[to_js(&full)]);
        });
        let run = Callback::new(move |()| {
            if let Some(f) = on_run_query.get_value() {
                host::call(&f, &[]);
            }
        });
        let state = Editor {
            query,
            raw,
            on_change,
            on_run_query,
            datasource,
        };
        Ok((state, move || {
            editor(QueryEditorProps {
                query,
                on_change: change,
                on_run_query: run,
                datasource: datasource.into(),
            })
        }))
    })
}

impl<Q> Update for Editor<Q>
where
    Q: Serialize + DeserializeOwned + PartialEq + Send + Sync + 'static,
{
    fn update(&mut self, props: &Props, _owner: &Owner) -> Result<(), JsError> {
        if let Some((raw, typed)) = query::<Q>(props)? {
            self.raw.set_value(raw);
            set_if_changed(self.query, Some(typed));
        }
        if let Some(f) = props.function("onChange")? {
            self.on_change.set_value(SendWrapper::new(f));
        }
        if props.has("onRunQuery") {
            self.on_run_query
                .set_value(props.function("onRunQuery")?.map(SendWrapper::new));
        }
        if let Some(instance) = props.get("datasource")? {
            self.datasource.set(DataSource::new(instance));
        }
        Ok(())
    }
}
