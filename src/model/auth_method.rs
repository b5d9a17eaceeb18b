//! The authentication method of a data source, as plugin-ui's `Auth` section models it.
//!
//! Three booleans live in different places of the settings (`basicAuth`,
//! `withCredentials`, `jsonData.oauthPassThru`); exactly one method is selected, read
//! with Grafana's precedence and written exclusively. A plugin's own methods
//! (`custom-…`, from its schema) are remembered in `jsonData.authMethod`, with all three
//! booleans off (plugin-ui leaves that storage to the plugin; this is the kit's).

use super::schema::{ConfigSchema, CustomAuthMethod};
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

/// The schema's custom method that `s` has chosen, if any (one of Grafana's booleans wins).
pub fn selected_custom_method<'a>(
    schema: &'a ConfigSchema,
    s: &DataSourceSettings,
) -> Option<&'a CustomAuthMethod> {
    if selected_auth_method(s) != AuthMethod::NoAuth {
        return None;
    }
    let chosen = s.json_data.get(CUSTOM_METHOD_KEY)?.as_str()?;
    schema.auth_methods.iter().find(|m| m.id == chosen)
}

/// What `s` has chosen, given the schema's custom methods.
pub fn selected_auth(schema: &ConfigSchema, s: &DataSourceSettings) -> AuthChoice {
    match selected_custom_method(schema, s) {
        Some(m) => AuthChoice::Custom(m.id.clone()),
        None => AuthChoice::Grafana(selected_auth_method(s)),
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
/// cross-site when the schema asks for it (or it is already chosen), then the custom ones.
pub fn offered_auth(schema: &ConfigSchema, s: &DataSourceSettings) -> Vec<AuthChoice> {
    let cross_site = schema.sections.cross_site_credentials
        || selected_auth_method(s) == AuthMethod::CrossSiteCredentials;
    AuthMethod::ALL
        .into_iter()
        .filter(|m| *m != AuthMethod::CrossSiteCredentials || cross_site)
        .map(AuthChoice::Grafana)
        .chain(
            schema
                .auth_methods
                .iter()
                .map(|m| AuthChoice::Custom(m.id.clone())),
        )
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn with_custom() -> ConfigSchema {
        ConfigSchema::from_json(
            r#"{"authMethods":[{"id":"custom-token","label":"Personal access token","description":"A token","fields":[{"key":"token","kind":"secret","label":"Token","required":true}]}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_custom_method_is_remembered_with_grafanas_flags_off() {
        let schema = with_custom();
        let s = DataSourceSettings {
            basic_auth: true,
            ..Default::default()
        };
        let t = set_auth(s, &AuthChoice::Custom("custom-token".into()));
        assert!(!t.basic_auth && !t.with_credentials);
        assert_eq!(t.json_data["authMethod"], json!("custom-token"));
        assert_eq!(
            selected_auth(&schema, &t),
            AuthChoice::Custom("custom-token".into())
        );
        // Its required field is validated only while it is chosen.
        assert!(schema.validate(&t).iter().any(|(k, _)| k == "token"));
        let back = set_auth(t, &AuthChoice::Grafana(AuthMethod::BasicAuth));
        assert!(back.json_data.get("authMethod").is_none());
        assert_eq!(
            selected_auth(&schema, &back),
            AuthChoice::Grafana(AuthMethod::BasicAuth)
        );
        assert!(!schema.validate(&back).iter().any(|(k, _)| k == "token"));
        // An unknown custom id is no choice: No Authentication.
        let mut odd = DataSourceSettings::default();
        odd.json_data
            .insert("authMethod".into(), json!("custom-gone"));
        assert_eq!(
            selected_auth(&schema, &odd),
            AuthChoice::Grafana(AuthMethod::NoAuth)
        );
    }

    #[test]
    fn cross_site_is_offered_only_when_asked_for_or_chosen() {
        let schema = with_custom();
        let ids = |s: &DataSourceSettings, schema: &ConfigSchema| -> Vec<String> {
            offered_auth(schema, s).iter().map(AuthChoice::id).collect()
        };
        let plain = DataSourceSettings::default();
        assert_eq!(
            ids(&plain, &schema),
            ["BasicAuth", "OAuthForward", "NoAuth", "custom-token"]
        );
        let chosen = DataSourceSettings {
            with_credentials: true,
            ..Default::default()
        };
        assert!(ids(&chosen, &schema).contains(&"CrossSiteCredentials".to_owned()));
        let mut asked = schema.clone();
        asked.sections.cross_site_credentials = true;
        assert!(ids(&plain, &asked).contains(&"CrossSiteCredentials".to_owned()));
    }

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
