//! Grafana's service-account API (`/api/serviceaccounts…`), as current Grafana answers it:
//! search with paging and filters, create (201), get, PATCH, DELETE, tokens (list, create
//! with `secondsToLive`, delete), and the seed's revert-to-API-key route (gone from
//! current Grafana; kept here with the legacy keys it makes listed at `GET /api/auth/keys`
//! and deletable at `DELETE /api/auth/keys/{id}`, as Grafana's API-key routes had them).
//!
//! - `search.rs`: the search; [`accounts`]: one account (create, get, PATCH, DELETE) and
//!   its JSON; `tokens.rs`: its tokens; `legacy_keys.rs`: revert and the legacy API keys;
//!   [`permissions`]: who may administer it.
//! - [`access`]: the RBAC check of every route and the plugin-managed accounts no route
//!   changes ([`managed`] makes them); [`errors`]: Grafana's errors of this API.
//! - `store.rs` (SQL) and [`search_index`] (the search in memory).

pub mod access;
pub mod accounts;
pub mod errors;
mod legacy_keys;
pub mod managed;
pub mod permissions;
mod search;
pub mod search_index;
mod store;
mod tokens;

pub use access::{is_external_login, CREATE, DELETE, EXTSVC_PREFIX, READ, WRITE};
pub use accounts::login_for;
pub use store::{ServiceAccountRow, TokenRow};

use crate::AppState;
use axum::routing::{delete, get, post};
use axum::Router;

/// Routes of this area, with Grafana's paths.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/serviceaccounts/search", get(search::search))
        .route("/api/serviceaccounts", post(accounts::create))
        .route(
            "/api/serviceaccounts/{id}",
            get(accounts::get_one)
                .patch(accounts::update)
                .delete(accounts::remove),
        )
        .route(
            "/api/serviceaccounts/{id}/tokens",
            get(tokens::list_tokens).post(tokens::create_token),
        )
        .route(
            "/api/serviceaccounts/{id}/tokens/{token_id}",
            delete(tokens::delete_token),
        )
        .route(
            "/api/serviceaccounts/{id}/revert/{key_id}",
            delete(legacy_keys::revert),
        )
        .route("/api/auth/keys", get(legacy_keys::list_api_keys))
        .route("/api/auth/keys/{id}", delete(legacy_keys::delete_api_key))
        .route(
            "/api/devserver/serviceaccounts/tokens/revoke",
            post(tokens::revoke_leaked),
        )
        .merge(permissions::routes())
}
