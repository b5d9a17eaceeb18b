//! Leptos components: data and signals in, callbacks out. None of them touches the network.
//!
//! Each component lives in its own folder with its stylesheet beside it; styles are put
//! into `<head>` once, the first time a component renders ([`mount_style`]), so the
//! components look right wherever they are mounted, inside Grafana or standalone.

pub mod alert;
pub mod config_editor;
pub mod config_section;
pub mod confirm_modal;
pub mod create_token_modal;
mod dom;
pub mod dsconfig_editor;
pub mod field;
pub mod icon;
pub mod link;
pub mod pagination;
pub mod permissions;
pub mod reset_secret_button;
pub mod role_picker;
pub mod route_preview;
pub mod secret_input;
pub mod secret_text_area;
pub mod service_accounts_table;
pub mod switch;
mod table_head;
pub mod tabs_bar;
pub mod tags_input;
pub mod text_field;
pub mod tokens_table;

pub use alert::{Alert, ErrorAlert, Severity};
pub use config_editor::{
    AdvancedHttpSettings, AuthSettings, BasicAuth, ConfigEditor, ConnectionSettings,
    CustomHeadersSettings, DataSourceConfigEditor, DataSourceDescription, Editor, PluginField,
    SecureSocksProxyToggle, TlsSettings, Validation,
};
pub use config_section::ConfigSection;
pub use confirm_modal::ConfirmModal;
pub use create_token_modal::CreateTokenModal;
pub use dom::{mount_style, mount_theme, unique_id};
pub use dsconfig_editor::DsConfigEditor;
pub use field::Field;
pub use icon::{Icon, IconName};
pub use link::{Link, LinkRouter};
pub use pagination::Pagination;
pub use permissions::Permissions;
pub use role_picker::RolePicker;
pub use route_preview::RoutePreview;
pub use secret_input::SecretInput;
pub use secret_text_area::SecretTextArea;
pub use service_accounts_table::ServiceAccountsTable;
pub use switch::Switch;
pub(crate) use table_head::{table_head, Column};
pub use tabs_bar::{Tab, TabsBar};
pub use tags_input::TagsInput;
pub use text_field::TextField;
pub use tokens_table::TokensTable;

/// Text a configured secret shows instead of its value (Grafana's `CONFIGURED_TEXT`).
pub const CONFIGURED_TEXT: &str = "configured";
/// Label of the button that forgets a configured secret (Grafana's `RESET_BUTTON_TEXT`).
pub const RESET_BUTTON_TEXT: &str = "Reset";
