//! `LoadFailed`: what a page shows when its data did not load: the page's title and the
//! server's message, with a way back.

use crate::components::{Alert, Severity};
use leptos::prelude::*;

/// The page's `title`, then `error` in an alert holding the way back (`children`).
#[component]
pub fn LoadFailed(
    /// The page's title.
    title: &'static str,
    /// The server's message.
    error: String,
    /// The way back (a link).
    children: Children,
) -> impl IntoView {
    view! {
        <h1 class="lg-page__title">{title}</h1>
        <Alert severity=Severity::Error title=error>
            {children()}
        </Alert>
    }
}
