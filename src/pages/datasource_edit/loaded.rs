//! What the settings page loads before it shows the form: the data source, its plugin's
//! editor schema, what the user may do, whether its plugin has a backend, and whether the
//! server runs the secure socks proxy.

use crate::api::{ApiClient, ApiError};
use crate::model::{DataSourceSettings, EditorSchema};

/// Everything the form needs, loaded together.
#[derive(Clone)]
pub struct Loaded {
    /// The data source.
    pub settings: DataSourceSettings,
    /// Its plugin's editor schema.
    pub schema: EditorSchema,
    /// The user may save it (and it is not provisioned).
    pub can_write: bool,
    /// The user may delete it (and it is not provisioned).
    pub can_delete: bool,
    /// The server runs Grafana's secure socks proxy (boot data).
    pub secure_socks_proxy: bool,
    /// Whether its plugin has a backend to answer `/health` (boot data; `None`: not
    /// listed there, so the health check is asked and its answer shown).
    pub has_backend: Option<bool>,
}

/// Loads the data source `uid` and all the form needs with it.
pub async fn load(client: ApiClient, uid: String) -> Result<Loaded, ApiError> {
    let settings = client.get_datasource(&uid).await?;
    let schema = client.get_editor_schema(&settings.r#type).await?;
    // Grafana decides with the data source's accessControl metadata; a server that sends
    // none (older Grafana) is asked for the user's org role instead.
    let allowed = |action: &str| {
        settings
            .access_control
            .as_ref()
            .map(|ac| ac.get(action).copied().unwrap_or(false))
    };
    let (write, delete) = match (allowed("datasources:write"), allowed("datasources:delete")) {
        (Some(w), Some(d)) => (w, d),
        _ => {
            let admin = client.current_user_orgs().await.ok().is_some_and(|orgs| {
                orgs.iter()
                    .any(|o| o.org_id == settings.org_id.max(1) && o.role == "Admin")
            });
            (admin, admin)
        }
    };
    let boot = client.frontend_settings().await.ok();
    Ok(Loaded {
        secure_socks_proxy: boot
            .as_ref()
            .is_some_and(|f| f.secure_socks_ds_proxy_enabled),
        has_backend: boot.and_then(|f| f.has_backend(&settings.uid)),
        can_write: write && !settings.read_only,
        can_delete: delete && !settings.read_only,
        settings,
        schema,
    })
}
