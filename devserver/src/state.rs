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
}

impl AppState {
    /// State over an opened database and a UI folder.
    pub fn new(db: Db, dist: PathBuf) -> Self {
        Self {
            db,
            dist: Arc::new(dist),
        }
    }
}
