//! `mountServiceAccounts(element, props)`: the service-account pages inside a host page,
//! typically a Grafana app plugin's root page at `/a/<plugin-id>/…`. The host owns the
//! address bar: the section reads `location`, asks `onNavigate` to move, and reports a
//! lost session to `onUnauthorized` (it never sends the browser to a sign-in page).

use crate::api::{ApiClient, ApiError};
use crate::embed::host;
use crate::embed::mount::{mount, set_if_changed, MountHandle, Update};
use crate::embed::props::{mount_args, Props};
use crate::model::location::HostLocation;
use crate::pages::{SectionNav, ServiceAccountsSection};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;

const API: &str = "mountServiceAccounts";

/// Where the section is: changing any of these mounts the section afresh.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place {
    base_path: String,
    api_base: String,
    app_sub_url: String,
    org_id: Option<i64>,
}

/// What `update` can change in mounted pages.
struct Section {
    place: RwSignal<Place>,
    location: RwSignal<HostLocation>,
    can_create: RwSignal<Option<bool>>,
    on_navigate: StoredValue<SendWrapper<js_sys::Function>>,
    on_unauthorized: StoredValue<Option<SendWrapper<js_sys::Function>>>,
}

/// The props of a mount or an update, decoded (`None` = not given).
struct Decoded {
    base_path: Option<String>,
    api_base: Option<String>,
    app_sub_url: Option<String>,
    location: Option<HostLocation>,
    on_navigate: Option<js_sys::Function>,
    on_unauthorized: Option<Option<js_sys::Function>>,
    can_create: Option<Option<bool>>,
    org_id: Option<i64>,
}

fn decode(props: &Props) -> Result<Decoded, JsError> {
    let base_path = props.string("basePath")?;
    if let Some(base) = &base_path
        && (!base.starts_with('/') || base.contains(['?', '#']))
    {
        return Err(props.error(
            "props.basePath must be a path starting with / (e.g. /a/<plugin-id>/service-accounts)",
        ));
    }
    Ok(Decoded {
        base_path,
        api_base: props.string("apiBase")?,
        app_sub_url: props.string("appSubUrl")?,
        location: props.location("location")?,
        on_navigate: props.function("onNavigate")?,
        on_unauthorized: props
            .has("onUnauthorized")
            .then(|| props.function("onUnauthorized"))
            .transpose()?,
        can_create: props
            .has("canCreate")
            .then(|| props.bool("canCreate"))
            .transpose()?,
        org_id: props.org_id("orgId")?,
    })
}

/// Mounts the service-account pages into `element`.
///
/// `props`: `basePath`, `location` and `onNavigate` (required); `apiBase`, `appSubUrl`,
/// `onUnauthorized` and `canCreate` (optional): see `ServiceAccountsProps` in the
/// generated `.d.ts`.
///
/// ```no_run
/// use leptos_grafana::embed::MountHandle;
/// use wasm_bindgen::prelude::*;
///
/// /// `mountServiceAccounts(element, props)`, as the kit's service-accounts package exports it.
/// #[wasm_bindgen(js_name = mountServiceAccounts)]
/// pub fn mount(element: JsValue, props: JsValue) -> Result<MountHandle, JsError> {
///     leptos_grafana::embed::kit::mount_service_accounts(element, props)
/// }
/// ```
pub fn mount_service_accounts(
    element_value: JsValue,
    props_value: JsValue,
) -> Result<MountHandle, JsError> {
    let (element, props) = mount_args(API, element_value, &props_value)?;
    let d = decode(&props)?;
    let base_path = props.required(d.base_path, "props.basePath is required (a string)")?;
    let location = props.required(d.location, "props.location is required")?;
    let on_navigate = props.required(d.on_navigate, "props.onNavigate is required (a function)")?;
    mount("ServiceAccountsHandle.update", element, || {
        let place = RwSignal::new(Place {
            base_path,
            api_base: d.api_base.unwrap_or_else(|| "/api".to_owned()),
            app_sub_url: d.app_sub_url.unwrap_or_default(),
            org_id: d.org_id.or_else(host::boot_org_id),
        });
        let location = RwSignal::new(location);
        let can_create = RwSignal::new(d.can_create.flatten());
        let on_navigate = StoredValue::new(SendWrapper::new(on_navigate));
        let on_unauthorized = StoredValue::new(d.on_unauthorized.flatten().map(SendWrapper::new));
        let navigate = host::navigate_callback(on_navigate);
        let unauthorized = Callback::new(move |err: ApiError| {
            if let Some(f) = on_unauthorized.get_value() {
                host::call(&f, &[JsValue::from_str(&err.to_string())]);
            }
        });
        let place_memo = Memo::new(move |_| place.get());
        let section = Section {
            place,
            location,
            can_create,
            on_navigate,
            on_unauthorized,
        };
        Ok((section, move || {
            move || {
                let Place {
                    base_path,
                    api_base,
                    app_sub_url,
                    org_id,
                } = place_memo.get();
                let client = match org_id {
                    Some(org) => ApiClient::new(api_base).with_org_id(org),
                    None => ApiClient::new(api_base),
                };
                let nav = SectionNav::new(
                    base_path,
                    app_sub_url,
                    location.into(),
                    navigate,
                    unauthorized,
                );
                let can_create = can_create
                    .get_untracked()
                    .map(|_| Signal::derive(move || can_create.get().unwrap_or(false)));
                view! {
                    <ServiceAccountsSection client nav can_create />
                }
            }
        }))
    })
}

impl Update for Section {
    /// Any subset of `ServiceAccountsProps`; the host calls it with every new `location`
    /// of its router.
    fn update(&mut self, props: &Props, _owner: &Owner) -> Result<(), JsError> {
        let d = decode(props)?;
        set_if_changed(self.location, d.location);
        if let Some(f) = d.on_navigate {
            self.on_navigate.set_value(SendWrapper::new(f));
        }
        if let Some(f) = d.on_unauthorized {
            self.on_unauthorized.set_value(f.map(SendWrapper::new));
        }
        if let Some(can_create) = d.can_create {
            self.can_create.set(can_create);
        }
        if d.base_path.is_some()
            || d.api_base.is_some()
            || d.app_sub_url.is_some()
            || d.org_id.is_some()
        {
            let mut next = self.place.get_untracked();
            if let Some(base_path) = d.base_path {
                next.base_path = base_path;
            }
            if let Some(api_base) = d.api_base {
                next.api_base = api_base;
            }
            if let Some(app_sub_url) = d.app_sub_url {
                next.app_sub_url = app_sub_url;
            }
            if d.org_id.is_some() {
                next.org_id = d.org_id;
            }
            self.place.set(next);
        }
        Ok(())
    }
}
