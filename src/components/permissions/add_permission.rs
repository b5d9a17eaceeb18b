//! Add permission (Grafana's `AddPermission`): a person and a level, then **Save**; the
//! form's choices stay while it is closed and opened again.

use crate::components::unique_id;
use crate::model::OrgUserLookup;
use leptos::prelude::*;

/// The form, shown while `adding`.
#[component]
pub fn AddPermission(
    /// The form is open (Close and Save close it).
    adding: RwSignal<bool>,
    /// People to choose from.
    people: Signal<Vec<OrgUserLookup>>,
    /// The levels, in the server's order.
    levels: Signal<Vec<String>>,
    /// A request is in flight: Save waits.
    busy: Signal<bool>,
    /// Save was pressed: `(userId, level)`.
    #[prop(into)]
    on_set: Callback<(i64, String)>,
) -> impl IntoView {
    let chosen_user = RwSignal::new(String::new());
    let chosen_level = RwSignal::new("Edit".to_owned());
    let user_id = unique_id("lg-permission-user");
    let level_id = unique_id("lg-permission-level");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(user) = chosen_user.get_untracked().parse::<i64>() else {
            return;
        };
        on_set.run((user, chosen_level.get_untracked()));
        adding.set(false);
        chosen_user.set(String::new());
    };
    view! {
        <Show when=move || adding.get()>
            <form class="lg-panel lg-permissions__add" aria-label="Add permission" on:submit=save>
                <div class="lg-permissions__add-header">
                    <h5>"Add permission"</h5>
                    <button type="button" class="lg-icon-button" aria-label="Close" on:click=move |_| adding.set(false)>
                        "×"
                    </button>
                </div>
                <div class="lg-permissions__add-row">
                    <div class="lg-field">
                        <label class="lg-field__label" for=user_id.clone()>"User"</label>
                        <select
                            id=user_id.clone()
                            class="lg-input"
                            required=true
                            prop:value=move || chosen_user.get()
                            on:change:target=move |ev| chosen_user.set(ev.target().value())
                        >
                            <option value="">"Choose a user"</option>
                            <For each=move || people.get() key=|u| u.user_id let:person>
                                <option value=person.user_id.to_string()>{person.login.clone()}</option>
                            </For>
                        </select>
                    </div>
                    <div class="lg-field">
                        <label class="lg-field__label" for=level_id.clone()>"Permission level"</label>
                        <select
                            id=level_id.clone()
                            class="lg-input"
                            prop:value=move || chosen_level.get()
                            on:change:target=move |ev| chosen_level.set(ev.target().value())
                        >
                            <For each=move || levels.get() key=|l| l.clone() let:level>
                                <option value=level.clone()>{level.clone()}</option>
                            </For>
                        </select>
                    </div>
                    <button
                        type="submit"
                        class="lg-button lg-button--primary"
                        disabled=move || busy.get() || chosen_user.with(String::is_empty)
                    >
                        "Save"
                    </button>
                </div>
            </form>
        </Show>
    }
}
