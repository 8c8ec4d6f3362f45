//! End to end: the real binary in a real terminal (tmux), typed at like a user would.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

mod common;

use common::tmux::Server;

/// Starts mercato with `args` in the pane's shell, which reports its exit status after.
fn start(args: &str) -> Option<Server> {
    let server = Server::start(format!("mercato-e2e-{}", std::process::id()), |_| {})?;
    let binary = env!("CARGO_BIN_EXE_mercato");
    server.keys(&[&format!("{binary} {args}; echo EXITED-$?"), "Enter"]);
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
