//! A written story of one transfer, told over eleven dated articles (tests/fixtures/story):
//! Dario Velasco of Sporting CP is linked with Arsenal and Newcastle United; Arsenal open
//! talks, have a bid rejected, bid again, agree a fee, and he passes a medical and signs.
//! Juventus are keen and then deny it; Newcastle watch him and go quiet. The golden test of
//! stages, heat and the sources' records, at several dates.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use serde_json::Value;

mod common;

const STORY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/story");

fn mercato(as_of: &str, args: &[&str]) -> String {
    let output = common::mercato()
        .args(["--corpus", STORY, "--as-of", as_of])
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn json(as_of: &str, args: &[&str]) -> Value {
    serde_json::from_str(&mercato(as_of, args)).unwrap()
}

/// The rumours as (club, stage, the ladder's stages), hottest first.
fn rumours(as_of: &str) -> Vec<(String, String, Vec<String>)> {
    let list = json(as_of, &["rumours", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let ladder = r["stages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|step| {
                    format!(
                        "{} {}",
                        step["stage"].as_str().unwrap(),
                        step["date"].as_str().unwrap()
                    )
                })
                .collect();
            (
                r["club"].as_str().unwrap().to_string(),
                r["stage"].as_str().unwrap().to_string(),
                ladder,
            )
        })
        .collect()
}

#[test]
fn every_step_of_the_deal_is_read_with_its_date() {
    let list = rumours("2025-02-15");
    let clubs: Vec<&str> = list.iter().map(|(club, _, _)| club.as_str()).collect();
    assert_eq!(
        clubs,
        ["Arsenal", "Newcastle United", "Juventus"],
        "by heat"
    );
    assert_eq!(
        list[0].2,
        [
            "linked 2025-01-06",
            "talks 2025-01-14",
            "rejected 2025-01-18",
            "bid 2025-01-24",
            "agreed 2025-01-28",
            "medical 2025-01-30",
            "done 2025-02-01"
        ]
    );
    assert_eq!(list[1].2, ["linked 2025-01-06", "interest 2025-01-09"]);
    assert_eq!(list[2].2, ["interest 2025-01-11", "denied 2025-01-20"]);
    assert_eq!(list[2].1, "denied");
}

#[test]
fn nothing_from_later_articles_leaks_into_an_earlier_date() {
    let list = rumours("2025-01-19");
    let arsenal = list.iter().find(|(club, _, _)| club == "Arsenal").unwrap();
    assert_eq!(arsenal.1, "rejected", "the improved bid comes on the 24th");
    let juventus = list.iter().find(|(club, _, _)| club == "Juventus").unwrap();
    assert_eq!(juventus.1, "interest", "the denial comes on the 20th");
    // Before the first article, there is no rumour at all.
    assert!(rumours("2025-01-01").is_empty());
}

#[test]
fn a_rival_that_says_nothing_for_weeks_goes_cold() {
    let heat = |as_of: &str, club: &str| {
        let list = json(as_of, &["rumours", "--json"]);
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["club"] == club)
            .unwrap()["heat"]
            .as_f64()
            .unwrap()
    };
    assert!(heat("2025-01-10", "Newcastle United") > 0.3);
    assert!(
        heat("2025-03-25", "Newcastle United") < 0.1,
        "cold after ten weeks"
    );
    assert!(
        heat("2025-02-01", "Arsenal") > 0.9,
        "done, the day it is done"
    );
}

#[test]
fn sources_are_scored_on_what_came_true() {
    let records = json("2025-03-25", &["sources", "--json"]);
    let record = |name: &str| {
        records
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };
    let nina = record("Nina Hart");
    assert_eq!(
        (nina["done"].as_u64(), nina["settled"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(nina["median_lead_days"], 18, "from the talks on the 14th");
    let lisbon = record("Lisbon Daily");
    assert_eq!(lisbon["rumours"], 2);
    assert_eq!(
        (lisbon["done"].as_u64(), lisbon["failed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(lisbon["median_lead_days"], 26);
    let calcio = record("Calcio Weekly");
    assert_eq!(calcio["hit_rate"], 0.0);
    assert_eq!(calcio["settled"], 1);
}

#[test]
fn the_tables_read_as_the_story() {
    insta::assert_snapshot!("story_rumours", mercato("2025-02-15", &["rumours"]));
    insta::assert_snapshot!("story_sources", mercato("2025-03-25", &["sources"]));
    insta::assert_snapshot!(
        "story_club_arsenal",
        mercato("2025-02-15", &["club", "arsenal"])
    );
    insta::assert_snapshot!(
        "story_club_sporting_before_the_move",
        mercato("2025-01-20", &["club", "sporting"])
    );
}
