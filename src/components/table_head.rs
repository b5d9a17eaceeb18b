//! The `<thead>` of the kit's tables (service accounts, tokens, permissions): one header
//! cell per column, `scope="col"`, some named for screen readers only.

use leptos::prelude::*;

/// One column's header.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Column {
    /// A header everyone sees.
    Shown(&'static str),
    /// A header only screen readers read (avatar, badge and action columns).
    Hidden(&'static str),
}

impl Column {
    fn header(self) -> AnyView {
        match self {
            Column::Shown(name) => view! { <th scope="col">{name}</th> }.into_any(),
            Column::Hidden(name) => view! {
                <th scope="col">
                    <span class="lg-visually-hidden">{name}</span>
                </th>
            }
            .into_any(),
        }
    }
}

/// `<thead><tr>` with a header cell per column, in order. An array (not a `Vec`), so the
/// row holds the cells and nothing else.
pub(crate) fn table_head<const N: usize>(columns: [Column; N]) -> impl IntoView {
    view! {
        <thead>
            <tr>{columns.map(Column::header)}</tr>
        </thead>
    }
}
