//! News arriving: feeds fetched into the library, files imported into it, and the model read
//! out of it. The CLI and the dashboard both go through here.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveTime, Utc};
use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{self, Article, Corpus, LoadProblem, Severity};
use crate::facts::{self, Facts};
use crate::feed::{self, FeedItem, ParsedFeed};
use crate::fetch::{self, Failure, Limits, Request, Response};
use crate::fulltext;
use crate::gazetteer::{Gazetteer, GazetteerError};
use crate::model::Model;
use crate::progress::{LoadProgress, Stage};
use crate::sanitize::sanitize;
use crate::store::{
    Access, Feed, FetchRecord, Library, NewArticle, StoreError, Stored, StoredArticle,
};

/// Where the articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--corpus`: these files and folders only; no library is touched.
    Files(Vec<PathBuf>),
    /// The library at this path.
    Library(PathBuf),
    /// The built-in sample: no `--corpus` and an empty (or no) library.
    Sample,
}

/// Why the articles could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    #[error(transparent)]
    Library(#[from] StoreError),
}

impl Source {
    /// `--corpus` when given; else the library at `db` when it holds articles; else the
    /// built-in sample. A missing library is not created by reading.
    pub fn resolve(corpus: Vec<PathBuf>, db: &Path) -> Result<Self, StoreError> {
        if !corpus.is_empty() {
            return Ok(Source::Files(corpus));
        }
        if !db.exists() {
            return Ok(Source::Sample);
        }
        let library = Library::open(db, Access::Read)?;
        Ok(if library.count()? == 0 {
            Source::Sample
        } else {
            Source::Library(db.to_path_buf())
        })
    }

    /// Reads the articles and builds the model, counting into `progress`; the gazetteer (kept
    /// for merging later articles) builds while files are read. A library's model is
    /// built from the facts stored beside its articles, without their bodies; the articles
    /// whose facts are missing or of another version are left out of it, as
    /// [`Loaded::unread`], for [`reread`] (the dashboard does that in the background).
    pub fn load(&self, progress: &LoadProgress) -> Result<Loaded, LoadError> {
        let paths: &[PathBuf] = match self {
            Source::Files(paths) => paths,
            Source::Sample => &[],
            Source::Library(db) => return load_library(db, progress),
        };
        let (gazetteer, corpus) =
            rayon::join(Gazetteer::embedded, || corpus::load(paths, progress));
        let gazetteer = gazetteer?;
        Ok(Loaded {
            model: Model::build_counted(corpus, &gazetteer, progress),
            gazetteer,
            unread: None,
        })
    }

    /// As [`load`](Self::load), with the unread articles read at once (and their facts
    /// stored when the library can be written): every article is in the model, in the
    /// library's order. What the commands use.
    pub fn load_whole(&self, progress: &LoadProgress) -> Result<(Model, Gazetteer), LoadError> {
        let Source::Library(db) = self else {
            let loaded = self.load(progress)?;
            return Ok((loaded.model, loaded.gazetteer));
        };
        let gazetteer = Gazetteer::embedded()?;
        let library = Library::open(db, Access::Read)?;
        let unread = Unread {
            db: db.clone(),
            ids: library.lacking_facts(&facts::version())?,
        };
        let mut reread: foldhash::HashMap<String, Facts> = if unread.ids.is_empty() {
            foldhash::HashMap::default()
        } else {
            reread(&unread, &gazetteer, progress)?
                .into_iter()
                .map(|(article, facts)| (article.id, facts))
                .collect()
        };
        let model = from_stored_facts(&library, &gazetteer, progress, |_, article| {
            reread.remove(&article.id)
        })?;
        Ok((model, gazetteer))
    }
}

/// A library's model from its stored facts, and the articles whose facts are missing.
fn load_library(db: &Path, progress: &LoadProgress) -> Result<Loaded, LoadError> {
    let gazetteer = Gazetteer::embedded()?;
    let library = Library::open(db, Access::Read)?;
    let mut unread = Vec::new();
    let model = from_stored_facts(&library, &gazetteer, progress, |id, _| {
        unread.push(id);
        None
    })?;
    Ok(Loaded {
        model,
        gazetteer,
        unread: (!unread.is_empty()).then(|| Unread {
            db: db.to_path_buf(),
            ids: unread,
        }),
    })
}

/// A model loaded, and what is left to read.
#[derive(Debug)]
pub struct Loaded {
    pub model: Model,
    /// For merging later articles.
    pub gazetteer: Gazetteer,
    /// Library articles left out of the model: their facts are to be read.
    pub unread: Option<Unread>,
}

/// Articles of a library whose facts are missing or of another extractor version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub db: PathBuf,
    /// Library ids, in order.
    pub ids: Vec<i64>,
}

/// Articles merged this many at a time when a model is built from stored facts: the facts of
/// one batch are in memory at once.
const MERGE_BATCH: usize = 512;

/// The model of a library's stored facts, its articles without their bodies (the reader
/// reads them from the library when asked), built as the rows are read. An article whose
/// facts are missing or of another version gets those `lacking` gives (by id and article),
/// or is left out.
fn from_stored_facts(
    library: &Library,
    gazetteer: &Gazetteer,
    progress: &LoadProgress,
    mut lacking: impl FnMut(i64, &Article) -> Option<Facts>,
) -> Result<Model, StoreError> {
    progress.found_articles(library.count()?);
    progress.start(Stage::Extracting);
    let mut model = Model::from_facts(Vec::new(), feed_problems(library)?, gazetteer);
    let mut batch = Vec::with_capacity(MERGE_BATCH);
    library.each_headline(&facts::version(), |stored, data| {
        let id = stored.id;
        let article = stored.into_article();
        let facts = data
            .and_then(Facts::decode)
            .or_else(|| lacking(id, &article));
        if let Some(facts) = facts {
            batch.push((article, facts));
        }
        progress.extracted_article();
        if batch.len() == MERGE_BATCH {
            model.ingest_facts(std::mem::take(&mut batch));
        }
    })?;
    progress.start(Stage::Merging);
    model.ingest_facts(batch);
    Ok(model)
}

/// Articles read (extracted) this many at a time: one batch of bodies is in memory at once,
/// and each batch's facts are stored in one transaction.
const READ_BATCH: usize = 1024;

/// Reads the unread articles' facts and stores them, batch by batch, when the library can be
/// written (when another mercato is writing it, they are read all the same, and stored by a
/// later start). The articles come back without their bodies.
pub fn reread(
    unread: &Unread,
    gazetteer: &Gazetteer,
    progress: &LoadProgress,
) -> Result<Vec<(Article, Facts)>, StoreError> {
    let library = Library::open(&unread.db, Access::Read)?;
    let version = facts::version();
    progress.found_articles(unread.ids.len());
    progress.start(Stage::Extracting);
    let mut read = Vec::with_capacity(unread.ids.len());
    for ids in unread.ids.chunks(READ_BATCH) {
        let batch = read_batch(library.articles_with_ids(ids)?, gazetteer, progress);
        // Storing is a saving for the next start, not needed now: a library in use by
        // another writer, or one that cannot be written, is left as it is.
        if let Ok(mut writing) = Library::open(&unread.db, Access::Write) {
            writing.store_facts(&version, &encoded(&batch))?;
        }
        read.extend(
            batch
                .into_iter()
                .map(|(_, article, facts)| (article, facts)),
        );
    }
    Ok(read)
}

/// Reads the facts of every article that has none of this version yet and stores them: how
/// an article's facts are stored when it enters the library. Returns how many were read.
pub fn read_new(library: &mut Library, gazetteer: &Gazetteer) -> Result<usize, StoreError> {
    let version = facts::version();
    let unread = library.lacking_facts(&version)?;
    for ids in unread.chunks(READ_BATCH) {
        let batch = read_batch(
            library.articles_with_ids(ids)?,
            gazetteer,
            &LoadProgress::default(),
        );
        library.store_facts(&version, &encoded(&batch))?;
    }
    Ok(unread.len())
}

/// Extracts stored articles in parallel; each comes back without its body.
fn read_batch(
    articles: Vec<StoredArticle>,
    gazetteer: &Gazetteer,
    progress: &LoadProgress,
) -> Vec<(i64, Article, Facts)> {
    articles
        .into_par_iter()
        .map(|stored| {
            let id = stored.id;
            let mut article = stored.into_article();
            let facts = Facts::read(gazetteer, &article);
            article.body = String::new();
            progress.extracted_article();
            (id, article, facts)
        })
        .collect()
}

fn encoded(batch: &[(i64, Article, Facts)]) -> Vec<(i64, Vec<u8>)> {
    batch
        .iter()
        .filter_map(|(id, _, facts)| Some((*id, facts.encode()?)))
        .collect()
}

/// How a feed's fetch ended, as `mercato fetch` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FetchStatus {
    /// New or updated articles were stored.
    New,
    /// Not modified (304), nothing new in it, or not asked (the server said to wait).
    Unchanged,
    Error,
}

/// One feed's fetch, for people and scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedReport {
    pub url: String,
    pub name: Option<String>,
    pub status: FetchStatus,
    pub new: usize,
    pub updated: usize,
    pub http_status: Option<u16>,
    pub error: Option<String>,
    /// New items whose page could not be read for `--full-text` feeds: their summary is kept.
    pub full_text_missed: usize,
}

impl FeedReport {
    /// A report of nothing new yet, for this feed.
    fn unchanged(feed: &Feed) -> Self {
        Self {
            url: feed.url.clone(),
            name: feed.name.clone(),
            status: FetchStatus::Unchanged,
            new: 0,
            updated: 0,
            http_status: None,
            error: None,
            full_text_missed: 0,
        }
    }

    /// The name to show: the feed's name, else its URL.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.url)
    }
}

/// Fetches every feed (at most `limits.parallel` at once, one request per server at a time)
/// and stores each one's articles in one transaction as soon as it arrives, then the new
/// articles' facts ([`read_new`]). `on_report` hears
/// each feed's end, with how many are done out of how many. A feed that failed is recorded
/// (error, failures, Retry-After) and the others go on; only a library fault stops it all.
pub fn fetch_feeds(
    library: &mut Library,
    limits: &Limits,
    now: DateTime<Utc>,
    mut on_report: impl FnMut(&FeedReport, usize, usize),
) -> Result<Vec<FeedReport>, LoadError> {
    let feeds = library.feeds()?;
    let total = feeds.len();
    let mut reports = Vec::with_capacity(total);
    // A server that asked us to wait (429/503 Retry-After) is not asked again before then.
    let (waiting, due): (Vec<_>, Vec<_>) = feeds
        .into_iter()
        .partition(|feed| feed.retry_after.is_some_and(|until| until > now));
    for feed in waiting {
        let mut report = FeedReport::unchanged(&feed);
        report.error = feed.retry_after.map(|until| {
            format!("not asked: the server asked to wait until {until} (Retry-After)")
        });
        on_report(&report, reports.len() + 1, total);
        reports.push(report);
    }
    let requests: Vec<Request> = due
        .iter()
        .map(|feed| Request {
            url: feed.url.clone(),
            etag: feed.etag.clone(),
            last_modified: feed.last_modified.clone(),
        })
        .collect();
    let mut fault = None;
    fetch::fetch_all(&requests, limits, now, |at, result| {
        if fault.is_some() {
            return;
        }
        let feed = &due[at];
        let mut report = FeedReport::unchanged(feed);
        let record = match result.and_then(parsed) {
            Ok(Fetched::Feed {
                status,
                etag,
                last_modified,
                feed: parsed,
            }) => {
                report.http_status = Some(status);
                let name = feed.name.clone().or(parsed.title.clone());
                let mut articles = Vec::with_capacity(parsed.items.len());
                for item in parsed.items {
                    let full_text = feed.full_text && item.summary_only && item.url.is_some();
                    let item = if full_text && !library.knows(feed.id, &item.guid).unwrap_or(true) {
                        with_full_text(item, limits, now, &mut report.full_text_missed)
                    } else {
                        item
                    };
                    articles.push(new_article(item, name.as_deref()));
                }
                FetchRecord::Fetched {
                    status,
                    etag,
                    last_modified,
                    title: parsed.title,
                    articles,
                }
            }
            Ok(Fetched::NotModified {
                etag,
                last_modified,
            }) => {
                report.http_status = Some(304);
                FetchRecord::NotModified {
                    etag,
                    last_modified,
                }
            }
            Err(failure) => {
                report.status = FetchStatus::Error;
                report.http_status = failure.status;
                report.error = Some(failure.message.clone());
                FetchRecord::Failed {
                    status: failure.status,
                    error: failure.message,
                    retry_after: failure.retry_after,
                }
            }
        };
        match library.record_fetch(feed.id, record, now) {
            Ok(stored) => {
                report.new = stored.new;
                report.updated = stored.updated;
                if stored.new + stored.updated > 0 {
                    report.status = FetchStatus::New;
                }
                if report.full_text_missed > 0 && report.error.is_none() {
                    report.error = Some(format!(
                        "full text unavailable for {} new item(s); kept the summary",
                        report.full_text_missed
                    ));
                }
                on_report(&report, reports.len() + 1, total);
                reports.push(report);
            }
            Err(error) => fault = Some(error),
        }
    });
    if let Some(error) = fault {
        return Err(error.into());
    }
    read_new(library, &Gazetteer::embedded()?)?;
    Ok(reports)
}

/// A fetch's answer, its body read as a feed.
enum Fetched {
    Feed {
        status: u16,
        etag: Option<String>,
        last_modified: Option<String>,
        feed: ParsedFeed,
    },
    NotModified {
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// Parses a fetched body; a body that is no feed fails like a fetch (its error is stored).
fn parsed(response: Response) -> Result<Fetched, Failure> {
    match response {
        Response::Fetched {
            status,
            body,
            etag,
            last_modified,
            final_url,
            ..
        } => match feed::parse_feed(&body, Some(&final_url)) {
            Ok(feed) => Ok(Fetched::Feed {
                status,
                etag,
                last_modified,
                feed,
            }),
            Err(error) => Err(Failure {
                status: Some(status),
                message: error.to_string(),
                retry_after: None,
            }),
        },
        Response::NotModified {
            etag,
            last_modified,
        } => Ok(Fetched::NotModified {
            etag,
            last_modified,
        }),
    }
}

/// The item with the main text of its page instead of the summary, or as it was (counted in
/// `missed`) when the page cannot be had or has no article text.
fn with_full_text(
    mut item: FeedItem,
    limits: &Limits,
    now: DateTime<Utc>,
    missed: &mut usize,
) -> FeedItem {
    let Some(url) = item.url.as_deref() else {
        return item;
    };
    let text = fetch::fetch_page(url, limits, now)
        .ok()
        .and_then(|page| fulltext::main_text(&String::from_utf8_lossy(&page.body), Some(url)));
    match text {
        Some(text) => {
            // A page's text is as untrusted as a file's: the same sanitiser.
            item.body = sanitize(&text, true).into_owned();
            item.summary_only = false;
        }
        None => *missed += 1,
    }
    item
}

/// A feed item as the library stores it; the feed's name is its source unless it names one.
pub fn new_article(item: FeedItem, feed_name: Option<&str>) -> NewArticle {
    NewArticle {
        content_hash: feed::content_hash(&item.title, &item.body),
        guid: item.guid,
        url: item.url,
        source: item.source.or_else(|| feed_name.map(str::to_string)),
        title: item.title,
        author: item.author,
        published: item.published,
        body: item.body,
        summary_only: item.summary_only,
    }
}

/// What an import did: articles stored, and the files' problems (with their paths).
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub stored: Stored,
    pub files: usize,
    pub problems: Vec<LoadProblem>,
}

/// Copies article files (any format `--corpus` reads, feed documents too) into the library,
/// all in one transaction, then stores their facts ([`read_new`]). A file that cannot be
/// read is reported and skipped.
pub fn import(
    library: &mut Library,
    paths: &[PathBuf],
    now: DateTime<Utc>,
) -> Result<Imported, LoadError> {
    let discovery = corpus::discover(paths);
    let files = discovery.files.len();
    let Corpus { articles, problems } = corpus::load_paths(paths);
    let articles: Vec<NewArticle> = articles
        .into_iter()
        .map(|article| NewArticle {
            content_hash: feed::content_hash(&article.title, &article.body),
            guid: format!("file:{}", article.id),
            url: article.url,
            title: article.title,
            author: None,
            source: article.source,
            published: article
                .date
                .map(|date| date.and_time(NaiveTime::MIN).and_utc()),
            body: article.body,
            summary_only: false,
        })
        .collect();
    let stored = library.import(&articles, now)?;
    drop(articles);
    read_new(library, &Gazetteer::embedded()?)?;
    Ok(Imported {
        stored,
        files,
        problems,
    })
}

/// The library's articles as a corpus, with each failing feed's last error as a problem (so
/// the dashboard's problems list shows it beside the files').
pub fn corpus(library: &Library) -> Result<Corpus, StoreError> {
    let articles = library
        .articles_after(0)?
        .into_iter()
        .map(StoredArticle::into_article)
        .collect();
    Ok(Corpus {
        articles,
        problems: feed_problems(library)?,
    })
}

/// A problem per feed whose last fetch failed.
pub fn feed_problems(library: &Library) -> Result<Vec<LoadProblem>, StoreError> {
    Ok(library
        .feeds()?
        .into_iter()
        .filter_map(|feed| {
            let error = feed.error.as_deref()?;
            Some(LoadProblem::new(
                feed.url.clone(),
                None,
                Severity::Warning,
                format!("feed {}: last fetch failed: {error}", feed.label()),
            ))
        })
        .collect())
}

/// Where a model read from the library has got to, to take only what is new next time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Watermark {
    /// The highest article id read.
    pub last_id: i64,
}

impl Watermark {
    /// The watermark of a model holding these articles.
    pub fn of(articles: &[Article]) -> Self {
        let last_id = articles
            .iter()
            .filter_map(|article| crate::store::library_id(&article.id))
            .max()
            .unwrap_or(0);
        Self { last_id }
    }

    /// Articles stored since the watermark, and those updated in place since `since` (each
    /// under its own id, so that the model replaces it), moving the watermark on.
    pub fn news(
        &mut self,
        library: &Library,
        since: DateTime<Utc>,
    ) -> Result<Vec<Article>, StoreError> {
        let mut articles = library.articles_after(self.last_id)?;
        let updated: Vec<i64> = library
            .updated_since(since)?
            .into_iter()
            .filter(|id| *id <= self.last_id)
            .collect();
        articles.extend(library.articles_with_ids(&updated)?);
        self.last_id = articles
            .iter()
            .map(|article| article.id)
            .max()
            .unwrap_or(0)
            .max(self.last_id);
        Ok(articles
            .into_iter()
            .map(StoredArticle::into_article)
            .collect())
    }
}
