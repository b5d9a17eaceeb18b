//! The example's `ConfigEditor`: the author's own Leptos component, built from the kit's
//! public components: the API URL (`TextField`), the API key (`SecretInput`, with Grafana's
//! configured state and Reset) and one field of the plugin's own, the default region.

use leptos::prelude::*;
use leptos_grafana::components::{SecretInput, TextField};
use leptos_grafana::embed::ConfigEditorProps;
use leptos_grafana::model::{is_secret_configured, reset_secret, set_json, set_secret};
use serde_json::Value;

/// `jsonData.defaultRegion`: where queries go when they name no region.
const DEFAULT_REGION: &str = "defaultRegion";
/// `secureJsonData.apiKey`.
const API_KEY: &str = "apiKey";

#[component]
pub fn ExampleConfigEditor(props: ConfigEditorProps) -> impl IntoView {
    let ConfigEditorProps {
        options,
        on_options_change,
        read_only,
    } = props;
    let change = move |edit: &dyn Fn(
        leptos_grafana::model::DataSourceSettings,
    ) -> leptos_grafana::model::DataSourceSettings| {
        on_options_change.run(edit(options.get_untracked()));
    };
    let url = Signal::derive(move || options.with(|o| o.url.clone()));
    let region = Signal::derive(move || {
        options.with(|o| {
            o.json_data
                .get(DEFAULT_REGION)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        })
    });
    let key_configured = Signal::derive(move || options.with(|o| is_secret_configured(o, API_KEY)));
    let key_typed = Signal::derive(move || {
        options.with(|o| o.secure_json_data.get(API_KEY).cloned().unwrap_or_default())
    });
    view! {
        <section class="example-rust-config-editor" aria-label="Example Rust data source settings">
            <TextField
                label="URL"
                value=url
                placeholder="https://api.example.com"
                input_type="url"
                required=true
                disabled=read_only
                on_input=Callback::new(move |url: String| change(&|mut o| {
                    o.url = url.clone();
                    o
                }))
            />
            <SecretInput
                label="API key"
                description="Sent by the plugin's backend; never shown again once saved."
                is_configured=key_configured
                value=key_typed
                disabled=read_only
                on_change=Callback::new(move |key: String| change(&|o| set_secret(o, API_KEY, &key)))
                on_reset=Callback::new(move |()| change(&|o| reset_secret(o, API_KEY)))
            />
            <TextField
                label="Default region"
                description="Where a query goes when it names no region."
                value=region
                placeholder="eu-west"
                disabled=read_only
                on_input=Callback::new(move |region: String| change(&|o| set_json(o, DEFAULT_REGION, Value::from(region.clone()))))
            />
        </section>
    }
}
