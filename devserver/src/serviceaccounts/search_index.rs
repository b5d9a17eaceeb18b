//! An in-memory index of service accounts for `GET /api/serviceaccounts/search`: what SQL
//! would answer with a scan of every row (`LIKE '%q%'` can use no index), answered from a
//! sorted list in memory, so a search over 100,000 accounts takes about a millisecond.
//!
//! The list is rebuilt whenever the accounts changed: triggers on `user` count every
//! insert, update and delete of a service account in `sa_generation` (migration 6), and a
//! search whose index is of an older generation rebuilds it first. It holds no secret:
//! ids, emails, names, logins and the disabled flag.

use super::store::{sa_page, SearchFilter, ServiceAccountRow};
use crate::db::DbError;
use rusqlite::Connection;
use std::collections::HashSet;

/// One account as the search sees it.
struct Entry {
    id: i64,
    /// Lower-cased (ASCII only, as SQLite's `LIKE`) email, name and login.
    email: String,
    name: String,
    login: String,
    is_disabled: bool,
}

/// The index; keep one per database (in `AppState`).
#[derive(Default)]
pub struct SearchIndex {
    generation: Option<i64>,
    /// Sorted as the search answers: by email, then login (byte order, as SQLite's).
    entries: Vec<Entry>,
}

fn generation(c: &Connection) -> Result<i64, DbError> {
    Ok(c.query_row("SELECT n FROM sa_generation", [], |r| r.get(0))?)
}

impl SearchIndex {
    fn refresh(&mut self, c: &Connection) -> Result<(), DbError> {
        let current = generation(c)?;
        if self.generation == Some(current) {
            return Ok(());
        }
        let mut stmt = c.prepare(
            "SELECT id, email, name, login, is_disabled FROM user
             WHERE is_service_account = 1 ORDER BY email ASC, login ASC",
        )?;
        let entries = stmt
            .query_map([], |r| {
                Ok(Entry {
                    id: r.get(0)?,
                    email: r.get::<_, String>(1)?.to_ascii_lowercase(),
                    name: r.get::<_, String>(2)?.to_ascii_lowercase(),
                    login: r.get::<_, String>(3)?.to_ascii_lowercase(),
                    is_disabled: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        self.entries = entries;
        self.generation = Some(current);
        Ok(())
    }

    /// The total number of matches and one page of them, in the search's order. The
    /// expired-tokens filter needs the tokens table and is left to SQL (`None`).
    pub fn search(
        &mut self,
        c: &Connection,
        f: &SearchFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Option<(i64, Vec<ServiceAccountRow>)>, DbError> {
        if f.expired_tokens && !f.disabled {
            return Ok(None);
        }
        self.refresh(c)?;
        let query = f.query.to_ascii_lowercase();
        let allowed: Option<HashSet<i64>> =
            f.only_ids.as_ref().map(|ids| ids.iter().copied().collect());
        let skip = usize::try_from(offset.max(0)).unwrap_or(usize::MAX);
        let take = usize::try_from(limit.max(0)).unwrap_or(usize::MAX);
        let mut total: i64 = 0;
        let mut page = Vec::new();
        for e in &self.entries {
            let matches = (query.is_empty()
                || e.email.contains(&query)
                || e.name.contains(&query)
                || e.login.contains(&query))
                && (!f.disabled || e.is_disabled)
                && (!f.external || e.login.starts_with("sa-1-extsvc-"))
                && allowed.as_ref().is_none_or(|ids| ids.contains(&e.id));
            if matches {
                let index = usize::try_from(total).unwrap_or(usize::MAX);
                if index >= skip && page.len() < take {
                    page.push(e.id);
                }
                total = total.saturating_add(1);
            }
        }
        Ok(Some((total, sa_page(c, &page)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::serviceaccounts::store;

    fn ids(rows: &[ServiceAccountRow]) -> Vec<i64> {
        rows.iter().map(|r| r.id).collect()
    }

    /// The index answers every filter exactly as the SQL search, before and after accounts
    /// are created, renamed, disabled and deleted.
    #[tokio::test]
    async fn answers_as_the_sql_search_does_through_changes() {
        let db = Db::open_in_memory().expect("db");
        db.call(|c| {
            let mut index = SearchIndex::default();
            let insert = |c: &Connection, i: usize| {
                c.execute(
                    "INSERT INTO user (uid, login, email, name, role, is_service_account, is_disabled, created, updated)
                     VALUES (?1, ?2, ?2, ?3, 'Viewer', 1, ?4, 0, 0)",
                    rusqlite::params![
                        format!("u{i}"),
                        if i.is_multiple_of(5) { format!("sa-1-extsvc-plugin-{i}") } else { format!("sa-1-Acct-{i:03}") },
                        format!("Account {i} {}", if i.is_multiple_of(2) { "Blue_%" } else { "red" }),
                        i.is_multiple_of(3)
                    ],
                )
            };
            for i in 0..40 {
                insert(c, i)?;
            }
            let check = |c: &Connection, index: &mut SearchIndex| -> Result<(), DbError> {
                for query in ["", "acct", "ACCT-01", "blue_%", "_", "%", "extsvc", "nothing", "é"] {
                    for (disabled, external, only) in [
                        (false, false, None),
                        (true, false, None),
                        (false, true, None),
                        (true, true, Some(vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10])),
                    ] {
                        let f = SearchFilter {
                            query: query.to_owned(),
                            disabled,
                            expired_tokens: false,
                            external,
                            only_ids: only.clone(),
                            now: 0,
                        };
                        for (limit, offset) in [(5, 0), (5, 5), (100, 0), (3, 1000)] {
                            let (total, rows) = store::search(c, &f, limit, offset)?;
                            let (itotal, irows) =
                                index.search(c, &f, limit, offset)?.expect("index answers");
                            assert_eq!((itotal, ids(&irows)), (total, ids(&rows)), "{query:?} {disabled} {external}");
                        }
                    }
                }
                Ok(())
            };
            check(c, &mut index)?;
            insert(c, 40)?;
            c.execute("UPDATE user SET name = 'renamed blue_%' WHERE uid = 'u7'", [])?;
            c.execute("UPDATE user SET is_disabled = 1 WHERE uid = 'u8'", [])?;
            c.execute("DELETE FROM user WHERE uid = 'u9'", [])?;
            check(c, &mut index)?;
            Ok(())
        })
        .await
        .expect("checks");
    }

    /// Expired-token filtering needs the tokens table: the index leaves it to SQL.
    #[tokio::test]
    async fn leaves_the_expired_tokens_filter_to_sql() {
        let db = Db::open_in_memory().expect("db");
        let answer = db
            .call(|c| {
                let f = SearchFilter {
                    query: String::new(),
                    disabled: false,
                    expired_tokens: true,
                    external: false,
                    only_ids: None,
                    now: 0,
                };
                SearchIndex::default().search(c, &f, 10, 0)
            })
            .await
            .expect("search");
        assert!(answer.is_none());
    }
}
