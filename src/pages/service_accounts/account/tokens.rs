//! The Tokens tab: **Add service account token** (the key shown once), the tokens table
//! with Delete, and **Revert to API key** when the account has a single token.

use super::confirmation::Pending;
use crate::api::{ApiClient, ApiError, ServiceAccount, TokenDto};
use crate::components::{Alert, Severity, TokensTable};
use crate::pages::service_accounts::add_token::AddTokenDialog;
use crate::pages::SectionNav;
use leptos::prelude::*;

/// The Tokens tab.
#[component]
pub fn Tokens(
    /// Where the API is (for the Add token dialog).
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// The account shown.
    account: RwSignal<ServiceAccount>,
    /// The account's tokens (reloaded after a token is added).
    tokens: LocalResource<Result<Vec<TokenDto>, ApiError>>,
    /// The user may change the account (add and delete tokens).
    can_write: bool,
    /// The user may delete the account (Revert to API key deletes it).
    can_delete: bool,
    /// Where Delete and Revert ask for confirmation.
    pending: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let managed = account.with_untracked(|a| a.is_external);
    let target = RwSignal::new(None::<ServiceAccount>);
    view! {
        <section class="lg-panel" aria-labelledby="sa-tokens">
            <div class="lg-page-header">
                <h3 id="sa-tokens">"Tokens"</h3>
                {(can_write && !managed).then(|| view! {
                    <button
                        type="button"
                        class="lg-button lg-button--primary"
                        disabled=move || account.with(|a| a.is_disabled)
                        title=move || account.with(|a| a.is_disabled).then_some("Enable the service account to add tokens")
                        on:click=move |_| target.set(Some(account.get_untracked()))
                    >
                        "Add service account token"
                    </button>
                })}
            </div>
            <Transition fallback=|| view! { <p role="status">"Loading tokens…"</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) if list.is_empty() => view! { <p>"No tokens"</p> }.into_any(),
                        Ok(list) => {
                            let revertable = list.clone();
                            view! {
                                <TokensTable
                                    tokens=list
                                    can_delete=can_write && !managed
                                    on_delete=move |t| pending.set(Some(Pending::DeleteToken(t)))
                                />
                                {(can_delete && !managed && revertable.len() == 1).then(|| {
                                    let t = revertable[0].clone();
                                    view! {
                                        <p class="lg-field__description">
                                            "This account has a single token. "
                                            <button type="button" class="lg-button" on:click=move |_| pending.set(Some(Pending::Revert(t.clone())))>
                                                "Revert to API key"
                                            </button>
                                        </p>
                                    }
                                })}
                            }.into_any()
                        }
                        Err(e) => view! { <Alert severity=Severity::Error title=e.to_string() /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <AddTokenDialog client nav target on_created=move |_| tokens.refetch() />
    }
}
