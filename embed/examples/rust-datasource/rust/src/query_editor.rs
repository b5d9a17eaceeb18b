//! The example's `QueryEditor`: a query text and a region whose options come from the data
//! source's resources (`GET …/resources/regions`, through `datasource.getResource`).
//! Typing calls Grafana's `onChange` with the query; Enter, or choosing a region, runs it
//! (`onRunQuery`), as Grafana's own editors do.

use leptos::prelude::*;
use leptos_grafana::embed::QueryEditorProps;
use serde::{Deserialize, Serialize};

/// The example's query: its own fields only; Grafana's (`refId`, `datasource`, …) are kept
/// by the kit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleQuery {
    #[serde(default)]
    pub query_text: String,
    #[serde(default)]
    pub region: String,
}

/// One region the backend offers.
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Region {
    id: String,
    name: String,
}

#[component]
pub fn ExampleQueryEditor(props: QueryEditorProps<ExampleQuery>) -> impl IntoView {
    let QueryEditorProps {
        query,
        on_change,
        on_run_query,
        datasource,
    } = props;
    let regions = LocalResource::new(move || {
        let datasource = datasource.get();
        async move { datasource.get_resource::<Vec<Region>>("regions", &[]).await }
    });
    let text = Signal::derive(move || query.with(|q| q.query_text.clone()));
    let region = Signal::derive(move || query.with(|q| q.region.clone()));
    let options = move || match regions.get() {
        None => {
            vec![view! { <option value="" disabled=true>"Loading regions…"</option> }.into_any()]
        }
        Some(Err(e)) => vec![
            view! { <option value="" disabled=true>{format!("Regions unavailable: {e}")}</option> }
                .into_any(),
        ],
        Some(Ok(list)) => {
            std::iter::once(view! { <option value="">"Default region"</option> }.into_any())
                .chain(list.into_iter().map(|r| {
                    let selected = region.with_untracked(|current| *current == r.id);
                    view! { <option value=r.id selected=selected>{r.name}</option> }.into_any()
                }))
                .collect()
        }
    };
    let error = move || match regions.get() {
        Some(Err(e)) => {
            Some(view! { <p role="alert">{format!("Could not load the regions: {e}")}</p> })
        }
        _ => None,
    };
    view! {
        <div class="example-rust-query-editor">
            <label>
                "Query text "
                <input
                    type="text"
                    prop:value=text
                    on:input=move |ev| {
                        let mut next = query.get_untracked();
                        next.query_text = event_target_value(&ev);
                        on_change.run(next);
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            on_run_query.run(());
                        }
                    }
                />
            </label>
            <label>
                "Region "
                <select
                    prop:value=region
                    on:change=move |ev| {
                        let mut next = query.get_untracked();
                        next.region = event_target_value(&ev);
                        on_change.run(next);
                        on_run_query.run(());
                    }
                >
                    {options}
                </select>
            </label>
            {error}
        </div>
    }
}
