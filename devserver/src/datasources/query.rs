//! `POST /api/ds/query` (Grafana's `pkg/api/ds_query.go`, `QueryMetricsV2`): the queries of
//! a panel, grouped by data source, sent to each one's backend plugin as `Data.QueryData`,
//! and answered as `{"results": {"<refId>": {"status", "frames"|"error"}}}` with the frames
//! in Grafana's data frame JSON. 200, or 400 when any query failed.

use super::access::{Action, Caller};
use super::errors::{message, Body};
use super::lookup::{authorize, load, org};
use super::plugin_call::{call_failed, plugin_unavailable, PluginCall};
use super::store::Lookup;
use crate::plugins::backend::frame_json::frame_json;
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use grafana_plugin_sdk::pluginv2;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The request body: Grafana's `dtos.MetricRequest`.
#[derive(Debug, Deserialize)]
pub(super) struct MetricRequest {
    #[serde(default)]
    queries: Vec<Value>,
    #[serde(default)]
    from: Option<Value>,
    #[serde(default)]
    to: Option<Value>,
}

/// `POST /api/ds/query`.
pub(super) async fn query(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body<MetricRequest>,
) -> Result<Response, ApiError> {
    let request = body.bind()?;
    if request.queries.is_empty() {
        return Err(ApiError::Errutil {
            status: StatusCode::BAD_REQUEST,
            message: "No queries found".to_owned(),
            message_id: "query.noQueries",
        });
    }
    let now = now_ms();
    let from = epoch_ms(request.from.as_ref(), now, now.saturating_sub(6 * HOUR))?;
    let to = epoch_ms(request.to.as_ref(), now, now)?;
    let mut results = Map::new();
    for (by, queries) in by_data_source(&request.queries)? {
        authorize(&state, &caller, Action::Query, &by).await?;
        let ds = load(&state, org(&caller), by)
            .await?
            .ok_or_else(|| message(StatusCode::NOT_FOUND, "Data source not found"))?;
        if state.backends.get(&ds.fields.kind).is_none() {
            return Err(plugin_unavailable());
        }
        let call = PluginCall::of(&state, &caller, &ds).await?;
        let data_queries = queries.iter().map(|q| data_query(q, from, to)).collect();
        let request = pluginv2::QueryDataRequest {
            headers: call.forwarding(&state, &ds).call_headers(&headers),
            plugin_context: Some(call.context.clone()),
            queries: data_queries,
        };
        tracing::info!(uid = ?ds.fields.uid, plugin = %ds.fields.kind, queries = queries.len(), "QueryData");
        let answer = state
            .backends
            .query_data(&ds.fields.kind, request)
            .await
            .map_err(|e| call_failed(e, &ds.fields.kind))?;
        for (ref_id, response) in answer.responses {
            results.insert(ref_id, response_json(response));
        }
    }
    let failed = results.values().any(|r| r.get("error").is_some());
    let status = if failed {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok((status, Json(json!({ "results": results }))).into_response())
}

const HOUR: i64 = 3_600_000;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// `from`/`to` as Grafana reads them: epoch milliseconds (a number or a string of one),
/// `now`, or `now-<n><unit>` with s, m, h, d, w; absent = `default`.
fn epoch_ms(raw: Option<&Value>, now: i64, default: i64) -> Result<i64, ApiError> {
    let bad = || ApiError::BadRequestData;
    let text = match raw {
        None | Some(Value::Null) => return Ok(default),
        Some(Value::Number(n)) => return n.as_i64().ok_or_else(bad),
        Some(Value::String(s)) if s.is_empty() => return Ok(default),
        Some(Value::String(s)) => s.trim(),
        Some(_) => return Err(bad()),
    };
    if let Ok(ms) = text.parse::<i64>() {
        return Ok(ms);
    }
    let Some(rest) = text.strip_prefix("now") else {
        return Err(bad());
    };
    if rest.is_empty() {
        return Ok(now);
    }
    let (sign, amount) = match rest.split_at(1) {
        ("-", a) => (-1i64, a),
        ("+", a) => (1, a),
        _ => return Err(bad()),
    };
    let unit_at = amount.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (n, unit) = amount.split_at(unit_at);
    let n: i64 = n.parse().map_err(|_| bad())?;
    let per = match unit {
        "s" => 1_000,
        "m" => 60_000,
        "h" => HOUR,
        "d" => 24 * HOUR,
        "w" => 7 * 24 * HOUR,
        _ => return Err(bad()),
    };
    n.checked_mul(per)
        .and_then(|d| d.checked_mul(sign))
        .and_then(|d| now.checked_add(d))
        .ok_or_else(bad)
}

/// The queries grouped by the data source each names (`datasource.uid`, or the legacy
/// `datasourceId`), in the order they first appear.
fn by_data_source(queries: &[Value]) -> Result<Vec<(Lookup, Vec<&Value>)>, ApiError> {
    let mut groups: Vec<(Lookup, Vec<&Value>)> = Vec::new();
    for q in queries {
        let by = match (
            q.pointer("/datasource/uid").and_then(Value::as_str),
            q.get("datasourceId").and_then(Value::as_i64),
        ) {
            (Some("__expr__"), _) => {
                return Err(message(
                    StatusCode::BAD_REQUEST,
                    "devserver does not run server-side expressions",
                ))
            }
            (Some(uid), _) if !uid.is_empty() => Lookup::Uid(uid.to_owned()),
            (_, Some(id)) => Lookup::Id(id),
            _ => {
                return Err(message(
                    StatusCode::BAD_REQUEST,
                    "Query missing data source info",
                ))
            }
        };
        match groups.iter_mut().find(|(b, _)| *b == by) {
            Some((_, group)) => group.push(q),
            None => groups.push((by, vec![q])),
        }
    }
    Ok(groups)
}

/// One query as the plugin gets it: Grafana's defaults, and the whole query object as `json`.
fn data_query(q: &Value, from: i64, to: i64) -> pluginv2::DataQuery {
    let text = |key: &str| {
        q.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let ref_id = Some(text("refId"))
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| "A".to_owned());
    pluginv2::DataQuery {
        ref_id,
        max_data_points: q
            .get("maxDataPoints")
            .and_then(Value::as_i64)
            .filter(|n| *n > 0)
            .unwrap_or(100),
        interval_ms: q
            .get("intervalMs")
            .and_then(Value::as_i64)
            .filter(|n| *n > 0)
            .unwrap_or(1000),
        time_range: Some(pluginv2::TimeRange {
            from_epoch_ms: from,
            to_epoch_ms: to,
        }),
        json: serde_json::to_vec(q).unwrap_or_default(),
        query_type: text("queryType"),
    }
}

/// One query's result: `{"status", "frames"}`, or `{"status", "error", "errorSource"}`.
fn response_json(response: pluginv2::DataResponse) -> Value {
    let mut out = Map::new();
    let mut error = response.error;
    let mut frames = Vec::new();
    for arrow in &response.frames {
        match frame_json(arrow) {
            Ok(frame) => frames.push(frame),
            Err(e) => {
                tracing::warn!(error = %e, "a plugin frame could not be read");
                error = "An error occurred within the plugin".to_owned();
            }
        }
    }
    let status = match (response.status, error.is_empty()) {
        (0, true) => 200,
        (0, false) => 500,
        (s, _) => s,
    };
    out.insert("status".to_owned(), json!(status));
    if !frames.is_empty() {
        out.insert("frames".to_owned(), json!(frames));
    }
    if !error.is_empty() {
        out.insert("error".to_owned(), json!(error));
        out.insert("errorSource".to_owned(), json!("plugin"));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_epoch_ms_or_relative_to_now() {
        let now = 10 * HOUR;
        assert_eq!(epoch_ms(None, now, 1).unwrap(), 1);
        assert_eq!(
            epoch_ms(Some(&json!("1700000000000")), now, 1).unwrap(),
            1_700_000_000_000
        );
        assert_eq!(epoch_ms(Some(&json!(5)), now, 1).unwrap(), 5);
        assert_eq!(epoch_ms(Some(&json!("now")), now, 1).unwrap(), now);
        assert_eq!(epoch_ms(Some(&json!("now-1h")), now, 1).unwrap(), 9 * HOUR);
        for bad in [
            json!("yesterday"),
            json!("now-1y"),
            json!("now-h"),
            json!(true),
            json!("now-99999999999999999w"),
        ] {
            assert!(epoch_ms(Some(&bad), now, 1).is_err(), "{bad}");
        }
    }
}
