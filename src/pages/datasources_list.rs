//! `/datasources`: the org's data sources, with **Add data source** (name + type).

use super::session::sign_in_again_if_needed;
use super::FormSubmit;
use crate::api::{ApiClient, ApiError, DataSourceListItem, PluginListItem};
use crate::components::field::Field;
use crate::components::{Alert, ErrorAlert, Severity, TextField};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The list page.
#[component]
pub fn DataSourcesPage(
    /// Where the API is.
    client: ApiClient,
) -> impl IntoView {
    let lister = client.clone();
    let list = LocalResource::new(move || {
        let c = lister.clone();
        async move { c.list_datasources().await }
    });
    let adding = RwSignal::new(false);
    view! {
        <div class="lg-page-header">
            <div>
                <h1 class="lg-page__title">"Data sources"</h1>
                <p class="lg-page__subtitle">"View and manage your connected data source connections"</p>
            </div>
            <button type="button" class="lg-button lg-button--primary" on:click=move |_| adding.set(true)>
                "Add data source"
            </button>
        </div>
        <Show when=move || adding.get()>
            <AddDataSourceForm client=client.clone() on_cancel=move || adding.set(false) />
        </Show>
        <Transition fallback=|| view! { <p role="status">"Loading data sources…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! {
                        <div class="lg-panel lg-empty">
                            <p>"No data sources defined"</p>
                            <button type="button" class="lg-button lg-button--primary" on:click=move |_| adding.set(true)>
                                "Add data source"
                            </button>
                        </div>
                    }.into_any(),
                    Ok(items) => view! { <DataSourceList items /> }.into_any(),
                    Err(e) => {
                        sign_in_again_if_needed(&e);
                        view! { <Alert severity=Severity::Error title=e.to_string() /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn DataSourceList(items: Vec<DataSourceListItem>) -> impl IntoView {
    view! {
        <ul class="lg-card-list" aria-label="Data sources">
            {items
                .into_iter()
                .map(|ds| {
                    let href = format!("/datasources/edit/{}", crate::api::encode(&ds.uid));
                    let kind = if ds.type_name.is_empty() { ds.r#type.clone() } else { ds.type_name.clone() };
                    view! {
                        <li class="lg-card">
                            <a class="lg-card__title" href=href>{ds.name.clone()}</a>
                            <span class="lg-card__meta">{kind} " | " {ds.url.clone()}</span>
                            {ds.is_default.then(|| view! { <span class="lg-badge">"default"</span> })}
                        </li>
                    }
                })
                .collect::<Vec<_>>()}
        </ul>
    }
}

#[component]
fn AddDataSourceForm(
    client: ApiClient,
    on_cancel: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let loader = client.clone();
    let plugins = LocalResource::new(move || {
        let c = loader.clone();
        async move { c.list_datasource_plugins().await }
    });
    let name = RwSignal::new(String::new());
    let plugin_type = RwSignal::new(String::new());
    let form = FormSubmit::new();
    let FormSubmit { error, busy } = form;
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let problem = || {
            (plugin_type.get_untracked().is_empty()).then(|| "Choose a data source type".to_owned())
        };
        if !form.begin(&ev, problem) {
            return;
        }
        let client = client.clone();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match client
                .add_datasource(name.get_untracked().trim(), &plugin_type.get_untracked())
                .await
            {
                Ok(saved) => navigate(
                    &format!(
                        "/datasources/edit/{}",
                        crate::api::encode(&saved.datasource.uid)
                    ),
                    Default::default(),
                ),
                Err(e) => {
                    sign_in_again_if_needed(&e);
                    error.set(Some(e.to_string()));
                    busy.set(false);
                }
            }
        });
    };
    let type_options = move || {
        plugins.get().map(|r: Result<Vec<PluginListItem>, ApiError>| match r {
            Ok(list) => list
                .into_iter()
                .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
                .collect::<Vec<_>>()
                .into_any(),
            Err(e) => view! { <option value="" disabled=true>{format!("Could not load plugins: {e}")}</option> }.into_any(),
        })
    };
    view! {
        <form class="lg-panel" on:submit=submit aria-label="Add data source" novalidate=true>
            <h2>"Add data source"</h2>
            <ErrorAlert error />
            <TextField
                label="Name"
                placeholder="Name"
                description="Leave empty to name it after its type"
                value=name
                on_input=move |v: String| name.set(v)
            />
            <Field control_id="add-datasource-type" label="Type" required=true>
                <select
                    id="add-datasource-type"
                    class="lg-input"
                    prop:value=move || plugin_type.get()
                    on:change:target=move |ev| plugin_type.set(ev.target().value())
                >
                    <option value="" disabled=true>"Choose a type"</option>
                    {type_options}
                </select>
            </Field>
            <div class="lg-button-row">
                <button type="button" class="lg-button" on:click=move |_| on_cancel()>"Cancel"</button>
                <button type="submit" class="lg-button lg-button--primary" disabled=move || busy.get()>"Add"</button>
            </div>
        </form>
    }
}
