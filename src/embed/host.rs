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

/// The host's `onNavigate(path, { replace })` as a Leptos callback taking `(path, replace)`;
/// it calls whichever function `on_navigate` holds when it runs.
pub fn navigate_callback(
    on_navigate: leptos::prelude::StoredValue<send_wrapper::SendWrapper<js_sys::Function>>,
) -> leptos::prelude::Callback<(String, bool)> {
    use leptos::prelude::GetValue;
    leptos::prelude::Callback::new(move |(path, replace): (String, bool)| {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"replace".into(), &replace.into());
        call(&on_navigate.get_value(), &[path.into(), options.into()]);
    })
}

/// The signed-in user's current org as Grafana's page says it
/// (`window.grafanaBootData.user.orgId`), when there is one.
pub fn boot_org_id() -> Option<i64> {
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok();
    let window: JsValue = web_sys::window()?.into();
    let org = get(&window, "grafanaBootData")
        .and_then(|boot| get(&boot, "user"))
        .and_then(|user| get(&user, "orgId"))
        .and_then(|org| org.as_f64())?;
    org_id(org)
}

/// `n` as an org id: a whole number from 1 up to JavaScript's largest safe integer.
pub(crate) fn org_id(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && (1.0..=9_007_199_254_740_991.0).contains(&n)).then_some(n as i64)
}
