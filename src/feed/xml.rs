//! A light second look at XML feeds, for what feed-rs does not report: the line of a syntax
//! error, and the `<source>` each item names.

use quick_xml::Reader;
use quick_xml::events::Event;

/// The 1-based line and the message of the first syntax error in `text`, if any.
pub(super) fn first_error(text: &str) -> Option<(usize, String)> {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return None,
            Ok(_) => {}
            Err(err) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let before = text.as_bytes().get(..at).unwrap_or(text.as_bytes());
                let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
                return Some((line, err.to_string()));
            }
        }
    }
}

/// The `<source>` named by each `<item>` (RSS) or `<entry>` (Atom) in document order: the
/// text of an RSS `<source>`, or the `<title>` of an Atom `<source>`. `None` for an item
/// without one; stops quietly at a syntax error.
pub(super) fn item_sources(text: &str) -> Vec<Option<String>> {
    let mut reader = Reader::from_str(text);
    let mut sources = Vec::new();
    // Text gathered inside the current item's <source>, and inside its <title>.
    let mut in_source: Option<(String, Option<String>)> = None;
    let mut in_title = false;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let piece = match &event {
            Event::Start(tag) => {
                match tag.local_name().as_ref() {
                    "item" | "entry" => sources.push(None),
                    "source" if !sources.is_empty() => in_source = Some((String::new(), None)),
                    "title" => {
                        if let Some((_, title)) = &mut in_source {
                            in_title = true;
                            title.get_or_insert_with(String::new);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Event::End(tag) => {
                match tag.local_name().as_ref() {
                    "source" => {
                        if let (Some((text, title)), Some(last)) =
                            (in_source.take(), sources.last_mut())
                        {
                            *last =
                                Some(title.unwrap_or(text)).filter(|name| !name.trim().is_empty());
                        }
                    }
                    "title" => in_title = false,
                    _ => {}
                }
                continue;
            }
            Event::Text(text) => Some(String::from(&**text)),
            Event::CData(data) => Some(String::from(&**data)),
            Event::GeneralRef(reference) => match reference.resolve_char_ref() {
                Ok(Some(c)) => Some(c.to_string()),
                _ => quick_xml::escape::resolve_predefined_entity(reference.as_ref())
                    .map(str::to_string),
            },
            _ => None,
        };
        if let (Some(piece), Some((text, title))) = (piece, &mut in_source) {
            match title {
                Some(title) if in_title => title.push_str(&piece),
                _ => text.push_str(&piece),
            }
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_have_lines() {
        let (line, message) = first_error("<rss>\n<channel>\n<item></channel>\n</rss>").unwrap();
        assert_eq!(line, 3);
        assert!(message.contains("channel"), "{message}");
        assert_eq!(first_error("<rss><channel/></rss>"), None);
    }

    #[test]
    fn sources_of_rss_items_and_atom_entries() {
        let rss = "<rss><channel><title>Feed</title>\
                   <item><title>A</title><source url=\"https://x.example/rss\">Gazzetta &amp; Co</source></item>\
                   <item><title>B</title></item>\
                   <item><source url=\"u\"><![CDATA[Marca]]></source></item></channel></rss>";
        assert_eq!(
            item_sources(rss),
            [
                Some("Gazzetta & Co".to_string()),
                None,
                Some("Marca".to_string())
            ]
        );
        let atom = "<feed><title>F</title><entry><title>E</title>\
                    <source><id>urn:x</id><title>Kicker</title></source></entry></feed>";
        assert_eq!(item_sources(atom), [Some("Kicker".to_string())]);
    }
}
