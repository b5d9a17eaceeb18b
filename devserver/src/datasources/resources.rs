//! `/api/datasources/uid/{uid}/resources/{*path}` (and by id; any method): a data source's
//! backend resources (Grafana's `pkg/api/plugin_resource.go`), sent to the plugin as
//! `Resource.CallResource` with the method, the path (without its leading slash, after the
//! data source proxy's path rules), the query, the forwarded headers and the body. The
//! plugin's first message gives the status and headers (never `Set-Cookie`; JSON unless it
//! says otherwise; `Content-Security-Policy: sandbox`), later ones more of the body. Every
//! failure is Grafana's newest answer: 500 `plugin.requestFailureError`.

use super::access::{Action, Caller};
use super::errors::{message, unable_to_load};
use super::lookup::{authorize, load, named, org, RouteParams};
use super::plugin_call::{call_failed, PluginCall};
use crate::plugins::backend::CallError;
use crate::{ApiError, AppState};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use grafana_model::paths::ProxyPath;
use grafana_plugin_sdk::pluginv2;

/// The largest request body sent to a plugin.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// The resource path of a request: what follows `/api/datasources/uid/<uid>/resources/` (or
/// `/<id>/resources/`), still percent-encoded. Found by position, so a uid or a path that
/// contains `resources` itself is read right.
fn resource_path(escaped: &str) -> &str {
    let rest = escaped
        .strip_prefix("/api/datasources/")
        .unwrap_or_default();
    let rest = rest.strip_prefix("uid/").unwrap_or(rest);
    let after_id = rest.find('/').map_or("", |i| &rest[i..]);
    let after = after_id.strip_prefix("/resources").unwrap_or_default();
    after.strip_prefix('/').unwrap_or(after)
}

/// Any method on a data source's resources.
pub(super) async fn call_resource(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<RouteParams>,
    req: Request,
) -> Result<Response, ApiError> {
    let by = named(&params)?;
    authorize(&state, &caller, Action::Query, &by).await?;
    let (parts, body) = req.into_parts();
    let raw = resource_path(parts.uri.path());
    // The data source proxy's rules: no `..`, no encoded separators that escape.
    let path =
        ProxyPath::parse(raw).map_err(|e| message(StatusCode::BAD_REQUEST, &e.to_string()))?;
    let ds = load(&state, org(&caller), by)
        .await?
        .ok_or_else(unable_to_load)?;
    let failed = |e: CallError| match e {
        // The newest Grafana answers every CallResource failure alike.
        CallError::Unavailable | CallError::Unimplemented => {
            call_failed(CallError::Failed(e.to_string()), &ds.fields.kind)
        }
        other => call_failed(other, &ds.fields.kind),
    };
    if state.backends.get(&ds.fields.kind).is_none() {
        return Err(failed(CallError::Unavailable));
    }
    let body = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| message(StatusCode::BAD_REQUEST, "request body too large"))?;
    let call = PluginCall::of(&state, &caller, &ds).await?;
    let url = match parts.uri.query() {
        Some(q) => format!("{}?{q}", path.raw()),
        None => path.raw().to_owned(),
    };
    let request = pluginv2::CallResourceRequest {
        headers: call
            .forwarding(&state, &ds)
            .resource_headers(&parts.headers)
            .into_iter()
            .map(|(k, values)| (k, pluginv2::StringList { values }))
            .collect(),
        plugin_context: Some(call.context.clone()),
        path: path.raw().to_owned(),
        method: parts.method.as_str().to_owned(),
        url,
        body,
    };
    let mut stream = state
        .backends
        .call_resource(&ds.fields.kind, request)
        .await
        .map_err(failed)?;
    let first = stream
        .message()
        .await
        .map_err(|s| failed(s.into()))?
        .ok_or_else(|| {
            failed(CallError::Failed(
                "received empty resource response".to_owned(),
            ))
        })?;
    let mut bytes = first.body.to_vec();
    while let Some(more) = stream.message().await.map_err(|s| failed(s.into()))? {
        bytes.extend_from_slice(&more.body);
    }
    let status = u16::try_from(first.code)
        .ok()
        .and_then(|c| StatusCode::from_u16(c).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::builder().status(status);
    let mut has_type = false;
    for (name, list) in &first.headers {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
            continue;
        };
        if name == header::SET_COOKIE
            || name == header::CONTENT_LENGTH
            || name == header::TRANSFER_ENCODING
        {
            continue;
        }
        has_type |= name == header::CONTENT_TYPE;
        for v in &list.values {
            if let Ok(v) = HeaderValue::from_str(v) {
                response = response.header(name.clone(), v);
            }
        }
    }
    if !has_type && status != StatusCode::NO_CONTENT {
        response = response.header(header::CONTENT_TYPE, "application/json");
    }
    response
        .header(header::CONTENT_SECURITY_POLICY, "sandbox")
        .body(Body::from(bytes))
        .map_err(|_| failed(CallError::Failed("bad response headers".to_owned())))
}

#[cfg(test)]
mod tests {
    use super::resource_path;

    #[test]
    fn the_path_follows_resources_without_its_slash() {
        assert_eq!(
            resource_path("/api/datasources/uid/a/resources/regions"),
            "regions"
        );
        assert_eq!(
            resource_path("/api/datasources/uid/a/resources/a/b%2Fc"),
            "a/b%2Fc"
        );
        assert_eq!(resource_path("/api/datasources/uid/a/resources"), "");
        assert_eq!(resource_path("/api/datasources/7/resources/x"), "x");
        assert_eq!(
            resource_path("/api/datasources/uid/resourcesx/resources/a/resources/b"),
            "a/resources/b"
        );
    }
}
