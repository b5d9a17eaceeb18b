//! `Permissions`: who may administer a resource, as Grafana's generic permissions
//! component shows it for a service account: the people with their level (Edit, Admin)
//! that can be changed or removed, and **Add permission** (a person and a level). Data
//! in, callbacks out: the page talks to `/api/access-control/…`.

mod add_permission;

use crate::components::Column::{Hidden, Shown};
use crate::components::{mount_style, mount_theme, table_head};
use crate::model::{OrgUserLookup, ResourcePermission};
use add_permission::AddPermission;
use leptos::prelude::*;

/// The permissions of one resource.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use leptos_grafana::components::Permissions;
/// # use leptos_grafana::model::{OrgUserLookup, ResourcePermission};
/// # #[component] fn Page() -> impl IntoView {
/// let entries = RwSignal::new(Vec::<ResourcePermission>::new());
/// let people = RwSignal::new(Vec::<OrgUserLookup>::new());
/// view! {
///     <Permissions
///         entries=entries
///         people=people
///         can_set=true
///         on_set=move |(user_id, level): (i64, String)| { let _ = (user_id, level); }
///         on_remove=move |p: ResourcePermission| { let _ = p; }
///     />
/// }
/// # }
/// ```
#[component]
pub fn Permissions(
    /// The managed permissions (the server's list).
    #[prop(into)]
    entries: Signal<Vec<ResourcePermission>>,
    /// People to choose from when adding.
    #[prop(into)]
    people: Signal<Vec<OrgUserLookup>>,
    /// The caller may change permissions (`…permissions:write`); otherwise read-only.
    #[prop(into)]
    can_set: Signal<bool>,
    /// The levels, in the server's order.
    #[prop(optional, into)]
    levels: Option<Signal<Vec<String>>>,
    /// A request is in flight: the controls wait.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// A person's level was set (added or changed): `(userId, level)`.
    #[prop(into)]
    on_set: Callback<(i64, String)>,
    /// Remove was pressed for an entry.
    #[prop(into)]
    on_remove: Callback<ResourcePermission>,
) -> impl IntoView {
    mount_theme();
    mount_style("lg-permissions", include_str!("permissions.css"));
    let levels =
        levels.unwrap_or_else(|| Signal::stored(vec!["Edit".to_owned(), "Admin".to_owned()]));
    let adding = RwSignal::new(false);
    view! {
        <div class="lg-permissions">
            <Show
                when=move || entries.with(|e| !e.is_empty())
                fallback=|| view! { <p class="lg-permissions__empty">"There are no permissions"</p> }
            >
                <table class="lg-table lg-permissions__table">
                    <caption class="lg-visually-hidden">"Permissions"</caption>
                    {table_head([Hidden("Avatar"), Shown("User"), Shown("Permission"), Hidden("Actions")])}
                    <tbody>
                        <For
                            each=move || entries.get()
                            key=|p| (p.id, p.permission.clone())
                            let:entry
                        >
                            <PermissionRow entry levels can_set busy on_set on_remove />
                        </For>
                    </tbody>
                </table>
            </Show>
            <Show when=move || can_set.get() && !adding.get()>
                <button type="button" class="lg-button lg-button--primary" on:click=move |_| adding.set(true)>
                    "Add permission"
                </button>
            </Show>
            <AddPermission adding people levels busy on_set />
        </div>
    }
}

#[component]
fn PermissionRow(
    entry: ResourcePermission,
    levels: Signal<Vec<String>>,
    can_set: Signal<bool>,
    busy: Signal<bool>,
    on_set: Callback<(i64, String)>,
    on_remove: Callback<ResourcePermission>,
) -> impl IntoView {
    let who = entry.assignee().to_owned();
    let user_id = entry.user_id;
    let current = entry.permission.clone();
    let editable = move || can_set.get() && entry.is_managed && user_id.is_some();
    let removed = entry.clone();
    view! {
        <tr>
            <td>
                {entry.user_avatar_url.clone().map(|src| view! {
                    <img class="lg-avatar" src=src alt=format!("Avatar for user {}", user_id.unwrap_or_default()) width="25" height="25" />
                })}
            </td>
            <td>{who.clone()}</td>
            <td>
                <select
                    class="lg-input lg-permissions__level"
                    aria-label=format!("Permission level of {who}")
                    disabled=move || !editable() || busy.get()
                    on:change:target=move |ev| {
                        if let Some(id) = user_id {
                            on_set.run((id, ev.target().value()));
                        }
                    }
                >
                    <For each=move || levels.get() key=|l| l.clone() let:level>
                        <option value=level.clone() selected=level == current>{level.clone()}</option>
                    </For>
                </select>
            </td>
            <td class="lg-table__actions">
                <Show when=editable>
                    {
                        let removed = removed.clone();
                        let who = who.clone();
                        view! {
                            <button
                                type="button"
                                class="lg-button lg-button--destructive"
                                aria-label=format!("Remove permission for {who}")
                                disabled=move || busy.get()
                                on:click=move |_| on_remove.run(removed.clone())
                            >
                                "Remove"
                            </button>
                        }
                    }
                </Show>
            </td>
        </tr>
    }
}
