//! `/datasources/edit/:uid`: Grafana's data source settings page.
//!
//! Loads the data source and its plugin's editor schema (`config-schema.json` or
//! `schema/dsconfig.json`), shows Name / Default, the plugin's `ConfigEditor`, then
//! **Save & test**: `PUT` (with `version`, and only the secrets typed or reset), reload (typed secrets vanish, saved ones show `configured`),
//! then the health check, shown as Grafana shows it. A plugin without a backend tests
//! itself in the browser (its `testDatasource()`), which this page cannot run: it says so
//! instead. A failed save keeps every edit.

mod basic_settings;
mod button_row;
mod loaded;
mod read_only_messages;
mod requests;
mod testing_status;

use super::session::sign_in_again_if_needed;
use super::LoadedPage;
use crate::api::{ApiClient, ApiError};
use crate::components::{ConfigEditor, ConfirmModal};
use basic_settings::BasicSettings;
use button_row::ButtonRow;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use loaded::{load, Loaded};
use read_only_messages::{DataSourceMissingRightsMessage, DataSourceReadOnlyMessage};
use requests::FormState;
use testing_status::{DataSourceTestingStatus, TestingStatus};

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
        <LoadedPage
            loading="Loading data source…"
            title="Data source"
            resource=loaded
            on_error=|e: ApiError| {
                sign_in_again_if_needed(&e);
            }
            back=|| view! { <a href="/datasources">"Back to data sources"</a> }
            let:data
        >
            <DataSourceForm client=client.clone() data reload=move |_| loaded.refetch() />
        </LoadedPage>
    }
}

/// The loaded data source's settings: title, why it cannot be changed (if so), the form
/// (Name / Default, the plugin's editor, the testing status, the buttons) and the delete
/// confirmation.
#[component]
fn DataSourceForm(
    /// Where the API is.
    client: ApiClient,
    /// What was loaded.
    data: Loaded,
    /// Load the data source again (after a conflict).
    #[prop(into)]
    reload: Callback<()>,
) -> impl IntoView {
    let Loaded {
        settings,
        schema,
        can_write,
        can_delete,
        secure_socks_proxy,
        has_backend,
    } = data;
    let read_only_provisioned = settings.read_only;
    let options = RwSignal::new(settings);
    let schema = Signal::stored(schema);
    let status = RwSignal::new(None::<TestingStatus>);
    let busy = RwSignal::new(false);
    let show_all_errors = RwSignal::new(false);
    let form = FormState {
        options,
        schema,
        status,
        busy,
        show_all_errors,
        has_backend,
    };
    let confirm_delete = RwSignal::new(false);
    let save_and_test = requests::save_and_test(client.clone(), form, can_write);
    let delete = requests::delete(client, form, confirm_delete);

    view! {
        <nav class="lg-breadcrumb" aria-label="Breadcrumb">
            <a href="/datasources">"Data sources"</a>
        </nav>
        <h1 class="lg-page__title">{move || options.with(|o| o.name.clone())}</h1>
        <p class="lg-page__subtitle">{move || format!("Type: {}", options.with(|o| o.r#type.clone()))}</p>
        {read_only_provisioned.then(|| view! { <DataSourceReadOnlyMessage /> })}
        {(!read_only_provisioned && !can_write).then(|| view! { <DataSourceMissingRightsMessage /> })}
        <form class="lg-panel" on:submit=save_and_test novalidate=true aria-label="Data source settings">
            <BasicSettings options show_all_errors can_write />
            <ConfigEditor
                options=options
                on_options_change=move |next| options.set(next)
                schema=schema
                read_only=!can_write
                show_all_errors=show_all_errors
                secure_socks_proxy=secure_socks_proxy
            />
            <DataSourceTestingStatus status on_reload=reload />
            <ButtonRow can_write can_delete busy on_delete=move |_| confirm_delete.set(true) />
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
