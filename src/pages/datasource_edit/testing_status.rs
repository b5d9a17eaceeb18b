//! The testing status below the settings (Grafana's `DataSourceTestingStatus`): Testing…,
//! the health check's result, or why a save failed; a conflict (409) offers **Reload data
//! source**.

use crate::api::ApiError;
use crate::components::{Alert, Severity};
use leptos::prelude::*;

/// What the testing-status alert shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TestingStatus {
    /// The alert's severity.
    pub severity: Severity,
    /// Its title.
    pub title: String,
    /// Its text, if any.
    pub body: Option<String>,
    /// A 409: offer to reload the data source.
    pub conflict: bool,
}

impl TestingStatus {
    /// The status of a failed request.
    pub fn error(e: &ApiError) -> Self {
        Self {
            severity: Severity::Error,
            title: e.to_string(),
            body: None,
            conflict: e.status() == Some(409),
        }
    }
}

/// The status, announced politely as it changes.
#[component]
pub fn DataSourceTestingStatus(
    /// What to show (nothing when `None`).
    status: RwSignal<Option<TestingStatus>>,
    /// **Reload data source** was pressed.
    #[prop(into)]
    on_reload: Callback<()>,
) -> impl IntoView {
    view! {
        <div aria-live="polite">
            {move || {
                status
                    .get()
                    .map(|s| {
                        view! {
                            <Alert severity=s.severity title=s.title.clone()>
                                {s.body.clone()}
                                {s.conflict
                                    .then(|| {
                                        view! {
                                            <button type="button" class="lg-button" on:click=move |_| on_reload.run(())>
                                                "Reload data source"
                                            </button>
                                        }
                                    })}
                            </Alert>
                        }
                    })
            }}
        </div>
    }
}
