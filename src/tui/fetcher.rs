//! `R`: every feed fetched on a thread of its own while the dashboard stays live; what is new
//! comes back as articles for the model to merge.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;

use chrono::{DateTime, Utc};

use crate::corpus::Article;
use crate::facts::{self, Facts};
use crate::fetch::Limits;
use crate::gazetteer::Gazetteer;
use crate::library::{self, Source, Watermark};
use crate::model::Model;
use crate::store::{Access, Library};

/// How far a fetch has come: feeds done out of all, new articles so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchProgress {
    pub done: usize,
    pub total: usize,
    pub new: usize,
}

/// What the fetch thread tells.
#[derive(Debug)]
pub enum FetchNews {
    Progress(FetchProgress),
    /// Over: the articles new or updated since the model's watermark, and the feeds'
    /// problems now; or why the library could not be used.
    Done(Result<Fetched, String>),
}

/// A fetch's result, for the model.
#[derive(Debug)]
pub struct Fetched {
    /// New articles with their facts, without their bodies (the reader reads them from the
    /// library).
    pub articles: Vec<(Article, Facts)>,
    /// Some article was updated in place: the library's whole model, built again.
    pub rebuilt: Option<Box<Model>>,
    pub problems: Vec<crate::corpus::LoadProblem>,
    pub failed: usize,
}

/// A fetch running in the background.
#[derive(Debug)]
pub struct Fetcher {
    news: Receiver<FetchNews>,
}

impl Fetcher {
    /// Fetches every feed of the library at `db` within `limits`, then reads what is past
    /// `watermark`.
    pub fn start(
        db: PathBuf,
        watermark: Watermark,
        limits: Limits,
        now: DateTime<Utc>,
    ) -> std::io::Result<Self> {
        let (send, news) = mpsc::channel();
        thread::Builder::new().name("fetch".into()).spawn(move || {
            let result = fetch(&db, watermark, &limits, now, &|progress| {
                let _ = send.send(FetchNews::Progress(progress));
            });
            // The dashboard may have ended meanwhile: nobody to tell.
            let _ = send.send(FetchNews::Done(result));
        })?;
        Ok(Self { news })
    }

    /// The next piece of news, if any; a thread that died says so once.
    pub fn poll(&mut self) -> Option<FetchNews> {
        match self.news.try_recv() {
            Ok(news) => Some(news),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(FetchNews::Done(Err(
                "the fetch stopped on a bug".to_string(),
            ))),
        }
    }
}

fn fetch(
    db: &std::path::Path,
    mut watermark: Watermark,
    limits: &Limits,
    now: DateTime<Utc>,
    tell: &dyn Fn(FetchProgress),
) -> Result<Fetched, String> {
    let mut library = Library::open(db, Access::Write).map_err(|error| error.to_string())?;
    let mut progress = FetchProgress::default();
    let reports = library::fetch_feeds(&mut library, limits, now, |report, done, total| {
        progress = FetchProgress {
            done,
            total,
            new: progress.new + report.new,
        };
        tell(progress);
    })
    .map_err(|error| error.to_string())?;
    let failed = reports
        .iter()
        .filter(|report| report.status == library::FetchStatus::Error)
        .count();
    let before = watermark.last_id;
    let news = watermark
        .news(&library, now)
        .map_err(|error| error.to_string())?;
    let updated = news
        .iter()
        .any(|article| crate::store::library_id(&article.id).is_some_and(|id| id <= before));
    let rebuilt = if updated {
        let (model, _) = Source::Library(db.to_path_buf())
            .load_whole(&crate::progress::LoadProgress::default())
            .map_err(|error| error.to_string())?;
        Some(Box::new(model))
    } else {
        None
    };
    let version = facts::version();
    let mut gazetteer = None;
    let articles = news
        .into_iter()
        .map(|mut article| {
            // fetch_feeds stored their facts beside them: read those, extract only failing that.
            let stored = crate::store::library_id(&article.id)
                .map(|id| library.facts_of(id, &version))
                .transpose()
                .map_err(|error| error.to_string())?
                .flatten();
            let facts = match stored.as_deref().and_then(Facts::decode) {
                Some(facts) => facts,
                None => {
                    if gazetteer.is_none() {
                        gazetteer = Some(Gazetteer::embedded().map_err(|error| error.to_string())?);
                    }
                    let gazetteer = gazetteer.as_ref().ok_or("no gazetteer")?;
                    Facts::read(gazetteer, &article)
                }
            };
            article.body = String::new();
            Ok((article, facts))
        })
        .collect::<Result<_, String>>()?;
    Ok(Fetched {
        articles,
        rebuilt,
        problems: library::feed_problems(&library).map_err(|error| error.to_string())?,
        failed,
    })
}
