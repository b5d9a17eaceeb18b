//! A `dsconfig.json` ([`DsConfig`]) as a form: the sections to show, each field's control,
//! its value in the settings, whether it is shown (`dependsOn`) and required (`required`,
//! `requiredWhen`), and its validation messages. What plugin-ui 0.17.1's
//! `DatasourceConfigWizard` builds from the same file; the components only call this.
//!
//! Values live where the schema says (`target` + `key`): top-level settings, `jsonData`,
//! or `secureJsonData` (write-only: a stored secret is known only from
//! `secureJsonFields`, and a condition sees it as [`CONFIGURED`]). Indexed pairs (custom
//! headers) are rows kept at their storage index ([`grafana_model::dsconfig`]).

use super::validation::{check_pattern, format_number, number_input_value, parse_number};
use super::{is_secret_configured, reset_secret, set_secret, DataSourceSettings};
use grafana_model::cel::{self, CelValue};
use grafana_model::dsconfig::{
    expand_indexed_pair, root_value, set_root_value, DsConfig, DsField, PairRow, PairSide, Storage,
    Target,
};
use serde_json::{Map, Value};

/// What a condition sees for a stored secret (plugin-ui's sentinel).
pub const CONFIGURED: &str = "__CONFIGURED__";

/// One choice of a select or radio group.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Stored value, as text (numbers and booleans as JSON).
    pub value: String,
    /// Shown label.
    pub label: String,
}

/// How a field is edited.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    /// One line of text (`input`; `url` for an endpoint).
    Text {
        /// The HTML input type.
        input_type: &'static str,
    },
    /// Several lines (`textarea`).
    TextArea,
    /// A number (`valueType: number`): stored as a JSON number; invalid text is kept and
    /// blocks saving.
    Number,
    /// On/off (`switch`, `checkbox`, or a boolean without `ui`).
    Switch,
    /// One of several (`select`); `allow_custom` also takes typed values.
    Select {
        /// The choices.
        options: Vec<Choice>,
        /// Other values may be typed.
        allow_custom: bool,
    },
    /// One of a few, side by side (`radio`).
    Radio {
        /// The choices.
        options: Vec<Choice>,
    },
    /// A write-only secret (`secureJsonData`); `multiline` for certificates and keys.
    Secret {
        /// A text area rather than a password input.
        multiline: bool,
    },
    /// A list of strings (`valueType: array` of strings).
    List,
    /// Rows stored as numbered pairs (custom headers).
    Pairs(Box<PairsControl>),
}

/// The rows control of an indexed pair.
#[derive(Clone, Debug, PartialEq)]
pub struct PairsControl {
    /// Where a row's name goes.
    pub key: PairSide,
    /// Where a row's value goes.
    pub value: PairSide,
    /// The first number.
    pub start_index: Option<u32>,
    /// The name column (from `item.fields`, the one whose key is `name`/`key`, else the
    /// first).
    pub name: ItemField,
    /// The value column.
    pub value_field: ItemField,
    /// What one row is called in button texts: the label in lower case without its
    /// plural `s` ("custom http header"), as plugin-ui words it; "header" by default.
    pub item_label: String,
    /// The most rows allowed (`itemCount.max`, else 10).
    pub max: usize,
}

/// A column of an indexed pair's rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemField {
    /// Label.
    pub label: String,
    /// Placeholder.
    pub placeholder: Option<String>,
    /// Must be filled in.
    pub required: bool,
    /// Its validations.
    pub validations: Vec<Value>,
}

/// A section of the form: a dsconfig group, or the fields no group names.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The group's id (`""` for the fields no group names).
    pub id: String,
    /// Heading.
    pub title: String,
    /// Text under the heading.
    pub description: Option<String>,
    /// An optional group: collapsible, and closed until one of its fields has a value.
    pub optional: bool,
    /// Its fields, in the group's order.
    pub fields: Vec<DsField>,
}

fn ui(field: &DsField) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    field
        .extra
        .get("ui")
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The field's `ui.placeholder`.
pub fn placeholder(field: &DsField) -> Option<String> {
    ui(field)
        .get("placeholder")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The field's `defaultValue`, if any.
pub fn default_value(field: &DsField) -> Option<&Value> {
    field.extra.get("defaultValue").filter(|v| !v.is_null())
}

fn choices(field: &DsField) -> Vec<Choice> {
    let from_ui = ui(field).get("options").and_then(Value::as_array);
    if let Some(options) = from_ui {
        return options
            .iter()
            .map(|o| match o {
                Value::Object(o) => {
                    let value = text_of(o.get("value").unwrap_or(&Value::Null));
                    let label = o.get("label").map(text_of).unwrap_or_else(|| value.clone());
                    Choice { value, label }
                }
                other => Choice {
                    value: text_of(other),
                    label: text_of(other),
                },
            })
            .collect();
    }
    // No options in `ui`: the values an `allowedValues` rule names.
    validations(field)
        .iter()
        .find(|v| v.get("type").and_then(Value::as_str) == Some("allowedValues"))
        .and_then(|v| v.get("values"))
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .map(|v| Choice {
                    value: text_of(v),
                    label: text_of(v),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn validations(field: &DsField) -> &[Value] {
    field
        .extra
        .get("validations")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn item_fields(field: &DsField) -> Vec<&Map<String, Value>> {
    field
        .extra
        .get("item")
        .and_then(|i| i.get("fields"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default()
}

fn item_field(item: Option<&Map<String, Value>>, fallback: &str) -> ItemField {
    let Some(item) = item else {
        return ItemField {
            label: fallback.to_owned(),
            ..ItemField::default()
        };
    };
    ItemField {
        label: item
            .get("label")
            .and_then(Value::as_str)
            .unwrap_or(fallback)
            .to_owned(),
        placeholder: item
            .get("ui")
            .and_then(|u| u.get("placeholder"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        required: item
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        validations: item
            .get("validations")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
    }
}

fn item_label(label: &str) -> String {
    let lower = label.trim().to_lowercase();
    let single = lower.strip_suffix('s').unwrap_or(&lower);
    if single.is_empty() {
        "header".to_owned()
    } else {
        single.to_owned()
    }
}

/// How `field` is edited; `None` for a field the form does not show (no label and no
/// `ui`, tagged `legacy` or `hidden`, computed, or an item field).
pub fn control(field: &DsField) -> Option<Control> {
    let tags: Vec<&str> = field
        .extra
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| t.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let component = ui(field).get("component").and_then(Value::as_str);
    if tags
        .iter()
        .any(|t| matches!(*t, "legacy" | "hidden" | "deprecated"))
        || component == Some("hidden")
        || field.extra.get("isItemField").and_then(Value::as_bool) == Some(true)
        || (field.label.is_empty() && component.is_none())
    {
        return None;
    }
    match &field.storage {
        Some(Storage::IndexedPair {
            key,
            value,
            start_index,
        }) => {
            let items = item_fields(field);
            let named = |names: &[&str]| {
                items.iter().copied().find(|i| {
                    i.get("key")
                        .and_then(Value::as_str)
                        .is_some_and(|k| names.contains(&k))
                })
            };
            let name = named(&["name", "key"]).or_else(|| items.first().copied());
            let value_item = named(&["value"]).or_else(|| items.get(1).copied());
            return Some(Control::Pairs(Box::new(PairsControl {
                key: key.clone(),
                value: value.clone(),
                start_index: *start_index,
                name: item_field(name, "Name"),
                value_field: item_field(value_item, "Value"),
                item_label: item_label(&field.label),
                max: validations(field)
                    .iter()
                    .find(|v| v.get("type").and_then(Value::as_str) == Some("itemCount"))
                    .and_then(|v| v.get("max"))
                    .and_then(Value::as_u64)
                    .and_then(|m| usize::try_from(m).ok())
                    .unwrap_or(10),
            })));
        }
        Some(Storage::Computed { .. }) => return None,
        _ => {}
    }
    if field.target == Some(Target::SecureJsonData) {
        let multiline = matches!(component, Some("textarea" | "code"));
        return Some(Control::Secret { multiline });
    }
    let options = choices(field);
    Some(match (component, field.value_type.as_str()) {
        (Some("switch" | "checkbox"), _) | (None, "boolean") => Control::Switch,
        (Some("radio"), _) if !options.is_empty() => Control::Radio { options },
        (Some("select" | "radio"), _) => Control::Select {
            options,
            allow_custom: ui(field).get("allowCustom").and_then(Value::as_bool) == Some(true),
        },
        (Some("textarea" | "code"), _) => Control::TextArea,
        (_, "number" | "integer") => Control::Number,
        (_, "array") => Control::List,
        (None, _) if !options.is_empty() => Control::Select {
            options,
            allow_custom: false,
        },
        _ => Control::Text {
            input_type: if field.extra.get("role").and_then(Value::as_str)
                == Some("endpoint.baseUrl")
            {
                "url"
            } else {
                "text"
            },
        },
    })
}

/// The form's sections: the groups by `order` (then as written), each with the fields it
/// names that the form shows; then "Additional settings" with the fields no group names
/// (for a schema without groups, every field).
pub fn sections(config: &DsConfig) -> Vec<Section> {
    let mut groups: Vec<(usize, &grafana_model::dsconfig::DsGroup)> =
        config.groups.iter().enumerate().collect();
    groups.sort_by_key(|(position, g)| {
        let order = g
            .extra
            .get("order")
            .and_then(Value::as_i64)
            .unwrap_or(i64::MAX);
        (order, *position)
    });
    let shown = |f: &&DsField| control(f).is_some();
    let mut out: Vec<Section> = groups
        .into_iter()
        .map(|(_, g)| Section {
            id: g.id.clone(),
            title: if g.title.is_empty() {
                g.id.clone()
            } else {
                g.title.clone()
            },
            description: g
                .extra
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            optional: g.extra.get("optional").and_then(Value::as_bool) == Some(true),
            fields: g
                .field_refs
                .iter()
                .filter_map(|id| config.field(id))
                .filter(shown)
                .cloned()
                .collect(),
        })
        .filter(|s| !s.fields.is_empty())
        .collect();
    let grouped: Vec<&str> = config
        .groups
        .iter()
        .flat_map(|g| g.field_refs.iter().map(String::as_str))
        .collect();
    let rest: Vec<DsField> = config
        .fields
        .iter()
        .filter(|f| !grouped.contains(&f.id.as_str()))
        .filter(shown)
        .cloned()
        .collect();
    if !rest.is_empty() {
        out.push(Section {
            id: String::new(),
            title: if config.groups.is_empty() {
                "Configuration".to_owned()
            } else {
                "Additional settings".to_owned()
            },
            description: None,
            optional: false,
            fields: rest,
        });
    }
    out
}

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

/// The rows of an indexed-pair field.
pub fn pair_rows(pairs: &PairsControl, s: &DataSourceSettings) -> Vec<PairRow> {
    expand_indexed_pair(&pairs.key, &pairs.value, s)
}

/// The error key of row `index`'s name in field `id` (what [`errors`] reports).
pub fn pair_name_key(id: &str, index: u32) -> String {
    format!("{id}.{index}.name")
}

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
fn check_rules(label: &str, v: &Value, rules: &[Value]) -> Result<(), String> {
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

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixture(name: &str) -> DsConfig {
        let path = format!(
            "{}/tests/fixtures/dsconfig/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        DsConfig::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn settings(v: Value) -> DataSourceSettings {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn sections_follow_the_groups_and_hide_legacy_fields() {
        let c = fixture("grafana-servicenow-datasource");
        let titles: Vec<_> = sections(&c)
            .into_iter()
            .map(|s| (s.title, s.optional))
            .collect();
        assert_eq!(
            titles,
            vec![
                ("Connection".to_owned(), false),
                ("Authentication".to_owned(), false),
                ("Additional settings".to_owned(), true),
            ]
        );
        // `oauthEnabled` (legacy, no label) is in no section.
        assert!(sections(&c)
            .iter()
            .all(|s| s.fields.iter().all(|f| f.id != "jsonData_oauthEnabled")));
        let hello = fixture("grafana-helloworld-datasource");
        let only = sections(&hello);
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].title, "Configuration");
        assert_eq!(
            control(&only[0].fields[0]),
            Some(Control::Secret { multiline: false })
        );
    }

    #[test]
    fn controls_come_from_ui_components_and_value_types() {
        let c = fixture("grafana-servicenow-datasource");
        let kind = |id: &str| control(c.field(id).unwrap());
        assert_eq!(kind("root_url"), Some(Control::Text { input_type: "url" }));
        assert_eq!(kind("jsonData_useSysTables"), Some(Control::Switch));
        assert_eq!(kind("jsonData_queryTimeoutSeconds"), Some(Control::Number));
        match kind("jsonData_authMethod") {
            Some(Control::Radio { options }) => assert_eq!(
                options.iter().map(|o| o.label.as_str()).collect::<Vec<_>>(),
                vec!["Basic auth", "ServiceNow OAuth"]
            ),
            other => panic!("{other:?}"),
        }
        match kind("jsonData_httpHeaders") {
            Some(Control::Pairs(p)) => {
                assert_eq!(p.name.label, "Header");
                assert!(p.name.required);
                assert_eq!(p.value_field.placeholder.as_deref(), Some("Header Value"));
                assert_eq!((p.item_label.as_str(), p.max), ("custom http header", 10));
            }
            other => panic!("{other:?}"),
        }
        let a = fixture("dlopes7-appdynamics-datasource");
        assert!(matches!(
            control(a.field("jsonData_analyticsURL").unwrap()),
            Some(Control::Select {
                allow_custom: true,
                ..
            })
        ));
    }

    #[test]
    fn depends_on_and_defaults_decide_what_is_shown() {
        let c = fixture("grafana-servicenow-datasource");
        let id = c.field("jsonData_oauthClientID").unwrap();
        // authMethod defaults to basicAuth, written once: the OAuth fields are hidden.
        let s = with_defaults(&c, &DataSourceSettings::default()).unwrap();
        assert_eq!(s.json_data["authMethod"], json!("basicAuth"));
        assert_eq!(s.json_data["queryTimeoutSeconds"], json!(30));
        assert_eq!(with_defaults(&c, &s), None, "nothing more to fill in");
        assert!(!is_shown(&c, id, &s));
        let s = set_value(
            c.field("jsonData_authMethod").unwrap(),
            s,
            json!("serviceNowOAuth"),
        );
        assert!(is_shown(&c, id, &s));
        let a = fixture("dlopes7-appdynamics-datasource");
        let user = a.field("root_basicAuthUser").unwrap();
        assert!(!is_shown(&a, user, &DataSourceSettings::default()));
        assert!(is_shown(&a, user, &settings(json!({"basicAuth": true}))));
        // A condition the form cannot read shows the field.
        let mut broken = user.clone();
        broken.depends_on = Some("root_basicAuth ==".into());
        assert!(is_shown(&a, &broken, &DataSourceSettings::default()));
    }

    #[test]
    fn errors_cover_required_when_numbers_patterns_and_rows() {
        let a = fixture("dlopes7-appdynamics-datasource");
        let s = settings(json!({
            "url": "",
            "jsonData": {"clientName": "me", "httpHeaderName1": "1bad", "httpHeaderName2": ""}
        }));
        let e = errors(&a, &s);
        let keys: Vec<&str> = e.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.contains(&"root_url"), "{e:?}");
        // clientSecret is required when a client name is set.
        assert!(keys.contains(&"secureJsonData_clientSecret"), "{e:?}");
        assert!(e.contains(&(
            "jsonData_httpHeaders.1.name".into(),
            "Header name must start with a letter and contain only letters, digits, or hyphens."
                .into()
        )));
        assert!(e.contains(&(
            "jsonData_httpHeaders.2.name".into(),
            "Header is required".into()
        )));
        // A configured secret satisfies requiredWhen.
        let mut ok = s.clone();
        ok.url = "https://x.example".into();
        ok.secure_json_fields.insert("clientSecret".into(), true);
        ok.json_data
            .insert("httpHeaderName1".into(), json!("X-Good"));
        ok.json_data
            .insert("httpHeaderName2".into(), json!("X-Two"));
        ok.json_data
            .insert("clientDomain".into(), json!("customer1"));
        assert_eq!(errors(&a, &ok), vec![]);
        // Nothing typed: an unset string is '', so requiredWhen does not fire.
        let fresh = settings(json!({"url": "https://x.example"}));
        assert_eq!(errors(&a, &fresh), vec![]);

        let c = fixture("grafana-servicenow-datasource");
        let timeout = c.field("jsonData_queryTimeoutSeconds").unwrap();
        let s = set_number_text(timeout, DataSourceSettings::default(), "1e999");
        assert_eq!(s.json_data["queryTimeoutSeconds"], json!("1e999"));
        assert!(errors(&c, &s)
            .iter()
            .any(|(k, m)| k == "jsonData_queryTimeoutSeconds" && m.contains("not a number")));
        let s = set_number_text(timeout, s, "45");
        assert_eq!(s.json_data["queryTimeoutSeconds"], json!(45));
        // A number stored as text counts as a number.
        let text = set_value(timeout, s.clone(), json!("45"));
        assert!(!errors(&c, &text)
            .iter()
            .any(|(k, _)| k == "jsonData_queryTimeoutSeconds"));
        // Emptied: removed, and not filled in again behind the user's back.
        let cleared = set_number_text(timeout, s.clone(), "");
        assert!(cleared.json_data.get("queryTimeoutSeconds").is_none());
        assert_eq!(value_text(timeout, &cleared), "");
        let method = c.field("jsonData_authMethod").unwrap();
        let s = set_value(method, s, json!("kerberos"));
        assert!(errors(&c, &s)
            .iter()
            .any(|(k, m)| k == "jsonData_authMethod" && m.contains("basicAuth, serviceNowOAuth")));
    }

    #[test]
    fn choices_keep_the_fields_value_type() {
        let field = |value_type: &str| DsField {
            id: "jsonData_x".into(),
            key: "x".into(),
            label: "X".into(),
            description: None,
            value_type: value_type.into(),
            target: Some(Target::JsonData),
            required: false,
            depends_on: None,
            storage: None,
            extra: Map::new(),
        };
        assert_eq!(choice_value(&field("number"), "30"), json!(30));
        assert_eq!(choice_value(&field("number"), "0.5"), json!(0.5));
        assert_eq!(choice_value(&field("number"), "1e999"), json!("1e999"));
        assert_eq!(choice_value(&field("boolean"), "true"), json!(true));
        assert_eq!(choice_value(&field("string"), "eu"), json!("eu"));
        assert_eq!(choice_value(&field("string"), ""), Value::Null);
        let s = set_value(
            &field("boolean"),
            DataSourceSettings::default(),
            json!(false),
        );
        assert!(!has_value(&field("boolean"), &s));
        let s = set_value(&field("string"), s, json!("eu"));
        assert!(has_value(&field("string"), &s));
    }

    #[test]
    fn rule_messages_are_plugin_uis() {
        let rules = json!([
            {"type": "pattern", "pattern": "^[a-z]+$"},
            {"type": "range", "min": 1, "max": 65535},
            {"type": "length", "max": 3},
        ]);
        let rules = rules.as_array().unwrap();
        assert_eq!(
            check_rules("Port", &json!("ABC"), rules),
            Err("Invalid Port".into())
        );
        assert_eq!(
            check_rules("Port", &json!(0), rules),
            Err("Invalid Port".into())
        );
        let range = &rules[1..];
        assert_eq!(
            check_rules("Port", &json!(0), range),
            Err("Minimum value is 1".into())
        );
        assert_eq!(
            check_rules("Port", &json!(70000), range),
            Err("Maximum value is 65535".into())
        );
        assert_eq!(
            check_rules("Port", &json!("abcd"), &rules[2..]),
            Err("Maximum length is 3".into())
        );
        assert_eq!(check_rules("Port", &json!("abc"), &rules[2..]), Ok(()));
        let custom = json!([{"type": "pattern", "pattern": "^x", "message": "Starts with x"}]);
        assert_eq!(
            check_rules("Name", &json!("y"), custom.as_array().unwrap()),
            Err("Starts with x".into())
        );
        let broken = json!([{"type": "pattern", "pattern": "(["}]);
        assert!(check_rules("Name", &json!("y"), broken.as_array().unwrap())
            .unwrap_err()
            .contains("invalid pattern"));
    }

    #[test]
    fn secrets_are_written_reset_and_seen_as_configured() {
        let c = fixture("grafana-servicenow-datasource");
        let pw = c.field("secureJsonData_basicAuthPassword").unwrap();
        let s = settings(json!({"secureJsonFields": {"basicAuthPassword": true}}));
        assert_eq!(stored_value(pw, &s), json!(CONFIGURED));
        let typed = set_value(pw, s.clone(), json!("hunter2"));
        assert_eq!(typed.secure_json_data["basicAuthPassword"], "hunter2");
        assert!(typed.json_data.is_empty());
        let reset = reset_field(pw, s);
        assert_eq!(reset.secure_json_data["basicAuthPassword"], "");
        assert!(!reset.secure_json_fields["basicAuthPassword"]);
        assert_eq!(stored_value(pw, &reset), Value::Null);
    }
}
