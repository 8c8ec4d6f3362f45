//! Feed documents (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.x) turned into clean items, ready
//! for the library or the corpus.
//!
//! Pure and offline: bytes in, items out; no network, no clock. Parsing is feed-rs's; this
//! module adds what a reader needs on top: links made absolute and stripped of tracking
//! parameters, HTML turned into plain paragraphs, stable ids for items without one, lenient
//! dates, and every text passed through the terminal sanitiser.

use url::Url;

use crate::corpus::{json_error, one_line};

mod dates;
mod html;
mod sniff;
mod xml;

pub use html::html_to_text;

/// One item of a feed, cleaned and ready for the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// The item's guid/id; when the feed gives none, a stable id derived from link + title
    /// (same item, same id, every fetch).
    pub guid: String,
    /// The item's link made absolute (against the feed's xml:base / the feed URL) and
    /// canonical (see [`canonical_url`]). `None` when the item has no link.
    pub url: Option<String>,
    /// Plain text, entities decoded, whitespace folded, sanitised.
    pub title: String,
    /// author / dc:creator, trimmed.
    pub author: Option<String>,
    /// Published, else updated; `None` if missing or unreadable.
    pub published: Option<chrono::DateTime<chrono::Utc>>,
    /// The item's own `<source>` name, if it names one.
    pub source: Option<String>,
    /// Content, else summary, as plain paragraphs (see [`html_to_text`]).
    pub body: String,
    /// True when the feed gave no full content, so the body is its summary/description.
    pub summary_only: bool,
}

/// A parsed feed: its title and its items, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// Why a document could not be read as a feed; each message is one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("not a feed (the document is empty)")]
    Empty,
    #[error("not a feed (looks like an HTML page)")]
    HtmlPage,
    #[error("not a feed (expected RSS, Atom or JSON Feed)")]
    NotAFeed,
    #[error("invalid XML{}: {message}", at_line(*.line))]
    InvalidXml {
        line: Option<usize>,
        message: String,
    },
    #[error("invalid JSON Feed{}: {message}", at_line(*.line))]
    InvalidJson {
        line: Option<usize>,
        message: String,
    },
    #[error("unsupported JSON Feed version \"{0}\"")]
    UnsupportedVersion(String),
    #[error("malformed feed: {0}")]
    Malformed(String),
}

impl FeedError {
    /// The line of the document the error is on, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            FeedError::InvalidXml { line, .. } | FeedError::InvalidJson { line, .. } => *line,
            _ => None,
        }
    }
}

fn at_line(line: Option<usize>) -> String {
    line.map(|line| format!(" at line {line}"))
        .unwrap_or_default()
}

/// Parses an RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed 1.x document. `base_url` is where it
/// came from (resolves relative links; without it, the feed's home page does). Never panics:
/// a wrong encoding declaration is overruled (UTF-8 bytes declared ISO-8859-1 read as UTF-8,
/// and the reverse), unreadable dates become `None`.
pub fn parse_feed(bytes: &[u8], base_url: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let text = sniff::with_known_rss_version(sniff::to_utf8(bytes));
    let kind = sniff::kind(text.as_bytes());
    match kind {
        sniff::Kind::HtmlPage => return Err(FeedError::HtmlPage),
        sniff::Kind::Other if text.trim().is_empty() => return Err(FeedError::Empty),
        _ => {}
    }
    let base_url = base_url.and_then(|base| Url::parse(base).ok());
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base_url.as_ref().map(Url::as_str))
        .timestamp_parser(dates::parse_timestamp)
        .id_generator(generated_id)
        .sanitize_content(false)
        .build();
    let feed = parser.parse(text.as_bytes()).map_err(|err| match kind {
        sniff::Kind::Other => FeedError::NotAFeed,
        _ => feed_error(err, &text),
    })?;
    let mut sources = match feed.feed_type {
        feed_rs::model::FeedType::JSON => Vec::new(),
        _ => xml::item_sources(&text),
    };
    // Sources are matched to items by position; a disagreement on the count means some
    // item was read differently, so none is trusted.
    if sources.len() != feed.entries.len() {
        sources.clear();
    }
    let mut sources = sources.into_iter();
    // Without the feed's own address, relative links are read against its home page.
    let base = base_url.or_else(|| {
        let home = feed.links.iter().find(|link| is_alternate(link))?;
        Url::parse(&home.href).ok()
    });
    let items = feed
        .entries
        .into_iter()
        .map(|entry| item(entry, sources.next().flatten(), base.as_ref()))
        .collect();
    let title = feed.title.map(|title| plain_line(&title.content));
    Ok(ParsedFeed {
        title: title.filter(|title| !title.is_empty()),
        items,
    })
}

/// Whether these bytes are a feed document, by content (not by extension): a cheap sniff of
/// the first KiBs (byte order mark, whitespace, `<?xml`, `<?xml-stylesheet`, comments, then
/// `<rss`, `<rdf:RDF` or `<feed`; or a JSON object whose `"version"` starts with
/// `https://jsonfeed.org/version/`).
pub fn is_feed(bytes: &[u8]) -> bool {
    matches!(
        sniff::kind(bytes),
        sniff::Kind::XmlFeed | sniff::Kind::JsonFeed
    )
}

/// Query parameters that only track where a click came from, by exact name (any case).
const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "igshid",
    "ocid",
    "cmp",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "guccounter",
];

/// Prefixes of tracking parameter names (any case): `utm_source`, `at_medium`, ...
const TRACKING_PREFIXES: &[&str] = &["utm_", "at_"];

/// A link with tracking parameters (`utm_*`, `at_*`, `fbclid`, `gclid`, `ocid`, `CMP`, ...)
/// and the fragment removed; the other parameters keep their order and spelling. Used to
/// spot the same story under two links, by the library too. Text that is not an absolute
/// URL only loses its fragment.
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let Ok(mut parsed) = Url::parse(url) else {
        return url.split('#').next().unwrap_or(url).to_string();
    };
    parsed.set_fragment(None);
    if let Some(query) = parsed.query() {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.is_empty() && !is_tracking(pair))
            .collect();
        let kept = (!kept.is_empty()).then(|| kept.join("&"));
        parsed.set_query(kept.as_deref());
    }
    parsed.into()
}

fn is_tracking(pair: &str) -> bool {
    let name = pair.split('=').next().unwrap_or(pair).to_ascii_lowercase();
    TRACKING_PARAMETERS.contains(&name.as_str())
        || TRACKING_PREFIXES
            .iter()
            .any(|prefix| name.starts_with(prefix))
}

/// A hash of the title and body with case, whitespace and punctuation folded, to spot the
/// same story stored twice under different guids or links: 16 hex digits of FNV-1a (64-bit),
/// the same on every run and platform.
pub fn content_hash(title: &str, body: &str) -> String {
    let mut normalised = String::with_capacity(title.len() + body.len() + 1);
    fold_words(title, &mut normalised);
    normalised.push('\n');
    fold_words(body, &mut normalised);
    stable_hash(&normalised)
}

/// Appends the lowercased alphanumeric words of `text` to `out`, one space between them.
fn fold_words(text: &str, out: &mut String) {
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty());
    for (i, word) in words.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// FNV-1a (64-bit) of `text`, as 16 hex digits: stable across runs, versions and platforms.
pub fn stable_hash(text: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let hash = text.bytes().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    });
    format!("{hash:016x}")
}

/// The id of an item that has none: from its first link (canonical) and its title, so the
/// same item gets the same id on every fetch (feed-rs's own fallback may be random).
fn generated_id(
    links: &[feed_rs::model::Link],
    title: &Option<feed_rs::model::Text>,
    _feed_url: Option<&str>,
) -> String {
    let link = links
        .first()
        .map(|link| canonical_url(&link.href))
        .unwrap_or_default();
    let title = title.as_ref().map_or("", |title| title.content.trim());
    format!("mercato:{}", stable_hash(&format!("{link}\n{title}")))
}

/// The [`FeedError`] for a document that sniffed as a feed but did not parse.
fn feed_error(err: feed_rs::parser::ParseFeedError, text: &str) -> FeedError {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    match err {
        ParseFeedError::XmlReader(err) => match xml::first_error(text) {
            Some((line, message)) => FeedError::InvalidXml {
                line: Some(line),
                message,
            },
            None => {
                let message = err.to_string();
                let message = message.strip_prefix("Parser error: ").unwrap_or(&message);
                FeedError::InvalidXml {
                    line: None,
                    message: message.to_string(),
                }
            }
        },
        ParseFeedError::JsonSerde(err) => FeedError::InvalidJson {
            line: (err.line() > 0).then_some(err.line()),
            message: json_error(&err),
        },
        ParseFeedError::JsonUnsupportedVersion(version) => {
            FeedError::UnsupportedVersion(one_line(&version))
        }
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => FeedError::NotAFeed,
        ParseFeedError::ParseError(kind) => FeedError::Malformed(kind.to_string()),
        ParseFeedError::IoError(err) => FeedError::Malformed(err.to_string()),
    }
}

/// One entry as a [`FeedItem`]; `source` is what the item's `<source>` names.
fn item(entry: feed_rs::model::Entry, source: Option<String>, base: Option<&Url>) -> FeedItem {
    let url = entry
        .links
        .iter()
        .find(|link| is_alternate(link))
        .or(entry.links.first())
        .map(|link| canonical_url(&absolute(&link.href, base)));
    let author = entry
        .authors
        .iter()
        .filter_map(|person| person.name.as_deref())
        .map(one_line)
        .find(|name| !name.is_empty());
    let content = entry
        .content
        .as_ref()
        .and_then(|content| Some((content.body.as_deref()?, content.content_type.as_str())))
        .map(|(body, kind)| text_of(body, kind))
        .filter(|body| !body.is_empty());
    let summary_only = content.is_none();
    let body = content.unwrap_or_else(|| {
        entry
            .summary
            .as_ref()
            .map(|summary| text_of(&summary.content, summary.content_type.as_str()))
            .unwrap_or_default()
    });
    FeedItem {
        guid: one_line(&entry.id),
        url,
        title: entry
            .title
            .as_ref()
            .map(|title| plain_line(&title.content))
            .unwrap_or_default(),
        author,
        published: entry.published.or(entry.updated),
        source: source
            .map(|source| plain_line(&source))
            .filter(|s| !s.is_empty()),
        body: without_read_more(&body).to_string(),
        summary_only,
    }
}

/// Whether a link is the page the item or feed stands for (not a comments, self or
/// enclosure link).
fn is_alternate(link: &feed_rs::model::Link) -> bool {
    link.target.is_none() && link.rel.as_deref().is_none_or(|rel| rel == "alternate")
}

/// `href` resolved against `base` when it is relative (feed-rs resolves XML links itself,
/// but not those of JSON Feeds).
fn absolute(href: &str, base: Option<&Url>) -> String {
    match (Url::parse(href), base) {
        (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => base
            .join(href)
            .map_or_else(|_| href.to_string(), String::from),
        _ => href.to_string(),
    }
}

/// Text of a given media type as plain paragraphs: `text/plain` sanitised and tidied,
/// anything else (HTML, XHTML) through [`html_to_text`].
fn text_of(text: &str, media_type: &str) -> String {
    if media_type == "text/plain" {
        html::paragraphs(&crate::sanitize::sanitize(text, true))
    } else {
        html_to_text(text)
    }
}

/// A title or name on one line: markup and entities (often escaped twice in feeds) decoded,
/// whitespace folded, sanitised.
fn plain_line(text: &str) -> String {
    one_line(&html_to_text(text))
}

/// The body without a closing "Continue reading..." / "Read more" link paragraph.
fn without_read_more(body: &str) -> &str {
    let (rest, last) = match body.rsplit_once("\n\n") {
        Some((rest, last)) => (rest, last),
        None => ("", body),
    };
    let phrase = last
        .trim_end_matches(['.', '…', '»', '›', '→', ' '])
        .to_lowercase();
    if phrase == "continue reading" || phrase == "read more" {
        rest
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An RSS 2.0 document around the given `<item>` elements.
    fn rss(items: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
             xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
             <channel><title>Test feed</title><link>https://home.example.com/</link>\
             {items}</channel></rss>"
        )
    }

    fn only_item(items: &str) -> FeedItem {
        let mut feed = parse_feed(rss(items).as_bytes(), None).expect("parses");
        assert_eq!(feed.items.len(), 1, "{feed:?}");
        feed.items.remove(0)
    }

    #[test]
    fn canonical_urls_lose_tracking_and_fragment() {
        let cases = [
            (
                "https://www.example.co.uk/sport/football/123?at_medium=RSS&at_campaign=rss",
                "https://www.example.co.uk/sport/football/123",
            ),
            (
                "https://example.com/a?utm_source=x&id=7&UTM_Medium=y&fbclid=z#comments",
                "https://example.com/a?id=7",
            ),
            (
                "https://example.com/a?CMP=share&gclid=1&ocid=2&page=2&q=a+b",
                "https://example.com/a?page=2&q=a+b",
            ),
            ("HTTPS://Example.COM/Path#x", "https://example.com/Path"),
            ("  https://example.com/plain  ", "https://example.com/plain"),
            ("/relative/path#frag", "/relative/path"),
        ];
        for (url, expected) in cases {
            assert_eq!(canonical_url(url), expected, "{url}");
        }
    }

    #[test]
    fn content_hash_folds_case_space_and_punctuation() {
        let hash = content_hash("Ojeda: bid rejected!", "Wolves   turn down\nVilla.");
        assert_eq!(
            hash,
            content_hash("ojeda bid rejected", "wolves turn down villa")
        );
        assert_ne!(
            hash,
            content_hash("Ojeda bid accepted", "Wolves turn down Villa.")
        );
        assert_eq!(hash.len(), 16);
        // Fixed across runs and platforms: the library stores it.
        assert_eq!(content_hash("a", "b"), stable_hash("a\nb"));
        assert_eq!(stable_hash(""), "cbf29ce484222325");
        assert_eq!(stable_hash("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn items_without_guid_get_a_stable_id() {
        let item =
            "<item><title>Ojeda stays</title><link>https://e.com/a?utm_source=x</link></item>";
        let first = only_item(item);
        let again = only_item(item);
        assert!(first.guid.starts_with("mercato:"), "{}", first.guid);
        assert_eq!(first.guid, again.guid);
        let tracked_differently =
            only_item("<item><title>Ojeda stays</title><link>https://e.com/a</link></item>");
        assert_eq!(first.guid, tracked_differently.guid);
        let other = only_item("<item><title>Ojeda goes</title><link>https://e.com/a</link></item>");
        assert_ne!(first.guid, other.guid);
        let given = only_item("<item><guid> https://e.com/a#0 </guid><title>T</title></item>");
        assert_eq!(given.guid, "https://e.com/a#0");
    }

    #[test]
    fn titles_are_one_plain_line() {
        let item = only_item(
            "<item><title>Rice&#039;s\n   &amp;amp; Saka&#x2019;s   &lt;b&gt;deal&lt;/b&gt;\n</title></item>",
        );
        assert_eq!(item.title, "Rice's & Saka’s deal");
    }

    #[test]
    fn dc_creator_is_the_author_trimmed() {
        let item =
            only_item("<item><title>T</title><dc:creator>  Ana  Prieto \n</dc:creator></item>");
        assert_eq!(item.author.as_deref(), Some("Ana Prieto"));
        let none = only_item("<item><title>T</title><dc:creator>   </dc:creator></item>");
        assert_eq!(none.author, None);
    }

    #[test]
    fn dates_published_else_updated_else_none() {
        let item = only_item(
            "<item><title>T</title><pubDate>Sat, 21 Nov 2026 22:15:00 +0200</pubDate></item>",
        );
        assert_eq!(
            item.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-11-21T20:15:00+00:00")
        );
        let broken = only_item("<item><title>T</title><pubDate>next Tuesday</pubDate></item>");
        assert_eq!(broken.published, None);
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry>\
                    <id>e</id><title>T</title><updated>2026-11-20T18:00:00Z</updated></entry></feed>";
        let feed = parse_feed(atom.as_bytes(), None).expect("parses");
        assert_eq!(
            feed.items[0].published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-11-20T18:00:00+00:00")
        );
    }

    #[test]
    fn content_is_preferred_to_the_summary() {
        let item = only_item(
            "<item><title>T</title><description>Short.</description>\
             <content:encoded><![CDATA[<p>Full one.</p><p>Full two.</p>]]></content:encoded></item>",
        );
        assert_eq!(item.body, "Full one.\n\nFull two.");
        assert!(!item.summary_only);
        let summary = only_item("<item><title>T</title><description>Short.</description></item>");
        assert_eq!(summary.body, "Short.");
        assert!(summary.summary_only);
    }

    #[test]
    fn continue_reading_links_are_dropped() {
        let item = only_item(
            "<item><title>T</title><description>&lt;p&gt;Albani stays.&lt;/p&gt; \
             &lt;a href=\"https://e.com/x\"&gt;Continue reading...&lt;/a&gt;</description></item>",
        );
        assert_eq!(item.body, "Albani stays.");
        assert_eq!(without_read_more("Read more…"), "");
        assert_eq!(
            without_read_more("He will read more books."),
            "He will read more books."
        );
    }

    #[test]
    fn relative_links_are_made_absolute() {
        let doc = rss("<item><title>T</title><link>/news/a?utm_source=x</link></item>");
        let from_url = parse_feed(
            doc.as_bytes(),
            Some("https://feeds.example.com/rss/all.xml"),
        )
        .expect("parses");
        assert_eq!(
            from_url.items[0].url.as_deref(),
            Some("https://feeds.example.com/news/a")
        );
        // Without the feed's address, the channel's home page is the base.
        let from_home = parse_feed(doc.as_bytes(), None).expect("parses");
        assert_eq!(
            from_home.items[0].url.as_deref(),
            Some("https://home.example.com/news/a")
        );
        // A base that is not a URL is ignored, not an error.
        assert!(parse_feed(doc.as_bytes(), Some("not a url")).is_ok());
    }

    #[test]
    fn the_item_source_is_kept() {
        let item = only_item(
            "<item><title>T</title><source url=\"https://p.example/rss\"> Partner  Deportes </source></item>",
        );
        assert_eq!(item.source.as_deref(), Some("Partner Deportes"));
    }

    #[test]
    fn terminal_controls_never_survive() {
        let item = only_item(
            "<item><title>Red \u{1b}[31malert\u{1b}[0m \u{202e}Lazio</title>\
             <description>&lt;p&gt;Clear\u{1b}[2J \u{202e}screen&lt;/p&gt;</description>\
             <dc:creator>\u{1b}]0;title\u{7}Ana</dc:creator></item>",
        );
        assert_eq!(item.title, "Red alert Lazio");
        assert_eq!(item.body, "Clear screen");
        assert_eq!(item.author.as_deref(), Some("Ana"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let page = b"<!DOCTYPE html>\n<html><head><title>News</title></head></html>";
        assert_eq!(parse_feed(page, None), Err(FeedError::HtmlPage));
        assert_eq!(
            FeedError::HtmlPage.to_string(),
            "not a feed (looks like an HTML page)"
        );
        assert_eq!(parse_feed(b"  \n", None), Err(FeedError::Empty));
        assert_eq!(
            parse_feed(b"<note>hi</note>", None),
            Err(FeedError::NotAFeed)
        );
        assert_eq!(
            parse_feed(br#"{"body": "x"}"#, None),
            Err(FeedError::NotAFeed)
        );
        let broken = b"<rss version=\"2.0\">\n<channel>\n<item>\n</channel></rss>";
        let err = parse_feed(broken, None).expect_err("broken");
        assert!(
            err.to_string().starts_with("invalid XML at line 4: "),
            "{err}"
        );
        let json = b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [}";
        let err = parse_feed(json, None).expect_err("broken");
        assert!(
            err.to_string().starts_with("invalid JSON Feed at line 1: "),
            "{err}"
        );
    }

    #[test]
    fn wrong_charset_declarations_give_readable_text() {
        let utf8 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\
                    <rss version=\"2.0\"><channel><item><title>Modrić</title></item></channel></rss>";
        let feed = parse_feed(utf8.as_bytes(), None).expect("parses");
        assert_eq!(feed.items[0].title, "Modrić");
        let latin1 = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
                       <rss version=\"2.0\"><channel><item><title>Mu\xF1oz</title></item></channel></rss>";
        let feed = parse_feed(latin1, None).expect("parses");
        assert_eq!(feed.items[0].title, "Muñoz");
    }

    #[test]
    fn rss_without_a_known_version_is_still_rss() {
        for root in ["<rss>", "<rss version=\"2.01\">"] {
            let doc = format!("{root}<channel><item><title>Ojeda</title></item></channel></rss>");
            let feed = parse_feed(doc.as_bytes(), None).expect("parses");
            assert_eq!(feed.items[0].title, "Ojeda", "{root}");
        }
    }

    #[test]
    fn is_feed_sniffs_content() {
        assert!(is_feed(rss("").as_bytes()));
        assert!(is_feed(
            br#"{"version": "https://jsonfeed.org/version/1", "items": []}"#
        ));
        assert!(!is_feed(b"<!DOCTYPE html><html></html>"));
        assert!(!is_feed(br#"[{"body": "text"}]"#));
        assert!(!is_feed(b"date 2026-11-20 Ojeda stays."));
    }
}
