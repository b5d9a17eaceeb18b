//! "Connection": the data source URL (top-level `url`), checked with Grafana's URL rule.

use super::Editor;
use crate::components::{ConfigSection, TextField};
use crate::model::DataSourceSettings;
use crate::model::{set_option, SettingsOption};
use leptos::prelude::*;

/// The Connection section (plugin-ui `ConnectionSettings`).
/// Used on its own, as plugin-ui's controlled sections are:
///
/// ```
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::ConnectionSettings;
/// # use leptos_grafana::model::DataSourceSettings;
/// # #[component] fn Page() -> impl IntoView {
/// let options = RwSignal::new(DataSourceSettings::default());
/// view! { <ConnectionSettings config=options on_change=move |next| options.set(next) /> }
/// # }
/// ```
#[component]
pub fn ConnectionSettings(
    /// plugin-ui's `config`: the data source settings.
    #[prop(into)]
    config: Signal<DataSourceSettings>,
    /// plugin-ui's `onChange`: receives the whole new settings on every edit.
    #[prop(into)]
    on_change: Callback<DataSourceSettings>,
    /// Disables every input (provisioned data source, or no write permission).
    #[prop(optional, into)]
    read_only: Signal<bool>,
    /// Placeholder of the URL input (default `URL`).
    #[prop(optional, into)]
    url_placeholder: Option<String>,
) -> impl IntoView {
    let editor = Editor::new(config, on_change, read_only);
    view! {
        <ConfigSection title="Connection">
            <TextField
                id=editor.id("connection-url")
                label="URL"
                required=true
                input_type="url"
                description="Specify a complete HTTP URL (for example https://example.com:8080)"
                placeholder=url_placeholder.unwrap_or_else(|| "URL".to_owned())
                value=Signal::derive(move || editor.options.with(|o| o.url.clone()))
                error=editor.error_signal("url")
                disabled=editor.read_only
                on_input=move |v: String| editor.change("url", |s| set_option(s, SettingsOption::Url(v)))
            />
        </ConfigSection>
    }
}
