//! The command line: `mercato` opens the dashboard; the subcommands print the model for
//! people (tables) and scripts (`--json`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Local, NaiveDate, Utc};
use clap::{Parser, Subcommand};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::config::{self, Config, ConfigPath, CountdownSort, Settings};
use crate::corpus;
use crate::countdown::{describe, other_dates, precontract_open, sort_contracts};
use crate::export;
use crate::intel;
use crate::library::Source;
use crate::model::{Model, PersonId, Roster};
use crate::progress::LoadProgress;
use crate::sanitize::sanitize;
use crate::text::{fold, plural, thousands};

mod desk;
mod intel_commands;
mod library;
pub use desk::WatchCommand;
pub use library::FeedCommand;

/// What `--help` ends with: examples, then the environment variables Mercato reads.
const AFTER_HELP: &str = "\
Examples:
  mercato                                    the dashboard, over the built-in sample
  mercato --corpus ~/news --player ramos     the dashboard over your articles, Ramos selected
  mercato players modric                     find a player (accents and typos forgiven)
  mercato rumours --player ramos --limit 3   his three hottest rumours, with their stages
  mercato sources                            each outlet's and journalist's track record
  mercato club arsenal --as-of 2025-01-31    a club's board: incoming, outgoing, contracts
  mercato countdowns --json | jq .           contracts by time left, for scripts
  mercato check --corpus ~/news              why some files did not load
  mercato feed add https://example.org/football/rss.xml
  mercato fetch                              fetch every feed into the library
  mercato config default                     every setting, commented: a config.toml to edit
  mercato watch add ramos                    mark a player (or a club) as watched
  mercato digest --since-last-visit          what changed since the dashboard last opened
  mercato ics --watchlist --out mercato.ics  watched players' contract dates for a calendar

Environment:
  NO_COLOR        set (to anything but empty): no colour in the dashboard or in error reports
  MERCATO_DB      the library (as --db) [default: $XDG_DATA_HOME/mercato/mercato.db]
  MERCATO_CONFIG  the configuration file (as --config)
                  [default: $XDG_CONFIG_HOME/mercato/config.toml]
  MERCATO_OSC52   1: the reader's `y` copies the article's link through the terminal (OSC 52)";

/// Football transfer news in the terminal: who is linked where, by whom, and when each
/// contract runs out.
#[derive(Debug, Parser)]
#[command(name = "mercato", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// Article file or folder to load instead of the built-in corpus (repeatable).
    #[arg(long = "corpus", value_name = "PATH", global = true)]
    pub corpus: Vec<PathBuf>,
    /// The date countdowns are counted from (YYYY-MM-DD) [default: today; for the built-in
    /// sample, its newest article's date].
    #[arg(long, value_name = "DATE", global = true, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Open the dashboard with this player selected (with `rumours`: only theirs).
    #[arg(long, value_name = "NAME")]
    pub player: Option<String>,
    /// The library: feeds and every article they brought [default:
    /// $XDG_DATA_HOME/mercato/mercato.db].
    #[arg(long, value_name = "PATH", global = true, env = "MERCATO_DB")]
    pub db: Option<PathBuf>,
    /// The configuration file: feeds, fetching, keys, theme, countdowns, source tiers
    /// [default: $XDG_CONFIG_HOME/mercato/config.toml].
    #[arg(long, value_name = "PATH", global = true, env = "MERCATO_CONFIG")]
    pub config: Option<PathBuf>,
    /// In the dashboard, fetch every feed this often (minutes) [default: the configuration's
    /// refresh.interval_minutes, else never; `R` fetches now].
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(1..))]
    pub refresh: Option<u32>,
    /// In the dashboard, read files added or changed in the --corpus folders as they appear.
    #[arg(long)]
    pub watch: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the whole model as JSON.
    Export,
    /// List players, optionally filtered by a fuzzy, accent-insensitive QUERY.
    Players {
        /// Part of a name, typos welcome ("modric", "rmaos").
        query: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Print at most N players.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// List rumoured destinations, hottest first, with their stage and its steps.
    Rumours {
        /// Only this player's rumours (fuzzy).
        #[arg(long, value_name = "NAME")]
        player: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Print at most N rumours.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// List contract countdowns: running ones soonest first, then ended ones, latest first.
    Countdowns {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Print at most N contracts.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// List the sources (outlets and journalists) with their track record: rumours
    /// reported, done, failed, hit rate with its count, median lead time.
    Sources {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Print at most N sources.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Show a club's board: incoming and outgoing rumours, its players' contracts, its
    /// articles. NAME is fuzzy.
    Club {
        name: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Validate the corpus: list every load problem; exit 1 if any file was rejected.
    Check,
    /// Manage the feeds the library follows.
    Feed {
        #[command(subcommand)]
        command: FeedCommand,
    },
    /// Fetch every feed now and store what is new; exit 1 if any feed failed.
    Fetch {
        /// Print one JSON object per feed instead of a line.
        #[arg(long)]
        json: bool,
    },
    /// Copy article files or folders (txt, md, json, jsonl, feed documents) into the library.
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// The configuration file: where it is, the default one, whether yours is right.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Watch players and clubs: marked everywhere in the dashboard, first in the digest.
    Watch {
        #[command(subcommand)]
        command: WatchCommand,
    },
    /// What changed since a day or since the last visit: new articles per source, new
    /// rumours (watched first), changed contract dates, opened pre-contract windows, ended
    /// contracts.
    Digest {
        /// Count from this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date, conflicts_with = "since_last_visit")]
        since: Option<NaiveDate>,
        /// Count from the dashboard's last start (the default).
        #[arg(long)]
        since_last_visit: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Contract dates as an iCalendar file: each contract's last day and the day its
    /// pre-contract window opens (stable UIDs: importing again updates the events).
    Ics {
        /// Only the contracts of watched players and of watched clubs' players.
        #[arg(long)]
        watchlist: bool,
        /// Write the file here (atomically: a temporary file beside it, then renamed)
        /// instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the configuration file is read from (--config, MERCATO_CONFIG, or the
    /// default).
    Path,
    /// Print the default configuration, every setting commented.
    Default,
    /// Check the configuration file: exit 0 when it is right, else say what is wrong (exit 2).
    Check,
}

/// A mistake in what the user asked for, as opposed to a bug: the binary prints it as one
/// line, `mercato: …`, with no report or backtrace, and exits with [`UserError::exit_code`].
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("no player matches '{name}' (try: mercato players {hint})")]
    NoSuchPlayer { name: String, hint: String },
    #[error("no club in these articles matches '{name}'")]
    NoSuchClub { name: String },
    #[error(
        "no article loaded: {} rejected (see why: mercato check{corpus})",
        plural(*rejected, "file or line", "files or lines")
    )]
    EmptyCorpus { rejected: usize, corpus: String },
    #[error("--player '{global}' and rumours --player '{own}' disagree; give one")]
    TwoPlayers { global: String, own: String },
    #[error(
        "--player before `{command}` would be ignored: it selects a player in the dashboard \
         (and filters `rumours`)"
    )]
    PlayerIgnored { command: &'static str },
    #[error(
        "the dashboard needs a terminal (stdin and stdout); without one use a command: \
         export, players, rumours, countdowns, check, feed, fetch, import, watch, digest, ics, config (mercato --help)"
    )]
    NoTerminal,
    #[error("this build has no dashboard (built without the `tui` feature); use a command")]
    NoDashboard,
    #[error("{0}")]
    Config(crate::config::ConfigError),
    #[error("no configuration folder is known for this user: give --config PATH")]
    NoConfigPath,
    #[error("{0}")]
    Library(String),
    #[error("{0}")]
    BadFeed(String),
    #[error("--corpus reads files only; `{command}` works on the library (drop --corpus)")]
    CorpusWithLibraryCommand { command: &'static str },
    #[error("no library path: set --db or MERCATO_DB (no data folder is known for this user)")]
    NoLibraryPath,
    #[error(
        "--watch follows the --corpus folders in the dashboard: give --corpus FOLDER and no command"
    )]
    WatchWhat,
    #[error("'{name}' could be any of: {candidates}; give more of the name")]
    Ambiguous { name: String, candidates: String },
    #[error("no player or club matches '{0}' (try: mercato players)")]
    NothingToWatch(String),
    #[error("not watching '{0}' (see: mercato watch list)")]
    NotWatching(String),
    #[error("no visits without a library: give --since DATE (files keep no record of visits)")]
    NoVisits,
    #[error("cannot write {path}: {reason}")]
    CannotWrite { path: String, reason: String },
}

/// The library's faults reach the user as one line naming the file.
impl From<crate::store::StoreError> for UserError {
    fn from(error: crate::store::StoreError) -> Self {
        UserError::Library(error.to_string())
    }
}

impl UserError {
    /// 2 for a command line that cannot work as written (like clap's usage errors), 1 for
    /// the rest.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            UserError::TwoPlayers { .. }
            | UserError::PlayerIgnored { .. }
            | UserError::NoTerminal
            | UserError::NoDashboard => ExitCode::from(2),
            UserError::CorpusWithLibraryCommand { .. }
            | UserError::NoLibraryPath
            | UserError::WatchWhat
            | UserError::Config(_)
            | UserError::NoConfigPath => ExitCode::from(2),
            UserError::Ambiguous { .. }
            | UserError::NothingToWatch(_)
            | UserError::NotWatching(_)
            | UserError::NoVisits
            | UserError::CannotWrite { .. } => ExitCode::from(2),
            UserError::NoSuchPlayer { .. }
            | UserError::NoSuchClub { .. }
            | UserError::EmptyCorpus { .. }
            | UserError::Library(_)
            | UserError::BadFeed(_) => ExitCode::FAILURE,
        }
    }
}

/// What the dashboard is opened with.
#[derive(Debug, Clone)]
pub struct Options {
    pub as_of: NaiveDate,
    pub player: Option<String>,
    /// Minutes between automatic fetches of every feed.
    pub refresh: Option<u32>,
    /// The library `R` fetches into.
    pub db: PathBuf,
    /// Follow the `--corpus` folders.
    pub watch: bool,
}

/// The dashboard's keys: the default map with the configuration's `[keys]`. Read for every
/// command, so that a mistake in them shows at once.
#[cfg(feature = "tui")]
type Keys = crate::tui::Keymap;
/// Without the dashboard there are no keys to read.
#[cfg(not(feature = "tui"))]
struct Keys;

#[cfg(feature = "tui")]
fn keys(config: &Config) -> Result<Keys, UserError> {
    crate::tui::Keymap::with_overrides(&config.settings.keys).map_err(|error| {
        UserError::Config(config.error(error.span, Some(&error.key), &error.message))
    })
}

#[cfg(not(feature = "tui"))]
fn keys(_: &Config) -> Result<Keys, UserError> {
    Ok(Keys)
}

/// Opens the dashboard, which loads the articles itself, in the background, to show its
/// first frame at once.
#[cfg(feature = "tui")]
fn dashboard(
    source: Source,
    options: Options,
    settings: &Settings,
    keys: Keys,
) -> color_eyre::Result<ExitCode> {
    use std::io::IsTerminal;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(UserError::NoTerminal.into());
    }
    let options = crate::tui::Options {
        as_of: options.as_of,
        player: options.player,
        sample: source == Source::Sample,
        refresh: options.refresh,
        // `--corpus` runs touch no library: `R` says so.
        db: (!matches!(source, Source::Files(_))).then_some(options.db),
        watch: options.watch,
    };
    let exit = crate::tui::run(source, options, settings, keys)?;
    // Stopped by a signal: the shell's convention, 128 + its number.
    Ok(match exit {
        crate::tui::Exit::Quit => ExitCode::SUCCESS,
        crate::tui::Exit::Signal(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
    })
}

#[cfg(not(feature = "tui"))]
fn dashboard(_: Source, _: Options, _: &Settings, _: Keys) -> color_eyre::Result<ExitCode> {
    Err(UserError::NoDashboard.into())
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2021-01-13"))
}

/// Runs a parsed command line: the dashboard without a subcommand. `now` is the caller's
/// clock: its local date counts as today (without `--as-of`, for the user's articles), and it
/// stamps fetches. A [`UserError`] comes back inside the report for the caller to print as
/// one line.
pub fn run(cli: Cli, now: DateTime<Local>, out: &mut impl Write) -> color_eyre::Result<ExitCode> {
    let utc = now.with_timezone(&Utc);
    let config_path = ConfigPath::resolve(cli.config.clone());
    if let Some(Command::Config { command }) = &cli.command {
        if cli.player.is_some() {
            return Err(UserError::PlayerIgnored { command: "config" }.into());
        }
        return config_command(command, &config_path, out);
    }
    let config = Config::load(&config_path).map_err(UserError::Config)?;
    let keys = keys(&config)?;
    let db = match cli.db.clone().or_else(default_db) {
        Some(db) => db,
        None => return Err(UserError::NoLibraryPath.into()),
    };
    if cli.watch && (cli.corpus.is_empty() || cli.command.is_some()) {
        return Err(UserError::WatchWhat.into());
    }
    let library_command = match &cli.command {
        Some(Command::Feed { .. }) => Some("feed"),
        Some(Command::Fetch { .. }) => Some("fetch"),
        Some(Command::Import { .. }) => Some("import"),
        Some(Command::Watch { .. }) => Some("watch"),
        _ => None,
    };
    if let Some(command) = library_command {
        if !cli.corpus.is_empty() {
            return Err(UserError::CorpusWithLibraryCommand { command }.into());
        }
        if cli.player.is_some() {
            return Err(UserError::PlayerIgnored { command }.into());
        }
    }
    let limits = config.settings.refresh.limits();
    match cli.command {
        Some(Command::Feed { command }) => return library::feed(command, &db, utc, out),
        Some(Command::Fetch { json }) => {
            library::subscribe_configured(&db, &config, utc)?;
            return library::fetch(&db, json, &limits, utc, out);
        }
        Some(Command::Import { paths }) => return library::import(&db, &paths, utc, out),
        Some(Command::Watch { command }) => return desk::watch(command, &db, utc, out),
        _ => {}
    }
    if cli.command.is_none() && cli.corpus.is_empty() {
        library::subscribe_configured(&db, &config, utc)?;
    }
    let source = resolve_source(cli.corpus.clone(), &db)?;
    let as_of = cli
        .as_of
        .unwrap_or_else(|| default_as_of(&source, now.date_naive()));
    let Some(command) = cli.command else {
        let options = Options {
            as_of,
            player: cli.player,
            refresh: cli.refresh.or(config.settings.refresh.interval()),
            db,
            watch: cli.watch,
        };
        return dashboard(source, options, &config.settings, keys);
    };
    let rumours_player = player_for(&command, cli.player)?;
    if let Command::Digest { since, json, .. } = command {
        let since = since.map_or(desk::Since::LastVisit, desk::Since::Date);
        return desk::digest(&source, &db, since, as_of, json, out);
    }
    let (model, _) = source.load_whole(&LoadProgress::default())?;
    if !matches!(command, Command::Check) {
        report_rejected(&model, &cli.corpus)?;
    }
    match command {
        Command::Export => {
            serde_json::to_writer_pretty(&mut *out, &export::export(&model, as_of))?;
            writeln!(out)?;
        }
        Command::Players { query, json, limit } => {
            players(&model, query.as_deref(), json, limit, out)?
        }
        Command::Rumours { json, limit, .. } => {
            let selected = match rumours_player.as_deref() {
                None => None,
                Some(name) => Some(
                    Roster::new(&model)
                        .find(&model, name)
                        .ok_or_else(|| no_such_player(name))?,
                ),
            };
            rumours(&model, selected, as_of, json, limit, out)?;
        }
        Command::Countdowns { json, limit } => {
            let sort = config.settings.countdowns.sort;
            countdowns(&model, as_of, sort, json, limit, out)?
        }
        Command::Ics {
            watchlist,
            out: file,
        } => desk::ics(&model, &db, watchlist, file.as_deref(), utc, out)?,
        Command::Sources { json, limit } => {
            intel_commands::sources(&model, &config.settings, as_of, json, limit, out)?
        }
        Command::Club { name, json } => intel_commands::club(&model, &name, as_of, json, out)?,
        Command::Check => return check(&model, out),
        Command::Feed { .. }
        | Command::Fetch { .. }
        | Command::Import { .. }
        | Command::Config { .. }
        | Command::Watch { .. }
        | Command::Digest { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// `mercato config path|default|check`.
fn config_command(
    command: &ConfigCommand,
    path: &ConfigPath,
    out: &mut impl Write,
) -> color_eyre::Result<ExitCode> {
    match command {
        ConfigCommand::Path => {
            let path = path.path().ok_or(UserError::NoConfigPath)?;
            writeln!(out, "{}", path.display())?;
        }
        ConfigCommand::Default => write!(out, "{}", config::default_text())?,
        ConfigCommand::Check => {
            let config = Config::load(path).map_err(UserError::Config)?;
            keys(&config)?;
            library::configured_feeds(&config)?;
            match (&config.file, path.path()) {
                (Some(file), _) => writeln!(out, "{}: ok", file.path.display())?,
                (None, Some(path)) => {
                    writeln!(out, "{}: no such file; the defaults apply", path.display())?
                }
                (None, None) => writeln!(out, "no configuration file; the defaults apply")?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the articles come from; a library of an older schema is migrated first (a reader
/// cannot, and a library this old has had no writer since this version came).
fn resolve_source(corpus: Vec<PathBuf>, db: &std::path::Path) -> Result<Source, UserError> {
    match Source::resolve(corpus.clone(), db) {
        Err(crate::store::StoreError::Migrating { .. }) => {
            drop(crate::store::Library::open(
                db,
                crate::store::Access::UserState,
            )?);
            Ok(Source::resolve(corpus, db)?)
        }
        other => Ok(other?),
    }
}

/// `$XDG_DATA_HOME/mercato/mercato.db` (or the platform's data folder).
fn default_db() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "mercato").map(|dirs| dirs.data_dir().join("mercato.db"))
}

/// The date to count from without `--as-of`: today for the user's articles; for the
/// built-in sample, its newest article's date (today would leave its contracts long expired).
fn default_as_of(source: &Source, today: NaiveDate) -> NaiveDate {
    match source {
        Source::Sample => corpus::embedded_newest_date().unwrap_or(today),
        Source::Files(_) | Source::Library(_) => today,
    }
}

/// The player `rumours` is about: its own `--player` or the global one (both only when they
/// agree). Any other command would ignore the global `--player`: refused.
fn player_for(command: &Command, global: Option<String>) -> Result<Option<String>, UserError> {
    let Some(global) = global else {
        return Ok(match command {
            Command::Rumours { player, .. } => player.clone(),
            _ => None,
        });
    };
    match command {
        Command::Rumours { player: None, .. } => Ok(Some(global)),
        Command::Rumours {
            player: Some(own), ..
        } if fold(own) == fold(&global) => Ok(Some(global)),
        Command::Rumours {
            player: Some(own), ..
        } => Err(UserError::TwoPlayers {
            global: sanitize(&global, false).into_owned(),
            own: sanitize(own, false).into_owned(),
        }),
        Command::Export => Err(UserError::PlayerIgnored { command: "export" }),
        Command::Players { .. } => Err(UserError::PlayerIgnored { command: "players" }),
        Command::Countdowns { .. } => Err(UserError::PlayerIgnored {
            command: "countdowns",
        }),
        Command::Check => Err(UserError::PlayerIgnored { command: "check" }),
        Command::Sources { .. } => Err(UserError::PlayerIgnored { command: "sources" }),
        Command::Club { .. } => Err(UserError::PlayerIgnored { command: "club" }),
        Command::Feed { .. } => Err(UserError::PlayerIgnored { command: "feed" }),
        Command::Fetch { .. } => Err(UserError::PlayerIgnored { command: "fetch" }),
        Command::Import { .. } => Err(UserError::PlayerIgnored { command: "import" }),
        Command::Config { .. } => Err(UserError::PlayerIgnored { command: "config" }),
        Command::Watch { .. } => Err(UserError::PlayerIgnored { command: "watch" }),
        Command::Digest { .. } => Err(UserError::PlayerIgnored { command: "digest" }),
        Command::Ics { .. } => Err(UserError::PlayerIgnored { command: "ics" }),
    }
}

/// A corpus of the user's that loaded no article is an error; one that lost some files or
/// lines gets a warning on stderr (stdout stays clean for the table or JSON).
fn report_rejected(model: &Model, corpus: &[PathBuf]) -> Result<(), UserError> {
    let rejected = corpus::rejected(&model.problems);
    if model.articles.is_empty() && !corpus.is_empty() {
        let corpus: String = corpus
            .iter()
            .map(|path| format!(" --corpus {}", sanitize(&path.to_string_lossy(), false)))
            .collect();
        return Err(UserError::EmptyCorpus { rejected, corpus });
    }
    if rejected > 0 {
        eprintln!(
            "mercato: warning: {} rejected, {} loaded (see why: mercato check)",
            plural(rejected, "file or line", "files or lines"),
            plural(model.articles.len(), "article", "articles")
        );
    }
    Ok(())
}

/// The error for a name no player matches, with a shorter query to try.
fn no_such_player(name: &str) -> UserError {
    let name = sanitize(name.trim(), false).into_owned();
    let hint: String = name.chars().take(3).collect();
    UserError::NoSuchPlayer { name, hint }
}

/// A player as `players --json` prints it: what the table shows, and the export's fields.
#[derive(Serialize)]
struct PlayerRecord<'a> {
    #[serde(flatten)]
    person: export::PersonRecord<'a>,
    rumours: usize,
    contract_ends: Option<NaiveDate>,
}

fn players(
    model: &Model,
    query: Option<&str>,
    json: bool,
    limit: Option<usize>,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    // Ranked by how well they match; ties, and the whole list, in the dashboard's order.
    let roster = Roster::new(model);
    let mut ids = match query {
        Some(query) => roster.matching(query),
        None => roster.players,
    };
    ids.truncate(limit.unwrap_or(usize::MAX));
    if json {
        let records: Vec<_> = ids
            .iter()
            .map(|&id| PlayerRecord {
                person: export::person(model, &model.people[id]),
                rumours: model.rumours_of(id).len(),
                contract_ends: model.contract_of(id).map(|c| c.expires),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)?;
        return Ok(());
    }
    let rows = ids
        .iter()
        .map(|&id| {
            let person = &model.people[id];
            vec![
                person.name.clone(),
                model.club_of(person).unwrap_or("-").to_string(),
                thousands(person.articles.len()),
                thousands(model.rumours_of(id).len()),
                model
                    .contract_of(id)
                    .map_or_else(|| "-".into(), |c| c.expires.to_string()),
            ]
        })
        .collect();
    write_table(
        out,
        &["PLAYER", "CLUB", "ARTICLES", "RUMOURS", "CONTRACT ENDS"],
        rows,
    )
}

fn rumours(
    model: &Model,
    player: Option<PersonId>,
    as_of: NaiveDate,
    json: bool,
    limit: Option<usize>,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let list: Vec<&crate::model::Rumour> = match player {
        Some(player) => model.rumours_of(player),
        None => model.listed_rumours().map(|(_, rumour)| rumour).collect(),
    };
    let mut list = intel::by_heat(model, list, as_of);
    list.truncate(limit.unwrap_or(usize::MAX));
    if json {
        let records: Vec<_> = list
            .iter()
            .map(|(r, _)| export::rumour(model, r, as_of))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)?;
        return Ok(());
    }
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "undated".to_string(), |d| d.to_string());
    let rows = list
        .iter()
        .map(|(r, assessment)| {
            vec![
                model.people[r.player].name.clone(),
                model.club_name(r.club).to_string(),
                assessment.stage.name().to_string(),
                format!("{:.2}", assessment.heat),
                thousands(assessment.articles),
                short_list(&r.sources),
                date(assessment.first_seen),
                date(assessment.last_seen),
                intel::ladder_line(&assessment.ladder),
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "PLAYER",
            "CLUB",
            "STAGE",
            "HEAT",
            "ARTICLES",
            "SOURCES",
            "FIRST SEEN",
            "LAST SEEN",
            "STEPS",
        ],
        rows,
    )
}

fn countdowns(
    model: &Model,
    as_of: NaiveDate,
    sort: CountdownSort,
    json: bool,
    limit: Option<usize>,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let mut rows: Vec<usize> = (0..model.contracts.len()).collect();
    sort_contracts(model, &mut rows, as_of, sort);
    let mut list: Vec<&crate::model::Contract> =
        rows.into_iter().map(|at| &model.contracts[at]).collect();
    list.truncate(limit.unwrap_or(usize::MAX));
    if json {
        let records: Vec<_> = list
            .iter()
            .map(|c| export::contract(model, c, as_of))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "as of {as_of}")?;
    let rows = list
        .iter()
        .map(|c| {
            // However many dates sources disagree on, the row stays narrow: --json lists them.
            let mut expires = c.expires.to_string();
            if !c.conflicts.is_empty() {
                expires.push_str(&format!(" ({})", other_dates(c.conflicts.len())));
            }
            vec![
                model.people[c.player].name.clone(),
                c.club.map_or("-", |club| model.club_name(club)).to_string(),
                expires,
                describe(c.expires, as_of),
                if precontract_open(c.expires, as_of) {
                    format!("open since {}", c.precontract_from)
                } else if c.expires < as_of {
                    "-".to_string()
                } else {
                    format!("from {}", c.precontract_from)
                },
            ]
        })
        .collect();
    write_table(
        out,
        &["PLAYER", "CLUB", "EXPIRES", "LEFT", "PRE-CONTRACT"],
        rows,
    )
}

fn check(model: &Model, out: &mut impl Write) -> color_eyre::Result<ExitCode> {
    for problem in &model.problems {
        writeln!(out, "{}", sanitize(&problem.to_string(), false))?;
    }
    let rejected = corpus::rejected(&model.problems);
    writeln!(
        out,
        "{} loaded; {} ({} rejected, {})",
        plural(model.articles.len(), "article", "articles"),
        plural(model.problems.len(), "problem", "problems"),
        thousands(rejected),
        plural(model.problems.len() - rejected, "warning", "warnings")
    )?;
    Ok(if rejected > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Up to three names, then how many more: a table cell stays readable on a big corpus.
fn short_list(names: &[String]) -> String {
    match names.len() {
        0 => "-".into(),
        1..=3 => names.join(", "),
        n => format!("{}, +{} more", names[..3].join(", "), n - 3),
    }
}

/// Writes rows under a header, columns padded to their widest cell (by display width). Every
/// cell goes through [`sanitize`] first: names and sources come from article text. No colour
/// or other escape sequence is ever written.
fn write_table(
    out: &mut impl Write,
    header: &[&str],
    rows: Vec<Vec<String>>,
) -> color_eyre::Result<()> {
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| sanitize(&cell, false).into_owned())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(width - cell.width() + 2));
            }
        }
        text
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    if rows.is_empty() {
        writeln!(out, "(none)")?;
    }
    Ok(())
}
