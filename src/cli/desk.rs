//! The commands of the user's desk: `watch add|remove|list` and `digest`.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clap::Subcommand;

use super::{UserError, write_table};
use crate::desk::{self, Resolved, Watchlist};
use crate::library::Source;
use crate::model::Roster;
use crate::progress::LoadProgress;
use crate::sanitize::sanitize;
use crate::search::SearchIndex;
use crate::store::{Access, Library, UserChange, Watch};
use crate::text::fold;

#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Watch a player (or a club): fuzzy and accent-insensitive, as `--player`.
    Add { name: String },
    /// Stop watching a player or club.
    Remove { name: String },
    /// List the watched players and clubs.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Opens the library for the user's state (creating or migrating it when needed).
fn open(db: &Path) -> Result<Library, UserError> {
    Library::open(db, Access::UserState).map_err(|error| UserError::Library(error.to_string()))
}

/// `mercato watch …`.
pub fn watch(
    command: WatchCommand,
    db: &Path,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> color_eyre::Result<ExitCode> {
    match command {
        WatchCommand::Add { name } => {
            let source = super::resolve_source(Vec::new(), db)?;
            let (model, gazetteer) = source.load_whole(&LoadProgress::default())?;
            let roster = Roster::new(&model);
            let watch = match desk::resolve(&model, &roster, &gazetteer, &name) {
                Resolved::One(watch) => watch,
                Resolved::Ambiguous(names) => return Err(ambiguous(&name, &names).into()),
                Resolved::Nothing => return Err(nothing_named(&name).into()),
            };
            let mut library = open(db)?;
            let already =
                Watchlist::new(&library.user_state().map_err(UserError::from)?).contains(&watch);
            library
                .apply(&UserChange::Watch(watch.clone()), now)
                .map_err(UserError::from)?;
            let verb = if already {
                "Already watching"
            } else {
                "Watching"
            };
            writeln!(out, "{verb} {}.", sanitize(label(&watch), false))?;
        }
        WatchCommand::Remove { name } => {
            let mut library = open(db)?;
            let watch = watched_named(&library, &name)?;
            library
                .apply(&UserChange::Unwatch(watch.clone()), now)
                .map_err(UserError::from)?;
            writeln!(
                out,
                "No longer watching {}.",
                sanitize(label(&watch), false)
            )?;
        }
        WatchCommand::List { json } => {
            let state = if db.exists() {
                open(db)?.user_state().map_err(UserError::from)?
            } else {
                Default::default()
            };
            if json {
                let list = serde_json::json!({ "players": state.players, "clubs": state.clubs });
                serde_json::to_writer_pretty(&mut *out, &list)?;
                writeln!(out)?;
            } else if state.players.is_empty() && state.clubs.is_empty() {
                writeln!(
                    out,
                    "Watching nobody yet. Watch a player: mercato watch add NAME"
                )?;
            } else {
                let since = |added: Option<DateTime<Utc>>| {
                    added.map_or_else(|| "-".to_string(), |t| t.date_naive().to_string())
                };
                let players = state
                    .players
                    .iter()
                    .map(|p| vec!["player".to_string(), p.name.clone(), since(p.added)]);
                let clubs = state
                    .clubs
                    .iter()
                    .map(|c| vec!["club".to_string(), c.name.clone(), since(c.added)]);
                write_table(
                    out,
                    &["KIND", "NAME", "SINCE"],
                    players.chain(clubs).collect(),
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn label(watch: &Watch) -> &str {
    match watch {
        Watch::Player { name, .. } | Watch::Club { name } => name,
    }
}

fn ambiguous(name: &str, names: &[String]) -> UserError {
    const SHOWN: usize = 8;
    let mut list: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| sanitize(n, false).into_owned())
        .collect();
    if names.len() > SHOWN {
        list.push(format!("{} more", names.len() - SHOWN));
    }
    UserError::Ambiguous {
        name: sanitize(name.trim(), false).into_owned(),
        candidates: list.join(", "),
    }
}

fn nothing_named(name: &str) -> UserError {
    UserError::NothingToWatch(sanitize(name.trim(), false).into_owned())
}

/// The watched player or club a typed name means: its name (accents and case aside), else
/// the only one the fuzzy search matches among those watched.
fn watched_named(library: &Library, name: &str) -> Result<Watch, UserError> {
    let state = library.user_state()?;
    let watches: Vec<Watch> = state
        .players
        .iter()
        .map(|p| Watch::Player {
            key: p.key.clone(),
            name: p.name.clone(),
        })
        .chain(state.clubs.iter().map(|c| Watch::Club {
            name: c.name.clone(),
        }))
        .collect();
    let wanted = fold(name.trim());
    if let Some(exact) = watches.iter().find(|w| fold(label(w)) == wanted) {
        return Ok(exact.clone());
    }
    let index = SearchIndex::new(watches.iter().map(label));
    let matching: Vec<&Watch> = index
        .search(name)
        .iter()
        .filter_map(|hit| watches.get(hit.index))
        .collect();
    match matching.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(UserError::NotWatching(
            sanitize(name.trim(), false).into_owned(),
        )),
        many => Err(ambiguous(
            name,
            &many
                .iter()
                .map(|w| label(w).to_string())
                .collect::<Vec<_>>(),
        )),
    }
}

/// From when `mercato digest` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    Date(NaiveDate),
    LastVisit,
}

/// `mercato digest`: what changed since a day or the last visit, as the dashboard's overlay
/// shows it on start. Plain text (no escapes, whatever stdout is) or JSON; exit 0.
pub fn digest(
    source: &Source,
    db: &Path,
    since: Since,
    as_of: NaiveDate,
    json: bool,
    out: &mut impl Write,
) -> color_eyre::Result<ExitCode> {
    let library = match source {
        Source::Files(_) => None,
        Source::Library(_) | Source::Sample if db.exists() => Some(open(db)?),
        Source::Library(_) | Source::Sample => None,
    };
    let (from, new_ids): (NaiveDate, Option<HashSet<String>>) = match (since, &library) {
        (Since::Date(date), Some(library)) => {
            let midnight = date.and_time(NaiveTime::MIN).and_utc();
            // First stored on that day or later.
            let after = midnight - chrono::TimeDelta::microseconds(1);
            (
                date,
                Some(
                    library
                        .articles_first_seen_after(after)
                        .map_err(UserError::from)?,
                ),
            )
        }
        (Since::Date(date), None) => (date, None),
        (Since::LastVisit, Some(library)) => match library.last_visit().map_err(UserError::from)? {
            Some(visit) => (
                visit.as_of,
                Some(
                    library
                        .articles_first_seen_after(visit.at)
                        .map_err(UserError::from)?,
                ),
            ),
            None => return no_visit(json, out),
        },
        (Since::LastVisit, None) => return Err(UserError::NoVisits.into()),
    };
    let (model, _) = source.load_whole(&LoadProgress::default())?;
    let watchlist = library
        .as_ref()
        .map(Library::user_state)
        .transpose()
        .map_err(UserError::from)?
        .map(|state| Watchlist::new(&state))
        .unwrap_or_default();
    let new = match &new_ids {
        Some(ids) => desk::articles_with_ids(&model, ids),
        None => desk::articles_dated_from(&model, from),
    };
    let digest = desk::digest(&model, &watchlist, &new, from, as_of);
    if json {
        serde_json::to_writer_pretty(&mut *out, &digest)?;
        writeln!(out)?;
    } else {
        for line in digest.lines("*") {
            writeln!(out, "{}", sanitize(&line, false))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn no_visit(json: bool, out: &mut impl Write) -> color_eyre::Result<ExitCode> {
    if json {
        writeln!(out, "null")?;
    } else {
        writeln!(
            out,
            "No visit recorded yet: the dashboard records one each time it starts (or give --since DATE)."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `mercato ics`: the contracts' days as iCalendar, on stdout or written atomically to `file`.
pub fn ics(
    model: &crate::model::Model,
    db: &Path,
    watchlist: bool,
    file: Option<&Path>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let watched = if watchlist && db.exists() {
        Watchlist::new(&open(db)?.user_state().map_err(UserError::from)?)
    } else {
        Watchlist::default()
    };
    if watchlist && watched.is_empty() {
        eprintln!("mercato: warning: nothing is watched (mercato watch add NAME): no events");
    }
    let keep = |contract: &crate::model::Contract| {
        !watchlist
            || model
                .person(contract.player)
                .is_some_and(|p| watched.watches_person(p))
            || contract
                .club
                .is_some_and(|club| watched.watches_club(model, club))
    };
    let calendar = crate::calendar::contracts(model, keep, now);
    let text = calendar.to_string();
    let Some(file) = file else {
        out.write_all(text.as_bytes())?;
        return Ok(());
    };
    write_atomically(file, text.as_bytes()).map_err(|error| UserError::CannotWrite {
        path: sanitize(&file.to_string_lossy(), false).into_owned(),
        reason: error.to_string(),
    })?;
    writeln!(
        out,
        "Wrote {} to {}.",
        crate::text::plural(calendar.components.len(), "event", "events"),
        sanitize(&file.to_string_lossy(), false)
    )?;
    Ok(())
}

/// Writes a file whole or not at all: into a temporary file beside it, synced, then renamed
/// over it (a calendar app never reads half a file).
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::File::create_new(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
