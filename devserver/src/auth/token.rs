//! Service-account tokens exactly as Grafana's `satokengen` makes them:
//! `gl<service>_<32 × [0-9A-Za-z]>_<crc32 IEEE of "gl<service>_<secret>", 4 little-endian
//! bytes in lower hex>`; only `encode_password(secret, checksum)` is stored.

use super::password::{encode_password, random_string};

/// A freshly generated key and the hash that is stored for it.
pub struct GeneratedKey {
    /// The key, shown to the user once.
    pub key: String,
    /// What the database keeps.
    pub hashed: String,
}

fn checksum(prefix_and_secret: &str) -> String {
    hex::encode(crc32fast::hash(prefix_and_secret.as_bytes()).to_le_bytes())
}

/// A new key for `service` (`sa` for service accounts, a plugin slug for managed ones).
pub fn generate(service: &str) -> GeneratedKey {
    let secret = random_string(32);
    let body = format!("gl{service}_{secret}");
    let sum = checksum(&body);
    GeneratedKey {
        key: format!("{body}_{sum}"),
        hashed: encode_password(&secret, &sum),
    }
}

/// The secret and checksum of `key` (what its stored hash is made of), or `None` when the
/// key is malformed or its checksum is wrong. Cheap: no hashing.
pub fn parse(key: &str) -> Option<(&str, &str)> {
    if !key.starts_with("gl") {
        return None;
    }
    let parts: Vec<&str> = key.split('_').collect();
    let [prefix, secret, sum] = parts.as_slice() else {
        return None;
    };
    if secret.is_empty() || checksum(&format!("{prefix}_{secret}")) != *sum {
        return None;
    }
    Some((secret, sum))
}

/// The stored hash of `key`, or `None` when the key is malformed or its checksum is wrong
/// (PBKDF2 on the calling thread: request handlers use [`super::hasher::Hasher`]).
pub fn decode(key: &str) -> Option<String> {
    parse(key).map(|(secret, sum)| encode_password(secret, sum))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grafanas_test_vectors_check_out() {
        assert!(decode("glsa_iNValIdinValiDinvalidinvalidinva_5b582697").is_some());
        assert!(decode("glsa_yscW25imSKJIuav8zF37RZmnbiDvB05G_fcaaf58a").is_some());
        assert!(decode("glsa_yscW25imSKJIuav8zF37RZmnbiDvB05G_fcaaf58b").is_none());
        assert!(decode("glsa_only_two_").is_none());
        assert!(decode("eyJrIjoiVjFxTHZ6dGdPSjg5").is_none());
    }

    #[test]
    fn generated_keys_have_grafanas_shape_and_decode_to_their_hash() {
        let g = generate("sa");
        assert_eq!(g.key.len(), 46);
        let (body, sum) = g.key.rsplit_once('_').unwrap();
        assert!(body.starts_with("glsa_") && body[5..].chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(
            sum.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
                && sum.len() == 8
        );
        assert_eq!(decode(&g.key), Some(g.hashed));
    }
}
