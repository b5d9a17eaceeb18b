//! The routed pages against a test double of Grafana's API: one search per burst of
//! typing, a stale answer never replaces a newer one, and every server error shows its
//! message while the user's input stays.

use crate::fake_server::{eventually, sleep, FakeServer, Reply};
use crate::support::*;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_grafana::api::ApiClient;
use leptos_grafana::pages::{CreateServiceAccountPage, ServiceAccountsPage};
use leptos_router::components::Router;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn search_body(names: &[&str], total: i64) -> serde_json::Value {
    json!({
        "totalCount": total,
        "page": 1,
        "perPage": 30,
        "serviceAccounts": names.iter().enumerate().map(|(i, n)| json!({
            "id": i + 1, "uid": format!("u{i}"), "name": n, "login": format!("sa-1-{n}"), "orgId": 1,
            "isDisabled": false, "role": "Viewer", "tokens": 0, "avatarUrl": "",
            "accessControl": {"serviceaccounts:read": true, "serviceaccounts:write": true, "serviceaccounts:delete": true}
        })).collect::<Vec<_>>()
    })
}

fn reset_url() {
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
}

fn mount_list(root: &web_sys::HtmlElement) -> leptos::mount::UnmountHandle<impl Mountable> {
    mount_to(root.clone(), || {
        view! {
            <Router>
                <ServiceAccountsPage client=ApiClient::same_origin() can_create=true />
            </Router>
        }
    })
}

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn one_search_per_burst_of_typing_with_the_query_in_the_url() {
    reset_url();
    let server = FakeServer::install(|_, url| {
        if url.contains("query=abc") {
            Reply::json(200, search_body(&["abc-bot"], 1))
        } else {
            Reply::json(200, search_body(&["alpha", "beta"], 2))
        }
    });
    let root = fresh_section();
    let _h = mount_list(&root);
    assert!(
        eventually(2000, || text(&root).contains("alpha")).await,
        "{}",
        text(&root)
    );
    assert_eq!(server.urls_with("/api/serviceaccounts/search").len(), 1);
    let input = find(&root, "#sa-search");
    for typed in ["a", "ab", "abc"] {
        type_text(&input, typed);
        sleep(40).await;
    }
    sleep(150).await;
    assert_eq!(
        server.urls_with("/api/serviceaccounts/search").len(),
        1,
        "nothing sent while typing"
    );
    assert!(eventually(2000, || text(&root).contains("abc-bot")).await);
    let searches = server.urls_with("/api/serviceaccounts/search");
    assert_eq!(searches.len(), 2, "{searches:?}");
    assert!(
        searches[1].contains("query=abc")
            && searches[1].contains("page=1")
            && searches[1].contains("perpage=30")
    );
    let location = web_sys::window().unwrap().location().search().unwrap();
    assert!(location.contains("query=abc"), "{location}");
    reset_url();
}

#[wasm_bindgen_test]
async fn a_stale_answer_never_replaces_a_newer_one() {
    reset_url();
    let server = FakeServer::install(|_, url| {
        if url.contains("query=slow") {
            Reply::json(200, search_body(&["slow-result"], 1)).after(600)
        } else if url.contains("query=fast") {
            Reply::json(200, search_body(&["fast-result"], 1))
        } else {
            Reply::json(200, search_body(&["first"], 1))
        }
    });
    let root = fresh_section();
    let _h = mount_list(&root);
    assert!(eventually(2000, || text(&root).contains("first")).await);
    let input = find(&root, "#sa-search");
    type_text(&input, "slow");
    sleep(350).await; // the slow search is now in flight
    type_text(&input, "fast");
    let shown = eventually(2000, || text(&root).contains("fast-result")).await;
    let location = web_sys::window().unwrap().location().search().unwrap();
    assert!(
        shown,
        "location {location} calls: {:?}\n{}",
        server.calls.borrow(),
        text(&root)
    );
    sleep(700).await; // long after the slow answer would have arrived
    assert!(text(&root).contains("fast-result"));
    assert!(
        !text(&root).contains("slow-result"),
        "the stale answer replaced the newer one"
    );
    assert_eq!(server.urls_with("query=slow").len(), 1);
    reset_url();
}

#[wasm_bindgen_test]
async fn a_server_error_shows_its_message() {
    reset_url();
    let _server = FakeServer::install(|_, _| {
        Reply::json(500, json!({"message": "database is locked", "traceID": ""}))
    });
    let root = fresh_section();
    let _h = mount_list(&root);
    assert!(
        eventually(2000, || text(&root).contains("database is locked")).await,
        "{}",
        text(&root)
    );
    assert!(exists(&root, "[role=alert]"));
    reset_url();
}

#[wasm_bindgen_test]
async fn create_keeps_what_was_typed_and_shows_the_server_message() {
    reset_url();
    let server = FakeServer::install(|method, url| {
        if method == "POST" && url.ends_with("/api/serviceaccounts") {
            Reply::json(
                400,
                json!({"message": "service account already exists", "messageId": "serviceaccounts.ErrAlreadyExists", "statusCode": 400}),
            )
        } else {
            Reply::json(404, json!({"message": "Not found"}))
        }
    });
    let root = fresh_section();
    let _h = mount_to(root.clone(), || {
        view! {
            <Router>
                <CreateServiceAccountPage client=ApiClient::same_origin() />
            </Router>
        }
    });
    let name = by_label(&root, "Display name");
    type_text(&name, "ci-bot");
    choose(&find(&root, "#sa-role"), "Editor");
    leptos::task::tick().await;
    fire(&find(&root, "form"), "submit");
    assert!(
        eventually(2000, || text(&root)
            .contains("service account already exists"))
        .await
    );
    assert_eq!(
        name.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "ci-bot"
    );
    assert_eq!(
        find(&root, "#sa-role")
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .value(),
        "Editor"
    );
    assert!(
        !find(&root, "button[type=submit]").has_attribute("disabled"),
        "the form can be sent again"
    );
    assert_eq!(server.urls_with("/api/serviceaccounts").len(), 1);
    reset_url();
}

#[wasm_bindgen_test]
async fn a_network_failure_is_a_clear_message() {
    reset_url();
    // No server at all: fetch rejects as it does when the network is down.
    let window = web_sys::window().unwrap();
    let original = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
    let failing =
        wasm_bindgen::closure::Closure::<dyn Fn(wasm_bindgen::JsValue) -> js_sys::Promise>::new(
            |_| js_sys::Promise::reject(&js_sys::TypeError::new("Failed to fetch")),
        );
    js_sys::Reflect::set(&window, &"fetch".into(), failing.as_ref()).unwrap();
    let root = fresh_section();
    let _h = mount_list(&root);
    let ok = eventually(2000, || text(&root).contains("Could not reach the server")).await;
    js_sys::Reflect::set(&window, &"fetch".into(), &original).unwrap();
    assert!(ok, "{}", text(&root));
    reset_url();
}
