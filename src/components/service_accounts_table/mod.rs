//! `ServiceAccountsTable`: the rows of Grafana's service-account list, with actions that
//! follow each row's `accessControl` (hidden when not permitted): **Add token** on a row
//! with no token, Enable / Disable, Delete; a managed row shows only a lock ("This is a
//! managed service account and cannot be modified"). While a page loads, its rows are
//! skeletons. The server still enforces every permission; hiding is only for clarity.

use crate::components::role_picker::{RolePicker, ORG_ROLES};
use crate::components::{mount_style, mount_theme, Icon, IconName, Link};
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
    /// Add token was pressed on a row without tokens (no button without it).
    #[prop(optional, into)]
    on_add_token: Option<Callback<ServiceAccount>>,
    /// A page is loading: the rows are skeletons (as many as are shown, at least three).
    #[prop(optional, into)]
    loading: Signal<bool>,
) -> impl IntoView {
    mount_theme();
    mount_style("lg-sa-table", include_str!("service_accounts_table.css"));
    let skeleton_rows = move || accounts.with(Vec::len).max(3);
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
            <Show
                when=move || !loading.get()
                fallback=move || view! {
                    <tbody aria-busy="true">
                        {(0..skeleton_rows()).map(|_| view! {
                            <tr class="lg-skeleton-row" aria-hidden="true">
                                <td><span class="lg-skeleton lg-skeleton--circle"></span></td>
                                <td><span class="lg-skeleton"></span></td>
                                <td><span class="lg-skeleton"></span></td>
                                <td><span class="lg-skeleton"></span></td>
                                <td><span class="lg-skeleton"></span></td>
                                <td><span class="lg-skeleton"></span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                }
            >
                <tbody>
                    // The key folds in every field a row shows, so an edited account re-renders.
                    <For
                        each=move || accounts.get()
                        key=|sa| (sa.id, sa.name.clone(), sa.role.clone(), sa.is_disabled, sa.tokens)
                        let:sa
                    >
                        <ServiceAccountRow sa=sa expired_tokens on_role_change on_toggle_disabled on_delete on_add_token />
                    </For>
                </tbody>
            </Show>
        </table>
    }
}

/// Grafana's words on a managed row's lock.
pub const MANAGED_TEXT: &str = "This is a managed service account and cannot be modified";

#[component]
fn ServiceAccountRow(
    sa: ServiceAccount,
    expired_tokens: Signal<bool>,
    on_role_change: Callback<(ServiceAccount, String)>,
    on_toggle_disabled: Callback<ServiceAccount>,
    on_delete: Callback<ServiceAccount>,
    on_add_token: Option<Callback<ServiceAccount>>,
) -> impl IntoView {
    let to = if sa.uid.is_empty() {
        format!("/{}", sa.id)
    } else {
        format!("/{}", sa.uid)
    };
    let name_text = sa.name.clone();
    let managed = sa.is_external;
    let can_write = !managed && sa.allows("serviceaccounts:write");
    let can_delete = !managed && sa.allows("serviceaccounts:delete");
    let role_label = ORG_ROLES
        .iter()
        .find(|(r, _)| *r == sa.role)
        .map(|(_, l)| *l)
        .unwrap_or("No basic role");
    let role_cell = if can_write && !sa.is_disabled {
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
    let add_token_sa = sa.clone();
    let toggle_text = if sa.is_disabled { "Enable" } else { "Disable" };
    let tokens_cell = if sa.tokens > 0 {
        view! {
            <span class="lg-tokens-count">
                <Icon name=IconName::Key />
                {sa.tokens}
            </span>
        }
        .into_any()
    } else {
        view! { <span class="lg-text--secondary">"No tokens"</span> }.into_any()
    };
    let disabled = sa.is_disabled;
    view! {
        <tr class:lg-table__row--disabled=sa.is_disabled>
            <td>
                {(!sa.avatar_url.is_empty())
                    .then(|| view! { <img class="lg-avatar" src=sa.avatar_url.clone() alt="User avatar" width="25" height="25" /> })}
            </td>
            <td>
                <Link to=to class="lg-table__name">{name_text}</Link>
            </td>
            <td class="lg-table__sub">{sa.login.clone()}</td>
            <td>{role_cell}</td>
            <td>
                {tokens_cell}
                {move || expired_tokens.get().then(|| view! { <span class="lg-badge lg-badge--warning">"Expired"</span> })}
            </td>
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
        </tr>
    }
}
