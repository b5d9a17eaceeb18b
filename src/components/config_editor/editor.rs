//! `Editor`: the handle every ConfigEditor section receives: the settings, Grafana's
//! `onOptionsChange`, read-only, and validation errors.

use crate::model::{ConfigSchema, DataSourceSettings};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Mutex;

/// A `'static` copy of a schema key, made once per distinct key. Keys come from a
/// plugin's schema (a handful of short strings) and are needed by `'static` closures.
pub fn intern_key(key: &str) -> &'static str {
    static KEYS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let Ok(mut keys) = KEYS.lock() else {
        return Box::leak(key.to_owned().into_boxed_str());
    };
    if let Some(existing) = keys.get(key) {
        return existing;
    }
    let leaked: &'static str = Box::leak(key.to_owned().into_boxed_str());
    keys.insert(leaked);
    leaked
}

/// Shared, `Copy` state of one `DataSourceConfigEditor`.
#[derive(Clone, Copy)]
pub struct Editor {
    /// Current settings (`props.options`).
    pub options: Signal<DataSourceSettings>,
    /// Grafana's `onOptionsChange`: receives the whole new settings.
    pub on_options_change: Callback<DataSourceSettings>,
    /// No edits allowed (provisioned data source or no write permission).
    pub read_only: Signal<bool>,
    /// Every validation error, as `(key, message)`.
    pub errors: Memo<Vec<(String, String)>>,
    /// Show all errors, not only those of touched fields (set after a save attempt).
    pub show_all_errors: Signal<bool>,
    touched: RwSignal<BTreeSet<String>>,
    id_prefix: StoredValue<String>,
}

impl Editor {
    /// An editor over `options` validated with `schema`.
    pub fn new(
        options: Signal<DataSourceSettings>,
        on_options_change: Callback<DataSourceSettings>,
        schema: Signal<ConfigSchema>,
        read_only: Signal<bool>,
        show_all_errors: Signal<bool>,
    ) -> Self {
        Self::with_validator(
            options,
            on_options_change,
            move |o| schema.with(|schema| schema.validate(o)),
            read_only,
            show_all_errors,
        )
    }

    /// An editor over `options` whose errors `validate` gives, as `(key, message)` (the
    /// dsconfig editor's).
    pub fn with_validator(
        options: Signal<DataSourceSettings>,
        on_options_change: Callback<DataSourceSettings>,
        validate: impl Fn(&DataSourceSettings) -> Vec<(String, String)> + Send + Sync + 'static,
        read_only: Signal<bool>,
        show_all_errors: Signal<bool>,
    ) -> Self {
        let errors = Memo::new(move |_| options.with(|o| validate(o)));
        Self {
            options,
            on_options_change,
            read_only,
            errors,
            show_all_errors,
            touched: RwSignal::new(BTreeSet::new()),
            id_prefix: StoredValue::new(crate::components::unique_id("lg-ds")),
        }
    }

    /// Applies `transition` to the current settings and emits the result, marking `key`
    /// as touched so its validation message shows.
    pub fn change(
        &self,
        key: &str,
        transition: impl FnOnce(DataSourceSettings) -> DataSourceSettings,
    ) {
        if self.read_only.get_untracked() {
            return;
        }
        self.touched.update(|t| {
            t.insert(key.to_owned());
        });
        self.on_options_change
            .run(transition(self.options.get_untracked()));
    }

    /// A document-unique element id for `name` within this editor, so two editors on one
    /// page never share an id (and a `<label for>` always finds its own input).
    pub fn id(&self, name: &str) -> String {
        self.id_prefix
            .with_value(|prefix| format!("{prefix}-{name}"))
    }

    /// The message to show for `key`, if any (touched fields, or all after a save attempt).
    pub fn error_for(&self, key: &str) -> Option<String> {
        let shown = self.show_all_errors.get() || self.touched.with(|t| t.contains(key));
        if !shown {
            return None;
        }
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, m)| m.clone())
        })
    }

    /// A signal of [`Editor::error_for`].
    pub fn error_signal(self, key: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.error_for(key))
    }

    /// A signal of `jsonData[key]` as text (numbers and bools rendered as JSON).
    pub fn json_text(self, key: &'static str) -> Signal<String> {
        Signal::derive(move || {
            self.options.with(|o| match o.json_data.get(key) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
            })
        })
    }
}
