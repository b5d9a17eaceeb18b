//! `CreateTokenModal`: "Add service account token" as Grafana 13 has it: a display name
//! (left blank, the suggested `<login>-<uuid>` is used), an expiration (No expiration /
//! Set expiration date, on by default when the server limits token lifetime, the date
//! picker bounded by that limit), **Generate token**, then the key, shown once, with
//! **Copy to clipboard**, **Copy to clipboard and close** and **Close**. The key lives
//! only in the parent's signal: when the parent drops it on close, it leaves memory and
//! the DOM.

mod created_token;
mod token_form;

use crate::components::dom::show_modal_while;
use crate::components::{mount_style, mount_theme, unique_id};
use crate::model::NewToken;
use created_token::CreatedToken;
use leptos::html;
use leptos::prelude::*;
use leptos_use::{use_clipboard, UseClipboardReturn};
use token_form::{TokenDialog, TokenDraft, TokenForm};

/// The dialog.
#[component]
pub fn CreateTokenModal(
    /// Whether it is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// The token just created; `Some` switches the dialog to showing its key.
    #[prop(into)]
    created: Signal<Option<NewToken>>,
    /// A request is running: Generate is disabled.
    #[prop(into)]
    busy: Signal<bool>,
    /// The server's error for the last attempt; the typed values stay.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Suggested display name (the placeholder, used when the field is left blank).
    #[prop(into)]
    default_name: Signal<String>,
    /// The server's limit on token lifetime in days (`None`: no limit): the date picker
    /// stops there.
    #[prop(optional, into)]
    limit_days: Signal<Option<i64>>,
    /// Generate was pressed with `(name, secondsToLive)`.
    #[prop(into)]
    on_generate: Callback<(String, Option<i64>)>,
    /// Close, Cancel or Escape.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    mount_theme();
    mount_style(
        "lg-confirm-modal",
        include_str!("../confirm_modal/confirm_modal.css"),
    );
    let dialog = NodeRef::<html::Dialog>::new();
    let title_id = unique_id("lg-token-title");
    let labelled_by = title_id.clone();
    let draft = TokenDraft::empty();
    // Each opening starts as Grafana's dialog does: no name typed, tomorrow as the date,
    // and expiration on when the server limits token lifetime (also once the limit
    // arrives, while nothing was submitted yet).
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        let limited = limit_days.get().is_some_and(|l| l > 0);
        if is_open && was_open != Some(true) {
            draft.reset();
        }
        if is_open && created.with_untracked(Option::is_none) {
            draft.expires.set(limited);
        }
        is_open
    });
    let UseClipboardReturn {
        is_supported,
        copied,
        copy,
        ..
    } = use_clipboard();
    let on_copy = Callback::new(move |text: String| copy(&text));
    let form_dialog = TokenDialog {
        busy,
        error,
        default_name,
        limit_days,
        on_generate,
        on_close,
    };

    show_modal_while(dialog, open);

    let title = move || {
        if created.with(Option::is_some) {
            "Service account token created"
        } else {
            "Add service account token"
        }
    };

    view! {
        <dialog
            node_ref=dialog
            class="lg-modal"
            aria-labelledby=labelled_by
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }
        >
            <h2 class="lg-modal__header" id=title_id>
                {title}
            </h2>
            {move || match created.get() {
                Some(token) => view! {
                    <CreatedToken key=token.key is_supported copied on_copy on_close />
                }
                .into_any(),
                None => view! { <TokenForm draft dialog=form_dialog /> }
                .into_any(),
            }}
        </dialog>
    }
}
