//! End to end over the hostile folder: the real binary in a real terminal (a private tmux
//! server), its raw output captured with `tmux pipe-pane`. No escape sequence from article
//! text (or a file name) reaches the terminal, and the terminal is restored on every way out:
//! `q`, the `Ctrl-C` key, SIGTERM, SIGINT and SIGHUP from outside, an error and a panic.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::hostile::{self, Hostile, MARKERS, PAYLOADS};
use common::tmux::Server;

/// A tmux server of our own (its own socket) running `sh`, with everything the pane prints
/// appended to `raw`.
struct Session {
    server: Server,
    /// Holds the raw output and the pid file (deleted when dropped).
    _dir: tempfile::TempDir,
    raw: PathBuf,
    pid_file: PathBuf,
}

impl Session {
    /// Starts mercato over the hostile folder, with `env` (`NAME=value ...`) in front.
    fn start(hostile: &Hostile, test: &str, env: &str) -> Option<Self> {
        let server = Server::start(
            format!("mercato-hostile-{}-{test}", std::process::id()),
            |command| {
                command
                    .env_remove("NO_COLOR")
                    // Short reports (a panic's backtrace would push its message off the screen).
                    .env_remove("RUST_BACKTRACE")
                    .env_remove("RUST_LIB_BACKTRACE");
            },
        )?;
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("raw.out");
        let pid_file = dir.path().join("mercato.pid");
        let session = Self {
            server,
            _dir: dir,
            raw,
            pid_file,
        };
        let pipe = format!("cat >> '{}'", session.raw.display());
        session.tmux(&["pipe-pane", "-o", "-t", &session.server.name, &pipe]);
        // `exec` keeps the pid the inner shell wrote, so signals go to mercato itself.
        let command = format!(
            "{env} sh -c 'echo $$ > {pid}; exec {binary} --corpus {root} --as-of 2021-01-13'; \
             echo EXITED-$?",
            pid = session.pid_file.display(),
            binary = env!("CARGO_BIN_EXE_mercato"),
            root = hostile.root.display(),
        );
        session.keys(&[&command, "Enter"]);
        Some(session)
    }

    fn tmux(&self, args: &[&str]) -> String {
        self.server.run(args)
    }

    fn keys(&self, keys: &[&str]) {
        self.server.keys(keys);
    }

    fn literal(&self, text: &str) {
        self.server.literal(text);
    }

    fn wait_for(&self, texts: &[&str]) -> String {
        self.server.wait_for(texts)
    }

    fn mercato_pid(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(pid) = fs::read_to_string(&self.pid_file)
                && !pid.trim().is_empty()
            {
                return pid.trim().to_string();
            }
            assert!(Instant::now() < deadline, "no pid file");
            sleep(Duration::from_millis(50));
        }
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &self.mercato_pid()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Everything the pane printed so far.
    fn raw(&self) -> Vec<u8> {
        // pipe-pane copies asynchronously: wait until the output stops growing.
        let mut last = usize::MAX;
        for _ in 0..50 {
            let now = fs::metadata(&self.raw).map_or(0, |m| m.len() as usize);
            if now == last {
                break;
            }
            last = now;
            sleep(Duration::from_millis(100));
        }
        fs::read(&self.raw).unwrap_or_default()
    }

    /// Checks that mercato exited with `code` and left the terminal as it found it, and that
    /// nothing from the articles' escape sequences reached the terminal. Returns the raw output.
    fn assert_exited_and_restored(&self, code: u8) -> Vec<u8> {
        let exited = format!("EXITED-{code}");
        let screen = self.wait_for(&[&exited]);
        // Back on the main screen: the dashboard is gone, the shell's output is there.
        assert!(
            !screen.contains("Contract countdowns") && !screen.contains("load problems"),
            "dashboard left on screen:\n{screen}"
        );
        // tmux's view of the pane's modes: main screen, cursor shown, no mouse reporting.
        let modes = self.tmux(&[
            "display",
            "-p",
            "-t",
            &self.server.name,
            "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_standard_flag} \
             #{mouse_button_flag} #{mouse_sgr_flag}",
        ]);
        assert_eq!(modes.trim(), "0 1 0 0 0 0", "pane modes after exit");
        // The tty is out of raw mode: the shell reads this line (Enter is a newline again)
        // and stty finds canonical mode, echo and signals on.
        self.literal(
            "echo TTY-RAW-FLAGS-$(stty -a | tr ' ;' '\\n\\n' | grep -c -x -e -icanon -e -echo -e -isig -e -icrnl -e -opost)",
        );
        self.keys(&["Enter"]);
        self.wait_for(&["TTY-RAW-FLAGS-0"]);

        let raw = self.raw();
        let text = String::from_utf8_lossy(&raw);
        for payload in PAYLOADS {
            assert!(
                !contains(&raw, payload.as_bytes()),
                "{payload:?} reached the terminal"
            );
        }
        // Entered the alternate screen, and the last thing mercato did was leave it: after
        // that only the shell speaks.
        let entered = rfind(&raw, b"\x1b[?1049h").expect("never entered the alternate screen");
        let left = rfind(&raw, b"\x1b[?1049l").expect("never left the alternate screen");
        assert!(left > entered, "the alternate screen was not left last");
        let after = String::from_utf8_lossy(&raw[left..]);
        assert!(after.contains(&exited), "{after:?}");
        for (on, off) in [("\x1b[?1000h", "\x1b[?1000l"), ("\x1b[?25l", "\x1b[?25h")] {
            let on_at = rfind(&raw, on.as_bytes());
            let off_at = rfind(&raw, off.as_bytes());
            assert!(
                on_at.is_none() || off_at > on_at,
                "{on:?} was not undone: {:?}",
                &text[text.len().saturating_sub(400)..]
            );
        }
        assert!(
            !contains(&raw[left..], b"\x1b[?1000h") && !contains(&raw[left..], b"\x1b[?25l"),
            "mercato wrote after leaving the alternate screen"
        );
        raw
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Starts the dashboard and waits for its first screen (the badge counts the problems).
fn started(hostile: &Hostile, test: &str) -> Option<Session> {
    let session = Session::start(hostile, test, "")?;
    session.wait_for(&["load problems (! lists)", "Contract countdowns"]);
    Some(session)
}

#[test]
fn q_after_reading_every_hostile_article_restores_the_terminal() {
    let hostile = hostile::build();
    let Some(session) = started(&hostile, "q") else {
        return;
    };
    // Every article through the reader, waiting for each marked one to show.
    session.literal("4");
    for _ in 0..hostile.cases.iter().map(|c| c.articles).sum::<usize>() {
        session.literal("j");
        sleep(Duration::from_millis(60));
    }
    // The problem list, which names the file whose name carries an escape sequence.
    session.literal("!");
    session.wait_for(&["! or Esc closes", "bad_date.txt:1: malformed date header"]);
    session.literal("G");
    session.wait_for(&[
        "whitespace.md: empty file",
        "zero_width.txt:1: unsafe characters",
    ]);
    session.literal("!");
    session.literal("q");
    let raw = session.assert_exited_and_restored(0);
    // The articles were drawn (their visible text reached the terminal, the escapes did not).
    let text = String::from_utf8_lossy(&raw);
    for marker in MARKERS {
        assert!(text.contains(marker), "{marker} never drawn");
    }
}

#[test]
fn ctrl_c_key_restores_the_terminal() {
    let hostile = hostile::build();
    let Some(session) = started(&hostile, "ctrlc") else {
        return;
    };
    session.keys(&["C-c"]);
    session.assert_exited_and_restored(0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let hostile = hostile::build();
    let Some(session) = started(&hostile, "term") else {
        return;
    };
    session.signal("TERM");
    session.assert_exited_and_restored(128 + 15);
}

#[test]
fn sigint_and_sighup_from_outside_restore_the_terminal() {
    let hostile = hostile::build();
    for (signal, number) in [("INT", 2), ("HUP", 1)] {
        let Some(session) = started(&hostile, &signal.to_lowercase()) else {
            return;
        };
        session.signal(signal);
        session.assert_exited_and_restored(128 + number);
    }
}

#[test]
fn a_panic_restores_the_terminal_then_reports() {
    let hostile = hostile::build();
    let Some(session) = Session::start(&hostile, "panic", "MERCATO_DEBUG_PANIC=1") else {
        return;
    };
    session.assert_exited_and_restored(101);
    // color-eyre's report comes after the restore, on the main screen.
    session.wait_for(&["a deliberate panic"]);
    let raw = session.raw();
    let left = rfind(&raw, b"\x1b[?1049l").unwrap();
    assert!(contains(&raw[left..], b"a deliberate panic"));
}

#[test]
fn an_error_restores_the_terminal_then_reports() {
    let hostile = hostile::build();
    let Some(session) = Session::start(&hostile, "error", "MERCATO_DEBUG_PANIC=error") else {
        return;
    };
    session.assert_exited_and_restored(1);
    session.wait_for(&["a deliberate error"]);
}
