//! The commands that feed the library: `feed add|list|remove`, `fetch` and `import`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, SecondsFormat, Utc};
use clap::Subcommand;

use super::{UserError, write_table};
use crate::config::Config;
use crate::fetch::Limits;
use crate::library::{self, FeedReport, FetchStatus};
use crate::sanitize::sanitize;
use crate::store::{Access, Feed, Library};
use crate::text::plural;

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed: an http(s) URL, a file path or a file:// URL.
    Add {
        url: String,
        /// A name to show instead of the feed's own title.
        #[arg(long)]
        name: Option<String>,
        /// Also fetch each new item's page and keep its main text (most feeds carry only a
        /// summary).
        #[arg(long)]
        full_text: bool,
    },
    /// List the feeds with their article counts and how their last fetch went.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe; the feed's articles stay in the library unless --purge.
    Remove {
        /// The feed's URL or name.
        feed: String,
        /// Delete its articles too.
        #[arg(long)]
        purge: bool,
    },
}

/// Opens the library for writing (creating it when missing).
fn open(db: &Path) -> color_eyre::Result<Library> {
    Library::open(db, Access::Write).map_err(|error| UserError::Library(error.to_string()).into())
}

pub fn feed(
    command: FeedCommand,
    db: &Path,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> color_eyre::Result<ExitCode> {
    match command {
        FeedCommand::Add {
            url,
            name,
            full_text,
        } => {
            let url = feed_url(&url)?;
            let mut library = open(db)?;
            let feed = library.add_feed(&url, name.as_deref(), full_text, now)?;
            writeln!(
                out,
                "Subscribed to {} ({}). Fetch it with: mercato fetch",
                sanitize(feed.label(), false),
                sanitize(&feed.url, false)
            )?;
        }
        FeedCommand::List { json } => {
            let feeds = if db.exists() {
                Library::open(db, Access::Read)
                    .and_then(|library| library.feeds())
                    .map_err(|error| UserError::Library(error.to_string()))?
            } else {
                Vec::new()
            };
            if json {
                serde_json::to_writer_pretty(&mut *out, &feeds)?;
                writeln!(out)?;
            } else if feeds.is_empty() {
                writeln!(out, "No feeds yet. Add one with: mercato feed add URL")?;
            } else {
                list(&feeds, out)?;
            }
        }
        FeedCommand::Remove { feed, purge } => {
            let mut library = open(db)?;
            let (feed, purged) = library
                .remove_feed(&feed, purge)
                .map_err(|error| UserError::Library(error.to_string()))?;
            let kept = if purge {
                format!("{} deleted", plural(purged, "article", "articles"))
            } else {
                format!(
                    "its {} stay in the library",
                    plural(feed.articles, "article", "articles")
                )
            };
            writeln!(out, "Removed {}; {kept}.", sanitize(feed.label(), false))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The configuration's `[[feed]]` addresses as stored, or the first that is wrong (as a
/// mistake in the configuration).
pub fn configured_feeds(config: &Config) -> Result<Vec<String>, UserError> {
    config
        .settings
        .feeds
        .iter()
        .enumerate()
        .map(|(at, feed)| {
            feed_url(feed.url.get_ref()).map_err(|error| {
                let key = format!("feed[{at}].url");
                UserError::Config(config.error(feed.url.span(), Some(&key), &error.to_string()))
            })
        })
        .collect()
}

/// Subscribes the library to the configuration's feeds: new ones are added, changed ones
/// updated; feeds added on the command line stay. When all are there as configured, the
/// library is only read (so a second dashboard beside a first one still starts).
pub fn subscribe_configured(
    db: &Path,
    config: &Config,
    now: DateTime<Utc>,
) -> color_eyre::Result<()> {
    let urls = configured_feeds(config)?;
    if urls.is_empty() {
        return Ok(());
    }
    let existing = if db.exists() {
        Library::open(db, Access::Read)
            .and_then(|library| library.feeds())
            .map_err(|error| UserError::Library(error.to_string()))?
    } else {
        Vec::new()
    };
    let changed: Vec<_> = urls
        .iter()
        .zip(&config.settings.feeds)
        .filter(|(url, feed)| {
            !existing.iter().any(|known| {
                known.url == **url
                    && known.full_text == feed.full_text
                    && (feed.name.is_none() || known.name == feed.name)
            })
        })
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let mut library = open(db)?;
    for (url, feed) in changed {
        library.add_feed(url, feed.name.as_deref(), feed.full_text, now)?;
    }
    Ok(())
}

/// A feed's address as stored: http(s) and file URLs as given, a path as an absolute
/// file:// URL. Anything else is a mistake.
fn feed_url(given: &str) -> Result<String, UserError> {
    let lower = given.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("file://")
    {
        return url::Url::parse(given)
            .map(String::from)
            .map_err(|error| UserError::BadFeed(format!("'{given}' is not a URL: {error}")));
    }
    if let Some((scheme, _)) = given.split_once("://") {
        return Err(UserError::BadFeed(format!(
            "'{scheme}' feeds are not supported; use http, https or file"
        )));
    }
    let path = PathBuf::from(given);
    let absolute = std::fs::canonicalize(&path)
        .map_err(|error| UserError::BadFeed(format!("{given}: {error}")))?;
    url::Url::from_file_path(&absolute)
        .map(String::from)
        .map_err(|()| UserError::BadFeed(format!("{given}: not a file path")))
}

fn list(feeds: &[Feed], out: &mut impl Write) -> color_eyre::Result<()> {
    let when = |time: Option<DateTime<Utc>>| {
        time.map_or_else(
            || "never".to_string(),
            |t| t.to_rfc3339_opts(SecondsFormat::Secs, true),
        )
    };
    let rows = feeds
        .iter()
        .map(|feed| {
            vec![
                feed.name.clone().unwrap_or_else(|| "-".into()),
                feed.url.clone(),
                feed.articles.to_string(),
                when(feed.fetched_at),
                feed.http_status
                    .map_or_else(|| "-".into(), |status| status.to_string()),
                feed.error.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    write_table(
        out,
        &["NAME", "URL", "ARTICLES", "LAST FETCH", "STATUS", "ERROR"],
        rows,
    )
}

/// `mercato fetch`: every feed now, a line (or JSON object) each; exit 1 when any failed.
pub fn fetch(
    db: &Path,
    json: bool,
    limits: &Limits,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> color_eyre::Result<ExitCode> {
    let mut library = open(db)?;
    let mut lines = Vec::new();
    let reports = library::fetch_feeds(&mut library, limits, now, |report, _, _| {
        if !json {
            lines.push(line(report));
        }
    })?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &reports)?;
        writeln!(out)?;
    } else if reports.is_empty() {
        writeln!(out, "No feeds yet. Add one with: mercato feed add URL")?;
    } else {
        for line in lines {
            writeln!(out, "{line}")?;
        }
    }
    let failed = reports
        .iter()
        .any(|report| report.status == FetchStatus::Error);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// "new        BBC Sport: 3 new, 1 updated", "unchanged  Guardian (304)", "error  X: HTTP 404".
fn line(report: &FeedReport) -> String {
    let label = sanitize(report.label(), false);
    let detail = match report.status {
        FetchStatus::New => format!(
            "{}, {} updated",
            plural(report.new, "new article", "new articles"),
            report.updated
        ),
        FetchStatus::Unchanged if report.http_status == Some(304) => "not modified (304)".into(),
        FetchStatus::Unchanged => "nothing new".into(),
        FetchStatus::Error => String::new(),
    };
    let status = match report.status {
        FetchStatus::New => "new",
        FetchStatus::Unchanged => "unchanged",
        FetchStatus::Error => "error",
    };
    let note = report
        .error
        .as_deref()
        .map(|error| sanitize(error, false).into_owned());
    match (detail.is_empty(), note) {
        (true, Some(note)) => format!("{status:<9}  {label}: {note}"),
        (false, Some(note)) => format!("{status:<9}  {label}: {detail} ({note})"),
        (_, None) => format!("{status:<9}  {label}: {detail}"),
    }
}

/// `mercato import PATH...`: files into the library; their problems on stderr.
pub fn import(
    db: &Path,
    paths: &[PathBuf],
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> color_eyre::Result<ExitCode> {
    let mut library = open(db)?;
    let imported = library::import(&mut library, paths, now)?;
    for problem in &imported.problems {
        eprintln!("mercato: {}", sanitize(&problem.to_string(), false));
    }
    let stored = imported.stored;
    writeln!(
        out,
        "Imported {} from {}: {} new, {} updated, {} already in the library.",
        plural(
            stored.new + stored.updated + stored.unchanged,
            "article",
            "articles"
        ),
        plural(imported.files, "file", "files"),
        stored.new,
        stored.updated,
        stored.unchanged
    )?;
    Ok(if crate::corpus::rejected(&imported.problems) > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
