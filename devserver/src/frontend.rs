//! The built UI: static files from `--dist`, and `index.html` for every other non-API GET
//! so client-side routes (`/org/serviceaccounts/3`, …) load the app.

use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use tower_http::services::ServeDir;

/// `/api/*` routes nobody answered: Grafana's `404 {"message":"Not found"}`.
pub fn api_fallback() -> Router<AppState> {
    Router::new()
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}

/// Static files of the UI, falling back to `index.html`.
pub fn ui_service(state: &AppState) -> ServeDir<Router> {
    let index = Router::new()
        .fallback(get(index_html))
        .with_state(state.clone());
    ServeDir::new(state.dist.as_path()).fallback(index)
}

/// `index.html` of the UI (or a page saying it is not built yet). Under `--app-sub-url`
/// its `<base href="/">` becomes `<base href="/grafana/">`, as Grafana writes
/// `[[.AppSubUrl]]/` into its own `index.html`.
pub async fn index_html(State(state): State<AppState>) -> Response {
    match tokio::fs::read_to_string(state.dist.join("index.html")).await {
        Ok(html) => {
            let html = if state.app_sub_url.is_empty() {
                html
            } else {
                html.replacen(
                    r#"<base href="/""#,
                    &format!(r#"<base href="{}""#, state.root_path()),
                    1,
                )
            };
            ([(header::CACHE_CONTROL, "no-cache")], Html(html)).into_response()
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Html(format!(
                "<!doctype html><title>UI not built</title><h1>UI not built</h1>\
                 <p>No index.html in {}. Run <code>make run</code> to build the UI.</p>",
                state.dist.display()
            )),
        )
            .into_response(),
    }
}
