//! Encryption at rest for data source secrets (`secureJsonData`): AES-256-GCM with a key
//! derived from `--secret-key` (SHA-256 of the string), a random 96-bit nonce per value,
//! stored as standard base64 of `nonce || ciphertext`.
//!
//! Decryption failures (wrong key, corrupted value) are errors, never panics.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Grafana's documented default `secret_key`, used when `--secret-key` is not given.
/// Fine for development only: anyone who knows it can decrypt the database's secrets.
pub const DEFAULT_SECRET_KEY: &str = "SW2YcwTIb9zpOOhoPsMm";

const NONCE_LEN: usize = 12;

/// A secret could not be encrypted or decrypted.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The stored value is not base64 or too short to hold a nonce.
    #[error("stored secret is malformed")]
    Malformed,
    /// Authentication failed: wrong key or tampered value.
    #[error("stored secret cannot be decrypted (wrong secret key?)")]
    Decrypt,
    /// The decrypted bytes are not UTF-8.
    #[error("decrypted secret is not UTF-8")]
    NotUtf8,
    /// AES-GCM refused to encrypt (only on absurd lengths).
    #[error("secret cannot be encrypted")]
    Encrypt,
    /// A stored secret map is not a JSON object of strings.
    #[error("stored secret map is malformed: {0}")]
    Map(String),
}

/// Encrypts and decrypts secrets with one key; cheap to clone.
#[derive(Clone)]
pub struct SecretBox {
    cipher: Arc<Aes256Gcm>,
    /// A key of its own for [`SecretBox::keyed_digest`], derived from the same secret key.
    mac_key: Arc<[u8; 32]>,
}

impl fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBox(..)")
    }
}

impl Default for SecretBox {
    fn default() -> Self {
        Self::new(DEFAULT_SECRET_KEY)
    }
}

impl SecretBox {
    /// A box whose 256-bit key is the SHA-256 of `secret_key`.
    pub fn new(secret_key: &str) -> Self {
        let digest = Sha256::digest(secret_key.as_bytes());
        let key = Key::<Aes256Gcm>::from_slice(digest.as_slice());
        let mac_key: [u8; 32] = Sha256::new()
            .chain_update(b"devserver keyed digest\0")
            .chain_update(secret_key.as_bytes())
            .finalize()
            .into();
        Self {
            cipher: Arc::new(Aes256Gcm::new(key)),
            mac_key: Arc::new(mac_key),
        }
    }

    /// HMAC-SHA256 of `parts` (in order) under a key derived from the secret key, as hex:
    /// what a value only this server can produce looks like (the OAuth `state` cookie).
    pub fn keyed_digest(&self, parts: &[&[u8]]) -> String {
        use hmac::{Hmac, Mac};
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(self.mac_key.as_slice()) else {
            return String::new();
        };
        for p in parts {
            mac.update(p);
        }
        hex::encode(mac.finalize().into_bytes())
    }

    /// Encrypts `plain` with a fresh random nonce: base64 of `nonce || ciphertext`.
    pub fn encrypt(&self, plain: &str) -> Result<String, SecretError> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let ciphertext = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
            .map_err(|_| SecretError::Encrypt)?;
        let mut out = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ciphertext);
        Ok(STANDARD.encode(out))
    }

    /// Decrypts a value written by [`SecretBox::encrypt`].
    pub fn decrypt(&self, stored: &str) -> Result<String, SecretError> {
        let bytes = STANDARD
            .decode(stored.trim())
            .map_err(|_| SecretError::Malformed)?;
        if bytes.len() < NONCE_LEN {
            return Err(SecretError::Malformed);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| SecretError::Decrypt)?;
        String::from_utf8(plain).map_err(|_| SecretError::NotUtf8)
    }

    /// Encrypts every value of `plain`; the result is a JSON object of encrypted strings.
    pub fn encrypt_map(&self, plain: &BTreeMap<String, String>) -> Result<String, SecretError> {
        let mut encrypted = BTreeMap::new();
        for (key, value) in plain {
            encrypted.insert(key.clone(), self.encrypt(value)?);
        }
        serde_json::to_string(&encrypted).map_err(|e| SecretError::Map(e.to_string()))
    }

    /// Decrypts a JSON object written by [`SecretBox::encrypt_map`] (empty text = no secrets).
    pub fn decrypt_map(&self, stored: &str) -> Result<BTreeMap<String, String>, SecretError> {
        if stored.trim().is_empty() {
            return Ok(BTreeMap::new());
        }
        let encrypted: BTreeMap<String, String> =
            serde_json::from_str(stored).map_err(|e| SecretError::Map(e.to_string()))?;
        let mut plain = BTreeMap::new();
        for (key, value) in encrypted {
            let value = self.decrypt(&value)?;
            plain.insert(key, value);
        }
        Ok(plain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_uses_a_fresh_nonce_each_time() {
        let sb = SecretBox::default();
        let a = sb.encrypt("hunter2").unwrap();
        let b = sb.encrypt("hunter2").unwrap();
        assert_ne!(a, b);
        assert!(!a.contains("hunter2"));
        assert_eq!(sb.decrypt(&a).unwrap(), "hunter2");
        assert_eq!(sb.decrypt(&sb.encrypt("").unwrap()).unwrap(), "");
    }

    #[test]
    fn a_wrong_key_or_garbage_is_an_error_not_a_panic() {
        let stored = SecretBox::new("one").encrypt("s3cret").unwrap();
        assert!(matches!(
            SecretBox::new("two").decrypt(&stored),
            Err(SecretError::Decrypt)
        ));
        let sb = SecretBox::default();
        assert!(matches!(sb.decrypt("!!!"), Err(SecretError::Malformed)));
        assert!(matches!(sb.decrypt("AAAA"), Err(SecretError::Malformed)));
        assert!(sb.decrypt_map("[1,2]").is_err());
    }

    #[test]
    fn maps_encrypt_each_value() {
        let sb = SecretBox::default();
        let mut m = BTreeMap::new();
        m.insert("apiKey".to_owned(), "k-123".to_owned());
        m.insert("basicAuthPassword".to_owned(), "pw".to_owned());
        let stored = sb.encrypt_map(&m).unwrap();
        assert!(stored.contains("apiKey") && !stored.contains("k-123"));
        assert_eq!(sb.decrypt_map(&stored).unwrap(), m);
        assert!(sb.decrypt_map("").unwrap().is_empty());
    }
}
