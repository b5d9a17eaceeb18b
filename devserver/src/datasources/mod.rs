//! Grafana's data source HTTP API (`/api/datasources…`), as the contract §4 and §6 describe:
//! DTOs, add/update/delete rules and messages, optimistic locking, encrypted secrets that
//! never leave the server, RBAC, a real HTTP health check, and the data source proxy with
//! its plugin routes.
//!
//! - `read.rs`, `write.rs` (add, update), `delete.rs` and `health.rs`: the routes, by
//!   what they do; [`proxy`]: the data source proxy.
//! - [`lookup`]: the data source a route names, and the caller's RBAC on it ([`access`]).
//! - [`model`]: the row, the request bodies and the DTOs; [`store`]: SQLite;
//!   [`errors`]: Grafana's errors of this API; [`check`]: the health check;
//!   [`route_tokens`]: plugin routes' `tokenAuth` tokens.

pub mod access;
pub mod check;
mod delete;
pub mod errors;
mod health;
pub mod lookup;
pub mod model;
pub mod proxy;
mod read;
pub mod route_tokens;
pub mod store;
mod write;

use crate::AppState;
use axum::routing::{any, get};
use axum::Router;

/// Routes of this area, with Grafana's paths.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/datasources", get(read::list).post(write::add))
        .route(
            "/api/datasources/uid/{uid}",
            get(read::get_by_uid)
                .put(write::update_by_uid)
                .delete(delete::delete_by_uid),
        )
        .route(
            "/api/datasources/uid/{uid}/health",
            get(health::health_by_uid).post(health::health_by_uid),
        )
        .route(
            "/api/datasources/name/{name}",
            get(read::get_by_name).delete(delete::delete_by_name),
        )
        .route("/api/datasources/id/{name}", get(read::id_by_name))
        .route(
            "/api/datasources/{id}",
            get(read::get_by_id)
                .put(write::update_by_id)
                .delete(delete::delete_by_id),
        )
        .route(
            "/api/datasources/{id}/health",
            get(health::health_by_id).post(health::health_by_id),
        )
        .route("/api/datasources/proxy/uid/{uid}", any(proxy::by_uid))
        .route(
            "/api/datasources/proxy/uid/{uid}/{*path}",
            any(proxy::by_uid),
        )
        .route("/api/datasources/proxy/{id}", any(proxy::by_id))
        .route("/api/datasources/proxy/{id}/{*path}", any(proxy::by_id))
}
