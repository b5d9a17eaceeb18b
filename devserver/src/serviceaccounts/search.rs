//! `GET /api/serviceaccounts/search`: one page of the accounts the caller may read,
//! filtered by `query`, `disabled`, `expiredTokens` and `external`, answered from the
//! in-memory [`super::search_index`] (or SQL for expired tokens).

use super::access::{parse_bool, readable_ids, require, wants_ac, READ};
use super::accounts::dto;
use super::store;
use crate::auth::identity::Identity;
use crate::{ApiError, AppState};
use axum::extract::{Query, State};
use axum::Json;
use grafana_model::dtos::ServiceAccountSearch;
use std::collections::HashMap;

/// `GET /api/serviceaccounts/search?query=&perpage=&page=&disabled=&expiredTokens=&external=&accesscontrol=`.
pub(super) async fn search(
    State(state): State<AppState>,
    who: Identity,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<ServiceAccountSearch>, ApiError> {
    require(&who, READ, None)?;
    let per_page = q
        .get("perpage")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1000);
    let page = q
        .get("page")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1);
    let filter = store::SearchFilter {
        query: q.get("query").cloned().unwrap_or_default(),
        disabled: q.get("disabled").is_some_and(|v| parse_bool(v)),
        expired_tokens: q.get("expiredTokens").is_some_and(|v| parse_bool(v)),
        external: q.get("external").is_some_and(|v| parse_bool(v)),
        only_ids: readable_ids(&who),
        now: state.clock.now(),
    };
    // A page far past the end is an empty page, as in Grafana, never an overflow.
    let offset = (page - 1).saturating_mul(per_page);
    let index = state.search_index.clone();
    let (total, rows) = state
        .db
        .call(move |c| {
            let mut index = index
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match index.search(c, &filter, per_page, offset)? {
                Some(found) => Ok(found),
                None => store::search(c, &filter, per_page, offset),
            }
        })
        .await?;
    let with_ac = wants_ac(&q);
    Ok(Json(ServiceAccountSearch {
        total_count: total,
        service_accounts: rows
            .iter()
            .map(|r| dto(r, &who, with_ac, false, &state.app_sub_url))
            .collect(),
        page,
        per_page,
    }))
}
