//! The standalone app: header with theme switch, and the routes of [`crate::pages`].

use crate::api::ApiClient;
use crate::components::{mount_style, mount_theme};
use crate::pages::{
    mount_pages_style, ContractPlayground, DataSourcesPage, EditDataSourcePage, LoginPage,
    NotFound, SectionNav, ServiceAccountsSection,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

const THEME_KEY: &str = "leptos-grafana.theme";

/// Root component of the standalone app.
#[component]
pub fn App() -> impl IntoView {
    mount_theme();
    mount_pages_style();
    mount_style("lg-app", include_str!("../style/app.css"));
    let client = ApiClient::same_origin();
    let (c1, c2, c3, c4, c5) = (
        client.clone(),
        client.clone(),
        client.clone(),
        client.clone(),
        client.clone(),
    );
    view! {
        <Router>
            <header class="lg-app__header">
                <nav class="lg-app__nav" aria-label="Main">
                    <a class="lg-app__brand" href="/">
                        "leptos-grafana"
                    </a>
                    <A href="/datasources">"Data sources"</A>
                    <A href="/org/serviceaccounts">"Service accounts"</A>
                </nav>
                <div class="lg-app__user">
                    <UserMenu client=c1 />
                    <ThemeSwitch />
                </div>
            </header>
            <main class="lg-app__main lg-page" id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=ContractPlayground />
                    <Route path=path!("/login") view=move || view! { <LoginPage client=c2.clone() /> } />
                    <Route path=path!("/datasources") view=move || view! { <DataSourcesPage client=c3.clone() /> } />
                    <Route
                        path=path!("/org/serviceaccounts/*rest")
                        view=move || view! { <StandaloneServiceAccounts client=c5.clone() /> }
                    />
                    <Route
                        path=path!("/datasources/edit/:uid")
                        view=move || view! { <EditDataSourcePage client=c4.clone() /> }
                    />
                </Routes>
            </main>
        </Router>
    }
}

/// The service-account section under the app's router at `/org/serviceaccounts`.
#[component]
fn StandaloneServiceAccounts(client: ApiClient) -> impl IntoView {
    let nav = SectionNav::standalone("/org/serviceaccounts");
    // Only ask who may create accounts when signed in; a 401 here would be noise.
    let can_create = (!crate::pages::session::has_session()).then(|| Signal::stored(false));
    view! { <ServiceAccountsSection client nav can_create=can_create /> }
}

/// Who is signed in, with **Sign out**; or a **Sign in** link.
#[component]
pub fn UserMenu(
    /// Where the API is.
    client: ApiClient,
) -> impl IntoView {
    let user = LocalResource::new(move || {
        let c = client.clone();
        async move {
            if crate::pages::session::has_session() {
                c.current_user().await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    move || match user.get() {
        Some(Ok(Some(u))) => view! {
            <span>"Signed in as " <strong>{u.login}</strong></span>
            <a class="lg-button" href="/logout" rel="external">
                "Sign out"
            </a>
        }
        .into_any(),
        Some(Ok(None) | Err(_)) => view! {
            <a class="lg-button" href=crate::pages::session::login_url()>
                "Sign in"
            </a>
        }
        .into_any(),
        None => ().into_any(),
    }
}

/// A button that switches between Grafana's light and dark themes. Until a theme is
/// chosen, the app follows the operating system's preference (`prefers-color-scheme`, as
/// Grafana's default "system" theme does); a choice is remembered in local storage (the
/// only thing the app ever stores there).
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let stored = stored_theme();
    let dark = RwSignal::new(match stored.as_deref() {
        Some(theme) => theme == "dark",
        None => system_prefers_dark(),
    });
    if let Some(theme) = stored.as_deref() {
        set_theme_attribute(theme);
    }
    let choose = move |_| {
        dark.update(|d| *d = !*d);
        apply_theme(if dark.get_untracked() {
            "dark"
        } else {
            "light"
        });
    };
    view! {
        <button
            type="button"
            class="lg-button"
            aria-pressed=move || if dark.get() { "true" } else { "false" }
            on:click=choose
        >
            "Dark theme"
        </button>
    }
}

/// Whether the operating system asks for a dark theme.
fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn stored_theme() -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(THEME_KEY)
        .ok()?
        .filter(|t| t == "dark" || t == "light")
}

fn set_theme_attribute(theme: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme);
    }
}

/// A chosen theme: shown at once and remembered.
fn apply_theme(theme: &str) {
    set_theme_attribute(theme);
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(THEME_KEY, theme);
    }
}

/// Records on `<html data-build="…">` whether this is a release or a debug build, so the
/// end-to-end tests can check that they test what `make run` ships.
pub fn mark_build_profile() {
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-build", profile);
    }
}
