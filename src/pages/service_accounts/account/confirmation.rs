//! The account page's confirmations: Delete service account, Disable service account,
//! Delete service account token and Revert to API key, each in Grafana's words.

use crate::api::{ServiceAccount, TokenDto};
use crate::components::ConfirmModal;
use leptos::prelude::*;

/// A destructive action waiting for confirmation.
#[derive(Clone)]
pub enum Pending {
    /// Delete the account.
    DeleteAccount,
    /// Disable the account.
    Disable,
    /// Delete one of its tokens.
    DeleteToken(TokenDto),
    /// Delete the account and turn its only token into a legacy API key.
    Revert(TokenDto),
}

/// The dialog, open while `pending` is `Some`.
#[component]
pub fn AccountConfirmation(
    /// What is asked; the dialog clears it when dismissed.
    pending: RwSignal<Option<Pending>>,
    /// The account (its name is in the Revert question).
    account: RwSignal<ServiceAccount>,
    /// The user confirmed.
    #[prop(into)]
    on_confirm: Callback<()>,
) -> impl IntoView {
    view! {
        <ConfirmModal
            open=Signal::derive(move || pending.with(Option::is_some))
            title=""
            title_text=Signal::derive(move || match pending.get() {
                Some(Pending::DeleteAccount) => "Delete service account".to_owned(),
                Some(Pending::Disable) => "Disable service account".to_owned(),
                Some(Pending::DeleteToken(_)) => "Delete service account token".to_owned(),
                Some(Pending::Revert(_)) => "Revert to API key".to_owned(),
                None => String::new(),
            })
            body=Signal::derive(move || {
                let name = account.with(|a| a.name.clone());
                match pending.get() {
                    Some(Pending::DeleteAccount) => "Are you sure you want to delete this service account?".to_owned(),
                    Some(Pending::Disable) => "Are you sure you want to disable this service account?".to_owned(),
                    Some(Pending::DeleteToken(t)) => format!("Are you sure you want to delete service account token {}?", t.name),
                    Some(Pending::Revert(t)) => format!("This deletes {name} and turns its token {} into a legacy API key. Continue?", t.name),
                    None => String::new(),
                }
            })
            confirm_text=""
            confirm_label=Signal::derive(move || match pending.get() {
                Some(Pending::DeleteAccount) => "Delete service account".to_owned(),
                Some(Pending::Disable) => "Disable service account".to_owned(),
                Some(Pending::Revert(_)) => "Revert".to_owned(),
                _ => "Delete".to_owned(),
            })
            on_confirm=on_confirm
            on_dismiss=move |_| pending.set(None)
        />
    }
}
