//! [`app_page`]: mount your own Leptos view as an app plugin's page (`AppPlugin.setRootPage`).
//! Grafana's router stays the one router: the view reads the host's location and asks the
//! host to move (`locationService.push` / `.replace` in the glue's `leptosAppPage`).

use super::host;
use super::mount::{mount, set_if_changed, MountHandle, Update};
use super::props::{mount_args, Props};
use crate::model::location::HostLocation;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde_json::Value;
use wasm_bindgen::prelude::*;

const API: &str = "mountAppPage";

/// What the host gives an app page, as Leptos values.
#[derive(Clone, Copy)]
pub struct AppPageProps {
    /// Where the app lives in Grafana's router: `AppRootProps.basename`, e.g. `/a/my-app`.
    pub base_path: Signal<String>,
    /// The host router's location (below Grafana's `appSubUrl`); follows every move.
    pub location: Signal<HostLocation>,
    /// Moves the host router: `(path, replace)`; `path` may carry a query.
    pub navigate: Callback<(String, bool)>,
    /// The app's settings (`meta.jsonData`), `null` when the host gave none.
    pub json_data: Signal<Value>,
}

/// What `update` changes in a mounted page.
struct Page {
    base_path: RwSignal<String>,
    location: RwSignal<HostLocation>,
    json_data: RwSignal<Value>,
    on_navigate: StoredValue<SendWrapper<js_sys::Function>>,
}

/// `props.meta.jsonData`, or `None` when there is no `meta`.
fn json_data(props: &Props) -> Result<Option<Value>, JsError> {
    Ok(props
        .json::<Value>("meta", "the plugin's meta object")?
        .map(|meta| meta.get("jsonData").cloned().unwrap_or(Value::Null)))
}

/// Mounts `page` into `element` as an app plugin page.
///
/// `props`: `basePath`, `location` and `onNavigate(path, { replace })` (required), `meta`
/// (optional: `AppRootProps.meta`).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_grafana::embed::{app_page, AppPageProps, MountHandle};
/// use wasm_bindgen::prelude::*;
///
/// #[wasm_bindgen(js_name = mountAppPage)]
/// pub fn mount_app_page(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
///     app_page(element, props, |p: AppPageProps| {
///         let settings = move || format!("{}/settings", p.base_path.get());
///         view! {
///             <h1>"My app"</h1>
///             <p>{move || p.location.with(|l| l.pathname.clone())}</p>
///             <button on:click=move |_| p.navigate.run((settings(), false))>"Settings"</button>
///         }
///     })
/// }
/// ```
pub fn app_page<V: IntoView + 'static>(
    element: JsValue,
    props: JsValue,
    page: impl FnOnce(AppPageProps) -> V + 'static,
) -> Result<MountHandle, JsError> {
    let (element, props) = mount_args(API, element, &props)?;
    let base_path = props.required(
        props.string("basePath")?,
        "props.basePath is required (a string)",
    )?;
    let location = props.required(props.location("location")?, "props.location is required")?;
    let on_navigate = props.required(
        props.function("onNavigate")?,
        "props.onNavigate is required (a function)",
    )?;
    let data = json_data(&props)?.unwrap_or(Value::Null);
    mount("AppPageHandle.update", element, || {
        let base_path = RwSignal::new(base_path);
        let location = RwSignal::new(location);
        let json_data = RwSignal::new(data);
        let on_navigate = StoredValue::new(SendWrapper::new(on_navigate));
        let navigate = host::navigate_callback(on_navigate);
        let state = Page {
            base_path,
            location,
            json_data,
            on_navigate,
        };
        Ok((state, move || {
            page(AppPageProps {
                base_path: base_path.into(),
                location: location.into(),
                navigate,
                json_data: json_data.into(),
            })
        }))
    })
}

impl Update for Page {
    fn update(&mut self, props: &Props, _owner: &Owner) -> Result<(), JsError> {
        set_if_changed(self.base_path, props.string("basePath")?);
        set_if_changed(self.location, props.location("location")?);
        set_if_changed(self.json_data, json_data(props)?);
        if let Some(f) = props.function("onNavigate")? {
            self.on_navigate.set_value(SendWrapper::new(f));
        }
        Ok(())
    }
}
