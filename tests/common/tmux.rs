//! A tmux server of our own (its own socket) running `sh` in a 120×40 pane, so end-to-end
//! tests type at the real binary without touching the user's sessions.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

fn tmux(server: &str) -> Command {
    let mut command = Command::new("tmux");
    command.args(["-L", server]);
    command
}

pub struct Server {
    pub name: String,
}

impl Server {
    /// Starts the server, or returns `None` (with a notice) when tmux is not installed.
    /// `configure` adjusts the environment the pane's shell starts with.
    pub fn start(name: String, configure: impl FnOnce(&mut Command)) -> Option<Self> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("tmux is not installed: skipping the end-to-end test");
            return None;
        }
        let mut command = tmux(&name);
        command
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
            // The defaults, never the user's own configuration.
            .env("XDG_CONFIG_HOME", super::NO_CONFIG)
            .env_remove("MERCATO_CONFIG");
        configure(&mut command);
        assert!(command.status().unwrap().success());
        let server = Self { name };
        // Deliver Escape at once instead of waiting to see whether a sequence follows.
        server.run(&["set", "-s", "escape-time", "0"]);
        Some(server)
    }

    /// Runs a tmux command against this server; returns what it printed.
    pub fn run(&self, args: &[&str]) -> String {
        let output = tmux(&self.name).args(args).output().unwrap();
        assert!(output.status.success(), "tmux {args:?}: {output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.name];
        args.extend(keys);
        self.run(&args);
    }

    pub fn literal(&self, text: &str) {
        self.run(&["send-keys", "-l", "-t", &self.name, text]);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.name])
    }

    /// Waits until the screen shows every one of `texts` (or fails with the screen).
    pub fn wait_for(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
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

impl Drop for Server {
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
