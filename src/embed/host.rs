//! Calling back into the host (`onOptionsChange`, `onNavigate`, the validation API): a
//! callback that throws is reported on the console, never propagated into the kit, and a
//! host that unmounts from inside a callback gets its unmount once the kit's own code has
//! returned.

use std::cell::Cell;
use wasm_bindgen::JsValue;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Calls `f` with `args` as the host's code; returns what it returned, or `None` if it
/// threw (the error goes to the console as the host's own).
pub fn call(f: &js_sys::Function, args: &[JsValue]) -> Option<JsValue> {
    DEPTH.with(|d| d.set(d.get().saturating_add(1)));
    let result = match args {
        [] => f.call0(&JsValue::NULL),
        [a] => f.call1(&JsValue::NULL, a),
        [a, b] => f.call2(&JsValue::NULL, a, b),
        [a, b, c, ..] => f.call3(&JsValue::NULL, a, b, c),
    };
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            web_sys::console::error_2(
                &JsValue::from_str("leptos-grafana: a host callback threw:"),
                &e,
            );
            None
        }
    }
}

/// Runs `f` now, or, when the host called us from inside one of its callbacks, as soon
/// as the kit's code on the stack has returned.
pub fn when_outside_callbacks(f: impl FnOnce() + 'static) {
    if DEPTH.with(Cell::get) == 0 {
        f();
    } else {
        leptos::task::spawn_local(async move { f() });
    }
}
