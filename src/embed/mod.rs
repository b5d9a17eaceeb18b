//! Mounting the kit from JavaScript: what a Grafana plugin's React glue (`embed/react`)
//! calls, and what any other JavaScript host can call.
//!
//! - [`mount_config_editor`] (`mountConfigEditor(element, props)`): the data source
//!   `ConfigEditor` with Grafana's `options`, `onOptionsChange` and `validation`.
//! - [`mount_service_accounts`] (`mountServiceAccounts(element, props)`): the
//!   service-account pages below a base path, moving through the host's router.
//!
//! Each sits behind a Cargo feature (all on by default), so a plugin's package carries only
//! what it mounts: `service-accounts`; `config-editor` (`mountConfigEditor` with the kit's
//! `config-schema.json` editor); `dsconfig-editor` (`mountConfigEditor` with the editor a
//! `dsconfig.json` describes). A package with both editors takes either schema. Each returns a handle with
//! `update(props)` and `unmount()`. Every mount owns its
//! reactive state in its own [`leptos::prelude::Owner`], so mounts on one page are
//! independent and `unmount()` frees everything the mount created. Malformed props throw
//! a JavaScript `Error` that says which prop is wrong; nothing panics.

#[cfg(any(feature = "config-editor", feature = "dsconfig-editor"))]
mod config_editor;
mod host;
mod mount;
mod props;
#[cfg(feature = "service-accounts")]
mod service_accounts;

#[cfg(any(feature = "config-editor", feature = "dsconfig-editor"))]
pub use config_editor::{mount_config_editor, ConfigEditorHandle};
#[cfg(feature = "service-accounts")]
pub use service_accounts::{mount_service_accounts, ServiceAccountsHandle};

use wasm_bindgen::prelude::*;

#[cfg(any(feature = "config-editor", feature = "dsconfig-editor"))]
#[wasm_bindgen(typescript_custom_section)]
const TS_CONFIG_EDITOR_PROPS: &'static str = r#"
/** The part of Grafana 13's `DataSourceConfigValidationAPI` the editor uses. */
export interface ConfigEditorValidation {
  registerValidation(validator: () => Promise<boolean> | boolean): () => void;
  setError(field: string, message: string): void;
  clearError(field: string): void;
}

/** What `mountConfigEditor` and `ConfigEditorHandle.update` take. */
export interface ConfigEditorProps {
  /** Grafana's `props.options`: the data source settings (`DataSourceSettings`). */
  options: object;
  /** Grafana's `props.onOptionsChange`: gets the whole new settings on every edit. */
  onOptionsChange: (options: any) => void;
  /**
   * The plugin's editor schema: a `config-schema.json` (the standard sections and the
   * plugin's fields) or a `dsconfig.json` (grafana/dsconfig: the whole editor from the
   * file); none shows the standard sections.
   */
  schema?: object | null;
  /** Disables every input (a provisioned data source, no write permission). */
  readOnly?: boolean;
  /** The server runs Grafana's secure socks proxy (`config.secureSocksDSProxyEnabled`): shows the switch. */
  secureSocksProxyEnabled?: boolean;
  /** Grafana 13's `props.validation`: the editor's field errors then block Save & test. */
  validation?: ConfigEditorValidation | null;
  /** The plugin's `plugin.json`: its routes are previewed, with the plugin checks' findings. */
  pluginJson?: object | null;
}
"#;

#[cfg(feature = "service-accounts")]
#[wasm_bindgen(typescript_custom_section)]
const TS_SERVICE_ACCOUNTS_PROPS: &'static str = r#"
/** A host router's location, without Grafana's `appSubUrl` (history's `location`). */
export interface HostLocation {
  pathname: string;
  search?: string;
}

/** What `mountServiceAccounts` and `ServiceAccountsHandle.update` take. */
export interface ServiceAccountsProps {
  /** The section's path in the host router, e.g. `/a/<plugin-id>/service-accounts`. */
  basePath: string;
  /** The host router's current location (or `pathname + search` as one string). */
  location: HostLocation | string;
  /** Moves the host router (`locationService.push` / `.replace`); `path` includes the query. */
  onNavigate: (path: string, options: { replace: boolean }) => void;
  /** Grafana's API root: `config.appSubUrl + '/api'` (the default is `/api`). */
  apiBase?: string;
  /** Put before every link's `href` (Grafana's `config.appSubUrl`). */
  appSubUrl?: string;
  /** The API answered 401: the session is gone. The section shows the message too. */
  onUnauthorized?: (message: string) => void;
  /** Whether to offer "Add service account"; by default the section asks the API. */
  canCreate?: boolean;
}
"#;

/// The bytes of the kit's wasm linear memory (it only grows, in 64 KiB pages): what the
/// memory tests and `make bench` read after mount/unmount cycles.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map(|b| b.byte_length() as f64)
        .unwrap_or(0.0)
}
