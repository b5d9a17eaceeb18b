//! Pure Rust model of Grafana's data source settings: no DOM, no network.
//!
//! Everything here compiles and is tested natively in milliseconds. Components in
//! [`crate::components`] only call these functions.

pub mod settings;
pub mod transitions;

pub use settings::DataSourceSettings;
pub use transitions::{
    is_secret_configured, remove_json, reset_secret, set_json, set_option, set_secret,
    SettingsOption,
};
