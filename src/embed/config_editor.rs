//! [`config_editor`]: mount your own Leptos view as a data source's `ConfigEditor`, with the
//! contract of Grafana's `DataSourcePluginOptionsEditorProps` (`options`,
//! `onOptionsChange`). The view gets [`ConfigEditorProps`]: the settings as a signal that
//! follows every re-render of the host, and a callback that hands the whole new settings
//! back to Grafana. Compose it from the kit's public components (`SecretInput` with its
//! Reset, `TextField`, the sections) or from anything else Leptos draws.

use super::host;
use super::mount::{mount, set_if_changed, MountHandle, Update};
use super::props::{mount_args, Props};
use crate::model::DataSourceSettings;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;

const API: &str = "mountConfigEditor";

/// What Grafana gives a `ConfigEditor`, as Leptos values.
#[derive(Clone, Copy)]
pub struct ConfigEditorProps {
    /// Grafana's `props.options` (`DataSourceSettings`): set again on every host render.
    pub options: RwSignal<DataSourceSettings>,
    /// Grafana's `props.onOptionsChange`: call it with the whole new settings. The kit
    /// shows them at once (`options` is set) and then tells the host.
    pub on_options_change: Callback<DataSourceSettings>,
    /// `options.readOnly` (a provisioned data source): disable every input.
    pub read_only: Signal<bool>,
}

/// What `update` changes in an author's mounted editor.
struct AuthorEditor {
    options: RwSignal<DataSourceSettings>,
    on_change: StoredValue<SendWrapper<js_sys::Function>>,
}

/// JSON text to a plain JavaScript object (what a host callback gets).
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// Mounts `editor` into `element` as a data source `ConfigEditor`.
///
/// `props`: `options` and `onOptionsChange` (required), as Grafana passes them. Malformed
/// props return an `Error` naming the prop; the returned handle's `update(props)` takes
/// Grafana's next render (any subset) and `unmount()` frees everything the view created.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_grafana::components::{SecretInput, TextField};
/// use leptos_grafana::embed::{config_editor, ConfigEditorProps, MountHandle};
/// use wasm_bindgen::prelude::*;
///
/// #[component]
/// fn MyConfigEditor(props: ConfigEditorProps) -> impl IntoView {
///     let ConfigEditorProps { options, on_options_change, read_only } = props;
///     let url = Signal::derive(move || options.with(|o| o.url.clone()));
///     view! {
///         <TextField
///             label="URL"
///             value=url
///             on_input=Callback::new(move |url: String| {
///                 let mut next = options.get_untracked();
///                 next.url = url;
///                 on_options_change.run(next);
///             })
///             disabled=read_only
///         />
///     }
/// }
///
/// #[wasm_bindgen(js_name = mountConfigEditor)]
/// pub fn mount_config_editor(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
///     config_editor(element, props, |props| view! { <MyConfigEditor props /> })
/// }
/// ```
pub fn config_editor<V: IntoView + 'static>(
    element: JsValue,
    props: JsValue,
    editor: impl FnOnce(ConfigEditorProps) -> V + 'static,
) -> Result<MountHandle, JsError> {
    let (element, props) = mount_args(API, element, &props)?;
    let settings = props.required(
        options(&props)?,
        "props.options is required (Grafana's DataSourceSettings)",
    )?;
    let on_change = props.required(
        props.function("onOptionsChange")?,
        "props.onOptionsChange is required (a function)",
    )?;
    mount("ConfigEditorHandle.update", element, || {
        let options = RwSignal::new(settings);
        let on_change = StoredValue::new(SendWrapper::new(on_change));
        let on_options_change = Callback::new(move |next: DataSourceSettings| {
            let js = to_js(&next);
            options.set(next);
            host::call(&on_change.get_value(), &[js]);
        });
        let read_only = Signal::derive(move || options.with(|o| o.read_only));
        let state = AuthorEditor { options, on_change };
        Ok((state, move || {
            editor(ConfigEditorProps {
                options,
                on_options_change,
                read_only,
            })
        }))
    })
}

/// `props.options`, checked.
fn options(props: &Props) -> Result<Option<DataSourceSettings>, JsError> {
    let options = props.json::<DataSourceSettings>("options", "DataSourceSettings")?;
    if props.has("options") && options.is_none() {
        return Err(props.error("props.options must be a DataSourceSettings object"));
    }
    Ok(options)
}

impl Update for AuthorEditor {
    fn update(&mut self, props: &Props, _owner: &Owner) -> Result<(), JsError> {
        set_if_changed(self.options, options(props)?);
        if let Some(f) = props.function("onOptionsChange")? {
            self.on_change.set_value(SendWrapper::new(f));
        }
        Ok(())
    }
}
