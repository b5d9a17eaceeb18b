//! `AppState`: everything a handler may need, in one cheap-to-clone struct. It holds one
//! part of several areas (the hasher, the plugin registry, the search index…); each part
//! lives in a module of its own that never reads `AppState`, and is named here by that
//! module's path, so the state depends on the parts and the handlers on the state, never
//! round.

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
    /// Grafana's `appSubUrl` (`--app-sub-url`): `""` or `/grafana`; every route and cookie
    /// lives below it.
    pub app_sub_url: Arc<str>,
    /// Encrypts data source secrets at rest (`--secret-key`).
    pub secrets: crate::secrets::SecretBox,
    /// Installed plugins (`--plugins-dir`).
    pub plugins: Arc<crate::plugins::registry::PluginRegistry>,
    /// Send `http_X-Grafana-User` to backend plugins (`--send-user-header`, Grafana's
    /// `[dataproxy] send_user_header`).
    pub send_user_header: bool,
    /// The running backends of installed plugins.
    pub backends: Arc<crate::plugins::backend::BackendPlugins>,
    /// What time it is (tests move it forward to expire tokens).
    pub clock: Clock,
    /// Grafana's token lifetime settings.
    pub token_limits: TokenLimits,
    /// Proxy mode (`--grafana-url`): the Grafana that `/api` requests are forwarded to.
    pub proxy: Option<Arc<crate::proxy::upstream::Upstream>>,
    /// Where password and token hashes are computed (and verified tokens remembered).
    pub hasher: crate::auth::hasher::Hasher,
    /// Password checks of one login run in turn (the lockout cannot be raced).
    pub sign_in_queue: Arc<crate::auth::sign_in_queue::SignInQueue>,
    /// Session cookies get `Secure` (`--cookie-secure`; also whenever a proxy in front says
    /// `X-Forwarded-Proto: https`).
    pub cookie_secure: bool,
    /// The data source proxy's HTTP client (no redirects followed).
    pub proxy_client: reqwest::Client,
    /// Tokens of plugin routes' `tokenAuth` exchanges.
    pub route_tokens: Arc<crate::datasources::route_tokens::RouteTokens>,
    /// The in-memory index behind service-account searches.
    pub search_index: Arc<std::sync::Mutex<crate::serviceaccounts::search_index::SearchIndex>>,
    /// Fault injection (`--faults`), off when `None`.
    pub faults: Option<Arc<crate::faults::rules::Faults>>,
    /// Send a Content-Security-Policy with the UI (`--content-security-policy`).
    pub content_security_policy: bool,
    /// Announce Grafana's secure socks proxy in boot data (`--secure-socks-datasource-proxy`).
    pub secure_socks_proxy: bool,
    /// Grafana's `[auth.generic_oauth]`, when sign-in with OAuth is on.
    pub generic_oauth: Option<Arc<crate::auth::oauth::GenericOAuth>>,
    /// Files and folders never served as static files, whatever folder overlaps them: the
    /// database (and its `-wal`/`-shm`) and the managed accounts' secrets.
    pub private: Arc<PrivatePaths>,
}

/// See [`AppState::private`].
#[derive(Clone, Debug, Default)]
pub struct PrivatePaths {
    /// Canonical folders whose contents are private.
    pub folders: Vec<PathBuf>,
    /// The canonical database file: it and every file whose name extends it (`-wal`,
    /// `-shm`, `-journal`) are private.
    pub database: Option<PathBuf>,
}

impl PrivatePaths {
    /// Whether the canonical path `real` is private.
    pub fn contains(&self, real: &std::path::Path) -> bool {
        if self.folders.iter().any(|f| real.starts_with(f)) {
            return true;
        }
        let Some(db) = &self.database else {
            return false;
        };
        match (real.parent(), db.parent(), real.file_name(), db.file_name()) {
            (Some(dir), Some(db_dir), Some(name), Some(db_name)) => {
                dir == db_dir
                    && name
                        .to_string_lossy()
                        .starts_with(db_name.to_string_lossy().as_ref())
            }
            _ => false,
        }
    }
}

/// Grafana's `[auth] api_key_max_seconds_to_live` and `[service_accounts]
/// token_expiration_day_limit`; `-1` (the default) switches each off.
#[derive(Clone, Copy, Debug)]
pub struct TokenLimits {
    /// Largest `secondsToLive`; `-1` = no limit (and 0 = never expires is allowed).
    pub max_seconds_to_live: i64,
    /// Latest expiry, in days from today; `-1` = no limit.
    pub expiration_day_limit: i64,
}

impl Default for TokenLimits {
    fn default() -> Self {
        Self {
            max_seconds_to_live: -1,
            expiration_day_limit: -1,
        }
    }
}

/// Unix time in seconds, plus an offset that tests can move.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset: Arc<std::sync::atomic::AtomicI64>,
}

impl Clock {
    /// Now, in unix seconds.
    pub fn now(&self) -> i64 {
        let real = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default();
        real + self.offset.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Moves the clock forward by `seconds` (tests only need this).
    pub fn advance(&self, seconds: i64) {
        self.offset
            .fetch_add(seconds, std::sync::atomic::Ordering::Relaxed);
    }
}

impl AppState {
    /// State over an opened database and a UI folder.
    pub fn new(db: Db, dist: PathBuf) -> Self {
        Self {
            db,
            dist: Arc::new(dist),
            app_sub_url: Arc::from(""),
            secrets: crate::secrets::SecretBox::default(),
            plugins: Arc::new(crate::plugins::registry::PluginRegistry::empty()),
            backends: Default::default(),
            send_user_header: false,
            clock: Clock::default(),
            token_limits: TokenLimits::default(),
            proxy: None,
            hasher: Default::default(),
            sign_in_queue: Default::default(),
            private: Default::default(),
            cookie_secure: false,
            faults: None,
            search_index: Default::default(),
            proxy_client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            route_tokens: Default::default(),
            content_security_policy: false,
            secure_socks_proxy: false,
            generic_oauth: None,
        }
    }

    /// Uses `secret_key` (instead of Grafana's default) to encrypt data source secrets.
    pub fn with_secret_key(mut self, secret_key: &str) -> Self {
        self.secrets = crate::secrets::SecretBox::new(secret_key);
        self
    }

    /// Forwards `/api`, `POST /login` and `GET /logout` to `upstream` (proxy mode).
    pub fn with_proxy(mut self, upstream: crate::proxy::upstream::Upstream) -> Self {
        self.proxy = Some(Arc::new(upstream));
        self
    }

    /// Serves everything below `app_sub_url` (already normalised: `""` or `/path`).
    pub fn with_app_sub_url(mut self, app_sub_url: &str) -> Self {
        self.app_sub_url = Arc::from(app_sub_url);
        self
    }

    /// The path of cookies and of "go home" links: `/` or `/grafana/`.
    pub fn root_path(&self) -> String {
        format!("{}/", self.app_sub_url)
    }

    /// Calls these backends for the plugins' data sources.
    pub fn with_backends(mut self, backends: crate::plugins::backend::BackendPlugins) -> Self {
        self.backends = Arc::new(backends);
        self
    }

    /// Serves these plugins (instead of none).
    pub fn with_plugins(mut self, plugins: crate::plugins::registry::PluginRegistry) -> Self {
        self.plugins = Arc::new(plugins);
        self
    }
}
