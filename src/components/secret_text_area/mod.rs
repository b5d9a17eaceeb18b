//! `SecretTextArea`: the multi-line `SecretInput`, for certificates and private keys
//! (`tlsCACert`, `tlsClientCert`, `tlsClientKey`).
//!
//! Behaves like `@grafana/ui`'s `SecretTextArea`: masked text with a show/hide toggle
//! while typing, and the same "configured" + **Reset** state once saved.

use crate::components::SecretInput;
use leptos::prelude::*;

/// A multi-line secret field.
///
/// - Configured: a disabled one-row text area reading `configured` and a **Reset** button
///   calling `on_reset`; the secret's text is never in the DOM.
/// - Not configured: a text area whose content is masked (`-webkit-text-security: disc`)
///   until the eye button ("Show secret content") reveals it; every edit calls
///   `on_change` with the whole text.
///
/// ## Usage
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::SecretTextArea;
/// # #[component] fn Editor() -> impl IntoView {
/// view! {
///     <SecretTextArea
///         label="CA Certificate"
///         placeholder="Begins with --- BEGIN CERTIFICATE ---"
///         is_configured=false
///         on_change=move |pem: String| leptos::logging::log!("{} bytes", pem.len())
///         on_reset=move |_| {}
///     />
/// }
/// # }
/// ```
#[component]
pub fn SecretTextArea(
    /// Whether the secret is stored on the server (`secureJsonFields[key]`).
    #[prop(into)]
    is_configured: Signal<bool>,
    /// Called with the whole text on every edit.
    #[prop(into)]
    on_change: Callback<String>,
    /// Called when the user presses **Reset**.
    #[prop(into)]
    on_reset: Callback<()>,
    /// What the user typed in this session (`secureJsonData[key]`); never a saved secret.
    #[prop(optional, into)]
    value: Signal<String>,
    /// Visible label; becomes the text area's accessible name through `<label for>`.
    #[prop(optional, into)]
    label: MaybeProp<String>,
    /// Help text under the label, linked with `aria-describedby`.
    #[prop(optional, into)]
    description: MaybeProp<String>,
    /// Placeholder, e.g. `Begins with --- BEGIN CERTIFICATE ---`.
    #[prop(optional, into)]
    placeholder: MaybeProp<String>,
    /// Element id of the text area; generated when absent.
    #[prop(optional, into)]
    id: Option<String>,
    /// Visible rows while typing (default 6, as plugin-ui's TLS fields).
    #[prop(optional)]
    rows: Option<u32>,
    /// Marks the field required.
    #[prop(optional, into)]
    required: Signal<bool>,
    /// Validation message shown under the field.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// Disables typing and Reset (Grafana's `readOnly`).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <SecretInput
            multiline=true
            rows=rows.unwrap_or(6)
            id=id
            is_configured
            on_change
            on_reset
            value
            label
            description
            placeholder
            required
            error
            disabled
        />
    }
}

/// The text areas' stylesheet (mounted by `SecretInput` with `multiline`).
pub(crate) const SECRET_TEXT_AREA_CSS: &str = include_str!("secret_text_area.css");

/// The eye button that shows or hides the text while typing ("Show secret content").
#[component]
pub(crate) fn RevealToggle(
    /// The text area's id.
    controls: String,
    /// Whether the text shows.
    revealed: RwSignal<bool>,
) -> impl IntoView {
    let name = move || {
        if revealed.get() {
            "Hide secret content"
        } else {
            "Show secret content"
        }
    };
    view! {
        <button
            type="button"
            class="lg-icon-button"
            aria-controls=controls
            aria-pressed=move || if revealed.get() { "true" } else { "false" }
            aria-label=name
            title=name
            on:click=move |_| revealed.update(|r| *r = !*r)
        >
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path
                    fill="currentColor"
                    d="M12 5C6.5 5 2.7 9.4 1.5 12c1.2 2.6 5 7 10.5 7s9.3-4.4 10.5-7C21.3 9.4 17.5 5 12 5zm0 11.5A4.5 4.5 0 1 1 12 7.5a4.5 4.5 0 0 1 0 9zm0-7a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"
                ></path>
            </svg>
        </button>
    }
}
