//! The service-account list (the section's root): debounced search, filter (All / With
//! expired tokens / Disabled, and Managed when plugin-managed accounts exist) and page,
//! all kept in the host's URL (`?query=…&page=…&filter=…`) so Back, reload and a shared
//! address give the same list; skeleton rows while a page loads; inline role changes,
//! **Add token** on a row without tokens, Enable, and Disable and Delete behind
//! confirmations (Delete names how many tokens go with the account). Older searches are
//! aborted so a slow answer can never replace a newer one.

mod actions;
mod confirmation;
mod filter_bar;
mod header;
mod search_status;
mod table_area;

use super::add_token::AddTokenDialog;
use crate::api::{ApiClient, ApiError, ServiceAccount, ServiceAccountFilter, ServiceAccountSearch};
use crate::components::service_accounts_table::RowCallbacks;
use crate::components::ErrorAlert;
use crate::model::list_query::{ListQuery, PER_PAGE};
use crate::pages::SectionNav;
use actions::ListActions;
use confirmation::{ListConfirmation, Pending};
use filter_bar::FilterBar;
use header::ListHeader;
use leptos::prelude::*;
use leptos_use::use_debounce_fn_with_arg;
use search_status::SearchStatus;
use table_area::TableArea;
use web_sys::AbortController;

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
    let results = search(client.clone(), state);
    let show_managed = managed_filter_offered(client.clone(), state);
    let add_token_target = RwSignal::new(None::<ServiceAccount>);
    let action_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let actions = ListActions::new(client.clone(), nav, results, action_error, pending);
    let on_filter = move |f: ServiceAccountFilter| {
        if state.get_untracked().filter != f {
            go(
                ListQuery {
                    query: search_text.get_untracked(),
                    page: 1,
                    filter: f,
                },
                false,
            );
        }
    };

    view! {
        <ListHeader can_create />
        <FilterBar
            search_text
            filter=Signal::derive(move || state.with(|s| s.filter))
            show_managed
            on_search=move |v: String| {
                debounced_search(v);
            }
            on_filter=on_filter
        />
        <ErrorAlert error=action_error />
        <SearchStatus results state nav />
        <TableArea
            results
            state
            row_callbacks=RowCallbacks {
                on_role_change: actions.change_role,
                on_toggle_disabled: actions.toggle_disabled,
                on_delete: Callback::new(move |sa| pending.set(Some(Pending::Delete(sa)))),
            }
            on_add_token=move |sa| add_token_target.set(Some(sa))
            on_navigate=move |p| go(ListQuery { page: p, ..state.get_untracked() }, false)
        />
        <ListConfirmation pending on_confirm=actions.confirm />
        <AddTokenDialog client=client.clone() nav target=add_token_target on_created=move |_| results.refetch() />
    }
}

/// The search for `state`, again whenever it changes. Each new search aborts the one
/// before, so a slow answer can never replace a newer one.
fn search(
    client: ApiClient,
    state: Memo<ListQuery>,
) -> LocalResource<Result<ServiceAccountSearch, ApiError>> {
    let inflight = StoredValue::new_local(None::<AbortController>);
    LocalResource::new(move || {
        let ListQuery {
            query: q,
            page: p,
            filter: f,
        } = state.get();
        let client = client.clone();
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
    })
}

/// Whether the Managed filter is offered: some plugin-managed account exists, or the
/// URL already asks for it.
fn managed_filter_offered(client: ApiClient, state: Memo<ListQuery>) -> Signal<bool> {
    let managed_exist = LocalResource::new(move || {
        let client = client.clone();
        async move {
            client
                .search_service_accounts("", 1, 1, ServiceAccountFilter::Managed, None)
                .await
                .map(|r| r.total_count > 0)
                .unwrap_or(false)
        }
    });
    Signal::derive(move || {
        managed_exist.get().unwrap_or(false)
            || state.with(|s| s.filter == ServiceAccountFilter::Managed)
    })
}
