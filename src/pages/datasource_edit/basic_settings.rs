//! The settings' first row (Grafana's `BasicSettings`): the data source's Name and the
//! Default switch.

use crate::components::{Switch, TextField};
use crate::model::{set_option, DataSourceSettings, SettingsOption};
use leptos::prelude::*;

/// Name and Default, edited in `options`.
#[component]
pub fn BasicSettings(
    /// The settings being edited.
    options: RwSignal<DataSourceSettings>,
    /// Show "Name is required" (after a save was tried).
    show_all_errors: RwSignal<bool>,
    /// The user may change the data source.
    can_write: bool,
) -> impl IntoView {
    let name_error = Signal::derive(move || {
        (show_all_errors.get() && options.with(|o| o.name.trim().is_empty()))
            .then(|| "Name is required".to_owned())
    });
    view! {
        <div class="lg-basic-settings">
            <TextField
                id="basic-settings-name"
                label="Name"
                required=true
                placeholder="Name"
                description="The name is used when you select the data source in panels. The default data source is 'preselected in new panels."
                value=Signal::derive(move || options.with(|o| o.name.clone()))
                error=name_error
                disabled=!can_write
                on_input=move |v: String| options.update(|o| *o = set_option(o.clone(), SettingsOption::Name(v)))
            />
            <Switch
                label="Default"
                checked=Signal::derive(move || options.with(|o| o.is_default))
                disabled=!can_write
                on_change=move |on: bool| options.update(|o| *o = set_option(o.clone(), SettingsOption::IsDefault(on)))
            />
        </div>
    }
}
