//! `GET /api/frontend/settings`: the boot data a page reads first (the service-account
//! token dialog takes its date limit from here, not from a refusal).

use super::{ApiClient, ApiError};
use serde::Deserialize;

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
}

impl Default for FrontendSettings {
    fn default() -> Self {
        Self {
            token_expiration_day_limit: -1,
            app_sub_url: String::new(),
            secure_socks_ds_proxy_enabled: false,
        }
    }
}

impl FrontendSettings {
    /// The token day limit, when the server sets one.
    pub fn token_day_limit(&self) -> Option<i64> {
        (self.token_expiration_day_limit > 0).then_some(self.token_expiration_day_limit)
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
}
