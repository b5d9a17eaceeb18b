//! Sign-in and identity, as Grafana: `POST /login` (session cookie `grafana_session`),
//! `GET /logout`, `GET /api/user`, `GET /api/user/orgs`; the [`Identity`] extractor; and
//! the org roles with what Grafana's default RBAC grants each.
//!
//! - [`session`]: the sign-in and sign-out routes and their cookies.
//! - [`sign_in`]: a password check with Grafana's brute-force lockout, one at a time per
//!   login ([`sign_in_queue`]), hashed on the [`hasher`]'s queue.
//! - [`identity`]: who is calling (session cookie, Basic, Bearer token).
//! - [`user`]: the signed-in user's own API.
//! - [`oauth`]: Grafana's generic OAuth sign-in and the signed-in user's OAuth tokens.
//! - [`role`], [`access`]: org roles and what they, and a person's levels on a service
//!   account, grant.
//! - [`store`]: users, sessions, sign-in attempts and grants in SQLite; [`password`] and
//!   [`token`]: Grafana's password and token hashes.

pub mod access;
pub mod hasher;
pub mod identity;
pub mod oauth;
pub mod password;
pub mod role;
pub mod session;
pub mod sign_in;
pub mod sign_in_queue;
pub mod store;
pub mod token;
pub mod user;

pub use identity::{Identity, SESSION_COOKIE};
pub use role::OrgRole;
pub use session::SESSION_EXPIRY_COOKIE;
pub use sign_in::check_password;
pub use store::SESSION_LIFETIME;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/login",
            post(session::login).get(crate::frontend::index_html),
        )
        .route("/logout", get(session::logout))
        .route("/api/user", get(user::current_user))
        .route("/api/user/orgs", get(user::current_user_orgs))
        .merge(oauth::routes())
}
