//! `GET /api/frontend/settings`: the boot data a page reads first (the service-account
//! token dialog takes its date limit from here, not from a refusal; the data source page
//! learns here whether a data source's plugin has a backend to answer its health check; the
//! login page, before anyone is signed in, its OAuth providers and a failed sign-in's
//! message).

use super::{ApiClient, ApiError};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The part of Grafana's frontend settings the kit reads. Unknown fields are ignored.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FrontendSettings {
    /// `[service_accounts] token_expiration_day_limit`: the latest token expiry, in days
    /// from today; `-1` (or 0) when there is none.
    pub token_expiration_day_limit: i64,
    /// Grafana's sub-path (`""` at the root).
    pub app_sub_url: String,
    /// Whether the secure socks proxy switch is offered (Grafana spells it `DS`).
    #[serde(rename = "secureSocksDSProxyEnabled")]
    pub secure_socks_ds_proxy_enabled: bool,
    /// The data sources the user may query, by name (only those of installed plugins).
    pub datasources: BTreeMap<String, BootDataSource>,
    /// The OAuth sign-in providers, by Grafana's key (`generic_oauth`); the login page
    /// offers "Sign in with <name>" for each.
    pub oauth: BTreeMap<String, OAuthProvider>,
    /// Why the last OAuth sign-in failed (Grafana's `loginError`), shown once.
    pub login_error: Option<String>,
}

/// An OAuth sign-in provider of the boot data.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct OAuthProvider {
    /// What the button calls it ("Sign in with <name>").
    pub name: String,
}

/// One data source of the boot data (Grafana's `DataSourceInstanceSettings`, the part the
/// kit reads).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BootDataSource {
    /// Its uid.
    pub uid: String,
    /// Its plugin's meta.
    pub meta: BootPluginMeta,
}

/// The part of a plugin's meta the kit reads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct BootPluginMeta {
    /// `plugin.json` `backend`: Grafana asks the plugin's backend for the health check;
    /// without one, the plugin tests itself in the browser.
    pub backend: bool,
}

impl Default for FrontendSettings {
    fn default() -> Self {
        Self {
            token_expiration_day_limit: -1,
            app_sub_url: String::new(),
            secure_socks_ds_proxy_enabled: false,
            datasources: BTreeMap::new(),
            oauth: BTreeMap::new(),
            login_error: None,
        }
    }
}

impl FrontendSettings {
    /// The token day limit, when the server sets one.
    pub fn token_day_limit(&self) -> Option<i64> {
        (self.token_expiration_day_limit > 0).then_some(self.token_expiration_day_limit)
    }

    /// Whether the plugin of data source `uid` has a backend; `None` when the boot data
    /// does not list it (a type no installed plugin has, or an older server).
    pub fn has_backend(&self, uid: &str) -> Option<bool> {
        self.datasources
            .values()
            .find(|ds| ds.uid == uid)
            .map(|ds| ds.meta.backend)
    }
}

impl ApiClient {
    /// `GET /api/frontend/settings`.
    pub async fn frontend_settings(&self) -> Result<FrontendSettings, ApiError> {
        self.get("/frontend/settings").await
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn grafanas_boot_data_decodes() {
        let s: FrontendSettings = serde_json::from_str(
            r#"{"tokenExpirationDayLimit":30,"appSubUrl":"/grafana","secureSocksDSProxyEnabled":true,"buildInfo":{}}"#,
        )
        .unwrap();
        assert_eq!(s.token_day_limit(), Some(30));
        assert_eq!(s.app_sub_url, "/grafana");
        assert!(s.secure_socks_ds_proxy_enabled);
        assert_eq!(FrontendSettings::default().token_day_limit(), None);
    }

    #[test]
    fn the_boot_data_says_which_data_sources_have_a_backend() {
        let s: FrontendSettings = serde_json::from_str(
            r#"{"datasources":{"A":{"uid":"a","type":"x","meta":{"id":"x","backend":true}},
                "B":{"uid":"b","meta":{"backend":false}},"C":{"uid":"c"}}}"#,
        )
        .unwrap();
        assert_eq!(s.has_backend("a"), Some(true));
        assert_eq!(s.has_backend("b"), Some(false));
        assert_eq!(s.has_backend("c"), Some(false));
        assert_eq!(s.has_backend("missing"), None);
    }
}
