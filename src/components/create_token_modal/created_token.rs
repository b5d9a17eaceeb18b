//! The dialog once the token exists: its key, shown once (Grafana: "Copy the token now as
//! you will not be able to see it again"), with **Copy to clipboard**, **Copy to clipboard
//! and close** and **Close**.

use leptos::prelude::*;

/// The key and its buttons.
#[component]
pub fn CreatedToken(
    /// The token's key.
    key: String,
    /// The browser can copy to the clipboard (the copy buttons are disabled otherwise).
    is_supported: Signal<bool>,
    /// The key was just copied (the button says "Copied").
    copied: Signal<bool>,
    /// Copy this text to the clipboard.
    #[prop(into)]
    on_copy: Callback<String>,
    /// Close the dialog (it forgets the key).
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
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
                        on:click=move |_| on_copy.run(key.clone())
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
                    on_copy.run(key_for_close.clone());
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
}
