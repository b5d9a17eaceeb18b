//! The schema of a plugin's settings: which standard sections the editor shows and the
//! plugin's own fields. Built in Rust with a typed builder, or decoded from JSON so a
//! JavaScript host (or devserver's plugin folder) can pass it.
//!
//! Plain kinds write `jsonData[key]`; secret kinds write `secureJsonData[key]` and read
//! `secureJsonFields[key]`.

use super::validation::{check_pattern, check_range, parse_number};
use super::{is_secret_configured, DataSourceSettings};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_with::skip_serializing_none;

/// The kind of a plugin field, in JSON as kebab-case (`secret-multiline`, `string-list`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// One-line text → `jsonData[key]` (string).
    #[default]
    Text,
    /// A URL, checked with Grafana's URL rule → `jsonData[key]` (string).
    Url,
    /// A number → `jsonData[key]` (number).
    Number,
    /// On/off → `jsonData[key]` (bool).
    Switch,
    /// One of `options` → `jsonData[key]` (the option's value).
    Select,
    /// Multi-line text → `jsonData[key]` (string).
    Multiline,
    /// A password → `secureJsonData[key]`.
    Secret,
    /// A multi-line secret (certificate, key) → `secureJsonData[key]`.
    SecretMultiline,
    /// A list of strings → `jsonData[key]` (array of strings).
    StringList,
}

impl FieldKind {
    /// Whether the value goes to `secureJsonData`.
    pub fn is_secret(self) -> bool {
        matches!(self, FieldKind::Secret | FieldKind::SecretMultiline)
    }
}

/// One choice of a `select` field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelectOption {
    /// Stored value.
    pub value: String,
    /// Shown label.
    pub label: String,
}

/// Validation rules of a field; all optional.
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Validation {
    /// Smallest allowed number (inclusive).
    pub min: Option<f64>,
    /// Largest allowed number (inclusive).
    pub max: Option<f64>,
    /// Regular expression the text must match.
    pub pattern: Option<String>,
    /// Message shown when `pattern` does not match.
    pub pattern_message: Option<String>,
}

/// One plugin-specific field.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSchema {
    /// Key in `jsonData` or `secureJsonData`.
    pub key: String,
    /// Kind of input.
    #[serde(default)]
    pub kind: FieldKind,
    /// Visible label.
    pub label: String,
    /// Help text.
    pub description: Option<String>,
    /// Placeholder.
    pub placeholder: Option<String>,
    /// Must be filled in before saving.
    #[serde(default)]
    pub required: bool,
    /// Choices of a `select`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<SelectOption>,
    /// Validation rules.
    #[serde(default, skip_serializing_if = "is_default")]
    pub validation: Validation,
}

fn is_default(v: &Validation) -> bool {
    *v == Validation::default()
}

impl FieldSchema {
    /// A field of `kind` with `key` and `label`.
    pub fn new(kind: FieldKind, key: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            kind,
            label: label.into(),
            description: None,
            placeholder: None,
            required: false,
            options: Vec::new(),
            validation: Validation::default(),
        }
    }
    /// Sets the help text.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }
    /// Sets the placeholder.
    pub fn placeholder(mut self, text: impl Into<String>) -> Self {
        self.placeholder = Some(text.into());
        self
    }
    /// Marks the field required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    /// Adds a `select` choice.
    pub fn option(mut self, value: impl Into<String>, label: impl Into<String>) -> Self {
        self.options.push(SelectOption {
            value: value.into(),
            label: label.into(),
        });
        self
    }
    /// Limits a number to `min..=max`.
    pub fn range(mut self, min: f64, max: f64) -> Self {
        self.validation.min = Some(min);
        self.validation.max = Some(max);
        self
    }
    /// Requires the text to match `pattern`, explaining failures with `message`.
    pub fn pattern(mut self, pattern: impl Into<String>, message: impl Into<String>) -> Self {
        self.validation.pattern = Some(pattern.into());
        self.validation.pattern_message = Some(message.into());
        self
    }

    /// Checks the field's current value in `settings`; `Err` carries the message to show.
    pub fn validate(&self, settings: &DataSourceSettings) -> Result<(), String> {
        if self.kind.is_secret() {
            let typed = settings
                .secure_json_data
                .get(&self.key)
                .is_some_and(|v| !v.is_empty());
            if self.required && !typed && !is_secret_configured(settings, &self.key) {
                return Err(format!("{} is required", self.label));
            }
            return Ok(());
        }
        let value = settings.json_data.get(&self.key);
        let empty = match value {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => s.trim().is_empty(),
            Some(Value::Array(a)) => a.is_empty(),
            _ => false,
        };
        if empty {
            return if self.required && self.kind != FieldKind::Switch {
                Err(format!("{} is required", self.label))
            } else {
                Ok(())
            };
        }
        let text = match value {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        match self.kind {
            FieldKind::Url if !super::validation::is_valid_url(&text) => {
                return Err(super::validation::INVALID_URL_MESSAGE.to_owned())
            }
            FieldKind::Number => {
                let n = match value.and_then(Value::as_f64) {
                    Some(n) => n,
                    None => parse_number(&text)?.unwrap_or_default(),
                };
                check_range(n, self.validation.min, self.validation.max)?;
            }
            FieldKind::Select if !self.options.iter().any(|o| o.value == text) => {
                return Err(format!("Choose one of the {} options", self.label));
            }
            _ => {}
        }
        if let Some(pattern) = &self.validation.pattern {
            check_pattern(&text, pattern, self.validation.pattern_message.as_deref())?;
        }
        Ok(())
    }
}

/// Which of Grafana's standard sections the editor shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Sections {
    /// "Connection": URL (top-level `url`).
    pub connection: bool,
    /// "Authentication": method select, basic auth, TLS settings.
    pub auth: bool,
    /// "Custom HTTP headers".
    pub custom_headers: bool,
    /// TLS settings inside Authentication.
    pub tls: bool,
    /// "Allowed cookies" (`jsonData.keepCookies`).
    pub allowed_cookies: bool,
    /// "Timeout" (`jsonData.timeout`).
    pub timeout: bool,
    /// An "API key" secret (`secureJsonData.apiKey`).
    pub api_key: bool,
    /// Offer "Enable cross-site access control requests" (`withCredentials`) among the
    /// authentication methods (plugin-ui hides it unless a plugin asks for it).
    pub cross_site_credentials: bool,
}

impl Default for Sections {
    fn default() -> Self {
        Self {
            connection: true,
            auth: true,
            custom_headers: true,
            tls: true,
            allowed_cookies: true,
            timeout: true,
            api_key: false,
            cross_site_credentials: false,
        }
    }
}

/// plugin-ui's `DataSourceDescription`: the editor's opening lines, with the plugin's
/// documentation link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditorDescription {
    /// The data source's name as readers know it ("Prometheus").
    pub data_source_name: String,
    /// Where its documentation is.
    pub docs_link: String,
    /// Adds "Fields marked with * are required" (default true).
    #[serde(default = "yes")]
    pub has_required_fields: bool,
}

fn yes() -> bool {
    true
}

/// An authentication method of the plugin's own, beside Grafana's (plugin-ui's
/// `customMethods`): its id starts with `custom-`; choosing it shows its fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomAuthMethod {
    /// `custom-<name>`.
    pub id: String,
    /// The option's label.
    pub label: String,
    /// The option's description.
    #[serde(default)]
    pub description: String,
    /// The fields shown while it is chosen.
    #[serde(default)]
    pub fields: Vec<FieldSchema>,
}

/// A plugin's editor schema.
///
/// ```
/// use leptos_grafana::model::schema::{ConfigSchema, FieldKind, FieldSchema};
/// let schema = ConfigSchema::new()
///     .api_key(true)
///     .field(FieldSchema::new(FieldKind::Text, "path", "Path").placeholder("/api/v1").required());
/// let from_json = ConfigSchema::from_json(
///     r#"{"sections":{"apiKey":true},"fields":[{"key":"path","kind":"text","label":"Path","placeholder":"/api/v1","required":true}]}"#,
/// ).unwrap();
/// assert_eq!(schema, from_json);
/// ```
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConfigSchema {
    /// The opening lines (plugin-ui's `DataSourceDescription`), if any.
    pub description: Option<EditorDescription>,
    /// Standard sections.
    pub sections: Sections,
    /// Plugin-specific fields, in display order.
    pub fields: Vec<FieldSchema>,
    /// The plugin's own authentication methods (`custom-…`), after Grafana's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub auth_methods: Vec<CustomAuthMethod>,
}

impl ConfigSchema {
    /// The `jsonData` and `secureJsonData` keys this editor collects (what plugin route
    /// templates may read), as `grafana_model` reads them from `config-schema.json`.
    pub fn editor_keys(&self) -> Option<grafana_model::EditorKeys> {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| grafana_model::EditorKeys::from_schema_json(&v).ok())
    }

    /// All standard sections except the API key, and no plugin fields.
    pub fn new() -> Self {
        Self::default()
    }
    /// Decodes a schema from JSON (as a JavaScript host or a plugin folder gives it).
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
    /// Adds a plugin field.
    pub fn field(mut self, field: FieldSchema) -> Self {
        self.fields.push(field);
        self
    }
    /// Shows or hides the API key field.
    pub fn api_key(mut self, on: bool) -> Self {
        self.sections.api_key = on;
        self
    }
    /// Replaces the standard sections.
    pub fn sections(mut self, sections: Sections) -> Self {
        self.sections = sections;
        self
    }

    /// Every validation error of `settings`, as `(key, message)`; URL errors use key `url`.
    pub fn validate(&self, settings: &DataSourceSettings) -> Vec<(String, String)> {
        let mut errors = Vec::new();
        if self.sections.connection && !super::validation::is_valid_url(&settings.url) {
            errors.push((
                "url".to_owned(),
                super::validation::INVALID_URL_MESSAGE.to_owned(),
            ));
        }
        if self.sections.auth && settings.basic_auth {
            if settings.basic_auth_user.trim().is_empty() {
                errors.push(("basicAuthUser".to_owned(), "User is required".to_owned()));
            }
            let typed = settings
                .secure_json_data
                .get("basicAuthPassword")
                .is_some_and(|v| !v.is_empty());
            if !typed && !is_secret_configured(settings, "basicAuthPassword") {
                errors.push((
                    "basicAuthPassword".to_owned(),
                    "Password is required".to_owned(),
                ));
            }
        }
        if self.sections.timeout {
            match settings.json_data.get("timeout") {
                None | Some(Value::Null) => {}
                Some(Value::Number(n)) if n.as_f64().is_some_and(|n| n >= 0.0) => {}
                Some(_) => errors.push((
                    "timeout".to_owned(),
                    "Enter the timeout as a whole number of seconds".to_owned(),
                )),
            }
        }
        if self.sections.custom_headers {
            errors.extend(super::custom_headers::validate_headers(settings));
        }
        for field in &self.fields {
            if let Err(message) = field.validate(settings) {
                errors.push((field.key.clone(), message));
            }
        }
        if let Some(method) = self.selected_custom_method(settings) {
            for field in &method.fields {
                if let Err(message) = field.validate(settings) {
                    errors.push((field.key.clone(), message));
                }
            }
        }
        errors
    }

    /// The plugin's own authentication method that `settings` has chosen, if any.
    pub fn selected_custom_method(
        &self,
        settings: &DataSourceSettings,
    ) -> Option<&CustomAuthMethod> {
        let chosen = super::auth_method::chosen_custom_id(settings)?;
        self.auth_methods.iter().find(|m| m.id == chosen)
    }

    /// The ids of the plugin's own authentication methods.
    pub fn custom_auth_ids(&self) -> impl Iterator<Item = &str> {
        self.auth_methods.iter().map(|m| m.id.as_str())
    }

    /// Plugin fields and existing `jsonData` keys that look like secrets but are stored in
    /// clear text in `jsonData` (the seed docs: never put secrets there).
    pub fn cleartext_secret_keys(&self, settings: &DataSourceSettings) -> Vec<String> {
        let mut keys: Vec<String> = self
            .fields
            .iter()
            .filter(|f| !f.kind.is_secret() && super::validation::looks_like_secret_key(&f.key))
            .map(|f| f.key.clone())
            .chain(
                settings
                    .json_data
                    .keys()
                    .filter(|k| super::validation::looks_like_secret_key(k))
                    .cloned(),
            )
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests;
