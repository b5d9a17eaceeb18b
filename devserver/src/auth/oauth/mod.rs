//! Grafana's generic OAuth sign-in (`[auth.generic_oauth]`): the authorization-code flow
//! with `state` and PKCE on Grafana's route `/login/generic_oauth`, users linked or created
//! from the provider's claims, and the signed-in user's tokens kept server-side (sealed
//! with the secret key), refreshed when they expire and dropped on sign-out. The data
//! source proxy and the backend-plugin calls forward them when a data source has
//! `jsonData.oauthPassThru` ([`tokens::current`]).
//!
//! - [`settings`]: the `--generic-oauth-*` flags as Grafana's settings;
//! - [`login`]: the route (start, callback, refusal);
//! - [`provider`]: the provider's endpoints;
//! - [`claims`]: who signed in, from the ID token and `api_url`;
//! - [`store`]: `user_auth` and the sessions' sealed tokens;
//! - [`tokens`]: the current token of a session, refreshed;
//! - [`login_error`]: a failed sign-in's message on the login page.
//!
//! `devserver/oidc-provider/` is a development OpenID provider to try it with.

pub mod claims;
pub mod login;
pub mod login_error;
pub mod provider;
pub mod settings;
pub mod store;
pub mod tokens;

pub use settings::{GenericOAuth, AUTH_MODULE};
pub use tokens::OAuthToken;

use crate::AppState;
use axum::routing::get;
use axum::Router;

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/login/generic_oauth", get(login::generic_oauth))
}
