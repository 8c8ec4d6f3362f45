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

fn at_line(line: Option<usize>) -> String {
    line.map(|line| format!(" at line {line}"))
        .unwrap_or_default()
}

/// Parses an RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed 1.x document. `base_url` is where it
/// came from (resolves relative links). Never panics; a wrong encoding declaration is
/// overruled (see the crate's tests), unreadable dates become `None`.
pub fn parse_feed(bytes: &[u8], base_url: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let text = sniff::to_utf8(bytes);
    let kind = sniff::kind(text.as_bytes());
    match kind {
        sniff::Kind::HtmlPage => return Err(FeedError::HtmlPage),
        sniff::Kind::Other if text.trim().is_empty() => return Err(FeedError::Empty),
        _ => {}
    }
    let base = base_url.and_then(|base| Url::parse(base).ok());
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.as_ref().map(Url::as_str))
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
pub(crate) fn stable_hash(text: &str) -> String {
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
            None => FeedError::InvalidXml {
                line: None,
                message: err.to_string(),
            },
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
        .find(|link| {
            link.target.is_none() && link.rel.as_deref().is_none_or(|rel| rel == "alternate")
        })
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
