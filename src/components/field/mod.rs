//! `Field`: label, required marker and help text around one control, wired for screen
//! readers (`<label for>`, and an id for the control's `aria-describedby`).

use crate::components::mount_theme;
use leptos::prelude::*;

/// The id under which a field's help text is rendered, for `aria-describedby`.
pub fn description_id(control_id: &str) -> String {
    format!("{control_id}-description")
}

/// The id under which a field's error is rendered, for `aria-describedby`.
pub fn error_id(control_id: &str) -> String {
    format!("{control_id}-error")
}

/// The `aria-describedby` value of a control: its description and error ids, when shown.
pub fn described_by(control_id: &str, has_description: bool, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [
        has_description.then(|| description_id(control_id)),
        has_error.then(|| error_id(control_id)),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Wraps a control with its label and description, as Grafana's `Field` does.
///
/// The control itself (children) must carry `id=control_id` and, when a description is
/// given, `aria-describedby=description_id(control_id)`.
#[component]
pub fn Field(
    /// Id of the control the label points at.
    #[prop(into)]
    control_id: String,
    /// Visible label.
    #[prop(optional, into)]
    label: MaybeProp<String>,
    /// Help text under the label.
    #[prop(optional, into)]
    description: MaybeProp<String>,
    /// Shows ` *` after the label (drawn by CSS, so the label's text stays its name; the
    /// control carries `aria-required`).
    #[prop(optional, into)]
    required: Signal<bool>,
    /// Validation message shown under the control (`role="alert"`).
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// Extra class on the wrapper, e.g. the component's own.
    #[prop(optional, into)]
    class: Option<String>,
    /// The control (and any buttons beside it).
    children: Children,
) -> impl IntoView {
    mount_theme();
    let description_id = description_id(&control_id);
    let error_id = error_id(&control_id);
    let class = match class {
        Some(c) => format!("lg-field {c}"),
        None => "lg-field".to_owned(),
    };
    view! {
        <div class=class>
            {move || {
                label
                    .get()
                    .map(|text| {
                        view! {
                            <label
                                class="lg-field__label"
                                class:lg-field__label--required=move || required.get()
                                for=control_id.clone()
                            >
                                {text}
                            </label>
                        }
                    })
            }}
            {move || {
                description
                    .get()
                    .map(|text| {
                        view! {
                            <div class="lg-field__description" id=description_id.clone()>
                                {text}
                            </div>
                        }
                    })
            }}
            <div class="lg-field__row">{children()}</div>
            {move || {
                error
                    .get()
                    .map(|text| {
                        view! {
                            <div class="lg-field__error" id=error_id.clone() role="alert">
                                {text}
                            </div>
                        }
                    })
            }}
        </div>
    }
}
