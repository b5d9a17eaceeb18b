//! Grafana's resource permissions for service accounts (`/api/access-control/serviceaccounts/…`)
//! and the people lookup its picker uses (`/api/org/users/lookup`).

use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

/// One managed permission on a resource: who (a user, a team or a basic role) holds which
/// level (`Edit`, `Admin`), and the actions it grants. Grafana leaves out the fields of
/// the other kinds of assignee.
///
/// ```
/// use grafana_model::dtos::ResourcePermission;
/// let p: ResourcePermission = serde_json::from_str(
///     r#"{"id":3,"roleName":"managed:users:2:permissions","isManaged":true,"isInherited":false,
///         "userId":2,"userLogin":"viewer","userAvatarUrl":"/avatar/x",
///         "actions":["serviceaccounts:read","serviceaccounts:write"],"permission":"Edit"}"#).unwrap();
/// assert_eq!(p.assignee(), "viewer");
/// assert!(p.is_managed && p.permission == "Edit");
/// ```
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResourcePermission {
    /// Row id.
    pub id: i64,
    /// `managed:users:<id>:permissions` and the like.
    pub role_name: String,
    /// Set through this API (not provisioned).
    pub is_managed: bool,
    /// Inherited from a parent (folders).
    pub is_inherited: bool,
    /// The assignee is a service account.
    pub is_service_account: bool,
    /// A user's id.
    pub user_id: Option<i64>,
    /// A user's uid.
    pub user_uid: Option<String>,
    /// A user's login.
    pub user_login: Option<String>,
    /// A user's avatar.
    pub user_avatar_url: Option<String>,
    /// A team's name.
    pub team: Option<String>,
    /// A team's id.
    pub team_id: Option<i64>,
    /// A basic role (`Viewer`, …).
    pub built_in_role: Option<String>,
    /// What the level grants.
    pub actions: Vec<String>,
    /// `Edit` or `Admin`.
    pub permission: String,
}

impl ResourcePermission {
    /// Who holds it, as Grafana's list names them: login, team or role.
    pub fn assignee(&self) -> &str {
        self.user_login
            .as_deref()
            .or(self.team.as_deref())
            .or(self.built_in_role.as_deref())
            .unwrap_or("")
    }
}

/// One person from `GET /api/org/users/lookup`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrgUserLookup {
    /// User id.
    pub user_id: i64,
    /// User uid.
    pub uid: String,
    /// Login.
    pub login: String,
    /// Avatar.
    pub avatar_url: String,
}
