//! The checks of `iam.permissions` (the managed service account Grafana creates for an
//! app plugin): each action and scope well formed, each action one Grafana defines (or
//! the plugin's own).

use super::checker::Checker;
use super::finding::Severity;

/// Grafana's RBAC actions (OSS and the common Enterprise ones).
const KNOWN_ACTIONS: &[&str] = &[
    "alert.instances.external:read",
    "alert.instances.external:write",
    "alert.instances:create",
    "alert.instances:read",
    "alert.instances:write",
    "alert.notifications.external:read",
    "alert.notifications.external:write",
    "alert.notifications:read",
    "alert.notifications:write",
    "alert.provisioning:read",
    "alert.provisioning:write",
    "alert.rules.external:read",
    "alert.rules.external:write",
    "alert.rules:create",
    "alert.rules:delete",
    "alert.rules:read",
    "alert.rules:write",
    "annotations:create",
    "annotations:delete",
    "annotations:read",
    "annotations:write",
    "apikeys:create",
    "apikeys:delete",
    "apikeys:read",
    "dashboards.insights:read",
    "dashboards.permissions:read",
    "dashboards.permissions:write",
    "dashboards.public:write",
    "dashboards:create",
    "dashboards:delete",
    "dashboards:read",
    "dashboards:write",
    "datasources.caching:read",
    "datasources.caching:write",
    "datasources.id:read",
    "datasources.insights:read",
    "datasources.permissions:read",
    "datasources.permissions:write",
    "datasources:create",
    "datasources:delete",
    "datasources:explore",
    "datasources:query",
    "datasources:read",
    "datasources:write",
    "featuremgmt.read",
    "featuremgmt.write",
    "folders.permissions:read",
    "folders.permissions:write",
    "folders:create",
    "folders:delete",
    "folders:read",
    "folders:write",
    "ldap.config:reload",
    "ldap.status:read",
    "ldap.user:read",
    "ldap.user:sync",
    "library.panels:create",
    "library.panels:delete",
    "library.panels:read",
    "library.panels:write",
    "licensing.reports:read",
    "licensing:delete",
    "licensing:read",
    "licensing:write",
    "org.users:add",
    "org.users:read",
    "org.users:remove",
    "org.users:write",
    "orgs.preferences:read",
    "orgs.preferences:write",
    "orgs.quotas:read",
    "orgs.quotas:write",
    "orgs:create",
    "orgs:delete",
    "orgs:read",
    "orgs:write",
    "plugins.app:access",
    "plugins:install",
    "plugins:write",
    "provisioning:reload",
    "reports.settings:read",
    "reports.settings:write",
    "reports:create",
    "reports:delete",
    "reports:read",
    "reports:send",
    "reports:write",
    "roles:delete",
    "roles:read",
    "roles:write",
    "server.stats:read",
    "server.usagestats.report:read",
    "serviceaccounts.permissions:read",
    "serviceaccounts.permissions:write",
    "serviceaccounts:create",
    "serviceaccounts:delete",
    "serviceaccounts:read",
    "serviceaccounts:write",
    "settings:read",
    "settings:write",
    "snapshots:create",
    "snapshots:delete",
    "snapshots:read",
    "status:accesscontrol",
    "teams.permissions:read",
    "teams.permissions:write",
    "teams.roles:add",
    "teams.roles:read",
    "teams.roles:remove",
    "teams:create",
    "teams:delete",
    "teams:read",
    "teams:write",
    "users.authtoken:read",
    "users.authtoken:write",
    "users.password:write",
    "users.permissions:read",
    "users.permissions:write",
    "users.quotas:read",
    "users.quotas:write",
    "users.roles:add",
    "users.roles:read",
    "users.roles:remove",
    "users:create",
    "users:delete",
    "users:disable",
    "users:enable",
    "users:logout",
    "users:read",
    "users:write",
];

fn name_part(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// `kind.sub:verb`, or a plugin's own `plugin-id[.sub]:verb`.
pub(super) fn action_is_well_formed(action: &str) -> bool {
    match action.split_once(':') {
        Some((kind, verb)) => name_part(kind) && name_part(verb),
        None => false,
    }
}

/// `*`, `kind:*`, `kind:attribute:*` or `kind:attribute:identifier`.
fn scope_is_well_formed(scope: &str) -> bool {
    if scope == "*" {
        return true;
    }
    let parts: Vec<&str> = scope.split(':').collect();
    match parts.as_slice() {
        [kind, "*"] => name_part(kind),
        [kind, attribute, id] => {
            name_part(kind)
                && (name_part(attribute) || *attribute == "*")
                && !id.is_empty()
                && (*id == "*" || !id.contains('*'))
                && !id.chars().any(char::is_whitespace)
        }
        _ => false,
    }
}

impl Checker<'_> {
    /// Checks `iam.permissions`: well-formed actions and scopes, actions Grafana defines.
    pub(super) fn iam(&mut self) {
        let Some(iam) = &self.plugin.iam else { return };
        if !self.plugin.is_app() {
            self.push(
                Severity::Warning,
                "iam".to_owned(),
                "Grafana creates a managed service account only for app plugins".to_owned(),
            );
        }
        for (i, p) in iam.permissions.iter().enumerate() {
            let at = |field: &str| format!("iam.permissions[{i}].{field}");
            if !action_is_well_formed(&p.action) {
                self.push(
                    Severity::Error,
                    at("action"),
                    format!("\"{}\" is not an RBAC action (kind:verb)", p.action),
                );
            } else if !KNOWN_ACTIONS.contains(&p.action.as_str())
                && !p.action.starts_with(&format!("{}.", self.plugin.id))
                && !p.action.starts_with(&format!("{}:", self.plugin.id))
            {
                self.push(
                    Severity::Warning,
                    at("action"),
                    format!("\"{}\" is not an action Grafana defines", p.action),
                );
            }
            if !p.scope.is_empty() && !scope_is_well_formed(&p.scope) {
                self.push(
                    Severity::Error,
                    at("scope"),
                    format!("\"{}\" is not a scope (kind:*, kind:attribute:* or kind:attribute:identifier)", p.scope),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_and_actions() {
        for good in [
            "*",
            "users:*",
            "folders:uid:*",
            "datasources:uid:abc-1",
            "teams:id:7",
            "folders:*:*",
        ] {
            assert!(scope_is_well_formed(good), "{good}");
        }
        for bad in [
            "",
            "users",
            "folders:uid:",
            "folders:uid:a*",
            "a:b:c:d",
            ":uid:x",
            "folders:uid:a b",
        ] {
            assert!(!scope_is_well_formed(bad), "{bad}");
        }
        assert!(action_is_well_formed("org.users:read") && !action_is_well_formed("read"));
    }
}
