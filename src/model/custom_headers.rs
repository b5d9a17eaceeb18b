//! Custom HTTP headers: `jsonData.httpHeaderName{N}` + `secureJsonData.httpHeaderValue{N}`.
//!
//! Grafana's server reads `N = 1, 2, …` and stops at the first missing name, so every
//! write renumbers the rows from 1 without gaps. A stored value cannot be moved to another
//! index (it never comes back to the browser), so when a row's position changes its stored
//! value would end up under another header's name — Grafana's own editor silently lets
//! that happen. Here a moved row is marked [`HeaderRow::needs_value`], the stale value at
//! its new index is overwritten, and stored values beyond the last row are removed: a
//! stored value is never sent under another name.

use super::DataSourceSettings;
use std::collections::BTreeSet;

const NAME_PREFIX: &str = "httpHeaderName";
const VALUE_PREFIX: &str = "httpHeaderValue";

/// `httpHeaderName{index}`.
pub fn header_name_key(index: u32) -> String {
    format!("{NAME_PREFIX}{index}")
}

/// `httpHeaderValue{index}`.
pub fn header_value_key(index: u32) -> String {
    format!("{VALUE_PREFIX}{index}")
}

/// One header row as the editor shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderRow {
    /// Header name, e.g. `X-Custom-Header`.
    pub name: String,
    /// Value typed in this session (empty when none was typed).
    pub value: String,
    /// 1-based index under which the server stores this row's value, if it stores one.
    pub stored_at: Option<u32>,
}

impl HeaderRow {
    /// A new, empty row.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the row at 1-based `position` keeps its stored value (shows `configured`).
    pub fn is_configured_at(&self, position: u32) -> bool {
        self.stored_at == Some(position)
    }

    /// Whether the row's stored value would move to another index, so the user must
    /// type the value again (it is not sent under the new index).
    pub fn needs_value_at(&self, position: u32) -> bool {
        matches!(self.stored_at, Some(at) if at != position)
    }
}

/// The custom-headers editor's state: the rows, and which indices the server stores a
/// value for (known at load time; needed to clean up after removals).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomHeaders {
    /// Rows in display order; row `i` (0-based) is written as index `i + 1`.
    pub rows: Vec<HeaderRow>,
    /// Indices whose value the server stores.
    pub stored_indices: BTreeSet<u32>,
}

fn index_of(key: &str, prefix: &str) -> Option<u32> {
    key.strip_prefix(prefix)?.parse().ok().filter(|n| *n > 0)
}

impl CustomHeaders {
    /// Reads the rows from settings, ordered by their number (not lexicographically:
    /// `httpHeaderName10` comes after `httpHeaderName2`).
    pub fn from_settings(s: &DataSourceSettings) -> Self {
        let stored_indices: BTreeSet<u32> = s
            .secure_json_fields
            .iter()
            .filter(|(_, set)| **set)
            .filter_map(|(k, _)| index_of(k, VALUE_PREFIX))
            .collect();
        let mut named: Vec<(u32, String)> = s
            .json_data
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    index_of(k, NAME_PREFIX)?,
                    v.as_str().unwrap_or_default().to_owned(),
                ))
            })
            .collect();
        named.sort_by_key(|(n, _)| *n);
        let rows = named
            .into_iter()
            .map(|(n, name)| HeaderRow {
                name,
                value: s
                    .secure_json_data
                    .get(&header_value_key(n))
                    .cloned()
                    .unwrap_or_default(),
                stored_at: stored_indices.contains(&n).then_some(n),
            })
            .collect();
        Self {
            rows,
            stored_indices,
        }
    }

    /// Writes the rows into `s` as Grafana expects: names and values renumbered from 1;
    /// a stored value kept only where its row still sits at the same index; every other
    /// index that the server stores is overwritten (with the typed value or `""`).
    pub fn write(&self, mut s: DataSourceSettings) -> DataSourceSettings {
        s.json_data
            .retain(|k, _| index_of(k, NAME_PREFIX).is_none());
        s.secure_json_data
            .retain(|k, _| index_of(k, VALUE_PREFIX).is_none());
        s.secure_json_fields
            .retain(|k, _| index_of(k, VALUE_PREFIX).is_none());
        let mut written = BTreeSet::new();
        for (position, row) in (1u32..).zip(&self.rows) {
            written.insert(position);
            s.json_data
                .insert(header_name_key(position), row.name.clone().into());
            if row.is_configured_at(position) {
                s.secure_json_fields
                    .insert(header_value_key(position), true);
            } else {
                s.secure_json_data
                    .insert(header_value_key(position), row.value.clone());
                if self.stored_indices.contains(&position) {
                    s.secure_json_fields
                        .insert(header_value_key(position), false);
                }
            }
        }
        for stale in self.stored_indices.difference(&written) {
            s.secure_json_data
                .insert(header_value_key(*stale), String::new());
            s.secure_json_fields.insert(header_value_key(*stale), false);
        }
        s
    }

    /// Appends an empty row.
    pub fn add(&mut self) {
        self.rows.push(HeaderRow::new());
    }

    /// Removes the row at 0-based `index` (no-op when out of range).
    pub fn remove(&mut self, index: usize) {
        if index < self.rows.len() {
            self.rows.remove(index);
        }
    }

    /// Forgets the stored value of the row at 0-based `index` (the row's **Reset**).
    pub fn reset(&mut self, index: usize) {
        if let Some(row) = self.rows.get_mut(index) {
            row.stored_at = None;
            row.value.clear();
        }
    }

    /// Sets the typed value of the row at 0-based `index`. The row then owns this new
    /// value wherever it sits, so any value stored for it is replaced on save.
    pub fn set_value(&mut self, index: usize, value: String) {
        if let Some(row) = self.rows.get_mut(index) {
            row.value = value;
            row.stored_at = None;
        }
    }

    /// Sets the name of the row at 0-based `index`.
    pub fn set_name(&mut self, index: usize, name: String) {
        if let Some(row) = self.rows.get_mut(index) {
            row.name = name;
        }
    }

    /// Rows whose stored value moved and must be typed again, by 1-based position.
    pub fn rows_needing_value(&self) -> Vec<(u32, &HeaderRow)> {
        (1u32..)
            .zip(&self.rows)
            .filter(|(p, r)| r.needs_value_at(*p))
            .collect()
    }
}

/// Problems with the headers in `s` that should block saving, as `(key, message)`:
/// a header without a name, or a named header with neither a stored nor a typed value
/// (the server would silently skip it).
pub fn validate_headers(s: &DataSourceSettings) -> Vec<(String, String)> {
    let mut errors = Vec::new();
    for i in 1u32.. {
        let Some(name) = s.json_data.get(&header_name_key(i)) else {
            break;
        };
        let name = name.as_str().unwrap_or_default().trim();
        let value_key = header_value_key(i);
        let stored = s
            .secure_json_fields
            .get(&value_key)
            .copied()
            .unwrap_or(false);
        let typed = s
            .secure_json_data
            .get(&value_key)
            .is_some_and(|v| !v.is_empty());
        if name.is_empty() {
            errors.push((header_name_key(i), "Enter a header name".to_owned()));
        } else if !stored && !typed {
            errors.push((value_key, format!("Enter a value for {name}")));
        }
    }
    errors
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    /// Saved settings with headers `names`, each with a stored value.
    fn saved(names: &[&str]) -> DataSourceSettings {
        let mut s = DataSourceSettings::default();
        for (i, name) in (1u32..).zip(names) {
            s.json_data.insert(header_name_key(i), json!(name));
            s.secure_json_fields.insert(header_value_key(i), true);
        }
        s
    }

    #[test]
    fn loads_rows_in_numeric_order() {
        let mut s = DataSourceSettings::default();
        for n in [10, 2, 1] {
            s.json_data
                .insert(header_name_key(n), json!(format!("H{n}")));
        }
        s.secure_json_fields.insert(header_value_key(10), true);
        let h = CustomHeaders::from_settings(&s);
        let names: Vec<_> = h.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["H1", "H2", "H10"]);
        assert_eq!(h.rows[2].stored_at, Some(10));
    }

    #[test]
    fn adding_a_row_sends_only_the_new_value() {
        let mut h = CustomHeaders::from_settings(&saved(&["X-A"]));
        h.add();
        h.rows[1] = HeaderRow {
            name: "X-B".into(),
            value: "b".into(),
            stored_at: None,
        };
        let s = h.write(saved(&["X-A"]));
        assert_eq!(s.json_data["httpHeaderName1"], "X-A");
        assert_eq!(s.json_data["httpHeaderName2"], "X-B");
        assert_eq!(
            s.secure_json_data,
            BTreeMap::from([("httpHeaderValue2".into(), "b".into())])
        );
        assert!(s.secure_json_fields["httpHeaderValue1"]);
    }

    #[test]
    fn removing_a_middle_row_never_shifts_a_stored_value_onto_another_name() {
        // Grafana's editor would leave value 2 (X-B's) stored under X-C's new index 2.
        let original = saved(&["X-A", "X-B", "X-C"]);
        let mut h = CustomHeaders::from_settings(&original);
        h.remove(1);
        let s = h.write(original);
        assert_eq!(s.json_data["httpHeaderName2"], "X-C");
        assert!(s.json_data.get("httpHeaderName3").is_none());
        // X-C moved from 3 to 2: its old value is not at 2, so 2 is overwritten …
        assert_eq!(s.secure_json_data["httpHeaderValue2"], "");
        assert!(!s.secure_json_fields["httpHeaderValue2"]);
        // … and the stale value at 3 is removed.
        assert_eq!(s.secure_json_data["httpHeaderValue3"], "");
        assert!(s.secure_json_fields["httpHeaderValue1"]);
        assert_eq!(
            h.rows_needing_value()
                .iter()
                .map(|(p, r)| (*p, r.name.as_str()))
                .collect::<Vec<_>>(),
            [(2, "X-C")]
        );
    }

    #[test]
    fn reset_row_sends_empty_value_then_the_typed_one() {
        let original = saved(&["X-A"]);
        let mut h = CustomHeaders::from_settings(&original);
        h.reset(0);
        let s = h.write(original.clone());
        assert_eq!(s.secure_json_data["httpHeaderValue1"], "");
        assert!(!s.secure_json_fields["httpHeaderValue1"]);
        h.set_value(0, "new".into());
        assert_eq!(
            h.write(original).secure_json_data["httpHeaderValue1"],
            "new"
        );
    }

    #[test]
    fn headers_need_a_name_and_a_value() {
        let original = saved(&["X-A", "X-B", "X-C"]);
        let mut h = CustomHeaders::from_settings(&original);
        h.remove(1);
        h.add();
        let s = h.write(original);
        let errs = validate_headers(&s);
        assert_eq!(
            errs,
            [
                (
                    "httpHeaderValue2".to_owned(),
                    "Enter a value for X-C".to_owned()
                ),
                (
                    "httpHeaderName3".to_owned(),
                    "Enter a header name".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn other_settings_are_untouched() {
        let mut original = saved(&["X-A"]);
        original.json_data.insert("timeout".into(), json!(30));
        original.secure_json_fields.insert("apiKey".into(), true);
        let s = CustomHeaders::from_settings(&original).write(original.clone());
        assert_eq!(s, original);
    }

    /// An edit of the header list.
    #[derive(Clone, Debug)]
    enum Edit {
        Add(String),
        Remove(usize),
        Reset(usize),
        Type(usize, String),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            "[A-Z]{1,3}".prop_map(|n| Edit::Add(format!("X-{n}"))),
            (0usize..6).prop_map(Edit::Remove),
            (0usize..6).prop_map(Edit::Reset),
            ((0usize..6), "v[a-z]{1,4}").prop_map(|(i, v)| Edit::Type(i, v)),
        ]
    }

    proptest! {
        /// Simulate Grafana's server: secrets absent from the request are kept, present
        /// ones replace (""= removed). After any edits and a save, every stored value sits
        /// under the header it was saved with, or was typed for that header.
        #[test]
        fn stored_values_stay_with_their_header(count in 0usize..6, edits in prop::collection::vec(edit(), 0..12)) {
            let names: Vec<String> = (0..count).map(|i| format!("X-Orig{i}")).collect();
            let original = saved(&names.iter().map(String::as_str).collect::<Vec<_>>());
            // Server side: index -> (the value, whose header it is).
            let mut server: BTreeMap<u32, (String, String)> =
                (1u32..).zip(&names).map(|(i, n)| (i, (format!("secret-of-{n}"), n.clone()))).collect();
            let mut h = CustomHeaders::from_settings(&original);
            for e in &edits {
                match e {
                    Edit::Add(n) => { h.add(); if let Some(r) = h.rows.last_mut() { r.name = n.clone(); } }
                    Edit::Remove(i) => h.remove(*i),
                    Edit::Reset(i) => h.reset(*i),
                    Edit::Type(i, v) => h.set_value(*i, v.clone()),
                }
            }
            let sent = h.write(original);
            for (k, v) in &sent.secure_json_data {
                let Some(i) = index_of(k, VALUE_PREFIX) else { continue };
                if v.is_empty() { server.remove(&i); } else {
                    let header = sent.json_data.get(&header_name_key(i)).and_then(|n| n.as_str()).unwrap_or_default().to_owned();
                    server.insert(i, (v.clone(), header));
                }
            }
            let n = h.rows.len() as u32;
            for (i, (value, owner)) in &server {
                prop_assert!(*i <= n, "stale value left at {}", i);
                let header = sent.json_data.get(&header_name_key(*i)).and_then(|v| v.as_str()).unwrap_or_default();
                prop_assert_eq!(owner.as_str(), header, "value {} of {} is stored under {}", value, owner, header);
            }
            // Names are contiguous from 1.
            for i in 1..=n { prop_assert!(sent.json_data.contains_key(&header_name_key(i))); }
            prop_assert!(!sent.json_data.contains_key(&header_name_key(n + 1)));
        }
    }
}
