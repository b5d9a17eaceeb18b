//! `PluginField`: one field of a plugin's schema, rendered by its kind.

use super::SecretField;
use crate::components::field::Field;
use crate::components::{Switch, TagsInput, TextField};
use crate::model::validation::number_input_value;
use crate::model::{remove_json, set_json, FieldKind, FieldSchema};
use leptos::prelude::*;
use serde_json::Value;

controlled_section! {
    /// Renders `field` bound to `jsonData[key]` or, for secret kinds, `secureJsonData[key]`.
    ///
    /// Used on its own, as plugin-ui's controlled sections are:
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// # use leptos_grafana::components::PluginField;
    /// # use leptos_grafana::model::{DataSourceSettings, FieldKind, FieldSchema};
    /// # #[component] fn Page() -> impl IntoView {
    /// let options = RwSignal::new(DataSourceSettings::default());
    /// view! { <PluginField config=options on_change=move |next| options.set(next) field=FieldSchema::new(FieldKind::Text, "projectId", "Project ID") /> }
    /// # }
    /// ```
    pub fn PluginField[editor](
        /// The field's schema.
        field: FieldSchema,
    ) {
        let id = editor.id(&format!("plugin-field-{}", field.key));
        let error = editor.error_signal(field.key.clone());
        let text = editor.json_text(field.key.clone());
        // The key, owned by this field's reactive owner (freed with it).
        let key = StoredValue::new(field.key.clone());
        let write = move |value: Value| key.with_value(|k| editor.change(k, |s| set_json(s, k, value)));
        let write_text = move |v: String| write(v.into());
        match field.kind {
            FieldKind::Text | FieldKind::Url | FieldKind::Multiline | FieldKind::Number => {
                let on_input = if field.kind == FieldKind::Number {
                    // A number, or nothing while the text is not one.
                    Callback::new(move |v: String| {
                        key.with_value(|k| {
                            editor.change(k, |s| match number_input_value(&v) {
                                Some(value) => set_json(s, k, value),
                                None => remove_json(s, k),
                            })
                        })
                    })
                } else {
                    Callback::new(write_text)
                };
                view! {
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
                        on_input
                    />
                }
                .into_any()
            }
            FieldKind::Switch => view! {
                <Switch
                    label=field.label
                    description=field.description.unwrap_or_default()
                    checked=Signal::derive(move || {
                        key.with_value(|k| editor.options.with(|o| o.json_data.get(k).and_then(Value::as_bool).unwrap_or(false)))
                    })
                    disabled=editor.read_only
                    on_change=move |on: bool| write(on.into())
                />
            }
            .into_any(),
            FieldKind::Select => select_view(field, id, text, error, editor.read_only, write_text),
            FieldKind::Secret | FieldKind::SecretMultiline => view! {
                <SecretField
                    editor
                    key=field.key
                    id=id
                    label=field.label
                    description=field.description
                    placeholder=field.placeholder
                    required=field.required
                    multiline=field.kind == FieldKind::SecretMultiline
                />
            }
            .into_any(),
            FieldKind::StringList => view! {
                <TagsInput
                    label=field.label
                    description=field.description
                    placeholder=field.placeholder
                    tags=Signal::derive(move || {
                        key.with_value(|k| editor.options.with(|o| {
                            o.json_data.get(k).and_then(Value::as_array)
                                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                                .unwrap_or_default()
                        }))
                    })
                    disabled=editor.read_only
                    on_change={move |list: Vec<String>| write(list.into())}
                />
            }
            .into_any(),
        }
    }
}

/// A `select` kind: its options, with the placeholder as a disabled first one.
fn select_view(
    field: FieldSchema,
    id: String,
    text: Signal<String>,
    error: Signal<Option<String>>,
    read_only: Signal<bool>,
    write_text: impl Fn(String) + Send + Sync + 'static,
) -> AnyView {
    let placeholder = field
        .placeholder
        .clone()
        .unwrap_or_else(|| "Choose".to_owned());
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
                disabled=move || read_only.get()
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
