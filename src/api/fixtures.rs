//! The kit's response types decode the same contract fixtures devserver's tests check
//! its answers against (`tests/fixtures/grafana/`): one truth for both sides.

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::api::serviceaccounts::{Message, NewToken, ServiceAccountUpdated};
    use crate::api::user::{LoggedIn, SignedInUser, UserOrg};
    use crate::api::{ApiError, ServiceAccount, ServiceAccountSearch, TokenDto};

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/grafana/",
                $name
            ))
        };
    }

    #[test]
    fn service_account_fixtures_decode() {
        let search: ServiceAccountSearch =
            serde_json::from_str(fixture!("serviceaccounts-search.json")).unwrap();
        assert!(search.total_count >= search.service_accounts.len() as i64);
        let created: ServiceAccount =
            serde_json::from_str(fixture!("serviceaccount-create.json")).unwrap();
        assert!(created.login.starts_with("sa-"));
        let profile: ServiceAccount =
            serde_json::from_str(fixture!("serviceaccount-get.json")).unwrap();
        assert!(profile.created_at.is_some());
        let updated: ServiceAccountUpdated =
            serde_json::from_str(fixture!("serviceaccount-update.json")).unwrap();
        assert_eq!(updated.message, "Service account updated");
        let tokens: Vec<TokenDto> =
            serde_json::from_str(fixture!("serviceaccount-tokens.json")).unwrap();
        assert!(!tokens.is_empty());
        let new_token: NewToken =
            serde_json::from_str(fixture!("serviceaccount-token-create.json")).unwrap();
        assert!(new_token.key.starts_with("glsa_"));
        for deleted in [
            fixture!("serviceaccount-token-delete.json"),
            fixture!("serviceaccount-delete.json"),
        ] {
            let m: Message = serde_json::from_str(deleted).unwrap();
            assert!(m.message.ends_with("deleted"));
        }
    }

    #[test]
    fn user_fixtures_decode() {
        let user: SignedInUser = serde_json::from_str(fixture!("user.json")).unwrap();
        assert!(!user.login.is_empty());
        let orgs: Vec<UserOrg> = serde_json::from_str(fixture!("user-orgs.json")).unwrap();
        assert!(!orgs.is_empty());
        let _: LoggedIn = serde_json::from_str(fixture!("login.json")).unwrap();
    }

    #[test]
    fn error_fixtures_give_grafanas_message() {
        for (status, body) in [
            (403, fixture!("error-access-denied.json")),
            (400, fixture!("error-bad-request.json")),
            (404, fixture!("error-not-found.json")),
            (401, fixture!("error-unauthorized.json")),
        ] {
            let e = ApiError::from_response(status, "", body);
            let expected = serde_json::from_str::<serde_json::Value>(body).unwrap()["message"]
                .as_str()
                .unwrap()
                .to_owned();
            assert_eq!(e.to_string(), expected);
        }
    }
}
