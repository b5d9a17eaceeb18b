//! `Switch`: an on/off control (`role="switch"`) with its label and optional help text.

use crate::components::field::description_id;
use crate::components::{mount_theme, unique_id};
use leptos::prelude::*;

/// A labelled switch, like Grafana's `InlineSwitch` / plugin-ui's TLS checkboxes.
#[component]
pub fn Switch(
    /// Visible label, also the accessible name.
    #[prop(into)]
    label: String,
    /// Whether it is on.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called with the new state.
    #[prop(into)]
    on_change: Callback<bool>,
    /// Help text (Grafana shows it as a tooltip; here it is always visible).
    #[prop(optional, into)]
    description: Option<String>,
    /// Read-only.
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    mount_theme();
    let id = unique_id("lg-switch");
    let described = description.as_ref().map(|_| description_id(&id));
    view! {
        <div class="lg-field">
            <label class="lg-switch">
                <input
                    id=id.clone()
                    type="checkbox"
                    role="switch"
                    aria-describedby=described.clone()
                    disabled=move || disabled.get()
                    prop:checked=move || checked.get()
                    on:change:target=move |ev| on_change.run(ev.target().checked())
                />
                <span>{label}</span>
            </label>
            {description
                .map(|text| {
                    view! {
                        <div class="lg-field__description" id=description_id(&id)>
                            {text}
                        </div>
                    }
                })}
        </div>
    }
}
