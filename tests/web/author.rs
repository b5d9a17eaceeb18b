//! The author API (`leptos_grafana::embed::{config_editor, query_editor, app_page}`): an
//! author's own Leptos view mounted the way their crate's `#[wasm_bindgen]` function mounts
//! it, driven as Grafana's React host drives it.

use crate::support::*;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_grafana::components::{SecretInput, TextField};
use leptos_grafana::embed::{
    app_page, config_editor, query_editor, AppPageProps, ConfigEditorProps, QueryEditorProps,
};
use leptos_grafana::model::{is_secret_configured, reset_secret};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

type Sink = Rc<RefCell<Vec<String>>>;

fn js(value: serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

fn props(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (k, v) in entries {
        js_sys::Reflect::set(&object, &(*k).into(), v).unwrap();
    }
    object.into()
}

/// A JS function recording each call's arguments (as one JSON array) in `sink`.
fn recorder(sink: Sink) -> JsValue {
    Closure::<dyn Fn(JsValue, JsValue)>::new(move |a: JsValue, b: JsValue| {
        let args = js_sys::Array::of2(&a, &b);
        sink.borrow_mut().push(
            js_sys::JSON::stringify(&args)
                .map(String::from)
                .unwrap_or_default(),
        );
    })
    .into_js_value()
}

fn last(sink: &Sink) -> serde_json::Value {
    serde_json::from_str(sink.borrow().last().unwrap()).unwrap()
}

fn error_message(err: JsError) -> String {
    JsValue::from(err)
        .unchecked_into::<js_sys::Error>()
        .message()
        .into()
}

#[component]
fn KeyEditor(props: ConfigEditorProps) -> impl IntoView {
    let ConfigEditorProps {
        options,
        on_options_change,
        read_only,
    } = props;
    view! {
        <TextField
            label="URL"
            value=Signal::derive(move || options.with(|o| o.url.clone()))
            disabled=read_only
            on_input=Callback::new(move |url: String| {
                let mut next = options.get_untracked();
                next.url = url;
                on_options_change.run(next);
            })
        />
        <SecretInput
            label="API key"
            is_configured=Signal::derive(move || options.with(|o| is_secret_configured(o, "apiKey")))
            disabled=read_only
            on_change=Callback::new(|_: String| {})
            on_reset=Callback::new(move |()| on_options_change.run(reset_secret(options.get_untracked(), "apiKey")))
        />
    }
}

#[wasm_bindgen_test]
async fn an_authors_config_editor_gets_grafanas_options_and_sends_them_back() {
    let root = fresh_section();
    let sink: Sink = Rc::default();
    let mut handle = config_editor(
        root.clone().into(),
        props(&[
            ("options", js(json!({"uid":"u","url":"http://a","jsonData":{"keep":1},"secureJsonFields":{"apiKey":true}}))),
            ("onOptionsChange", recorder(sink.clone())),
        ]),
        |props| view! { <KeyEditor props /> },
    )
    .unwrap();
    tick().await;
    let url: web_sys::HtmlInputElement = by_label(&root, "URL").unchecked_into();
    assert_eq!(url.value(), "http://a");
    type_into(&url, "http://b");
    tick().await;
    assert_eq!(last(&sink)[0]["url"], "http://b");
    assert_eq!(last(&sink)[0]["jsonData"]["keep"], 1);
    button_by_name(&root, "Reset API key").unwrap().click();
    tick().await;
    assert_eq!(last(&sink)[0]["secureJsonFields"]["apiKey"], false);
    assert_eq!(last(&sink)[0]["secureJsonData"]["apiKey"], "");

    // Grafana's next render: read-only settings disable the inputs.
    handle
        .update(props(&[(
            "options",
            js(json!({"uid":"u","url":"http://c","readOnly":true})),
        )]))
        .unwrap();
    tick().await;
    let url: web_sys::HtmlInputElement = by_label(&root, "URL").unchecked_into();
    assert_eq!(url.value(), "http://c");
    assert!(url.disabled());
    let message = error_message(
        handle
            .update(props(&[("options", js(json!([1])))]))
            .unwrap_err(),
    );
    assert!(message.contains("props.options"), "{message}");
    handle.unmount();
    tick().await;
    assert_eq!(root.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn malformed_props_are_errors_that_name_the_prop() {
    let root = fresh_section();
    let view = |_: ConfigEditorProps| view! { <p>"never"</p> };
    let message = error_message(
        config_editor(root.clone().into(), props(&[]), view)
            .err()
            .unwrap(),
    );
    assert!(message.contains("props.options is required"), "{message}");
    let message = error_message(
        query_editor(
            root.clone().into(),
            props(&[("query", js(json!({"refId":"A","limit":"x"})))]),
            |_: QueryEditorProps<Limited>| view! { <p /> },
        )
        .err()
        .unwrap(),
    );
    assert!(
        message.starts_with("mountQueryEditor: props.query is not this editor's query"),
        "{message}"
    );
    assert!(
        !message.contains("\"x\""),
        "the value is never repeated: {message}"
    );
    let message = error_message(
        app_page(JsValue::NULL, props(&[]), |_: AppPageProps| view! { <p /> })
            .err()
            .unwrap(),
    );
    assert!(
        message.contains("element must be an HTMLElement"),
        "{message}"
    );
    assert_eq!(root.child_element_count(), 0);
}

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
struct Limited {
    #[serde(default)]
    limit: u32,
}

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TextQuery {
    #[serde(default)]
    query_text: String,
}

#[wasm_bindgen_test]
async fn an_authors_query_editor_keeps_grafanas_fields_and_runs_the_query() {
    let root = fresh_section();
    let changes: Sink = Rc::default();
    let runs: Sink = Rc::default();
    let datasource = js(json!({"uid": "ds-1", "type": "example"}));
    let mut handle = query_editor(
        root.clone().into(),
        props(&[
            ("query", js(json!({"refId":"B","hide":false,"queryText":"up","datasource":{"uid":"ds-1"}}))),
            ("onChange", recorder(changes.clone())),
            ("onRunQuery", recorder(runs.clone())),
            ("datasource", datasource),
        ]),
        |p: QueryEditorProps<TextQuery>| {
            let uid = move || p.datasource.with(|d| d.field("uid").unwrap_or_default());
            view! {
                <label>
                    "Query text"
                    <input
                        prop:value=move || p.query.with(|q| q.query_text.clone())
                        on:input=move |ev| p.on_change.run(TextQuery { query_text: event_target_value(&ev) })
                        on:keydown=move |ev| if ev.key() == "Enter" { p.on_run_query.run(()) }
                    />
                </label>
                <output>{uid}</output>
            }
        },
    )
    .unwrap();
    tick().await;
    assert_eq!(find(&root, "output").text_content().unwrap(), "ds-1");
    let input: web_sys::HtmlInputElement = find(&root, "input").unchecked_into();
    assert_eq!(input.value(), "up");
    type_into(&input, "rate(x)");
    tick().await;
    let sent = last(&changes)[0].clone();
    assert_eq!(
        sent,
        json!({"refId":"B","hide":false,"queryText":"rate(x)","datasource":{"uid":"ds-1"}})
    );
    press(&input, "Enter");
    tick().await;
    assert_eq!(runs.borrow().len(), 1);

    // The host renders the stored query back: the caret stays (nothing changes).
    handle.update(props(&[("query", js(sent))])).unwrap();
    tick().await;
    assert_eq!(input.value(), "rate(x)");
    handle.unmount();
    tick().await;
    assert_eq!(root.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn an_authors_app_page_follows_the_host_router() {
    let root = fresh_section();
    let moves: Sink = Rc::default();
    let mut handle = app_page(
        root.clone().into(),
        props(&[
            ("basePath", "/a/my-app".into()),
            ("location", "/a/my-app/one?x=1".into()),
            ("onNavigate", recorder(moves.clone())),
            ("meta", js(json!({"jsonData": {"greeting": "hello"}}))),
        ]),
        |p: AppPageProps| {
            let to = move || format!("{}/two", p.base_path.get());
            view! {
                <p class="where">{move || p.location.with(|l| format!("{}?{}", l.pathname, l.search))}</p>
                <p class="greeting">{move || p.json_data.with(|d| d["greeting"].as_str().unwrap_or_default().to_owned())}</p>
                <button on:click=move |_| p.navigate.run((to(), false))>"Two"</button>
            }
        },
    )
    .unwrap();
    tick().await;
    assert_eq!(
        find(&root, ".where").text_content().unwrap(),
        "/a/my-app/one?x=1"
    );
    assert_eq!(find(&root, ".greeting").text_content().unwrap(), "hello");
    button_named(&root, "Two").click();
    tick().await;
    assert_eq!(last(&moves), json!(["/a/my-app/two", {"replace": false}]));
    handle
        .update(props(&[(
            "location",
            js(json!({"pathname": "/a/my-app/two", "search": ""})),
        )]))
        .unwrap();
    tick().await;
    assert_eq!(
        find(&root, ".where").text_content().unwrap(),
        "/a/my-app/two?"
    );
    handle.unmount();
    tick().await;
    assert_eq!(root.child_element_count(), 0);
}
