//! `/org/serviceaccounts`: Grafana's service-account list: debounced search kept in the
//! URL, filter (All / With expired tokens / Disabled), paging, inline role changes,
//! Disable/Enable and Delete behind confirmations. Older searches are aborted so a slow
//! answer can never replace a newer one.

use super::session::sign_in_again_if_needed;
use crate::api::{
    encode, ApiClient, ApiError, ServiceAccount, ServiceAccountFilter, ServiceAccountPatch,
    ServiceAccountSearch,
};
use crate::components::{Alert, ConfirmModal, Pagination, ServiceAccountsTable, Severity};
use crate::model::paging::{shown_range, total_pages};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_use::use_debounce_fn_with_arg;
use web_sys::AbortController;

/// Accounts per page.
pub const PER_PAGE: i64 = 30;

fn filter_id(f: ServiceAccountFilter) -> &'static str {
    match f {
        ServiceAccountFilter::All => "all",
        ServiceAccountFilter::ExpiredTokens => "expired",
        ServiceAccountFilter::Disabled => "disabled",
    }
}

fn filter_from_id(id: &str) -> ServiceAccountFilter {
    match id {
        "expired" => ServiceAccountFilter::ExpiredTokens,
        "disabled" => ServiceAccountFilter::Disabled,
        _ => ServiceAccountFilter::All,
    }
}

/// A confirmation the page is asking for.
#[derive(Clone)]
enum Pending {
    Delete(ServiceAccount),
    ToggleDisabled(ServiceAccount),
}

/// The list page.
#[component]
pub fn ServiceAccountsPage(
    /// Where the API is.
    client: ApiClient,
    /// Show **Add service account** (the caller may `serviceaccounts:create`).
    #[prop(into)]
    can_create: Signal<bool>,
) -> impl IntoView {
    // The search state lives in the page's own signals, read once from the URL and written
    // back to it (replaceState), so reloading or sharing the address gives the same list.
    let initial = use_query_map().get_untracked();
    let query = RwSignal::new(initial.get("query").unwrap_or_default());
    let page = RwSignal::new(
        initial
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .max(1),
    );
    let filter = RwSignal::new(filter_from_id(&initial.get("filter").unwrap_or_default()));
    let search_text = RwSignal::new(query.get_untracked());
    Effect::new(move |_| {
        let url = format!(
            "/org/serviceaccounts?query={}&page={}&filter={}",
            encode(&query.get()),
            page.get(),
            filter_id(filter.get())
        );
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    });
    let go = move |q: String, p: i64, f: ServiceAccountFilter| {
        query.set(q);
        page.set(p);
        filter.set(f);
    };
    // One search per burst of typing, 300 ms after the last keystroke.
    let debounced_search =
        use_debounce_fn_with_arg(move |q: String| go(q, 1, filter.get_untracked()), 300.0);

    let inflight = StoredValue::new_local(None::<AbortController>);
    let searcher = client.clone();
    let results = LocalResource::new(move || {
        let (q, p, f) = (query.get(), page.get(), filter.get());
        let client = searcher.clone();
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        inflight.update_value(|previous| {
            if let Some(old) = previous.take() {
                old.abort();
            }
            *previous = controller;
        });
        async move {
            client
                .search_service_accounts(&q, p, PER_PAGE, f, signal.as_ref())
                .await
        }
    });

    let action_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let run_action = {
        let client = client.clone();
        move |id: i64, patch: Option<ServiceAccountPatch>| {
            let client = client.clone();
            leptos::task::spawn_local(async move {
                let outcome = match patch {
                    Some(patch) => client.update_service_account(id, &patch).await.map(|_| ()),
                    None => client.delete_service_account(id).await.map(|_| ()),
                };
                match outcome {
                    Ok(()) => {
                        action_error.set(None);
                        results.refetch();
                    }
                    Err(e) => {
                        if !sign_in_again_if_needed(&e) {
                            action_error.set(Some(e.to_string()));
                        }
                    }
                }
            });
        }
    };
    let confirm = {
        let run_action = run_action.clone();
        move || {
            match pending.get_untracked() {
                Some(Pending::Delete(sa)) => run_action(sa.id, None),
                Some(Pending::ToggleDisabled(sa)) => run_action(
                    sa.id,
                    Some(ServiceAccountPatch {
                        is_disabled: Some(!sa.is_disabled),
                        ..Default::default()
                    }),
                ),
                None => {}
            }
            pending.set(None);
        }
    };
    let on_role_change = {
        let run_action = run_action.clone();
        move |(sa, role): (ServiceAccount, String)| {
            run_action(
                sa.id,
                Some(ServiceAccountPatch {
                    role: Some(role),
                    ..Default::default()
                }),
            )
        }
    };

    let data = move || results.get();
    let accounts = Signal::derive(move || match data() {
        Some(Ok(r)) => r.service_accounts,
        _ => Vec::new(),
    });
    let total = Signal::derive(move || match data() {
        Some(Ok(r)) => r.total_count,
        _ => 0,
    });
    let (go_filter, go_page) = (go, go);

    view! {
        <div class="lg-page-header">
            <div>
                <h1 class="lg-page__title">"Service accounts"</h1>
                <p class="lg-page__subtitle">
                    "Service accounts and their tokens can be used to authenticate against the Grafana API."
                </p>
            </div>
            <Show when=move || can_create.get()>
                <a class="lg-button lg-button--primary" href="/org/serviceaccounts/create">
                    "Add service account"
                </a>
            </Show>
        </div>
        <div class="lg-toolbar" role="search">
            <label class="lg-visually-hidden" for="sa-search">
                "Search service account by name"
            </label>
            <input
                id="sa-search"
                class="lg-input"
                type="search"
                placeholder="Search service account by name"
                prop:value=move || search_text.get()
                on:input:target=move |ev| {
                    let v = ev.target().value();
                    search_text.set(v.clone());
                    debounced_search(v);
                }
            />
            <div class="lg-radio-group" role="radiogroup" aria-label="Filter">
                {[
                    (ServiceAccountFilter::All, "All service accounts"),
                    (ServiceAccountFilter::ExpiredTokens, "With expired tokens"),
                    (ServiceAccountFilter::Disabled, "Disabled"),
                ]
                    .map(|(f, label)| {
                        let go = go_filter;
                        view! {
                            <button
                                type="button"
                                role="radio"
                                class="lg-button"
                                class:lg-button--primary=move || filter.get() == f
                                aria-checked=move || if filter.get() == f { "true" } else { "false" }
                                on:click=move |_| go(query.get_untracked(), 1, f)
                            >
                                {label}
                            </button>
                        }
                    })}
            </div>
        </div>
        {move || action_error.get().map(|e| view! { <Alert severity=Severity::Error title=e /> })}
        <Transition fallback=|| view! { <p role="status">"Loading service accounts…"</p> }>
            {move || {
                Suspend::new(async move {
                    match results.await {
                        Err(ApiError::Aborted) => ().into_any(),
                        Err(e) => {
                            sign_in_again_if_needed(&e);
                            view! { <Alert severity=Severity::Error title=e.to_string() /> }.into_any()
                        }
                        Ok(ServiceAccountSearch { total_count: 0, .. })
                            if query.get_untracked().is_empty() && filter.get_untracked() == ServiceAccountFilter::All => {
                            view! {
                                <div class="lg-panel lg-empty">
                                    <p>"You haven't created any service accounts yet"</p>
                                    <a class="lg-button lg-button--primary" href="/org/serviceaccounts/create">
                                        "Add service account"
                                    </a>
                                </div>
                            }
                                .into_any()
                        }
                        Ok(ServiceAccountSearch { total_count: 0, .. }) => {
                            view! { <p class="lg-empty" role="status">"No service accounts found"</p> }.into_any()
                        }
                        Ok(_) => ().into_any(),
                    }
                })
            }}
        </Transition>
        <Show when=move || { total.get() > 0 }>
            <ServiceAccountsTable
                accounts=accounts
                expired_tokens=Signal::derive(move || filter.get() == ServiceAccountFilter::ExpiredTokens)
                on_role_change=on_role_change.clone()
                on_toggle_disabled=move |sa| pending.set(Some(Pending::ToggleDisabled(sa)))
                on_delete=move |sa| pending.set(Some(Pending::Delete(sa)))
            />
        </Show>
        <p class="lg-field__description" role="status">
            {move || {
                shown_range(page.get(), PER_PAGE, total.get())
                    .map(|(a, b)| format!("Showing {a}–{b} of {}", total.get()))
            }}
        </p>
        <Pagination
            current_page=page
            number_of_pages=Signal::derive(move || total_pages(total.get(), PER_PAGE))
            on_navigate=move |p| go_page(query.get_untracked(), p, filter.get_untracked())
        />
        <ConfirmModal
            open=Signal::derive(move || pending.with(Option::is_some))
            title=""
            body=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(sa)) => format!("Are you sure you want to delete {}?", sa.name),
                Some(Pending::ToggleDisabled(sa)) if sa.is_disabled => format!("Are you sure you want to enable {}?", sa.name),
                Some(Pending::ToggleDisabled(sa)) => format!("Are you sure you want to disable {}?", sa.name),
                None => String::new(),
            })
            confirm_text=""
            confirm_label=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(_)) => "Delete".to_owned(),
                Some(Pending::ToggleDisabled(sa)) if sa.is_disabled => "Enable".to_owned(),
                _ => "Disable".to_owned(),
            })
            title_text=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(_)) => "Delete service account".to_owned(),
                Some(Pending::ToggleDisabled(sa)) if sa.is_disabled => "Enable service account".to_owned(),
                _ => "Disable service account".to_owned(),
            })
            on_confirm=move |_| confirm()
            on_dismiss=move |_| pending.set(None)
        />
    }
}
