//! The authentication method of a data source, as plugin-ui's `Auth` section models it.
//!
//! Three booleans live in different places of the settings (`basicAuth`,
//! `withCredentials`, `jsonData.oauthPassThru`); exactly one method is selected, read
//! with Grafana's precedence and written exclusively. A plugin's own methods
//! (`custom-…`, from its schema) are remembered in `jsonData.authMethod`, with all three
//! booleans off (plugin-ui leaves that storage to the plugin; this is the kit's). This
//! module knows only their ids; the schema ([`super::schema`]) holds their labels and
//! fields.

use super::{set_json, DataSourceSettings};
use serde::{Deserialize, Serialize};

/// One of Grafana's built-in authentication methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuthMethod {
    /// "No Authentication".
    NoAuth,
    /// "Basic authentication": `basicAuth`, `basicAuthUser`, `secureJsonData.basicAuthPassword`.
    BasicAuth,
    /// "Forward OAuth Identity": `jsonData.oauthPassThru`.
    OAuthForward,
    /// "Enable cross-site access control requests": `withCredentials`.
    CrossSiteCredentials,
}

impl AuthMethod {
    /// Grafana's option label.
    pub fn label(self) -> &'static str {
        match self {
            AuthMethod::NoAuth => "No Authentication",
            AuthMethod::BasicAuth => "Basic authentication",
            AuthMethod::OAuthForward => "Forward OAuth Identity",
            AuthMethod::CrossSiteCredentials => "Enable cross-site access control requests",
        }
    }

    /// Grafana's option description.
    pub fn description(self) -> &'static str {
        match self {
            AuthMethod::NoAuth => "Data source is available without authentication",
            AuthMethod::BasicAuth => "Authenticate with your data source username and password",
            AuthMethod::OAuthForward => {
                "Forward the OAuth access token (and if available: the OIDC ID token) of the user querying to the data source"
            }
            AuthMethod::CrossSiteCredentials => {
                "Allow cross-site Access-Control requests with your existing credentials and cookies. This enables the server to authenticate the user and perform authorized requests on their behalf on other domains."
            }
        }
    }

    /// Stable id used in `<option value>`.
    pub fn id(self) -> &'static str {
        match self {
            AuthMethod::NoAuth => "NoAuth",
            AuthMethod::BasicAuth => "BasicAuth",
            AuthMethod::OAuthForward => "OAuthForward",
            AuthMethod::CrossSiteCredentials => "CrossSiteCredentials",
        }
    }

    /// The method with this [`id`](Self::id).
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Every method, in Grafana's order (cross-site last: it is hidden by default).
    pub const ALL: [AuthMethod; 4] = [
        AuthMethod::BasicAuth,
        AuthMethod::OAuthForward,
        AuthMethod::NoAuth,
        AuthMethod::CrossSiteCredentials,
    ];

    /// The methods Grafana offers when a plugin does not choose: cross-site is hidden.
    pub const DEFAULT_VISIBLE: [AuthMethod; 3] = [
        AuthMethod::BasicAuth,
        AuthMethod::OAuthForward,
        AuthMethod::NoAuth,
    ];
}

/// The selected method: `basicAuth`, else `withCredentials`, else `jsonData.oauthPassThru`,
/// else none (Grafana's `getSelectedMethod` precedence).
pub fn selected_auth_method(s: &DataSourceSettings) -> AuthMethod {
    if s.basic_auth {
        AuthMethod::BasicAuth
    } else if s.with_credentials {
        AuthMethod::CrossSiteCredentials
    } else if s.json_data.get("oauthPassThru").and_then(|v| v.as_bool()) == Some(true) {
        AuthMethod::OAuthForward
    } else {
        AuthMethod::NoAuth
    }
}

/// Selects `method`: writes all three booleans, exactly one of them true. The basic auth
/// user and password are kept, as Grafana keeps them.
pub fn set_auth_method(mut s: DataSourceSettings, method: AuthMethod) -> DataSourceSettings {
    s.basic_auth = method == AuthMethod::BasicAuth;
    s.with_credentials = method == AuthMethod::CrossSiteCredentials;
    set_json(
        s,
        "oauthPassThru",
        (method == AuthMethod::OAuthForward).into(),
    )
}

/// `jsonData` key that remembers a custom method.
pub const CUSTOM_METHOD_KEY: &str = "authMethod";

/// The chosen method: one of Grafana's, or one of the plugin's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthChoice {
    /// Basic, Forward OAuth, No Authentication, cross-site.
    Grafana(AuthMethod),
    /// A schema's `custom-…` method, by id.
    Custom(String),
}

impl AuthChoice {
    /// The `<option value>`.
    pub fn id(&self) -> String {
        match self {
            Self::Grafana(m) => m.id().to_owned(),
            Self::Custom(id) => id.clone(),
        }
    }
}

/// The id in `jsonData.authMethod` when none of Grafana's booleans is on (one of them
/// wins over a remembered custom method).
pub fn chosen_custom_id(s: &DataSourceSettings) -> Option<&str> {
    if selected_auth_method(s) != AuthMethod::NoAuth {
        return None;
    }
    s.json_data.get(CUSTOM_METHOD_KEY)?.as_str()
}

/// What `s` has chosen, given the ids of the plugin's own methods (an unknown id is No
/// Authentication).
pub fn selected_auth<'a>(
    custom_ids: impl IntoIterator<Item = &'a str>,
    s: &DataSourceSettings,
) -> AuthChoice {
    match chosen_custom_id(s) {
        Some(chosen) if custom_ids.into_iter().any(|id| id == chosen) => {
            AuthChoice::Custom(chosen.to_owned())
        }
        _ => AuthChoice::Grafana(selected_auth_method(s)),
    }
}

/// Chooses `choice`: Grafana's method as [`set_auth_method`] writes it (and a remembered
/// custom method forgotten), or a custom one with all three booleans off.
pub fn set_auth(s: DataSourceSettings, choice: &AuthChoice) -> DataSourceSettings {
    match choice {
        AuthChoice::Grafana(m) => {
            let mut s = set_auth_method(s, *m);
            let custom = s
                .json_data
                .get(CUSTOM_METHOD_KEY)
                .and_then(|v| v.as_str())
                .is_some_and(|v| v.starts_with("custom-"));
            if custom {
                s.json_data.remove(CUSTOM_METHOD_KEY);
            }
            s
        }
        AuthChoice::Custom(id) => {
            let s = set_auth_method(s, AuthMethod::NoAuth);
            set_json(s, CUSTOM_METHOD_KEY, id.as_str().into())
        }
    }
}

/// The methods to offer, in plugin-ui's order: Basic, Forward OAuth, No Authentication,
/// cross-site when `cross_site` asks for it (or it is already chosen), then the plugin's
/// own, by id.
pub fn offered_auth<'a>(
    custom_ids: impl IntoIterator<Item = &'a str>,
    cross_site: bool,
    s: &DataSourceSettings,
) -> Vec<AuthChoice> {
    let cross_site = cross_site || selected_auth_method(s) == AuthMethod::CrossSiteCredentials;
    AuthMethod::ALL
        .into_iter()
        .filter(|m| *m != AuthMethod::CrossSiteCredentials || cross_site)
        .map(AuthChoice::Grafana)
        .chain(
            custom_ids
                .into_iter()
                .map(|id| AuthChoice::Custom(id.to_owned())),
        )
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn precedence_is_basic_then_cross_site_then_oauth() {
        let mut s = DataSourceSettings::default();
        assert_eq!(selected_auth_method(&s), AuthMethod::NoAuth);
        s.json_data.insert("oauthPassThru".into(), json!(true));
        assert_eq!(selected_auth_method(&s), AuthMethod::OAuthForward);
        s.with_credentials = true;
        assert_eq!(selected_auth_method(&s), AuthMethod::CrossSiteCredentials);
        s.basic_auth = true;
        assert_eq!(selected_auth_method(&s), AuthMethod::BasicAuth);
    }

    #[test]
    fn selecting_writes_exactly_one_flag_and_keeps_credentials() {
        let mut s = DataSourceSettings {
            basic_auth: true,
            basic_auth_user: "u".into(),
            ..Default::default()
        };
        s.secure_json_fields
            .insert("basicAuthPassword".into(), true);
        for m in AuthMethod::ALL {
            let t = set_auth_method(s.clone(), m);
            assert_eq!(selected_auth_method(&t), m);
            let flags = [
                t.basic_auth,
                t.with_credentials,
                t.json_data["oauthPassThru"] == json!(true),
            ];
            assert_eq!(
                flags.iter().filter(|f| **f).count(),
                usize::from(m != AuthMethod::NoAuth)
            );
            assert_eq!(t.basic_auth_user, "u");
            assert!(t.secure_json_fields["basicAuthPassword"]);
        }
    }

    #[test]
    fn ids_round_trip() {
        for m in AuthMethod::ALL {
            assert_eq!(AuthMethod::from_id(m.id()), Some(m));
        }
        assert_eq!(AuthMethod::from_id("nope"), None);
    }
}
