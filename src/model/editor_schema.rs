//! Which schema shapes a data source's editor: the kit's own [`ConfigSchema`]
//! (`config-schema.json`: the standard sections plus the plugin's fields) or grafana/dsconfig's
//! `dsconfig.json` (the whole configuration described as data; see
//! [`crate::model::dsconfig_form`]). Either decodes from the same JSON prop or file.

use super::dsconfig_form;
use super::{ConfigSchema, DataSourceSettings};
use grafana_model::dsconfig::DsConfig;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A plugin's editor schema.
///
/// ```
/// use leptos_grafana::model::editor_schema::EditorSchema;
/// let kit = EditorSchema::from_json(r#"{"sections":{"apiKey":true}}"#).unwrap();
/// assert!(matches!(kit, EditorSchema::Kit(_)));
/// let ds = EditorSchema::from_json(r#"{"schemaVersion":"v1","pluginType":"x","pluginName":"X","fields":[]}"#).unwrap();
/// assert!(matches!(ds, EditorSchema::DsConfig(_)));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum EditorSchema {
    /// `config-schema.json`: the standard sections and the plugin's own fields.
    Kit(ConfigSchema),
    /// `dsconfig.json`: every field, group and condition from the file.
    DsConfig(Box<DsConfig>),
}

impl Default for EditorSchema {
    fn default() -> Self {
        EditorSchema::Kit(ConfigSchema::new())
    }
}

impl From<ConfigSchema> for EditorSchema {
    fn from(schema: ConfigSchema) -> Self {
        EditorSchema::Kit(schema)
    }
}

impl From<DsConfig> for EditorSchema {
    fn from(config: DsConfig) -> Self {
        EditorSchema::DsConfig(Box::new(config))
    }
}

impl EditorSchema {
    /// Decodes either format: a document with `schemaVersion` and `fields` is a
    /// `dsconfig.json`, anything else a `config-schema.json`.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        Self::from_value(serde_json::from_str(json)?)
    }

    /// [`EditorSchema::from_json`] from a parsed value.
    pub fn from_value(value: Value) -> Result<Self, serde_json::Error> {
        let is_dsconfig = value.get("schemaVersion").is_some() && value.get("fields").is_some();
        if is_dsconfig {
            Ok(EditorSchema::DsConfig(Box::new(serde_json::from_value(
                value,
            )?)))
        } else {
            Ok(EditorSchema::Kit(serde_json::from_value(value)?))
        }
    }

    /// Every validation error of `settings`, as `(key, message)`.
    pub fn validate(&self, settings: &DataSourceSettings) -> Vec<(String, String)> {
        match self {
            EditorSchema::Kit(schema) => schema.validate(settings),
            EditorSchema::DsConfig(config) => dsconfig_form::errors(config, settings),
        }
    }
}

impl<'de> Deserialize<'de> for EditorSchema {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        EditorSchema::from_value(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}
