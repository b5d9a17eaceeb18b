//! A row's actions cell, following the account's `accessControl`: "Disabled" badge, the
//! managed lock, **Add token** (no tokens yet), Enable / Disable, Delete.

use super::MANAGED_TEXT;
use crate::components::{Icon, IconName};
use crate::model::ServiceAccount;
use leptos::prelude::*;

/// The actions of `sa`; a managed account shows only its lock.
#[component]
pub fn RowActions(
    /// The account.
    sa: ServiceAccount,
    /// Disable or Enable was pressed.
    #[prop(into)]
    on_toggle_disabled: Callback<ServiceAccount>,
    /// Delete was pressed.
    #[prop(into)]
    on_delete: Callback<ServiceAccount>,
    /// Add token was pressed (no button without it).
    on_add_token: Option<Callback<ServiceAccount>>,
) -> impl IntoView {
    let managed = sa.is_external;
    let can_write = !managed && sa.allows("serviceaccounts:write");
    let can_delete = !managed && sa.allows("serviceaccounts:delete");
    let toggle_sa = sa.clone();
    let delete_sa = sa.clone();
    let add_token_sa = sa.clone();
    let toggle_text = if sa.is_disabled { "Enable" } else { "Disable" };
    let disabled = sa.is_disabled;
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
                    let name = sa.name.clone();
                    view! {
                        <button
                            type="button"
                            class="lg-button lg-button--primary"
                            aria-label=format!("Add token to {name}")
                            disabled=disabled
                            on:click=move |_| add.run(add_token_sa.clone())
                        >
                            "Add token"
                        </button>
                    }
                }))}
            {can_write
                .then(|| {
                    let name = sa.name.clone();
                    view! {
                        <button
                            type="button"
                            class="lg-button"
                            aria-label=format!("{toggle_text} {name}")
                            on:click=move |_| on_toggle_disabled.run(toggle_sa.clone())
                        >
                            {toggle_text}
                        </button>
                    }
                })}
            {can_delete
                .then(|| {
                    let name = sa.name.clone();
                    view! {
                        <button
                            type="button"
                            class="lg-button lg-button--destructive"
                            aria-label=format!("Delete service account {name}")
                            on:click=move |_| on_delete.run(delete_sa.clone())
                        >
                            "Delete"
                        </button>
                    }
                })}
        </td>
    }
}
