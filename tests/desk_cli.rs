//! The desk's commands through the real binary: `watch`, `digest`, `ics`.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

mod common;

use std::path::Path;
use std::process::Output;

/// Made-up news: two Bens (an ambiguous name), a contract, and a club to watch.
const ARTICLES: [(&str, &str); 2] = [
    (
        "first.txt",
        "date 2026-11-20\n\
         Arsenal are monitoring Ben Whitfield. Celtic want Ben Garrow as well.\n\n\
         Jordan McAllister's contract with Hibernian expires in June 2027.\n",
    ),
    (
        "second.txt",
        "date 2026-11-28\n\
         Rangers have been linked with Jordan McAllister ahead of January.\n",
    ),
];

fn run(db: &Path, args: &[&str]) -> Output {
    common::mercato()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(db: &Path, args: &[&str]) -> String {
    let output = run(db, args);
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// A library holding the articles.
fn library(dir: &Path) -> std::path::PathBuf {
    let news = dir.join("news");
    std::fs::create_dir(&news).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(news.join(name), text).unwrap();
    }
    let db = dir.join("mercato.db");
    stdout(&db, &["import", news.to_str().unwrap()]);
    db
}

#[test]
fn watch_add_remove_and_list_by_fuzzy_names_and_clubs() {
    let dir = tempfile::tempdir().unwrap();
    let db = library(dir.path());
    assert_eq!(
        stdout(&db, &["watch", "add", "mcalister"]),
        "Watching Jordan McAllister.\n"
    );
    assert_eq!(
        stdout(&db, &["watch", "add", "Jordan McAllister"]),
        "Already watching Jordan McAllister.\n"
    );
    assert_eq!(
        stdout(&db, &["watch", "add", "hibs"]),
        "Watching Hibernian.\n"
    );

    // Two Bens: nothing changes, both are named, exit 2.
    let ambiguous = run(&db, &["watch", "add", "ben"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&ambiguous.stderr);
    assert!(
        stderr.contains("Ben Whitfield") && stderr.contains("Ben Garrow"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let nobody = run(&db, &["watch", "add", "zzzzzz"]);
    assert_eq!(nobody.status.code(), Some(2));

    let list: serde_json::Value =
        serde_json::from_str(&stdout(&db, &["watch", "list", "--json"])).unwrap();
    assert_eq!(list["players"][0]["name"], "Jordan McAllister");
    assert_eq!(list["clubs"][0]["name"], "Hibernian");
    assert_eq!(list["players"].as_array().unwrap().len(), 1);
    let table = stdout(&db, &["watch", "list"]);
    assert!(table.starts_with("KIND"), "{table}");

    assert_eq!(
        stdout(&db, &["watch", "remove", "mcallister"]),
        "No longer watching Jordan McAllister.\n"
    );
    assert_eq!(
        run(&db, &["watch", "remove", "mcallister"]).status.code(),
        Some(2)
    );
    let corpus = run(&db, &["--corpus", "x", "watch", "list"]);
    assert_eq!(corpus.status.code(), Some(2));
}

#[test]
fn digest_since_a_day_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = library(dir.path());
    stdout(&db, &["watch", "add", "mcallister"]);
    let text = stdout(
        &db,
        &["digest", "--since", "2000-01-01", "--as-of", "2027-01-15"],
    );
    assert!(
        text.starts_with("Since 2000-01-01 (as of 2027-01-15)\nNew articles: 2"),
        "{text}"
    );
    assert!(text.contains("  * Jordan McAllister → Rangers"), "{text}");
    assert!(
        text.contains(
            "Pre-contract windows opened:\n  * Jordan McAllister (Hibernian): open since 2027-01-01"
        ),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &db,
        &[
            "digest",
            "--since",
            "2000-01-01",
            "--as-of",
            "2027-01-15",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(json["new_articles"], 2);
    assert_eq!(json["rumours"][0]["watched"], true);
    // No dashboard has started yet: no visit to count from.
    assert!(stdout(&db, &["digest"]).starts_with("No visit recorded yet"));
}

#[test]
fn ics_writes_stable_events_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let db = library(dir.path());
    let file = dir.path().join("contracts.ics");
    let said = stdout(&db, &["ics", "--out", file.to_str().unwrap()]);
    assert!(said.starts_with("Wrote 2 events"), "{said}");
    let first = std::fs::read_to_string(&file).unwrap();
    assert!(first.contains("UID:contract-end-jordan-mcallister@mercato"));
    assert!(first.contains("DTSTART;VALUE=DATE:20270630"));
    let again = stdout(&db, &["ics"]);
    let uids = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(uids(&first), uids(&again));
    // Nothing left beside it but the file itself.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("ics"))
        .collect();
    assert_eq!(names, ["contracts.ics"]);
    // Only the watched: nothing watched, nothing listed.
    assert!(!stdout(&db, &["ics", "--watchlist"]).contains("BEGIN:VEVENT"));
    stdout(&db, &["watch", "add", "hibernian"]);
    assert_eq!(uids(&stdout(&db, &["ics", "--watchlist"])).len(), 2);
    let nowhere = run(&db, &["ics", "--out", "/nonexistent/dir/x.ics"]);
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nowhere.stderr).starts_with("mercato: cannot write"));
}

#[test]
fn a_typed_name_with_escapes_comes_back_harmless_and_files_need_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = library(dir.path());
    let output = run(&db, &["watch", "add", "\u{1b}]0;pwned\u{7}zzzz"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.starts_with("mercato: no player or club matches"),
        "{stderr}"
    );

    // Files keep no visits: the digest over --corpus counts from a day, by article dates.
    let news = dir.path().join("news");
    let corpus = ["--corpus", news.to_str().unwrap()];
    let refused = run(&db, &[&corpus[..], &["digest"]].concat());
    assert_eq!(refused.status.code(), Some(2));
    let since = stdout(
        &db,
        &[
            &corpus[..],
            &["digest", "--since", "2026-11-25", "--as-of", "2026-12-01"],
        ]
        .concat(),
    );
    assert!(since.contains("New articles: 1 (no source 1)"), "{since}");
}
