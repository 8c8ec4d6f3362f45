//! End to end, as the README tells a new user: subscribe to the example feed, fetch it, open
//! the dashboard, see its players; the feed moves on, `R` brings the new items in; quit,
//! start again, and everything is still there. The real binary in tmux, its own `--db`.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

mod common;

use std::path::Path;
use std::process::Command;

use common::tmux::Server;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/feeds/example.xml");
const EXAMPLE_UPDATE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/feeds/example-update.xml"
);

fn mercato(db: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_mercato"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

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
    // Emil Holtegaard came with the update; the Articles title counts all ten.
    session.wait_for(&["Emil Holtegaard", " 10 ┐", "? help"]);
    session.literal("q");
    session.wait_for(&["EXITED-0"]);
}
