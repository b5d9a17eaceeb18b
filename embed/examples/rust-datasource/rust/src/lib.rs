//! The example Rust data source's frontend: two `#[wasm_bindgen]` mount functions over the
//! kit's [`leptos_grafana::embed`] API, one per component Grafana asks for. The plugin's
//! `module.ts` hands them to `leptosConfigEditor` and `leptosQueryEditor`.

#[cfg(target_arch = "wasm32")]
mod config_editor;
#[cfg(target_arch = "wasm32")]
mod query_editor;

#[cfg(target_arch = "wasm32")]
mod exports {
    use leptos::prelude::*;
    use leptos_grafana::embed::{config_editor, query_editor, wasm_memory_bytes, MountHandle};
    use wasm_bindgen::prelude::*;

    /// `mountConfigEditor(element, { options, onOptionsChange })`.
    #[wasm_bindgen(js_name = mountConfigEditor)]
    pub fn mount_config_editor(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
        config_editor(element, props, |props| {
            view! { <crate::config_editor::ExampleConfigEditor props /> }
        })
    }

    /// `mountQueryEditor(element, { query, onChange, onRunQuery, datasource })`.
    #[wasm_bindgen(js_name = mountQueryEditor)]
    pub fn mount_query_editor(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
        query_editor(element, props, |props| {
            view! { <crate::query_editor::ExampleQueryEditor props /> }
        })
    }

    /// The package's wasm memory in bytes (the memory tests read it between mounts).
    #[wasm_bindgen(js_name = wasmMemoryBytes)]
    pub fn memory_bytes() -> f64 {
        wasm_memory_bytes()
    }
}
