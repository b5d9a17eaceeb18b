//! `Pagination`: previous / numbered pages / next, hidden when there is one page.

use crate::components::mount_theme;
use crate::model::paging::page_items;
use leptos::prelude::*;

/// Page navigation for a list.
#[component]
pub fn Pagination(
    /// Current page (1-based).
    #[prop(into)]
    current_page: Signal<i64>,
    /// Number of pages.
    #[prop(into)]
    number_of_pages: Signal<i64>,
    /// Called with the page to show.
    #[prop(into)]
    on_navigate: Callback<i64>,
) -> impl IntoView {
    mount_theme();
    move || {
        let (current, pages) = (current_page.get(), number_of_pages.get());
        (pages > 1).then(|| {
            let items = page_items(current, pages)
                .into_iter()
                .map(|item| match item {
                    Some(p) => view! {
                        <li>
                            <button
                                type="button"
                                class="lg-button"
                                class:lg-button--primary={p == current}
                                aria-current=(p == current).then_some("page")
                                aria-label=format!("Page {p}")
                                on:click=move |_| on_navigate.run(p)
                            >
                                {p}
                            </button>
                        </li>
                    }
                    .into_any(),
                    None => view! { <li aria-hidden="true">"…"</li> }.into_any(),
                })
                .collect::<Vec<_>>();
            view! {
                <nav class="lg-pagination" aria-label="Pagination">
                    <ul>
                        <li>
                            <button
                                type="button"
                                class="lg-button"
                                aria-label="Previous page"
                                disabled={current <= 1}
                                on:click=move |_| on_navigate.run(current - 1)
                            >
                                "‹"
                            </button>
                        </li>
                        {items}
                        <li>
                            <button
                                type="button"
                                class="lg-button"
                                aria-label="Next page"
                                disabled={current >= pages}
                                on:click=move |_| on_navigate.run(current + 1)
                            >
                                "›"
                            </button>
                        </li>
                    </ul>
                </nav>
            }
        })
    }
}
