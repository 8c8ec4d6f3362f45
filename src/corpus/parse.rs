//! Turning the bytes of one file into articles: decoding, then one parser per format.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};

use super::discover::unsupported;
use super::{
    Article, BINARY_SNIFF_BYTES, FileLoad, LoadProblem, MAX_ARTICLE_BYTES, derive_title, one_line,
    snippet,
};
use crate::feed;
use crate::sanitize::{Cleaned, first_unsafe, sanitize_counted};

/// The file formats understood, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `.txt`: plain text with an optional `date YYYY-MM-DD` header.
    Text,
    /// `.md`, `.markdown`: optional YAML-like or TOML front matter, then the body.
    Markdown,
    /// `.json`: one object or an array of objects.
    Json,
    /// `.jsonl`: one object per line.
    JsonLines,
    /// `.xml`, `.rss`, `.atom`, or a `.json` whose content is a JSON Feed: one article per
    /// item.
    Feed,
}

impl Format {
    /// The format for an extension (any case, with or without the leading dot).
    pub(crate) fn from_extension(extension: &str) -> Option<Format> {
        let extension = extension.strip_prefix('.').unwrap_or(extension);
        match extension.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" => Some(Format::JsonLines),
            "xml" | "rss" | "atom" => Some(Format::Feed),
            _ => None,
        }
    }
}

/// Parses the bytes of one file into articles, reporting problems against `label`.
///
/// `extension` (any case, with or without the dot) picks the format, and a `.json` file whose
/// content is a JSON Feed is read as a feed; `id_base` becomes the article id, with `#N`
/// appended for the entries of JSON arrays and JSON Lines files, and `#` and a hash of the
/// item's guid for feed items. This is
/// the format dispatch behind [`load_file`](super::load_file) and
/// [`load_embedded`](super::load_embedded); it never touches the filesystem and never panics.
pub fn parse_file(label: &str, id_base: &str, extension: &str, bytes: &[u8]) -> FileLoad {
    let mut load = FileLoad::default();
    let extension = extension.strip_prefix('.').unwrap_or(extension);
    let format = match Format::from_extension(extension) {
        Some(Format::Json) if feed::is_feed(bytes) => Format::Feed,
        Some(format) => format,
        None => {
            load.problems.push(unsupported(
                label.to_string(),
                &extension.to_ascii_lowercase(),
            ));
            return load;
        }
    };
    // Feeds are decoded by the feed reader, which heeds (or overrules) their declared encoding.
    let text = if format == Format::Feed {
        String::new()
    } else {
        match decode(label, bytes, &mut load.problems) {
            Some(text) => text,
            None => return load,
        }
    };
    let mut parser = Parser {
        label,
        id_base,
        file: &text,
        load,
    };
    match format {
        Format::Text => parser.text(&text),
        Format::Markdown => parser.markdown(&text),
        Format::Json => parser.json(&text),
        Format::JsonLines => parser.json_lines(&text),
        Format::Feed => parser.feed(bytes),
    }
    parser.load
}

/// The file as text: binary files rejected, BOM stripped, UTF-16 (with a byte order mark)
/// decoded, invalid UTF-8 decoded as Windows-1252, line ends normalised to `\n`.
fn decode(label: &str, bytes: &[u8], problems: &mut Vec<LoadProblem>) -> Option<String> {
    if let Some(text) = decode_utf16(label, bytes, problems) {
        return Some(normalise_newlines(&text));
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if sniff.contains(&0) {
        problems.push(LoadProblem::rejected(
            label,
            None,
            "binary file (NUL bytes in the first 8 KiB); skipped",
        ));
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => normalise_newlines(text),
        Err(err) => {
            let line = line_of_byte(bytes, err.valid_up_to());
            problems.push(LoadProblem::warning(
                label,
                Some(line),
                "not valid UTF-8; decoded as Latin-1 (Windows-1252)",
            ));
            normalise_newlines(&decode_latin1(bytes))
        }
    };
    Some(text)
}

/// Text that starts with a UTF-16 byte order mark, decoded (`None` for anything else). Unpaired
/// surrogates and an odd last byte become U+FFFD, with a warning.
pub(crate) fn decode_utf16(
    label: &str,
    bytes: &[u8],
    problems: &mut Vec<LoadProblem>,
) -> Option<String> {
    let (rest, little_endian) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (rest, true)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (rest, false)
    } else {
        return None;
    };
    let units = rest.chunks(2).map(|pair| match (pair, little_endian) {
        ([low, high], true) => u16::from_le_bytes([*low, *high]),
        ([high, low], false) => u16::from_be_bytes([*high, *low]),
        // An odd last byte: not a code unit.
        _ => 0xDC00,
    });
    let mut bad = 0usize;
    let text: String = char::decode_utf16(units)
        .map(|unit| {
            unit.unwrap_or_else(|_| {
                bad += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    if bad > 0 {
        problems.push(LoadProblem::warning(
            label,
            None,
            format!("invalid UTF-16 ({bad} broken code units shown as \u{FFFD})"),
        ));
    }
    Some(text)
}

/// What a file says about an article besides its body.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    date: Option<NaiveDate>,
    source: Option<String>,
    url: Option<String>,
}

struct Parser<'a> {
    label: &'a str,
    id_base: &'a str,
    /// The whole decoded file, to tell the line of a place in it.
    file: &'a str,
    load: FileLoad,
}

impl Parser<'_> {
    fn warn(&mut self, line: Option<usize>, message: impl AsRef<str>) {
        let problem = LoadProblem::warning(self.label, line, message);
        self.load.problems.push(problem);
    }

    fn reject(&mut self, line: Option<usize>, message: impl AsRef<str>) {
        let problem = LoadProblem::rejected(self.label, line, message);
        self.load.problems.push(problem);
    }

    /// The 1-based line of the file at which `part` (a slice of the file's text) starts
    /// `offset` bytes in; `None` when `part` is not a slice of the file (a JSON string).
    fn line_in_file(&self, part: &str, offset: usize) -> Option<usize> {
        let start = (part.as_ptr() as usize).checked_sub(self.file.as_ptr() as usize)?;
        let at = start.checked_add(offset)?;
        let before = self.file.get(..at)?;
        Some(1 + before.matches('\n').count())
    }

    /// Builds an article from its parts: trims, caps and sanitises the body (escape sequences
    /// and other terminal controls never get into the model), fills in the title. Returns
    /// `None` (and reports `empty`) when there is no body text.
    fn article(
        &mut self,
        id: String,
        meta: Meta,
        body: &str,
        line: Option<usize>,
        empty: &str,
    ) -> Option<Article> {
        let raw = body.trim();
        if raw.is_empty() {
            self.reject(line, empty);
            return None;
        }
        let (raw_cut, mut cut) = cut_at(raw, MAX_ARTICLE_BYTES);
        let (clean, mut cleaned) = sanitize_counted(raw_cut, true);
        let clean = clean.trim();
        if clean.is_empty() {
            self.reject(
                line,
                "only terminal control codes, no article text; skipped",
            );
            return None;
        }
        // Visible placeholders are wider than the controls they replace.
        let (clean, recut) = cut_at(clean, MAX_ARTICLE_BYTES);
        cut |= recut;
        let body = clean.trim_end();
        let meta_line = |text: Option<String>, cleaned: &mut Cleaned| {
            text.map(|text| {
                let (safe, found) = sanitize_counted(&text, false);
                cleaned.add(found);
                one_line(&safe)
            })
            .filter(|text| !text.is_empty())
        };
        let title = meta_line(meta.title, &mut cleaned);
        let source = meta_line(meta.source, &mut cleaned);
        let url = meta_line(meta.url, &mut cleaned);
        if cut {
            self.warn(
                line,
                format!(
                    "article text is longer than {} KiB; cut to the first {} KiB",
                    MAX_ARTICLE_BYTES / 1024,
                    MAX_ARTICLE_BYTES / 1024
                ),
            );
        }
        if !cleaned.is_empty() {
            let at = first_unsafe(raw_cut)
                .and_then(|offset| self.line_in_file(raw_cut, offset))
                .or(line);
            self.warn(at, describe_cleaned(cleaned));
        }
        let title = title.unwrap_or_else(|| derive_title(body));
        Some(Article {
            id,
            path: self.label.to_string(),
            date: meta.date,
            date_is_fetch: false,
            title,
            source,
            url,
            body: body.to_string(),
        })
    }

    fn push(&mut self, article: Option<Article>) {
        if let Some(article) = article {
            self.load.articles.push(article);
        }
    }

    // ---- .txt ------------------------------------------------------------------------------

    fn text(&mut self, text: &str) {
        let rest = text.trim_start();
        let header_line = 1 + text[..text.len() - rest.len()].matches('\n').count();
        let id = self.id_base.to_string();
        let Some((token, after)) = date_header(rest) else {
            let article = self.article(id, Meta::default(), text, None, "empty file; skipped");
            return self.push(article);
        };
        let date = header_date(token);
        if date.is_none() {
            self.warn(
                Some(header_line),
                format!(
                    "malformed date header \"{}\" (expected date YYYY-MM-DD); loaded without a date",
                    snippet(token, 40)
                ),
            );
        }
        let meta = Meta {
            date,
            ..Meta::default()
        };
        let article = self.article(
            id,
            meta,
            after,
            Some(header_line),
            "only a date header, no article text; skipped",
        );
        self.push(article);
    }

    // ---- .md -------------------------------------------------------------------------------

    fn markdown(&mut self, text: &str) {
        let mut meta = Meta::default();
        let mut body = text;
        let mut has_front_matter = false;

        // The first non-blank line may open front matter.
        let mut offset = 0;
        let mut line_no = 1;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                offset += line.len();
                line_no += 1;
                continue;
            }
            if trimmed == "---" || trimmed == "+++" {
                let after_open = &text[offset + line.len()..];
                match find_closing(after_open, trimmed) {
                    Some((front, rest)) => {
                        has_front_matter = true;
                        if trimmed == "---" {
                            meta = self.yaml_front_matter(front, line_no + 1);
                        } else {
                            meta = self.toml_front_matter(front, line_no + 1, line_no);
                        }
                        body = rest;
                    }
                    None => {
                        self.warn(
                            Some(line_no),
                            format!(
                                "front matter opened with {trimmed} is never closed; \
                                 read the rest of the file as article text"
                            ),
                        );
                        body = after_open;
                    }
                }
            }
            break;
        }

        if meta.title.as_deref().is_none_or(|t| t.trim().is_empty())
            && let Some((heading, rest)) = leading_heading(body)
        {
            meta.title = Some(heading.to_string());
            body = rest;
        }
        let empty = if has_front_matter {
            "front matter but no article text; skipped"
        } else {
            "empty file; skipped"
        };
        let article = self.article(self.id_base.to_string(), meta, body, None, empty);
        self.push(article);
    }

    /// `key: value` lines; values may be quoted. Unknown keys and other lines are ignored.
    fn yaml_front_matter(&mut self, front: &str, first_line: usize) -> Meta {
        let mut meta = Meta::default();
        for (i, line) in front.lines().enumerate() {
            let line_no = first_line + i;
            if line.starts_with([' ', '\t', '-', '#']) {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let Some(value) = yaml_value(value) else {
                continue;
            };
            match key.as_str() {
                "title" => meta.title = Some(value),
                "source" => meta.source = Some(value),
                "url" => meta.url = Some(value),
                "date" => meta.date = self.meta_date(&value, Some(line_no)),
                _ => {}
            }
        }
        meta
    }

    /// `+++` front matter: a TOML table.
    fn toml_front_matter(&mut self, front: &str, first_line: usize, open_line: usize) -> Meta {
        let mut meta = Meta::default();
        let table = match toml::from_str::<toml::Table>(front) {
            Ok(table) => table,
            Err(err) => {
                let line = err
                    .span()
                    .map(|span| {
                        let before = front.as_bytes().get(..span.start).unwrap_or_default();
                        first_line + before.iter().filter(|&&b| b == b'\n').count()
                    })
                    .unwrap_or(open_line);
                self.warn(
                    Some(line),
                    format!(
                        "front matter is not valid TOML ({}); ignored it and loaded the article text",
                        err.message()
                    ),
                );
                return meta;
            }
        };
        for (key, value) in &table {
            let line = Some(toml_key_line(front, key).map_or(open_line, |l| first_line + l));
            match key.as_str() {
                "title" | "source" | "url" => {
                    let Some(text) = value.as_str() else {
                        self.warn(
                            line,
                            format!(
                                "\"{key}\" in front matter is {}, expected text; ignored it",
                                toml_kind(value)
                            ),
                        );
                        continue;
                    };
                    let text = Some(text.to_string());
                    match key.as_str() {
                        "title" => meta.title = text,
                        "source" => meta.source = text,
                        _ => meta.url = text,
                    }
                }
                "date" => {
                    let text = match value {
                        toml::Value::Datetime(datetime) => datetime.to_string(),
                        toml::Value::String(text) => text.clone(),
                        other => {
                            self.warn(
                                line,
                                format!(
                                    "\"date\" in front matter is {}, expected YYYY-MM-DD; \
                                     loaded without a date",
                                    toml_kind(other)
                                ),
                            );
                            continue;
                        }
                    };
                    meta.date = self.meta_date(&text, line);
                }
                _ => {}
            }
        }
        meta
    }

    /// A metadata date (`YYYY-MM-DD` or an RFC 3339 timestamp), or a warning.
    fn meta_date(&mut self, text: &str, line: Option<usize>) -> Option<NaiveDate> {
        let date = parse_date_value(text);
        if date.is_none() {
            self.warn(
                line,
                format!(
                    "unrecognised date \"{}\" (expected YYYY-MM-DD or an RFC 3339 timestamp); \
                     loaded without a date",
                    snippet(text, 40)
                ),
            );
        }
        date
    }

    // ---- feeds ----------------------------------------------------------------------------

    /// One article per feed item: the item's title, published date, link and text; its
    /// `<source>` or else the feed's title as the source. The same story given twice (same
    /// link or same text, as feeds that list an item under two guids do) loads once.
    fn feed(&mut self, bytes: &[u8]) {
        let feed = match feed::parse_feed(bytes, None) {
            Ok(feed) => feed,
            Err(err) => return self.reject(err.line(), format!("{err}; skipped")),
        };
        if feed.items.is_empty() {
            return self.warn(None, "feed has no items; nothing loaded");
        }
        let mut seen = HashSet::new();
        for (i, item) in feed.items.into_iter().enumerate() {
            let hash = feed::content_hash(&item.title, &item.body);
            let link_seen = item
                .url
                .as_ref()
                .is_some_and(|url| !seen.insert(url.clone()));
            if !seen.insert(hash) || link_seen {
                continue;
            }
            let id = format!("{}#{}", self.id_base, feed::stable_hash(&item.guid));
            let body = if item.body.is_empty() {
                &item.title
            } else {
                &item.body
            };
            let meta = Meta {
                title: Some(item.title.clone()).filter(|title| !title.is_empty()),
                date: item.published.map(|published| published.date_naive()),
                source: item.source.clone().or_else(|| feed.title.clone()),
                url: item.url.clone(),
            };
            let empty = format!("item {}: no title or text; skipped", i + 1);
            let article = self.article(id, meta, body, None, &empty);
            self.push(article);
        }
    }

    // ---- .json / .jsonl --------------------------------------------------------------------

    fn json(&mut self, text: &str) {
        if text.trim().is_empty() {
            return self.reject(None, "empty file; skipped");
        }
        let value = match serde_json::from_str::<Value>(text) {
            Ok(value) => value,
            Err(err) => {
                let line = (err.line() > 0).then_some(err.line());
                return self.reject(line, format!("invalid JSON: {}; skipped", json_error(&err)));
            }
        };
        let first_line = 1 + text[..text.len() - text.trim_start().len()]
            .matches('\n')
            .count();
        match value {
            Value::Object(object) => {
                let id = self.id_base.to_string();
                let article = self.json_object(id, &object, first_line, "", "skipped");
                self.push(article);
            }
            Value::Array(items) if items.is_empty() => {
                self.reject(Some(first_line), "empty array, no articles; skipped");
            }
            Value::Array(items) => {
                let lines = element_lines(text);
                for (i, item) in items.iter().enumerate() {
                    let n = i + 1;
                    let line = lines.get(i).copied().unwrap_or(first_line);
                    let id = format!("{}#{n}", self.id_base);
                    let context = format!("element {n}: ");
                    match item {
                        Value::Object(object) => {
                            let article =
                                self.json_object(id, object, line, &context, "element skipped");
                            self.push(article);
                        }
                        other => self.reject(
                            Some(line),
                            format!(
                                "{context}expected an object with a \"body\", found {}; element skipped",
                                json_kind(other)
                            ),
                        ),
                    }
                }
            }
            other => self.reject(
                Some(first_line),
                format!(
                    "expected an object or an array of objects, found {}; skipped",
                    json_kind(&other)
                ),
            ),
        }
    }

    fn json_lines(&mut self, text: &str) {
        let mut any = false;
        for (i, line) in text.split('\n').enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            any = true;
            let id = format!("{}#{line_no}", self.id_base);
            match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(object)) => {
                    let article = self.json_object(id, &object, line_no, "", "line skipped");
                    self.push(article);
                }
                Ok(other) => self.reject(
                    Some(line_no),
                    format!(
                        "expected an object with a \"body\", found {}; line skipped",
                        json_kind(&other)
                    ),
                ),
                Err(err) => self.reject(
                    Some(line_no),
                    format!("invalid JSON: {}; line skipped", json_error(&err)),
                ),
            }
        }
        if !any {
            self.reject(None, "empty file; skipped");
        }
    }

    /// One JSON object: `body` (required text), `title`, `source`, `url` (optional text) and
    /// `date` (optional; unusable dates only warn).
    fn json_object(
        &mut self,
        id: String,
        object: &Map<String, Value>,
        line: usize,
        context: &str,
        skipped: &str,
    ) -> Option<Article> {
        let line = Some(line);
        let body = match object.get("body") {
            Some(Value::String(body)) => body,
            None | Some(Value::Null) => {
                self.reject(line, format!("{context}no \"body\" text; {skipped}"));
                return None;
            }
            Some(other) => {
                self.reject(
                    line,
                    format!(
                        "{context}\"body\" is {}, expected text; {skipped}",
                        json_kind(other)
                    ),
                );
                return None;
            }
        };
        let mut meta = Meta::default();
        for key in ["title", "source", "url"] {
            let value = match object.get(key) {
                None | Some(Value::Null) => None,
                Some(Value::String(text)) => Some(text.clone()),
                Some(other) => {
                    self.reject(
                        line,
                        format!(
                            "{context}\"{key}\" is {}, expected text; {skipped}",
                            json_kind(other)
                        ),
                    );
                    return None;
                }
            };
            match key {
                "title" => meta.title = value,
                "source" => meta.source = value,
                _ => meta.url = value,
            }
        }
        meta.date = match object.get("date") {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => {
                let date = parse_date_value(text);
                if date.is_none() {
                    self.warn(
                        line,
                        format!(
                            "{context}unrecognised date \"{}\" (expected YYYY-MM-DD or an RFC 3339 \
                             timestamp); loaded without a date",
                            snippet(text, 40)
                        ),
                    );
                }
                date
            }
            Some(other) => {
                self.warn(
                    line,
                    format!(
                        "{context}\"date\" is {}, expected text like YYYY-MM-DD; \
                         loaded without a date",
                        json_kind(other)
                    ),
                );
                None
            }
        };
        let body = normalise_newlines(body);
        let empty = format!("{context}\"body\" is empty; {skipped}");
        self.article(id, meta, &body, line, &empty)
    }
}

/// Splits `date <token>` off the start of `text`: the word `date` (any case), an optional `:`,
/// spaces or tabs, then a token starting with a digit. Returns the token and what follows it.
fn date_header(text: &str) -> Option<(&str, &str)> {
    let word = text.get(..4)?;
    if !word.eq_ignore_ascii_case("date") {
        return None;
    }
    let rest = &text[4..];
    let (colon, rest) = match rest.strip_prefix(':') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let value = rest.trim_start_matches([' ', '\t']);
    if !colon && value.len() == rest.len() {
        return None; // "dated", "dates", ... are words, not a header
    }
    if !value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = value.find(char::is_whitespace).unwrap_or(value.len());
    Some((&value[..end], &value[end..]))
}

/// The date of a `.txt` header token: `YYYY-MM-DD`, optionally followed by `:`, `,`, `;` or `|`
/// ("date 2021-01-13: Ramos ...").
fn header_date(token: &str) -> Option<NaiveDate> {
    let trimmed = token.trim_end_matches([':', ',', ';', '|']);
    parse_ymd(trimmed)
}

/// A strict `YYYY-MM-DD` date.
fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    let year = text[0..4].parse().ok()?;
    let month = text[5..7].parse().ok()?;
    let day = text[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A metadata date: `YYYY-MM-DD`, an RFC 3339 timestamp (its own calendar date), or a
/// timestamp without offset (`YYYY-MM-DDTHH:MM:SS`).
pub(crate) fn parse_date_value(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = parse_ymd(text) {
        return Some(date);
    }
    if let Ok(datetime) = DateTime::parse_from_rfc3339(text) {
        return Some(datetime.date_naive());
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .map(|datetime| datetime.date())
}

/// Finds the line closing front matter opened with `delimiter` (`---` may also close with
/// `...`). Returns the front matter and the text after the closing line.
fn find_closing<'t>(text: &'t str, delimiter: &str) -> Option<(&'t str, &'t str)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == delimiter || (delimiter == "---" && trimmed == "...") {
            return Some((&text[..offset], &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// A YAML-like scalar: trimmed, quotes removed, trailing ` # comment` dropped when unquoted.
/// `None` for empty, `~` and `null`.
fn yaml_value(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let value = if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        let inner = &raw[1..raw.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    } else if raw.len() >= 2 && raw.starts_with('\'') && raw.ends_with('\'') {
        raw[1..raw.len() - 1].replace("''", "'")
    } else {
        let unquoted = match raw.find(" #") {
            Some(at) => raw[..at].trim_end(),
            None => raw,
        };
        if unquoted == "~" || unquoted.eq_ignore_ascii_case("null") {
            return None;
        }
        unquoted.to_string()
    };
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// The 0-based line of `front` that assigns `key` at top level, if any (for TOML messages).
fn toml_key_line(front: &str, key: &str) -> Option<usize> {
    front.lines().position(|line| {
        let line = line.trim_start();
        let rest = line
            .strip_prefix(key)
            .or_else(|| line.strip_prefix(&format!("\"{key}\"")));
        rest.is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

/// A leading `# Heading` line of a markdown body (after blank lines): its text and the body
/// after it.
fn leading_heading(body: &str) -> Option<(&str, &str)> {
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    // Back up to the start of the line so indentation is seen.
    let line_start = body[..start].rfind('\n').map_or(0, |at| at + 1);
    if start - line_start > 3 {
        return None; // indented four spaces: code, not a heading
    }
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = &rest[..line_end];
    let heading = line.strip_prefix('#')?;
    if !heading.starts_with([' ', '\t']) {
        return None; // "##" (a lower level) or "#hashtag"
    }
    let heading = heading.trim();
    // An optional closing sequence of #s, separated by a space.
    let stripped = heading.trim_end_matches('#');
    let closed =
        stripped.len() < heading.len() && (stripped.is_empty() || stripped.ends_with([' ', '\t']));
    let heading = if closed { stripped.trim_end() } else { heading };
    if heading.is_empty() {
        return None;
    }
    Some((heading, &rest[line_end..]))
}

/// The 1-based line of each top-level element of a JSON array (the text must be valid JSON).
fn element_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut line = 1;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut expect_element = false;
    for byte in text.bytes() {
        if byte == b'\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        if expect_element && !byte.is_ascii_whitespace() {
            expect_element = false;
            if byte != b']' {
                lines.push(line);
            }
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth == 1 && byte == b'[' {
                    expect_element = true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => expect_element = true,
            _ => {}
        }
    }
    lines
}

/// serde_json's message without its "at line L column C" suffix (the line is reported apart),
/// with the column kept in front.
pub(crate) fn json_error(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&suffix) {
        Some(message) if err.column() > 0 => format!("{message} (column {})", err.column()),
        Some(message) => message.to_string(),
        None => text,
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn toml_kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "text",
        toml::Value::Integer(_) | toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "true/false",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "a list",
        toml::Value::Table(_) => "a table",
    }
}

/// `\r\n` and lone `\r` become `\n`.
pub(crate) fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            out.push('\n');
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The 1-based line of byte `offset`, counting `\n`, `\r\n` and lone `\r` as line ends.
fn line_of_byte(bytes: &[u8], offset: usize) -> usize {
    let before = &bytes[..offset.min(bytes.len())];
    let mut line = 1;
    for (i, &byte) in before.iter().enumerate() {
        if byte == b'\n' || (byte == b'\r' && before.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    line
}

/// Decodes bytes that are not valid UTF-8: valid UTF-8 stretches stay as they are, every other
/// byte is read as Windows-1252 (Latin-1 with typographic characters in 0x80–0x9F).
pub(crate) fn decode_latin1(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        out.extend(chunk.invalid().iter().map(|&byte| windows_1252(byte)));
    }
    out
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}',
        '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
        '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// `text` cut to at most `max` bytes at a character boundary, and whether it was cut.
fn cut_at(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    (text[..cut].trim_end(), true)
}

/// The warning for terminal controls removed from an article.
fn describe_cleaned(cleaned: Cleaned) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = Vec::new();
    if cleaned.escapes > 0 {
        parts.push(format!(
            "{} removed",
            plural(
                cleaned.escapes,
                "terminal escape sequence",
                "terminal escape sequences"
            )
        ));
    }
    if cleaned.controls > 0 {
        parts.push(format!(
            "{} shown as symbols",
            plural(cleaned.controls, "control character", "control characters")
        ));
    }
    if cleaned.invisible > 0 {
        parts.push(format!(
            "{} removed",
            plural(
                cleaned.invisible,
                "invisible or text-direction character",
                "invisible or text-direction characters"
            )
        ));
    }
    format!("unsafe characters in the article: {}", parts.join(", "))
}
