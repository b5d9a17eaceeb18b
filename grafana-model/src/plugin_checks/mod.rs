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
//!
//! The checks live by what they look at: `routes.rs`, `templates.rs` (route templates
//! and URLs), `iam.rs`; `secret_keys.rs` says which key names hold secrets.

mod checker;
mod finding;
mod iam;
mod routes;
mod secret_keys;
mod templates;

pub use finding::{Finding, Severity};
pub use secret_keys::looks_like_secret_key;

use crate::editor_keys::EditorKeys;
use crate::plugin_json::PluginJson;
use checker::Checker;

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
    use serde_json::{json, Value};

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
            "../../../embed/examples/datasource/src/plugin.json"
        ))
        .unwrap();
        let schema: Value = serde_json::from_str(include_str!(
            "../../../embed/examples/datasource/src/config-schema.json"
        ))
        .unwrap();
        let keys = EditorKeys::from_schema_json(&schema).unwrap();
        let findings = check_plugin(&plugin(manifest), Some(&keys));
        assert!(findings.is_empty(), "{:#?}", messages(&findings));
        let app: Value =
            serde_json::from_str(include_str!("../../../embed/examples/app/src/plugin.json"))
                .unwrap();
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
    fn messages_name_keys_never_values() {
        let ds = plugin(json!({"type": "datasource", "id": "x",
            "routes": [{"path": "a", "url": "https://a", "headers": [{"name": "A", "content": "{{ .SecureJsonData.hunter2 }}"}]}]}));
        let keys = EditorKeys::from_schema_json(&json!({})).unwrap();
        let found = messages(&check_plugin(&ds, Some(&keys)));
        assert_eq!(found.len(), 1);
        assert!(found[0].contains(".SecureJsonData.hunter2"));
    }
}
