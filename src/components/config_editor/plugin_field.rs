//! `PluginField`: one field of a plugin's schema, rendered by its kind.

use super::editor::intern_key;
use super::Editor;
use crate::components::field::Field;
use crate::components::{SecretInput, SecretTextArea, Switch, TagsInput, TextField};
use crate::model::validation::number_input_value;
use crate::model::{
    is_secret_configured, remove_json, reset_secret, set_json, set_secret, FieldKind, FieldSchema,
};
use leptos::prelude::*;
use serde_json::Value;

/// Renders `field` bound to `jsonData[key]` or, for secret kinds, `secureJsonData[key]`.
#[component]
pub fn PluginField(
    /// The editor this belongs to.
    editor: Editor,
    /// The field's schema.
    field: FieldSchema,
) -> impl IntoView {
    let key = intern_key(&field.key);
    let id = editor.id(&format!("plugin-field-{key}"));
    let error = Signal::derive(move || editor.error_for(key));
    let text = editor.json_text(key);
    let write_text = move |v: String| editor.change(key, |s| set_json(s, key, v.into()));
    match field.kind {
        FieldKind::Text | FieldKind::Url | FieldKind::Multiline => view! {
            <TextField
                id=id
                label=field.label
                description=field.description
                placeholder=field.placeholder
                required=field.required
                input_type=if field.kind == FieldKind::Url { "url" } else { "text" }
                multiline=field.kind == FieldKind::Multiline
                value=text
                error=error
                disabled=editor.read_only
                on_input=write_text
            />
        }
        .into_any(),
        FieldKind::Number => view! {
            <TextField
                id=id
                label=field.label
                description=field.description
                placeholder=field.placeholder
                required=field.required
                value=text
                error=error
                disabled=editor.read_only
                on_input=move |v: String| {
                    editor
                        .change(
                            key,
                            |s| match number_input_value(&v) {
                                Some(value) => set_json(s, key, value),
                                None => remove_json(s, key),
                            },
                        )
                }
            />
        }
        .into_any(),
        FieldKind::Switch => view! {
            <Switch
                label=field.label
                description=field.description.unwrap_or_default()
                checked=Signal::derive(move || editor.options.with(|o| o.json_data.get(key).and_then(Value::as_bool).unwrap_or(false)))
                disabled=editor.read_only
                on_change=move |on: bool| editor.change(key, |s| set_json(s, key, on.into()))
            />
        }
        .into_any(),
        FieldKind::Select => {
            let placeholder = field.placeholder.clone().unwrap_or_else(|| "Choose".to_owned());
            let options = field
                .options
                .iter()
                .map(|o| {
                    let value = o.value.clone();
                    let selected = move || text.get() == value;
                    view! { <option value=o.value.clone() selected=selected>{o.label.clone()}</option> }
                })
                .collect::<Vec<_>>();
            view! {
                <Field control_id=id.clone() label=field.label description=field.description error=error required=field.required>
                    <select
                        id=id.clone()
                        class="lg-input"
                        disabled=move || editor.read_only.get()
                        prop:value=move || text.get()
                        on:change:target=move |ev| write_text(ev.target().value())
                    >
                        <option value="" disabled=true>{placeholder}</option>
                        {options}
                    </select>
                </Field>
            }
            .into_any()
        }
        FieldKind::Secret | FieldKind::SecretMultiline => {
            let is_configured = Signal::derive(move || editor.options.with(|o| is_secret_configured(o, key)));
            let value = Signal::derive(move || editor.options.with(|o| o.secure_json_data.get(key).cloned().unwrap_or_default()));
            let on_change = move |v: String| editor.change(key, |s| set_secret(s, key, &v));
            let on_reset = move |_| editor.change(key, |s| reset_secret(s, key));
            if field.kind == FieldKind::Secret {
                view! {
                    <SecretInput id=id label=field.label description=field.description placeholder=field.placeholder
                        required=field.required is_configured value disabled=editor.read_only on_change on_reset />
                }
                .into_any()
            } else {
                view! {
                    <SecretTextArea id=id label=field.label description=field.description placeholder=field.placeholder
                        required=field.required is_configured value disabled=editor.read_only on_change on_reset />
                }
                .into_any()
            }
        }
        FieldKind::StringList => view! {
            <TagsInput
                label=field.label
                description=field.description
                placeholder=field.placeholder
                tags=Signal::derive(move || {
                    editor.options.with(|o| {
                        o.json_data.get(key).and_then(Value::as_array)
                            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                            .unwrap_or_default()
                    })
                })
                disabled=editor.read_only
                on_change={move |list: Vec<String>| editor.change(key, |s| set_json(s, key, list.into()))}
            />
        }
        .into_any(),
    }
}
