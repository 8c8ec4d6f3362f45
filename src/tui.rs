//! The interactive dashboard: four linked panes (articles with a reader, players,
//! rumoured destinations, contract countdowns) over a built [`Model`].
//!
//! Built on The Elm Architecture:
//! - [`State`] holds everything on screen, one sub-state per pane, and no terminal;
//! - [`Action`] is every change: a [`Command`] the user's keys are bound to, or a
//!   [`Message`] from the clock, the terminal, the mouse, or background work coming back
//!   (the load, a search, a fetch, watched files);
//! - [`update`] is a pure function from state and action to state (and maybe a follow-up
//!   action), looped by [`dispatch`] until there is none;
//! - [`keymap`] turns key presses into commands per focused pane, and is the single source of
//!   the help overlay and the key-hint bar;
//! - [`ui`] only draws; [`layout`] is the geometry that both drawing and mouse hit-testing
//!   share;
//! - [`app`] is the event loop, generic over the ratatui backend, the event source and the
//!   clock, so tests drive the real application on a `TestBackend`; it also commits the
//!   user's marks ([`desk`]: watched, read) to the library as soon as update records them.

pub mod action;
pub mod app;
pub mod desk;
pub mod fetcher;
pub mod intel;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod searcher;
pub mod state;
pub mod text;
pub mod ui;
pub mod watcher;

use std::borrow::Cow;
use std::io::stdout;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::config::Settings;
use crate::library::Source;
use color_eyre::eyre::WrapErr;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use watcher::Watcher;

use loader::Loader;

pub use action::{Action, Command, Message, Pane};
pub use app::{
    Clock, CrosstermEvents, EventSource, Finished, FixedClock, Input, ScriptedEvents, SystemClock,
    run_app,
};
pub use keymap::Keymap;
pub use state::{State, dispatch, update};
pub use ui::theme::Theme;

/// How the dashboard starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The date the clock shows (the time of day is the wall clock's).
    pub as_of: NaiveDate,
    /// A player to select at start (name or alias, accents and case ignored; fuzzy as a
    /// fallback).
    pub player: Option<String>,
    /// Whether the corpus is the built-in sample: the status bar then says how to load your
    /// own.
    pub sample: bool,
    /// Minutes between automatic fetches of every feed (`--refresh`); never when `None`.
    pub refresh: Option<u32>,
    /// The library `R` fetches into; `None` for `--corpus` runs, which touch no library.
    pub db: Option<PathBuf>,
    /// Read files added or changed in the `--corpus` folders while the dashboard is open.
    pub watch: bool,
}

/// How the dashboard ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit (`q`, `Ctrl-C`).
    Quit,
    /// A signal (SIGTERM, SIGINT, SIGHUP or SIGQUIT) asked it to stop; its number. The
    /// dashboard stopped like on `q`, terminal restored.
    Signal(i32),
}

/// Runs the dashboard in the real terminal until the user quits or a signal says stop, with
/// the configuration's theme, countdowns and fetch limits, and `keymap`.
///
/// The terminal is put back as it was (raw mode off, main screen, cursor shown, mouse
/// released) on every way out: `q` and `Ctrl-C` (a key press in raw mode, bound to quit);
/// SIGTERM, SIGINT, SIGHUP and SIGQUIT from outside (caught, and the event loop ends within
/// 50 ms as if `q` was pressed, once a background search still running has answered); an
/// error (returned after restoring); and a panic on the UI thread (a hook that restores, in
/// front of ratatui's and color-eyre's, which then prints the report on the restored
/// screen).
///
/// The caller installs color-eyre's hooks first (the binary does), so that ratatui's panic
/// hook restores the terminal before the report is printed. (Installing them here would
/// fail when they are there already, and that failure alone costs ~200 ms: its error
/// captures a backtrace.)
///
/// Debug builds only: `MERCATO_DEBUG_PANIC=1` panics and `MERCATO_DEBUG_PANIC=error` fails
/// right after the first frame, to test those ways out.
pub fn run(
    source: Source,
    options: Options,
    settings: &Settings,
    keymap: Keymap,
) -> color_eyre::Result<Exit> {
    let theme = Theme::from_env(&settings.theme);
    let mut clock = SystemClock;
    let mut state = State::loading(&options, clock.now(), (80, 24));
    state.keymap = Arc::new(keymap);
    state.configure_countdowns(&settings.countdowns);
    state.feeds.limits = settings.refresh.limits();
    state.source_tiers = settings.sources.clone();
    // Copying through the terminal reaches the clipboard of whoever runs it: only when asked.
    state.clipboard = std::env::var("MERCATO_OSC52").is_ok_and(|value| value == "1");

    let signals = Signals::watch().wrap_err("could not watch for signals")?;
    let watcher = match (&source, options.watch) {
        (Source::Files(roots), true) => {
            Some(Watcher::start(roots.clone()).wrap_err("could not watch the corpus")?)
        }
        _ => None,
    };
    let desk_job: loader::DeskJob = {
        let from_library = matches!(source, Source::Library(_));
        let (db, as_of, now) = (options.db.clone(), options.as_of, clock.now());
        Box::new(move || {
            desk_start(db.as_deref(), from_library, as_of, now).map_err(|error| error.to_string())
        })
    };
    let loader = Loader::start(source, Some(desk_job)).wrap_err("could not start loading")?;
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            restore_terminal();
            return Err(error).wrap_err("could not set up the terminal");
        }
    };
    // Mouse capture and the cursor are ours to undo, on panic too: chain a hook in front of
    // ratatui's (which restores again, harmlessly, then calls color-eyre's).
    // A panic on another thread (the loader's) leaves the terminal alone: the loader reports
    // it and the dashboard goes on.
    let ui_thread = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread {
            restore_terminal();
            previous(info);
        }
    }));
    let mut events = Interruptible {
        inner: CrosstermEvents,
        signals: &signals,
        loader: Some(loader),
        watcher,
    };
    let result = execute!(stdout(), EnableMouseCapture)
        .wrap_err("could not enable the mouse")
        .and_then(|()| run_app(&mut terminal, state, &theme, &mut events, &mut clock));
    restore_terminal();
    drop(terminal);
    let received = signals.received();
    signals.stop();
    match (received, result) {
        // A hang-up closes the terminal: writing to it may have failed; the signal is the news.
        (Some(signal), _) => Ok(Exit::Signal(signal)),
        (None, Ok(_)) => Ok(Exit::Quit),
        (None, Err(error)) => Err(error),
    }
}

/// What the desk starts with: the user's marks from the library, and what is new there since
/// the previous visit; records this visit. No library yet (the built-in sample, or
/// `--corpus`): nothing, and nothing saved.
fn desk_start(
    db: Option<&std::path::Path>,
    from_library: bool,
    as_of: NaiveDate,
    now: chrono::NaiveDateTime,
) -> Result<desk::DeskStart, crate::store::StoreError> {
    use crate::store::{Access, Library, Visit};
    let Some(db) = db.filter(|db| db.exists()) else {
        return Ok(desk::DeskStart::default());
    };
    let mut library = Library::open(db, Access::UserState)?;
    let user = library.user_state()?;
    let since = match library.last_visit()? {
        Some(visit) if from_library => {
            Some((visit.as_of, library.articles_first_seen_after(visit.at)?))
        }
        _ => None,
    };
    library.record_visit(Visit {
        at: app::utc(now),
        as_of,
    })?;
    Ok(desk::DeskStart {
        user,
        persist: true,
        since,
    })
}

/// Puts the terminal back: mouse released, cursor shown, raw mode off, main screen. Safe to
/// call more than once, and errors are ignored (there is nothing better to do on the way out).
fn restore_terminal() {
    let _ = execute!(stdout(), DisableMouseCapture, Show);
    ratatui::restore();
}

/// The signals that stop the dashboard, caught into a flag while it runs.
struct Signals {
    /// The number of the last signal received, 0 for none.
    received: Arc<AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    #[cfg(unix)]
    fn watch() -> std::io::Result<Self> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let received = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] {
            let number = usize::try_from(signal).unwrap_or(0);
            ids.push(signal_hook::flag::register_usize(
                signal,
                Arc::clone(&received),
                number,
            )?);
        }
        // A stop signal ends the loop within 50 ms. If something hangs instead (seen once the
        // terminal itself has gone away), leave anyway rather than live on as a busy orphan.
        let flag = Arc::clone(&received);
        std::thread::spawn(move || {
            loop {
                let signal = flag.load(Ordering::SeqCst);
                if signal != 0 {
                    std::thread::sleep(Duration::from_secs(3));
                    std::process::exit(128 + i32::try_from(signal).unwrap_or(0));
                }
                std::thread::sleep(Duration::from_millis(250));
            }
        });
        Ok(Self { received, ids })
    }

    #[cfg(not(unix))]
    fn watch() -> std::io::Result<Self> {
        Ok(Self {
            received: Arc::new(AtomicUsize::new(0)),
        })
    }

    fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }

    /// Stops catching: the process is about to end.
    fn stop(self) {
        #[cfg(unix)]
        for id in self.ids {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// The terminal's events, in slices of at most 50 ms so that a caught signal ends the loop
/// (as [`Input::Closed`]) at once, and the background load's progress and result.
struct Interruptible<'a> {
    inner: CrosstermEvents,
    signals: &'a Signals,
    loader: Option<Loader>,
    watcher: Option<Watcher>,
}

impl EventSource for Interruptible<'_> {
    fn next(&mut self, timeout: Duration) -> color_eyre::Result<Input> {
        #[cfg(debug_assertions)]
        match std::env::var("MERCATO_DEBUG_PANIC").as_deref() {
            Ok("1" | "panic") => {
                panic!("MERCATO_DEBUG_PANIC is set: a deliberate panic (debug builds only)")
            }
            Ok("error") => {
                return Err(color_eyre::eyre::eyre!(
                    "MERCATO_DEBUG_PANIC=error: a deliberate error (debug builds only)"
                ));
            }
            _ => {}
        }
        let deadline = Instant::now() + timeout;
        loop {
            if self.signals.received().is_some() {
                return Ok(Input::Closed);
            }
            if let Some(loader) = &mut self.loader {
                if let Some(input) = loader.poll() {
                    return Ok(input);
                }
                if loader.is_done() {
                    self.loader = None;
                }
            }
            let loading = self.loader.as_ref().is_some_and(Loader::is_loading);
            // What changes during the load waits in the channel until the model is there.
            if !loading && let Some(arrived) = self.watcher.as_ref().and_then(Watcher::poll) {
                return Ok(Input::Message(Message::Watched(Box::new(arrived))));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(Input::Timeout);
            }
            // While loading, look at the loader often: the model shows as soon as it is there.
            let slice = if loading { 10 } else { 50 };
            match self.inner.next(left.min(Duration::from_millis(slice)))? {
                Input::Timeout => {}
                input => return Ok(input),
            }
        }
    }

    fn perform(&mut self, effect: state::Effect) -> Result<(), String> {
        self.inner.perform(effect)
    }
}

/// Every piece of article-derived text goes to the screen through here: the shared
/// [`sanitize`](crate::sanitize::sanitize) (escape sequences, control characters, bidi and
/// zero-width tricks), then minus emoji variation selectors (U+FE0E, U+FE0F): terminals
/// disagree on how wide they make a symbol (tmux draws "🗣️" one column wide, ratatui counts
/// two), which breaks alignment; without them every symbol has its one standard width.
pub fn display_text(text: &str) -> Cow<'_, str> {
    let safe = crate::sanitize::sanitize(text, false);
    if safe.contains(['\u{fe0e}', '\u{fe0f}']) {
        Cow::Owned(
            safe.chars()
                .filter(|c| !matches!(c, '\u{fe0e}' | '\u{fe0f}'))
                .collect(),
        )
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_is_safe_and_drops_variation_selectors() {
        assert!(matches!(display_text("Sergio Ramos ⚽"), Cow::Borrowed(_)));
        assert_eq!(display_text("🗣️ Zidane ⚪️"), "🗣 Zidane ⚪");
        assert_eq!(
            display_text("a\u{1b}[31mb\tc\nd\u{7f}e\u{9b}2Jf"),
            "ab c d\u{2421}ef"
        );
        assert_eq!(display_text("Zinédine 👀"), "Zinédine 👀");
    }
}
