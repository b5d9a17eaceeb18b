//! The sections of the form: the dsconfig groups in `order` (optional ones collapsible),
//! then the fields no group names.

use super::*;
use grafana_model::dsconfig::{DsConfig, DsField};
use serde_json::Value;

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
