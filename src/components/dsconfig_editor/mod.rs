//! `DsConfigEditor`: a data source's whole ConfigEditor built from its `dsconfig.json`
//! (grafana/dsconfig's format, what plugin-ui 0.17.1's `DatasourceConfigWizard` reads), so
//! a plugin that ships `schema/dsconfig.json` gets a Leptos editor with no Rust of its own.
//!
//! Unset fields with a `defaultValue` get it once, when the editor mounts. Each group is
//! a section (an `optional` group collapsible, closed until one of its fields
//! has a value); each field is rendered by its `ui.component` and `valueType`, shown while
//! its `dependsOn` holds, required when `required` or `requiredWhen` says so, and checked
//! with its `validations`. Like `DataSourceConfigEditor`, it takes Grafana's `options` and
//! `onOptionsChange` and emits the whole new settings on every edit.

mod dsconfig_field;
mod indexed_pairs;

pub use dsconfig_field::DsConfigField;
pub use indexed_pairs::IndexedPairs;

use crate::components::config_editor::{DataSourceDescription, Editor, Validation};
use crate::components::{mount_style, ConfigSection};
use crate::model::dsconfig_form::{errors, has_value, is_required, sections, with_defaults};
use crate::model::schema::EditorDescription;
use crate::model::DataSourceSettings;
use grafana_model::dsconfig::DsConfig;
use leptos::prelude::*;

/// The editor of a `dsconfig.json`.
///
/// ## Usage
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::DsConfigEditor;
/// # use leptos_grafana::model::DataSourceSettings;
/// # use grafana_model::dsconfig::DsConfig;
/// # #[component] fn Page() -> impl IntoView {
/// let config = DsConfig::from_json(r#"{"schemaVersion":"v1","pluginType":"x","pluginName":"X",
///   "fields":[{"id":"secureJsonData_apiKey","key":"apiKey","label":"API key",
///              "valueType":"string","target":"secureJsonData","required":true}]}"#);
/// let options = RwSignal::new(DataSourceSettings::default());
/// view! {
///     {config.ok().map(|config| view! {
///         <DsConfigEditor options=options on_options_change=move |next| options.set(next) config />
///     })}
/// }
/// # }
/// ```
#[component]
pub fn DsConfigEditor(
    /// Grafana's `props.options`.
    #[prop(into)]
    options: Signal<DataSourceSettings>,
    /// Grafana's `props.onOptionsChange`: receives the whole new settings on every edit.
    #[prop(into)]
    on_options_change: Callback<DataSourceSettings>,
    /// The plugin's `dsconfig.json`.
    #[prop(into)]
    config: Signal<DsConfig>,
    /// Disables every input (provisioned data source, or no write permission).
    #[prop(optional, into)]
    read_only: Signal<bool>,
    /// Shows every validation message, not just those of touched fields (set it after a
    /// save attempt).
    #[prop(optional, into)]
    show_all_errors: Signal<bool>,
) -> impl IntoView {
    mount_style("lg-dsconfig-editor", include_str!("dsconfig_editor.css"));
    Validation::provide(
        options,
        move |o| config.with(|c| errors(c, o)),
        show_all_errors,
    );
    let editor = Editor::new(options, on_options_change, read_only);
    // Defaults are written into the settings once (per schema), as plugin-ui applies
    // them under the loaded values: what the form shows is what Save sends.
    Effect::new(move |_| {
        let filled = config.with(|c| options.with_untracked(|o| with_defaults(c, o)));
        if let Some(next) = filled
            && !read_only.get_untracked()
        {
            on_options_change.run(next);
        }
    });
    move || {
        let c = config.get();
        let description = EditorDescription {
            data_source_name: c.plugin_name.clone(),
            docs_link: c.doc_url.clone().unwrap_or_default(),
            has_required_fields: options
                .with_untracked(|o| c.fields.iter().any(|f| is_required(&c, f, o))),
        };
        let has_docs = c.doc_url.is_some();
        let sections = sections(&c)
            .into_iter()
            .map(|section| {
                let fields = section.fields;
                let has_value = options.with_untracked(|o| fields.iter().any(|f| has_value(f, o)));
                let body = fields
                    .into_iter()
                    .map(|field| view! { <DsConfigField editor config field /> })
                    .collect::<Vec<_>>();
                view! {
                    <ConfigSection
                        title=section.title
                        description=section.description.unwrap_or_default()
                        collapsible=section.optional
                        initially_open=!section.optional || has_value
                    >
                        {body}
                    </ConfigSection>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="lg-config-editor lg-dsconfig-editor" data-plugin-type=c.plugin_type.clone()>
                {has_docs.then(|| view! { <DataSourceDescription description /> })}
                {sections}
            </div>
        }
    }
}
