//! Settings transitions with the semantics of `@grafana/data`'s option helpers.
//!
//! Each is `fn(DataSourceSettings, …) -> DataSourceSettings` and returns the *whole* new
//! settings, as `onOptionsChange` receives them. Keys other than the one named are never
//! touched.
//!
//! | Grafana helper                               | here           |
//! |----------------------------------------------|----------------|
//! | `updateDatasourcePluginOption`               | [`set_option`] |
//! | `updateDatasourcePluginJsonDataOption`       | [`set_json`]   |
//! | `updateDatasourcePluginSecureJsonDataOption` | [`set_secret`] |
//! | `updateDatasourcePluginResetOption`          | [`reset_secret`] |

use super::DataSourceSettings;
use serde_json::Value;

/// A top-level field of [`DataSourceSettings`] that an editor writes directly.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsOption {
    /// `name`
    Name(String),
    /// `url`
    Url(String),
    /// `access` (`proxy` or `direct`)
    Access(String),
    /// `basicAuth`
    BasicAuth(bool),
    /// `basicAuthUser`
    BasicAuthUser(String),
    /// `withCredentials`
    WithCredentials(bool),
    /// `isDefault`
    IsDefault(bool),
}

/// Sets one top-level field (Grafana's `updateDatasourcePluginOption`).
pub fn set_option(mut s: DataSourceSettings, option: SettingsOption) -> DataSourceSettings {
    match option {
        SettingsOption::Name(v) => s.name = v,
        SettingsOption::Url(v) => s.url = v,
        SettingsOption::Access(v) => s.access = v,
        SettingsOption::BasicAuth(v) => s.basic_auth = v,
        SettingsOption::BasicAuthUser(v) => s.basic_auth_user = v,
        SettingsOption::WithCredentials(v) => s.with_credentials = v,
        SettingsOption::IsDefault(v) => s.is_default = v,
    }
    s
}

/// Sets `jsonData[key]`; every other key of `jsonData` is kept as it was.
///
/// ```
/// use leptos_grafana::model::{set_json, DataSourceSettings};
/// let s = set_json(DataSourceSettings::default(), "timeout", 30.into());
/// assert_eq!(s.json_data["timeout"], 30);
/// ```
pub fn set_json(mut s: DataSourceSettings, key: &str, value: Value) -> DataSourceSettings {
    s.json_data.insert(key.to_owned(), value);
    s
}

/// Removes `jsonData[key]` (used when a row of a keyed list goes away).
pub fn remove_json(mut s: DataSourceSettings, key: &str) -> DataSourceSettings {
    s.json_data.remove(key);
    s
}

/// Sets `secureJsonData[key]` to what the user typed; `secureJsonFields` is untouched.
///
/// ```
/// use leptos_grafana::model::{set_secret, DataSourceSettings};
/// let s = set_secret(DataSourceSettings::default(), "apiKey", "s3cr3t");
/// assert_eq!(s.secure_json_data["apiKey"], "s3cr3t");
/// assert!(s.secure_json_fields.get("apiKey").is_none());
/// ```
pub fn set_secret(mut s: DataSourceSettings, key: &str, value: &str) -> DataSourceSettings {
    s.secure_json_data.insert(key.to_owned(), value.to_owned());
    s
}

/// Resets a saved secret: `secureJsonFields[key] = false` **and** `secureJsonData[key] = ""`.
///
/// Both are needed: Grafana ignores `secureJsonFields` in a request body and keeps any
/// stored secret whose key is absent, so only the empty value actually removes it.
///
/// ```
/// use leptos_grafana::model::{reset_secret, DataSourceSettings};
/// let mut s = DataSourceSettings::default();
/// s.secure_json_fields.insert("apiKey".into(), true);
/// let s = reset_secret(s, "apiKey");
/// assert_eq!(s.secure_json_fields["apiKey"], false);
/// assert_eq!(s.secure_json_data["apiKey"], "");
/// ```
pub fn reset_secret(mut s: DataSourceSettings, key: &str) -> DataSourceSettings {
    s.secure_json_data.insert(key.to_owned(), String::new());
    s.secure_json_fields.insert(key.to_owned(), false);
    s
}

/// Whether a secret is stored on the server (`secureJsonFields[key] == true`).
pub fn is_secret_configured(s: &DataSourceSettings, key: &str) -> bool {
    s.secure_json_fields.get(key).copied().unwrap_or(false)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn configured(keys: &[&str]) -> DataSourceSettings {
        let mut s = DataSourceSettings::default();
        for k in keys {
            s.secure_json_fields.insert((*k).to_owned(), true);
        }
        s
    }

    #[test]
    fn reset_writes_flag_and_empty_value_and_nothing_else() {
        let s = set_secret(
            configured(&["apiKey", "basicAuthPassword"]),
            "tlsCACert",
            "pem",
        );
        let s = set_json(s, "path", json!("/v1"));
        let after = reset_secret(s.clone(), "apiKey");
        assert!(!after.secure_json_fields["apiKey"]);
        assert_eq!(after.secure_json_data["apiKey"], "");
        assert!(after.secure_json_fields["basicAuthPassword"]);
        assert_eq!(after.secure_json_data["tlsCACert"], "pem");
        assert_eq!(after.json_data, s.json_data);
        let v = serde_json::to_value(&after).unwrap();
        assert_eq!(
            v["secureJsonData"],
            json!({"apiKey": "", "tlsCACert": "pem"})
        );
        assert_eq!(
            v["secureJsonFields"],
            json!({"apiKey": false, "basicAuthPassword": true})
        );
    }

    #[test]
    fn set_secret_never_touches_json_data_or_flags() {
        let s = set_secret(configured(&["apiKey"]), "apiKey", "new");
        assert!(s.json_data.is_empty());
        assert!(is_secret_configured(&s, "apiKey"));
        assert_eq!(s.secure_json_data["apiKey"], "new");
    }

    #[test]
    fn typing_after_reset_is_what_grafana_sends() {
        let s = reset_secret(configured(&["apiKey"]), "apiKey");
        let s = set_secret(s, "apiKey", "k2");
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["secureJsonData"], json!({"apiKey": "k2"}));
        assert_eq!(v["secureJsonFields"], json!({"apiKey": false}));
    }

    #[test]
    fn set_option_writes_top_level_fields() {
        let s = set_option(
            DataSourceSettings::default(),
            SettingsOption::Url("http://x".into()),
        );
        let s = set_option(s, SettingsOption::BasicAuth(true));
        let s = set_option(s, SettingsOption::BasicAuthUser("u".into()));
        assert_eq!(
            (s.url.as_str(), s.basic_auth, s.basic_auth_user.as_str()),
            ("http://x", true, "u")
        );
        assert!(s.json_data.is_empty() && s.secure_json_data.is_empty());
    }

    /// One user action on the editor.
    #[derive(Clone, Debug)]
    enum Op {
        Json(String, i64),
        RemoveJson(String),
        Secret(String, String),
        Reset(String),
    }

    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "apiKey",
            "basicAuthPassword",
            "tlsCACert",
            "timeout",
            "path",
        ])
        .prop_map(str::to_owned)
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (key(), any::<i64>()).prop_map(|(k, v)| Op::Json(k, v)),
            key().prop_map(Op::RemoveJson),
            (key(), "(s3-[a-zA-Z0-9]{1,9})?").prop_map(|(k, v)| Op::Secret(k, v)),
            key().prop_map(Op::Reset),
        ]
    }

    fn apply(s: DataSourceSettings, op: &Op) -> DataSourceSettings {
        match op {
            Op::Json(k, v) => set_json(s, k, json!(v)),
            Op::RemoveJson(k) => remove_json(s, k),
            Op::Secret(k, v) => set_secret(s, k, v),
            Op::Reset(k) => reset_secret(s, k),
        }
    }

    /// A reference model: three plain maps updated the obvious way.
    #[derive(Default)]
    struct Reference {
        json: BTreeMap<String, i64>,
        fields: BTreeMap<String, bool>,
        data: BTreeMap<String, String>,
    }

    impl Reference {
        fn apply(&mut self, op: &Op) {
            match op {
                Op::Json(k, v) => {
                    self.json.insert(k.clone(), *v);
                }
                Op::RemoveJson(k) => {
                    self.json.remove(k);
                }
                Op::Secret(k, v) => {
                    self.data.insert(k.clone(), v.clone());
                }
                Op::Reset(k) => {
                    self.fields.insert(k.clone(), false);
                    self.data.insert(k.clone(), String::new());
                }
            }
        }
    }

    proptest! {
        /// Any sequence of edits agrees with the reference model, and each edit changes
        /// only the key it names.
        #[test]
        fn sequences_of_transitions_match_reference(
            initially_configured in prop::collection::btree_set(key(), 0..5),
            ops in prop::collection::vec(op(), 0..40),
        ) {
            let mut s = DataSourceSettings::default();
            let mut r = Reference::default();
            for k in &initially_configured {
                s.secure_json_fields.insert(k.clone(), true);
                r.fields.insert(k.clone(), true);
            }
            for op in &ops {
                let before = s.clone();
                s = apply(s, op);
                r.apply(op);
                let touched = match op { Op::Json(k, _) | Op::RemoveJson(k) | Op::Secret(k, _) | Op::Reset(k) => k };
                for k in ["apiKey", "basicAuthPassword", "tlsCACert", "timeout", "path"] {
                    if k != touched {
                        prop_assert_eq!(before.json_data.get(k), s.json_data.get(k));
                        prop_assert_eq!(before.secure_json_data.get(k), s.secure_json_data.get(k));
                        prop_assert_eq!(before.secure_json_fields.get(k), s.secure_json_fields.get(k));
                    }
                }
                if let Op::Reset(k) = op {
                    prop_assert_eq!(s.secure_json_fields.get(k), Some(&false));
                    prop_assert_eq!(s.secure_json_data.get(k).map(String::as_str), Some(""));
                }
            }
            let json: BTreeMap<String, i64> = s.json_data.iter().filter_map(|(k, v)| v.as_i64().map(|v| (k.clone(), v))).collect();
            prop_assert_eq!(json, r.json);
            prop_assert_eq!(&s.secure_json_fields, &r.fields);
            prop_assert_eq!(&s.secure_json_data, &r.data);
        }

        /// Whatever the edits, the settings survive an encode/decode round trip unchanged,
        /// and secret values appear only under `secureJsonData`.
        #[test]
        fn round_trip_and_secrets_stay_in_secure_json_data(ops in prop::collection::vec(op(), 0..40)) {
            let s = ops.iter().fold(DataSourceSettings::default(), apply);
            let encoded = serde_json::to_value(&s).unwrap();
            let decoded: DataSourceSettings = serde_json::from_value(encoded.clone()).unwrap();
            prop_assert_eq!(&decoded, &s);
            let outside = {
                let mut v = encoded.clone();
                if let Some(o) = v.as_object_mut() { o.remove("secureJsonData"); }
                v.to_string()
            };
            for secret in s.secure_json_data.values().filter(|v| !v.is_empty()) {
                prop_assert!(!outside.contains(&format!("\"{secret}\"")), "secret {} leaked outside secureJsonData", secret);
            }
        }
    }
}
