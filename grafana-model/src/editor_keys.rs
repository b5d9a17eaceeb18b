//! Which `jsonData` and `secureJsonData` keys a data source's editor collects: what a
//! route template may read and find filled in. Read from the kit's editor schema
//! (`config-schema.json`: Grafana's standard sections plus the plugin's own fields), the
//! same file the kit's `ConfigSchema` reads.
//!
//! ```
//! use grafana_model::EditorKeys;
//! let keys = EditorKeys::from_schema_json(&serde_json::json!({
//!     "sections": {"apiKey": true},
//!     "fields": [{"key": "projectId", "kind": "text"}, {"key": "token", "kind": "secret"}]
//! })).unwrap();
//! assert!(keys.collects_json("projectId") && keys.collects_json("timeout"));
//! assert!(keys.collects_secret("token") && keys.collects_secret("apiKey"));
//! assert!(keys.collects_secret("httpHeaderValue3") && !keys.collects_json("region"));
//! ```

use serde_json::Value;
use std::collections::BTreeSet;

/// The keys one editor collects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditorKeys {
    /// `jsonData` keys.
    pub json_data: BTreeSet<String>,
    /// `secureJsonData` keys.
    pub secure_json_data: BTreeSet<String>,
    /// The custom headers section: `httpHeaderName<n>` / `httpHeaderValue<n>`.
    pub custom_headers: bool,
}

/// A standard section of the kit's editor and the keys it writes.
struct Section {
    /// Its name in `config-schema.json`'s `sections`.
    name: &'static str,
    /// Shown when the schema does not say.
    default_on: bool,
    json_data: &'static [&'static str],
    secure_json_data: &'static [&'static str],
}

/// Grafana's sections as the kit's editor has them (Connection writes the top-level `url`).
const SECTIONS: &[Section] = &[
    Section {
        name: "connection",
        default_on: true,
        json_data: &[],
        secure_json_data: &[],
    },
    Section {
        name: "auth",
        default_on: true,
        json_data: &["oauthPassThru"],
        secure_json_data: &["basicAuthPassword"],
    },
    Section {
        name: "tls",
        default_on: true,
        json_data: &[
            "tlsAuth",
            "tlsAuthWithCACert",
            "tlsSkipVerify",
            "serverName",
        ],
        secure_json_data: &["tlsCACert", "tlsClientCert", "tlsClientKey"],
    },
    Section {
        name: "customHeaders",
        default_on: true,
        json_data: &[],
        secure_json_data: &[],
    },
    Section {
        name: "allowedCookies",
        default_on: true,
        json_data: &["keepCookies"],
        secure_json_data: &[],
    },
    Section {
        name: "timeout",
        default_on: true,
        json_data: &["timeout"],
        secure_json_data: &[],
    },
    Section {
        name: "apiKey",
        default_on: false,
        json_data: &[],
        secure_json_data: &["apiKey"],
    },
];

/// Field kinds whose value is a secret (`secureJsonData`); every other kind is `jsonData`.
const SECRET_KINDS: &[&str] = &["secret", "secret-multiline"];

fn numbered(key: &str, prefix: &str) -> bool {
    key.strip_prefix(prefix)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

impl EditorKeys {
    /// Reads `config-schema.json` (`sections` and `fields[].key` / `.kind`); an error says
    /// what is not as expected.
    pub fn from_schema_json(schema: &Value) -> Result<Self, String> {
        let schema = schema
            .as_object()
            .ok_or("the editor schema is not a JSON object")?;
        let sections = match schema.get("sections") {
            None | Some(Value::Null) => None,
            Some(Value::Object(s)) => Some(s),
            Some(_) => return Err("sections is not an object".to_owned()),
        };
        let mut keys = Self::default();
        for section in SECTIONS {
            let on = sections
                .and_then(|s| s.get(section.name))
                .and_then(Value::as_bool)
                .unwrap_or(section.default_on);
            if !on {
                continue;
            }
            keys.json_data
                .extend(section.json_data.iter().map(|k| (*k).to_owned()));
            keys.secure_json_data
                .extend(section.secure_json_data.iter().map(|k| (*k).to_owned()));
            keys.custom_headers |= section.name == "customHeaders";
        }
        let fields = match schema.get("fields") {
            None | Some(Value::Null) => &[][..],
            Some(Value::Array(f)) => f.as_slice(),
            Some(_) => return Err("fields is not an array".to_owned()),
        };
        // The plugin's own authentication methods: their fields, and `jsonData.authMethod`
        // that remembers which one is chosen.
        let methods = match schema.get("authMethods") {
            None | Some(Value::Null) => &[][..],
            Some(Value::Array(m)) => m.as_slice(),
            Some(_) => return Err("authMethods is not an array".to_owned()),
        };
        if !methods.is_empty() {
            keys.json_data.insert("authMethod".to_owned());
        }
        let method_fields: Vec<Value> = methods
            .iter()
            .filter_map(|m| m.get("fields").and_then(Value::as_array))
            .flatten()
            .cloned()
            .collect();
        for (i, field) in fields.iter().chain(method_fields.iter()).enumerate() {
            let key = field
                .get("key")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("fields[{i}] has no key"))?;
            let kind = field.get("kind").and_then(Value::as_str).unwrap_or("text");
            if SECRET_KINDS.contains(&kind) {
                keys.secure_json_data.insert(key.to_owned());
            } else {
                keys.json_data.insert(key.to_owned());
            }
        }
        Ok(keys)
    }

    /// Whether the editor writes `jsonData[key]`.
    pub fn collects_json(&self, key: &str) -> bool {
        self.json_data.contains(key) || (self.custom_headers && numbered(key, "httpHeaderName"))
    }

    /// Whether the editor writes `secureJsonData[key]`.
    pub fn collects_secret(&self, key: &str) -> bool {
        self.secure_json_data.contains(key)
            || (self.custom_headers && numbered(key, "httpHeaderValue"))
    }

    /// Whether the editor collects `key` as a secret (whatever it is read as).
    pub fn is_secret(&self, key: &str) -> bool {
        self.collects_secret(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sections_default_as_the_editor_shows_them() {
        let keys = EditorKeys::from_schema_json(&json!({})).unwrap();
        assert!(keys.collects_json("tlsSkipVerify") && keys.collects_json("keepCookies"));
        assert!(keys.collects_secret("basicAuthPassword") && keys.collects_secret("tlsClientKey"));
        assert!(!keys.collects_secret("apiKey"));
        assert!(keys.collects_json("httpHeaderName1") && !keys.collects_json("httpHeaderName"));
    }

    #[test]
    fn sections_switched_off_collect_nothing() {
        let keys = EditorKeys::from_schema_json(&json!({
            "sections": {"auth": false, "tls": false, "customHeaders": false, "allowedCookies": false, "timeout": false}
        }))
        .unwrap();
        assert!(keys.json_data.is_empty() && keys.secure_json_data.is_empty());
        assert!(!keys.collects_secret("httpHeaderValue1"));
    }

    #[test]
    fn malformed_schemas_are_errors() {
        assert!(EditorKeys::from_schema_json(&json!([])).is_err());
        assert!(EditorKeys::from_schema_json(&json!({"fields": {}})).is_err());
        assert!(EditorKeys::from_schema_json(&json!({"fields": [{"kind": "text"}]})).is_err());
        assert!(EditorKeys::from_schema_json(&json!({"sections": 1})).is_err());
    }
}
