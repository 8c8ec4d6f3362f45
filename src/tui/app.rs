//! The event loop, generic over the backend, the event source and the clock: crossterm and
//! the system clock in the terminal, a script and a fixed time in tests.

use std::collections::VecDeque;
use std::io::Write;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use chrono::{Local, NaiveDateTime, TimeZone, Timelike, Utc};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::{Action, Command, Message};
use super::fetcher::{FetchNews, FetchProgress, Fetcher};
use super::keymap::Keymap;
use super::searcher::Searcher;
use super::state::{Body, Effect, State, dispatch};
use super::ui::{self, theme::Theme};
use crate::facts::{self, Facts};
use crate::library::Watermark;
use crate::model;
use crate::store::{Access, Library};

/// What an event source gave.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// Work done in the background (loading, watching) has news.
    Message(Message),
    /// Nothing arrived in time.
    Timeout,
    /// No more events will come (the end of a script).
    Closed,
}

/// Where terminal events come from, and where the dashboard's requests to the world outside
/// go (a script keeps them instead).
pub trait EventSource {
    /// Waits up to `timeout` for the next event.
    fn next(&mut self, timeout: Duration) -> color_eyre::Result<Input>;

    /// Carries out an [`Effect`]; the error says why it could not be done.
    fn perform(&mut self, effect: Effect) -> Result<(), String>;
}

/// The real terminal's events. Blocks in `poll` until an event or the timeout: no busy loop.
#[derive(Debug, Default, Clone, Copy)]
pub struct CrosstermEvents;

impl EventSource for CrosstermEvents {
    fn next(&mut self, timeout: Duration) -> color_eyre::Result<Input> {
        if event::poll(timeout)? {
            Ok(Input::Event(event::read()?))
        } else {
            Ok(Input::Timeout)
        }
    }

    fn perform(&mut self, effect: Effect) -> Result<(), String> {
        match effect {
            Effect::Open(url) => open_link(&url),
            Effect::Copy(text) => copy_with_osc52(&text),
        }
    }
}

/// Opens a link with the system's opener, run directly (no shell reads the link), detached
/// from the terminal, and reaped on a thread of its own.
fn open_link(url: &str) -> Result<(), String> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("could not run {opener}: {error}"))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Asks the terminal to put `text` on the clipboard (OSC 52; terminals that do not support it
/// ignore the sequence).
fn copy_with_osc52(text: &str) -> Result<(), String> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")
        .and_then(|()| out.flush())
        .map_err(|error| format!("could not copy: {error}"))
}

/// A fixed list of inputs, then [`Input::Closed`]; the effects asked for are kept in
/// `performed`.
#[derive(Debug, Default)]
pub struct ScriptedEvents {
    inputs: VecDeque<Input>,
    pub performed: Vec<Effect>,
}

impl ScriptedEvents {
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        Self::inputs(events.into_iter().map(Input::Event))
    }

    /// A script that also has the background load's progress and result in it.
    pub fn inputs(inputs: impl IntoIterator<Item = Input>) -> Self {
        Self {
            inputs: inputs.into_iter().collect(),
            performed: Vec::new(),
        }
    }
}

impl EventSource for ScriptedEvents {
    fn next(&mut self, _timeout: Duration) -> color_eyre::Result<Input> {
        Ok(self.inputs.pop_front().unwrap_or(Input::Closed))
    }

    fn perform(&mut self, effect: Effect) -> Result<(), String> {
        self.performed.push(effect);
        Ok(())
    }
}

/// The time of day (and the date, to notice midnight).
pub trait Clock {
    fn now(&mut self) -> NaiveDateTime;
}

/// The local wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&mut self) -> NaiveDateTime {
        chrono::Local::now().naive_local()
    }
}

/// A clock that never moves, for tests.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NaiveDateTime);

impl Clock for FixedClock {
    fn now(&mut self) -> NaiveDateTime {
        self.0
    }
}

/// What a finished run leaves: the final state and how many frames were drawn.
#[derive(Debug)]
pub struct Finished {
    pub state: State,
    pub frames: usize,
}

/// The action a terminal event asks for.
pub fn action_for(keymap: &Keymap, state: &State, event: &Event) -> Option<Action> {
    let message = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            return keymap.action_for(state, key).map(Action::from);
        }
        Event::Resize(width, height) => Message::Resize {
            width: *width,
            height: *height,
        },
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Message::Click {
                column: mouse.column,
                row: mouse.row,
            },
            MouseEventKind::ScrollDown => Message::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: true,
            },
            MouseEventKind::ScrollUp => Message::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: false,
            },
            _ => return None,
        },
        _ => return None,
    };
    Some(message.into())
}

/// Runs the dashboard until the user quits or the events end. Draws only when something
/// changed, or when the clock's second turns; waits for input no longer than that.
pub fn run_app<B, E, C>(
    terminal: &mut Terminal<B>,
    mut state: State,
    theme: &Theme,
    events: &mut E,
    clock: &mut C,
) -> color_eyre::Result<Finished>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: EventSource + ?Sized,
    C: Clock + ?Sized,
{
    let keymap = Arc::clone(&state.keymap);
    let size = terminal.size()?;
    dispatch(
        &mut state,
        Message::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut frames = 0;
    let mut dirty = true;
    let mut searcher: Option<Searcher> = None;
    let mut fetcher: Option<Fetcher> = None;
    let mut user_store: Option<Library> = None;
    // Read-only, opened when the reader first needs a body from the library.
    let mut bodies: Option<Library> = None;
    loop {
        let now = clock.now();
        if now.with_nanosecond(0) != Some(state.clock.now) {
            dispatch(&mut state, Message::Tick { now });
            if refresh_due(&state, now) {
                dispatch(&mut state, Command::Refresh);
            }
            dirty = true;
        }
        if std::mem::take(&mut state.feeds.requested)
            && let Some(db) = state.feeds.db.clone()
        {
            let watermark = Watermark::of(&state.model.articles);
            match Fetcher::start(db, watermark, state.feeds.limits.clone(), utc(now)) {
                Ok(started) => fetcher = Some(started),
                Err(error) => {
                    dispatch(
                        &mut state,
                        Message::Fetched(Box::new(Err(error.to_string()))),
                    );
                }
            }
        }
        while let Some(news) = fetcher.as_mut().and_then(Fetcher::poll) {
            match news {
                FetchNews::Progress(FetchProgress { done, total, new }) => {
                    dispatch(&mut state, Message::FetchProgress { done, total, new });
                }
                FetchNews::Done(result) => {
                    fetcher = None;
                    dispatch(&mut state, Message::Fetched(Box::new(result)));
                }
            }
            dirty = true;
        }
        save_user_state(&mut state, &mut user_store, now);
        if let Some((article, id)) = state.body_wanted() {
            let body = read_body(&mut bodies, state.feeds.db.as_deref(), id);
            dispatch(&mut state, Message::BodyLoaded { article, body });
            dirty = true;
        }
        if dirty {
            draw(terminal, &state, theme, &keymap)?;
            frames += 1;
            dirty = false;
        }
        if state.quit {
            break;
        }
        // A search too long for a frame runs in the background; a newer query cancels it.
        let pending = state.pending_search();
        if pending.is_some() || searcher.as_ref().is_some_and(Searcher::is_running) {
            let searcher = match &mut searcher {
                Some(searcher) => searcher,
                None => searcher.insert(Searcher::start()?),
            };
            if !searcher.want(&state.index.roster.search, pending)
                && let Some(query) = pending.map(str::to_owned)
            {
                // The search thread died: search here rather than never.
                let hits = state.index.roster.search.search(&query);
                dispatch(&mut state, Message::SearchFinished { query, hits });
                dirty = true;
            }
        }
        let searching = searcher.as_ref().is_some_and(Searcher::is_running);
        // Wake up when the shown second turns, or soon to show a search's hits.
        let until_next_second = 1000 - u64::from(now.nanosecond() / 1_000_000).min(999);
        let timeout = if searching {
            5
        } else if fetcher.is_some() {
            100.min(until_next_second)
        } else {
            until_next_second
        };
        match events.next(Duration::from_millis(timeout))? {
            Input::Event(event) => {
                if let Some(action) = action_for(&keymap, &state, &event) {
                    dispatch(&mut state, action);
                    for effect in std::mem::take(&mut state.effects) {
                        if let Err(error) = events.perform(effect) {
                            state.message = Some(error);
                        }
                    }
                    dirty = true;
                }
            }
            Input::Message(message) => {
                dispatch(&mut state, message);
                dirty = true;
            }
            Input::Timeout => {}
            Input::Closed => {
                // The end of a script: a search still running is part of it. (After a stop
                // signal this waits for one search: ~50 ms over a million names.)
                if let Some(outcome) = searcher.as_mut().and_then(|s| s.outcome(true)) {
                    dispatch(&mut state, outcome.into_message());
                    draw(terminal, &state, theme, &keymap)?;
                    frames += 1;
                }
                break;
            }
        }
        if let Some(outcome) = searcher.as_mut().and_then(|s| s.outcome(false)) {
            dispatch(&mut state, outcome.into_message());
            dirty = true;
        }
    }
    save_user_state(&mut state, &mut user_store, clock.now());
    Ok(Finished { state, frames })
}

/// A local time as UTC (the earlier of two, in the hour a clock goes back).
pub(super) fn utc(now: NaiveDateTime) -> chrono::DateTime<Utc> {
    Local
        .from_local_datetime(&now)
        .earliest()
        .map_or_else(Utc::now, |local| local.with_timezone(&Utc))
}

/// Commits the user's new marks (watched, read) to the library, each change in its own
/// transaction, as soon as update has made them: a kill a moment later loses none. The
/// library stays open between changes; a failure is told and the next change opens it again.
fn save_user_state(state: &mut State, store: &mut Option<Library>, now: NaiveDateTime) {
    if state.desk.pending.is_empty() {
        return;
    }
    let changes = std::mem::take(&mut state.desk.pending);
    let Some(db) = state.feeds.db.clone() else {
        return;
    };
    for change in changes {
        let library = match store {
            Some(library) => Ok(library),
            None => Library::open(&db, Access::UserState).map(|library| store.insert(library)),
        };
        if let Err(error) = library.and_then(|library| library.apply(&change, utc(now))) {
            *store = None;
            dispatch(
                state,
                Message::UserStateFailed {
                    error: error.to_string(),
                },
            );
        }
    }
}

/// An article's body from the library at `db`, for the reader, with the highlights of its
/// stored facts (none when they are missing or of another version).
fn read_body(
    library: &mut Option<Library>,
    db: Option<&std::path::Path>,
    id: i64,
) -> Result<Body, String> {
    let library = match library {
        Some(library) => library,
        None => {
            let db = db.ok_or("there is no library to read it from")?;
            library.insert(Library::open(db, Access::Read).map_err(|error| error.to_string())?)
        }
    };
    let text = library
        .body(id)
        .map_err(|error| error.to_string())?
        .ok_or_else(|| "it is no longer in the library".to_string())?;
    let highlights = library
        .facts_of(id, &facts::version())
        .map_err(|error| error.to_string())?
        .as_deref()
        .and_then(Facts::decode)
        .map(|facts| model::packed(&facts.extraction.mentions))
        .unwrap_or_default();
    Ok(Body { text, highlights })
}

/// Whether `--refresh` asks for a fetch now: its interval has passed since the last one (or
/// since the start).
fn refresh_due(state: &State, now: NaiveDateTime) -> bool {
    let Some(minutes) = state.feeds.refresh else {
        return false;
    };
    if state.loading.is_some() || state.rereading.is_some() || state.feeds.fetching.is_some() {
        return false;
    }
    state
        .feeds
        .last
        .is_some_and(|last| now - last >= chrono::TimeDelta::minutes(i64::from(minutes)))
}

fn draw<B>(
    terminal: &mut Terminal<B>,
    state: &State,
    theme: &Theme,
    keymap: &Keymap,
) -> color_eyre::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    terminal.draw(|frame| ui::draw(frame, state, theme, keymap))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::Options;

    fn at(minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .and_then(|day| day.and_hms_opt(9, minute, 0))
            .unwrap_or_default()
    }

    fn state(refresh: Option<u32>) -> State {
        let options = Options {
            as_of: at(0).date(),
            player: None,
            sample: false,
            refresh,
            db: Some("/nonexistent/mercato.db".into()),
            watch: false,
        };
        let mut state = State::loading(&options, at(0), (120, 40));
        dispatch(
            &mut state,
            Message::Loaded(Box::new(Ok(super::super::state::Loaded::new(
                crate::model::Model::default(),
            )))),
        );
        state
    }

    #[test]
    fn refresh_comes_every_interval_from_the_start_and_from_the_last_fetch() {
        assert!(!refresh_due(&state(None), at(59)), "off by default");
        let mut state = state(Some(15));
        assert!(!refresh_due(&state, at(14)));
        assert!(refresh_due(&state, at(15)));
        dispatch(&mut state, Message::Tick { now: at(15) });
        dispatch(&mut state, Command::Refresh);
        assert!(state.feeds.requested);
        assert!(!refresh_due(&state, at(40)), "not while a fetch runs");
        dispatch(
            &mut state,
            Message::Fetched(Box::new(Err("offline".into()))),
        );
        assert!(!refresh_due(&state, at(29)));
        assert!(refresh_due(&state, at(30)));
    }
}
