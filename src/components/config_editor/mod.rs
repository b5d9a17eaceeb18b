//! `DataSourceConfigEditor`: a complete, Grafana-faithful data source configuration
//! editor driven by a [`ConfigSchema`].
//!
//! Inputs are Grafana's `options` and `onOptionsChange`; every edit emits the whole new
//! `DataSourceSettings`. Sections follow grafana/plugin-ui 0.17: the description with the
//! plugin's docs link, Connection, Authentication (method, basic auth, the plugin's own
//! methods, API key, TLS), HTTP headers, Advanced settings, the Secure Socks Proxy switch
//! when the server runs one, then the plugin's own fields.

/// Declares a ConfigEditor section as a controlled component, as plugin-ui's sections are:
/// the props every section takes (plugin-ui's `config`, `onChange` and `readOnly`, written
/// here once), then its own, and its body with an [`Editor`] over them, named in brackets.
///
/// ```text
/// controlled_section! {
///     /// The Connection section.
///     pub fn ConnectionSettings[editor](
///         /// Placeholder of the URL input.
///         #[prop(optional, into)]
///         url_placeholder: Option<String>,
///     ) {
///         view! { <TextField value=editor.json_text("url") … /> }
///     }
/// }
/// ```
macro_rules! controlled_section {
    (
        $(#[$meta:meta])*
        pub fn $name:ident [$editor:ident] ( $( $(#[$pmeta:meta])* $pname:ident : $pty:ty ),* $(,)? )
        $body:block
    ) => {
        $(#[$meta])*
        #[leptos::component]
        pub fn $name(
            /// plugin-ui's `config`: the data source settings.
            #[prop(into)]
            config: leptos::prelude::Signal<$crate::model::DataSourceSettings>,
            /// plugin-ui's `onChange`: receives the whole new settings on every edit.
            #[prop(into)]
            on_change: leptos::prelude::Callback<$crate::model::DataSourceSettings>,
            /// Disables every input (provisioned data source, or no write permission).
            #[prop(optional, into)]
            read_only: leptos::prelude::Signal<bool>,
            $( $(#[$pmeta])* $pname : $pty ),*
        ) -> impl leptos::prelude::IntoView {
            let $editor = $crate::components::config_editor::Editor::new(config, on_change, read_only);
            $body
        }
    };
}

mod advanced_http_settings;
mod auth_settings;
mod basic_auth;
mod config_editor_for_schema;
mod connection_settings;
mod custom_headers_settings;
mod data_source_description;
mod editor;
mod plugin_field;
mod secret_field;
mod secure_socks_proxy_toggle;
mod tls_settings;

pub use advanced_http_settings::AdvancedHttpSettings;
pub use auth_settings::AuthSettings;
pub use basic_auth::BasicAuth;
pub use config_editor_for_schema::ConfigEditor;
pub use connection_settings::ConnectionSettings;
pub use custom_headers_settings::CustomHeadersSettings;
pub use data_source_description::DataSourceDescription;
pub use editor::{Editor, Validation};
pub use plugin_field::PluginField;
use secret_field::SecretField;
pub use secure_socks_proxy_toggle::SecureSocksProxyToggle;
pub use tls_settings::TlsSettings;

use crate::components::alert::{Alert, Severity};
use crate::components::route_preview::RoutePreview;
use crate::components::{mount_style, ConfigSection};
use crate::model::route_preview::preview;
use crate::model::{ConfigSchema, DataSourceSettings};
use grafana_model::PluginJson;
use leptos::prelude::*;

/// The whole editor.
///
/// ## Usage
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::DataSourceConfigEditor;
/// # use leptos_grafana::model::{ConfigSchema, DataSourceSettings};
/// # #[component] fn Page() -> impl IntoView {
/// let options = RwSignal::new(DataSourceSettings::default());
/// view! {
///     <DataSourceConfigEditor
///         options=options
///         on_options_change=move |next| options.set(next)
///         schema=ConfigSchema::new().api_key(true)
///     />
/// }
/// # }
/// ```
#[component]
pub fn DataSourceConfigEditor(
    /// Grafana's `props.options`.
    #[prop(into)]
    options: Signal<DataSourceSettings>,
    /// Grafana's `props.onOptionsChange`: receives the whole new settings on every edit.
    #[prop(into)]
    on_options_change: Callback<DataSourceSettings>,
    /// The plugin's schema: standard sections and plugin fields.
    #[prop(into)]
    schema: Signal<ConfigSchema>,
    /// Disables every input (provisioned data source, or no write permission).
    #[prop(optional, into)]
    read_only: Signal<bool>,
    /// Shows every validation message, not just those of touched fields (set it after
    /// a save attempt).
    #[prop(optional, into)]
    show_all_errors: Signal<bool>,
    /// The plugin's `plugin.json`: with routes, a "Routes" section previews the requests
    /// Grafana's proxy sends with these settings, and the checks' findings.
    #[prop(optional, into)]
    plugin_json: Signal<Option<PluginJson>>,
    /// The server runs Grafana's secure socks proxy (`secureSocksDSProxyEnabled` in its
    /// boot data): the "Secure Socks Proxy Enabled" switch is shown.
    #[prop(optional, into)]
    secure_socks_proxy: Signal<bool>,
) -> impl IntoView {
    mount_style("lg-config-editor", include_str!("config_editor.css"));
    Validation::provide(
        options,
        move |o| schema.with(|s| s.validate(o)),
        show_all_errors,
    );
    let (config, on_change) = (options, on_options_change);
    let cleartext =
        Memo::new(move |_| schema.with(|s| options.with(|o| s.cleartext_secret_keys(o))));
    let editor_keys = Memo::new(move |_| schema.with(ConfigSchema::editor_keys));
    let has_routes =
        Memo::new(move |_| plugin_json.with(|p| p.as_ref().is_some_and(|p| !p.routes.is_empty())));
    let routes = Signal::derive(move || {
        plugin_json.with(|p| {
            p.as_ref()
                .map(|p| options.with(|o| preview(p, o, editor_keys.get().as_ref())))
                .unwrap_or_default()
        })
    });
    let schema_signal = schema;
    move || {
        let schema = schema.get();
        let sections = schema.sections.clone();
        view! {
            <div class="lg-config-editor">
                {schema.description.clone().map(|d| view! { <DataSourceDescription description=d /> })}
                {move || {
                    let keys = cleartext.get();
                    (!keys.is_empty())
                        .then(|| {
                            view! {
                                <Alert severity=Severity::Warning title="Secrets in clear text">
                                    {format!(
                                        "These jsonData keys look like secrets but are stored unencrypted and sent to every viewer: {}. Keep secrets in secureJsonData.",
                                        keys.join(", "),
                                    )}
                                </Alert>
                            }
                        })
                }}
                {sections.connection.then(|| view! { <ConnectionSettings config on_change read_only /> })}
                {(sections.auth || sections.api_key)
                    .then(|| {
                        let custom_methods = Signal::derive(move || schema_signal.with(|s| s.auth_methods.clone()));
                        let cross_site_credentials = Signal::derive(move || {
                            schema_signal.with(|s| s.sections.cross_site_credentials)
                        });
                        view! {
                            <AuthSettings
                                config
                                on_change
                                read_only
                                api_key=sections.api_key
                                tls=sections.tls && sections.auth
                                custom_methods
                                cross_site_credentials
                            />
                        }
                    })}
                {sections.custom_headers.then(|| view! { <CustomHeadersSettings config on_change read_only /> })}
                {(sections.allowed_cookies || sections.timeout)
                    .then(|| {
                        view! {
                            <AdvancedHttpSettings
                                config
                                on_change
                                read_only
                                allowed_cookies=sections.allowed_cookies
                                timeout=sections.timeout
                            />
                        }
                    })}
                {move || {
                    secure_socks_proxy.get().then(|| view! { <SecureSocksProxyToggle config on_change read_only /> })
                }}
                {(!schema.fields.is_empty())
                    .then(|| {
                        view! {
                            <ConfigSection title="Additional settings">
                                {schema
                                    .fields
                                    .into_iter()
                                    .map(|field| view! { <PluginField config on_change read_only field /> })
                                    .collect::<Vec<_>>()}
                            </ConfigSection>
                        }
                    })}
                {move || has_routes.get().then(|| view! { <RoutePreview routes /> })}
            </div>
        }
    }
}
