//! devserver: a Grafana-API-compatible server for developing leptos-grafana UIs without
//! a Grafana.
//!
//! [`app`] builds the whole router from one [`AppState`]; each Grafana area adds its
//! routes with Grafana's own paths, so a grep for a Grafana route finds its handler.

pub mod auth;
pub mod avatar;
pub mod body;
pub mod check_plugin;
pub mod config;
pub mod datasources;
pub mod db;
pub mod error;
pub mod faults;
pub mod frontend;
pub mod frontend_settings;
pub mod health;
pub mod org;
pub mod plugins;
pub mod proxy;
pub mod secrets;
pub mod serviceaccounts;
pub mod state;

pub use config::Config;
pub use error::ApiError;
pub use state::AppState;

use axum::Router;
use std::net::SocketAddr;
use tower_http::trace::TraceLayer;

/// Every route devserver answers, with its state. In proxy mode (`state.proxy` set) the
/// API goes to the real Grafana and only the UI is served here. Under `--app-sub-url`
/// everything is served below it, and `/` redirects there.
pub fn app(state: AppState) -> Router {
    let sub = state.app_sub_url.clone();
    let routes = routes(state);
    // Grafana's router ignores one trailing slash on an API path (`POST
    // /api/serviceaccounts/` creates); it is trimmed before routing.
    let routes = Router::new().fallback_service(tower::ServiceExt::map_request(
        routes,
        trim_api_trailing_slash,
    ));
    if sub.is_empty() {
        return routes;
    }
    let home = format!("{sub}/");
    Router::new()
        .route(
            "/",
            axum::routing::get(move || async move { axum::response::Redirect::to(&home) }),
        )
        .nest(&sub, routes)
        .fallback(|| async { ApiError::not_found() })
}

/// `/api/…/` → `/api/…` (one slash), except below the proxies, whose paths are passed on
/// as they are.
fn trim_api_trailing_slash(mut req: axum::extract::Request) -> axum::extract::Request {
    let path = req.uri().path();
    let api = path.starts_with("/api/") || path.contains("/api/");
    let proxied = path.contains("/api/datasources/proxy/") || path.contains("/api/plugin-proxy/");
    if api && !proxied && path.len() > 1 && path.ends_with('/') {
        let trimmed = match req.uri().query() {
            Some(q) => format!("{}?{q}", &path[..path.len() - 1]),
            None => path[..path.len() - 1].to_owned(),
        };
        let mut parts = req.uri().clone().into_parts();
        if let Ok(pq) = trimmed.parse() {
            parts.path_and_query = Some(pq);
            if let Ok(uri) = axum::http::Uri::from_parts(parts) {
                *req.uri_mut() = uri;
            }
        }
    }
    req
}

/// Grafana's response headers on every answer, and a panicking handler answered with
/// Grafana's 500 instead of a dropped connection.
pub fn hardened(router: Router) -> Router {
    use axum::http::{header, HeaderValue};
    use tower_http::set_header::SetResponseHeaderLayer;
    router
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                tracing::error!("a request handler panicked; the next request is unaffected");
                axum::response::IntoResponse::into_response(ApiError::message(
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal Server Error",
                ))
            },
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("deny"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_XSS_PROTECTION,
            HeaderValue::from_static("1; mode=block"),
        ))
}

fn routes(state: AppState) -> Router {
    hardened(routes_of(state))
}

fn routes_of(state: AppState) -> Router {
    if state.proxy.is_some() {
        // The API goes to Grafana; the local plugin folders (editor schemas) are still
        // served here, so the UI finds them whichever server answers the API.
        return Router::new()
            .merge(proxy::routes())
            .merge(plugins::static_routes())
            .merge(avatar::routes())
            .fallback_service(frontend::ui_service(&state))
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                faults::inject,
            ))
            .layer(TraceLayer::new_for_http().make_span_with(request_span))
            .with_state(state);
    }
    Router::new()
        .merge(health::routes())
        .merge(avatar::routes())
        .merge(auth::routes())
        .merge(serviceaccounts::routes())
        .merge(datasources::routes())
        .merge(frontend_settings::routes())
        .merge(org::routes())
        .merge(plugins::routes())
        .merge(faults::routes())
        .merge(frontend::api_fallback())
        // A route that exists for other methods: Grafana's router answers its 404.
        .method_not_allowed_fallback(|| async { ApiError::not_found() })
        .fallback_service(frontend::ui_service(&state))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The request log's span: the method and the path, never the query string (an OAuth
/// callback's `code`, a caller's search terms).
fn request_span(req: &axum::extract::Request) -> tracing::Span {
    tracing::debug_span!("request", method = %req.method(), path = %req.uri().path())
}

/// Errors that stop devserver from starting; each prints as one line.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error("cannot open database {path}: {source}")]
    Database {
        /// The `--db` path.
        path: String,
        /// What went wrong.
        source: db::DbError,
    },
    /// The address could not be bound (port in use, bad address…).
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// `bind:port`.
        addr: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// `--plugins-dir` holds a malformed `plugin.json` or cannot be read.
    #[error("{0}")]
    Plugins(#[from] plugins::PluginError),
    /// A command-line option is invalid.
    #[error("{0}")]
    Config(String),
    /// The server stopped with an I/O error.
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

/// Seeds `admin` / `admin` on a new database and applies every `--user name:password:Role`.
pub async fn seed_users(state: &AppState, users: &[String]) -> Result<(), StartError> {
    let mut parsed = Vec::new();
    for spec in users {
        let mut parts = spec.splitn(3, ':');
        let (Some(name), Some(password), Some(role)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(StartError::Config(format!(
                "--user {spec:?}: expected name:password:Role"
            )));
        };
        let role = auth::OrgRole::parse(role)
            .filter(|_| !role.is_empty())
            .ok_or_else(|| {
                StartError::Config(format!(
                    "--user {spec:?}: role must be Admin, Editor, Viewer or None"
                ))
            })?;
        if name.is_empty() || password.is_empty() {
            return Err(StartError::Config(format!(
                "--user {spec:?}: name and password must not be empty"
            )));
        }
        parsed.push((name.to_owned(), password.to_owned(), role));
    }
    let now = state.clock.now();
    state
        .db
        .call(move |c| {
            auth::store::seed_admin(c, now)?;
            for (name, password, role) in &parsed {
                auth::store::upsert_user(c, name, password, *role, now)?;
            }
            Ok(())
        })
        .await
        .map_err(|e| StartError::Config(format!("cannot seed users: {e}")))
}

/// Opens the database, binds the port and serves until Ctrl-C.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let db = db::Db::open(&config.db).map_err(|source| StartError::Database {
        path: config.db.display().to_string(),
        source,
    })?;
    let plugins = plugins::PluginRegistry::load(&config.plugins_dir)?;
    let app_sub_url =
        config::normalize_app_sub_url(&config.app_sub_url).map_err(StartError::Config)?;
    let mut state = AppState::new(db, config.dist.clone())
        .with_app_sub_url(&app_sub_url)
        .with_secret_key(&config.secret_key);
    if let Some(upstream) = proxy::Upstream::from_options(
        config.grafana_url.as_deref(),
        config.grafana_token.as_deref(),
        config.grafana_user.as_deref(),
        config.grafana_password.as_deref(),
    )
    .map_err(StartError::Config)?
    {
        let hosts = std::iter::once(config.bind.as_str())
            .chain(config.allowed_hosts.iter().map(String::as_str));
        state = state.with_proxy(upstream.allow_hosts(hosts));
    }
    if let Some(spec) = &config.faults {
        let faults =
            faults::Faults::new(spec).map_err(|e| StartError::Config(format!("--faults: {e}")))?;
        state.faults = Some(std::sync::Arc::new(faults));
        tracing::warn!(spec = ?spec, "fault injection is on");
    }
    state.cookie_secure = config.cookie_secure;
    state.send_user_header = config.send_user_header;
    state.content_security_policy = config.content_security_policy;
    state.secure_socks_proxy = config.secure_socks_datasource_proxy;
    state.token_limits = state::TokenLimits {
        max_seconds_to_live: config.api_key_max_seconds_to_live,
        expiration_day_limit: config.token_expiration_day_limit,
    };
    seed_users(&state, &config.users).await?;
    let db_dir = config
        .db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    serviceaccounts::managed::register(&state, db_dir, &config.plugin)
        .await
        .map_err(StartError::Config)?;
    state.private = std::sync::Arc::new(state::PrivatePaths {
        folders: [serviceaccounts::managed::secrets_dir(db_dir)]
            .iter()
            .filter_map(|f| f.canonicalize().ok())
            .collect(),
        database: config.db.canonicalize().ok(),
    });
    let addr = format!("{}:{}", config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: addr.clone(),
            source,
        })?;
    let local: SocketAddr = listener
        .local_addr()
        .map_err(|source| StartError::Listen { addr, source })?;
    // Backends start once the address is known (it is their GF_APP_URL).
    let backends = plugins::backend::BackendPlugins::start(
        &plugins,
        health::VERSION,
        &format!("http://{local}{app_sub_url}/"),
        std::time::Duration::from_secs(config.plugin_start_timeout.clamp(1, 3600)),
    );
    let mut state = state.with_plugins(plugins).with_backends(backends.clone());
    let root_url = match &config.root_url {
        Some(url) => format!("{}/", url.trim_end_matches('/')),
        None => format!("http://{local}{app_sub_url}/"),
    };
    state.generic_oauth = auth::oauth::GenericOAuth::from_flags(&config.generic_oauth, &root_url)
        .map_err(StartError::Config)?
        .map(std::sync::Arc::new);
    if let Some(oauth) = &state.generic_oauth {
        tracing::info!(provider = %oauth.name, auth_url = %oauth.auth_url, redirect_uri = %oauth.redirect_uri, "generic OAuth sign-in is on");
    }
    // The e2e harness reads this line to learn the port when started with --port 0.
    println!("devserver listening on http://{local}{app_sub_url}");
    if let Some(upstream) = &state.proxy {
        // Never the credentials, not even a `user:password@` in the URL.
        tracing::info!(grafana = %upstream.display_url(), "proxy mode: /api goes to Grafana");
    }
    tracing::info!(db = %config.db.display(), dist = %config.dist.display(), "ready");
    // With the caller's address, which the data source proxy appends to X-Forwarded-For.
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(StartError::Serve)?;
    backends.stop_all();
    Ok(())
}
