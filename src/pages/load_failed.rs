//! `LoadedPage`: a page whose data loads first: a status line while it loads, then the
//! page; or, when it did not load, `LoadFailed`: the page's title and the server's
//! message, with a way back.

use crate::api::ApiError;
use crate::components::{Alert, Severity};
use leptos::prelude::*;

/// `resource`'s page: `loading` until it answers, then `children` with the value. An
/// error goes to `on_error` (the sign-in check), then shows as [`LoadFailed`].
#[component]
pub fn LoadedPage<T, F, V>(
    /// The status line while loading ("Loading data source…").
    loading: &'static str,
    /// The page's title when loading failed.
    title: &'static str,
    /// The page's data.
    resource: LocalResource<Result<T, ApiError>>,
    /// Called with a loading error before it is shown.
    #[prop(into)]
    on_error: Callback<ApiError>,
    /// The way back shown with a loading error (a link).
    #[prop(into)]
    back: ViewFn,
    /// The page, given the loaded value.
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=move || view! { <p role="status">{loading}</p> }>
            {move || {
                let (page, back) = (children.clone(), back.clone());
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => page(value).into_any(),
                        Err(e) => {
                            on_error.run(e.clone());
                            view! { <LoadFailed title error=e.to_string()>{back.run()}</LoadFailed> }
                                .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

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
