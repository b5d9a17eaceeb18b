//! What the settings page asks the server: **Save & test** (validate, `PUT`, reload the
//! saved settings, then the health check), **Test** alone for a user who may not save,
//! and Delete. Each shows its outcome in the testing status. The health check goes to
//! `/health` only when the plugin has a backend to answer it, as in Grafana; a
//! frontend-only plugin's test is its own `testDatasource()`, which only its page in
//! Grafana can run, and the status says so.

use super::testing_status::TestingStatus;
use crate::api::ApiClient;
use crate::components::Severity;
use crate::model::{DataSourceSettings, EditorSchema};
use crate::pages::session::sign_in_again_if_needed;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The form's state the requests read and write.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The settings being edited.
    pub options: RwSignal<DataSourceSettings>,
    /// The plugin's editor schema (for validation).
    pub schema: Signal<EditorSchema>,
    /// The testing status shown.
    pub status: RwSignal<Option<TestingStatus>>,
    /// A request is running.
    pub busy: RwSignal<bool>,
    /// Show every field's error (a save was tried).
    pub show_all_errors: RwSignal<bool>,
    /// Whether the plugin has a backend (`None`: unknown, ask `/health`).
    pub has_backend: Option<bool>,
}

/// The status of a data source whose plugin has no backend: nothing here can test it.
fn tested_by_its_plugin(saved: bool) -> TestingStatus {
    let why = "Its plugin has no backend: Grafana tests it with the plugin's own testDatasource(), in the browser, on the data source's page inside Grafana.";
    TestingStatus {
        severity: Severity::Info,
        title: "Save & test needs the plugin's own page".to_owned(),
        body: Some(if saved {
            format!("The settings are saved. {why}")
        } else {
            why.to_owned()
        }),
        conflict: false,
    }
}

/// The health check of the data source being edited: "Testing…", then its result.
async fn test(client: ApiClient, form: FormState, saved: bool) {
    let FormState {
        options,
        status,
        has_backend,
        ..
    } = form;
    if has_backend == Some(false) {
        status.set(Some(tested_by_its_plugin(saved)));
        return;
    }
    let uid = options.with_untracked(|o| o.uid.clone());
    status.set(Some(TestingStatus {
        severity: Severity::Info,
        title: "Testing... this could take up to a couple of minutes".to_owned(),
        body: None,
        conflict: false,
    }));
    let next = match client.check_datasource_health(&uid).await {
        Ok(r) if r.is_ok() => TestingStatus {
            severity: Severity::Success,
            title: r.message,
            body: Some("Next, you can start to visualize data by building a dashboard, or by querying data in the Explore view.".to_owned()),
            conflict: false,
        },
        Ok(r) => TestingStatus {
            severity: Severity::Error,
            title: if r.message.is_empty() { "Health check failed".to_owned() } else { r.message },
            body: r.details.as_ref().and_then(|d| d.get("message")).and_then(|m| m.as_str()).map(str::to_owned),
            conflict: false,
        },
        Err(e) => {
            sign_in_again_if_needed(&e);
            TestingStatus::error(&e)
        }
    };
    status.set(Some(next));
}

/// The form's submit: **Save & test**, or **Test** when the user may not save. Invalid
/// settings are not sent: the status lists what is wrong. A failed save keeps every
/// edit.
pub fn save_and_test(
    client: ApiClient,
    form: FormState,
    can_write: bool,
) -> impl Fn(leptos::ev::SubmitEvent) + Clone + 'static {
    let FormState {
        options,
        schema,
        status,
        busy,
        show_all_errors,
        ..
    } = form;
    move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if !can_write {
            busy.set(true);
            let client = client.clone();
            leptos::task::spawn_local(async move {
                test(client, form, false).await;
                busy.set(false);
            });
            return;
        }
        show_all_errors.set(true);
        let mut problems: Vec<String> = schema
            .with_untracked(|s| options.with_untracked(|o| s.validate(o)))
            .into_iter()
            .map(|(_, m)| m)
            .collect();
        if options.with_untracked(|o| o.name.trim().is_empty()) {
            problems.insert(0, "Name is required".to_owned());
        }
        if !problems.is_empty() {
            problems.dedup();
            status.set(Some(TestingStatus {
                severity: Severity::Error,
                title: problems.join(" · "),
                body: None,
                conflict: false,
            }));
            return;
        }
        busy.set(true);
        status.set(None);
        let client = client.clone();
        leptos::task::spawn_local(async move {
            match client.update_datasource(&options.get_untracked()).await {
                Ok(_) => match client
                    .get_datasource(&options.with_untracked(|o| o.uid.clone()))
                    .await
                {
                    // The reloaded settings carry no secrets: typed ones are gone from
                    // memory and the page, stored ones show "configured".
                    Ok(fresh) => {
                        options.set(fresh);
                        show_all_errors.set(false);
                        test(client, form, true).await;
                    }
                    Err(e) => status.set(Some(TestingStatus::error(&e))),
                },
                Err(e) => {
                    if !sign_in_again_if_needed(&e) {
                        status.set(Some(TestingStatus::error(&e)));
                    }
                }
            }
            busy.set(false);
        });
    }
}

/// Deletes the data source (once confirmed), then goes to the data sources list.
pub fn delete(
    client: ApiClient,
    form: FormState,
    confirm_delete: RwSignal<bool>,
) -> impl Fn() + Clone + Send + Sync + 'static {
    let FormState {
        options,
        status,
        busy,
        ..
    } = form;
    let navigate = use_navigate();
    move || {
        confirm_delete.set(false);
        busy.set(true);
        let client = client.clone();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match client
                .delete_datasource(&options.with_untracked(|o| o.uid.clone()))
                .await
            {
                Ok(()) => navigate("/datasources", Default::default()),
                Err(e) => {
                    sign_in_again_if_needed(&e);
                    status.set(Some(TestingStatus::error(&e)));
                    busy.set(false);
                }
            }
        });
    }
}
