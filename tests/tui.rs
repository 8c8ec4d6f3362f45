//! The dashboard driven without a terminal: state tests through the real key map, snapshots
//! of the real event loop on a `TestBackend`, and a sweep of terminal sizes.

// Test helpers (outside `#[test]` functions) may unwrap: a broken fixture should fail loudly.
#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, NaiveDateTime};
use mercato::corpus::load_embedded;
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use mercato::progress::{Progress, Stage};
use mercato::tui::intel::IntelOverlay;
use mercato::tui::keymap::{Context, KeyPattern};
use mercato::tui::state::{Body, ClockMode, Effect, EvidenceFrom, Link, Loaded};
use mercato::tui::{
    Command, Finished, FixedClock, Input, Keymap, Message, Options, Pane, ScriptedEvents, State,
    Theme, dispatch, run_app,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

mod common;

// ---------------------------------------------------------------------------------------------
// Fixtures

/// The seed articles, as the binary loads them when given no paths.
fn seed_model() -> Model {
    Model::build(load_embedded(), &Gazetteer::embedded().unwrap())
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 13).unwrap()
}

fn now() -> NaiveDateTime {
    as_of().and_hms_opt(14, 5, 9).unwrap()
}

fn options() -> Options {
    Options {
        as_of: as_of(),
        player: None,
        sample: false,
        refresh: None,
        db: None,
        watch: false,
    }
}

fn state_sized(width: u16, height: u16) -> State {
    State::new(seed_model(), &options(), now(), (width, height))
}

fn state() -> State {
    state_sized(120, 40)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses keys through the real key map, as the event loop does.
fn press(state: &mut State, keys: &[KeyEvent]) {
    let keymap = Keymap::default();
    for key in keys {
        if let Some(action) = keymap.action_for(state, key) {
            dispatch(state, action);
        }
    }
}

/// Types characters (each a key press).
fn typing(text: &str) -> Vec<KeyEvent> {
    text.chars()
        .map(|c| {
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), modifiers)
        })
        .collect()
}

fn names(state: &State) -> Vec<String> {
    state
        .players
        .rows
        .iter()
        .map(|row| state.model.people[row.person].name.clone())
        .collect()
}

fn selected_name(state: &State) -> Option<String> {
    state
        .selected_player()
        .map(|p| state.model.people[p].name.clone())
}

fn clubs(state: &State) -> Vec<String> {
    state
        .destinations
        .rows
        .iter()
        .map(|&r| {
            state
                .model
                .club_name(state.model.rumours[r].club)
                .to_string()
        })
        .collect()
}

/// The screen as text, one line per row, trailing blanks trimmed.
fn screen_text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let mut out = String::new();
    for row in buffer.content.chunks(width.max(1)) {
        let mut line = String::new();
        let mut skip = 0usize;
        for cell in row {
            if skip == 0 {
                line.push_str(cell.symbol());
            }
            skip = skip.max(unicode_width(cell.symbol())).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn unicode_width(symbol: &str) -> usize {
    use ratatui::buffer::CellWidth;
    usize::from(symbol.cell_width())
}

/// Runs the app at a fixed time on a `width`×`height` TestBackend until the events run out.
fn run_on(
    state: State,
    theme: &Theme,
    width: u16,
    height: u16,
    events: Vec<Event>,
) -> (Terminal<TestBackend>, Finished) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let finished = run_app(
        &mut terminal,
        state,
        theme,
        &mut ScriptedEvents::new(events),
        &mut FixedClock(now()),
    )
    .unwrap();
    (terminal, finished)
}

fn run_script(state: State, width: u16, height: u16, events: Vec<Event>) -> (State, String, usize) {
    let (terminal, finished) = run_on(state, &Theme::monochrome(), width, height, events);
    let text = screen_text(terminal.backend().buffer());
    (finished.state, text, finished.frames)
}

fn keys_events(keys: Vec<KeyEvent>) -> Vec<Event> {
    keys.into_iter().map(Event::Key).collect()
}

// ---------------------------------------------------------------------------------------------
// The model the dashboard is tested on

#[test]
fn the_seed_model_has_ramos_seven_clubs_and_contract() {
    let model = seed_model();
    let ramos = model.person_named("Sergio Ramos").unwrap();
    let mut clubs: Vec<&str> = model
        .rumours_of(ramos)
        .iter()
        .map(|r| model.club_name(r.club))
        .collect();
    clubs.sort_unstable();
    assert_eq!(
        clubs,
        [
            "Chelsea",
            "Inter Miami",
            "Inter Milan",
            "Juventus",
            "Liverpool",
            "Manchester United",
            "Paris Saint-Germain"
        ]
    );
    let contract = model.contract_of(ramos).unwrap();
    assert_eq!(
        mercato::countdown::days_left(contract.expires, as_of()),
        168
    );
}

// ---------------------------------------------------------------------------------------------
// State tests, one per key path (no terminal)

#[test]
fn starts_on_players_with_the_most_rumoured_player_selected() {
    let state = state();
    assert_eq!(state.focus, Pane::Players);
    assert_eq!(selected_name(&state).as_deref(), Some("Sergio Ramos"));
    assert_eq!(state.link, Link::None);
    assert_eq!(state.articles.rows.len(), 3);
    // Newest first, the undated article last.
    let dates: Vec<_> = state
        .articles
        .rows
        .iter()
        .map(|&a| state.model.articles[a].date)
        .collect();
    assert_eq!(
        dates,
        [
            NaiveDate::from_ymd_opt(2021, 1, 13),
            NaiveDate::from_ymd_opt(2020, 11, 11),
            None
        ]
    );
    // The reader previews the selected article.
    assert_eq!(state.reader.article, state.selected_article());
}

#[test]
fn tab_and_shift_tab_cycle_focus_and_digits_jump() {
    let mut state = state();
    let order: Vec<Pane> = (0..5)
        .map(|_| {
            press(&mut state, &[key(KeyCode::Tab)]);
            state.focus
        })
        .collect();
    assert_eq!(
        order,
        [
            Pane::Destinations,
            Pane::Countdowns,
            Pane::Articles,
            Pane::Reader,
            Pane::Players
        ]
    );
    press(
        &mut state,
        &[KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)],
    );
    assert_eq!(state.focus, Pane::Reader);
    for (digit, pane) in [
        ('1', Pane::Players),
        ('2', Pane::Destinations),
        ('3', Pane::Countdowns),
        ('4', Pane::Articles),
        ('5', Pane::Reader),
    ] {
        press(&mut state, &typing(&digit.to_string()));
        assert_eq!(state.focus, pane);
    }
}

#[test]
fn h_and_l_move_to_the_pane_beside_as_the_eye_does() {
    let mut state = state();
    for (keys, pane) in [
        ("l", Pane::Countdowns),
        ("h", Pane::Players),
        ("2l", Pane::Reader),
        ("h", Pane::Destinations),
        ("h", Pane::Destinations),
        ("4h", Pane::Players),
        ("5l", Pane::Reader),
    ] {
        press(&mut state, &typing(keys));
        assert_eq!(state.focus, pane, "after {keys}");
    }
    press(&mut state, &[key(KeyCode::Left)]);
    assert_eq!(state.focus, Pane::Destinations);
    press(&mut state, &[key(KeyCode::Right)]);
    assert_eq!(state.focus, Pane::Reader);
    // One pane at a time: the tabs beside.
    let mut state = state_sized(80, 24);
    press(&mut state, &typing("l"));
    assert_eq!(state.focus, Pane::Destinations);
    press(&mut state, &typing("hh"));
    assert_eq!(state.focus, Pane::Reader);
}

#[test]
fn moving_in_a_list_with_every_movement_key() {
    let mut state = state();
    let len = state.players.rows.len();
    assert!(len > 10, "enough players to page: {len}");
    let page = usize::from(state.screen().pane(Pane::Players).unwrap().rows.height);
    press(&mut state, &typing("j"));
    assert_eq!(state.players.cursor.selected, 1);
    press(&mut state, &[key(KeyCode::Down)]);
    assert_eq!(state.players.cursor.selected, 2);
    press(&mut state, &typing("k"));
    press(&mut state, &[key(KeyCode::Up)]);
    assert_eq!(state.players.cursor.selected, 0);
    press(&mut state, &typing("k"));
    assert_eq!(state.players.cursor.selected, 0, "stays at the top");
    press(&mut state, &typing("G"));
    assert_eq!(state.players.cursor.selected, len - 1);
    press(&mut state, &typing("j"));
    assert_eq!(
        state.players.cursor.selected,
        len - 1,
        "stays at the bottom"
    );
    let cursor = state.players.cursor;
    assert!(
        cursor.offset <= cursor.selected && cursor.selected < cursor.offset + page,
        "selection visible"
    );
    press(&mut state, &typing("g"));
    assert_eq!(state.players.cursor.selected, 0);
    press(&mut state, &[key(KeyCode::End)]);
    assert_eq!(state.players.cursor.selected, len - 1);
    press(&mut state, &[key(KeyCode::Home)]);
    assert_eq!(state.players.cursor.selected, 0);
    press(&mut state, &[key(KeyCode::PageDown)]);
    assert_eq!(state.players.cursor.selected, page.min(len - 1));
    press(&mut state, &[key(KeyCode::PageUp)]);
    assert_eq!(state.players.cursor.selected, 0);
    press(&mut state, &[ctrl('d')]);
    assert_eq!(state.players.cursor.selected, (page / 2).max(1));
    press(&mut state, &[ctrl('u')]);
    assert_eq!(state.players.cursor.selected, 0);
}

#[test]
fn moving_the_player_drives_the_destinations() {
    let mut state = state();
    assert_eq!(clubs(&state).len(), 7);
    press(&mut state, &typing("G"));
    let player = state.selected_player().unwrap();
    assert_eq!(state.destinations.player, Some(player));
    assert_eq!(state.destinations.rows.len(), state.rumour_count(player));
}

#[test]
fn typing_rmos_filters_to_sergio_ramos_with_seven_clubs_and_168_days() {
    let mut state = state();
    press(&mut state, &typing("/rmos"));
    assert!(state.players.editing);
    assert_eq!(state.players.query, "rmos");
    assert_eq!(names(&state), ["Sergio Ramos"]);
    // Matched characters, for highlighting: r, m, o, s of "Ramos" (char indices in the name).
    assert_eq!(
        state.matched_positions(&state.players.rows[0]),
        [7, 9, 10, 11]
    );
    let mut found = clubs(&state);
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "Chelsea",
            "Inter Miami",
            "Inter Milan",
            "Juventus",
            "Liverpool",
            "Manchester United",
            "Paris Saint-Germain"
        ]
    );
    // Strongest first: the clubs named in two articles.
    let first_two: Vec<usize> = state.destinations.rows[..2]
        .iter()
        .map(|&r| state.model.rumours[r].articles.len())
        .collect();
    assert_eq!(first_two, [2, 2]);
    let ramos = state.selected_player().unwrap();
    let contract = &state.model.contracts[state.index.contract_of[&ramos]];
    assert_eq!(
        mercato::countdown::describe(contract.expires, state.clock_date()),
        "5 months 17 days (168 days)"
    );
    // Keys type into the filter while editing: q does not quit, digits do not focus.
    press(&mut state, &typing("q1"));
    assert!(!state.quit);
    assert_eq!(state.players.query, "rmosq1");
    assert!(state.players.rows.is_empty());
    press(
        &mut state,
        &[key(KeyCode::Backspace), key(KeyCode::Backspace)],
    );
    assert_eq!(names(&state), ["Sergio Ramos"]);
    // Enter keeps the filter and stops typing.
    press(&mut state, &[key(KeyCode::Enter)]);
    assert!(!state.players.editing);
    assert_eq!(state.players.query, "rmos");
    // Esc clears it.
    press(&mut state, &[key(KeyCode::Esc)]);
    assert!(state.players.query.is_empty());
    assert!(names(&state).len() > 1);
    assert_eq!(
        selected_name(&state).as_deref(),
        Some("Sergio Ramos"),
        "selection kept"
    );
}

#[test]
fn filter_is_accent_insensitive_and_tolerates_a_slip() {
    let mut state = state();
    press(&mut state, &typing("/modric"));
    assert_eq!(names(&state), ["Luka Modrić"]);
    press(&mut state, &[key(KeyCode::Esc)]);
    assert!(!state.players.editing);
    assert!(state.players.query.is_empty());
    press(&mut state, &typing("/rmaos"));
    assert_eq!(names(&state), ["Sergio Ramos"]);
    // Arrows move among matches while typing; Tab keeps the filter too.
    press(&mut state, &[key(KeyCode::Down), key(KeyCode::Tab)]);
    assert!(!state.players.editing);
}

#[test]
fn enter_on_a_player_links_the_articles_and_focuses_destinations() {
    let mut state = state();
    press(&mut state, &typing("G"));
    let other = state.selected_player().unwrap();
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(state.focus, Pane::Destinations);
    assert_eq!(state.link, Link::ArticlesFollowPlayer);
    assert_eq!(state.articles.filter, Some(other));
    let expected: Vec<usize> = state.model.people[other]
        .articles
        .iter()
        .map(|a| a.0)
        .collect();
    assert_eq!(state.articles.rows, expected);
    // The link follows the player selection.
    press(&mut state, &typing("1g"));
    let ramos = state.selected_player().unwrap();
    assert_eq!(state.articles.filter, Some(ramos));
    assert_eq!(state.articles.rows.len(), 3);
    // Esc in the articles pane undoes it; so does x anywhere.
    press(&mut state, &typing("4"));
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.link, Link::None);
    press(&mut state, &typing("1a"));
    assert_eq!(state.link, Link::ArticlesFollowPlayer);
    press(&mut state, &typing("x"));
    assert_eq!(state.link, Link::None);
    assert_eq!(state.articles.rows.len(), 3);
}

#[test]
fn an_article_can_narrow_the_players_to_those_it_names() {
    let mut state = state();
    press(&mut state, &typing("4j"));
    let article = state.selected_article().unwrap();
    assert_eq!(
        state.model.articles[article].date,
        NaiveDate::from_ymd_opt(2020, 11, 11)
    );
    press(&mut state, &typing("p"));
    assert_eq!(state.link, Link::PlayersFollowArticle);
    assert_eq!(state.players.narrow, Some(article));
    let mut narrowed = names(&state);
    narrowed.sort_unstable();
    assert_eq!(
        narrowed,
        ["Blaise Matuidi", "Gonzalo Higuaín", "Sergio Ramos"]
    );
    // Following the article selection.
    press(&mut state, &typing("k"));
    assert!(names(&state).contains(&"Cristiano Ronaldo".to_string()));
    // The filter narrows further; Esc in players clears the filter first, then the link.
    press(&mut state, &typing("/ramos"));
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(names(&state), ["Sergio Ramos"]);
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.link, Link::PlayersFollowArticle);
    assert!(state.players.query.is_empty());
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.link, Link::None);
    assert_eq!(names(&state).len(), state.index.roster.players.len());
}

#[test]
fn evidence_is_newest_first_and_the_first_item_stays_while_there_is_room() {
    let state = state();
    for rumour in &state.model.rumours {
        let dates: Vec<_> = rumour
            .evidence
            .iter()
            .map(|e| state.model.articles[e.article].date)
            .collect();
        let mut sorted = dates.clone();
        sorted.sort_by_key(|d| (d.is_none(), std::cmp::Reverse(*d)));
        assert_eq!(dates, sorted, "{}", state.model.club_name(rumour.club));
    }
    let rumour = &state.model.rumours[state.selected_rumour().unwrap()];
    let first = state.model.evidence_text(&rumour.evidence[0]);
    let opening: String = first
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let mut keys = typing("2");
    keys.push(key(KeyCode::Enter));
    keys.extend(typing("j"));
    let (state, screen, _) = run_script(state, 120, 40, keys_events(keys));
    assert_eq!(state.destinations.evidence.selected, 1);
    let pane = pane_text(
        &screen,
        state.screen().pane(Pane::Destinations).unwrap().outer,
    );
    assert!(
        pane.contains(&opening),
        "{opening:?} scrolled away:\n{pane}"
    );
}

/// The part of a screen (as [`screen_text`] gives it) inside `rect`.
fn pane_text(screen: &str, rect: ratatui::layout::Rect) -> String {
    screen
        .lines()
        .skip(usize::from(rect.y))
        .take(usize::from(rect.height))
        .map(|line| {
            line.chars()
                .skip(usize::from(rect.x))
                .take(usize::from(rect.width))
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn destinations_evidence_opens_the_article_at_the_sentence() {
    let mut state = state();
    press(&mut state, &typing("2"));
    assert_eq!(state.focus, Pane::Destinations);
    press(&mut state, &typing("j"));
    assert_eq!(state.destinations.cursor.selected, 1);
    press(&mut state, &[key(KeyCode::Enter)]);
    assert!(state.destinations.in_evidence);
    let rumour = state.selected_rumour().unwrap();
    let evidence_count = state.model.rumours[rumour].evidence.len();
    press(&mut state, &typing("j"));
    assert_eq!(
        state.destinations.evidence.selected,
        1.min(evidence_count - 1)
    );
    let evidence = state.selected_rumour_evidence().unwrap().clone();
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(state.reader.article, Some(evidence.article.0));
    assert_eq!(state.reader.focus, Some(evidence.span.clone()));
    assert_eq!(
        state.selected_article(),
        Some(evidence.article.0),
        "the articles list follows"
    );
    assert!(state.reader_evidence().contains(&evidence.span));
    // The sentence is on screen.
    let area = *state.screen().pane(Pane::Reader).unwrap();
    let lines = state.reader_lines(area.rows.width);
    let line = lines
        .iter()
        .position(|l| l.end > evidence.span.start)
        .unwrap();
    assert!(
        state.reader.scroll <= line && line < state.reader.scroll + usize::from(area.rows.height)
    );
    // Esc goes back to the destinations, then to the clubs, then to the players.
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.focus, Pane::Destinations);
    assert!(state.destinations.in_evidence);
    press(&mut state, &[key(KeyCode::Esc)]);
    assert!(!state.destinations.in_evidence);
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.focus, Pane::Players);
}

#[test]
fn o_opens_the_first_evidence_of_the_selected_club() {
    let mut state = state();
    press(&mut state, &typing("2o"));
    assert_eq!(state.focus, Pane::Reader);
    let rumour = &state.model.rumours[state.selected_rumour().unwrap()];
    assert_eq!(state.reader.focus.as_ref(), Some(&rumour.evidence[0].span));
    assert_eq!(state.evidence_from, EvidenceFrom::Rumour);
}

#[test]
fn countdowns_select_the_player_and_open_the_contract_evidence() {
    let mut state = state();
    press(&mut state, &typing("1G3"));
    assert_eq!(state.focus, Pane::Countdowns);
    let contract = state.selected_contract().unwrap();
    let person = state.model.contracts[contract].player;
    assert_eq!(state.model.people[person].name, "Sergio Ramos");
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(state.focus, Pane::Destinations);
    assert_eq!(state.selected_player(), Some(person));
    press(&mut state, &typing("3o"));
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(state.evidence_from, EvidenceFrom::Contract);
    let latest = state.model.contracts[contract].evidence.last().unwrap();
    assert_eq!(state.reader.article, Some(latest.evidence.article.0));
    assert_eq!(state.reader.focus.as_ref(), Some(&latest.evidence.span));
    // Enter on a player hidden by the filter clears the filter to show them.
    press(&mut state, &typing("/modric"));
    press(&mut state, &[key(KeyCode::Enter)]);
    press(&mut state, &typing("3"));
    press(&mut state, &[key(KeyCode::Enter)]);
    assert!(state.players.query.is_empty());
    assert_eq!(state.selected_player(), Some(person));
}

/// A dashboard over the contract corpus (tests/common/contracts.rs), as of 2021-01-13.
fn contracts_state(width: u16, height: u16) -> State {
    let dir = tempfile::tempdir().unwrap();
    common::contracts::write(dir.path());
    let mut corpus = mercato::corpus::load_paths(&[dir.path().to_path_buf()]);
    // Paths as the user would have given them, not the temporary folder's: stable snapshots.
    let folder = dir.path().to_string_lossy().into_owned();
    for article in &mut corpus.articles {
        article.path = article.path.replace(&folder, "contracts");
    }
    let model = Model::build(corpus, &Gazetteer::embedded().unwrap());
    State::new(model, &options(), now(), (width, height))
}

fn countdown_names(state: &State) -> Vec<String> {
    state
        .countdowns
        .rows
        .iter()
        .map(|&c| {
            state.model.people[state.model.contracts[c].player]
                .name
                .clone()
        })
        .collect()
}

fn selected_countdown_name(state: &State) -> Option<String> {
    let contract = state.selected_contract()?;
    Some(
        state.model.people[state.model.contracts[contract].player]
            .name
            .clone(),
    )
}

#[test]
fn countdowns_list_running_contracts_first_and_e_hides_the_ended() {
    let mut state = contracts_state(120, 40);
    assert_eq!(
        countdown_names(&state),
        [
            "Jordan McAllister",
            "Tomás Ferreira",
            "Marco Bellandi",
            "Kevin Lindqvist"
        ]
    );
    press(&mut state, &typing("3jj"));
    assert_eq!(
        selected_countdown_name(&state).as_deref(),
        Some("Marco Bellandi")
    );
    press(&mut state, &typing("e"));
    assert_eq!(
        countdown_names(&state),
        ["Jordan McAllister", "Tomás Ferreira"]
    );
    press(&mut state, &typing("e"));
    assert_eq!(countdown_names(&state).len(), 4);
}

#[test]
fn the_countdown_cursor_follows_the_selected_player_and_leads_it() {
    let mut state = contracts_state(120, 40);
    press(&mut state, &typing("/ferreira"));
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(selected_name(&state).as_deref(), Some("Tomás Ferreira"));
    assert_eq!(
        selected_countdown_name(&state).as_deref(),
        Some("Tomás Ferreira")
    );
    // Moving in the countdowns selects that player (clearing the filter that hid him).
    press(&mut state, &typing("3j"));
    assert_eq!(
        selected_countdown_name(&state).as_deref(),
        Some("Marco Bellandi")
    );
    assert_eq!(selected_name(&state).as_deref(), Some("Marco Bellandi"));
    assert_eq!(state.focus, Pane::Countdowns);
    // And back: the first player (the most rumoured) takes the countdown cursor along.
    press(&mut state, &typing("1g"));
    assert_eq!(selected_name(&state).as_deref(), Some("Jordan McAllister"));
    assert_eq!(
        selected_countdown_name(&state).as_deref(),
        Some("Jordan McAllister")
    );
}

#[test]
fn snapshot_countdowns_sized_to_their_content() {
    for (width, height) in [(80, 24), (100, 28), (160, 48)] {
        let (_, screen, _) = run_script(
            contracts_state(width, height),
            width,
            height,
            keys_events(typing("3")),
        );
        insta::assert_snapshot!(format!("countdowns_{width}x{height}"), screen);
    }
}

/// A dashboard over two made-up articles with links (one not a web link), reading the first.
fn linked_state(width: u16, height: u16) -> State {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "Celtic have asked about Jordan McAllister again. The Hibernian midfielder \
                     is wanted in Glasgow, and Celtic would pay the fee in two parts.\n\n";
    std::fs::write(
        dir.path().join("celtic.md"),
        format!(
            "---\ntitle: Celtic ask about McAllister\ndate: 2021-01-12\nsource: Record\n\
             url: https://news.example/celtic-mcallister\n---\n{}",
            paragraph.repeat(6)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("local.md"),
        "---\ntitle: A local note\ndate: 2021-01-11\nurl: file:///etc/passwd\n---\n\
         Tomás Ferreira trained alone on Monday.\n",
    )
    .unwrap();
    let mut corpus = mercato::corpus::load_paths(&[dir.path().to_path_buf()]);
    let folder = dir.path().to_string_lossy().into_owned();
    for article in &mut corpus.articles {
        article.path = article.path.replace(&folder, "news");
    }
    let model = Model::build(corpus, &Gazetteer::embedded().unwrap());
    let mut state = State::new(model, &options(), now(), (width, height));
    press(&mut state, &typing("4"));
    state
}

#[test]
fn the_reader_pages_with_space_and_b_and_moves_through_articles_with_j_and_k() {
    let mut state = state();
    press(&mut state, &typing("4"));
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(state.focus, Pane::Reader);
    let page = usize::from(state.screen().pane(Pane::Reader).unwrap().rows.height);
    press(&mut state, &typing(" "));
    assert_eq!(state.reader.scroll, page);
    press(&mut state, &typing("b"));
    assert_eq!(state.reader.scroll, 0);
    press(&mut state, &[key(KeyCode::PageDown)]);
    assert_eq!(state.reader.scroll, page);
    let first = state.reader.article;
    press(&mut state, &typing("J"));
    assert_eq!(state.focus, Pane::Reader, "J stays in the reader");
    assert_ne!(state.reader.article, first);
    assert_eq!(state.reader.article, state.selected_article());
    assert_eq!(state.reader.scroll, 0, "a new article starts at its top");
    press(&mut state, &typing("K"));
    assert_eq!(state.reader.article, first);
    press(&mut state, &typing("K"));
    assert_eq!(
        state.reader.article, first,
        "the first article has none before it"
    );
}

#[test]
fn slash_searches_the_article_and_n_steps_through_the_matches() {
    let mut state = linked_state(120, 40);
    press(&mut state, &[key(KeyCode::Enter)]);
    press(&mut state, &typing("/celtic"));
    assert!(state.reader.search.editing);
    assert_eq!(
        Keymap::contexts(&state),
        [Context::ReaderSearch],
        "letters type"
    );
    press(&mut state, &[key(KeyCode::Enter)]);
    assert!(!state.reader.search.editing);
    let matches = state.reader.search.matches.clone();
    assert_eq!(matches.len(), 12, "two in each of six paragraphs");
    let body = &state.model.articles[state.reader.article.unwrap()].body;
    assert!(
        matches
            .iter()
            .all(|m| body[m.clone()].eq_ignore_ascii_case("celtic"))
    );
    press(&mut state, &typing("N"));
    assert_eq!(
        state.reader.search.current,
        matches.len() - 1,
        "round the end"
    );
    // The last match is on screen.
    let area = *state.screen().pane(Pane::Reader).unwrap();
    let lines = state.reader_lines(area.rows.width);
    let line = lines
        .iter()
        .position(|l| l.end > matches[11].start)
        .unwrap();
    assert!(
        (state.reader.scroll..state.reader.scroll + usize::from(area.rows.height)).contains(&line)
    );
    press(&mut state, &typing("n"));
    assert_eq!(state.reader.search.current, 0);
    // Esc drops the search, then leaves the reader.
    press(&mut state, &[key(KeyCode::Esc)]);
    assert!(state.reader.search.query.is_empty());
    assert_eq!(state.focus, Pane::Reader);
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.focus, Pane::Articles);
}

#[test]
fn o_opens_the_link_and_y_copies_it_only_when_allowed() {
    let mut state = linked_state(120, 40);
    press(&mut state, &[key(KeyCode::Enter)]);
    press(&mut state, &typing("o"));
    assert_eq!(
        state.effects,
        [Effect::Open(
            "https://news.example/celtic-mcallister".into()
        )]
    );
    state.effects.clear();
    press(&mut state, &typing("y"));
    assert!(state.effects.is_empty());
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("MERCATO_OSC52=1")
    );
    state.clipboard = true;
    press(&mut state, &typing("y"));
    assert_eq!(
        state.effects,
        [Effect::Copy(
            "https://news.example/celtic-mcallister".into()
        )]
    );
    // A link that is not a web link is never handed to the opener.
    state.effects.clear();
    press(&mut state, &typing("J"));
    assert_eq!(
        state.model.articles[state.reader.article.unwrap()]
            .url
            .as_deref(),
        Some("file:///etc/passwd")
    );
    press(&mut state, &typing("oy"));
    assert!(state.effects.is_empty());
    // The event loop carries the effects out, through its event source.
    let mut state = linked_state(120, 40);
    state.focus = Pane::Reader;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut events = ScriptedEvents::new(keys_events(typing("o")));
    run_app(
        &mut terminal,
        state,
        &Theme::monochrome(),
        &mut events,
        &mut FixedClock(now()),
    )
    .unwrap();
    assert_eq!(
        events.performed,
        [Effect::Open(
            "https://news.example/celtic-mcallister".into()
        )]
    );
}

#[test]
fn snapshot_the_reader_with_its_link_and_a_search() {
    for (width, height) in [(80, 24), (100, 28), (160, 48)] {
        let mut keys = typing("/glasgow");
        keys.push(key(KeyCode::Enter));
        keys.extend(typing("n"));
        let mut state = linked_state(width, height);
        press(&mut state, &[key(KeyCode::Enter)]);
        let (_, screen, _) = run_script(state, width, height, keys_events(keys));
        assert!(
            screen.contains("https://news.example/celtic-mcallister"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("reader_search_{width}x{height}"), screen);
    }
}

#[test]
fn articles_enter_reads_and_the_reader_scrolls() {
    let mut state = state();
    press(&mut state, &typing("4jj"));
    let article = state.selected_article().unwrap();
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(state.reader.article, Some(article));
    let area = *state.screen().pane(Pane::Reader).unwrap();
    let lines = state.reader_lines(area.rows.width).len();
    let max = lines.saturating_sub(usize::from(area.rows.height));
    assert!(max > 3, "the article is longer than the reader");
    press(&mut state, &typing("j"));
    assert_eq!(state.reader.scroll, 1);
    press(&mut state, &typing("G"));
    assert_eq!(state.reader.scroll, max);
    press(&mut state, &typing("j"));
    assert_eq!(state.reader.scroll, max, "no scrolling past the end");
    press(&mut state, &typing("g"));
    assert_eq!(state.reader.scroll, 0);
    press(&mut state, &[ctrl('d')]);
    assert!(state.reader.scroll > 0);
    press(&mut state, &[ctrl('u')]);
    assert_eq!(state.reader.scroll, 0);
    press(&mut state, &[key(KeyCode::PageDown)]);
    assert_eq!(state.reader.scroll, max.min(usize::from(area.rows.height)));
    press(&mut state, &[key(KeyCode::PageUp), key(KeyCode::Esc)]);
    assert_eq!(state.focus, Pane::Articles);
    assert_eq!(state.reader.scroll, 0);
}

#[test]
fn t_toggles_the_clock_to_the_article_date_and_back() {
    let mut state = state();
    assert_eq!(state.clock_date(), as_of());
    press(&mut state, &typing("4j"));
    press(&mut state, &typing("t"));
    assert_eq!(state.clock.mode, ClockMode::ArticleDate);
    assert_eq!(
        state.clock_date(),
        NaiveDate::from_ymd_opt(2020, 11, 11).unwrap()
    );
    let ramos = state.find_player("Sergio Ramos").unwrap();
    let contract = &state.model.contracts[state.index.contract_of[&ramos]];
    assert_eq!(
        mercato::countdown::days_left(contract.expires, state.clock_date()),
        231
    );
    // An undated article keeps the as-of date, and says so.
    press(&mut state, &typing("j"));
    assert_eq!(state.clock_date(), as_of());
    assert!(state.clock().undated);
    press(&mut state, &typing("tt"));
    assert!(
        state.message.as_deref().unwrap().contains("undated"),
        "{:?}",
        state.message
    );
    press(&mut state, &typing("t"));
    assert_eq!(state.clock.mode, ClockMode::AsOf);
    assert_eq!(state.clock_date(), as_of());
}

#[test]
fn the_clock_ticks_and_rolls_over_at_midnight() {
    let mut state = state();
    let later = now() + chrono::Duration::seconds(1);
    dispatch(&mut state, Message::Tick { now: later });
    assert_eq!(state.clock().time, later.time());
    let tomorrow = NaiveDate::from_ymd_opt(2021, 1, 14)
        .unwrap()
        .and_hms_opt(0, 0, 1)
        .unwrap();
    dispatch(&mut state, Message::Tick { now: tomorrow });
    assert_eq!(
        state.clock_date(),
        NaiveDate::from_ymd_opt(2021, 1, 14).unwrap()
    );
}

#[test]
fn z_maximises_and_restores_and_esc_restores_too() {
    let mut state = state();
    assert_eq!(state.screen().panes.len(), 5);
    press(&mut state, &typing("z"));
    assert!(state.maximised);
    assert_eq!(state.screen().panes.len(), 1);
    assert_eq!(state.screen().panes[0].pane, Pane::Players);
    press(&mut state, &typing("z"));
    assert!(!state.maximised);
    press(&mut state, &typing("3z"));
    press(&mut state, &[key(KeyCode::Esc)]);
    assert!(!state.maximised);
}

#[test]
fn question_mark_opens_help_which_takes_its_own_keys() {
    let mut state = state();
    press(&mut state, &typing("?"));
    assert_eq!(state.help, Some(0));
    press(&mut state, &typing("jj"));
    assert_eq!(state.help, Some(2));
    press(&mut state, &typing("k"));
    assert_eq!(state.help, Some(1));
    assert_eq!(
        state.players.cursor.selected, 0,
        "lists do not move under the help"
    );
    press(&mut state, &typing("q"));
    assert_eq!(state.help, None);
    assert!(!state.quit, "q closes help first");
    press(&mut state, &typing("?"));
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.help, None);
    press(&mut state, &typing("??"));
    assert_eq!(state.help, None);
}

#[test]
fn help_fits_80x24_shows_where_it_is_and_takes_g_and_capital_g() {
    let keymap = Keymap::default();
    let mut state = state_sized(80, 24);
    press(&mut state, &typing("?"));
    let overlay = state.screen().overlay.unwrap();
    let inner = usize::from(overlay.width - 2);
    let visible = usize::from(overlay.height - 2);
    // Every line whole: two spaces, the keys in a 16-column field, the description.
    for (context, entries) in keymap.help_sections(&state) {
        for entry in entries {
            let keys = mercato::tui::text::width(&entry.keys.join(" "));
            let width = 2 + keys.max(15) + 1 + mercato::tui::text::width(entry.description);
            assert!(width <= inner, "{context:?}: {entry:?} is {width} wide");
        }
    }
    press(&mut state, &typing("G"));
    let length = keymap.help_len(&state);
    assert_eq!(state.help, Some(length - visible));
    let (_, screen, _) = run_script(state.clone(), 80, 24, Vec::new());
    assert!(
        screen.contains(&format!("{}–{length} of {length}", length - visible + 1)),
        "{screen}"
    );
    assert!(
        screen.contains("Mouse") && screen.contains("wheel"),
        "{screen}"
    );
    press(&mut state, &typing("g"));
    assert_eq!(state.help, Some(0));
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut state = state();
    press(&mut state, &typing("q"));
    assert!(state.quit);
    let mut state = self::state();
    press(&mut state, &[ctrl('c')]);
    assert!(state.quit);
    let mut state = self::state();
    press(&mut state, &typing("/"));
    press(&mut state, &[ctrl('c')]);
    assert!(state.quit, "Ctrl-C quits while typing a filter");
}

#[test]
fn mouse_click_focuses_and_selects_and_wheel_scrolls_the_pane_under_it() {
    let mut state = state();
    let screen = state.screen();
    let countdowns = *screen.pane(Pane::Countdowns).unwrap();
    dispatch(
        &mut state,
        Message::Click {
            column: countdowns.rows.x + 3,
            row: countdowns.rows.y,
        },
    );
    assert_eq!(state.focus, Pane::Countdowns);
    let players = *screen.pane(Pane::Players).unwrap();
    dispatch(
        &mut state,
        Message::Click {
            column: players.rows.x + 3,
            row: players.rows.y + 2,
        },
    );
    assert_eq!(state.focus, Pane::Players);
    assert_eq!(state.players.cursor.selected, 2);
    // The wheel over the reader scrolls it without taking the focus.
    let reader = *screen.pane(Pane::Reader).unwrap();
    dispatch(
        &mut state,
        Message::Scroll {
            column: reader.rows.x + 1,
            row: reader.rows.y + 1,
            down: true,
        },
    );
    assert_eq!(state.focus, Pane::Players);
    assert_eq!(state.reader.scroll, 3);
    dispatch(
        &mut state,
        Message::Scroll {
            column: players.rows.x,
            row: players.rows.y,
            down: true,
        },
    );
    assert_eq!(state.players.cursor.selected, 5);
    // Clicking outside any row (a border) only focuses.
    dispatch(
        &mut state,
        Message::Click {
            column: reader.outer.x,
            row: reader.outer.y,
        },
    );
    assert_eq!(state.focus, Pane::Reader);
}

#[test]
fn mouse_click_on_a_tab_focuses_it_in_narrow_terminals() {
    let mut state = state_sized(80, 24);
    let screen = state.screen();
    assert_eq!(screen.mode, mercato::tui::layout::Mode::Tabs);
    let (pane, rect) = screen.tabs[3];
    dispatch(
        &mut state,
        Message::Click {
            column: rect.x + 1,
            row: rect.y,
        },
    );
    assert_eq!(state.focus, pane);
}

#[test]
fn resizing_keeps_the_selection_visible() {
    let mut state = state();
    press(&mut state, &typing("G"));
    dispatch(
        &mut state,
        Message::Resize {
            width: 100,
            height: 30,
        },
    );
    let height = usize::from(state.screen().pane(Pane::Players).unwrap().rows.height);
    let cursor = state.players.cursor;
    assert!(cursor.offset <= cursor.selected && cursor.selected < cursor.offset + height);
    dispatch(
        &mut state,
        Message::Resize {
            width: 1,
            height: 1,
        },
    );
    dispatch(
        &mut state,
        Message::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(state.players.cursor.selected, cursor.selected);
}

#[test]
fn player_option_selects_and_links_that_player() {
    let model = seed_model();
    let options = Options {
        as_of: as_of(),
        player: Some("luka modric".to_string()),
        sample: false,
        refresh: None,
        db: None,
        watch: false,
    };
    let state = State::new(model.clone(), &options, now(), (120, 40));
    assert_eq!(selected_name(&state).as_deref(), Some("Luka Modrić"));
    assert_eq!(state.link, Link::ArticlesFollowPlayer);
    assert_eq!(state.articles.rows.len(), 1);
    let options = Options {
        as_of: as_of(),
        player: Some("nobody at all zzz".to_string()),
        sample: false,
        refresh: None,
        db: None,
        watch: false,
    };
    let state = State::new(model, &options, now(), (120, 40));
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("no player matches")
    );
}

#[test]
fn commands_round_trip_through_serde() {
    let commands = [
        Command::Quit,
        Command::Focus {
            pane: Pane::Destinations,
        },
        Command::FilterPush { c: 'é' },
        Command::Refresh,
        Command::NextArticle,
    ];
    for command in commands {
        let json = serde_json::to_string(&command).unwrap();
        assert_eq!(
            serde_json::from_str::<Command>(&json).unwrap(),
            command,
            "{json}"
        );
    }
    assert_eq!(
        serde_json::to_string(&Command::ToggleHelp).unwrap(),
        r#"{"action":"toggle_help"}"#
    );
}

#[test]
fn help_and_hints_come_from_the_key_map() {
    let keymap = Keymap::default();
    let mut state = state();
    // Every binding of the focused pane is in the help, under its context.
    let sections = keymap.help_sections(&state);
    assert_eq!(sections[0].0, Context::Players);
    let described: Vec<&str> = sections
        .iter()
        .flat_map(|(_, e)| e.iter().map(|e| e.description))
        .collect();
    for binding in &keymap.bindings {
        assert!(
            described.contains(&binding.description.as_str()),
            "{binding:?}"
        );
    }
    // Each binding's key does what the table says.
    for binding in &keymap.bindings {
        let KeyPattern::Key(code, modifiers) = binding.key else {
            continue;
        };
        let mut probe = self::state();
        match binding.context {
            Context::Help => probe.help = Some(0),
            Context::Problems => probe.problems = Some(0),
            Context::Digest => probe.desk.digest_open = Some(0),
            Context::Confirm => {
                probe.desk.confirm = Some(mercato::tui::desk::Confirm::MarkRead(vec![0]))
            }
            Context::Filter => probe.players.editing = true,
            Context::ReaderSearch => probe.reader.search.editing = true,
            Context::Global | Context::Navigation => {}
            Context::Articles => probe.focus = Pane::Articles,
            Context::Reader => probe.focus = Pane::Reader,
            Context::Players => probe.focus = Pane::Players,
            Context::Destinations => probe.focus = Pane::Destinations,
            Context::Countdowns => probe.focus = Pane::Countdowns,
            Context::Sources => {
                probe.intel = Some(IntelOverlay::Sources(Default::default()));
            }
            Context::Board => probe.intel = Some(IntelOverlay::Board(Default::default())),
        }
        let action = keymap.action_for(&probe, &KeyEvent::new(code, modifiers));
        // A more specific context may take the key first (Esc, Enter); then it is that one's.
        let expected = Keymap::contexts(&probe)
            .into_iter()
            .find_map(|c| {
                keymap
                    .bindings
                    .iter()
                    .find(|b| b.context == c && b.key == binding.key)
            })
            .map(|b| b.action.clone());
        assert_eq!(action, expected, "{binding:?}");
    }
    let hints = keymap.hints(&state);
    let words: Vec<&str> = hints.iter().map(|(_, w)| *w).collect();
    assert!(
        words.contains(&"destinations") && words.contains(&"filter") && words.contains(&"quit"),
        "{hints:?}"
    );
    assert!(hints.contains(&("j/k".to_string(), "move")), "{hints:?}");
    press(&mut state, &typing("/"));
    let words: Vec<&str> = keymap.hints(&state).iter().map(|(_, w)| *w).collect();
    assert_eq!(words, ["keep", "clear", "move", "quit"]);
}

#[test]
fn the_hint_bar_always_offers_quit_and_help() {
    for (width, height) in [(80, 24), (100, 28), (160, 48)] {
        for keys in ["", "3", "5", "/ram", "?", "4z"] {
            let (_, screen, _) = run_script(
                state_sized(width, height),
                width,
                height,
                keys_events(typing(keys)),
            );
            let hints = screen.lines().nth(usize::from(height) - 1).unwrap();
            assert!(
                hints.ends_with("q quit  ? help") || hints.ends_with("C-c quit"),
                "{keys:?} at {width}x{height}: {hints}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The event loop on a TestBackend

#[test]
fn the_loop_draws_once_per_change_and_not_for_unbound_keys() {
    // Start, one key that changes something, one unbound key: two frames.
    let (state, _, frames) = run_script(
        state(),
        120,
        40,
        keys_events(vec![key(KeyCode::Down), key(KeyCode::F(12))]),
    );
    assert_eq!(frames, 2);
    assert_eq!(state.players.cursor.selected, 1);
}

#[test]
fn the_loop_follows_resizes_and_mouse_events() {
    let events = vec![
        Event::Resize(80, 24),
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 1,
            row: 0,
            modifiers: KeyModifiers::NONE,
        }),
    ];
    let (state, screen, _) = run_script(state(), 120, 40, events);
    assert_eq!(state.size, (80, 24));
    assert_eq!(state.focus, Pane::Players, "the first tab");
    assert!(screen.contains("1 Players"));
}

#[test]
fn typing_rmos_on_screen_shows_ramos_his_seven_destinations_and_countdown() {
    let (state, screen, _) = run_script(state(), 120, 40, keys_events(typing("/rmos")));
    assert_eq!(names(&state), ["Sergio Ramos"]);
    for club in [
        "Manchester United",
        "Chelsea",
        "Liverpool",
        "Paris Saint-Germain",
        "Juventus",
        "Inter Miami",
        "Inter Milan",
    ] {
        assert!(screen.contains(club), "{club} missing:\n{screen}");
    }
    assert!(screen.contains("filter: rmos"), "{screen}");
    assert!(screen.contains("1 of "), "{screen}");
    assert!(screen.contains("5 months 17 days (168 days)"), "{screen}");
    assert!(screen.contains("168d 09:54:51 left"), "{screen}");
    assert!(screen.contains("2021-01-13 14:05:09"), "{screen}");
}

#[test]
fn snapshot_whole_screen_120x40() {
    let (_, screen, _) = run_script(state(), 120, 40, Vec::new());
    insta::assert_snapshot!("screen_120x40", screen);
}

#[test]
fn snapshot_whole_screen_120x40_after_rmos_and_evidence() {
    let mut keys = typing("/rmos");
    keys.push(key(KeyCode::Enter));
    keys.push(key(KeyCode::Enter));
    keys.extend(typing("jj"));
    keys.push(key(KeyCode::Enter));
    keys.push(key(KeyCode::Enter));
    let (state, screen, _) = run_script(state(), 120, 40, keys_events(keys));
    assert_eq!(state.focus, Pane::Reader);
    insta::assert_snapshot!("screen_120x40_evidence", screen);
}

#[test]
fn snapshot_whole_screen_80x24() {
    let (_, screen, _) = run_script(state_sized(80, 24), 80, 24, Vec::new());
    insta::assert_snapshot!("screen_80x24", screen);
}

#[test]
fn snapshot_whole_screen_80x24_after_rmos() {
    let mut keys = typing("/rmos");
    keys.push(key(KeyCode::Enter));
    keys.push(key(KeyCode::Enter));
    let (_, screen, _) = run_script(state_sized(80, 24), 80, 24, keys_events(keys));
    insta::assert_snapshot!("screen_80x24_rmos_destinations", screen);
}

/// The first screen of `mercato` with no arguments: the built-in sample, seen as of its newest
/// article's date (which the binary picks, see tests/cli.rs).
#[test]
fn snapshot_first_screen_of_the_built_in_sample() {
    let options = Options {
        sample: true,
        refresh: None,
        db: None,
        watch: false,
        ..options()
    };
    for (width, height) in [(80, 24), (100, 28), (160, 48)] {
        let state = State::new(seed_model(), &options, now(), (width, height));
        let (_, screen, _) = run_script(state, width, height, Vec::new());
        assert!(screen.contains("built-in sample"), "{screen}");
        insta::assert_snapshot!(format!("first_screen_sample_{width}x{height}"), screen);
    }
}

#[test]
fn snapshot_each_pane_maximised() {
    for (digit, name) in [
        ('4', "articles"),
        ('1', "players"),
        ('2', "destinations"),
        ('3', "countdowns"),
        ('5', "reader"),
    ] {
        let mut keys = typing(&digit.to_string());
        keys.extend(typing("z"));
        let (_, screen, _) = run_script(state(), 120, 40, keys_events(keys));
        insta::assert_snapshot!(format!("pane_{name}_120x40"), screen);
        let (_, screen, _) = run_script(
            state_sized(80, 24),
            80,
            24,
            keys_events(typing(&digit.to_string())),
        );
        insta::assert_snapshot!(format!("pane_{name}_80x24"), screen);
    }
}

#[test]
fn snapshot_help_overlay() {
    let (_, screen, _) = run_script(state(), 120, 40, keys_events(typing("?")));
    insta::assert_snapshot!("help_120x40", screen);
}

/// The seed model with load problems like a messy folder gives, some carrying escape
/// sequences in their paths and messages (as a hostile file name would).
fn state_with_problems(width: u16, height: u16) -> State {
    use mercato::corpus::{LoadProblem, Severity};
    let mut model = seed_model();
    let problem = |path: &str, line: Option<usize>, severity, message: &str| LoadProblem {
        path: path.to_string(),
        line,
        severity,
        message: message.to_string(),
    };
    model.problems = vec![
        problem(
            "news/binary.txt",
            None,
            Severity::Rejected,
            "binary file (NUL bytes in the first 8 KiB); skipped",
        ),
        problem(
            "news/latin1.txt",
            Some(2),
            Severity::Warning,
            "not valid UTF-8; decoded as Latin-1 (Windows-1252)",
        ),
        problem(
            "news/name-\u{1b}]0;PWNED\u{7}.txt",
            Some(1),
            Severity::Warning,
            "malformed date header \"2021-13-45\" (expected date YYYY-MM-DD); loaded without a date",
        ),
        problem(
            "news/feed.jsonl",
            Some(7),
            Severity::Rejected,
            "invalid JSON: EOF while parsing a string (column 16); line skipped",
        ),
        problem(
            "news/escapes.txt",
            Some(3),
            Severity::Warning,
            "unsafe characters in the article: 3 terminal escape sequences removed, \
             1 control character shown as symbols \u{1b}[31mred\u{9b}2J",
        ),
    ];
    for n in 0..30 {
        model.problems.push(problem(
            &format!("news/empty-{n:02}.txt"),
            None,
            Severity::Rejected,
            "empty file; skipped",
        ));
    }
    State::new(model, &options(), now(), (width, height))
}

#[test]
fn load_problems_show_as_a_badge_and_a_list() {
    // The badge and the hint only when there are problems.
    let (_, screen, _) = run_script(state(), 120, 40, Vec::new());
    assert!(!screen.contains("load problem"), "{screen}");
    assert!(!screen.contains("! problems"), "{screen}");
    let (state, screen, _) = run_script(state_with_problems(120, 40), 120, 40, Vec::new());
    assert!(screen.contains("35 load problems (! lists)"), "{screen}");
    assert!(screen.contains("! problems  q quit  ? help"), "{screen}");
    assert_eq!(state.problems, None);

    // `!` opens the list, j/k/G scroll it, `!`, Esc and q close it; Ctrl-C still quits.
    let keymap = Keymap::default();
    let mut state = state_with_problems(120, 40);
    press(&mut state, &typing("!"));
    assert_eq!(state.problems, Some(0));
    assert_eq!(Keymap::contexts(&state), [Context::Problems]);
    let words: Vec<&str> = keymap.hints(&state).iter().map(|(_, w)| *w).collect();
    assert_eq!(words, ["close", "scroll", "first/last", "quit"]);
    press(&mut state, &typing("jj"));
    assert_eq!(state.problems, Some(2));
    press(&mut state, &typing("G"));
    let bottom = state.problems.unwrap();
    let rows = state
        .problem_lines(state.screen().overlay.unwrap().width - 2)
        .len();
    assert_eq!(
        bottom,
        rows - usize::from(state.screen().overlay.unwrap().height - 2)
    );
    press(&mut state, &[key(KeyCode::PageDown), key(KeyCode::Down)]);
    assert_eq!(state.problems, Some(bottom), "scrolling stops at the end");
    press(&mut state, &[key(KeyCode::PageUp)]);
    assert!(state.problems.unwrap() < bottom);
    press(&mut state, &typing("!"));
    assert_eq!(state.problems, None);
    for close in [
        key(KeyCode::Char('!')),
        key(KeyCode::Esc),
        key(KeyCode::Char('q')),
    ] {
        press(&mut state, &typing("!"));
        assert!(state.problems.is_some());
        press(&mut state, &[close]);
        assert_eq!(state.problems, None);
        assert!(!state.quit);
    }
    press(&mut state, &typing("!"));
    press(&mut state, &[ctrl('c')]);
    assert!(state.quit);

    // Listed sanitised: no escape sequence from a path or message reaches the screen.
    let (_, screen, _) = run_script(
        state_with_problems(120, 40),
        120,
        40,
        keys_events(typing("!")),
    );
    assert!(
        screen.contains("news/name-.txt:1: malformed date header"),
        "{screen}"
    );
    assert!(
        !screen.contains("PWNED") && !screen.contains("[31m"),
        "{screen}"
    );
    assert!(!screen.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn snapshot_load_problems() {
    let (_, screen, _) = run_script(state_with_problems(120, 40), 120, 40, Vec::new());
    insta::assert_snapshot!("load_problems_badge_120x40", screen);
    let (_, screen, _) = run_script(
        state_with_problems(120, 40),
        120,
        40,
        keys_events(typing("!")),
    );
    insta::assert_snapshot!("load_problems_list_120x40", screen);
    let (_, screen, _) = run_script(
        state_with_problems(80, 24),
        80,
        24,
        keys_events(typing("!jjj")),
    );
    insta::assert_snapshot!("load_problems_list_80x24_scrolled", screen);
}

#[test]
fn at_30x8_every_tab_shows_and_the_title_keeps_its_column() {
    for (keys, label) in [("1", " 1 Players "), ("4", " 4 Articles ")] {
        let (_, screen, _) = run_script(state_sized(30, 8), 30, 8, keys_events(typing(keys)));
        let tabs = screen.lines().next().unwrap();
        assert!(tabs.contains(label), "{tabs}");
        for number in 1..=5 {
            assert!(tabs.contains(&format!(" {number}")), "{tabs}");
        }
        insta::assert_snapshot!(format!("small_30x8_{keys}"), screen);
    }
    let (_, screen, _) = run_script(state_sized(30, 8), 30, 8, keys_events(typing("4")));
    assert!(
        screen.contains("Title") && !screen.contains("Source"),
        "{screen}"
    );
    assert!(screen.contains("Sergio…"), "{screen}");
}

#[test]
fn snapshot_too_small() {
    let (_, screen, _) = run_script(state_sized(20, 5), 20, 5, Vec::new());
    insta::assert_snapshot!("too_small_20x5", screen);
}

#[test]
fn every_size_renders_without_panic() {
    let widths = [
        1, 2, 5, 10, 20, 29, 30, 31, 40, 60, 79, 80, 99, 100, 101, 120, 160, 200,
    ];
    let heights = [1, 2, 3, 5, 7, 8, 9, 12, 16, 24, 27, 28, 29, 40, 60];
    let base = state();
    let scripts: [Vec<KeyEvent>; 4] = [
        Vec::new(),
        typing("/rmos"),
        {
            let mut keys = typing("2");
            keys.push(key(KeyCode::Enter));
            keys.push(key(KeyCode::Enter));
            keys
        },
        typing("?"),
    ];
    for &width in &widths {
        for &height in &heights {
            for script in &scripts {
                let mut state = base.clone();
                state.size = (width, height);
                let (_, screen, _) = run_script(state, width, height, keys_events(script.clone()));
                assert_eq!(screen.lines().count(), usize::from(height));
            }
        }
    }
}

#[test]
fn no_color_theme_sets_no_colours_and_no_backgrounds() {
    use ratatui::style::Color;
    for (theme, colours) in [(Theme::monochrome(), false), (Theme::colored(), true)] {
        let (terminal, _) = run_on(state(), &theme, 120, 40, keys_events(typing("/rmos")));
        let buffer = terminal.backend().buffer();
        assert!(
            buffer.content.iter().all(|cell| cell.bg == Color::Reset),
            "no background fills"
        );
        let any_fg = buffer.content.iter().any(|cell| cell.fg != Color::Reset);
        assert_eq!(any_fg, colours);
    }
}

#[test]
fn filter_matches_are_highlighted() {
    let theme = Theme::colored();
    let (terminal, finished) = run_on(state(), &theme, 120, 40, keys_events(typing("/rmos")));
    let area = *finished.state.screen().pane(Pane::Players).unwrap();
    let buffer = terminal.backend().buffer();
    let row: Vec<(String, ratatui::style::Color)> = (area.rows.x..area.rows.right())
        .map(|x| {
            let cell = &buffer[(x, area.rows.y)];
            (cell.symbol().to_string(), cell.fg)
        })
        .collect();
    let text: String = row.iter().map(|(s, _)| s.as_str()).collect();
    let start = text.find("Sergio Ramos").unwrap();
    let matched: String = row[start..start + 12]
        .iter()
        .filter(|(_, fg)| *fg == theme.matched.fg.unwrap())
        .map(|(s, _)| s.as_str())
        .collect();
    assert_eq!(matched, "Rmos");
}

#[test]
fn a_hundred_thousand_articles_filter_link_and_draw() {
    // How fast is for `cargo bench --bench render`; this checks it works at that size.
    let model = common::big_model::big_model(100_000, 20_000, 0);
    let mut state = State::new(model, &options(), now(), (120, 40));
    let mut keys = typing("/player 1999");
    keys.push(key(KeyCode::Enter));
    keys.push(key(KeyCode::Enter));
    keys.extend(typing("4G"));
    keys.push(key(KeyCode::PageUp));
    keys.extend(typing("5jjj"));
    press(&mut state, &keys);
    let (state, screen, _) = run_script(state, 120, 40, keys_events(typing("1gj")));
    assert!(screen.contains("Player 1999"), "{screen}");
    assert_eq!(
        state.articles.rows.len(),
        5,
        "linked to the selected player's five articles"
    );
}

/// A clock that moves on by a fixed step every time it is read.
struct SteppingClock {
    now: NaiveDateTime,
    step: chrono::Duration,
}

impl mercato::tui::Clock for SteppingClock {
    fn now(&mut self) -> NaiveDateTime {
        let now = self.now;
        self.now += self.step;
        now
    }
}

#[test]
fn the_clock_redraws_once_a_second_without_input() {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // Four unbound keys, the clock moving half a second per loop turn: the second turns
    // twice, so two redraws beyond the first frame, none for the keys themselves.
    let events = keys_events(vec![key(KeyCode::F(12)); 4]);
    let mut clock = SteppingClock {
        now: now(),
        step: chrono::Duration::milliseconds(500),
    };
    let finished = run_app(
        &mut terminal,
        state(),
        &Theme::monochrome(),
        &mut ScriptedEvents::new(events),
        &mut clock,
    )
    .unwrap();
    assert_eq!(finished.frames, 3);
    let screen = screen_text(terminal.backend().buffer());
    assert!(screen.contains("2021-01-13 14:05:11"), "{screen}");
    assert!(
        screen.contains("168d 09:54:49 left"),
        "the countdown ticks: {screen}"
    );
}

#[test]
fn the_reader_highlights_entities_and_underlines_the_evidence() {
    use ratatui::style::Modifier;
    let theme = Theme::colored();
    // Juventus' first evidence: "They now have their eye on Ramos as a potential target."
    let (terminal, finished) = run_on(state(), &theme, 120, 40, keys_events(typing("2oz")));
    let state = finished.state;
    let area = *state.screen().pane(Pane::Reader).unwrap();
    let buffer = terminal.backend().buffer();
    let find = |needle: &str| {
        (area.rows.y..area.rows.bottom()).find_map(|y| {
            let line: String = (area.rows.x..area.rows.right())
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            line.find(needle).map(|at| {
                (
                    area.rows.x + u16::try_from(line[..at].chars().count()).unwrap(),
                    y,
                )
            })
        })
    };
    let (x, y) = find("They now have their eye on").unwrap();
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::UNDERLINED),
        "evidence underlined"
    );
    assert_eq!(
        buffer[(area.rows.x, y)].symbol(),
        "▌",
        "evidence marked in the gutter"
    );
    let (x, y) = find("Juventus of Serie A").unwrap();
    assert_eq!(
        buffer[(x, y)].fg,
        theme.club.fg.unwrap(),
        "club highlighted"
    );
    let (x, y) = find("Cristiano Ronaldo").unwrap();
    assert_eq!(
        buffer[(x, y)].fg,
        theme.player.fg.unwrap(),
        "another player highlighted"
    );
    let (x, y) = find("Sergio Ramos can now").unwrap();
    assert_eq!(
        buffer[(x, y)].fg,
        theme.player_selected.fg.unwrap(),
        "the selected player stands out"
    );
}

// ---------------------------------------------------------------------------------------------
// Loading in the background

fn loading_progress(files_read: usize) -> Progress {
    Progress {
        stage: Stage::Reading,
        files_total: 3,
        files_read,
        errors: 1,
        ..Progress::default()
    }
}

#[test]
fn the_dashboard_shows_a_gauge_until_the_model_arrives_and_keeps_what_was_typed() {
    let mut state = State::loading(&options(), now(), (120, 40));
    assert!(state.players.rows.is_empty());
    // Typing works while loading.
    press(&mut state, &[key(KeyCode::Char('/'))]);
    press(&mut state, &typing("rmos"));
    dispatch(
        &mut state,
        Message::LoadProgress {
            progress: loading_progress(2),
        },
    );
    assert_eq!(state.loading, Some(loading_progress(2)));
    dispatch(
        &mut state,
        Message::Loaded(Box::new(Ok(Loaded::new(seed_model())))),
    );
    assert_eq!(state.loading, None);
    assert_eq!(names(&state), ["Sergio Ramos"]);
    assert_eq!(state.players.query, "rmos");
    assert_eq!(clubs(&state).len(), 7);
    // A reading that arrives late does not bring the gauge back.
    dispatch(
        &mut state,
        Message::LoadProgress {
            progress: loading_progress(3),
        },
    );
    assert_eq!(state.loading, None);
}

/// A dashboard loading, started with `--player upamecano`.
fn loading_with_player_option() -> State {
    let options = Options {
        player: Some("upamecano".into()),
        ..options()
    };
    State::loading(&options, now(), (120, 40))
}

#[test]
fn the_player_option_waits_for_the_model() {
    let mut state = loading_with_player_option();
    assert_eq!(state.selected_player(), None);
    dispatch(
        &mut state,
        Message::Loaded(Box::new(Ok(Loaded::new(seed_model())))),
    );
    assert_eq!(selected_name(&state).as_deref(), Some("Dayot Upamecano"));
    assert_eq!(state.link, Link::ArticlesFollowPlayer);
}

#[test]
fn a_failed_load_says_why_and_leaves_the_dashboard_usable() {
    let mut state = State::loading(&options(), now(), (120, 40));
    dispatch(
        &mut state,
        Message::Loaded(Box::new(Err("the gazetteer is broken".into()))),
    );
    assert_eq!(state.loading, None);
    // The reason stays on screen after other keys.
    press(&mut state, &[key(KeyCode::Tab)]);
    let (mut state, screen, _) = run_script(state, 120, 40, Vec::new());
    assert!(
        screen.contains("could not load the corpus: the gazetteer is broken"),
        "{screen}"
    );
    press(&mut state, &[key(KeyCode::Char('q'))]);
    assert!(state.quit);
}

#[test]
fn a_filter_typed_while_loading_wins_over_the_player_option() {
    let mut state = loading_with_player_option();
    press(&mut state, &typing("/rmos"));
    dispatch(
        &mut state,
        Message::Loaded(Box::new(Ok(Loaded::new(seed_model())))),
    );
    assert_eq!(names(&state), ["Sergio Ramos"]);
    assert_eq!(state.link, Link::None);
}

#[test]
fn the_loop_draws_the_gauge_then_the_model() {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut inputs = ScriptedEvents::inputs([Input::Message(Message::LoadProgress {
        progress: loading_progress(1),
    })]);
    let finished = run_app(
        &mut terminal,
        State::loading(&options(), now(), (80, 24)),
        &Theme::monochrome(),
        &mut inputs,
        &mut FixedClock(now()),
    )
    .unwrap();
    let loading = screen_text(terminal.backend().buffer());
    assert!(finished.state.loading.is_some());
    insta::assert_snapshot!("screen_80x24_loading", loading);

    let mut inputs = ScriptedEvents::inputs([
        Input::Message(Message::LoadProgress {
            progress: loading_progress(3),
        }),
        Input::Message(Message::Loaded(Box::new(Ok(Loaded::new(seed_model()))))),
    ]);
    let finished = run_app(
        &mut terminal,
        finished.state,
        &Theme::monochrome(),
        &mut inputs,
        &mut FixedClock(now()),
    )
    .unwrap();
    let loaded = screen_text(terminal.backend().buffer());
    assert_eq!(finished.frames, 3, "one frame per input after the first");
    assert!(!loaded.contains("Loading"), "{loaded}");
    assert!(loaded.contains("Sergio Ramos"), "{loaded}");
    // Lists made while the model was empty are made again (the countdowns too).
    assert_eq!(finished.state.countdowns.rows.len(), 1);
}

#[test]
fn snapshot_whole_screen_120x40_loading() {
    let progress = Progress {
        stage: Stage::Extracting,
        files_total: 6845,
        files_read: 6845,
        articles_total: 10023,
        articles_extracted: 4359,
        ..Progress::default()
    };
    let events = [Input::Message(Message::LoadProgress { progress })];
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    run_app(
        &mut terminal,
        State::loading(&options(), now(), (120, 40)),
        &Theme::monochrome(),
        &mut ScriptedEvents::inputs(events),
        &mut FixedClock(now()),
    )
    .unwrap();
    let screen = screen_text(terminal.backend().buffer());
    assert!(
        screen.contains("Reading articles 4,359 / 10,023"),
        "{screen}"
    );
    insta::assert_snapshot!("screen_120x40_loading", screen);
}

// ---------------------------------------------------------------------------------------------
// Searching in the background (long player lists)

/// The seed dashboard, with every search sent to the background as over a long list.
fn background_searching_state() -> State {
    let mut state = state();
    state.background_search_names = 0;
    state
}

#[test]
fn a_long_list_keeps_its_rows_until_the_background_search_answers() {
    let mut state = background_searching_state();
    let everyone = names(&state);
    press(&mut state, &typing("/rmos"));
    assert_eq!(state.pending_search(), Some("rmos"));
    assert_eq!(names(&state), everyone, "the rows wait for the search");
    // An answer to a query the user has typed past is ignored.
    let ramos = state.index.roster.search.search("rmos");
    dispatch(
        &mut state,
        Message::SearchFinished {
            query: "rmo".into(),
            hits: ramos.clone(),
        },
    );
    assert_eq!(state.pending_search(), Some("rmos"));
    dispatch(
        &mut state,
        Message::SearchFinished {
            query: "rmos".into(),
            hits: ramos,
        },
    );
    assert_eq!(state.pending_search(), None);
    assert_eq!(names(&state), ["Sergio Ramos"]);
    assert_eq!(
        clubs(&state).len(),
        7,
        "the destinations follow the new selection"
    );
    // A key typed and deleted before its search answers: nothing left to wait for.
    press(&mut state, &typing("x"));
    assert_eq!(state.pending_search(), Some("rmosx"));
    press(&mut state, &[key(KeyCode::Backspace)]);
    assert_eq!(state.pending_search(), None);
    assert_eq!(names(&state), ["Sergio Ramos"]);
    // Clearing the filter needs no search.
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.pending_search(), None);
    assert_eq!(names(&state), everyone);
}

#[test]
fn the_loop_searches_in_the_background_and_shows_the_last_query() {
    let events = keys_events(typing("/rmos"));
    let (state, screen, _) = run_script(background_searching_state(), 120, 40, events);
    assert_eq!(state.pending_search(), None);
    assert_eq!(names(&state), ["Sergio Ramos"]);
    assert!(screen.contains("filter: rmos▏  1 of 13"), "{screen}");
}

/// A dashboard over the seed articles with a library to fetch into.
fn state_with_library() -> State {
    let mut state = state();
    state.feeds.db = Some(std::path::PathBuf::from("/nonexistent/mercato.db"));
    state.feeds.gazetteer = Some(std::sync::Arc::new(Gazetteer::embedded().unwrap()));
    state
}

/// A fetched article with its facts, as the fetcher hands it over.
fn with_facts(
    article: mercato::corpus::Article,
) -> (mercato::corpus::Article, mercato::facts::Facts) {
    let gazetteer = mercato::gazetteer::Gazetteer::embedded().unwrap();
    let facts = mercato::facts::Facts::read(&gazetteer, &article);
    (article, facts)
}

fn arrived(id: &str, date: &str, body: &str) -> mercato::corpus::Article {
    mercato::corpus::Article {
        id: id.to_string(),
        path: format!("https://example.org/{id}"),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        date_is_fetch: false,
        title: body.chars().take(40).collect(),
        source: Some("Example Sport".to_string()),
        url: None,
        body: body.to_string(),
    }
}

#[test]
fn a_feed_article_shows_its_link_once_in_the_reader() {
    let mut article = arrived(
        "feed-1",
        "2021-01-10",
        "Sergio Ramos is wanted by Paris Saint-Germain.",
    );
    article.url = Some(article.path.clone());
    let corpus = mercato::corpus::Corpus {
        articles: vec![article],
        problems: Vec::new(),
    };
    let model = Model::build(corpus, &Gazetteer::embedded().unwrap());
    let mut state = State::new(model, &options(), now(), (120, 40));
    press(&mut state, &typing("4"));
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(state.focus, Pane::Reader);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| {
            mercato::tui::ui::draw(frame, &state, &Theme::monochrome(), &Keymap::default())
        })
        .unwrap();
    let screen = screen_text(terminal.backend().buffer());
    assert_eq!(
        screen.matches("https://example.org/feed-1").count(),
        1,
        "{screen}"
    );
}

#[test]
fn r_asks_for_a_fetch_and_shows_its_progress() {
    let mut files_only = state();
    let mut state = state_with_library();
    press(&mut state, &[key(KeyCode::Char('R'))]);
    assert!(state.feeds.requested);
    assert!(state.feeds.fetching.is_some());
    press(&mut state, &[key(KeyCode::Char('R'))]);
    assert_eq!(state.message.as_deref(), Some("already fetching the feeds"));
    dispatch(
        &mut state,
        Message::FetchProgress {
            done: 1,
            total: 3,
            new: 4,
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| {
            mercato::tui::ui::draw(frame, &state, &Theme::monochrome(), &Keymap::default())
        })
        .unwrap();
    assert!(screen_text(terminal.backend().buffer()).contains("fetching feeds 1/3 · 4 new"));

    // A --corpus run has no library: R says so and asks for nothing.
    press(&mut files_only, &[key(KeyCode::Char('R'))]);
    assert!(!files_only.feeds.requested);
    assert!(
        files_only
            .message
            .as_deref()
            .unwrap()
            .contains("--corpus reads files only")
    );
}

#[test]
fn a_model_built_again_in_another_order_keeps_the_selections() {
    let mut state = state_with_library();
    press(&mut state, &typing("/ramos"));
    press(
        &mut state,
        &[key(KeyCode::Enter), key(KeyCode::Enter), key(KeyCode::Down)],
    );
    let player = selected_name(&state).unwrap();
    let club = |state: &State| state.selected_rumour().map(|r| state.model.rumours[r].club);
    let selected_club = club(&state);
    assert!(selected_club.is_some());
    let mut corpus = load_embedded();
    corpus.articles.reverse();
    let rebuilt = Model::build(corpus, &Gazetteer::embedded().unwrap());
    let moved = rebuilt.rumours.iter().position(|r| {
        Some(r.player) == rebuilt.person_named(&player) && Some(r.club) == selected_club
    });
    assert_ne!(
        moved,
        state.selected_rumour(),
        "the rebuilt model lists the rumour elsewhere"
    );
    dispatch(
        &mut state,
        Message::Fetched(Box::new(Ok(mercato::tui::fetcher::Fetched {
            articles: Vec::new(),
            rebuilt: Some(Box::new(rebuilt)),
            problems: Vec::new(),
            failed: 0,
        }))),
    );
    assert_eq!(selected_name(&state).as_deref(), Some(player.as_str()));
    assert_eq!(club(&state), selected_club);
}

#[test]
fn new_articles_merge_without_losing_the_selection_or_the_filter() {
    let mut state = state_with_library();
    press(&mut state, &typing("/ramos"));
    press(&mut state, &[key(KeyCode::Enter)]);
    let player = selected_name(&state);
    let selected_rumour = state.selected_rumour();
    let filter = state.players.query.clone();
    let before = state.model.articles.len();
    press(&mut state, &[key(KeyCode::Char('R'))]);
    dispatch(
        &mut state,
        Message::Fetched(Box::new(Ok(mercato::tui::fetcher::Fetched {
            articles: [
                // Dated up to the dashboard's as-of date: rumours from later articles are
                // not known then.
                arrived(
                    "lib-1",
                    "2021-01-12",
                    "Sergio Ramos is wanted by Sevilla, according to Marca.",
                ),
                arrived(
                    "lib-2",
                    "2021-01-13",
                    "Kasim Ojeda has been linked with a move to Aston Villa.",
                ),
            ]
            .map(with_facts)
            .into(),
            rebuilt: None,
            problems: Vec::new(),
            failed: 1,
        }))),
    );
    assert_eq!(state.model.articles.len(), before + 2);
    assert_eq!(selected_name(&state), player);
    assert_eq!(state.players.query, filter);
    assert_eq!(state.selected_rumour(), selected_rumour);
    assert!(
        clubs(&state).contains(&"Sevilla".to_string()),
        "{:?}",
        clubs(&state)
    );
    assert_eq!(state.feeds.unseen, 2);
    assert_eq!(
        state.message.as_deref(),
        Some("fetched: 2 new articles; 1 feed failed (! lists)")
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| {
            mercato::tui::ui::draw(frame, &state, &Theme::monochrome(), &Keymap::default())
        })
        .unwrap();
    assert!(screen_text(terminal.backend().buffer()).contains("2 new ·"));
    // Looking at the articles pane sees them.
    press(&mut state, &[key(KeyCode::Char('4'))]);
    assert_eq!(state.feeds.unseen, 0);
}

/// The written transfer story (tests/fixtures/story), ten weeks after Arsenal's bid began.
fn story_state(width: u16, height: u16, as_of: NaiveDate) -> State {
    let story = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/story");
    let mut corpus = mercato::corpus::load_paths(&[story]);
    for article in &mut corpus.articles {
        article.path = article
            .path
            .rsplit('/')
            .next()
            .map(|name| format!("story/{name}"))
            .unwrap_or_default();
    }
    let model = Model::build(corpus, &Gazetteer::embedded().unwrap());
    let options = Options { as_of, ..options() };
    State::new(
        model,
        &options,
        as_of.and_hms_opt(9, 0, 0).unwrap(),
        (width, height),
    )
}

#[test]
fn destinations_are_hottest_first_and_h_hides_the_cold() {
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let mut state = story_state(120, 40, day("2025-03-25"));
    press(&mut state, &typing("/velasco"));
    press(&mut state, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(clubs(&state), ["Arsenal", "Newcastle United", "Juventus"]);
    press(&mut state, &typing("H"));
    assert_eq!(clubs(&state), ["Arsenal"], "the other two went cold");
    assert_eq!(
        state.message.as_deref(),
        Some("cold rumours hidden (H shows them)")
    );
    press(&mut state, &typing("H"));
    assert_eq!(clubs(&state).len(), 3);
    // As of the day of the rejected bid, Arsenal's rumour had cooled under Newcastle's.
    let mut earlier = story_state(120, 40, day("2025-01-20"));
    press(&mut earlier, &typing("/velasco"));
    press(&mut earlier, &[key(KeyCode::Enter)]);
    assert_eq!(clubs(&earlier), ["Newcastle United", "Arsenal", "Juventus"]);
}

#[test]
fn snapshot_destinations_with_stages_and_the_ladder() {
    let day = NaiveDate::from_ymd_opt(2025, 2, 15).unwrap();
    let mut keys = typing("/velasco");
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    keys.extend(typing("z"));
    let (_, screen, _) = run_script(story_state(100, 28, day), 100, 28, keys_events(keys));
    insta::assert_snapshot!("pane_destinations_story_100x28", screen);
}

#[test]
fn s_lists_the_sources_and_sorts_them_by_hit_rate_count_and_lead() {
    let day = NaiveDate::from_ymd_opt(2025, 3, 25).unwrap();
    let mut state = story_state(120, 40, day);
    press(&mut state, &typing("S"));
    let names = |state: &State| match &state.intel {
        Some(IntelOverlay::Sources(view)) => view
            .records
            .iter()
            .map(|r| format!("{} {}", r.name, r.hits()))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    assert_eq!(names(&state)[0], "Lisbon Daily 1/2", "most rumours first");
    press(&mut state, &typing("s"));
    assert_eq!(state.message.as_deref(), Some("sources by hit rate"));
    assert_eq!(
        names(&state)[..2],
        ["Football Wire 1/1", "Nina Hart 1/1"],
        "hits first"
    );
    press(&mut state, &typing("s"));
    assert_eq!(names(&state)[0], "Football Wire 1/1", "shortest lead first");
    press(&mut state, &typing("j"));
    press(&mut state, &[key(KeyCode::Esc)]);
    assert!(state.intel.is_none());
}

#[test]
fn c_opens_the_board_of_the_selected_destination_and_typing_finds_another_club() {
    let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    let mut state = story_state(120, 40, day);
    press(&mut state, &typing("/velasco"));
    press(&mut state, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    press(&mut state, &typing("c"));
    let club = |state: &State| match &state.intel {
        Some(IntelOverlay::Board(view)) => view.club.map(|c| state.model.club_name(c).to_string()),
        _ => None,
    };
    assert_eq!(club(&state).as_deref(), Some("Newcastle United"));
    press(&mut state, &typing("sporting"));
    assert_eq!(club(&state).as_deref(), Some("Sporting CP"));
    // The board fits the overlay: scrolling stays at the top.
    press(&mut state, &[key(KeyCode::PageDown), key(KeyCode::Down)]);
    assert!(matches!(&state.intel, Some(IntelOverlay::Board(view)) if view.scroll == 0));
    press(&mut state, &[key(KeyCode::Esc)]);
    assert!(state.intel.is_none());
}

#[test]
fn the_sources_show_the_configured_tier_after_the_record() {
    let day = NaiveDate::from_ymd_opt(2025, 3, 25).unwrap();
    let mut state = story_state(120, 40, day);
    let tier = |number| mercato::config::Tier::new(number).unwrap();
    state.source_tiers = [("lisbon daily".to_string(), tier(2))].into();
    let (_, screen, _) = run_script(state, 120, 40, keys_events(typing("S")));
    let row = |name: &str| {
        let line = screen.lines().find(|line| line.contains(name)).unwrap();
        line.split_whitespace()
            .rev()
            .find(|word| !word.contains('│'))
            .unwrap()
            .to_string()
    };
    assert_eq!(row("Lisbon Daily"), "2", "{screen}");
    assert_eq!(row("Football Wire"), "–", "{screen}");
}

#[test]
fn snapshot_sources_and_club_board() {
    let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    let mut keys = typing("S");
    keys.extend(typing("j"));
    let (_, screen, _) = run_script(story_state(120, 40, day), 120, 40, keys_events(keys));
    insta::assert_snapshot!("sources_story_120x40", screen);
    let (_, screen, _) = run_script(
        story_state(120, 40, day),
        120,
        40,
        keys_events(typing("csporting")),
    );
    insta::assert_snapshot!("club_board_story_120x40", screen);
}

// A library's model: built from stored facts, bodies read on demand

/// The seed articles imported into a new library, and the model a start builds from their
/// stored facts (no bodies).
fn library_model() -> (tempfile::TempDir, std::path::PathBuf, Model) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mercato.db");
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let mut library = mercato::store::Library::open(&db, mercato::store::Access::Write).unwrap();
    let now = chrono::Utc::now();
    mercato::library::import(&mut library, &[seeds], now).unwrap();
    drop(library);
    let loaded = mercato::library::Source::Library(db.clone())
        .load(&mercato::progress::LoadProgress::default())
        .unwrap();
    assert!(loaded.unread.is_none());
    (dir, db, loaded.model)
}

fn library_state(db: &std::path::Path, model: Model) -> State {
    let options = Options {
        db: Some(db.to_path_buf()),
        ..options()
    };
    State::new(model, &options, now(), (120, 40))
}

#[test]
fn the_reader_reads_an_article_body_from_the_library_when_opened() {
    let (_dir, db, model) = library_model();
    assert!(model.articles.iter().all(|a| a.body.is_empty()));
    let mut state = library_state(&db, model);
    press(&mut state, &[key(KeyCode::Char('4')), key(KeyCode::Enter)]);
    let article = state.reader.article.unwrap();
    let id = mercato::store::library_id(&state.model.articles[article].id).unwrap();
    assert_eq!(state.body_wanted(), Some((article, id)));
    assert_eq!(state.article_body(article), "");

    // Through the event loop, which reads it from the library.
    let (state, text, _) = run_script(
        library_state(&db, state.model.clone()),
        120,
        40,
        keys_events(vec![key(KeyCode::Char('4')), key(KeyCode::Enter)]),
    );
    let body = state.article_body(article);
    assert!(body.len() > 200, "{body}");
    let opening: String = body
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&opening), "{opening:?} not in\n{text}");
    assert_eq!(state.body_wanted(), None, "kept, not read again");
    assert!(
        state.model.extractions[article].mentions.is_empty(),
        "the model keeps no highlights without the body"
    );
    assert!(
        !state.article_highlights(article).is_empty(),
        "read with the body"
    );
    assert!(!state.reader_lines(60).is_empty());
}

#[test]
fn an_article_gone_from_the_library_shows_a_line_saying_so() {
    let (_dir, db, model) = library_model();
    let connection = rusqlite::Connection::open(&db).unwrap();
    connection.execute("DELETE FROM articles", []).unwrap();
    drop(connection);
    let (state, text, _) = run_script(
        library_state(&db, model),
        120,
        40,
        keys_events(vec![key(KeyCode::Char('4')), key(KeyCode::Enter)]),
    );
    assert_eq!(state.focus, Pane::Reader);
    assert!(
        text.contains("Cannot show the article: it is no longer in the library"),
        "{text}"
    );
    assert!(
        state
            .bodies
            .get(state.reader.article.unwrap())
            .unwrap()
            .is_err()
    );
}

#[test]
fn bodies_read_on_demand_are_kept_a_few_at_a_time() {
    let (_dir, db, model) = library_model();
    let mut state = library_state(&db, model);
    for article in 0..3 {
        dispatch(
            &mut state,
            Message::BodyLoaded {
                article,
                body: Ok(Body {
                    text: format!("Body {article}."),
                    highlights: Vec::new(),
                }),
            },
        );
    }
    assert_eq!(state.article_body(2), "Body 2.");
    for round in 0..10 {
        dispatch(
            &mut state,
            Message::BodyLoaded {
                article: 2,
                body: Ok(Body {
                    text: format!("Again {round}."),
                    highlights: Vec::new(),
                }),
            },
        );
    }
    assert_eq!(state.article_body(2), "Again 9.", "the newest read wins");
    assert_eq!(state.article_body(0), "Body 0.", "a few are kept");
}

#[test]
fn articles_read_in_the_background_join_the_panes() {
    let gazetteer = Gazetteer::embedded().unwrap();
    let mut articles = load_embedded().articles;
    let last = articles.split_off(2);
    let first: Vec<_> = articles.into_iter().map(with_facts).collect();
    let mut loaded = Loaded::new(Model::from_facts(first, Vec::new(), &gazetteer));
    loaded.gazetteer = Some(std::sync::Arc::new(gazetteer));
    loaded.unread = 1;
    let mut state = State::loading(&options(), now(), (160, 40));
    dispatch(&mut state, Message::Loaded(Box::new(Ok(loaded))));
    assert_eq!(state.rereading, Some(1));
    let before = names(&state);
    let mut terminal = Terminal::new(TestBackend::new(160, 40)).unwrap();
    terminal
        .draw(|frame| {
            mercato::tui::ui::draw(frame, &state, &Theme::monochrome(), &Keymap::default())
        })
        .unwrap();
    let text = screen_text(terminal.backend().buffer());
    assert!(
        text.contains("reading 1 article in the background"),
        "{text}"
    );
    state.feeds.db = Some(std::path::PathBuf::from("/nonexistent/mercato.db"));
    press(&mut state, &[key(KeyCode::Char('R'))]);
    assert!(
        !state.feeds.requested,
        "a fetch waits for the articles being read"
    );
    assert_eq!(
        state.message.as_deref(),
        Some("articles are being read in the background; R again then")
    );

    dispatch(
        &mut state,
        Message::Reread(Box::new(Ok(last.into_iter().map(with_facts).collect()))),
    );
    assert_eq!(state.rereading, None);
    assert_eq!(state.model.articles.len(), 3);
    assert_eq!(
        state.message.as_deref(),
        Some("read 1 article again (new extractor)")
    );
    let mut after = names(&state);
    let mut whole = names(&State::new(seed_model(), &options(), now(), (160, 40)));
    assert!(after.len() > before.len(), "{before:?} → {after:?}");
    after.sort();
    whole.sort();
    assert_eq!(after, whole);
}
