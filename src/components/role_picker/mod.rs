//! `RolePicker`: Grafana's basic org role select (Viewer, Editor, Admin, No basic role).

use crate::components::mount_theme;
use leptos::prelude::*;

/// Basic roles with Grafana's labels; `None` reads "No basic role".
pub const ORG_ROLES: [(&str, &str); 4] = [
    ("Viewer", "Viewer"),
    ("Editor", "Editor"),
    ("Admin", "Admin"),
    ("None", "No basic role"),
];

/// A `<select>` of org roles.
#[component]
pub fn RolePicker(
    /// Accessible name, e.g. `Role of my-account`.
    #[prop(into)]
    aria_label: String,
    /// Current role.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the chosen role.
    #[prop(into)]
    on_change: Callback<String>,
    /// Element id (for an external `<label for>`).
    #[prop(optional, into)]
    id: Option<String>,
    /// Not editable.
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    mount_theme();
    view! {
        <select
            id=id
            class="lg-input lg-role-picker"
            aria-label=aria_label
            disabled=move || disabled.get()
            prop:value=move || value.get()
            on:change:target=move |ev| on_change.run(ev.target().value())
        >
            {ORG_ROLES
                .map(|(role, label)| {
                    view! {
                        <option value=role selected=move || value.get() == role>
                            {label}
                        </option>
                    }
                })}
        </select>
    }
}
