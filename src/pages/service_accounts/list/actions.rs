//! What the list's row actions do: change a role, Enable, and Disable or Delete once
//! confirmed. Each is one request; then the list reloads, or the server's message shows
//! above it.

use super::confirmation::Pending;
use crate::api::{ApiClient, ApiError, ServiceAccount, ServiceAccountPatch, ServiceAccountSearch};
use crate::pages::SectionNav;
use leptos::prelude::*;

/// The actions, as callbacks for the table and the confirmation.
#[derive(Clone, Copy)]
pub struct ListActions {
    /// Runs what `pending` asks for (then clears it).
    pub confirm: Callback<()>,
    /// Enable runs at once; Disable asks first (Grafana asks only before disabling).
    pub toggle_disabled: Callback<ServiceAccount>,
    /// Sets an account's role.
    pub change_role: Callback<(ServiceAccount, String)>,
}

impl ListActions {
    /// The actions of the list that `results` shows; failures go to `error`.
    pub fn new(
        client: ApiClient,
        nav: SectionNav,
        results: LocalResource<Result<ServiceAccountSearch, ApiError>>,
        error: RwSignal<Option<String>>,
        pending: RwSignal<Option<Pending>>,
    ) -> Self {
        // A patch, or `None` for delete.
        let run = Callback::new(move |(id, patch): (i64, Option<ServiceAccountPatch>)| {
            let client = client.clone();
            leptos::task::spawn_local(async move {
                let outcome = match patch {
                    Some(patch) => client.update_service_account(id, &patch).await.map(|_| ()),
                    None => client.delete_service_account(id).await.map(|_| ()),
                };
                match outcome {
                    Ok(()) => {
                        error.set(None);
                        results.refetch();
                    }
                    Err(e) => {
                        if !nav.sign_in_again_if_needed(&e) {
                            error.set(Some(e.to_string()));
                        }
                    }
                }
            });
        });
        Self {
            confirm: Callback::new(move |()| {
                match pending.get_untracked() {
                    Some(Pending::Delete(sa)) => run.run((sa.id, None)),
                    Some(Pending::Disable(sa)) => {
                        run.run((sa.id, Some(ServiceAccountPatch::IsDisabled(true))))
                    }
                    None => {}
                }
                pending.set(None);
            }),
            toggle_disabled: Callback::new(move |sa: ServiceAccount| {
                if sa.is_disabled {
                    run.run((sa.id, Some(ServiceAccountPatch::IsDisabled(false))));
                } else {
                    pending.set(Some(Pending::Disable(sa)));
                }
            }),
            change_role: Callback::new(move |(sa, role): (ServiceAccount, String)| {
                run.run((sa.id, Some(ServiceAccountPatch::Role(role))))
            }),
        }
    }
}
