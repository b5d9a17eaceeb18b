//! The dialog before the token exists (Grafana's form): Display name (blank: the
//! suggested name), Expiration (No expiration / Set expiration date) with the date picker
//! bounded by the server's limit, **Cancel** and **Generate token**.

use crate::components::{Alert, Severity, TextField};
use crate::model::token_expiry::{format_date, seconds_to_live};
use leptos::prelude::*;

/// What is typed in the form. It lives with the dialog, which resets it on each opening.
#[derive(Clone, Copy)]
pub struct TokenDraft {
    /// The display name typed (empty: the suggested one).
    pub name: RwSignal<String>,
    /// Set expiration date is chosen.
    pub expires: RwSignal<bool>,
    /// The expiration date typed (`YYYY-MM-DD`).
    pub date: RwSignal<String>,
    /// The form's own error (a date out of bounds).
    pub local_error: RwSignal<Option<String>>,
}

impl TokenDraft {
    /// Nothing typed yet.
    pub fn empty() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            expires: RwSignal::new(false),
            date: RwSignal::new(String::new()),
            local_error: RwSignal::new(None),
        }
    }

    /// As Grafana's dialog opens: no name typed, tomorrow as the date, no error.
    pub fn reset(&self) {
        self.name.set(String::new());
        self.date.set(format_date(today() + 1));
        self.local_error.set(None);
    }
}

/// Today, in days since the Unix epoch (UTC).
fn today() -> i64 {
    (js_sys::Date::now() / 86_400_000.0).floor() as i64
}

/// What the dialog hands its form: the props of [`super::CreateTokenModal`] that the form
/// reads (documented there), passed on as they are.
#[derive(Clone, Copy)]
pub struct TokenDialog {
    /// Disables Generate.
    pub busy: Signal<bool>,
    /// Shown above the fields unless the form has its own.
    pub error: Signal<Option<String>>,
    /// The name's placeholder, and the name sent when none is typed.
    pub default_name: Signal<String>,
    /// Bounds the date picker.
    pub limit_days: Signal<Option<i64>>,
    /// Called by Generate.
    pub on_generate: Callback<(String, Option<i64>)>,
    /// Called by Cancel.
    pub on_close: Callback<()>,
}

/// The form.
#[component]
pub fn TokenForm(
    /// What is typed.
    draft: TokenDraft,
    /// The dialog's state and callbacks.
    dialog: TokenDialog,
) -> impl IntoView {
    let TokenDraft {
        name,
        expires,
        date,
        local_error,
    } = draft;
    let generate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if dialog.busy.get_untracked() {
            return;
        }
        let typed = name.get_untracked().trim().to_owned();
        let display_name = if typed.is_empty() {
            dialog.default_name.get_untracked()
        } else {
            typed
        };
        let seconds = if expires.get_untracked() {
            match seconds_to_live(
                js_sys::Date::now(),
                &date.get_untracked(),
                dialog.limit_days.get_untracked(),
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
        dialog.on_generate.run((display_name, seconds));
    };
    let shown_error = move || local_error.get().or_else(|| dialog.error.get());
    view! {
        <form class="lg-modal__body" on:submit=generate novalidate=true>
            {move || shown_error().map(|e| view! { <Alert severity=Severity::Error title=e /> })}
            <TextField
                label="Display name"
                description="Name to easily identify the token"
                placeholder=Signal::derive(move || dialog.default_name.get())
                value=name
                on_input=move |v: String| name.set(v)
            />
            <ExpirationFields expires date limit_days=dialog.limit_days />
            <div class="lg-modal__footer lg-modal__footer--flush">
                <button type="button" class="lg-button" on:click=move |_| dialog.on_close.run(())>
                    "Cancel"
                </button>
                <button
                    type="submit"
                    class="lg-button lg-button--primary"
                    disabled=move || dialog.busy.get() || (expires.get() && date.with(String::is_empty))
                >
                    {move || dialog.busy.get().then(|| view! { <span class="lg-spinner" aria-hidden="true"></span> })}
                    "Generate token"
                </button>
            </div>
        </form>
    }
}

/// Expiration: No expiration / Set expiration date and, when set, the date (from
/// tomorrow to the server's limit).
#[component]
fn ExpirationFields(
    /// Set expiration date is chosen.
    expires: RwSignal<bool>,
    /// The date typed.
    date: RwSignal<String>,
    /// The server's limit on token lifetime in days (`None`: no limit).
    limit_days: Signal<Option<i64>>,
) -> impl IntoView {
    view! {
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
    }
}
