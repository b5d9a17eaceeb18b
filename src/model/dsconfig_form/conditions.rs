//! The CEL conditions of a field: `dependsOn` (shown), `required`/`requiredWhen`,
//! `disabledWhen`, with the other fields as variables (a stored secret as [`super::CONFIGURED`]).

use super::*;
use crate::model::validation::parse_number;
use crate::model::DataSourceSettings;
use grafana_model::cel::{self, CelValue};
use grafana_model::dsconfig::{root_value, DsConfig, DsField, Target};
use serde_json::Value;

/// A field's value in a condition: an unset string is `''` and an unset boolean `false`
/// (so `x != ''` means "x is filled in").
fn field_variable(field: &DsField, s: &DataSourceSettings) -> CelValue {
    match (value(field, s), field.value_type.as_str()) {
        (Value::Null, "string") => CelValue::String(String::new()),
        (Value::Null, "boolean") => CelValue::Bool(false),
        // A number stored as text (provisioned, or an older editor) is still a number.
        (Value::String(t), "number" | "integer") => match parse_number(&t) {
            Ok(Some(n)) => CelValue::Number(n),
            _ => CelValue::String(t),
        },
        (v, _) => CelValue::from(&v),
    }
}

/// What a condition sees for identifier `name`: a field id (`jsonData_authMethod`), or
/// `target.key` (`jsonData.authMethod`, `root.url`, `secureJsonData.apiKey`).
fn variable(config: &DsConfig, s: &DataSourceSettings, name: &str) -> CelValue {
    if let Some(field) = config.field(name) {
        return field_variable(field, s);
    }
    let Some((target, key)) = name.split_once('.') else {
        return CelValue::Null;
    };
    let found = config.fields.iter().find(|f| {
        f.key == key
            && matches!(
                (target, f.target),
                ("root", Some(Target::Root))
                    | ("jsonData", Some(Target::JsonData))
                    | ("secureJsonData", Some(Target::SecureJsonData))
            )
    });
    match (found, target) {
        (Some(f), _) => field_variable(f, s),
        (None, "root") => CelValue::from(&root_value(s, key)),
        (None, "jsonData") => s.json_data.get(key).map_or(CelValue::Null, CelValue::from),
        _ => CelValue::Null,
    }
}

/// Whether `field` is shown: its `dependsOn` holds (or it has none). A condition the form
/// cannot read shows the field, so a schema's mistake never hides a setting.
pub fn is_shown(config: &DsConfig, field: &DsField, s: &DataSourceSettings) -> bool {
    field
        .depends_on
        .as_deref()
        .is_none_or(|expr| cel::eval(expr, &|name| variable(config, s, name)).unwrap_or(true))
}

/// Whether `field` must be filled in: `required`, or its `requiredWhen` holds.
pub fn is_required(config: &DsConfig, field: &DsField, s: &DataSourceSettings) -> bool {
    field.required
        || field
            .extra
            .get("requiredWhen")
            .and_then(Value::as_str)
            .is_some_and(|expr| cel::eval(expr, &|name| variable(config, s, name)).unwrap_or(false))
}

/// Whether `field` is disabled: its `disabledWhen` holds.
pub fn is_disabled(config: &DsConfig, field: &DsField, s: &DataSourceSettings) -> bool {
    field
        .extra
        .get("disabledWhen")
        .and_then(Value::as_str)
        .is_some_and(|expr| cel::eval(expr, &|name| variable(config, s, name)).unwrap_or(false))
}
