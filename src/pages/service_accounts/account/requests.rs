//! What the account page asks the server: a patch (name, role, Enable, Disable), and
//! what a confirmation settles (delete the account or a token, revert to an API key).
//! Failures show as the page's error; a lost session signs in again.

use super::confirmation::Pending;
use crate::api::{ApiClient, ApiError, ServiceAccount, ServiceAccountPatch, TokenDto};
use crate::pages::SectionNav;
use leptos::prelude::*;

/// The page's requests, as callbacks for its tabs and its confirmation.
#[derive(Clone, Copy)]
pub struct AccountRequests {
    /// Sends a patch; the answer updates the account shown.
    pub patch: Callback<ServiceAccountPatch>,
    /// Runs what `pending` asks for (and clears it).
    pub confirm: Callback<()>,
}

impl AccountRequests {
    /// The requests for account `id`.
    pub fn new(
        client: ApiClient,
        nav: SectionNav,
        id: i64,
        account: RwSignal<ServiceAccount>,
        error: RwSignal<Option<String>>,
        pending: RwSignal<Option<Pending>>,
        tokens: LocalResource<Result<Vec<TokenDto>, ApiError>>,
    ) -> Self {
        let patch = {
            let client = client.clone();
            Callback::new(move |p: ServiceAccountPatch| {
                let client = client.clone();
                leptos::task::spawn_local(async move {
                    match client.update_service_account(id, &p).await {
                        Ok(updated) => {
                            account.update(|a| {
                                a.name = updated.serviceaccount.name;
                                a.role = updated.serviceaccount.role;
                                a.is_disabled = updated.serviceaccount.is_disabled;
                            });
                            error.set(None);
                        }
                        Err(e) => {
                            if !nav.sign_in_again_if_needed(&e) {
                                error.set(Some(e.to_string()));
                            }
                        }
                    }
                });
            })
        };
        let confirm = Callback::new(move |()| {
            let Some(action) = pending.get_untracked() else {
                return;
            };
            pending.set(None);
            if let Pending::Disable = action {
                patch.run(ServiceAccountPatch::IsDisabled(true));
                return;
            }
            let client = client.clone();
            leptos::task::spawn_local(async move {
                let outcome = match &action {
                    Pending::DeleteAccount => client.delete_service_account(id).await.map(|_| ()),
                    Pending::DeleteToken(t) => client
                        .delete_service_account_token(id, t.id)
                        .await
                        .map(|_| ()),
                    Pending::Revert(t) => client
                        .revert_service_account_to_api_key(id, t.id)
                        .await
                        .map(|_| ()),
                    Pending::Disable => Ok(()),
                };
                match (outcome, action) {
                    (Ok(()), Pending::DeleteAccount | Pending::Revert(_)) => nav.push(""),
                    (Ok(()), _) => tokens.refetch(),
                    (Err(e), _) => {
                        if !nav.sign_in_again_if_needed(&e) {
                            error.set(Some(e.to_string()));
                        }
                    }
                }
            });
        });
        Self { patch, confirm }
    }
}
