//! `/datasources/edit/:uid`: Grafana's data source settings page.
//!
//! Loads the data source and its plugin's editor schema (`config-schema.json` or
//! `schema/dsconfig.json`), shows Name / Default, the plugin's `ConfigEditor`, then
//! **Save & test**: `PUT` (with `version`, and only the secrets typed or reset), reload (typed secrets vanish, saved ones show `configured`),
//! then the health check, shown as Grafana shows it. A failed save keeps every edit.

use super::session::sign_in_again_if_needed;
use crate::api::{ApiClient, ApiError};
use crate::components::{Alert, ConfigEditor, ConfirmModal, Severity, Switch, TextField};
use crate::model::{set_option, DataSourceSettings, EditorSchema, SettingsOption};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

/// Everything the form needs, loaded together.
#[derive(Clone)]
struct Loaded {
    settings: DataSourceSettings,
    schema: EditorSchema,
    can_write: bool,
    can_delete: bool,
    /// The server runs Grafana's secure socks proxy (boot data).
    secure_socks_proxy: bool,
}

async fn load(client: ApiClient, uid: String) -> Result<Loaded, ApiError> {
    let settings = client.get_datasource(&uid).await?;
    let schema = client.get_editor_schema(&settings.r#type).await?;
    // Grafana decides with the data source's accessControl metadata; a server that sends
    // none (older Grafana) is asked for the user's org role instead.
    let allowed = |action: &str| {
        settings
            .access_control
            .as_ref()
            .map(|ac| ac.get(action).copied().unwrap_or(false))
    };
    let (write, delete) = match (allowed("datasources:write"), allowed("datasources:delete")) {
        (Some(w), Some(d)) => (w, d),
        _ => {
            let admin = client.current_user_orgs().await.ok().is_some_and(|orgs| {
                orgs.iter()
                    .any(|o| o.org_id == settings.org_id.max(1) && o.role == "Admin")
            });
            (admin, admin)
        }
    };
    let secure_socks_proxy = client
        .frontend_settings()
        .await
        .is_ok_and(|f| f.secure_socks_ds_proxy_enabled);
    Ok(Loaded {
        secure_socks_proxy,
        can_write: write && !settings.read_only,
        can_delete: delete && !settings.read_only,
        settings,
        schema,
    })
}

/// What the testing-status alert shows.
#[derive(Clone, Debug, PartialEq)]
struct TestingStatus {
    severity: Severity,
    title: String,
    body: Option<String>,
    /// A 409: offer to reload the data source.
    conflict: bool,
}

impl TestingStatus {
    fn error(e: &ApiError) -> Self {
        Self {
            severity: Severity::Error,
            title: e.to_string(),
            body: None,
            conflict: e.status() == Some(409),
        }
    }
}

/// The page; reads `:uid` from the route.
#[component]
pub fn EditDataSourcePage(
    /// Where the API is.
    client: ApiClient,
) -> impl IntoView {
    let params = use_params_map();
    let uid = Memo::new(move |_| params.read().get("uid").unwrap_or_default());
    let loader = client.clone();
    let loaded = LocalResource::new(move || load(loader.clone(), uid.get()));
    view! {
        <Transition fallback=|| view! { <p role="status">"Loading data source…"</p> }>
            {move || {
                let client = client.clone();
                Suspend::new(async move {
                    match loaded.await {
                        Ok(data) => view! { <DataSourceForm client data reload=move || loaded.refetch() /> }.into_any(),
                        Err(e) => {
                            sign_in_again_if_needed(&e);
                            view! {
                                <h1 class="lg-page__title">"Data source"</h1>
                                <Alert severity=Severity::Error title=e.to_string()>
                                    <a href="/datasources">"Back to data sources"</a>
                                </Alert>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn DataSourceForm(
    client: ApiClient,
    data: Loaded,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let Loaded {
        settings,
        schema,
        can_write,
        can_delete,
        secure_socks_proxy,
    } = data;
    let read_only_provisioned = settings.read_only;
    let options = RwSignal::new(settings);
    let schema = Signal::stored(schema);
    let status = RwSignal::new(None::<TestingStatus>);
    let busy = RwSignal::new(false);
    let show_all_errors = RwSignal::new(false);
    let confirm_delete = RwSignal::new(false);
    let navigate = use_navigate();

    let name_error = Signal::derive(move || {
        (show_all_errors.get() && options.with(|o| o.name.trim().is_empty()))
            .then(|| "Name is required".to_owned())
    });

    let test = {
        let client = client.clone();
        move || {
            let client = client.clone();
            async move {
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
        }
    };

    let save_and_test = {
        let client = client.clone();
        let test = test.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let test = test.clone();
            if !can_write {
                busy.set(true);
                leptos::task::spawn_local(async move {
                    test().await;
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
                            test().await;
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
    };

    let delete = {
        let client = client.clone();
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
    };

    view! {
        <nav class="lg-breadcrumb" aria-label="Breadcrumb">
            <a href="/datasources">"Data sources"</a>
        </nav>
        <h1 class="lg-page__title">{move || options.with(|o| o.name.clone())}</h1>
        <p class="lg-page__subtitle">{move || format!("Type: {}", options.with(|o| o.r#type.clone()))}</p>
        {read_only_provisioned
            .then(|| {
                view! {
                    <Alert title="Provisioned data source">
                        "This data source was added by config and cannot be modified using the UI. Please contact your server admin to update this data source."
                    </Alert>
                }
            })}
        {(!read_only_provisioned && !can_write)
            .then(|| {
                view! {
                    <Alert title="Missing rights">
                        "You are not allowed to modify this data source. Please contact your server admin to update this data source."
                    </Alert>
                }
            })}
        <form class="lg-panel" on:submit=save_and_test novalidate=true aria-label="Data source settings">
            <div class="lg-basic-settings">
                <TextField
                    id="basic-settings-name"
                    label="Name"
                    required=true
                    placeholder="Name"
                    description="The name is used when you select the data source in panels. The default data source is 'preselected in new panels."
                    value=Signal::derive(move || options.with(|o| o.name.clone()))
                    error=name_error
                    disabled=!can_write
                    on_input=move |v: String| options.update(|o| *o = set_option(o.clone(), SettingsOption::Name(v)))
                />
                <Switch
                    label="Default"
                    checked=Signal::derive(move || options.with(|o| o.is_default))
                    disabled=!can_write
                    on_change=move |on: bool| options.update(|o| *o = set_option(o.clone(), SettingsOption::IsDefault(on)))
                />
            </div>
            <ConfigEditor
                options=options
                on_options_change=move |next| options.set(next)
                schema=schema
                read_only=!can_write
                show_all_errors=show_all_errors
                secure_socks_proxy=secure_socks_proxy
            />
            <div aria-live="polite">
                {move || {
                    status
                        .get()
                        .map(|s| {
                            let reload = reload.clone();
                            view! {
                                <Alert severity=s.severity title=s.title.clone()>
                                    {s.body.clone()}
                                    {s.conflict
                                        .then(|| {
                                            view! {
                                                <button type="button" class="lg-button" on:click=move |_| reload()>
                                                    "Reload data source"
                                                </button>
                                            }
                                        })}
                                </Alert>
                            }
                        })
                }}
            </div>
            <div class="lg-button-row">
                <a class="lg-button" href="/datasources">
                    "Back"
                </a>
                {can_delete
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="lg-button lg-button--destructive"
                                disabled=move || busy.get()
                                on:click=move |_| confirm_delete.set(true)
                            >
                                "Delete"
                            </button>
                        }
                    })}
                <button type="submit" class="lg-button lg-button--primary" disabled=move || busy.get() aria-busy=move || busy.get().then_some("true")>
                    {move || busy.get().then(|| view! { <span class="lg-spinner" aria-hidden="true"></span> })}
                    {if can_write { "Save & test" } else { "Test" }}
                </button>
            </div>
        </form>
        <ConfirmModal
            open=confirm_delete
            title="Delete"
            body=Signal::derive(move || {
                format!("Are you sure you want to delete the \"{}\" data source?", options.with(|o| o.name.clone()))
            })
            confirm_text="Delete"
            on_confirm=move |_| delete()
            on_dismiss=move |_| confirm_delete.set(false)
        />
    }
}
