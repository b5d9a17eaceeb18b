//! The route preview: for each `plugin.json` route, the request Grafana's data source
//! proxy will send with the settings being edited (not yet saved), with every secret
//! shown only as its state: `configured` (stored, not changed), `changed` (typed in this
//! session) or **missing**; and the plugin checks' findings for that route.
//!
//! Secret values never reach the preview: templates are rendered with a stand-in for
//! each secret, so nothing typed in a secret field is ever put into the page again.
//!
//! ```
//! use grafana_model::PluginJson;
//! use leptos_grafana::model::route_preview::{preview, Segment, SecretState};
//! use leptos_grafana::model::DataSourceSettings;
//! let plugin = PluginJson::from_json(r#"{"type":"datasource","id":"x","routes":[{"path":"api",
//!   "url":"https://api.example.com/{{ .JsonData.project }}",
//!   "headers":[{"name":"Authorization","content":"Bearer {{ .SecureJsonData.apiKey }}"}]}]}"#).unwrap();
//! let mut s = DataSourceSettings::default();
//! s.json_data.insert("project".into(), "p1".into());
//! s.secure_json_fields.insert("apiKey".into(), true);
//! let routes = preview(&plugin, &s, None);
//! assert_eq!(routes[0].url, vec![Segment::Text("https://api.example.com/p1".into())]);
//! assert_eq!(routes[0].headers[0].1[1], Segment::Secret { key: "apiKey".into(), state: SecretState::Configured });
//! ```

use super::DataSourceSettings;
use grafana_model::route_template::{render, TemplateData, NO_VALUE};
use grafana_model::{check_plugin, EditorKeys, Finding, PluginJson};
use std::collections::BTreeMap;

/// What is known of a secret a template reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretState {
    /// Stored on the server and not changed in this session.
    Configured,
    /// Typed (or reset) in this session; saved with the settings.
    Changed,
    /// Neither stored nor typed: Grafana would send `<no value>`.
    Missing,
}

impl SecretState {
    /// The word shown in its place.
    pub fn label(self) -> &'static str {
        match self {
            SecretState::Configured => "configured",
            SecretState::Changed => "changed",
            SecretState::Missing => "missing",
        }
    }
}

/// A piece of a rendered value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Rendered text.
    Text(String),
    /// A secret, by name and state only.
    Secret {
        /// The `secureJsonData` key.
        key: String,
        /// What is known of it.
        state: SecretState,
    },
    /// A `jsonData` value that is not set: Grafana sends `<no value>`.
    Missing,
    /// The template does not render; the message says why.
    Error(String),
}

/// A rendered value.
pub type Rendered = Vec<Segment>;

/// The client-credentials exchange: the token URL and the form parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenExchange {
    /// Where the token comes from.
    pub url: Rendered,
    /// Form parameters: name and value.
    pub params: Vec<(String, Rendered)>,
}

/// One route, as the proxy would send it now.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutePreview {
    /// Index in `routes`.
    pub index: usize,
    /// `path`, as written.
    pub path: String,
    /// The method, or `Any`.
    pub method: String,
    /// The target URL.
    pub url: Vec<Segment>,
    /// Headers: name and value.
    pub headers: Vec<(String, Vec<Segment>)>,
    /// Query parameters: name and value.
    pub url_params: Vec<(Vec<Segment>, Vec<Segment>)>,
    /// The JSON body.
    pub body: Option<Vec<Segment>>,
    /// The client-credentials exchange.
    pub token_auth: Option<TokenExchange>,
    /// The checks' findings for this route.
    pub findings: Vec<Finding>,
}

/// Marks a secret's place in a rendered string (no text a template could print).
const MARK: char = '\u{1}';

/// Renders `template` with secrets replaced by marks, then splits it into segments.
fn segments(
    template: &str,
    data: &TemplateData<'_>,
    states: &BTreeMap<String, SecretState>,
) -> Vec<Segment> {
    let rendered = match render(template, data) {
        Ok(r) => r.text,
        Err(e) => return vec![Segment::Error(e.message)],
    };
    let mut out = Vec::new();
    let push_text = |out: &mut Vec<Segment>, text: &str| {
        // `<no value>` from jsonData becomes a Missing segment.
        let mut rest = text;
        while let Some(i) = rest.find(NO_VALUE) {
            if i > 0 {
                out.push(Segment::Text(rest[..i].to_owned()));
            }
            out.push(Segment::Missing);
            rest = &rest[i + NO_VALUE.len()..];
        }
        if !rest.is_empty() {
            out.push(Segment::Text(rest.to_owned()));
        }
    };
    for (i, piece) in rendered.split(MARK).enumerate() {
        if i % 2 == 0 {
            push_text(&mut out, piece);
        } else {
            let state = states.get(piece).copied().unwrap_or(SecretState::Missing);
            out.push(Segment::Secret {
                key: piece.to_owned(),
                state,
            });
        }
    }
    out
}

/// The preview of every route of `plugin` with `settings`; `keys` (the editor's) also
/// checks which keys the templates read.
pub fn preview(
    plugin: &PluginJson,
    settings: &DataSourceSettings,
    keys: Option<&EditorKeys>,
) -> Vec<RoutePreview> {
    // Every secret a template may read, by state; each renders as MARK key MARK.
    let mut states: BTreeMap<String, SecretState> = BTreeMap::new();
    for (k, stored) in &settings.secure_json_fields {
        if *stored {
            states.insert(k.clone(), SecretState::Configured);
        }
    }
    for (k, v) in &settings.secure_json_data {
        let state = if v.is_empty() {
            SecretState::Missing
        } else {
            SecretState::Changed
        };
        states.insert(k.clone(), state);
    }
    let mut stand_ins: BTreeMap<String, String> = BTreeMap::new();
    for route in &plugin.routes {
        let mut templates: Vec<&str> = vec![route.url.as_str()];
        templates.extend(route.headers.iter().map(|h| h.content.as_str()));
        templates.extend(
            route
                .url_params
                .iter()
                .flat_map(|p| [p.name.as_str(), p.content.as_str()]),
        );
        if let Some(auth) = &route.token_auth {
            templates.push(auth.url.as_str());
            templates.extend(auth.params.values().map(String::as_str));
        }
        let body = route
            .body
            .as_ref()
            .map(|b| serde_json::to_string(b).unwrap_or_default());
        templates.extend(body.as_deref());
        for t in templates {
            for r in grafana_model::route_template::references(t) {
                if r.source == grafana_model::route_template::Source::SecureJsonData {
                    let key = r.key().to_owned();
                    stand_ins.insert(key.clone(), format!("{MARK}{key}{MARK}"));
                }
            }
        }
    }
    // (A missing secret renders `<no value>` in Grafana; here it is a Missing secret.)
    let data_stand_ins: BTreeMap<String, String> = stand_ins;
    let findings = check_plugin(plugin, keys);
    plugin
        .routes
        .iter()
        .enumerate()
        .map(|(index, route)| {
            let data = TemplateData::new(&settings.url, &settings.json_data, &data_stand_ins);
            let seg = |t: &str| segments(t, &data, &states);
            let prefix = format!("routes[{index}].");
            RoutePreview {
                index,
                path: route.path.clone(),
                method: if route.method.is_empty() || route.method == "*" {
                    "Any".to_owned()
                } else {
                    route.method.clone()
                },
                url: if route.url.is_empty() {
                    vec![Segment::Text(settings.url.clone())]
                } else {
                    seg(&route.url)
                },
                headers: route
                    .headers
                    .iter()
                    .map(|h| (h.name.clone(), seg(&h.content)))
                    .collect(),
                url_params: route
                    .url_params
                    .iter()
                    .map(|p| (seg(&p.name), seg(&p.content)))
                    .collect(),
                body: route
                    .body
                    .as_ref()
                    .map(|b| seg(&serde_json::to_string_pretty(b).unwrap_or_default())),
                token_auth: route.token_auth.as_ref().map(|a| TokenExchange {
                    url: seg(&a.url),
                    params: a.params.iter().map(|(k, v)| (k.clone(), seg(v))).collect(),
                }),
                findings: findings
                    .iter()
                    .filter(|f| f.path.starts_with(&prefix) || f.path == format!("routes[{index}]"))
                    .cloned()
                    .collect(),
            }
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests;
