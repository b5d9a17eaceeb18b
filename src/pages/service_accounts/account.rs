//! `…/:id`: one service account: name, role, enable/disable, delete, information, and its
//! tokens (add with expiry, key shown once, delete, revert to an API key where the server
//! offers it). Managed (plugin) accounts are read-only.

use crate::api::{ApiClient, ApiError, NewToken, ServiceAccount, ServiceAccountPatch, TokenDto};
use crate::components::tokens_table::date_part;
use crate::components::{
    Alert, ConfirmModal, CreateTokenModal, Link, RolePicker, Severity, TokensTable,
};
use crate::pages::SectionNav;
use leptos::prelude::*;

/// A destructive action waiting for confirmation.
#[derive(Clone)]
enum Pending {
    DeleteAccount,
    ToggleDisabled,
    DeleteToken(TokenDto),
    Revert(TokenDto),
}

/// The account page for the `id` segment of the route (an id the server does not know,
/// or no number at all, shows the server's "not found").
#[component]
pub fn ServiceAccountPage(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// The route's `:id`.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let id: i64 = id.parse().unwrap_or(0);
    let c1 = client.clone();
    let account = LocalResource::new(move || {
        let c = c1.clone();
        async move { c.get_service_account(id).await }
    });
    let c2 = client.clone();
    let tokens = LocalResource::new(move || {
        let c = c2.clone();
        async move { c.list_service_account_tokens(id).await }
    });
    view! {
        <Transition fallback=|| view! { <p role="status">"Loading service account…"</p> }>
            {move || {
                let client = client.clone();
                Suspend::new(async move {
                    match account.await {
                        Ok(sa) => view! {
                            <AccountView client nav sa tokens />
                        }
                            .into_any(),
                        Err(e) => {
                            nav.sign_in_again_if_needed(&e);
                            view! {
                                <h1 class="lg-page__title">"Service account"</h1>
                                <Alert severity=Severity::Error title=e.to_string()>
                                    <Link to="">"Back to service accounts"</Link>
                                </Alert>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn AccountView(
    client: ApiClient,
    nav: SectionNav,
    sa: ServiceAccount,
    tokens: LocalResource<Result<Vec<TokenDto>, ApiError>>,
) -> impl IntoView {
    // Only the token list is fetched again after a change: refetching the account would
    // rebuild this view and close the dialog that is showing a new key.
    let reload = move || tokens.refetch();
    let id = sa.id;
    let can_write = sa.allows("serviceaccounts:write");
    let can_delete = sa.allows("serviceaccounts:delete");
    let account = RwSignal::new(sa);
    let name_draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let token_open = RwSignal::new(false);
    let new_token = RwSignal::new(None::<NewToken>);
    let token_busy = RwSignal::new(false);
    let token_error = RwSignal::new(None::<String>);
    // The server's token day limit, from its boot data (none if it cannot be read: the
    // server still refuses a date past its limit, and the dialog shows that message).
    let settings_client = client.clone();
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

    let patch = {
        let client = client.clone();
        move |p: ServiceAccountPatch| {
            let client = client.clone();
            leptos::task::spawn_local(async move {
                match client.update_service_account(id, &p).await {
                    Ok(updated) => {
                        account.update(|a| {
                            a.name = updated.serviceaccount.name;
                            a.role = updated.serviceaccount.role;
                            a.is_disabled = updated.serviceaccount.is_disabled;
                        });
                        name_draft.set(None);
                        error.set(None);
                    }
                    Err(e) => {
                        if !nav.sign_in_again_if_needed(&e) {
                            error.set(Some(e.to_string()));
                        }
                    }
                }
            });
        }
    };

    let confirm = {
        let client = client.clone();
        let patch = patch.clone();
        move || {
            let Some(action) = pending.get_untracked() else {
                return;
            };
            pending.set(None);
            if let Pending::ToggleDisabled = action {
                patch(ServiceAccountPatch {
                    is_disabled: Some(!account.get_untracked().is_disabled),
                    ..Default::default()
                });
                return;
            }
            let client = client.clone();
            leptos::task::spawn_local(async move {
                let outcome = match &action {
                    Pending::DeleteAccount => client.delete_service_account(id).await.map(|_| ()),
                    Pending::DeleteToken(t) => client
                        .delete_service_account_token(id, t.id)
                        .await
                        .map(|_| ()),
                    Pending::Revert(t) => client
                        .revert_service_account_to_api_key(id, t.id)
                        .await
                        .map(|_| ()),
                    Pending::ToggleDisabled => Ok(()),
                };
                match (outcome, action) {
                    (Ok(()), Pending::DeleteAccount | Pending::Revert(_)) => nav.push(""),
                    (Ok(()), _) => reload(),
                    (Err(e), _) => {
                        if !nav.sign_in_again_if_needed(&e) {
                            error.set(Some(e.to_string()));
                        }
                    }
                }
            });
        }
    };

    let generate = {
        let client = client.clone();
        move |(name, seconds): (String, Option<i64>)| {
            token_busy.set(true);
            let client = client.clone();
            leptos::task::spawn_local(async move {
                match client
                    .create_service_account_token(id, &name, seconds)
                    .await
                {
                    Ok(token) => {
                        token_error.set(None);
                        new_token.set(Some(token));
                        reload();
                    }
                    Err(e) => {
                        if !nav.sign_in_again_if_needed(&e) {
                            token_error.set(Some(e.to_string()));
                        }
                    }
                }
                token_busy.set(false);
            });
        }
    };
    // Closing drops the key: the signal is cleared and the dialog's content re-rendered.
    let close_token_dialog = move || {
        new_token.set(None);
        token_error.set(None);
        token_open.set(false);
    };

    let save_name = {
        let patch = patch.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(draft) = name_draft.get_untracked() else {
                return;
            };
            if draft.trim().is_empty() {
                error.set(Some("Name is required".to_owned()));
                return;
            }
            patch(ServiceAccountPatch {
                name: Some(draft.trim().to_owned()),
                ..Default::default()
            });
        }
    };
    let patch_role = patch.clone();
    let default_token_name = {
        let login = account.with_untracked(|a| a.login.clone());
        format!("{login}-{}", (js_sys::Date::now() as i64) % 100_000)
    };

    view! {
        <nav class="lg-breadcrumb" aria-label="Breadcrumb">
            <Link to="">"Service accounts"</Link>
        </nav>
        <div class="lg-page-header">
            <h1 class="lg-page__title">{move || account.with(|a| a.name.clone())}</h1>
            <div class="lg-button-row">
                {can_write.then(|| view! {
                    <button type="button" class="lg-button" on:click=move |_| pending.set(Some(Pending::ToggleDisabled))>
                        {move || if account.with(|a| a.is_disabled) { "Enable service account" } else { "Disable service account" }}
                    </button>
                })}
                {can_delete.then(|| view! {
                    <button type="button" class="lg-button lg-button--destructive" on:click=move |_| pending.set(Some(Pending::DeleteAccount))>
                        "Delete service account"
                    </button>
                })}
            </div>
        </div>
        {move || account.with(|a| a.is_external).then(|| view! {
            <Alert title="Managed service account">
                {format!(
                    "This service account is managed by the {} plugin. It cannot be edited or deleted, and its tokens are managed by Grafana.",
                    account.with(|a| a.required_by.clone().unwrap_or_else(|| "app".to_owned())),
                )}
            </Alert>
        })}
        {move || error.get().map(|e| view! { <Alert severity=Severity::Error title=e /> })}
        <section class="lg-panel" aria-labelledby="sa-information">
            <h2 id="sa-information">"Information"</h2>
            <dl class="lg-info">
                <dt>"Name"</dt>
                <dd>
                    {move || match name_draft.get() {
                        Some(draft) => view! {
                            <form class="lg-field__row" on:submit=save_name.clone()>
                                <label class="lg-visually-hidden" for="sa-name-input">"Name"</label>
                                <input id="sa-name-input" class="lg-input" prop:value=draft on:input:target=move |ev| name_draft.set(Some(ev.target().value())) />
                                <button type="submit" class="lg-button lg-button--primary">"Save"</button>
                                <button type="button" class="lg-button" on:click=move |_| name_draft.set(None)>"Cancel"</button>
                            </form>
                        }.into_any(),
                        None => view! {
                            <span>{account.with(|a| a.name.clone())}</span>
                            {can_write.then(|| view! {
                                <button type="button" class="lg-button" aria-label="Edit name" on:click=move |_| name_draft.set(Some(account.with_untracked(|a| a.name.clone())))>
                                    "Edit"
                                </button>
                            })}
                        }.into_any(),
                    }}
                </dd>
                <dt>"ID"</dt>
                <dd>{move || account.with(|a| a.id)}</dd>
                <dt>"Login"</dt>
                <dd>{move || account.with(|a| a.login.clone())}</dd>
                <dt>"Roles"</dt>
                <dd>
                    <RolePicker
                        aria_label="Role"
                        value=Signal::derive(move || account.with(|a| a.role.clone()))
                        disabled=!can_write
                        on_change=move |role: String| patch_role(ServiceAccountPatch { role: Some(role), ..Default::default() })
                    />
                </dd>
                <dt>"Status"</dt>
                <dd>{move || if account.with(|a| a.is_disabled) { "Disabled" } else { "Enabled" }}</dd>
                <dt>"Creation date"</dt>
                <dd>{move || account.with(|a| a.created_at.as_deref().map(date_part).unwrap_or_default())}</dd>
            </dl>
        </section>
        <section class="lg-panel" aria-labelledby="sa-tokens">
            <div class="lg-page-header">
                <h2 id="sa-tokens">"Tokens"</h2>
                {can_write.then(|| view! {
                    <button
                        type="button"
                        class="lg-button lg-button--primary"
                        disabled=move || account.with(|a| a.is_disabled)
                        title=move || account.with(|a| a.is_disabled).then_some("Enable the service account to add tokens")
                        on:click=move |_| token_open.set(true)
                    >
                        "Add service account token"
                    </button>
                })}
            </div>
            <Transition fallback=|| view! { <p role="status">"Loading tokens…"</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) if list.is_empty() => view! { <p>"No tokens"</p> }.into_any(),
                        Ok(list) => {
                            let revertable = list.clone();
                            view! {
                                <TokensTable
                                    tokens=list
                                    can_delete=can_write
                                    on_delete=move |t| pending.set(Some(Pending::DeleteToken(t)))
                                />
                                {(can_delete && revertable.len() == 1).then(|| {
                                    let t = revertable[0].clone();
                                    view! {
                                        <p class="lg-field__description">
                                            "This account has a single token. "
                                            <button type="button" class="lg-button" on:click=move |_| pending.set(Some(Pending::Revert(t.clone())))>
                                                "Revert to API key"
                                            </button>
                                        </p>
                                    }
                                })}
                            }.into_any()
                        }
                        Err(e) => view! { <Alert severity=Severity::Error title=e.to_string() /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <CreateTokenModal
            open=token_open
            created=new_token
            busy=token_busy
            error=token_error
            default_name=default_token_name
            limit_days=limit_days
            on_generate=generate
            on_close=move |_| close_token_dialog()
        />
        <ConfirmModal
            open=Signal::derive(move || pending.with(Option::is_some))
            title=""
            title_text=Signal::derive(move || match pending.get() {
                Some(Pending::DeleteAccount) => "Delete service account".to_owned(),
                Some(Pending::ToggleDisabled) if account.with(|a| a.is_disabled) => "Enable service account".to_owned(),
                Some(Pending::ToggleDisabled) => "Disable service account".to_owned(),
                Some(Pending::DeleteToken(_)) => "Delete service account token".to_owned(),
                Some(Pending::Revert(_)) => "Revert to API key".to_owned(),
                None => String::new(),
            })
            body=Signal::derive(move || {
                let name = account.with(|a| a.name.clone());
                match pending.get() {
                    Some(Pending::DeleteAccount) => format!("Are you sure you want to delete {name}?"),
                    Some(Pending::ToggleDisabled) if account.with(|a| a.is_disabled) => format!("Are you sure you want to enable {name}?"),
                    Some(Pending::ToggleDisabled) => format!("Are you sure you want to disable {name}? Its tokens stop working."),
                    Some(Pending::DeleteToken(t)) => format!("Are you sure you want to delete service account token {}?", t.name),
                    Some(Pending::Revert(t)) => format!("This deletes {name} and turns its token {} into a legacy API key. Continue?", t.name),
                    None => String::new(),
                }
            })
            confirm_text=""
            confirm_label=Signal::derive(move || match pending.get() {
                Some(Pending::ToggleDisabled) if account.with(|a| a.is_disabled) => "Enable".to_owned(),
                Some(Pending::ToggleDisabled) => "Disable".to_owned(),
                Some(Pending::Revert(_)) => "Revert".to_owned(),
                _ => "Delete".to_owned(),
            })
            on_confirm=move |_| confirm()
            on_dismiss=move |_| pending.set(None)
        />
    }
}
