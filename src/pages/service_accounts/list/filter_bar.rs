//! The list's filter bar (Grafana's search box and filter radio group): the search text
//! as typed, and All / With expired tokens / Disabled, plus Managed when offered.

use crate::api::ServiceAccountFilter;
use leptos::prelude::*;

/// The filters in Grafana's order, with their labels.
const FILTERS: [(ServiceAccountFilter, &str); 4] = [
    (ServiceAccountFilter::All, "All"),
    (ServiceAccountFilter::ExpiredTokens, "With expired tokens"),
    (ServiceAccountFilter::Disabled, "Disabled"),
    (ServiceAccountFilter::Managed, "Managed"),
];

/// The search box and the filter buttons.
#[component]
pub fn FilterBar(
    /// What is typed in the search box (the bar writes it as the user types).
    search_text: RwSignal<String>,
    /// The filter the list shows.
    filter: Signal<ServiceAccountFilter>,
    /// Offer the Managed filter.
    show_managed: Signal<bool>,
    /// The search text changed (on each keystroke).
    #[prop(into)]
    on_search: Callback<String>,
    /// A filter button was pressed.
    #[prop(into)]
    on_filter: Callback<ServiceAccountFilter>,
) -> impl IntoView {
    view! {
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
                    on_search.run(v);
                }
            />
            <div class="lg-radio-group" role="radiogroup" aria-label="Filter">
                {move || FILTERS
                    .into_iter()
                    .filter(|(f, _)| *f != ServiceAccountFilter::Managed || show_managed.get())
                    .map(|(f, label)| {
                        let active = move || filter.get() == f;
                        view! {
                            <button
                                type="button"
                                role="radio"
                                class="lg-button"
                                class:lg-button--primary=active
                                aria-checked=move || if active() { "true" } else { "false" }
                                on:click=move |_| on_filter.run(f)
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}
