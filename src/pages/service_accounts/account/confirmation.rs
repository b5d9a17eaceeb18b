//! The account page's confirmations: Delete service account, Disable service account,
//! Delete service account token and Revert to API key, each in Grafana's words.

use crate::api::{ServiceAccount, TokenDto};
use crate::pages::{PendingConfirmation, Question};
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
    let ask = move |p: Option<&Pending>| {
        let name = account.with(|a| a.name.clone());
        question(p, &name)
    };
    view! { <PendingConfirmation pending ask on_confirm /> }
}

/// What the account page asks before a destructive action on the account `name`.
fn question(pending: Option<&Pending>, name: &str) -> Question {
    let (title, body, confirm) = match pending {
        Some(Pending::DeleteAccount) => (
            "Delete service account",
            "Are you sure you want to delete this service account?".to_owned(),
            "Delete service account",
        ),
        Some(Pending::Disable) => (
            "Disable service account",
            "Are you sure you want to disable this service account?".to_owned(),
            "Disable service account",
        ),
        Some(Pending::DeleteToken(t)) => (
            "Delete service account token",
            format!(
                "Are you sure you want to delete service account token {}?",
                t.name
            ),
            "Delete",
        ),
        Some(Pending::Revert(t)) => (
            "Revert to API key",
            format!(
                "This deletes {name} and turns its token {} into a legacy API key. Continue?",
                t.name
            ),
            "Revert",
        ),
        None => ("", String::new(), "Delete"),
    };
    Question {
        title: title.to_owned(),
        body,
        confirm: confirm.to_owned(),
    }
}
