//! Basic authentication fields: `basicAuthUser` and `secureJsonData.basicAuthPassword`.

use super::SecretField;
use crate::components::TextField;
use crate::model::{set_option, SettingsOption};
use leptos::prelude::*;

controlled_section! {
    /// User and Password of the "Basic authentication" method (plugin-ui `BasicAuth`).
    ///
    /// Used on its own, as plugin-ui's controlled sections are:
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// # use leptos_grafana::components::BasicAuth;
    /// # use leptos_grafana::model::DataSourceSettings;
    /// # #[component] fn Page() -> impl IntoView {
    /// let options = RwSignal::new(DataSourceSettings::default());
    /// view! { <BasicAuth config=options on_change=move |next| options.set(next) /> }
    /// # }
    /// ```
    pub fn BasicAuth[editor](
    ) {
        view! {
            <TextField
                id=editor.id("basic-auth-user-input")
                label="User"
                required=true
                placeholder="User"
                description="The username of the data source account"
                value=Signal::derive(move || editor.options.with(|o| o.basic_auth_user.clone()))
                error=editor.error_signal("basicAuthUser")
                disabled=editor.read_only
                on_input=move |v: String| {
                    editor.change("basicAuthUser", |s| set_option(s, SettingsOption::BasicAuthUser(v)))
                }
            />
            <SecretField
                editor
                key="basicAuthPassword"
                id=editor.id("basic-auth-password-input")
                error=editor.error_signal("basicAuthPassword")
                label="Password"
                required=true
                placeholder="Password"
                description="The password of the data source account"
            />
        }
    }
}
