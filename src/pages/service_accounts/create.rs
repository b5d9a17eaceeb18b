//! `…/create`: "Create service account" (display name and role). Server errors (e.g. a
//! duplicate name) show inline and the typed values stay.

use crate::api::ApiClient;
use crate::components::field::Field;
use crate::components::{ErrorAlert, Link, RolePicker, TextField};
use crate::pages::{FormSubmit, SectionNav};
use leptos::prelude::*;

/// The create page; on success it opens the new account's page.
#[component]
pub fn CreateServiceAccountPage(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let role = RwSignal::new("Viewer".to_owned());
    let form = FormSubmit::new();
    let FormSubmit { error, busy } = form;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let problem = || {
            (name.get_untracked().trim().is_empty()).then(|| "Display name is required".to_owned())
        };
        if !form.begin(&ev, problem) {
            return;
        }
        let client = client.clone();
        leptos::task::spawn_local(async move {
            match client
                .create_service_account(name.get_untracked().trim(), &role.get_untracked())
                .await
            {
                Ok(sa) if !sa.uid.is_empty() => nav.push(&format!("/{}", sa.uid)),
                Ok(sa) => nav.push(&format!("/{}", sa.id)),
                Err(e) => {
                    if !nav.sign_in_again_if_needed(&e) {
                        error.set(Some(e.to_string()));
                    }
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <nav class="lg-breadcrumb" aria-label="Breadcrumb">
            <Link to="">"Service accounts"</Link>
        </nav>
        <h1 class="lg-page__title">"Create service account"</h1>
        <form class="lg-panel lg-narrow" on:submit=submit novalidate=true aria-label="Create service account">
            <ErrorAlert error />
            <TextField
                id="sa-display-name"
                label="Display name"
                required=true
                value=name
                error=Signal::derive(move || None::<String>)
                on_input=move |v: String| name.set(v)
            />
            <Field control_id="sa-role" label="Role">
                <RolePicker id="sa-role" aria_label="Role" value=role on_change=move |r: String| role.set(r) />
            </Field>
            <button type="submit" class="lg-button lg-button--primary" disabled=move || busy.get()>
                {move || busy.get().then(|| view! { <span class="lg-spinner" aria-hidden="true"></span> })}
                "Create"
            </button>
        </form>
    }
}
