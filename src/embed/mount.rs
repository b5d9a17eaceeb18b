//! One mount made from JavaScript, and the handle JavaScript holds.
//!
//! - [`Mounted<S>`]: the view, the reactive owner of everything the mount created
//!   (signals, stored callbacks) and the mount's own state `S`. Dropping it unmounts the
//!   view (emptying its element), then frees the rest.
//! - [`MountHandle`]: what every mount function returns to JavaScript (`update(props)`,
//!   `unmount()`); `update` is the mount's [`Update`], `unmount` drops the `Mounted`.

use super::host;
use super::props::Props;
use leptos::prelude::{Owner, RwSignal, Set, WithUntracked};
use std::any::Any;
use wasm_bindgen::prelude::*;

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
}

/// Mounts one component into `element`: `build` runs inside the mount's new reactive owner,
/// creates the mount's signals and returns its state (what `update` changes) and its view;
/// the view is mounted, with the kit's theme, in the same owner. Errors of the returned
/// handle's `update` name `update_api` (e.g. `"QueryEditorHandle.update"`).
pub fn mount<S, F, V>(
    update_api: &'static str,
    element: web_sys::HtmlElement,
    build: impl FnOnce() -> Result<(S, F), JsError>,
) -> Result<MountHandle, JsError>
where
    S: Update,
    F: FnOnce() -> V + 'static,
    V: leptos::prelude::IntoView + 'static,
{
    crate::components::mount_theme();
    let mounted = Mounted::new(|| {
        let (state, view) = build()?;
        let view = leptos::mount::mount_to(element, view);
        Ok((state, Box::new(view) as Box<dyn Any>))
    })?;
    Ok(MountHandle::new(update_api, mounted))
}

impl<S> Drop for Mounted<S> {
    fn drop(&mut self) {
        // The view first (it removes the DOM and its own child owner), then everything the
        // mount created outside the view.
        self.view.take();
        self.owner.cleanup();
    }
}

/// What a mount's `update(props)` does with a new (partial) props object.
pub trait Update: 'static {
    /// Applies `props`; reactive values it creates belong to `owner` (the mount's).
    fn update(&mut self, props: &Props, owner: &Owner) -> Result<(), JsError>;
}

/// A mount of any state, as the handle holds it.
trait Live {
    fn update(&mut self, props: &Props) -> Result<(), JsError>;
}

impl<S: Update> Live for Mounted<S> {
    fn update(&mut self, props: &Props) -> Result<(), JsError> {
        let owner = self.owner.clone();
        self.state.update(props, &owner)
    }
}

/// A mounted component, as JavaScript holds it: `update(props)` and `unmount()` (and
/// wasm-bindgen's `free()`). Every mount function of the kit, and of an author's crate,
/// returns one.
#[wasm_bindgen]
pub struct MountHandle {
    mounted: Option<Box<dyn Live>>,
    api: &'static str,
}

impl MountHandle {
    /// The handle of `mounted`; `api` names its `update` in errors (e.g.
    /// `"ConfigEditorHandle.update"`).
    pub fn new<S: Update>(api: &'static str, mounted: Mounted<S>) -> Self {
        Self {
            mounted: Some(Box::new(mounted)),
            api,
        }
    }
}

#[wasm_bindgen]
impl MountHandle {
    /// Applies new props (any subset of the mount's props). Values equal to what the
    /// component holds change nothing, so typing keeps its focus and caret.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "object")] props: JsValue,
    ) -> Result<(), JsError> {
        let props = Props::new(self.api, &props)?;
        match self.mounted.as_mut() {
            Some(mounted) => mounted.update(&props),
            None => Err(props.error("the component was unmounted; mount it again")),
        }
    }

    /// Removes the component and frees what it held; its element is left empty. Calling
    /// it twice is harmless. From inside a host callback, the unmount happens as soon as
    /// the kit's code on the stack has returned.
    pub fn unmount(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            host::when_outside_callbacks(move || drop(mounted));
        }
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
