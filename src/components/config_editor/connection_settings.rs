//! "Connection": the data source URL (top-level `url`), checked with Grafana's URL rule.

use crate::components::{ConfigSection, TextField};
use crate::model::{set_option, SettingsOption};
use leptos::prelude::*;

controlled_section! {
    /// The Connection section (plugin-ui `ConnectionSettings`).
    ///
    /// Used on its own, as plugin-ui's controlled sections are:
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// # use leptos_grafana::components::ConnectionSettings;
    /// # use leptos_grafana::model::DataSourceSettings;
    /// # #[component] fn Page() -> impl IntoView {
    /// let options = RwSignal::new(DataSourceSettings::default());
    /// view! { <ConnectionSettings config=options on_change=move |next| options.set(next) /> }
    /// # }
    /// ```
    pub fn ConnectionSettings[editor](
        /// Placeholder of the URL input (default `URL`).
        #[prop(optional, into)]
        url_placeholder: Option<String>,
    ) {
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
}
