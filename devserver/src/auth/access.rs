//! RBAC as Grafana's defaults grant it for service accounts: an org role's basic grants,
//! plus the explicit permissions of a plugin-managed service account (its `iam`).

use super::{Identity, OrgRole};

/// `(action, scope)` pairs; an empty scope means "no scope".
pub type Permissions = Vec<(String, String)>;

/// What the basic role `role` is granted (service-account actions only: Admin gets them all
/// on `serviceaccounts:*`; Editor, Viewer and None get none).
pub fn basic_grants(role: OrgRole) -> Permissions {
    if role != OrgRole::Admin {
        return Vec::new();
    }
    [
        ("serviceaccounts:read", "serviceaccounts:*"),
        ("serviceaccounts:create", ""),
        ("serviceaccounts:write", "serviceaccounts:*"),
        ("serviceaccounts:delete", "serviceaccounts:*"),
        ("serviceaccounts.permissions:read", "serviceaccounts:*"),
        ("serviceaccounts.permissions:write", "serviceaccounts:*"),
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

impl Identity {
    /// Everything this caller is granted: its role's, plus explicit ones.
    pub fn permissions(&self) -> impl Iterator<Item = (String, String)> + '_ {
        basic_grants(self.role)
            .into_iter()
            .chain(self.extra_permissions.iter().cloned())
    }

    /// Whether the caller may do `action` on `scope` (`None`: any scope will do, as for
    /// search and create).
    pub fn can(&self, action: &str, scope: Option<&str>) -> bool {
        self.permissions().any(|(a, s)| {
            a == action
                && match scope {
                    None => true,
                    Some(wanted) => scope_covers(&s, wanted),
                }
        })
    }
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
}
