//! "HTTP headers": rows of `httpHeaderName{N}` + secret `httpHeaderValue{N}`.
//!
//! Rows are renumbered from 1 on every change, as Grafana's server requires. Unlike
//! Grafana's editor, a row whose saved value would move to another index is shown as
//! needing its value again, and no saved value is ever sent under another header's name
//! (see [`crate::model::custom_headers`]).

use super::Editor;
use crate::components::{ConfigSection, SecretInput, TextField};
use crate::model::custom_headers::{header_name_key, header_value_key, HeaderRow};
use crate::model::CustomHeaders;
use leptos::prelude::*;

controlled_section! {
    /// The custom HTTP headers sub-section (plugin-ui `CustomHeaders`).
    ///
    /// Used on its own, as plugin-ui's controlled sections are:
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// # use leptos_grafana::components::CustomHeadersSettings;
    /// # use leptos_grafana::model::DataSourceSettings;
    /// # #[component] fn Page() -> impl IntoView {
    /// let options = RwSignal::new(DataSourceSettings::default());
    /// view! { <CustomHeadersSettings config=options on_change=move |next| options.set(next) /> }
    /// # }
    /// ```
    pub fn CustomHeadersSettings[editor](
    ) {
        let headers = RwSignal::new(CustomHeaders::from_settings(
            &editor.options.get_untracked(),
        ));
        // A freshly loaded data source (another uid, or a new version after saving) brings
        // new stored values: read the rows again.
        let loaded = Memo::new(move |_| editor.options.with(|o| (o.uid.clone(), o.version)));
        Effect::new(move |previous: Option<(String, Option<i64>)>| {
            let current = loaded.get();
            if previous.is_some_and(|p| p != current) {
                headers.set(CustomHeaders::from_settings(
                    &editor.options.get_untracked(),
                ));
            }
            current
        });
        let commit = move |key: String, edit: Box<dyn FnOnce(&mut CustomHeaders)>| {
            headers.update(|h| edit(h));
            let next = headers.with_untracked(|h| h.write(editor.options.get_untracked()));
            editor.change(&key, move |_| next);
        };
        let count = move || headers.with(|h| h.rows.len());
        let has_rows = headers.with_untracked(|h| !h.rows.is_empty());

        view! {
            <ConfigSection
                sub=true
                collapsible=true
                initially_open=has_rows
                title="HTTP headers"
                description="Pass along additional context and metadata about the request/response"
            >
                <ol class="lg-headers">
                    <For each=move || 0..count() key=|i| *i let:index>
                        {header_row(index, headers, editor, commit)}
                    </For>
                </ol>
                <button
                    type="button"
                    class="lg-button"
                    disabled=move || editor.read_only.get()
                    on:click=move |_| commit("httpHeaders".to_owned(), Box::new(|h| h.add()))
                >
                    {move || if count() == 0 { "Add header" } else { "Add another header" }}
                </button>
            </ConfigSection>
        }
    }
}

/// Row `index` (0-based). Rows are keyed by position and read everything from `headers`,
/// so a row shows whatever sits at its position after a removal.
fn header_row(
    index: usize,
    headers: RwSignal<CustomHeaders>,
    editor: Editor,
    commit: impl Fn(String, Box<dyn FnOnce(&mut CustomHeaders)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let position = index as u32 + 1;
    let name = row_signal(headers, index, |r| r.name.clone());
    let value = row_signal(headers, index, |r| r.value.clone());
    let configured = row_signal(headers, index, move |r| r.is_configured_at(position));
    let needs_value = row_signal(headers, index, move |r| r.needs_value_at(position));
    let value_error = Signal::derive(move || {
        if needs_value.get() {
            return Some(format!(
                "Enter the value of {} again: its saved value belonged to another position and was not moved",
                name.get()
            ));
        }
        editor.error_for(&header_value_key(position))
    });
    let name_error = Signal::derive(move || editor.error_for(&header_name_key(position)));
    view! {
        <li class="lg-headers__row" data-testid=format!("header-row-{position}")>
            <TextField
                label=format!("Header {position}")
                placeholder="X-Custom-Header"
                value=name
                error=name_error
                disabled=editor.read_only
                on_input=move |v: String| commit(header_name_key(position), Box::new(move |h| h.set_name(index, v)))
            />
            <SecretInput
                label=format!("Value {position}")
                placeholder="Header value"
                is_configured=configured
                value=value
                disabled=editor.read_only
                on_change=move |v: String| commit(header_value_key(position), Box::new(move |h| h.set_value(index, v)))
                on_reset=move |_| commit(header_value_key(position), Box::new(move |h| h.reset(index)))
            />
            {move || value_error.get().map(|e| view! { <div class="lg-field__error" role="alert">{e}</div> })}
            <button
                type="button"
                class="lg-button"
                aria-label=format!("Remove header {position}")
                title="Remove header"
                disabled=move || editor.read_only.get()
                on:click=move |_| commit(header_name_key(position), Box::new(move |h| h.remove(index)))
            >
                "Remove"
            </button>
        </li>
    }
}

/// What `read` says of the row at `index` (its default once the row is gone).
fn row_signal<T: Default + Send + Sync + 'static>(
    headers: RwSignal<CustomHeaders>,
    index: usize,
    read: impl Fn(&HeaderRow) -> T + Send + Sync + 'static,
) -> Signal<T> {
    Signal::derive(move || headers.with(|h| h.rows.get(index).map(&read).unwrap_or_default()))
}
