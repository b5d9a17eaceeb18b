//! "Authentication": the method select (Basic authentication, Forward OAuth Identity, No
//! Authentication, cross-site credentials), the API key, and the TLS settings.

use super::{BasicAuth, Editor, TlsSettings};
use crate::components::field::Field;
use crate::components::{ConfigSection, SecretInput};
use crate::model::{
    is_secret_configured, reset_secret, selected_auth_method, set_auth_method, set_secret,
    AuthMethod,
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
) -> impl IntoView {
    let selected = Memo::new(move |_| editor.options.with(selected_auth_method));
    let options = AuthMethod::ALL.map(|m| {
        let label = if m == AuthMethod::BasicAuth {
            format!("{} (most common)", m.label())
        } else {
            m.label().to_owned()
        };
        view! {
            <option value=m.id() selected=move || selected.get() == m>
                {label}
            </option>
        }
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
                    description=Signal::derive(move || Some(selected.get().description().to_owned()))
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
                            if let Some(m) = AuthMethod::from_id(&ev.target().value()) {
                                editor.change("authMethod", |s| set_auth_method(s, m));
                            }
                        }
                    >
                        {options}
                    </select>
                </Field>
                <Show when=move || selected.get() == AuthMethod::BasicAuth>
                    <BasicAuth editor />
                </Show>
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
