//! Text primitives shared by extraction and search: accent folding with a map back to the
//! original bytes, sentence splitting and word tokens.

use std::ops::Range;

/// Folds one character to lowercase ASCII: letters lose their accents ("é" → "e", "Ø" → "o",
/// "ß" → "ss"), typographic apostrophes become `'`, and anything else that is not ASCII
/// (emoji, dashes, symbols) becomes a single space so it can never glue or invent words.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        // A line break inside a wrapped sentence is a space: names may be cut across it.
        out.push(if c.is_ascii_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
    } else if matches!(c, '\u{2018}' | '\u{2019}' | '\u{02BC}') {
        out.push('\'');
    } else if c.is_alphabetic() {
        let ascii = deunicode::deunicode_char(c).unwrap_or("");
        let before = out.len();
        out.extend(
            ascii
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
        if out.len() == before {
            out.push(' ');
        }
    } else {
        out.push(' ');
    }
}

/// Folds a whole string (see [`fold_char`]).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A folded copy of a text that remembers where each folded byte came from, and where each
/// original byte went.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, the byte offset of the original character it came from;
    /// one extra entry maps the end.
    origin: Vec<usize>,
    /// For each byte of the original, the offset in `text` where its character's folding
    /// starts; one extra entry maps the end.
    position: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut position = Vec::with_capacity(original.len() + 1);
        let bytes = original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Most text is ASCII: a run of it folds byte for byte, line breaks and tabs to
            // spaces (as `fold_char` does).
            let run = bytes[at..]
                .iter()
                .position(|byte| !byte.is_ascii())
                .map_or(bytes.len(), |length| at + length);
            if run > at {
                let before = text.len();
                text.push_str(&original[at..run]);
                text[before..].make_ascii_lowercase();
                for blank in ['\n', '\r', '\t', '\x0c'] {
                    let mut from = before;
                    while let Some(found) = text[from..].find(blank) {
                        from += found;
                        text.replace_range(from..=from, " ");
                    }
                }
                origin.extend(at..run);
                position.extend(before..text.len());
                at = run;
            }
            let Some(c) = original[at..].chars().next() else {
                break;
            };
            let before = text.len();
            fold_char(c, &mut text);
            origin.extend(std::iter::repeat_n(at, text.len() - before));
            position.extend(std::iter::repeat_n(before, c.len_utf8()));
            at += c.len_utf8();
        }
        origin.push(original.len());
        position.push(text.len());
        Self {
            text,
            origin,
            position,
        }
    }

    /// Maps a folded byte range back to the original text: from the start of the first
    /// character to the end of the last one.
    pub fn to_original(&self, range: Range<usize>, original: &str) -> Range<usize> {
        let start = self.origin[range.start];
        let last = self.origin[range.end.saturating_sub(1).max(range.start)];
        let end = if range.end >= self.origin.len() - 1 {
            original.len()
        } else {
            original[last..]
                .chars()
                .next()
                .map_or(original.len(), |c| last + c.len_utf8())
        };
        start..end.max(start)
    }

    /// The folding of `original[range]` (a range on character boundaries): the same text as
    /// [`fold`] gives, without a copy.
    pub fn of(&self, range: Range<usize>) -> &str {
        let start = self.position.get(range.start).copied().unwrap_or(0);
        let end = self.position.get(range.end).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }

    /// Where the character at byte `original` of the original text starts in `text`.
    pub fn offset_of(&self, original: usize) -> usize {
        self.position
            .get(original)
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "vs", "v", "no", "jr", "sr", "prof", "gen", "fc", "etc",
    "approx", "inc", "ltd", "co", "mt", "ft",
];

/// Widest line a hard-wrapped text has: wider lines are paragraphs written on one line.
const MAX_WRAP_WIDTH: usize = 100;

/// Fewest lines that fill the width for a text to count as hard-wrapped (a caption longer
/// than the next line is not a wrap).
const MIN_FULL_LINES: usize = 2;

/// Fewest lines for a text to count as scraped one word per line.
const MIN_SCRAPED_LINES: usize = 8;

/// Most words of a heading-like line.
const HEADING_WORDS: usize = 10;

/// How the lines of a text are laid out: which line breaks are only where a line was cut.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Lines cut at a fixed width: the widest line's length in characters.
    wrap_width: Option<usize>,
    /// One word per line, as some pages are scraped: a line break between two one-word lines
    /// is a space.
    scraped: bool,
}

/// The first word of a line, trimmed.
fn first_word(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or("")
}

/// Whether a line of `length` characters, with the first word of the next, is longer than
/// the width: the writer (or the tool) had to cut it there.
fn overflows(length: usize, next_word: usize, width: usize) -> bool {
    length + 1 + next_word > width
}

impl Layout {
    fn of(text: &str) -> Self {
        // One pass over the lines: (length in characters, length of the first word), the
        // length 0 for a blank line.
        let mut widths: Vec<(usize, usize)> = Vec::new();
        let mut one_word = 0;
        for line in text.split('\n') {
            let line = line.trim();
            let mut words = line.split_whitespace();
            let first = words.next().map_or(0, |word| word.chars().count());
            one_word += usize::from(first > 0 && words.next().is_none());
            // A character takes at most four bytes: longer lines need no counting.
            let length = if line.len() > 4 * MAX_WRAP_WIDTH {
                line.len()
            } else {
                line.chars().count()
            };
            widths.push((length, first));
        }
        let lines = widths.iter().filter(|(length, _)| *length > 0).count();
        let scraped = lines >= MIN_SCRAPED_LINES && one_word * 4 >= lines * 3;
        let width = widths.iter().map(|(length, _)| *length).max().unwrap_or(0);
        if scraped || width > MAX_WRAP_WIDTH {
            return Self {
                wrap_width: None,
                scraped,
            };
        }
        let (mut joined, mut full) = (0, 0);
        for pair in widths.windows(2) {
            let [(length, _), (next_length, next_first)] = pair else {
                continue;
            };
            if *length > 0 && *next_length > 0 {
                joined += 1;
                full += usize::from(overflows(*length, *next_first, width));
            }
        }
        let wrapped = full >= MIN_FULL_LINES && full * 2 >= joined;
        Self {
            wrap_width: wrapped.then_some(width),
            scraped,
        }
    }

    /// Whether the line break between `line` and the text after it ends a sentence: after sentence
    /// punctuation, before or after a blank line, before or after a heading-like line, and
    /// after any line that stops short of the width; not where a line of a hard-wrapped text
    /// was cut at the width (whatever the line looks like), nor before a line that goes on
    /// in lowercase.
    fn breaks(self, line: &str, rest: &str) -> bool {
        let next = rest.split('\n').next().unwrap_or_default();
        let (line, next) = (line.trim(), next.trim());
        if line.is_empty() || next.is_empty() || line.ends_with(['.', '!', '?']) {
            return true;
        }
        // A scraped page's lines of several words are its real lines: lists, headings.
        let one_word = |line: &str| !line.contains(char::is_whitespace);
        if self.scraped && one_word(line) && one_word(next)
            || self.wrap_width.is_some_and(|width| {
                overflows(
                    line.chars().count(),
                    first_word(next).chars().count(),
                    width,
                )
            })
        {
            return false;
        }
        is_heading_like(line) || is_heading_like(next) || !next.starts_with(char::is_lowercase)
    }
}

/// A line that reads as a heading, a list item or a byline: short, without final
/// punctuation, every long word capitalised ("Transfer Latest", "John Smith", "ARSENAL").
fn is_heading_like(line: &str) -> bool {
    let words = line.split_whitespace();
    !line.ends_with(|c: char| c.is_ascii_punctuation() && !matches!(c, ')' | '\'' | '"'))
        && words.clone().count() <= HEADING_WORDS
        && words
            .filter(|word| word.chars().filter(|c| c.is_alphabetic()).count() > 3)
            .all(|word| word.starts_with(|c: char| !c.is_lowercase()))
}

/// Splits a text into sentences, as trimmed byte ranges. `.`, `!` and `?` end one when
/// followed by white space, unless they close an abbreviation or an initial ("A. Smith"). A
/// line break ends one where the text's layout says it does (see [`Layout::breaks`]):
/// headlines and captions have no full stop, but hard-wrapped text breaks lines anywhere.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    // Read only when a line break leaves a sentence pending: most texts never need it.
    let mut layout = None;
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let piece = &text[from..to];
        let trimmed_start = from + (piece.len() - piece.trim_start().len());
        let trimmed_end = from + piece.trim_end().len();
        if trimmed_end > trimmed_start {
            out.push(trimmed_start..trimmed_end);
        }
    };
    let mut i = 0;
    let mut line_start = 0;
    // Only line breaks and sentence marks can end a sentence: jump from one to the next.
    while let Some(offset) = bytes[i..]
        .iter()
        .position(|b| matches!(b, b'\n' | b'.' | b'!' | b'?'))
    {
        i += offset;
        let b = bytes[i];
        if b == b'\n' {
            // Most lines end their sentence with a mark: nothing is left to decide.
            let pending = !text[start..i].trim().is_empty();
            if pending
                && layout
                    .get_or_insert_with(|| Layout::of(text))
                    .breaks(&text[line_start..i], &text[i + 1..])
            {
                push(start, i, &mut out);
                start = i + 1;
            } else if !pending {
                start = i + 1;
            }
            line_start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            // Swallow closing quotes and brackets after the mark.
            let mut end = i + 1;
            while let Some(c) = text[end..].chars().next() {
                if matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let next = text[end..].chars().next();
            let ends = match next {
                None => true,
                Some(c) if c.is_whitespace() => b != b'.' || !is_abbreviation(&text[start..i]),
                _ => false,
            };
            if ends {
                push(start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
}

fn is_abbreviation(before_dot: &str) -> bool {
    let word = before_dot
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // "A. Smith" is an initial; "Serie A." and "Group B." end sentences.
    let before_word = before_dot[..before_dot.len() - word.len()]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let single_initial = word.chars().count() == 1
        && word.chars().all(char::is_uppercase)
        && ![
            "serie", "group", "plan", "division", "liga", "league", "tier", "pool",
        ]
        .iter()
        .any(|name| before_word.eq_ignore_ascii_case(name));
    single_initial
        || ABBREVIATIONS
            .iter()
            .any(|abbreviation| word.eq_ignore_ascii_case(abbreviation))
}

/// A word of the text: letters and digits, with inner hyphens and apostrophes
/// ("Saint-Germain", "O'Connor", "34-year-old"). A trailing possessive is not part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Followed by `'s`, `’s` or a bare `’` (a possessive).
    pub possessive: bool,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}')
}

/// Word tokens of `text[range]`, with offsets into `text`.
pub fn tokens(text: &str, range: Range<usize>) -> Tokens<'_> {
    Tokens {
        text,
        at: range.start,
        end: range.end,
    }
}

/// The iterator of [`tokens`].
pub struct Tokens<'a> {
    text: &'a str,
    /// Where the next token is looked for.
    at: usize,
    /// End of the range being split.
    end: usize,
}

impl Tokens<'_> {
    /// The character at byte `at`, if it is inside the range.
    fn char_at(&self, at: usize) -> Option<char> {
        let byte = *self.text.as_bytes().get(at).filter(|_| at < self.end)?;
        if byte.is_ascii() {
            Some(char::from(byte))
        } else {
            self.text.get(at..self.end)?.chars().next()
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let text = self.text;
        let mut at = self.at;
        let start = loop {
            let c = self.char_at(at)?;
            if c.is_alphanumeric() {
                break at;
            }
            at += c.len_utf8();
        };
        let mut end = start;
        while let Some(c) = self.char_at(at) {
            if c.is_alphanumeric() {
                at += c.len_utf8();
                end = at;
            } else if is_joiner(c)
                // A joiner only counts when a letter or digit follows it.
                && self
                    .char_at(at + c.len_utf8())
                    .is_some_and(char::is_alphanumeric)
            {
                at += c.len_utf8();
            } else {
                break;
            }
        }
        self.at = at;
        let mut token = Token {
            start,
            end,
            possessive: false,
        };
        let word = &text[start..end];
        for suffix in ["'s", "\u{2019}s"] {
            if word.len() > suffix.len() && word.ends_with(suffix) {
                token.end -= suffix.len();
                token.possessive = true;
            }
        }
        if !token.possessive {
            let rest = &text[end..self.end];
            if (rest.starts_with('\'') || rest.starts_with('\u{2019}'))
                && word.ends_with(['s', 'S'])
            {
                token.possessive = true;
            }
        }
        Some(token)
    }
}

/// Whether a word starts with an uppercase letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "1 club", "2 clubs": a count with its noun, in the one number format (10,000).
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(count))
    }
}

/// A count with commas between thousands: "10,000".
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Greedy hard wrap at `width` columns, paragraph by paragraph, as mail and some scrapers do:
/// the tests' way of making wrapped text from flowing text.
#[cfg(test)]
pub(crate) fn hard_wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_separators_and_plurals() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(plural(1, "club", "clubs"), "1 club");
        assert_eq!(plural(10_000, "club", "clubs"), "10,000 clubs");
        assert_eq!(plural(0, "problem", "problems"), "0 problems");
    }

    #[test]
    fn folding_removes_accents_and_maps_back() {
        let text = "Luka Modrić and Martin Ødegaard ⚽ scored";
        let folded = Folded::new(text);
        assert_eq!(folded.text, "luka modric and martin odegaard   scored");
        let at = folded.text.find("odegaard").unwrap();
        let range = folded.to_original(at..at + "odegaard".len(), text);
        assert_eq!(&text[range], "Ødegaard");
        let at = folded.text.find("modric").unwrap();
        assert_eq!(&text[folded.to_original(at..at + 6, text)], "Modrić");
    }

    #[test]
    fn folded_ranges_match_folding_the_piece() {
        let text = "Großkreutz, Æbelø and Modrić ⚽ O’Neil";
        let folded = Folded::new(text);
        for (start, _) in text.char_indices() {
            for end in (start..=text.len()).filter(|&end| text.is_char_boundary(end)) {
                assert_eq!(folded.of(start..end), fold(&text[start..end]));
            }
        }
    }

    #[test]
    fn folding_expands_ligatures() {
        assert_eq!(fold("Großkreutz Æbelø"), "grosskreutz aebelo");
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_marks_and_line_breaks() {
        let text = "Ramos is in talks. Juventus want him!\nHeadline without a stop\n\n\"He stays,\" he said. Done";
        assert_eq!(
            split(text),
            [
                "Ramos is in talks.",
                "Juventus want him!",
                "Headline without a stop",
                "\"He stays,\" he said.",
                "Done"
            ]
        );
    }

    #[test]
    fn sentences_survive_abbreviations_initials_and_decimals() {
        let text = "Mr. Smith met A. Jones at St. James' Park vs. Leeds. It cost 1.5m euros. Juventus of Serie A. Next.";
        assert_eq!(
            split(text),
            [
                "Mr. Smith met A. Jones at St. James' Park vs. Leeds.",
                "It cost 1.5m euros.",
                "Juventus of Serie A.",
                "Next."
            ]
        );
    }

    /// Each sentence with its white space made single spaces.
    fn flowing(text: &str) -> Vec<String> {
        split(text)
            .into_iter()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    const PARAGRAPHS: &str = "Brentford have opened talks with Sporting over a move for the Danish midfielder Morten Hjulmand, who has two years left on his deal in Lisbon.\n\nThe club's sporting director travelled to Portugal on Tuesday, and a second meeting is planned for next week with the player's representatives in Madrid.";

    #[test]
    fn hard_wrapped_lines_flow_into_sentences() {
        let wrapped = hard_wrap(PARAGRAPHS, 60);
        assert!(wrapped.lines().count() > 6, "{wrapped}");
        assert_eq!(flowing(&wrapped), flowing(PARAGRAPHS));
        assert_eq!(flowing(&hard_wrap(PARAGRAPHS, 40)), flowing(PARAGRAPHS));
    }

    #[test]
    fn one_word_per_line_flows_into_sentences() {
        let scraped: String = PARAGRAPHS
            .split("\n\n")
            .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n");
        assert_eq!(flowing(&scraped), flowing(PARAGRAPHS));
    }

    #[test]
    fn headings_lists_and_bylines_still_split_wrapped_text() {
        let text = format!(
            "Transfer Latest\nBy Jane Whitaker\n\n{}\n\nPlayers whose deals end in June:\nJohn Smith\nBill Jones\n\nARSENAL\n{}",
            hard_wrap(PARAGRAPHS.split("\n\n").next().unwrap_or_default(), 60),
            hard_wrap(
                "Out of contract in 2026: Tom Baker, Ali Kaya and Joe Reed.",
                60
            ),
        );
        let sentences = flowing(&text);
        for expected in [
            "Transfer Latest",
            "By Jane Whitaker",
            "Players whose deals end in June:",
            "John Smith",
            "Bill Jones",
            "ARSENAL",
            "Out of contract in 2026: Tom Baker, Ali Kaya and Joe Reed.",
        ] {
            assert!(
                sentences.iter().any(|s| s == expected),
                "{expected:?} not in {sentences:#?}"
            );
        }
        assert_eq!(sentences.len(), 8, "{sentences:#?}");
    }

    #[test]
    fn a_line_going_on_in_lowercase_continues_the_sentence() {
        assert_eq!(
            flowing(
                "The striker has agreed personal terms with\nthe club, his agent said.\nFull story"
            ),
            [
                "The striker has agreed personal terms with the club, his agent said.",
                "Full story"
            ]
        );
    }

    #[test]
    fn line_breaks_fold_to_spaces() {
        assert_eq!(
            fold("Manchester\nUnited\r\nwant\thim"),
            "manchester united  want him"
        );
        assert_eq!(
            Folded::new("Manchester\nUnited\r\nwant\thim").text,
            "manchester united  want him"
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("\u{201C}I stay.\u{201D} Then he left."),
            ["\u{201C}I stay.\u{201D}", "Then he left."]
        );
    }

    #[test]
    fn tokens_keep_inner_joiners_and_mark_possessives() {
        let text = "Ramos’ deal, Paris Saint-Germain's 34-year-old O'Connor’s";
        let words: Vec<(&str, bool)> = tokens(text, 0..text.len())
            .map(|t| (t.text(text), t.possessive))
            .collect();
        assert_eq!(
            words,
            [
                ("Ramos", true),
                ("deal", false),
                ("Paris", false),
                ("Saint-Germain", true),
                ("34-year-old", false),
                ("O'Connor", true)
            ]
        );
    }
}
