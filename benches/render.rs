//! Drawing the whole dashboard at 200×60 into a `TestBackend`, with 100k articles and 20k
//! players (10k of them with contracts) in the lists: what one frame costs.
//!
//! - `steady`: redrawing an unchanged screen;
//! - `move`: a key moving the article selection (alternately down and up, between short
//!   articles), then the frame;
//! - `move_long`: the same between the long article and the next, so every other key
//!   selects the long article (the state wraps its text for the reader preview);
//! - `reader`: a frame with the reader open on a long article (about 160 KB);
//! - `tick`: the clock's second turning (countdowns restate every contract), then the frame;
//! - `mark`: with every article read, `m` toggling the reader's article, then the frame;
//! - `watch`: `w` toggling a player's watch (the watched found again), then the frame.

use std::hint::black_box;

use chrono::{NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use mercato::tui::{Keymap, Message, Options, Pane, State, Theme, dispatch};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

#[path = "../tests/common/big_model.rs"]
mod big_model;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;
const ARTICLES: u64 = 100_000;
const PLAYERS: usize = 20_000;
const CONTRACTS: usize = 10_000;

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

fn now() -> NaiveDateTime {
    date(2021, 1, 13)
        .and_hms_opt(14, 5, 9)
        .expect("a valid time")
}

fn state() -> State {
    let options = Options {
        as_of: now().date(),
        player: None,
        sample: false,
        refresh: None,
        db: None,
        watch: false,
    };
    let model = big_model::big_model(ARTICLES, PLAYERS, CONTRACTS);
    let mut state = State::new(model, &options, now(), (WIDTH, HEIGHT));
    dispatch(
        &mut state,
        Message::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    state
}

fn press(state: &mut State, keymap: &Keymap, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = keymap.action_for(state, &key) {
        dispatch(state, action);
    }
}

fn bench_render(c: &mut Criterion) {
    let theme = Theme::colored();
    let keymap = Keymap::default();
    let mut terminal =
        Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal never fails");
    let mut state = state();
    press(&mut state, &keymap, KeyCode::Char('4'));
    assert_eq!(state.focus, Pane::Articles, "'4' focuses the articles");
    let draw = |terminal: &mut Terminal<TestBackend>, state: &State| {
        terminal
            .draw(|frame| mercato::tui::ui::draw(frame, state, &theme, &keymap))
            .map(|frame| black_box(frame.area))
            .expect("drawing to a test terminal never fails")
    };

    let mut group = c.benchmark_group(format!("render/{WIDTH}x{HEIGHT}"));
    group.bench_function("steady", |b| b.iter(|| draw(&mut terminal, &state)));

    // Short articles: rows 10 and 11.
    for _ in 0..10 {
        press(&mut state, &keymap, KeyCode::Char('j'));
    }
    let moving = |state: &mut State, terminal: &mut Terminal<TestBackend>, down: &mut bool| {
        press(state, &keymap, KeyCode::Char(if *down { 'j' } else { 'k' }));
        *down = !*down;
        draw(terminal, state)
    };
    let mut down = true;
    group.bench_function("move", |b| {
        b.iter(|| moving(&mut state, &mut terminal, &mut down))
    });
    press(&mut state, &keymap, KeyCode::Char('g'));
    assert_eq!(
        state.selected_article(),
        Some(1),
        "the long article is first"
    );
    let mut down = true;
    group.bench_function("move_long", |b| {
        b.iter(|| moving(&mut state, &mut terminal, &mut down))
    });

    let mut second = now();
    group.bench_function("tick", |b| {
        b.iter(|| {
            second += chrono::Duration::seconds(1);
            dispatch(&mut state, Message::Tick { now: second });
            draw(&mut terminal, &state)
        })
    });

    press(&mut state, &keymap, KeyCode::Char('g'));
    press(&mut state, &keymap, KeyCode::Enter);
    assert_eq!(state.focus, Pane::Reader, "Enter opens the reader");
    assert_eq!(state.selected_article(), Some(1), "on the long article");
    group.bench_function("reader", |b| b.iter(|| draw(&mut terminal, &state)));

    // Every article read (M, then y), then m toggling the reader's article: one mark.
    press(&mut state, &keymap, KeyCode::Char('4'));
    press(&mut state, &keymap, KeyCode::Char('M'));
    press(&mut state, &keymap, KeyCode::Char('y'));
    assert_eq!(
        state.unread_listed(),
        0,
        "M then y marks every article read"
    );
    press(&mut state, &keymap, KeyCode::Enter);
    group.bench_function("mark", |b| {
        b.iter(|| {
            press(&mut state, &keymap, KeyCode::Char('m'));
            draw(&mut terminal, &state)
        })
    });
    // w on a player, again and again: the watched people found again among 20k.
    press(&mut state, &keymap, KeyCode::Char('1'));
    group.bench_function("watch", |b| {
        b.iter(|| {
            press(&mut state, &keymap, KeyCode::Char('w'));
            draw(&mut terminal, &state)
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_render
}
criterion_main!(benches);
