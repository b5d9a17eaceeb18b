//! `CreateTokenModal`: "Add service account token" as Grafana 13 has it: a display name
//! (left blank, the suggested `<login>-<uuid>` is used), an expiration (No expiration /
//! Set expiration date, on by default when the server limits token lifetime, the date
//! picker bounded by that limit), **Generate token**, then the key, shown once, with
//! **Copy to clipboard**, **Copy to clipboard and close** and **Close**. The key lives
//! only in the parent's signal: when the parent drops it on close, it leaves memory and
//! the DOM.

use crate::components::{mount_style, mount_theme, unique_id, Alert, Severity, TextField};
use crate::model::token_expiry::{format_date, seconds_to_live};
use crate::model::NewToken;
use leptos::html;
use leptos::prelude::*;
use leptos_use::{use_clipboard, UseClipboardReturn};

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
    let name = RwSignal::new(String::new());
    let expires = RwSignal::new(false);
    let date = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let today = move || (js_sys::Date::now() / 86_400_000.0).floor() as i64;
    // Each opening starts as Grafana's dialog does: no name typed, tomorrow as the date,
    // and expiration on when the server limits token lifetime (also once the limit
    // arrives, while nothing was submitted yet).
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        let limited = limit_days.get().is_some_and(|l| l > 0);
        if is_open && was_open != Some(true) {
            name.set(String::new());
            date.set(format_date(today() + 1));
            local_error.set(None);
        }
        if is_open && created.with_untracked(Option::is_none) {
            expires.set(limited);
        }
        is_open
    });
    let UseClipboardReturn {
        is_supported,
        copied,
        copy,
        ..
    } = use_clipboard();

    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });

    let generate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = name.get_untracked().trim().to_owned();
        let display_name = if typed.is_empty() {
            default_name.get_untracked()
        } else {
            typed
        };
        let seconds = if expires.get_untracked() {
            match seconds_to_live(
                js_sys::Date::now(),
                &date.get_untracked(),
                limit_days.get_untracked(),
            ) {
                Ok(s) => Some(s),
                Err(e) => {
                    local_error.set(Some(e));
                    return;
                }
            }
        } else {
            None
        };
        local_error.set(None);
        on_generate.run((display_name, seconds));
    };
    let shown_error = move || local_error.get().or_else(|| error.get());
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
                Some(token) => {
                    let key = token.key.clone();
                    let copy_here = copy.clone();
                    let copy_and_close = copy.clone();
                    let key_for_close = key.clone();
                    view! {
                        <div class="lg-modal__body">
                            <div class="lg-field">
                                <label class="lg-field__label" for="lg-new-token-key">
                                    "Token"
                                </label>
                                <p class="lg-field__description" id="lg-new-token-key-description">
                                    "Copy the token now as you will not be able to see it again. Losing a token requires creating a new one."
                                </p>
                                <div class="lg-field__row">
                                    <input
                                        id="lg-new-token-key"
                                        class="lg-input"
                                        readonly=true
                                        value=key.clone()
                                        autocomplete="off"
                                        spellcheck="false"
                                        aria-describedby="lg-new-token-key-description"
                                    />
                                    <button
                                        type="button"
                                        class="lg-button lg-button--primary"
                                        disabled=move || !is_supported.get()
                                        on:click=move |_| copy_here(&key)
                                    >
                                        {move || if copied.get() { "Copied" } else { "Copy to clipboard" }}
                                    </button>
                                </div>
                            </div>
                        </div>
                        <div class="lg-modal__footer">
                            <button
                                type="button"
                                class="lg-button lg-button--primary"
                                disabled=move || !is_supported.get()
                                on:click=move |_| {
                                    copy_and_close(&key_for_close);
                                    on_close.run(());
                                }
                            >
                                "Copy to clipboard and close"
                            </button>
                            <button type="button" class="lg-button" on:click=move |_| on_close.run(())>
                                "Close"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <form class="lg-modal__body" on:submit=generate novalidate=true>
                            {move || shown_error().map(|e| view! { <Alert severity=Severity::Error title=e /> })}
                            <TextField
                                label="Display name"
                                description="Name to easily identify the token"
                                placeholder=Signal::derive(move || default_name.get())
                                value=name
                                on_input=move |v: String| name.set(v)
                            />
                            <fieldset class="lg-fieldset">
                                <legend class="lg-field__label">"Expiration"</legend>
                                <label class="lg-switch">
                                    <input type="radio" name="lg-token-expiry" prop:checked=move || !expires.get() on:change=move |_| expires.set(false) />
                                    <span>"No expiration"</span>
                                </label>
                                <label class="lg-switch">
                                    <input type="radio" name="lg-token-expiry" prop:checked=move || expires.get() on:change=move |_| expires.set(true) />
                                    <span>"Set expiration date"</span>
                                </label>
                            </fieldset>
                            <Show when=move || expires.get()>
                                <div class="lg-field">
                                    <label class="lg-field__label" for="lg-token-expiry-date">
                                        "Expiration date"
                                    </label>
                                    <input
                                        id="lg-token-expiry-date"
                                        class="lg-input"
                                        type="date"
                                        min=format_date(today() + 1)
                                        max=move || limit_days.get().filter(|l| *l > 0).map(|l| format_date(today() + l))
                                        prop:value=move || date.get()
                                        on:input:target=move |ev| date.set(ev.target().value())
                                    />
                                </div>
                            </Show>
                            <div class="lg-modal__footer lg-modal__footer--flush">
                                <button type="button" class="lg-button" on:click=move |_| on_close.run(())>
                                    "Cancel"
                                </button>
                                <button
                                    type="submit"
                                    class="lg-button lg-button--primary"
                                    disabled=move || busy.get() || (expires.get() && date.with(String::is_empty))
                                >
                                    {move || busy.get().then(|| view! { <span class="lg-spinner" aria-hidden="true"></span> })}
                                    "Generate token"
                                </button>
                            </div>
                        </form>
                    }
                        .into_any()
                }
            }}
        </dialog>
    }
}
