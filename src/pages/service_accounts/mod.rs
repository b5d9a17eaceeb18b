//! Grafana's service-account pages as one section that any router can host: the list
//! (`…`), **Create service account** (`…/create`) and one account with its tabs
//! (`…/:uid/information|tokens|permissions`), below a base
//! path that the host chooses (`/org/serviceaccounts` in the standalone app,
//! `/a/<plugin-id>/…` in a Grafana app plugin page). See [`SectionNav`].

mod account;
mod add_token;
mod create;
mod list;

pub use account::ServiceAccountPage;
pub use create::CreateServiceAccountPage;
pub use list::ServiceAccountsPage;

use super::SectionNav;
use crate::api::ApiClient;
use crate::components::{mount_style, mount_theme};
use crate::model::location::{AccountTab, ServiceAccountsRoute};
use leptos::prelude::*;

/// The whole section: picks the page from the host's location.
///
/// `can_create` shows **Add service account**; when the host does not say, the section
/// asks the API whether the signed-in user is an org Admin (Grafana's default holder of
/// `serviceaccounts:create`). The server enforces it either way.
#[component]
pub fn ServiceAccountsSection(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// Whether the user may create service accounts, when the host knows.
    #[prop(default = None)]
    can_create: Option<Signal<bool>>,
) -> impl IntoView {
    mount_theme();
    mount_pages_style();
    provide_context(nav.links());
    let can_create = can_create.unwrap_or_else(|| {
        let c = client.clone();
        let orgs = LocalResource::new(move || {
            let c = c.clone();
            async move { c.current_user_orgs().await }
        });
        Signal::derive(
            move || matches!(orgs.get(), Some(Ok(orgs)) if orgs.iter().any(|o| o.role == "Admin")),
        )
    });
    let route = Memo::new(move |_| {
        nav.location()
            .with(|l| ServiceAccountsRoute::parse(&l.pathname, &nav.base_path()))
    });
    // The page is rebuilt when the route names another page (or account); moving between
    // one account's tabs only changes `tab`.
    let page_key = Memo::new(move |_| match route.get() {
        ServiceAccountsRoute::Account(id, _) => {
            ServiceAccountsRoute::Account(id, AccountTab::Information)
        }
        other => other,
    });
    // Leaving the account keeps the last tab: the account page is being dropped then, and
    // must not be told about a tab change while it goes.
    let tab = Memo::new(move |previous: Option<&AccountTab>| match route.get() {
        ServiceAccountsRoute::Account(_, tab) => tab,
        _ => previous.copied().unwrap_or(AccountTab::Information),
    });
    let page = move || {
        let client = client.clone();
        match page_key.get() {
            ServiceAccountsRoute::List => {
                view! { <ServiceAccountsPage client nav can_create /> }.into_any()
            }
            ServiceAccountsRoute::Create => {
                view! { <CreateServiceAccountPage client nav /> }.into_any()
            }
            ServiceAccountsRoute::Account(id, _) => {
                view! { <ServiceAccountPage client nav id tab=tab /> }.into_any()
            }
            ServiceAccountsRoute::NotFound => view! {
                <h1 class="lg-page__title">"Page not found"</h1>
                <p class="lg-page__subtitle">
                    <crate::components::Link to="">"Back to service accounts"</crate::components::Link>
                </p>
            }
            .into_any(),
        }
    };
    view! { <div class="lg-page lg-service-accounts">{page}</div> }
}

/// Puts the pages' shared styles (titles, panels, toolbars, tables) into `<head>` once.
pub fn mount_pages_style() {
    mount_style("lg-pages", include_str!("../../../style/pages.css"));
}
