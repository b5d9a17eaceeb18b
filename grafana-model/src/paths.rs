//! Path rules both sides apply before a value becomes part of a URL path.
//!
//! - [`is_valid_uid`] and [`is_valid_plugin_id`]: Grafana's uid characters
//!   (`util.IsValidShortUID`: letters, digits, `-`, `_`; at most 40) and plugin ids (the same
//!   characters). Neither can be `.` or `..`, so neither can become a dot segment: the kit
//!   refuses such a value before it builds a URL (encoding it is not enough: browsers read
//!   `%2e` as a dot, as the WHATWG URL standard says), and devserver before a plugin id
//!   reaches a file path.
//! - [`ProxyPath`]: the path a proxy forwards (the data source proxy, proxy mode, and a
//!   plugin's resources). It is read once decoded, with `%2e`, `%2f`, `%5c` and `\` taken
//!   for what they are, and refused when any segment is `.` or `..` in any encoding
//!   (Grafana has no such case; this is devserver's own answer, a 400). A route is chosen on
//!   the decoded copy ([`ProxyPath::decoded`]); what is forwarded is the original encoding
//!   ([`ProxyPath::raw_after`]), so APIs that need `%2F` inside a segment keep working.
//!   [`is_within`] is the last check before anything is sent: the final URL's path is still
//!   under the route's (or the data source's) path.
//! - [`is_valid_redirect_to`]: where a sign-in may send the browser afterwards (Grafana's
//!   `ValidateRedirectTo`): a path on this site, never another host.
//!
//! ```
//! use grafana_model::paths::{is_within, ProxyPath};
//! let path = ProxyPath::parse("api/services/a%2Fb/ops").unwrap();
//! assert_eq!(path.decoded(), "api/services/a/b/ops");
//! assert_eq!(path.raw_after("api"), Some("/services/a%2Fb/ops"));
//! assert!(ProxyPath::parse("api/%2e%2e/admin").is_err());
//! assert!(ProxyPath::parse("api\\..\\admin").is_err());
//! assert!(is_within("/base/api", "/base/api/x") && !is_within("/base/api", "/base/admin"));
//! ```

use std::fmt;

/// Grafana's longest uid (`util.MaxUIDLength`).
pub const MAX_UID_LENGTH: usize = 40;

/// Longest plugin id (Grafana's `plugin_setting.plugin_id` column).
pub const MAX_PLUGIN_ID_LENGTH: usize = 190;

fn uid_chars(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `uid` is a uid Grafana accepts: 1 to 40 letters, digits, `-` or `_`.
///
/// ```
/// use grafana_model::paths::is_valid_uid;
/// assert!(is_valid_uid("P8E80F9AEF21F6940") && is_valid_uid("my-ds_1"));
/// assert!(!is_valid_uid("..") && !is_valid_uid(".") && !is_valid_uid("") && !is_valid_uid("a/b"));
/// ```
pub fn is_valid_uid(uid: &str) -> bool {
    !uid.is_empty() && uid.len() <= MAX_UID_LENGTH && uid_chars(uid)
}

/// Whether `id` may name a plugin in a URL or a file path: letters, digits, `-` or `_`
/// (never `/`, `\`, `.` or a control character).
///
/// ```
/// use grafana_model::paths::is_valid_plugin_id;
/// assert!(is_valid_plugin_id("myorg-example-datasource") && is_valid_plugin_id("prometheus"));
/// assert!(!is_valid_plugin_id("../x") && !is_valid_plugin_id("..") && !is_valid_plugin_id("a\nb"));
/// ```
pub fn is_valid_plugin_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_PLUGIN_ID_LENGTH && uid_chars(id)
}

/// Why a proxied path is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathError {
    /// A segment is `.` or `..`, possibly percent-encoded or separated by `\`, `%2f` or
    /// `%5c`.
    DotSegment,
}

impl PathError {
    /// What devserver answers (a 400's `message`).
    pub const fn message(self) -> &'static str {
        match self {
            PathError::DotSegment => {
                "Invalid proxy path: '.' and '..' segments are not allowed, in any encoding"
            }
        }
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for PathError {}

/// One byte of the decoded path, and where it ends in the raw text.
#[derive(Clone, Copy)]
struct Token {
    /// The decoded byte; every separator (`/`, `\`, `%2f`, `%5c`) is `/`.
    byte: u8,
    /// The raw index just after it.
    end: usize,
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Each byte of `raw` decoded once (`%XX`; a `%` not followed by two hex digits stays as
/// it is), with the index in `raw` just after it.
fn decode(raw: &str) -> impl Iterator<Item = (u8, usize)> + '_ {
    let bytes = raw.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let first = *bytes.get(i)?;
        let escaped = match (first, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        let (byte, width) = escaped.map_or((first, 1), |b| (b, 3));
        i += width;
        Some((byte, i))
    })
}

/// The raw path decoded once, every separator (`/`, `\`, `%2f`, `%5c`) a `/`.
fn tokens(raw: &str) -> Vec<Token> {
    decode(raw)
        .map(|(byte, end)| Token {
            byte: if byte == b'\\' { b'/' } else { byte },
            end,
        })
        .collect()
}

/// `raw` percent-decoded once (a `%` not followed by two hex digits stays; invalid UTF-8
/// becomes U+FFFD), as a static file server reads a request path.
///
/// ```
/// assert_eq!(grafana_model::paths::decoded("/a%2Fb/devserver%2Edb"), "/a/b/devserver.db");
/// assert_eq!(grafana_model::paths::decoded("100%"), "100%");
/// ```
pub fn decoded(raw: &str) -> String {
    let bytes: Vec<u8> = decode(raw).map(|(byte, _)| byte).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Whether a sign-in may send the browser to `target` afterwards, as Grafana's
/// `ValidateRedirectTo` decides for `redirect_to`: a path with exactly one leading `/` (so
/// no scheme and no host, not even `//host` or `/\host`), no dot segment, no whitespace or
/// control character, also once percent-decoded; under `app_sub_url` (`""` or `/path`)
/// when devserver serves from a sub-path.
///
/// ```
/// use grafana_model::paths::is_valid_redirect_to;
/// assert!(is_valid_redirect_to("/datasources/edit/abc?x=1", ""));
/// assert!(is_valid_redirect_to("/grafana/connections", "/grafana"));
/// for hostile in ["//evil.example", "/\\evil.example", "https://evil.example", "/%2F%2Fevil.example",
///                 "/a/../../x", "/\t/evil", "evil.example", "", "/connections"] {
///     assert!(!is_valid_redirect_to(hostile, if hostile == "/connections" { "/grafana" } else { "" }), "{hostile}");
/// }
/// ```
pub fn is_valid_redirect_to(target: &str, app_sub_url: &str) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let plain = |text: &str| {
        text.starts_with('/')
            && !text.starts_with("//")
            && !text.contains('\\')
            && !text.chars().any(|c| c.is_control() || c.is_whitespace())
    };
    let decoded = decoded(path);
    let dot_segment = decoded.split('/').any(|s| s == "." || s == "..");
    let under_sub_url = app_sub_url.is_empty()
        || path == app_sub_url
        || path.starts_with(&format!("{app_sub_url}/"));
    plain(target) && plain(&decoded) && !dot_segment && under_sub_url
}

/// A proxied path without dot segments in any encoding: see the [module](self).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyPath<'a> {
    raw: &'a str,
    decoded: String,
}

impl<'a> ProxyPath<'a> {
    /// Reads `raw` (what follows the proxy's own prefix, still percent-encoded).
    pub fn parse(raw: &'a str) -> Result<Self, PathError> {
        let bytes: Vec<u8> = tokens(raw).iter().map(|t| t.byte).collect();
        let text = String::from_utf8_lossy(&bytes);
        let mut kept: Vec<&str> = Vec::new();
        for segment in text.split('/') {
            match segment {
                "." | ".." => return Err(PathError::DotSegment),
                "" => {}
                s => kept.push(s),
            }
        }
        Ok(Self {
            raw,
            decoded: kept.join("/"),
        })
    }

    /// The path as received.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Decoded once, every separator a `/`, empty segments removed, no leading or
    /// trailing `/`: what routes are matched against.
    pub fn decoded(&self) -> &str {
        &self.decoded
    }

    /// Whether the decoded path starts with the cleaned `prefix` (a plain prefix, as
    /// Grafana matches route paths: `api` also matches `apix`).
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.decoded.starts_with(&clean(prefix))
    }

    /// The raw text after the cleaned `prefix`, read on the decoded path: `None` when the
    /// decoded path does not start with it.
    pub fn raw_after(&self, prefix: &str) -> Option<&'a str> {
        let wanted = clean(prefix);
        let wanted = wanted.as_bytes();
        if wanted.is_empty() {
            return Some(self.raw);
        }
        // Walk the decoded bytes as `decoded()` has them (leading and repeated separators
        // skipped), remembering where each ends in the raw text.
        let mut matched = 0;
        let mut previous_was_separator = true;
        for token in tokens(self.raw) {
            let separator = token.byte == b'/';
            if separator && previous_was_separator {
                continue;
            }
            previous_was_separator = separator;
            if wanted.get(matched) != Some(&token.byte) {
                return None;
            }
            matched += 1;
            if matched == wanted.len() {
                return self.raw.get(token.end..);
            }
        }
        None
    }
}

/// Grafana's `CleanRelativePath` for a route path: no leading or trailing `/`, no empty
/// segments, `.` dropped and `..` removing the segment before it.
pub fn clean(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Whether the URL path `path` is `base` or below it, segment by segment (`/a/bc` is not
/// below `/a/b`). Both are paths as a URL holds them (encoded, dot segments resolved).
pub fn is_within(base: &str, path: &str) -> bool {
    let base = base.trim_end_matches('/');
    base.is_empty()
        || path == base
        || path
            .strip_prefix(base)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_are_refused_in_every_encoding() {
        for bad in [
            "..",
            ".",
            "api/../admin",
            "api/./x",
            "api/%2e%2e/admin/x",
            "api/%2E%2E/admin",
            "api/.%2e/admin",
            "api/%2e./admin",
            "api/%2e",
            "api\\..\\admin",
            "api%5c..%5cadmin",
            "api%2f..%2fadmin",
            "api%2F%2E%2E%2Fadmin",
            "projects/%2e%2e/OTHER",
            "a/..",
            "../x",
            "a//../b",
        ] {
            assert_eq!(
                ProxyPath::parse(bad),
                Err(PathError::DotSegment),
                "{bad:?} is accepted"
            );
        }
        for ok in [
            "",
            "api",
            "api/...",
            "api/..x",
            "api/x..",
            "api/%2e%2e%2e",
            "api/a.b/c",
            "api/%252e%252e/x",
            "api/%zz",
            "api/%",
        ] {
            assert!(ProxyPath::parse(ok).is_ok(), "{ok:?} is refused");
        }
    }

    #[test]
    fn routes_are_matched_on_the_decoded_path_and_the_rest_keeps_its_encoding() {
        let p = ProxyPath::parse("%61pi/services/a%2Fb/ops?x").unwrap();
        assert_eq!(p.decoded(), "api/services/a/b/ops?x");
        assert!(p.starts_with("api") && p.starts_with("/api/") && !p.starts_with("admin"));
        assert_eq!(p.raw_after("api"), Some("/services/a%2Fb/ops?x"));
        assert_eq!(p.raw_after("api/services"), Some("/a%2Fb/ops?x"));
        assert_eq!(p.raw_after("admin"), None);
        let p = ProxyPath::parse("//api//v2/x").unwrap();
        assert_eq!(p.decoded(), "api/v2/x");
        assert_eq!(p.raw_after("api/v2"), Some("/x"));
        assert_eq!(p.raw_after(""), Some("//api//v2/x"));
        // A plain prefix, as Grafana's.
        assert_eq!(
            ProxyPath::parse("apix/y").unwrap().raw_after("api"),
            Some("x/y")
        );
        assert_eq!(ProxyPath::parse("ap").unwrap().raw_after("api"), None);
    }

    #[test]
    fn containment_is_by_segment() {
        assert!(is_within("/base/api", "/base/api"));
        assert!(is_within("/base/api/", "/base/api/x"));
        assert!(is_within("/", "/anything"));
        assert!(is_within("", "/anything"));
        assert!(!is_within("/base/api", "/base/apix"));
        assert!(!is_within("/base/api", "/base/admin/x"));
        assert!(!is_within("/base/api", "/"));
    }

    proptest::proptest! {
        #[test]
        fn nothing_parsed_ever_resolves_above_its_start(raw in "[a-z./\\\\%2eEfFcC5]{0,24}") {
            if let Ok(p) = ProxyPath::parse(&raw) {
                proptest::prop_assert!(!p.decoded().split('/').any(|s| s == "." || s == ".."));
                let url = format!("http://h/base/{}", raw.replace('\\', "/"));
                if let Ok(u) = url::Url::parse(&url) {
                    proptest::prop_assert!(is_within("/base", u.path()), "{} -> {}", raw, u.path());
                }
            }
        }
    }
}
