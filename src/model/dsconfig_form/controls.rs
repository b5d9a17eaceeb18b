//! Each field's control (input, number, switch, select, radio, secret, list, indexed
//! pairs), read from its `ui.component` and `valueType`, with its choices and placeholder.

use grafana_model::dsconfig::{DsField, PairSide, Storage, Target};
use serde_json::{Map, Value};

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

pub(super) fn ui(field: &DsField) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    field
        .extra
        .get("ui")
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

pub(super) fn text_of(v: &Value) -> String {
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

pub(super) fn choices(field: &DsField) -> Vec<Choice> {
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

pub(super) fn validations(field: &DsField) -> &[Value] {
    field
        .extra
        .get("validations")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

pub(super) fn item_fields(field: &DsField) -> Vec<&Map<String, Value>> {
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
