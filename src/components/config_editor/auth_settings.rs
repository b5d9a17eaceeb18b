//! "Authentication": the method select (Basic authentication, Forward OAuth Identity, No
//! Authentication, cross-site credentials when the schema asks for it, and the plugin's
//! own `custom-…` methods with their fields), the API key, and the TLS settings.

use super::{BasicAuth, Editor, PluginField, TlsSettings};
use crate::components::field::Field;
use crate::components::{ConfigSection, SecretInput};
use crate::model::{
    is_secret_configured, offered_auth, reset_secret, selected_auth, set_auth, set_secret,
    AuthChoice, AuthMethod, ConfigSchema,
};
use leptos::prelude::*;

/// The Authentication section (plugin-ui `Auth`).
#[component]
pub fn AuthSettings(
    /// The editor this belongs to.
    editor: Editor,
    /// Show the API key field (`secureJsonData.apiKey`).
    #[prop(optional)]
    api_key: bool,
    /// Show the TLS settings.
    #[prop(optional)]
    tls: bool,
    /// The schema (its custom authentication methods, and whether cross-site is offered).
    #[prop(into)]
    schema: Signal<ConfigSchema>,
) -> impl IntoView {
    let selected =
        Memo::new(move |_| schema.with(|sc| editor.options.with(|o| selected_auth(sc, o))));
    let offered =
        Memo::new(move |_| schema.with(|sc| editor.options.with(|o| offered_auth(sc, o))));
    let label_of = move |choice: &AuthChoice| -> (String, String) {
        match choice {
            AuthChoice::Grafana(AuthMethod::BasicAuth) => (
                format!("{} (most common)", AuthMethod::BasicAuth.label()),
                AuthMethod::BasicAuth.description().to_owned(),
            ),
            AuthChoice::Grafana(m) => (m.label().to_owned(), m.description().to_owned()),
            AuthChoice::Custom(id) => schema.with(|sc| {
                sc.auth_methods
                    .iter()
                    .find(|m| &m.id == id)
                    .map(|m| (m.label.clone(), m.description.clone()))
                    .unwrap_or_else(|| (id.clone(), String::new()))
            }),
        }
    };
    let custom_fields = Memo::new(move |_| match selected.get() {
        AuthChoice::Custom(id) => schema.with(|sc| {
            sc.auth_methods
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.fields.clone())
                .unwrap_or_default()
        }),
        AuthChoice::Grafana(_) => Vec::new(),
    });
    view! {
        <ConfigSection title="Authentication">
            <ConfigSection
                sub=true
                title="Authentication methods"
                description="Choose an authentication method to access the data source"
            >
                <Field
                    control_id=editor.id("auth-method-select")
                    label="Authentication method"
                    description=Signal::derive(move || Some(label_of(&selected.get()).1))
                >
                    <select
                        id=editor.id("auth-method-select")
                        class="lg-input"
                        aria-describedby=crate::components::field::described_by(
                            &editor.id("auth-method-select"),
                            true,
                            false,
                        )
                        disabled=move || editor.read_only.get()
                        prop:value=move || selected.get().id()
                        on:change:target=move |ev| {
                            let id = ev.target().value();
                            let choice = offered.with_untracked(|o| o.iter().find(|c| c.id() == id).cloned());
                            if let Some(choice) = choice {
                                editor.change("authMethod", |s| set_auth(s, &choice));
                            }
                        }
                    >
                        <For each=move || offered.get() key=AuthChoice::id let:choice>
                            {
                                let id = choice.id();
                                let value = id.clone();
                                view! {
                                    <option value=value selected=move || selected.with(|s| s.id() == id)>
                                        {label_of(&choice).0}
                                    </option>
                                }
                            }
                        </For>
                    </select>
                </Field>
                <Show when=move || selected.get() == AuthChoice::Grafana(AuthMethod::BasicAuth)>
                    <BasicAuth editor />
                </Show>
                <For each=move || custom_fields.get() key=|f| f.key.clone() let:field>
                    <PluginField editor field />
                </For>
            </ConfigSection>
            {api_key
                .then(|| {
                    view! {
                        <SecretInput
                            id=editor.id("api-key-input")
                            label="API key"
                            placeholder="API key"
                            description="Sent to the data source as a bearer token"
                            is_configured=Signal::derive(move || editor.options.with(|o| is_secret_configured(o, "apiKey")))
                            value=Signal::derive(move || {
                                editor.options.with(|o| o.secure_json_data.get("apiKey").cloned().unwrap_or_default())
                            })
                            disabled=editor.read_only
                            on_change=move |v: String| editor.change("apiKey", |s| set_secret(s, "apiKey", &v))
                            on_reset=move |_| editor.change("apiKey", |s| reset_secret(s, "apiKey"))
                        />
                    }
                })}
            {tls.then(|| view! { <TlsSettings editor /> })}
        </ConfigSection>
    }
}
