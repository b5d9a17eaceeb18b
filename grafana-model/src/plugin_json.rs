//! `plugin.json`: the fields Grafana reads for the data source proxy and app plugins'
//! service accounts (`type`, `id`, `name`, `routes`, `iam`, `dependencies`). Every other
//! field survives a read and write in `extra`, so a manifest is never trimmed. A field that
//! is missing reads as empty (each struct is `#[serde(default)]`).
//!
//! ```
//! use grafana_model::PluginJson;
//! let p = PluginJson::from_json(r#"{"type":"datasource","id":"my-ds","name":"My DS",
//!   "routes":[{"path":"api","url":"https://api.example.com/{{ .JsonData.project }}",
//!              "headers":[{"name":"Authorization","content":"Bearer {{ .SecureJsonData.token }}"}]}],
//!   "info":{"version":"1.0.0"}}"#).unwrap();
//! assert_eq!(p.routes[0].headers[0].name, "Authorization");
//! assert_eq!(serde_json::to_value(&p).unwrap()["info"]["version"], "1.0.0");
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use serde_with::skip_serializing_none;
use std::collections::BTreeMap;

/// A plugin manifest.
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PluginJson {
    /// `datasource`, `app`, `panel`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The plugin id, e.g. `myorg-example-datasource`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The data source proxy's routes (also an app plugin's plugin-proxy routes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// An app plugin's service account permissions.
    pub iam: Option<Iam>,
    /// `grafanaDependency`, `plugins`, …, as written.
    pub dependencies: Option<Value>,
    /// Everything else, as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PluginJson {
    /// Reads a manifest; a field of the wrong type is an error that names it.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// `type` is `datasource`.
    pub fn is_datasource(&self) -> bool {
        self.kind == "datasource"
    }

    /// `type` is `app`.
    pub fn is_app(&self) -> bool {
        self.kind == "app"
    }
}

/// One proxy route: a template of the request Grafana sends for paths below `path`.
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Route {
    /// The first part of the proxied path this route answers (`api` for
    /// `/api/datasources/proxy/uid/<uid>/api/...`).
    pub path: String,
    /// Only this method (empty or `*`: any).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub method: String,
    /// The target, a template; the rest of the proxied path is appended.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// Headers to set, templates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<NameContent>,
    /// Query parameters to add, templates (data source plugins only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub url_params: Vec<NameContent>,
    /// A JSON body, its strings templates; replaces the request's body.
    pub body: Option<Value>,
    /// OAuth 2.0 client credentials (data source plugins only).
    pub token_auth: Option<TokenAuth>,
    /// A JWT bearer grant (Google service accounts; data source plugins only).
    pub jwt_token_auth: Option<TokenAuth>,
    /// The least org role that may use the route (`Viewer`, `Editor`, `Admin`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub req_role: String,
    /// The RBAC action that may use the route (wins over `reqRole`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub req_action: String,
    /// Everything else, as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Route {
    /// Whether the route answers `method` (`method` empty or `*` answers every one).
    pub fn allows_method(&self, method: &str) -> bool {
        self.method.is_empty() || self.method == "*" || self.method == method
    }
}

/// A header or URL parameter: `name` and `content` (a template).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NameContent {
    /// Header or parameter name.
    pub name: String,
    /// Its value, a template.
    pub content: String,
}

/// `tokenAuth` / `jwtTokenAuth`: where and with what the proxy gets a token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenAuth {
    /// The token endpoint, a template.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// Form parameters, each value a template.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// Scopes (Grafana's generic provider does not send them: put `scope` in `params`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
}

/// `iam`: the permissions of an app plugin's managed service account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Iam {
    /// Action and scope pairs.
    pub permissions: Vec<Permission>,
    /// Everything else, as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One RBAC permission.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Permission {
    /// e.g. `dashboards:read`.
    pub action: String,
    /// e.g. `folders:uid:*` (empty: unscoped).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scope: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_route_field_and_keeps_the_rest() {
        let manifest = json!({
            "type": "datasource", "id": "x", "name": "X", "metrics": true,
            "routes": [{
                "path": "api", "method": "POST", "url": "https://a/{{ .JsonData.p }}",
                "reqRole": "Editor", "reqAction": "datasources:query",
                "headers": [{"name": "A", "content": "b"}],
                "urlParams": [{"name": "k", "content": "{{ .SecureJsonData.k }}"}],
                "body": {"u": "{{ .JsonData.u }}"},
                "tokenAuth": {"url": "https://t", "params": {"grant_type": "client_credentials"}, "scopes": ["s"]},
                "jwtTokenAuth": {"url": "https://j", "scopes": ["a", "b"], "params": {"client_email": "{{ .JsonData.e }}"}},
                "somethingNew": 1
            }],
            "iam": {"permissions": [{"action": "dashboards:read", "scope": "folders:uid:*"}]},
            "dependencies": {"grafanaDependency": ">=12.0.0"}
        });
        let p: PluginJson = serde_json::from_value(manifest.clone()).unwrap();
        let r = &p.routes[0];
        assert_eq!((r.method.as_str(), r.req_role.as_str()), ("POST", "Editor"));
        assert_eq!(r.token_auth.as_ref().unwrap().scopes, ["s"]);
        assert_eq!(r.url_params[0].content, "{{ .SecureJsonData.k }}");
        assert_eq!(
            p.iam.as_ref().unwrap().permissions[0].scope,
            "folders:uid:*"
        );
        assert_eq!(serde_json::to_value(&p).unwrap(), manifest);
    }

    #[test]
    fn a_field_of_the_wrong_type_is_an_error_naming_it() {
        let e = PluginJson::from_json(r#"{"routes":[{"headers":{"a":1}}]}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
    }

    #[test]
    fn methods() {
        let mut r = Route::default();
        assert!(r.allows_method("DELETE"));
        r.method = "*".into();
        assert!(r.allows_method("GET"));
        r.method = "GET".into();
        assert!(r.allows_method("GET") && !r.allows_method("POST"));
    }
}
