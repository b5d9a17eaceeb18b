//! `PendingConfirmation`: the confirmation dialog of a page whose destructive actions wait
//! in a `pending` signal: open while something is pending, asking what the page's
//! [`Question`] says of it; Cancel or Escape clears `pending`.

use crate::components::ConfirmModal;
use leptos::prelude::*;

/// What the dialog asks, in Grafana's words.
#[derive(Clone, Default)]
pub struct Question {
    /// The dialog's title.
    pub title: String,
    /// The question.
    pub body: String,
    /// The confirming button's label.
    pub confirm: String,
}

/// The dialog, open while `pending` is `Some`.
#[component]
pub fn PendingConfirmation<P, F>(
    /// What is asked; the dialog clears it when dismissed.
    pending: RwSignal<Option<P>>,
    /// The question for what is pending (also for nothing: the closed dialog's text).
    ask: F,
    /// The user confirmed.
    #[prop(into)]
    on_confirm: Callback<()>,
) -> impl IntoView
where
    P: Clone + Send + Sync + 'static,
    F: Fn(Option<&P>) -> Question + Copy + Send + Sync + 'static,
{
    let question = move || pending.with(|p| ask(p.as_ref()));
    view! {
        <ConfirmModal
            open=Signal::derive(move || pending.with(Option::is_some))
            title=""
            title_text=Signal::derive(move || question().title)
            body=Signal::derive(move || question().body)
            confirm_text=""
            confirm_label=Signal::derive(move || question().confirm)
            on_confirm=on_confirm
            on_dismiss=move |_| pending.set(None)
        />
    }
}
