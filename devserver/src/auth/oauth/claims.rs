//! Who signed in, from the provider's claims, as Grafana's generic OAuth connector reads
//! them: the ID token's payload first (read without checking its signature, as Grafana's
//! connector does: the token came straight from the token endpoint over the back channel),
//! then `api_url`'s answer; the first non-empty value wins.
//!
//! - id: `sub`;
//! - email: `email`, then `upn`;
//! - login: `login`, then `username`, then the email;
//! - name: `name`, then `display_name`, then the login;
//! - role: the claim `--generic-oauth-role-attribute` names, title-cased (`GrafanaAdmin` is
//!   Admin); Viewer when absent or not a role (Grafana's `auto_assign_org_role`).

use crate::auth::OrgRole;
use base64::Engine;
use serde_json::{Map, Value};

/// The person the provider vouched for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserInfo {
    /// `sub`: the provider's id of the person (`user_auth.auth_id`).
    pub auth_id: String,
    /// Email.
    pub email: String,
    /// Login.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Org role.
    pub role: OrgRole,
}

/// The payload of a JWT, unverified; empty when it is not one.
pub fn jwt_claims(token: &str) -> Map<String, Value> {
    let payload = token.split('.').nth(1).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default()
}

fn text(sources: &[&Map<String, Value>], keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| {
            sources.iter().find_map(|s| {
                s.get(*k)
                    .and_then(|v| match v {
                        Value::String(s) => Some(s.trim().to_owned()),
                        Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .filter(|s| !s.is_empty())
            })
        })
        .unwrap_or_default()
}

/// The org role a claim value names (Grafana title-cases it; `GrafanaAdmin` is Admin).
fn role_of(value: &str) -> Option<OrgRole> {
    match value.to_ascii_lowercase().as_str() {
        "admin" | "grafanaadmin" => Some(OrgRole::Admin),
        "editor" => Some(OrgRole::Editor),
        "viewer" => Some(OrgRole::Viewer),
        _ => None,
    }
}

/// The person of `id_token` and `user_info`; `None` without an id (`sub`). The email may
/// be empty: the caller refuses that with Grafana's message.
pub fn user_info(
    id_token: Option<&str>,
    user_info: &Map<String, Value>,
    role_attribute: Option<&str>,
) -> Option<UserInfo> {
    let from_token = id_token.map(jwt_claims).unwrap_or_default();
    let sources = [&from_token, user_info];
    let auth_id = text(&sources, &["sub"]);
    if auth_id.is_empty() {
        return None;
    }
    let email = text(&sources, &["email", "upn"]);
    let mut login = text(&sources, &["login", "username"]);
    if login.is_empty() {
        login = email.clone();
    }
    let mut name = text(&sources, &["name", "display_name"]);
    if name.is_empty() {
        name = login.clone();
    }
    let role = role_attribute
        .map(|claim| text(&sources, &[claim]))
        .and_then(|v| role_of(&v))
        .unwrap_or(OrgRole::Viewer);
    Some(UserInfo {
        auth_id,
        email,
        login,
        name,
        role,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn jwt(claims: Value) -> String {
        let enc = |v: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
        format!(
            "{}.{}.sig",
            enc(br#"{"alg":"RS256"}"#),
            enc(claims.to_string().as_bytes())
        )
    }

    #[test]
    fn the_id_token_wins_and_user_info_fills_the_gaps() {
        let token =
            jwt(json!({ "sub": "alice", "email": "alice@example.com", "grafana_role": "editor" }));
        let api = json!({ "sub": "other", "name": "Alice Liddell", "login": "alice" });
        let info = user_info(Some(&token), api.as_object().unwrap(), Some("grafana_role")).unwrap();
        assert_eq!(
            info,
            UserInfo {
                auth_id: "alice".into(),
                email: "alice@example.com".into(),
                login: "alice".into(),
                name: "Alice Liddell".into(),
                role: OrgRole::Editor,
            }
        );
    }

    #[test]
    fn defaults_as_grafana() {
        let api = json!({ "sub": 42, "email": "bob@example.com", "grafana_role": "Owner" });
        let info = user_info(None, api.as_object().unwrap(), Some("grafana_role")).unwrap();
        assert_eq!(
            (info.login.as_str(), info.name.as_str()),
            ("bob@example.com", "bob@example.com")
        );
        assert_eq!(info.role, OrgRole::Viewer);
        assert_eq!(info.auth_id, "42");
        assert!(user_info(Some("not a jwt"), &Map::new(), None).is_none());
        assert!(jwt_claims("a.%%%.c").is_empty());
    }
}
