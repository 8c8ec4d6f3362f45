//! The desk, end to end through the real binary in tmux: watch a player, mark an article read,
//! read another in the reader, kill the dashboard with SIGKILL, start it again and find every
//! mark; then news arrives while it is closed, and the next start opens with the digest.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::Server;

use common::{EXAMPLE, EXAMPLE_UPDATE, mercato_ok as mercato};

/// The pid the dashboard wrote, once it is there.
fn pid_in(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(pid) = std::fs::read_to_string(path)
            && !pid.trim().is_empty()
        {
            return pid.trim().to_string();
        }
        assert!(Instant::now() < deadline, "no pid in {}", path.display());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn marks_survive_a_kill_and_news_greets_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mercato.db");
    let feed = dir.path().join("football.xml");
    std::fs::copy(EXAMPLE, &feed).unwrap();
    mercato(&db, &["feed", "add", feed.to_str().unwrap()]);
    mercato(&db, &["fetch"]);

    let Some(session) = Server::start(format!("mercato-e2e-desk-{}", std::process::id()), |_| {})
    else {
        return;
    };
    let pid_file = dir.path().join("pid");
    // The shell writes its pid and becomes the dashboard: that pid is the one to kill.
    let open = format!(
        "sh -c 'echo $$ > {}; exec {} --db {} --as-of 2026-12-04'; echo EXITED-$?",
        pid_file.display(),
        env!("CARGO_BIN_EXE_mercato"),
        db.display()
    );
    session.keys(&[&open, "Enter"]);
    session.wait_for(&["Tiago Varela", "8 unread", "? help"]);

    // Watch a player.
    session.literal("/varela");
    session.keys(&["Enter"]);
    session.wait_for(&["1 of 8"]);
    session.literal("w");
    session.wait_for(&["watching Tiago Varela", "★ Tiago Varela"]);
    // Mark the first article read with m; read the second in the reader for a moment.
    session.literal("4m");
    session.wait_for(&["7 unread · 8"]);
    session.literal("j");
    session.keys(&["Enter"]);
    session.wait_for(&["6 unread · 8"]);

    // SIGKILL: no chance to save anything on the way out.
    let pid = pid_in(&pid_file);
    let killed = Command::new("kill").args(["-9", &pid]).status().unwrap();
    assert!(killed.success());
    session.wait_for(&["EXITED-137"]);
    // A fresh shell: the killed dashboard left the terminal as it was.
    session.run(&["respawn-pane", "-k", "-t", &session.name, "sh"]);

    let watched = mercato(&db, &["watch", "list", "--json"]);
    assert!(watched.contains("\"Tiago Varela\""), "{watched}");

    std::fs::remove_file(&pid_file).unwrap();
    session.keys(&[&open, "Enter"]);
    let screen = session.wait_for(&["★ Tiago Varela", "6 unread · 8", "? help"]);
    assert!(!screen.contains("Since your last visit"), "{screen}");
    session.literal("q");
    session.wait_for(&["EXITED-0"]);

    // News while the dashboard is closed: the next start opens on the digest.
    std::fs::copy(EXAMPLE_UPDATE, &feed).unwrap();
    mercato(&db, &["fetch"]);
    let digest = mercato(
        &db,
        &["digest", "--since-last-visit", "--as-of", "2026-12-04"],
    );
    assert!(digest.contains("New articles: 2"), "{digest}");
    assert!(!digest.contains('\u{1b}'), "plain text: {digest:?}");
    session.keys(&["clear", "Enter"]);
    session.keys(&[&open, "Enter"]);
    session.wait_for(&[
        "Since your last visit",
        "New articles: 2",
        "Esc or D closes",
    ]);
    session.keys(&["Escape"]);
    session.wait_for(&["8 unread · 10"]);
    session.literal("D");
    session.wait_for(&["Since your last visit"]);
    session.keys(&["Escape"]);
    session.wait_for(&["8 unread · 10"]);
    session.literal("q");
    session.wait_for(&["EXITED-0"]);
}
