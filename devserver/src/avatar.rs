//! `GET /avatar/{hash}`: the picture behind every `avatarUrl`. Grafana fetches it from
//! Gravatar and falls back to its default avatar; devserver has no network to Gravatar and
//! always answers the default, so avatars never show as broken images. Also the two
//! `avatarUrl`s Grafana writes: a person's ([`gravatar_url`]) and a name's
//! ([`avatar_url`]).

use crate::AppState;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use md5::{Digest, Md5};

/// A neutral head-and-shoulders silhouette on Grafana's grey.
const DEFAULT_AVATAR: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#8e8ea0"/><circle cx="32" cy="25" r="12" fill="#e4e4eb"/><path d="M10 60c2-13 11-20 22-20s20 7 22 20z" fill="#e4e4eb"/></svg>"##;

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/avatar/{hash}", get(avatar))
}

async fn avatar() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        DEFAULT_AVATAR,
    )
}

/// Grafana's `/api/user` avatar: `appSubUrl/avatar/` + md5 of the trimmed, lower-cased
/// email.
pub fn gravatar_url(app_sub_url: &str, email: &str) -> String {
    let digest = Md5::digest(email.trim().to_lowercase().as_bytes());
    format!("{app_sub_url}/avatar/{}", hex::encode(digest))
}

/// `appSubUrl + "/avatar/" + md5(lower(alnum(name)) + "@localhost")`, Grafana's default
/// avatar path (`app_sub_url` is `""` or `/grafana`).
pub fn avatar_url(app_sub_url: &str, name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    let digest = Md5::digest(format!("{cleaned}@localhost").as_bytes());
    format!("{app_sub_url}/avatar/{}", hex::encode(digest))
}
