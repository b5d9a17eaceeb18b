//! Service accounts as Grafana names, finds and answers them: the login rule, `:id` read
//! as an id or a uid, and the account's JSON (a search row or a profile).

use super::access::{access_control, is_external_login, EXTSVC_PREFIX};
use super::errors::not_found;
use super::store::{self, ServiceAccountRow};
use crate::auth::identity::Identity;
use crate::avatar::avatar_url;
use crate::{ApiError, AppState};
use grafana_model::dtos::ServiceAccount;
use grafana_model::time::rfc3339;

/// Grafana's login rule: `sa-<org>-<lower name>`, first `--` → `-`, spaces → `-`.
pub fn login_for(org_id: i64, name: &str) -> String {
    format!("sa-{org_id}-{}", name.to_lowercase())
        .replacen("--", "-", 1)
        .replace(' ', "-")
}

/// Resolves `:id`: a number is an id; anything else is looked up as a uid.
pub async fn resolve_id(state: &AppState, raw: String) -> Result<i64, ApiError> {
    if let Ok(id) = raw.parse::<i64>() {
        return Ok(id);
    }
    let found = state.db.call(move |c| store::id_by_uid(c, &raw)).await?;
    found.ok_or_else(ApiError::not_found)
}

/// The service account `id`, or Grafana's 404.
pub async fn load(state: &AppState, id: i64) -> Result<ServiceAccountRow, ApiError> {
    let row = state.db.call(move |c| store::get(c, id)).await?;
    row.ok_or_else(not_found)
}

/// A service account as Grafana answers it (`grafana_model`'s type, the one the kit
/// reads): a search row, or with `profile` the `GET /api/serviceaccounts/:id` profile.
pub fn dto(
    row: &ServiceAccountRow,
    who: &Identity,
    with_ac: bool,
    profile: bool,
    app_sub_url: &str,
) -> ServiceAccount {
    let external = is_external_login(&row.login);
    ServiceAccount {
        id: row.id,
        uid: row.uid.clone(),
        name: row.name.clone(),
        login: row.login.clone(),
        org_id: 1,
        is_disabled: row.is_disabled,
        role: row.role.clone(),
        tokens: if profile {
            row.tokens.min(300)
        } else {
            row.tokens
        },
        avatar_url: avatar_url(app_sub_url, &row.name),
        is_external: external,
        required_by: (profile && external).then(|| {
            row.name
                .strip_prefix(EXTSVC_PREFIX)
                .unwrap_or(&row.name)
                .to_owned()
        }),
        created_at: profile.then(|| rfc3339(row.created)),
        updated_at: profile.then(|| rfc3339(row.updated)),
        access_control: if with_ac {
            access_control(who, row.id)
        } else {
            None
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::avatar::avatar_url;

    #[test]
    fn login_and_avatar_follow_grafana() {
        assert_eq!(login_for(1, "My SA"), "sa-1-my-sa");
        assert_eq!(login_for(1, "-x"), "sa-1-x");
        assert_eq!(
            avatar_url("", "grafana"),
            "/avatar/85ec38023d90823d3e5b43ef35646af9"
        );
        assert_eq!(
            avatar_url("", "test"),
            "/avatar/8ea890a677d6a223c591a1beea6ea9d2"
        );
    }
}
