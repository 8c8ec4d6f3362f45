//! The interactive dashboard: four linked panes (articles with a reader, players,
//! rumoured destinations, contract countdowns) over a built [`Model`].
//!
//! Built on The Elm Architecture:
//! - [`State`] holds everything on screen, one sub-state per pane, and no terminal;
//! - [`Action`] is every change the user (or the clock, or the terminal) can ask for;
//! - [`update`] is a pure function from state and action to state (and maybe a follow-up
//!   action), looped by [`dispatch`] until there is none;
//! - [`keymap`] turns key presses into actions per focused pane, and is the single source of
//!   the help overlay and the key-hint bar;
//! - [`ui`] only draws; [`layout`] is the geometry that both drawing and mouse hit-testing
//!   share;
//! - [`app`] is the event loop, generic over the ratatui backend, the event source and the
//!   clock, so tests drive the real application on a `TestBackend`.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod state;
pub mod text;
pub mod ui;

use std::borrow::Cow;
use std::io::stdout;

use chrono::NaiveDate;
use color_eyre::eyre::WrapErr;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::model::Model;

pub use action::{Action, Pane};
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
}

/// Runs the dashboard in the real terminal until the user quits.
///
/// The terminal is put back as it was on every way out: normal exit, error (the error is
/// returned after restoring), panic (ratatui's panic hook, plus ours for the mouse) and
/// `Ctrl-C` (a key press in raw mode, bound to quit).
pub fn run(model: Model, options: Options) -> color_eyre::Result<()> {
    // color-eyre's panic hook must be installed before ratatui's so that ratatui restores the
    // terminal before the report is printed. If the binary already installed it, this is a
    // harmless error that installs nothing.
    let _ = color_eyre::install();
    let theme = Theme::from_env();
    let mut clock = SystemClock;
    let state = State::new(model, &options, clock.now(), (80, 24));

    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            ratatui::restore();
            return Err(error).wrap_err("could not set up the terminal");
        }
    };
    // Mouse capture is ours to undo, on panic too: chain a hook in front of ratatui's.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let result = execute!(stdout(), EnableMouseCapture)
        .wrap_err("could not enable the mouse")
        .and_then(|()| {
            run_app(
                &mut terminal,
                state,
                &theme,
                &mut CrosstermEvents,
                &mut clock,
            )
            .map(|_| ())
        });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
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
