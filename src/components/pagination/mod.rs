//! `Pagination`: previous / numbered pages / next, hidden when there is one page.

use crate::components::mount_theme;
use leptos::prelude::*;

/// The page numbers to show around `current` (1-based): first, last, and a window of
/// two either side; `None` stands for an ellipsis.
pub fn page_items(current: i64, pages: i64) -> Vec<Option<i64>> {
    let mut items = Vec::new();
    let mut last_shown = 0;
    for p in 1..=pages.max(1) {
        if p == 1 || p == pages || (p - current).abs() <= 2 {
            if p - last_shown > 1 {
                items.push(None);
            }
            items.push(Some(p));
            last_shown = p;
        }
    }
    items
}

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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::page_items;

    #[test]
    fn windows_with_ellipses() {
        assert_eq!(page_items(1, 1), [Some(1)]);
        assert_eq!(page_items(1, 4), [Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            page_items(10, 20),
            [
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
    }
}
