//! "Advanced HTTP settings": allowed cookies (`jsonData.keepCookies`) and timeout
//! (`jsonData.timeout`, seconds).

use crate::components::{ConfigSection, TagsInput, TextField};
use crate::model::validation::number_input_value;
use crate::model::{remove_json, set_json};
use leptos::prelude::*;

controlled_section! {
    /// The advanced HTTP settings (plugin-ui `AdvancedHttpSettings`).
    ///
    /// Used on its own, as plugin-ui's controlled sections are:
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// # use leptos_grafana::components::AdvancedHttpSettings;
    /// # use leptos_grafana::model::DataSourceSettings;
    /// # #[component] fn Page() -> impl IntoView {
    /// let options = RwSignal::new(DataSourceSettings::default());
    /// view! { <AdvancedHttpSettings config=options on_change=move |next| options.set(next) allowed_cookies=true timeout=true /> }
    /// # }
    /// ```
    pub fn AdvancedHttpSettings[editor](
        /// Show "Allowed cookies".
        #[prop(optional)]
        allowed_cookies: bool,
        /// Show "Timeout".
        #[prop(optional)]
        timeout: bool,
    ) {
        let cookies = Signal::derive(move || {
            editor.options.with(|o| {
                o.json_data
                    .get("keepCookies")
                    .and_then(|v| v.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|c| c.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default()
            })
        });
        view! {
            <ConfigSection title="Advanced settings" collapsible=true>
                <ConfigSection sub=true title="Advanced HTTP settings">
                    {allowed_cookies
                        .then(|| {
                            view! {
                                <TagsInput
                                    label="Allowed cookies"
                                    description="Grafana proxy deletes forwarded cookies by default. Specify cookies by name that should be forwarded to the data source."
                                    placeholder="New cookie (hit enter to add)"
                                    tags=cookies
                                    disabled=editor.read_only
                                    on_change={move |list: Vec<String>| {
                                        editor.change("keepCookies", |s| set_json(s, "keepCookies", list.into()))
                                    }}
                                />
                            }
                        })}
                    {timeout
                        .then(|| {
                            view! {
                                <TextField
                                    label="Timeout"
                                    input_type="text"
                                    placeholder="Timeout in seconds"
                                    description="HTTP request timeout in seconds"
                                    value=editor.json_text("timeout")
                                    error=editor.error_signal("timeout")
                                    disabled=editor.read_only
                                    on_input=move |v: String| {
                                        editor
                                            .change(
                                                "timeout",
                                                |s| match number_input_value(&v) {
                                                    Some(value) => set_json(s, "timeout", value),
                                                    None => remove_json(s, "timeout"),
                                                },
                                            )
                                    }
                                />
                            }
                        })}
                </ConfigSection>
            </ConfigSection>
        }
    }
}
