//! Service-account components: paging controls, permission gating, managed rows, Add
//! token, skeleton rows, the tokens table's states, the token dialog (defaults, date
//! bounds, a key shown once and forgotten on close), tabs, and the permissions list.

use crate::support::*;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_grafana::api::{NewToken, OrgUserLookup, ResourcePermission, ServiceAccount, TokenDto};
use leptos_grafana::components::{
    CreateTokenModal, Pagination, Permissions, ServiceAccountsTable, Tab, TabsBar, TokensTable,
};
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
    let added = RwSignal::new(Vec::<i64>::new());
    let mut accounts = accounts;
    accounts.push(ServiceAccount {
        tokens: 0,
        ..account(
            4,
            "fresh",
            &["serviceaccounts:read", "serviceaccounts:write"],
        )
    });
    let _h = mount_to(root.clone(), move || {
        view! {
            <ServiceAccountsTable
                accounts=accounts.clone()
                on_role_change=move |(sa, role): (ServiceAccount, String)| roles.update(|r| r.push((sa.id, role)))
                on_toggle_disabled=|_| {}
                on_delete=move |sa: ServiceAccount| deleted.update(|d| d.push(sa.id))
                on_add_token=move |sa: ServiceAccount| added.update(|a| a.push(sa.id))
            />
        }
    });
    assert!(exists(
        &root,
        "button[aria-label=\"Delete service account writer\"]"
    ));
    assert!(exists(&root, "button[aria-label=\"Disable writer\"]"));
    assert!(exists(&root, "select[aria-label=\"Role of writer\"]"));
    assert!(!exists(
        &root,
        "button[aria-label=\"Delete service account reader\"]"
    ));
    assert!(!exists(&root, "select[aria-label=\"Role of reader\"]"));
    // A managed row: only the lock, with Grafana's words, whatever its accessControl says.
    assert!(
        !exists(
            &root,
            "button[aria-label=\"Delete service account extsvc-my-app\"]"
        ),
        "managed accounts are read-only"
    );
    assert!(!exists(
        &root,
        "select[aria-label=\"Role of extsvc-my-app\"]"
    ));
    let lock = find(
        &root,
        "button[aria-label=\"This is a managed service account and cannot be modified\"]",
    );
    assert_eq!(lock.get_attribute("aria-disabled").as_deref(), Some("true"));
    // Add token only where there is none (and the caller may write).
    assert!(!exists(&root, "button[aria-label=\"Add token to writer\"]"));
    assert!(root.text_content().unwrap().contains("No tokens"));
    click(&root, "button[aria-label=\"Add token to fresh\"]");
    click(
        &root,
        "button[aria-label=\"Delete service account writer\"]",
    );
    choose(
        &find(&root, "select[aria-label=\"Role of writer\"]"),
        "Editor",
    );
    tick().await;
    assert_eq!(deleted.get_untracked(), vec![1]);
    assert_eq!(added.get_untracked(), vec![4]);
    assert_eq!(roles.get_untracked(), vec![(1, "Editor".to_owned())]);
}

#[wasm_bindgen_test]
async fn a_loading_page_shows_skeleton_rows_not_a_blank_table() {
    let root = fresh_section();
    let loading = RwSignal::new(true);
    let accounts = RwSignal::new(Vec::<ServiceAccount>::new());
    let _h = mount_to(root.clone(), move || {
        view! { <ServiceAccountsTable accounts=accounts loading=loading on_role_change=|_| {} on_toggle_disabled=|_| {} on_delete=|_| {} /> }
    });
    assert_eq!(
        all(&root, "tbody[aria-busy=true] tr.lg-skeleton-row").len(),
        3
    );
    assert!(exists(&root, "th"), "the header stays");
    accounts.set(vec![account(1, "one", &["serviceaccounts:read"])]);
    loading.set(false);
    tick().await;
    assert!(!exists(&root, ".lg-skeleton-row"));
    assert!(exists(&root, "a.lg-table__name"));
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
async fn tokens_table_shows_grafanas_expiry_last_use_and_revoked_states() {
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
            last_used_at: Some("2026-11-01T12:30:00Z".into()),
            ..Default::default()
        },
        TokenDto {
            id: 9,
            name: "soon".into(),
            expiration: Some("2026-12-03T00:00:00Z".into()),
            seconds_until_expiration: 2.5 * 86_400.0,
            ..Default::default()
        },
        TokenDto {
            id: 10,
            name: "leaked".into(),
            expiration: Some("2027-06-01T00:00:00Z".into()),
            is_revoked: Some(true),
            ..Default::default()
        },
    ];
    let _h = mount_to(root.clone(), move || {
        view! { <TokensTable tokens=tokens.clone() can_delete=can_delete on_delete=move |t: TokenDto| deleted.set(Some(t.id)) /> }
    });
    let rows = all(&root, "tbody tr");
    let row = |i: usize| rows[i].text_content().unwrap_or_default();
    assert!(
        row(0).contains("Never") && row(0).contains("2026-11-01 10:00:00"),
        "{}",
        row(0)
    );
    assert!(
        row(1).contains("Expired") && row(1).contains("2026-11-01 12:30:00"),
        "{}",
        row(1)
    );
    assert_eq!(
        find(&rows[1], ".lg-text--error")
            .get_attribute("title")
            .as_deref(),
        Some("This token has expired")
    );
    assert_eq!(
        find(&rows[2], ".lg-text--warning")
            .text_content()
            .as_deref(),
        Some("Expires in 3 days")
    );
    assert!(
        row(3).contains("2027-06-01 00:00:00") && row(3).contains("Revoked"),
        "{}",
        row(3)
    );
    assert_eq!(
        find(&rows[3], ".lg-badge--error")
            .get_attribute("title")
            .as_deref(),
        Some("This token has been publicly exposed. Please rotate this token")
    );
    assert!(!row(2).contains("Revoked"));
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
async fn the_token_dialog_suggests_a_name_and_turns_expiry_on_within_the_servers_limit() {
    let root = fresh_section();
    let open = RwSignal::new(false);
    let limit = RwSignal::new(None::<i64>);
    let requested = RwSignal::new(None::<(String, Option<i64>)>);
    let _h = mount_to(root.clone(), move || {
        view! {
            <CreateTokenModal
                open=open
                created=Signal::derive(|| None::<NewToken>)
                busy=false
                error=Signal::derive(|| None::<String>)
                default_name="sa-1-ci-0f1e2d3c-aaaa-4bbb-8ccc-000000000000"
                limit_days=limit
                on_generate=move |req| requested.set(Some(req))
                on_close=move |_| open.set(false)
            />
        }
    });
    limit.set(Some(30));
    open.set(true);
    tick().await;
    // The name field is empty with the suggestion as its placeholder; expiry is on.
    let name = find(&root, "dialog input[type=text]");
    assert_eq!(
        name.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        ""
    );
    assert_eq!(
        name.get_attribute("placeholder").as_deref(),
        Some("sa-1-ci-0f1e2d3c-aaaa-4bbb-8ccc-000000000000")
    );
    let date = find(&root, "input[type=date]");
    let today = (js_sys::Date::now() / 86_400_000.0).floor() as i64;
    let day = |d: i64| leptos_grafana::model::token_expiry::format_date(today + d);
    assert_eq!(date.get_attribute("min"), Some(day(1)));
    assert_eq!(date.get_attribute("max"), Some(day(30)));
    assert_eq!(
        date.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        day(1),
        "tomorrow by default"
    );
    // Past the limit: refused here, before any request.
    type_text(&date, &day(31));
    fire(&find(&root, "form"), "submit");
    tick().await;
    assert!(requested.get_untracked().is_none());
    assert!(root.text_content().unwrap().contains("at most 30 days"));
    // Left blank, the suggested name is the token's name.
    type_text(&date, &day(30));
    fire(&find(&root, "form"), "submit");
    tick().await;
    let (sent_name, seconds) = requested.get_untracked().unwrap();
    assert_eq!(sent_name, "sa-1-ci-0f1e2d3c-aaaa-4bbb-8ccc-000000000000");
    assert!(
        seconds.is_some_and(|s| s > 29 * 86_400 && s <= 31 * 86_400),
        "{seconds:?}"
    );
    // Without a limit, a new opening starts with No expiration.
    open.set(false);
    limit.set(None);
    tick().await;
    open.set(true);
    tick().await;
    assert!(!exists(&root, "input[type=date]"));
}

#[wasm_bindgen_test]
async fn tabs_are_links_with_the_current_one_selected() {
    let root = fresh_section();
    let active = RwSignal::new(0usize);
    let _h = mount_to(root.clone(), move || {
        let tabs = Signal::derive(move || {
            ["information", "tokens", "permissions"]
                .iter()
                .enumerate()
                .map(|(i, seg)| Tab {
                    title: seg.to_string(),
                    to: format!("/u1/{seg}"),
                    active: active.get() == i,
                })
                .collect::<Vec<_>>()
        });
        view! { <TabsBar label="Service account" tabs=tabs /> }
    });
    let tabs = all(
        &root,
        "[role=tablist][aria-label=\"Service account\"] a[role=tab]",
    );
    assert_eq!(tabs.len(), 3);
    assert_eq!(tabs[1].get_attribute("href").as_deref(), Some("/u1/tokens"));
    assert_eq!(
        tabs[0].get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert_eq!(
        tabs[0].get_attribute("aria-current").as_deref(),
        Some("page")
    );
    active.set(2);
    tick().await;
    let tabs = all(&root, "a[role=tab]");
    assert_eq!(
        tabs[0].get_attribute("aria-selected").as_deref(),
        Some("false")
    );
    assert_eq!(
        tabs[2].get_attribute("aria-selected").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn permissions_are_added_changed_and_removed_through_callbacks() {
    let root = fresh_section();
    let entries = RwSignal::new(vec![ResourcePermission {
        id: 1,
        is_managed: true,
        user_id: Some(3),
        user_login: Some("viewer".into()),
        permission: "Edit".into(),
        ..Default::default()
    }]);
    let people = vec![
        OrgUserLookup {
            user_id: 3,
            login: "viewer".into(),
            ..Default::default()
        },
        OrgUserLookup {
            user_id: 4,
            login: "editor".into(),
            ..Default::default()
        },
    ];
    let can_set = RwSignal::new(false);
    let set = RwSignal::new(Vec::<(i64, String)>::new());
    let removed = RwSignal::new(Vec::<String>::new());
    let _h = mount_to(root.clone(), move || {
        view! {
            <Permissions
                entries=entries
                people=people.clone()
                can_set=can_set
                on_set=move |change: (i64, String)| set.update(|s| s.push(change))
                on_remove=move |p: ResourcePermission| removed.update(|r| r.push(p.assignee().to_owned()))
            />
        }
    });
    // Read-only: the list, no controls.
    assert!(root.text_content().unwrap().contains("viewer"));
    assert!(
        find(&root, "select[aria-label=\"Permission level of viewer\"]").has_attribute("disabled")
    );
    assert!(!exists(
        &root,
        "button[aria-label=\"Remove permission for viewer\"]"
    ));
    assert!(button_named_opt(&root, "Add permission").is_none());
    can_set.set(true);
    tick().await;
    // Change a level, remove, add.
    choose(
        &find(&root, "select[aria-label=\"Permission level of viewer\"]"),
        "Admin",
    );
    click(&root, "button[aria-label=\"Remove permission for viewer\"]");
    button_named(&root, "Add permission").click();
    tick().await;
    let save = button_named(&root, "Save");
    assert!(save.has_attribute("disabled"), "no user chosen yet");
    let selects = all(&root, "form[aria-label=\"Add permission\"] select");
    choose(&selects[0], "4");
    choose(&selects[1], "Admin");
    tick().await;
    fire(
        &find(&root, "form[aria-label=\"Add permission\"]"),
        "submit",
    );
    tick().await;
    assert_eq!(
        set.get_untracked(),
        vec![(3, "Admin".to_owned()), (4, "Admin".to_owned())]
    );
    assert_eq!(removed.get_untracked(), vec!["viewer".to_owned()]);
    entries.set(Vec::new());
    tick().await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("There are no permissions"));
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
                limit_days=Signal::derive(|| None::<i64>)
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
    assert!(root.text_content().unwrap().contains(
        "Copy the token now as you will not be able to see it again. Losing a token requires creating a new one."
    ));
    assert!(button_named_opt(&root, "Copy to clipboard and close").is_some());
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
