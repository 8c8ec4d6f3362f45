//! Property tests over arbitrary input: the loader, the header parser, the extractor and the
//! sanitiser never panic, extraction spans are valid byte ranges of the body, and sanitised
//! text can never drive a terminal.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use mercato::corpus::{Corpus, FileLoad, parse_file};
use mercato::extract::{Extraction, extract};
use mercato::feed::{html_to_text, parse_feed};
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use mercato::sanitize::{first_unsafe, sanitize, sanitize_counted};
use proptest::prelude::*;

/// The embedded gazetteer, built once for every case.
static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::embedded().unwrap());

const EXTENSIONS: [&str; 8] = [
    "txt", "md", "json", "jsonl", "markdown", "xml", "rss", "atom",
];

/// Every byte range the extraction points at lies inside `body`, on character boundaries.
fn assert_spans(body: &str, extraction: &Extraction) {
    let check = |what: &str, span: &Range<usize>| {
        assert!(
            span.start <= span.end && span.end <= body.len(),
            "{what} {span:?} outside a body of {} bytes",
            body.len()
        );
        assert!(
            body.is_char_boundary(span.start) && body.is_char_boundary(span.end),
            "{what} {span:?} not on char boundaries of {body:?}"
        );
    };
    for mention in &extraction.mentions {
        check("mention", &mention.span);
    }
    for rumour in &extraction.rumours {
        check("rumour sentence", &rumour.sentence);
        assert!(rumour.person < extraction.people.len());
    }
    for contract in &extraction.contracts {
        check("contract sentence", &contract.sentence);
        assert!(contract.person < extraction.people.len());
    }
    for link in extraction
        .current_clubs
        .iter()
        .chain(&extraction.former_clubs)
    {
        check("club sentence", &link.sentence);
    }
}

/// Loads, then extracts from every article, then builds a model of them.
fn load_and_extract(extension: &str, bytes: &[u8]) -> FileLoad {
    let load = parse_file("fuzz", "fuzz", extension, bytes);
    for problem in &load.problems {
        assert!(!problem.message.is_empty());
        assert!(!problem.message.chars().any(char::is_control));
    }
    for article in &load.articles {
        assert!(!article.body.is_empty());
        assert_eq!(sanitize(&article.body, true), article.body);
        assert_eq!(sanitize(&article.title, false), article.title);
        let extraction = extract(
            &GAZETTEER,
            &article.body,
            article.date,
            article.source.as_deref(),
        );
        assert_spans(&article.body, &extraction);
    }
    let model = Model::build(
        Corpus {
            articles: load.articles.clone(),
            problems: load.problems.clone(),
        },
        &GAZETTEER,
    );
    for rumour in &model.rumours {
        for evidence in &rumour.evidence {
            let body = &model.articles[evidence.article].body;
            assert!(body.get(evidence.span.clone()).is_some());
        }
    }
    load
}

/// Text that looks like transfer news: names, clubs, rumour and contract phrasings, dates,
/// punctuation, and the odd hostile character.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Sergio Ramos",
        "Ramos",
        "Luka Modrić",
        "Modric",
        "Real Madrid",
        "PSG",
        "Paris Saint-Germain",
        "Juventus",
        "the Bianconeri",
        "Manchester United",
        "United",
        "City",
        "Inter",
        "he",
        "they",
        "the 34-year-old defender",
        "the Spaniard",
        "is linked with",
        "wants",
        "are keen on",
        "has agreed a fee with",
        "according to",
        "AS",
        "Sky Sports",
        "reports",
        "contract",
        "expires in",
        "runs out in June 2021",
        "signed until 2024",
        "the final six months of his contract",
        "until the end of the season",
        "18 months left on his deal",
        "next summer",
        "June 2021",
        "2022",
        "'s",
        "’s",
        ",",
        ".",
        ";",
        "!",
        "?",
        "\"",
        "“",
        "”",
        "—",
        "-",
        "(",
        ")",
        "\n",
        "\n\n",
        "é",
        "ß",
        "İ",
        "ǅ",
        "👨\u{200d}👩\u{200d}👧",
        "⚽\u{fe0f}",
        "\u{200b}",
        "\u{202e}",
        "\u{1b}[31m",
        "\u{7}",
        "Mr.",
        "U.S.",
        "A",
        "x",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.join(" "))
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of((1990i32..2040, 1u32..=12, 1u32..=28))
        .prop_map(|d| d.and_then(|(y, m, day)| NaiveDate::from_ymd_opt(y, m, day)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader_or_the_extractor(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        extension in prop::sample::select(EXTENSIONS.to_vec()),
    ) {
        load_and_extract(extension, &bytes);
    }

    #[test]
    fn arbitrary_text_never_panics_the_loader_or_the_extractor(
        text in "\\PC{0,400}",
        extension in prop::sample::select(EXTENSIONS.to_vec()),
    ) {
        load_and_extract(extension, text.as_bytes());
    }

    #[test]
    fn the_header_parser_takes_any_header(
        header in "(date|Date|DATE|dated|date:)[ \t:]{0,3}[0-9\\-:,;|/. a-z]{0,16}",
        body in newsy(),
    ) {
        let load = load_and_extract("txt", format!("{header}\n{body}").as_bytes());
        // A header that names a real date gives that date; anything else warns or is text.
        for article in &load.articles {
            if let Some(date) = article.date {
                prop_assert!(header.contains(&date.format("%Y-%m-%d").to_string()));
            }
        }
    }

    #[test]
    fn front_matter_and_json_metadata_take_anything(
        title in "\\PC{0,40}",
        date in "\\PC{0,20}",
        body in newsy(),
    ) {
        let yaml = format!("---\ntitle: {title}\ndate: {date}\nsource: {title}\n---\n{body}");
        load_and_extract("md", yaml.as_bytes());
        let toml = format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\n{body}");
        load_and_extract("md", toml.as_bytes());
        let json = serde_json::json!({"title": title, "date": date, "source": title, "body": body});
        load_and_extract("json", json.to_string().as_bytes());
        load_and_extract("jsonl", format!("{json}\n{{\"body\": 1}}\n{json}").as_bytes());
    }

    #[test]
    fn feeds_with_any_field_text_never_panic_and_come_out_clean(
        title in "\\PC{0,60}",
        text in "\\PC{0,200}",
        link in "\\PC{0,40}",
        date in "\\PC{0,30}",
        cdata in any::<bool>(),
    ) {
        let wrap = |value: &str| if cdata {
            format!("<![CDATA[{}]]>", value.replace("]]>", ""))
        } else {
            value.replace('&', "&amp;").replace('<', "&lt;")
        };
        let rss = format!(
            "<rss version=\"2.0\"><channel><title>{}</title><item><title>{}</title>\
             <link>{}</link><pubDate>{}</pubDate><description>{}</description>\
             </item></channel></rss>",
            wrap(&title), wrap(&title), wrap(&link), wrap(&date), wrap(&text)
        );
        let json = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1", "title": title,
            "items": [{"id": link, "url": link, "title": title, "content_html": text,
                       "date_published": date}]
        });
        for document in [rss, json.to_string()] {
            let Ok(feed) = parse_feed(document.as_bytes(), Some("https://feeds.example.com/x")) else {
                continue;
            };
            for item in &feed.items {
                for field in [&item.title, &item.body, &item.guid] {
                    prop_assert!(first_unsafe(field).is_none(), "{field:?}");
                }
                prop_assert!(!item.title.contains('\n'));
            }
        }
        html_to_text(&text);
    }

    #[test]
    fn extraction_spans_fall_on_char_boundaries_inside_the_body(
        body in newsy(),
        date in date(),
        source in prop::option::of("[A-Za-z ]{1,12}"),
    ) {
        let extraction = extract(&GAZETTEER, &body, date, source.as_deref());
        assert_spans(&body, &extraction);
    }

    #[test]
    fn extraction_of_any_text_has_valid_spans(body in "\\PC{0,300}", date in date()) {
        let extraction = extract(&GAZETTEER, &body, date, None);
        assert_spans(&body, &extraction);
    }

    #[test]
    fn sanitised_text_cannot_drive_a_terminal(
        text in "(\\PC|[\\x00-\\x1f\\x7f-\\u{9f}]|\u{1b}\\[[0-9;?]{0,6}[@-~]|\u{1b}\\][0-9]{1,2};[a-zA-Z0-9=+/]{0,8}(\u{7}|\u{1b}\\\\)?|\u{1b}[P_^X]|[\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2060}-\u{2069}\u{feff}]|👨|👩|⚽){0,60}",
        keep_newlines in any::<bool>(),
    ) {
        let (clean, cleaned) = sanitize_counted(&text, keep_newlines);
        for c in clean.chars() {
            let code = u32::from(c);
            prop_assert!(
                !c.is_control() || (keep_newlines && c == '\n'),
                "control {code:#x} in {clean:?}"
            );
            prop_assert!(!(0x80..=0x9f).contains(&code), "C1 {code:#x}");
            prop_assert!(
                !matches!(code, 0x200b | 0x200c | 0x200e | 0x200f | 0x202a..=0x202e
                    | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xfeff),
                "invisible or bidi {code:#x} in {clean:?}"
            );
        }
        // A zero-width joiner survives only between two pictographs.
        let chars: Vec<char> = clean.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == '\u{200d}' {
                prop_assert!(i > 0 && i + 1 < chars.len(), "{clean:?}");
            }
        }
        // Sanitising is idempotent, and what it did is counted.
        prop_assert_eq!(sanitize(&clean, keep_newlines), clean.clone());
        if cleaned.is_empty() {
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '\t' | '\r' => ' ',
                    '\n' if !keep_newlines => ' ',
                    c => c,
                })
                .collect();
            prop_assert_eq!(clean.as_ref(), expected.as_str());
        }
        // first_unsafe finds a change exactly when something was removed or replaced.
        match first_unsafe(&text) {
            Some(at) => {
                prop_assert!(text.is_char_boundary(at));
                prop_assert!(!cleaned.is_empty());
            }
            None => prop_assert!(cleaned.is_empty()),
        }
    }

    #[test]
    fn sanitising_arbitrary_strings_never_panics(text in any::<String>()) {
        let clean = sanitize(&text, false);
        prop_assert!(!clean.chars().any(char::is_control));
    }
}
