//! `SecretTextArea`: the multi-line secret used for certificates and keys.

use crate::support::*;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_grafana::components::{SecretInput, SecretTextArea};
use leptos_grafana::model::{is_secret_configured, reset_secret, set_secret, DataSourceSettings};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlTextAreaElement;

const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";

#[wasm_bindgen_test]
fn configured_shows_configured_and_reset_never_the_text() {
    let root = fresh_section();
    let _handle = mount_to(root.clone(), || {
        view! {
            <SecretTextArea is_configured=true value=PEM label="CA Certificate" on_change=|_| {} on_reset=|_| {} />
        }
    });
    let area: HtmlTextAreaElement = find(&root, "textarea").unchecked_into();
    assert!(area.disabled());
    assert_eq!(area.value(), "configured");
    assert!(!root.outer_html().contains("BEGIN CERTIFICATE"));
    assert_eq!(
        button_named(&root, "Reset")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Reset CA Certificate")
    );
}

#[wasm_bindgen_test]
async fn typing_is_masked_multi_line_and_emitted_whole() {
    let root = fresh_section();
    let seen = RwSignal::new(String::new());
    let _handle = mount_to(root.clone(), move || {
        view! { <SecretTextArea is_configured=false label="Client Key" on_change=move |v| seen.set(v) on_reset=|_| {} /> }
    });
    let area: HtmlTextAreaElement = find(&root, "textarea").unchecked_into();
    assert!(!area.disabled());
    assert!(area.class_list().contains("lg-secret-text-area--masked"));
    assert_eq!(area.rows(), 6);
    type_into_area(&area, PEM);
    tick().await;
    assert_eq!(seen.get_untracked(), PEM);
}

#[wasm_bindgen_test]
async fn show_secret_content_toggles_the_mask() {
    let root = fresh_section();
    let _handle = mount_to(root.clone(), || {
        view! { <SecretTextArea id="ca" is_configured=false on_change=|_| {} on_reset=|_| {} /> }
    });
    let toggle = find(&root, "button[aria-controls=ca]");
    assert_eq!(
        toggle.get_attribute("aria-label").as_deref(),
        Some("Show secret content")
    );
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    toggle.unchecked_ref::<web_sys::HtmlElement>().click();
    tick().await;
    let area = find(&root, "textarea#ca");
    assert!(!area.class_list().contains("lg-secret-text-area--masked"));
    assert_eq!(
        toggle.get_attribute("aria-label").as_deref(),
        Some("Hide secret content")
    );
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn reset_then_type_sends_the_new_certificate() {
    let root = fresh_section();
    let mut initial = DataSourceSettings::default();
    initial.secure_json_fields.insert("tlsCACert".into(), true);
    initial.secure_json_fields.insert("apiKey".into(), true);
    let options = RwSignal::new(initial);
    let _handle = mount_to(root.clone(), move || {
        view! {
            <SecretTextArea
                label="CA Certificate"
                is_configured=Signal::derive(move || is_secret_configured(&options.read(), "tlsCACert"))
                value=Signal::derive(move || {
                    options.read().secure_json_data.get("tlsCACert").cloned().unwrap_or_default()
                })
                on_change=move |v: String| options.set(set_secret(options.get_untracked(), "tlsCACert", &v))
                on_reset=move |_| options.set(reset_secret(options.get_untracked(), "tlsCACert"))
            />
        }
    });
    button_named(&root, "Reset").click();
    tick().await;
    let area: HtmlTextAreaElement = find(&root, "textarea").unchecked_into();
    assert!(!area.disabled());
    assert_eq!(area.value(), "");
    assert_eq!(active_element().map(|e| e.id()), Some(area.id()));
    // Unlike grafana-ui's TLS Reset, the empty value is sent too, so the old cert is removed.
    let emitted = serde_json::to_value(options.get_untracked()).unwrap();
    assert_eq!(emitted["secureJsonData"], json!({"tlsCACert": ""}));
    assert_eq!(
        emitted["secureJsonFields"],
        json!({"apiKey": true, "tlsCACert": false})
    );
    type_into_area(&area, PEM);
    tick().await;
    let emitted = serde_json::to_value(options.get_untracked()).unwrap();
    assert_eq!(emitted["secureJsonData"], json!({"tlsCACert": PEM}));
}

#[wasm_bindgen_test]
fn styles_are_mounted_once_however_many_fields_render() {
    let root = fresh_section();
    let _handle = mount_to(root.clone(), || {
        view! {
            <SecretTextArea is_configured=false on_change=|_| {} on_reset=|_| {} />
            <SecretTextArea is_configured=true on_change=|_| {} on_reset=|_| {} />
            <SecretInput is_configured=false on_change=|_| {} on_reset=|_| {} />
        }
    });
    let head = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .head()
        .unwrap();
    assert_eq!(
        head.query_selector_all("style[data-lg-style=lg-secret-text-area]")
            .unwrap()
            .length(),
        1
    );
    assert_eq!(
        head.query_selector_all("style[data-lg-style=lg-theme]")
            .unwrap()
            .length(),
        1
    );
}
