//! `ConfirmModal`: Grafana's confirmation dialog before a destructive action, on the
//! native `<dialog>` (focus trapped, Escape cancels, focus returns to the opener).

use crate::components::dom::show_modal_while;
use crate::components::{mount_style, mount_theme, unique_id};
use leptos::html;
use leptos::prelude::*;

/// A modal asking to confirm; open while `open` is true.
#[component]
pub fn ConfirmModal(
    /// Whether the dialog is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// Title, e.g. "Delete".
    #[prop(into)]
    title: String,
    /// The question.
    #[prop(into)]
    body: Signal<String>,
    /// Label of the confirming button, e.g. "Delete".
    #[prop(into)]
    confirm_text: String,
    /// Reactive title; replaces `title` when given.
    #[prop(optional, into)]
    title_text: MaybeProp<String>,
    /// Reactive confirm label; replaces `confirm_text` when given.
    #[prop(optional, into)]
    confirm_label: MaybeProp<String>,
    /// Called on confirm.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// Called on Cancel, Escape or a click outside.
    #[prop(into)]
    on_dismiss: Callback<()>,
) -> impl IntoView {
    mount_theme();
    mount_style("lg-confirm-modal", include_str!("confirm_modal.css"));
    let dialog = NodeRef::<html::Dialog>::new();
    let title_id = unique_id("lg-modal-title");
    let body_id = unique_id("lg-modal-body");
    let (labelled_by, described_by) = (title_id.clone(), body_id.clone());
    show_modal_while(dialog, open);
    view! {
        <dialog
            node_ref=dialog
            class="lg-modal"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_dismiss.run(());
            }
        >
            <h2 class="lg-modal__header" id=title_id>
                {move || title_text.get().unwrap_or_else(|| title.clone())}
            </h2>
            <div class="lg-modal__body" id=body_id>
                {move || body.get()}
            </div>
            <div class="lg-modal__footer">
                <button type="button" class="lg-button" on:click=move |_| on_dismiss.run(())>
                    "Cancel"
                </button>
                <button type="button" class="lg-button lg-button--destructive" on:click=move |_| on_confirm.run(())>
                    {move || confirm_label.get().unwrap_or_else(|| confirm_text.clone())}
                </button>
            </div>
        </dialog>
    }
}
