//! Grafana's API wire types that the kit reads and devserver writes: one definition for
//! both sides, checked against the contract fixtures in `tests/fixtures/grafana/`.
//!
//! - [`DataSourceSettings`]: a data source as `GET /api/datasources/uid/:uid` answers it
//!   and as a ConfigEditor edits it.
//! - [`ServiceAccount`], [`ServiceAccountSearch`], [`TokenDto`], [`NewToken`]: the
//!   service-account API's answers.
//! - [`ResourcePermission`], [`OrgUserLookup`]: who may administer a service account, and
//!   the people picker's lookup.
//! - [`ErrorBody`]: the `{"message", …}` body of every error.

mod access_control;
mod datasource;
mod error_body;
mod service_account;

pub use access_control::{OrgUserLookup, ResourcePermission};
pub use datasource::DataSourceSettings;
pub use error_body::ErrorBody;
pub use service_account::{NewToken, ServiceAccount, ServiceAccountSearch, TokenDto};

#[cfg(test)]
mod fixtures {
    use super::*;
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::Value;

    fn fixture(name: &str) -> Value {
        let path = format!(
            "{}/../tests/fixtures/grafana/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
    }

    /// Decodes a fixture and writes it again: every field of the fixture comes back, with
    /// the same value (what devserver writes is what Grafana writes).
    fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
        let value = fixture(name);
        let decoded: T = serde_json::from_value(value.clone()).unwrap();
        let again = serde_json::to_value(&decoded).unwrap();
        assert_eq!(again, value, "{name}");
        decoded
    }

    #[test]
    fn service_account_fixtures_round_trip() {
        let search: ServiceAccountSearch = round_trip("serviceaccounts-search.json");
        assert!(search.total_count >= search.service_accounts.len() as i64);
        let created: ServiceAccount = round_trip("serviceaccount-create.json");
        assert!(created.login.starts_with("sa-"));
        let profile: ServiceAccount = round_trip("serviceaccount-get.json");
        assert!(profile.created_at.is_some());
        let tokens: Vec<TokenDto> = round_trip("serviceaccount-tokens.json");
        assert!(!tokens.is_empty());
        let key: NewToken = round_trip("serviceaccount-token-create.json");
        assert!(key.key.starts_with("glsa_"));
    }

    #[test]
    fn error_fixtures_decode() {
        for name in [
            "error-access-denied.json",
            "error-bad-request.json",
            "error-not-found.json",
            "error-unauthorized.json",
        ] {
            let body: ErrorBody = serde_json::from_value(fixture(name)).unwrap();
            assert!(
                body.message.as_deref().is_some_and(|m| !m.is_empty()),
                "{name}"
            );
        }
    }
}
