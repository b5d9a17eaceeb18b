//! The Permissions tab: who may administer the account (people with Edit or Admin),
//! through [`crate::components::Permissions`]; the requests are the page's.

use crate::api::{ApiClient, OrgUserLookup, ResourcePermission};
use crate::components::{Alert, ErrorAlert, Permissions, Severity};
use crate::pages::SectionNav;
use leptos::prelude::*;

/// The Permissions tab: loads the account's permissions and the people to choose from,
/// sets and removes levels, and shows the server's message on failure.
#[component]
pub fn PermissionsTab(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// The account's numeric id.
    id: i64,
    /// The user may change permissions.
    can_set: bool,
) -> impl IntoView {
    let c1 = client.clone();
    let entries = LocalResource::new(move || {
        let c = c1.clone();
        async move { c.service_account_permissions(id).await }
    });
    let c2 = client.clone();
    let people = LocalResource::new(move || {
        let c = c2.clone();
        async move {
            if can_set {
                c.lookup_org_users("", 100).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let set = {
        let client = client.clone();
        move |user_id: i64, level: String| {
            let client = client.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                match client
                    .set_service_account_user_permission(id, user_id, &level)
                    .await
                {
                    Ok(_) => {
                        error.set(None);
                        entries.refetch();
                    }
                    Err(e) => {
                        if !nav.sign_in_again_if_needed(&e) {
                            error.set(Some(e.to_string()));
                        }
                    }
                }
                busy.set(false);
            });
        }
    };
    let on_set = {
        let set = set.clone();
        move |(user_id, level): (i64, String)| set(user_id, level)
    };
    let on_remove = move |p: ResourcePermission| {
        if let Some(user_id) = p.user_id {
            set(user_id, String::new());
        }
    };
    let listed = Signal::derive(move || match entries.get() {
        Some(Ok(list)) => list,
        _ => Vec::new(),
    });
    let choices = Signal::derive(move || match people.get() {
        Some(Ok(list)) => list,
        _ => Vec::<OrgUserLookup>::new(),
    });
    view! {
        <section class="lg-panel" aria-labelledby="sa-permissions">
            <h3 id="sa-permissions">"Permissions"</h3>
            <p class="lg-field__description">
                "People with Edit may change this service account and its tokens; Admin may also delete it and change these permissions. Org admins always may."
            </p>
            <ErrorAlert error />
            {move || match entries.get() {
                None => Some(view! { <p role="status">"Loading permissions…"</p> }.into_any()),
                Some(Err(e)) => Some(view! { <Alert severity=Severity::Error title=e.to_string() /> }.into_any()),
                Some(Ok(_)) => None,
            }}
            <Permissions
                entries=listed
                people=choices
                can_set=can_set
                busy=busy
                on_set=on_set
                on_remove=on_remove
            />
        </section>
    }
}
