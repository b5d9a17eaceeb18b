//! `AppState`: everything a handler may need, in one cheap-to-clone struct.

use crate::db::Db;
use std::path::PathBuf;
use std::sync::Arc;

/// Shared state of all handlers.
#[derive(Clone)]
pub struct AppState {
    /// The SQLite database.
    pub db: Db,
    /// Folder of the built UI.
    pub dist: Arc<PathBuf>,
    /// Encrypts data source secrets at rest (`--secret-key`).
    pub secrets: crate::secrets::SecretBox,
    /// Installed plugins (`--plugins-dir`).
    pub plugins: Arc<crate::plugins::PluginRegistry>,
}

impl AppState {
    /// State over an opened database and a UI folder.
    pub fn new(db: Db, dist: PathBuf) -> Self {
        Self {
            db,
            dist: Arc::new(dist),
            secrets: crate::secrets::SecretBox::default(),
            plugins: Arc::new(crate::plugins::PluginRegistry::empty()),
        }
    }

    /// Uses `secret_key` (instead of Grafana's default) to encrypt data source secrets.
    pub fn with_secret_key(mut self, secret_key: &str) -> Self {
        self.secrets = crate::secrets::SecretBox::new(secret_key);
        self
    }

    /// Serves these plugins (instead of none).
    pub fn with_plugins(mut self, plugins: crate::plugins::PluginRegistry) -> Self {
        self.plugins = Arc::new(plugins);
        self
    }
}
