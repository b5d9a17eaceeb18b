//! The settings' buttons (Grafana's `ButtonRow`): **Back**, **Delete** (when the user
//! may), and **Save & test** (only **Test** for a user who may not save).

use leptos::prelude::*;

/// The buttons; **Save & test** submits the form around them.
#[component]
pub fn ButtonRow(
    /// The user may save: the submit button is **Save & test**, else **Test**.
    can_write: bool,
    /// The user may delete: **Delete** is shown.
    can_delete: bool,
    /// A request is running: the buttons wait (and the submit button spins).
    busy: RwSignal<bool>,
    /// **Delete** was pressed (the page confirms first).
    #[prop(into)]
    on_delete: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="lg-button-row">
            <a class="lg-button" href="/datasources">
                "Back"
            </a>
            {can_delete
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="lg-button lg-button--destructive"
                            disabled=move || busy.get()
                            on:click=move |_| on_delete.run(())
                        >
                            "Delete"
                        </button>
                    }
                })}
            <button type="submit" class="lg-button lg-button--primary" disabled=move || busy.get() aria-busy=move || busy.get().then_some("true")>
                {move || busy.get().then(|| view! { <span class="lg-spinner" aria-hidden="true"></span> })}
                {if can_write { "Save & test" } else { "Test" }}
            </button>
        </div>
    }
}
