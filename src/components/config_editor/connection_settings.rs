//! "Connection": the data source URL (top-level `url`), checked with Grafana's URL rule.

use super::Editor;
use crate::components::{ConfigSection, TextField};
use crate::model::{set_option, SettingsOption};
use leptos::prelude::*;

/// The Connection section (plugin-ui `ConnectionSettings`).
#[component]
pub fn ConnectionSettings(
    /// The editor this section belongs to.
    editor: Editor,
    /// Placeholder of the URL input (default `URL`).
    #[prop(optional, into)]
    url_placeholder: Option<String>,
) -> impl IntoView {
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
