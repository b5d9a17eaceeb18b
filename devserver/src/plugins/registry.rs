//! Installed plugins: every sub-folder of `--plugins-dir` that holds a `plugin.json`,
//! served from its `dist/` once built (create-plugin's layout: `src/plugin.json` is copied
//! to `dist/` with `module.js`), else from the folder of the manifest itself (`./` or
//! `src/`, so an example's schema is there before its first build).
//!
//! A missing folder means "no plugins". A `plugin.json` that is not valid JSON, lacks
//! `id`, `type` or `name`, or has an id outside [`grafana_model::paths::is_valid_plugin_id`]
//! refuses start-up with a one-line [`PluginError`]. One whose `routes` (or another field
//! Grafana types) do not parse still loads, but its data sources get no proxy: the reason
//! is logged once, here, and [`Plugin::proxy_routes`] holds it.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `--plugins-dir` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    /// A `plugin.json` is not a usable manifest.
    #[error("malformed plugin manifest {path}: {reason}")]
    Malformed {
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The folder or a manifest could not be read.
    #[error("cannot read plugins from {path}: {source}")]
    Io {
        /// The folder or file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// One installed plugin.
#[derive(Clone, Debug)]
pub struct Plugin {
    /// `plugin.json` `id`.
    pub id: String,
    /// `datasource`, `panel` or `app`.
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Whether the plugin has a backend (`"backend": true`): only those answer `/health`.
    pub backend: bool,
    /// The folder the plugin's files are served from (canonical).
    pub dir: PathBuf,
    /// The whole manifest.
    pub manifest: Value,
    /// The data source proxy's routes, or why `plugin.json` could not be read as Grafana
    /// reads it (then the proxy refuses every request for this plugin: fail closed).
    pub proxy_routes: Result<Vec<grafana_model::Route>, String>,
}

impl Plugin {
    fn str_field<'a>(&'a self, key: &str) -> Option<&'a str> {
        self.manifest.get(key).and_then(Value::as_str)
    }

    /// `plugin.json`'s `executable` (the first part of the backend's file name), for a
    /// plugin with `"backend": true`.
    pub fn executable(&self) -> Option<&str> {
        self.str_field("executable").filter(|_| self.backend)
    }

    /// Grafana's `PluginMetaDTO` as the frontend settings give it with each data source
    /// (`datasources[name].meta`): the manifest's identity and capabilities, `backend`
    /// among them, which tells a page whether `/health` has anyone to ask.
    pub fn meta(&self) -> Value {
        let flag = |key: &str| {
            self.manifest
                .get(key)
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        json!({
            "id": self.id,
            "type": self.kind,
            "name": self.name,
            "info": self.info(),
            "backend": self.backend,
            "metrics": flag("metrics"),
            "logs": flag("logs"),
            "annotations": flag("annotations"),
            "alerting": flag("alerting"),
            "tracing": flag("tracing"),
            "streaming": flag("streaming"),
            "module": format!("{}/module.js", self.base_url()),
            "baseUrl": self.base_url(),
        })
    }

    /// `public/plugins/<id>`, Grafana's `baseUrl`.
    pub fn base_url(&self) -> String {
        format!("public/plugins/{}", self.id)
    }

    /// The small logo's URL, e.g. `public/plugins/<id>/img/logo.svg`.
    pub fn logo_url(&self) -> String {
        self.info()
            .pointer("/logos/small")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| "public/img/icn-datasource.svg".to_owned())
    }

    /// Grafana's `info` object, with logo paths made relative to the server root.
    pub fn info(&self) -> Value {
        let raw = self.manifest.get("info").and_then(Value::as_object);
        let get = |key: &str| raw.and_then(|i| i.get(key)).cloned();
        let logo = |size: &str| match raw
            .and_then(|i| i.get("logos"))
            .and_then(|l| l.get(size))
            .and_then(Value::as_str)
        {
            Some(p) if !p.is_empty() => {
                format!("{}/{}", self.base_url(), p.trim_start_matches("./"))
            }
            _ => "public/img/icn-datasource.svg".to_owned(),
        };
        let author = get("author").unwrap_or_else(|| json!({}));
        json!({
            "author": {
                "name": author.get("name").and_then(Value::as_str).unwrap_or(""),
                "url": author.get("url").and_then(Value::as_str).unwrap_or(""),
            },
            "description": get("description").unwrap_or_else(|| json!("")),
            "links": get("links").unwrap_or_else(|| json!([])),
            "logos": { "small": logo("small"), "large": logo("large") },
            "build": get("build").unwrap_or_else(|| json!({})),
            "screenshots": get("screenshots").unwrap_or_else(|| json!([])),
            "version": get("version").unwrap_or_else(|| json!("")),
            "updated": get("updated").unwrap_or_else(|| json!("")),
            "keywords": get("keywords").unwrap_or(Value::Null),
        })
    }

    /// Grafana's `dependencies` object.
    pub fn dependencies(&self) -> Value {
        let raw = self.manifest.get("dependencies");
        let field = |key: &str| raw.and_then(|d| d.get(key)).cloned();
        json!({
            "grafanaDependency": field("grafanaDependency").unwrap_or_else(|| json!("")),
            "grafanaVersion": field("grafanaVersion").unwrap_or_else(|| json!("*")),
            "plugins": field("plugins").unwrap_or_else(|| json!([])),
            "extensions": field("extensions").unwrap_or_else(|| json!({"exposedComponents": []})),
        })
    }

    /// `category` (empty when the manifest has none).
    pub fn category(&self) -> &str {
        self.str_field("category").unwrap_or("")
    }

    /// `state` (`alpha`, `beta`; empty = stable).
    pub fn state(&self) -> &str {
        self.str_field("state").unwrap_or("")
    }

    /// `includes` (an empty array when absent).
    pub fn includes(&self) -> Value {
        self.manifest
            .get("includes")
            .cloned()
            .unwrap_or_else(|| json!([]))
    }
}

/// All installed plugins, by id.
#[derive(Clone, Debug, Default)]
pub struct PluginRegistry {
    plugins: BTreeMap<String, Plugin>,
}

impl PluginRegistry {
    /// No plugins at all.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Loads every `<dir>/<sub>/plugin.json`; a missing `dir` gives an empty registry.
    pub fn load(dir: &Path) -> Result<Self, PluginError> {
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| PluginError::Io { path, source }
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::empty()),
            Err(e) => return Err(io(dir)(e)),
        };
        let mut plugins = BTreeMap::new();
        let mut subdirs = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io(dir))?;
            if entry.path().is_dir() {
                subdirs.push(entry.path());
            }
        }
        subdirs.sort();
        for sub in subdirs {
            let Some(served) = [sub.join("dist"), sub.clone(), sub.join("src")]
                .into_iter()
                .find(|d| d.join("plugin.json").is_file())
            else {
                continue;
            };
            let manifest_path = served.join("plugin.json");
            let text = std::fs::read_to_string(&manifest_path).map_err(io(&manifest_path))?;
            let plugin = parse(&served, &manifest_path, &text)?;
            if plugins.contains_key(&plugin.id) {
                return Err(PluginError::Malformed {
                    path: manifest_path.display().to_string(),
                    reason: format!("duplicate plugin id {:?}", plugin.id),
                });
            }
            plugins.insert(plugin.id.clone(), plugin);
        }
        Ok(Self { plugins })
    }

    /// The plugin with this id.
    pub fn get(&self, id: &str) -> Option<&Plugin> {
        self.plugins.get(id)
    }

    /// Every plugin, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = &Plugin> {
        self.plugins.values()
    }
}

fn parse(dir: &Path, manifest_path: &Path, text: &str) -> Result<Plugin, PluginError> {
    let malformed = |reason: String| PluginError::Malformed {
        path: manifest_path.display().to_string(),
        reason,
    };
    let manifest: Value = serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
    let object: &Map<String, Value> = manifest
        .as_object()
        .ok_or_else(|| malformed("not a JSON object".to_owned()))?;
    let required = |key: &str| -> Result<String, PluginError> {
        match object.get(key).and_then(Value::as_str) {
            Some(v) if !v.trim().is_empty() => Ok(v.to_owned()),
            _ => Err(malformed(format!("missing or empty string field {key:?}"))),
        }
    };
    let id = required("id")?;
    let kind = required("type")?;
    let name = required("name")?;
    if !grafana_model::paths::is_valid_plugin_id(&id) {
        return Err(malformed(format!("invalid plugin id {id:?}")));
    }
    let backend = match object.get("backend") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(malformed("\"backend\" must be a boolean".to_owned())),
    };
    let dir = dir.canonicalize().map_err(|source| PluginError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let proxy_routes = serde_json::from_value::<grafana_model::PluginJson>(manifest.clone())
        .map(|p| p.routes)
        .map_err(|e| e.to_string());
    if let Err(e) = &proxy_routes {
        tracing::warn!(plugin = %id, "plugin.json does not parse ({e}); the data source proxy refuses this plugin's data sources");
    }
    Ok(Plugin {
        id,
        kind,
        name,
        backend,
        dir,
        manifest,
        proxy_routes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn any_manifest_loads_or_refuses_with_one_line(
            text in proptest::prop_oneof![
                "\\PC{0,60}",
                r#"\{"id":"[a-z\-]{0,8}","type":"(app|datasource|panel|)","name":"[^"]{0,8}"(,"backend":(true|false|1|null|"x"))?(,"routes":\[\])?\}"#,
            ]
        ) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("p")).unwrap();
            std::fs::write(dir.path().join("p/plugin.json"), &text).unwrap();
            match PluginRegistry::load(dir.path()) {
                Ok(reg) => proptest::prop_assert!(reg.iter().count() <= 1),
                Err(e) => proptest::prop_assert!(!e.to_string().contains('\n'), "{}", e),
            }
        }
    }

    #[test]
    fn a_missing_folder_is_no_plugins() {
        let dir = tempfile::tempdir().unwrap();
        let reg = PluginRegistry::load(&dir.path().join("nope")).unwrap();
        assert_eq!(reg.iter().count(), 0);
    }

    #[test]
    fn malformed_manifests_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("bad")).unwrap();
        std::fs::write(dir.path().join("bad/plugin.json"), "{ nope").unwrap();
        let err = PluginRegistry::load(dir.path()).unwrap_err().to_string();
        assert!(err.starts_with("malformed plugin manifest "), "{err}");
        assert!(err.contains("bad/plugin.json"), "{err}");
        assert!(!err.contains('\n'));

        std::fs::write(
            dir.path().join("bad/plugin.json"),
            r#"{"id":"x","type":"datasource"}"#,
        )
        .unwrap();
        let err = PluginRegistry::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("\"name\""), "{err}");
    }

    #[test]
    fn a_built_plugin_is_served_from_dist_else_from_its_manifest_folder() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = |id: &str| format!(r#"{{"id":"{id}","type":"app","name":"{id}"}}"#);
        std::fs::create_dir_all(dir.path().join("built/src")).unwrap();
        std::fs::create_dir_all(dir.path().join("built/dist")).unwrap();
        std::fs::write(dir.path().join("built/src/plugin.json"), manifest("built")).unwrap();
        std::fs::write(dir.path().join("built/dist/plugin.json"), manifest("built")).unwrap();
        std::fs::create_dir_all(dir.path().join("fresh/src")).unwrap();
        std::fs::write(dir.path().join("fresh/src/plugin.json"), manifest("fresh")).unwrap();
        std::fs::create_dir_all(dir.path().join("flat")).unwrap();
        std::fs::write(dir.path().join("flat/plugin.json"), manifest("flat")).unwrap();
        let reg = PluginRegistry::load(dir.path()).unwrap();
        let served = |id: &str| reg.get(id).unwrap().dir.clone();
        assert!(served("built").ends_with("built/dist"));
        assert!(served("fresh").ends_with("fresh/src"));
        assert!(served("flat").ends_with("flat"));
    }

    #[test]
    fn loads_the_example_plugins() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../embed/examples");
        let reg = PluginRegistry::load(&dir).unwrap();
        let p = reg.get("leptos-grafana-example-datasource").unwrap();
        assert!(!p.backend, "the JavaScript example is frontend-only");
        assert!(
            reg.get("leptos-grafana-example-rust-datasource")
                .unwrap()
                .backend
        );
        assert_eq!(p.kind, "datasource");
        assert_eq!(
            p.logo_url(),
            "public/plugins/leptos-grafana-example-datasource/img/logo.svg"
        );
    }
}
