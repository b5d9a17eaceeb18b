//! `TokensTable`: a service account's tokens as Grafana 13 lists them: Name, Expires
//! ("Never", "Expires in N days" as a warning inside 7 days, "Expired", or the date),
//! Created, Last used at ("Never"), a **Revoked** badge for a token found in public, and
//! Delete behind the page's confirmation. Keys are never shown here: the API never
//! returns them after creation.

use crate::components::Column::{Hidden, Shown};
use crate::components::{mount_theme, table_head, Icon, IconName};
use crate::model::TokenDto;
use leptos::prelude::*;

/// `2026-11-23T10:31:02Z` → `2026-11-23` (the date part Grafana's table shows).
pub fn date_part(timestamp: &str) -> String {
    timestamp.split('T').next().unwrap_or(timestamp).to_owned()
}

/// `2026-11-23T10:31:02Z` → `2026-11-23 10:31:02` (Grafana's `dateTimeFormat`, in UTC).
pub fn date_time(timestamp: &str) -> String {
    let Some((date, time)) = timestamp.split_once('T') else {
        return timestamp.to_owned();
    };
    let clock: String = time.chars().take(8).collect();
    format!("{date} {clock}")
}

/// How an expiry reads: which words, and in which colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expires {
    /// No expiry ("Never", secondary text).
    Never,
    /// Inside the server's 7-day window: "Expires in N days" (warning).
    Soon(String),
    /// "Expired" (error).
    Expired,
    /// The date and time.
    On(String),
}

impl Expires {
    /// The cell's text.
    pub fn text(&self) -> String {
        match self {
            Self::Never => "Never".to_owned(),
            Self::Soon(t) | Self::On(t) => t.clone(),
            Self::Expired => "Expired".to_owned(),
        }
    }
}

/// Grafana's "Expires" cell: the server fills `secondsUntilExpiration` only within 7 days.
pub fn expires(token: &TokenDto) -> Expires {
    match &token.expiration {
        None => Expires::Never,
        Some(_) if token.has_expired => Expires::Expired,
        Some(_) if token.seconds_until_expiration > 0.0 => {
            let days = (token.seconds_until_expiration / 86_400.0).ceil() as i64;
            if days <= 1 {
                Expires::Soon("Expires in 1 day".to_owned())
            } else {
                Expires::Soon(format!("Expires in {days} days"))
            }
        }
        Some(date) => Expires::On(date_time(date)),
    }
}

/// The "Expires" cell's text.
pub fn expires_text(token: &TokenDto) -> String {
    expires(token).text()
}

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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn expires_cell() {
        let mut t = TokenDto::default();
        assert_eq!(expires_text(&t), "Never");
        t.expiration = Some("2026-12-01T08:09:10Z".into());
        assert_eq!(expires_text(&t), "2026-12-01 08:09:10");
        t.seconds_until_expiration = 3.5 * 86_400.0;
        assert_eq!(expires_text(&t), "Expires in 4 days");
        t.seconds_until_expiration = 600.0;
        assert_eq!(expires(&t), Expires::Soon("Expires in 1 day".into()));
        t.has_expired = true;
        assert_eq!(expires_text(&t), "Expired");
    }
}
