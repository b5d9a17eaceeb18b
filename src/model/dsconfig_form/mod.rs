//! A `dsconfig.json` ([`DsConfig`]) as a form: the sections to show, each field's control,
//! its value in the settings, whether it is shown (`dependsOn`) and required (`required`,
//! `requiredWhen`), and its validation messages. What plugin-ui 0.17.1's
//! `DatasourceConfigWizard` builds from the same file; the components only call this.
//!
//! Values live where the schema says (`target` + `key`): top-level settings, `jsonData`,
//! or `secureJsonData` (write-only: a stored secret is known only from
//! `secureJsonFields`, and a condition sees it as [`CONFIGURED`]). Indexed pairs (custom
//! headers) are rows kept at their storage index ([`grafana_model::dsconfig`]).

mod conditions;
mod controls;
mod messages;
mod sections;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod values;

pub use conditions::{is_disabled, is_required, is_shown};
pub use controls::{control, default_value, placeholder, Choice, Control, ItemField, PairsControl};
pub use messages::errors;
pub use sections::{sections, Section};
pub use values::{
    choice_value, has_value, pair_name_key, pair_rows, reset_field, set_number_text, set_value,
    stored_value, value, value_text, with_defaults,
};

/// What a condition sees for a stored secret (plugin-ui's sentinel).
pub const CONFIGURED: &str = "__CONFIGURED__";
