//! The headless command line, run as a user runs it.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::process::{Command, Output};

use serde_json::Value;

fn mercato(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mercato"))
        .args(args)
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
                "last_seen",
                "player",
                "sources",
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
