//! Error messages that may quote a value lose it: serde's decoder quotes what it could not
//! decode, and a host's props (`options`) can carry secrets.

/// A decoder message without the values it quotes (`invalid type: string "hunter2"` →
/// `invalid type: string "…"`): what is wrong and where, never what was there.
pub fn redact_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push('…');
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    quote = Some(c);
                }
            }
        }
    }
    if quote.is_some() {
        out.push('…');
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::redact_values;

    #[test]
    fn decoder_messages_lose_their_values() {
        let e = serde_json::from_str::<std::collections::BTreeMap<String, i64>>(
            r#"{"apiKey":"hunter2"}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("hunter2"), "serde quotes values: {e}");
        let r = redact_values(&e);
        assert!(!r.contains("hunter2"), "{r}");
        assert!(r.contains("invalid type"), "{r}");
        assert_eq!(redact_values("a `b` c \"d"), "a `…` c \"…");
    }
}
