//! The list's confirmations: Grafana asks before it deletes an account (naming how many
//! tokens go with it) and before it disables one.

use crate::api::ServiceAccount;
use crate::pages::{PendingConfirmation, Question};
use leptos::prelude::*;

/// A confirmation the page is asking for.
#[derive(Clone)]
pub enum Pending {
    /// Delete this account.
    Delete(ServiceAccount),
    /// Disable this account.
    Disable(ServiceAccount),
}

/// The dialog, open while `pending` is `Some`.
#[component]
pub fn ListConfirmation(
    /// What is asked; the dialog clears it when dismissed.
    pending: RwSignal<Option<Pending>>,
    /// The user confirmed.
    #[prop(into)]
    on_confirm: Callback<()>,
) -> impl IntoView {
    view! { <PendingConfirmation pending ask=question on_confirm /> }
}

/// What the list asks before it deletes or disables an account.
fn question(pending: Option<&Pending>) -> Question {
    let (title, confirm) = match pending {
        Some(Pending::Delete(_)) => ("Delete service account", "Delete"),
        _ => ("Disable service account", "Disable service account"),
    };
    let body = match pending {
        Some(Pending::Delete(sa)) => delete_question(sa),
        Some(Pending::Disable(sa)) => format!("Are you sure you want to disable '{}'?", sa.name),
        None => String::new(),
    };
    Question {
        title: title.to_owned(),
        body,
        confirm: confirm.to_owned(),
    }
}

/// Grafana's delete question: it names how many tokens go with the account.
fn delete_question(sa: &ServiceAccount) -> String {
    if sa.tokens > 0 {
        format!(
            "Are you sure you want to delete {} and {} accompanying tokens?",
            sa.name, sa.tokens
        )
    } else {
        format!("Are you sure you want to delete {}?", sa.name)
    }
}
