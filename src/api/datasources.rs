//! Grafana's data source API (`/api/datasources…`) and plugin settings.

use super::client::{plugin_id_segment, uid_segment, Method};
use super::{ApiClient, ApiError};
use crate::model::{DataSourceSettings, EditorSchema};
use serde::{Deserialize, Serialize};

/// The answer of `POST /api/datasources` and `PUT /api/datasources/uid/:uid`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DataSourceSaved {
    /// The stored data source (no secrets).
    pub datasource: DataSourceSettings,
    /// Its id.
    #[serde(default)]
    pub id: i64,
    /// "Datasource added" / "Datasource updated".
    #[serde(default)]
    pub message: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
}

/// One row of `GET /api/datasources`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSourceListItem {
    /// Id.
    pub id: i64,
    /// Uid (used in the edit route).
    pub uid: String,
    /// Name.
    pub name: String,
    /// Plugin id.
    #[serde(rename = "type")]
    pub r#type: String,
    /// Plugin name.
    #[serde(default)]
    pub type_name: String,
    /// Logo URL.
    #[serde(default)]
    pub type_logo_url: String,
    /// URL.
    #[serde(default)]
    pub url: String,
    /// Default data source.
    #[serde(default)]
    pub is_default: bool,
    /// Provisioned.
    #[serde(default)]
    pub read_only: bool,
}

/// The answer of `GET /api/datasources/uid/:uid/health` (200 for OK, 400 otherwise).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct HealthCheckResult {
    /// `OK`, `ERROR` or `UNKNOWN`.
    pub status: String,
    /// Human message.
    #[serde(default)]
    pub message: String,
    /// Plugin-specific details (`message`, `verboseMessage`, `errorDetailsLink`…).
    #[serde(default)]
    pub details: Option<serde_json::Value>,
}

impl HealthCheckResult {
    /// Whether the data source works.
    pub fn is_ok(&self) -> bool {
        self.status.eq_ignore_ascii_case("ok")
    }
}

/// A plugin as `GET /api/plugins` lists it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PluginListItem {
    /// Plugin id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `datasource`, `app` or `panel`.
    #[serde(rename = "type")]
    pub r#type: String,
}

#[derive(Serialize)]
struct AddDataSource<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    r#type: &'a str,
    access: &'a str,
}

#[derive(Deserialize)]
struct Deleted {
    #[serde(default)]
    #[allow(dead_code)]
    message: String,
}

impl ApiClient {
    /// `GET /api/datasources`.
    pub async fn list_datasources(&self) -> Result<Vec<DataSourceListItem>, ApiError> {
        self.get("/datasources").await
    }

    /// `GET /api/datasources/uid/:uid?accesscontrol=true`.
    pub async fn get_datasource(&self, uid: &str) -> Result<DataSourceSettings, ApiError> {
        let path = format!("/datasources/uid/{}?accesscontrol=true", uid_segment(uid)?);
        self.get(&path).await
    }

    /// `POST /api/datasources` with a name (empty: the server picks one) and a type.
    pub async fn add_datasource(
        &self,
        name: &str,
        plugin_type: &str,
    ) -> Result<DataSourceSaved, ApiError> {
        let body = AddDataSource {
            name,
            r#type: plugin_type,
            access: "proxy",
        };
        self.send_json(Method::Post, "/datasources", &body).await
    }

    /// `PUT /api/datasources/uid/:uid` with the whole settings, `version` included;
    /// `secureJsonData` carries only what was typed or reset in this session.
    pub async fn update_datasource(
        &self,
        settings: &DataSourceSettings,
    ) -> Result<DataSourceSaved, ApiError> {
        let path = format!("/datasources/uid/{}", uid_segment(&settings.uid)?);
        self.send_json(Method::Put, &path, settings).await
    }

    /// `DELETE /api/datasources/uid/:uid`.
    pub async fn delete_datasource(&self, uid: &str) -> Result<(), ApiError> {
        let path = format!("/datasources/uid/{}", uid_segment(uid)?);
        self.delete::<Deleted>(&path).await.map(|_| ())
    }

    /// `GET /api/datasources/uid/:uid/health`.
    pub async fn check_datasource_health(&self, uid: &str) -> Result<HealthCheckResult, ApiError> {
        let path = format!("/datasources/uid/{}/health", uid_segment(uid)?);
        self.send_lenient(Method::Get, &path).await
    }

    /// `GET /api/plugins?type=datasource`.
    pub async fn list_datasource_plugins(&self) -> Result<Vec<PluginListItem>, ApiError> {
        self.get("/plugins?type=datasource").await
    }

    /// The plugin's editor schema: its `config-schema.json`, else the
    /// `schema/dsconfig.json` plugin-ui's `DatasourceConfigWizard` reads (both under
    /// `public/plugins/:id/`); a plugin with neither gets the standard sections.
    pub async fn get_editor_schema(&self, plugin_id: &str) -> Result<EditorSchema, ApiError> {
        let plugin_id = plugin_id_segment(plugin_id)?;
        for (file, what) in [
            ("config-schema.json", "config-schema.json"),
            ("schema/dsconfig.json", "dsconfig.json"),
        ] {
            let url = self.site_url(&format!("/public/plugins/{plugin_id}/{file}"));
            match self
                .send_text_to(Method::Get, &url, None::<&()>, None)
                .await
            {
                Ok(text) => {
                    return EditorSchema::from_json(&text)
                        .map_err(|e| ApiError::Decode(format!("{what}: {e}")))
                }
                Err(ApiError::Http { status: 404, .. }) => continue,
                Err(e) => return Err(e),
            }
        }
        Ok(EditorSchema::default())
    }
}
