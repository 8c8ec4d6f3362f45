//! Looking at the first bytes of a document: is it a feed, an HTML page, and what is its text.

use std::borrow::Cow;
use std::ops::Range;

use crate::corpus::decode_latin1;

/// How many leading bytes [`is_feed`](super::is_feed) looks at (8 KiB).
pub(super) const SNIFF_BYTES: usize = 8 * 1024;

/// What the start of a document says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `<rss`, `<rdf:RDF` or `<feed` after the prolog.
    XmlFeed,
    /// A JSON object whose `"version"` is a JSON Feed one.
    JsonFeed,
    /// `<!DOCTYPE html`, `<html`, `<head` or `<body` after the prolog.
    HtmlPage,
    /// Anything else (empty, another XML root, other JSON, plain text).
    Other,
}

/// Sniffs the kind of a document from its first [`SNIFF_BYTES`], after any byte order mark,
/// whitespace, XML declaration, processing instructions (`<?xml-stylesheet ...?>`), comments
/// and a `<!DOCTYPE rss ...>`.
pub(super) fn kind(bytes: &[u8]) -> Kind {
    let head = utf8_head(bytes);
    let Some(rest) = after_prolog(&head) else {
        return Kind::Other;
    };
    if rest.starts_with('{') {
        return if has_json_feed_version(rest) {
            Kind::JsonFeed
        } else {
            Kind::Other
        };
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return Kind::Other;
    };
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(tag.len());
    let name = &tag[..name_end];
    let local = name.rsplit(':').next().unwrap_or(name);
    if name == "rss" || local == "RDF" || local == "feed" {
        Kind::XmlFeed
    } else if is_html_doctype(rest)
        || ["html", "head", "body"]
            .iter()
            .any(|html| name.eq_ignore_ascii_case(html))
    {
        Kind::HtmlPage
    } else {
        Kind::Other
    }
}

/// `text` from its first element or JSON value on: after whitespace, the XML declaration,
/// processing instructions, comments and a non-HTML doctype. `None` when one of those is
/// never closed.
fn after_prolog(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        rest = if rest.starts_with("<?") {
            &rest[rest.find("?>")? + 2..]
        } else if rest.starts_with("<!--") {
            &rest[rest.find("-->")? + 3..]
        } else if starts_with_ignore_case(rest, "<!doctype") && !is_html_doctype(rest) {
            &rest[rest.find('>')? + 1..]
        } else {
            return Some(rest);
        };
    }
}

/// RSS versions feed-rs reads; it refuses any other `version` on `<rss>`, even none.
const KNOWN_RSS_VERSIONS: &[&str] = &["2.0", "0.91", "0.92"];

/// `text` with a missing or unknown `version` on its `<rss>` root set to `2.0` (feeds in the
/// wild omit it or write `2.01`), so that it is read as the RSS it is.
pub(super) fn with_known_rss_version(text: String) -> String {
    let Some(root) = after_prolog(&text).filter(|rest| {
        rest.strip_prefix("<rss")
            .is_some_and(|after| after.starts_with(|c: char| c.is_whitespace() || c == '>'))
    }) else {
        return text;
    };
    let root_at = text.len() - root.len();
    let tag_end = root_at + root.find('>').unwrap_or(root.len());
    let tag = &text[root_at..tag_end];
    if tag.contains("version") && attribute(&text, tag, "version").is_none() {
        return text; // written some way not understood here: left to the parser
    }
    let version = attribute(&text, tag, "version");
    match version {
        Some(range) if KNOWN_RSS_VERSIONS.contains(&&text[range.clone()]) => text,
        Some(range) => format!("{}2.0{}", &text[..range.start], &text[range.end..]),
        None => {
            let name_end = root_at + "<rss".len();
            format!("{} version=\"2.0\"{}", &text[..name_end], &text[name_end..])
        }
    }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

fn is_html_doctype(text: &str) -> bool {
    starts_with_ignore_case(text, "<!doctype")
        && text[9..]
            .trim_start()
            .get(..4)
            .is_some_and(|word| word.eq_ignore_ascii_case("html"))
}

/// Whether a JSON object's `"version"` (in its first KiBs) names a JSON Feed version, with
/// or without escaped slashes (`https:\/\/jsonfeed.org\/version\/1.1`).
fn has_json_feed_version(json: &str) -> bool {
    let mut rest = json;
    while let Some(at) = rest.find("\"version\"") {
        rest = &rest[at + "\"version\"".len()..];
        let Some(value) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let Some(value) = value.trim_start().strip_prefix('"') else {
            continue;
        };
        let end = value.find('"').unwrap_or(value.len());
        let version = value[..end].replace('\\', "");
        return [
            "https://jsonfeed.org/version/",
            "http://jsonfeed.org/version/",
        ]
        .iter()
        .any(|prefix| version.starts_with(prefix));
    }
    false
}

/// The first [`SNIFF_BYTES`] as text (lossy; UTF-16 with a byte order mark decoded).
fn utf8_head(bytes: &[u8]) -> Cow<'_, str> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(text) = decode_utf16(head) {
        return Cow::Owned(text);
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    String::from_utf8_lossy(head)
}

/// A document with a UTF-16 byte order mark, decoded (`None` without one); broken code units
/// become U+FFFD.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    crate::corpus::decode_utf16("", bytes, &mut Vec::new())
}

/// The whole document as UTF-8 text, whatever its encoding claims, so that the parser never
/// trips over a wrong `encoding` declaration:
///
/// - UTF-16 (with a byte order mark) is decoded; a UTF-8 byte order mark is dropped.
/// - Valid UTF-8 is taken as UTF-8, even when the declaration says ISO-8859-1 (UTF-8 bytes
///   that are not meant as UTF-8 are vanishingly rare).
/// - Invalid UTF-8 declared as another encoding is decoded as declared (`encoding_rs`);
///   undeclared or declared as UTF-8, it is read as Windows-1252.
///
/// The declaration is then rewritten to say UTF-8.
pub(super) fn to_utf8(bytes: &[u8]) -> String {
    if let Some(text) = decode_utf16(bytes) {
        return declare_utf8(&text);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => match declared_encoding(bytes) {
            Some(encoding) if encoding != encoding_rs::UTF_8 => {
                encoding.decode_without_bom_handling(bytes).0
            }
            _ => Cow::Owned(decode_latin1(bytes)),
        },
    };
    declare_utf8(&text)
}

/// The encoding named by an XML declaration at the very start, if any and known.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
    let (value, _) = encoding_attribute(&head)?;
    encoding_rs::Encoding::for_label(value.as_bytes())
}

/// The value of the `encoding` pseudo-attribute of the leading XML declaration, and its byte
/// range in `text`.
fn encoding_attribute(text: &str) -> Option<(&str, Range<usize>)> {
    let declaration = text.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let range = attribute(text, declaration, "encoding")?;
    Some((&text[range.clone()], range))
}

/// The byte range in `text` of the value of attribute `name` in `tag` (a slice of `text`):
/// `name`, after whitespace, then `=` and a quoted value.
fn attribute(text: &str, tag: &str, name: &str) -> Option<Range<usize>> {
    let (at, _) = tag
        .match_indices(name)
        .find(|(at, _)| tag[..*at].ends_with(char::is_whitespace))?;
    let after = tag[at + name.len()..].trim_start();
    let after = after.strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    let value = &value[..value.find(quote)?];
    let start = value.as_ptr() as usize - text.as_ptr() as usize;
    Some(start..start + value.len())
}

/// `text` with its XML declaration's encoding (if any) replaced by `UTF-8`.
fn declare_utf8(text: &str) -> String {
    match encoding_attribute(text) {
        Some((value, range)) if !value.eq_ignore_ascii_case("utf-8") => {
            let mut out = String::with_capacity(text.len());
            out.push_str(&text[..range.start]);
            out.push_str("UTF-8");
            out.push_str(&text[range.end..]);
            out
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_recognised_after_the_prolog() {
        let rss = "\u{FEFF}\n<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"s.xsl\"?>\n\
                   <!-- a comment -->\n<rss version=\"2.0\"><channel/></rss>";
        assert_eq!(kind(rss.as_bytes()), Kind::XmlFeed);
        assert_eq!(kind(b"<rdf:RDF xmlns:rdf=\"x\">"), Kind::XmlFeed);
        assert_eq!(
            kind(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Kind::XmlFeed
        );
        assert_eq!(
            kind(b"<!DOCTYPE rss PUBLIC \"-//Netscape\" \"x.dtd\">\n<rss version=\"0.91\">"),
            Kind::XmlFeed
        );
        assert_eq!(kind(b"<feeds>"), Kind::Other);
        assert_eq!(kind(b"<rssx>"), Kind::Other);
    }

    #[test]
    fn json_feeds_need_a_json_feed_version() {
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#;
        assert_eq!(kind(json), Kind::JsonFeed);
        let escaped = br#"{ "title": "x", "version":"https:\/\/jsonfeed.org\/version\/1" }"#;
        assert_eq!(kind(escaped), Kind::JsonFeed);
        assert_eq!(kind(br#"{"version": "2.0", "body": "x"}"#), Kind::Other);
        assert_eq!(kind(br#"{"body": "Ramos stays."}"#), Kind::Other);
        assert_eq!(
            kind(br#"[{"version": "https://jsonfeed.org/version/1"}]"#),
            Kind::Other
        );
    }

    #[test]
    fn html_pages_are_told_apart() {
        assert_eq!(kind(b"<!DOCTYPE html>\n<html><body>"), Kind::HtmlPage);
        assert_eq!(kind(b"  <HTML lang=\"en\">"), Kind::HtmlPage);
        assert_eq!(kind(b"<?xml version=\"1.0\"?><html>"), Kind::HtmlPage);
        assert_eq!(kind(b""), Kind::Other);
        assert_eq!(kind(b"<!-- never closed"), Kind::Other);
    }

    #[test]
    fn rss_versions_feed_rs_refuses_become_2_0() {
        let fix = |text: &str| with_known_rss_version(text.to_string());
        assert_eq!(
            fix("<rss><channel/></rss>"),
            "<rss version=\"2.0\"><channel/></rss>"
        );
        assert_eq!(
            fix("<?xml version=\"1.0\"?>\n<rss xmlns:dc=\"x\" version='2.01'>"),
            "<?xml version=\"1.0\"?>\n<rss xmlns:dc=\"x\" version='2.0'>"
        );
        assert_eq!(fix("<rss\nversion=\"3\">"), "<rss\nversion=\"2.0\">");
        for fine in [
            "<rss version=\"0.91\">",
            "<rss version=\"2.0\">",
            "<rssfeed>",
            "<feed>",
        ] {
            assert_eq!(fix(fine), fine);
        }
    }

    #[test]
    fn utf16_is_sniffed_and_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss>é".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(kind(&bytes), Kind::XmlFeed);
        assert_eq!(
            to_utf8(&bytes),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>é"
        );
    }

    #[test]
    fn wrong_encoding_declarations_are_overruled() {
        // Declared Latin-1, written in UTF-8.
        let utf8 = "<?xml version='1.0' encoding='ISO-8859-1'?><rss>Modrić</rss>";
        assert_eq!(
            to_utf8(utf8.as_bytes()),
            "<?xml version='1.0' encoding='UTF-8'?><rss>Modrić</rss>"
        );
        // Declared UTF-8, written in Latin-1.
        let latin1 = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>Bra\xE7a</rss>";
        assert_eq!(
            to_utf8(latin1),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>Braça</rss>"
        );
        // Declared Latin-1 and really Latin-1.
        let honest = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>Mu\xF1oz</rss>";
        assert_eq!(
            to_utf8(honest),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>Muñoz</rss>"
        );
    }
}
