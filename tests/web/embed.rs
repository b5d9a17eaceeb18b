//! The JavaScript-facing API (`mountConfigEditor`, `mountServiceAccounts`): what a React
//! host in a Grafana plugin calls, driven here the way such a host drives it.

use crate::fake_server::{eventually, sleep, FakeServer, Reply};
use crate::support::*;
use leptos::task::tick;
use leptos_grafana::embed::kit::{mount_service_accounts, AnySchemaEditor};
use leptos_grafana::embed::{wasm_memory_bytes, MountHandle};
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

/// `mountConfigEditor` as the package with both editors exports it.
fn mount_config_editor(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
    leptos_grafana::embed::kit::mount_config_editor::<AnySchemaEditor>(element, props)
}

/// What a recording host callback received, as JSON texts.
type Sink = Rc<RefCell<Vec<String>>>;

fn js(value: serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

fn set(object: &JsValue, key: &str, value: &JsValue) {
    js_sys::Reflect::set(object, &key.into(), value).unwrap();
}

/// A JS function that records each call's first argument (as JSON) in `sink`.
fn recorder(sink: Sink) -> js_sys::Function {
    Closure::<dyn Fn(JsValue)>::new(move |v: JsValue| {
        sink.borrow_mut().push(
            js_sys::JSON::stringify(&v)
                .map(String::from)
                .unwrap_or_default(),
        );
    })
    .into_js_value()
    .unchecked_into()
}

/// Editor props as a Grafana host passes them.
fn editor_props(options: serde_json::Value, schema: serde_json::Value, sink: Sink) -> JsValue {
    let props = js_sys::Object::new();
    set(&props, "options", &js(options));
    set(&props, "schema", &js(schema));
    set(&props, "onOptionsChange", &recorder(sink));
    props.into()
}

fn error_message(err: JsError) -> String {
    JsValue::from(err)
        .unchecked_into::<js_sys::Error>()
        .message()
        .into()
}

fn api_key_schema() -> serde_json::Value {
    json!({"sections":{"apiKey":true,"auth":false,"tls":false,"customHeaders":false}})
}

#[wasm_bindgen_test]
async fn a_js_host_mounts_the_editor_gets_on_options_change_and_unmounts() {
    let root = fresh_section();
    let received: Sink = Rc::default();
    let mut handle = mount_config_editor(
        root.clone().into(),
        editor_props(
            json!({"uid":"ds","url":"http://x","jsonData":{"keep":1},"secureJsonFields":{"apiKey":true},"version":2}),
            api_key_schema(),
            received.clone(),
        ),
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
    let reloaded = js_sys::Object::new();
    set(
        &reloaded,
        "options",
        &js(json!({"uid":"ds","url":"http://x","secureJsonFields":{"apiKey":true},"version":3})),
    );
    handle.update(reloaded.into()).unwrap();
    tick().await;
    assert!(exists(&root, "button[aria-label=\"Reset API key\"]"));
    let read_only = js_sys::Object::new();
    set(&read_only, "readOnly", &JsValue::TRUE);
    handle.update(read_only.into()).unwrap();
    tick().await;
    assert!(find(&root, "button[aria-label=\"Reset API key\"]").has_attribute("disabled"));
    // Bad options are an error for the host, not a panic.
    let bad = js_sys::Object::new();
    set(&bad, "options", &js(json!({"jsonData": 5})));
    let message = error_message(handle.update(bad.into()).unwrap_err());
    assert!(message.contains("props.options"), "{message}");
    handle.unmount();
    tick().await;
    assert_eq!(root.child_element_count(), 0, "{}", root.inner_html());
    // After unmount, update is a clear error and unmount is harmless.
    let message = error_message(handle.update(js_sys::Object::new().into()).unwrap_err());
    assert!(message.contains("unmounted"), "{message}");
    handle.unmount();
}

#[wasm_bindgen_test]
fn malformed_props_are_clear_errors_that_never_repeat_a_value() {
    let root = fresh_section();
    let sink: Sink = Rc::default();
    let good = || editor_props(json!({"url": ""}), json!({}), sink.clone());
    let cases: Vec<(JsValue, JsValue, &str)> = vec![
        (JsValue::NULL, good(), "element must be an HTMLElement"),
        (
            root.clone().into(),
            JsValue::NULL,
            "props must be an object",
        ),
        (
            root.clone().into(),
            js(json!({"onOptionsChange": 1})),
            "props.onOptionsChange must be a function",
        ),
        (
            root.clone().into(),
            js(json!({})),
            "props.options is required",
        ),
        (
            root.clone().into(),
            {
                let p = good();
                set(
                    &p,
                    "options",
                    &js(json!({"secureJsonData": {"apiKey": 12345678}})),
                );
                p
            },
            "props.options is not DataSourceSettings",
        ),
        (
            root.clone().into(),
            {
                let p = good();
                set(&p, "readOnly", &JsValue::from_str("yes"));
                p
            },
            "props.readOnly must be a boolean",
        ),
        (
            root.clone().into(),
            {
                let p = good();
                set(&p, "schema", &js(json!({"fields": [{"kind": "nope"}]})));
                p
            },
            "props.schema is not",
        ),
        (
            root.clone().into(),
            {
                let p = good();
                set(&p, "validation", &js(json!({})));
                p
            },
            "registerValidation",
        ),
    ];
    for (element, props, expected) in cases {
        let message = error_message(mount_config_editor(element, props).err().unwrap());
        assert!(message.starts_with("mountConfigEditor: "), "{message}");
        assert!(
            message.contains(expected),
            "{message} (expected {expected})"
        );
        assert!(!message.contains("12345678"), "a value leaked: {message}");
    }
    assert_eq!(root.child_element_count(), 0, "nothing was mounted");
}

#[wasm_bindgen_test]
async fn two_editors_on_one_page_do_not_interfere() {
    let (a_root, b_root) = (fresh_section(), fresh_section());
    let a_sink: Sink = Rc::default();
    let b_sink: Sink = Rc::default();
    let mut a = mount_config_editor(
        a_root.clone().into(),
        editor_props(
            json!({"uid":"a","url":"http://a"}),
            json!({}),
            a_sink.clone(),
        ),
    )
    .unwrap();
    let mut b = mount_config_editor(
        b_root.clone().into(),
        editor_props(
            json!({"uid":"b","url":"http://b"}),
            json!({}),
            b_sink.clone(),
        ),
    )
    .unwrap();
    // Each label points at its own editor's input.
    let a_url = by_label(&a_root, "URL");
    let b_url = by_label(&b_root, "URL");
    assert_ne!(a_url.id(), b_url.id());
    type_text(&a_url, "http://a.example");
    tick().await;
    assert_eq!(a_sink.borrow().len(), 1);
    assert!(b_sink.borrow().is_empty(), "typing in A reached B");
    let emitted: serde_json::Value = serde_json::from_str(&a_sink.borrow()[0]).unwrap();
    assert_eq!(emitted["uid"], "a");
    assert_eq!(emitted["url"], "http://a.example");
    a.unmount();
    tick().await;
    type_text(&b_url, "http://b.example");
    tick().await;
    assert_eq!(b_sink.borrow().len(), 1, "B still works after A is gone");
    b.unmount();
}

/// A test double of Grafana 13's `DataSourceConfigValidationAPI`.
#[derive(Default)]
struct FakeValidation {
    validators: Rc<RefCell<Vec<js_sys::Function>>>,
    errors: Rc<RefCell<Vec<(String, String)>>>,
    cleared: Sink,
    unregistered: Rc<RefCell<u32>>,
}

impl FakeValidation {
    fn object(&self) -> JsValue {
        let api = js_sys::Object::new();
        let (validators, unregistered) = (self.validators.clone(), self.unregistered.clone());
        set(
            &api,
            "registerValidation",
            &Closure::<dyn Fn(js_sys::Function) -> JsValue>::new(move |f: js_sys::Function| {
                validators.borrow_mut().push(f);
                let unregistered = unregistered.clone();
                Closure::<dyn Fn()>::new(move || *unregistered.borrow_mut() += 1).into_js_value()
            })
            .into_js_value(),
        );
        let errors = self.errors.clone();
        set(
            &api,
            "setError",
            &Closure::<dyn Fn(String, String)>::new(move |f: String, m: String| {
                errors.borrow_mut().push((f, m))
            })
            .into_js_value(),
        );
        let cleared = self.cleared.clone();
        set(
            &api,
            "clearError",
            &Closure::<dyn Fn(String)>::new(move |f: String| cleared.borrow_mut().push(f))
                .into_js_value(),
        );
        api.into()
    }

    fn validate(&self) -> bool {
        let validators = self.validators.borrow().clone();
        validators
            .iter()
            .all(|v| v.call0(&JsValue::NULL).unwrap().as_bool().unwrap())
    }
}

#[wasm_bindgen_test]
async fn field_errors_block_save_and_test_through_grafanas_validation_api() {
    let root = fresh_section();
    let sink: Sink = Rc::default();
    let validation = FakeValidation::default();
    let props = editor_props(
        json!({"uid":"v","url":"not a url"}),
        json!({}),
        sink.clone(),
    );
    set(&props, "validation", &validation.object());
    let mut handle = mount_config_editor(root.clone().into(), props).unwrap();
    assert_eq!(
        validation.validators.borrow().len(),
        1,
        "registered on mount"
    );
    assert!(
        !text(&root).contains("Please enter a valid URL"),
        "no error before a save is tried"
    );

    assert!(!validation.validate(), "an invalid URL blocks Save & test");
    assert_eq!(
        validation.errors.borrow().as_slice(),
        [("url".to_owned(), "Please enter a valid URL".to_owned())]
    );
    tick().await;
    assert!(
        text(&root).contains("Please enter a valid URL"),
        "{}",
        text(&root)
    );

    // Fixed: the next Save & test passes and the reported error is cleared.
    let fixed = js_sys::Object::new();
    set(
        &fixed,
        "options",
        &js(json!({"uid":"v","url":"http://ok.example"})),
    );
    handle.update(fixed.into()).unwrap();
    assert!(validation.validate());
    assert_eq!(validation.cleared.borrow().as_slice(), ["url".to_owned()]);

    handle.unmount();
    tick().await;
    assert_eq!(
        *validation.unregistered.borrow(),
        1,
        "unregistered on unmount"
    );
}

fn text(root: &web_sys::Element) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_host_that_unmounts_inside_on_options_change_gets_no_panic() {
    // How a panic is detected: the click below runs the kit's listener, which calls
    // `onOptionsChange`, which unmounts. A panic anywhere in that chain would not fail this
    // test by itself: it aborts as a JS exception that the kit (which calls host callbacks
    // with `catch`) or the browser (for a listener) logs and drops. So (1) `panics_seen`
    // (a panic hook, see support.rs, installed before the click) must have recorded
    // nothing new, and (2) the kit must still work afterwards: a panic=abort trap leaves
    // whatever it held borrowed, so a new mount that renders and emits shows nothing was
    // left half-done.
    let panics_before = panics_seen().len();
    let root = fresh_section();
    let handle: Rc<RefCell<Option<MountHandle>>> = Rc::default();
    let inner = handle.clone();
    let props = js_sys::Object::new();
    set(
        &props,
        "options",
        &js(json!({"uid":"u","secureJsonFields":{"apiKey":true}})),
    );
    set(&props, "schema", &js(api_key_schema()));
    set(
        &props,
        "onOptionsChange",
        &Closure::<dyn Fn(JsValue)>::new(move |_| {
            if let Some(h) = inner.borrow_mut().as_mut() {
                h.unmount();
            }
        })
        .into_js_value(),
    );
    *handle.borrow_mut() = Some(mount_config_editor(root.clone().into(), props.into()).unwrap());
    find(&root, "button[aria-label=\"Reset API key\"]")
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    let emptied = eventually(1000, || root.child_element_count() == 0).await;
    let panics = panics_seen().split_off(panics_before);
    assert!(
        panics.is_empty(),
        "unmounting inside onOptionsChange panicked: {panics:?}"
    );
    assert!(emptied, "the editor was unmounted");

    // The kit still mounts, renders and calls back after that unmount.
    let again = fresh_section();
    let received: Sink = Rc::default();
    let mut next = mount_config_editor(
        again.clone().into(),
        editor_props(
            json!({"uid":"v","secureJsonFields":{"apiKey":true}}),
            api_key_schema(),
            received.clone(),
        ),
    )
    .unwrap();
    let emitted_before = received.borrow().len();
    find(&again, "button[aria-label=\"Reset API key\"]")
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    tick().await;
    assert_eq!(
        received.borrow().len(),
        emitted_before + 1,
        "the next mount emits"
    );
    next.unmount();
    tick().await;
    assert_eq!(again.child_element_count(), 0);
    assert_eq!(panics_seen().len(), panics_before, "no panic since");
}

#[wasm_bindgen_test]
async fn mount_type_reset_unmount_cycles_keep_no_memory() {
    // A large jsonData value: anything a cycle kept would show at once.
    let big = "x".repeat(100_000);
    let options = json!({
        "uid": "mem", "url": "http://m", "jsonData": {"big": big}, "secureJsonFields": {"apiKey": true}
    });
    // The host's callback is plain JavaScript that keeps nothing, so all that is measured
    // is what the kit keeps.
    let on_change = js_sys::Function::new_with_args("options", "void options;");
    let cycle = || async {
        let root = fresh_section();
        let props = js_sys::Object::new();
        set(&props, "options", &js(options.clone()));
        set(&props, "schema", &js(api_key_schema()));
        set(&props, "onOptionsChange", &on_change);
        let mut h = mount_config_editor(root.clone().into(), props.into()).unwrap();
        type_text(&by_label(&root, "URL"), "http://m.example");
        find(&root, "button[aria-label=\"Reset API key\"]")
            .unchecked_ref::<web_sys::HtmlElement>()
            .click();
        tick().await;
        h.unmount();
        tick().await;
        root.remove();
    };
    for _ in 0..10 {
        cycle().await;
    }
    let after_10 = wasm_memory_bytes();
    for i in 0..1000 {
        cycle().await;
        if i % 50 == 0 {
            // Back to the event loop now and then, so the test runner can read the page.
            sleep(0).await;
        }
    }
    let after_1010 = wasm_memory_bytes();
    let grown = after_1010 - after_10;
    web_sys::console::log_1(
        &format!("wasm memory: {after_10} bytes after 10 cycles, {after_1010} after 1010").into(),
    );
    assert!(
        grown <= 64.0 * 1024.0,
        "1,000 mount/type/Reset/unmount cycles kept {grown} bytes"
    );
}

fn sa_props(location: &str, moves: Sink) -> JsValue {
    let props = js_sys::Object::new();
    set(&props, "basePath", &"/a/app/sa".into());
    set(&props, "location", &location.into());
    set(&props, "appSubUrl", &"/grafana".into());
    set(
        &props,
        "onNavigate",
        &Closure::<dyn Fn(String, JsValue)>::new(move |path: String, options: JsValue| {
            let replace = js_sys::Reflect::get(&options, &"replace".into())
                .unwrap()
                .as_bool()
                .unwrap();
            moves.borrow_mut().push(format!("{path} replace={replace}"));
        })
        .into_js_value(),
    );
    props.into()
}

#[wasm_bindgen_test]
async fn the_service_account_pages_follow_the_host_location() {
    let _server = FakeServer::install(|_, url| {
        if url.contains("/serviceaccounts/search") {
            Reply::json(
                200,
                json!({"totalCount": 1, "page": 1, "perPage": 30, "serviceAccounts": [{
                    "id": 4, "uid": "u4", "name": "ci-bot", "login": "sa-1-ci-bot", "orgId": 1, "isDisabled": false,
                    "role": "Viewer", "tokens": 0, "avatarUrl": "", "accessControl": {}
                }]}),
            )
        } else {
            Reply::json(401, json!({"message": "Unauthorized"}))
        }
    });
    let root = fresh_section();
    let moves: Sink = Rc::default();
    let unauthorized: Sink = Rc::default();
    let props = sa_props("/a/app/sa", moves.clone());
    set(&props, "apiBase", &"/grafana/api".into());
    set(&props, "onUnauthorized", &recorder(unauthorized.clone()));
    let mut handle = mount_service_accounts(root.clone().into(), props).unwrap();
    assert!(eventually(2000, || text(&root).contains("ci-bot")).await);
    let link = root.query_selector("a.lg-table__name").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/grafana/a/app/sa/u4"),
        "accounts are addressed by uid"
    );
    link.unchecked_ref::<web_sys::HtmlElement>().click();
    assert_eq!(
        moves.borrow().as_slice(),
        ["/a/app/sa/u4 replace=false".to_owned()]
    );

    // The host's router moved: the account page asks the API, which says 401. The host
    // hears of it; the browser goes nowhere.
    let location = js_sys::Object::new();
    set(&location, "pathname", &"/a/app/sa/u4".into());
    set(&location, "search", &"".into());
    let next = js_sys::Object::new();
    set(&next, "location", &location);
    handle.update(next.into()).unwrap();
    assert!(eventually(2000, || !unauthorized.borrow().is_empty()).await);
    assert_eq!(unauthorized.borrow()[0], "\"Unauthorized\"");
    assert!(!web_sys::window()
        .unwrap()
        .location()
        .href()
        .unwrap()
        .contains("/login"));
    handle.unmount();
    tick().await;
    assert_eq!(root.child_element_count(), 0);

    for (bad, expected) in [
        (
            json!({"location": "/x", "onNavigate": null}),
            "props.basePath is required",
        ),
        (
            json!({"basePath": "relative", "location": "/x"}),
            "props.basePath must be a path",
        ),
        (json!({"basePath": "/x", "location": 5}), "props.location"),
        (
            json!({"basePath": "/x", "location": "/x"}),
            "props.onNavigate is required",
        ),
    ] {
        let message = error_message(
            mount_service_accounts(root.clone().into(), js(bad))
                .err()
                .unwrap(),
        );
        assert!(message.starts_with("mountServiceAccounts: "), "{message}");
        assert!(
            message.contains(expected),
            "{message} (expected {expected})"
        );
    }
}

#[wasm_bindgen_test]
async fn a_dsconfig_schema_prop_builds_the_editor_and_validates_through_grafana() {
    let root = fresh_section();
    let sink: Sink = Rc::default();
    let validation = FakeValidation::default();
    let dsconfig: serde_json::Value = serde_json::from_str(include_str!(
        "../fixtures/dsconfig/grafana-helloworld-datasource.json"
    ))
    .unwrap();
    let mut required = dsconfig.clone();
    required["fields"][0]["required"] = json!(true);
    let props = editor_props(json!({"uid": "hw", "jsonData": {}}), required, sink.clone());
    set(&props, "validation", &validation.object());
    let mut handle = mount_config_editor(root.clone().into(), props).unwrap();
    assert!(
        root.query_selector(".lg-dsconfig-editor")
            .unwrap()
            .is_some(),
        "a dsconfig.json gives the dsconfig editor"
    );
    assert!(
        !validation.validate(),
        "the required secret blocks Save & test"
    );
    assert_eq!(
        validation.errors.borrow().as_slice(),
        [(
            "secureJsonData_apiKey".to_owned(),
            "API key is required".to_owned()
        )]
    );
    type_text(&by_label(&root, "API key"), "k3y");
    tick().await;
    let last: serde_json::Value = serde_json::from_str(sink.borrow().last().unwrap()).unwrap();
    assert_eq!(last["secureJsonData"]["apiKey"], "k3y");
    assert!(validation.validate());

    // The same mount takes a config-schema.json later: the kit's editor replaces it.
    let update = js_sys::Object::new();
    set(&update, "schema", &js(api_key_schema()));
    handle.update(update.into()).unwrap();
    tick().await;
    assert!(root
        .query_selector(".lg-dsconfig-editor")
        .unwrap()
        .is_none());
    handle.unmount();
}
