//! One password check at a time per login. Grafana checks whether a login is blocked
//! *before* hashing and records the failure *after*, so guesses sent all at once all pass
//! the check: 60 parallel wrong passwords and one right one were all checked. Here the
//! checks of one login run in turn (block check, hash, record), so however guesses arrive,
//! at most [`super::store::MAX_ATTEMPTS`] failures within the window are ever checked,
//! while parallel sign-ins of *different* logins, and repeated right passwords of one,
//! are unaffected. An entry lives only while a check of its login runs or waits.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

type Slot = Arc<tokio::sync::Mutex<()>>;

/// The per-login queues; one per devserver.
#[derive(Default)]
pub struct SignInQueue {
    slots: Mutex<HashMap<[u8; 32], Slot>>,
}

impl std::fmt::Debug for SignInQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInQueue").finish_non_exhaustive()
    }
}

/// Removes the login's entry when the last check holding it ends (or is cancelled).
struct Holder<'a> {
    queue: &'a SignInQueue,
    key: [u8; 32],
    slot: Option<Slot>,
}

impl Drop for Holder<'_> {
    fn drop(&mut self) {
        let mut slots = self
            .queue
            .slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // The map's reference and ours: nobody else runs or waits.
        if self.slot.take().is_some_and(|s| Arc::strong_count(&s) == 2) {
            slots.remove(&self.key);
        }
    }
}

impl SignInQueue {
    /// Runs `check` after every earlier check of `login` has ended.
    pub async fn run<T>(&self, login: &str, check: impl Future<Output = T>) -> T {
        let key: [u8; 32] = Sha256::digest(login.as_bytes()).into();
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
            slots.entry(key).or_default().clone()
        };
        // The holder keeps the only other reference, so that its drop (at the end, or on
        // cancellation) sees exactly the map's and its own.
        let holder = Holder {
            queue: self,
            key,
            slot: Some(slot),
        };
        let _turn = match &holder.slot {
            Some(slot) => Some(slot.lock().await),
            None => None,
        };
        check.await
    }

    /// Logins with a check running or waiting.
    pub fn len(&self) -> usize {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether no check runs or waits.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn checks_of_one_login_never_overlap_and_entries_go_away() {
        let queue = Arc::new(SignInQueue::default());
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..32)
            .map(|i| {
                let (queue, running, most) = (queue.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    let login = if i % 2 == 0 { "a" } else { "b" };
                    queue
                        .run(login, async {
                            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            tokio::task::yield_now().await;
                            running.fetch_sub(1, Ordering::SeqCst);
                        })
                        .await
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert!(most.load(Ordering::SeqCst) <= 2, "one per login at a time");
        assert!(queue.is_empty());
        // A cancelled check leaves nothing behind either.
        let pending = queue.run("c", std::future::pending::<()>());
        let _ = tokio::time::timeout(std::time::Duration::from_millis(10), pending).await;
        assert!(queue.is_empty());
    }
}
