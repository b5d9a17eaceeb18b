//! Mounting the kit from JavaScript: a React (or any) host gives an element, Grafana's
//! `options` and `onOptionsChange`, and gets back a handle to push new options and to
//! unmount. This is what `embed/react/LeptosConfigEditor.tsx` calls from a Grafana
//! plugin's `setConfigEditor`.

use crate::components::DataSourceConfigEditor;
use crate::model::{ConfigSchema, DataSourceSettings};
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::prelude::*;

/// A mounted ConfigEditor. Dropping it (or calling `unmount`) removes it from the page.
#[wasm_bindgen]
pub struct ConfigEditorHandle {
    options: RwSignal<DataSourceSettings>,
    read_only: RwSignal<bool>,
    mounted: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl ConfigEditorHandle {
    /// Pushes new `options` from the host (Grafana re-renders its ConfigEditor with the
    /// settings it stored after `onOptionsChange`, or reloaded after a save).
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&self, options: JsValue) -> Result<(), JsError> {
        let settings: DataSourceSettings = serde_wasm_decode(options)?;
        self.options.set(settings);
        Ok(())
    }

    /// Disables every input (no write permission, provisioned data source).
    #[wasm_bindgen(js_name = setReadOnly)]
    pub fn set_read_only(&self, read_only: bool) {
        self.read_only.set(read_only);
    }

    /// Removes the editor from the page.
    pub fn unmount(&mut self) {
        self.mounted.take();
    }
}

fn serde_wasm_decode<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsError> {
    let json = js_sys::JSON::stringify(&value)
        .map_err(|_| JsError::new("value is not JSON-serialisable"))?;
    let text: String = json.into();
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("invalid settings: {e}")))
}

fn to_js(settings: &DataSourceSettings) -> JsValue {
    serde_json::to_string(settings)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// Mounts a `DataSourceConfigEditor` into `element`.
///
/// - `options`: Grafana's `props.options` (a `DataSourceSettings` object).
/// - `schema`: the plugin's editor schema object (see `ConfigSchema`), or `null` for the
///   standard sections.
/// - `on_options_change`: Grafana's `props.onOptionsChange`; called with the whole new
///   settings object on every edit.
#[wasm_bindgen(js_name = mountConfigEditor)]
pub fn mount_config_editor(
    element: web_sys::HtmlElement,
    options: JsValue,
    schema: JsValue,
    on_options_change: js_sys::Function,
) -> Result<ConfigEditorHandle, JsError> {
    console_error_panic_hook::set_once();
    let settings: DataSourceSettings = serde_wasm_decode(options)?;
    let schema: ConfigSchema = if schema.is_null() || schema.is_undefined() {
        ConfigSchema::new()
    } else {
        serde_wasm_decode(schema)?
    };
    let options = RwSignal::new(settings);
    let read_only = RwSignal::new(false);
    let callback = send_wrapper::SendWrapper::new(on_options_change);
    let handle = mount_to(element, move || {
        let callback = callback.clone();
        view! {
            <DataSourceConfigEditor
                options=options
                on_options_change=move |next: DataSourceSettings| {
                    let js = to_js(&next);
                    options.set(next);
                    // A throwing host callback must not take the editor down with it.
                    let _ = callback.call1(&JsValue::NULL, &js);
                }
                schema=schema.clone()
                read_only=read_only
            />
        }
    });
    Ok(ConfigEditorHandle {
        options,
        read_only,
        mounted: Some(Box::new(handle)),
    })
}
