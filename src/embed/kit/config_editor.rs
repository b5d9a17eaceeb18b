//! The kit's data source `ConfigEditor` for a JavaScript host (`mountConfigEditor`),
//! shaped by the plugin's `config-schema.json` or `dsconfig.json` (`schema`). Grafana
//! renders a plugin's `ConfigEditor` with `{ options, onOptionsChange, validation }` and
//! renders it again with new `options` after every change and after a save; the React glue
//! passes each render on with `handle.update(props)`.
//!
//! Which schemas a package takes is a type, [`EditorKind`]: [`ConfigSchemaEditor`],
//! [`DsConfigSchemaEditor`] or [`AnySchemaEditor`]. A package links only the editor its
//! kind names, so the kit is compiled once for every package.

use crate::embed::host;
use crate::embed::mount::{mount, set_if_changed, MountHandle, Update};
use crate::embed::props::{mount_args, Props};
use crate::model::{ConfigSchema, DataSourceSettings, EditorSchema};
use grafana_model::dsconfig::DsConfig;
use grafana_model::PluginJson;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::collections::BTreeSet;
use std::marker::PhantomData;
use wasm_bindgen::prelude::*;

const API: &str = "mountConfigEditor";

/// What `update` can change in one mounted editor.
struct Editor<K> {
    options: RwSignal<DataSourceSettings>,
    schema: RwSignal<EditorSchema>,
    read_only: RwSignal<bool>,
    secure_socks_proxy: RwSignal<bool>,
    plugin_json: RwSignal<Option<PluginJson>>,
    on_change: StoredValue<SendWrapper<js_sys::Function>>,
    validation: Option<Registration>,
    validation_state: ValidationState,
    kind: PhantomData<K>,
}
/// What the validator shares with the editor: show every error once a save was tried,
/// and which fields this editor reported to Grafana (to clear them again).
#[derive(Clone, Copy)]
struct ValidationState {
    show_all_errors: RwSignal<bool>,
    reported: StoredValue<BTreeSet<String>>,
}

/// A validator registered with Grafana's validation API; unregistered when dropped.
struct Registration {
    unregister: Option<js_sys::Function>,
    _validator: Closure<dyn FnMut() -> bool>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(unregister) = self.unregister.take() {
            host::call(&unregister, &[]);
        }
    }
}

/// Grafana's `DataSourceSettings` as the plain object the host expects.
fn to_js(settings: &DataSourceSettings) -> JsValue {
    serde_json::to_string(settings)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

fn method(object: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
}

/// Registers the editor's validator with `validation` (Grafana's
/// `DataSourceConfigValidationAPI`): on Save & test it reports each field error with
/// `setError`, clears the ones it reported before, shows every message in the editor and
/// returns whether the settings are valid.
fn register<K: EditorKind>(
    props: &Props,
    validation: JsValue,
    options: RwSignal<DataSourceSettings>,
    schema: RwSignal<EditorSchema>,
    state: ValidationState,
) -> Result<Registration, JsError> {
    let register = method(&validation, "registerValidation").ok_or_else(|| {
        props.error("props.validation must have registerValidation (Grafana's DataSourceConfigValidationAPI)")
    })?;
    let set_error = method(&validation, "setError");
    let clear_error = method(&validation, "clearError");
    let validator = Closure::<dyn FnMut() -> bool>::new(move || {
        let errors = schema.with_untracked(|s| options.with_untracked(|o| K::validate(s, o)));
        let now: BTreeSet<String> = errors.iter().map(|(k, _)| k.clone()).collect();
        if let Some(clear) = &clear_error {
            for gone in state
                .reported
                .with_value(|r| r.difference(&now).cloned().collect::<Vec<_>>())
            {
                host::call(clear, &[JsValue::from_str(&gone)]);
            }
        }
        if let Some(set) = &set_error {
            for (field, message) in &errors {
                host::call(set, &[JsValue::from_str(field), JsValue::from_str(message)]);
            }
        }
        state.reported.set_value(now);
        state.show_all_errors.set(true);
        errors.is_empty()
    });
    let unregister = js_sys::Reflect::apply(
        &register,
        &validation,
        &js_sys::Array::of1(validator.as_ref()),
    )
    .map_err(|_| props.error("props.validation.registerValidation threw"))?
    .dyn_into::<js_sys::Function>()
    .ok();
    Ok(Registration {
        unregister,
        _validator: validator,
    })
}

/// The props every mount and update may carry, decoded.
struct Decoded {
    options: Option<DataSourceSettings>,
    on_change: Option<js_sys::Function>,
    schema: Option<Option<EditorSchema>>,
    read_only: Option<bool>,
    secure_socks_proxy: Option<bool>,
    validation: Option<Option<JsValue>>,
    plugin_json: Option<Option<PluginJson>>,
}

fn decode<K: EditorKind>(props: &Props) -> Result<Decoded, JsError> {
    let options = props.json::<DataSourceSettings>("options", "DataSourceSettings")?;
    if props.has("options") && options.is_none() {
        return Err(props.error("props.options must be a DataSourceSettings object"));
    }
    let validation = match props.get("validation")? {
        None => None,
        Some(v) if v.is_object() => Some(v),
        Some(_) => return Err(props.error("props.validation must be an object")),
    };
    Ok(Decoded {
        options,
        on_change: props.function("onOptionsChange")?,
        schema: props
            .has("schema")
            .then(|| decode_schema::<K>(props))
            .transpose()?,
        read_only: props.bool("readOnly")?,
        secure_socks_proxy: props.bool("secureSocksProxyEnabled")?,
        validation: props.has("validation").then_some(validation),
        plugin_json: props
            .has("pluginJson")
            .then(|| props.json::<PluginJson>("pluginJson", "a plugin.json object"))
            .transpose()?,
    })
}

/// `props.schema`: a `dsconfig.json` (it has `schemaVersion` and `fields`) or a
/// `config-schema.json`, each decoded only by a kind that has its editor.
fn decode_schema<K: EditorKind>(props: &Props) -> Result<Option<EditorSchema>, JsError> {
    let Some(value) = props.json::<serde_json::Value>("schema", "an object")? else {
        return Ok(None);
    };
    if value.get("schemaVersion").is_some() && value.get("fields").is_some() {
        K::decode_dsconfig(props)
    } else {
        K::decode_config_schema(props)
    }
}

fn config_schema(props: &Props) -> Result<Option<EditorSchema>, JsError> {
    props
        .json::<ConfigSchema>("schema", "a config-schema.json object")
        .map(|c| c.map(EditorSchema::from))
}

fn dsconfig(props: &Props) -> Result<Option<EditorSchema>, JsError> {
    props
        .json::<DsConfig>("schema", "a dsconfig.json")
        .map(|c| c.map(EditorSchema::from))
}

/// The signals an editor view is built from (the dsconfig editor reads no plugin.json and
/// shows no socks switch).
pub struct EditorSignals {
    options: RwSignal<DataSourceSettings>,
    on_options_change: Callback<DataSourceSettings>,
    schema: RwSignal<EditorSchema>,
    read_only: RwSignal<bool>,
    secure_socks_proxy: RwSignal<bool>,
    show_all_errors: RwSignal<bool>,
    plugin_json: RwSignal<Option<PluginJson>>,
}

/// Which schemas an editor package takes, and the editor it draws. Sealed: the three
/// kinds below are all there are.
pub trait EditorKind: sealed::Sealed + 'static {
    /// `props.schema` is a `config-schema.json`.
    fn decode_config_schema(props: &Props) -> Result<Option<EditorSchema>, JsError>;
    /// `props.schema` is a `dsconfig.json`.
    fn decode_dsconfig(props: &Props) -> Result<Option<EditorSchema>, JsError>;
    /// The schema's validation errors (field, message).
    fn validate(schema: &EditorSchema, settings: &DataSourceSettings) -> Vec<(String, String)>;
    /// The editor.
    fn view(signals: EditorSignals) -> AnyView;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::ConfigSchemaEditor {}
    impl Sealed for super::DsConfigSchemaEditor {}
    impl Sealed for super::AnySchemaEditor {}
}

/// The editor of a `config-schema.json`: the standard sections and the plugin's fields
/// (the `config-editor` package).
pub struct ConfigSchemaEditor;
/// The editor a `dsconfig.json` describes (the `dsconfig-editor` package).
pub struct DsConfigSchemaEditor;
/// Whichever of the two the schema asks for.
pub struct AnySchemaEditor;

fn kit_validate(schema: &EditorSchema, settings: &DataSourceSettings) -> Vec<(String, String)> {
    match schema {
        EditorSchema::Kit(kit) => kit.validate(settings),
        EditorSchema::DsConfig(_) => Vec::new(),
    }
}

fn dsconfig_validate(
    schema: &EditorSchema,
    settings: &DataSourceSettings,
) -> Vec<(String, String)> {
    match schema {
        EditorSchema::DsConfig(config) => crate::model::dsconfig_form::errors(config, settings),
        EditorSchema::Kit(_) => Vec::new(),
    }
}

impl EditorKind for ConfigSchemaEditor {
    fn decode_config_schema(props: &Props) -> Result<Option<EditorSchema>, JsError> {
        config_schema(props)
    }
    fn decode_dsconfig(props: &Props) -> Result<Option<EditorSchema>, JsError> {
        Err(props.error(
            "props.schema is a dsconfig.json, but this package has only the config-schema.json editor: use createDsConfigEditor (the dsconfig-editor package)",
        ))
    }
    fn validate(schema: &EditorSchema, settings: &DataSourceSettings) -> Vec<(String, String)> {
        kit_validate(schema, settings)
    }
    fn view(s: EditorSignals) -> AnyView {
        let editor_schema = s.schema;
        let schema = Memo::new(move |_| {
            editor_schema.with(|s| match s {
                EditorSchema::Kit(kit) => kit.clone(),
                EditorSchema::DsConfig(_) => ConfigSchema::new(),
            })
        });
        view! {
            <crate::components::DataSourceConfigEditor
                options=s.options
                on_options_change=s.on_options_change
                schema
                read_only=s.read_only
                secure_socks_proxy=s.secure_socks_proxy
                show_all_errors=s.show_all_errors
                plugin_json=s.plugin_json
            />
        }
        .into_any()
    }
}

impl EditorKind for DsConfigSchemaEditor {
    fn decode_config_schema(props: &Props) -> Result<Option<EditorSchema>, JsError> {
        Err(props.error(
            "props.schema must be a dsconfig.json: this package has only the dsconfig editor",
        ))
    }
    fn decode_dsconfig(props: &Props) -> Result<Option<EditorSchema>, JsError> {
        dsconfig(props)
    }
    fn validate(schema: &EditorSchema, settings: &DataSourceSettings) -> Vec<(String, String)> {
        dsconfig_validate(schema, settings)
    }
    fn view(s: EditorSignals) -> AnyView {
        let editor_schema = s.schema;
        let config = Memo::new(move |_| {
            editor_schema.with(|s| match s {
                EditorSchema::DsConfig(c) => (**c).clone(),
                EditorSchema::Kit(_) => DsConfig::default(),
            })
        });
        view! {
            <crate::components::DsConfigEditor
                options=s.options
                on_options_change=s.on_options_change
                config
                read_only=s.read_only
                show_all_errors=s.show_all_errors
            />
        }
        .into_any()
    }
}

impl EditorKind for AnySchemaEditor {
    fn decode_config_schema(props: &Props) -> Result<Option<EditorSchema>, JsError> {
        config_schema(props)
    }
    fn decode_dsconfig(props: &Props) -> Result<Option<EditorSchema>, JsError> {
        dsconfig(props)
    }
    fn validate(schema: &EditorSchema, settings: &DataSourceSettings) -> Vec<(String, String)> {
        match schema {
            EditorSchema::Kit(_) => kit_validate(schema, settings),
            EditorSchema::DsConfig(_) => dsconfig_validate(schema, settings),
        }
    }
    fn view(s: EditorSignals) -> AnyView {
        view! {
            <crate::components::ConfigEditor
                options=s.options
                on_options_change=s.on_options_change
                schema=s.schema
                read_only=s.read_only
                secure_socks_proxy=s.secure_socks_proxy
                show_all_errors=s.show_all_errors
                plugin_json=s.plugin_json
            />
        }
        .into_any()
    }
}

/// Mounts the data source ConfigEditor into `element`.
///
/// `props`: `options` and `onOptionsChange` (required), `schema`, `readOnly`,
/// `secureSocksProxyEnabled`, `validation` and `pluginJson` (optional): see `ConfigEditorProps` in the generated
/// `.d.ts`.
/// `K` says which schemas it takes (see [`EditorKind`]).
///
/// ```no_run
/// use leptos_grafana::embed::MountHandle;
/// use leptos_grafana::embed::kit::{mount_config_editor, ConfigSchemaEditor};
/// use wasm_bindgen::prelude::*;
///
/// /// `mountConfigEditor(element, props)`, as the kit's config-editor package exports it.
/// #[wasm_bindgen(js_name = mountConfigEditor)]
/// pub fn mount(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
///     mount_config_editor::<ConfigSchemaEditor>(element, props)
/// }
/// ```
pub fn mount_config_editor<K: EditorKind>(
    element_value: JsValue,
    props_value: JsValue,
) -> Result<MountHandle, JsError> {
    let (element, props) = mount_args(API, element_value, &props_value)?;
    let decoded = decode::<K>(&props)?;
    let settings = props.required(
        decoded.options,
        "props.options is required (Grafana's DataSourceSettings)",
    )?;
    let on_change = props.required(
        decoded.on_change,
        "props.onOptionsChange is required (a function)",
    )?;
    mount("ConfigEditorHandle.update", element, || {
        let options = RwSignal::new(settings);
        let schema = RwSignal::new(decoded.schema.flatten().unwrap_or_default());
        let read_only = RwSignal::new(decoded.read_only.unwrap_or(false));
        let secure_socks_proxy = RwSignal::new(decoded.secure_socks_proxy.unwrap_or(false));
        let plugin_json = RwSignal::new(decoded.plugin_json.flatten());
        let on_change = StoredValue::new(SendWrapper::new(on_change));
        let state = ValidationState {
            show_all_errors: RwSignal::new(false),
            reported: StoredValue::new(BTreeSet::new()),
        };
        let validation = match decoded.validation.flatten() {
            Some(v) => Some(register::<K>(&props, v, options, schema, state)?),
            None => None,
        };
        let on_options_change = Callback::new(move |next: DataSourceSettings| {
            let js = to_js(&next);
            options.set(next);
            let f = on_change.get_value();
            host::call(&f, &[js]);
        });
        let editor = Editor {
            options,
            schema,
            read_only,
            secure_socks_proxy,
            plugin_json,
            on_change,
            validation,
            validation_state: state,
            kind: PhantomData::<K>,
        };
        Ok((editor, move || {
            K::view(EditorSignals {
                options,
                on_options_change,
                schema,
                read_only,
                secure_socks_proxy,
                show_all_errors: state.show_all_errors,
                plugin_json,
            })
        }))
    })
}

impl<K: EditorKind> Update for Editor<K> {
    /// Grafana's re-render after `onOptionsChange`, the reloaded settings after a save, a
    /// new `readOnly`: any subset of `ConfigEditorProps`.
    fn update(&mut self, props: &Props, owner: &Owner) -> Result<(), JsError> {
        let decoded = decode::<K>(props)?;
        set_if_changed(self.options, decoded.options);
        set_if_changed(self.schema, decoded.schema.map(Option::unwrap_or_default));
        set_if_changed(self.read_only, decoded.read_only);
        set_if_changed(self.secure_socks_proxy, decoded.secure_socks_proxy);
        set_if_changed(self.plugin_json, decoded.plugin_json);
        if let Some(f) = decoded.on_change {
            self.on_change.set_value(SendWrapper::new(f));
        }
        if let Some(validation) = decoded.validation {
            // The old validator is unregistered before the new one registers.
            self.validation.take();
            self.validation = match validation {
                Some(v) => {
                    let (options, schema, state) =
                        (self.options, self.schema, self.validation_state);
                    Some(owner.with(|| register::<K>(props, v, options, schema, state))?)
                }
                None => None,
            };
        }
        Ok(())
    }
}
