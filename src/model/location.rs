//! Where a section of pages is: a host router's location (`pathname` + `search`), the
//! route inside a section mounted at a base path, and query strings in and out.
//!
//! The same section runs under the standalone app's router (`/org/serviceaccounts`) and
//! under a Grafana app plugin page (`/a/<plugin-id>/service-accounts`), so nothing here
//! knows a concrete path.

/// A location as a host router reports it (history's `location`): the path the router
/// speaks (without Grafana's `appSubUrl`) and the query string without its `?`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostLocation {
    /// `/a/my-app/service-accounts/5`.
    pub pathname: String,
    /// `query=bot&page=2` (no leading `?`).
    pub search: String,
}

impl HostLocation {
    /// A location from a path and a query string (a leading `?` is dropped).
    ///
    /// ```
    /// use leptos_grafana::model::location::HostLocation;
    /// let l = HostLocation::new("/org/serviceaccounts", "?page=2");
    /// assert_eq!(l.search, "page=2");
    /// ```
    pub fn new(pathname: impl Into<String>, search: impl Into<String>) -> Self {
        let search = search.into();
        Self {
            pathname: pathname.into(),
            search: search.strip_prefix('?').unwrap_or(&search).to_owned(),
        }
    }

    /// Splits `/path?query` (a fragment is ignored).
    ///
    /// ```
    /// use leptos_grafana::model::location::HostLocation;
    /// assert_eq!(HostLocation::parse("/a/x?page=2#top"), HostLocation::new("/a/x", "page=2"));
    /// ```
    pub fn parse(path_and_query: &str) -> Self {
        let without_hash = path_and_query.split('#').next().unwrap_or_default();
        match without_hash.split_once('?') {
            Some((path, query)) => Self::new(path, query),
            None => Self::new(without_hash, ""),
        }
    }

    /// The decoded value of query parameter `key` (the first one, if repeated).
    pub fn query(&self, key: &str) -> Option<String> {
        query_pairs(&self.search)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

/// The part of `pathname` below `base`, always starting with `/` (or empty for the base
/// itself); `None` when `pathname` is outside `base`.
///
/// ```
/// use leptos_grafana::model::location::sub_path;
/// assert_eq!(sub_path("/a/app/sa/5", "/a/app/sa"), Some("/5"));
/// assert_eq!(sub_path("/a/app/sa/", "/a/app/sa"), Some(""));
/// assert_eq!(sub_path("/a/app/sample", "/a/app/sa"), None);
/// ```
pub fn sub_path<'a>(pathname: &'a str, base: &str) -> Option<&'a str> {
    let base = base.trim_end_matches('/');
    let rest = pathname.strip_prefix(base)?;
    if rest.is_empty() || rest == "/" {
        Some("")
    } else if rest.starts_with('/') {
        Some(rest.trim_end_matches('/'))
    } else {
        None
    }
}

/// `base` + `to`, where `to` is a path inside the section (`""`, `/create`, `/5`) or a
/// query (`?page=2`) for the section's root.
///
/// ```
/// use leptos_grafana::model::location::join_path;
/// assert_eq!(join_path("/org/serviceaccounts", "/5"), "/org/serviceaccounts/5");
/// assert_eq!(join_path("/org/serviceaccounts/", "?page=2"), "/org/serviceaccounts?page=2");
/// assert_eq!(join_path("/a/app", ""), "/a/app");
/// ```
pub fn join_path(base: &str, to: &str) -> String {
    let base = base.trim_end_matches('/');
    match to {
        "" | "/" => base.to_owned(),
        _ if to.starts_with('?') || to.starts_with('/') => format!("{base}{to}"),
        _ => format!("{base}/{to}"),
    }
}

/// A redirect target is kept only if it is a path on this site, so `/login?redirect=`
/// cannot send anyone elsewhere: Grafana's `ValidateRedirectTo`, the rule devserver's
/// OAuth sign-in applies too ([`grafana_model::paths::is_valid_redirect_to`]): no
/// `//host`, no scheme, no backslash, no dot segment, and no control character or
/// whitespace (browsers drop tabs and newlines from a URL, so `/\t/evil` would become
/// `//evil`), also once percent-decoded.
///
/// ```
/// use leptos_grafana::model::location::safe_redirect;
/// assert_eq!(safe_redirect(Some("/datasources?x=1".into())), "/datasources?x=1");
/// assert_eq!(safe_redirect(Some("/\t/evil.example".into())), "/");
/// ```
pub fn safe_redirect(target: Option<String>) -> String {
    match target {
        Some(t) if grafana_model::paths::is_valid_redirect_to(&t, "") => t,
        _ => "/".to_owned(),
    }
}

/// The pages of the service-account section, by the path below its base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceAccountsRoute {
    /// `` (the list).
    List,
    /// `/create`.
    Create,
    /// `/:uid[/information|/tokens|/permissions]` (the numeric id is accepted too).
    Account(String, AccountTab),
    /// Anything else below the base.
    NotFound,
}

impl ServiceAccountsRoute {
    /// The route of `pathname` in a section mounted at `base`.
    ///
    /// ```
    /// use leptos_grafana::model::location::ServiceAccountsRoute as R;
    /// assert_eq!(R::parse("/org/serviceaccounts", "/org/serviceaccounts"), R::List);
    /// assert_eq!(R::parse("/org/serviceaccounts/create", "/org/serviceaccounts"), R::Create);
    /// use leptos_grafana::model::location::AccountTab;
    /// assert_eq!(R::parse("/org/serviceaccounts/ab1", "/org/serviceaccounts"), R::Account("ab1".into(), AccountTab::Information));
    /// assert_eq!(R::parse("/org/serviceaccounts/7/tokens", "/org/serviceaccounts"), R::Account("7".into(), AccountTab::Tokens));
    /// assert_eq!(R::parse("/org/serviceaccounts/7/x", "/org/serviceaccounts"), R::NotFound);
    /// ```
    pub fn parse(pathname: &str, base: &str) -> Self {
        let Some(rest) = sub_path(pathname, base) else {
            return Self::NotFound;
        };
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Self::List,
            ["create"] => Self::Create,
            [id] => Self::Account(percent_decode(id), AccountTab::Information),
            [id, tab] => match AccountTab::from_segment(tab) {
                Some(tab) => Self::Account(percent_decode(id), tab),
                None => Self::NotFound,
            },
            _ => Self::NotFound,
        }
    }
}

/// The tabs of a service account's page, each with its own URL segment, as Grafana 13's
/// (`information`, `tokens`, and `permissions`, which Grafana's newest pages call
/// `management`: both are accepted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountTab {
    /// Profile, role, enable/disable, delete.
    Information,
    /// Tokens.
    Tokens,
    /// Who may administer the account.
    Permissions,
}

impl AccountTab {
    /// All tabs, in Grafana's order.
    pub const ALL: [AccountTab; 3] = [Self::Information, Self::Tokens, Self::Permissions];

    /// The tab of a URL segment.
    pub fn from_segment(segment: &str) -> Option<Self> {
        match segment {
            "information" => Some(Self::Information),
            "tokens" => Some(Self::Tokens),
            "permissions" | "management" => Some(Self::Permissions),
            _ => None,
        }
    }

    /// The URL segment.
    pub fn segment(self) -> &'static str {
        match self {
            Self::Information => "information",
            Self::Tokens => "tokens",
            Self::Permissions => "permissions",
        }
    }

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Information => "Information",
            Self::Tokens => "Tokens",
            Self::Permissions => "Permissions",
        }
    }
}

/// The decoded `key=value` pairs of a query string (`+` is a space, as in forms).
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    search
        .strip_prefix('?')
        .unwrap_or(search)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (
                percent_decode(&k.replace('+', " ")),
                percent_decode(&v.replace('+', " ")),
            )
        })
        .collect()
}

/// A query string (no leading `?`) from pairs, each part percent-encoded.
///
/// ```
/// use leptos_grafana::model::location::query_string;
/// assert_eq!(query_string(&[("query", "Jane Doe"), ("page", "2")]), "query=Jane%20Doe&page=2");
/// ```
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but RFC 3986's unreserved characters (a path segment or a
/// query value).
///
/// ```
/// use leptos_grafana::model::location::percent_encode;
/// assert_eq!(percent_encode("Jane Doe/ü"), "Jane%20Doe%2F%C3%BC");
/// ```
pub fn percent_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
    }
    out
}

/// Decodes `%XX` escapes; a malformed escape is kept as written, and bytes that are not
/// UTF-8 become U+FFFD, so decoding never fails.
///
/// ```
/// use leptos_grafana::model::location::percent_decode;
/// assert_eq!(percent_decode("Jane%20Doe%2F%C3%BC"), "Jane Doe/ü");
/// assert_eq!(percent_decode("100%"), "100%");
/// ```
pub fn percent_decode(value: &str) -> String {
    grafana_model::paths::decoded(value)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn routes_below_any_base() {
        for base in ["/org/serviceaccounts", "/a/my-app/service-accounts/"] {
            let b = base.trim_end_matches('/');
            assert_eq!(
                ServiceAccountsRoute::parse(b, base),
                ServiceAccountsRoute::List
            );
            assert_eq!(
                ServiceAccountsRoute::parse(&format!("{b}/"), base),
                ServiceAccountsRoute::List
            );
            assert_eq!(
                ServiceAccountsRoute::parse(&format!("{b}/create"), base),
                ServiceAccountsRoute::Create
            );
            assert_eq!(
                ServiceAccountsRoute::parse(&format!("{b}/sa%201"), base),
                ServiceAccountsRoute::Account("sa 1".into(), AccountTab::Information)
            );
            assert_eq!(
                ServiceAccountsRoute::parse(&format!("{b}/u1/management"), base),
                ServiceAccountsRoute::Account("u1".into(), AccountTab::Permissions)
            );
            assert_eq!(
                ServiceAccountsRoute::parse("/elsewhere", base),
                ServiceAccountsRoute::NotFound
            );
        }
    }

    #[test]
    fn query_strings_decode_forms_and_repeated_keys() {
        let l = HostLocation::parse("/x?query=a+b%26c&page=2&page=3&flag");
        assert_eq!(l.query("query").as_deref(), Some("a b&c"));
        assert_eq!(l.query("page").as_deref(), Some("2"));
        assert_eq!(l.query("flag").as_deref(), Some(""));
        assert_eq!(l.query("missing"), None);
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn redirects_stay_on_site() {
        assert_eq!(
            safe_redirect(Some("/datasources/edit/x?a=1".into())),
            "/datasources/edit/x?a=1"
        );
        for evil in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "javascript:alert(1)",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
        ] {
            assert_eq!(safe_redirect(Some(evil.into())), "/", "{evil:?}");
        }
        assert_eq!(safe_redirect(None), "/");
    }

    proptest! {
        #[test]
        fn a_redirect_never_leaves_the_site(t in "\\PC{0,20}|[/\\\\\t\n ]{0,6}[a-z.]{0,8}") {
            let kept = safe_redirect(Some(t));
            // What a browser makes of it: tabs and newlines dropped.
            let seen: String = kept.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
            prop_assert!(seen.starts_with('/'));
            prop_assert!(!seen.starts_with("//") && !seen.starts_with("/\\"));
        }

        #[test]
        fn encode_then_decode_is_identity(s in "\\PC{0,40}") {
            prop_assert_eq!(percent_decode(&percent_encode(&s)), s.clone());
            let q = query_string(&[("query", &s)]);
            prop_assert_eq!(HostLocation::new("/", q).query("query"), Some(s));
        }

        #[test]
        fn decoding_never_panics(s in "\\PC{0,40}") {
            let _ = percent_decode(&s);
            let _ = query_pairs(&s);
            let _ = ServiceAccountsRoute::parse(&s, "/base");
        }
    }
}
