//! End to end: the real binary in a real terminal (tmux), typed at like a user would.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

mod common;

#[allow(dead_code)]
#[path = "../examples/support/synth.rs"]
mod synth;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::tmux::Server;

/// Starts mercato with `args` in the pane's shell, which reports its exit status after.
fn start(args: &str) -> Option<Server> {
    // One private server per session: tests run in parallel.
    static SESSIONS: AtomicUsize = AtomicUsize::new(0);
    let session = SESSIONS.fetch_add(1, Ordering::Relaxed);
    let name = format!("mercato-e2e-{}-{session}", std::process::id());
    let server = Server::start(name, |_| {})?;
    let binary = env!("CARGO_BIN_EXE_mercato");
    // A library path where none exists: the built-in sample, never the user's library.
    server.keys(&[
        &format!("MERCATO_DB=/nonexistent/mercato.db {binary} {args}; echo EXITED-$?"),
        "Enter",
    ]);
    Some(server)
}

#[test]
fn find_ramos_see_his_destinations_and_countdown_then_quit() {
    let Some(session) = start("--as-of 2021-01-13") else {
        return;
    };
    session.wait_for(&["Sergio Ramos", "? help"]);
    session.literal("/rmos");
    let screen = session.wait_for(&["filter: rmos", "1 of 13", "Sergio Ramos", "168 days"]);
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
    session.keys(&["Escape"]);
    session.wait_for(&["13 of 13"]);
    session.literal("q");
    let screen = session.wait_for(&["EXITED-0"]);
    // Back on the main screen: the dashboard is gone and the shell command line is visible.
    assert!(
        !screen.contains("Inter Miami"),
        "dashboard left on screen:\n{screen}"
    );
}

#[test]
fn a_large_corpus_loads_under_a_gauge_that_q_can_interrupt() {
    // About 5 MB of generated articles: seconds of loading for a debug build.
    let dir = tempfile::tempdir().unwrap();
    let options = synth::Options {
        articles: Some(2_000),
        bytes: None,
        seed: 1,
        roster: 2_000,
    };
    synth::generate(dir.path(), &options).unwrap();
    let args = format!("--as-of 2026-01-01 --corpus {}", dir.path().display());

    // Quitting while it loads.
    let Some(session) = start(&args) else {
        return;
    };
    session.wait_for(&["Loading the corpus", "q quits", "Loading…"]);
    session.literal("q");
    session.wait_for(&["EXITED-0"]);
    drop(session);

    // Waiting: the gauge goes and the panes fill in (a player selected, his destinations).
    let Some(session) = start(&args) else {
        return;
    };
    let screen = session.wait_for(&["2 Rumoured destinations ·", "? help"]);
    assert!(!screen.contains("Loading"), "{screen}");
    assert!(!screen.contains("of 0 players"), "{screen}");
    session.literal("q");
    session.wait_for(&["EXITED-0"]);
}

#[test]
fn quitting_less_before_the_end_of_an_export_is_quiet() {
    // An export much bigger than a pipe's buffer: mercato is still writing when less quits.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let options = synth::Options {
        articles: Some(200),
        bytes: None,
        seed: 2,
        roster: 200,
    };
    synth::generate(&corpus, &options).unwrap();
    let (status, errors) = (dir.path().join("status"), dir.path().join("stderr"));
    let binary = env!("CARGO_BIN_EXE_mercato");
    let Some(session) = Server::start(format!("mercato-e2e-less-{}", std::process::id()), |_| {})
    else {
        return;
    };
    session.keys(&[
        &format!(
            "({binary} --as-of 2026-01-01 --corpus {} export 2>{}; echo STATUS-$? >{}) | less",
            corpus.display(),
            errors.display(),
            status.display()
        ),
        "Enter",
    ]);
    session.wait_for(&["\"as_of\": \"2026-01-01\""]);
    session.literal("q");
    session.keys(&[&format!("cat {}; echo DONE", status.display()), "Enter"]);
    session.wait_for(&["STATUS-0", "DONE"]);
    assert_eq!(std::fs::read_to_string(&errors).unwrap(), "");
}

#[test]
fn a_deal_read_stage_by_stage_then_its_sources_and_the_clubs_board() {
    let story = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/story");
    let Some(session) = start(&format!("--as-of 2025-02-15 --corpus {story}")) else {
        return;
    };
    session.wait_for(&["Dario Velasco", "? help"]);
    session.literal("/velasco");
    session.keys(&["Enter", "Enter"]);
    session.wait_for(&["Arsenal", "done", "medical 2025-01-30", "here we go"]);
    session.literal("S");
    session.wait_for(&["Sources · 6", "Nina Hart", "1/1"]);
    // Each overlay closed (the hint bar back) before the next key: an Escape and a key read
    // together are Alt and that key.
    session.keys(&["Escape"]);
    session.wait_for(&["? help"]);
    session.literal("c");
    session.wait_for(&["Club board · Arsenal", "Incoming · 1"]);
    session.keys(&["Escape"]);
    session.wait_for(&["? help"]);
    session.literal("q");
    session.wait_for(&["EXITED-0"]);
}
