//! One account's row: avatar, name (a link to its page), login, role (a picker when the
//! user may change it), tokens (with "Expired" under that filter) and the actions.

use super::row_actions::RowActions;
use super::RowCallbacks;
use crate::components::role_picker::{RolePicker, ORG_ROLES};
use crate::components::{Icon, IconName, Link};
use crate::model::ServiceAccount;
use leptos::prelude::*;

/// The row of `sa`.
#[component]
pub fn ServiceAccountRow(
    /// The account.
    sa: ServiceAccount,
    /// Mark its tokens as expired.
    expired_tokens: Signal<bool>,
    /// What its controls call.
    callbacks: RowCallbacks,
    /// Add token was pressed (no button without it).
    on_add_token: Option<Callback<ServiceAccount>>,
) -> impl IntoView {
    let to = if sa.uid.is_empty() {
        format!("/{}", sa.id)
    } else {
        format!("/{}", sa.uid)
    };
    let name_text = sa.name.clone();
    let managed = sa.is_external;
    let can_write = !managed && sa.allows("serviceaccounts:write");
    let role_label = ORG_ROLES
        .iter()
        .find(|(r, _)| *r == sa.role)
        .map(|(_, l)| *l)
        .unwrap_or("No basic role");
    let role_cell = if can_write && !sa.is_disabled {
        let sa_for_role = sa.clone();
        view! {
            <RolePicker
                aria_label=format!("Role of {}", sa.name)
                value=sa.role.clone()
                on_change=move |role: String| callbacks.on_role_change.run((sa_for_role.clone(), role))
            />
        }
        .into_any()
    } else {
        view! { <span>{role_label}</span> }.into_any()
    };
    let tokens_cell = if sa.tokens > 0 {
        view! {
            <span class="lg-tokens-count">
                <Icon name=IconName::Key />
                {sa.tokens}
            </span>
        }
        .into_any()
    } else {
        view! { <span class="lg-text--secondary">"No tokens"</span> }.into_any()
    };
    let disabled = sa.is_disabled;
    view! {
        <tr class:lg-table__row--disabled=disabled>
            <td>
                {(!sa.avatar_url.is_empty())
                    .then(|| view! { <img class="lg-avatar" src=sa.avatar_url.clone() alt="User avatar" width="25" height="25" /> })}
            </td>
            <td>
                <Link to=to class="lg-table__name">{name_text}</Link>
            </td>
            <td class="lg-table__sub">{sa.login.clone()}</td>
            <td>{role_cell}</td>
            <td>
                {tokens_cell}
                {move || expired_tokens.get().then(|| view! { <span class="lg-badge lg-badge--warning">"Expired"</span> })}
            </td>
            <RowActions sa=sa.clone() callbacks on_add_token />
        </tr>
    }
}
