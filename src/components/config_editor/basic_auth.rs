//! Basic authentication fields: `basicAuthUser` and `secureJsonData.basicAuthPassword`.

use super::Editor;
use crate::components::{SecretInput, TextField};
use crate::model::{is_secret_configured, reset_secret, set_option, set_secret, SettingsOption};
use leptos::prelude::*;

/// User and Password of the "Basic authentication" method (plugin-ui `BasicAuth`).
#[component]
pub fn BasicAuth(
    /// The editor this belongs to.
    editor: Editor,
) -> impl IntoView {
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
        <SecretInput
            id=editor.id("basic-auth-password-input")
            error=editor.error_signal("basicAuthPassword")
            label="Password"
            required=true
            placeholder="Password"
            description="The password of the data source account"
            is_configured=Signal::derive(move || editor.options.with(|o| is_secret_configured(o, "basicAuthPassword")))
            value=Signal::derive(move || {
                editor.options.with(|o| o.secure_json_data.get("basicAuthPassword").cloned().unwrap_or_default())
            })
            disabled=editor.read_only
            on_change=move |v: String| editor.change("basicAuthPassword", |s| set_secret(s, "basicAuthPassword", &v))
            on_reset=move |_| editor.change("basicAuthPassword", |s| reset_secret(s, "basicAuthPassword"))
        />
    }
}
