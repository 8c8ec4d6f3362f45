//! The library: every article Mercato has been given, kept in one SQLite file that survives
//! restarts and crashes, with the feeds it came from.
//!
//! One [`Library`] writes at a time: opening one for writing takes an exclusive lock on a
//! file beside the database (`mercato.db.lock`, holding the owner's pid). Every write is one
//! transaction (a feed's articles all together), in WAL mode with `synchronous=FULL`, so a
//! kill at any moment leaves each feed either fully written or not at all.
//!
//! The user's own state (watched players and clubs, read articles, visits) lives in tables
//! of its own keyed by stable names and ids (see [`user`]), so that re-fetching or pruning
//! articles never resets it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

use crate::corpus::Article;

pub mod user;
pub use user::{UserChange, UserState, Visit, Watch, WatchedClub, WatchedPlayer};

/// The schema this build writes; older libraries are migrated, newer ones refused.
const SCHEMA_VERSION: i64 = 4;

/// Each migration takes the schema from its index to the next version, in one transaction.
const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [
    // 0 → 1: feeds and articles.
    "CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        url           TEXT NOT NULL UNIQUE,
        name          TEXT,
        full_text     INTEGER NOT NULL DEFAULT 0,
        added_at      TEXT NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        fetched_at    TEXT,
        http_status   INTEGER,
        error         TEXT,
        failures      INTEGER NOT NULL DEFAULT 0,
        retry_after   TEXT
    );
    CREATE TABLE articles (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        feed_id         INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        guid            TEXT NOT NULL,
        url             TEXT,
        title           TEXT NOT NULL,
        author          TEXT,
        source          TEXT,
        published       TEXT,
        date_is_fetch   INTEGER NOT NULL DEFAULT 0,
        first_seen      TEXT NOT NULL,
        updated_at      TEXT,
        body            TEXT NOT NULL,
        content_hash    TEXT NOT NULL,
        summary_only    INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_guid ON articles(guid);
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_hash ON articles(content_hash);",
    // 1 → 2: articles by feed, then guid. Counting a feed's articles (every feed listing:
    // `feed add`, `fetch`, each load) read the whole table once per feed without it; and it
    // must be one index with the guid: beside a lone guid index, SQLite looks a stored item
    // up by its feed (all of an import's rows, or of a feed's) and checks each guid.
    "DROP INDEX articles_guid;
    CREATE INDEX articles_feed_guid ON articles(feed_id, guid);",
    // 2 → 3: the user's own state, keyed by what survives a re-fetch, a purge or a rebuild
    // of the model (never by the model's positions).
    user::MIGRATION,
    // 3 → 4: each article's extracted facts (`crate::facts`), under the version of the
    // extractor and gazetteer that read them; gone with their article.
    // The index answers "which articles lack this version's facts" without reading a
    // single article or facts row.
    "CREATE TABLE facts (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version    TEXT NOT NULL,
        data       BLOB NOT NULL
    );
    CREATE INDEX facts_version ON facts(version, article_id);",
];

/// What can go wrong with the library, said so that the user knows what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is not a Mercato library (not an SQLite database); pass another --db, or move it away"
    )]
    NotADatabase { path: PathBuf },
    #[error("{path} is an SQLite database of another program; pass another --db, or move it away")]
    Foreign { path: PathBuf },
    #[error(
        "{path} was written by a newer Mercato (schema {found}, this one knows {SCHEMA_VERSION}); update Mercato"
    )]
    Newer { path: PathBuf, found: i64 },
    #[error("the library {path} is in use by another mercato{}; close it first", holder.map(|pid| format!(" (pid {pid})")).unwrap_or_default())]
    InUse { path: PathBuf, holder: Option<u32> },
    #[error("the library {path} is being set up by another mercato; try again in a moment")]
    Migrating { path: PathBuf },
    #[error("cannot open the library {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the library {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("no feed is named or has the URL '{0}' (see mercato feed list)")]
    NoSuchFeed(String),
}

/// How a library is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reading and writing; fails with [`StoreError::InUse`] while another writer has it.
    Write,
    /// Reading only; works beside a writer (WAL readers never block it).
    Read,
    /// Reading, and writing the user's own state (watched, read, visits) beside a writer:
    /// no writer's lock is held, since each such write is one short transaction that SQLite
    /// orders with a fetch's (busy timeout). A missing library is created, and an older one
    /// migrated, under the writer's lock for that moment.
    UserState,
}

/// A subscribed feed and how its last fetch went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Feed {
    #[serde(skip)]
    pub id: i64,
    pub url: String,
    pub name: Option<String>,
    pub full_text: bool,
    pub articles: usize,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub fetched_at: Option<DateTime<Utc>>,
    pub http_status: Option<u16>,
    pub error: Option<String>,
    pub failures: u32,
    pub retry_after: Option<DateTime<Utc>>,
}

impl Feed {
    /// The name to show: the given one, else the URL.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.url)
    }
}

/// An article about to enter the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    /// The feed's id for the item (or, for imported files, where it came from).
    pub guid: String,
    /// Canonical link (tracking parameters stripped), if any.
    pub url: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub source: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub body: String,
    /// Same story, same hash, whatever its guid or link.
    pub content_hash: String,
    /// The body is a feed's summary, not the whole article.
    pub summary_only: bool,
}

/// A stored article, as the model reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    /// Stable for the life of the library: never reused, kept when the article is updated.
    pub id: i64,
    pub feed: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub source: Option<String>,
    /// Published date, else the day it was first fetched (`date_is_fetch`).
    pub date: NaiveDate,
    pub date_is_fetch: bool,
    pub body: String,
}

impl StoredArticle {
    /// The article as the model reads it. Its `path` is where it came from (link or feed).
    pub fn into_article(self) -> Article {
        let path = self
            .url
            .clone()
            .or_else(|| self.feed.clone())
            .unwrap_or_else(|| format!("library #{}", self.id));
        Article {
            id: article_key(self.id),
            path,
            date: Some(self.date),
            date_is_fetch: self.date_is_fetch,
            title: self.title,
            source: self.source,
            url: self.url,
            body: self.body,
        }
    }
}

/// The id an article of the library has in the model and the export: `lib-N`.
pub fn article_key(id: i64) -> String {
    format!("lib-{id}")
}

/// The library id in an [`article_key`]; `None` for an article that is not the library's.
pub fn library_id(key: &str) -> Option<i64> {
    key.strip_prefix("lib-")?.parse().ok()
}

/// What storing a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stored {
    pub new: usize,
    pub updated: usize,
    /// Already stored (same guid, link or text) and unchanged.
    pub unchanged: usize,
}

/// How a fetch of one feed ended, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchRecord {
    /// New content: the articles, and the validators to send next time.
    Fetched {
        status: u16,
        /// The feed's own title, the feed's name until the user gives one.
        title: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        articles: Vec<NewArticle>,
    },
    /// 304: the articles stay; a 304 may carry new validators.
    NotModified {
        etag: Option<String>,
        last_modified: Option<String>,
    },
    Failed {
        status: Option<u16>,
        error: String,
        retry_after: Option<DateTime<Utc>>,
    },
}

/// The library file, open.
#[derive(Debug)]
pub struct Library {
    connection: Connection,
    path: PathBuf,
    /// Held while open for writing; the OS releases it if the process dies.
    _lock: Option<File>,
}

impl Library {
    /// Opens (creating when missing, for [`Access::Write`]) the library at `path`, migrating
    /// an older schema. A file that is not a Mercato library is never touched.
    pub fn open(path: &Path, access: Access) -> Result<Self, StoreError> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let lock = match access {
            Access::Write => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                Some(take_lock(path)?)
            }
            Access::UserState => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                None
            }
            Access::Read => None,
        };
        let flags = match access {
            Access::Write | Access::UserState => {
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
            }
            Access::Read => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let sqlite = |source| classify(path, source);
        let connection = Connection::open_with_flags(path, flags).map_err(sqlite)?;
        connection
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(sqlite)?;
        let mut library = Self {
            connection,
            path: path.to_path_buf(),
            _lock: lock,
        };
        library.prepare(access)?;
        Ok(library)
    }

    /// The library's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sqlite(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |source| classify(&self.path, source)
    }

    /// Checks the file is ours (or new), then settings and migrations.
    fn prepare(&mut self, access: Access) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sqlite = |source| classify(&path, source);
        // Reading the schema is the first real read: a file that is not SQLite fails here.
        let version: i64 = self
            .connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sqlite)?;
        let tables: i64 = self
            .connection
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |row| row.get(0),
            )
            .map_err(sqlite)?;
        if version == 0 && tables > 0 {
            return Err(StoreError::Foreign { path });
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::Newer {
                path,
                found: version,
            });
        }
        if access == Access::Read {
            // Only a writer migrates; an older library read beside its writer is not ready.
            if version < SCHEMA_VERSION {
                return Err(StoreError::Migrating { path });
            }
            return Ok(());
        }
        // Migrating is a writer's job: a user-state handle takes the lock for it.
        let _migrating = if access == Access::UserState && version < SCHEMA_VERSION {
            Some(take_lock(&path).map_err(|_| StoreError::Migrating { path: path.clone() })?)
        } else {
            None
        };
        self.connection
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            )
            .map_err(sqlite)?;
        for (from, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let transaction = self.connection.transaction().map_err(sqlite)?;
            transaction.execute_batch(migration).map_err(sqlite)?;
            transaction
                .pragma_update(None, "user_version", from as i64 + 1)
                .map_err(sqlite)?;
            transaction.commit().map_err(sqlite)?;
        }
        Ok(())
    }

    /// Subscribes to a feed; an existing URL keeps its articles and gets the new name.
    pub fn add_feed(
        &mut self,
        url: &str,
        name: Option<&str>,
        full_text: bool,
        now: DateTime<Utc>,
    ) -> Result<Feed, StoreError> {
        let sqlite = self.sqlite();
        self.connection
            .execute(
                "INSERT INTO feeds (url, name, full_text, added_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(url) DO UPDATE SET name = coalesce(?2, name), full_text = ?3",
                params![url, name, full_text, now.to_rfc3339()],
            )
            .map_err(&sqlite)?;
        self.feed(url)?
            .ok_or_else(|| StoreError::NoSuchFeed(url.to_string()))
    }

    /// The feed whose URL or name is `key` (the URL wins).
    pub fn feed(&self, key: &str) -> Result<Option<Feed>, StoreError> {
        let feeds = self.feeds()?;
        let by_url = feeds.iter().position(|feed| feed.url == key);
        let by_name = || {
            feeds
                .iter()
                .position(|feed| feed.name.as_deref() == Some(key))
        };
        Ok(by_url.or_else(by_name).map(|at| feeds[at].clone()))
    }

    /// Every feed, in the order they were added.
    pub fn feeds(&self) -> Result<Vec<Feed>, StoreError> {
        let sqlite = self.sqlite();
        let mut statement = self
            .connection
            .prepare(
                "SELECT f.id, f.url, f.name, f.full_text, f.etag, f.last_modified, f.fetched_at,
                        f.http_status, f.error, f.failures, f.retry_after,
                        (SELECT count(*) FROM articles a WHERE a.feed_id = f.id)
                 FROM feeds f ORDER BY f.id",
            )
            .map_err(&sqlite)?;
        let rows = statement
            .query_map([], |row| {
                Ok(Feed {
                    id: row.get(0)?,
                    url: row.get(1)?,
                    name: row.get(2)?,
                    full_text: row.get(3)?,
                    etag: row.get(4)?,
                    last_modified: row.get(5)?,
                    fetched_at: time(row.get(6)?),
                    http_status: row.get(7)?,
                    error: row.get(8)?,
                    failures: row.get(9)?,
                    retry_after: time(row.get(10)?),
                    articles: row.get::<_, i64>(11)?.try_into().unwrap_or(0),
                })
            })
            .map_err(&sqlite)?;
        rows.collect::<Result<_, _>>().map_err(&sqlite)
    }

    /// Unsubscribes; the feed's articles stay (unlinked from it) unless `purge`.
    pub fn remove_feed(&mut self, key: &str, purge: bool) -> Result<(Feed, usize), StoreError> {
        let feed = self
            .feed(key)?
            .ok_or_else(|| StoreError::NoSuchFeed(key.to_string()))?;
        let path = self.path.clone();
        let sqlite = |source| classify(&path, source);
        let transaction = self.connection.transaction().map_err(sqlite)?;
        let purged = if purge {
            transaction
                .execute("DELETE FROM articles WHERE feed_id = ?1", [feed.id])
                .map_err(sqlite)?
        } else {
            0
        };
        transaction
            .execute("DELETE FROM feeds WHERE id = ?1", [feed.id])
            .map_err(sqlite)?;
        transaction.commit().map_err(sqlite)?;
        Ok((feed, purged))
    }

    /// Records one fetch of a feed and stores its articles, all in one transaction.
    pub fn record_fetch(
        &mut self,
        feed: i64,
        record: FetchRecord,
        now: DateTime<Utc>,
    ) -> Result<Stored, StoreError> {
        let path = self.path.clone();
        let sqlite = |source| classify(&path, source);
        let transaction = self.connection.transaction().map_err(sqlite)?;
        let fetched_at = now.to_rfc3339();
        let mut stored = Stored::default();
        match record {
            FetchRecord::Fetched {
                status,
                title,
                etag,
                last_modified,
                articles,
            } => {
                stored =
                    store_articles(&transaction, Some(feed), &articles, now).map_err(sqlite)?;
                transaction
                    .execute(
                        "UPDATE feeds SET etag = ?2, last_modified = ?3, fetched_at = ?4,
                         http_status = ?5, error = NULL, failures = 0, retry_after = NULL,
                         name = coalesce(name, ?6)
                         WHERE id = ?1",
                        params![feed, etag, last_modified, fetched_at, status, title],
                    )
                    .map_err(sqlite)?;
            }
            FetchRecord::NotModified {
                etag,
                last_modified,
            } => {
                transaction
                    .execute(
                        "UPDATE feeds SET etag = coalesce(?2, etag),
                         last_modified = coalesce(?3, last_modified), fetched_at = ?4,
                         http_status = 304, error = NULL, failures = 0, retry_after = NULL
                         WHERE id = ?1",
                        params![feed, etag, last_modified, fetched_at],
                    )
                    .map_err(sqlite)?;
            }
            FetchRecord::Failed {
                status,
                error,
                retry_after,
            } => {
                transaction
                    .execute(
                        "UPDATE feeds SET fetched_at = ?2, http_status = ?3, error = ?4,
                         failures = failures + 1, retry_after = ?5 WHERE id = ?1",
                        params![
                            feed,
                            fetched_at,
                            status,
                            error,
                            retry_after.map(|t| t.to_rfc3339())
                        ],
                    )
                    .map_err(sqlite)?;
            }
        }
        transaction.commit().map_err(sqlite)?;
        Ok(stored)
    }

    /// Stores articles that came from no feed (imported files), in one transaction.
    pub fn import(
        &mut self,
        articles: &[NewArticle],
        now: DateTime<Utc>,
    ) -> Result<Stored, StoreError> {
        let path = self.path.clone();
        let sqlite = |source| classify(&path, source);
        let transaction = self.connection.transaction().map_err(sqlite)?;
        let stored = store_articles(&transaction, None, articles, now).map_err(sqlite)?;
        transaction.commit().map_err(sqlite)?;
        Ok(stored)
    }

    /// How many articles the library holds.
    pub fn count(&self) -> Result<usize, StoreError> {
        self.connection
            .query_row("SELECT count(*) FROM articles", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| n.try_into().unwrap_or(0))
            .map_err(self.sqlite())
    }

    /// The articles whose id is above `after`, in the order they were first stored (so a
    /// model that read up to `after` can take just the rest).
    pub fn articles_after(&self, after: i64) -> Result<Vec<StoredArticle>, StoreError> {
        self.articles_where("a.id > ?1", [after])
    }

    /// The articles with these ids, in id order.
    pub fn articles_with_ids(&self, ids: &[i64]) -> Result<Vec<StoredArticle>, StoreError> {
        let mut articles = Vec::with_capacity(ids.len());
        for id in ids {
            articles.extend(self.articles_where("a.id = ?1", [*id])?);
        }
        Ok(articles)
    }

    fn articles_where(
        &self,
        condition: &str,
        parameters: impl rusqlite::Params,
    ) -> Result<Vec<StoredArticle>, StoreError> {
        let sqlite = self.sqlite();
        let mut statement = self
            .connection
            .prepare_cached(&format!(
                "SELECT a.id, f.name, f.url, a.url, a.title, a.author, a.source, a.published,
                        a.date_is_fetch, a.first_seen, a.body
                 FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
                 WHERE {condition} ORDER BY a.id"
            ))
            .map_err(&sqlite)?;
        let rows = statement
            .query_map(parameters, |row| stored_article(row, row.get(10)?))
            .map_err(&sqlite)?;
        rows.collect::<Result<_, _>>().map_err(&sqlite)
    }

    /// Whether the feed already has an item with this guid.
    pub fn knows(&self, feed: i64, guid: &str) -> Result<bool, StoreError> {
        self.connection
            .query_row(
                "SELECT 1 FROM articles WHERE guid = ?1 AND feed_id = ?2",
                params![guid, feed],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(self.sqlite())
    }

    /// Articles updated in place since they were read (same id, new text), above none.
    pub fn updated_since(&self, since: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
        let sqlite = self.sqlite();
        let mut statement = self
            .connection
            .prepare("SELECT id FROM articles WHERE updated_at > ?1 ORDER BY id")
            .map_err(&sqlite)?;
        let rows = statement
            .query_map([since.to_rfc3339()], |row| row.get(0))
            .map_err(&sqlite)?;
        rows.collect::<Result<_, _>>().map_err(&sqlite)
    }

    /// The ids of the articles without facts of this `version` (none stored, or another
    /// version's), in id order.
    pub fn lacking_facts(&self, version: &str) -> Result<Vec<i64>, StoreError> {
        let sqlite = self.sqlite();
        // Both sides from indexes (no ORDER BY, which would walk the articles' own rows).
        let mut statement = self
            .connection
            .prepare(
                "SELECT id FROM articles
                 WHERE id NOT IN (SELECT article_id FROM facts WHERE version = ?1)",
            )
            .map_err(&sqlite)?;
        let rows = statement
            .query_map([version], |row| row.get(0))
            .map_err(&sqlite)?;
        let mut ids: Vec<i64> = rows.collect::<Result<_, _>>().map_err(&sqlite)?;
        ids.sort_unstable();
        Ok(ids)
    }

    /// Stores articles' facts (encoded) under `version`, in one transaction, replacing what
    /// was stored; an article removed meanwhile is skipped.
    pub fn store_facts(
        &mut self,
        version: &str,
        facts: &[(i64, Vec<u8>)],
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sqlite = |source| classify(&path, source);
        let transaction = self.connection.transaction().map_err(sqlite)?;
        {
            let mut insert = transaction
                .prepare_cached(
                    "INSERT OR REPLACE INTO facts (article_id, version, data)
                     SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
                )
                .map_err(sqlite)?;
            for (id, data) in facts {
                insert.execute(params![id, version, data]).map_err(sqlite)?;
            }
        }
        transaction.commit().map_err(sqlite)
    }

    /// Every article in id order, without its body, with its stored facts when they are of
    /// this `version` (else `None`): what a start needs, handed to `each` row by row so that
    /// a large library is never in memory twice.
    pub fn each_headline(
        &self,
        version: &str,
        mut each: impl FnMut(StoredArticle, Option<&[u8]>),
    ) -> Result<(), StoreError> {
        let sqlite = self.sqlite();
        let mut statement = self
            .connection
            .prepare(
                "SELECT a.id, f.name, f.url, a.url, a.title, a.author, a.source, a.published,
                        a.date_is_fetch, a.first_seen, x.data
                 FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
                 LEFT JOIN facts x ON x.article_id = a.id AND x.version = ?1
                 ORDER BY a.id",
            )
            .map_err(&sqlite)?;
        let mut rows = statement.query([version]).map_err(&sqlite)?;
        while let Some(row) = rows.next().map_err(&sqlite)? {
            let article = stored_article(row, String::new()).map_err(&sqlite)?;
            let data = row
                .get_ref(10)
                .and_then(|value| Ok(value.as_blob_or_null()?))
                .map_err(&sqlite)?;
            each(article, data);
        }
        Ok(())
    }

    /// An article's stored facts (encoded) if they are of this `version`.
    pub fn facts_of(&self, id: i64, version: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.connection
            .prepare_cached("SELECT data FROM facts WHERE article_id = ?1 AND version = ?2")
            .and_then(|mut statement| {
                statement
                    .query_row(params![id, version], |row| row.get(0))
                    .optional()
            })
            .map_err(self.sqlite())
    }

    /// An article's body, or `None` when there is no such article (any more).
    pub fn body(&self, id: i64) -> Result<Option<String>, StoreError> {
        self.connection
            .prepare_cached("SELECT body FROM articles WHERE id = ?1")
            .and_then(|mut statement| statement.query_row([id], |row| row.get(0)).optional())
            .map_err(self.sqlite())
    }

    /// `PRAGMA integrity_check`: "ok", or what is wrong.
    pub fn integrity(&self) -> Result<String, StoreError> {
        self.connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .map_err(self.sqlite())
    }
}

/// An article from a row whose first ten columns are `a.id, f.name, f.url, a.url, a.title,
/// a.author, a.source, a.published, a.date_is_fetch, a.first_seen`.
fn stored_article(row: &rusqlite::Row<'_>, body: String) -> rusqlite::Result<StoredArticle> {
    let published = time(row.get(7)?);
    let first_seen = time(row.get(9)?);
    let date_is_fetch: bool = row.get(8)?;
    Ok(StoredArticle {
        id: row.get(0)?,
        feed: row.get::<_, Option<String>>(1)?.or(row.get(2)?),
        url: row.get(3)?,
        title: row.get(4)?,
        author: row.get(5)?,
        source: row.get(6)?,
        date: published
            .or(first_seen)
            .map(|t| t.date_naive())
            .unwrap_or_default(),
        date_is_fetch: date_is_fetch || published.is_none(),
        body,
    })
}

/// Inserts new articles and updates changed ones; an item seen before (same guid in the same
/// feed, same canonical link, or same text) is not stored twice.
fn store_articles(
    transaction: &Transaction<'_>,
    feed: Option<i64>,
    articles: &[NewArticle],
    now: DateTime<Utc>,
) -> rusqlite::Result<Stored> {
    let now = now.to_rfc3339();
    let mut stored = Stored::default();
    let mut by_guid =
        transaction.prepare_cached("SELECT id FROM articles WHERE guid = ?1 AND feed_id IS ?2")?;
    let mut by_url = transaction.prepare_cached(
        "SELECT id, feed_id IS ?2 FROM articles WHERE url = ?1 ORDER BY id LIMIT 1",
    )?;
    let mut by_hash =
        transaction.prepare_cached("SELECT id FROM articles WHERE content_hash = ?1 LIMIT 1")?;
    let mut update = transaction.prepare_cached(
        "UPDATE articles SET url = ?2, title = ?3, author = ?4, source = ?5,
         published = coalesce(?6, published), body = ?7, content_hash = ?8,
         summary_only = ?9, updated_at = ?10
         WHERE id = ?1 AND (content_hash != ?8 OR title != ?3)",
    )?;
    let mut forget_facts = transaction.prepare_cached("DELETE FROM facts WHERE article_id = ?1")?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO articles (feed_id, guid, url, title, author, source, published,
         date_is_fetch, first_seen, body, content_hash, summary_only)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for article in articles {
        let published = article.published.map(|t| t.to_rfc3339());
        // The same item again (its own guid, or its link in its own feed) may bring new text.
        let own: Option<i64> = by_guid
            .query_row(params![article.guid, feed], |row| row.get(0))
            .optional()?;
        let linked: Option<(i64, bool)> = match &article.url {
            Some(url) => by_url
                .query_row(params![url, feed], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?,
            None => None,
        };
        let same_item = own.or(linked.filter(|(_, same_feed)| *same_feed).map(|(id, _)| id));
        if let Some(id) = same_item {
            let changed = update.execute(params![
                id,
                article.url,
                article.title,
                article.author,
                article.source,
                published,
                article.body,
                article.content_hash,
                article.summary_only,
                now
            ])?;
            if changed > 0 {
                // New text, new facts: read again.
                forget_facts.execute([id])?;
                stored.updated += 1;
            } else {
                stored.unchanged += 1;
            }
            continue;
        }
        // The story under another feed's link, or the same text elsewhere: stored once.
        let duplicate = linked.is_some()
            || by_hash
                .query_row([&article.content_hash], |row| row.get::<_, i64>(0))
                .optional()?
                .is_some();
        if duplicate {
            stored.unchanged += 1;
            continue;
        }
        insert.execute(params![
            feed,
            article.guid,
            article.url,
            article.title,
            article.author,
            article.source,
            published,
            article.published.is_none(),
            now,
            article.body,
            article.content_hash,
            article.summary_only
        ])?;
        stored.new += 1;
    }
    Ok(stored)
}

/// Takes the writer's lock beside the database, writing our pid into it.
fn take_lock(path: &Path) -> Result<File, StoreError> {
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push(".lock");
    let lock_path = PathBuf::from(lock_path);
    let io = |source| StoreError::Io {
        path: lock_path.clone(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&lock_path)
                .ok()
                .and_then(|text| text.trim().parse().ok());
            return Err(StoreError::InUse {
                path: path.to_path_buf(),
                holder,
            });
        }
        Err(TryLockError::Error(error)) => return Err(io(error)),
    }
    file.set_len(0).map_err(io)?;
    write!(file, "{}", std::process::id()).map_err(io)?;
    Ok(file)
}

/// Tells "not a database" apart from other SQLite errors.
fn classify(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// A stored RFC 3339 time; anything else reads as none.
fn time(text: Option<String>) -> Option<DateTime<Utc>> {
    text.and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// 08:00 UTC on a day of November 2026.
    pub(in crate::store) fn at(day: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T08:00:00Z"))
            .unwrap()
            .with_timezone(&Utc)
    }

    /// A library at `path` as schema 2 wrote it, holding what the SQL `rows` insert.
    pub(in crate::store) fn schema_2_library(path: &Path, rows: &str) {
        let connection = Connection::open(path).unwrap();
        connection.execute_batch(MIGRATIONS[0]).unwrap();
        connection.execute_batch(MIGRATIONS[1]).unwrap();
        connection.execute_batch(rows).unwrap();
        connection.pragma_update(None, "user_version", 2).unwrap();
    }

    fn item(guid: &str, url: Option<&str>, body: &str) -> NewArticle {
        NewArticle {
            guid: guid.to_string(),
            url: url.map(str::to_string),
            title: format!("About {}", &body[..body.len().min(6)]),
            author: None,
            source: None,
            published: Some(at(1)),
            body: body.to_string(),
            content_hash: format!("hash of {body}"),
            summary_only: true,
        }
    }

    fn fetched(articles: Vec<NewArticle>) -> FetchRecord {
        FetchRecord::Fetched {
            status: 200,
            title: None,
            etag: Some("\"v1\"".to_string()),
            last_modified: None,
            articles,
        }
    }

    fn library(dir: &tempfile::TempDir) -> Library {
        Library::open(&dir.path().join("mercato.db"), Access::Write).unwrap()
    }

    #[test]
    fn a_feed_story_is_stored_once_and_updated_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = library(&dir);
        let bbc = library
            .add_feed("https://example.org/a.xml", Some("A"), false, at(1))
            .unwrap();
        let other = library
            .add_feed("https://example.org/b.xml", None, false, at(1))
            .unwrap();
        let first = vec![
            item(
                "1#0",
                Some("https://example.org/story"),
                "Kante joins Lyon.",
            ),
            // The same story under another guid of the same feed.
            item(
                "1#1",
                Some("https://example.org/story"),
                "Kante joins Lyon.",
            ),
            item("2", None, "Rangers bid for Silva."),
        ];
        let stored = library.record_fetch(bbc.id, fetched(first), at(2)).unwrap();
        assert_eq!((stored.new, stored.updated, stored.unchanged), (2, 0, 1));
        let ids: Vec<i64> = library
            .articles_after(0)
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect();

        // The same story from another feed, and the same text under a new guid: not stored.
        let again = vec![
            item("x", Some("https://example.org/story"), "Other words."),
            item("y", None, "Rangers bid for Silva."),
        ];
        let stored = library
            .record_fetch(other.id, fetched(again), at(3))
            .unwrap();
        assert_eq!((stored.new, stored.unchanged), (0, 2));

        // An updated item keeps its id.
        let update = vec![item("2", None, "Rangers bid again for Silva.")];
        let stored = library
            .record_fetch(bbc.id, fetched(update), at(4))
            .unwrap();
        assert_eq!(stored.updated, 1);
        let articles = library.articles_after(0).unwrap();
        assert_eq!(articles.iter().map(|a| a.id).collect::<Vec<_>>(), ids);
        assert_eq!(articles[1].body, "Rangers bid again for Silva.");
        assert_eq!(library.updated_since(at(3)).unwrap(), [ids[1]]);
        assert_eq!(library.feeds().unwrap()[0].articles, 2);
    }

    #[test]
    fn validators_survive_a_304_and_failures_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = library(&dir);
        let feed = library
            .add_feed("https://example.org/a.xml", None, false, at(1))
            .unwrap();
        library
            .record_fetch(feed.id, fetched(vec![]), at(2))
            .unwrap();
        let not_modified = |etag: Option<&str>| FetchRecord::NotModified {
            etag: etag.map(str::to_string),
            last_modified: None,
        };
        library
            .record_fetch(feed.id, not_modified(None), at(3))
            .unwrap();
        assert_eq!(library.feeds().unwrap()[0].etag.as_deref(), Some("\"v1\""));
        library
            .record_fetch(feed.id, not_modified(Some("\"v2\"")), at(4))
            .unwrap();
        let feed = library.feeds().unwrap().remove(0);
        assert_eq!(
            (feed.etag.as_deref(), feed.http_status),
            (Some("\"v2\""), Some(304))
        );

        let failure = FetchRecord::Failed {
            status: Some(429),
            error: "HTTP 429 Too Many Requests".to_string(),
            retry_after: Some(at(5)),
        };
        library
            .record_fetch(feed.id, failure.clone(), at(4))
            .unwrap();
        library.record_fetch(feed.id, failure, at(4)).unwrap();
        let feed = library.feeds().unwrap().remove(0);
        assert_eq!(feed.failures, 2);
        assert_eq!(feed.retry_after, Some(at(5)));
        assert_eq!(feed.error.as_deref(), Some("HTTP 429 Too Many Requests"));
        assert_eq!(
            feed.etag.as_deref(),
            Some("\"v2\""),
            "a failure keeps the validators"
        );
    }

    #[test]
    fn removing_a_feed_keeps_its_articles_unless_purged() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = library(&dir);
        let a = library
            .add_feed("https://example.org/a.xml", Some("A"), false, at(1))
            .unwrap();
        let b = library
            .add_feed("https://example.org/b.xml", Some("B"), false, at(1))
            .unwrap();
        library
            .record_fetch(a.id, fetched(vec![item("1", None, "one")]), at(2))
            .unwrap();
        library
            .record_fetch(b.id, fetched(vec![item("2", None, "two")]), at(2))
            .unwrap();
        let (removed, purged) = library.remove_feed("A", false).unwrap();
        assert_eq!(
            (removed.url.as_str(), purged),
            ("https://example.org/a.xml", 0)
        );
        let (_, purged) = library
            .remove_feed("https://example.org/b.xml", true)
            .unwrap();
        assert_eq!(purged, 1);
        assert_eq!(library.count().unwrap(), 1);
        assert!(matches!(
            library.remove_feed("A", false),
            Err(StoreError::NoSuchFeed(_))
        ));
    }

    #[test]
    fn a_second_writer_is_refused_and_a_reader_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mercato.db");
        let _writer = Library::open(&path, Access::Write).unwrap();
        let error = Library::open(&path, Access::Write).unwrap_err();
        assert!(
            matches!(error, StoreError::InUse { holder: Some(pid), .. } if pid == std::process::id())
        );
        assert!(error.to_string().contains("in use by another mercato"));
        assert!(Library::open(&path, Access::Read).is_ok());
    }

    #[test]
    fn files_that_are_not_a_library_are_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.db");
        std::fs::write(
            &text,
            "shopping list: eggs, milk, a new striker\n".repeat(200),
        )
        .unwrap();
        let error = Library::open(&text, Access::Write).unwrap_err();
        assert!(matches!(error, StoreError::NotADatabase { .. }), "{error}");
        assert!(error.to_string().contains("notes.db"));
        assert!(
            std::fs::read_to_string(&text)
                .unwrap()
                .starts_with("shopping list")
        );

        let foreign = dir.path().join("other.db");
        let connection = Connection::open(&foreign).unwrap();
        connection
            .execute_batch("CREATE TABLE recipes (name TEXT)")
            .unwrap();
        drop(connection);
        let error = Library::open(&foreign, Access::Write).unwrap_err();
        assert!(matches!(error, StoreError::Foreign { .. }), "{error}");
    }

    #[test]
    fn a_library_reopens_with_everything_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/dir/mercato.db");
        {
            let mut library = Library::open(&path, Access::Write).unwrap();
            let feed = library
                .add_feed("file:///tmp/feed.xml", None, true, at(1))
                .unwrap();
            library
                .record_fetch(feed.id, fetched(vec![item("1", None, "one")]), at(2))
                .unwrap();
        }
        let library = Library::open(&path, Access::Write).unwrap();
        assert_eq!(library.count().unwrap(), 1);
        assert!(library.feeds().unwrap()[0].full_text);
        assert_eq!(library.integrity().unwrap(), "ok");
        let version: i64 = library
            .connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn a_schema_1_library_gets_the_feed_index_and_keeps_its_articles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mercato.db");
        {
            let connection = Connection::open(&path).unwrap();
            connection.execute_batch(MIGRATIONS[0]).unwrap();
            connection
                .execute_batch(
                    "INSERT INTO feeds (url, added_at) VALUES ('https://e.com/rss', '2026-01-01');
                     INSERT INTO articles (feed_id, guid, title, first_seen, body, content_hash)
                     VALUES (1, 'g1', 'Ojeda stays', '2026-01-01', 'Ojeda stays at Wolves.', 'h1');
                     PRAGMA user_version = 1;",
                )
                .unwrap();
        }
        let library = Library::open(&path, Access::Write).unwrap();
        assert_eq!(library.feeds().unwrap()[0].articles, 1);
        assert!(library.knows(1, "g1").unwrap());
        // Counting a feed's articles and finding an item by guid (in a feed, or among the
        // imported, feed_id NULL) each use the index, never a scan of the feed's rows.
        for query in [
            "SELECT count(*) FROM articles WHERE feed_id = 1",
            "SELECT id FROM articles WHERE guid = 'g1' AND feed_id IS 1",
            "SELECT id FROM articles WHERE guid = 'g1' AND feed_id IS NULL",
        ] {
            let plan: Vec<String> = library
                .connection
                .prepare(&format!("EXPLAIN QUERY PLAN {query}"))
                .unwrap()
                .query_map([], |row| row.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let expected = if query.contains("guid") {
                "articles_feed_guid (feed_id=? AND guid=?)"
            } else {
                "articles_feed_guid (feed_id=?)"
            };
            assert!(
                plan.iter().any(|step| step.contains(expected)),
                "{query}: {plan:?}"
            );
        }
    }

    #[test]
    fn a_schema_2_library_gets_the_facts_table_which_follows_its_articles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mercato.db");
        schema_2_library(
            &path,
            "INSERT INTO articles (guid, title, first_seen, body, content_hash)
             VALUES ('file:a', 'Ojeda stays', '2026-01-01', 'Ojeda stays at Wolves.', 'h1');",
        );
        let error = Library::open(&path, Access::Read).unwrap_err();
        assert!(matches!(error, StoreError::Migrating { .. }), "{error}");
        let mut library = Library::open(&path, Access::Write).unwrap();
        assert_eq!(library.count().unwrap(), 1);
        assert_eq!(library.lacking_facts("v1").unwrap(), [1]);
        // Facts of an article that is gone (99) are not stored.
        library
            .store_facts("v1", &[(1, vec![1, 2, 3]), (99, vec![4])])
            .unwrap();
        assert!(library.lacking_facts("v1").unwrap().is_empty());
        assert_eq!(library.lacking_facts("v2").unwrap(), [1]);
        let mut headlines = Vec::new();
        let mut headline = |version| {
            headlines.clear();
            library
                .each_headline(version, |article, data| {
                    headlines.push((article, data.map(<[u8]>::to_vec)));
                })
                .unwrap();
            headlines.clone()
        };
        let v1 = headline("v1");
        assert_eq!(v1.len(), 1);
        assert_eq!(v1[0].0.title, "Ojeda stays");
        assert_eq!(v1[0].0.body, "", "a start reads no body");
        assert_eq!(v1[0].1.as_deref(), Some(&[1_u8, 2, 3][..]));
        assert_eq!(headline("v2")[0].1, None);
        assert_eq!(
            library.body(1).unwrap().as_deref(),
            Some("Ojeda stays at Wolves.")
        );
        assert_eq!(library.body(99).unwrap(), None);
        // An article's new text drops its facts; a removed article takes them along.
        let feedless = NewArticle {
            guid: "file:a".to_string(),
            url: None,
            title: "Ojeda stays".to_string(),
            author: None,
            source: None,
            published: None,
            body: "Ojeda signs a new deal at Wolves.".to_string(),
            content_hash: "h2".to_string(),
            summary_only: false,
        };
        assert_eq!(library.import(&[feedless], at(2)).unwrap().updated, 1);
        assert_eq!(library.lacking_facts("v1").unwrap(), [1]);
        library.store_facts("v1", &[(1, vec![5])]).unwrap();
        library
            .connection
            .execute("DELETE FROM articles WHERE id = 1", [])
            .unwrap();
        let facts: i64 = library
            .connection
            .query_row("SELECT count(*) FROM facts", [], |row| row.get(0))
            .unwrap();
        assert_eq!(facts, 0);
    }

    #[test]
    fn an_item_without_a_date_is_dated_by_its_first_fetch_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = library(&dir);
        let feed = library
            .add_feed("https://example.org/a.xml", None, false, at(1))
            .unwrap();
        let mut undated = item("1", None, "Undated story.");
        undated.published = None;
        let dated = item("2", None, "Dated story.");
        library
            .record_fetch(feed.id, fetched(vec![undated, dated]), at(3))
            .unwrap();
        let articles: Vec<Article> = library
            .articles_after(0)
            .unwrap()
            .into_iter()
            .map(StoredArticle::into_article)
            .collect();
        assert_eq!(articles[0].date, Some(at(3).date_naive()));
        assert!(articles[0].date_is_fetch);
        assert_eq!(articles[1].date, Some(at(1).date_naive()));
        assert!(!articles[1].date_is_fetch);
    }
}
