//! The checks of a plugin's `routes` (the data source proxy's and the app-plugin proxy's):
//! `method`, `reqRole`, `reqAction`, the templates of `url`, `headers`, `urlParams`,
//! `body` and `tokenAuth`, what app plugins do not support, and a route that an earlier
//! one always wins over (Grafana takes the first match).

use super::checker::Checker;
use super::finding::Severity;
use super::iam::action_is_well_formed;
use crate::plugin_json::Route;

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const ROLES: &[&str] = &["Viewer", "Editor", "Admin"];

/// `routes[i].field`.
fn at(i: usize, field: &str) -> String {
    format!("routes[{i}].{field}")
}

impl Checker<'_> {
    /// Every check of `routes[i]`.
    pub(super) fn route(&mut self, i: usize, route: &Route) {
        self.guards(i, route);
        self.templates(i, route);
        self.token_auth(i, route);
        if self.plugin.is_app() && !route.url_params.is_empty() {
            self.push(
                Severity::Error,
                at(i, "urlParams"),
                "urlParams are not supported in app plugins: Grafana ignores them".to_owned(),
            );
        }
        self.shadowed(i, route);
    }

    /// `path`, `method`, `reqRole` and `reqAction`: what a request must be to use the route.
    fn guards(&mut self, i: usize, route: &Route) {
        if route.path.trim_matches('/').is_empty() {
            self.push(
                Severity::Warning,
                at(i, "path"),
                "an empty path matches every proxied request".to_owned(),
            );
        }
        if !route.method.is_empty()
            && route.method != "*"
            && !METHODS.contains(&route.method.as_str())
        {
            self.push(
                Severity::Error,
                at(i, "method"),
                format!("\"{}\" is not an HTTP method Grafana proxies (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; or empty for any)", route.method),
            );
        }
        if !route.req_role.is_empty() && !ROLES.contains(&route.req_role.as_str()) {
            self.push(
                Severity::Error,
                at(i, "reqRole"),
                format!(
                    "\"{}\" is not an org role (Viewer, Editor or Admin)",
                    route.req_role
                ),
            );
        }
        if !route.req_action.is_empty() && !action_is_well_formed(&route.req_action) {
            self.push(
                Severity::Error,
                at(i, "reqAction"),
                format!("\"{}\" is not an RBAC action (kind:verb)", route.req_action),
            );
        }
    }

    /// The templates of `url`, `headers`, `urlParams` and `body`.
    fn templates(&mut self, i: usize, route: &Route) {
        let needed = self
            .plugin
            .is_app()
            .then_some("an app plugin route needs a url");
        self.url(at(i, "url"), &route.url, needed);
        for (j, h) in route.headers.iter().enumerate() {
            if h.name.trim().is_empty() {
                self.push(
                    Severity::Error,
                    at(i, &format!("headers[{j}].name")),
                    "a header needs a name".to_owned(),
                );
            }
            self.template(at(i, &format!("headers[{j}].content")), &h.content);
        }
        for (j, p) in route.url_params.iter().enumerate() {
            self.template(at(i, &format!("urlParams[{j}].name")), &p.name);
            self.template(at(i, &format!("urlParams[{j}].content")), &p.content);
        }
        if let Some(body) = &route.body {
            self.body(at(i, "body"), body);
        }
    }

    /// A url template at `path`: its template and shape when it is set; when it is empty,
    /// the error `needed` says why it must be set, if it must.
    fn url(&mut self, path: String, url: &str, needed: Option<&str>) {
        if !url.is_empty() {
            self.template(path.clone(), url);
            self.url_shape(path, url);
        } else if let Some(message) = needed {
            self.push(Severity::Error, path, message.to_owned());
        }
    }

    /// `tokenAuth` and `jwtTokenAuth`: data source routes only, and their templates.
    fn token_auth(&mut self, i: usize, route: &Route) {
        for (field, auth) in [
            ("tokenAuth", &route.token_auth),
            ("jwtTokenAuth", &route.jwt_token_auth),
        ] {
            let Some(auth) = auth else { continue };
            if self.plugin.is_app() {
                self.push(
                    Severity::Error,
                    at(i, field),
                    format!("{field} is not supported in app plugins: Grafana sends the request without a token"),
                );
            }
            if field == "tokenAuth" {
                let needed = Some("tokenAuth needs the token endpoint's url");
                self.url(at(i, "tokenAuth.url"), &auth.url, needed);
                if !auth.scopes.is_empty() && !auth.params.contains_key("scope") {
                    self.push(
                        Severity::Warning,
                        at(i, "tokenAuth.scopes"),
                        "Grafana's client-credentials exchange does not send scopes: add a scope parameter to params".to_owned(),
                    );
                }
            }
            for (k, v) in &auth.params {
                self.template(at(i, &format!("{field}.params.{k}")), v);
            }
        }
    }

    /// Grafana takes the first route whose path starts the request's: a later route with a
    /// longer path behind a shorter one is never reached.
    fn shadowed(&mut self, i: usize, route: &Route) {
        let path = route.path.trim_matches('/');
        for (k, earlier) in self.plugin.routes[..i].iter().enumerate() {
            let earlier_path = earlier.path.trim_matches('/');
            let same_methods = earlier.method.is_empty()
                || earlier.method == "*"
                || earlier.method == route.method;
            if same_methods && path.starts_with(earlier_path) {
                self.push(
                    Severity::Warning,
                    at(i, "path"),
                    format!("never used: routes[{k}] (path \"{}\") comes first and matches every request this one would", earlier.path),
                );
                break;
            }
        }
    }
}
