//! Controlled sections, as plugin-ui's: each section takes `config` (the data source
//! settings) and `on_change` (receives the whole new settings), and builds an [`Editor`]
//! from them, the small handle its inputs use.
//!
//! Validation state (every error, the touched fields, "show all after a save attempt")
//! lives in a [`Validation`] context: `DataSourceConfigEditor` and `DsConfigEditor` provide
//! one, and every section below them shows its fields' messages from it. A section used
//! on its own, without a `Validation` above it, shows none; call [`Validation::provide`]
//! in the parent to give a hand-made editor the same messages.

use crate::model::{is_secret_configured, DataSourceSettings};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Validation messages shared by the sections of one editor (a context).
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::{ConnectionSettings, Validation};
/// # use leptos_grafana::model::{ConfigSchema, DataSourceSettings};
/// # #[component] fn MyEditor(options: RwSignal<DataSourceSettings>) -> impl IntoView {
/// let schema = ConfigSchema::new();
/// Validation::provide(options.into(), move |o| schema.validate(o), Signal::stored(false));
/// view! { <ConnectionSettings config=options on_change=move |next| options.set(next) /> }
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct Validation {
    errors: Memo<Vec<(String, String)>>,
    touched: RwSignal<BTreeSet<String>>,
    show_all: Signal<bool>,
    id_prefix: StoredValue<String>,
}

impl Validation {
    /// Validates `config` with `validate` (messages as `(key, message)`) and provides the
    /// result to every section mounted below the caller. `show_all` shows every message,
    /// not only those of touched fields (set it after a save attempt).
    pub fn provide(
        config: Signal<DataSourceSettings>,
        validate: impl Fn(&DataSourceSettings) -> Vec<(String, String)> + Send + Sync + 'static,
        show_all: Signal<bool>,
    ) -> Self {
        let validation = Self {
            errors: Memo::new(move |_| config.with(|o| validate(o))),
            touched: RwSignal::new(BTreeSet::new()),
            show_all,
            id_prefix: StoredValue::new(crate::components::unique_id("lg-ds")),
        };
        provide_context(validation);
        validation
    }

    /// Every message, as `(key, message)`, shown or not.
    pub fn errors(&self) -> Memo<Vec<(String, String)>> {
        self.errors
    }

    fn touch(&self, key: &str) {
        self.touched.update(|t| {
            t.insert(key.to_owned());
        });
    }

    fn message(&self, key: &str) -> Option<String> {
        let shown = self.show_all.get() || self.touched.with(|t| t.contains(key));
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
}

/// What a section's inputs use: the settings, `on_change`, read-only, and the messages of
/// the [`Validation`] above it, if any. `Copy`.
#[derive(Clone, Copy)]
pub struct Editor {
    /// Current settings (plugin-ui's `config`, Grafana's `props.options`).
    pub options: Signal<DataSourceSettings>,
    /// plugin-ui's `onChange`: receives the whole new settings.
    pub on_options_change: Callback<DataSourceSettings>,
    /// No edits allowed (provisioned data source or no write permission).
    pub read_only: Signal<bool>,
    validation: Option<Validation>,
    id_prefix: StoredValue<String>,
}

impl Editor {
    /// The handle of a section over `config`, inside the [`Validation`] context if any.
    pub fn new(
        config: Signal<DataSourceSettings>,
        on_change: Callback<DataSourceSettings>,
        read_only: Signal<bool>,
    ) -> Self {
        let validation = use_context::<Validation>();
        let id_prefix = validation.map_or_else(
            || StoredValue::new(crate::components::unique_id("lg-ds")),
            |v| v.id_prefix,
        );
        Self {
            options: config,
            on_options_change: on_change,
            read_only,
            validation,
            id_prefix,
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
        if let Some(v) = &self.validation {
            v.touch(key);
        }
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
        self.validation.and_then(|v| v.message(key))
    }

    /// A signal of [`Editor::error_for`].
    pub fn error_signal(self, key: impl Into<String>) -> Signal<Option<String>> {
        let key = key.into();
        Signal::derive(move || self.error_for(&key))
    }

    /// A signal of whether `secureJsonData[key]` is stored (`secureJsonFields[key]`).
    pub fn secret_configured(self, key: impl Into<String>) -> Signal<bool> {
        let key = key.into();
        Signal::derive(move || self.options.with(|o| is_secret_configured(o, &key)))
    }

    /// A signal of what was typed for `secureJsonData[key]` in this session (never a saved
    /// secret: those never come back to the browser).
    pub fn secret_typed(self, key: impl Into<String>) -> Signal<String> {
        let key = key.into();
        Signal::derive(move || {
            self.options
                .with(|o| o.secure_json_data.get(&key).cloned().unwrap_or_default())
        })
    }

    /// A signal of `jsonData[key]` as text (numbers and bools rendered as JSON).
    pub fn json_text(self, key: impl Into<String>) -> Signal<String> {
        let key = key.into();
        Signal::derive(move || {
            self.options.with(|o| match o.json_data.get(&key) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
            })
        })
    }
}
