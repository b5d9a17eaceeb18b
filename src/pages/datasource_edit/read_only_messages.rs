//! Why the settings cannot be changed, in Grafana's words: a provisioned data source
//! (`DataSourceReadOnlyMessage`), or a user without the right
//! (`DataSourceMissingRightsMessage`).

use crate::components::Alert;
use leptos::prelude::*;

/// The data source was provisioned (added by config).
#[component]
pub fn DataSourceReadOnlyMessage() -> impl IntoView {
    view! {
        <Alert title="Provisioned data source">
            "This data source was added by config and cannot be modified using the UI. Please contact your server admin to update this data source."
        </Alert>
    }
}

/// The user may not change the data source.
#[component]
pub fn DataSourceMissingRightsMessage() -> impl IntoView {
    view! {
        <Alert title="Missing rights">
            "You are not allowed to modify this data source. Please contact your server admin to update this data source."
        </Alert>
    }
}
