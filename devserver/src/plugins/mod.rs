//! Installed plugins (`--plugins-dir`): `GET /api/plugins`, `GET /api/plugins/{id}/settings`
//! in Grafana's shapes, and the plugins' static files under `/public/plugins/{id}/…`.

pub mod backend;
pub mod registry;

pub use registry::{Plugin, PluginError, PluginRegistry};

use crate::auth::Identity;
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::{Component, PathBuf};

/// Routes of this area, with Grafana's paths.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/plugins", get(list))
        .route("/api/plugins/{id}/settings", get(settings))
        .merge(static_routes())
}

/// Only the plugins' static files (`/public/plugins/{id}/{*path}`, no sign-in needed), for
/// a router that answers the API elsewhere (e.g. proxy mode).
pub fn static_routes() -> Router<AppState> {
    Router::new()
        .route("/public/plugins/{id}/{*path}", get(static_file))
        // Grafana's public/ folder has nothing else devserver knows: a 404, never the UI.
        .route("/public", get(no_file))
        .route("/public/", get(no_file))
        .route("/public/{*rest}", get(no_file))
}

async fn no_file() -> Response {
    file_not_found()
}

/// `GET /api/plugins` query: `type` filters by plugin type.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
}

fn list_item(p: &Plugin) -> Value {
    json!({
        "name": p.name,
        "type": p.kind,
        "id": p.id,
        "enabled": true,
        "pinned": false,
        "info": p.info(),
        "dependencies": p.dependencies(),
        "latestVersion": "",
        "hasUpdate": false,
        "defaultNavUrl": "/plugins/".to_owned() + &p.id + "/",
        "category": p.category(),
        "state": p.state(),
        "signature": "unsigned",
        "signatureType": "",
        "signatureOrg": "",
        "angularDetected": false,
    })
}

async fn list(
    State(state): State<AppState>,
    _who: Identity,
    Query(query): Query<ListQuery>,
) -> Json<Value> {
    let wanted = query.kind.filter(|k| !k.is_empty());
    Json(Value::Array(
        state
            .plugins
            .iter()
            .filter(|p| wanted.as_deref().is_none_or(|k| p.kind == k))
            .map(list_item)
            .collect(),
    ))
}

async fn settings(
    State(state): State<AppState>,
    _who: Identity,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let p = state.plugins.get(&id).ok_or_else(|| {
        ApiError::message(
            StatusCode::NOT_FOUND,
            "Plugin not found, no installed plugin with that id",
        )
    })?;
    Ok(Json(json!({
        "name": p.name,
        "type": p.kind,
        "id": p.id,
        "enabled": true,
        "pinned": false,
        "autoEnabled": false,
        "module": format!("{}/module.js", p.base_url()),
        "baseUrl": p.base_url(),
        "info": p.info(),
        "includes": p.includes(),
        "dependencies": p.dependencies(),
        "jsonData": null,
        "defaultNavUrl": format!("/plugins/{}/", p.id),
        "latestVersion": "",
        "hasUpdate": false,
        "state": p.state(),
        "signature": "unsigned",
        "signatureType": "",
        "signatureOrg": "",
        "secureJsonFields": {},
        "angularDetected": false,
    })))
}

fn file_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "message": "Plugin file not found" })),
    )
        .into_response()
}

fn content_type(path: &std::path::Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("md" | "txt") => "text/plain; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// `GET /public/plugins/{id}/{*path}`: a file of the plugin's folder. Anything that would
/// leave the folder (`..`, absolute paths, backslashes, symlinks out) is a 404.
async fn static_file(
    State(state): State<AppState>,
    Path((id, rest)): Path<(String, String)>,
) -> Response {
    let Some(plugin) = state.plugins.get(&id) else {
        return file_not_found();
    };
    if rest.contains('\\') || rest.contains('\0') {
        return file_not_found();
    }
    let relative = PathBuf::from(&rest);
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return file_not_found();
    }
    let joined = plugin.dir.join(&relative);
    let Ok(real) = tokio::fs::canonicalize(&joined).await else {
        return file_not_found();
    };
    if !real.starts_with(&plugin.dir) || !real.is_file() || state.private.contains(&real) {
        return file_not_found();
    }
    match tokio::fs::read(&real).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type(&real)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => file_not_found(),
    }
}
