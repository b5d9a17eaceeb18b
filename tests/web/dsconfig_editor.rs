//! `DsConfigEditor`: editors built from real `dsconfig.json` files (grafana/dsconfig's
//! registry, `tests/fixtures/dsconfig/`), driven through the DOM; each test checks the
//! exact settings `onOptionsChange` received.

use crate::support::*;
use grafana_model::dsconfig::DsConfig;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_grafana::components::DsConfigEditor;
use leptos_grafana::model::DataSourceSettings;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};

const SERVICENOW: &str = include_str!("../fixtures/dsconfig/grafana-servicenow-datasource.json");
const APPDYNAMICS: &str = include_str!("../fixtures/dsconfig/dlopes7-appdynamics-datasource.json");

struct Mounted {
    root: HtmlElement,
    options: RwSignal<DataSourceSettings>,
    show_all_errors: RwSignal<bool>,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    fn emitted(&self) -> Value {
        serde_json::to_value(self.options.get_untracked()).unwrap()
    }

    fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    /// Whether the field with this dsconfig id is shown (not `hidden`).
    fn shown(&self, id: &str) -> bool {
        let wrapper = find(&self.root, &format!("[data-field=\"{id}\"]"));
        !wrapper.unchecked_ref::<HtmlElement>().hidden()
    }
}

fn mount(schema: &str, initial: Value) -> Mounted {
    let root = fresh_section();
    let config = DsConfig::from_json(schema).unwrap();
    let options = RwSignal::new(serde_json::from_value::<DataSourceSettings>(initial).unwrap());
    let show_all_errors = RwSignal::new(false);
    let handle = mount_to(root.clone(), move || {
        view! {
            <DsConfigEditor
                options=options
                on_options_change=move |next| options.set(next)
                config=config.clone()
                show_all_errors=show_all_errors
            />
        }
    });
    Mounted {
        root,
        options,
        show_all_errors,
        _handle: Box::new(handle),
    }
}

fn radio(root: &Element, label: &str) -> HtmlInputElement {
    all(root, ".lg-radio-group__option")
        .into_iter()
        .find(|o| o.text_content().unwrap_or_default().trim() == label)
        .map(|o| find(&o, "input").unchecked_into())
        .unwrap_or_else(|| panic!("no radio {label:?}"))
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn groups_controls_defaults_and_depends_on_come_from_the_file() {
    let m = mount(SERVICENOW, json!({"uid": "sn", "jsonData": {}}));
    tick().await;
    // Defaults are written once, so what is shown is what is saved.
    assert_eq!(
        m.emitted()["jsonData"],
        json!({"authMethod": "basicAuth", "queryTimeoutSeconds": 30, "useSysTables": false})
    );
    let headings: Vec<String> = all(&m.root, "h3")
        .iter()
        .map(|h| h.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        headings,
        ["Connection", "Authentication", "Additional settings"]
    );
    // The optional group is collapsible and closed while none of its fields has a value.
    assert!(button_by_name(&m.root, "Expand section Additional settings").is_some());
    // The radio shows its defaultValue; the OAuth fields depend on it.
    assert!(radio(&m.root, "Basic auth").checked());
    assert!(!m.shown("jsonData_oauthClientID"));
    assert!(m.shown("root_basicAuthUser"));
    // The legacy, unlabelled `oauthEnabled` is not offered.
    assert!(!exists(&m.root, "[data-field=\"jsonData_oauthEnabled\"]"));

    let oauth = radio(&m.root, "ServiceNow OAuth");
    oauth.set_checked(true);
    fire(&oauth, "change");
    tick().await;
    assert_eq!(
        m.emitted()["jsonData"],
        json!({"authMethod": "serviceNowOAuth", "queryTimeoutSeconds": 30, "useSysTables": false})
    );
    assert!(m.shown("jsonData_oauthClientID"));
    type_text(&by_label(&m.root, "Client ID"), "client-1");
    tick().await;
    assert_eq!(m.emitted()["jsonData"]["oauthClientID"], "client-1");

    // Top-level targets are written top-level.
    type_text(&by_label(&m.root, "URL"), "https://dev.service-now.com");
    type_text(&by_label(&m.root, "Username"), "svc");
    tick().await;
    let e = m.emitted();
    assert_eq!(
        (e["url"].as_str(), e["basicAuthUser"].as_str()),
        (Some("https://dev.service-now.com"), Some("svc"))
    );
    assert!(e["jsonData"].get("url").is_none());

    // A number that is not one is kept as typed and reported.
    click(&button_by_name(&m.root, "Expand section Additional settings").unwrap());
    let timeout = by_label(&m.root, "Query Timeout");
    type_text(&timeout, "1e999");
    tick().await;
    assert_eq!(m.emitted()["jsonData"]["queryTimeoutSeconds"], "1e999");
    assert!(
        m.text().contains("\"1e999\" is not a number"),
        "{}",
        m.text()
    );
    type_text(&timeout, "45");
    tick().await;
    assert_eq!(m.emitted()["jsonData"]["queryTimeoutSeconds"], 45);
    let switch = by_label(&m.root, "Use Sys Tables?");
    toggle(&switch);
    tick().await;
    assert_eq!(m.emitted()["jsonData"]["useSysTables"], true);
}

#[wasm_bindgen_test]
async fn secrets_show_configured_reset_and_are_never_rendered() {
    let m = mount(
        APPDYNAMICS,
        json!({"uid": "ad", "url": "https://ad.example", "jsonData": {},
               "secureJsonFields": {"clientSecret": true}}),
    );
    let secret = by_label(&m.root, "Client Secret");
    assert!(
        secret.unchecked_ref::<HtmlInputElement>().disabled(),
        "configured: read-only"
    );
    assert!(m.root.inner_html().contains("configured"));
    click(&button_named(&m.root, "Reset"));
    tick().await;
    let e = m.emitted();
    assert_eq!(e["secureJsonData"]["clientSecret"], "");
    assert_eq!(e["secureJsonFields"]["clientSecret"], false);
    let secret = by_label(&m.root, "Client Secret");
    assert_eq!(secret.get_attribute("type").as_deref(), Some("password"));
    type_text(&secret, "n3w-s3cr3t");
    tick().await;
    assert_eq!(m.emitted()["secureJsonData"]["clientSecret"], "n3w-s3cr3t");
    assert!(m.emitted()["jsonData"].get("clientSecret").is_none());
    // The typed value lives only in the input's value property, never in the markup.
    assert!(!m.root.outer_html().contains("n3w-s3cr3t"));
}

#[wasm_bindgen_test]
async fn deleting_a_header_row_keeps_every_other_rows_storage_index() {
    let m = mount(
        APPDYNAMICS,
        json!({"uid": "ad", "url": "https://ad.example",
               "jsonData": {"httpHeaderName1": "X-One", "httpHeaderName2": "X-Two", "httpHeaderName3": "X-Three"},
               "secureJsonFields": {"httpHeaderValue1": true, "httpHeaderValue2": true, "httpHeaderValue3": true}}),
    );
    let rows = || all(&m.root, ".lg-pairs__row");
    assert_eq!(rows().len(), 3);
    click(&button_by_name(&m.root, "Remove custom http header 2").unwrap());
    tick().await;
    let e = m.emitted();
    assert_eq!(
        e["jsonData"],
        json!({"httpHeaderName1": "X-One", "httpHeaderName3": "X-Three", "tlsSkipVerify": false}),
        "X-Three keeps index 3: its stored value stays its own"
    );
    // The removed row's secret is removed; the kept ones are not sent at all.
    assert_eq!(e["secureJsonData"], json!({"httpHeaderValue2": ""}));
    assert_eq!(e["secureJsonFields"]["httpHeaderValue2"], false);
    assert_eq!(e["secureJsonFields"]["httpHeaderValue3"], true);
    let indexes: Vec<String> = rows()
        .iter()
        .map(|r| r.get_attribute("data-index").unwrap())
        .collect();
    assert_eq!(indexes, ["1", "3"]);
    // X-Three, now second on screen, is named by its place and still shows its stored
    // value as configured.
    assert!(
        has_label(&rows()[1], "Header 2"),
        "{}",
        rows()[1].outer_html()
    );
    assert!(button_named_opt(&rows()[1], "Reset").is_some());

    // A new row takes a number above every index in use, and keeps it while typed into.
    click(&button_named(&m.root, "Add custom http header"));
    tick().await;
    let new_row = rows().pop().unwrap();
    assert_eq!(new_row.get_attribute("data-index").as_deref(), Some("4"));
    type_text(&by_label(&new_row, "Header 3"), "X-Four");
    tick().await;
    type_text(&find(&new_row, "[aria-label=\"Value 3\"]"), "four-secret");
    tick().await;
    let e = m.emitted();
    assert_eq!(e["jsonData"]["httpHeaderName4"], "X-Four");
    assert_eq!(e["secureJsonData"]["httpHeaderValue4"], "four-secret");
    assert!(e["jsonData"].get("httpHeaderName5").is_none());

    // A row name is checked against the item field's pattern.
    type_text(&by_label(&new_row, "Header 3"), "4bad");
    tick().await;
    assert!(
        m.text().contains("Header name must start with a letter"),
        "{}",
        m.text()
    );
}

#[wasm_bindgen_test]
async fn required_when_and_depends_on_follow_other_fields() {
    let m = mount(
        APPDYNAMICS,
        json!({"uid": "ad", "url": "https://ad.example", "jsonData": {}}),
    );
    assert!(
        !m.shown("root_basicAuthUser"),
        "dependsOn root_basicAuth == true"
    );
    toggle(&by_label(&m.root, "Basic auth"));
    tick().await;
    assert_eq!(m.emitted()["basicAuth"], true);
    assert!(m.shown("root_basicAuthUser"));

    m.show_all_errors.set(true);
    tick().await;
    assert!(!m.text().contains("Client Secret is required"));
    type_text(&by_label(&m.root, "Client Name"), "grafana");
    tick().await;
    assert!(
        m.text().contains("Client Secret is required"),
        "{}",
        m.text()
    );
    assert!(
        m.text().contains("Client Domain is required"),
        "{}",
        m.text()
    );
}
