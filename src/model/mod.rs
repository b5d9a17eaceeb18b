//! Pure Rust model of Grafana's data source settings and of where pages are: no DOM, no
//! network.
//!
//! Everything here compiles and is tested natively in milliseconds. Components in
//! [`crate::components`] only call these functions.

pub mod auth_method;
pub mod custom_headers;
pub mod dsconfig_form;
pub mod editor_schema;
pub mod list_query;
pub mod location;
pub mod paging;
pub mod redact;
pub mod route_preview;
pub mod schema;
pub mod settings;
pub mod tls;
pub mod token_expiry;
pub mod transitions;
pub mod validation;

pub use auth_method::{
    offered_auth, selected_auth, selected_auth_method, set_auth, set_auth_method, AuthChoice,
    AuthMethod,
};
pub use custom_headers::{validate_headers, CustomHeaders, HeaderRow};
pub use editor_schema::EditorSchema;
/// Grafana's service-account answers, as components show them (`grafana_model`'s types).
pub use grafana_model::dtos::{
    NewToken, OrgUserLookup, ResourcePermission, ServiceAccount, ServiceAccountSearch, TokenDto,
};
pub use schema::{ConfigSchema, FieldKind, FieldSchema, Sections};
pub use settings::DataSourceSettings;
pub use transitions::{
    is_secret_configured, remove_json, reset_secret, set_json, set_option, set_secret,
    SettingsOption,
};
