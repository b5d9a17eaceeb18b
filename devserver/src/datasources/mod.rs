//! Grafana's data source HTTP API (`/api/datasources…`), as the contract §4 and §6 describe:
//! DTOs, add/update/delete rules and messages, optimistic locking, encrypted secrets that
//! never leave the server, RBAC, a real HTTP health check, and the data source proxy with
//! its plugin routes.

pub mod access;
pub mod check;
pub mod model;
pub mod proxy;
pub mod route_tokens;
pub mod store;

use crate::body::{Binding, GrafanaJson};
use crate::{ApiError, AppState};
use access::{Action, Caller};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use model::{Command, DataSource, DataSourceSettings, Fields, UpdateCommand};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use store::{AddOutcome, DeleteOutcome, Lookup, UpdateOutcome};

/// Routes of this area, with Grafana's paths.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/datasources", get(list).post(add))
        .route(
            "/api/datasources/uid/{uid}",
            get(get_by_uid).put(update_by_uid).delete(delete_by_uid),
        )
        .route(
            "/api/datasources/uid/{uid}/health",
            get(health_by_uid).post(health_by_uid),
        )
        .route(
            "/api/datasources/name/{name}",
            get(get_by_name).delete(delete_by_name),
        )
        .route("/api/datasources/id/{name}", get(id_by_name))
        .route(
            "/api/datasources/{id}",
            get(get_by_id).put(update_by_id).delete(delete_by_id),
        )
        .route(
            "/api/datasources/{id}/health",
            get(health_by_id).post(health_by_id),
        )
        .route("/api/datasources/proxy/uid/{uid}", any(proxy::by_uid))
        .route(
            "/api/datasources/proxy/uid/{uid}/{*path}",
            any(proxy::by_uid),
        )
        .route("/api/datasources/proxy/{id}", any(proxy::by_id))
        .route("/api/datasources/proxy/{id}/{*path}", any(proxy::by_id))
}

fn message(status: StatusCode, text: &str) -> ApiError {
    ApiError::message(status, text)
}

/// `response.Error(status, message, err)` with an underlying error: `{"message","traceID"}`.
fn traced(status: StatusCode, text: &str) -> ApiError {
    ApiError::MessageWithTrace {
        status,
        message: text.to_owned(),
    }
}

fn not_found() -> ApiError {
    message(StatusCode::NOT_FOUND, "Data source not found")
}

fn validation(message_id: &'static str, text: &str) -> ApiError {
    ApiError::Errutil {
        status: StatusCode::BAD_REQUEST,
        message: text.to_owned(),
        message_id,
    }
}

/// A body as this area binds it (Grafana's `web.Bind`): malformed JSON or a missing
/// required field is `400 {"message":"bad request data","traceID":""}`.
type Body<T> = GrafanaJson<T, DataSourceBinding>;

/// See [`Body`].
struct DataSourceBinding;

impl Binding for DataSourceBinding {
    fn bad_request() -> ApiError {
        bad_request_data()
    }
}

fn bad_request_data() -> ApiError {
    traced(StatusCode::BAD_REQUEST, "bad request data")
}

fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse()
        .map_err(|_| traced(StatusCode::BAD_REQUEST, "id is invalid"))
}

fn org(caller: &Caller) -> i64 {
    caller.org_id
}

/// `?accesscontrol=true`.
#[derive(Debug, Default, Deserialize)]
struct AccessControlQuery {
    accesscontrol: Option<String>,
}

impl AccessControlQuery {
    fn wanted(&self) -> bool {
        matches!(
            self.accesscontrol.as_deref(),
            Some("true" | "1" | "True" | "TRUE")
        )
    }
}

async fn load(state: &AppState, org: i64, by: Lookup) -> Result<Option<DataSource>, ApiError> {
    Ok(state.db.call(move |c| store::get(c, org, &by)).await?)
}

/// RBAC for one data source, as Grafana's middleware evaluates it: granted on
/// `datasources:*`, or on the data source's own `datasources:uid:<uid>` scope (id and name
/// routes are resolved to the uid first).
async fn authorize(
    state: &AppState,
    caller: &Caller,
    action: Action,
    by: &Lookup,
) -> Result<(), ApiError> {
    if caller.can(action) {
        return Ok(());
    }
    if !caller.can_any(action) {
        return Err(Caller::denied(action));
    }
    let uid = match by {
        Lookup::Uid(uid) => Some(uid.clone()),
        other => load(state, caller.org_id, other.clone())
            .await?
            .map(|ds| ds.fields.uid),
    };
    match uid {
        Some(uid) if caller.can_on(action, &uid) => Ok(()),
        _ => Err(Caller::denied(action)),
    }
}

fn dto(state: &AppState, ds: &DataSource) -> DataSourceSettings {
    model::dto(ds, &state.plugins, &state.secrets)
}

// ---- read ----------------------------------------------------------------------------

async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<Value>, ApiError> {
    caller.require_any(Action::Read)?;
    let org = org(&caller);
    let all = state.db.call(move |c| store::list(c, org)).await?;
    Ok(Json(Value::Array(
        all.iter()
            .filter(|ds| caller.can_on(Action::Read, &ds.fields.uid))
            .map(|ds| model::list_item(ds, &state.plugins))
            .collect(),
    )))
}

async fn get_one(
    state: AppState,
    caller: Caller,
    by: Lookup,
    query: AccessControlQuery,
) -> Result<Json<DataSourceSettings>, ApiError> {
    authorize(&state, &caller, Action::Read, &by).await?;
    let ds = load(&state, org(&caller), by)
        .await?
        .ok_or_else(not_found)?;
    let mut body = dto(&state, &ds);
    if query.wanted() {
        let granted = caller.access_control(&ds.fields.uid);
        body.access_control = Some(
            granted
                .into_iter()
                .map(|(action, allowed)| (action, allowed.as_bool().unwrap_or(false)))
                .collect(),
        );
    }
    Ok(Json(body))
}

async fn get_by_uid(
    State(state): State<AppState>,
    caller: Caller,
    Path(uid): Path<String>,
    Query(query): Query<AccessControlQuery>,
) -> Result<Json<DataSourceSettings>, ApiError> {
    get_one(state, caller, Lookup::Uid(uid), query).await
}

async fn get_by_id(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<AccessControlQuery>,
) -> Result<Json<DataSourceSettings>, ApiError> {
    let id = parse_id(&id)?;
    get_one(state, caller, Lookup::Id(id), query).await
}

async fn get_by_name(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    Query(query): Query<AccessControlQuery>,
) -> Result<Json<DataSourceSettings>, ApiError> {
    get_one(state, caller, Lookup::Name(name), query).await
}

/// `GET /api/datasources/id/{name}`: `{"id": N}`.
async fn id_by_name(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let by = Lookup::Name(name);
    authorize(&state, &caller, Action::IdRead, &by).await?;
    let ds = load(&state, org(&caller), by)
        .await?
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "id": ds.id })))
}

// ---- add / update --------------------------------------------------------------------

/// Checks shared by add and update: lengths and the uid's alphabet.
fn check_lengths(fields: &Fields) -> Result<(), ApiError> {
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

fn invalid_url() -> ApiError {
    traced(StatusCode::BAD_REQUEST, "Validation error, invalid URL")
}

/// Encrypts every sent secret (an empty string is stored too, and reads as "not set").
fn encrypt_secrets(
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
async fn add(
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
        AddOutcome::NameExists => Err(traced(
            StatusCode::CONFLICT,
            "data source with the same name already exists",
        )),
        AddOutcome::UidExists => Err(traced(
            StatusCode::CONFLICT,
            "data source with the same uid already exists",
        )),
    }
}

/// Binds and validates a PUT body (steps 1–3 of the contract's order).
fn bind_update(body: Body<UpdateCommand>) -> Result<UpdateCommand, ApiError> {
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

async fn update(
    state: AppState,
    caller: Caller,
    id: i64,
    cmd: UpdateCommand,
) -> Result<Json<Value>, ApiError> {
    let UpdateCommand {
        command: Command {
            fields,
            secure_json_data,
        },
        version,
    } = cmd;
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
        UpdateOutcome::NameExists => Err(traced(
            StatusCode::CONFLICT,
            "Failed to update datasource: data source with the same name already exists",
        )),
        UpdateOutcome::UidExists => Err(traced(
            StatusCode::CONFLICT,
            "Failed to update datasource: data source with the same uid already exists",
        )),
        UpdateOutcome::VersionConflict => Err(traced(
            StatusCode::CONFLICT,
            "Datasource has already been updated by someone else. Please reload and try again",
        )),
    }
}

/// `PUT /api/datasources/uid/{uid}`.
async fn update_by_uid(
    State(state): State<AppState>,
    caller: Caller,
    Path(uid): Path<String>,
    body: Body<UpdateCommand>,
) -> Result<Json<Value>, ApiError> {
    let by = Lookup::Uid(uid);
    authorize(&state, &caller, Action::Write, &by).await?;
    let cmd = bind_update(body)?;
    let ds = load(&state, org(&caller), by)
        .await?
        .ok_or_else(not_found)?;
    update(state, caller, ds.id, cmd).await
}

/// `PUT /api/datasources/{id}` (deprecated in Grafana, still served).
async fn update_by_id(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Body<UpdateCommand>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    authorize(&state, &caller, Action::Write, &Lookup::Id(id)).await?;
    let cmd = bind_update(body)?;
    update(state, caller, id, cmd).await
}

// ---- delete --------------------------------------------------------------------------

async fn delete(state: &AppState, caller: &Caller, by: Lookup) -> Result<i64, ApiError> {
    authorize(state, caller, Action::Delete, &by).await?;
    let org = org(caller);
    match state.db.call(move |c| store::delete(c, org, &by)).await? {
        DeleteOutcome::Deleted(id) => {
            tracing::info!(id, "data source deleted");
            Ok(id)
        }
        DeleteOutcome::NotFound => Err(not_found()),
        DeleteOutcome::ReadOnly => Err(message(
            StatusCode::FORBIDDEN,
            "Cannot delete read-only data source",
        )),
    }
}

async fn delete_by_uid(
    State(state): State<AppState>,
    caller: Caller,
    Path(uid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    if uid.is_empty() {
        return Err(message(StatusCode::BAD_REQUEST, "Missing datasource uid"));
    }
    let id = delete(&state, &caller, Lookup::Uid(uid)).await?;
    Ok(Json(json!({ "message": "Data source deleted", "id": id })))
}

async fn delete_by_name(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = delete(&state, &caller, Lookup::Name(name)).await?;
    Ok(Json(json!({ "message": "Data source deleted", "id": id })))
}

async fn delete_by_id(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    if id <= 0 {
        return Err(message(
            StatusCode::BAD_REQUEST,
            "Missing valid datasource id",
        ));
    }
    delete(&state, &caller, Lookup::Id(id)).await?;
    Ok(Json(json!({ "message": "Data source deleted" })))
}

// ---- health --------------------------------------------------------------------------

fn unable_to_load() -> ApiError {
    traced(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Unable to load datasource metadata",
    )
}

/// `GET|POST /api/datasources/uid/{uid}/health`.
async fn health_by_uid(
    State(state): State<AppState>,
    caller: Caller,
    Path(uid): Path<String>,
) -> Result<Response, ApiError> {
    authorize(&state, &caller, Action::Query, &Lookup::Uid(uid.clone())).await?;
    if !model::uid_is_valid(&uid) {
        return Err(message(StatusCode::BAD_REQUEST, "UID is invalid"));
    }
    let ds = load(&state, org(&caller), Lookup::Uid(uid))
        .await?
        .ok_or_else(unable_to_load)?;
    health(&state, &ds).await
}

/// `GET|POST /api/datasources/{id}/health` (deprecated in Grafana).
async fn health_by_id(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    authorize(&state, &caller, Action::Query, &Lookup::Id(id)).await?;
    let ds = load(&state, org(&caller), Lookup::Id(id))
        .await?
        .ok_or_else(unable_to_load)?;
    health(&state, &ds).await
}

fn health_body(status: StatusCode, ok: bool, text: String) -> Response {
    let mut body = Map::new();
    body.insert("status".to_owned(), json!(if ok { "OK" } else { "ERROR" }));
    body.insert("message".to_owned(), json!(text));
    (status, Json(Value::Object(body))).into_response()
}

async fn health(state: &AppState, ds: &DataSource) -> Result<Response, ApiError> {
    if !state
        .plugins
        .get(&ds.fields.kind)
        .is_some_and(|p| p.backend)
    {
        return Err(message(StatusCode::NOT_FOUND, "Plugin not found"));
    }
    let secrets = match state.secrets.decrypt_map(&ds.secure_json_data) {
        Ok(s) => s,
        Err(err) => {
            tracing::warn!(uid = ?ds.fields.uid, %err, "cannot decrypt data source secrets");
            return Ok(health_body(
                StatusCode::BAD_REQUEST,
                false,
                "Cannot decrypt the data source's secrets; was the secret key changed?".to_owned(),
            ));
        }
    };
    Ok(match check::check(ds, &secrets).await {
        Ok(text) => health_body(StatusCode::OK, true, text),
        Err(text) => {
            // The upstream's words stay out of the log: they may quote what was sent.
            tracing::info!(uid = ?ds.fields.uid, "data source health check failed");
            health_body(StatusCode::BAD_REQUEST, false, text)
        }
    })
}
