//! What the search says when there are no rows to show: loading (for screen readers),
//! the server's error, Grafana's "You haven't created any service accounts yet" with
//! **Add service account**, or "No service accounts found".

use crate::api::{ApiError, ServiceAccountFilter, ServiceAccountSearch};
use crate::components::{Alert, Link, Severity};
use crate::model::list_query::ListQuery;
use crate::pages::SectionNav;
use leptos::prelude::*;

/// The search's status, from its answer.
#[component]
pub fn SearchStatus(
    /// The search's answer.
    results: LocalResource<Result<ServiceAccountSearch, ApiError>>,
    /// What is listed (an empty list with no search and no filter is "none yet").
    state: Memo<ListQuery>,
    /// Where the section is (a lost session signs in again).
    nav: SectionNav,
) -> impl IntoView {
    view! {
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
    }
}
