//! `TokensTable`: a service account's tokens (name, expires, created, last used), with
//! Delete behind the page's confirmation. Keys are never shown here: the API never
//! returns them after creation.

use crate::components::mount_theme;
use crate::model::TokenDto;
use leptos::prelude::*;

/// `2026-11-23T10:31:02Z` → `2026-11-23` (the date part Grafana's table shows).
pub fn date_part(timestamp: &str) -> String {
    timestamp.split('T').next().unwrap_or(timestamp).to_owned()
}

/// Grafana's "Expires" cell text: `Never`, `Expired`, `In N days`, or the date.
pub fn expires_text(token: &TokenDto) -> String {
    match &token.expiration {
        None => "Never".to_owned(),
        Some(_) if token.has_expired => "Expired".to_owned(),
        Some(_) if token.seconds_until_expiration > 0.0 => {
            let days = (token.seconds_until_expiration / 86_400.0).ceil() as i64;
            if days <= 1 {
                "In 1 day".to_owned()
            } else {
                format!("In {days} days")
            }
        }
        Some(date) => date_part(date),
    }
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
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Expires"</th>
                    <th scope="col">"Created"</th>
                    <th scope="col">"Last used at"</th>
                    <th scope="col">
                        <span class="lg-visually-hidden">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                <For each=move || tokens.get() key=|t| (t.id, t.has_expired, t.last_used_at.clone()) let:token>
                    {
                        let expires = expires_text(&token);
                        let expired = token.has_expired;
                        let for_delete = token.clone();
                        view! {
                            <tr>
                                <td>{token.name.clone()}</td>
                                <td>
                                    {if expired {
                                        view! { <span class="lg-badge lg-badge--warning">{expires}</span> }.into_any()
                                    } else {
                                        view! { <span>{expires}</span> }.into_any()
                                    }}
                                </td>
                                <td>{token.created.as_deref().map(date_part).unwrap_or_default()}</td>
                                <td>{token.last_used_at.as_deref().map(date_part).unwrap_or_else(|| "Never".to_owned())}</td>
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
        t.expiration = Some("2026-12-01T00:00:00Z".into());
        assert_eq!(expires_text(&t), "2026-12-01");
        t.seconds_until_expiration = 3.5 * 86_400.0;
        assert_eq!(expires_text(&t), "In 4 days");
        t.has_expired = true;
        assert_eq!(expires_text(&t), "Expired");
    }
}
