//! `Icon`: the few glyphs the pages need (key, lock, warning, trash, plus), drawn as inline SVG in the
//! text colour, so they look the same in every browser and theme (no emoji font needed)
//! and are hidden from screen readers (the text beside them, or a label, says it).

use leptos::prelude::*;

/// Which glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconName {
    /// A key (a token count, as Grafana's `key-skeleton-alt`).
    Key,
    /// A padlock (a managed, read-only account).
    Lock,
    /// A warning triangle (expired, revoked).
    Warning,
    /// A waste bin (remove a row, as Grafana's `trash-alt`).
    Trash,
    /// A plus (add a row).
    Plus,
}

/// One glyph, 16 px, `currentColor`.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::icon::{Icon, IconName};
/// # #[component] fn Cell() -> impl IntoView {
/// view! { <Icon name=IconName::Key /> "2" }
/// # }
/// ```
#[component]
pub fn Icon(
    /// The glyph.
    name: IconName,
) -> impl IntoView {
    let shape = match name {
        IconName::Key => view! {
            <circle cx="5" cy="8" r="3.25" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d="M8.25 8H15M12.5 8v3M14.5 8v2" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
        }
        .into_any(),
        IconName::Lock => view! {
            <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
            <path d="M5.25 7V5a2.75 2.75 0 0 1 5.5 0v2" fill="none" stroke="currentColor" stroke-width="1.5" />
        }
        .into_any(),
        IconName::Warning => view! {
            <path d="M8 1.75 15 14.25H1z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
            <path d="M8 6v4M8 11.75v.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
        }
        .into_any(),
        IconName::Trash => view! {
            <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.75 9.5h6.5L12 4M6.75 6.5v4.5M9.25 6.5v4.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
        }
        .into_any(),
        IconName::Plus => view! {
            <path d="M8 2.5v11M2.5 8h11" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
        }
        .into_any(),
    };
    view! {
        <svg class="lg-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            {shape}
        </svg>
    }
}
