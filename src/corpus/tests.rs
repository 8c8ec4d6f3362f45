//! Format tests through [`parse_file`], plus the corpus-level helpers.

use super::*;

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn parse(name: &str, text: &str) -> FileLoad {
    parse_bytes(name, text.as_bytes())
}

fn parse_bytes(name: &str, bytes: &[u8]) -> FileLoad {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    parse_file(name, stem, extension, bytes)
}

/// The single article of a load that must have no problems.
fn only_article(load: &FileLoad) -> &Article {
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    assert_eq!(load.articles.len(), 1, "{:?}", load.articles);
    &load.articles[0]
}

/// The single problem of a load.
fn only_problem(load: &FileLoad) -> &LoadProblem {
    assert_eq!(load.problems.len(), 1, "{:?}", load.problems);
    &load.problems[0]
}

// ---- corpus-level -----------------------------------------------------------------------

fn article(id: &str) -> Article {
    Article {
        id: id.to_string(),
        path: format!("{id}.txt"),
        date: None,
        date_is_fetch: false,
        title: "t".to_string(),
        source: None,
        url: None,
        body: "b".to_string(),
    }
}

#[test]
fn colliding_ids_get_suffixes_in_order() {
    let loads = vec![
        FileLoad {
            articles: vec![article("a"), article("a")],
            problems: vec![],
        },
        FileLoad {
            articles: vec![article("a~2"), article("b"), article("a")],
            problems: vec![],
        },
    ];
    let corpus = assemble(Discovery::default(), loads);
    let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "a~2", "a~2~2", "b", "a~3"]);
}

#[test]
fn problem_display_has_path_line_severity() {
    let p = LoadProblem::rejected("x/a.json", Some(3), "invalid JSON\n  here; skipped");
    assert_eq!(
        p.to_string(),
        "x/a.json:3: rejected: invalid JSON here; skipped"
    );
    let p = LoadProblem::warning("x/a.txt", None, "cut");
    assert_eq!(p.to_string(), "x/a.txt: warning: cut");
}

#[test]
fn messages_quote_user_text_safely() {
    let load = parse("a.txt", "date 2021-\u{1b}[31m Body.");
    let problem = only_problem(&load);
    assert!(
        !problem.message.chars().any(char::is_control),
        "{problem:?}"
    );
    // The escape sequence is gone, not just its ESC.
    assert!(problem.message.contains("\"2021-\""), "{problem:?}");
    assert!(!problem.message.contains("[31m"), "{problem:?}");
    let long = format!("date 2{} Body.", "9".repeat(500));
    let load = parse("a.txt", &long);
    assert!(only_problem(&load).message.len() < 200);
}

#[test]
fn snippet_cuts_long_text() {
    assert_eq!(snippet("abc", 5), "abc");
    assert_eq!(snippet("abcdef", 3), "abc…");
    assert_eq!(snippet("a\nb", 5), "a b");
    assert_eq!(snippet("ééééé", 2), "éé…");
}

#[test]
fn embedded_seed_articles() {
    let corpus = load_embedded();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.articles.len(), 3);
    let a0 = &corpus.articles[0];
    assert_eq!(a0.id, "000_b2e0eaffcf3f394a");
    assert_eq!(a0.path, "assets/articles/000_b2e0eaffcf3f394a.txt");
    assert_eq!(a0.date, None);
    assert!(a0.body.starts_with("Sergio Ramos is reportedly"));
    let a1 = &corpus.articles[1];
    assert_eq!(a1.id, "001_74b6467321493f20");
    assert_eq!(a1.date, date(2021, 1, 13));
    assert!(a1.body.starts_with("Sergio Ramos can now"), "{}", a1.body);
    assert!(!a1.body.contains("date 2021"));
    assert_eq!(
        a1.title,
        "Sergio Ramos can now legally negotiate with clubs outside of Spain"
    );
    let a2 = &corpus.articles[2];
    assert_eq!(a2.date, date(2020, 11, 11));
    assert!(a2.body.starts_with("The future of Real Madrid"));
}

// ---- dispatch ---------------------------------------------------------------------------

#[test]
fn unknown_extension_is_rejected() {
    let load = parse("notes.xyz", "text");
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Rejected);
    assert_eq!(
        problem.message,
        "unsupported file type (.xyz); expected .txt, .md, .json, .jsonl, or a feed (.xml, .rss, .atom); skipped"
    );
    let load = parse("notes", "text");
    assert!(only_problem(&load).message.contains("(no extension)"));
}

#[test]
fn extension_is_case_insensitive_and_may_have_a_dot() {
    let load = parse_file("A.TXT", "A", ".TXT", b"Hello there.");
    assert_eq!(only_article(&load).body, "Hello there.");
    let load = parse_file("a.Markdown", "a", "Markdown", b"# T\nbody");
    assert_eq!(only_article(&load).title, "T");
}

// ---- .txt headers -----------------------------------------------------------------------

#[test]
fn header_with_body_on_the_same_line() {
    let load = parse(
        "a.txt",
        " date 2021-01-13 Sergio Ramos can now talk.\n\nMore.",
    );
    let a = only_article(&load);
    assert_eq!(a.date, date(2021, 1, 13));
    assert_eq!(a.body, "Sergio Ramos can now talk.\n\nMore.");
    assert_eq!(a.title, "Sergio Ramos can now talk");
    assert_eq!(a.id, "a");
    assert_eq!(a.path, "a.txt");
}

#[test]
fn header_with_body_on_the_next_line() {
    let load = parse("a.txt", "date 2020-11-11\nThe future of Ramos.\n");
    let a = only_article(&load);
    assert_eq!(a.date, date(2020, 11, 11));
    assert_eq!(a.body, "The future of Ramos.");
}

#[test]
fn header_after_leading_whitespace() {
    let load = parse("a.txt", "\n\n  \t date 2020-02-29\n\n  Body here  \n");
    let a = only_article(&load);
    assert_eq!(a.date, date(2020, 2, 29));
    assert_eq!(a.body, "Body here");
}

#[test]
fn header_variants_with_colon_and_capital() {
    let a = parse("a.txt", "Date: 2020-02-29 Body");
    assert_eq!(only_article(&a).date, date(2020, 2, 29));
    assert_eq!(only_article(&a).body, "Body");
}

#[test]
fn header_date_may_end_with_punctuation() {
    let load = parse("a.txt", "date 2021-01-13: Ramos signs.");
    let a = only_article(&load);
    assert_eq!(a.date, date(2021, 1, 13));
    assert_eq!(a.body, "Ramos signs.");
}

#[test]
fn no_header_means_no_date() {
    let load = parse("a.txt", "Ramos signs in 2021-01-13 news.");
    let a = only_article(&load);
    assert_eq!(a.date, None);
    assert_eq!(a.body, "Ramos signs in 2021-01-13 news.");
    // A body that merely starts with the word "date".
    let load = parse("a.txt", "date night for the squad");
    let a = only_article(&load);
    assert_eq!(a.date, None);
    assert_eq!(a.body, "date night for the squad");
    let load = parse("a.txt", "dated 2021-01-13 stories");
    assert_eq!(only_article(&load).date, None);
}

#[test]
fn malformed_date_header_warns_and_drops_the_token() {
    for bad in ["2021-13-45", "2021-1-5x", "2021-02-30"] {
        let load = parse("a.txt", &format!("date {bad} Ramos signs."));
        assert_eq!(load.articles.len(), 1);
        let a = &load.articles[0];
        assert_eq!(a.date, None);
        assert_eq!(a.body, "Ramos signs.");
        let problem = only_problem(&load);
        assert_eq!(problem.severity, Severity::Warning);
        assert_eq!(problem.line, Some(1));
        assert!(
            problem.message.starts_with("malformed date header"),
            "{}",
            problem.message
        );
        assert!(problem.message.contains(bad));
        assert!(problem.message.contains("loaded without a date"));
    }
}

#[test]
fn malformed_header_on_a_later_line_reports_that_line() {
    let load = parse("a.txt", "\n\ndate 2021-99-99\nBody");
    assert_eq!(only_problem(&load).line, Some(3));
}

#[test]
fn header_only_is_rejected() {
    for text in [
        "date 2021-01-13",
        " date 2021-01-13  \n\n  ",
        "date 2021-13-45\n",
    ] {
        let load = parse("a.txt", text);
        assert!(load.articles.is_empty(), "{text:?}");
        assert!(
            load.problems
                .iter()
                .any(|p| p.severity == Severity::Rejected && p.message.contains("no article text")),
            "{:?}",
            load.problems
        );
    }
}

#[test]
fn empty_and_whitespace_text_is_rejected() {
    for text in ["", "   \n\t\n"] {
        let load = parse("a.txt", text);
        assert!(load.articles.is_empty());
        let problem = only_problem(&load);
        assert_eq!(problem.severity, Severity::Rejected);
        assert!(problem.message.contains("empty"));
    }
}

// ---- encodings --------------------------------------------------------------------------

#[test]
fn latin1_is_decoded_with_a_warning() {
    // "Zinédine Zidane – señor" in Windows-1252.
    let bytes = b"Zin\xe9dine Zidane \x96 se\xf1or.";
    let load = parse_bytes("a.txt", bytes);
    assert_eq!(load.articles.len(), 1);
    assert_eq!(load.articles[0].body, "Zinédine Zidane – señor.");
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Warning);
    assert!(
        problem
            .message
            .starts_with("not valid UTF-8; decoded as Latin-1")
    );
    assert_eq!(problem.line, Some(1));
}

#[test]
fn latin1_warning_points_at_the_first_bad_line() {
    let load = parse_bytes("a.txt", b"ok\r\nstill ok\nbad \xff here");
    assert_eq!(only_problem(&load).line, Some(3));
    assert_eq!(load.articles[0].body, "ok\nstill ok\nbad ÿ here");
}

#[test]
fn crlf_and_cr_become_lf() {
    let load = parse("a.txt", "date 2021-01-13\r\nOne.\r\n\r\nTwo.\rThree.\r\n");
    let a = only_article(&load);
    assert_eq!(a.body, "One.\n\nTwo.\nThree.");
    assert_eq!(a.date, date(2021, 1, 13));
}

#[test]
fn bom_is_stripped() {
    let load = parse_bytes("a.txt", b"\xEF\xBB\xBFdate 2021-01-13 Body.");
    let a = only_article(&load);
    assert_eq!(a.date, date(2021, 1, 13));
    assert_eq!(a.body, "Body.");
    let load = parse_bytes("a.json", b"\xEF\xBB\xBF{\"body\": \"x\"}");
    assert_eq!(only_article(&load).body, "x");
}

#[test]
fn nul_bytes_mean_binary() {
    for name in ["a.txt", "a.json", "a.md", "a.jsonl"] {
        let load = parse_bytes(name, b"PK\x03\x04\x00\x00 zip");
        assert!(load.articles.is_empty());
        let problem = only_problem(&load);
        assert_eq!(problem.severity, Severity::Rejected);
        assert!(problem.message.starts_with("binary file"));
    }
    // A NUL past the first 8 KiB is not sniffed: the text loads, the NUL shown as a symbol.
    let mut bytes = vec![b'a'; BINARY_SNIFF_BYTES];
    bytes.extend(b"\nb\x00c");
    let load = parse_bytes("a.txt", &bytes);
    assert_eq!(load.articles.len(), 1);
    assert!(load.articles[0].body.ends_with("b\u{2400}c"));
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.line, Some(2));
    assert_eq!(
        problem.message,
        "unsafe characters in the article: 1 control character shown as symbols"
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in "date 2021-01-13\r\nRamos \u{e9}\u{1F600}.".encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    for bytes in [le, be] {
        let load = parse_bytes("a.txt", &bytes);
        let a = only_article(&load);
        assert_eq!(a.body, "Ramos \u{e9}\u{1F600}.");
        assert_eq!(a.date, date(2021, 1, 13));
    }
    // An unpaired surrogate; an odd last byte.
    for bytes in [&b"\xFF\xFEa\x00\x00\xD8b\x00"[..], b"\xFF\xFEa\x00b"] {
        let load = parse_bytes("a.txt", bytes);
        assert_eq!(load.articles.len(), 1);
        assert!(load.articles[0].body.contains('\u{FFFD}'));
        assert!(only_problem(&load).message.starts_with("invalid UTF-16"));
    }
}

#[test]
fn escape_sequences_never_reach_the_model() {
    let text = "date 2021-01-13\nRamos \u{1b}[31mjoins\u{1b}[0m PSG.\n\
                Title \u{1b}]0;PWNED\u{7} clip \u{1b}]52;c;aGk=\u{7} \u{202e}gnp.exe\u{7}.";
    let load = parse("a.txt", text);
    let a = &load.articles[0];
    assert_eq!(a.body, "Ramos joins PSG.\nTitle  clip  gnp.exe\u{2407}.");
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.line, Some(2), "the line of the first escape");
    assert_eq!(
        problem.message,
        "unsafe characters in the article: 4 terminal escape sequences removed, \
         1 control character shown as symbols, 1 invisible or text-direction character removed"
    );
    // Metadata too, and the JSON line is the line reported.
    let json = concat!(
        r#"{"body": "x"}"#,
        "\n",
        r#"{"body": "B", "title": "T\u001b]0;evil\u0007", "source": "S\u001b[2J"}"#
    );
    let load = parse("a.jsonl", json);
    let a = &load.articles[1];
    assert_eq!((a.title.as_str(), a.source.as_deref()), ("T", Some("S")));
    let problem = only_problem(&load);
    assert_eq!(problem.line, Some(2));
    assert!(
        problem
            .message
            .contains("2 terminal escape sequences removed")
    );
    // Nothing but escapes: no article.
    let load = parse("a.txt", "\u{1b}[2J\u{1b}]0;x\u{7}");
    assert!(load.articles.is_empty());
    assert_eq!(
        only_problem(&load).message,
        "only terminal control codes, no article text; skipped"
    );
}

#[test]
fn long_bodies_are_cut_at_a_char_boundary() {
    let body = "é".repeat(MAX_ARTICLE_BYTES); // 2 bytes each
    let load = parse("a.txt", &body);
    assert_eq!(load.articles.len(), 1);
    let a = &load.articles[0];
    assert!(a.body.len() <= MAX_ARTICLE_BYTES);
    assert!(a.body.len() >= MAX_ARTICLE_BYTES - 4);
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Warning);
    assert!(problem.message.contains("cut to the first"));
}

// ---- markdown ---------------------------------------------------------------------------

#[test]
fn yaml_front_matter() {
    let text = "---\ntitle: \"Ramos: the \\\"captain\\\"\"\ndate: 2021-01-13\nsource: 'AS'\n\
                url: https://as.com/x#frag\ntags:\n  - ramos\nauthor: someone\n---\n\nBody text.\n";
    let load = parse("a.md", text);
    let a = only_article(&load);
    assert_eq!(a.title, "Ramos: the \"captain\"");
    assert_eq!(a.date, date(2021, 1, 13));
    assert_eq!(a.source.as_deref(), Some("AS"));
    assert_eq!(a.url.as_deref(), Some("https://as.com/x#frag"));
    assert_eq!(a.body, "Body text.");
}

#[test]
fn yaml_front_matter_rfc3339_and_bad_date() {
    let load = parse("a.md", "---\ndate: 2021-01-13T23:30:00+01:00\n---\nBody.");
    assert_eq!(only_article(&load).date, date(2021, 1, 13));
    let load = parse("a.md", "---\ntitle: T\ndate: last tuesday\n---\nBody.");
    assert_eq!(load.articles.len(), 1);
    assert_eq!(load.articles[0].date, None);
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.line, Some(3));
    assert!(problem.message.contains("last tuesday"));
}

#[test]
fn toml_front_matter() {
    let text = "+++\ntitle = \"Ramos to Miami\"\ndate = 2020-11-11\nsource = \"AS\"\n\
                extra = [1, 2]\n+++\n# Not the title\nBody.";
    let load = parse("a.md", text);
    let a = only_article(&load);
    assert_eq!(a.title, "Ramos to Miami");
    assert_eq!(a.date, date(2020, 11, 11));
    assert_eq!(a.source.as_deref(), Some("AS"));
    assert_eq!(a.url, None);
    // With a title key, a heading stays in the body.
    assert_eq!(a.body, "# Not the title\nBody.");
}

#[test]
fn toml_front_matter_datetime_and_errors() {
    let load = parse("a.md", "+++\ndate = 2020-11-11T10:00:00Z\n+++\nBody.");
    assert_eq!(only_article(&load).date, date(2020, 11, 11));

    let load = parse("a.md", "+++\ntitle = 5\n+++\nBody here.");
    assert_eq!(load.articles.len(), 1);
    assert_eq!(load.articles[0].title, "Body here");
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.line, Some(2));

    let load = parse("a.md", "+++\ntitle = \"x\"\nthis is not toml\n+++\nBody.");
    assert_eq!(load.articles.len(), 1);
    assert_eq!(load.articles[0].body, "Body.");
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.line, Some(3));
    assert!(problem.message.contains("not valid TOML"));
    assert!(!problem.message.contains('\n'));
}

#[test]
fn unclosed_front_matter_warns_and_keeps_the_rest() {
    let load = parse("a.md", "\n---\ntitle: x\nBody line.\n");
    assert_eq!(load.articles.len(), 1);
    assert_eq!(load.articles[0].body, "title: x\nBody line.");
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.line, Some(2));
    assert!(problem.message.contains("never closed"));
}

#[test]
fn heading_becomes_the_title() {
    let load = parse("a.md", "\n# Ramos to PSG #\n\nRamos has signed.\n");
    let a = only_article(&load);
    assert_eq!(a.title, "Ramos to PSG");
    assert_eq!(a.body, "Ramos has signed.");

    let load = parse("a.md", "---\nsource: AS\n---\n# Heading\nBody.");
    let a = only_article(&load);
    assert_eq!(a.title, "Heading");
    assert_eq!(a.body, "Body.");
    assert_eq!(a.source.as_deref(), Some("AS"));

    // Not headings: a lower level, a hashtag.
    let load = parse("a.md", "## Sub\nBody.");
    assert_eq!(only_article(&load).body, "## Sub\nBody.");
    let load = parse("a.md", "#rmalive Body.");
    assert_eq!(only_article(&load).body, "#rmalive Body.");
}

#[test]
fn markdown_without_body_is_rejected() {
    for text in ["---\ntitle: x\n---\n", "# Only a heading\n", ""] {
        let load = parse("a.md", text);
        assert!(load.articles.is_empty(), "{text:?}");
        assert_eq!(only_problem(&load).severity, Severity::Rejected);
    }
}

// ---- JSON -------------------------------------------------------------------------------

#[test]
fn json_object() {
    let text = r#"{"title": "Ramos", "body": " Text. ", "date": "2021-01-13",
                   "source": "AS", "url": "https://as.com", "other": [1]}"#;
    let load = parse("n.json", text);
    let a = only_article(&load);
    assert_eq!(a.id, "n");
    assert_eq!(a.title, "Ramos");
    assert_eq!(a.body, "Text.");
    assert_eq!(a.date, date(2021, 1, 13));
    assert_eq!(a.source.as_deref(), Some("AS"));
    assert_eq!(a.url.as_deref(), Some("https://as.com"));
}

#[test]
fn json_array_with_ids_and_element_lines() {
    let text = "[\n  {\"body\": \"One.\"},\n  {\"body\": \"Two.\", \"date\": \"2021-01-13T10:00:00Z\"},\n  \
                {\"body\": 5},\n  \"text\",\n  {\"body\": \"Five.\", \"date\": \"soon\"}\n]";
    let load = parse("n.json", text);
    let ids: Vec<&str> = load.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["n#1", "n#2", "n#5"]);
    assert_eq!(load.articles[1].date, date(2021, 1, 13));
    assert_eq!(load.articles[2].date, None);
    assert_eq!(load.problems.len(), 3, "{:?}", load.problems);
    let p = &load.problems[0];
    assert_eq!((p.severity, p.line), (Severity::Rejected, Some(4)), "{p:?}");
    assert_eq!(
        p.message,
        "element 3: \"body\" is a number, expected text; element skipped"
    );
    let p = &load.problems[1];
    assert_eq!((p.severity, p.line), (Severity::Rejected, Some(5)));
    assert!(p.message.contains("element 4"));
    let p = &load.problems[2];
    assert_eq!((p.severity, p.line), (Severity::Warning, Some(6)));
    assert!(p.message.contains("\"soon\""));
}

#[test]
fn json_bad_types_are_rejected_with_clear_messages() {
    let cases = [
        (
            r#"{"body": 5}"#,
            "\"body\" is a number, expected text; skipped",
        ),
        (r#"{"title": "x"}"#, "no \"body\" text; skipped"),
        (r#"{"body": "  "}"#, "\"body\" is empty; skipped"),
        (
            r#"{"body": "x", "title": ["a"]}"#,
            "\"title\" is a list, expected text; skipped",
        ),
        (
            r#"{"body": "x", "url": true}"#,
            "\"url\" is true/false, expected text; skipped",
        ),
        (
            "42",
            "expected an object or an array of objects, found a number; skipped",
        ),
        ("[]", "empty array, no articles; skipped"),
    ];
    for (text, message) in cases {
        let load = parse("n.json", text);
        assert!(load.articles.is_empty(), "{text}");
        let problem = only_problem(&load);
        assert_eq!(problem.severity, Severity::Rejected);
        assert_eq!(problem.message, message);
    }
    // A date of the wrong type only warns.
    let load = parse("n.json", r#"{"body": "x", "date": 20210113}"#);
    assert_eq!(load.articles.len(), 1);
    assert_eq!(only_problem(&load).severity, Severity::Warning);
}

#[test]
fn broken_json_is_rejected_with_its_line() {
    let load = parse("n.json", "{\n  \"body\": \"x\",\n  \"title\" \"y\"\n}");
    assert!(load.articles.is_empty());
    let problem = only_problem(&load);
    assert_eq!(problem.severity, Severity::Rejected);
    assert_eq!(problem.line, Some(3));
    assert!(
        problem.message.starts_with("invalid JSON: "),
        "{}",
        problem.message
    );
    assert!(!problem.message.contains("at line"), "{}", problem.message);
    assert!(problem.message.ends_with("; skipped"));
}

#[test]
fn deeply_nested_json_does_not_overflow() {
    let text = "[".repeat(100_000);
    let load = parse("n.json", &text);
    assert_eq!(only_problem(&load).severity, Severity::Rejected);
    let text = format!("{{\"body\": \"x\", \"deep\": {}}}", "[".repeat(100_000));
    let load = parse("n.jsonl", &text);
    assert_eq!(only_problem(&load).severity, Severity::Rejected);
}

// ---- JSON Lines -------------------------------------------------------------------------

#[test]
fn jsonl_broken_line_keeps_the_others() {
    let text = "{\"body\": \"One.\"}\n\n{\"body\": \"Two\"\n{\"body\": \"Three.\", \"title\": \"T\"}\n[1]\n";
    let load = parse("feed.jsonl", text);
    let ids: Vec<&str> = load.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["feed#1", "feed#4"]);
    assert_eq!(load.articles[1].title, "T");
    assert_eq!(load.problems.len(), 2, "{:?}", load.problems);
    let p = &load.problems[0];
    assert_eq!((p.severity, p.line), (Severity::Rejected, Some(3)));
    assert!(p.message.starts_with("invalid JSON"));
    assert!(p.message.ends_with("line skipped"));
    let p = &load.problems[1];
    assert_eq!((p.severity, p.line), (Severity::Rejected, Some(5)));
    assert!(p.message.contains("found a list"));
}

#[test]
fn jsonl_with_crlf_and_empty_file() {
    let load = parse("f.jsonl", "{\"body\": \"a\"}\r\n{\"body\": \"b\"}\r\n");
    let ids: Vec<&str> = load.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["f#1", "f#2"]);
    assert!(load.problems.is_empty());
    let load = parse("f.jsonl", "\n  \n");
    assert!(only_problem(&load).message.contains("empty"));
}

// ---- robustness -------------------------------------------------------------------------

#[test]
fn odd_inputs_never_panic() {
    let inputs: &[&[u8]] = &[
        b"",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB",
        b"date",
        b"date ",
        b"date 9",
        b"date:",
        b"\r",
        b"---",
        b"+++",
        b"---\n---",
        b"+++\n+++",
        b"# ",
        b"#",
        b"[",
        b"[1,",
        b"{\"body\":\"\\ud800\"}",
        b"\xff\xfe\x00",
        b"\xc3",
        b"\"\\",
        b"+++\na = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n+++\nx",
    ];
    for bytes in inputs {
        for ext in ["txt", "md", "json", "jsonl", "markdown", "", "bin"] {
            let load = parse_file("x", "x", ext, bytes);
            for problem in &load.problems {
                assert!(!problem.message.contains('\n'));
                assert!(!problem.message.is_empty());
            }
            for article in &load.articles {
                assert!(!article.body.is_empty());
                assert!(!article.title.is_empty());
                assert_eq!(article.body.trim(), article.body);
            }
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn check(load: &FileLoad) {
        for problem in &load.problems {
            assert!(!problem.message.is_empty());
            assert!(!problem.message.chars().any(char::is_control));
        }
        for article in &load.articles {
            assert!(!article.body.is_empty());
            assert_eq!(article.body.trim(), article.body);
            assert!(!article.body.contains('\r'));
            assert!(!article.title.is_empty());
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..300),
            ext in prop::sample::select(vec!["txt", "md", "json", "jsonl", "x"]),
        ) {
            check(&parse_file("p", "p", ext, &bytes));
        }

        #[test]
        fn structured_text_never_panics(
            text in "(date |---\n|\\+\\+\\+\n|# |\\{\"body\": |\\[|\\]|\\}|\"|\n|\r\n|title: |[a-z0-9 .:-]{0,12}|é|…){0,24}",
            ext in prop::sample::select(vec!["txt", "md", "json", "jsonl"]),
        ) {
            check(&parse_file("p", "p", ext, text.as_bytes()));
        }

        #[test]
        fn derived_titles_are_short_and_non_empty(text in "\\PC{1,300}") {
            let title = derive_title(&text);
            prop_assert!(title.chars().count() <= 80);
            if !text.trim().is_empty() {
                prop_assert!(!title.trim().is_empty());
            }
        }
    }
}

#[test]
fn changed_files_load_under_the_ids_the_whole_folder_gives_them() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("2026/december");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join("kante.txt"), "Kante is wanted by Lyon.").unwrap();
    std::fs::write(dir.path().join("silva.md"), "Rangers bid for Silva.").unwrap();
    std::fs::write(dir.path().join("notes.pdf"), "not an article").unwrap();
    let roots = [dir.path().to_path_buf()];
    let whole = load_paths(&roots);
    let kante = whole
        .articles
        .iter()
        .find(|a| a.body.contains("Kante"))
        .unwrap();

    let changed = load_changed(
        &roots,
        &[
            nested.join("kante.txt"),
            dir.path().join("notes.pdf"),
            PathBuf::from("/elsewhere/gone.txt"),
        ],
    );
    assert_eq!(changed.articles.len(), 1);
    assert_eq!(changed.articles[0].id, kante.id);
    assert_eq!(changed.articles[0].id, "2026/december/kante");
    assert!(changed.problems.is_empty(), "{:?}", changed.problems);

    // A folder copied in whole: everything in it.
    let folder = load_changed(&roots, &[dir.path().join("2026")]);
    assert_eq!(folder.articles.len(), 1);
    assert_eq!(folder.articles[0].id, kante.id);
}
