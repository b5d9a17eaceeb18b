//! Whether a settings key's name says it holds a secret (`apiKey`, `db_password`,
//! `clientSecret`): such a key read from `.JsonData` is a secret every Viewer can read.

/// Whether a key's name says it holds a secret (`apiKey`, `db_password`, `clientSecret`).
///
/// ```
/// use grafana_model::plugin_checks::looks_like_secret_key;
/// assert!(looks_like_secret_key("apiKey") && looks_like_secret_key("db_password"));
/// assert!(!looks_like_secret_key("keepCookies"));
/// ```
pub fn looks_like_secret_key(key: &str) -> bool {
    const SECRET_WORDS: [&str; 8] = [
        "password",
        "passwd",
        "pwd",
        "token",
        "secret",
        "apikey",
        "key",
        "credentials",
    ];
    let words = split_words(key);
    words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words.windows(2).any(|p| p[0] == "api" && p[1] == "key")
}

/// `basicAuthPassword` → `["basic", "auth", "password"]`; also splits on `_`, `-`, `.`.
fn split_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in key.chars() {
        if c == '_' || c == '-' || c == '.' || c == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        } else if c.is_uppercase() && !current.is_empty() {
            words.push(std::mem::take(&mut current));
            current.extend(c.to_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}
