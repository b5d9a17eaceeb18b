//! The controls of a dsconfig field with choices: radio buttons side by side, and a
//! select (with a datalist when `allowCustom` takes typed values too).

use super::Parts;
use crate::components::field::Field;
use crate::model::dsconfig_form::{choice_value, set_value, Choice};
use leptos::prelude::*;

/// `radio`: one of a few, in a labelled radio group.
pub(super) fn radio_view(p: Parts, options: Vec<Choice>) -> AnyView {
    let label_id = format!("{}-label", p.id);
    let (text, disabled) = (p.text, p.disabled);
    let radios = options
        .into_iter()
        .map(|Choice { value, label }| {
            let w = p.clone();
            let checked = {
                let value = value.clone();
                move || text.get() == value
            };
            let chosen = value.clone();
            view! {
                <label class="lg-radio-group__option">
                    <input type="radio" name=p.id.clone() value=value prop:checked=checked
                        disabled=move || disabled.get()
                        on:change=move |_| {
                            let (f, v) = (w.field.clone(), choice_value(&w.field, &chosen));
                            w.change(move |s| set_value(&f, s, v));
                        } />
                    <span>{label}</span>
                </label>
            }
        })
        .collect::<Vec<_>>();
    let Parts {
        label,
        description,
        required,
        error,
        ..
    } = p;
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

/// `select`: one of several; with `allow_custom`, an input with a datalist.
pub(super) fn select_view(p: Parts, options: Vec<Choice>, allow_custom: bool) -> AnyView {
    let w = p.clone();
    let on_pick = move |v: String| {
        let (f, v) = (w.field.clone(), choice_value(&w.field, &v));
        w.change(move |s| set_value(&f, s, v));
    };
    let (id, placeholder, text, error, disabled) = (
        p.id.clone(),
        p.placeholder.clone(),
        p.text,
        p.error,
        p.disabled,
    );
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
        <Field control_id=id label=p.label description=p.description error=error required=p.required>
            {control}
        </Field>
    }
    .into_any()
}
