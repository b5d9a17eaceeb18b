//! Grafana's password and token hashing (`util.EncodePassword`): hex of
//! PBKDF2-HMAC-SHA256(password, salt, 10 000 iterations, 50 bytes), and its random strings.

use rand::distr::{Alphanumeric, SampleString};
use sha2::Sha256;

/// `hex(PBKDF2-HMAC-SHA256(password, salt, 10000, 50))`, 100 hex characters.
pub fn encode_password(password: &str, salt: &str) -> String {
    let mut out = [0u8; 50];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt.as_bytes(), 10_000, &mut out);
    hex::encode(out)
}

/// `n` random characters of `[0-9A-Za-z]` from the OS's CSPRNG (Grafana's `GetRandomString`).
pub fn random_string(n: usize) -> String {
    Alphanumeric.sample_string(&mut rand::rng(), n)
}

/// Constant-time comparison of two hashes.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_grafanas_vector() {
        // From the contract: the secret and checksum of glsa_iNValIdinValiDinvalidinvalidinva_5b582697.
        assert_eq!(
            encode_password("iNValIdinValiDinvalidinvalidinva", "5b582697"),
            "c59a6e547944ef768df51d1fc8b2a9810bc777a0bd2e5daa9ef8590f300c884e0ab9470c22c6f789414fdb6485b531166ded"
        );
        let r = random_string(32);
        assert_eq!(r.len(), 32);
        assert!(r.chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("ab", "abc"));
    }
}
