//! Grafana's plugin and API types, pure Rust (no DOM, no server), shared by the
//! leptos-grafana kit and devserver.
//!
//! - [`plugin_json`]: `plugin.json` as Grafana reads it: `routes` (the data source proxy's
//!   templates), `iam`, `dependencies`; unknown fields kept.
//! - [`route_template`]: Grafana's route template syntax (`{{ .JsonData.x }}`,
//!   `{{ .SecureJsonData.y }}`) rendered as its data source proxy renders it.
//! - [`editor_keys`]: which `jsonData` and `secureJsonData` keys an editor schema collects.
//! - [`plugin_checks`]: a plugin's routes and `iam` checked against its editor: templates
//!   naming keys nobody collects, secrets read from `.JsonData`, app-plugin routes using
//!   what only data source routes support, malformed templates and permissions.
//! - [`cel`]: the part of CEL that `dsconfig.json` conditions (`dependsOn`,
//!   `requiredWhen`) use.
//! - [`dsconfig`]: grafana/dsconfig's `dsconfig.json` (a whole data source configuration
//!   as data), with indexed pairs (custom headers) that keep their storage indexes.
//! - [`paths`]: path rules: Grafana's uid and plugin-id characters, and the proxied path
//!   read once decoded, refused on a dot segment in any encoding, kept under its base.
//! - [`time`]: unix seconds as Grafana's RFC 3339 timestamps, and the calendar days under
//!   them.
//! - [`dtos`]: Grafana's API wire types (data source settings, service accounts, tokens,
//!   error bodies) that the kit reads and devserver writes.

pub mod cel;
pub mod dsconfig;
pub mod dtos;
pub mod editor_keys;
pub mod paths;
pub mod plugin_checks;
pub mod plugin_json;
pub mod route_template;
pub mod time;

pub use editor_keys::EditorKeys;
pub use plugin_checks::{check_plugin, Finding, Severity};
pub use plugin_json::{PluginJson, Route};
