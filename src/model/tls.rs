//! TLS switches of the Authentication section, with plugin-ui's clean-up rules: turning a
//! switch off forgets the secrets it guarded (both `""` and the `false` flag are written,
//! unlike grafana-ui's TLS Reset, which leaves the old certificate on the server).

use super::{reset_secret, set_json, DataSourceSettings};

/// `jsonData.tlsAuthWithCACert`; off also resets `tlsCACert`.
pub fn set_tls_ca_cert_enabled(s: DataSourceSettings, on: bool) -> DataSourceSettings {
    let s = set_json(s, "tlsAuthWithCACert", on.into());
    if on {
        s
    } else {
        reset_secret(s, "tlsCACert")
    }
}

/// `jsonData.tlsAuth`; off also clears `serverName` and resets the client cert and key.
pub fn set_tls_client_auth_enabled(s: DataSourceSettings, on: bool) -> DataSourceSettings {
    let s = set_json(s, "tlsAuth", on.into());
    if on {
        s
    } else {
        let s = set_json(s, "serverName", "".into());
        reset_secret(reset_secret(s, "tlsClientCert"), "tlsClientKey")
    }
}

/// Reads a boolean `jsonData` flag (absent or non-bool = false).
pub fn json_flag(s: &DataSourceSettings, key: &str) -> bool {
    s.json_data
        .get(key)
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn turning_tls_off_forgets_its_secrets() {
        let mut s = DataSourceSettings::default();
        for k in ["tlsCACert", "tlsClientCert", "tlsClientKey"] {
            s.secure_json_fields.insert(k.into(), true);
        }
        let s = set_tls_ca_cert_enabled(s, false);
        assert_eq!(s.secure_json_data["tlsCACert"], "");
        assert!(!s.secure_json_fields["tlsCACert"]);
        assert!(s.secure_json_fields["tlsClientCert"]);
        let s = set_tls_client_auth_enabled(set_json(s, "serverName", json!("x")), false);
        assert_eq!(s.json_data["serverName"], "");
        assert_eq!(s.secure_json_data["tlsClientKey"], "");
        assert!(!json_flag(&s, "tlsAuth"));
    }

    #[test]
    fn turning_tls_on_touches_no_secret() {
        let s = set_tls_client_auth_enabled(DataSourceSettings::default(), true);
        assert!(json_flag(&s, "tlsAuth"));
        assert!(s.secure_json_data.is_empty());
    }
}
