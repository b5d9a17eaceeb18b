//! `TokensTable`: a service account's tokens as Grafana 13 lists them: Name, Expires
//! ("Never", "Expires in N days" as a warning inside 7 days, "Expired", or the date),
//! Created, Last used at ("Never"), a **Revoked** badge for a token found in public, and
//! Delete behind the page's confirmation. Keys are never shown here: the API never
//! returns them after creation.

use crate::components::Column::{Hidden, Shown};
use crate::components::{mount_theme, table_head, Icon, IconName};
use crate::model::token_expiry::{date_time, expires, Expires};
use crate::model::TokenDto;
use leptos::prelude::*;

/// The tokens of one service account.
#[component]
pub fn TokensTable(
    /// Tokens to show.
    #[prop(into)]
    tokens: Signal<Vec<TokenDto>>,
    /// The caller may delete tokens.
    #[prop(into)]
    can_delete: Signal<bool>,
    /// Delete was pressed for a token.
    #[prop(into)]
    on_delete: Callback<TokenDto>,
) -> impl IntoView {
    mount_theme();
    view! {
        <table class="lg-table">
            <caption class="lg-visually-hidden">"Service account tokens"</caption>
            {table_head([
                Shown("Name"), Shown("Expires"), Shown("Created"), Shown("Last used at"),
                Hidden("Revoked"), Hidden("Actions"),
            ])}
            <tbody>
                <For each=move || tokens.get() key=|t| (t.id, t.has_expired, t.is_revoked, t.last_used_at.clone()) let:token>
                    {
                        let expiry = expires(&token);
                        let revoked = token.is_revoked.unwrap_or(false);
                        let for_delete = token.clone();
                        view! {
                            <tr class:lg-table__row--disabled=token.has_expired || revoked>
                                <td>{token.name.clone()}</td>
                                <td>
                                    {match expiry {
                                        Expires::Never => view! { <span class="lg-text--secondary">"Never"</span> }.into_any(),
                                        Expires::Soon(t) => view! { <span class="lg-text--warning">{t}</span> }.into_any(),
                                        Expires::Expired => view! {
                                            <span class="lg-text--error" title="This token has expired">
                                                <Icon name=IconName::Warning />
                                                " Expired"
                                            </span>
                                        }.into_any(),
                                        Expires::On(t) => view! { <span>{t}</span> }.into_any(),
                                    }}
                                </td>
                                <td>{token.created.as_deref().map(date_time).unwrap_or_else(|| "No expiration date".to_owned())}</td>
                                <td>{token.last_used_at.as_deref().map(date_time).unwrap_or_else(|| "Never".to_owned())}</td>
                                <td>
                                    {revoked.then(|| view! {
                                        <span
                                            class="lg-badge lg-badge--error"
                                            title="This token has been publicly exposed. Please rotate this token"
                                        >
                                            <Icon name=IconName::Warning />
                                            " Revoked"
                                            <span class="lg-visually-hidden">
                                                ": this token has been publicly exposed. Please rotate this token"
                                            </span>
                                        </span>
                                    })}
                                </td>
                                <td class="lg-table__actions">
                                    <Show when=move || can_delete.get()>
                                        {
                                            let t = for_delete.clone();
                                            view! {
                                                <button
                                                    type="button"
                                                    class="lg-button lg-button--destructive"
                                                    aria-label=format!("Delete service account token {}", t.name)
                                                    on:click=move |_| on_delete.run(t.clone())
                                                >
                                                    "Delete"
                                                </button>
                                            }
                                        }
                                    </Show>
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
