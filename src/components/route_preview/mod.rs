//! `RoutePreview`: the "Routes" section of the editor. For each `plugin.json` route, the
//! request Grafana's data source proxy sends with the settings as edited (method, URL,
//! headers, query parameters, body, token exchange), secrets shown only as
//! `configured`, `changed` or **missing**, and the plugin checks' findings beside it.

use crate::components::{mount_style, mount_theme, ConfigSection};
use crate::model::route_preview::{RoutePreview as Preview, SecretState, Segment};
use grafana_model::Severity;
use leptos::prelude::*;

fn segments_view(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => view! { <span>{t}</span> }.into_any(),
            Segment::Secret { key, state } => {
                let class = if state == SecretState::Missing {
                    "lg-route__secret lg-route__secret--missing"
                } else {
                    "lg-route__secret"
                };
                let label = format!("secret {key}: {}", state.label());
                view! { <span class=class title=label.clone() aria-label=label>{state.label()}</span> }
                    .into_any()
            }
            Segment::Missing => view! {
                <span class="lg-route__missing" aria-label="missing value">"<no value>"</span>
            }
            .into_any(),
            Segment::Error(e) => {
                view! { <span class="lg-route__missing">{format!("cannot render: {e}")}</span> }
                    .into_any()
            }
        })
        .collect::<Vec<_>>()
}

fn route_view(route: Preview) -> impl IntoView {
    let title = format!("{} /{}", route.method, route.path.trim_start_matches('/'));
    let mut rows: Vec<(String, Vec<Segment>)> = vec![("URL".to_owned(), route.url)];
    for (name, value) in route.headers {
        rows.push((format!("Header {name}"), value));
    }
    for (name, value) in route.url_params {
        let label: String = name
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.clone(),
                _ => "…".to_owned(),
            })
            .collect();
        rows.push((format!("Query {label}"), value));
    }
    if let Some(body) = route.body {
        rows.push(("Body".to_owned(), body));
    }
    if let Some(exchange) = route.token_auth {
        rows.push(("Token from".to_owned(), exchange.url));
        for (k, v) in exchange.params {
            rows.push((format!("Token {k}"), v));
        }
    }
    let findings = route.findings;
    view! {
        <li class="lg-route">
            <h4 class="lg-route__title">{title}</h4>
            <dl class="lg-route__parts">
                {rows
                    .into_iter()
                    .map(|(label, value)| {
                        view! {
                            <dt>{label}</dt>
                            <dd>{segments_view(value)}</dd>
                        }
                    })
                    .collect::<Vec<_>>()}
            </dl>
            {(!findings.is_empty())
                .then(|| {
                    view! {
                        <ul class="lg-route__findings" aria-label="Problems">
                            {findings
                                .into_iter()
                                .map(|f| {
                                    let (class, word) = match f.severity {
                                        Severity::Error => ("lg-route__finding--error", "Error"),
                                        Severity::Warning => ("lg-route__finding--warning", "Warning"),
                                    };
                                    view! { <li class=class>{format!("{word}: {}", f.message)}</li> }
                                })
                                .collect::<Vec<_>>()}
                        </ul>
                    }
                })}
        </li>
    }
}

/// The section; `routes` is recomputed from the settings being edited.
#[component]
pub fn RoutePreview(
    /// The preview of each route.
    #[prop(into)]
    routes: Signal<Vec<Preview>>,
) -> impl IntoView {
    mount_theme();
    mount_style("lg-route-preview", include_str!("route_preview.css"));
    view! {
        <ConfigSection
            title="Routes"
            description="The requests Grafana's data source proxy sends with these settings (as edited, not yet saved). Secrets show only whether they are set."
            collapsible=true
            initially_open=false
        >
            <ul class="lg-routes">{move || routes.get().into_iter().map(route_view).collect::<Vec<_>>()}</ul>
        </ConfigSection>
    }
}
