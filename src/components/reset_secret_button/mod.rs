//! `ResetSecretButton`: Grafana's **Reset** beside a configured secret, shared by
//! `SecretInput` and `SecretTextArea`; and [`focus_after_reset`], which moves the focus to
//! the new empty control once Reset has swapped it in, so keyboard users can type the
//! new secret straight away.

use crate::components::RESET_BUTTON_TEXT;
use leptos::prelude::*;

/// The **Reset** button of a configured secret, named "Reset <field name>".
#[component]
pub fn ResetSecretButton(
    /// The field's name (its label, else its `aria-label`), for the button's own name.
    #[prop(into)]
    field_name: Signal<Option<String>>,
    /// Disables the button (Grafana's `readOnly`).
    #[prop(into)]
    disabled: Signal<bool>,
    /// Called when pressed.
    #[prop(into)]
    on_reset: Callback<()>,
    /// Set when pressed: the field focuses its new control (see [`focus_after_reset`]).
    focus_after_reset: RwSignal<bool>,
) -> impl IntoView {
    let name = move || match field_name.get() {
        Some(name) => format!("{RESET_BUTTON_TEXT} {name}"),
        None => RESET_BUTTON_TEXT.to_owned(),
    };
    view! {
        <button
            type="button"
            class="lg-button lg-button--secondary"
            aria-label=name
            disabled=move || disabled.get()
            on:click=move |_| {
                if !disabled.get_untracked() {
                    focus_after_reset.set(true);
                    on_reset.run(());
                }
            }
        >
            {RESET_BUTTON_TEXT}
        </button>
    }
}

/// The flag [`ResetSecretButton`] sets; once `control` (the new empty input or text
/// area) is mounted, it takes the focus, without scrolling it into view.
pub fn focus_after_reset<E>(control: NodeRef<E>) -> RwSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: Clone + wasm_bindgen::JsCast + 'static,
{
    let wanted = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(element) = control.get()
            && wanted.get_untracked()
        {
            wanted.set(false);
            if let Some(html) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&element) {
                crate::components::dom::focus_without_scrolling(html);
            }
        }
    });
    wanted
}
