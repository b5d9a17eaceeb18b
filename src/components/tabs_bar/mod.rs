//! `TabsBar`: Grafana's row of tabs, each an in-section link with its own URL (a tab is
//! a page: Back, reload and a shared address open it). The current tab is
//! `aria-selected` and `aria-current="page"`.

use super::link::{link_click, link_href, LinkRouter};
use crate::components::{mount_style, mount_theme};
use leptos::prelude::*;

/// One tab: its title and the in-section path it opens.
#[derive(Clone, Debug, PartialEq)]
pub struct Tab {
    /// The visible title.
    pub title: String,
    /// A path inside the current section (see [`crate::components::Link`]).
    pub to: String,
    /// This tab is the current page.
    pub active: bool,
}

/// The bar.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::tabs_bar::{Tab, TabsBar};
/// # #[component] fn Account() -> impl IntoView {
/// let tabs = vec![
///     Tab { title: "Information".into(), to: "/u1/information".into(), active: true },
///     Tab { title: "Tokens".into(), to: "/u1/tokens".into(), active: false },
/// ];
/// view! { <TabsBar label="Service account" tabs=tabs /> }
/// # }
/// ```
#[component]
pub fn TabsBar(
    /// The accessible name of the tab list.
    #[prop(into)]
    label: String,
    /// The tabs, in order.
    #[prop(into)]
    tabs: Signal<Vec<Tab>>,
) -> impl IntoView {
    mount_theme();
    mount_style("lg-tabs-bar", include_str!("tabs_bar.css"));
    let router = use_context::<LinkRouter>();
    view! {
        <div class="lg-tabs" role="tablist" aria-label=label>
            // `try_get`: when the page that owns the tabs is dropped in the same update that
            // changes them, the list is gone rather than read after disposal.
            <For each=move || tabs.try_get().unwrap_or_default() key=|t| (t.to.clone(), t.active) let:tab>
                <a
                    role="tab"
                    class="lg-tabs__tab"
                    class:lg-tabs__tab--active=tab.active
                    href=link_href(router, &tab.to)
                    aria-selected=if tab.active { "true" } else { "false" }
                    aria-current=tab.active.then_some("page")
                    on:click=link_click(router, tab.to.clone())
                >
                    {tab.title.clone()}
                </a>
            </For>
        </div>
    }
}
