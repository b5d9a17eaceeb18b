//! plugin-ui's `SecureSocksProxyToggle`: "Secure Socks Proxy Enabled", writing
//! `jsonData.enableSecureSocksProxy`; shown only when the server runs Grafana's secure
//! socks proxy.

use crate::components::Switch;
use crate::model::set_json;
use leptos::prelude::*;

controlled_section! {
    /// The switch.
    ///
    /// Used on its own, as plugin-ui's controlled sections are:
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// # use leptos_grafana::components::SecureSocksProxyToggle;
    /// # use leptos_grafana::model::DataSourceSettings;
    /// # #[component] fn Page() -> impl IntoView {
    /// let options = RwSignal::new(DataSourceSettings::default());
    /// view! { <SecureSocksProxyToggle config=options on_change=move |next| options.set(next) /> }
    /// # }
    /// ```
    pub fn SecureSocksProxyToggle[editor](
    ) {
        let checked = Signal::derive(move || {
            editor.options.with(|o| {
                o.json_data
                    .get("enableSecureSocksProxy")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false)
            })
        });
        view! {
            <div class="lg-secure-socks">
                <Switch
                    label="Secure Socks Proxy Enabled"
                    description="Proxy the datasource connection through the secure socks proxy to a different network."
                    checked=checked
                    disabled=editor.read_only
                    on_change=move |on: bool| {
                        editor.change("enableSecureSocksProxy", |s| set_json(s, "enableSecureSocksProxy", on.into()))
                    }
                />
            </div>
        }
    }
}
