//! `Alert`: Grafana's coloured message box (info, success, warning, error).

use crate::components::mount_theme;
use leptos::prelude::*;

/// Severity of an [`Alert`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Severity {
    /// Blue.
    #[default]
    Info,
    /// Green.
    Success,
    /// Orange.
    Warning,
    /// Red; announced immediately (`role="alert"`).
    Error,
}

impl Severity {
    fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Success => "success",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A message box with a title and optional body.
#[component]
pub fn Alert(
    /// Title line.
    #[prop(into)]
    title: String,
    /// Colour and urgency.
    #[prop(optional)]
    severity: Severity,
    /// Body.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    mount_theme();
    let role = if severity == Severity::Error {
        "alert"
    } else {
        "status"
    };
    view! {
        <div class=format!("lg-alert lg-alert--{}", severity.as_str()) role=role>
            <div class="lg-alert__title">{title}</div>
            {children.map(|c| view! { <div class="lg-alert__body">{c()}</div> })}
        </div>
    }
}

/// An error [`Alert`] while `error` holds a message, nothing otherwise: how a form or a
/// page shows the server's `message` after a failed request.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::ErrorAlert;
/// # #[component] fn Form() -> impl IntoView {
/// let error = RwSignal::new(Some("Service account name already exists".to_owned()));
/// view! { <ErrorAlert error /> }
/// # }
/// ```
#[component]
pub fn ErrorAlert(
    /// The message to show.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        error
            .get()
            .map(|e| view! { <Alert severity=Severity::Error title=e /> })
    }
}
