//! The list's confirmations: Grafana asks before it deletes an account (naming how many
//! tokens go with it) and before it disables one.

use crate::api::ServiceAccount;
use crate::components::ConfirmModal;
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
    view! {
        <ConfirmModal
            open=Signal::derive(move || pending.with(Option::is_some))
            title=""
            body=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(sa)) => delete_question(&sa),
                Some(Pending::Disable(sa)) => format!("Are you sure you want to disable '{}'?", sa.name),
                None => String::new(),
            })
            confirm_text=""
            confirm_label=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(_)) => "Delete".to_owned(),
                _ => "Disable service account".to_owned(),
            })
            title_text=Signal::derive(move || match pending.get() {
                Some(Pending::Delete(_)) => "Delete service account".to_owned(),
                _ => "Disable service account".to_owned(),
            })
            on_confirm=on_confirm
            on_dismiss=move |_| pending.set(None)
        />
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
