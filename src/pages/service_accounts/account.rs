//! `…/:uid/information|tokens|permissions`: one service account as Grafana 13's page
//! with tabs, each its own URL. **Information**: numerical identifier, editable name,
//! login, role, creation date, "Used by" for a managed account; Delete / Disable /
//! Enable. **Tokens**: the tokens table, Add service account token (key shown once),
//! delete, revert to an API key where the server offers it. **Permissions**: who may
//! administer the account (people with Edit or Admin). Managed (plugin) accounts are
//! read-only. The account is addressed by uid, or by its numeric id.

use super::add_token::AddTokenDialog;
use crate::api::{
    ApiClient, ApiError, OrgUserLookup, ResourcePermission, ServiceAccount, ServiceAccountPatch,
    TokenDto,
};
use crate::components::tokens_table::date_time;
use crate::components::{
    Alert, ConfirmModal, Icon, IconName, Link, Permissions, RolePicker, Severity, Tab, TabsBar,
    TokensTable,
};
use crate::model::location::AccountTab;
use crate::pages::SectionNav;
use leptos::prelude::*;

/// Grafana's words for a managed account (the lock's tooltip and the page's notice).
pub const MANAGED_TEXT: &str = "This is a managed service account and cannot be modified";

/// A destructive action waiting for confirmation.
#[derive(Clone)]
enum Pending {
    DeleteAccount,
    Disable,
    DeleteToken(TokenDto),
    Revert(TokenDto),
}

/// The account page for the route's `:uid` (or numeric id) and tab. An account the server
/// does not know shows the server's "not found".
#[component]
pub fn ServiceAccountPage(
    /// Where the API is.
    client: ApiClient,
    /// Where the section is and how it moves.
    nav: SectionNav,
    /// The route's `:uid` (or `:id`).
    #[prop(into)]
    id: String,
    /// The tab the route names (the section's memo: it outlives this page).
    tab: Memo<AccountTab>,
) -> impl IntoView {
    let c1 = client.clone();
    let account = LocalResource::new(move || {
        let c = c1.clone();
        let id = id.clone();
        async move { c.get_service_account(id).await }
    });
    view! {
        <Transition fallback=|| view! { <p role="status">"Loading service account…"</p> }>
            {move || {
                let client = client.clone();
                Suspend::new(async move {
                    match account.await {
                        Ok(sa) => view! { <AccountView client nav sa tab /> }.into_any(),
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
    tab: Memo<AccountTab>,
) -> impl IntoView {
    let id = sa.id;
    let path = if sa.uid.is_empty() {
        format!("/{id}")
    } else {
        format!("/{}", sa.uid)
    };
    let can_write = sa.allows("serviceaccounts:write");
    let can_delete = sa.allows("serviceaccounts:delete");
    let can_read_permissions = sa.allows("serviceaccounts.permissions:read");
    let can_write_permissions = sa.allows("serviceaccounts.permissions:write");
    let account = RwSignal::new(sa);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);

    let c2 = client.clone();
    let tokens = LocalResource::new(move || {
        let c = c2.clone();
        async move { c.list_service_account_tokens(id).await }
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
            if let Pending::Disable = action {
                patch(ServiceAccountPatch {
                    is_disabled: Some(true),
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
                    Pending::Disable => Ok(()),
                };
                match (outcome, action) {
                    (Ok(()), Pending::DeleteAccount | Pending::Revert(_)) => nav.push(""),
                    (Ok(()), _) => tokens.refetch(),
                    (Err(e), _) => {
                        if !nav.sign_in_again_if_needed(&e) {
                            error.set(Some(e.to_string()));
                        }
                    }
                }
            });
        }
    };

    let tabs = {
        let path = path.clone();
        Signal::derive(move || {
            let managed = account.with(|a| a.is_external);
            AccountTab::ALL
                .into_iter()
                .filter(|t| *t != AccountTab::Permissions || (!managed && can_read_permissions))
                .map(|t| Tab {
                    title: t.title().to_owned(),
                    to: format!("{path}/{}", t.segment()),
                    active: tab.get() == t,
                })
                .collect::<Vec<_>>()
        })
    };

    let content = {
        let client = client.clone();
        move || {
            match tab.get() {
            // Moving to another account's tab drops this page in the same update that
            // changes the tab: then there is nothing left to render here.
            _ if account.is_disposed() => ().into_any(),
            AccountTab::Information => view! {
                <Information account can_write can_delete patch=patch.clone() pending />
            }
            .into_any(),
            AccountTab::Tokens => view! {
                <Tokens client=client.clone() nav account tokens can_write can_delete pending />
            }
            .into_any(),
            AccountTab::Permissions if can_read_permissions => view! {
                <PermissionsTab client=client.clone() nav id can_set=can_write_permissions />
            }
            .into_any(),
            AccountTab::Permissions => view! {
                <Alert severity=Severity::Warning title="You do not have permission to see who may administer this service account" />
            }
            .into_any(),
        }
        }
    };

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
        {move || error.get().map(|e| view! { <Alert severity=Severity::Error title=e /> })}
        <TabsBar label="Service account" tabs=tabs />
        <div role="tabpanel" aria-label=move || tab.get().title()>
            {content}
        </div>
        <ConfirmModal
            open=Signal::derive(move || pending.with(Option::is_some))
            title=""
            title_text=Signal::derive(move || match pending.get() {
                Some(Pending::DeleteAccount) => "Delete service account".to_owned(),
                Some(Pending::Disable) => "Disable service account".to_owned(),
                Some(Pending::DeleteToken(_)) => "Delete service account token".to_owned(),
                Some(Pending::Revert(_)) => "Revert to API key".to_owned(),
                None => String::new(),
            })
            body=Signal::derive(move || {
                let name = account.with(|a| a.name.clone());
                match pending.get() {
                    Some(Pending::DeleteAccount) => "Are you sure you want to delete this service account?".to_owned(),
                    Some(Pending::Disable) => "Are you sure you want to disable this service account?".to_owned(),
                    Some(Pending::DeleteToken(t)) => format!("Are you sure you want to delete service account token {}?", t.name),
                    Some(Pending::Revert(t)) => format!("This deletes {name} and turns its token {} into a legacy API key. Continue?", t.name),
                    None => String::new(),
                }
            })
            confirm_text=""
            confirm_label=Signal::derive(move || match pending.get() {
                Some(Pending::DeleteAccount) => "Delete service account".to_owned(),
                Some(Pending::Disable) => "Disable service account".to_owned(),
                Some(Pending::Revert(_)) => "Revert".to_owned(),
                _ => "Delete".to_owned(),
            })
            on_confirm=move |_| confirm()
            on_dismiss=move |_| pending.set(None)
        />
    }
}

/// The Information tab: Grafana's profile rows, then Delete / Disable / Enable.
#[component]
fn Information(
    account: RwSignal<ServiceAccount>,
    can_write: bool,
    can_delete: bool,
    patch: impl Fn(ServiceAccountPatch) + Clone + Send + Sync + 'static,
    pending: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let name_draft = RwSignal::new(None::<String>);
    let name_error = RwSignal::new(None::<String>);
    let managed = account.with_untracked(|a| a.is_external);
    let editable = move || can_write && !managed && !account.with(|a| a.is_disabled);
    let save_name = {
        let patch = patch.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(draft) = name_draft.get_untracked() else {
                return;
            };
            if draft.trim().is_empty() {
                name_error.set(Some("Name is required".to_owned()));
                return;
            }
            name_error.set(None);
            if account.with_untracked(|a| a.name == draft.trim()) {
                name_draft.set(None);
                return;
            }
            // The form stays (with what was typed) until the server has the new name.
            patch(ServiceAccountPatch {
                name: Some(draft.trim().to_owned()),
                ..Default::default()
            });
        }
    };
    Effect::new(move |previous: Option<String>| {
        let name = account.with(|a| a.name.clone());
        if previous.is_some_and(|p| p != name) {
            name_draft.set(None);
        }
        name
    });
    let patch_role = patch.clone();
    let enable = patch.clone();
    view! {
        <section class="lg-panel" aria-labelledby="sa-information">
            <h3 id="sa-information">"Information"</h3>
            <dl class="lg-info">
                <dt>"Numerical identifier"</dt>
                <dd class="lg-text--secondary">{move || account.with(|a| a.id)}</dd>
                <dt>"Name"</dt>
                <dd>
                    {move || match name_draft.get() {
                        Some(draft) => view! {
                            <form class="lg-field__row" on:submit=save_name.clone()>
                                <label class="lg-visually-hidden" for="sa-name-input">"Name"</label>
                                <input
                                    id="sa-name-input"
                                    class="lg-input"
                                    prop:value=draft
                                    aria-invalid=move || if name_error.with(Option::is_some) { "true" } else { "false" }
                                    on:input:target=move |ev| name_draft.set(Some(ev.target().value()))
                                />
                                <button type="submit" class="lg-button lg-button--primary">"Save"</button>
                                <button type="button" class="lg-button" on:click=move |_| { name_draft.set(None); name_error.set(None); }>"Cancel"</button>
                            </form>
                            {move || name_error.get().map(|e| view! { <p class="lg-field__error" role="alert">{e}</p> })}
                        }.into_any(),
                        None => view! {
                            <span>{account.with(|a| a.name.clone())}</span>
                            {(!managed && can_write).then(|| view! {
                                <button
                                    type="button"
                                    class="lg-button"
                                    aria-label="Edit name"
                                    disabled=move || !editable()
                                    on:click=move |_| name_draft.set(Some(account.with_untracked(|a| a.name.clone())))
                                >
                                    "Edit"
                                </button>
                            })}
                        }.into_any(),
                    }}
                </dd>
                <dt>"ID"</dt>
                <dd>{move || account.with(|a| a.login.clone())}</dd>
                <dt>"Roles"</dt>
                <dd>
                    <RolePicker
                        aria_label="Role"
                        value=Signal::derive(move || account.with(|a| a.role.clone()))
                        disabled=Signal::derive(move || !editable())
                        on_change=move |role: String| patch_role(ServiceAccountPatch { role: Some(role), ..Default::default() })
                    />
                </dd>
                <dt>"Creation date"</dt>
                <dd>{move || account.with(|a| a.created_at.as_deref().map(date_time).unwrap_or_default())}</dd>
                {move || account.with(|a| a.required_by.clone()).filter(|_| managed).map(|plugin| view! {
                    <dt>"Used by"</dt>
                    <dd><a href=format!("/plugins/{plugin}")>{plugin.clone()}</a></dd>
                })}
            </dl>
            {(!managed).then(|| view! {
                <div class="lg-button-row">
                    <button
                        type="button"
                        class="lg-button lg-button--destructive"
                        disabled=!can_delete
                        on:click=move |_| pending.set(Some(Pending::DeleteAccount))
                    >
                        "Delete service account"
                    </button>
                    {move || if account.with(|a| a.is_disabled) {
                        let enable = enable.clone();
                        view! {
                            <button
                                type="button"
                                class="lg-button"
                                disabled=!can_write
                                on:click=move |_| enable(ServiceAccountPatch { is_disabled: Some(false), ..Default::default() })
                            >
                                "Enable service account"
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                class="lg-button"
                                disabled=!can_write
                                on:click=move |_| pending.set(Some(Pending::Disable))
                            >
                                "Disable service account"
                            </button>
                        }.into_any()
                    }}
                </div>
            })}
        </section>
    }
}

/// The Tokens tab.
#[component]
fn Tokens(
    client: ApiClient,
    nav: SectionNav,
    account: RwSignal<ServiceAccount>,
    tokens: LocalResource<Result<Vec<TokenDto>, ApiError>>,
    can_write: bool,
    can_delete: bool,
    pending: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let managed = account.with_untracked(|a| a.is_external);
    let target = RwSignal::new(None::<ServiceAccount>);
    view! {
        <section class="lg-panel" aria-labelledby="sa-tokens">
            <div class="lg-page-header">
                <h3 id="sa-tokens">"Tokens"</h3>
                {(can_write && !managed).then(|| view! {
                    <button
                        type="button"
                        class="lg-button lg-button--primary"
                        disabled=move || account.with(|a| a.is_disabled)
                        title=move || account.with(|a| a.is_disabled).then_some("Enable the service account to add tokens")
                        on:click=move |_| target.set(Some(account.get_untracked()))
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
                                    can_delete=can_write && !managed
                                    on_delete=move |t| pending.set(Some(Pending::DeleteToken(t)))
                                />
                                {(can_delete && !managed && revertable.len() == 1).then(|| {
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
        <AddTokenDialog client nav target on_created=move |_| tokens.refetch() />
    }
}

/// The Permissions tab: loads the account's permissions and the people to choose from,
/// sets and removes levels, and shows the server's message on failure.
#[component]
fn PermissionsTab(client: ApiClient, nav: SectionNav, id: i64, can_set: bool) -> impl IntoView {
    let c1 = client.clone();
    let entries = LocalResource::new(move || {
        let c = c1.clone();
        async move { c.service_account_permissions(id).await }
    });
    let c2 = client.clone();
    let people = LocalResource::new(move || {
        let c = c2.clone();
        async move {
            if can_set {
                c.lookup_org_users("", 100).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let set = {
        let client = client.clone();
        move |user_id: i64, level: String| {
            let client = client.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                match client
                    .set_service_account_user_permission(id, user_id, &level)
                    .await
                {
                    Ok(_) => {
                        error.set(None);
                        entries.refetch();
                    }
                    Err(e) => {
                        if !nav.sign_in_again_if_needed(&e) {
                            error.set(Some(e.to_string()));
                        }
                    }
                }
                busy.set(false);
            });
        }
    };
    let on_set = {
        let set = set.clone();
        move |(user_id, level): (i64, String)| set(user_id, level)
    };
    let on_remove = move |p: ResourcePermission| {
        if let Some(user_id) = p.user_id {
            set(user_id, String::new());
        }
    };
    let listed = Signal::derive(move || match entries.get() {
        Some(Ok(list)) => list,
        _ => Vec::new(),
    });
    let choices = Signal::derive(move || match people.get() {
        Some(Ok(list)) => list,
        _ => Vec::<OrgUserLookup>::new(),
    });
    view! {
        <section class="lg-panel" aria-labelledby="sa-permissions">
            <h3 id="sa-permissions">"Permissions"</h3>
            <p class="lg-field__description">
                "People with Edit may change this service account and its tokens; Admin may also delete it and change these permissions. Org admins always may."
            </p>
            {move || error.get().map(|e| view! { <Alert severity=Severity::Error title=e /> })}
            {move || match entries.get() {
                None => Some(view! { <p role="status">"Loading permissions…"</p> }.into_any()),
                Some(Err(e)) => Some(view! { <Alert severity=Severity::Error title=e.to_string() /> }.into_any()),
                Some(Ok(_)) => None,
            }}
            <Permissions
                entries=listed
                people=choices
                can_set=can_set
                busy=busy
                on_set=on_set
                on_remove=on_remove
            />
        </section>
    }
}
