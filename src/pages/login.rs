//! `/login`: Grafana's sign-in form ("Email or username", "Password", "Log in").

use super::session::{go_to, safe_redirect};
use super::FormSubmit;
use crate::api::ApiClient;
use crate::components::{ErrorAlert, TextField};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The sign-in page; on success it goes to `?redirect=` (a path on this site) or `/`.
#[component]
pub fn LoginPage(
    /// Where the API is.
    client: ApiClient,
) -> impl IntoView {
    let query = use_query_map();
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
    view! {
        <div class="lg-login">
            <h1 class="lg-page__title">"Welcome to Grafana"</h1>
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
        </div>
    }
}
