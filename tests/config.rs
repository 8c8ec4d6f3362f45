//! The configuration file, through the real binary: where it is read from, the default it
//! prints, what a mistake in it says, and what its settings change.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

mod common;

use common::tmux::Server;

use common::EXAMPLE;

/// Runs mercato with its own (empty) configuration folder and a library in `dir`.
fn mercato_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mercato"))
        .args(args)
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env("MERCATO_DB", dir.join("mercato.db"))
        .env_remove("MERCATO_CONFIG")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes a configuration file into `dir` and returns its path.
fn config_file(dir: &Path, text: &str) -> String {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn the_path_is_the_flag_the_variable_or_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let output = mercato_in(dir.path(), &["config", "path"]);
    let default = dir.path().join("xdg/mercato/config.toml");
    assert_eq!(stdout(&output), format!("{}\n", default.display()));
    let output = mercato_in(
        dir.path(),
        &["--config", "/etc/mine.toml", "config", "path"],
    );
    assert_eq!(stdout(&output), "/etc/mine.toml\n");
    let output = Command::new(env!("CARGO_BIN_EXE_mercato"))
        .args(["config", "path"])
        .env("MERCATO_CONFIG", "/srv/mercato.toml")
        .output()
        .unwrap();
    assert_eq!(stdout(&output), "/srv/mercato.toml\n");
}

#[test]
fn the_printed_default_checks_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let default = stdout(&mercato_in(dir.path(), &["config", "default"]));
    assert!(default.contains("[refresh]\n"), "{default}");
    assert!(default.contains("# [keys.global]\n"), "{default}");
    let path = config_file(dir.path(), &default);
    let output = mercato_in(dir.path(), &["--config", &path, "config", "check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{path}: ok\n"));
    // The same output as without a configuration.
    let args = ["countdowns", "--as-of", "2021-01-13", "--json"];
    let with = mercato_in(dir.path(), &[&["--config", &path][..], &args].concat());
    assert_eq!(stdout(&with), stdout(&mercato_in(dir.path(), &args)));
}

#[test]
fn the_readme_shows_the_default_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let default = stdout(&mercato_in(dir.path(), &["config", "default"]));
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&format!("```toml\n{default}```\n")),
        "README.md's Configuration section differs from `mercato config default`"
    );
}

#[test]
fn no_file_at_the_default_place_means_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let output = mercato_in(dir.path(), &["config", "check"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).ends_with("config.toml: no such file; the defaults apply\n"));
    let output = mercato_in(dir.path(), &["players", "--limit", "1"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_missing_given_file_is_a_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    let output = mercato_in(
        dir.path(),
        &["--config", missing.to_str().unwrap(), "players"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "mercato: {}: cannot read the configuration: No such file or directory (os error 2)\n",
            missing.display()
        )
    );
}

#[test]
fn a_bad_value_names_the_file_line_column_key_and_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let path = config_file(
        dir.path(),
        "# mine\n[refresh]\ntimeout_secs = 10\ninterval_minutes = \"often\"\n",
    );
    for command in [&["players"][..], &["config", "check"], &["fetch"]] {
        let output = mercato_in(dir.path(), &[&["--config", &path][..], command].concat());
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        assert_eq!(
            stderr(&output),
            format!(
                "mercato: {path}:4:20: refresh.interval_minutes: invalid type: string \
                 \"often\", expected u32\n"
            ),
            "{command:?}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn an_unknown_key_lists_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = config_file(dir.path(), "[countdowns]\nshow_ended = false\n");
    let output = mercato_in(dir.path(), &["--config", &path, "config", "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "mercato: {path}:2:1: countdowns.show_ended: unknown field `show_ended`, expected \
             one of `critical_days`, `soon_days`, `show_expired`, `sort`\n"
        )
    );
}

#[test]
fn a_key_clash_or_a_bad_key_is_a_mistake_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = config_file(dir.path(), "[keys]\nrefresh = [\"r\"]\nquit = [\"x\"]\n");
    let output = mercato_in(dir.path(), &["--config", &path, "config", "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "mercato: {path}:3:9: keys.quit: x would be the key of both quit and unlink in \
             [keys.global] (Everywhere); give one of them another key\n"
        )
    );
    let path = config_file(dir.path(), "[keys.reader]\nnext_match = [\"ctrl-\"]\n");
    let output = mercato_in(dir.path(), &["--config", &path, "config", "check"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!(
            "mercato: {path}:2:15: keys.reader.next_match: 'ctrl-' is not a key"
        )),
        "{message}"
    );
}

#[test]
fn configured_feeds_are_subscribed_and_the_users_own_stay() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("own.xml");
    std::fs::copy(EXAMPLE, &own).unwrap();
    let output = mercato_in(dir.path(), &["feed", "add", own.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let path = config_file(
        dir.path(),
        &format!("[[feed]]\nurl = \"{EXAMPLE}\"\nname = \"Configured\"\nfull_text = true\n"),
    );
    let feeds = |dir: &Path| -> Vec<Value> {
        let output = mercato_in(dir, &["feed", "list", "--json"]);
        serde_json::from_slice(&output.stdout).unwrap()
    };
    // `feed list` is no library command that subscribes.
    assert_eq!(feeds(dir.path()).len(), 1);
    for _ in 0..2 {
        let output = mercato_in(dir.path(), &["--config", &path, "fetch"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let listed = feeds(dir.path());
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert_eq!(listed[1]["name"], "Configured");
        assert_eq!(listed[1]["full_text"], true);
        assert!(listed[0]["url"].as_str().unwrap().ends_with("/own.xml"));
    }
}

#[test]
fn a_bad_feed_address_is_a_mistake_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = config_file(
        dir.path(),
        "[[feed]]\nurl = \"gopher://example.org/feed\"\n",
    );
    let output = mercato_in(dir.path(), &["--config", &path, "fetch"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "mercato: {path}:2:7: feed[0].url: 'gopher' feeds are not supported; use http, \
             https or file\n"
        )
    );
    assert!(!dir.path().join("mercato.db").exists());
}

#[test]
fn countdowns_are_listed_in_the_configured_order() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news");
    std::fs::create_dir(&corpus).unwrap();
    for (file, text) in [
        (
            "a.txt",
            "date 2021-01-10\nZack Abbott's contract with Leeds United expires in June 2021.",
        ),
        (
            "b.txt",
            "date 2021-01-10\nAdam Young's contract with Everton runs until June 2023.",
        ),
    ] {
        std::fs::write(corpus.join(file), text).unwrap();
    }
    let names = |config: &str| -> Vec<String> {
        let path = config_file(dir.path(), config);
        let output = mercato_in(
            dir.path(),
            &[
                "--config",
                &path,
                "--corpus",
                corpus.to_str().unwrap(),
                "--as-of",
                "2021-01-13",
                "countdowns",
                "--json",
            ],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let rows: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
        rows.iter()
            .map(|row| row["player"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(""), ["Zack Abbott", "Adam Young"]);
    assert_eq!(
        names("[countdowns]\nsort = \"player\"\n"),
        ["Adam Young", "Zack Abbott"]
    );
}

#[test]
fn the_dashboard_quits_on_the_configured_key_in_its_configured_theme() {
    let dir = tempfile::tempdir().unwrap();
    let path = config_file(
        dir.path(),
        "[keys]\nquit = [\"Q\", \"ctrl-c\"]\n[theme]\nname = \"light\"\n",
    );
    let Some(session) = Server::start(format!("mercato-e2e-config-{}", std::process::id()), |_| {})
    else {
        return;
    };
    let open = format!(
        "MERCATO_DB=/nonexistent/mercato.db {} --config {path} --as-of 2021-01-13; echo EXITED-$?",
        env!("CARGO_BIN_EXE_mercato"),
    );
    session.keys(&[&open, "Enter"]);
    session.wait_for(&["Sergio Ramos", "Q quit", "? help"]);
    session.literal("q");
    session.literal("?");
    // `q` did nothing: the help opens over the dashboard.
    session.wait_for(&["Keys", "C-c quit"]);
    session.keys(&["Escape"]);
    session.literal("Q");
    session.wait_for(&["EXITED-0"]);

    // A mistake in the file: no dashboard, one line, exit 2.
    let path = config_file(dir.path(), "[theme]\nname = \"sepia\"\n");
    let open = format!(
        "clear; MERCATO_DB=/nonexistent/mercato.db {} --config {path}; echo EXITED-$?",
        env!("CARGO_BIN_EXE_mercato"),
    );
    session.keys(&[&open, "Enter"]);
    let screen = session.wait_for(&["EXITED-2"]);
    assert!(
        screen.contains(&format!(
            "mercato: {path}:2:8: theme.name: unknown variant `sepia`"
        )),
        "{screen}"
    );
}

#[test]
fn source_tiers_show_beside_the_measured_record() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_file(
        dir.path(),
        "[sources]\n\"lisbon daily\" = 2\n\"Football Wire\" = \"speculative\"\n",
    );
    let story = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/story");
    let args = [
        "--config",
        &config,
        "--corpus",
        story,
        "--as-of",
        "2025-03-25",
        "sources",
    ];
    let output = mercato_in(dir.path(), &[&args[..], &["--json"]].concat());
    assert!(output.status.success(), "{}", stderr(&output));
    let records: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let tier = |name: &str| {
        let records = records.as_array().unwrap();
        let record = records.iter().find(|r| r["name"] == name).unwrap();
        record["tier"].clone()
    };
    assert_eq!(tier("Lisbon Daily"), 2);
    assert_eq!(tier("Football Wire"), 3);
    assert_eq!(tier("Nina Hart"), Value::Null);
    let table = stdout(&mercato_in(dir.path(), &args));
    let lisbon = table
        .lines()
        .find(|l| l.starts_with("Lisbon Daily"))
        .unwrap();
    assert!(lisbon.ends_with("2 reliable"), "{table}");
}
