//! `Mounted<S>`: one mount made from JavaScript: the view, the reactive owner of
//! everything the mount created (signals, stored callbacks), and the mount's own state
//! `S`. Dropping it unmounts the view (emptying its element), then frees the rest; that is
//! what every handle's `unmount()` does.

use super::host;
use leptos::prelude::{Owner, RwSignal, Set, WithUntracked};
use std::any::Any;
use wasm_bindgen::JsError;

/// A live mount; see the module docs.
pub struct Mounted<S> {
    /// What the handle's `update` changes.
    pub state: S,
    view: Option<Box<dyn Any>>,
    owner: Owner,
}

impl<S> Mounted<S> {
    /// Runs `build` inside a new owner: it creates the mount's signals and mounts the view
    /// (`leptos::mount::mount_to`), returning both.
    pub fn new(
        build: impl FnOnce() -> Result<(S, Box<dyn Any>), JsError>,
    ) -> Result<Self, JsError> {
        let owner = Owner::new();
        let (state, view) = owner.with(build)?;
        Ok(Self {
            state,
            view: Some(view),
            owner,
        })
    }

    /// The mount's owner (for reactive values an `update` creates).
    #[cfg_attr(
        not(any(feature = "config-editor", feature = "dsconfig-editor")),
        allow(dead_code)
    )]
    pub fn owner(&self) -> &Owner {
        &self.owner
    }
}

impl<S> Drop for Mounted<S> {
    fn drop(&mut self) {
        // The view first (it removes the DOM and its own child owner), then everything the
        // mount created outside the view.
        self.view.take();
        self.owner.cleanup();
    }
}

/// Ends the mount in `slot`, if any: at once, or when the host called `unmount()` from
/// inside one of its callbacks, as soon as the kit's code on the stack has returned.
pub fn unmount<S: 'static>(slot: &mut Option<Mounted<S>>) {
    if let Some(mounted) = slot.take() {
        host::when_outside_callbacks(move || drop(mounted));
    }
}

/// Sets `signal` to `next` when an update carries one that differs from what it holds: a
/// prop repeated unchanged changes nothing (typing keeps its focus and caret).
pub fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, next: Option<T>) {
    if let Some(next) = next
        && signal.with_untracked(|current| *current != next)
    {
        signal.set(next);
    }
}
