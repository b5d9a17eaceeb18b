//! The kit's own components, mounted from JavaScript (what `embed/wasm-package` exports):
//!
//! - [`mount_config_editor`] (`mountConfigEditor(element, props)`): the data source
//!   `ConfigEditor` with Grafana's `options`, `onOptionsChange` and `validation`, shaped
//!   by a `config-schema.json` or a `dsconfig.json`; the [`EditorKind`] type says which.
//! - [`mount_service_accounts`] (`mountServiceAccounts(element, props)`): the
//!   service-account pages below a base path, moving through the host's router.

mod config_editor;
mod service_accounts;

pub use config_editor::{
    mount_config_editor, AnySchemaEditor, ConfigSchemaEditor, DsConfigSchemaEditor, EditorKind,
    EditorSignals,
};
pub use service_accounts::mount_service_accounts;
