//! End to end, as the README tells a new user: subscribe to the example feed, fetch it, open
//! the dashboard, see its players; the feed moves on, `R` brings the new items in; quit,
//! start again, and everything is still there. The real binary in tmux, its own `--db`.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

mod common;

use common::tmux::Server;

use common::{EXAMPLE, EXAMPLE_UPDATE, mercato_ok as mercato};

#[test]
fn subscribe_fetch_read_refresh_quit_and_find_it_all_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mercato.db");
    let feed = dir.path().join("football.xml");
    std::fs::copy(EXAMPLE, &feed).unwrap();
    mercato(&db, &["feed", "add", feed.to_str().unwrap()]);
    assert!(mercato(&db, &["fetch"]).contains("8 new articles"));

    let Some(session) = Server::start(
        format!("mercato-e2e-library-{}", std::process::id()),
        |_| {},
    ) else {
        return;
    };
    let open = format!(
        "{} --db {} --as-of 2026-12-04; echo EXITED-$?",
        env!("CARGO_BIN_EXE_mercato"),
        db.display()
    );
    session.keys(&[&open, "Enter"]);
    let screen = session.wait_for(&["Tiago Varela", "Mercato example feed", "? help"]);
    assert!(!screen.contains("built-in sample"), "{screen}");
    assert!(!screen.contains("Sergio Ramos"), "{screen}");

    // The feed moves on; R fetches in the background and merges the two new items.
    std::fs::copy(EXAMPLE_UPDATE, &feed).unwrap();
    session.literal("R");
    session.wait_for(&["fetched: 2 new articles", "2 new · 10"]);
    session.literal("q");
    session.wait_for(&["EXITED-0"]);

    // Everything is still there for the next start.
    session.keys(&["clear", "Enter"]);
    session.keys(&[&open, "Enter"]);
    // Emil Holtegaard came with the update; the Articles title counts all ten (unread).
    session.wait_for(&["Emil Holtegaard", " 10 unread ┐", "? help"]);
    session.literal("q");
    session.wait_for(&["EXITED-0"]);
}

#[test]
fn a_watched_folder_brings_new_and_edited_files_into_the_open_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("first.txt"),
        "date 2026-11-30\nTiago Varela has been linked with a move to Arsenal.\n",
    )
    .unwrap();
    let Some(session) = Server::start(format!("mercato-e2e-watch-{}", std::process::id()), |_| {})
    else {
        return;
    };
    session.keys(&[
        &format!(
            "{} --corpus {} --watch --as-of 2026-12-04; echo EXITED-$?",
            env!("CARGO_BIN_EXE_mercato"),
            corpus.display()
        ),
        "Enter",
    ]);
    session.wait_for(&["Tiago Varela", "? help"]);

    // A new file in a new subfolder.
    std::fs::create_dir(corpus.join("december")).unwrap();
    std::fs::write(
        corpus.join("december/second.txt"),
        "date 2026-12-02\nLille are monitoring Youssouf Dembara ahead of January.\n",
    )
    .unwrap();
    session.wait_for(&["Youssouf Dembara", "read 1 article from changed files"]);

    // An editor's save: a new file renamed over the old one.
    let draft = corpus.join(".first.txt.swp");
    std::fs::write(
        &draft,
        "date 2026-11-30\nTiago Varela has been linked with a move to Napoli.\n",
    )
    .unwrap();
    std::fs::rename(&draft, corpus.join("first.txt")).unwrap();
    session.literal("/varela");
    let screen = session.wait_for(&["Napoli"]);
    assert!(
        !screen.contains("Arsenal"),
        "the edit replaced the old text:\n{screen}"
    );
    session.keys(&["Escape"]);
    // Escape and q in one read would be Alt-q: wait for the filter to go first.
    session.wait_for(&["2 of 2 players"]);
    session.literal("q");
    session.wait_for(&["EXITED-0"]);
}
