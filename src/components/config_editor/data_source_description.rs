//! plugin-ui's `DataSourceDescription`: what to configure, where the plugin's
//! documentation is, and that fields marked with * are required.

use crate::model::schema::EditorDescription;
use leptos::prelude::*;

/// The editor's opening lines.
#[component]
pub fn DataSourceDescription(
    /// Name, docs link, and whether to mention required fields.
    description: EditorDescription,
) -> impl IntoView {
    let EditorDescription {
        data_source_name,
        docs_link,
        has_required_fields,
    } = description;
    view! {
        <div class="lg-ds-description">
            <p>
                {format!(
                    "Before you can use the {data_source_name} data source, you must configure it below or in the config file. For detailed instructions, "
                )}
                <a href=docs_link target="_blank" rel="noreferrer">"view the documentation"</a>
                "."
            </p>
            {has_required_fields.then(|| view! { <p><i>"Fields marked with * are required"</i></p> })}
        </div>
    }
}
