//! Who is calling, and what Grafana OSS lets each org role do with data sources.
//!
//! RBAC (contract §6, OSS defaults): Viewer and Editor may read and query; only Admin may
//! create, write and delete (and manage permissions). Role `None` may do nothing. On top of
//! its role, a caller may hold explicit permissions (a plugin-managed service account's
//! `iam`), scoped `datasources:*`, `datasources:uid:<uid>` or unscoped.

use crate::auth::access::{scope_covers, Permissions};
use crate::{ApiError, AppState};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde_json::{Map, Value};
use std::sync::Arc;

/// An org role, as Grafana names them (the auth area's type).
pub use crate::auth::OrgRole;

/// The signed-in identity making a request.
#[derive(Clone, Debug)]
pub struct Caller {
    /// The user's (or service account's) id.
    pub user_id: i64,
    /// The org the request acts in.
    pub org_id: i64,
    /// The caller's role in that org.
    pub org_role: OrgRole,
    /// Explicit `(action, scope)` permissions beyond the role's.
    pub extra_permissions: Arc<Permissions>,
    /// The sign-in session of a cookie-authenticated person (finds their OAuth token).
    pub session_id: Option<i64>,
}

/// A data source RBAC action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `datasources:read`.
    Read,
    /// `datasources:query`.
    Query,
    /// `datasources:create`.
    Create,
    /// `datasources:write`.
    Write,
    /// `datasources:delete`.
    Delete,
    /// `datasources.id:read`.
    IdRead,
    /// `datasources.permissions:read`.
    PermissionsRead,
    /// `datasources.permissions:write`.
    PermissionsWrite,
}

impl Action {
    /// Grafana's action name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "datasources:read",
            Action::Query => "datasources:query",
            Action::Create => "datasources:create",
            Action::Write => "datasources:write",
            Action::Delete => "datasources:delete",
            Action::IdRead => "datasources.id:read",
            Action::PermissionsRead => "datasources.permissions:read",
            Action::PermissionsWrite => "datasources.permissions:write",
        }
    }
}

impl Caller {
    /// Whether the basic role grants `action` on every data source.
    fn role_allows(&self, action: Action) -> bool {
        match self.org_role {
            OrgRole::Admin => true,
            OrgRole::Editor | OrgRole::Viewer => {
                matches!(action, Action::Read | Action::Query | Action::IdRead)
            }
            OrgRole::None => false,
        }
    }

    /// Whether an explicit permission grants `action` where `covers` accepts its scope.
    fn explicit_allows(&self, action: Action, covers: impl Fn(&str) -> bool) -> bool {
        self.extra_permissions
            .iter()
            .any(|(a, scope)| a == action.as_str() && (scope.is_empty() || covers(scope)))
    }

    /// Whether `action` is granted on every data source (`datasources:*`).
    pub fn can(&self, action: Action) -> bool {
        self.role_allows(action)
            || self.explicit_allows(action, |s| scope_covers(s, "datasources:*"))
    }

    /// Whether `action` is granted on the data source `uid`.
    pub fn can_on(&self, action: Action, uid: &str) -> bool {
        self.role_allows(action)
            || self.explicit_allows(action, |s| {
                scope_covers(s, &format!("datasources:uid:{uid}"))
            })
    }

    /// Whether `action` is granted on at least one scope (Grafana's unscoped evaluation, used
    /// by the list and create routes).
    pub fn can_any(&self, action: Action) -> bool {
        self.role_allows(action) || self.explicit_allows(action, |_| true)
    }

    /// Grafana's 403 naming `action`.
    pub fn denied(action: Action) -> ApiError {
        ApiError::AccessDenied {
            action: action.as_str().to_owned(),
        }
    }

    /// `Ok` if `action` is granted on at least one scope, else the 403.
    pub fn require_any(&self, action: Action) -> Result<(), ApiError> {
        if self.can_any(action) {
            Ok(())
        } else {
            Err(Self::denied(action))
        }
    }

    /// The `accessControl` metadata of the data source `uid` (`?accesscontrol=true`).
    pub fn access_control(&self, uid: &str) -> Map<String, Value> {
        [
            Action::Read,
            Action::Query,
            Action::Write,
            Action::Delete,
            Action::PermissionsRead,
            Action::PermissionsWrite,
        ]
        .into_iter()
        .filter(|a| self.can_on(*a, uid))
        .map(|a| (a.as_str().to_owned(), Value::Bool(true)))
        .collect()
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        identify(parts, state).await
    }
}

/// Resolves the signed-in identity through the auth area's [`crate::auth::Identity`]
/// (session cookie, Basic or Bearer), or Grafana's 401.
async fn identify(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
    let who = crate::auth::Identity::from_request_parts(parts, state).await?;
    Ok(Caller {
        user_id: who.user_id,
        org_id: who.org_id,
        org_role: who.role,
        extra_permissions: who.extra_permissions,
        session_id: who.session_id,
    })
}
