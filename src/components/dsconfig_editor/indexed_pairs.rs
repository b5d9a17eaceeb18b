//! `IndexedPairs`: the rows of a dsconfig `indexedPair` field (custom HTTP headers: a name
//! in `jsonData.httpHeaderName{N}`, a write-only value in `secureJsonData.httpHeaderValue{N}`).
//!
//! Each row keeps the number it is stored under: removing a row never moves another row's
//! stored secret to a new name, and "Add" takes a number above every one in use. A
//! removed row's stored secret is removed with it. The rows are read from the settings on
//! every render, so there is no second copy to fall out of step.

use crate::components::config_editor::Editor;
use crate::components::{Icon, IconName, SecretInput, TextField};
use crate::model::dsconfig_form::{pair_name_key, pair_rows, PairsControl};
use grafana_model::dsconfig::{flatten_indexed_pair, next_pair_index, PairRow, PairValue, Target};
use leptos::prelude::*;
use std::sync::Arc;

/// The rows, with "Add {item}" under them.
#[component]
pub fn IndexedPairs(
    /// The editor this belongs to.
    editor: Editor,
    /// The field's id (errors are keyed `{id}.{index}.name`).
    #[prop(into)]
    field_id: String,
    /// The field's label.
    label: String,
    /// Its description.
    description: Option<String>,
    /// Where names and values are stored, the columns, the limit.
    pairs: PairsControl,
    /// No edits.
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let pairs = Arc::new(pairs);
    let field_id = StoredValue::new(field_id);
    let rows = {
        let p = pairs.clone();
        Memo::new(move |_| editor.options.with(|o| pair_rows(&p, o)))
    };
    let write: Write = {
        let p = pairs.clone();
        // `touched`: the key whose message may now show (a row's name, or the field).
        Arc::new(move |next: Vec<PairRow>, touched: &str| {
            let p = p.clone();
            editor.change(touched, move |s| {
                flatten_indexed_pair(&p.key, &p.value, p.start_index, &next, s)
            });
        })
    };
    let edit: Edit = {
        let write = write.clone();
        Arc::new(move |index: u32, change: Box<dyn FnOnce(&mut PairRow)>| {
            let mut next = rows.get_untracked();
            if let Some(row) = next.iter_mut().find(|r| r.index == index) {
                change(row);
            }
            write(next, &field_id.with_value(|id| pair_name_key(id, index)));
        })
    };
    let add = {
        let (p, write) = (pairs.clone(), write.clone());
        move |_| {
            let mut next = rows.get_untracked();
            let index = editor
                .options
                .with_untracked(|o| next_pair_index(&p.key, &p.value, p.start_index, &next, o));
            if let Some(index) = index {
                next.push(PairRow {
                    index,
                    name: String::new(),
                    value: PairValue::Text(String::new()),
                });
                field_id.with_value(|id| write(next, id));
            }
        }
    };
    let item = pairs.item_label.clone();
    let max = pairs.max;
    let full = move || rows.with(|r| r.len() >= max);
    let secret = pairs.value.target == Target::SecureJsonData;

    let shared = Shared {
        editor,
        rows,
        field_id,
        pairs: pairs.clone(),
        item: item.clone(),
        secret,
        disabled,
        edit,
        write,
    };

    let group_label = label.clone();
    let add_label = format!("Add {item}");
    let full_label = format!("Maximum {max} {item}s reached");
    view! {
        <div class="lg-field lg-pairs-field" role="group" aria-label=group_label>
            <div class="lg-field__label">{label}</div>
            {description.map(|d| view! { <div class="lg-field__description">{d}</div> })}
            <ol class="lg-pairs">
                <For each=move || rows.get() key=|r| r.index let:row>
                    {pair_row(shared.clone(), row)}
                </For>
            </ol>
            {move || {
                if full() {
                    view! { <p class="lg-field__description">{full_label.clone()}</p> }.into_any()
                } else {
                    let add = add.clone();
                    view! {
                        <button type="button" class="lg-button" disabled=move || disabled.get() on:click=add>
                            <Icon name=IconName::Plus />
                            {add_label.clone()}
                        </button>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// Sets `next` as the rows, touching the key named second (a row's name, or the field).
type Write = Arc<dyn Fn(Vec<PairRow>, &str) + Send + Sync>;
/// Edits the row stored under an index.
type Edit = Arc<dyn Fn(u32, Box<dyn FnOnce(&mut PairRow)>) + Send + Sync>;

/// What every row of one field reads.
#[derive(Clone)]
struct Shared {
    editor: Editor,
    rows: Memo<Vec<PairRow>>,
    field_id: StoredValue<String>,
    pairs: Arc<PairsControl>,
    item: String,
    secret: bool,
    disabled: Signal<bool>,
    edit: Edit,
    write: Write,
}

/// One row: its name, its value (a secret when stored in `secureJsonData`), Remove.
fn pair_row(shared: Shared, row: PairRow) -> impl IntoView {
    let Shared {
        editor,
        rows,
        field_id,
        pairs: p,
        item,
        secret,
        disabled,
        edit,
        write,
    } = shared;
    let index = row.index;
    let position =
        move || rows.with(|r| r.iter().position(|x| x.index == index).map_or(0, |i| i + 1));
    let current = move || rows.with(|r| r.iter().find(|x| x.index == index).cloned());
    let name = Signal::derive(move || current().map(|r| r.name).unwrap_or_default());
    let typed = Signal::derive(move || match current().map(|r| r.value) {
        Some(PairValue::Text(t)) => t,
        _ => String::new(),
    });
    let configured =
        Signal::derive(move || matches!(current().map(|r| r.value), Some(PairValue::Configured)));
    let name_error = editor.error_signal(field_id.with_value(|id| pair_name_key(id, index)));
    let (edit_name, edit_value, edit_reset) = (edit.clone(), edit.clone(), edit.clone());
    let remove = {
        let write = write.clone();
        move |_| {
            let next: Vec<PairRow> = rows
                .get_untracked()
                .into_iter()
                .filter(|r| r.index != index)
                .collect();
            field_id.with_value(|id| write(next, id));
        }
    };
    let name_label = p.name.label.clone();
    let value_label = p.value_field.label.clone();
    let value_placeholder = p
        .value_field
        .placeholder
        .clone()
        .unwrap_or_else(|| format!("{item} value"));
    let remove_label = {
        let item = item.clone();
        move || format!("Remove {item} {}", position())
    };
    let value_view = if secret {
        view! {
            <SecretInput
                aria_label=Signal::derive(move || format!("{value_label} {}", position()))
                placeholder=value_placeholder
                is_configured=configured
                value=typed
                disabled
                on_change=move |v: String| edit_value(index, Box::new(move |r| r.value = PairValue::Text(v)))
                on_reset=move |_| edit_reset(index, Box::new(|r| r.value = PairValue::Text(String::new())))
            />
        }
        .into_any()
    } else {
        let edit_plain = edit.clone();
        view! {
            <TextField
                label=Signal::derive(move || format!("{value_label} {}", position()))
                placeholder=value_placeholder
                value=typed
                disabled
                on_input=move |v: String| edit_plain(index, Box::new(move |r| r.value = PairValue::Text(v)))
            />
        }
        .into_any()
    };
    view! {
        <li class="lg-pairs__row" data-index=index>
            <TextField
                label=Signal::derive(move || format!("{name_label} {}", position()))
                placeholder=p.name.placeholder.clone().unwrap_or_else(|| "key".to_owned())
                required=p.name.required
                value=name
                error=name_error
                disabled
                on_input=move |v: String| edit_name(index, Box::new(move |r| r.name = v))
            />
            {value_view}
            <button
                type="button"
                class="lg-icon-button"
                aria-label=remove_label.clone()
                title=remove_label
                disabled=move || disabled.get()
                on:click=remove
            >
                <Icon name=IconName::Trash />
            </button>
        </li>
    }
}
