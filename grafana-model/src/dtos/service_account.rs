//! The service-account API's answers: an account (search row, create answer, profile),
//! a search page, a token (never its key), and a new token (its key, once).

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// A service account as search, create and get answer it. A profile (`GET
/// /api/serviceaccounts/:id`) is the one with `createdAt`: Grafana writes it with `teams:
/// null` and leaves `tokens` out when there are none; a search row always has `tokens`.
///
/// ```
/// use grafana_model::dtos::ServiceAccount;
/// let sa: ServiceAccount = serde_json::from_str(
///     r#"{"id":2,"uid":"u","name":"grafana","login":"sa-1-grafana","orgId":1,"isDisabled":false,
///         "role":"Viewer","tokens":1,"avatarUrl":"/avatar/x",
///         "accessControl":{"serviceaccounts:write":true}}"#).unwrap();
/// assert!(sa.allows("serviceaccounts:write") && !sa.allows("serviceaccounts:delete"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceAccount {
    /// Numeric id.
    pub id: i64,
    /// Uid.
    pub uid: String,
    /// Display name.
    pub name: String,
    /// `sa-<orgId>-<name>`.
    pub login: String,
    /// Org.
    pub org_id: i64,
    /// Disabled accounts' tokens stop working.
    pub is_disabled: bool,
    /// `None`, `Viewer`, `Editor` or `Admin`.
    pub role: String,
    /// Number of tokens.
    pub tokens: i64,
    /// Avatar path.
    pub avatar_url: String,
    /// Managed by an app plugin (read-only).
    pub is_external: bool,
    /// The plugin that manages it (profile only).
    pub required_by: Option<String>,
    /// RFC 3339 (profile only).
    pub created_at: Option<String>,
    /// RFC 3339 (profile only).
    pub updated_at: Option<String>,
    /// What the caller may do with it (`?accesscontrol=true`).
    pub access_control: Option<BTreeMap<String, bool>>,
}

impl ServiceAccount {
    /// Whether the caller may perform `action` (e.g. `serviceaccounts:write`) on it.
    pub fn allows(&self, action: &str) -> bool {
        !self.is_external
            && self
                .access_control
                .as_ref()
                .is_some_and(|ac| ac.get(action).copied().unwrap_or(false))
    }

    /// A profile (`GET /api/serviceaccounts/:id`) rather than a search row.
    pub fn is_profile(&self) -> bool {
        self.created_at.is_some()
    }
}

impl Serialize for ServiceAccount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let profile = self.is_profile();
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("uid", &self.uid)?;
        m.serialize_entry("name", &self.name)?;
        m.serialize_entry("login", &self.login)?;
        m.serialize_entry("orgId", &self.org_id)?;
        m.serialize_entry("isDisabled", &self.is_disabled)?;
        m.serialize_entry("role", &self.role)?;
        m.serialize_entry("avatarUrl", &self.avatar_url)?;
        if self.is_external {
            m.serialize_entry("isExternal", &true)?;
        }
        if let Some(by) = &self.required_by {
            m.serialize_entry("requiredBy", by)?;
        }
        if profile {
            m.serialize_entry("createdAt", &self.created_at)?;
            m.serialize_entry("updatedAt", &self.updated_at)?;
            m.serialize_entry("teams", &None::<Vec<String>>)?;
            if self.tokens > 0 {
                m.serialize_entry("tokens", &self.tokens)?;
            }
        } else {
            m.serialize_entry("tokens", &self.tokens)?;
        }
        if let Some(ac) = &self.access_control {
            m.serialize_entry("accessControl", ac)?;
        }
        m.end()
    }
}

/// `GET /api/serviceaccounts/search`: one page and the total.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceAccountSearch {
    /// All matches, over every page.
    pub total_count: i64,
    /// This page.
    pub service_accounts: Vec<ServiceAccount>,
    /// Page number (1-based).
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

/// Go's encoding of a float64: integral values without a fraction (`0`, not `0.0`).
fn go_float<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// A token as `GET /api/serviceaccounts/:id/tokens` lists it: never its key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TokenDto {
    /// Token id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Created (RFC 3339).
    pub created: Option<String>,
    /// Last used (RFC 3339), if ever.
    pub last_used_at: Option<String>,
    /// Expires (RFC 3339); `None` = never.
    pub expiration: Option<String>,
    /// Seconds left when it expires within 7 days, else 0.
    #[serde(serialize_with = "go_float")]
    pub seconds_until_expiration: f64,
    /// Already expired.
    pub has_expired: bool,
    /// Revoked.
    pub is_revoked: Option<bool>,
}

/// `POST /api/serviceaccounts/:id/tokens`: the only time the key is ever returned.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct NewToken {
    /// Token id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// The `glsa_…` key. Show it once; never store or log it.
    pub key: String,
}

impl std::fmt::Debug for NewToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewToken")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("key", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_tokens_key_never_shows_in_debug() {
        let t = NewToken {
            id: 1,
            name: "n".into(),
            key: "glsa_secret".into(),
        };
        assert!(!format!("{t:?}").contains("glsa_secret"));
    }

    #[test]
    fn seconds_print_as_go_prints_them() {
        let t = TokenDto {
            seconds_until_expiration: 3600.0,
            ..TokenDto::default()
        };
        assert_eq!(
            serde_json::to_value(&t).unwrap()["secondsUntilExpiration"],
            3600
        );
        let t = TokenDto {
            seconds_until_expiration: 0.5,
            ..TokenDto::default()
        };
        assert_eq!(
            serde_json::to_value(&t).unwrap()["secondsUntilExpiration"],
            0.5
        );
    }
}
