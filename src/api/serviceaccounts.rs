//! Grafana's service-account API (`/api/serviceaccounts…`), current Grafana's shapes.

use super::client::{encode, uid_segment, Method};
use super::{ApiClient, ApiError};
use serde::{Deserialize, Serialize};

/// The answers' types are `grafana_model`'s: the ones devserver writes.
pub use grafana_model::dtos::{
    NewToken, OrgUserLookup, ResourcePermission, ServiceAccount, ServiceAccountSearch, TokenDto,
};
use web_sys::AbortSignal;

pub use crate::model::list_query::ServiceAccountFilter;

/// `PATCH /api/serviceaccounts/:id` body: the one field to change, as Grafana's pages send
/// it (`{"name": …}`, `{"role": …}` or `{"isDisabled": …}`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ServiceAccountPatch {
    /// New name.
    Name(String),
    /// New role.
    Role(String),
    /// Disable (`true`) or enable (`false`).
    IsDisabled(bool),
}

/// `PATCH` answer: `{"message","id","name","serviceaccount"}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ServiceAccountUpdated {
    /// "Service account updated".
    #[serde(default)]
    pub message: String,
    /// The account after the change.
    pub serviceaccount: ServiceAccount,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateBody<'a> {
    name: &'a str,
    role: &'a str,
    is_disabled: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenBody<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconds_to_live: Option<i64>,
}

/// A `{"message": …}` answer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Message {
    /// The text.
    #[serde(default)]
    pub message: String,
}

/// The query string of a search.
pub fn search_path(query: &str, page: i64, per_page: i64, filter: ServiceAccountFilter) -> String {
    let mut path = format!(
        "/serviceaccounts/search?perpage={per_page}&page={page}&accesscontrol=true&query={}",
        encode(query)
    );
    match filter {
        ServiceAccountFilter::All => {}
        ServiceAccountFilter::ExpiredTokens => path.push_str("&expiredTokens=true"),
        ServiceAccountFilter::Disabled => path.push_str("&disabled=true"),
        ServiceAccountFilter::Managed => path.push_str("&external=true"),
    }
    path
}

impl ApiClient {
    /// `GET /api/serviceaccounts/search`; pass `abort` to cancel a stale search.
    pub async fn search_service_accounts(
        &self,
        query: &str,
        page: i64,
        per_page: i64,
        filter: ServiceAccountFilter,
        abort: Option<&AbortSignal>,
    ) -> Result<ServiceAccountSearch, ApiError> {
        let path = search_path(query, page, per_page, filter);
        self.send(Method::Get, &path, None::<&()>, abort).await
    }

    /// `POST /api/serviceaccounts` (201).
    pub async fn create_service_account(
        &self,
        name: &str,
        role: &str,
    ) -> Result<ServiceAccount, ApiError> {
        let body = CreateBody {
            name,
            role,
            is_disabled: false,
        };
        self.send_json(Method::Post, "/serviceaccounts", &body)
            .await
    }

    /// `GET /api/serviceaccounts/:id?accesscontrol=true` (`id`: the uid or the number).
    pub async fn get_service_account(
        &self,
        id: impl std::fmt::Display,
    ) -> Result<ServiceAccount, ApiError> {
        let id = id.to_string();
        self.get(&format!(
            "/serviceaccounts/{}?accesscontrol=true",
            uid_segment(&id)?
        ))
        .await
    }

    /// `PATCH /api/serviceaccounts/:id?accesscontrol=true`.
    pub async fn update_service_account(
        &self,
        id: i64,
        patch: &ServiceAccountPatch,
    ) -> Result<ServiceAccountUpdated, ApiError> {
        let path = format!("/serviceaccounts/{id}?accesscontrol=true");
        self.send_json(Method::Patch, &path, patch).await
    }

    /// `DELETE /api/serviceaccounts/:id`.
    pub async fn delete_service_account(&self, id: i64) -> Result<Message, ApiError> {
        self.delete(&format!("/serviceaccounts/{id}")).await
    }

    /// `GET /api/serviceaccounts/:id/tokens`.
    pub async fn list_service_account_tokens(&self, id: i64) -> Result<Vec<TokenDto>, ApiError> {
        self.get(&format!("/serviceaccounts/{id}/tokens")).await
    }

    /// `POST /api/serviceaccounts/:id/tokens`; `seconds_to_live` `None` = never expires.
    pub async fn create_service_account_token(
        &self,
        id: i64,
        name: &str,
        seconds_to_live: Option<i64>,
    ) -> Result<NewToken, ApiError> {
        let body = TokenBody {
            name,
            seconds_to_live,
        };
        let path = format!("/serviceaccounts/{id}/tokens");
        self.send_json(Method::Post, &path, &body).await
    }

    /// `DELETE /api/serviceaccounts/:id/tokens/:tokenId`.
    pub async fn delete_service_account_token(
        &self,
        id: i64,
        token_id: i64,
    ) -> Result<Message, ApiError> {
        self.delete(&format!("/serviceaccounts/{id}/tokens/{token_id}"))
            .await
    }

    /// `GET /api/access-control/serviceaccounts/:id`: who may administer the account.
    pub async fn service_account_permissions(
        &self,
        id: i64,
    ) -> Result<Vec<ResourcePermission>, ApiError> {
        self.get(&format!("/access-control/serviceaccounts/{id}"))
            .await
    }

    /// `POST /api/access-control/serviceaccounts/:id/users/:userId`: sets a person's level
    /// (`Edit`, `Admin`), or removes it with `""`.
    pub async fn set_service_account_user_permission(
        &self,
        id: i64,
        user_id: i64,
        permission: &str,
    ) -> Result<Message, ApiError> {
        #[derive(Serialize)]
        struct Body<'a> {
            permission: &'a str,
        }
        let path = format!("/access-control/serviceaccounts/{id}/users/{user_id}");
        self.send_json(Method::Post, &path, &Body { permission })
            .await
    }

    /// `GET /api/org/users/lookup?query=&limit=`: people for a picker.
    pub async fn lookup_org_users(
        &self,
        query: &str,
        limit: i64,
    ) -> Result<Vec<OrgUserLookup>, ApiError> {
        self.get(&format!(
            "/org/users/lookup?query={}&limit={limit}",
            encode(query)
        ))
        .await
    }

    /// The seed's `DELETE /api/serviceaccounts/:id/revert/:keyId` (gone from current
    /// Grafana; devserver keeps it). A 404 means the server does not offer it.
    pub async fn revert_service_account_to_api_key(
        &self,
        id: i64,
        key_id: i64,
    ) -> Result<Message, ApiError> {
        self.delete(&format!("/serviceaccounts/{id}/revert/{key_id}"))
            .await
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn search_paths_carry_paging_filters_and_encoded_query() {
        assert_eq!(
            search_path("Jane Doe", 2, 30, ServiceAccountFilter::Disabled),
            "/serviceaccounts/search?perpage=30&page=2&accesscontrol=true&query=Jane%20Doe&disabled=true"
        );
        assert!(search_path("", 1, 30, ServiceAccountFilter::ExpiredTokens)
            .ends_with("&query=&expiredTokens=true"));
    }

    #[test]
    fn decodes_current_grafana_shapes_and_ignores_unknown_fields() {
        let search: ServiceAccountSearch = serde_json::from_str(
            r#"{"totalCount":2,"serviceAccounts":[{"id":1,"uid":"u1","name":"grafana","login":"sa-1-grafana","orgId":1,
            "isDisabled":false,"role":"Viewer","tokens":0,"avatarUrl":"/avatar/85ec38023d90823d3e5b43ef35646af9",
            "accessControl":{"serviceaccounts:read":true,"serviceaccounts:write":true},"somethingNew":1}],"page":1,"perPage":10}"#,
        )
        .unwrap();
        assert_eq!(search.total_count, 2);
        assert!(search.service_accounts[0].allows("serviceaccounts:write"));
        assert!(!search.service_accounts[0].allows("serviceaccounts:delete"));
        let profile: ServiceAccount = serde_json::from_str(
            r#"{"id":2,"uid":"u2","name":"test","login":"sa-1-test","orgId":1,"isDisabled":false,"createdAt":"2022-03-21T14:35:44Z",
            "updatedAt":"2022-03-21T14:35:44Z","avatarUrl":"/avatar/x","role":"Editor","teams":null}"#,
        )
        .unwrap();
        assert_eq!(profile.created_at.as_deref(), Some("2022-03-21T14:35:44Z"));
        let tokens: Vec<TokenDto> = serde_json::from_str(
            r#"[{"id":1,"name":"t","created":"2022-03-23T10:31:02Z","lastUsedAt":null,"expiration":null,"secondsUntilExpiration":0,"hasExpired":false,"isRevoked":false}]"#,
        )
        .unwrap();
        assert_eq!(tokens[0].expiration, None);
    }

    #[test]
    fn a_patch_carries_only_its_field() {
        let json = |p: ServiceAccountPatch| serde_json::to_string(&p).unwrap();
        assert_eq!(
            json(ServiceAccountPatch::Name("ci".into())),
            r#"{"name":"ci"}"#
        );
        assert_eq!(
            json(ServiceAccountPatch::Role("Editor".into())),
            r#"{"role":"Editor"}"#
        );
        assert_eq!(
            json(ServiceAccountPatch::IsDisabled(true)),
            r#"{"isDisabled":true}"#
        );
    }

    #[test]
    fn a_new_token_never_prints_its_key() {
        let t = NewToken {
            id: 1,
            name: "ci".into(),
            key: "glsa_secretsecret_12345678".into(),
        };
        assert!(!format!("{t:?}").contains("glsa_"));
    }

    #[test]
    fn external_accounts_allow_nothing() {
        let sa = ServiceAccount {
            is_external: true,
            access_control: Some(BTreeMap::from([("serviceaccounts:write".to_owned(), true)])),
            ..Default::default()
        };
        assert!(!sa.allows("serviceaccounts:write"));
    }
}
