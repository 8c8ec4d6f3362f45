//! End to end: the real binary in a real terminal (tmux), typed at like a user would.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux server of our own (its own socket), so the test never touches the user's sessions.
struct Session {
    name: String,
}

fn tmux(name: &str) -> Command {
    let mut command = Command::new("tmux");
    command.args(["-L", name]);
    command
}

impl Session {
    fn start(args: &str) -> Option<Self> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("tmux is not installed: skipping the end-to-end test");
            return None;
        }
        let name = format!("mercato-e2e-{}", std::process::id());
        let binary = env!("CARGO_BIN_EXE_mercato");
        // The shell stays after mercato exits, so the restored screen can be inspected.
        let status = tmux(&name)
            .args([
                "new-session",
                "-d",
                "-s",
                &name,
                "-x",
                "120",
                "-y",
                "40",
                "sh",
            ])
            .env("TERM", "xterm-256color")
            .status()
            .unwrap();
        assert!(status.success());
        // Deliver Escape at once instead of waiting to see whether a sequence follows.
        let status = tmux(&name)
            .args(["set", "-s", "escape-time", "0"])
            .status()
            .unwrap();
        assert!(status.success());
        let session = Self { name };
        session.keys(&[&format!("{binary} {args}; echo EXITED-$?"), "Enter"]);
        Some(session)
    }

    fn keys(&self, keys: &[&str]) {
        let status = tmux(&self.name)
            .args(["send-keys", "-t", &self.name])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn literal(&self, text: &str) {
        let status = tmux(&self.name)
            .args(["send-keys", "-l", "-t", &self.name, text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let output = tmux(&self.name)
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits until the screen shows every one of `texts` (or fails with the screen).
    fn wait_for(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if texts.iter().all(|text| screen.contains(text)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {texts:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // The whole private server goes (its shell too), and its socket file with it.
        let socket = tmux(&self.name)
            .args(["display", "-p", "#{socket_path}"])
            .output()
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
        let _ = tmux(&self.name).arg("kill-server").status();
        if let Ok(socket) = socket
            && !socket.is_empty()
        {
            let _ = std::fs::remove_file(socket);
        }
    }
}

#[test]
fn find_ramos_see_his_destinations_and_countdown_then_quit() {
    let Some(session) = Session::start("--as-of 2021-01-13") else {
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
