//! grafana/dsconfig's `dsconfig.json`: a data source's whole configuration described as
//! data (what plugin-ui 0.17.1's `DatasourceConfigWizard` builds an editor from), and
//! its **indexed pairs** (custom headers: `jsonData.httpHeaderName{index}` with
//! `secureJsonData.httpHeaderValue{index}`) turned into rows and back.
//!
//! Rows keep the storage index they were read from: deleting a row never moves another
//! row's stored secret to a new name; new rows take numbers above every existing one. A
//! deleted row's secret is removed as Grafana removes one (`secureJsonData[k] = ""` with
//! `secureJsonFields[k] = false`), not left behind as an orphan.

use crate::dtos::DataSourceSettings;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use serde_with::skip_serializing_none;
use std::collections::BTreeSet;

/// A `dsconfig.json` (schema version `v1`). Fields this crate does not model are kept.
///
/// ```
/// use grafana_model::dsconfig::{DsConfig, Target};
/// let c = DsConfig::from_json(r#"{"schemaVersion":"v1","pluginType":"x","pluginName":"X",
///   "fields":[{"id":"secureJsonData_apiKey","key":"apiKey","label":"API key","valueType":"string","target":"secureJsonData"}]}"#).unwrap();
/// assert_eq!(c.fields[0].target, Some(Target::SecureJsonData));
/// ```
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DsConfig {
    /// `v1`.
    pub schema_version: String,
    /// The plugin id.
    pub plugin_type: String,
    /// Its display name.
    pub plugin_name: String,
    /// Documentation.
    #[serde(rename = "docURL")]
    pub doc_url: Option<String>,
    /// The fields.
    pub fields: Vec<DsField>,
    /// Sections of the form, each naming its fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<DsGroup>,
    /// Everything else (`baseFields`, `relationships`, `instructions`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where a field is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    /// A top-level setting (`url`, `basicAuth`, `basicAuthUser`, …).
    Root,
    /// `jsonData`.
    JsonData,
    /// `secureJsonData` (write-only; `secureJsonFields` says whether it is set).
    SecureJsonData,
}

/// One field.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DsField {
    /// Unique id (groups and conditions name fields by it).
    pub id: String,
    /// The storage key.
    #[serde(default)]
    pub key: String,
    /// Label.
    #[serde(default)]
    pub label: String,
    /// Short help.
    pub description: Option<String>,
    /// `string`, `number`, `boolean`, `array`, `object`, `map`, `any`.
    #[serde(default)]
    pub value_type: String,
    /// Where it is stored (absent for virtual fields and array items).
    pub target: Option<Target>,
    /// Must be filled in.
    #[serde(default)]
    pub required: bool,
    /// Shown only when this CEL condition holds (e.g. `root_basicAuth == true`).
    pub depends_on: Option<String>,
    /// How it is stored, when not directly under `key`.
    pub storage: Option<Storage>,
    /// Everything else (`ui`, `validations`, `item`, `role`, `defaultValue`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A group (section) of the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DsGroup {
    /// Id.
    pub id: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// The fields, by id.
    #[serde(default)]
    pub field_refs: Vec<String>,
    /// Everything else (`description`, `order`, `optional`, `ui`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A field's storage.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Storage {
    /// Stored under its key (the default).
    Direct,
    /// Computed from other values.
    Computed {
        /// Everything about the computation.
        #[serde(flatten)]
        extra: Map<String, Value>,
    },
    /// Rows stored as numbered key/value pairs.
    #[serde(rename_all = "camelCase")]
    IndexedPair {
        /// Where each row's name goes, e.g. `jsonData` / `httpHeaderName{index}`.
        key: PairSide,
        /// Where each row's value goes, e.g. `secureJsonData` / `httpHeaderValue{index}`.
        value: PairSide,
        /// The first number (1 unless said).
        start_index: Option<u32>,
    },
}

/// One side of an indexed pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairSide {
    /// Where it is stored.
    pub target: Target,
    /// The key with `{index}` in it.
    pub pattern: String,
}

impl PairSide {
    /// The key of row `index`.
    pub fn key(&self, index: u32) -> String {
        self.pattern.replace("{index}", &index.to_string())
    }

    /// The index a stored key names, if it matches the pattern.
    pub fn index_of(&self, key: &str) -> Option<u32> {
        let (prefix, suffix) = self.pattern.split_once("{index}")?;
        let digits = key.strip_prefix(prefix)?.strip_suffix(suffix)?;
        // Grafana reads `httpHeaderName1`, `…2`, …: a leading zero names no index.
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || (digits.len() > 1 && digits.starts_with('0'))
        {
            return None;
        }
        digits.parse().ok()
    }
}

/// A row's value, as the form holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PairValue {
    /// A stored secret: kept as it is (never read back).
    Configured,
    /// What was typed (or a stored plain value).
    Text(String),
}

/// One row of an indexed pair: its storage index (`0` for a row not yet saved), name and
/// value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairRow {
    /// The number it is stored under; `0` = new.
    pub index: u32,
    /// The row's name (a header name).
    pub name: String,
    /// The row's value.
    pub value: PairValue,
}

impl DsConfig {
    /// Decodes a `dsconfig.json`.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The field with this id.
    pub fn field(&self, id: &str) -> Option<&DsField> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// Every storage key it writes in `secureJsonData` (indexed pairs by their pattern).
    pub fn secure_keys(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter_map(|f| match (&f.storage, f.target) {
                (Some(Storage::IndexedPair { value, .. }), _)
                    if value.target == Target::SecureJsonData =>
                {
                    Some(value.pattern.clone())
                }
                (_, Some(Target::SecureJsonData)) => Some(f.key.clone()),
                _ => None,
            })
            .collect()
    }
}

/// The plain map `target` stores in: `jsonData` or the root; `None` for `secureJsonData`.
fn plain_map(s: &DataSourceSettings, target: Target) -> Option<&Map<String, Value>> {
    match target {
        Target::JsonData => Some(&s.json_data),
        Target::Root => Some(&s.extra),
        Target::SecureJsonData => None,
    }
}

fn side_keys<'a>(side: &PairSide, s: &'a DataSourceSettings) -> Vec<(u32, &'a str)> {
    let keys: Vec<&String> = match plain_map(s, side.target) {
        Some(map) => map.keys().collect(),
        None => s.secure_json_fields.keys().collect(),
    };
    let mut found: Vec<(u32, &str)> = keys
        .into_iter()
        .filter_map(|k| side.index_of(k).map(|i| (i, k.as_str())))
        .collect();
    found.sort_unstable();
    found
}

/// The rows stored in `s`, in index order (numeric: 2 before 10). A row needs a name;
/// a stored secret comes back only as [`PairValue::Configured`], one typed in this
/// session as its text (so `expand(flatten(rows))` gives the rows back).
pub fn expand_indexed_pair(
    key: &PairSide,
    value: &PairSide,
    s: &DataSourceSettings,
) -> Vec<PairRow> {
    side_keys(key, s)
        .into_iter()
        .filter_map(|(index, k)| {
            let name = plain_map(s, key.target)?.get(k)?.as_str()?.to_owned();
            let vk = value.key(index);
            let value = match plain_map(s, value.target) {
                Some(map) => PairValue::Text(
                    map.get(&vk)
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                ),
                // What was typed in this session wins over what is stored.
                None => match s.secure_json_data.get(&vk) {
                    Some(typed) if !typed.is_empty() => PairValue::Text(typed.clone()),
                    _ if s.secure_json_fields.get(&vk).copied() == Some(true) => {
                        PairValue::Configured
                    }
                    _ => PairValue::Text(String::new()),
                },
            };
            Some(PairRow { index, name, value })
        })
        .collect()
}

fn put(s: &mut DataSourceSettings, target: Target, key: &str, v: Option<String>) {
    match (target, v) {
        (Target::JsonData, Some(v)) => {
            s.json_data.insert(key.to_owned(), Value::String(v));
        }
        (Target::JsonData, None) => {
            s.json_data.remove(key);
        }
        (Target::Root, v) => set_root_value(s, key, v.map_or(Value::Null, Value::String)),
        // A stored secret is removed as Grafana removes one: an empty value, and not
        // configured. One only typed in this session is simply dropped.
        (Target::SecureJsonData, None) => {
            if s.secure_json_fields.get(key).copied() == Some(true) {
                s.secure_json_data.insert(key.to_owned(), String::new());
                s.secure_json_fields.insert(key.to_owned(), false);
            } else if s.secure_json_fields.contains_key(key) {
                // Already reset: keep the reset.
                s.secure_json_data.insert(key.to_owned(), String::new());
            } else {
                s.secure_json_data.remove(key);
            }
        }
        (Target::SecureJsonData, Some(v)) => {
            s.secure_json_data.insert(key.to_owned(), v);
        }
    }
}

/// A top-level setting (`url`, `basicAuth`, `basicAuthUser`, `user`, `database`,
/// `withCredentials`, `access`, …) as JSON; `null` when it is not set.
pub fn root_value(s: &DataSourceSettings, key: &str) -> Value {
    match key {
        "name" => Value::String(s.name.clone()),
        "access" => Value::String(s.access.clone()),
        "url" => Value::String(s.url.clone()),
        "user" => Value::String(s.user.clone()),
        "database" => Value::String(s.database.clone()),
        "basicAuth" => Value::Bool(s.basic_auth),
        "basicAuthUser" => Value::String(s.basic_auth_user.clone()),
        "withCredentials" => Value::Bool(s.with_credentials),
        "isDefault" => Value::Bool(s.is_default),
        other => s.extra.get(other).cloned().unwrap_or(Value::Null),
    }
}

/// Sets a top-level setting; a value of the wrong type for a typed setting (a string for
/// `basicAuth`) is read as Grafana's JSON decoding would (`"true"` is true, text is text).
/// `null` clears it.
pub fn set_root_value(s: &mut DataSourceSettings, key: &str, v: Value) {
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(t) => t.clone(),
        other => other.to_string(),
    };
    let flag = |v: &Value| match v {
        Value::Bool(b) => *b,
        Value::String(t) => t == "true",
        _ => false,
    };
    match key {
        "name" => s.name = text(&v),
        "access" => s.access = text(&v),
        "url" => s.url = text(&v),
        "user" => s.user = text(&v),
        "database" => s.database = text(&v),
        "basicAuth" => s.basic_auth = flag(&v),
        "basicAuthUser" => s.basic_auth_user = text(&v),
        "withCredentials" => s.with_credentials = flag(&v),
        "isDefault" => s.is_default = flag(&v),
        other if v.is_null() => {
            s.extra.remove(other);
        }
        other => {
            s.extra.insert(other.to_owned(), v);
        }
    }
}

/// The number a new row takes: above every index stored in `s` or held by `rows`, and
/// never below `start_index` (1 unless said). `None` only when every number is used.
pub fn next_pair_index(
    key: &PairSide,
    value: &PairSide,
    start_index: Option<u32>,
    rows: &[PairRow],
    s: &DataSourceSettings,
) -> Option<u32> {
    let start = start_index.unwrap_or(1).max(1);
    let highest = side_keys(key, s)
        .into_iter()
        .chain(side_keys(value, s))
        .map(|(i, _)| i)
        .chain(rows.iter().map(|r| r.index))
        .max();
    match highest {
        None => Some(start),
        Some(h) => h.checked_add(1).map(|n| n.max(start)),
    }
}

/// Writes `rows` into `s`. Each row keeps its index; new rows (`index` 0) take numbers
/// above every index in use; an index no row keeps is removed (its secret too). A
/// configured value is left as it is stored; a typed one is written.
pub fn flatten_indexed_pair(
    key: &PairSide,
    value: &PairSide,
    start_index: Option<u32>,
    rows: &[PairRow],
    mut s: DataSourceSettings,
) -> DataSourceSettings {
    let stored: BTreeSet<u32> = side_keys(key, &s)
        .into_iter()
        .map(|(i, _)| i)
        .chain(side_keys(value, &s).into_iter().map(|(i, _)| i))
        .collect();
    let kept: BTreeSet<u32> = rows.iter().map(|r| r.index).filter(|i| *i > 0).collect();
    let mut next = stored
        .iter()
        .chain(kept.iter())
        .max()
        .and_then(|m| m.checked_add(1))
        .unwrap_or(start_index.unwrap_or(1))
        .max(start_index.unwrap_or(1));
    for gone in stored.difference(&kept) {
        put(&mut s, key.target, &key.key(*gone), None);
        put(&mut s, value.target, &value.key(*gone), None);
    }
    for row in rows {
        let index = if row.index > 0 {
            row.index
        } else {
            let i = next;
            next = next.saturating_add(1);
            i
        };
        put(&mut s, key.target, &key.key(index), Some(row.name.clone()));
        match &row.value {
            PairValue::Configured => {}
            // An emptied secret: a stored one is reset, a typed one dropped.
            PairValue::Text(v) if v.is_empty() && value.target == Target::SecureJsonData => {
                put(&mut s, value.target, &value.key(index), None)
            }
            PairValue::Text(v) => put(&mut s, value.target, &value.key(index), Some(v.clone())),
        }
    }
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn fixture(name: &str) -> DsConfig {
        let path = format!(
            "{}/../tests/fixtures/dsconfig/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        DsConfig::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn headers(c: &DsConfig) -> (PairSide, PairSide, Option<u32>) {
        match &c.field("jsonData_httpHeaders").unwrap().storage {
            Some(Storage::IndexedPair {
                key,
                value,
                start_index,
            }) => (key.clone(), value.clone(), *start_index),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn real_dsconfig_files_decode() {
        let hello = fixture("grafana-helloworld-datasource");
        assert_eq!(hello.schema_version, "v1");
        assert!(!hello.secure_keys().is_empty());
        for name in [
            "dlopes7-appdynamics-datasource",
            "grafana-servicenow-datasource",
        ] {
            let c = fixture(name);
            assert_eq!(c.plugin_type, name);
            assert!(!c.groups.is_empty(), "{name}");
            for group in &c.groups {
                for id in &group.field_refs {
                    assert!(
                        c.field(id).is_some(),
                        "{name}: group {} names {id}",
                        group.id
                    );
                }
            }
            let (key, value, start) = headers(&c);
            assert_eq!(
                (key.target, value.target, start),
                (Target::JsonData, Target::SecureJsonData, Some(1))
            );
            assert!(c
                .secure_keys()
                .contains(&"httpHeaderValue{index}".to_owned()));
            // Nothing is lost on a round trip.
            let again: Value = serde_json::to_value(&c).unwrap();
            let back = DsConfig::from_json(&again.to_string()).unwrap();
            assert_eq!(back, c);
        }
    }

    #[test]
    fn indexes_are_read_numerically_and_secrets_only_as_configured() {
        let (key, value, _) = headers(&fixture("grafana-servicenow-datasource"));
        let s: DataSourceSettings = serde_json::from_value(json!({
            "jsonData": {"httpHeaderName10": "X-Ten", "httpHeaderName2": "X-Two", "httpHeaderNameX": "odd", "httpHeaderName3": 7},
            "secureJsonFields": {"httpHeaderValue2": true, "httpHeaderValue10": true}
        }))
        .unwrap();
        let rows = expand_indexed_pair(&key, &value, &s);
        assert_eq!(
            rows,
            vec![
                PairRow {
                    index: 2,
                    name: "X-Two".into(),
                    value: PairValue::Configured
                },
                PairRow {
                    index: 10,
                    name: "X-Ten".into(),
                    value: PairValue::Configured
                },
            ]
        );
        assert_eq!(key.index_of("httpHeaderName007"), None);
        assert_eq!(key.index_of("httpHeaderName0"), Some(0));
        assert_eq!(key.index_of("httpHeaderName99999999999999999999"), None);
    }

    #[test]
    fn deleting_a_row_never_moves_a_secret_and_removes_its_own() {
        let (key, value, start) = headers(&fixture("dlopes7-appdynamics-datasource"));
        let s: DataSourceSettings = serde_json::from_value(json!({
            "jsonData": {"httpHeaderName1": "A", "httpHeaderName2": "B", "httpHeaderName3": "C", "other": 1},
            "secureJsonFields": {"httpHeaderValue1": true, "httpHeaderValue2": true, "httpHeaderValue3": true}
        }))
        .unwrap();
        let mut rows = expand_indexed_pair(&key, &value, &s);
        rows.remove(1); // B goes
        rows.push(PairRow {
            index: 0,
            name: "D".into(),
            value: PairValue::Text("d-secret".into()),
        });
        let out = flatten_indexed_pair(&key, &value, start, &rows, s);
        assert_eq!(out.json_data["httpHeaderName1"], json!("A"));
        assert_eq!(out.json_data["httpHeaderName3"], json!("C"));
        assert!(out.json_data.get("httpHeaderName2").is_none());
        assert_eq!(out.json_data["httpHeaderName4"], json!("D"));
        assert_eq!(out.json_data["other"], json!(1));
        // Kept secrets are not sent; the deleted one is removed; the new one is written.
        assert!(!out.secure_json_data.contains_key("httpHeaderValue1"));
        assert!(!out.secure_json_data.contains_key("httpHeaderValue3"));
        assert_eq!(out.secure_json_data["httpHeaderValue2"], "");
        assert!(!out.secure_json_fields["httpHeaderValue2"]);
        assert_eq!(out.secure_json_data["httpHeaderValue4"], "d-secret");
    }

    #[test]
    fn rows_typed_in_a_session_round_trip_and_leave_nothing_when_removed() {
        let (key, value, start) = headers(&fixture("grafana-servicenow-datasource"));
        let mut s: DataSourceSettings = serde_json::from_value(json!({
            "jsonData": {"httpHeaderName5": "Stored"},
            "secureJsonFields": {"httpHeaderValue5": true}
        }))
        .unwrap();
        let mut rows = expand_indexed_pair(&key, &value, &s);
        // "Add header" takes the next number at once, so every later edit keeps it.
        let next = next_pair_index(&key, &value, start, &rows, &s).unwrap();
        assert_eq!(next, 6);
        rows.push(PairRow {
            index: next,
            name: "X-New".into(),
            value: PairValue::Text("typed".into()),
        });
        s = flatten_indexed_pair(&key, &value, start, &rows, s);
        assert_eq!(expand_indexed_pair(&key, &value, &s), rows);
        // Emptying the stored row's secret resets it; removing the typed row leaves no trace.
        rows[0].value = PairValue::Text(String::new());
        rows.pop();
        let out = flatten_indexed_pair(&key, &value, start, &rows, s);
        assert_eq!(
            out.secure_json_data
                .get("httpHeaderValue5")
                .map(String::as_str),
            Some("")
        );
        assert_eq!(out.secure_json_fields.get("httpHeaderValue5"), Some(&false));
        assert!(!out.json_data.contains_key("httpHeaderName6"));
        assert!(!out.secure_json_data.contains_key("httpHeaderValue6"));
        assert!(!out.secure_json_fields.contains_key("httpHeaderValue6"));
        // A schema's own start is respected, and the last number is never overflowed.
        let empty = DataSourceSettings::default();
        assert_eq!(next_pair_index(&key, &value, Some(3), &[], &empty), Some(3));
        let full = [PairRow {
            index: u32::MAX,
            name: "x".into(),
            value: PairValue::Configured,
        }];
        assert_eq!(next_pair_index(&key, &value, start, &full, &empty), None);
    }

    #[test]
    fn root_settings_are_read_and_written_by_their_grafana_names() {
        let mut s = DataSourceSettings::default();
        set_root_value(&mut s, "url", json!("http://x"));
        set_root_value(&mut s, "basicAuth", json!(true));
        set_root_value(&mut s, "basicAuthUser", json!("me"));
        set_root_value(&mut s, "somethingNew", json!(3));
        assert_eq!(
            (s.url.as_str(), s.basic_auth, s.basic_auth_user.as_str()),
            ("http://x", true, "me")
        );
        assert_eq!(root_value(&s, "somethingNew"), json!(3));
        assert_eq!(root_value(&s, "basicAuth"), json!(true));
        set_root_value(&mut s, "somethingNew", Value::Null);
        assert_eq!(root_value(&s, "somethingNew"), Value::Null);
    }

    proptest! {
        /// Whatever rows are deleted and added, every kept row stays at its index with its
        /// secret untouched, every deleted index is cleared, new rows never reuse a number.
        #[test]
        fn kept_rows_keep_their_index_and_secret(
            stored in proptest::collection::btree_set(1u32..40, 0..8),
            keep_mask in proptest::collection::vec(any::<bool>(), 8),
            added in 0usize..4,
        ) {
            let key = PairSide { target: Target::JsonData, pattern: "httpHeaderName{index}".into() };
            let value = PairSide { target: Target::SecureJsonData, pattern: "httpHeaderValue{index}".into() };
            let mut s = DataSourceSettings::default();
            for i in &stored {
                s.json_data.insert(key.key(*i), json!(format!("H{i}")));
                s.secure_json_fields.insert(value.key(*i), true);
            }
            let mut rows: Vec<PairRow> = expand_indexed_pair(&key, &value, &s)
                .into_iter()
                .zip(keep_mask.iter().cycle())
                .filter(|(_, keep)| **keep)
                .map(|(r, _)| r)
                .collect();
            let kept: Vec<u32> = rows.iter().map(|r| r.index).collect();
            for n in 0..added {
                rows.push(PairRow { index: 0, name: format!("N{n}"), value: PairValue::Text(format!("new-{n}")) });
            }
            let out = flatten_indexed_pair(&key, &value, Some(1), &rows, s);
            for i in &stored {
                if kept.contains(i) {
                    prop_assert_eq!(&out.json_data[&key.key(*i)], &json!(format!("H{i}")));
                    prop_assert!(!out.secure_json_data.contains_key(&value.key(*i)));
                } else {
                    prop_assert!(!out.json_data.contains_key(&key.key(*i)));
                    prop_assert_eq!(out.secure_json_data.get(&value.key(*i)).map(String::as_str), Some(""));
                }
            }
            let max_stored = stored.iter().max().copied().unwrap_or(0);
            for n in 0..added {
                let i = max_stored + 1 + n as u32;
                prop_assert_eq!(&out.json_data[&key.key(i)], &json!(format!("N{n}")));
                let typed = format!("new-{n}");
                prop_assert_eq!(out.secure_json_data.get(&value.key(i)).map(String::as_str), Some(typed.as_str()));
            }
        }
    }
}
