//! A row's actions cell, following the account's `accessControl`: "Disabled" badge, the
//! managed lock, **Add token** (no tokens yet), Enable / Disable, Delete.

use super::{RowCallbacks, MANAGED_TEXT};
use crate::components::{Icon, IconName};
use crate::model::ServiceAccount;
use leptos::prelude::*;

/// The actions of `sa`; a managed account shows only its lock.
#[component]
pub fn RowActions(
    /// The account.
    sa: ServiceAccount,
    /// What its buttons call.
    callbacks: RowCallbacks,
    /// Add token was pressed (no button without it).
    on_add_token: Option<Callback<ServiceAccount>>,
) -> impl IntoView {
    let managed = sa.is_external;
    let can_write = !managed && sa.allows("serviceaccounts:write");
    let can_delete = !managed && sa.allows("serviceaccounts:delete");
    let toggle_text = if sa.is_disabled { "Enable" } else { "Disable" };
    let name = &sa.name;
    view! {
        <td class="lg-table__actions">
            {sa.is_disabled.then(|| view! { <span class="lg-badge">"Disabled"</span> })}
            {managed
                .then(|| view! {
                    <button
                        type="button"
                        class="lg-icon-button lg-lock"
                        aria-disabled="true"
                        aria-label=MANAGED_TEXT
                        title=MANAGED_TEXT
                    >
                        <Icon name=IconName::Lock />
                    </button>
                })}
            {(can_write && sa.tokens == 0)
                .then(|| on_add_token.map(|add| {
                    let label = format!("Add token to {name}");
                    action_button(&sa, "lg-button lg-button--primary", label, "Add token", sa.is_disabled, add)
                }))}
            {can_write.then(|| {
                let label = format!("{toggle_text} {name}");
                action_button(&sa, "lg-button", label, toggle_text, false, callbacks.on_toggle_disabled)
            })}
            {can_delete.then(|| {
                let label = format!("Delete service account {name}");
                action_button(&sa, "lg-button lg-button--destructive", label, "Delete", false, callbacks.on_delete)
            })}
        </td>
    }
}

/// One of the row's buttons: `text`, named `aria_label`, calling `on_click` with the
/// account.
fn action_button(
    sa: &ServiceAccount,
    class: &'static str,
    aria_label: String,
    text: &'static str,
    disabled: bool,
    on_click: Callback<ServiceAccount>,
) -> impl IntoView + use<> {
    let sa = sa.clone();
    view! {
        <button
            type="button"
            class=class
            aria-label=aria_label
            disabled=disabled
            on:click=move |_| on_click.run(sa.clone())
        >
            {text}
        </button>
    }
}
