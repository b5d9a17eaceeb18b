//! `ServiceAccountsTable`: the rows of Grafana's service-account list, with actions that
//! follow each row's `accessControl` (hidden when not permitted). The server still
//! enforces every permission; hiding is only for clarity.

use crate::components::role_picker::{RolePicker, ORG_ROLES};
use crate::components::{mount_style, mount_theme, Link};
use crate::model::ServiceAccount;
use leptos::prelude::*;

/// The table.
#[component]
pub fn ServiceAccountsTable(
    /// The page of accounts to show.
    #[prop(into)]
    accounts: Signal<Vec<ServiceAccount>>,
    /// Mark every row as having expired tokens (the "With expired tokens" filter).
    #[prop(optional, into)]
    expired_tokens: Signal<bool>,
    /// A role was picked for an account.
    #[prop(into)]
    on_role_change: Callback<(ServiceAccount, String)>,
    /// Disable or Enable was pressed (the page confirms first).
    #[prop(into)]
    on_toggle_disabled: Callback<ServiceAccount>,
    /// Delete was pressed (the page confirms first).
    #[prop(into)]
    on_delete: Callback<ServiceAccount>,
) -> impl IntoView {
    mount_theme();
    mount_style("lg-sa-table", include_str!("service_accounts_table.css"));
    view! {
        <table class="lg-table">
            <caption class="lg-visually-hidden">"Service accounts"</caption>
            <thead>
                <tr>
                    <th scope="col">
                        <span class="lg-visually-hidden">"Avatar"</span>
                    </th>
                    <th scope="col">"Account"</th>
                    <th scope="col">"ID"</th>
                    <th scope="col">"Roles"</th>
                    <th scope="col">"Tokens"</th>
                    <th scope="col">
                        <span class="lg-visually-hidden">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                // The key folds in every field a row shows, so an edited account re-renders.
                <For
                    each=move || accounts.get()
                    key=|sa| (sa.id, sa.name.clone(), sa.role.clone(), sa.is_disabled, sa.tokens)
                    let:sa
                >
                    <ServiceAccountRow sa=sa expired_tokens on_role_change on_toggle_disabled on_delete />
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn ServiceAccountRow(
    sa: ServiceAccount,
    expired_tokens: Signal<bool>,
    on_role_change: Callback<(ServiceAccount, String)>,
    on_toggle_disabled: Callback<ServiceAccount>,
    on_delete: Callback<ServiceAccount>,
) -> impl IntoView {
    let to = format!("/{}", sa.id);
    let name_text = sa.name.clone();
    let can_write = sa.allows("serviceaccounts:write");
    let can_delete = sa.allows("serviceaccounts:delete");
    let role_label = ORG_ROLES
        .iter()
        .find(|(r, _)| *r == sa.role)
        .map(|(_, l)| *l)
        .unwrap_or("No basic role");
    let role_cell = if can_write {
        let sa_for_role = sa.clone();
        view! {
            <RolePicker
                aria_label=format!("Role of {}", sa.name)
                value=sa.role.clone()
                on_change=move |role: String| on_role_change.run((sa_for_role.clone(), role))
            />
        }
        .into_any()
    } else {
        view! { <span>{role_label}</span> }.into_any()
    };
    let toggle_sa = sa.clone();
    let delete_sa = sa.clone();
    let toggle_text = if sa.is_disabled { "Enable" } else { "Disable" };
    view! {
        <tr class:lg-table__row--disabled=sa.is_disabled>
            <td>
                {(!sa.avatar_url.is_empty())
                    .then(|| view! { <img class="lg-avatar" src=sa.avatar_url.clone() alt="" width="25" height="25" /> })}
            </td>
            <td>
                <Link to=to class="lg-table__name">{name_text}</Link>
                <div class="lg-table__sub">{sa.login.clone()}</div>
            </td>
            <td>{sa.id}</td>
            <td>{role_cell}</td>
            <td>
                {sa.tokens}
                {move || expired_tokens.get().then(|| view! { <span class="lg-badge lg-badge--warning">"Expired"</span> })}
            </td>
            <td class="lg-table__actions">
                {sa.is_disabled.then(|| view! { <span class="lg-badge">"Disabled"</span> })}
                {sa.is_external
                    .then(|| {
                        let by = sa.required_by.clone().unwrap_or_else(|| "a plugin".to_owned());
                        view! { <span class="lg-badge" title="Managed service accounts cannot be edited or deleted">{format!("Managed by {by}")}</span> }
                    })}
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
                                aria-label=format!("Delete {name}")
                                on:click=move |_| on_delete.run(delete_sa.clone())
                            >
                                "Delete"
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}
