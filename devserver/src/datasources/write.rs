//! Adding and updating data sources: `POST /api/datasources` and `PUT
//! /api/datasources/uid/{uid}` (or `/{id}`), with Grafana's validation order and
//! messages, optimistic locking, and secrets encrypted before they are stored.

use super::access::{Action, Caller};
use super::errors::{bad_request_data, invalid_url, message, not_found, traced, validation, Body};
use super::lookup::{authorize, dto, find, named, org, RouteParams};
use super::model::{self, Command, Fields, UpdateCommand};
use super::store::{self, AddOutcome, Lookup, UpdateOutcome};
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Checks shared by add and update: lengths and the uid's alphabet.
pub(super) fn check_lengths(fields: &Fields) -> Result<(), ApiError> {
    let Fields { name, url, uid, .. } = fields;
    if name.chars().count() > 190 {
        return Err(validation(
            "datasource.nameInvalid",
            "Invalid datasource name.",
        ));
    }
    if url.chars().count() > 255 {
        return Err(validation(
            "datasource.urlInvalid",
            "Invalid datasource url.",
        ));
    }
    if !uid.is_empty() && !model::uid_is_valid(uid) {
        return Err(validation(
            "datasource.uidInvalid",
            "Invalid datasource uid.",
        ));
    }
    Ok(())
}

/// Encrypts every sent secret (an empty string is stored too, and reads as "not set").
pub(super) fn encrypt_secrets(
    state: &AppState,
    plain: BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    for (key, value) in plain {
        let encrypted = state.secrets.encrypt(&value).map_err(|err| {
            tracing::error!(%err, "cannot encrypt a data source secret");
            traced(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Failed to save datasource",
            )
        })?;
        out.insert(key, encrypted);
    }
    Ok(out)
}

/// `POST /api/datasources`.
pub(super) async fn add(
    State(state): State<AppState>,
    caller: Caller,
    body: Body<Command>,
) -> Result<Json<Value>, ApiError> {
    caller.require_any(Action::Create)?;
    let Command {
        fields,
        secure_json_data,
    } = body.bind()?;
    if fields.kind.is_empty() || fields.access.is_empty() {
        return Err(bad_request_data());
    }
    if !fields.url.is_empty() && !model::url_is_valid(&fields.kind, &fields.url) {
        return Err(invalid_url());
    }
    check_lengths(&fields)?;
    let secure = encrypt_secrets(&state, secure_json_data)?;
    let org = org(&caller);
    match state
        .db
        .call(move |c| store::add(c, org, fields, secure))
        .await?
    {
        AddOutcome::Added(ds) => {
            // Debug formatting: a name with CR/LF cannot forge a log line.
            tracing::info!(uid = ?ds.fields.uid, name = ?ds.fields.name, "data source added");
            Ok(Json(json!({
                "datasource": dto(&state, &ds),
                "id": ds.id,
                "message": "Datasource added",
                "name": ds.fields.name,
            })))
        }
        AddOutcome::Taken(taken) => Err(traced(StatusCode::CONFLICT, taken.message())),
    }
}

/// Binds and validates a PUT body (steps 1–3 of the contract's order).
pub(super) fn bind_update(body: Body<UpdateCommand>) -> Result<UpdateCommand, ApiError> {
    let cmd = body.bind()?;
    let fields = &cmd.command.fields;
    if fields.name.is_empty() || fields.kind.is_empty() || fields.access.is_empty() {
        return Err(bad_request_data());
    }
    if !model::url_is_valid(&fields.kind, &fields.url) {
        return Err(invalid_url());
    }
    check_lengths(fields)?;
    Ok(cmd)
}

/// `PUT /api/datasources/uid/{uid}` and `/{id}` (deprecated in Grafana, still served).
pub(super) async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<RouteParams>,
    body: Body<UpdateCommand>,
) -> Result<Json<Value>, ApiError> {
    let by = named(&params)?;
    authorize(&state, &caller, Action::Write, &by).await?;
    let UpdateCommand {
        command: Command {
            fields,
            secure_json_data,
        },
        version,
    } = bind_update(body)?;
    let id = match by {
        Lookup::Id(id) => id,
        by => find(&state, &caller, by).await?.id,
    };
    let name = fields.name.clone();
    let secure = encrypt_secrets(&state, secure_json_data)?;
    let org = org(&caller);
    let outcome = state
        .db
        .call(move |c| store::update(c, org, id, fields, secure, version))
        .await?;
    match outcome {
        UpdateOutcome::Updated(ds) => {
            tracing::info!(uid = ?ds.fields.uid, version = ds.version, "data source updated");
            Ok(Json(json!({
                "datasource": dto(&state, &ds),
                "id": ds.id,
                "message": "Datasource updated",
                "name": name,
            })))
        }
        UpdateOutcome::NotFound => Err(not_found()),
        UpdateOutcome::ReadOnly => Err(message(
            StatusCode::FORBIDDEN,
            "Cannot update read-only data source",
        )),
        UpdateOutcome::Taken(taken) => Err(traced(
            StatusCode::CONFLICT,
            &format!("Failed to update datasource: {}", taken.message()),
        )),
        UpdateOutcome::VersionConflict => Err(traced(
            StatusCode::CONFLICT,
            "Datasource has already been updated by someone else. Please reload and try again",
        )),
    }
}
