//! DOM helpers for the browser tests.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

/// A fresh `<section>` appended to `<body>`, one per test.
pub fn fresh_section() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let section = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&section).unwrap();
    section.unchecked_into()
}

/// The one element matching `selector` inside `root`.
pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector:?} in {}", root.outer_html()))
}

/// Whether anything matches `selector` inside `root`.
pub fn exists(root: &Element, selector: &str) -> bool {
    root.query_selector(selector).unwrap().is_some()
}

/// The button whose text is exactly `text`.
pub fn button_named(root: &Element, text: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no button {text:?} in {}", root.outer_html()))
}

/// Types `value` into an input the way a browser does: set the value, fire `input`.
pub fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    fire(input, "input");
}

/// Types `value` into a text area.
pub fn type_into_area(area: &HtmlTextAreaElement, value: &str) {
    area.set_value(value);
    fire(area, "input");
}

/// Dispatches a bubbling event of type `kind` at `target`.
pub fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// The element that has the keyboard focus.
pub fn active_element() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

/// The form control labelled `text` (a `<label for>` whose text, without a trailing
/// required `*`, is exactly `text`).
pub fn by_label(root: &Element, text: &str) -> Element {
    let labels = root.query_selector_all("label").unwrap();
    let label = (0..labels.length())
        .filter_map(|i| labels.item(i))
        .map(|n| n.unchecked_into::<Element>())
        .find(|l| {
            l.text_content()
                .unwrap_or_default()
                .trim()
                .trim_end_matches('*')
                .trim()
                == text
        })
        .unwrap_or_else(|| panic!("no label {text:?} in {}", root.outer_html()));
    match label.get_attribute("for") {
        Some(id) => find(root, &format!("[id=\"{id}\"]")),
        // A label that wraps its control.
        None => find(&label, "input, select, textarea"),
    }
}

/// Whether a control labelled `text` is rendered.
pub fn has_label(root: &Element, text: &str) -> bool {
    let labels = root.query_selector_all("label").unwrap();
    (0..labels.length())
        .filter_map(|i| labels.item(i))
        .any(|l| {
            l.text_content()
                .unwrap_or_default()
                .trim()
                .trim_end_matches('*')
                .trim()
                == text
        })
}

/// Chooses the option with `value` in a `<select>` and fires `change`.
pub fn choose(select: &Element, value: &str) {
    let select: &web_sys::HtmlSelectElement = select.unchecked_ref();
    select.set_value(value);
    fire(select, "change");
}

/// Toggles a checkbox/switch as a click would: flips `checked`, fires `change`.
pub fn toggle(input: &Element) {
    let input: &HtmlInputElement = input.unchecked_ref();
    input.set_checked(!input.checked());
    fire(input, "change");
}

/// Presses a key on `target` (a bubbling `keydown`).
pub fn press(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Types into whatever input or text area `el` is.
pub fn type_text(el: &Element, value: &str) {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        type_into(input, value);
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        type_into_area(area, value);
    } else {
        panic!("cannot type into {}", el.outer_html());
    }
}

/// Every element matching `selector` inside `root`, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<Element>())
        .collect()
}

/// The button whose text is exactly `text`, if there is one.
pub fn button_named_opt(root: &Element, text: &str) -> Option<HtmlElement> {
    all(root, "button")
        .into_iter()
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
}

/// The button whose accessible name (its `aria-label`, else its text) is exactly `name`.
pub fn button_by_name(root: &Element, name: &str) -> Option<HtmlElement> {
    all(root, "button")
        .into_iter()
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| {
            b.get_attribute("aria-label")
                .unwrap_or_else(|| b.text_content().unwrap_or_default())
                .trim()
                == name
        })
}

/// The messages of every Rust panic in this wasm module since the first call, recorded by
/// a panic hook that the first call installs. The hook then calls the kit's own
/// (`console_error_panic_hook`), so the message still reaches the console.
///
/// A panic in code the browser or the kit calls back (an event listener, a host callback
/// the kit calls with `catch`) does not fail the test that triggered it: on wasm32 the
/// panic aborts as a JavaScript exception (the `unreachable` trap), which the browser or
/// the kit reports on the console and drops, and the test's own code goes on. A panic hook
/// runs before that trap, whatever the call stack, so a test that compares `panics_seen()`
/// before and after detects such a panic.
///
/// The kit installs `console_error_panic_hook` on its first mount, and that replaces any
/// hook set before; so this calls `set_once` first (the kit's call is then a no-op) and
/// wraps that hook. The first call must come before any panic: after a wasm panic the
/// thread counts as panicking for good, and std refuses to change the hook (it panics).
pub fn panics_seen() -> Vec<String> {
    use std::sync::{Mutex, Once};
    static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        console_error_panic_hook::set_once();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // `try_lock`: a panic while the list is being read must not deadlock the hook.
            if let Ok(mut seen) = SEEN.try_lock() {
                seen.push(info.to_string());
            }
            previous(info);
        }));
    });
    match SEEN.lock() {
        Ok(seen) => seen.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}
