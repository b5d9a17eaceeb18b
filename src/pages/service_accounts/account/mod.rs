//! `…/:uid/information|tokens|permissions`: one service account as Grafana 13's page
//! with tabs, each its own URL. **Information**: numerical identifier, editable name,
//! login, role, creation date, "Used by" for a managed account; Delete / Disable /
//! Enable. **Tokens**: the tokens table, Add service account token (key shown once),
//! delete, revert to an API key where the server offers it. **Permissions**: who may
//! administer the account (people with Edit or Admin). Managed (plugin) accounts are
//! read-only. The account is addressed by uid, or by its numeric id.

mod confirmation;
mod header;
mod information;
mod permissions_tab;
mod requests;
mod tokens;

use crate::api::{ApiClient, ApiError, ServiceAccount};
use crate::components::{Alert, ErrorAlert, Link, Severity, Tab, TabsBar};
use crate::model::location::AccountTab;
use crate::pages::{LoadedPage, SectionNav};
use confirmation::{AccountConfirmation, Pending};
use header::AccountHeader;
use information::Information;
use leptos::prelude::*;
use permissions_tab::PermissionsTab;
use requests::AccountRequests;
use tokens::Tokens;

/// Grafana's words for a managed account (the lock's tooltip and the page's notice).
pub const MANAGED_TEXT: &str = "This is a managed service account and cannot be modified";

/// The account page for the route's `:uid` (or numeric id) and tab. An account the server
/// does not know shows the server's "not found".
#[component]
pub fn ServiceAccountPage(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// The route's `:uid` (or `:id`).
    #[prop(into)]
    id: String,
    /// The tab the route names (the section's memo: it outlives this page).
    tab: Memo<AccountTab>,
) -> impl IntoView {
    let c1 = client.clone();
    let account = LocalResource::new(move || {
        let c = c1.clone();
        let id = id.clone();
        async move { c.get_service_account(id).await }
    });
    view! {
        <LoadedPage
            loading="Loading service account…"
            title="Service account"
            resource=account
            on_error=move |e: ApiError| {
                nav.sign_in_again_if_needed(&e);
            }
            back=|| view! { <Link to="">"Back to service accounts"</Link> }
            let:sa
        >
            <AccountView client=client.clone() nav sa tab />
        </LoadedPage>
    }
}

/// One loaded account: the header, the page's error, the tabs and the current tab's
/// panel, and the confirmation its destructive actions ask for.
#[component]
fn AccountView(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// The account as loaded.
    sa: ServiceAccount,
    /// The tab the route names.
    tab: Memo<AccountTab>,
) -> impl IntoView {
    let id = sa.id;
    let path = if sa.uid.is_empty() {
        format!("/{id}")
    } else {
        format!("/{}", sa.uid)
    };
    let can_write = sa.allows("serviceaccounts:write");
    let can_delete = sa.allows("serviceaccounts:delete");
    let can_read_permissions = sa.allows("serviceaccounts.permissions:read");
    let can_write_permissions = sa.allows("serviceaccounts.permissions:write");
    let account = RwSignal::new(sa);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);

    let c2 = client.clone();
    let tokens = LocalResource::new(move || {
        let c = c2.clone();
        async move { c.list_service_account_tokens(id).await }
    });
    let requests = AccountRequests::new(client.clone(), nav, id, account, error, pending, tokens);
    let tabs = account_tabs(path, account, tab, can_read_permissions);

    let content = move || {
        match tab.get() {
            // Moving to another account's tab drops this page in the same update that
            // changes the tab: then there is nothing left to render here.
            _ if account.is_disposed() => ().into_any(),
            AccountTab::Information => view! {
                <Information account can_write can_delete patch=requests.patch pending />
            }
            .into_any(),
            AccountTab::Tokens => view! {
                <Tokens client=client.clone() nav account tokens can_write can_delete pending />
            }
            .into_any(),
            AccountTab::Permissions if can_read_permissions => view! {
                <PermissionsTab client=client.clone() nav id can_set=can_write_permissions />
            }
            .into_any(),
            AccountTab::Permissions => view! {
                <Alert severity=Severity::Warning title="You do not have permission to see who may administer this service account" />
            }
            .into_any(),
        }
    };

    view! {
        <AccountHeader account />
        <ErrorAlert error />
        <TabsBar label="Service account" tabs=tabs />
        <div role="tabpanel" aria-label=move || tab.get().title()>
            {content}
        </div>
        <AccountConfirmation pending account on_confirm=requests.confirm />
    }
}

/// The tabs, each its own URL under the account's `path`: Permissions only for an
/// unmanaged account whose permissions the user may read.
fn account_tabs(
    path: String,
    account: RwSignal<ServiceAccount>,
    tab: Memo<AccountTab>,
    can_read_permissions: bool,
) -> Signal<Vec<Tab>> {
    Signal::derive(move || {
        let managed = account.with(|a| a.is_external);
        AccountTab::ALL
            .into_iter()
            .filter(|t| *t != AccountTab::Permissions || (!managed && can_read_permissions))
            .map(|t| Tab {
                title: t.title().to_owned(),
                to: format!("{path}/{}", t.segment()),
                active: tab.get() == t,
            })
            .collect::<Vec<_>>()
    })
}
