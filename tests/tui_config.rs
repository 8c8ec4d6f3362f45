//! The configuration in the dashboard: rebound keys act and show in help and the hint bar;
//! the named themes; the countdowns' settings.

#![cfg(feature = "tui")]
#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use mercato::config::{Config, CountdownSort, Settings, ThemeName, ThemeSettings};
use mercato::corpus::load_embedded;
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use mercato::tui::{
    Command, FixedClock, Keymap, Options, Pane, ScriptedEvents, State, Theme, dispatch, run_app,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn settings(text: &str) -> Settings {
    Config::parse(Path::new("config.toml"), text.into())
        .unwrap()
        .settings
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2021, 1, 13)
        .unwrap()
        .and_hms_opt(14, 5, 9)
        .unwrap()
}

/// The seed articles' dashboard with this configuration's keys and countdowns.
fn state(config: &str) -> State {
    let options = Options {
        as_of: now().date(),
        player: None,
        sample: false,
        refresh: None,
        db: None,
        watch: false,
    };
    let model = Model::build(load_embedded(), &Gazetteer::embedded().unwrap());
    let settings = settings(config);
    let mut state = State::new(model, &options, now(), (120, 40));
    state.keymap = Arc::new(Keymap::with_overrides(&settings.keys).unwrap());
    state.configure_countdowns(&settings.countdowns);
    state
}

fn char_key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// Presses a key through the state's own key map, as the event loop does.
fn press(state: &mut State, key: KeyEvent) {
    let keymap = Arc::clone(&state.keymap);
    if let Some(command) = keymap.action_for(state, &key) {
        dispatch(state, command);
    }
}

/// The screen after these keys, as text.
fn screen(
    state: State,
    theme: &Theme,
    width: u16,
    height: u16,
    keys: &str,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let events: Vec<Event> = keys.chars().map(|c| Event::Key(char_key(c))).collect();
    run_app(
        &mut terminal,
        state,
        theme,
        &mut ScriptedEvents::new(events),
        &mut FixedClock(now()),
    )
    .unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| {
            let line: String = row.iter().map(|cell| cell.symbol()).collect();
            format!("{}\n", line.trim_end())
        })
        .collect()
}

#[test]
fn a_rebound_quit_key_quits_and_the_old_one_no_longer_does() {
    let mut state = state("[keys]\nquit = [\"Q\", \"ctrl-c\"]\nunlink = [\"u\"]\n");
    press(&mut state, char_key('q'));
    assert!(!state.quit, "q is no longer quit");
    press(&mut state, char_key('Q'));
    assert!(state.quit);

    // Where the user types, Q is a letter.
    let mut state = self::state("[keys]\nquit = [\"Q\", \"ctrl-c\"]\n");
    for c in "/Q".chars() {
        press(&mut state, char_key(c));
    }
    assert!(!state.quit);
    assert_eq!(state.players.query, "Q");
    press(
        &mut state,
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    );
    assert!(state.quit);
}

#[test]
fn help_and_hint_bar_show_the_rebound_keys() {
    let config = "[keys]\nquit = [\"Q\", \"ctrl-c\"]\nstart_filter = [\"f\"]\n[keys.help]\ntoggle_help = [\"?\", \"esc\"]\n";
    let hints = text(&screen(state(config), &Theme::monochrome(), 120, 40, ""));
    let bar = hints.lines().last().unwrap().to_string();
    assert!(bar.contains("f filter") && bar.contains("Q quit"), "{bar}");
    insta::assert_snapshot!("rebound_keys_hint_bar", bar);
    let help = text(&screen(state(config), &Theme::monochrome(), 120, 40, "?"));
    insta::assert_snapshot!("rebound_keys_help_120x40", help);
}

#[test]
fn the_mono_theme_draws_without_colour() {
    let mono = ThemeSettings {
        name: ThemeName::Mono,
        ..ThemeSettings::default()
    };
    let theme = Theme::configured(&mono, false);
    let terminal = screen(state(""), &theme, 80, 24, "3");
    insta::assert_debug_snapshot!("theme_mono_countdowns_80x24", terminal.backend().buffer());
}

#[test]
fn countdowns_follow_their_settings() {
    let mut state = state("[countdowns]\nshow_expired = false\nsort = \"player\"\n");
    assert!(state.countdowns.hide_expired);
    assert_eq!(state.countdowns.sort, CountdownSort::Player);
    dispatch(
        &mut state,
        Command::Focus {
            pane: Pane::Countdowns,
        },
    );
    let names: Vec<String> = state
        .countdowns
        .rows
        .iter()
        .map(|&at| {
            state.model.people[state.model.contracts[at].player]
                .name
                .clone()
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(
        state
            .countdowns
            .rows
            .iter()
            .all(|&at| state.model.contracts[at].expires >= now().date())
    );
}
