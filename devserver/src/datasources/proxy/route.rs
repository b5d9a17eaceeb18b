//! Which route of `plugin.json` a proxied request takes, who may use it, and what the route
//! adds besides headers: its rendered `body` and its `tokenAuth` exchange.

use super::super::access::{Action, Caller, OrgRole};
use super::super::model::DataSource;
use super::refusal::Refusal;
use crate::AppState;
use axum::http::StatusCode;
use grafana_model::paths::ProxyPath;
use grafana_model::plugin_json::{Route, TokenAuth};
use grafana_model::route_template::{render, TemplateData};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// The first route for `path` and `method`, Grafana's way: routes in order, the method
/// empty, `*` or equal, the cleaned route path a prefix of the decoded request path.
pub fn matching_route<'a>(
    routes: &'a [Route],
    path: &ProxyPath<'_>,
    method: &str,
) -> Option<(usize, &'a Route)> {
    routes
        .iter()
        .enumerate()
        .find(|(_, r)| r.allows_method(method) && path.starts_with(&r.path))
}

/// Whether the caller may use `route` (`reqAction` wins over `reqRole`).
pub(super) fn may_use(caller: &Caller, route: &Route, uid: &str) -> bool {
    if !route.req_action.is_empty() {
        let action = match route.req_action.as_str() {
            "datasources:read" => Some(Action::Read),
            "datasources:query" => Some(Action::Query),
            "datasources:write" => Some(Action::Write),
            "datasources:delete" => Some(Action::Delete),
            "datasources:create" => Some(Action::Create),
            _ => None,
        };
        return match action {
            Some(a) => caller.can_on(a, uid),
            None => caller
                .extra_permissions
                .iter()
                .any(|(a, _)| a == &route.req_action),
        };
    }
    match route.req_role.as_str() {
        "Admin" => caller.org_role == OrgRole::Admin,
        "Editor" => matches!(caller.org_role, OrgRole::Admin | OrgRole::Editor),
        "Viewer" => caller.org_role != OrgRole::None,
        _ => true,
    }
}

/// The route's `body` with its templates rendered, kept only if it is still JSON (as
/// Grafana); `None` sends the request's own body.
pub(super) fn rendered_body(
    ds: &DataSource,
    i: usize,
    route: &Route,
    data: &TemplateData<'_>,
) -> Option<String> {
    let template = route.body.as_ref()?;
    let text = serde_json::to_string(template).unwrap_or_default();
    match render(&text, data) {
        Ok(r) if serde_json::from_str::<Value>(&r.text).is_ok() => Some(r.text),
        _ => {
            tracing::warn!(uid = ?ds.fields.uid, route = i,
                "data source proxy: body template does not render to JSON; the request's body is sent");
            None
        }
    }
}

/// The route's `tokenAuth` token: cached, or exchanged within `timeout`.
pub(super) async fn token(
    state: &AppState,
    ds: &DataSource,
    (i, route): (usize, &Route),
    auth: &TokenAuth,
    data: &TemplateData<'_>,
    timeout: Duration,
) -> Result<String, Refusal> {
    let exchanged = async {
        let url = render(&auth.url, data)
            .map_err(|e| format!("url template: {e}"))?
            .text;
        let mut params = BTreeMap::new();
        for (k, v) in &auth.params {
            let value = render(v, data).map_err(|e| format!("params.{k} template: {e}"))?;
            params.insert(k.clone(), value.text);
        }
        let key = (ds.id, ds.version, route.path.clone(), route.method.clone());
        state
            .route_tokens
            .token(&state.proxy_client, key, &url, &params, timeout)
            .await
            .map_err(|e| e.to_string())
    };
    exchanged.await.map_err(|e| {
        // `e` is a `TokenError` or a template error: neither ever carries a parameter's
        // value or a token (the secret scanner checks this path).
        tracing::warn!(uid = ?ds.fields.uid, route = i, "data source proxy: tokenAuth: {e}");
        Refusal(
            StatusCode::BAD_REQUEST,
            "Authentication to data source failed",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(path: &str, method: &str) -> Route {
        Route {
            path: path.to_owned(),
            method: method.to_owned(),
            ..Route::default()
        }
    }

    fn first(routes: &[Route], raw: &str, method: &str) -> Option<usize> {
        let path = ProxyPath::parse(raw).unwrap();
        matching_route(routes, &path, method).map(|r| r.0)
    }

    #[test]
    fn the_first_route_in_order_wins() {
        let routes = [route("api", "POST"), route("api", ""), route("api/v2", "")];
        assert_eq!(first(&routes, "api/v2/x", "GET"), Some(1));
        assert_eq!(first(&routes, "api/v2/x", "POST"), Some(0));
        assert_eq!(first(&routes, "//api//x", "GET"), Some(1));
        assert_eq!(first(&routes, "other", "GET"), None);
        // A plain prefix, as Grafana's: `api` also matches `apix`.
        assert_eq!(first(&routes, "apix", "GET"), Some(1));
        // Matched on the decoded path: an encoded name is the same name.
        assert_eq!(first(&routes, "%61pi/x", "GET"), Some(1));
        let admin = [route("public", ""), route("admin", "")];
        assert_eq!(first(&admin, "adm%69n/x", "GET"), Some(1));
    }
}
