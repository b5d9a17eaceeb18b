//! The list page's header: title, Grafana's subtitle and **Add service account**.

use crate::components::Link;
use leptos::prelude::*;

/// The header; **Add service account** only when `can_create`.
#[component]
pub fn ListHeader(
    /// Show **Add service account**.
    can_create: Signal<bool>,
) -> impl IntoView {
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
    }
}
