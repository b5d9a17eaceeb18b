//! RBAC as Grafana's defaults grant it for service accounts: an org role's basic grants,
//! the levels (Edit, Admin) a person can hold on one service account and the actions each
//! grants, and how a granted scope covers a requested one. What a caller holds is
//! [`super::identity::Identity::permissions`].

use super::role::OrgRole;

/// `(action, scope)` pairs; an empty scope means "no scope".
pub type Permissions = Vec<(String, String)>;

/// `serviceaccounts:read`.
pub const READ: &str = "serviceaccounts:read";
/// `serviceaccounts:create`.
pub const CREATE: &str = "serviceaccounts:create";
/// `serviceaccounts:write`.
pub const WRITE: &str = "serviceaccounts:write";
/// `serviceaccounts:delete`.
pub const DELETE: &str = "serviceaccounts:delete";
/// `serviceaccounts.permissions:read`.
pub const PERMISSIONS_READ: &str = "serviceaccounts.permissions:read";
/// `serviceaccounts.permissions:write`.
pub const PERMISSIONS_WRITE: &str = "serviceaccounts.permissions:write";

/// The levels a person can hold on a service account, in the order Grafana's
/// description lists them.
pub const LEVELS: [&str; 2] = ["Edit", "Admin"];

/// The actions a level grants on one account: **Edit** `serviceaccounts:read` and
/// `serviceaccounts:write`; **Admin** also `serviceaccounts:delete` and
/// `serviceaccounts.permissions:read|write` (Grafana's `ossaccesscontrol` options).
pub fn actions_of(level: &str) -> &'static [&'static str] {
    match level {
        "Edit" => &[READ, WRITE],
        "Admin" => &[READ, WRITE, DELETE, PERMISSIONS_READ, PERMISSIONS_WRITE],
        _ => &[],
    }
}

/// What the basic role `role` is granted (service-account actions only: Admin gets them all
/// on `serviceaccounts:*`; Editor, Viewer and None get none).
pub fn basic_grants(role: OrgRole) -> Permissions {
    if role != OrgRole::Admin {
        return Vec::new();
    }
    [
        (READ, "serviceaccounts:*"),
        (CREATE, ""),
        (WRITE, "serviceaccounts:*"),
        (DELETE, "serviceaccounts:*"),
        (PERMISSIONS_READ, "serviceaccounts:*"),
        (PERMISSIONS_WRITE, "serviceaccounts:*"),
    ]
    .into_iter()
    .map(|(a, s)| (a.to_owned(), s.to_owned()))
    .collect()
}

/// Whether a granted scope covers a requested one: equal, `*`, or a `prefix:*` wildcard
/// (`serviceaccounts:*` covers `serviceaccounts:id:7`).
pub fn scope_covers(granted: &str, wanted: &str) -> bool {
    if granted == "*" || granted == wanted {
        return true;
    }
    granted
        .strip_suffix('*')
        .is_some_and(|prefix| prefix.ends_with(':') && wanted.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_cover_like_grafana() {
        assert!(scope_covers("*", "serviceaccounts:id:1"));
        assert!(scope_covers("serviceaccounts:*", "serviceaccounts:id:1"));
        assert!(scope_covers("serviceaccounts:id:*", "serviceaccounts:id:1"));
        assert!(scope_covers("serviceaccounts:id:1", "serviceaccounts:id:1"));
        assert!(!scope_covers(
            "serviceaccounts:id:2",
            "serviceaccounts:id:1"
        ));
        assert!(!scope_covers("datasources:*", "serviceaccounts:id:1"));
        assert!(basic_grants(OrgRole::Editor).is_empty());
        assert_eq!(basic_grants(OrgRole::Admin).len(), 6);
    }

    #[test]
    fn levels_grant_grafanas_actions() {
        assert_eq!(actions_of("Edit").len(), 2);
        assert!(actions_of("Admin").contains(&PERMISSIONS_WRITE));
        assert!(actions_of("View").is_empty());
    }
}
