//! The service-account section against a test double of Grafana's API and a test
//! double of a host router: one search per burst of typing, a stale answer never replaces
//! a newer one, every server error shows its message while the user's input stays, and
//! all navigation goes through the host (never `window.history`).

use crate::fake_server::{eventually, sleep, FakeServer, Reply};
use crate::support::*;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_grafana::api::{ApiClient, ApiError};
use leptos_grafana::model::location::HostLocation;
use leptos_grafana::pages::{SectionNav, ServiceAccountsSection};
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

/// A host router for the tests: the location is a signal, `navigate` records each move
/// and goes there, a 401 is recorded.
#[derive(Clone, Copy)]
struct TestHost {
    location: RwSignal<HostLocation>,
    moves: RwSignal<Vec<(String, bool)>>,
    unauthorized: RwSignal<u32>,
}

const BASE: &str = "/a/test-app/service-accounts";

fn mount_section(
    root: &web_sys::HtmlElement,
    path: &str,
) -> (
    leptos::mount::UnmountHandle<impl Mountable + use<>>,
    TestHost,
) {
    let host = TestHost {
        location: RwSignal::new(HostLocation::parse(path)),
        moves: RwSignal::new(Vec::new()),
        unauthorized: RwSignal::new(0),
    };
    let handle = mount_to(root.clone(), move || {
        let nav = SectionNav::new(
            BASE,
            "/grafana",
            host.location.into(),
            Callback::new(move |(path, replace): (String, bool)| {
                host.moves.update(|m| m.push((path.clone(), replace)));
                host.location.set(HostLocation::parse(&path));
            }),
            Callback::new(move |_: ApiError| host.unauthorized.update(|n| *n += 1)),
        );
        view! { <ServiceAccountsSection client=ApiClient::same_origin() nav can_create=Some(Signal::stored(true)) /> }
    });
    (handle, host)
}

fn mount_list(root: &web_sys::HtmlElement) -> leptos::mount::UnmountHandle<impl Mountable + use<>> {
    mount_section(root, BASE).0
}

/// The page's own URL never changes: the host owns it.
fn assert_window_url_untouched() {
    let location = web_sys::window().unwrap().location();
    assert!(
        !location.pathname().unwrap().contains("service-accounts")
            && !location.search().unwrap().contains("query="),
        "the section wrote to window.history: {:?}",
        location.href()
    );
}

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn one_search_per_burst_of_typing_with_the_query_in_the_url() {
    let server = FakeServer::install(|_, url| {
        if url.contains("query=abc") {
            Reply::json(200, search_body(&["abc-bot"], 1))
        } else {
            Reply::json(200, search_body(&["alpha", "beta"], 2))
        }
    });
    let root = fresh_section();
    let (_h, host) = mount_section(&root, BASE);
    assert!(
        eventually(2000, || text(&root).contains("alpha")).await,
        "{}",
        text(&root)
    );
    assert_eq!(
        server
            .urls_with("/api/serviceaccounts/search?perpage=30")
            .len(),
        1
    );
    let input = find(&root, "#sa-search");
    for typed in ["a", "ab", "abc"] {
        type_text(&input, typed);
        sleep(40).await;
    }
    sleep(150).await;
    assert_eq!(
        server
            .urls_with("/api/serviceaccounts/search?perpage=30")
            .len(),
        1,
        "nothing sent while typing"
    );
    assert!(eventually(2000, || text(&root).contains("abc-bot")).await);
    let searches = server.urls_with("/api/serviceaccounts/search?perpage=30");
    assert_eq!(searches.len(), 2, "{searches:?}");
    assert!(
        searches[1].contains("query=abc")
            && searches[1].contains("page=1")
            && searches[1].contains("perpage=30")
    );
    let moves = host.moves.get_untracked();
    assert_eq!(
        moves,
        vec![(format!("{BASE}?query=abc"), true)],
        "one replace for the whole burst, through the host"
    );
    assert_window_url_untouched();
}

#[wasm_bindgen_test]
async fn a_stale_answer_never_replaces_a_newer_one() {
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
    assert!(shown, "calls: {:?}\n{}", server.calls.borrow(), text(&root));
    sleep(700).await; // long after the slow answer would have arrived
    assert!(text(&root).contains("fast-result"));
    assert!(
        !text(&root).contains("slow-result"),
        "the stale answer replaced the newer one"
    );
    assert_eq!(server.urls_with("query=slow").len(), 1);
}

#[wasm_bindgen_test]
async fn a_server_error_shows_its_message() {
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
}

#[wasm_bindgen_test]
async fn create_keeps_what_was_typed_and_shows_the_server_message() {
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
    let (_h, _host) = mount_section(&root, &format!("{BASE}/create"));
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
}

#[wasm_bindgen_test]
async fn a_network_failure_is_a_clear_message() {
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
}

fn account_body(id: i64, name: &str) -> serde_json::Value {
    json!({
        "id": id, "uid": format!("u{id}"), "name": name, "login": format!("sa-1-{name}"), "orgId": 1,
        "isDisabled": false, "role": "Viewer", "tokens": 0, "avatarUrl": "",
        "createdAt": "2026-01-02T03:04:05Z",
        "accessControl": {"serviceaccounts:read": true, "serviceaccounts:write": true, "serviceaccounts:delete": true}
    })
}

fn routing_server() -> FakeServer {
    FakeServer::install(|_, url| {
        if url.contains("/api/serviceaccounts/search") {
            let names: Vec<String> = (1..=30).map(|i| format!("bot-{i}")).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            Reply::json(200, search_body(&names, 45))
        } else if url.contains("/api/serviceaccounts/2/tokens") {
            Reply::json(200, json!([]))
        } else if url.contains("/api/serviceaccounts/u1")
            || url.contains("/api/serviceaccounts/u2")
            || url.contains("/api/serviceaccounts/2")
        {
            Reply::json(200, account_body(2, "bot-2"))
        } else if url.contains("/api/access-control/serviceaccounts/2") {
            Reply::json(200, json!([]))
        } else {
            Reply::json(404, json!({"message": "Not found"}))
        }
    })
}

fn link_named(root: &web_sys::Element, text: &str) -> web_sys::HtmlElement {
    let links = root.query_selector_all("a").unwrap();
    (0..links.length())
        .filter_map(|i| links.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|a| a.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no link {text:?} in {}", root.outer_html()))
}

#[wasm_bindgen_test]
async fn links_and_paging_move_through_the_host_router() {
    let server = routing_server();
    let root = fresh_section();
    let (_h, host) = mount_section(&root, BASE);
    assert!(eventually(2000, || text(&root).contains("bot-30")).await);

    // Paging is a new history entry in the host, and the list follows the host's location.
    button_named(&root, "2").click();
    leptos::task::tick().await;
    assert_eq!(
        host.moves.get_untracked().last().cloned(),
        Some((format!("{BASE}?page=2"), false))
    );
    assert!(eventually(2000, || server.urls_with("page=2&").len() == 1).await);

    // A name links to the account: a real href (with the host's prefix) for new tabs, and
    // a plain click goes through the host.
    let link = link_named(&root, "bot-2");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/grafana/a/test-app/service-accounts/u1")
    );
    link.click();
    leptos::task::tick().await;
    assert_eq!(
        host.moves.get_untracked().last().cloned(),
        Some((format!("{BASE}/u1"), false))
    );
    assert!(
        eventually(2000, || text(&root).contains("Creation date")).await,
        "{}",
        text(&root)
    );

    // The host's Back button: the location goes back and the list (page 2) returns.
    host.location
        .set(HostLocation::parse(&format!("{BASE}?page=2")));
    assert!(eventually(2000, || text(&root).contains("Showing 31–45 of 45")).await);
    assert_window_url_untouched();
}

#[wasm_bindgen_test]
async fn back_restores_what_was_searched() {
    let _server = routing_server();
    let root = fresh_section();
    let (_h, host) = mount_section(&root, &format!("{BASE}?query=bot"));
    leptos::task::tick().await;
    let input = find(&root, "#sa-search");
    assert_eq!(
        input.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "bot",
        "the search box shows the URL's query"
    );
    host.location
        .set(HostLocation::parse(&format!("{BASE}?query=other")));
    assert!(
        eventually(1000, || input
            .unchecked_ref::<web_sys::HtmlInputElement>()
            .value()
            == "other")
        .await
    );
}

#[wasm_bindgen_test]
async fn a_lost_session_is_reported_to_the_host() {
    let _server = FakeServer::install(|_, _| {
        Reply::json(401, json!({"message": "Unauthorized", "extra": null}))
    });
    let root = fresh_section();
    let (_h, host) = mount_section(&root, BASE);
    assert!(eventually(2000, || host.unauthorized.get_untracked() == 1).await);
    assert!(text(&root).contains("Unauthorized"), "{}", text(&root));
    assert_window_url_untouched();
}

#[wasm_bindgen_test]
async fn an_unknown_path_below_the_base_is_not_found() {
    let _server = routing_server();
    let root = fresh_section();
    let (_h, host) = mount_section(&root, &format!("{BASE}/2/unknown"));
    assert!(text(&root).contains("Page not found"));
    link_named(&root, "Back to service accounts").click();
    leptos::task::tick().await;
    assert_eq!(host.location.get_untracked().pathname, BASE);
}

#[wasm_bindgen_test]
async fn the_managed_filter_appears_when_managed_accounts_exist_and_keeps_its_url() {
    let server = FakeServer::install(|_, url| {
        if url.contains("external=true") {
            Reply::json(200, search_body(&["extsvc-my-app"], 1))
        } else {
            Reply::json(200, search_body(&["alpha"], 1))
        }
    });
    let root = fresh_section();
    let (_h, host) = mount_section(&root, BASE);
    assert!(eventually(2000, || text(&root).contains("alpha")).await);
    assert!(
        eventually(2000, || button_named_opt(&root, "Managed").is_some()).await,
        "{}",
        text(&root)
    );
    for label in ["All", "With expired tokens", "Disabled", "Managed"] {
        assert!(button_named_opt(&root, label).is_some(), "{label}");
    }
    button_named(&root, "Managed").click();
    leptos::task::tick().await;
    assert_eq!(
        host.moves.get_untracked().last().cloned(),
        Some((format!("{BASE}?filter=managed"), false))
    );
    assert!(
        eventually(2000, || server
            .urls_with("/api/serviceaccounts/search?perpage=30")
            .iter()
            .any(|u| u.contains("external=true")))
        .await
    );
    assert_eq!(
        button_named(&root, "Managed")
            .get_attribute("aria-checked")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn without_managed_accounts_there_is_no_managed_filter() {
    let _server = FakeServer::install(|_, url| {
        if url.contains("external=true") {
            Reply::json(200, search_body(&[], 0))
        } else {
            Reply::json(200, search_body(&["alpha"], 1))
        }
    });
    let root = fresh_section();
    let _h = mount_list(&root);
    assert!(eventually(2000, || text(&root).contains("alpha")).await);
    sleep(100).await;
    assert!(button_named_opt(&root, "Managed").is_none());
}

#[wasm_bindgen_test]
async fn an_accounts_tabs_have_their_own_urls() {
    let server = routing_server();
    let root = fresh_section();
    let (_h, host) = mount_section(&root, &format!("{BASE}/u2/tokens"));
    assert!(
        eventually(2000, || text(&root).contains("No tokens")).await,
        "{}",
        text(&root)
    );
    let selected = find(&root, "a[role=tab][aria-selected=true]");
    assert_eq!(selected.text_content().as_deref(), Some("Tokens"));
    // Permissions (the account's accessControl allows reading them? no: not offered).
    assert!(!text(&root).contains("Permissions"));
    link_named(&root, "Information").click();
    leptos::task::tick().await;
    assert_eq!(
        host.moves.get_untracked().last().cloned(),
        Some((format!("{BASE}/u2/information"), false))
    );
    assert!(eventually(2000, || text(&root).contains("Numerical identifier")).await);
    // Moving between tabs does not load the account again.
    assert_eq!(server.urls_with("/api/serviceaccounts/u2").len(), 1);
    // Another account's tab: the page is rebuilt for it, and nothing reads the old one.
    host.location
        .set(HostLocation::parse(&format!("{BASE}/u1/tokens")));
    assert!(
        eventually(2000, || server.urls_with("/api/serviceaccounts/u1").len()
            == 1)
        .await
    );
    assert!(eventually(2000, || text(&root).contains("No tokens")).await);
    assert_window_url_untouched();
}
