//! The API client never builds a URL from a uid or plugin id Grafana could not have
//! issued: `..` (or `.`, `a/b`, `%2e%2e`) would send the request to another path, since a
//! browser reads `%2e` as a dot. Each call is refused before `fetch` is called.

use crate::fake_server::{FakeServer, Reply};
use leptos_grafana::api::{ApiClient, ApiError};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

fn refused<T: std::fmt::Debug>(result: Result<T, ApiError>, value: &str) {
    match result {
        Err(ApiError::InvalidId { value: v, .. }) => assert_eq!(v, value),
        other => panic!("{value:?} was not refused: {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn ids_that_would_leave_their_path_are_never_sent() {
    let server = FakeServer::install(|_, _| Reply::json(200, json!({})));
    let client = ApiClient::same_origin();
    for bad in ["..", ".", "a/b", "%2e%2e", "", "x?y", "a\\b"] {
        refused(client.get_datasource(bad).await, bad);
        refused(client.delete_datasource(bad).await, bad);
        refused(client.check_datasource_health(bad).await, bad);
        refused(client.get_service_account(bad).await, bad);
        refused(client.get_editor_schema(bad).await, bad);
    }
    assert!(
        server.calls.borrow().is_empty(),
        "requests were sent: {:?}",
        server.calls.borrow()
    );
    // A real uid goes where it should (the fake records it).
    let _ = client.check_datasource_health("P8E80F9AEF21F6940").await;
    assert_eq!(
        server
            .urls_with("/api/datasources/uid/P8E80F9AEF21F6940/health")
            .len(),
        1
    );
}
