//! Service-account components: paging controls, permission gating, and the token dialog
//! that shows a key once and forgets it on close.

use crate::support::*;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_grafana::api::{NewToken, ServiceAccount, TokenDto};
use leptos_grafana::components::{CreateTokenModal, Pagination, ServiceAccountsTable, TokensTable};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

fn account(id: i64, name: &str, actions: &[&str]) -> ServiceAccount {
    ServiceAccount {
        id,
        name: name.into(),
        login: format!("sa-1-{}", name.to_lowercase()),
        role: "Viewer".into(),
        tokens: 2,
        access_control: Some(
            actions
                .iter()
                .map(|a| ((*a).to_owned(), true))
                .collect::<BTreeMap<_, _>>(),
        ),
        ..Default::default()
    }
}

fn click(root: &web_sys::Element, selector: &str) {
    find(root, selector).unchecked_ref::<HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn pagination_navigates_and_disables_at_the_ends() {
    let root = fresh_section();
    let page = RwSignal::new(1i64);
    let _h = mount_to(root.clone(), move || {
        view! { <Pagination current_page=page number_of_pages=5 on_navigate=move |p| page.set(p) /> }
    });
    assert!(find(&root, "button[aria-label=\"Previous page\"]").has_attribute("disabled"));
    assert_eq!(
        find(&root, "button[aria-current=page]")
            .text_content()
            .as_deref(),
        Some("1")
    );
    click(&root, "button[aria-label=\"Next page\"]");
    tick().await;
    assert_eq!(page.get_untracked(), 2);
    click(&root, "button[aria-label=\"Page 5\"]");
    tick().await;
    assert_eq!(page.get_untracked(), 5);
    assert!(find(&root, "button[aria-label=\"Next page\"]").has_attribute("disabled"));
}

#[wasm_bindgen_test]
fn pagination_is_hidden_for_a_single_page() {
    let root = fresh_section();
    let _h = mount_to(
        root.clone(),
        || view! { <Pagination current_page=1 number_of_pages=1 on_navigate=|_| {} /> },
    );
    assert!(!exists(&root, "nav"));
}

#[wasm_bindgen_test]
async fn table_actions_follow_access_control() {
    let root = fresh_section();
    let deleted = RwSignal::new(Vec::<i64>::new());
    let roles = RwSignal::new(Vec::<(i64, String)>::new());
    let accounts = vec![
        account(
            1,
            "writer",
            &[
                "serviceaccounts:read",
                "serviceaccounts:write",
                "serviceaccounts:delete",
            ],
        ),
        account(2, "reader", &["serviceaccounts:read"]),
        ServiceAccount {
            is_external: true,
            required_by: Some("my-app".into()),
            ..account(
                3,
                "extsvc-my-app",
                &["serviceaccounts:write", "serviceaccounts:delete"],
            )
        },
    ];
    let _h = mount_to(root.clone(), move || {
        view! {
            <ServiceAccountsTable
                accounts=accounts.clone()
                on_role_change=move |(sa, role): (ServiceAccount, String)| roles.update(|r| r.push((sa.id, role)))
                on_toggle_disabled=|_| {}
                on_delete=move |sa: ServiceAccount| deleted.update(|d| d.push(sa.id))
            />
        }
    });
    assert!(exists(&root, "button[aria-label=\"Delete writer\"]"));
    assert!(exists(&root, "button[aria-label=\"Disable writer\"]"));
    assert!(exists(&root, "select[aria-label=\"Role of writer\"]"));
    assert!(!exists(&root, "button[aria-label=\"Delete reader\"]"));
    assert!(!exists(&root, "select[aria-label=\"Role of reader\"]"));
    assert!(
        !exists(&root, "button[aria-label=\"Delete extsvc-my-app\"]"),
        "managed accounts are read-only"
    );
    assert!(root.text_content().unwrap().contains("Managed by my-app"));
    click(&root, "button[aria-label=\"Delete writer\"]");
    choose(
        &find(&root, "select[aria-label=\"Role of writer\"]"),
        "Editor",
    );
    tick().await;
    assert_eq!(deleted.get_untracked(), vec![1]);
    assert_eq!(roles.get_untracked(), vec![(1, "Editor".to_owned())]);
}

#[wasm_bindgen_test]
fn names_with_html_render_as_text() {
    let root = fresh_section();
    let evil = "<img src=x onerror=alert(1)> Ünïcødé 🚀";
    let accounts = vec![account(1, evil, &["serviceaccounts:read"])];
    let _h = mount_to(root.clone(), move || {
        view! { <ServiceAccountsTable accounts=accounts.clone() on_role_change=|_| {} on_toggle_disabled=|_| {} on_delete=|_| {} /> }
    });
    assert!(!exists(&root, "img[src=x]"));
    assert_eq!(
        find(&root, "a.lg-table__name").text_content().as_deref(),
        Some(evil)
    );
}

#[wasm_bindgen_test]
async fn tokens_table_shows_expiry_and_deletes_only_when_permitted() {
    let root = fresh_section();
    let can_delete = RwSignal::new(false);
    let deleted = RwSignal::new(None::<i64>);
    let tokens = vec![
        TokenDto {
            id: 7,
            name: "ci".into(),
            created: Some("2026-11-01T10:00:00Z".into()),
            ..Default::default()
        },
        TokenDto {
            id: 8,
            name: "old".into(),
            expiration: Some("2026-11-02T00:00:00Z".into()),
            has_expired: true,
            ..Default::default()
        },
    ];
    let _h = mount_to(root.clone(), move || {
        view! { <TokensTable tokens=tokens.clone() can_delete=can_delete on_delete=move |t: TokenDto| deleted.set(Some(t.id)) /> }
    });
    let text = root.text_content().unwrap();
    assert!(
        text.contains("Never") && text.contains("Expired") && text.contains("2026-11-01"),
        "{text}"
    );
    assert!(!exists(&root, "button"));
    can_delete.set(true);
    tick().await;
    click(
        &root,
        "button[aria-label=\"Delete service account token old\"]",
    );
    tick().await;
    assert_eq!(deleted.get_untracked(), Some(8));
}

#[wasm_bindgen_test]
async fn a_new_token_is_shown_once_and_gone_after_close() {
    let root = fresh_section();
    let open = RwSignal::new(true);
    let created = RwSignal::new(None::<NewToken>);
    let requested = RwSignal::new(None::<(String, Option<i64>)>);
    let _h = mount_to(root.clone(), move || {
        view! {
            <CreateTokenModal
                open=open
                created=created
                busy=false
                error=Signal::derive(|| None::<String>)
                default_name="sa-1-ci-1"
                on_generate=move |req| requested.set(Some(req))
                on_close=move |_| {
                    created.set(None);
                    open.set(false);
                }
            />
        }
    });
    tick().await;
    // Generate with "No expiration".
    let form = find(&root, "form");
    fire(&form, "submit");
    tick().await;
    assert_eq!(
        requested.get_untracked(),
        Some(("sa-1-ci-1".to_owned(), None))
    );
    // Expiration in the past is refused with a clear message; the name stays.
    find(&root, "input[type=radio]:not(:checked)")
        .unchecked_ref::<HtmlElement>()
        .click();
    tick().await;
    type_text(&find(&root, "input[type=date]"), "2001-01-01");
    fire(&find(&root, "form"), "submit");
    tick().await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("The expiration date must be in the future"));
    // The server answers: the key appears once.
    let key = "glsa_abcdefghijklmnopqrstuvwxyzABCDEF_0a1b2c3d";
    created.set(Some(NewToken {
        id: 1,
        name: "ci".into(),
        key: key.into(),
    }));
    tick().await;
    assert_eq!(
        find(&root, "#lg-new-token-key")
            .unchecked_ref::<web_sys::HtmlInputElement>()
            .value(),
        key
    );
    assert!(root
        .text_content()
        .unwrap()
        .contains("You will not be able to see or generate the same token again"));
    assert!(exists(&root, "dialog[open]"));
    button_named(&root, "Close").click();
    tick().await;
    assert!(
        !root.outer_html().contains("glsa_"),
        "the key is gone from the DOM"
    );
    assert!(created.get_untracked().is_none(), "and from memory");
    assert!(!exists(&root, "dialog[open]"));
}
