//! `TagsInput`: edits a list of strings (Grafana's `TagsInput`), e.g. allowed cookies.

use crate::components::field::{described_by, Field};
use crate::components::{mount_style, unique_id};
use leptos::prelude::*;

/// A list of strings: type and press Enter (or **Add**) to add, × to remove.
#[component]
pub fn TagsInput(
    /// Visible label.
    #[prop(into)]
    label: String,
    /// Current list.
    #[prop(into)]
    tags: Signal<Vec<String>>,
    /// Called with the whole new list.
    #[prop(into)]
    on_change: Callback<Vec<String>>,
    /// Help text.
    #[prop(optional, into)]
    description: MaybeProp<String>,
    /// Placeholder of the text box.
    #[prop(optional, into)]
    placeholder: MaybeProp<String>,
    /// Read-only.
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    mount_style("lg-tags-input", include_str!("tags_input.css"));
    let id = unique_id("lg-tags-input");
    let draft = RwSignal::new(String::new());
    let add = move || {
        let tag = draft.get_untracked().trim().to_owned();
        if tag.is_empty() || disabled.get_untracked() {
            return;
        }
        let mut list = tags.get_untracked();
        if !list.contains(&tag) {
            list.push(tag);
            on_change.run(list);
        }
        draft.set(String::new());
    };
    let has_description = description.get_untracked().is_some();
    let aria_described_by = described_by(&id, has_description, false);
    let label_for_remove = label.clone();
    view! {
        <Field control_id=id.clone() label=label description=description>
            <div class="lg-tags">
                <div class="lg-field__row">
                    <input
                        id=id.clone()
                        class="lg-input"
                        placeholder=move || placeholder.get()
                        aria-describedby=aria_described_by
                        disabled=move || disabled.get()
                        prop:value=move || draft.get()
                        on:input:target=move |ev| draft.set(ev.target().value())
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add();
                            }
                        }
                    />
                    <button type="button" class="lg-button" disabled=move || disabled.get() on:click=move |_| add()>
                        "Add"
                    </button>
                </div>
                <ul class="lg-tags__list" aria-label=format!("{label_for_remove} list")>
                    <For each=move || tags.get() key=|t| t.clone() let:tag>
                        <li class="lg-tags__tag">
                            {tag.clone()}
                            <button
                                type="button"
                                class="lg-icon-button"
                                aria-label=format!("Remove {tag}")
                                disabled=move || disabled.get()
                                on:click={
                                    let tag = tag.clone();
                                    move |_| {
                                        let list: Vec<String> = tags
                                            .get_untracked()
                                            .into_iter()
                                            .filter(|t| *t != tag)
                                            .collect();
                                        on_change.run(list);
                                    }
                                }
                            >
                                "×"
                            </button>
                        </li>
                    </For>
                </ul>
            </div>
        </Field>
    }
}
