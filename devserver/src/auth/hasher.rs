//! Where Grafana's PBKDF2 runs (10,000 rounds: about 10 ms of CPU per password or token
//! check): on the blocking pool, never on the async workers and never under the database
//! lock. Passwords and tokens have a queue each, and each queue runs at most half the CPUs
//! at a time (more callers wait without using a CPU): a flood of forged tokens fills only
//! the token queue, so a sign-in never waits behind it, and neither flood slows requests
//! that hash nothing. A token already verified is not hashed again: its PBKDF2 hash is
//! remembered, keyed by the SHA-256 of the token (the stored hash format is Grafana's,
//! unchanged).

use super::password::encode_password;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Verified tokens remembered at once (the oldest is forgotten first).
const REMEMBERED_TOKENS: usize = 10_000;

/// Runs and remembers password and token hashes; cheap to clone.
#[derive(Clone)]
pub struct Hasher {
    passwords: Arc<Semaphore>,
    tokens: Arc<Semaphore>,
    verified: Arc<Mutex<Verified>>,
    computed: Arc<AtomicU64>,
}

#[derive(Default)]
struct Verified {
    hashes: HashMap<[u8; 32], String>,
    order: VecDeque<[u8; 32]>,
}

impl Default for Hasher {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map_or(2, usize::from);
        Self::with_concurrency((cpus / 2).max(1))
    }
}

fn fingerprint(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Hasher {
    /// At most `concurrency` password hashes, and as many token hashes, run at once.
    pub fn with_concurrency(concurrency: usize) -> Self {
        Self {
            passwords: Arc::new(Semaphore::new(concurrency.max(1))),
            tokens: Arc::new(Semaphore::new(concurrency.max(1))),
            verified: Arc::default(),
            computed: Arc::default(),
        }
    }

    /// How many PBKDF2 hashes this hasher has computed.
    pub fn computations(&self) -> u64 {
        self.computed.load(Ordering::Relaxed)
    }

    /// Grafana's `EncodePassword(password, salt)` in the password queue, off the async
    /// workers; `None` only when the server is shutting down.
    pub async fn password(&self, password: String, salt: String) -> Option<String> {
        Self::encode(&self.passwords, &self.computed, password, salt).await
    }

    async fn encode(
        queue: &Semaphore,
        computed: &AtomicU64,
        secret: String,
        salt: String,
    ) -> Option<String> {
        let _permit = queue.acquire().await.ok()?;
        computed.fetch_add(1, Ordering::Relaxed);
        tokio::task::spawn_blocking(move || encode_password(&secret, &salt))
            .await
            .ok()
    }

    /// The stored hash of a service-account token: remembered when the token was verified
    /// before, else computed. `None` for a malformed key or a wrong checksum.
    pub async fn token_hash(&self, key: &str) -> Option<String> {
        let (secret, checksum) = super::token::parse(key)?;
        if let Some(known) = self.remembered(key) {
            return Some(known);
        }
        Self::encode(
            &self.tokens,
            &self.computed,
            secret.to_owned(),
            checksum.to_owned(),
        )
        .await
    }

    fn remembered(&self, key: &str) -> Option<String> {
        let verified = self.verified.lock().ok()?;
        verified.hashes.get(&fingerprint(key)).cloned()
    }

    /// Remembers that `key` hashes to `hash` (call it once the database knew the hash, so
    /// forged tokens never fill the memory).
    pub fn remember_token(&self, key: &str, hash: &str) {
        let Ok(mut verified) = self.verified.lock() else {
            return;
        };
        let print = fingerprint(key);
        if verified.hashes.insert(print, hash.to_owned()).is_none() {
            verified.order.push_back(print);
            while verified.order.len() > REMEMBERED_TOKENS {
                if let Some(old) = verified.order.pop_front() {
                    verified.hashes.remove(&old);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_verified_token_is_not_hashed_again_and_forgeries_are_never_remembered() {
        let hasher = Hasher::with_concurrency(1);
        let generated = crate::auth::token::generate("sa");
        let hash = hasher.token_hash(&generated.key).await.unwrap();
        assert_eq!(hash, generated.hashed);
        assert!(
            hasher.remembered(&generated.key).is_none(),
            "not before the database knew it"
        );
        hasher.remember_token(&generated.key, &hash);
        assert_eq!(hasher.computations(), 1);
        for _ in 0..100 {
            assert_eq!(hasher.token_hash(&generated.key).await.unwrap(), hash);
        }
        assert_eq!(
            hasher.computations(),
            1,
            "a verified token is not hashed again"
        );
        assert!(hasher.token_hash("glsa_forged_00000000").await.is_none());
        assert_eq!(hasher.computations(), 1, "a bad checksum costs no hash");
    }

    #[tokio::test]
    async fn a_password_is_checked_while_the_token_queue_is_full() {
        let hasher = Hasher::with_concurrency(1);
        // Every token permit taken, as by a flood of forged tokens.
        let _flood = hasher.tokens.clone().acquire_many_owned(1).await.unwrap();
        let checked = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            hasher.password("pw".to_owned(), "salt".to_owned()),
        )
        .await
        .expect("the password waited behind the token queue");
        assert_eq!(checked, Some(encode_password("pw", "salt")));
    }

    #[test]
    fn the_memory_is_bounded() {
        let hasher = Hasher::with_concurrency(1);
        for i in 0..REMEMBERED_TOKENS + 10 {
            hasher.remember_token(&format!("token-{i}"), "h");
        }
        let verified = hasher.verified.lock().unwrap();
        assert_eq!(verified.hashes.len(), REMEMBERED_TOKENS);
        assert!(!verified.hashes.contains_key(&fingerprint("token-0")));
    }
}
