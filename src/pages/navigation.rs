//! `SectionNav`: where a section of pages is mounted and how it moves, whoever owns the
//! address bar: the standalone app's router, or a host such as a Grafana app plugin page
//! whose router is Grafana's `locationService`.
//!
//! A section never touches `window.history` itself: it reads the host's location, asks
//! the host to navigate, and reports a lost session to the host.

use crate::api::ApiError;
use crate::components::LinkRouter;
use crate::model::location::{join_path, HostLocation};
use leptos::prelude::*;

/// A section's place in the host and its ways to move. `Copy`, so every closure of a
/// page can hold it.
#[derive(Clone, Copy)]
pub struct SectionNav {
    base_path: StoredValue<String>,
    href_prefix: StoredValue<String>,
    location: Signal<HostLocation>,
    navigate: Callback<(String, bool)>,
    unauthorized: Callback<ApiError>,
}

impl SectionNav {
    /// A section at `base_path` (a path the host router speaks, e.g.
    /// `/a/my-app/service-accounts`).
    ///
    /// - `href_prefix`: put before every `href` the section renders (Grafana's
    ///   `appSubUrl`, since its router paths leave it out); empty for none.
    /// - `location`: the host router's current location.
    /// - `navigate`: called with `(path, replace)` to move (`path` includes the query).
    /// - `unauthorized`: called when the API answers 401 (the session is gone).
    pub fn new(
        base_path: impl Into<String>,
        href_prefix: impl Into<String>,
        location: Signal<HostLocation>,
        navigate: Callback<(String, bool)>,
        unauthorized: Callback<ApiError>,
    ) -> Self {
        Self {
            base_path: StoredValue::new(base_path.into()),
            href_prefix: StoredValue::new(href_prefix.into().trim_end_matches('/').to_owned()),
            location,
            navigate,
            unauthorized,
        }
    }

    /// The section under the standalone app's `<Router>`: its location and navigation,
    /// and a 401 sends the user to `/login` and back.
    pub fn standalone(base_path: &str) -> Self {
        let location = leptos_router::hooks::use_location();
        let navigate = send_wrapper::SendWrapper::new(leptos_router::hooks::use_navigate());
        Self::new(
            base_path,
            "",
            Signal::derive(move || {
                HostLocation::new(location.pathname.get(), location.search.get())
            }),
            Callback::new(move |(path, replace): (String, bool)| {
                navigate(
                    &path,
                    leptos_router::NavigateOptions {
                        replace,
                        ..Default::default()
                    },
                )
            }),
            Callback::new(|_: ApiError| super::session::go_to(&super::session::login_url())),
        )
    }

    /// The host's current location (tracked).
    pub fn location(&self) -> Signal<HostLocation> {
        self.location
    }

    /// The section's base path.
    pub fn base_path(&self) -> String {
        self.base_path.get_value()
    }

    /// The host-router path of `to` (a path inside the section, `""` for its root, or a
    /// query for the root, `?page=2`).
    pub fn path(&self, to: &str) -> String {
        self.base_path.with_value(|base| join_path(base, to))
    }

    /// The `href` of `to`, with the host's prefix.
    pub fn href(&self, to: &str) -> String {
        format!("{}{}", self.href_prefix.get_value(), self.path(to))
    }

    /// Goes to `to`, adding a history entry.
    pub fn push(&self, to: &str) {
        self.navigate.run((self.path(to), false));
    }

    /// Goes to `to`, replacing the current history entry.
    pub fn replace(&self, to: &str) {
        self.navigate.run((self.path(to), true));
    }

    /// Links inside the section, for [`crate::components::Link`].
    pub fn links(&self) -> LinkRouter {
        let this = *self;
        LinkRouter {
            href: Callback::new(move |to: String| this.href(&to)),
            follow: Callback::new(move |to: String| this.push(&to)),
        }
    }

    /// Reports a lost session (401) to the host; returns whether `err` was one.
    pub fn sign_in_again_if_needed(&self, err: &ApiError) -> bool {
        if err.is_unauthorized() {
            self.unauthorized.run(err.clone());
            true
        } else {
            false
        }
    }
}
