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
    let control = Control {
        id: id.clone(),
        is_configured,
        value,
        on_change,
        on_reset,
        label,
        placeholder,
        aria_label,
        described_by,
        required,
        error,
        disabled,
    };
    let control = if multiline {
        text_area(control, rows.unwrap_or(6))
    } else {
        password_input(control)
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

/// What the password input and the text area are built from.
#[derive(Clone)]
struct Control {
    id: String,
    is_configured: Signal<bool>,
    value: Signal<String>,
    on_change: Callback<String>,
    on_reset: Callback<()>,
    label: MaybeProp<String>,
    placeholder: MaybeProp<String>,
    aria_label: MaybeProp<String>,
    described_by: Signal<Option<String>>,
    required: Signal<bool>,
    error: MaybeProp<String>,
    disabled: Signal<bool>,
}

impl Control {
    /// **Reset**, named after the field; focus moves to the control once it is editable.
    fn reset_button(&self, focus_after_reset: RwSignal<bool>) -> impl IntoView + use<> {
        let Self {
            label,
            aria_label,
            disabled,
            on_reset,
            ..
        } = self.clone();
        view! {
            <ResetSecretButton field_name=Signal::derive(move || label.get().or_else(|| aria_label.get())) disabled on_reset focus_after_reset />
        }
    }

    /// What both controls carry in either state: id, placeholder and accessible name.
    fn naming_attributes(&self) -> impl leptos::tachys::html::attribute::Attribute + use<> {
        let (id, placeholder) = (self.id.clone(), self.placeholder);
        let (aria_label, described_by) = (self.aria_label, self.described_by);
        view! {
            <{..}
                id=id
                placeholder=move || placeholder.get()
                aria-label=move || aria_label.get()
                aria-describedby=move || described_by.get()
            />
        }
    }

    /// The configured control with **Reset** while the secret is stored, else the editing
    /// one; each is built from this control's attributes.
    fn configured_or_editing(
        &self,
        focus_after_reset: RwSignal<bool>,
        configured: impl Fn(&Self) -> AnyView + Clone + Send + Sync + 'static,
        editing: impl Fn(&Self) -> AnyView + Send + Sync + 'static,
    ) -> AnyView {
        let is_configured = self.is_configured;
        let (for_configured, for_editing) = (self.clone(), self.clone());
        view! {
            <Show when=move || is_configured.get() fallback=move || editing(&for_editing)>
                {configured(&for_configured)}
                {for_configured.reset_button(focus_after_reset)}
            </Show>
        }
        .into_any()
    }

    /// What both controls carry while the user types the secret.
    fn typing_attributes(&self) -> impl leptos::tachys::html::attribute::Attribute + use<> {
        let (required, error, disabled) = (self.required, self.error, self.disabled);
        let (value, on_change) = (self.value, self.on_change);
        view! {
            <{..}
                aria-required=move || required.get().then_some("true")
                aria-invalid=move || error.get().is_some().then_some("true")
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            />
        }
    }
}

/// One line: `configured` + Reset, or a password input.
fn password_input(c: Control) -> AnyView {
    let input_ref = NodeRef::<html::Input>::new();
    c.configured_or_editing(
        focus_after_reset(input_ref),
        |c| {
            view! {
                <input
                    class="lg-input"
                    type="text"
                    disabled=true
                    value={CONFIGURED_TEXT}
                    {..c.naming_attributes()}
                />
            }
            .into_any()
        },
        move |c| {
            view! {
                <input
                    node_ref=input_ref
                    class="lg-input"
                    type="password"
                    autocomplete="new-password"
                    spellcheck="false"
                    {..c.naming_attributes()}
                    {..c.typing_attributes()}
                />
            }
            .into_any()
        },
    )
}

/// Several lines: `configured` + Reset, or a masked text area with a show/hide toggle.
fn text_area(c: Control, rows: u32) -> AnyView {
    let area_ref = NodeRef::<html::Textarea>::new();
    let rows = rows.to_string();
    let revealed = RwSignal::new(false);
    c.configured_or_editing(
        focus_after_reset(area_ref),
        |c| {
            view! {
                <textarea class="lg-input" rows="1" disabled=true prop:value={CONFIGURED_TEXT} {..c.naming_attributes()}>
                    {CONFIGURED_TEXT}
                </textarea>
            }
            .into_any()
        },
        move |c| {
            view! {
                <textarea
                    node_ref=area_ref
                    class="lg-input"
                    class:lg-secret-text-area--masked=move || !revealed.get()
                    rows=rows.clone()
                    autocomplete="off"
                    spellcheck="false"
                    {..c.naming_attributes()}
                    {..c.typing_attributes()}
                ></textarea>
                <RevealToggle controls=c.id.clone() revealed />
            }
            .into_any()
        },
    )
}
