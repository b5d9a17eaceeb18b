//! The `PluginContext` of a call about one data source, filled as Grafana's
//! `plugincontext.GetWithDataSource` fills it: the org, the plugin id, the signed-in user
//! with their org role, and the data source's instance settings with its secrets decrypted
//! on the spot (they exist in clear only inside this loopback gRPC message).

use grafana_plugin_sdk::pluginv2;
use std::collections::HashMap;

/// The signed-in user as a plugin sees them.
#[derive(Clone, Debug, Default)]
pub struct PluginUser {
    /// Login.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Org role: `Admin`, `Editor` or `Viewer` (the Rust SDK refuses any other).
    pub role: String,
}

/// A data source's instance settings as they go to its plugin.
#[derive(Clone, Debug, Default)]
pub struct InstanceSettings {
    /// Row id.
    pub id: i64,
    /// uid.
    pub uid: String,
    /// Name.
    pub name: String,
    /// URL.
    pub url: String,
    /// User.
    pub user: String,
    /// Database.
    pub database: String,
    /// Basic auth on.
    pub basic_auth_enabled: bool,
    /// Basic auth user.
    pub basic_auth_user: String,
    /// `jsonData` (an object; `{}` when there is none).
    pub json_data: serde_json::Value,
    /// Last update, milliseconds since the epoch.
    pub last_updated_ms: i64,
}

/// The context of one call: `plugin_id`'s data source `settings` with `decrypted` secrets,
/// for `user` in `org_id`.
pub fn plugin_context(
    org_id: i64,
    plugin_id: &str,
    user: Option<PluginUser>,
    settings: InstanceSettings,
    decrypted: HashMap<String, String>,
) -> pluginv2::PluginContext {
    let json_data = match &settings.json_data {
        serde_json::Value::Object(_) => serde_json::to_vec(&settings.json_data).unwrap_or_default(),
        _ => b"{}".to_vec(),
    };
    pluginv2::PluginContext {
        org_id,
        plugin_id: plugin_id.to_owned(),
        user: user.map(|u| pluginv2::User {
            login: u.login,
            name: u.name,
            email: u.email,
            role: u.role,
        }),
        app_instance_settings: None,
        data_source_instance_settings: Some(pluginv2::DataSourceInstanceSettings {
            id: settings.id,
            name: settings.name,
            url: settings.url,
            user: settings.user,
            database: settings.database,
            basic_auth_enabled: settings.basic_auth_enabled,
            basic_auth_user: settings.basic_auth_user,
            json_data,
            decrypted_secure_json_data: decrypted,
            last_updated_ms: settings.last_updated_ms,
            uid: settings.uid,
        }),
    }
}
