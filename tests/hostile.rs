//! The hostile folder (tests/common/hostile.rs): per file, what is reported and what loads;
//! `mercato check` lists it all; the dashboard draws it at every size without panicking.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

mod common;

use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::hostile::{self, Hostile, MARKERS, PAYLOADS};
use mercato::corpus::{Corpus, MAX_ARTICLE_BYTES, Severity, load_paths};
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use mercato::sanitize::sanitize;
use mercato::tui::{
    Command as Key, FixedClock, Keymap, Message, Options, Pane, ScriptedEvents, State, Theme,
    dispatch, run_app, ui,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Loads on another thread and fails after 60 s (a FIFO opened, or something quadratic).
fn load_within_timeout(hostile: &Hostile) -> Corpus {
    let root = hostile.root.clone();
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        let _ = send.send(load_paths(&[root]));
    });
    receive
        .recv_timeout(Duration::from_secs(60))
        .expect("loading the hostile folder blocked or took over a minute")
}

fn label(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn each_hostile_file_reports_what_it_should_and_the_rest_loads() {
    let hostile = hostile::build();
    let corpus = load_within_timeout(&hostile);
    let mut failures = Vec::new();
    for case in &hostile.cases {
        let path = label(&case.path);
        let problems: Vec<_> = corpus.problems.iter().filter(|p| p.path == path).collect();
        let articles = corpus.articles.iter().filter(|a| a.path == path).count();
        let matches = problems.len() == case.problems.len()
            && problems.iter().zip(&case.problems).all(|(got, want)| {
                got.severity == want.severity
                    && got.line == want.line
                    && got.message.contains(want.message)
            });
        if !matches || articles != case.articles {
            failures.push(format!(
                "{}: expected {} article(s) and {:#?}\n  got {} article(s) and {:#?}",
                case.name, case.articles, case.problems, articles, problems
            ));
        }
    }
    // Nothing is reported that no case expects.
    for problem in &corpus.problems {
        if !hostile.cases.iter().any(|c| label(&c.path) == problem.path) {
            failures.push(format!("unexpected problem: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let expected: usize = hostile.cases.iter().map(|c| c.articles).sum();
    assert_eq!(corpus.articles.len(), expected);
}

#[test]
fn loaded_articles_are_clean_bounded_and_keep_their_text() {
    let hostile = hostile::build();
    let corpus = load_within_timeout(&hostile);
    for article in &corpus.articles {
        // What the model holds is already what the screen shows.
        assert_eq!(
            sanitize(&article.body, true),
            article.body,
            "{}",
            article.path
        );
        assert_eq!(sanitize(&article.title, false), article.title);
        if let Some(source) = &article.source {
            assert_eq!(sanitize(source, false), *source);
        }
        assert!(article.body.len() <= MAX_ARTICLE_BYTES);
        assert!(article.title.chars().count() <= 80, "{}", article.title);
        for payload in PAYLOADS {
            assert!(
                !article.body.contains(payload) && !article.title.contains(payload),
                "{payload:?} in {}",
                article.path
            );
        }
    }
    let article = |name: &str| {
        let path = label(&hostile.case(name).path);
        corpus
            .articles
            .iter()
            .find(|a| a.path == path)
            .cloned()
            .unwrap()
    };
    let body = |name: &str| article(name).body;
    assert_eq!(
        body("CSI colour, clear-screen, resize and alternate-screen sequences"),
        "Alvaro Odriozola RED-MARK wants to stay.  Cleared?"
    );
    assert_eq!(
        body("C0 and C1 control characters"),
        "Isco C1-MARK rang\u{2407} the bell\u{2408}\u{2408}, deleted\u{2421}, \u{FFFD}next \
         line, C1 CSI and  C1 OSC."
    );
    assert_eq!(
        body("bidi overrides and isolates"),
        "Federico Valverde renamed invoicefdp.exe and isolated text."
    );
    assert_eq!(
        body("zero-width joiners inside and outside emoji"),
        "Fans of Luka Modric sent 👨\u{200d}👩\u{200d}👧 and \u{1F44D}\u{1F3FD}; Ramos and a \
         trailing joiner stay readable."
    );
    assert!(body("CRLF line endings").contains("again.\nHe trained"));
    assert!(body("Latin-1 text").contains("Zinédine Zidane said “Ramos” stays."));
    assert!(
        body("NUL bytes after the first 8 KiB")
            .ends_with("A NUL\u{2400}here, and two more\u{2400}\u{2400}.")
    );
    let long = body("1.4 MB of text on one line");
    assert!(long.len() <= MAX_ARTICLE_BYTES && long.len() > MAX_ARTICLE_BYTES - 64);
    assert_eq!(body("a 200 KB word with no spaces").len(), 200 * 1024 + 30);
    assert_eq!(article("impossible date 2021-13-45").date, None);
    let titled = article("OSC 0/2 window-title sequences in title, source and body");
    assert_eq!(
        (titled.title.as_str(), titled.source.as_deref()),
        ("Evil title", Some("AS"))
    );
    let titled = article("escape sequences as JSON \\u001b escapes");
    assert_eq!(
        (titled.title.as_str(), titled.source.as_deref()),
        ("JSON title", Some("Marca"))
    );
}

#[test]
fn check_lists_every_problem_and_fails() {
    let hostile = hostile::build();
    let started = Instant::now();
    let output = common::mercato()
        .args(["check", "--corpus"])
        .arg(&hostile.root)
        .output()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "check took {:?}",
        started.elapsed()
    );
    assert_eq!(output.status.code(), Some(1), "some files were rejected");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{9d}']),
        "{stdout:?}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    let mut listed = 0;
    for case in &hostile.cases {
        let path = sanitize(&label(&case.path), false).into_owned();
        for expect in &case.problems {
            let prefix = match expect.line {
                Some(line) => format!("{path}:{line}: {}: ", expect.severity),
                None => format!("{path}: {}: ", expect.severity),
            };
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with(&prefix) && l.contains(expect.message)),
                "{}: no line `{prefix}…{}` in\n{stdout}",
                case.name,
                expect.message
            );
            listed += 1;
        }
    }
    // One line per problem, then the summary.
    assert_eq!(lines.len(), listed + 1, "{stdout}");
    let articles: usize = hostile.cases.iter().map(|c| c.articles).sum();
    let rejected = hostile
        .cases
        .iter()
        .flat_map(|c| &c.problems)
        .filter(|p| p.severity == Severity::Rejected)
        .count();
    let summary = format!(
        "{articles} articles loaded; {listed} problems ({rejected} rejected, {} warnings)",
        listed - rejected
    );
    assert_eq!(lines.last().copied(), Some(summary.as_str()));
}

#[test]
fn piped_cli_output_carries_no_escape_sequences() {
    let hostile = hostile::build();
    let mercato = |args: &[&str]| {
        common::mercato()
            .arg("--corpus")
            .arg(&hostile.root)
            .args(["--as-of", "2021-01-13"])
            .args(args)
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    };
    // The rumours table prints names and sources read from article text; export prints it all.
    for args in [&["rumours"][..], &["export"]] {
        let output = mercato(args);
        assert!(
            !output.stdout.contains(&0x1b) && !output.stderr.contains(&0x1b),
            "{args:?}: {output:?}"
        );
        assert!(!output.stdout.is_empty(), "{args:?}");
    }
    // An error report names the user's input, sanitised, without colour.
    let output = mercato(&["rumours", "--player", "\u{1b}]0;PWNED-TITLE\u{7}Nobody"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no player matches 'Nobody'"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains("PWNED"),
        "{stderr:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The dashboard over the hostile folder

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 13).unwrap()
}

fn hostile_state(hostile: &Hostile, width: u16, height: u16) -> State {
    let corpus = load_within_timeout(hostile);
    let model = Model::build(corpus, &Gazetteer::embedded().unwrap());
    let options = Options {
        as_of: as_of(),
        player: None,
        sample: false,
        refresh: None,
        db: None,
        watch: false,
    };
    State::new(
        model,
        &options,
        as_of().and_hms_opt(14, 5, 9).unwrap(),
        (width, height),
    )
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn chars(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// Runs the real event loop on a `TestBackend`; returns the screen's cells as text.
fn run(state: State, width: u16, height: u16, events: Vec<Event>) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    run_app(
        &mut terminal,
        state,
        &Theme::colored(),
        &mut ScriptedEvents::new(events),
        &mut FixedClock(as_of().and_hms_opt(14, 5, 9).unwrap()),
    )
    .unwrap();
    terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(|cell| cell.symbol())
        .collect()
}

#[test]
fn every_size_renders_the_hostile_corpus_without_panic() {
    let hostile = hostile::build();
    let base = hostile_state(&hostile, 120, 40);
    let articles = base.model.articles.len();
    // Read every article (the reader follows the selection).
    let mut read_all = chars("4");
    for _ in 0..articles {
        read_all.extend(chars("j"));
    }
    // Open the problem list and scroll it.
    let mut problems = chars("!");
    problems.extend(chars("jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjG"));
    // The long and odd articles, each selected and read to its end in the reader.
    let mut long_reads = Vec::new();
    for name in [
        "1.4 MB of text on one line",
        "a 200 KB word with no spaces",
        "C0 and C1 control characters",
        "zero-width joiners inside and outside emoji",
    ] {
        let path = label(&hostile.case(name).path);
        let mut state = base.clone();
        dispatch(
            &mut state,
            Key::Focus {
                pane: Pane::Articles,
            },
        );
        while state.model.articles[state.selected_article().unwrap()].path != path {
            dispatch(&mut state, Key::Down);
        }
        long_reads.push(state);
    }
    let mut end = chars("5G");
    end.push(key(KeyCode::PageUp));
    let scripts = [Vec::new(), read_all, problems, chars("?")];
    // A coarse grid from 1×1 to 250×80, through the layout's thresholds (30×8 the smallest
    // drawn, 100×28 the grid).
    let widths = [1, 7, 29, 30, 61, 99, 100, 250];
    let heights = [1, 7, 8, 13, 27, 28, 80];
    let started = Instant::now();
    for &width in &widths {
        for &height in &heights {
            let runs = scripts
                .iter()
                .map(|script| (&base, script))
                .chain(long_reads.iter().map(|state| (state, &end)));
            for (state, script) in runs {
                let mut state = state.clone();
                state.size = (width, height);
                let screen = run(state, width, height, script.clone());
                assert!(
                    !screen.chars().any(char::is_control),
                    "{width}×{height}: a control character reached the screen"
                );
            }
        }
    }
    eprintln!(
        "{} sizes × {} scripts in {:?}",
        widths.len() * heights.len(),
        scripts.len() + long_reads.len(),
        started.elapsed()
    );

    // The articles with escape sequences are drawn, without them: step through every
    // article with the reader open beside the list, collecting each frame.
    let mut seen = String::new();
    let mut state = base.clone();
    let keymap = Keymap::default();
    let theme = Theme::colored();
    let mut terminal = Terminal::new(TestBackend::new(250, 80)).unwrap();
    dispatch(
        &mut state,
        Message::Resize {
            width: 250,
            height: 80,
        },
    );
    dispatch(
        &mut state,
        Key::Focus {
            pane: Pane::Articles,
        },
    );
    for _ in 0..articles {
        terminal
            .draw(|frame| ui::draw(frame, &state, &theme, &keymap))
            .unwrap();
        seen.extend(
            terminal
                .backend()
                .buffer()
                .content
                .iter()
                .map(|c| c.symbol()),
        );
        dispatch(&mut state, Key::Down);
    }
    for marker in MARKERS {
        assert!(seen.contains(marker), "{marker} never drawn");
    }
    for payload in PAYLOADS {
        assert!(!seen.contains(payload), "{payload:?} drawn");
    }
}
