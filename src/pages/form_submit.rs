//! `FormSubmit`: the error and busy state of a page's form that sends one request, and
//! the start every submit of such a form shares.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// A form's message above its fields and whether its request is running.
#[derive(Clone, Copy)]
pub struct FormSubmit {
    /// The message above the fields (the form's own check, or the server's answer).
    pub error: RwSignal<Option<String>>,
    /// A request is running: the submit button is disabled and submits do nothing.
    pub busy: RwSignal<bool>,
}

impl FormSubmit {
    /// No message, nothing running.
    pub fn new() -> Self {
        Self {
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Starts a submit: stops the browser's own, then answers whether to send. Not while
    /// a request is running; not when `problem` (the form's own check) has a message,
    /// which is shown. Otherwise the form becomes busy.
    pub fn begin(&self, ev: &SubmitEvent, problem: impl FnOnce() -> Option<String>) -> bool {
        ev.prevent_default();
        if self.busy.get_untracked() {
            return false;
        }
        if let Some(message) = problem() {
            self.error.set(Some(message));
            return false;
        }
        self.busy.set(true);
        true
    }
}
