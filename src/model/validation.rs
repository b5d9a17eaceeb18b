//! Validation of editor input: Grafana's URL rule, number ranges, patterns, required.

/// Grafana's client-side URL check (`DataSourceHttpSettings` / plugin-ui
/// `ConnectionSettings`): `ftp`, `http` or `https`, then `://`, then at least one
/// character and no white space anywhere. Case-sensitive, as Grafana's regex is.
///
/// ```
/// use leptos_grafana::model::validation::is_valid_url;
/// assert!(is_valid_url("http://localhost:9090"));
/// assert!(!is_valid_url("localhost:9090"));
/// assert!(!is_valid_url(""));
/// ```
pub fn is_valid_url(url: &str) -> bool {
    let rest = ["http://", "https://", "ftp://"]
        .iter()
        .find_map(|scheme| url.strip_prefix(scheme));
    matches!(rest, Some(rest) if !rest.is_empty() && !rest.chars().any(char::is_whitespace))
}

/// The message plugin-ui shows under an invalid URL.
pub const INVALID_URL_MESSAGE: &str = "Please enter a valid URL";

/// Parses a number field. Empty input is `Ok(None)` (the key is left out); anything that
/// is not a finite number is an error message, and the caller keeps the typed text.
///
/// Accepts what a person types into a number input (`12`, `-3.5`, `.5`, `1.`, `+2`,
/// `1e3`), read with serde_json's number parser (which the package has anyway) rather
/// than a second float parser.
///
/// ```
/// use leptos_grafana::model::validation::parse_number;
/// assert_eq!(parse_number(" .5 "), Ok(Some(0.5)));
/// assert_eq!(parse_number("-1."), Ok(Some(-1.0)));
/// assert_eq!(parse_number(""), Ok(None));
/// assert!(parse_number("1e999").is_err());
/// assert!(parse_number("ten").is_err());
/// ```
pub fn parse_number(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    // A digit before any exponent: `.e0` is no number, as in Rust and JavaScript.
    let mantissa = digits.split(['e', 'E']).next().unwrap_or_default();
    if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || !mantissa.bytes().any(|b| b.is_ascii_digit())
    {
        return Err(format!("\"{text}\" is not a number"));
    }
    // JSON wants a digit on both sides of the point, and no leading zeros.
    let mut json = String::with_capacity(digits.len() + 3);
    json.push_str(sign);
    if digits.starts_with('.') {
        json.push('0');
    }
    json.push_str(digits.trim_start_matches('0'));
    if digits.starts_with('0')
        && (json.len() == sign.len() || json[sign.len()..].starts_with(['.', 'e', 'E']))
    {
        json.insert(sign.len(), '0');
    }
    if json.ends_with('.') {
        json.push('0');
    }
    let json = json.replace(".e", ".0e").replace(".E", ".0E");
    match serde_json::from_str::<serde_json::Number>(&json)
        .ok()
        .and_then(|n| n.as_f64())
    {
        Some(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(format!("\"{text}\" is not a number")),
    }
}

/// A number as a person reads it: `1000`, `0.5`, `-2.25` (no float formatting machinery:
/// whole numbers print as integers, others through serde_json's shortest form).
///
/// ```
/// use leptos_grafana::model::validation::format_number;
/// assert_eq!(format_number(100000.0), "100000");
/// assert_eq!(format_number(-0.25), "-0.25");
/// ```
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        return (n as i64).to_string();
    }
    serde_json::Number::from_f64(n).map_or_else(|| "NaN".to_owned(), |n| n.to_string())
}

/// What a number input writes into `jsonData`: nothing for empty input (the key is
/// removed), a JSON number when it parses, and otherwise the typed text itself, so the
/// form keeps it and validation reports it instead of an old value being saved silently.
pub fn number_input_value(text: &str) -> Option<serde_json::Value> {
    match parse_number(text) {
        Ok(None) => None,
        Ok(Some(n)) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
            Some(serde_json::Value::from(n as i64))
        }
        Ok(Some(n)) => serde_json::Number::from_f64(n).map(serde_json::Value::Number),
        Err(_) => Some(serde_json::Value::String(text.to_owned())),
    }
}

/// Checks `n` against an optional inclusive range.
pub fn check_range(n: f64, min: Option<f64>, max: Option<f64>) -> Result<(), String> {
    let f = format_number;
    match (min, max) {
        (Some(lo), Some(hi)) if n < lo || n > hi => {
            Err(format!("Enter a number from {} to {}", f(lo), f(hi)))
        }
        (Some(lo), None) if n < lo => Err(format!("Enter a number of at least {}", f(lo))),
        (None, Some(hi)) if n > hi => Err(format!("Enter a number of at most {}", f(hi))),
        _ => Ok(()),
    }
}

/// Checks `text` against a regular expression. An invalid pattern in a schema is reported
/// as such rather than silently accepting everything.
///
/// In the browser the pattern is a JavaScript `RegExp` (Unicode mode), as in a
/// TypeScript plugin's schema, and the kit's package carries no regex engine of its own;
/// natively (tests) `regex-lite` reads the same syntax.
pub fn check_pattern(text: &str, pattern: &str, message: Option<&str>) -> Result<(), String> {
    match pattern_matches(pattern, text) {
        Some(true) => Ok(()),
        Some(false) => Err(message
            .map(str::to_owned)
            .unwrap_or_else(|| format!("Must match {pattern}"))),
        None => Err(format!(
            "The plugin's schema has an invalid pattern: {pattern}"
        )),
    }
}

/// Whether `text` matches `pattern`; `None` when the pattern is not a valid regex.
#[cfg(target_arch = "wasm32")]
fn pattern_matches(pattern: &str, text: &str) -> Option<bool> {
    // `new RegExp` throws on a bad pattern: catch it in JavaScript, not as a Rust panic.
    let valid = js_sys::Function::new_with_args(
        "p",
        "try { new RegExp(p, 'u'); return true; } catch (e) { return false; }",
    )
    .call1(
        &wasm_bindgen::JsValue::NULL,
        &wasm_bindgen::JsValue::from_str(pattern),
    )
    .ok()?
    .as_bool()?;
    valid.then(|| js_sys::RegExp::new(pattern, "u").test(text))
}

/// Whether `text` matches `pattern`; `None` when the pattern is not a valid regex.
#[cfg(not(target_arch = "wasm32"))]
fn pattern_matches(pattern: &str, text: &str) -> Option<bool> {
    regex_lite::Regex::new(pattern)
        .ok()
        .map(|re| re.is_match(text))
}

/// Whether a `jsonData` key looks like it holds a secret (password, token, API key,
/// secret, key…). Such values belong in `secureJsonData`.
///
/// ```
/// use leptos_grafana::model::validation::looks_like_secret_key;
/// assert!(looks_like_secret_key("apiKey"));
/// assert!(looks_like_secret_key("db_password"));
/// assert!(!looks_like_secret_key("keepCookies"));
/// ```
pub use grafana_model::plugin_checks::looks_like_secret_key;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn typed_numbers_read_as_rust_reads_them(
            text in "[+-]?[0-9]{0,6}(\\.[0-9]{0,6})?([eE][+-]?[0-9]{1,3})?"
        ) {
            let ours = parse_number(&text);
            match text.parse::<f64>() {
                Ok(n) if n.is_finite() && !text.is_empty() => prop_assert_eq!(ours, Ok(Some(n))),
                _ => prop_assert!(ours.is_err() || text.trim().is_empty()),
            }
        }

        #[test]
        fn numbers_print_and_read_back(n in any::<f64>().prop_filter("finite", |n| n.is_finite())) {
            prop_assert_eq!(parse_number(&format_number(n)), Ok(Some(n)));
        }
    }

    #[test]
    fn urls_follow_grafanas_regex() {
        for ok in [
            "http://a",
            "https://example.com:8080/x?y=1",
            "ftp://files",
            "http://user:pw@host:1/p",
        ] {
            assert!(is_valid_url(ok), "{ok}");
        }
        for bad in [
            "",
            "http://",
            "HTTP://a",
            "example.com",
            "http://a b",
            "ws://x",
            " http://a",
        ] {
            assert!(!is_valid_url(bad), "{bad}");
        }
    }

    #[test]
    fn numbers_parse_or_explain() {
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number(" 30 "), Ok(Some(30.0)));
        assert!(parse_number("30s").is_err());
        assert!(parse_number("NaN").is_err());
        assert!(check_range(5.0, Some(1.0), Some(10.0)).is_ok());
        assert_eq!(
            check_range(0.0, Some(1.0), Some(10.0)),
            Err("Enter a number from 1 to 10".into())
        );
        assert!(check_range(11.0, None, Some(10.0)).is_err());
    }

    #[test]
    fn number_inputs_keep_what_was_typed() {
        assert_eq!(number_input_value(""), None);
        assert_eq!(number_input_value("30"), Some(serde_json::json!(30)));
        assert_eq!(number_input_value("2.5"), Some(serde_json::json!(2.5)));
        assert_eq!(number_input_value("30s"), Some(serde_json::json!("30s")));
    }

    #[test]
    fn patterns_check_and_bad_patterns_are_reported() {
        assert!(check_pattern("/v1", "^/", None).is_ok());
        assert_eq!(
            check_pattern("v1", "^/", Some("Start with /")),
            Err("Start with /".into())
        );
        assert!(check_pattern("x", "(", None)
            .unwrap_err()
            .contains("invalid pattern"));
    }

    #[test]
    fn secret_looking_keys() {
        for k in [
            "password",
            "apiKey",
            "api_key",
            "authToken",
            "clientSecret",
            "privateKey",
            "basicAuthPassword",
        ] {
            assert!(looks_like_secret_key(k), "{k}");
        }
        for k in [
            "keepCookies",
            "timeout",
            "tlsSkipVerify",
            "httpHeaderName1",
            "monkeyMode",
            "serverName",
        ] {
            assert!(!looks_like_secret_key(k), "{k}");
        }
    }
}
