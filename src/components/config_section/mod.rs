//! `ConfigSection`: a titled (optionally collapsible) section of a config editor, like
//! plugin-ui's `ConfigSection` / `ConfigSubSection`. Collapsing hides the body but keeps
//! it mounted, so typed but unsaved text survives.

use crate::components::{mount_style, mount_theme, unique_id};
use leptos::prelude::*;

/// A section with a heading, a description and a body.
#[component]
pub fn ConfigSection(
    /// Heading text.
    #[prop(into)]
    title: String,
    /// Text under the heading.
    #[prop(optional, into)]
    description: Option<String>,
    /// Show a toggle that hides and shows the body.
    #[prop(optional)]
    collapsible: bool,
    /// Whether a collapsible section starts open (default open).
    #[prop(optional)]
    initially_open: Option<bool>,
    /// A sub-section (smaller heading, indented).
    #[prop(optional)]
    sub: bool,
    /// The section's content.
    children: Children,
) -> impl IntoView {
    mount_theme();
    mount_style("lg-config-section", include_str!("config_section.css"));
    let open = RwSignal::new(initially_open.unwrap_or(true));
    let body_id = unique_id("lg-section-body");
    let heading_id = unique_id("lg-section-title");
    let class = if sub {
        "lg-config-section lg-config-section--sub"
    } else {
        "lg-config-section"
    };
    let heading = if sub {
        view! { <h4 class="lg-config-section__title" id=heading_id.clone()>{title.clone()}</h4> }
            .into_any()
    } else {
        view! { <h3 class="lg-config-section__title" id=heading_id.clone()>{title.clone()}</h3> }
            .into_any()
    };
    // plugin-ui 0.17's accessible names: "Expand section X" / "Collapse section X".
    let toggle_title = title.clone();
    let toggle_label = move || {
        let verb = if open.get() { "Collapse" } else { "Expand" };
        format!("{verb} section {toggle_title}")
    };
    view! {
        <section class=class aria-labelledby=heading_id>
            <div class="lg-config-section__header">
                {collapsible
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="lg-icon-button"
                                aria-expanded=move || if open.get() { "true" } else { "false" }
                                aria-controls=body_id.clone()
                                aria-label=toggle_label.clone()
                                on:click=move |_| open.update(|o| *o = !*o)
                            >
                                {move || if open.get() { "▾" } else { "▸" }}
                            </button>
                        }
                    })}
                {heading}
            </div>
            {description.map(|d| view! { <p class="lg-config-section__description">{d}</p> })}
            <div class="lg-config-section__body" id=body_id.clone() hidden=move || !open.get()>
                {children()}
            </div>
        </section>
    }
}
