//! `TextField`: a labelled text (or URL, or number) input with help text and an error.

use crate::components::field::{described_by, Field};
use crate::components::unique_id;
use leptos::prelude::*;

/// A one-line (or multi-line) text input inside a [`Field`].
#[component]
pub fn TextField(
    /// Visible label, also the accessible name (reactive: a row's "Header 2" follows its
    /// position).
    #[prop(into)]
    label: Signal<String>,
    /// Current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the whole value on every keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    /// Help text.
    #[prop(optional, into)]
    description: MaybeProp<String>,
    /// Placeholder.
    #[prop(optional, into)]
    placeholder: MaybeProp<String>,
    /// Validation message; marks the input `aria-invalid`.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// Element id; generated when absent.
    #[prop(optional, into)]
    id: Option<String>,
    /// `type` attribute (`text`, `url`, `number`); default `text`.
    #[prop(optional, into)]
    input_type: Option<&'static str>,
    /// `autocomplete` attribute (e.g. `current-password`); none by default.
    #[prop(optional, into)]
    autocomplete: Option<&'static str>,
    /// A `<textarea>` instead of an input.
    #[prop(optional)]
    multiline: bool,
    /// Required (`*` after the label, `aria-required`).
    #[prop(optional, into)]
    required: Signal<bool>,
    /// Read-only.
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| unique_id("lg-text-field"));
    let has_description = description.get_untracked().is_some();
    let aria_described_by = {
        let id = id.clone();
        move || described_by(&id, has_description, error.get().is_some())
    };
    // What the input and the text area share.
    let control_attributes = view! {
        <{..}
            placeholder=move || placeholder.get()
            aria-describedby=aria_described_by
            aria-invalid=move || error.get().is_some().then_some("true")
            aria-required=move || required.get().then_some("true")
            disabled=move || disabled.get()
            prop:value=move || value.get()
            on:input=move |ev| on_input.run(event_target_value(&ev))
        />
    };
    let control = if multiline {
        view! { <textarea id=id.clone() class="lg-input" rows="4" {..control_attributes}></textarea> }
            .into_any()
    } else {
        view! { <input id=id.clone() class="lg-input" type=input_type.unwrap_or("text") autocomplete={autocomplete} {..control_attributes} /> }
            .into_any()
    };
    view! {
        <Field control_id=id label=label description=description error=error required=required>
            {control}
        </Field>
    }
}
