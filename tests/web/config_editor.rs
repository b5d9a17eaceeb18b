//! `DataSourceConfigEditor`: every section, driven through the DOM; each test checks the
//! exact settings JSON that `onOptionsChange` received, as Grafana would send it.

use crate::support::*;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_grafana::components::DataSourceConfigEditor;
use leptos_grafana::model::schema::{ConfigSchema, FieldKind, FieldSchema, Sections};
use leptos_grafana::model::DataSourceSettings;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, HtmlInputElement};

struct Mounted {
    root: HtmlElement,
    options: RwSignal<DataSourceSettings>,
    calls: RwSignal<u32>,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    /// What `onOptionsChange` last received, as JSON.
    fn emitted(&self) -> Value {
        serde_json::to_value(self.options.get_untracked()).unwrap()
    }
}

fn mount_editor(initial: Value, schema: ConfigSchema, read_only: bool) -> Mounted {
    let root = fresh_section();
    let options = RwSignal::new(serde_json::from_value::<DataSourceSettings>(initial).unwrap());
    let calls = RwSignal::new(0u32);
    let handle = mount_to(root.clone(), move || {
        view! {
            <DataSourceConfigEditor
                options=options
                on_options_change=move |next| {
                    options.set(next);
                    calls.update(|n| *n += 1);
                }
                schema=schema.clone()
                read_only=read_only
            />
        }
    });
    Mounted {
        root,
        options,
        calls,
        _handle: Box::new(handle),
    }
}

fn saved() -> Value {
    json!({
        "id": 1, "uid": "ds1", "orgId": 1, "name": "API", "type": "example", "access": "proxy",
        "url": "http://localhost:9000", "basicAuth": true, "basicAuthUser": "grafana",
        "jsonData": {"path": "/health", "somethingUnknown": {"kept": true}},
        "secureJsonFields": {"basicAuthPassword": true, "apiKey": true},
        "version": 3
    })
}

#[wasm_bindgen_test]
async fn url_is_validated_and_written_top_level() {
    let m = mount_editor(saved(), ConfigSchema::new(), false);
    let url = by_label(&m.root, "URL");
    type_text(&url, "localhost:9000");
    tick().await;
    assert_eq!(
        m.emitted()["url"],
        "localhost:9000",
        "the form keeps what was typed"
    );
    assert!(m
        .root
        .text_content()
        .unwrap()
        .contains("Please enter a valid URL"));
    assert_eq!(url.get_attribute("aria-invalid").as_deref(), Some("true"));
    type_text(&url, "https://api.example.com:8443");
    tick().await;
    assert_eq!(m.emitted()["url"], "https://api.example.com:8443");
    assert!(!m
        .root
        .text_content()
        .unwrap()
        .contains("Please enter a valid URL"));
    // Nothing else changed, unknown jsonData included.
    assert_eq!(m.emitted()["jsonData"], saved()["jsonData"]);
}

#[wasm_bindgen_test]
async fn auth_method_writes_exactly_one_flag() {
    // Cross-site credentials are offered only when the schema asks for them (plugin-ui).
    let plain = mount_editor(
        json!({"url": "http://x", "jsonData": {}}),
        ConfigSchema::new(),
        false,
    );
    assert!(!exists(&plain.root, "option[value=CrossSiteCredentials]"));
    let mut schema = ConfigSchema::new();
    schema.sections.cross_site_credentials = true;
    let m = mount_editor(json!({"url": "http://x", "jsonData": {}}), schema, false);
    let select = by_label(&m.root, "Authentication method");
    assert_eq!(
        select.unchecked_ref::<web_sys::HtmlSelectElement>().value(),
        "NoAuth"
    );
    assert!(!has_label(&m.root, "User"));
    choose(&select, "BasicAuth");
    tick().await;
    let e = m.emitted();
    assert_eq!(
        (
            e["basicAuth"].clone(),
            e["withCredentials"].clone(),
            e["jsonData"]["oauthPassThru"].clone()
        ),
        (json!(true), json!(false), json!(false))
    );
    assert!(has_label(&m.root, "User") && has_label(&m.root, "Password"));
    choose(&select, "OAuthForward");
    tick().await;
    let e = m.emitted();
    assert_eq!(
        (
            e["basicAuth"].clone(),
            e["jsonData"]["oauthPassThru"].clone()
        ),
        (json!(false), json!(true))
    );
    choose(&select, "CrossSiteCredentials");
    tick().await;
    assert_eq!(m.emitted()["withCredentials"], true);
    assert_eq!(m.emitted()["jsonData"]["oauthPassThru"], false);
}

#[wasm_bindgen_test]
async fn basic_auth_user_and_password_reset() {
    let m = mount_editor(saved(), ConfigSchema::new(), false);
    type_text(&by_label(&m.root, "User"), "admin");
    tick().await;
    let password = by_label(&m.root, "Password");
    assert_eq!(
        password.unchecked_ref::<HtmlInputElement>().value(),
        "configured"
    );
    button_named(&m.root, "Reset").click(); // the first Reset is the password's
    tick().await;
    type_text(&by_label(&m.root, "Password"), "s3cret");
    tick().await;
    let e = m.emitted();
    assert_eq!(e["basicAuthUser"], "admin");
    assert_eq!(e["secureJsonData"], json!({"basicAuthPassword": "s3cret"}));
    assert_eq!(
        e["secureJsonFields"],
        json!({"basicAuthPassword": false, "apiKey": true})
    );
}

#[wasm_bindgen_test]
async fn api_key_reset_sends_flag_and_empty_value() {
    let m = mount_editor(saved(), ConfigSchema::new().api_key(true), false);
    let reset = find(&m.root, "button[aria-label=\"Reset API key\"]");
    reset.unchecked_ref::<HtmlElement>().click();
    tick().await;
    let e = m.emitted();
    assert_eq!(e["secureJsonData"], json!({"apiKey": ""}));
    assert_eq!(e["secureJsonFields"]["apiKey"], false);
    assert_eq!(e["secureJsonFields"]["basicAuthPassword"], true);
}

#[wasm_bindgen_test]
async fn tls_switches_show_fields_and_forget_secrets_when_turned_off() {
    let mut initial = saved();
    initial["jsonData"]["tlsAuthWithCACert"] = json!(true);
    initial["secureJsonFields"]["tlsCACert"] = json!(true);
    let m = mount_editor(initial, ConfigSchema::new(), false);
    assert_eq!(
        by_label(&m.root, "CA Certificate")
            .unchecked_ref::<web_sys::HtmlTextAreaElement>()
            .value(),
        "configured"
    );
    toggle(&by_label(&m.root, "TLS Client Authentication"));
    tick().await;
    type_text(&by_label(&m.root, "ServerName"), "db.internal");
    type_text(
        &by_label(&m.root, "Client Key"),
        "-----BEGIN RSA PRIVATE KEY-----",
    );
    tick().await;
    let e = m.emitted();
    assert_eq!(e["jsonData"]["tlsAuth"], true);
    assert_eq!(e["jsonData"]["serverName"], "db.internal");
    assert_eq!(
        e["secureJsonData"]["tlsClientKey"],
        "-----BEGIN RSA PRIVATE KEY-----"
    );
    toggle(&by_label(&m.root, "Add self-signed certificate"));
    tick().await;
    assert!(!has_label(&m.root, "CA Certificate"));
    let e = m.emitted();
    assert_eq!(e["jsonData"]["tlsAuthWithCACert"], false);
    assert_eq!(
        e["secureJsonData"]["tlsCACert"], "",
        "turning the CA off removes the stored cert"
    );
    assert_eq!(e["secureJsonFields"]["tlsCACert"], false);
    toggle(&by_label(&m.root, "Skip TLS certificate validation"));
    tick().await;
    assert_eq!(m.emitted()["jsonData"]["tlsSkipVerify"], true);
}

#[wasm_bindgen_test]
async fn custom_headers_add_type_and_emit_numbered_keys() {
    let m = mount_editor(
        json!({"url": "http://x", "jsonData": {}}),
        ConfigSchema::new(),
        false,
    );
    button_named(&m.root, "Add header").click();
    tick().await;
    type_text(&by_label(&m.root, "Header 1"), "X-Tenant");
    type_text(&by_label(&m.root, "Value 1"), "acme");
    tick().await;
    button_named(&m.root, "Add another header").click();
    tick().await;
    type_text(&by_label(&m.root, "Header 2"), "X-Trace");
    type_text(&by_label(&m.root, "Value 2"), "on");
    tick().await;
    let e = m.emitted();
    assert_eq!(
        e["jsonData"],
        json!({"httpHeaderName1": "X-Tenant", "httpHeaderName2": "X-Trace"})
    );
    assert_eq!(
        e["secureJsonData"],
        json!({"httpHeaderValue1": "acme", "httpHeaderValue2": "on"})
    );
    // The typed values are input values, never markup.
    assert!(!m.root.outer_html().contains("acme"));
}

#[wasm_bindgen_test]
async fn removing_a_middle_header_keeps_secrets_aligned_and_asks_for_the_moved_value() {
    let initial = json!({
        "uid": "ds1", "url": "http://x", "version": 1,
        "jsonData": {"httpHeaderName1": "X-A", "httpHeaderName2": "X-B", "httpHeaderName3": "X-C"},
        "secureJsonFields": {"httpHeaderValue1": true, "httpHeaderValue2": true, "httpHeaderValue3": true}
    });
    let m = mount_editor(initial, ConfigSchema::new(), false);
    find(&m.root, "button[aria-label=\"Remove header 2\"]")
        .unchecked_ref::<HtmlElement>()
        .click();
    tick().await;
    let e = m.emitted();
    assert_eq!(
        e["jsonData"],
        json!({"httpHeaderName1": "X-A", "httpHeaderName2": "X-C"})
    );
    // X-B's stored value at 2 is overwritten (never sent as X-C's), 3 is cleared.
    assert_eq!(
        e["secureJsonData"],
        json!({"httpHeaderValue2": "", "httpHeaderValue3": ""})
    );
    assert_eq!(
        e["secureJsonFields"],
        json!({"httpHeaderValue1": true, "httpHeaderValue2": false, "httpHeaderValue3": false})
    );
    let text = m.root.text_content().unwrap();
    assert!(text.contains("Enter the value of X-C again"), "{text}");
    // Row 1 still shows configured; row 2 is an empty password input.
    assert_eq!(
        by_label(&m.root, "Value 1")
            .unchecked_ref::<HtmlInputElement>()
            .value(),
        "configured"
    );
    let v2 = by_label(&m.root, "Value 2");
    assert_eq!(v2.unchecked_ref::<HtmlInputElement>().type_(), "password");
    type_text(&v2, "c-value");
    tick().await;
    assert_eq!(m.emitted()["secureJsonData"]["httpHeaderValue2"], "c-value");
    assert!(!m
        .root
        .text_content()
        .unwrap()
        .contains("Enter the value of X-C again"));
}

#[wasm_bindgen_test]
async fn allowed_cookies_and_timeout() {
    let m = mount_editor(
        json!({"url": "http://x", "jsonData": {}}),
        ConfigSchema::new(),
        false,
    );
    let cookie = by_label(&m.root, "Allowed cookies");
    type_text(&cookie, "session_id");
    press(&cookie, "Enter");
    tick().await;
    type_text(&cookie, "csrf");
    press(&cookie, "Enter");
    tick().await;
    assert_eq!(
        m.emitted()["jsonData"]["keepCookies"],
        json!(["session_id", "csrf"])
    );
    find(&m.root, "button[aria-label=\"Remove session_id\"]")
        .unchecked_ref::<HtmlElement>()
        .click();
    tick().await;
    assert_eq!(m.emitted()["jsonData"]["keepCookies"], json!(["csrf"]));
    let timeout = by_label(&m.root, "Timeout");
    type_text(&timeout, "30");
    tick().await;
    assert_eq!(m.emitted()["jsonData"]["timeout"], 30);
    type_text(&timeout, "30s");
    tick().await;
    assert_eq!(
        timeout.unchecked_ref::<HtmlInputElement>().value(),
        "30s",
        "typed text is kept"
    );
    assert!(m
        .root
        .text_content()
        .unwrap()
        .contains("Enter the timeout as a whole number of seconds"));
}

fn plugin_schema() -> ConfigSchema {
    ConfigSchema::new()
        .sections(Sections {
            connection: false,
            auth: false,
            custom_headers: false,
            tls: false,
            allowed_cookies: false,
            timeout: false,
            api_key: false,
            cross_site_credentials: false,
        })
        .field(
            FieldSchema::new(FieldKind::Text, "path", "Health path")
                .placeholder("/health")
                .pattern("^/", "Start the path with /"),
        )
        .field(FieldSchema::new(FieldKind::Number, "maxSeries", "Max series").range(1.0, 100.0))
        .field(FieldSchema::new(FieldKind::Switch, "debug", "Debug"))
        .field(
            FieldSchema::new(FieldKind::Select, "region", "Region")
                .option("eu", "Europe")
                .option("us", "United States"),
        )
        .field(FieldSchema::new(FieldKind::Secret, "token", "Token").required())
        .field(FieldSchema::new(FieldKind::StringList, "tags", "Tags"))
}

/// Labels and control kinds, in order: what a user sees of the fields.
fn form_outline(root: &web_sys::Element) -> Vec<String> {
    let controls = root.query_selector_all("input, select, textarea").unwrap();
    (0..controls.length())
        .filter_map(|i| controls.item(i))
        .map(|n| {
            let el: web_sys::Element = n.unchecked_into();
            let label = root
                .query_selector(&format!("label[for=\"{}\"]", el.id()))
                .unwrap()
                .and_then(|l| l.text_content())
                .unwrap_or_default();
            format!(
                "{}:{}:{}",
                el.tag_name(),
                el.get_attribute("type").unwrap_or_default(),
                label.trim()
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn plugin_fields_write_json_data_and_validate() {
    let m = mount_editor(json!({"jsonData": {}}), plugin_schema(), false);
    type_text(&by_label(&m.root, "Health path"), "health");
    type_text(&by_label(&m.root, "Max series"), "500");
    tick().await;
    let text = m.root.text_content().unwrap();
    assert!(text.contains("Start the path with /"), "{text}");
    assert!(text.contains("Enter a number from 1 to 100"), "{text}");
    type_text(&by_label(&m.root, "Health path"), "/health");
    type_text(&by_label(&m.root, "Max series"), "50");
    choose(&by_label(&m.root, "Region"), "us");
    tick().await;
    let debug = find(&m.root, "input[role=switch]");
    toggle(&debug);
    type_text(&by_label(&m.root, "Token"), "t0k");
    tick().await;
    let e = m.emitted();
    assert_eq!(
        e["jsonData"],
        json!({"path": "/health", "maxSeries": 50, "region": "us", "debug": true})
    );
    assert_eq!(e["secureJsonData"], json!({"token": "t0k"}));
    let text = m.root.text_content().unwrap();
    assert!(!text.contains("Start the path with /") && !text.contains("Enter a number from"));
    assert!(m.calls.get_untracked() >= 6);
}

#[wasm_bindgen_test]
fn schema_from_json_renders_the_same_as_from_the_builder() {
    let json = serde_json::to_string(&plugin_schema()).unwrap();
    let from_json = ConfigSchema::from_json(&json).unwrap();
    let a = mount_editor(json!({"jsonData": {}}), plugin_schema(), false);
    let b = mount_editor(json!({"jsonData": {}}), from_json, false);
    let outline = form_outline(&a.root);
    assert!(outline.len() >= 6, "{outline:?}");
    assert_eq!(outline, form_outline(&b.root));
}

#[wasm_bindgen_test]
async fn read_only_disables_every_control() {
    let m = mount_editor(saved(), ConfigSchema::new().api_key(true), true);
    let controls = m
        .root
        .query_selector_all("input, select, textarea, button")
        .unwrap();
    let enabled: Vec<String> = (0..controls.length())
        .filter_map(|i| controls.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .filter(|el| !el.has_attribute("disabled"))
        .filter(|el| {
            el.get_attribute("aria-expanded").is_none()
                && el.get_attribute("aria-controls").is_none()
        })
        .map(|el| el.outer_html())
        .collect();
    assert!(enabled.is_empty(), "enabled in read-only: {enabled:?}");
    button_named(&m.root, "Add header").click();
    tick().await;
    assert_eq!(m.calls.get_untracked(), 0);
}

#[wasm_bindgen_test]
fn secrets_in_clear_json_data_are_flagged() {
    let schema =
        ConfigSchema::new().field(FieldSchema::new(FieldKind::Text, "apiToken", "API token"));
    let m = mount_editor(
        json!({"url": "http://x", "jsonData": {"password": "oops"}}),
        schema,
        false,
    );
    let text = m.root.text_content().unwrap();
    assert!(text.contains("Secrets in clear text"), "{text}");
    assert!(text.contains("apiToken, password"), "{text}");
}

/// Every id a label, description or section points at exists in the editor: screen readers
/// announce nothing for a reference to a missing id.
#[wasm_bindgen_test]
async fn every_id_reference_resolves() {
    let schema = ConfigSchema::new()
        .api_key(true)
        .field(FieldSchema::new(FieldKind::Text, "path", "Path").description("A path"))
        .field(FieldSchema::new(FieldKind::Secret, "token", "Token"));
    let m = mount_editor(saved(), schema, false);
    tick().await;
    let refs = m
        .root
        .query_selector_all("[aria-describedby], [aria-labelledby], [aria-controls], label[for]")
        .unwrap();
    assert!(refs.length() > 10, "the editor has references to check");
    for i in 0..refs.length() {
        let el: web_sys::Element = refs.item(i).unwrap().unchecked_into();
        for attr in [
            "aria-describedby",
            "aria-labelledby",
            "aria-controls",
            "for",
        ] {
            for id in el
                .get_attribute(attr)
                .unwrap_or_default()
                .split_whitespace()
            {
                assert!(
                    m.root
                        .query_selector(&format!("[id=\"{id}\"]"))
                        .unwrap()
                        .is_some(),
                    "{attr}=\"{id}\" on <{}> points at nothing",
                    el.tag_name()
                );
            }
        }
    }
}

/// The "Routes" section: each plugin.json route as the proxy would send it with the
/// settings being edited; secrets only as configured / changed / missing, never their
/// values; the checks' findings beside the route.
#[wasm_bindgen_test]
async fn the_route_preview_shows_requests_with_secrets_by_state_only() {
    let root = fresh_section();
    let mut initial: DataSourceSettings = serde_json::from_value(saved()).unwrap();
    initial.json_data.insert("projectId".into(), json!("p-9"));
    initial.secure_json_fields.insert("apiToken".into(), true);
    let options = RwSignal::new(initial);
    let plugin: grafana_model::PluginJson = serde_json::from_value(json!({
        "type": "datasource", "id": "x",
        "routes": [
            {"path": "projects", "url": "https://api.example.com/projects/{{ .JsonData.projectId }}",
             "headers": [{"name": "Authorization", "content": "Bearer {{ .SecureJsonData.apiToken }}"}]},
            {"path": "search", "url": "https://api.example.com/search",
             "urlParams": [{"name": "apiKey", "content": "{{ .SecureJsonData.apiKey }}"}]},
            {"path": "extra", "url": "https://api.example.com/{{ .JsonData.notInTheSchema }}"}
        ]
    }))
    .unwrap();
    let plugin_json = RwSignal::new(Some(plugin));
    let schema = ConfigSchema::new()
        .api_key(true)
        .field(FieldSchema::new(FieldKind::Text, "projectId", "Project ID"))
        .field(FieldSchema::new(FieldKind::Secret, "apiToken", "API token"));
    let _handle = mount_to(root.clone(), move || {
        view! {
            <DataSourceConfigEditor
                options=options
                on_options_change=move |next| options.set(next)
                schema=schema.clone()
                plugin_json=plugin_json
            />
        }
    });
    tick().await;
    let toggle = find(&root, "button[aria-label=\"Expand section Routes\"]");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    toggle.unchecked_ref::<HtmlElement>().click();
    tick().await;
    let routes = || find(&root, ".lg-routes").text_content().unwrap_or_default();
    let text = routes();
    assert!(text.contains("Any /projects"), "{text}");
    assert!(
        text.contains("https://api.example.com/projects/p-9"),
        "{text}"
    );
    assert!(
        text.contains("Header AuthorizationBearer configured"),
        "{text}"
    );
    // apiKey is configured in saved(): shown as such.
    assert!(text.contains("Query apiKeyconfigured"), "{text}");
    assert!(
        text.contains(".JsonData.notInTheSchema is not a jsonData key the editor collects"),
        "{text}"
    );

    // Typing a new secret: "changed", and the typed value is nowhere in the page.
    let reset = find(&root, "button[aria-label=\"Reset API token\"]");
    reset.unchecked_ref::<HtmlElement>().click();
    tick().await;
    assert!(
        routes().contains("Header AuthorizationBearer missing"),
        "{}",
        routes()
    );
    type_text(&by_label(&root, "API token"), "typed-SECRET-value");
    tick().await;
    assert!(
        routes().contains("Header AuthorizationBearer changed"),
        "{}",
        routes()
    );
    // (The password input holds it as a property, never as markup.)
    assert!(!root.inner_html().contains("typed-SECRET-value"));
    // Edits of jsonData show at once.
    type_text(&by_label(&root, "Project ID"), "p-10");
    tick().await;
    assert!(
        routes().contains("https://api.example.com/projects/p-10"),
        "{}",
        routes()
    );
    // No plugin.json: no section.
    plugin_json.set(None);
    tick().await;
    assert!(!exists(&root, ".lg-routes"));
}

/// plugin-ui 0.17: the description with the docs link, the plugin's own authentication
/// method with its fields (remembered in `jsonData.authMethod`, Grafana's flags off), and
/// the Secure Socks Proxy switch when the server runs one.
#[wasm_bindgen_test]
async fn plugin_ui_017_description_custom_auth_method_and_secure_socks_switch() {
    let schema = ConfigSchema::from_json(
        r#"{"description":{"dataSourceName":"Example API","docsLink":"https://example.com/docs"},
            "authMethods":[{"id":"custom-pat","label":"Personal access token","description":"A token of yours",
              "fields":[{"key":"pat","kind":"secret","label":"Access token","required":true}]}]}"#,
    )
    .unwrap();
    let root = fresh_section();
    let options = RwSignal::new(
        serde_json::from_value::<DataSourceSettings>(json!({
            "uid": "ds1", "type": "example", "basicAuth": true, "basicAuthUser": "u",
            "jsonData": {}, "secureJsonFields": {}
        }))
        .unwrap(),
    );
    let socks = RwSignal::new(false);
    let _h = mount_to(root.clone(), move || {
        view! {
            <DataSourceConfigEditor
                options=options
                on_options_change=move |next| options.set(next)
                schema=schema.clone()
                secure_socks_proxy=socks
            />
        }
    });
    tick().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Before you can use the Example API data source, you must configure it below or in the config file."), "{text}");
    assert!(text.contains("Fields marked with * are required"));
    let docs = find(&root, ".lg-ds-description a");
    assert_eq!(
        docs.get_attribute("href").as_deref(),
        Some("https://example.com/docs")
    );
    assert_eq!(
        docs.text_content().as_deref(),
        Some("view the documentation")
    );
    // The select offers Grafana's methods (no cross-site by default), then the custom one.
    let select = find(&root, "select[id$=auth-method-select]");
    let values: Vec<String> = all(&select, "option")
        .iter()
        .map(|o| o.get_attribute("value").unwrap_or_default())
        .collect();
    assert_eq!(
        values,
        ["BasicAuth", "OAuthForward", "NoAuth", "custom-pat"]
    );
    assert!(!exists(&root, "input[type=password][id*=pat]"));
    choose(&select, "custom-pat");
    tick().await;
    let s = serde_json::to_value(options.get_untracked()).unwrap();
    assert_eq!(s["basicAuth"], json!(false));
    assert_eq!(s["jsonData"]["authMethod"], json!("custom-pat"));
    assert_eq!(s["jsonData"]["oauthPassThru"], json!(false));
    assert!(root.text_content().unwrap().contains("A token of yours"));
    let token = find(&root, "input[id*=plugin-field-pat]");
    type_text(&token, "pat-123");
    tick().await;
    assert_eq!(
        serde_json::to_value(options.get_untracked()).unwrap()["secureJsonData"]["pat"],
        json!("pat-123")
    );
    // The secure socks switch appears with the server's setting, and writes jsonData.
    assert!(!root
        .text_content()
        .unwrap()
        .contains("Secure Socks Proxy Enabled"));
    socks.set(true);
    tick().await;
    let switch = find(&root, ".lg-secure-socks input[type=checkbox]");
    toggle(&switch);
    tick().await;
    assert_eq!(
        serde_json::to_value(options.get_untracked()).unwrap()["jsonData"]
            ["enableSecureSocksProxy"],
        json!(true)
    );
    // Collapsible sections are named as plugin-ui names them.
    assert!(exists(
        &root,
        "button[aria-label^=\"Expand section \"], button[aria-label^=\"Collapse section \"]"
    ));
}

/// A Rust author composes the kit's sections as plugin-ui's: `config` + `on_change`, with
/// no `ConfigSchema`; a `Validation` above them brings the editor's messages.
#[wasm_bindgen_test]
async fn sections_work_alone_and_with_a_validation_context() {
    use leptos_grafana::components::{AuthSettings, ConnectionSettings, Validation};
    use leptos_grafana::model::schema::CustomAuthMethod;
    let root = fresh_section();
    let options = RwSignal::new(serde_json::from_value::<DataSourceSettings>(saved()).unwrap());
    let custom = vec![CustomAuthMethod {
        id: "custom-token".into(),
        label: "Personal token".into(),
        description: String::new(),
        fields: vec![FieldSchema::new(FieldKind::Secret, "token", "Token")],
    }];
    let _alone = mount_to(root.clone(), move || {
        view! {
            <ConnectionSettings config=options on_change=move |next| options.set(next) />
            <AuthSettings config=options on_change=move |next| options.set(next) custom_methods=custom.clone() />
        }
    });
    type_text(&by_label(&root, "URL"), "not a url");
    choose(&by_label(&root, "Authentication method"), "custom-token");
    tick().await;
    let emitted = serde_json::to_value(options.get_untracked()).unwrap();
    assert_eq!(emitted["url"], "not a url");
    assert_eq!(emitted["jsonData"]["authMethod"], "custom-token");
    assert_eq!(emitted["basicAuth"], false);
    assert!(has_label(&root, "Token"), "the custom method's field shows");
    assert!(
        !root
            .text_content()
            .unwrap()
            .contains("Please enter a valid URL"),
        "no Validation above: no messages"
    );

    let checked = fresh_section();
    let options = RwSignal::new(serde_json::from_value::<DataSourceSettings>(saved()).unwrap());
    let _validated = mount_to(checked.clone(), move || {
        let schema = ConfigSchema::new();
        Validation::provide(
            options.into(),
            move |o| schema.validate(o),
            Signal::stored(false),
        );
        view! { <ConnectionSettings config=options on_change=move |next| options.set(next) /> }
    });
    type_text(&by_label(&checked, "URL"), "not a url");
    tick().await;
    assert!(checked
        .text_content()
        .unwrap()
        .contains("Please enter a valid URL"));
}
