//! `Link`: an in-app link that works under any router. With a [`LinkRouter`] in context
//! (a section of pages inside a host router), a plain click is handed to the router
//! instead of loading a page; the `href` stays real, so a middle-click, a modified click or
//! "Open in new tab" still work.

use leptos::prelude::*;

/// How links of a section of pages resolve and move, provided as context by the page that
/// owns the section.
#[derive(Clone, Copy)]
pub struct LinkRouter {
    /// The `href` of a path inside the section.
    pub href: Callback<String, String>,
    /// Goes to a path inside the section without a page load.
    pub follow: Callback<String>,
}

/// A link to `to`, a path inside the current section (`""` is its root, `/create`,
/// `/7`). Without a [`LinkRouter`], `to` is used as the `href` as it is.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::Link;
/// # #[component] fn Row() -> impl IntoView {
/// view! { <Link to="/7" class="lg-table__name">"grafana-bot"</Link> }
/// # }
/// ```
#[component]
pub fn Link(
    /// A path inside the current section.
    #[prop(into)]
    to: String,
    /// CSS classes of the `<a>`.
    #[prop(optional, into)]
    class: String,
    /// The link text.
    children: Children,
) -> impl IntoView {
    let router = use_context::<LinkRouter>();
    let href = link_href(router, &to);
    let on_click = link_click(router, to);
    view! {
        <a href=href class=class on:click=on_click>
            {children()}
        </a>
    }
}

/// The `href` of `to` under the section's router (or `to` itself without one).
pub(crate) fn link_href(router: Option<LinkRouter>, to: &str) -> String {
    match router {
        Some(r) => r.href.run(to.to_owned()),
        None => to.to_owned(),
    }
}

/// The click handler of an in-section link: a plain click goes through the router.
///
/// The listener sits on the link itself (Leptos does not delegate events), and stops the
/// click there: the host's document-level link interception (Grafana has one) never
/// follows a click this link already followed.
pub(crate) fn link_click(
    router: Option<LinkRouter>,
    to: String,
) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    move |ev: leptos::ev::MouseEvent| {
        let Some(router) = router else {
            return;
        };
        let modified =
            ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
        if modified || ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        ev.stop_propagation();
        router.follow.run(to.clone());
    }
}
