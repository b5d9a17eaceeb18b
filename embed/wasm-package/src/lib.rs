//! The kit's wasm packages: `make embed` builds this crate once per entry point (cargo
//! feature) into `embed/react/wasm/<feature>/`. Each export is one line over the kit's
//! public [`leptos_grafana::embed`] API, the same pattern a plugin author's crate uses
//! for its own components.
//!
//! - `config-editor`: `mountConfigEditor` with the editor of a `config-schema.json`;
//! - `dsconfig-editor`: `mountConfigEditor` with the editor a `dsconfig.json` describes;
//! - `service-accounts`: `mountServiceAccounts`, the service-account pages.
//!
//! Every package also exports `wasmMemoryBytes` (the memory tests and `make bench`).

#[cfg(target_arch = "wasm32")]
pub use exports::*;

#[cfg(target_arch = "wasm32")]
mod exports {
    use leptos_grafana::embed::wasm_memory_bytes;
    use wasm_bindgen::prelude::*;

    /// The bytes of the package's wasm memory.
    #[wasm_bindgen(js_name = wasmMemoryBytes)]
    pub fn memory_bytes() -> f64 {
        wasm_memory_bytes()
    }
}

/// The data source ConfigEditor, for the editor kind this package has.
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "config-editor", feature = "dsconfig-editor")
))]
mod config_editor {
    use leptos_grafana::embed::kit;
    use leptos_grafana::embed::MountHandle;
    use wasm_bindgen::prelude::*;

    #[cfg(all(feature = "config-editor", feature = "dsconfig-editor"))]
    type Kind = kit::AnySchemaEditor;
    #[cfg(all(feature = "config-editor", not(feature = "dsconfig-editor")))]
    type Kind = kit::ConfigSchemaEditor;
    #[cfg(all(feature = "dsconfig-editor", not(feature = "config-editor")))]
    type Kind = kit::DsConfigSchemaEditor;

    /// Mounts the data source ConfigEditor into `element`.
    ///
    /// `props`: `options` and `onOptionsChange` (required), `schema`, `readOnly`,
    /// `secureSocksProxyEnabled`, `validation` and `pluginJson` (optional): see
    /// `ConfigEditorProps` in the generated `.d.ts`.
    #[wasm_bindgen(js_name = mountConfigEditor, unchecked_return_type = "ConfigEditorHandle")]
    pub fn mount_config_editor(
        #[wasm_bindgen(unchecked_param_type = "HTMLElement")] element: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ConfigEditorProps")] props: JsValue,
    ) -> Result<MountHandle, JsError> {
        kit::mount_config_editor::<Kind>(element, props)
    }

    #[wasm_bindgen(typescript_custom_section)]
    const TS_CONFIG_EDITOR_PROPS: &'static str = r#"
/** The part of Grafana 13's `DataSourceConfigValidationAPI` the editor uses. */
export interface ConfigEditorValidation {
  registerValidation(validator: () => Promise<boolean> | boolean): () => void;
  setError(field: string, message: string): void;
  clearError(field: string): void;
}

/** A mounted editor: `update(props)` with any subset of its props, `unmount()`, `free()`. */
export interface ConfigEditorHandle {
  update(props: Partial<ConfigEditorProps>): void;
  unmount(): void;
  free(): void;
}

/**
 * The parts of Grafana's `DataSourceSettings` the editor reads, as a structural type (so
 * the package type-checks against `@grafana/data` 11, 12 and 13 alike).
 */
export interface DataSourceSettingsLike {
  id?: number;
  uid?: string;
  orgId?: number;
  name?: string;
  type?: string;
  access?: string;
  url?: string;
  basicAuth?: boolean;
  basicAuthUser?: string;
  withCredentials?: boolean;
  isDefault?: boolean;
  jsonData?: object;
  secureJsonData?: unknown;
  secureJsonFields?: { [key: string]: boolean };
  readOnly?: boolean;
}

/** What `mountConfigEditor` and `ConfigEditorHandle.update` take. */
export interface ConfigEditorProps {
  /** Grafana's `props.options`: the data source settings (`DataSourceSettings`). */
  options: DataSourceSettingsLike;
  /** Grafana's `props.onOptionsChange`: gets the whole new settings on every edit. */
  onOptionsChange: (options: DataSourceSettingsLike) => void;
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
}

/// The service-account pages.
#[cfg(all(target_arch = "wasm32", feature = "service-accounts"))]
mod service_accounts {
    use leptos_grafana::embed::MountHandle;
    use wasm_bindgen::prelude::*;

    /// Mounts the service-account pages into `element`.
    ///
    /// `props`: `basePath`, `location` and `onNavigate` (required); `apiBase`, `appSubUrl`,
    /// `onUnauthorized` and `canCreate` (optional): see `ServiceAccountsProps` in the
    /// generated `.d.ts`.
    #[wasm_bindgen(js_name = mountServiceAccounts, unchecked_return_type = "ServiceAccountsHandle")]
    pub fn mount_service_accounts(
        #[wasm_bindgen(unchecked_param_type = "HTMLElement")] element: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ServiceAccountsProps")] props: JsValue,
    ) -> Result<MountHandle, JsError> {
        leptos_grafana::embed::kit::mount_service_accounts(element, props)
    }

    #[wasm_bindgen(typescript_custom_section)]
    const TS_SERVICE_ACCOUNTS_PROPS: &'static str = r#"
/** A host router's location, without Grafana's `appSubUrl` (history's `location`). */
export interface HostLocation {
  pathname: string;
  search?: string;
}

/** Mounted pages: `update(props)` with any subset of their props, `unmount()`, `free()`. */
export interface ServiceAccountsHandle {
  update(props: Partial<ServiceAccountsProps>): void;
  unmount(): void;
  free(): void;
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
  /** The user's current org, sent as `X-Grafana-Org-Id` on every request (Grafana's
   * `config.bootData.user.orgId`); by default read from `window.grafanaBootData`. */
  orgId?: number;
}
"#;
}
