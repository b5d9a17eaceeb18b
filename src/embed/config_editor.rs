//! `mountConfigEditor(element, props)`: the data source `ConfigEditor` for a JavaScript
//! host, shaped by the plugin's `config-schema.json` or `dsconfig.json` (`schema`).
//! Grafana renders a plugin's `ConfigEditor` with `{ options, onOptionsChange,
//! validation }` and renders it again with new `options` after every change and after a
//! save; the React glue passes each render on with `handle.update(props)`.

use super::host;
use super::mount::{set_if_changed, unmount, Mounted};
use super::props::{mount_args, Props};
use crate::components::mount_theme;
use crate::model::{DataSourceSettings, EditorSchema};
use grafana_model::PluginJson;
use leptos::mount::mount_to;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::collections::BTreeSet;
use wasm_bindgen::prelude::*;

const API: &str = "mountConfigEditor";

/// A mounted ConfigEditor: `update(props)` and `unmount()`.
#[wasm_bindgen]
pub struct ConfigEditorHandle {
    mounted: Option<Mounted<Editor>>,
}

/// What `update` can change in one mounted editor.
struct Editor {
    options: RwSignal<DataSourceSettings>,
    schema: RwSignal<EditorSchema>,
    read_only: RwSignal<bool>,
    secure_socks_proxy: RwSignal<bool>,
    plugin_json: RwSignal<Option<PluginJson>>,
    on_change: StoredValue<SendWrapper<js_sys::Function>>,
    validation: Option<Registration>,
    validation_state: ValidationState,
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
fn register(
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
        let errors = schema.with_untracked(|s| options.with_untracked(|o| validate(s, o)));
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

fn decode(props: &Props) -> Result<Decoded, JsError> {
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
            .then(|| decode_schema(props))
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
/// `config-schema.json`, each decoded only by a package that has its editor.
fn decode_schema(props: &Props) -> Result<Option<EditorSchema>, JsError> {
    let Some(value) = props.json::<serde_json::Value>("schema", "an object")? else {
        return Ok(None);
    };
    if value.get("schemaVersion").is_some() && value.get("fields").is_some() {
        decode_dsconfig(props)
    } else {
        decode_config_schema(props)
    }
}

#[cfg(feature = "dsconfig-editor")]
fn decode_dsconfig(props: &Props) -> Result<Option<EditorSchema>, JsError> {
    props
        .json::<grafana_model::dsconfig::DsConfig>("schema", "a dsconfig.json")
        .map(|c| c.map(EditorSchema::from))
}

#[cfg(not(feature = "dsconfig-editor"))]
fn decode_dsconfig(props: &Props) -> Result<Option<EditorSchema>, JsError> {
    Err(props.error(
        "props.schema is a dsconfig.json, but this package has only the config-schema.json editor: use createDsConfigEditor (the dsconfig-editor package)",
    ))
}

#[cfg(feature = "config-editor")]
fn decode_config_schema(props: &Props) -> Result<Option<EditorSchema>, JsError> {
    props
        .json::<crate::model::ConfigSchema>("schema", "a config-schema.json object")
        .map(|c| c.map(EditorSchema::from))
}

#[cfg(not(feature = "config-editor"))]
fn decode_config_schema(props: &Props) -> Result<Option<EditorSchema>, JsError> {
    Err(props
        .error("props.schema must be a dsconfig.json: this package has only the dsconfig editor"))
}

/// The schema's validation errors, with the editors this package has.
fn validate(schema: &EditorSchema, settings: &DataSourceSettings) -> Vec<(String, String)> {
    match schema {
        #[cfg(feature = "config-editor")]
        EditorSchema::Kit(kit) => kit.validate(settings),
        #[cfg(feature = "dsconfig-editor")]
        EditorSchema::DsConfig(config) => crate::model::dsconfig_form::errors(config, settings),
        #[allow(unreachable_patterns)]
        _ => Vec::new(),
    }
}

/// The signals an editor view is built from (the dsconfig editor reads no plugin.json and
/// shows no socks switch).
#[cfg_attr(not(feature = "config-editor"), allow(dead_code))]
struct EditorSignals {
    options: RwSignal<DataSourceSettings>,
    on_options_change: Callback<DataSourceSettings>,
    schema: RwSignal<EditorSchema>,
    read_only: RwSignal<bool>,
    secure_socks_proxy: RwSignal<bool>,
    show_all_errors: RwSignal<bool>,
    plugin_json: RwSignal<Option<PluginJson>>,
}

/// With both editors: whichever the schema asks for.
#[cfg(all(feature = "config-editor", feature = "dsconfig-editor"))]
fn editor_view(s: EditorSignals) -> AnyView {
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

/// The config-schema.json editor's package.
#[cfg(all(feature = "config-editor", not(feature = "dsconfig-editor")))]
fn editor_view(s: EditorSignals) -> AnyView {
    let editor_schema = s.schema;
    let schema = Memo::new(move |_| {
        editor_schema.with(|s| match s {
            EditorSchema::Kit(kit) => kit.clone(),
            _ => crate::model::ConfigSchema::new(),
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

/// The dsconfig editor's package.
#[cfg(all(feature = "dsconfig-editor", not(feature = "config-editor")))]
fn editor_view(s: EditorSignals) -> AnyView {
    let editor_schema = s.schema;
    let config = Memo::new(move |_| {
        editor_schema.with(|s| match s {
            EditorSchema::DsConfig(c) => (**c).clone(),
            _ => grafana_model::dsconfig::DsConfig::default(),
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

/// Mounts the data source ConfigEditor into `element`.
///
/// `props`: `options` and `onOptionsChange` (required), `schema`, `readOnly`,
/// `secureSocksProxyEnabled`, `validation` and `pluginJson` (optional): see `ConfigEditorProps` in the generated
/// `.d.ts`.
#[wasm_bindgen(js_name = mountConfigEditor)]
pub fn mount_config_editor(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] element_value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ConfigEditorProps")] props_value: JsValue,
) -> Result<ConfigEditorHandle, JsError> {
    let (element, props) = mount_args(API, element_value, &props_value)?;
    let decoded = decode(&props)?;
    let settings = props.required(
        decoded.options,
        "props.options is required (Grafana's DataSourceSettings)",
    )?;
    let on_change = props.required(
        decoded.on_change,
        "props.onOptionsChange is required (a function)",
    )?;
    mount_theme();

    let mounted = Mounted::new(|| {
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
            Some(v) => Some(register(&props, v, options, schema, state)?),
            None => None,
        };
        let on_options_change = Callback::new(move |next: DataSourceSettings| {
            let js = to_js(&next);
            options.set(next);
            let f = on_change.get_value();
            host::call(&f, &[js]);
        });
        let view = mount_to(element, move || {
            editor_view(EditorSignals {
                options,
                on_options_change,
                schema,
                read_only,
                secure_socks_proxy,
                show_all_errors: state.show_all_errors,
                plugin_json,
            })
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
        };
        Ok((editor, Box::new(view) as Box<dyn std::any::Any>))
    })?;
    Ok(ConfigEditorHandle {
        mounted: Some(mounted),
    })
}

#[wasm_bindgen]
impl ConfigEditorHandle {
    /// Applies new props (any subset of `ConfigEditorProps`): Grafana's re-render after
    /// `onOptionsChange`, the reloaded settings after a save, a new `readOnly`. Settings
    /// equal to what the editor shows change nothing, so typing keeps focus and caret.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Partial<ConfigEditorProps>")] props: JsValue,
    ) -> Result<(), JsError> {
        let props = Props::new("ConfigEditorHandle.update", &props)?;
        let Some(mounted) = self.mounted.as_mut() else {
            return Err(props.error("the editor was unmounted; mount it again"));
        };
        let decoded = decode(&props)?;
        let owner = mounted.owner().clone();
        let m = &mut mounted.state;
        set_if_changed(m.options, decoded.options);
        set_if_changed(m.schema, decoded.schema.map(Option::unwrap_or_default));
        set_if_changed(m.read_only, decoded.read_only);
        set_if_changed(m.secure_socks_proxy, decoded.secure_socks_proxy);
        set_if_changed(m.plugin_json, decoded.plugin_json);
        if let Some(f) = decoded.on_change {
            m.on_change.set_value(SendWrapper::new(f));
        }
        if let Some(validation) = decoded.validation {
            m.validation.take();
            m.validation = match validation {
                Some(v) => {
                    let (options, schema, state) = (m.options, m.schema, m.validation_state);
                    Some(owner.with(|| register(&props, v, options, schema, state))?)
                }
                None => None,
            };
        }
        Ok(())
    }

    /// Removes the editor, unregisters its validator and frees what it held. The
    /// container is left empty. Calling it twice is harmless.
    pub fn unmount(&mut self) {
        unmount(&mut self.mounted);
    }
}
