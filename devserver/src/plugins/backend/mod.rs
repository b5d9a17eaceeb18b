//! Backend plugins, hosted as Grafana hosts them (`pkg/plugins/backendplugin`): a plugin
//! whose `plugin.json` says `"backend": true` and names an `"executable"` is started at
//! devserver's start ([`process`]), and Grafana's HTTP routes reach it over the `pluginv2`
//! gRPC services (`Diagnostics.CheckHealth`, `Data.QueryData`, `Resource.CallResource`)
//! with the data source's settings and decrypted secrets in the request's
//! `PluginContext` ([`context`]), the only place a decrypted secret ever goes.
//!
//! The gRPC clients are `grafana-plugin-sdk`'s (`pluginv2`, tonic 0.12): the same crate
//! the example plugin's backend is built with, so both are compiled once.

pub mod context;
pub mod forward;
pub mod frame_json;
pub mod process;

pub use process::BackendProcess;

use grafana_plugin_sdk::pluginv2;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A gRPC call that did not get the plugin's answer, as Grafana classifies it.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// No backend, or its process is down (`plugins.ErrPluginUnavailable`).
    #[error("plugin unavailable")]
    Unavailable,
    /// The plugin does not serve that service (gRPC `Unimplemented`).
    #[error("method not implemented")]
    Unimplemented,
    /// Any other gRPC failure (the plugin's words stay out of answers: they are logged).
    #[error("plugin request failed: {0}")]
    Failed(String),
}

impl From<tonic::Status> for CallError {
    fn from(status: tonic::Status) -> Self {
        // A process that dies mid-call shows as a broken connection, whatever the code.
        let message = status.message().to_ascii_lowercase();
        let connection_lost = [
            "transport error",
            "connection",
            "h2 protocol error",
            "broken pipe",
        ]
        .iter()
        .any(|m| message.contains(m));
        match status.code() {
            tonic::Code::Unimplemented => Self::Unimplemented,
            tonic::Code::Unavailable | tonic::Code::Cancelled => Self::Unavailable,
            tonic::Code::Unknown | tonic::Code::Internal if connection_lost => Self::Unavailable,
            _ => Self::Failed(status.message().chars().take(300).collect()),
        }
    }
}

/// The file Grafana runs for `executable` (`pkg/plugins/plugins.go` `executablePath`):
/// `<dir>/<executable>_<os>_<arch>` (`.exe` on Windows). Refused when it leaves the plugin
/// folder, by its name (`../x`, `/x`) or through a symlink.
pub fn executable_path(dir: &Path, executable: &str) -> Result<PathBuf, String> {
    if executable.is_empty()
        || executable.contains(['/', '\\', '\0'])
        || executable == ".."
        || executable == "."
    {
        return Err(format!(
            "executable {executable:?} must be a file name inside the plugin folder"
        ));
    }
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        other => other,
    };
    let ext = if os == "windows" { ".exe" } else { "" };
    let path = dir.join(format!("{executable}_{os}_{arch}{ext}"));
    let real_dir = dir
        .canonicalize()
        .map_err(|e| format!("plugin folder: {e}"))?;
    let real = path
        .canonicalize()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if !real.starts_with(&real_dir) {
        return Err(format!("{} leaves the plugin folder", path.display()));
    }
    Ok(real)
}

/// What Grafana gives a plugin process (`pluginconfig.PluginEnvVars` and go-plugin's
/// handshake variables), and nothing else.
pub fn grafana_env(plugin_type: &str, version: &str, app_url: &str) -> Vec<(String, String)> {
    [
        ("grafana_plugin_type", plugin_type),
        ("PLUGIN_PROTOCOL_VERSIONS", "2"),
        ("PLUGIN_MIN_PORT", "10000"),
        ("PLUGIN_MAX_PORT", "25000"),
        ("GF_VERSION", version),
        ("GF_APP_URL", app_url),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// The running backend plugins, by plugin id.
#[derive(Clone, Default)]
pub struct BackendPlugins {
    processes: HashMap<String, BackendProcess>,
}

impl BackendPlugins {
    /// Starts the backend of every installed plugin that has one. A plugin whose executable
    /// is missing or leaves its folder is logged and left without a backend (its calls get
    /// "Plugin unavailable"); devserver starts anyway, as Grafana does.
    pub fn start(
        registry: &super::PluginRegistry,
        version: &str,
        app_url: &str,
        timeout: Duration,
    ) -> Self {
        let mut processes = HashMap::new();
        for plugin in registry.iter() {
            let Some(executable) = plugin.executable() else {
                continue;
            };
            match executable_path(&plugin.dir, executable) {
                Ok(path) => {
                    let env = grafana_env(&plugin.kind, version, app_url);
                    processes.insert(
                        plugin.id.clone(),
                        BackendProcess::spawn(&plugin.id, path, env, timeout),
                    );
                }
                Err(err) => {
                    tracing::error!(plugin = %plugin.id, error = %err, "backend plugin not started")
                }
            }
        }
        Self { processes }
    }

    /// The process of `plugin_id`'s backend, if it has one.
    pub fn get(&self, plugin_id: &str) -> Option<&BackendProcess> {
        self.processes.get(plugin_id)
    }

    fn channel(&self, plugin_id: &str) -> Result<tonic::transport::Channel, CallError> {
        self.get(plugin_id)
            .and_then(BackendProcess::channel)
            .ok_or(CallError::Unavailable)
    }

    /// `Diagnostics.CheckHealth`.
    pub async fn check_health(
        &self,
        plugin_id: &str,
        request: pluginv2::CheckHealthRequest,
    ) -> Result<pluginv2::CheckHealthResponse, CallError> {
        let mut client =
            pluginv2::diagnostics_client::DiagnosticsClient::new(self.channel(plugin_id)?);
        Ok(client.check_health(request).await?.into_inner())
    }

    /// `Data.QueryData`.
    pub async fn query_data(
        &self,
        plugin_id: &str,
        request: pluginv2::QueryDataRequest,
    ) -> Result<pluginv2::QueryDataResponse, CallError> {
        let mut client = pluginv2::data_client::DataClient::new(self.channel(plugin_id)?)
            .max_decoding_message_size(64 * 1024 * 1024);
        Ok(client.query_data(request).await?.into_inner())
    }

    /// `Resource.CallResource`: the plugin's messages in order (the first carries the
    /// status and headers, later ones more of the body).
    pub async fn call_resource(
        &self,
        plugin_id: &str,
        request: pluginv2::CallResourceRequest,
    ) -> Result<tonic::Streaming<pluginv2::CallResourceResponse>, CallError> {
        let mut client = pluginv2::resource_client::ResourceClient::new(self.channel(plugin_id)?)
            .max_decoding_message_size(64 * 1024 * 1024);
        Ok(client.call_resource(request).await?.into_inner())
    }

    /// Stops every process (devserver is stopping).
    pub fn stop_all(&self) {
        for p in self.processes.values() {
            p.stop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_executable_stays_in_its_plugin_folder() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("plugin");
        std::fs::create_dir(&dir).unwrap();
        let suffix = executable_path(&dir, "x").unwrap_err();
        assert!(suffix.contains("x_"), "{suffix}");
        let name = std::path::Path::new(&suffix.split(':').next().unwrap().to_owned())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        std::fs::write(dir.join(&name), "").unwrap();
        assert!(executable_path(&dir, "x").is_ok());
        for bad in ["../x", "/x", "a/b", "..", ""] {
            assert!(executable_path(&dir, bad).is_err(), "{bad}");
        }
        // A symlink out of the folder is refused.
        let outside = root.path().join("outside");
        std::fs::write(&outside, "").unwrap();
        let link_name = name.replacen("x_", "y_", 1);
        std::os::unix::fs::symlink(&outside, dir.join(&link_name)).unwrap();
        assert!(executable_path(&dir, "y")
            .unwrap_err()
            .contains("leaves the plugin folder"));
    }
}
