//! Grafana's password and token hashing (`util.EncodePassword`, from the `grafana-encoding`
//! crate: hex of PBKDF2-HMAC-SHA256(password, salt, 10 000 iterations, 50 bytes)), its random
//! strings, and a constant-time comparison.

use rand::distr::{Alphanumeric, SampleString};

pub use grafana_encoding::encode_password;

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
    fn random_strings_and_comparison() {
        let r = random_string(32);
        assert_eq!(r.len(), 32);
        assert!(r.chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("ab", "abc"));
    }
}
