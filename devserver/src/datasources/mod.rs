//! Grafana's data source HTTP API (`/api/datasources…`), as the contract §4 and §6 describe:
//! DTOs, add/update/delete rules and messages, optimistic locking, encrypted secrets that
//! never leave the server, RBAC, the health check through a backend plugin's `CheckHealth`,
//! and the data source proxy with its plugin routes.
//!
//! - `read.rs`, `write.rs` (add, update), `delete.rs` and `health.rs`: the routes, by
//!   what they do; [`proxy`]: the data source proxy.
//! - `query.rs` (`POST /api/ds/query`) and `resources.rs` (`…/resources/*`): calls to a
//!   data source's backend plugin, with `plugin_call.rs` (context, forwarding, errors).
//! - [`lookup`]: the data source a route names, and the caller's RBAC on it ([`access`]).
//! - [`model`]: the row, the request bodies and the DTOs; [`store`]: SQLite;
//!   [`errors`]: Grafana's errors of this API;
//!   [`route_tokens`]: plugin routes' `tokenAuth` tokens.

pub mod access;
mod delete;
pub mod errors;
mod health;
pub mod lookup;
pub mod model;
mod plugin_call;
pub mod proxy;
mod query;
mod read;
mod resources;
pub mod route_tokens;
pub mod store;
mod write;

use crate::AppState;
use axum::routing::{any, get, MethodRouter};
use axum::Router;

/// Routes of this area, with Grafana's paths. A data source is named by `{uid}`, `{name}`
/// or `{id}` (deprecated in Grafana, still served); the handlers read which from the path.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/datasources", get(read::list).post(write::add))
        .route("/api/datasources/uid/{uid}", one_data_source())
        .route("/api/datasources/uid/{uid}/health", health_check())
        .route(
            "/api/datasources/name/{name}",
            get(read::get_one).delete(delete::delete),
        )
        .route("/api/datasources/id/{name}", get(read::id_by_name))
        .route("/api/datasources/{id}", one_data_source())
        .route("/api/datasources/{id}/health", health_check())
        .route(
            "/api/datasources/uid/{uid}/resources",
            any(resources::call_resource),
        )
        .route(
            "/api/datasources/uid/{uid}/resources/{*path}",
            any(resources::call_resource),
        )
        .route(
            "/api/datasources/{id}/resources",
            any(resources::call_resource),
        )
        .route(
            "/api/datasources/{id}/resources/{*path}",
            any(resources::call_resource),
        )
        .route("/api/ds/query", axum::routing::post(query::query))
        .route("/api/datasources/proxy/uid/{uid}", any(proxy::serve))
        .route(
            "/api/datasources/proxy/uid/{uid}/{*path}",
            any(proxy::serve),
        )
        .route("/api/datasources/proxy/{id}", any(proxy::serve))
        .route("/api/datasources/proxy/{id}/{*path}", any(proxy::serve))
}

/// `GET`, `PUT` and `DELETE` of one data source, by uid or id.
fn one_data_source() -> MethodRouter<AppState> {
    get(read::get_one).put(write::update).delete(delete::delete)
}

/// Grafana's health check answers `GET` and `POST` alike.
fn health_check() -> MethodRouter<AppState> {
    get(health::check_health).post(health::check_health)
}
