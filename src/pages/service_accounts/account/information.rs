//! The Information tab: Grafana's profile rows (numerical identifier, name, ID, roles,
//! creation date, and "Used by" for a managed account), the name edited in place, then
//! Delete / Disable / Enable.

use super::confirmation::Pending;
use crate::api::{ServiceAccount, ServiceAccountPatch};
use crate::components::RolePicker;
use crate::model::token_expiry::date_time;
use leptos::prelude::*;

/// The tab.
#[component]
pub fn Information(
    /// The account shown.
    account: RwSignal<ServiceAccount>,
    /// The user may change the account.
    can_write: bool,
    /// The user may delete the account.
    can_delete: bool,
    /// Sends a change of the account.
    patch: Callback<ServiceAccountPatch>,
    /// Where Delete and Disable ask for confirmation.
    pending: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let managed = account.with_untracked(|a| a.is_external);
    let editable = move || can_write && !managed && !account.with(|a| a.is_disabled);
    view! {
        <section class="lg-panel" aria-labelledby="sa-information">
            <h3 id="sa-information">"Information"</h3>
            <dl class="lg-info">
                <dt>"Numerical identifier"</dt>
                <dd class="lg-text--secondary">{move || account.with(|a| a.id)}</dd>
                <dt>"Name"</dt>
                <dd>
                    <ProfileName account can_write patch />
                </dd>
                <dt>"ID"</dt>
                <dd>{move || account.with(|a| a.login.clone())}</dd>
                <dt>"Roles"</dt>
                <dd>
                    <RolePicker
                        aria_label="Role"
                        value=Signal::derive(move || account.with(|a| a.role.clone()))
                        disabled=Signal::derive(move || !editable())
                        on_change=move |role: String| patch.run(ServiceAccountPatch::Role(role))
                    />
                </dd>
                <dt>"Creation date"</dt>
                <dd>{move || account.with(|a| a.created_at.as_deref().map(date_time).unwrap_or_default())}</dd>
                {move || account.with(|a| a.required_by.clone()).filter(|_| managed).map(|plugin| view! {
                    <dt>"Used by"</dt>
                    <dd><a href=format!("/plugins/{plugin}")>{plugin.clone()}</a></dd>
                })}
            </dl>
            // Delete service account (confirmed first), and Enable or Disable service
            // account (Disable is confirmed first).
            {(!managed).then(|| view! {
                <div class="lg-button-row">
                    <button
                        type="button"
                        class="lg-button lg-button--destructive"
                        disabled=!can_delete
                        on:click=move |_| pending.set(Some(Pending::DeleteAccount))
                    >
                        "Delete service account"
                    </button>
                    {move || {
                        let is_disabled = account.with(|a| a.is_disabled);
                        view! {
                            <button
                                type="button"
                                class="lg-button"
                                disabled=!can_write
                                on:click=move |_| {
                                    if is_disabled {
                                        patch.run(ServiceAccountPatch::IsDisabled(false));
                                    } else {
                                        pending.set(Some(Pending::Disable));
                                    }
                                }
                            >
                                {if is_disabled { "Enable service account" } else { "Disable service account" }}
                            </button>
                        }
                    }}
                </div>
            })}
        </section>
    }
}

/// The name, with **Edit** (when the user may change it); editing, a small form with
/// Save and Cancel. The form stays, with what was typed, until the server has the new
/// name.
#[component]
fn ProfileName(
    /// The account shown.
    account: RwSignal<ServiceAccount>,
    /// The user may change the account.
    can_write: bool,
    /// Sends the new name.
    patch: Callback<ServiceAccountPatch>,
) -> impl IntoView {
    let name_draft = RwSignal::new(None::<String>);
    let name_error = RwSignal::new(None::<String>);
    let managed = account.with_untracked(|a| a.is_external);
    let editable = move || can_write && !managed && !account.with(|a| a.is_disabled);
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(draft) = name_draft.get_untracked() else {
            return;
        };
        if draft.trim().is_empty() {
            name_error.set(Some("Name is required".to_owned()));
            return;
        }
        name_error.set(None);
        if account.with_untracked(|a| a.name == draft.trim()) {
            name_draft.set(None);
            return;
        }
        // The form stays (with what was typed) until the server has the new name.
        patch.run(ServiceAccountPatch::Name(draft.trim().to_owned()));
    };
    Effect::new(move |previous: Option<String>| {
        let name = account.with(|a| a.name.clone());
        if previous.is_some_and(|p| p != name) {
            name_draft.set(None);
        }
        name
    });
    move || {
        match name_draft.get() {
        Some(draft) => view! {
            <form class="lg-field__row" on:submit=save_name>
                <label class="lg-visually-hidden" for="sa-name-input">"Name"</label>
                <input
                    id="sa-name-input"
                    class="lg-input"
                    prop:value=draft
                    aria-invalid=move || if name_error.with(Option::is_some) { "true" } else { "false" }
                    on:input:target=move |ev| name_draft.set(Some(ev.target().value()))
                />
                <button type="submit" class="lg-button lg-button--primary">"Save"</button>
                <button type="button" class="lg-button" on:click=move |_| { name_draft.set(None); name_error.set(None); }>"Cancel"</button>
            </form>
            {move || name_error.get().map(|e| view! { <p class="lg-field__error" role="alert">{e}</p> })}
        }.into_any(),
        None => view! {
            <span>{account.with(|a| a.name.clone())}</span>
            {(!managed && can_write).then(|| view! {
                <button
                    type="button"
                    class="lg-button"
                    aria-label="Edit name"
                    disabled=move || !editable()
                    on:click=move |_| name_draft.set(Some(account.with_untracked(|a| a.name.clone())))
                >
                    "Edit"
                </button>
            })}
        }.into_any(),
    }
    }
}
