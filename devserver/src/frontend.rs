//! The built UI: static files from `--dist`, and `index.html` for every other non-API GET
//! so client-side routes (`/org/serviceaccounts/3`, …) load the app. A file the private-path
//! rule covers ([`crate::state::PrivatePaths`]: the database, its `-wal`/`-shm`, the managed
//! accounts' secrets) is never served, even when `--db` lies inside `--dist` or a link in
//! `--dist` points at it: the request gets `index.html`, as for a file that is not there.

use crate::{ApiError, AppState};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
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

/// Static files of the UI, falling back to `index.html`; private files never served.
pub fn ui_service(state: &AppState) -> Router {
    let index = Router::new()
        .fallback(get(index_html))
        .with_state(state.clone());
    // Directories (`/`) fall through to `index_html` too, so every page gets the sub-path
    // and the Content-Security-Policy.
    let files: ServeDir<Router> = ServeDir::new(state.dist.as_path())
        .append_index_html_on_directories(false)
        .fallback(index);
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            refuse_private,
        ))
}

/// Answers `index.html` for a request whose file under `--dist` is private.
async fn refuse_private(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let relative = grafana_model::paths::decoded(req.uri().path());
    let relative = relative.trim_start_matches(['/', '\\']);
    if !relative.is_empty() {
        let joined = state.dist.join(relative);
        if let Ok(real) = tokio::fs::canonicalize(&joined).await {
            if state.private.contains(&real) {
                return index_html(State(state)).await;
            }
        }
    }
    next.run(req).await
}

/// The policy sent with the UI under `--content-security-policy`: like Grafana's default
/// template, but with `'wasm-unsafe-eval'` instead of `'unsafe-eval'` and without
/// `'unsafe-inline'` scripts: the page's own inline scripts are allowed by their hash.
pub fn content_security_policy(html: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let hashes: Vec<String> = inline_scripts(html)
        .map(|script| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}{}; object-src 'none'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        if hashes.is_empty() { "" } else { " " },
        hashes.join(" ")
    )
}

/// The text of every `<script>` without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        let (body, _) = after.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
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
            let policy = state
                .content_security_policy
                .then(|| content_security_policy(&html));
            let mut response = ([(header::CACHE_CONTROL, "no-cache")], Html(html)).into_response();
            if let Some(Ok(value)) = policy.map(|p| header::HeaderValue::from_str(&p)) {
                response
                    .headers_mut()
                    .insert(header::CONTENT_SECURITY_POLICY, value);
            }
            response
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
