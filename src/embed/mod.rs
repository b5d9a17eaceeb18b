//! Mounting Leptos views from JavaScript: the public home of everything a Grafana
//! plugin's wasm package exports, the kit's own and a plugin author's.
//!
//! **Your own components.** A plugin author's crate (a `cdylib` that depends on the kit)
//! writes one `#[wasm_bindgen]` function per entry point and returns a [`MountHandle`]:
//!
//! - [`config_editor`]: a data source `ConfigEditor` (`options`, `onOptionsChange`);
//! - [`query_editor`]: a data source `QueryEditor` (`query`, `onChange`, `onRunQuery`,
//!   `datasource` with [`DataSource::get_resource`]);
//! - [`app_page`]: an app plugin page (`basePath`, `location`, `onNavigate`, `meta`).
//!
//! ```no_run
//! use leptos::prelude::*;
//! use leptos_grafana::embed::{app_page, MountHandle};
//! use wasm_bindgen::prelude::*;
//!
//! #[wasm_bindgen(js_name = mountAppPage)]
//! pub fn mount_app_page(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
//!     app_page(element, props, |_| view! { <h1>"Hello from Leptos"</h1> })
//! }
//! ```
//!
//! The React glue (`@leptos-grafana/react`: `leptosConfigEditor`, `leptosQueryEditor`,
//! `leptosAppPage`) loads the package and calls the function with Grafana's props.
//!
//! **The contract**, the same for every mount: the props object is checked (a malformed
//! prop is a JavaScript `Error` that names it, never a panic, and never repeats a value:
//! `options` can carry secrets); `handle.update(props)` applies a new render (any subset;
//! an unchanged value changes nothing, so typing keeps focus and caret); every mount owns
//! its reactive state in its own [`leptos::prelude::Owner`], and `handle.unmount()` frees it
//! all and empties the element; host callbacks run outside Leptos' borrows ([`host`]), and
//! a host that unmounts from inside one is served once the kit's code has returned.
//!
//! **The kit's own components** ([`kit`]): the data source ConfigEditor of a
//! `config-schema.json` or `dsconfig.json`, and the service-account pages. The kit's
//! packages (`embed/wasm-package`) export them the same way.

mod app_page;
mod config_editor;
mod datasource;
pub mod host;
pub mod kit;
mod mount;
mod props;
mod query_editor;

pub use app_page::{app_page, AppPageProps};
pub use config_editor::{config_editor, ConfigEditorProps};
pub use datasource::{DataSource, ResourceError};
pub use mount::{mount, set_if_changed, MountHandle, Mounted, Update};
pub use props::{mount_args, Props};
pub use query_editor::{query_editor, QueryEditorProps};

/// The bytes of the wasm linear memory (it only grows, in 64 KiB pages): what the memory
/// tests and `make bench` read after mount/unmount cycles. A package exports it as
/// `wasmMemoryBytes`.
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map(|b| b.byte_length() as f64)
        .unwrap_or(0.0)
}
