//! The headless command line, run as a user runs it.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::process::{Command, Output};

use serde_json::Value;

mod common;

/// A library path where none exists: without `--corpus`, commands read the built-in sample,
/// never the user's own library.
const NO_LIBRARY: &str = "/nonexistent/mercato-tests/mercato.db";
/// A configuration folder where none exists: the defaults, never the user's configuration.
const NO_CONFIG: &str = "/nonexistent/mercato-tests/config";

fn mercato(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mercato"))
        .args(args)
        .env("MERCATO_DB", NO_LIBRARY)
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .env_remove("MERCATO_CONFIG")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn export_has_the_documented_shape() {
    let output = mercato(&["export", "--as-of", "2021-01-13"]);
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["as_of"], "2021-01-13");
    let keys = |value: &Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    for (list, wanted) in [
        (
            "articles",
            &["clubs", "date", "id", "path", "players", "sources", "title"][..],
        ),
        (
            "people",
            &["aliases", "articles", "club", "name", "role"][..],
        ),
        (
            "rumours",
            &[
                "articles",
                "club",
                "evidence",
                "first_seen",
                "heat",
                "last_seen",
                "player",
                "sources",
                "stage",
                "stages",
            ][..],
        ),
        (
            "contracts",
            &[
                "club",
                "conflicts",
                "days_left",
                "evidence",
                "expires",
                "player",
                "precontract_from",
            ][..],
        ),
    ] {
        let first = &json[list][0];
        let have = keys(first);
        for key in wanted {
            assert!(
                have.contains(&(*key).to_string()),
                "{list} lacks {key}: {have:?}"
            );
        }
    }
    let contract = json["contracts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["player"] == "Sergio Ramos")
        .unwrap();
    assert_eq!(contract["expires"], "2021-06-30");
    assert_eq!(contract["precontract_from"], "2021-01-01");
    assert_eq!(contract["days_left"], 168);
    let evidence = &contract["evidence"][0];
    assert!(evidence["expires"].is_string());
    let article = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == evidence["article"])
        .unwrap();
    assert!(article["title"].as_str().is_some_and(|t| !t.is_empty()));
    let undated = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["date"].is_null())
        .count();
    assert_eq!(undated, 1);
}

#[test]
fn players_query_is_accent_insensitive_and_typo_tolerant() {
    let found = stdout(&mercato(&["players", "modric"]));
    assert!(found.contains("Luka Modrić"), "{found}");
    let found = stdout(&mercato(&["players", "rmaos"]));
    assert!(found.contains("Sergio Ramos"), "{found}");
    let json: Value = serde_json::from_slice(&mercato(&["players", "--json"]).stdout).unwrap();
    assert!(json.as_array().unwrap().len() >= 13);
}

#[test]
fn rumours_for_one_player() {
    let output = mercato(&["rumours", "--player", "ramos", "--json"]);
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let clubs: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["club"].as_str().unwrap())
        .collect();
    assert_eq!(clubs.len(), 7, "{clubs:?}");
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|r| r["player"] == "Sergio Ramos")
    );

    let missing = mercato(&["rumours", "--player", "zzzzqqq"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no player matches"));
}

#[test]
fn countdowns_table() {
    let table = stdout(&mercato(&["countdowns", "--as-of", "2020-11-11"]));
    assert!(table.contains("Sergio Ramos"), "{table}");
    assert!(table.contains("231 days"), "{table}");
}

#[test]
fn check_reports_problems_and_fails_on_rejected_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "date 2022-03-01 Jordan McAllister is linked with Celtic.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.jsonl"),
        "{\"body\": \"Fine article.\"}\n{not json\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "   \n").unwrap();
    let path = dir.path().to_str().unwrap();
    let output = mercato(&["check", "--corpus", path]);
    assert!(!output.status.success());
    let report = stdout(&output);
    assert!(report.contains("broken.jsonl:2"), "{report}");
    assert!(report.contains("empty.txt"), "{report}");
    assert!(report.contains("2 articles loaded"), "{report}");

    let clean = mercato(&[
        "check",
        "--corpus",
        dir.path().join("good.txt").to_str().unwrap(),
    ]);
    assert!(clean.status.success(), "{}", stdout(&clean));
}

#[test]
fn bad_dates_and_every_command_have_help() {
    let output = mercato(&["export", "--as-of", "2021-13-45"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));
    for command in ["export", "players", "rumours", "countdowns", "check"] {
        let help = mercato(&[command, "--help"]);
        assert!(help.status.success(), "{command}");
        assert!(stdout(&help).contains("Usage"), "{command}");
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs mercato with its stdout a pipe whose reader has already gone, as after `| head`.
fn into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_mercato"))
        .args(args)
        .env("MERCATO_DB", NO_LIBRARY)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
        .wait_with_output()
        .unwrap()
}

#[test]
fn a_reader_that_leaves_early_ends_mercato_quietly() {
    for command in [
        &["export"][..],
        &["players", "--json"],
        &["players"],
        &["rumours"],
        &["countdowns", "--json"],
        &["check"],
    ] {
        let args = [&["--as-of", "2021-01-13"][..], command].concat();
        let output = into_closed_pipe(&args);
        assert_eq!(stderr(&output), "", "{command:?}");
        assert_eq!(output.status.code(), Some(0), "{command:?}");
    }
}

#[test]
fn a_user_mistake_is_one_line_without_a_report() {
    let output = Command::new(env!("CARGO_BIN_EXE_mercato"))
        .args(["rumours", "--player", "nobody"])
        .env("RUST_BACKTRACE", "1")
        .env("MERCATO_DB", NO_LIBRARY)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "mercato: no player matches 'nobody' (try: mercato players nob)\n"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_corpus_that_loads_nothing_fails_and_a_partial_one_warns() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nonexistent");
    let output = mercato(&["players", "--corpus", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with("mercato: no article loaded: 1 file"),
        "{message}"
    );
    assert!(message.contains("mercato check --corpus"), "{message}");
    assert!(output.stdout.is_empty(), "{}", stdout(&output));

    std::fs::write(
        dir.path().join("good.txt"),
        "date 2022-03-01 Jordan McAllister is linked with Celtic.",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
    std::fs::write(dir.path().join("blank.md"), "\n").unwrap();
    let output = mercato(&["players", "--corpus", dir.path().to_str().unwrap()]);
    assert!(output.status.success());
    assert_eq!(
        stderr(&output),
        "mercato: warning: 2 files or lines rejected, 1 article loaded (see why: mercato check)\n"
    );
    assert!(stdout(&output).contains("Jordan McAllister"));
}

#[test]
fn the_global_player_flag_is_honoured_by_rumours_and_refused_elsewhere() {
    let global = mercato(&["--player", "ramos", "rumours", "--json"]);
    assert!(global.status.success(), "{}", stderr(&global));
    let own = mercato(&["rumours", "--player", "ramos", "--json"]);
    assert_eq!(global.stdout, own.stdout);

    let both = mercato(&["--player", "modric", "rumours", "--player", "ramos"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("disagree"), "{}", stderr(&both));

    for command in ["players", "countdowns", "export", "check"] {
        let output = mercato(&["--player", "ramos", command]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(
            stderr(&output).starts_with(&format!("mercato: --player before `{command}`")),
            "{}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty(), "{command}");
    }
}

#[test]
fn the_dashboard_without_a_terminal_says_so_in_one_line() {
    // The test harness gives no terminal: stdout is a pipe.
    let output = mercato(&["--as-of", "2021-01-13"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "{:?}", output.stdout);
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("needs a terminal"), "{message}");
    assert!(message.contains("export, players, rumours"), "{message}");
    assert!(!message.contains('\u{1b}'), "{message:?}");
}

#[test]
fn players_rank_by_relevance_and_carry_what_the_table_shows() {
    // "ram": Ramos (a whole-word start) before Ramsey, whatever their names' order.
    let table = stdout(&mercato(&["players", "ram"]));
    let ramos = table.find("Sergio Ramos").unwrap();
    let ramsey = table.find("Aaron Ramsey").unwrap();
    assert!(ramos < ramsey, "{table}");

    let json: Value =
        serde_json::from_slice(&mercato(&["players", "ramos", "--json"]).stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["name"], "Sergio Ramos");
    assert_eq!(first["rumours"], 7);
    assert_eq!(first["contract_ends"], "2021-06-30");
    assert_eq!(first["club"], "Real Madrid");
}

#[test]
fn limit_caps_every_list() {
    let count = |args: &[&str]| -> usize {
        let output = mercato(args);
        assert!(output.status.success(), "{args:?}");
        serde_json::from_slice::<Value>(&output.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&["players", "--json", "--limit", "2"]), 2);
    assert_eq!(count(&["rumours", "--json", "--limit", "3"]), 3);
    assert_eq!(count(&["countdowns", "--json", "--limit", "1"]), 1);
    // A table: the header and N rows.
    let table = stdout(&mercato(&["players", "--limit", "4"]));
    assert_eq!(table.lines().count(), 5, "{table}");
}

#[test]
fn help_ends_with_examples_and_the_environment() {
    let help = stdout(&mercato(&["--help"]));
    let examples = help.find("Examples:").unwrap();
    let environment = help.find("Environment:").unwrap();
    assert!(examples < environment, "{help}");
    assert!(
        help[examples..].contains("mercato players modric"),
        "{help}"
    );
    assert!(help[environment..].contains("NO_COLOR"), "{help}");
}

#[test]
fn the_built_in_sample_is_seen_as_of_its_newest_article_unless_told_otherwise() {
    let as_of = |args: &[&str]| -> Value {
        let json: Value = serde_json::from_slice(&mercato(args).stdout).unwrap();
        json["as_of"].clone()
    };
    assert_eq!(as_of(&["export"]), "2021-01-13");
    assert_eq!(as_of(&["export", "--as-of", "2020-11-11"]), "2020-11-11");
    let table = stdout(&mercato(&["countdowns"]));
    assert!(table.starts_with("as of 2021-01-13"), "{table}");
}

#[test]
fn countdowns_list_running_contracts_first_then_the_latest_ended() {
    let dir = tempfile::tempdir().unwrap();
    common::contracts::write(dir.path());
    let corpus = dir.path().to_str().unwrap();
    let table = stdout(&mercato(&[
        "countdowns",
        "--corpus",
        corpus,
        "--as-of",
        "2021-01-13",
    ]));
    let players: Vec<&str> = table
        .lines()
        .skip(2)
        .map(|line| line.split("  ").next().unwrap())
        .collect();
    assert_eq!(
        players,
        [
            "Jordan McAllister",
            "Tomás Ferreira",
            "Marco Bellandi",
            "Kevin Lindqvist"
        ],
        "{table}"
    );
    // A disagreement is counted in the row; the dates are in --json.
    assert!(table.contains("2022-06-30 (+1 other date)"), "{table}");
    assert!(table.contains("3 years 5 months (1,264 days)"), "{table}");
    let json: Value = serde_json::from_slice(
        &mercato(&[
            "countdowns",
            "--corpus",
            corpus,
            "--as-of",
            "2021-01-13",
            "--json",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(json[0]["conflicts"][0], "2021-06-30");
}

#[test]
fn watch_needs_a_corpus_and_the_dashboard() {
    for args in [
        &["--watch"][..],
        &["--watch", "--corpus", "assets/articles", "players"][..],
    ] {
        let output = mercato(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("mercato: --watch follows the --corpus folders"),
            "{stderr}"
        );
    }
}

#[test]
fn sources_and_club_boards_over_the_sample() {
    let output = mercato(&["sources", "--json", "--as-of", "2021-01-13"]);
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &json[0];
    for key in [
        "name",
        "rumours",
        "done",
        "failed",
        "open",
        "hit_rate",
        "settled",
        "median_lead_days",
        "reported",
    ] {
        assert!(first.get(key).is_some(), "sources lack {key}: {first}");
    }
    let table = stdout(&mercato(&["sources", "--as-of", "2021-01-13"]));
    assert!(table.starts_with("SOURCE"), "{table}");

    let board = mercato(&["club", "juve", "--json", "--as-of", "2021-01-13"]);
    assert!(board.status.success());
    let json: Value = serde_json::from_slice(&board.stdout).unwrap();
    assert_eq!(json["club"], "Juventus");
    assert_eq!(json["incoming"][0]["player"], "Sergio Ramos");
    assert_eq!(json["incoming"][0]["stage"], "interest");

    let missing = mercato(&["club", "zzzzqqqxx"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        stderr(&missing),
        "mercato: no club in these articles matches 'zzzzqqqxx'\n"
    );
}
