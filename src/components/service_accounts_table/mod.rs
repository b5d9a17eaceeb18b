//! `ServiceAccountsTable`: the rows of Grafana's service-account list, with actions that
//! follow each row's `accessControl` (hidden when not permitted): **Add token** on a row
//! with no token, Enable / Disable, Delete; a managed row shows only a lock ("This is a
//! managed service account and cannot be modified"). While a page loads, its rows are
//! skeletons. The server still enforces every permission; hiding is only for clarity.

mod row;
mod row_actions;

use crate::components::Column::{Hidden, Shown};
use crate::components::{mount_style, mount_theme, table_head};
use crate::model::ServiceAccount;
use leptos::prelude::*;
use row::ServiceAccountRow;

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
    let callbacks = RowCallbacks {
        on_role_change,
        on_toggle_disabled,
        on_delete,
    };
    view! {
        <table class="lg-table">
            <caption class="lg-visually-hidden">"Service accounts"</caption>
            {table_head([
                Hidden("Avatar"), Shown("Account"), Shown("ID"), Shown("Roles"), Shown("Tokens"),
                Hidden("Actions"),
            ])}
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
                        <ServiceAccountRow sa=sa expired_tokens callbacks on_add_token />
                    </For>
                </tbody>
            </Show>
        </table>
    }
}

/// What a row's controls call (but Add token, which is optional), passed down to each
/// row as one value.
#[derive(Clone, Copy)]
pub struct RowCallbacks {
    /// A role was picked for an account.
    pub on_role_change: Callback<(ServiceAccount, String)>,
    /// Disable or Enable was pressed (the page confirms first).
    pub on_toggle_disabled: Callback<ServiceAccount>,
    /// Delete was pressed (the page confirms first).
    pub on_delete: Callback<ServiceAccount>,
}

/// Grafana's words on a managed row's lock.
pub const MANAGED_TEXT: &str = "This is a managed service account and cannot be modified";
