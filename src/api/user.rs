//! Sign-in and the signed-in user: `POST /login`, `GET /api/user`, `GET /api/user/orgs`.

use super::client::Method;
use super::{ApiClient, ApiError};
use serde::{Deserialize, Serialize};

/// `GET /api/user`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedInUser {
    /// User id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Email.
    #[serde(default)]
    pub email: String,
    /// Current org.
    #[serde(default)]
    pub org_id: i64,
    /// Grafana server admin.
    #[serde(default)]
    pub is_grafana_admin: bool,
}

/// One org of `GET /api/user/orgs`, with the user's role there.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserOrg {
    /// Org id.
    pub org_id: i64,
    /// Org name.
    pub name: String,
    /// `Admin`, `Editor`, `Viewer` or `None`.
    pub role: String,
}

#[derive(Serialize)]
struct LoginBody<'a> {
    user: &'a str,
    password: &'a str,
}

/// `POST /login` answer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedIn {
    /// "Logged in".
    #[serde(default)]
    pub message: String,
    /// Where Grafana suggests going next.
    #[serde(default)]
    pub redirect_url: Option<String>,
}

impl ApiClient {
    /// `POST /login` with Grafana's body; the server sets the session cookie.
    pub async fn login(&self, user: &str, password: &str) -> Result<LoggedIn, ApiError> {
        self.send_to(
            Method::Post,
            &self.site_url("/login"),
            Some(&LoginBody { user, password }),
            None,
        )
        .await
    }

    /// `GET /api/user`.
    pub async fn current_user(&self) -> Result<SignedInUser, ApiError> {
        self.get("/user").await
    }

    /// `GET /api/user/orgs`.
    pub async fn current_user_orgs(&self) -> Result<Vec<UserOrg>, ApiError> {
        self.get("/user/orgs").await
    }
}
