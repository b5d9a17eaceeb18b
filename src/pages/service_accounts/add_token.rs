//! Add service account token, from the account's Tokens tab or from a list row that has
//! no token yet: the dialog, the server's token day limit (from boot data), the suggested
//! `<login>-<uuid>` name, the request, and the key shown once.

use crate::api::{ApiClient, NewToken, ServiceAccount};
use crate::components::CreateTokenModal;
use crate::model::token_expiry::uuid_v4;
use crate::pages::SectionNav;
use leptos::prelude::*;

/// A suggested token name: `<login>-<uuid>` (Grafana's), from the browser's random source.
pub fn suggested_token_name(login: &str) -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    format!("{login}-{}", uuid_v4(bytes))
}

/// The dialog for `target` (open while it is `Some`). `on_created` runs after a token
/// was made (the caller reloads what it shows); closing forgets the key.
#[component]
pub fn AddTokenDialog(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// The account to add a token to; `None` closes the dialog.
    target: RwSignal<Option<ServiceAccount>>,
    /// A token was created.
    #[prop(into)]
    on_created: Callback<()>,
) -> impl IntoView {
    let created = RwSignal::new(None::<NewToken>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let settings_client = client.clone();
    // The server's token day limit, from its boot data (none if it cannot be read: the
    // server still refuses a date past its limit, and the dialog shows that message).
    let frontend_settings = LocalResource::new(move || {
        let client = settings_client.clone();
        async move { client.frontend_settings().await }
    });
    let limit_days = Signal::derive(move || {
        frontend_settings
            .get()
            .and_then(Result::ok)
            .and_then(|s| s.token_day_limit())
    });
    let suggested = Memo::new(move |_| {
        target
            .with(|t| t.as_ref().map(|sa| suggested_token_name(&sa.login)))
            .unwrap_or_default()
    });
    let generate = move |(name, seconds): (String, Option<i64>)| {
        let Some(id) = target.with_untracked(|t| t.as_ref().map(|sa| sa.id)) else {
            return;
        };
        busy.set(true);
        let client = client.clone();
        leptos::task::spawn_local(async move {
            match client
                .create_service_account_token(id, &name, seconds)
                .await
            {
                Ok(token) => {
                    error.set(None);
                    created.set(Some(token));
                    on_created.run(());
                }
                Err(e) => {
                    if !nav.sign_in_again_if_needed(&e) {
                        error.set(Some(e.to_string()));
                    }
                }
            }
            busy.set(false);
        });
    };
    // Closing drops the key: the signal is cleared and the dialog's content re-rendered.
    let close = move || {
        created.set(None);
        error.set(None);
        target.set(None);
    };
    view! {
        <CreateTokenModal
            open=Signal::derive(move || target.with(Option::is_some))
            created=created
            busy=busy
            error=error
            default_name=suggested
            limit_days=limit_days
            on_generate=generate
            on_close=move |_| close()
        />
    }
}
