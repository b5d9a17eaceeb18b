//! `ConfigEditor`: the data source editor a plugin's schema asks for: the kit's
//! `DataSourceConfigEditor` for a `config-schema.json`, the `DsConfigEditor` for a
//! `dsconfig.json`. Pages and the embedding glue mount this one.

use crate::components::{DataSourceConfigEditor, DsConfigEditor};
use crate::model::{ConfigSchema, DataSourceSettings, EditorSchema};
use grafana_model::PluginJson;
use leptos::prelude::*;

/// The editor for `schema`. A schema that changes format (a `dsconfig.json` arriving
/// after the editor was mounted) swaps the editor; the settings stay.
#[component]
pub fn ConfigEditor(
    /// Grafana's `props.options`.
    #[prop(into)]
    options: Signal<DataSourceSettings>,
    /// Grafana's `props.onOptionsChange`.
    #[prop(into)]
    on_options_change: Callback<DataSourceSettings>,
    /// `config-schema.json` or `dsconfig.json`.
    #[prop(into)]
    schema: Signal<EditorSchema>,
    /// Disables every input.
    #[prop(optional, into)]
    read_only: Signal<bool>,
    /// Shows every validation message (after a save attempt).
    #[prop(optional, into)]
    show_all_errors: Signal<bool>,
    /// The plugin's `plugin.json` (route preview; `config-schema.json` editors only).
    #[prop(optional, into)]
    plugin_json: Signal<Option<PluginJson>>,
    /// The server runs Grafana's secure socks proxy (`config-schema.json` editors only; a
    /// `dsconfig.json` lists `enableSecureSocksProxy` itself when it wants it).
    #[prop(optional, into)]
    secure_socks_proxy: Signal<bool>,
) -> impl IntoView {
    let is_dsconfig = Memo::new(move |_| schema.with(|s| matches!(s, EditorSchema::DsConfig(_))));
    let kit = Memo::new(move |_| {
        schema.with(|s| match s {
            EditorSchema::Kit(k) => k.clone(),
            EditorSchema::DsConfig(_) => ConfigSchema::new(),
        })
    });
    let dsconfig = Memo::new(move |_| {
        schema.with(|s| match s {
            EditorSchema::DsConfig(c) => Some((**c).clone()),
            EditorSchema::Kit(_) => None,
        })
    });
    move || {
        if is_dsconfig.get() {
            let config = Signal::derive(move || dsconfig.get().unwrap_or_default());
            view! { <DsConfigEditor options on_options_change config read_only show_all_errors /> }
                .into_any()
        } else {
            view! {
                <DataSourceConfigEditor options on_options_change schema=kit read_only show_all_errors plugin_json secure_socks_proxy />
            }
            .into_any()
        }
    }
}
