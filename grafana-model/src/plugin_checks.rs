//! Checks of a plugin's `plugin.json` against its editor: the mistakes Grafana accepts
//! silently and a plugin's users find out about later.
//!
//! - a template that does not parse, or reads a key the editor never collects (Grafana
//!   sends `<no value>`);
//! - a secret read from `.JsonData`, which every Viewer can read (secrets belong in
//!   `.SecureJsonData`);
//! - `urlParams`, `tokenAuth` or `jwtTokenAuth` in an app plugin's route (Grafana ignores
//!   them there), or an app route without `url`;
//! - a bad `method` or `reqRole`, a `url` that is not an absolute http(s) URL, a route
//!   that an earlier one always wins over (Grafana takes the first match);
//! - `iam` permissions with a malformed action or scope, or an action Grafana does not
//!   define.
//!
//! ```
//! use grafana_model::{check_plugin, EditorKeys, PluginJson, Severity};
//! let plugin = PluginJson::from_json(r#"{"type":"datasource","id":"x","routes":[
//!   {"path":"api","url":"https://a/{{ .JsonData.project }}",
//!    "headers":[{"name":"Authorization","content":"Bearer {{ .JsonData.apiToken }}"}]}]}"#).unwrap();
//! let keys = EditorKeys::from_schema_json(&serde_json::json!({"fields":[{"key":"apiToken","kind":"secret"}]})).unwrap();
//! let findings = check_plugin(&plugin, Some(&keys));
//! assert_eq!(findings.len(), 2);
//! assert!(findings.iter().all(|f| f.severity == Severity::Error));
//! assert_eq!(findings[0].path, "routes[0].url");
//! ```

use crate::editor_keys::EditorKeys;
use crate::plugin_json::{PluginJson, Route};
use crate::route_template::{render, Reference, Source, Template, TemplateData};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// How bad a finding is: errors fail `devserver check-plugin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Works, but probably not as meant.
    Warning,
    /// Broken: a request will carry the wrong thing, or a secret is exposed.
    Error,
}

/// One problem, where it is, and why, in one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A JSON path into `plugin.json`, e.g. `routes[1].headers[0].content`.
    pub path: String,
    /// One line. Never contains a secret's value (only key names).
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}: {}", self.path, self.message)
    }
}

/// Whether a key's name says it holds a secret (`apiKey`, `db_password`, `clientSecret`).
///
/// ```
/// use grafana_model::plugin_checks::looks_like_secret_key;
/// assert!(looks_like_secret_key("apiKey") && looks_like_secret_key("db_password"));
/// assert!(!looks_like_secret_key("keepCookies"));
/// ```
pub fn looks_like_secret_key(key: &str) -> bool {
    const SECRET_WORDS: [&str; 8] = [
        "password",
        "passwd",
        "pwd",
        "token",
        "secret",
        "apikey",
        "key",
        "credentials",
    ];
    let words = split_words(key);
    words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words.windows(2).any(|p| p[0] == "api" && p[1] == "key")
}

/// `basicAuthPassword` → `["basic", "auth", "password"]`; also splits on `_`, `-`, `.`.
fn split_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in key.chars() {
        if c == '_' || c == '-' || c == '.' || c == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        } else if c.is_uppercase() && !current.is_empty() {
            words.push(std::mem::take(&mut current));
            current.extend(c.to_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const ROLES: &[&str] = &["Viewer", "Editor", "Admin"];

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
fn action_is_well_formed(action: &str) -> bool {
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

struct Checker<'a> {
    plugin: &'a PluginJson,
    keys: Option<&'a EditorKeys>,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, path: String, message: String) {
        self.findings.push(Finding {
            severity,
            path,
            message,
        });
    }

    fn reference(&mut self, path: &str, r: &Reference) {
        let key = r.key();
        match r.source {
            Source::Url => {}
            Source::SecureJsonData => {
                if let Some(keys) = self.keys {
                    if !keys.collects_secret(key) {
                        let hint = if keys.collects_json(key) {
                            format!(": it is jsonData, read it as .JsonData.{key}")
                        } else {
                            String::new()
                        };
                        self.push(
                            Severity::Error,
                            path.to_owned(),
                            format!("{r} is not a secret the editor collects, so Grafana sends <no value>{hint}"),
                        );
                    }
                }
            }
            Source::JsonData => {
                let collected_as_secret = self.keys.is_some_and(|k| k.collects_secret(key));
                if collected_as_secret || looks_like_secret_key(key) {
                    self.push(
                        Severity::Error,
                        path.to_owned(),
                        format!(
                            "{r} reads a secret from jsonData, which every Viewer can read: store it in secureJsonData and read .SecureJsonData.{key}"
                        ),
                    );
                } else if let Some(keys) = self.keys {
                    if !keys.collects_json(key) {
                        self.push(
                            Severity::Error,
                            path.to_owned(),
                            format!("{r} is not a jsonData key the editor collects, so Grafana sends <no value>"),
                        );
                    }
                }
            }
        }
    }

    /// Parses one template and checks what it reads.
    fn template(&mut self, path: String, text: &str) {
        match Template::parse(text) {
            Err(e) => self.push(Severity::Error, path, format!("malformed template: {e}")),
            Ok(t) => {
                for r in t.references() {
                    self.reference(&path, r);
                }
            }
        }
    }

    /// Every string inside a JSON body is a template.
    fn body(&mut self, path: String, value: &Value) {
        match value {
            Value::String(s) => self.template(path, s),
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.body(format!("{path}[{i}]"), v);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    self.body(format!("{path}.{k}"), v);
                }
            }
            _ => {}
        }
    }

    fn route(&mut self, i: usize, route: &Route) {
        let at = |field: &str| format!("routes[{i}].{field}");
        if route.path.trim_matches('/').is_empty() {
            self.push(
                Severity::Warning,
                at("path"),
                "an empty path matches every proxied request".to_owned(),
            );
        }
        if !route.method.is_empty()
            && route.method != "*"
            && !METHODS.contains(&route.method.as_str())
        {
            self.push(
                Severity::Error,
                at("method"),
                format!("\"{}\" is not an HTTP method Grafana proxies (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; or empty for any)", route.method),
            );
        }
        if !route.req_role.is_empty() && !ROLES.contains(&route.req_role.as_str()) {
            self.push(
                Severity::Error,
                at("reqRole"),
                format!(
                    "\"{}\" is not an org role (Viewer, Editor or Admin)",
                    route.req_role
                ),
            );
        }
        if !route.req_action.is_empty() && !action_is_well_formed(&route.req_action) {
            self.push(
                Severity::Error,
                at("reqAction"),
                format!("\"{}\" is not an RBAC action (kind:verb)", route.req_action),
            );
        }
        if route.url.is_empty() {
            if self.plugin.is_app() {
                self.push(
                    Severity::Error,
                    at("url"),
                    "an app plugin route needs a url".to_owned(),
                );
            }
        } else {
            self.template(at("url"), &route.url);
            self.url_shape(at("url"), &route.url);
        }
        for (j, h) in route.headers.iter().enumerate() {
            if h.name.trim().is_empty() {
                self.push(
                    Severity::Error,
                    at(&format!("headers[{j}].name")),
                    "a header needs a name".to_owned(),
                );
            }
            self.template(at(&format!("headers[{j}].content")), &h.content);
        }
        for (j, p) in route.url_params.iter().enumerate() {
            self.template(at(&format!("urlParams[{j}].name")), &p.name);
            self.template(at(&format!("urlParams[{j}].content")), &p.content);
        }
        if let Some(body) = &route.body {
            self.body(at("body"), body);
        }
        for (field, auth) in [
            ("tokenAuth", &route.token_auth),
            ("jwtTokenAuth", &route.jwt_token_auth),
        ] {
            let Some(auth) = auth else { continue };
            if self.plugin.is_app() {
                self.push(
                    Severity::Error,
                    at(field),
                    format!("{field} is not supported in app plugins: Grafana sends the request without a token"),
                );
            }
            if field == "tokenAuth" {
                if auth.url.is_empty() {
                    self.push(
                        Severity::Error,
                        at("tokenAuth.url"),
                        "tokenAuth needs the token endpoint's url".to_owned(),
                    );
                } else {
                    self.template(at("tokenAuth.url"), &auth.url);
                    self.url_shape(at("tokenAuth.url"), &auth.url);
                }
                if !auth.scopes.is_empty() && !auth.params.contains_key("scope") {
                    self.push(
                        Severity::Warning,
                        at("tokenAuth.scopes"),
                        "Grafana's client-credentials exchange does not send scopes: add a scope parameter to params".to_owned(),
                    );
                }
            }
            for (k, v) in &auth.params {
                self.template(at(&format!("{field}.params.{k}")), v);
            }
        }
        if self.plugin.is_app() && !route.url_params.is_empty() {
            self.push(
                Severity::Error,
                at("urlParams"),
                "urlParams are not supported in app plugins: Grafana ignores them".to_owned(),
            );
        }
        // Grafana takes the first route whose path starts the request's: a later route
        // with a longer path behind a shorter one is never reached.
        let path = route.path.trim_matches('/');
        for (k, earlier) in self.plugin.routes[..i].iter().enumerate() {
            let earlier_path = earlier.path.trim_matches('/');
            let same_methods = earlier.method.is_empty()
                || earlier.method == "*"
                || earlier.method == route.method;
            if same_methods && path.starts_with(earlier_path) {
                self.push(
                    Severity::Warning,
                    at("path"),
                    format!("never used: routes[{k}] (path \"{}\") comes first and matches every request this one would", earlier.path),
                );
                break;
            }
        }
    }

    /// A route URL, rendered with placeholder values, must be an absolute http(s) URL.
    fn url_shape(&mut self, path: String, url: &str) {
        let empty = Map::new();
        let secrets = BTreeMap::new();
        let data = TemplateData::new("https://datasource.invalid", &empty, &secrets);
        if let Ok(rendered) = render(url, &data) {
            let text = rendered.text;
            let scheme_ok = text.starts_with("http://") || text.starts_with("https://");
            if !scheme_ok {
                self.push(
                    Severity::Error,
                    path,
                    "the url must be an absolute http:// or https:// URL (the proxy speaks only HTTP)".to_owned(),
                );
            }
        }
    }

    fn iam(&mut self) {
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

/// Every finding for `plugin`; with the editor's `keys`, templates are also checked
/// against what the editor collects. Errors first, then warnings, each in manifest order.
pub fn check_plugin(plugin: &PluginJson, keys: Option<&EditorKeys>) -> Vec<Finding> {
    let mut checker = Checker {
        plugin,
        keys,
        findings: Vec::new(),
    };
    for (i, route) in plugin.routes.iter().enumerate() {
        checker.route(i, route);
    }
    checker.iam();
    let mut findings = checker.findings;
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plugin(v: Value) -> PluginJson {
        serde_json::from_value(v).unwrap()
    }

    fn messages(findings: &[Finding]) -> Vec<String> {
        findings.iter().map(ToString::to_string).collect()
    }

    /// The seed's routes, as the example data source plugin has them, with its schema.
    #[test]
    fn the_example_plugin_is_clean() {
        let manifest: Value = serde_json::from_str(include_str!(
            "../../embed/examples/datasource/src/plugin.json"
        ))
        .unwrap();
        let schema: Value = serde_json::from_str(include_str!(
            "../../embed/examples/datasource/src/config-schema.json"
        ))
        .unwrap();
        let keys = EditorKeys::from_schema_json(&schema).unwrap();
        let findings = check_plugin(&plugin(manifest), Some(&keys));
        assert!(findings.is_empty(), "{:#?}", messages(&findings));
        let app: Value =
            serde_json::from_str(include_str!("../../embed/examples/app/src/plugin.json")).unwrap();
        let findings = check_plugin(&plugin(app), None);
        assert!(findings.is_empty(), "{:#?}", messages(&findings));
    }

    #[test]
    fn finds_each_kind_of_problem() {
        let ds = plugin(json!({
            "type": "datasource", "id": "x",
            "routes": [
                {"path": "a", "url": "https://a/{{ .JsonData.missing }}",
                 "headers": [{"name": "Authorization", "content": "Bearer {{ .JsonData.apiToken }}"},
                             {"name": "X", "content": "{{ .SecureJsonData.nope }}"}]},
                {"path": "a/b", "url": "https://b"},
                {"path": "c", "method": "FETCH", "reqRole": "Owner", "url": "ftp://c/{{ if .JsonData.x }}"},
                {"path": "t", "url": "https://t", "tokenAuth": {"url": "", "scopes": ["s"]}}
            ],
            "iam": {"permissions": [{"action": "dashboards", "scope": "folders:uid:a*b"}]}
        }));
        let keys = EditorKeys::from_schema_json(
            &json!({"fields": [{"key": "apiToken", "kind": "secret"}]}),
        )
        .unwrap();
        let found = messages(&check_plugin(&ds, Some(&keys)));
        let has =
            |path: &str, text: &str| found.iter().any(|f| f.contains(path) && f.contains(text));
        assert!(
            has("routes[0].url", "not a jsonData key the editor collects"),
            "{found:#?}"
        );
        assert!(
            has(
                "routes[0].headers[0].content",
                "reads a secret from jsonData"
            ),
            "{found:#?}"
        );
        assert!(
            has(
                "routes[0].headers[1].content",
                "not a secret the editor collects"
            ),
            "{found:#?}"
        );
        assert!(has("routes[1].path", "never used"), "{found:#?}");
        assert!(has("routes[2].method", "not an HTTP method"), "{found:#?}");
        assert!(has("routes[2].reqRole", "not an org role"), "{found:#?}");
        assert!(has("routes[2].url", "malformed template"), "{found:#?}");
        assert!(
            has("routes[3].tokenAuth.url", "needs the token endpoint"),
            "{found:#?}"
        );
        assert!(
            has("routes[3].tokenAuth.scopes", "does not send scopes"),
            "{found:#?}"
        );
        assert!(
            has("iam.permissions[0].action", "not an RBAC action"),
            "{found:#?}"
        );
        assert!(has("iam.permissions[0].scope", "not a scope"), "{found:#?}");
        assert!(has("iam", "only for app plugins"), "{found:#?}");
        // Errors come first.
        let first_warning = found.iter().position(|f| f.starts_with("warning")).unwrap();
        assert!(found[first_warning..]
            .iter()
            .all(|f| f.starts_with("warning")));
    }

    #[test]
    fn app_plugins_cannot_use_data_source_only_route_fields() {
        let app = plugin(json!({
            "type": "app", "id": "my-app",
            "routes": [
                {"path": "api", "url": "https://a", "urlParams": [{"name": "k", "content": "v"}],
                 "tokenAuth": {"url": "https://t"}},
                {"path": "b"}
            ],
            "iam": {"permissions": [{"action": "my-app.things:read"}, {"action": "made.up:read", "scope": "*"}]}
        }));
        let found = messages(&check_plugin(&app, None));
        assert!(
            found
                .iter()
                .any(|f| f.contains("routes[0].urlParams")
                    && f.contains("not supported in app plugins")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("routes[0].tokenAuth")
                    && f.contains("not supported in app plugins")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("routes[1].url") && f.contains("needs a url")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|f| f.starts_with("warning") && f.contains("made.up:read")),
            "{found:#?}"
        );
        assert!(
            !found.iter().any(|f| f.contains("my-app.things:read")),
            "a plugin's own action is known: {found:#?}"
        );
    }

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

    #[test]
    fn messages_name_keys_never_values() {
        let ds = plugin(json!({"type": "datasource", "id": "x",
            "routes": [{"path": "a", "url": "https://a", "headers": [{"name": "A", "content": "{{ .SecureJsonData.hunter2 }}"}]}]}));
        let keys = EditorKeys::from_schema_json(&json!({})).unwrap();
        let found = messages(&check_plugin(&ds, Some(&keys)));
        assert_eq!(found.len(), 1);
        assert!(found[0].contains(".SecureJsonData.hunter2"));
    }
}
