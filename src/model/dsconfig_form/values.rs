//! Each field's value where its `target` says (top level, `jsonData`, `secureJsonData`),
//! the `defaultValue`s written once, and the rows of indexed pairs.

use super::controls::text_of;
use super::*;
use crate::model::validation::number_input_value;
use crate::model::{is_secret_configured, reset_secret, set_secret, DataSourceSettings};
use grafana_model::dsconfig::{
    expand_indexed_pair, root_value, set_root_value, DsConfig, DsField, PairRow, Target,
};
use serde_json::Value;

/// The stored value of a plain field (`null` when unset). A secret is its typed text, or
/// [`CONFIGURED`] when stored, or `null`.
pub fn stored_value(field: &DsField, s: &DataSourceSettings) -> Value {
    match field.target {
        Some(Target::Root) => root_value(s, &field.key),
        Some(Target::JsonData) => s.json_data.get(&field.key).cloned().unwrap_or(Value::Null),
        Some(Target::SecureJsonData) => match s.secure_json_data.get(&field.key) {
            Some(typed) if !typed.is_empty() => Value::String(typed.clone()),
            _ if is_secret_configured(s, &field.key) => Value::String(CONFIGURED.to_owned()),
            _ => Value::Null,
        },
        None => Value::Null,
    }
}

/// The value the form shows and conditions see: what is stored (defaults are written
/// into the settings once, by [`with_defaults`], so what is shown is what is saved).
pub fn value(field: &DsField, s: &DataSourceSettings) -> Value {
    stored_value(field, s)
}

/// `s` with every unset plain field that has a `defaultValue` set to it (as plugin-ui
/// applies defaults under the loaded values, so they are saved with the first save);
/// `None` when nothing was missing. Secrets and rows have no defaults.
pub fn with_defaults(config: &DsConfig, s: &DataSourceSettings) -> Option<DataSourceSettings> {
    let mut out: Option<DataSourceSettings> = None;
    for field in &config.fields {
        let Some(default) = default_value(field) else {
            continue;
        };
        if !matches!(field.target, Some(Target::Root | Target::JsonData))
            || matches!(control(field), None | Some(Control::Pairs(_)))
        {
            continue;
        }
        let current = out.as_ref().unwrap_or(s);
        let unset = match stored_value(field, current) {
            Value::Null => true,
            Value::String(t) => t.is_empty() && field.target == Some(Target::Root),
            _ => false,
        };
        if unset {
            let base = out.take().unwrap_or_else(|| s.clone());
            out = Some(set_value(field, base, default.clone()));
        }
    }
    out
}

/// The value as text (for inputs): `""` when unset; numbers and booleans as JSON.
pub fn value_text(field: &DsField, s: &DataSourceSettings) -> String {
    text_of(&value(field, s))
}

/// Writes `v` for `field` (`null` removes a `jsonData` key). A secret is written with
/// [`set_secret`]; resets go through [`reset_field`].
pub fn set_value(field: &DsField, s: DataSourceSettings, v: Value) -> DataSourceSettings {
    let mut s = s;
    match field.target {
        Some(Target::Root) => set_root_value(&mut s, &field.key, v),
        Some(Target::JsonData) if v.is_null() => {
            s.json_data.remove(&field.key);
        }
        Some(Target::JsonData) => {
            s.json_data.insert(field.key.clone(), v);
        }
        Some(Target::SecureJsonData) => return set_secret(s, &field.key, &text_of(&v)),
        None => {}
    }
    s
}

/// A chosen option's value (options are text) as the field's value type: a number field
/// keeps numbers (plugin-ui keeps a radio's numbers numbers), a boolean field booleans;
/// an empty choice clears the field.
pub fn choice_value(field: &DsField, text: &str) -> Value {
    match field.value_type.as_str() {
        "number" | "integer" => number_input_value(text).unwrap_or(Value::Null),
        "boolean" => Value::Bool(text == "true"),
        _ if text.is_empty() => Value::Null,
        _ => Value::String(text.to_owned()),
    }
}

/// Whether `field` holds something (not unset, empty or off): an optional group with such
/// a field starts open.
pub fn has_value(field: &DsField, s: &DataSourceSettings) -> bool {
    !matches!(stored_value(field, s), Value::Null | Value::Bool(false))
        && stored_value(field, s) != Value::String(String::new())
}

/// Writes what was typed into a number field: a number, or the text itself when it is
/// not one (kept, and reported by [`errors`]); empty removes it.
pub fn set_number_text(field: &DsField, s: DataSourceSettings, text: &str) -> DataSourceSettings {
    set_value(field, s, number_input_value(text).unwrap_or(Value::Null))
}

/// Resets a stored secret (`secureJsonFields[k] = false`, `secureJsonData[k] = ""`).
pub fn reset_field(field: &DsField, s: DataSourceSettings) -> DataSourceSettings {
    reset_secret(s, &field.key)
}

/// The rows of an indexed-pair field.
pub fn pair_rows(pairs: &PairsControl, s: &DataSourceSettings) -> Vec<PairRow> {
    expand_indexed_pair(&pairs.key, &pairs.value, s)
}

/// The error key of row `index`'s name in field `id` (what [`errors`] reports).
pub fn pair_name_key(id: &str, index: u32) -> String {
    format!("{id}.{index}.name")
}
