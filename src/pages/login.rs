//! `/login`: Grafana's sign-in form ("Email or username", "Password", "Log in"), and, when
//! the server has OAuth providers, a "Sign in with <name>" link for each (Grafana's
//! `LoginServiceButtons`: `login/<key>`, which returns to `?redirect=` afterwards). A failed
//! OAuth sign-in comes back here with its message ("Login failed").

use super::session::{go_to, safe_redirect};
use super::FormSubmit;
use crate::api::ApiClient;
use crate::api::FrontendSettings;
use crate::components::{Alert, ErrorAlert, Severity, TextField};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The sign-in page; on success it goes to `?redirect=` (a path on this site) or `/`.
#[component]
pub fn LoginPage(
    /// Where the API is.
    client: ApiClient,
) -> impl IntoView {
    let query = use_query_map();
    let boot = {
        let client = client.clone();
        LocalResource::new(move || {
            let client = client.clone();
            async move { client.frontend_settings().await.ok() }
        })
    };
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormSubmit::new();
    let FormSubmit { error, busy } = form;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let problem = || {
            (user.get_untracked().trim().is_empty() || password.get_untracked().is_empty())
                .then(|| "Enter your email or username and your password".to_owned())
        };
        if !form.begin(&ev, problem) {
            return;
        }
        error.set(None);
        let client = client.clone();
        let target = safe_redirect(query.get_untracked().get("redirect"));
        leptos::task::spawn_local(async move {
            match client
                .login(&user.get_untracked(), &password.get_untracked())
                .await
            {
                Ok(_) => go_to(&target),
                Err(e) => {
                    // The password field keeps nothing after a failure; the username stays.
                    password.set(String::new());
                    error.set(Some(e.to_string()));
                    busy.set(false);
                }
            }
        });
    };
    let boot_data = move || boot.get().flatten();
    let oauth_error = move || {
        boot_data()
            .and_then(|b| b.login_error)
            .map(|message| view! { <Alert severity=Severity::Error title="Login failed">{message}</Alert> })
    };
    let providers = move || {
        let target = safe_redirect(query.get_untracked().get("redirect"));
        boot_data().map(|b| oauth_buttons(&b, &target))
    };
    view! {
        <div class="lg-login">
            <h1 class="lg-page__title">"Welcome to Grafana"</h1>
            {oauth_error}
            <form class="lg-panel lg-login__form" on:submit=submit novalidate=true>
                <ErrorAlert error />
                <TextField
                    id="login-user"
                    label="Email or username"
                    placeholder="email or username"
                    value=user
                    on_input=move |v: String| user.set(v)
                />
                <TextField
                    id="current-password"
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    placeholder="password"
                    value=password
                    on_input=move |v: String| password.set(v)
                />
                <button type="submit" class="lg-button lg-button--primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Logging in..." } else { "Log in" }}
                </button>
            </form>
            {providers}
        </div>
    }
}

/// Grafana's `LoginServiceButtons`: "or", then a link per OAuth provider to
/// `<appSubUrl>/login/<key>`, carrying where to return (`redirect_to`, checked again by the
/// server). Nothing without providers.
fn oauth_buttons(boot: &FrontendSettings, target: &str) -> Option<impl IntoView + use<>> {
    if boot.oauth.is_empty() {
        return None;
    }
    let back = if target == "/" {
        String::new()
    } else {
        format!("?redirect_to={}", crate::api::encode(target))
    };
    let links = boot
        .oauth
        .iter()
        .map(|(key, provider)| {
            let href = format!("{}/login/{key}{back}", boot.app_sub_url);
            let name = if provider.name.is_empty() {
                "OAuth".to_owned()
            } else {
                provider.name.clone()
            };
            view! {
                <a class="lg-button lg-login__service" href=href rel="external">
                    {format!("Sign in with {name}")}
                </a>
            }
        })
        .collect_view();
    Some(view! {
        <div class="lg-login__divider" role="separator">
            <span>"or"</span>
        </div>
        <div class="lg-login__services">{links}</div>
    })
}
