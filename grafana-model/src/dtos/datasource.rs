//! `DataSourceSettings`: Grafana's data source settings object, as the editor edits it and
//! as `GET /api/datasources/uid/:uid` answers it (devserver writes it with this type).
//!
//! Mirrors `DataSourceSettings<T, S>` from `@grafana/data` and the JSON that
//! `GET /api/datasources/uid/:uid` returns. Fields this crate does not know survive a
//! decode/encode round trip in [`DataSourceSettings::extra`], so the kit never drops
//! something a newer Grafana sends.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use serde_with::skip_serializing_none;
use std::collections::BTreeMap;

/// The settings of one data source, in Grafana's wire form (`camelCase` JSON).
///
/// `secure_json_data` holds only what the user typed in this editing session; saved
/// secrets never come back from the server. `secure_json_fields` says which secrets are
/// stored (`true`) or were reset in this session (`false`).
///
/// ```
/// use grafana_model::dtos::DataSourceSettings;
/// let s: DataSourceSettings = serde_json::from_str(
///     r#"{"uid":"abc","name":"API","type":"my-plugin","jsonData":{"path":"/v1"},
///        "secureJsonFields":{"apiKey":true},"somethingNew":1}"#).unwrap();
/// assert!(s.secure_json_fields["apiKey"]);
/// assert_eq!(serde_json::to_value(&s).unwrap()["somethingNew"], 1);
/// ```
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DataSourceSettings {
    /// Numeric id (deprecated in Grafana in favour of `uid`).
    pub id: i64,
    /// Stable identifier used in URLs and API routes.
    pub uid: String,
    /// Organisation the data source belongs to.
    pub org_id: i64,
    /// Display name.
    pub name: String,
    /// Plugin id, e.g. `prometheus`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// Logo of the plugin, as Grafana serves it.
    pub type_logo_url: Option<String>,
    /// Human name of the plugin (list responses only).
    pub type_name: Option<String>,
    /// `proxy` (Server, the default) or `direct` (Browser).
    pub access: String,
    /// Top-level URL of the data source.
    pub url: String,
    /// Legacy database user.
    pub user: String,
    /// Legacy database name.
    pub database: String,
    /// Basic authentication switched on.
    pub basic_auth: bool,
    /// Basic authentication user (the password is `secureJsonData.basicAuthPassword`).
    pub basic_auth_user: String,
    /// Send credentials with cross-site requests.
    pub with_credentials: bool,
    /// The org's default data source.
    pub is_default: bool,
    /// Plugin-specific, non-secret settings.
    pub json_data: Map<String, Value>,
    /// Which secrets are stored on the server. Never their values.
    pub secure_json_fields: BTreeMap<String, bool>,
    /// Secrets typed (or reset to `""`) in this editing session; sent once on save.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub secure_json_data: BTreeMap<String, String>,
    /// Optimistic-lock version; sent back on update.
    pub version: Option<i64>,
    /// Provisioned: cannot be changed from the UI.
    pub read_only: bool,
    /// Grafana's `accessControl` metadata (`?accesscontrol=true`).
    pub access_control: Option<BTreeMap<String, bool>>,
    /// Every field this crate does not model, kept as it came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl DataSourceSettings {
    /// Decodes settings from Grafana's JSON; unknown fields are kept in `extra`.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Encodes settings as the JSON Grafana's `onOptionsChange` would hand on.
    pub fn to_json_pretty(&self) -> String {
        // Serialising a struct of strings, numbers, bools and JSON maps cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_grafana_get_response_and_keeps_unknown_fields() {
        let body = json!({
            "id": 7, "uid": "P1809F7CD0C75ACF3", "orgId": 1, "name": "Prometheus",
            "type": "prometheus", "typeLogoUrl": "public/app/plugins/datasource/prometheus/img/prometheus_logo.svg",
            "access": "proxy", "url": "http://localhost:9090", "user": "", "database": "",
            "basicAuth": true, "basicAuthUser": "grafana", "withCredentials": false, "isDefault": true,
            "jsonData": {"httpMethod": "POST", "timeout": 30},
            "secureJsonFields": {"basicAuthPassword": true},
            "version": 3, "readOnly": false, "apiVersion": "v0alpha1"
        });
        let s: DataSourceSettings = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(s.r#type, "prometheus");
        assert_eq!(s.basic_auth_user, "grafana");
        assert_eq!(s.version, Some(3));
        assert_eq!(s.extra["apiVersion"], "v0alpha1");
        assert!(s.secure_json_data.is_empty());
        // Re-encoding gives back the same object: nothing lost, nothing invented.
        assert_eq!(serde_json::to_value(&s).unwrap(), body);
    }

    #[test]
    fn missing_fields_take_grafana_defaults() {
        let s = DataSourceSettings::from_json("{}").unwrap();
        assert_eq!(s, DataSourceSettings::default());
        let v = serde_json::to_value(&s).unwrap();
        assert!(
            v.get("secureJsonData").is_none(),
            "empty secureJsonData is not sent"
        );
        assert_eq!(v["secureJsonFields"], json!({}));
    }

    #[test]
    fn malformed_json_is_an_error_not_a_panic() {
        assert!(DataSourceSettings::from_json("{\"jsonData\": 3}").is_err());
        assert!(DataSourceSettings::from_json("not json").is_err());
    }

    use proptest::prelude::*;

    /// Any JSON value, a few levels deep, with Grafana's field names among the keys.
    pub(crate) fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            "\\PC{0,12}".prop_map(Value::String),
        ];
        let keys = prop_oneof![
            Just("jsonData".to_owned()),
            Just("secureJsonData".to_owned()),
            Just("secureJsonFields".to_owned()),
            Just("version".to_owned()),
            Just("basicAuth".to_owned()),
            Just("url".to_owned()),
            Just("id".to_owned()),
            "[a-z]{1,6}",
        ];
        leaf.prop_recursive(3, 24, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(keys.clone(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_decodes_or_errs_and_what_decodes_round_trips(value in any_json()) {
            if let Ok(s) = serde_json::from_value::<DataSourceSettings>(value) {
                let again: DataSourceSettings =
                    serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
                prop_assert_eq!(again, s);
            }
        }
    }
}
