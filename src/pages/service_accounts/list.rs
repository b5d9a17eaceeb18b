//! The service-account list (the section's root): debounced search, filter (All / With
//! expired tokens / Disabled, and Managed when plugin-managed accounts exist) and page,
//! all kept in the host's URL (`?query=…&page=…&filter=…`) so Back, reload and a shared
//! address give the same list; skeleton rows while a page loads; inline role changes,
//! **Add token** on a row without tokens, Enable, and Disable and Delete behind
//! confirmations (Delete names how many tokens go with the account). Older searches are
//! aborted so a slow answer can never replace a newer one.

use super::add_token::AddTokenDialog;
use crate::api::{
    ApiClient, ApiError, ServiceAccount, ServiceAccountFilter, ServiceAccountPatch,
    ServiceAccountSearch,
};
use crate::components::{Alert, ConfirmModal, Link, Pagination, ServiceAccountsTable, Severity};
use crate::model::location::{query_string, HostLocation};
use crate::model::paging::{shown_range, total_pages};
use crate::pages::SectionNav;
use leptos::prelude::*;
use leptos_use::use_debounce_fn_with_arg;
use web_sys::AbortController;

/// Accounts per page.
pub const PER_PAGE: i64 = 30;

/// What the list shows, as the URL keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ListQuery {
    query: String,
    page: i64,
    filter: ServiceAccountFilter,
}

impl ListQuery {
    fn from_location(l: &HostLocation) -> Self {
        Self {
            query: l.query("query").unwrap_or_default(),
            page: l
                .query("page")
                .and_then(|p| p.parse::<i64>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
            filter: match l.query("filter").as_deref() {
                Some("expired") => ServiceAccountFilter::ExpiredTokens,
                Some("disabled") => ServiceAccountFilter::Disabled,
                Some("managed") => ServiceAccountFilter::Managed,
                _ => ServiceAccountFilter::All,
            },
        }
    }

    /// `?query=…&page=…&filter=…` with only what differs from the defaults (`""` when
    /// nothing does).
    fn to_search(&self) -> String {
        let page = self.page.to_string();
        let mut pairs = Vec::new();
        if !self.query.is_empty() {
            pairs.push(("query", self.query.as_str()));
        }
        if self.page > 1 {
            pairs.push(("page", page.as_str()));
        }
        match self.filter {
            ServiceAccountFilter::All => {}
            ServiceAccountFilter::ExpiredTokens => pairs.push(("filter", "expired")),
            ServiceAccountFilter::Disabled => pairs.push(("filter", "disabled")),
            ServiceAccountFilter::Managed => pairs.push(("filter", "managed")),
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", query_string(&pairs))
        }
    }
}

/// A confirmation the page is asking for.
#[derive(Clone)]
enum Pending {
    Delete(ServiceAccount),
    Disable(ServiceAccount),
}

/// The list page.
#[component]
pub fn ServiceAccountsPage(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// Show **Add service account** (the caller may `serviceaccounts:create`).
    #[prop(into)]
    can_create: Signal<bool>,
) -> impl IntoView {
    // The URL is the one source of what is listed: typing, paging and filtering navigate
    // (through the host's router), and Back or a shared address restore it.
    let state = Memo::new(move |_| nav.location().with(ListQuery::from_location));
    let search_text = RwSignal::new(state.with_untracked(|s| s.query.clone()));
    Effect::new(move |previous: Option<String>| {
        let committed = state.with(|s| s.query.clone());
        // Only a change of the URL's query (Back, a link) rewrites what is typed.
        if previous.is_some_and(|p| p != committed) && search_text.get_untracked() != committed {
            search_text.set(committed.clone());
        }
        committed
    });
    let go = move |next: ListQuery, replace: bool| {
        let to = next.to_search();
        if replace {
            nav.replace(&to)
        } else {
            nav.push(&to)
        }
    };
    // One search per burst of typing, 300 ms after the last keystroke.
    let debounced_search = use_debounce_fn_with_arg(
        move |q: String| {
            let current = state.get_untracked();
            if current.query != q {
                go(
                    ListQuery {
                        query: q,
                        page: 1,
                        ..current
                    },
                    true,
                );
            }
        },
        300.0,
    );

    let inflight = StoredValue::new_local(None::<AbortController>);
    let searcher = client.clone();
    let results = LocalResource::new(move || {
        let ListQuery {
            query: q,
            page: p,
            filter: f,
        } = state.get();
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

    // Whether any plugin-managed account exists (then the Managed filter is offered).
    let probe = client.clone();
    let managed_exist = LocalResource::new(move || {
        let client = probe.clone();
        async move {
            client
                .search_service_accounts("", 1, 1, ServiceAccountFilter::Managed, None)
                .await
                .map(|r| r.total_count > 0)
                .unwrap_or(false)
        }
    });
    let show_managed = Signal::derive(move || {
        managed_exist.get().unwrap_or(false)
            || state.with(|s| s.filter == ServiceAccountFilter::Managed)
    });
    let add_token_target = RwSignal::new(None::<ServiceAccount>);
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
                        if !nav.sign_in_again_if_needed(&e) {
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
                Some(Pending::Disable(sa)) => run_action(
                    sa.id,
                    Some(ServiceAccountPatch {
                        is_disabled: Some(true),
                        ..Default::default()
                    }),
                ),
                None => {}
            }
            pending.set(None);
        }
    };
    // Enable needs no confirmation (Grafana asks only before disabling).
    let on_toggle_disabled = {
        let run_action = run_action.clone();
        move |sa: ServiceAccount| {
            if sa.is_disabled {
                run_action(
                    sa.id,
                    Some(ServiceAccountPatch {
                        is_disabled: Some(false),
                        ..Default::default()
                    }),
                );
            } else {
                pending.set(Some(Pending::Disable(sa)));
            }
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
        <div class="lg-page-header">
            <div>
                <h1 class="lg-page__title">"Service accounts"</h1>
                <p class="lg-page__subtitle">
                    "Service accounts and their tokens can be used to authenticate against the Grafana API."
                </p>
            </div>
            <Show when=move || can_create.get()>
                <Link class="lg-button lg-button--primary" to="/create">
                    "Add service account"
                </Link>
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
                {move || [
                    (ServiceAccountFilter::All, "All"),
                    (ServiceAccountFilter::ExpiredTokens, "With expired tokens"),
                    (ServiceAccountFilter::Disabled, "Disabled"),
                    (ServiceAccountFilter::Managed, "Managed"),
                ]
                    .into_iter()
                    .filter(|(f, _)| *f != ServiceAccountFilter::Managed || show_managed.get())
                    .map(|(f, label)| {
                        let active = move || state.with(|s| s.filter == f);
                        view! {
                            <button
                                type="button"
                                role="radio"
                                class="lg-button"
                                class:lg-button--primary=active
                                aria-checked=move || if active() { "true" } else { "false" }
                                on:click=move |_| {
                                    let current = state.get_untracked();
                                    if current.filter != f {
                                        go(
                                            ListQuery {
                                                query: search_text.get_untracked(),
                                                page: 1,
                                                filter: f,
                                            },
                                            false,
                                        );
                                    }
                                }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
        {move || action_error.get().map(|e| view! { <Alert severity=Severity::Error title=e /> })}
        <Transition fallback=|| view! { <p class="lg-visually-hidden" role="status">"Loading service accounts…"</p> }>
            {move || {
                Suspend::new(async move {
                    match results.await {
                        Err(ApiError::Aborted) => ().into_any(),
                        Err(e) => {
                            nav.sign_in_again_if_needed(&e);
                            view! { <Alert severity=Severity::Error title=e.to_string() /> }.into_any()
                        }
                        Ok(ServiceAccountSearch { total_count: 0, .. })
                            if state.with_untracked(|s| s.query.is_empty() && s.filter == ServiceAccountFilter::All) => {
                            view! {
                                <div class="lg-panel lg-empty">
                                    <p>"You haven't created any service accounts yet"</p>
                                    <Link class="lg-button lg-button--primary" to="/create">
                                        "Add service account"
                                    </Link>
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
        <Show when=move || { total.get() > 0 || loading.get() }>
            <ServiceAccountsTable
                accounts=accounts
                loading=loading
                expired_tokens=Signal::derive(move || state.with(|s| s.filter == ServiceAccountFilter::ExpiredTokens))
                on_role_change=on_role_change.clone()
                on_toggle_disabled=on_toggle_disabled.clone()
                on_delete=move |sa| pending.set(Some(Pending::Delete(sa)))
                on_add_token=move |sa| add_token_target.set(Some(sa))
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
            on_navigate=move |p| go(ListQuery { page: p, ..state.get_untracked() }, false)
        />
        <ConfirmModal
            open=Signal::derive(move || pending.with(Option::is_some))
            title=""
            body=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(sa)) => delete_question(&sa),
                Some(Pending::Disable(sa)) => format!("Are you sure you want to disable '{}'?", sa.name),
                None => String::new(),
            })
            confirm_text=""
            confirm_label=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(_)) => "Delete".to_owned(),
                _ => "Disable service account".to_owned(),
            })
            title_text=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(_)) => "Delete service account".to_owned(),
                _ => "Disable service account".to_owned(),
            })
            on_confirm=move |_| confirm()
            on_dismiss=move |_| pending.set(None)
        />
        <AddTokenDialog client=client.clone() nav target=add_token_target on_created=move |_| results.refetch() />
    }
}

/// Grafana's delete question: it names how many tokens go with the account.
fn delete_question(sa: &ServiceAccount) -> String {
    if sa.tokens > 0 {
        format!(
            "Are you sure you want to delete {} and {} accompanying tokens?",
            sa.name, sa.tokens
        )
    } else {
        format!("Are you sure you want to delete {}?", sa.name)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_url_keeps_only_what_differs_from_the_defaults() {
        let q = ListQuery::from_location(&HostLocation::new("/x", ""));
        assert_eq!(
            q,
            ListQuery {
                query: String::new(),
                page: 1,
                filter: ServiceAccountFilter::All
            }
        );
        assert_eq!(q.to_search(), "");
        let q = ListQuery {
            query: "bot & co".into(),
            page: 3,
            filter: ServiceAccountFilter::Disabled,
        };
        assert_eq!(
            q.to_search(),
            "?query=bot%20%26%20co&page=3&filter=disabled"
        );
        assert_eq!(
            ListQuery::from_location(&HostLocation::parse(&format!("/x{}", q.to_search()))),
            q
        );
        for bad in ["page=0", "page=-4", "page=x", "page=99999999999999999999"] {
            assert_eq!(
                ListQuery::from_location(&HostLocation::new("/x", bad)).page,
                1,
                "{bad}"
            );
        }
    }
}
