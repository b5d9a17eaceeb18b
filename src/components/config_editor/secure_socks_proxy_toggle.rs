//! plugin-ui's `SecureSocksProxyToggle`: "Secure Socks Proxy Enabled", writing
//! `jsonData.enableSecureSocksProxy`; shown only when the server runs Grafana's secure
//! socks proxy.

use super::Editor;
use crate::components::Switch;
use crate::model::set_json;
use leptos::prelude::*;

/// The switch.
#[component]
pub fn SecureSocksProxyToggle(
    /// The editor this belongs to.
    editor: Editor,
) -> impl IntoView {
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
