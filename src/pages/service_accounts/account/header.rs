//! The account page's header: the breadcrumb back to the list, the avatar and name with
//! Grafana's subtitle, and the notice on a managed (plugin) account.

use super::MANAGED_TEXT;
use crate::api::ServiceAccount;
use crate::components::{Alert, Icon, IconName, Link};
use leptos::prelude::*;

/// The header of `account` (it follows a rename).
#[component]
pub fn AccountHeader(
    /// The account shown.
    account: RwSignal<ServiceAccount>,
) -> impl IntoView {
    view! {
        <nav class="lg-breadcrumb" aria-label="Breadcrumb">
            <Link to="">"Service accounts"</Link>
        </nav>
        <div class="lg-page-header">
            <div class="lg-page-header__title">
                {move || {
                    let src = account.with(|a| a.avatar_url.clone());
                    (!src.is_empty()).then(|| view! { <img class="lg-avatar lg-avatar--large" src=src alt="" width="32" height="32" /> })
                }}
                <div>
                    <h1 class="lg-page__title">{move || account.with(|a| a.name.clone())}</h1>
                    <p class="lg-page__subtitle">"Manage settings for an individual service account."</p>
                </div>
            </div>
        </div>
        {move || account.with(|a| a.is_external).then(|| view! {
            <Alert title="Managed service account">
                <Icon name=IconName::Lock />
                " "
                {MANAGED_TEXT}
            </Alert>
        })}
    }
}
