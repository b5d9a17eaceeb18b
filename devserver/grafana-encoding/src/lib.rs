//! Grafana's `util.EncodePassword` (`pkg/util/encoding.go`): the hash of every user password
//! and every service-account token secret.
//!
//! Why a crate of its own: `pbkdf2_hmac::<Sha256>` is generic, so it is compiled in the crate
//! that names the type, at that crate's optimisation level. Named inside devserver, a debug
//! build ran its 10,000 rounds unoptimised, and the tests and the end-to-end devserver spent
//! most of their time there. Here it is named once, and the workspace's `Cargo.toml` builds
//! this crate (and what it instantiates) at `opt-level = 3` in debug builds too.

use sha2::Sha256;

/// Grafana's iteration count for `EncodePassword`.
pub const ROUNDS: u32 = 10_000;

/// `hex(PBKDF2-HMAC-SHA256(password, salt, 10000, 50))`: 100 lower-case hex characters,
/// exactly what Grafana stores in `user.password` and `api_key.key`.
///
/// ```
/// let hash = grafana_encoding::encode_password("admin", "salt");
/// assert_eq!(hash.len(), 100);
/// ```
pub fn encode_password(password: &str, salt: &str) -> String {
    let mut out = [0u8; 50];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt.as_bytes(), ROUNDS, &mut out);
    hex::encode(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_grafanas_vector() {
        // The secret and checksum of glsa_iNValIdinValiDinvalidinvalidinva_5b582697, as Grafana hashes them.
        assert_eq!(
            encode_password("iNValIdinValiDinvalidinvalidinva", "5b582697"),
            "c59a6e547944ef768df51d1fc8b2a9810bc777a0bd2e5daa9ef8590f300c884e0ab9470c22c6f789414fdb6485b531166ded"
        );
    }
}
