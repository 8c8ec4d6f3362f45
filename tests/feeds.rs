//! Every feed fixture (tests/fixtures/feeds/, modelled on real feeds, with invented stories)
//! through `feed::parse_feed`.

use std::fs;
use std::path::Path;

mod common;

use mercato::feed::{FeedError, FeedItem, ParsedFeed, canonical_url, is_feed, parse_feed};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds");
const FEED_URL: &str = "https://feeds.example.com/football/rss.xml";

fn read(name: &str) -> Vec<u8> {
    fs::read(Path::new(FIXTURES).join(name)).expect("fixture exists")
}

fn parse(name: &str) -> ParsedFeed {
    parse_feed(&read(name), Some(FEED_URL)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

fn date(item: &FeedItem) -> Option<String> {
    item.published.map(|published| published.to_rfc3339())
}

/// Every fixture: whether it sniffs as a feed, and how many items it gives or what error.
const EXPECTED: &[(&str, bool, Result<usize, &str>)] = &[
    ("atom-xml-base.atom", true, Ok(3)),
    ("bbc-style.xml", true, Ok(3)),
    ("broken.xml", true, Err("invalid XML at line 7: ")),
    ("declared-latin1-utf8-bytes.xml", true, Ok(1)),
    ("declared-utf8-latin1-bytes.xml", true, Ok(1)),
    ("empty-channel.rss", true, Ok(0)),
    ("guardian-style.xml", true, Ok(2)),
    ("hostile.xml", true, Ok(1)),
    ("json-feed.json", true, Ok(3)),
    (
        "not-a-feed.xml",
        false,
        Err("not a feed (looks like an HTML page)"),
    ),
    ("quirks.rss", true, Ok(4)),
    ("rss1.xml", true, Ok(1)),
];

#[test]
fn every_fixture_parses_or_fails_as_expected() {
    let mut names: Vec<String> = fs::read_dir(FIXTURES)
        .expect("fixtures folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(names, listed, "every fixture has an expectation");
    for (name, sniffed, expected) in EXPECTED {
        let bytes = read(name);
        assert_eq!(is_feed(&bytes), *sniffed, "{name}");
        match (parse_feed(&bytes, Some(FEED_URL)), expected) {
            (Ok(feed), Ok(count)) => assert_eq!(feed.items.len(), *count, "{name}"),
            (Err(err), Err(start)) => {
                assert!(err.to_string().starts_with(start), "{name}: {err}")
            }
            (got, _) => panic!("{name}: unexpected {got:?}"),
        }
    }
}

#[test]
fn every_text_is_clean_in_every_fixture() {
    for (name, _, expected) in EXPECTED {
        if expected.is_err() {
            continue;
        }
        let feed = parse(name);
        for item in &feed.items {
            let texts = [&item.title, &item.body, &item.guid];
            for text in texts.into_iter().chain(item.author.as_ref()) {
                assert!(
                    !text.chars().any(|c| c.is_control() && c != '\n'),
                    "{name}: control character in {text:?}"
                );
                assert!(
                    !text.contains('\u{202e}'),
                    "{name}: bidi control in {text:?}"
                );
                assert!(!text.contains("&#"), "{name}: undecoded entity in {text:?}");
                assert!(!text.contains('<'), "{name}: markup in {text:?}");
            }
            assert!(!item.title.contains('\n'), "{name}: {:?}", item.title);
            assert!(!item.body.contains("\n\n\n"), "{name}: {:?}", item.body);
            if let Some(url) = &item.url {
                assert_eq!(url, &canonical_url(url), "{name}: canonical");
                assert!(url.starts_with("https://"), "{name}: absolute {url}");
            }
        }
    }
}

#[test]
fn bbc_style_rss() {
    let feed = parse("bbc-style.xml");
    assert_eq!(feed.title.as_deref(), Some("Example Sport - Football"));
    let [first, second, third] = &feed.items[..] else {
        panic!("three items")
    };
    // One story under two guids: same canonical link, tracking parameters gone.
    assert!(first.guid.ends_with("#0") && second.guid.ends_with("#1"));
    assert_eq!(first.url, second.url);
    assert_eq!(
        first.url.as_deref(),
        Some("https://www.example-sport.co.uk/sport/football/articles/c9x2k1")
    );
    assert_eq!(date(first).as_deref(), Some("2026-11-19T17:42:10+00:00"));
    assert!(first.body.starts_with("Wolves turn down a second offer"));
    assert!(first.summary_only);
    assert_eq!(
        third.title,
        "Brentford close in on Danish defender Mads Kjeldgaard"
    );
}

#[test]
fn guardian_style_rss() {
    let feed = parse("guardian-style.xml");
    let albani = &feed.items[0];
    assert_eq!(
        albani.title,
        "Napoli's Renzo Albani wanted by Newcastle as January looms"
    );
    assert_eq!(albani.author.as_deref(), Some("Priya Castellano"));
    assert_eq!(
        albani.body,
        "Newcastle are monitoring Renzo Albani, the Napoli winger whose contract expires in \
         June 2027. The club's sporting director watched him twice this month.\n\n\
         Albani has scored six goals this season and Napoli are reluctant to sell in January."
    );
    assert!(
        !albani.body.contains("Photograph"),
        "media credits stay out"
    );
    assert_eq!(
        albani.url.as_deref(),
        Some("https://www.example-herald.com/football/2026/nov/20/napoli-renzo-albani-newcastle")
    );
    let lindqvist = &feed.items[1];
    assert_eq!(
        lindqvist.url.as_deref(),
        Some("https://www.example-herald.com/football/2026/nov/19/oskar-lindqvist-loan?page=2")
    );
}

#[test]
fn atom_with_xml_base() {
    let feed = parse("atom-xml-base.atom");
    let [ferreira, vehrenkamp, summary] = &feed.items[..] else {
        panic!("three entries")
    };
    assert_eq!(ferreira.title, "Porto open talks over Lucas Ferreira");
    assert_eq!(
        ferreira.url.as_deref(),
        Some("https://transfers.example.org/news/2026/11/ferreira-talks.html")
    );
    assert_eq!(ferreira.source.as_deref(), Some("Partner Sports Daily"));
    assert_eq!(ferreira.author.as_deref(), Some("Inês Moura"));
    assert_eq!(date(ferreira).as_deref(), Some("2026-11-21T07:30:00+00:00"));
    assert!(!ferreira.summary_only);
    assert!(ferreira.body.ends_with("Benfica are monitoring Ferreira."));
    // xml:base on the entry, relative to the feed's.
    assert_eq!(
        vehrenkamp.url.as_deref(),
        Some("https://transfers.example.org/archive/vehrenkamp.html")
    );
    assert_eq!(
        vehrenkamp.body,
        "Eintracht Frankfurt sent scouts to watch Jonas Vehrenkamp on Saturday.\n\n\
         The forward has been linked with a move to Bayer Leverkusen."
    );
    assert!(summary.summary_only);
    assert_eq!(date(summary).as_deref(), Some("2026-11-20T12:00:00+00:00"));
}

#[test]
fn json_feed() {
    let feed = parse("json-feed.json");
    let [rinaldi, sorensen, varga] = &feed.items[..] else {
        panic!("three items")
    };
    assert_eq!(rinaldi.guid, "calcio-2026-11-22-rinaldi");
    assert_eq!(rinaldi.author.as_deref(), Some("Giulia Ferrante"));
    assert_eq!(
        rinaldi.url.as_deref(),
        Some("https://calcio.example.it/mercato/rinaldi?ref=home")
    );
    assert_eq!(
        rinaldi.body,
        "Juventus are monitoring Davide Rinaldi.\n\nThe Atalanta midfielder’s contract expires in June 2027."
    );
    // content_text, a relative url, and a date_modified only.
    assert_eq!(
        sorensen.body,
        "Roma have asked about Frederik Sørensen.\n\nThe Danish striker has been linked with a move to Roma."
    );
    assert_eq!(
        sorensen.url.as_deref(),
        Some("https://feeds.example.com/mercato/sorensen")
    );
    assert_eq!(date(sorensen).as_deref(), Some("2026-11-21T19:20:00+00:00"));
    // Items inherit the feed's authors; a broken date is no date.
    assert_eq!(sorensen.author.as_deref(), Some("Redazione Example"));
    assert_eq!(varga.published, None);
    assert_eq!(varga.url, None);
    assert!(varga.summary_only);
}

#[test]
fn quirks_of_real_feeds() {
    let feed = parse("quirks.rss");
    assert_eq!(feed.title.as_deref(), Some("Quirky Football Feed"));
    let [kaltenecker, brandao, leeds, empty_date] = &feed.items[..] else {
        panic!("four items")
    };
    assert_eq!(
        kaltenecker.title,
        "Sevilla target Bruno Kaltenecker in January"
    );
    assert_eq!(
        kaltenecker.url.as_deref(),
        Some("https://quirks.example.com/news/kaltenecker?id=42")
    );
    assert_eq!(
        date(kaltenecker).as_deref(),
        Some("2026-11-21T20:15:00+00:00")
    );
    assert_eq!(kaltenecker.author.as_deref(), Some("Ana Lucía Prieto"));
    assert_eq!(kaltenecker.source.as_deref(), Some("Partner Deportes"));
    assert_eq!(
        kaltenecker.body,
        "Sevilla are monitoring Bruno Kaltenecker & two other defenders."
    );
    assert_eq!(
        brandao.title,
        "Fulham & Everton chase Caio Brandão – report"
    );
    assert_eq!(leeds.title, "Odd date for Leeds’ bid");
    assert_eq!(leeds.published, None);
    assert_eq!(
        leeds.url.as_deref(),
        Some("https://feeds.example.com/news/leeds-bid")
    );
    assert_eq!(empty_date.published, None);
    // Items without a guid get the same id on every parse.
    assert_eq!(parse("quirks.rss").items[1].guid, brandao.guid);
}

#[test]
fn hostile_feed_is_defused() {
    let feed = parse("hostile.xml");
    assert_eq!(feed.title.as_deref(), Some("Hostile Feed"));
    let item = &feed.items[0];
    assert_eq!(item.title, "Red alert for Lazio");
    assert_eq!(item.body, "Clear screen and desrever text.");
}

#[test]
fn wrong_charset_declarations() {
    let latin1_declared = parse("declared-latin1-utf8-bytes.xml");
    assert_eq!(
        latin1_declared.items[0].title,
        "Luka Modrić renews with São Paulo"
    );
    let utf8_declared = parse("declared-utf8-latin1-bytes.xml");
    assert_eq!(utf8_declared.items[0].title, "Muñoz joins Málaga");
}

#[test]
fn rss_1_0() {
    let feed = parse("rss1.xml");
    let item = &feed.items[0];
    assert_eq!(item.author.as_deref(), Some("Lena Vogt"));
    assert_eq!(date(item).as_deref(), Some("2026-11-18T13:00:00+00:00"));
    assert_eq!(item.url.as_deref(), Some("https://rdf.example.de/a"));
}

#[test]
fn errors_are_one_line() {
    for name in ["broken.xml", "not-a-feed.xml"] {
        let err: FeedError = parse_feed(&read(name), None).expect_err(name);
        assert!(!err.to_string().contains('\n'), "{name}: {err}");
    }
    assert_eq!(
        parse_feed(&read("broken.xml"), None).map_err(|err| err.line()),
        Err(Some(7))
    );
}

// ---- the example feed shipped in assets/feeds/ ---------------------------------------------

use common::{EXAMPLE, EXAMPLE_UPDATE};

/// `mercato --corpus FEED --as-of 2026-12-04 COMMAND --json`, parsed.
fn example_json(feed: &str, command: &str) -> Vec<serde_json::Value> {
    let output = common::mercato()
        .args(["--corpus", feed, "--as-of", "2026-12-04", command, "--json"])
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

fn pairs(rows: &[serde_json::Value], second: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = rows
        .iter()
        .map(|row| {
            let text = |key: &str| row[key].as_str().unwrap_or("-").to_string();
            (text("player"), text(second))
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn example_feed_is_eight_stories_before_the_demo_date() {
    let feed = parse_feed(&fs::read(EXAMPLE).expect("example"), None).expect("parses");
    assert_eq!(feed.title.as_deref(), Some("Mercato example feed"));
    assert_eq!(feed.items.len(), 8);
    for item in &feed.items {
        let published = item.published.expect("dated").date_naive().to_string();
        assert!(published.as_str() < "2026-12-04", "{published}");
        let sentences = item.body.matches('.').count();
        assert!((3..=6).contains(&sentences), "{}", item.body);
    }
    // The update is the same feed a day later, with two new items on top.
    let update = parse_feed(&fs::read(EXAMPLE_UPDATE).expect("update"), None).expect("parses");
    assert_eq!(update.items.len(), 10);
    assert_eq!(update.items[2..], feed.items[..]);
}

#[test]
fn example_feed_gives_players_destinations_and_countdowns() {
    let rumours = pairs(&example_json(EXAMPLE, "rumours"), "club");
    let expected_rumours = [
        ("Jens Aalstrom", "Atlético Madrid"),
        ("Jens Aalstrom", "Real Madrid"),
        ("Lukas Feldmann", "Chelsea"),
        ("Matteo Grassi", "Manchester United"),
        ("Matteo Grassi", "Tottenham Hotspur"),
        ("Niklas Brandauer", "Bayern Munich"),
        ("Niklas Brandauer", "Liverpool"),
        ("Rui Macedo", "Aston Villa"),
        ("Rui Macedo", "Tottenham Hotspur"),
        ("Tiago Varela", "Arsenal"),
        ("Tiago Varela", "Manchester City"),
        ("Youssouf Dembara", "Borussia Dortmund"),
        ("Youssouf Dembara", "Newcastle United"),
        ("Álvaro Centeno", "AC Milan"),
        ("Álvaro Centeno", "Juventus"),
    ];
    let expected: Vec<(String, String)> = expected_rumours
        .iter()
        .map(|(player, club)| (player.to_string(), club.to_string()))
        .collect();
    assert_eq!(rumours, expected);

    let countdowns = pairs(&example_json(EXAMPLE, "countdowns"), "expires");
    let expected_countdowns = [
        ("Jens Aalstrom", "2027-06-30"),
        ("Lukas Feldmann", "2027-06-30"),
        ("Matteo Grassi", "2028-06-30"),
        ("Niklas Brandauer", "2028-06-30"),
        ("Rui Macedo", "2029-06-30"),
        ("Tiago Varela", "2027-06-30"),
        ("Youssouf Dembara", "2028-06-30"),
        ("Álvaro Centeno", "2027-06-30"),
    ];
    let expected: Vec<(String, String)> = expected_countdowns
        .iter()
        .map(|(player, date)| (player.to_string(), date.to_string()))
        .collect();
    assert_eq!(countdowns, expected);

    let updated = pairs(&example_json(EXAMPLE_UPDATE, "rumours"), "club");
    assert!(updated.contains(&("Emil Holtegaard".into(), "RB Leipzig".into())));
    assert_eq!(updated.len(), rumours.len() + 2);
}
