//! What every call from a data source route to its backend plugin needs: the
//! `PluginContext` (the caller, the data source and its decrypted secrets), the forwarding
//! rules for the browser's headers (with the signed-in user's OAuth token when the data
//! source has `oauthPassThru`), and Grafana's answers when the call fails
//! (`pkg/api/plugin_resource.go`, `pkg/plugins/errors.go`).

use super::access::Caller;
use super::errors::unable_to_load;
use super::model::DataSource;
use crate::auth::oauth::OAuthToken;
use crate::plugins::backend::context::{plugin_context, InstanceSettings, PluginUser};
use crate::plugins::backend::forward::Forwarding;
use crate::plugins::backend::CallError;
use crate::{ApiError, AppState};
use axum::http::StatusCode;
use grafana_plugin_sdk::pluginv2;

/// Grafana's 500 for a plugin whose backend is absent or down.
pub fn plugin_unavailable() -> ApiError {
    ApiError::Errutil {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: "Plugin unavailable".to_owned(),
        message_id: "plugin.unavailable",
    }
}

/// Grafana's answer to a failed `QueryData` or `CallResource` (`errutil` bodies).
pub fn call_failed(err: CallError, plugin_id: &str) -> ApiError {
    match err {
        CallError::Unavailable => plugin_unavailable(),
        CallError::Unimplemented => ApiError::Errutil {
            status: StatusCode::NOT_FOUND,
            message: "Method not implemented".to_owned(),
            message_id: "plugin.notImplemented",
        },
        CallError::Failed(detail) => {
            tracing::warn!(plugin = %plugin_id, error = %detail, "plugin request failed");
            ApiError::Errutil {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "An error occurred within the plugin".to_owned(),
                message_id: "plugin.requestFailureError",
            }
        }
    }
}

/// One call's context, the caller's login and, with `oauthPassThru`, their OAuth token.
pub struct PluginCall {
    /// The `PluginContext` to send.
    pub context: pluginv2::PluginContext,
    /// The caller's login, for the user header.
    pub login: Option<String>,
    /// The signed-in user's OAuth token, when `ds` forwards it (`jsonData.oauthPassThru`)
    /// and the caller signed in with generic OAuth.
    pub oauth: Option<OAuthToken>,
}

impl PluginCall {
    /// The context of a call about `ds` by `caller`, with `ds`'s secrets decrypted.
    pub async fn of(state: &AppState, caller: &Caller, ds: &DataSource) -> Result<Self, ApiError> {
        let decrypted = state
            .secrets
            .decrypt_map(&ds.secure_json_data)
            .map_err(|err| {
                tracing::warn!(uid = ?ds.fields.uid, %err, "cannot decrypt data source secrets");
                unable_to_load()
            })?;
        let user = plugin_user(state, caller).await?;
        let login = user.as_ref().map(|u| u.login.clone());
        let oauth = oauth_token_for(state, caller, ds).await;
        Ok(Self {
            oauth,
            context: plugin_context(
                ds.org_id,
                &ds.fields.kind,
                user,
                instance_settings(ds),
                decrypted.into_iter().collect(),
            ),
            login,
        })
    }

    /// The forwarding rules of this call about `ds`.
    pub fn forwarding<'a>(&'a self, state: &AppState, ds: &'a DataSource) -> Forwarding<'a> {
        Forwarding {
            json_data: &ds.fields.json_data,
            send_user_header: state.send_user_header,
            login: self.login.as_deref(),
            oauth: self.oauth.as_ref(),
        }
    }
}

/// Grafana's `oauthtoken.IsOAuthPassThruEnabled`: `jsonData.oauthPassThru` is `true`.
pub fn oauth_pass_thru(ds: &DataSource) -> bool {
    ds.fields.json_data.get("oauthPassThru") == Some(&serde_json::Value::Bool(true))
}

/// The caller's OAuth token for a call about `ds`: only with `oauthPassThru` on, and only
/// for a session that signed in with generic OAuth (refreshed first if it expires).
pub async fn oauth_token_for(
    state: &AppState,
    caller: &Caller,
    ds: &DataSource,
) -> Option<OAuthToken> {
    if !oauth_pass_thru(ds) {
        return None;
    }
    crate::auth::oauth::tokens::current(state, caller.session_id).await
}

/// The user a plugin is told about: login, name, email and the caller's org role.
async fn plugin_user(state: &AppState, caller: &Caller) -> Result<Option<PluginUser>, ApiError> {
    let id = caller.user_id;
    let row = state
        .db
        .call(move |c| crate::auth::store::user_by_id(c, id))
        .await?;
    Ok(row.map(|u| PluginUser {
        login: u.login,
        name: u.name,
        email: u.email,
        role: caller.org_role.as_str().to_owned(),
    }))
}

/// The settings of `ds` as its plugin gets them.
fn instance_settings(ds: &DataSource) -> InstanceSettings {
    InstanceSettings {
        id: ds.id,
        uid: ds.fields.uid.clone(),
        name: ds.fields.name.clone(),
        url: ds.fields.url.clone(),
        user: ds.fields.user.clone(),
        database: ds.fields.database.clone(),
        basic_auth_enabled: ds.fields.basic_auth,
        basic_auth_user: ds.fields.basic_auth_user.clone(),
        json_data: ds.fields.json_data.clone(),
        last_updated_ms: 0,
    }
}
