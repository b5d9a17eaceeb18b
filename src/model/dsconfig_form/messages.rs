//! A field's validation messages in plugin-ui's words: required, `validations` rules
//! (pattern, range, length, integer), numbers that are not numbers, indexed-pair names.

use super::controls::{text_of, validations};
use super::*;
use crate::model::validation::{check_pattern, format_number, parse_number};
use crate::model::DataSourceSettings;
use grafana_model::dsconfig::DsConfig;
use serde_json::Value;

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Checks a non-empty `v` against dsconfig `validations`; the first failure's message
/// (the rule's `message`, else plugin-ui's words: "Invalid {label}", "Minimum value is
/// N", "Maximum length is N", …).
pub(super) fn check_rules(label: &str, v: &Value, rules: &[Value]) -> Result<(), String> {
    let text = text_of(v);
    for rule in rules {
        let message = rule.get("message").and_then(Value::as_str);
        let fail = |default: String| Err(message.map(str::to_owned).unwrap_or(default));
        let number = |key: &str| rule.get(key).and_then(Value::as_f64);
        let (lo, hi) = (number("min"), number("max"));
        let result = match rule.get("type").and_then(Value::as_str) {
            Some("pattern") => match rule.get("pattern").and_then(Value::as_str) {
                Some(p) => match check_pattern(&text, p, None) {
                    Ok(()) => Ok(()),
                    // A pattern the schema got wrong is reported as such.
                    Err(e) if e.starts_with("The plugin's schema") => Err(e),
                    Err(_) => fail(format!("Invalid {label}")),
                },
                None => Ok(()),
            },
            Some("allowedValues") => match rule.get("values").and_then(Value::as_array) {
                Some(values) if !values.iter().any(|a| text_of(a) == text) => {
                    let list: Vec<String> = values.iter().map(text_of).collect();
                    fail(format!("{label} must be one of: {}", list.join(", ")))
                }
                _ => Ok(()),
            },
            Some("range") => match v.as_f64() {
                Some(n) if lo.is_some_and(|lo| n < lo) => fail(format!(
                    "Minimum value is {}",
                    format_number(lo.unwrap_or(n))
                )),
                Some(n) if hi.is_some_and(|hi| n > hi) => fail(format!(
                    "Maximum value is {}",
                    format_number(hi.unwrap_or(n))
                )),
                _ => Ok(()),
            },
            Some("length") => {
                let n = text.chars().count() as f64;
                if lo.is_some_and(|lo| n < lo) {
                    fail(format!(
                        "Minimum length is {}",
                        format_number(lo.unwrap_or(n))
                    ))
                } else if hi.is_some_and(|hi| n > hi) {
                    fail(format!(
                        "Maximum length is {}",
                        format_number(hi.unwrap_or(n))
                    ))
                } else {
                    Ok(())
                }
            }
            // `custom` and unknown rules are the server's to check.
            _ => Ok(()),
        };
        result?;
    }
    Ok(())
}

/// Every validation error of the shown fields, as `(field id or row key, message)`:
/// required values, numbers that are not numbers, the `validations` rules, and each
/// indexed-pair row's name.
pub fn errors(config: &DsConfig, s: &DataSourceSettings) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for field in &config.fields {
        let Some(control) = control(field) else {
            continue;
        };
        if !is_shown(config, field, s) {
            continue;
        }
        if let Control::Pairs(pairs) = &control {
            for row in pair_rows(pairs, s) {
                let name = Value::String(row.name.clone());
                let key = pair_name_key(&field.id, row.index);
                if is_empty(&name) {
                    if pairs.name.required {
                        out.push((key, format!("{} is required", pairs.name.label)));
                    }
                } else if let Err(e) =
                    check_rules(&pairs.name.label, &name, &pairs.name.validations)
                {
                    out.push((key, e));
                }
            }
            continue;
        }
        let v = value(field, s);
        if matches!(control, Control::Switch) {
            continue;
        }
        if is_empty(&v) {
            if is_required(config, field, s) {
                out.push((field.id.clone(), format!("{} is required", field.label)));
            }
            continue;
        }
        let v = if matches!(control, Control::Number) {
            // A number stored as text (provisioned, or an older editor) counts as one.
            let n = match &v {
                Value::Number(n) => n.as_f64(),
                Value::String(t) => parse_number(t).ok().flatten(),
                _ => None,
            };
            let Some(n) = n else {
                out.push((
                    field.id.clone(),
                    format!("{}: \"{}\" is not a number", field.label, text_of(&v)),
                ));
                continue;
            };
            if field.value_type == "integer" && n.fract() != 0.0 {
                out.push((
                    field.id.clone(),
                    format!("{} must be a whole number", field.label),
                ));
                continue;
            }
            serde_json::Number::from_f64(n).map_or(v, Value::Number)
        } else {
            v
        };
        if matches!(control, Control::Secret { .. }) && text_of(&v) == CONFIGURED {
            continue;
        }
        if let Err(e) = check_rules(&field.label, &v, validations(field)) {
            out.push((field.id.clone(), e));
        }
    }
    out
}
