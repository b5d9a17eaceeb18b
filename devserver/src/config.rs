//! Command-line options (each also readable from a `DEVSERVER_*` environment variable).

use clap::Parser;
use std::path::PathBuf;

/// A Grafana-API-compatible development server for leptos-grafana.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "devserver",
    version,
    about,
    after_help = "Also: devserver check-plugin path/to/plugin.json [--schema config-schema.json] [--json]\n  checks a plugin's routes and iam against its editor schema (exit 1 on an error)."
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "DEVSERVER_BIND", default_value = "127.0.0.1")]
    pub bind: String,
    /// Port to listen on (0 picks a free one; the chosen URL is printed).
    #[arg(long, env = "DEVSERVER_PORT", default_value_t = 8080)]
    pub port: u16,
    /// SQLite database file; it and its folder are created on first start.
    #[arg(long, env = "DEVSERVER_DB", default_value = "./data/devserver.db")]
    pub db: PathBuf,
    /// Folder with the built UI (`trunk build` output).
    #[arg(long, env = "DEVSERVER_DIST", default_value = "./dist")]
    pub dist: PathBuf,
    /// Serve everything under this sub-path, as Grafana does with `root_url` ending in a
    /// path and `serve_from_sub_path = true` (e.g. `/grafana`); `/` redirects there.
    #[arg(long, env = "DEVSERVER_APP_SUB_URL", default_value = "")]
    pub app_sub_url: String,
    /// Key that encrypts data source secrets in the database (SHA-256 → AES-256-GCM).
    /// The default is Grafana's documented development `secret_key`: change it for real data.
    #[arg(
        long,
        env = "DEVSERVER_SECRET_KEY",
        default_value = crate::secrets::DEFAULT_SECRET_KEY,
        hide_env_values = true
    )]
    pub secret_key: String,
    /// Folder of plugins: each sub-folder is a plugin, served from its `dist/` when built
    /// (create-plugin's layout), else from the folder holding its `plugin.json` (itself or
    /// `src/`). A missing folder means no plugins.
    #[arg(
        long,
        env = "DEVSERVER_PLUGINS_DIR",
        default_value = "./embed/examples"
    )]
    pub plugins_dir: PathBuf,
    /// Adds (or updates) a user at start-up: `name:password:Role` (Role is Admin, Editor,
    /// Viewer or None). Repeatable. A new database always gets `admin` / `admin` (Admin).
    #[arg(long = "user", value_name = "NAME:PASSWORD:ROLE")]
    pub users: Vec<String>,
    /// Grafana's `[auth] api_key_max_seconds_to_live`: largest token lifetime; -1 = off.
    #[arg(long, env = "DEVSERVER_API_KEY_MAX_SECONDS_TO_LIVE", default_value_t = -1, allow_negative_numbers = true)]
    pub api_key_max_seconds_to_live: i64,
    /// Grafana's `[service_accounts] token_expiration_day_limit`: latest token expiry in
    /// days from today; -1 = off.
    #[arg(long, env = "DEVSERVER_TOKEN_EXPIRATION_DAY_LIMIT", default_value_t = -1, allow_negative_numbers = true)]
    pub token_expiration_day_limit: i64,
    /// Grafana's `[secure_socks_datasource_proxy] enabled`: announced in boot data
    /// (`secureSocksDSProxyEnabled`), so editors show "Secure Socks Proxy Enabled"
    /// (devserver itself runs no socks proxy).
    #[arg(long, env = "DEVSERVER_SECURE_SOCKS_DATASOURCE_PROXY")]
    pub secure_socks_datasource_proxy: bool,
    /// An app plugin's `plugin.json`; if it declares `iam.permissions`, the plugin gets a
    /// managed service account whose token is written to
    /// `<db dir>/secrets/<pluginId>/client_secret` (Grafana's `GF_PLUGIN_APP_CLIENT_SECRET`).
    /// Repeatable.
    #[arg(long = "plugin", value_name = "PLUGIN_JSON")]
    pub plugin: Vec<PathBuf>,
    /// Proxy mode: forward every `/api` request (and `POST /login`, `GET /logout`) to this
    /// Grafana instead of answering locally.
    #[arg(long, env = "DEVSERVER_GRAFANA_URL")]
    pub grafana_url: Option<String>,
    /// Proxy mode: a Grafana service-account token sent as `Authorization: Bearer`.
    #[arg(long, env = "DEVSERVER_GRAFANA_TOKEN", hide_env_values = true)]
    pub grafana_token: Option<String>,
    /// Proxy mode: a Grafana user sent with HTTP Basic (with `--grafana-password`).
    #[arg(long, env = "DEVSERVER_GRAFANA_USER")]
    pub grafana_user: Option<String>,
    /// Fault injection for testing UIs against a misbehaving server (off by default):
    /// `[METHOD ]PATH=effect,…;…` with effects `latency:<ms>ms`, `error:<rate>`,
    /// `drop:<rate>`, `truncate:<rate>`, `garbage:<rate>` (rates 0 to 1); `PATH*` matches
    /// below a path. Admins change it at run time with `PUT /api/devserver/faults`.
    #[arg(long, env = "DEVSERVER_FAULTS")]
    pub faults: Option<String>,
    /// Give session cookies the `Secure` attribute (Grafana's `[security] cookie_secure`);
    /// they get it anyway when a proxy in front sends `X-Forwarded-Proto: https`.
    #[arg(long, env = "DEVSERVER_COOKIE_SECURE")]
    pub cookie_secure: bool,
    /// Send a Content-Security-Policy with the UI: scripts only from devserver (the
    /// bootstrap script by its hash, nothing else inline), WebAssembly allowed
    /// (`'wasm-unsafe-eval'`), no framing (Grafana's `content_security_policy`).
    #[arg(long, env = "DEVSERVER_CONTENT_SECURITY_POLICY")]
    pub content_security_policy: bool,
    /// Proxy mode: another host name (besides the loopback names and `--bind`) that
    /// requests may address devserver by. Repeatable; a request for any other name is
    /// refused, so a DNS-rebinding page cannot use the proxy.
    #[arg(
        long = "allowed-host",
        env = "DEVSERVER_ALLOWED_HOSTS",
        value_delimiter = ','
    )]
    pub allowed_hosts: Vec<String>,
    /// Send the signed-in user's login to backend plugins as `X-Grafana-User` (Grafana's
    /// `[dataproxy] send_user_header`; off by default).
    #[arg(long, env = "DEVSERVER_SEND_USER_HEADER")]
    pub send_user_header: bool,
    /// How long a backend plugin may take to print its handshake line, in seconds
    /// (go-plugin's start timeout: 60).
    #[arg(long, env = "DEVSERVER_PLUGIN_START_TIMEOUT", default_value_t = 60)]
    pub plugin_start_timeout: u64,
    /// Grafana's `[server] root_url`: the URL browsers reach devserver at (what an OAuth
    /// provider sends them back to: `<root url>login/generic_oauth`). Default: the address
    /// devserver listens on, e.g. `http://127.0.0.1:8080/`; set it when browsers use another
    /// name (`localhost`, a LAN name with `--bind 0.0.0.0`, a proxy in front).
    #[arg(long, env = "DEVSERVER_ROOT_URL")]
    pub root_url: Option<String>,
    /// Grafana's `[auth.generic_oauth]`: sign-in with an OAuth 2.0 / OpenID provider.
    #[command(flatten)]
    pub generic_oauth: GenericOAuthFlags,
    /// Proxy mode: the password of `--grafana-user`.
    #[arg(long, env = "DEVSERVER_GRAFANA_PASSWORD", hide_env_values = true)]
    pub grafana_password: Option<String>,
}

/// Grafana's `[auth.generic_oauth]` settings. Sign-in with the provider is on when a client
/// id is set, and then needs the authorization and token URLs (devserver refuses to start
/// without them); see `devserver/oidc-provider/` for a development provider.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct GenericOAuthFlags {
    /// `name`: the provider's name on the login page ("Sign in with <name>").
    #[arg(
        long = "generic-oauth-name",
        env = "DEVSERVER_GENERIC_OAUTH_NAME",
        default_value = "OAuth"
    )]
    pub name: String,
    /// `client_id`.
    #[arg(
        long = "generic-oauth-client-id",
        env = "DEVSERVER_GENERIC_OAUTH_CLIENT_ID"
    )]
    pub client_id: Option<String>,
    /// `client_secret` (sent with HTTP Basic to the token URL).
    #[arg(
        long = "generic-oauth-client-secret",
        env = "DEVSERVER_GENERIC_OAUTH_CLIENT_SECRET",
        hide_env_values = true,
        default_value = ""
    )]
    pub client_secret: String,
    /// `auth_url`: the provider's authorization endpoint.
    #[arg(
        long = "generic-oauth-auth-url",
        env = "DEVSERVER_GENERIC_OAUTH_AUTH_URL"
    )]
    pub auth_url: Option<String>,
    /// `token_url`: the provider's token endpoint.
    #[arg(
        long = "generic-oauth-token-url",
        env = "DEVSERVER_GENERIC_OAUTH_TOKEN_URL"
    )]
    pub token_url: Option<String>,
    /// `api_url`: the provider's user-info endpoint (its claims join the ID token's).
    #[arg(
        long = "generic-oauth-api-url",
        env = "DEVSERVER_GENERIC_OAUTH_API_URL"
    )]
    pub api_url: Option<String>,
    /// `scopes`, separated by spaces or commas.
    #[arg(
        long = "generic-oauth-scopes",
        env = "DEVSERVER_GENERIC_OAUTH_SCOPES",
        default_value = "openid profile email offline_access"
    )]
    pub scopes: String,
    /// `use_pkce`: send a PKCE S256 challenge (`true` or `false`).
    #[arg(
        long = "generic-oauth-use-pkce",
        env = "DEVSERVER_GENERIC_OAUTH_USE_PKCE",
        default_value_t = true,
        action = clap::ArgAction::Set
    )]
    pub use_pkce: bool,
    /// `allow_sign_up`: create a user on a first sign-in (`true` or `false`).
    #[arg(
        long = "generic-oauth-allow-sign-up",
        env = "DEVSERVER_GENERIC_OAUTH_ALLOW_SIGN_UP",
        default_value_t = true,
        action = clap::ArgAction::Set
    )]
    pub allow_sign_up: bool,
    /// The claim holding the org role (`Admin`, `Editor` or `Viewer`), as a one-claim
    /// `role_attribute_path`; without it, or with another value, the role is Viewer.
    #[arg(
        long = "generic-oauth-role-attribute",
        env = "DEVSERVER_GENERIC_OAUTH_ROLE_ATTRIBUTE"
    )]
    pub role_attribute: Option<String>,
    /// Grafana's `[auth] oauth_allow_insecure_email_lookup`: a first OAuth sign-in links an
    /// existing person with the same email (off: such a sign-in is refused).
    #[arg(
        long = "oauth-allow-insecure-email-lookup",
        env = "DEVSERVER_OAUTH_ALLOW_INSECURE_EMAIL_LOOKUP"
    )]
    pub allow_insecure_email_lookup: bool,
}

/// `--app-sub-url` as Grafana's `appSubUrl`: empty, or `/path` without a trailing slash.
pub fn normalize_app_sub_url(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let valid = trimmed.starts_with('/')
        && !trimmed.contains("//")
        && trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~'))
        && !trimmed
            .split('/')
            .any(|segment| segment == "." || segment == "..");
    if valid {
        Ok(trimmed.to_owned())
    } else {
        Err(format!(
            "--app-sub-url {raw:?}: expected a path such as /grafana"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_app_sub_url;

    #[test]
    fn sub_paths_are_grafanas_app_sub_url() {
        assert_eq!(normalize_app_sub_url("").unwrap(), "");
        assert_eq!(normalize_app_sub_url("/").unwrap(), "");
        assert_eq!(normalize_app_sub_url("/grafana/").unwrap(), "/grafana");
        assert_eq!(normalize_app_sub_url("/a/b").unwrap(), "/a/b");
        for bad in ["grafana", "/a/../b", "/a?b", "//evil", "/a b"] {
            assert!(normalize_app_sub_url(bad).is_err(), "{bad}");
        }
    }
}
