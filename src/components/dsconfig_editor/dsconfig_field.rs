//! `DsConfigField`: one field of a `dsconfig.json`, rendered by its control, shown while
//! its `dependsOn` holds (hidden otherwise, keeping what was typed).

use super::IndexedPairs;
use crate::components::config_editor::Editor;
use crate::components::field::Field;
use crate::components::{SecretInput, SecretTextArea, Switch, TagsInput, TextField};
use crate::model::dsconfig_form::{
    choice_value, control, is_disabled, is_required, is_shown, placeholder, reset_field,
    set_number_text, set_value, value, value_text, Choice, Control,
};
use crate::model::{is_secret_configured, DataSourceSettings};
use grafana_model::dsconfig::{DsConfig, DsField};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// One field.
#[component]
pub fn DsConfigField(
    /// The editor this belongs to.
    editor: Editor,
    /// The whole schema (conditions read other fields).
    config: Signal<DsConfig>,
    /// The field.
    field: DsField,
) -> impl IntoView {
    let Some(control) = control(&field) else {
        return ().into_any();
    };
    let field = Arc::new(field);
    // The field's id, owned by its reactive owner (freed with it): what a change touches.
    let key = StoredValue::new(field.id.clone());
    let change = move |transition: Box<dyn FnOnce(DataSourceSettings) -> DataSourceSettings>| {
        key.with_value(|k| editor.change(k, transition));
    };
    let id = editor.id(&format!("dsconfig-{}", field.id));
    let label = if field.label.is_empty() {
        field.key.clone()
    } else {
        field.label.clone()
    };
    let description = field.description.clone();
    let shown = {
        let f = field.clone();
        Memo::new(move |_| config.with(|c| editor.options.with(|o| is_shown(c, &f, o))))
    };
    let required = {
        let f = field.clone();
        Signal::derive(move || config.with(|c| editor.options.with(|o| is_required(c, &f, o))))
    };
    let disabled = {
        let f = field.clone();
        Signal::derive(move || {
            editor.read_only.get()
                || config.with(|c| editor.options.with(|o| is_disabled(c, &f, o)))
        })
    };
    let error = editor.error_signal(field.id.clone());
    let text = {
        let f = field.clone();
        Signal::derive(move || editor.options.with(|o| value_text(&f, o)))
    };
    let write = {
        let f = field.clone();
        move |v: Value| {
            let f = f.clone();
            change(Box::new(move |s| set_value(&f, s, v)));
        }
    };
    let placeholder = placeholder(&field);

    let body = match control {
        Control::Text { input_type } => {
            let write = write.clone();
            view! {
                <TextField id=id label=label description=description placeholder=placeholder required input_type
                    value=text error disabled on_input=move |v: String| write(Value::String(v)) />
            }
            .into_any()
        }
        Control::TextArea => {
            let write = write.clone();
            view! {
                <TextField id=id label=label description=description placeholder=placeholder required multiline=true
                    value=text error disabled on_input=move |v: String| write(Value::String(v)) />
            }
            .into_any()
        }
        Control::Number => {
            let f = field.clone();
            view! {
                <TextField id=id label=label description=description placeholder=placeholder required input_type="text"
                    value=text error disabled
                    on_input=move |v: String| {
                        let f = f.clone();
                        change(Box::new(move |s| set_number_text(&f, s, &v)));
                    } />
            }
            .into_any()
        }
        Control::Switch => {
            let f = field.clone();
            let write = write.clone();
            view! {
                <Switch label=label description=description.unwrap_or_default()
                    checked=Signal::derive(move || editor.options.with(|o| value(&f, o) == Value::Bool(true)))
                    disabled on_change=move |on: bool| write(Value::Bool(on)) />
            }
            .into_any()
        }
        Control::Radio { options } => {
            let label_id = format!("{id}-label");
            let radios = options
                .into_iter()
                .map(|Choice { value, label }| {
                    let f = field.clone();
                    let checked = {
                        let value = value.clone();
                        move || text.get() == value
                    };
                    let chosen = value.clone();
                    view! {
                        <label class="lg-radio-group__option">
                            <input type="radio" name=id.clone() value=value prop:checked=checked
                                disabled=move || disabled.get()
                                on:change=move |_| {
                                    let (f, v) = (f.clone(), choice_value(&f, &chosen));
                                    change(Box::new(move |s| set_value(&f, s, v)));
                                } />
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <div class="lg-field">
                    <div class="lg-field__label" class:lg-field__label--required=move || required.get() id=label_id.clone()>
                        {label}
                    </div>
                    {description.map(|d| view! { <div class="lg-field__description">{d}</div> })}
                    <div class="lg-field__row">
                        <div class="lg-radio-group" role="radiogroup" aria-labelledby=label_id>{radios}</div>
                    </div>
                    {move || error.get().map(|e| view! { <div class="lg-field__error" role="alert">{e}</div> })}
                </div>
            }
            .into_any()
        }
        Control::Select { options, allow_custom } => {
            let f = field.clone();
            let on_pick = move |v: String| {
                let (f, v) = (f.clone(), choice_value(&f, &v));
                change(Box::new(move |s| set_value(&f, s, v)));
            };
            let control = if allow_custom {
                let list_id = format!("{id}-options");
                let items = options
                    .into_iter()
                    .map(|o| view! { <option value=o.value>{o.label}</option> })
                    .collect::<Vec<_>>();
                view! {
                    <input id=id.clone() class="lg-input" list=list_id.clone() placeholder=placeholder.clone().unwrap_or_else(|| "Choose or type a value".to_owned())
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        disabled=move || disabled.get() prop:value=move || text.get()
                        on:input:target=move |ev| on_pick(ev.target().value()) />
                    <datalist id=list_id>{items}</datalist>
                }
                .into_any()
            } else {
                let items = options
                    .into_iter()
                    .map(|o| {
                        let v = o.value.clone();
                        view! { <option value=o.value selected=move || text.get() == v>{o.label}</option> }
                    })
                    .collect::<Vec<_>>();
                view! {
                    <select id=id.clone() class="lg-input" disabled=move || disabled.get()
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        prop:value=move || text.get() on:change:target=move |ev| on_pick(ev.target().value())>
                        <option value="" disabled=true>{placeholder.clone().unwrap_or_else(|| "Choose".to_owned())}</option>
                        {items}
                    </select>
                }
                .into_any()
            };
            view! {
                <Field control_id=id label=label description=description error=error required=required>
                    {control}
                </Field>
            }
            .into_any()
        }
        Control::Secret { multiline } => {
            let secret_key = StoredValue::new(field.key.clone());
            let is_configured = Signal::derive(move || {
                secret_key.with_value(|k| editor.options.with(|o| is_secret_configured(o, k)))
            });
            let typed = Signal::derive(move || {
                secret_key.with_value(|k| editor.options.with(|o| o.secure_json_data.get(k).cloned().unwrap_or_default()))
            });
            let write = write.clone();
            let on_change = move |v: String| write(Value::String(v));
            let f = field.clone();
            let on_reset = move |_| {
                let f = f.clone();
                change(Box::new(move |s| reset_field(&f, s)));
            };
            let placeholder = placeholder.unwrap_or_else(|| label.clone());
            if multiline {
                view! {
                    <SecretTextArea id=id label=label description=description placeholder=placeholder required
                        is_configured value=typed error disabled on_change on_reset />
                }
                .into_any()
            } else {
                view! {
                    <SecretInput id=id label=label description=description placeholder=placeholder required
                        is_configured value=typed error disabled on_change on_reset />
                }
                .into_any()
            }
        }
        Control::List => {
            let f = field.clone();
            let write = write.clone();
            view! {
                <TagsInput label=label description=description placeholder=placeholder
                    tags=Signal::derive(move || {
                        editor.options.with(|o| match value(&f, o) {
                            Value::Array(a) => a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
                            _ => Vec::new(),
                        })
                    })
                    disabled
                    on_change={move |list: Vec<String>| write(list.into())} />
            }
            .into_any()
        }
        Control::Pairs(pairs) => view! {
            <IndexedPairs editor field_id=field.id.clone() label=label description=description pairs=*pairs disabled />
        }
        .into_any(),
    };
    // Hidden, not removed, while `dependsOn` fails: what was typed stays.
    view! { <div class="lg-dsconfig-field" data-field=field.id.clone() hidden=move || !shown.get()>{body}</div> }
        .into_any()
}
