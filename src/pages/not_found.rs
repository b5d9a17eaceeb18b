//! The page for a route the app does not know.

use leptos::prelude::*;

/// "Page not found", with a link home.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 class="lg-page__title">"Page not found"</h1>
        <p class="lg-page__subtitle">
            "There is no page at this address. " <a href="/">"Go to the start page"</a>
        </p>
    }
}
