//! The service-account list's query (search, page, filter) as the host's URL keeps it:
//! `?query=…&page=…&filter=…`, with only what differs from the defaults.

use super::location::{query_string, HostLocation};

/// The search filter of Grafana's list page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ServiceAccountFilter {
    /// All service accounts.
    #[default]
    All,
    /// Only those with expired tokens.
    ExpiredTokens,
    /// Only disabled ones.
    Disabled,
    /// Only those an app plugin manages (`external`).
    Managed,
}

/// Accounts per page.
pub const PER_PAGE: i64 = 30;

/// What the list shows, as the URL keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// The search text (`?query=`).
    pub query: String,
    /// The page, from 1 (`?page=`).
    pub page: i64,
    /// The filter (`?filter=`).
    pub filter: ServiceAccountFilter,
}

impl ListQuery {
    /// The query of `l` (defaults for what is missing or malformed).
    pub fn from_location(l: &HostLocation) -> Self {
        Self {
            query: l.query("query").unwrap_or_default(),
            page: l
                .query("page")
                .and_then(|p| p.parse::<i64>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
            filter: match l.query("filter").as_deref() {
                Some("expired") => ServiceAccountFilter::ExpiredTokens,
                Some("disabled") => ServiceAccountFilter::Disabled,
                Some("managed") => ServiceAccountFilter::Managed,
                _ => ServiceAccountFilter::All,
            },
        }
    }

    /// `?query=…&page=…&filter=…` with only what differs from the defaults (`""` when
    /// nothing does).
    pub fn to_search(&self) -> String {
        let page = self.page.to_string();
        let mut pairs = Vec::new();
        if !self.query.is_empty() {
            pairs.push(("query", self.query.as_str()));
        }
        if self.page > 1 {
            pairs.push(("page", page.as_str()));
        }
        match self.filter {
            ServiceAccountFilter::All => {}
            ServiceAccountFilter::ExpiredTokens => pairs.push(("filter", "expired")),
            ServiceAccountFilter::Disabled => pairs.push(("filter", "disabled")),
            ServiceAccountFilter::Managed => pairs.push(("filter", "managed")),
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", query_string(&pairs))
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_url_keeps_only_what_differs_from_the_defaults() {
        let q = ListQuery::from_location(&HostLocation::new("/x", ""));
        assert_eq!(
            q,
            ListQuery {
                query: String::new(),
                page: 1,
                filter: ServiceAccountFilter::All
            }
        );
        assert_eq!(q.to_search(), "");
        let q = ListQuery {
            query: "bot & co".into(),
            page: 3,
            filter: ServiceAccountFilter::Disabled,
        };
        assert_eq!(
            q.to_search(),
            "?query=bot%20%26%20co&page=3&filter=disabled"
        );
        assert_eq!(
            ListQuery::from_location(&HostLocation::parse(&format!("/x{}", q.to_search()))),
            q
        );
        for bad in ["page=0", "page=-4", "page=x", "page=99999999999999999999"] {
            assert_eq!(
                ListQuery::from_location(&HostLocation::new("/x", bad)).page,
                1,
                "{bad}"
            );
        }
    }
}
