//! `DsConfigField`: one field of a `dsconfig.json`, rendered by its control, shown while
//! its `dependsOn` holds (hidden otherwise, keeping what was typed). The controls with
//! choices (radio, select) are in [`choices`]; every control reads the same [`Parts`].

mod choices;

use super::IndexedPairs;
use crate::components::config_editor::Editor;
use crate::components::{SecretInput, Switch, TagsInput, TextField};
use crate::model::dsconfig_form::{
    control, is_disabled, is_required, is_shown, placeholder, reset_field, set_number_text,
    set_value, value, value_text, Control,
};
use crate::model::DataSourceSettings;
use grafana_model::dsconfig::{DsConfig, DsField};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// What every control of one field reads: its element id, texts, and signals.
#[derive(Clone)]
struct Parts {
    editor: Editor,
    /// The field's id, owned by its reactive owner (freed with it): what a change touches.
    key: StoredValue<String>,
    field: Arc<DsField>,
    id: String,
    label: String,
    description: Option<String>,
    placeholder: Option<String>,
    required: Signal<bool>,
    disabled: Signal<bool>,
    error: Signal<Option<String>>,
    /// The stored value as the control shows it.
    text: Signal<String>,
}

impl Parts {
    fn new(editor: Editor, config: Signal<DsConfig>, field: DsField) -> Self {
        let field = Arc::new(field);
        let label = if field.label.is_empty() {
            field.key.clone()
        } else {
            field.label.clone()
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
        let text = {
            let f = field.clone();
            Signal::derive(move || editor.options.with(|o| value_text(&f, o)))
        };
        Self {
            editor,
            key: StoredValue::new(field.id.clone()),
            id: editor.id(&format!("dsconfig-{}", field.id)),
            label,
            description: field.description.clone(),
            placeholder: placeholder(&field),
            required,
            disabled,
            error: editor.error_signal(field.id.clone()),
            text,
            field,
        }
    }

    /// Applies `transition`, touching this field.
    fn change(&self, transition: impl FnOnce(DataSourceSettings) -> DataSourceSettings) {
        let editor = self.editor;
        self.key.with_value(|k| editor.change(k, transition));
    }

    /// Stores `v` where the field's `target` says.
    fn write(&self, v: Value) {
        let f = self.field.clone();
        self.change(move |s| set_value(&f, s, v));
    }
}

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
    let p = Parts::new(editor, config, field);
    let shown = {
        let f = p.field.clone();
        Memo::new(move |_| config.with(|c| editor.options.with(|o| is_shown(c, &f, o))))
    };
    let body = match control {
        Control::Text { input_type } => text_view(p.clone(), input_type, false, write_text(&p)),
        Control::TextArea => text_view(p.clone(), "text", true, write_text(&p)),
        Control::Number => {
            let w = p.clone();
            let on_input = Callback::new(move |v: String| {
                let f = w.field.clone();
                w.change(move |s| set_number_text(&f, s, &v));
            });
            text_view(p.clone(), "text", false, on_input)
        }
        Control::Switch => {
            let (w, f) = (p.clone(), p.field.clone());
            let (label, description, disabled) =
                (p.label.clone(), p.description.clone(), p.disabled);
            view! {
                <Switch label=label description=description.unwrap_or_default()
                    checked=Signal::derive(move || editor.options.with(|o| value(&f, o) == Value::Bool(true)))
                    disabled on_change=move |on: bool| w.write(Value::Bool(on)) />
            }
            .into_any()
        }
        Control::Radio { options } => choices::radio_view(p.clone(), options),
        Control::Select {
            options,
            allow_custom,
        } => choices::select_view(p.clone(), options, allow_custom),
        Control::Secret { multiline } => secret_view(p.clone(), multiline),
        Control::List => {
            let (w, f) = (p.clone(), p.field.clone());
            let (label, description, placeholder, disabled) = (
                p.label.clone(),
                p.description.clone(),
                p.placeholder.clone(),
                p.disabled,
            );
            view! {
                <TagsInput label=label description=description placeholder=placeholder
                    tags=Signal::derive(move || {
                        editor.options.with(|o| match value(&f, o) {
                            Value::Array(a) => a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
                            _ => Vec::new(),
                        })
                    })
                    disabled
                    on_change={move |list: Vec<String>| w.write(list.into())} />
            }
            .into_any()
        }
        Control::Pairs(pairs) => {
            let (label, description, disabled) =
                (p.label.clone(), p.description.clone(), p.disabled);
            view! {
                <IndexedPairs editor field_id=p.field.id.clone() label=label description=description pairs=*pairs disabled />
            }
            .into_any()
        }
    };
    // Hidden, not removed, while `dependsOn` fails: what was typed stays.
    view! { <div class="lg-dsconfig-field" data-field=p.field.id.clone() hidden=move || !shown.get()>{body}</div> }
        .into_any()
}

/// Stores what is typed as a string.
fn write_text(p: &Parts) -> Callback<String> {
    let w = p.clone();
    Callback::new(move |v: String| w.write(Value::String(v)))
}

/// A text input (`input_type`), or a text area; every keystroke calls `on_input`.
fn text_view(
    p: Parts,
    input_type: &'static str,
    multiline: bool,
    on_input: Callback<String>,
) -> AnyView {
    view! {
        <TextField id=p.id label=p.label description=p.description placeholder=p.placeholder
            required=p.required input_type multiline value=p.text error=p.error disabled=p.disabled on_input />
    }
    .into_any()
}

/// A write-only secret: a password input, or a masked text area for certificates.
fn secret_view(p: Parts, multiline: bool) -> AnyView {
    let editor = p.editor;
    let is_configured = editor.secret_configured(p.field.key.clone());
    let typed = editor.secret_typed(p.field.key.clone());
    let (w, r) = (p.clone(), p.clone());
    let on_change = move |v: String| w.write(Value::String(v));
    let on_reset = move |_| {
        let f = r.field.clone();
        r.change(move |s| reset_field(&f, s));
    };
    let Parts {
        id,
        label,
        description,
        placeholder,
        required,
        error,
        disabled,
        ..
    } = p;
    let placeholder = placeholder.unwrap_or_else(|| label.clone());
    view! {
        <SecretInput id=id label=label description=description placeholder=placeholder required
            is_configured value=typed error disabled on_change on_reset multiline />
    }
    .into_any()
}
