//! The list's table area: the accounts table (skeleton rows while a page loads), "Showing
//! a–b of n" and the pagination.

use crate::api::{ApiError, ServiceAccount, ServiceAccountFilter, ServiceAccountSearch};
use crate::components::service_accounts_table::RowCallbacks;
use crate::components::{Pagination, ServiceAccountsTable};
use crate::model::list_query::{ListQuery, PER_PAGE};
use crate::model::paging::{shown_range, total_pages};
use leptos::prelude::*;

/// The table, the range shown and the pages, from the search's answer.
#[component]
pub fn TableArea(
    /// The search's answer (`None` while it loads).
    results: LocalResource<Result<ServiceAccountSearch, ApiError>>,
    /// What is listed (its page and filter).
    state: Memo<ListQuery>,
    /// What the rows' controls call.
    row_callbacks: RowCallbacks,
    /// Add token was pressed on a row without tokens.
    #[prop(into)]
    on_add_token: Callback<ServiceAccount>,
    /// Another page was picked.
    #[prop(into)]
    on_navigate: Callback<i64>,
) -> impl IntoView {
    let data = move || results.get();
    // Between a request and its answer (the first page, a new search, a page turn).
    let loading = Signal::derive(move || results.get().is_none());
    let accounts = Signal::derive(move || match data() {
        Some(Ok(r)) => r.service_accounts,
        _ => Vec::new(),
    });
    let total = Signal::derive(move || match data() {
        Some(Ok(r)) => r.total_count,
        _ => 0,
    });
    view! {
        <Show when=move || { total.get() > 0 || loading.get() }>
            <ServiceAccountsTable
                accounts=accounts
                loading=loading
                expired_tokens=Signal::derive(move || state.with(|s| s.filter == ServiceAccountFilter::ExpiredTokens))
                on_role_change=row_callbacks.on_role_change
                on_toggle_disabled=row_callbacks.on_toggle_disabled
                on_delete=row_callbacks.on_delete
                on_add_token=on_add_token
            />
        </Show>
        <p class="lg-field__description" role="status">
            {move || {
                shown_range(state.with(|s| s.page), PER_PAGE, total.get())
                    .map(|(a, b)| format!("Showing {a}–{b} of {}", total.get()))
            }}
        </p>
        <Pagination
            current_page=Signal::derive(move || state.with(|s| s.page))
            number_of_pages=Signal::derive(move || total_pages(total.get(), PER_PAGE))
            on_navigate=on_navigate
        />
    }
}
