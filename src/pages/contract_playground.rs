//! `/`: the `onOptionsChange` contract made visible.
//!
//! Secret fields bound to a `DataSourceSettings` signal, next to the JSON a Grafana
//! `ConfigEditor` would hand to `onOptionsChange` after each edit.

use crate::components::SecretInput;
use crate::model::{is_secret_configured, reset_secret, set_secret, DataSourceSettings};
use leptos::prelude::*;

/// Settings as Grafana would load them for a data source with two saved secrets.
pub fn example_settings() -> DataSourceSettings {
    let mut s = DataSourceSettings {
        id: 1,
        uid: "example-api".into(),
        org_id: 1,
        name: "Example API".into(),
        r#type: "leptos-grafana-example-datasource".into(),
        access: "proxy".into(),
        url: "http://127.0.0.1:9000".into(),
        basic_auth: true,
        basic_auth_user: "grafana".into(),
        version: Some(1),
        ..Default::default()
    };
    s.json_data.insert("path".into(), "/api/v1".into());
    s.secure_json_fields.insert("apiKey".into(), true);
    s.secure_json_fields
        .insert("basicAuthPassword".into(), true);
    s
}

/// One secret field of the playground, bound to `options`.
#[component]
fn SecretField(
    options: RwSignal<DataSourceSettings>,
    emitted: RwSignal<u32>,
    key: &'static str,
    label: &'static str,
    #[prop(optional)] description: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let on_options_change = move |next: DataSourceSettings| {
        options.set(next);
        emitted.update(|n| *n += 1);
    };
    let is_configured = Signal::derive(move || is_secret_configured(&options.read(), key));
    let value = Signal::derive(move || {
        options
            .read()
            .secure_json_data
            .get(key)
            .cloned()
            .unwrap_or_default()
    });
    let on_change =
        move |v: String| on_options_change(set_secret(options.get_untracked(), key, &v));
    let on_reset = move |_| on_options_change(reset_secret(options.get_untracked(), key));
    view! {
        <SecretInput
            multiline
            label=label
            description=description.map(str::to_owned)
            placeholder=placeholder.map(str::to_owned)
            is_configured
            value
            on_change
            on_reset
        />
    }
}

/// The playground page.
#[component]
pub fn ContractPlayground() -> impl IntoView {
    let options = RwSignal::new(example_settings());
    let emitted = RwSignal::new(0u32);
    let json = move || options.read().to_json_pretty();
    view! {
        <h1 class="lg-page__title">"Secret fields and onOptionsChange"</h1>
        <p class="lg-page__subtitle">
            "Saved secrets show as configured and never come back to the browser. Reset sends secureJsonFields[key] = false together with secureJsonData[key] = \"\"."
        </p>
        <div class="lg-columns">
            <section class="lg-panel" aria-labelledby="playground-fields">
                <h2 id="playground-fields">"Example API settings"</h2>
                <SecretField
                    options
                    emitted
                    key="apiKey"
                    label="API key"
                    description="Sent as a bearer token to the data source."
                    placeholder="API key"
                />
                <SecretField
                    options
                    emitted
                    key="basicAuthPassword"
                    label="Password"
                    description="The password of the data source account"
                    placeholder="Password"
                />
                <SecretField
                    options
                    emitted
                    key="tlsCACert"
                    label="CA Certificate"
                    description="Your self-signed certificate"
                    placeholder="Begins with --- BEGIN CERTIFICATE ---"
                    multiline=true
                />
            </section>
            <section class="lg-panel" aria-labelledby="playground-json">
                <h2 id="playground-json">"onOptionsChange"</h2>
                <p class="lg-field__description" aria-live="polite">
                    {move || format!("Called {} times", emitted.get())}
                </p>
                <pre class="lg-code" data-testid="emitted-json" tabindex="0" aria-label="Emitted settings JSON">
                    {json}
                </pre>
            </section>
        </div>
    }
}
