//! The JavaScript-facing API: what a React host in a Grafana plugin calls.

use crate::support::*;
use leptos::task::tick;
use leptos_grafana::embed::mount_config_editor;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn a_js_host_mounts_the_editor_gets_on_options_change_and_unmounts() {
    let root = fresh_section();
    let options = js_sys::JSON::parse(
        r#"{"uid":"ds","url":"http://x","jsonData":{"keep":1},"secureJsonFields":{"apiKey":true},"version":2}"#,
    )
    .unwrap();
    let schema = js_sys::JSON::parse(
        r#"{"sections":{"apiKey":true,"auth":false,"tls":false,"customHeaders":false}}"#,
    )
    .unwrap();
    let received: Rc<RefCell<Vec<String>>> = Rc::default();
    let sink = received.clone();
    let on_change = Closure::<dyn Fn(JsValue)>::new(move |v: JsValue| {
        sink.borrow_mut().push(
            js_sys::JSON::stringify(&v)
                .map(String::from)
                .unwrap_or_default(),
        );
    });
    let mut handle = mount_config_editor(
        root.clone(),
        options,
        schema,
        on_change
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone(),
    )
    .unwrap();
    find(&root, "button[aria-label=\"Reset API key\"]")
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    tick().await;
    let last: serde_json::Value = serde_json::from_str(received.borrow().last().unwrap()).unwrap();
    assert_eq!(last["secureJsonData"]["apiKey"], "");
    assert_eq!(last["secureJsonFields"]["apiKey"], false);
    assert_eq!(
        last["jsonData"]["keep"], 1,
        "unknown jsonData survives the trip through JS"
    );
    assert_eq!(last["version"], 2);

    // The host pushes reloaded options (after a save): configured again.
    handle
        .set_options(
            js_sys::JSON::parse(
                r#"{"uid":"ds","url":"http://x","secureJsonFields":{"apiKey":true},"version":3}"#,
            )
            .unwrap(),
        )
        .unwrap();
    tick().await;
    assert!(exists(&root, "button[aria-label=\"Reset API key\"]"));
    handle.set_read_only(true);
    tick().await;
    assert!(find(&root, "button[aria-label=\"Reset API key\"]").has_attribute("disabled"));
    // Bad options are an error for the host, not a panic.
    assert!(handle
        .set_options(js_sys::JSON::parse(r#"{"jsonData":5}"#).unwrap())
        .is_err());
    handle.unmount();
    tick().await;
    assert!(!exists(&root, "input"));
}
