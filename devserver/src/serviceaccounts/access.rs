//! Who may do what with a service account: the RBAC check of every route
//! ([`require`]), the `accessControl` metadata (`?accesscontrol=true`), the search's row
//! filter, and the plugin-managed ("external") accounts that no route may change.

use super::errors::errutil;
use super::store::ServiceAccountRow;
use crate::auth::access::scope_covers;
use crate::auth::identity::Identity;
use crate::ApiError;
use axum::http::StatusCode;
use std::collections::{BTreeMap, HashMap};

/// Service-account RBAC actions (the auth area's, named here for this area's routes).
pub use crate::auth::access::{CREATE, DELETE, READ, WRITE};

/// RBAC: the caller needs `action` (on `serviceaccounts:id:<id>` when `id` is given).
pub fn require(who: &Identity, action: &str, id: Option<i64>) -> Result<(), ApiError> {
    let scope = id.map(|id| format!("serviceaccounts:id:{id}"));
    if who.can(action, scope.as_deref()) {
        Ok(())
    } else {
        Err(ApiError::AccessDenied {
            action: action.to_owned(),
        })
    }
}

/// The `accessControl` map for one account (`?accesscontrol=true`): every action of the
/// caller whose scope covers `serviceaccounts:id:<id>`; `None` when there is none.
pub fn access_control(who: &Identity, id: i64) -> Option<BTreeMap<String, bool>> {
    let wanted = format!("serviceaccounts:id:{id}");
    let map: BTreeMap<String, bool> = who
        .permissions()
        .filter(|(_, scope)| !scope.is_empty() && scope_covers(scope, &wanted))
        .map(|(action, _)| (action, true))
        .collect();
    (!map.is_empty()).then_some(map)
}

/// The search row filter: `None` when the caller may read every account, else the ids
/// its `serviceaccounts:read` grants name (`serviceaccounts:id:<n>`).
pub fn readable_ids(who: &Identity) -> Option<Vec<i64>> {
    let grants: Vec<String> = who
        .permissions()
        .filter(|(action, _)| action == READ)
        .map(|(_, scope)| scope)
        .collect();
    if grants
        .iter()
        .any(|s| s.is_empty() || scope_covers(s, "serviceaccounts:id:*"))
    {
        return None;
    }
    Some(
        grants
            .iter()
            .filter_map(|s| s.strip_prefix("serviceaccounts:id:"))
            .filter_map(|id| id.parse().ok())
            .collect(),
    )
}

/// `?accesscontrol=true`: the answer carries `accessControl`.
pub fn wants_ac(q: &HashMap<String, String>) -> bool {
    q.get("accesscontrol").is_some_and(|v| parse_bool(v))
}

/// A query flag as Go's `strconv.ParseBool` reads it (anything else is false).
pub fn parse_bool(v: &str) -> bool {
    matches!(v, "1" | "t" | "T" | "true" | "TRUE" | "True")
}

/// Prefix of the names of plugin-managed ("external") service accounts.
pub const EXTSVC_PREFIX: &str = "extsvc-";

/// Whether a login is a plugin-managed account's (`sa-<org>-extsvc-…`).
pub fn is_external_login(login: &str) -> bool {
    login
        .strip_prefix("sa-")
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(_, rest)| rest.starts_with(EXTSVC_PREFIX))
}

/// A change Grafana refuses on a plugin-managed ("external") account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternalChange {
    /// `PATCH /api/serviceaccounts/{id}`.
    Update,
    /// `DELETE /api/serviceaccounts/{id}` (and the seed's revert).
    Delete,
    /// `POST /api/serviceaccounts/{id}/tokens`.
    AddToken,
    /// `DELETE /api/serviceaccounts/{id}/tokens/{tokenId}`.
    DeleteToken,
}

impl ExternalChange {
    /// Grafana's errutil 400 refusing it: message and `messageId`.
    fn refusal(self) -> (&'static str, &'static str) {
        match self {
            Self::Update => (
                "external service account cannot be updated",
                "extsvcaccounts.ErrCannotBeUpdated",
            ),
            Self::Delete => (
                "external service account cannot be deleted",
                "extsvcaccounts.ErrCannotBeDeleted",
            ),
            Self::AddToken => (
                "cannot add external service account token",
                "extsvcaccounts.ErrCannotCreateToken",
            ),
            Self::DeleteToken => (
                "cannot delete external service account token",
                "extsvcaccounts.ErrCannotDeleteToken",
            ),
        }
    }
}

/// `Err` (Grafana's errutil 400 refusing `change`) when `row` is a plugin-managed account.
pub fn refuse_external(row: &ServiceAccountRow, change: ExternalChange) -> Result<(), ApiError> {
    if is_external_login(&row.login) {
        let (message, id) = change.refusal();
        Err(errutil(StatusCode::BAD_REQUEST, message, id))
    } else {
        Ok(())
    }
}
