//! The library through the real binary: subscribing, fetching from a local server (and feed
//! files), what a failing feed leaves behind, and starting again with everything there.
//! Nothing leaves 127.0.0.1; every run has its own `--db`.

#![allow(clippy::unwrap_used)] // test helpers (tests/common): a panic is the failure report

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::http::{Reply, TestServer};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds");
use common::{EXAMPLE, EXAMPLE_UPDATE};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

/// Runs mercato on the library `db`.
fn mercato(db: &Path, args: &[&str]) -> Output {
    common::mercato()
        .arg("--db")
        .arg(db)
        .args(["--as-of", "2026-12-04"])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!("{error}: {}", stdout(output));
    })
}

fn library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mercato.db");
    (dir, db)
}

#[test]
fn a_feed_file_subscribed_fetched_read_updated_and_still_there_after_a_restart() {
    let (dir, db) = library();
    let feed = dir.path().join("transfers.xml");
    std::fs::copy(EXAMPLE, &feed).unwrap();

    let added = mercato(
        &db,
        &["feed", "add", feed.to_str().unwrap(), "--name", "Example"],
    );
    assert!(added.status.success(), "{added:?}");
    assert!(stdout(&added).contains("Subscribed to Example"));

    let fetched = mercato(&db, &["fetch"]);
    assert_eq!(fetched.status.code(), Some(0), "{fetched:?}");
    assert!(stdout(&fetched).starts_with("new"), "{}", stdout(&fetched));
    assert!(
        stdout(&fetched).contains("8 new articles"),
        "{}",
        stdout(&fetched)
    );

    // The commands read the library now, not the built-in sample.
    let players = json(&mercato(&db, &["players", "--json"]));
    assert!(!players.as_array().unwrap().is_empty());
    assert!(!stdout(&mercato(&db, &["players"])).contains("Sergio Ramos"));
    let countdowns = json(&mercato(&db, &["countdowns", "--json"]));
    assert!(!countdowns.as_array().unwrap().is_empty());
    let rumours = json(&mercato(&db, &["rumours", "--json"]));
    assert!(!rumours.as_array().unwrap().is_empty());

    // Unchanged file: nothing new.
    let again = mercato(&db, &["fetch", "--json"]);
    let again = json(&again);
    assert_eq!(again[0]["status"], "unchanged");

    // The feed the next day: two more items.
    std::fs::copy(EXAMPLE_UPDATE, &feed).unwrap();
    let updated = json(&mercato(&db, &["fetch", "--json"]));
    assert_eq!(updated[0]["status"], "new");
    assert_eq!(updated[0]["new"], 2);

    // Everything is still there for the next run.
    let list = json(&mercato(&db, &["feed", "list", "--json"]));
    assert_eq!(list[0]["articles"], 10);
    assert_eq!(list[0]["name"], "Example");
    let export = json(&mercato(&db, &["export"]));
    assert_eq!(export["articles"].as_array().unwrap().len(), 10);
}

#[test]
fn feeds_that_fail_are_reported_and_stored_and_the_others_are_kept() {
    let server = TestServer::start();
    server.route(
        "/sport.xml",
        Reply::ok(fixture("bbc-style.xml")).header("ETag", "\"sport-1\""),
    );
    server.route("/gone.xml", Reply::status(404));
    server.route("/broken.xml", Reply::status(500));
    server.route(
        "/busy.xml",
        Reply::status(429).header("Retry-After", "3600"),
    );
    server.route("/page.xml", Reply::ok(fixture("not-a-feed.xml")));
    server.route("/invalid.xml", Reply::ok(fixture("broken.xml")));
    server.route("/loop.xml", Reply::redirect("/loop.xml"));
    server.route("/huge.xml", Reply::huge(11 * 1024 * 1024));
    let (_dir, db) = library();
    let paths = [
        "/sport.xml",
        "/gone.xml",
        "/broken.xml",
        "/busy.xml",
        "/page.xml",
        "/invalid.xml",
        "/loop.xml",
        "/huge.xml",
    ];
    for path in paths {
        let added = mercato(&db, &["feed", "add", &server.url(path)]);
        assert!(added.status.success(), "{added:?}");
    }

    let fetched = mercato(&db, &["fetch", "--json"]);
    assert_eq!(fetched.status.code(), Some(1), "any failure: exit 1");
    let reports = json(&fetched);
    let report = |path: &str| {
        reports
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["url"] == server.url(path))
            .unwrap()
            .clone()
    };
    assert_eq!(report("/sport.xml")["status"], "new");
    // The same story under two guids is stored once.
    assert_eq!(report("/sport.xml")["new"], 2);
    for (path, error) in [
        ("/gone.xml", "404"),
        ("/broken.xml", "500"),
        ("/busy.xml", "429"),
        ("/page.xml", "HTML page"),
        ("/invalid.xml", "XML"),
        ("/loop.xml", "redirects"),
        ("/huge.xml", "larger than"),
    ] {
        let report = report(path);
        assert_eq!(report["status"], "error", "{path}");
        let text = report["error"].as_str().unwrap_or_default();
        assert!(text.contains(error), "{path}: {text}");
    }

    // The errors stay with the feeds; the stored articles are intact.
    let list = json(&mercato(&db, &["feed", "list", "--json"]));
    let feed = |path: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|f| f["url"] == server.url(path))
            .unwrap()
            .clone()
    };
    assert_eq!(feed("/gone.xml")["http_status"], 404);
    assert_eq!(feed("/gone.xml")["failures"], 1);
    assert!(feed("/busy.xml")["retry_after"].is_string());
    assert_eq!(feed("/sport.xml")["articles"], 2);
    assert!(feed("/sport.xml")["error"].is_null());
    let table = stdout(&mercato(&db, &["feed", "list"]));
    assert!(table.contains("HTTP 404"), "{table}");
    // `check` over the library lists the failing feeds as problems.
    let check = stdout(&mercato(&db, &["check"]));
    assert!(check.contains("/gone.xml"), "{check}");

    // Next time: validators sent, 304 keeps the articles, and the busy server is left alone.
    server.route(
        "/sport.xml",
        Reply::status(304).header("ETag", "\"sport-2\""),
    );
    let second = json(&mercato(&db, &["fetch", "--json"]));
    let sport = second
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == server.url("/sport.xml"))
        .unwrap();
    assert_eq!(sport["status"], "unchanged");
    assert_eq!(sport["http_status"], 304);
    let requests = server.requests("/sport.xml");
    assert_eq!(requests[1].header("if-none-match"), Some("\"sport-1\""));
    assert_eq!(
        server.hits("/busy.xml"),
        1,
        "not asked again before Retry-After"
    );
    let list = json(&mercato(&db, &["feed", "list", "--json"]));
    assert_eq!(feed_etag(&list, &server.url("/sport.xml")), "\"sport-2\"");
    let export = json(&mercato(&db, &["export"]));
    assert_eq!(export["articles"].as_array().unwrap().len(), 2);
}

fn feed_etag(list: &Value, url: &str) -> String {
    list.as_array()
        .unwrap()
        .iter()
        .find(|f| f["url"] == url)
        .and_then(|f| f["etag"].as_str())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_same_story_in_two_feeds_is_stored_once() {
    let server = TestServer::start();
    server.route("/a.xml", Reply::ok(fixture("bbc-style.xml")));
    server.route("/b.xml", Reply::ok(fixture("bbc-style.xml")));
    let (_dir, db) = library();
    mercato(&db, &["feed", "add", &server.url("/a.xml")]);
    mercato(&db, &["feed", "add", &server.url("/b.xml")]);
    let fetched = mercato(&db, &["fetch"]);
    assert!(fetched.status.success(), "{fetched:?}");
    let export = json(&mercato(&db, &["export"]));
    assert_eq!(export["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn removing_a_feed_keeps_its_articles_unless_purged() {
    let server = TestServer::start();
    server.route("/a.xml", Reply::ok(fixture("bbc-style.xml")));
    let (_dir, db) = library();
    mercato(
        &db,
        &["feed", "add", &server.url("/a.xml"), "--name", "Sport"],
    );
    mercato(&db, &["fetch"]);
    let removed = mercato(&db, &["feed", "remove", "Sport"]);
    assert!(
        stdout(&removed).contains("its 2 articles stay"),
        "{removed:?}"
    );
    assert_eq!(
        json(&mercato(&db, &["export"]))["articles"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let missing = mercato(&db, &["feed", "remove", "Sport"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("mercato: no feed"));
}

#[test]
fn mistakes_are_one_line_and_a_foreign_file_is_never_overwritten() {
    let (dir, db) = library();
    let bad = mercato(&db, &["feed", "add", "ftp://example.org/feed.xml"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("'ftp' feeds are not supported"));
    let missing = mercato(&db, &["feed", "add", "/no/such/feed.xml"]);
    assert_eq!(missing.status.code(), Some(1));

    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "not a database, just words\n".repeat(100)).unwrap();
    for args in [&["fetch"][..], &["players"][..], &["feed", "list"][..]] {
        let output = mercato(&notes, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("notes.db") && stderr.contains("not a Mercato library"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    assert!(
        std::fs::read_to_string(&notes)
            .unwrap()
            .starts_with("not a database")
    );

    let corpus_too = mercato(&db, &["--corpus", EXAMPLE, "fetch"]);
    assert_eq!(corpus_too.status.code(), Some(2));
}

#[test]
fn import_copies_files_into_the_library_once() {
    let (_dir, db) = library();
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
    let first = mercato(&db, &["import", articles, EXAMPLE]);
    assert!(first.status.success(), "{first:?}");
    assert!(stdout(&first).contains("11 new"), "{}", stdout(&first));
    let second = mercato(&db, &["import", articles]);
    assert!(
        stdout(&second).contains("0 new, 0 updated, 3 already"),
        "{}",
        stdout(&second)
    );
    let players = stdout(&mercato(&db, &["players", "ramos"]));
    assert!(players.contains("Sergio Ramos"), "{players}");
}

/// An RSS feed of `items` distinct stories.
fn generated_feed(feed: usize, items: usize) -> String {
    let items: String = (0..items)
        .map(|item| {
            format!(
                "<item><title>Story {feed}-{item}</title><guid>g-{feed}-{item}</guid>\
                 <link>https://example.org/{feed}/{item}</link>\
                 <pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate>\
                 <description>Player {feed} {item} has been linked with a move to Celtic. \
                 Story number {item} of feed {feed}.</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title>\
         {items}</channel></rss>"
    )
}

#[test]
fn a_fetch_killed_at_any_moment_leaves_every_feed_whole_or_absent() {
    const FEEDS: usize = 24;
    const ITEMS: usize = 150;
    let server = TestServer::start();
    let (_dir, db) = library();
    for feed in 0..FEEDS {
        let path = format!("/feed-{feed}.xml");
        server.route(&path, Reply::ok(generated_feed(feed, ITEMS)));
        assert!(
            mercato(&db, &["feed", "add", &server.url(&path)])
                .status
                .success()
        );
    }
    // Kills at moments spread over a fetch (a fixed sequence: the run is reproducible).
    let mut cut_midway = 0;
    for delay in [15, 60, 110, 170, 240, 320, 410, 520, 650, 800] {
        let mut child = common::mercato()
            .arg("--db")
            .arg(&db)
            .arg("fetch")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let connection = rusqlite::Connection::open(&db).unwrap();
        let integrity: String = connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "after a kill at {delay} ms");
        let mut counts = connection
            .prepare(
                "SELECT f.url, f.fetched_at IS NOT NULL, count(a.id) FROM feeds f \
                 LEFT JOIN articles a ON a.feed_id = f.id GROUP BY f.id",
            )
            .unwrap();
        let rows: Vec<(String, bool, i64)> = counts
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), FEEDS);
        let whole = rows.iter().filter(|(_, fetched, _)| *fetched).count();
        if whole > 0 && whole < FEEDS {
            cut_midway += 1;
        }
        for (url, fetched, articles) in rows {
            assert!(
                (fetched && articles == ITEMS as i64) || (!fetched && articles == 0),
                "{url} after a kill at {delay} ms: fetched {fetched}, {articles} articles"
            );
        }
    }
    assert!(cut_midway > 0, "no kill landed in the middle of a fetch");
    let finished = mercato(&db, &["fetch", "--json"]);
    assert!(finished.status.success(), "{finished:?}");
    let list = json(&mercato(&db, &["feed", "list", "--json"]));
    for feed in list.as_array().unwrap() {
        assert_eq!(feed["articles"], ITEMS, "{feed}");
    }
}

/// A feed whose items carry only a summary and link to `pages` on the same server.
fn summary_feed(server: &TestServer, pages: &[&str]) -> String {
    let items: String = pages
        .iter()
        .map(|page| {
            format!(
                "<item><title>Story {page}</title><guid>{page}</guid><link>{}</link>\
                 <description>A short summary of {page}.</description></item>",
                server.url(page)
            )
        })
        .collect();
    format!("<rss version=\"2.0\"><channel><title>Summaries</title>{items}</channel></rss>")
}

#[test]
fn full_text_feeds_keep_each_page_s_main_text_or_say_why_not() {
    let server = TestServer::start();
    server.route(
        "/feed.xml",
        Reply::ok(summary_feed(&server, &["/kante", "/gone"])),
    );
    let paragraph = "Lyon have agreed a fee with Chelsea for N'Golo Kante, whose contract \
                     at Stamford Bridge expires in June 2027. The midfielder will travel \
                     to France for a medical on Monday, according to people close to the deal. ";
    server.route(
        "/kante",
        Reply::ok(format!(
            "<html><head><title>Kante</title><script>track()</script></head><body>\
             <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
             <article><h1>Kante to Lyon</h1><p>{p}</p><p>{p}</p><p>\u{1b}[31m{p}</p></article>\
             <footer>Cookie settings</footer></body></html>",
            p = paragraph
        )),
    );
    server.route("/gone", Reply::status(404));
    let (_dir, db) = library();
    mercato(
        &db,
        &["feed", "add", &server.url("/feed.xml"), "--full-text"],
    );
    let fetched = mercato(&db, &["fetch", "--json"]);
    let report = &json(&fetched)[0];
    assert_eq!(report["status"], "new");
    assert_eq!(report["new"], 2);
    assert_eq!(report["full_text_missed"], 1);
    assert!(
        report["error"]
            .as_str()
            .unwrap()
            .contains("kept the summary")
    );
    assert_eq!(server.hits("/kante"), 1);

    let export = json(&mercato(&db, &["export"]));
    let articles = export["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    let contracts = export["contracts"].as_array().unwrap();
    assert!(
        contracts.iter().any(|c| c["expires"] == "2027-06-30"),
        "the contract is in the page, not the summary: {contracts:?}"
    );
    let bodies = stdout(&mercato(&db, &["export"]));
    assert!(
        !bodies.contains("\\u001b"),
        "escape sequences are sanitised"
    );
    assert!(!bodies.contains("Cookie settings"));

    // Items already stored are not fetched again.
    mercato(&db, &["fetch"]);
    assert_eq!(server.hits("/kante"), 1);
}

#[test]
fn escapes_and_bidi_controls_in_a_feed_never_reach_the_output() {
    let server = TestServer::start();
    server.route("/hostile.xml", Reply::ok(fixture("hostile.xml")));
    let (_dir, db) = library();
    mercato(&db, &["feed", "add", &server.url("/hostile.xml")]);
    assert!(mercato(&db, &["fetch"]).status.success());
    for args in [&["export"][..], &["feed", "list"][..]] {
        let output = stdout(&mercato(&db, args));
        assert!(
            !output.contains('\u{1b}') && !output.contains("\\u001b"),
            "{args:?}: {output}"
        );
        assert!(
            !output.contains('\u{202e}') && !output.contains("\\u202e"),
            "{output}"
        );
    }
}
