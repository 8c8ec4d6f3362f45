//! The desk in the dashboard: watching (`w`, `W`), reading (`m`, `n`/`N`, `M`, a moment in the
//! reader), the digest overlay (`D`), and the loop saving every change to the library.

// Test helpers may unwrap: a broken fixture should fail loudly.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use mercato::corpus::{Article, Corpus, load_embedded};
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use mercato::store::{Access, Library, UserChange, UserState, Watch, WatchedPlayer};
use mercato::tui::desk::{DeskStart, DeskState};
use mercato::tui::state::Loaded;
use mercato::tui::{
    FixedClock, Keymap, Message, Options, Pane, ScriptedEvents, State, Theme, dispatch, run_app,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

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

fn seed_model() -> Model {
    Model::build(load_embedded(), &Gazetteer::embedded().unwrap())
}

/// A dashboard over `model` whose desk starts as `start`.
fn state_with(model: Model, start: DeskStart, size: (u16, u16)) -> State {
    let mut state = State::loading(&options(), now(), size);
    state.desk = DeskState::new(start);
    dispatch(
        &mut state,
        Message::Loaded(Box::new(Ok(Loaded::new(model)))),
    );
    state
}

/// The seed articles, saving to a library (the loop is not running: changes stay pending).
fn state() -> State {
    state_with(
        seed_model(),
        DeskStart {
            persist: true,
            ..DeskStart::default()
        },
        (120, 40),
    )
}

/// Presses keys through the real key map, as the event loop does.
fn press(state: &mut State, keys: &str) {
    let keymap = Keymap::default();
    for c in keys.chars() {
        let key = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\x1b' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        if let Some(action) = keymap.action_for(state, &key) {
            dispatch(state, action);
        }
    }
}

fn selected_name(state: &State) -> String {
    state.model.people[state.selected_player().unwrap()]
        .name
        .clone()
}

fn player_names(state: &State) -> Vec<String> {
    state
        .players
        .rows
        .iter()
        .map(|row| state.model.people[row.person].name.clone())
        .collect()
}

fn ramos() -> Watch {
    Watch::Player {
        key: "sergio ramos".into(),
        name: "Sergio Ramos".into(),
    }
}

fn screen(state: State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let finished = run_app(
        &mut terminal,
        state,
        &Theme::monochrome(),
        &mut ScriptedEvents::new(Vec::<Event>::new()),
        &mut FixedClock(now()),
    )
    .unwrap();
    drop(finished);
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
fn w_watches_the_selected_player_and_again_unwatches_him() {
    let mut state = state();
    assert_eq!(selected_name(&state), "Sergio Ramos");
    press(&mut state, "w");
    let person = state.selected_player().unwrap();
    assert!(state.is_watched_person(person));
    assert_eq!(state.message.as_deref(), Some("watching Sergio Ramos"));
    // In the countdowns too: the same player, watched there.
    press(&mut state, "3");
    assert!(
        state.is_watched_person(state.model.contracts[state.selected_contract().unwrap()].player)
    );
    press(&mut state, "w");
    assert!(!state.is_watched_person(person));
    assert_eq!(
        state.desk.pending,
        [UserChange::Watch(ramos()), UserChange::Unwatch(ramos())]
    );
}

#[test]
fn w_on_a_destination_watches_the_club_and_in_the_evidence_the_player() {
    let mut state = state();
    press(&mut state, "2");
    let club = state.model.rumours[state.selected_rumour().unwrap()].club;
    assert_eq!(state.model.club_name(club), "Juventus");
    press(&mut state, "w");
    assert!(state.is_watched_club(club));
    assert_eq!(
        state.desk.pending,
        [UserChange::Watch(Watch::Club {
            name: "Juventus".into()
        })]
    );
    press(&mut state, "\nw");
    assert!(state.destinations.in_evidence);
    assert!(state.is_watched_person(state.destinations.player.unwrap()));
}

#[test]
fn capital_w_shows_only_what_is_watched_in_each_list() {
    let mut state = state();
    let everyone = player_names(&state).len();
    press(&mut state, "W");
    assert!(state.players.rows.is_empty(), "nothing watched yet");
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("nothing is watched yet")
    );
    press(&mut state, "W/modric\n\x1bw");
    press(&mut state, "\x1bW");
    assert_eq!(player_names(&state), ["Luka Modrić"]);
    press(&mut state, "W");
    assert_eq!(player_names(&state).len(), everyone);

    // Articles naming a watched player: Modrić is named in one of the three.
    press(&mut state, "4W");
    assert_eq!(state.articles.rows.len(), 1);
    press(&mut state, "W");
    assert_eq!(state.articles.rows.len(), 3);

    // Countdowns: only Ramos has a contract, and he is not watched; the club is not either.
    press(&mut state, "3W");
    assert!(state.countdowns.rows.is_empty());
    press(&mut state, "1/ramos\n\x1bw3");
    assert_eq!(state.countdowns.rows.len(), 1);

    // Destinations: only watched clubs.
    press(&mut state, "2W");
    assert!(state.destinations.rows.is_empty());
    press(&mut state, "W");
    let juventus = state.destinations.rows[0];
    press(&mut state, "wW");
    assert_eq!(state.destinations.rows, [juventus]);
}

#[test]
fn m_toggles_read_and_n_jumps_to_the_next_unread() {
    let mut state = state();
    press(&mut state, "4");
    assert_eq!(state.unread_listed(), 3);
    press(&mut state, "m");
    let first = state.selected_article().unwrap();
    assert!(state.is_read(first));
    assert_eq!(state.unread_listed(), 2);
    press(&mut state, "jmk");
    // From the first, the next unread is the third.
    press(&mut state, "n");
    assert_eq!(state.articles.cursor.selected, 2);
    assert!(!state.is_read(state.selected_article().unwrap()));
    press(&mut state, "n");
    assert_eq!(state.message.as_deref(), Some("no unread article below"));
    press(&mut state, "N");
    assert_eq!(state.message.as_deref(), Some("no unread article above"));
    press(&mut state, "gm");
    assert!(!state.is_read(first), "m again: unread");
    let id = state.model.articles[first].id.clone();
    assert_eq!(state.desk.pending.last(), Some(&UserChange::Unread(id)));
}

/// Sixty made-up articles, each naming a player.
fn many_articles() -> Model {
    let articles = (0..60)
        .map(|n| Article {
            id: format!("a{n}"),
            path: format!("a{n}.txt"),
            date: NaiveDate::from_ymd_opt(2021, 1, 1 + n % 28),
            date_is_fetch: false,
            title: format!("Story {n}"),
            source: Some("Test Wire".into()),
            url: None,
            body: format!("Celtic have been linked with Jordan McAllister, report {n}."),
        })
        .collect();
    let corpus = Corpus {
        articles,
        problems: Vec::new(),
    };
    Model::build(corpus, &Gazetteer::embedded().unwrap())
}

#[test]
fn capital_m_marks_every_listed_article_and_asks_first_over_fifty() {
    let mut state = state();
    press(&mut state, "4M");
    assert_eq!(state.unread_listed(), 0);
    assert_eq!(state.message.as_deref(), Some("marked 3 articles read"));

    let mut state = state_with(many_articles(), DeskStart::default(), (120, 40));
    press(&mut state, "4M");
    assert_eq!(
        state.question().as_deref(),
        Some("Mark 60 unread articles read? y/n")
    );
    press(&mut state, "n");
    assert_eq!(state.question(), None);
    assert_eq!(state.unread_listed(), 60);
    press(&mut state, "M\x1b");
    assert_eq!(state.unread_listed(), 60, "Esc says no");
    press(&mut state, "My");
    assert_eq!(state.unread_listed(), 0);
}

#[test]
fn an_article_open_in_the_reader_for_a_moment_becomes_read() {
    let mut state = state();
    let tick = |state: &mut State, seconds: i64| {
        let now = now() + TimeDelta::seconds(seconds);
        dispatch(state, Message::Tick { now });
    };
    // Selected in the list (the reader shows it, unfocused): not read.
    press(&mut state, "4");
    tick(&mut state, 1);
    tick(&mut state, 2);
    let first = state.selected_article().unwrap();
    assert!(!state.is_read(first));
    press(&mut state, "\n");
    tick(&mut state, 3);
    assert!(
        !state.is_read(first),
        "one turn of the second is not a moment"
    );
    tick(&mut state, 4);
    assert!(state.is_read(first));
    // Marked unread by hand while open: it stays unread.
    press(&mut state, "m");
    tick(&mut state, 5);
    tick(&mut state, 6);
    assert!(!state.is_read(first));
    // The next article gets its own moment.
    press(&mut state, "J");
    tick(&mut state, 7);
    tick(&mut state, 8);
    assert!(state.is_read(state.reader.article.unwrap()));
}

#[test]
fn without_a_library_the_marks_stay_in_memory_and_it_is_said_once() {
    let mut state = state_with(seed_model(), DeskStart::default(), (120, 40));
    press(&mut state, "w");
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("for this session only")
    );
    press(&mut state, "4m");
    assert_eq!(state.message.as_deref(), Some("marked read"));
    assert!(state.desk.pending.is_empty());
    assert!(state.is_read(state.selected_article().unwrap()));
}

/// The seed's newest article arrived since the last visit, on 2020-12-01; Ramos is watched.
fn digest_state(width: u16, height: u16) -> State {
    let start = DeskStart {
        user: UserState {
            players: vec![WatchedPlayer {
                name: "Sergio Ramos".into(),
                key: "sergio ramos".into(),
                added: None,
            }],
            ..UserState::default()
        },
        persist: true,
        since: Some((
            NaiveDate::from_ymd_opt(2020, 12, 1).unwrap(),
            HashSet::from(["001_74b6467321493f20".to_string()]),
        )),
    };
    state_with(seed_model(), start, (width, height))
}

#[test]
fn the_digest_opens_on_start_when_there_is_news_and_d_reopens_it() {
    let mut state = digest_state(120, 40);
    assert_eq!(state.desk.digest_open, Some(0));
    let digest = state.desk.digest.clone().unwrap();
    assert_eq!(digest.new_articles, 1);
    assert!(
        digest
            .rumours
            .iter()
            .all(|r| r.player == "Sergio Ramos" && r.watched)
    );
    assert_eq!(digest.windows_opened[0].player, "Sergio Ramos");
    // Keys go to the overlay: j scrolls it, not the players.
    press(&mut state, "j");
    assert_eq!(selected_name(&state), "Sergio Ramos");
    press(&mut state, "\x1b");
    assert_eq!(state.desk.digest_open, None);
    press(&mut state, "D");
    assert_eq!(state.desk.digest_open, Some(0));
    press(&mut state, "D");
    assert_eq!(state.desk.digest_open, None);

    let mut quiet = state_with(
        seed_model(),
        DeskStart {
            since: Some((as_of(), HashSet::new())),
            ..DeskStart::default()
        },
        (120, 40),
    );
    assert_eq!(quiet.desk.digest_open, None);
    press(&mut quiet, "D");
    assert_eq!(
        quiet.message.as_deref(),
        Some("nothing new since your last visit")
    );
}

#[test]
fn news_read_again_in_the_background_still_opens_the_digest() {
    // The new article's stored facts were missing: the first model lacks it, and it comes
    // with the background re-read.
    let gazetteer = Gazetteer::embedded().unwrap();
    let mut corpus = load_embedded();
    let at = corpus
        .articles
        .iter()
        .position(|a| a.id == "001_74b6467321493f20")
        .unwrap();
    let news = corpus.articles.remove(at);
    let mut start = digest_state(120, 40).desk;
    start.digest = None;
    start.digest_open = None;
    let mut state = State::loading(&options(), now(), (120, 40));
    state.desk = start;
    dispatch(
        &mut state,
        Message::Loaded(Box::new(Ok(Loaded::new(Model::build(corpus, &gazetteer))))),
    );
    // It opens on what the dates alone tell (a pre-contract window opened), no article yet.
    assert_eq!(state.desk.digest.as_ref().unwrap().new_articles, 0);
    press(&mut state, "\x1b");
    let facts = mercato::facts::Facts::read(&gazetteer, &news);
    dispatch(
        &mut state,
        Message::Reread(Box::new(Ok(vec![(news, facts)]))),
    );
    let digest = state.desk.digest.as_ref().unwrap();
    assert_eq!(digest.new_articles, 1);
    assert!(digest.rumours.iter().any(|r| r.player == "Sergio Ramos"));
    assert_eq!(state.desk.digest_open, None, "closed, it stays closed");
}

#[test]
fn snapshot_the_digest_overlay() {
    insta::assert_snapshot!("digest_120x40", screen(digest_state(120, 40), 120, 40));
    insta::assert_snapshot!("digest_80x24", screen(digest_state(80, 24), 80, 24));
}

#[test]
fn snapshot_watched_marks_in_the_panes() {
    let mut state = state();
    // Ramos and Juventus watched; the players list and the articles shown watched only.
    press(&mut state, "w2w1W");
    insta::assert_snapshot!("watched_marks_120x40", screen(state.clone(), 120, 40));
    press(&mut state, "4m");
    state.focus = Pane::Countdowns;
    insta::assert_snapshot!("watched_marks_80x24", screen(state, 80, 24));
}

#[test]
fn the_loop_saves_every_change_to_the_library_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mercato.db");
    let mut state = state();
    state.feeds.db = Some(db.clone());
    let keys = "w4m"
        .chars()
        .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
        .collect::<Vec<_>>();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let finished = run_app(
        &mut terminal,
        state,
        &Theme::monochrome(),
        &mut ScriptedEvents::new(keys),
        &mut FixedClock(now()),
    )
    .unwrap();
    assert!(finished.state.desk.pending.is_empty());
    let saved = Library::open(&db, Access::Read)
        .unwrap()
        .user_state()
        .unwrap();
    assert_eq!(saved.players[0].name, "Sergio Ramos");
    assert_eq!(
        saved.read,
        HashSet::from(["001_74b6467321493f20".to_string()])
    );
}

#[test]
fn articles_fetched_into_the_open_dashboard_are_not_news_next_time() {
    let mut state = State::loading(&options(), now(), (120, 40));
    state.desk = DeskState::new(DeskStart {
        persist: true,
        ..DeskStart::default()
    });
    let mut loaded = Loaded::new(seed_model());
    loaded.gazetteer = Some(std::sync::Arc::new(Gazetteer::embedded().unwrap()));
    dispatch(&mut state, Message::Loaded(Box::new(Ok(loaded))));
    let arrived = Article {
        id: "lib-9".into(),
        path: "https://example.org/news/9".into(),
        date: Some(as_of()),
        date_is_fetch: false,
        title: "Celtic watch McAllister".into(),
        source: Some("Test Wire".into()),
        url: None,
        body: "Celtic have been linked with Jordan McAllister.".into(),
    };
    let facts = mercato::facts::Facts::read(&Gazetteer::embedded().unwrap(), &arrived);
    let fetched = mercato::tui::fetcher::Fetched {
        articles: vec![(arrived, facts)],
        rebuilt: None,
        problems: Vec::new(),
        failed: 0,
    };
    dispatch(&mut state, Message::Fetched(Box::new(Ok(fetched))));
    assert_eq!(state.desk.pending, [UserChange::CaughtUp]);
}
