//! The checks of route templates (`{{ .JsonData.x }}`, `{{ .SecureJsonData.y }}`): they
//! parse, read only keys the editor collects, read secrets from `.SecureJsonData`, and a
//! route URL renders to an absolute http(s) URL.

use super::checker::Checker;
use super::finding::Severity;
use super::secret_keys::looks_like_secret_key;
use crate::route_template::{render, Reference, Source, Template, TemplateData};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

impl Checker<'_> {
    /// Checks one reference of a template at `path` against the editor's keys.
    fn reference(&mut self, path: &str, r: &Reference) {
        let key = r.key();
        match r.source {
            Source::Url => {}
            Source::SecureJsonData => {
                if let Some(keys) = self.keys {
                    if !keys.collects_secret(key) {
                        let hint = if keys.collects_json(key) {
                            format!(": it is jsonData, read it as .JsonData.{key}")
                        } else {
                            String::new()
                        };
                        self.push(
                            Severity::Error,
                            path.to_owned(),
                            format!("{r} is not a secret the editor collects, so Grafana sends <no value>{hint}"),
                        );
                    }
                }
            }
            Source::JsonData => {
                let collected_as_secret = self.keys.is_some_and(|k| k.collects_secret(key));
                if collected_as_secret || looks_like_secret_key(key) {
                    self.push(
                        Severity::Error,
                        path.to_owned(),
                        format!(
                            "{r} reads a secret from jsonData, which every Viewer can read: store it in secureJsonData and read .SecureJsonData.{key}"
                        ),
                    );
                } else if let Some(keys) = self.keys {
                    if !keys.collects_json(key) {
                        self.push(
                            Severity::Error,
                            path.to_owned(),
                            format!("{r} is not a jsonData key the editor collects, so Grafana sends <no value>"),
                        );
                    }
                }
            }
        }
    }

    /// Parses one template and checks what it reads.
    pub(super) fn template(&mut self, path: String, text: &str) {
        match Template::parse(text) {
            Err(e) => self.push(Severity::Error, path, format!("malformed template: {e}")),
            Ok(t) => {
                for r in t.references() {
                    self.reference(&path, r);
                }
            }
        }
    }

    /// Every string inside a JSON body is a template.
    pub(super) fn body(&mut self, path: String, value: &Value) {
        match value {
            Value::String(s) => self.template(path, s),
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.body(format!("{path}[{i}]"), v);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    self.body(format!("{path}.{k}"), v);
                }
            }
            _ => {}
        }
    }

    /// A route URL, rendered with placeholder values, must be an absolute http(s) URL.
    pub(super) fn url_shape(&mut self, path: String, url: &str) {
        let empty = Map::new();
        let secrets = BTreeMap::new();
        let data = TemplateData::new("https://datasource.invalid", &empty, &secrets);
        if let Ok(rendered) = render(url, &data) {
            let text = rendered.text;
            let scheme_ok = text.starts_with("http://") || text.starts_with("https://");
            if !scheme_ok {
                self.push(
                    Severity::Error,
                    path,
                    "the url must be an absolute http:// or https:// URL (the proxy speaks only HTTP)".to_owned(),
                );
            }
        }
    }
}
