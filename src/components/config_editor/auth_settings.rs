//! "Authentication": the method select (Basic authentication, Forward OAuth Identity, No
//! Authentication, cross-site credentials when the schema asks for it, and the plugin's
//! own `custom-…` methods with their fields), the API key, and the TLS settings.

use super::{BasicAuth, Editor, PluginField, SecretField, TlsSettings};
use crate::components::field::Field;
use crate::components::ConfigSection;
use crate::model::schema::CustomAuthMethod;
use crate::model::{offered_auth, selected_auth, set_auth, AuthChoice, AuthMethod};
use leptos::prelude::*;

controlled_section! {
    /// The Authentication section (plugin-ui `Auth`).
    ///
    /// Used on its own, as plugin-ui's controlled sections are:
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// # use leptos_grafana::components::AuthSettings;
    /// # use leptos_grafana::model::DataSourceSettings;
    /// # #[component] fn Page() -> impl IntoView {
    /// let options = RwSignal::new(DataSourceSettings::default());
    /// view! { <AuthSettings config=options on_change=move |next| options.set(next) api_key=true tls=true /> }
    /// # }
    /// ```
    pub fn AuthSettings[editor](
        /// Show the API key field (`secureJsonData.apiKey`).
        #[prop(optional)]
        api_key: bool,
        /// Show the TLS settings.
        #[prop(optional)]
        tls: bool,
        /// The plugin's own methods (plugin-ui's `customMethods`), offered after Grafana's.
        #[prop(optional, into)]
        custom_methods: Signal<Vec<CustomAuthMethod>>,
        /// Offer "Enable cross-site access control requests" (plugin-ui's
        /// `visibleMethods` with `CrossSiteCredentials`); it is offered anyway once chosen.
        #[prop(optional, into)]
        cross_site_credentials: Signal<bool>,
    ) {
        let ids = move |methods: &Vec<CustomAuthMethod>| -> Vec<String> {
            methods.iter().map(|m| m.id.clone()).collect()
        };
        let selected = Memo::new(move |_| {
            let ids = custom_methods.with(ids);
            editor
                .options
                .with(|o| selected_auth(ids.iter().map(String::as_str), o))
        });
        let offered = Memo::new(move |_| {
            let ids = custom_methods.with(ids);
            let cross_site = cross_site_credentials.get();
            editor
                .options
                .with(|o| offered_auth(ids.iter().map(String::as_str), cross_site, o))
        });
        let custom_fields = Memo::new(move |_| match selected.get() {
            AuthChoice::Custom(id) => custom_methods.with(|methods| {
                methods
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
                    <AuthMethodSelect editor selected offered custom_methods />
                    <Show when=move || selected.get() == AuthChoice::Grafana(AuthMethod::BasicAuth)>
                        <BasicAuth config=editor.options on_change=editor.on_options_change read_only=editor.read_only />
                    </Show>
                    <For each=move || custom_fields.get() key=|f| f.key.clone() let:field>
                        <PluginField config=editor.options on_change=editor.on_options_change read_only=editor.read_only field />
                    </For>
                </ConfigSection>
                {api_key.then(|| view! { <ApiKeyField editor /> })}
                {tls
                    .then(|| {
                        view! { <TlsSettings config=editor.options on_change=editor.on_options_change read_only=editor.read_only /> }
                    })}
            </ConfigSection>
        }
    }
}

/// The label and description of `choice` (Basic authentication is "most common").
fn auth_method_text(choice: &AuthChoice, custom_methods: &[CustomAuthMethod]) -> (String, String) {
    match choice {
        AuthChoice::Grafana(AuthMethod::BasicAuth) => (
            format!("{} (most common)", AuthMethod::BasicAuth.label()),
            AuthMethod::BasicAuth.description().to_owned(),
        ),
        AuthChoice::Grafana(m) => (m.label().to_owned(), m.description().to_owned()),
        AuthChoice::Custom(id) => custom_methods
            .iter()
            .find(|m| &m.id == id)
            .map(|m| (m.label.clone(), m.description.clone()))
            .unwrap_or_else(|| (id.clone(), String::new())),
    }
}

/// "Authentication method": the select, described by the chosen method's description.
#[component]
fn AuthMethodSelect(
    editor: Editor,
    selected: Memo<AuthChoice>,
    offered: Memo<Vec<AuthChoice>>,
    custom_methods: Signal<Vec<CustomAuthMethod>>,
) -> impl IntoView {
    let text_of = move |choice: &AuthChoice| custom_methods.with(|m| auth_method_text(choice, m));
    view! {
        <Field
            control_id=editor.id("auth-method-select")
            label="Authentication method"
            description=Signal::derive(move || Some(text_of(&selected.get()).1))
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
                                {text_of(&choice).0}
                            </option>
                        }
                    }
                </For>
            </select>
        </Field>
    }
}

/// "API key": `secureJsonData.apiKey`, configured + Reset once saved.
#[component]
fn ApiKeyField(editor: Editor) -> impl IntoView {
    view! {
        <SecretField
            editor
            key="apiKey"
            id=editor.id("api-key-input")
            label="API key"
            placeholder="API key"
            description="Sent to the data source as a bearer token"
        />
    }
}
