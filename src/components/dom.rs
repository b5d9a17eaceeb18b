//! Small DOM helpers shared by the components: one-time stylesheets, unique ids, focus,
//! modal dialogs.

use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A document-unique id with the given prefix, for `id`/`for`/`aria-*` wiring.
pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// Puts `css` into `<head>` as `<style data-lg-style="{id}">`, once per id.
///
/// Calling it again with the same id does nothing, so every component can call it on
/// each render. Outside a browser (no `window`) it does nothing.
pub fn mount_style(id: &str, css: &'static str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!("style[data-lg-style=\"{id}\"]");
    if matches!(document.query_selector(&selector), Ok(Some(_))) {
        return;
    }
    let (Ok(style), Some(head)) = (document.create_element("style"), document.head()) else {
        return;
    };
    // Failures here only mean an unstyled component; never worth a panic.
    let _ = style.set_attribute("data-lg-style", id);
    style.set_text_content(Some(css));
    let _ = head.append_child(&style);
}

/// Mounts the kit's theme tokens (light and dark custom properties); idempotent.
pub fn mount_theme() {
    mount_style("lg-theme", include_str!("../../style/theme.css"));
}

/// Moves the focus to `element` without scrolling it into view: the element is where the
/// user just acted (Reset swaps a field in place), and a scroll would cost a second layout.
pub fn focus_without_scrolling(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// Keeps the native `<dialog>` behind `dialog` shown as a modal (`showModal()`: focus
/// trapped, Escape cancels) while `open` is true, and closed otherwise.
pub fn show_modal_while(dialog: NodeRef<html::Dialog>, open: Signal<bool>) {
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
}
