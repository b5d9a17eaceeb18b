//! `SecretInput`: a password field for one `secureJsonData` key, with Grafana's
//! "configured" + **Reset** state once the secret is saved.
//!
//! Behaves like `@grafana/ui`'s `SecretInput`: it only ever knows *whether* a secret is
//! stored (`secureJsonFields[key]`), never its value. With `multiline` it is the
//! [`SecretTextArea`](crate::components::SecretTextArea) (certificates, private keys).

use crate::components::field::Field;
use crate::components::reset_secret_button::{focus_after_reset, ResetSecretButton};
use crate::components::secret_text_area::{RevealToggle, SECRET_TEXT_AREA_CSS};
use crate::components::{mount_style, mount_theme, unique_id, CONFIGURED_TEXT};
use leptos::html;
use leptos::prelude::*;

/// A password input bound to one secret.
///
/// - Configured (`is_configured` is true): a disabled text input showing `configured` and
///   a **Reset** button that calls `on_reset`. No value of the secret is in the DOM.
/// - Not configured: an enabled `type="password"` input (`autocomplete="new-password"`,
///   so browsers never autofill a login password into it); every keystroke calls
///   `on_change` with the full value.
///
/// With `multiline`, the same with a text area: a disabled one-row text area reading
/// `configured`, and while typing a text area masked until its eye button reveals it
/// (see [`SecretTextArea`](crate::components::SecretTextArea)).
///
/// After Reset, once the parent reports `is_configured = false`, the empty password
/// input (or text area) takes the keyboard focus.
///
/// ## Usage
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::SecretInput;
/// # use leptos_grafana::model::{is_secret_configured, reset_secret, set_secret, DataSourceSettings};
/// # #[component] fn Editor() -> impl IntoView {
/// let options = RwSignal::new(DataSourceSettings::default());
/// view! {
///     <SecretInput
///         label="API key"
///         is_configured=Signal::derive(move || is_secret_configured(&options.read(), "apiKey"))
///         on_change=move |v: String| options.update(|o| *o = set_secret(o.clone(), "apiKey", &v))
///         on_reset=move |_| options.update(|o| *o = reset_secret(o.clone(), "apiKey"))
///     />
/// }
/// # }
/// ```
#[component]
pub fn SecretInput(
    /// Whether the secret is stored on the server (`secureJsonFields[key]`).
    #[prop(into)]
    is_configured: Signal<bool>,
    /// Called with the whole value on every keystroke.
    #[prop(into)]
    on_change: Callback<String>,
    /// Called when the user presses **Reset**.
    #[prop(into)]
    on_reset: Callback<()>,
    /// What the user typed in this session (`secureJsonData[key]`); never a saved secret.
    #[prop(optional, into)]
    value: Signal<String>,
    /// Visible label; becomes the input's accessible name through `<label for>`.
    #[prop(optional, into)]
    label: MaybeProp<String>,
    /// Help text under the label, linked with `aria-describedby`.
    #[prop(optional, into)]
    description: MaybeProp<String>,
    /// Placeholder of the input (also shown while configured, as Grafana does).
    #[prop(optional, into)]
    placeholder: MaybeProp<String>,
    /// Element id of the input; generated when absent.
    #[prop(optional, into)]
    id: MaybeProp<String>,
    /// Accessible name when there is no visible label.
    #[prop(optional, into)]
    aria_label: MaybeProp<String>,
    /// Marks the field required (`*` after the label, `aria-required`).
    #[prop(optional, into)]
    required: Signal<bool>,
    /// Validation message shown under the field.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// Disables typing and Reset (Grafana's `readOnly`).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// A multi-line secret: a masked text area with a show/hide toggle, as
    /// `SecretTextArea`.
    #[prop(optional)]
    multiline: bool,
    /// Visible rows of the multi-line text area while typing (default 6, as plugin-ui's
    /// TLS fields).
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    mount_theme();
    let class = if multiline {
        mount_style("lg-secret-text-area", SECRET_TEXT_AREA_CSS);
        "lg-secret-text-area"
    } else {
        mount_style("lg-secret-input", include_str!("secret_input.css"));
        "lg-secret-input"
    };

    let id = id.get_untracked().unwrap_or_else(|| unique_id(class));
    let described_by = {
        let id = id.clone();
        Signal::derive(move || {
            crate::components::field::described_by(
                &id,
                description.get().is_some(),
                error.get().is_some(),
            )
        })
    };
    let reset_button = move |focus_after_reset: RwSignal<bool>| {
        view! {
            <ResetSecretButton field_name=Signal::derive(move || label.get().or_else(|| aria_label.get())) disabled on_reset focus_after_reset />
        }
    };
    // What the password input and the text area share while typing.
    let typing_attributes = move || {
        view! {
            <{..}
                placeholder=move || placeholder.get()
                aria-label=move || aria_label.get()
                aria-describedby=move || described_by.get()
                aria-required=move || required.get().then_some("true")
                aria-invalid=move || error.get().is_some().then_some("true")
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            />
        }
    };

    let control = if multiline {
        let area_ref = NodeRef::<html::Textarea>::new();
        let focus_after_reset = focus_after_reset(area_ref);
        let rows = rows.unwrap_or(6).to_string();
        let revealed = RwSignal::new(false);
        let configured_view = {
            let id = id.clone();
            move || {
                view! {
                    <textarea
                        id=id.clone()
                        class="lg-input"
                        rows="1"
                        disabled=true
                        placeholder=move || placeholder.get()
                        aria-label=move || aria_label.get()
                        aria-describedby=move || described_by.get()
                        prop:value=CONFIGURED_TEXT
                    >
                        {CONFIGURED_TEXT}
                    </textarea>
                    {reset_button(focus_after_reset)}
                }
            }
        };
        let editing_view = {
            let id = id.clone();
            move || {
                view! {
                    <textarea
                        node_ref=area_ref
                        id=id.clone()
                        class="lg-input"
                        class:lg-secret-text-area--masked=move || !revealed.get()
                        rows=rows.clone()
                        autocomplete="off"
                        spellcheck="false"
                        {..typing_attributes()}
                    ></textarea>
                    <RevealToggle controls=id.clone() revealed />
                }
            }
        };
        view! {
            <Show when=move || is_configured.get() fallback=editing_view>
                {configured_view.clone()}
            </Show>
        }
        .into_any()
    } else {
        let input_ref = NodeRef::<html::Input>::new();
        let focus_after_reset = focus_after_reset(input_ref);
        let configured_view = {
            let id = id.clone();
            move || {
                view! {
                    <input
                        id=id.clone()
                        class="lg-input"
                        type="text"
                        disabled=true
                        value=CONFIGURED_TEXT
                        placeholder=move || placeholder.get()
                        aria-label=move || aria_label.get()
                        aria-describedby=move || described_by.get()
                    />
                    {reset_button(focus_after_reset)}
                }
            }
        };
        let password_view = {
            let id = id.clone();
            move || {
                view! {
                    <input
                        node_ref=input_ref
                        id=id.clone()
                        class="lg-input"
                        type="password"
                        autocomplete="new-password"
                        spellcheck="false"
                        {..typing_attributes()}
                    />
                }
            }
        };
        view! {
            <Show when=move || is_configured.get() fallback=password_view>
                {configured_view.clone()}
            </Show>
        }
        .into_any()
    };

    view! {
        <Field
            control_id=id
            label=label
            description=description
            error=error
            required=required
            class=class
        >
            {control}
        </Field>
    }
}
