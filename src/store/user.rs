//! The user's own state in the library: watched players and clubs, read articles, visits.
//!
//! Keyed by what stays the same across runs, re-fetches and purges: a player by his folded
//! canonical name, a club by its gazetteer name, an article by its stable id (`lib-N`, or a
//! file's path-derived id). Never by a model's positions, which belong to one run. Each
//! change is its own short transaction, committed at once.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Library, StoreError, classify, time};

/// The tables of schema 3. Read marks are not tied to the articles table: an article purged
/// and fetched again under the same id is still read.
pub(super) const MIGRATION: &str = "CREATE TABLE watched_players (
        key       TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        added_at  TEXT NOT NULL
    );
    CREATE TABLE watched_clubs (
        name      TEXT PRIMARY KEY,
        added_at  TEXT NOT NULL
    );
    CREATE TABLE read_articles (
        article   TEXT PRIMARY KEY,
        read_at   TEXT NOT NULL
    );
    CREATE TABLE visits (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        as_of     TEXT NOT NULL
    );";

/// Something the user watches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Watch {
    /// A player: `key` is his canonical name folded (accents and case aside), `name` how it
    /// is shown.
    Player { key: String, name: String },
    /// A club, by its gazetteer name.
    Club { name: String },
}

/// One change of the user's state, committed in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserChange {
    Watch(Watch),
    Unwatch(Watch),
    /// These articles (by id) are read.
    Read(Vec<String>),
    /// This article is unread again.
    Unread(String),
    /// What has arrived so far was seen (fetched into the open dashboard): the current
    /// visit counts from now, so the next digest does not tell it again.
    CaughtUp,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WatchedPlayer {
    pub name: String,
    #[serde(skip)]
    pub key: String,
    pub added: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WatchedClub {
    pub name: String,
    pub added: Option<DateTime<Utc>>,
}

/// A start of the dashboard: when, and the date it counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub at: DateTime<Utc>,
    pub as_of: NaiveDate,
}

/// Everything the user has marked, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserState {
    /// In the order they were watched.
    pub players: Vec<WatchedPlayer>,
    pub clubs: Vec<WatchedClub>,
    /// Ids of the articles read.
    pub read: HashSet<String>,
}

impl Library {
    /// The watched players and clubs and the read articles.
    pub fn user_state(&self) -> Result<UserState, StoreError> {
        let sqlite = self.sqlite();
        let mut players = self
            .connection
            .prepare("SELECT key, name, added_at FROM watched_players ORDER BY added_at, key")
            .map_err(&sqlite)?;
        let players = players
            .query_map([], |row| {
                Ok(WatchedPlayer {
                    key: row.get(0)?,
                    name: row.get(1)?,
                    added: time(row.get(2)?),
                })
            })
            .map_err(&sqlite)?
            .collect::<Result<_, _>>()
            .map_err(&sqlite)?;
        let mut clubs = self
            .connection
            .prepare("SELECT name, added_at FROM watched_clubs ORDER BY added_at, name")
            .map_err(&sqlite)?;
        let clubs = clubs
            .query_map([], |row| {
                Ok(WatchedClub {
                    name: row.get(0)?,
                    added: time(row.get(1)?),
                })
            })
            .map_err(&sqlite)?
            .collect::<Result<_, _>>()
            .map_err(&sqlite)?;
        let mut read = self
            .connection
            .prepare("SELECT article FROM read_articles")
            .map_err(&sqlite)?;
        let read = read
            .query_map([], |row| row.get(0))
            .map_err(&sqlite)?
            .collect::<Result<_, _>>()
            .map_err(&sqlite)?;
        Ok(UserState {
            players,
            clubs,
            read,
        })
    }

    /// Commits one change of the user's state, in one transaction.
    pub fn apply(&mut self, change: &UserChange, now: DateTime<Utc>) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sqlite = |source| classify(&path, source);
        let now = now.to_rfc3339();
        let transaction = self.connection.transaction().map_err(sqlite)?;
        match change {
            UserChange::Watch(Watch::Player { key, name }) => transaction.execute(
                "INSERT INTO watched_players (key, name, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET name = ?2",
                params![key, name, now],
            ),
            UserChange::Watch(Watch::Club { name }) => transaction.execute(
                "INSERT OR IGNORE INTO watched_clubs (name, added_at) VALUES (?1, ?2)",
                params![name, now],
            ),
            UserChange::Unwatch(Watch::Player { key, .. }) => {
                transaction.execute("DELETE FROM watched_players WHERE key = ?1", [key])
            }
            UserChange::Unwatch(Watch::Club { name }) => {
                transaction.execute("DELETE FROM watched_clubs WHERE name = ?1", [name])
            }
            UserChange::Read(articles) => {
                let mut insert = transaction
                    .prepare_cached(
                        "INSERT OR IGNORE INTO read_articles (article, read_at) VALUES (?1, ?2)",
                    )
                    .map_err(sqlite)?;
                let mut stored = 0;
                for article in articles {
                    stored += insert.execute(params![article, now]).map_err(sqlite)?;
                }
                Ok(stored)
            }
            UserChange::Unread(article) => {
                transaction.execute("DELETE FROM read_articles WHERE article = ?1", [article])
            }
            UserChange::CaughtUp => transaction.execute(
                "UPDATE visits SET at = ?1 WHERE id = (SELECT max(id) FROM visits)",
                [&now],
            ),
        }
        .map_err(sqlite)?;
        transaction.commit().map_err(sqlite)
    }

    /// The last visit recorded, if any.
    pub fn last_visit(&self) -> Result<Option<Visit>, StoreError> {
        self.connection
            .query_row(
                "SELECT at, as_of FROM visits ORDER BY id DESC LIMIT 1",
                [],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )
            .optional()
            .map(|found| {
                found.and_then(|(at, as_of)| {
                    Some(Visit {
                        at: time(Some(at))?,
                        as_of: as_of.parse().ok()?,
                    })
                })
            })
            .map_err(self.sqlite())
    }

    /// Records a visit (a start of the dashboard).
    pub fn record_visit(&mut self, visit: Visit) -> Result<(), StoreError> {
        self.connection
            .execute(
                "INSERT INTO visits (at, as_of) VALUES (?1, ?2)",
                params![visit.at.to_rfc3339(), visit.as_of.to_string()],
            )
            .map(|_| ())
            .map_err(self.sqlite())
    }

    /// The ids (as the model knows them, `lib-N`) of the articles first stored after `since`.
    pub fn articles_first_seen_after(
        &self,
        since: DateTime<Utc>,
    ) -> Result<HashSet<String>, StoreError> {
        let sqlite = self.sqlite();
        let mut statement = self
            .connection
            .prepare("SELECT id FROM articles WHERE first_seen > ?1")
            .map_err(&sqlite)?;
        let rows = statement
            .query_map([since.to_rfc3339()], |row| {
                row.get::<_, i64>(0).map(super::article_key)
            })
            .map_err(&sqlite)?;
        rows.collect::<Result<_, _>>().map_err(&sqlite)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, schema_2_library};
    use super::super::{Access, FetchRecord, NewArticle};
    use super::*;

    fn ramos() -> Watch {
        Watch::Player {
            key: "sergio ramos".into(),
            name: "Sergio Ramos".into(),
        }
    }

    #[test]
    fn watching_and_reading_are_kept_across_opens_and_undone_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mercato.db");
        {
            let mut library = Library::open(&path, Access::UserState).unwrap();
            library.apply(&UserChange::Watch(ramos()), at(1)).unwrap();
            let juve = Watch::Club {
                name: "Juventus".into(),
            };
            library
                .apply(&UserChange::Watch(juve.clone()), at(2))
                .unwrap();
            library.apply(&UserChange::Watch(juve), at(3)).unwrap();
            let read = UserChange::Read(vec!["lib-1".into(), "lib-2".into(), "lib-1".into()]);
            library.apply(&read, at(2)).unwrap();
            library
                .apply(&UserChange::Unread("lib-2".into()), at(3))
                .unwrap();
        }
        let mut library = Library::open(&path, Access::UserState).unwrap();
        let state = library.user_state().unwrap();
        assert_eq!(state.players[0].name, "Sergio Ramos");
        assert_eq!(state.players[0].added, Some(at(1)));
        assert_eq!(state.clubs.len(), 1);
        assert_eq!(
            state.clubs[0].added,
            Some(at(2)),
            "watching twice keeps the first"
        );
        assert_eq!(state.read, HashSet::from(["lib-1".to_string()]));
        library.apply(&UserChange::Unwatch(ramos()), at(4)).unwrap();
        assert!(library.user_state().unwrap().players.is_empty());
    }

    #[test]
    fn marks_are_saved_while_a_writer_holds_the_library() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mercato.db");
        let mut fetching = Library::open(&path, Access::Write).unwrap();
        let feed = fetching
            .add_feed("https://e.com/rss", None, false, at(1))
            .unwrap();
        let mut marks = Library::open(&path, Access::UserState).unwrap();
        marks.apply(&UserChange::Watch(ramos()), at(2)).unwrap();
        fetching
            .record_fetch(
                feed.id,
                FetchRecord::NotModified {
                    etag: None,
                    last_modified: None,
                },
                at(3),
            )
            .unwrap();
        marks
            .apply(&UserChange::Read(vec!["lib-4".into()]), at(3))
            .unwrap();
        let state = fetching.user_state().unwrap();
        assert_eq!((state.players.len(), state.read.len()), (1, 1));
    }

    #[test]
    fn visits_are_recorded_in_order_and_new_articles_counted_from_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(&dir.path().join("m.db"), Access::Write).unwrap();
        assert_eq!(library.last_visit().unwrap(), None);
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        library
            .record_visit(Visit {
                at: at(1),
                as_of: day(1),
            })
            .unwrap();
        library
            .record_visit(Visit {
                at: at(3),
                as_of: day(3),
            })
            .unwrap();
        assert_eq!(library.last_visit().unwrap().map(|v| v.as_of), Some(day(3)));
        library.apply(&UserChange::CaughtUp, at(5)).unwrap();
        assert_eq!(library.last_visit().unwrap().map(|v| v.at), Some(at(5)));
        let story = |guid: &str| NewArticle {
            guid: guid.into(),
            url: None,
            title: format!("Story {guid}"),
            author: None,
            source: None,
            published: None,
            body: format!("Osimhen story {guid}."),
            content_hash: guid.into(),
            summary_only: false,
        };
        library.import(&[story("a")], at(2)).unwrap();
        library.import(&[story("b")], at(4)).unwrap();
        assert_eq!(
            library.articles_first_seen_after(at(3)).unwrap(),
            HashSet::from(["lib-2".to_string()])
        );
    }

    /// A library written by schema 2 (its feeds, articles and indexes) opens, migrates to
    /// the user-state tables and keeps every article and feed.
    #[test]
    fn a_schema_2_library_migrates_without_loss() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mercato.db");
        schema_2_library(
            &path,
            "INSERT INTO feeds (url, name, added_at, etag)
             VALUES ('https://e.com/rss', 'E', '2026-01-01T00:00:00Z', '\"v7\"');
             INSERT INTO articles (feed_id, guid, title, first_seen, body, content_hash)
             VALUES (1, 'g1', 'Ojeda stays', '2026-01-01T00:00:00Z',
                     'Ojeda stays at Wolves until June 2027.', 'h1'),
                    (NULL, 'file:x', 'Lille watch Dembara', '2026-01-02T00:00:00Z',
                     'Lille are monitoring Youssouf Dembara.', 'h2');",
        );
        // A reader cannot migrate; a user-state handle can.
        assert!(matches!(
            Library::open(&path, Access::Read),
            Err(StoreError::Migrating { .. })
        ));
        let mut library = Library::open(&path, Access::UserState).unwrap();
        let articles = library.articles_after(0).unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].body, "Ojeda stays at Wolves until June 2027.");
        let feed = library.feeds().unwrap().remove(0);
        assert_eq!((feed.articles, feed.etag.as_deref()), (1, Some("\"v7\"")));
        assert_eq!(library.user_state().unwrap(), UserState::default());
        library
            .apply(&UserChange::Read(vec!["lib-1".into()]), at(1))
            .unwrap();
        assert_eq!(library.integrity().unwrap(), "ok");
        let version: i64 = library
            .connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, crate::store::SCHEMA_VERSION);
        drop(library);
        assert!(Library::open(&path, Access::Read).is_ok());
    }

    #[test]
    fn user_state_survives_a_purge_and_a_refetch() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(&dir.path().join("m.db"), Access::Write).unwrap();
        let feed = library
            .add_feed("https://e.com/rss", Some("E"), false, at(1))
            .unwrap();
        let fetched = |body: &str| FetchRecord::Fetched {
            status: 200,
            title: None,
            etag: None,
            last_modified: None,
            articles: vec![NewArticle {
                guid: "1".into(),
                url: None,
                title: "Kante".into(),
                author: None,
                source: None,
                published: Some(at(1)),
                body: body.into(),
                content_hash: body.into(),
                summary_only: false,
            }],
        };
        library
            .record_fetch(feed.id, fetched("Kante joins Lyon."), at(1))
            .unwrap();
        library
            .apply(&UserChange::Read(vec!["lib-1".into()]), at(1))
            .unwrap();
        library.apply(&UserChange::Watch(ramos()), at(1)).unwrap();
        library
            .record_fetch(feed.id, fetched("Kante joins Lyon today."), at(2))
            .unwrap();
        library.remove_feed("E", true).unwrap();
        let state = library.user_state().unwrap();
        assert!(state.read.contains("lib-1"));
        assert_eq!(state.players.len(), 1);
    }
}
