//! `SecretInput`: configured state, Reset, typing, labels, and the settings contract.

use crate::support::*;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_grafana::components::SecretInput;
use leptos_grafana::model::{is_secret_configured, reset_secret, set_secret, DataSourceSettings};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

fn configured_settings() -> RwSignal<DataSourceSettings> {
    let mut s = DataSourceSettings::default();
    s.secure_json_fields.insert("apiKey".into(), true);
    RwSignal::new(s)
}

/// A SecretInput wired to a settings signal exactly as a ConfigEditor wires it.
fn mount_bound(
    root: &web_sys::HtmlElement,
    options: RwSignal<DataSourceSettings>,
) -> impl Drop + use<> {
    mount_to(root.clone(), move || {
        view! {
            <SecretInput
                label="API key"
                description="Sent as a bearer token."
                placeholder="API key"
                is_configured=Signal::derive(move || is_secret_configured(&options.read(), "apiKey"))
                value=Signal::derive(move || {
                    options.read().secure_json_data.get("apiKey").cloned().unwrap_or_default()
                })
                on_change=move |v: String| options.set(set_secret(options.get_untracked(), "apiKey", &v))
                on_reset=move |_| options.set(reset_secret(options.get_untracked(), "apiKey"))
            />
        }
    })
}

#[wasm_bindgen_test]
fn configured_shows_disabled_configured_text_and_reset() {
    let root = fresh_section();
    let _handle = mount_to(root.clone(), || {
        view! { <SecretInput is_configured=true on_change=|_| {} on_reset=|_| {} label="Password" /> }
    });
    let input: HtmlInputElement = find(&root, "input").unchecked_into();
    assert_eq!(input.type_(), "text");
    assert!(input.disabled());
    assert_eq!(input.value(), "configured");
    assert!(!exists(&root, "input[type=password]"));
    let reset = button_named(&root, "Reset");
    assert_eq!(
        reset.get_attribute("type").as_deref(),
        Some("button"),
        "Reset must not submit a form"
    );
    assert_eq!(
        reset.get_attribute("aria-label").as_deref(),
        Some("Reset Password")
    );
}

#[wasm_bindgen_test]
fn configured_never_renders_a_secret_value() {
    // Even if a parent wrongly passes a value while configured, it must not reach the DOM.
    let root = fresh_section();
    let _handle = mount_to(root.clone(), || {
        view! {
            <SecretInput is_configured=true value="hunter2-should-not-show" on_change=|_| {} on_reset=|_| {} />
        }
    });
    assert!(!root.outer_html().contains("hunter2"));
    let input: HtmlInputElement = find(&root, "input").unchecked_into();
    assert_eq!(input.value(), "configured");
}

#[wasm_bindgen_test]
async fn reset_calls_on_reset_once() {
    let root = fresh_section();
    let resets = RwSignal::new(0u32);
    let _handle = mount_to(root.clone(), move || {
        view! { <SecretInput is_configured=true on_change=|_| {} on_reset=move |_| resets.update(|n| *n += 1) /> }
    });
    button_named(&root, "Reset").click();
    tick().await;
    assert_eq!(resets.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn reset_turns_the_field_into_an_empty_enabled_focused_password_input() {
    let root = fresh_section();
    let options = configured_settings();
    let _handle = mount_bound(&root, options);
    button_named(&root, "Reset").click();
    tick().await;
    let input: HtmlInputElement = find(&root, "input").unchecked_into();
    assert_eq!(input.type_(), "password");
    assert!(!input.disabled());
    assert_eq!(input.value(), "");
    assert!(
        !exists(&root, "button"),
        "no Reset once the secret is forgotten"
    );
    assert_eq!(
        active_element().map(|e| e.id()),
        Some(input.id()),
        "focus moves to the new input"
    );
    let emitted = serde_json::to_value(options.get_untracked()).unwrap();
    assert_eq!(emitted["secureJsonFields"], json!({"apiKey": false}));
    assert_eq!(emitted["secureJsonData"], json!({"apiKey": ""}));
}

#[wasm_bindgen_test]
async fn not_configured_is_a_new_password_input_that_emits_every_keystroke() {
    let root = fresh_section();
    let seen = RwSignal::new(Vec::<String>::new());
    let _handle = mount_to(root.clone(), move || {
        view! {
            <SecretInput is_configured=false on_change=move |v| seen.update(|s| s.push(v)) on_reset=|_| {} />
        }
    });
    let input: HtmlInputElement = find(&root, "input").unchecked_into();
    assert_eq!(input.type_(), "password");
    assert_eq!(
        input.get_attribute("autocomplete").as_deref(),
        Some("new-password")
    );
    assert!(!input.disabled());
    for typed in ["s", "se", "sec"] {
        type_into(&input, typed);
    }
    tick().await;
    assert_eq!(seen.get_untracked(), vec!["s", "se", "sec"]);
}

#[wasm_bindgen_test]
async fn typing_after_reset_emits_grafanas_json() {
    let root = fresh_section();
    let options = configured_settings();
    let _handle = mount_bound(&root, options);
    button_named(&root, "Reset").click();
    tick().await;
    let input: HtmlInputElement = find(&root, "input").unchecked_into();
    type_into(&input, "new-key");
    tick().await;
    let emitted = serde_json::to_value(options.get_untracked()).unwrap();
    assert_eq!(emitted["secureJsonData"], json!({"apiKey": "new-key"}));
    assert_eq!(emitted["secureJsonFields"], json!({"apiKey": false}));
    assert!(emitted["jsonData"].as_object().unwrap().is_empty());
    // The typed value lives in the input's value property, not in the markup.
    assert!(!root.outer_html().contains("new-key"));
}

#[wasm_bindgen_test]
fn label_and_description_are_wired_for_screen_readers() {
    let root = fresh_section();
    let _handle = mount_to(root.clone(), || {
        view! {
            <SecretInput
                id="api-key"
                label="API key"
                description="Sent as a bearer token."
                required=true
                is_configured=false
                on_change=|_| {}
                on_reset=|_| {}
            />
        }
    });
    let label = find(&root, "label");
    assert_eq!(label.get_attribute("for").as_deref(), Some("api-key"));
    assert!(label.text_content().unwrap().starts_with("API key"));
    let input = find(&root, "input#api-key");
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("api-key-description")
    );
    assert_eq!(
        find(&root, "#api-key-description")
            .text_content()
            .as_deref(),
        Some("Sent as a bearer token.")
    );
    assert_eq!(
        input.get_attribute("aria-required").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
fn reset_is_reachable_by_keyboard() {
    let root = fresh_section();
    let _handle = mount_to(root.clone(), || {
        view! { <SecretInput is_configured=true label="Password" on_change=|_| {} on_reset=|_| {} /> }
    });
    let reset = button_named(&root, "Reset");
    assert_eq!(reset.tab_index(), 0, "a native button in the tab order");
    reset.focus().unwrap();
    assert_eq!(
        active_element().map(|e| e.outer_html()),
        Some(reset.outer_html())
    );
}

#[wasm_bindgen_test]
async fn disabled_blocks_typing_and_reset() {
    let root = fresh_section();
    let resets = RwSignal::new(0u32);
    let _handle = mount_to(root.clone(), move || {
        view! {
            <SecretInput
                is_configured=true
                disabled=true
                on_change=|_| {}
                on_reset=move |_| resets.update(|n| *n += 1)
            />
        }
    });
    let reset = button_named(&root, "Reset");
    assert!(reset.has_attribute("disabled"));
    reset.click();
    tick().await;
    assert_eq!(resets.get_untracked(), 0);
}
