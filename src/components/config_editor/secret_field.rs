//! `SecretField`: a `SecretInput` bound to one `secureJsonData[key]` of an [`Editor`]:
//! "configured" + **Reset** once saved, what was typed while editing, disabled when the
//! editor is read-only.

use super::Editor;
use crate::components::SecretInput;
use crate::model::{reset_secret, set_secret};
use leptos::prelude::*;

/// The secret `key` of `editor` (a password input, or a text area with `multiline`).
#[component]
pub(crate) fn SecretField(
    /// The section's editor.
    editor: Editor,
    /// The `secureJsonData` key.
    #[prop(into)]
    key: String,
    /// Visible label.
    #[prop(into)]
    label: String,
    /// Placeholder.
    #[prop(optional, into)]
    placeholder: MaybeProp<String>,
    /// Help text.
    #[prop(optional, into)]
    description: MaybeProp<String>,
    /// Element id; generated when absent.
    #[prop(optional, into)]
    id: MaybeProp<String>,
    /// Must be filled in.
    #[prop(optional)]
    required: bool,
    /// Validation message.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// A certificate or key: a masked text area.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let is_configured = editor.secret_configured(key.clone());
    let value = editor.secret_typed(key.clone());
    // The key, owned by this field's reactive owner (freed with it).
    let key = StoredValue::new(key);
    view! {
        <SecretInput
            id
            label
            placeholder
            description
            required
            error
            multiline
            is_configured
            value
            disabled=editor.read_only
            on_change=move |v: String| key.with_value(|k| editor.change(k, |s| set_secret(s, k, &v)))
            on_reset=move |_| key.with_value(|k| editor.change(k, |s| reset_secret(s, k)))
        />
    }
}
