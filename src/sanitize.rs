//! One function that makes any text safe to put on a terminal: article text, titles, names,
//! file names and error messages all pass through it before the TUI or the CLI shows them.
//! The corpus loader also runs it over every article's text, title and source, so what the
//! model holds (and what extraction spans point into) is exactly what the screen shows.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

/// Emoji and pictographs, between which a zero-width joiner builds one glyph (👨‍👩‍👧).
fn is_pictographic(c: char) -> bool {
    matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F)
}

/// Bidirectional overrides and isolates, and invisible characters that can hide or reorder
/// text.
fn is_invisible(c: char) -> bool {
    matches!(
        u32::from(c),
        0x200B | 0x200C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF
    )
}

/// Characters that introduce an escape sequence: ESC, and the C1 controls CSI, OSC, DCS, SOS,
/// PM and APC.
fn is_introducer(c: char) -> bool {
    matches!(
        c,
        '\u{1B}' | '\u{9B}' | '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}'
    )
}

/// What [`sanitize_counted`] removed or replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Escape sequences removed (CSI, OSC, DCS, ...), each counted once.
    pub escapes: usize,
    /// Other control characters, replaced by visible symbols (`␇`, `␀`, `�`).
    pub controls: usize,
    /// Bidi overrides and isolates and zero-width characters removed.
    pub invisible: usize,
}

impl Cleaned {
    /// Whether nothing was removed or replaced (tabs and line breaks do not count).
    pub fn is_empty(&self) -> bool {
        *self == Cleaned::default()
    }

    /// Adds another count to this one.
    pub fn add(&mut self, other: Cleaned) {
        self.escapes += other.escapes;
        self.controls += other.controls;
        self.invisible += other.invisible;
    }
}

/// Removes escape sequences (CSI, OSC, DCS and the rest), shows other control characters as
/// visible placeholders (`␇`), drops bidi overrides and zero-width characters (a zero-width
/// joiner stays only between two emoji), and turns tabs into spaces. Line breaks stay when
/// `keep_newlines`, else they become spaces.
///
/// The output never contains a control character (but `\n` when `keep_newlines`), so it can
/// never drive a terminal. An escape string (OSC, DCS, ...) that is never terminated ends at
/// the end of its line.
pub fn sanitize(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    sanitize_counted(text, keep_newlines).0
}

/// [`sanitize`], also saying what it removed or replaced (for the loader's warnings).
pub fn sanitize_counted(text: &str, keep_newlines: bool) -> (Cow<'_, str>, Cleaned) {
    let mut cleaned = Cleaned::default();
    let clean = |c: char| {
        !(c.is_control() || is_invisible(c) || c == '\u{200D}') || (keep_newlines && c == '\n')
    };
    if text.chars().all(clean) {
        return (Cow::Borrowed(text), cleaned);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        match c {
            c if is_introducer(c) => cleaned.escapes += skip_escape(c, &mut chars),
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{200D}' => {
                let joins_emoji = previous.is_some_and(is_pictographic)
                    && chars.peek().copied().is_some_and(is_pictographic);
                if joins_emoji {
                    out.push(c);
                } else {
                    cleaned.invisible += 1;
                }
            }
            c if is_invisible(c) => cleaned.invisible += 1,
            c if u32::from(c) < 0x20 => {
                cleaned.controls += 1;
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'));
            }
            '\u{7F}' => {
                cleaned.controls += 1;
                out.push('\u{2421}');
            }
            c if c.is_control() => {
                cleaned.controls += 1;
                out.push('\u{FFFD}');
            }
            c => out.push(c),
        }
        previous = Some(c);
    }
    (Cow::Owned(out), cleaned)
}

/// The byte offset of the first character [`sanitize`] would remove or replace (tabs and line
/// breaks aside), if any: where a warning about `text` should point.
pub fn first_unsafe(text: &str) -> Option<usize> {
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        let unsafe_char = match c {
            '\n' | '\r' | '\t' => false,
            '\u{200D}' => {
                !(previous.is_some_and(is_pictographic) && next.is_some_and(is_pictographic))
            }
            c => c.is_control() || is_invisible(c),
        };
        if unsafe_char {
            return Some(at);
        }
        previous = Some(c);
    }
    None
}

/// Skips the rest of an escape sequence whose introducer was just read; returns how many
/// sequences were skipped (an escape string cut short by a new ESC is followed by that one).
fn skip_escape(introducer: char, chars: &mut Peekable<Chars<'_>>) -> usize {
    let mut introducer = introducer;
    let mut count = 0;
    loop {
        count += 1;
        let string = match introducer {
            '\u{1B}' => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    false
                }
                Some(']' | 'P' | '_' | '^' | 'X') => {
                    chars.next();
                    true
                }
                // ESC, intermediates (`(`, `#`, ...), then one final character: ESC ( B.
                Some(' '..='/') => {
                    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
                    chars.next_if(|c| ('0'..='~').contains(c));
                    return count;
                }
                // A two-character sequence: ESC c, ESC 7, ESC M, ...
                Some('0'..='~') => {
                    chars.next();
                    return count;
                }
                // A lone ESC: only it goes.
                _ => return count,
            },
            '\u{9B}' => false,
            _ => true,
        };
        if !string {
            // CSI: parameter and intermediate characters, then one final character in @..~.
            // Anything else (a control, a non-ASCII character) ends it without being eaten.
            while let Some(c) = chars.next_if(|c| (' '..='~').contains(c)) {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
            return count;
        }
        // OSC/DCS/SOS/PM/APC: up to BEL or the string terminator (ESC \ or U+9C). A new ESC
        // ends the string and starts its own sequence; the end of the line ends a string
        // that is never terminated.
        loop {
            match chars.peek().copied() {
                None | Some('\n') => return count,
                Some('\u{7}' | '\u{9C}') => {
                    chars.next();
                    return count;
                }
                Some('\u{1B}') => {
                    chars.next();
                    if chars.next_if_eq(&'\\').is_some() {
                        return count;
                    }
                    introducer = '\u{1B}';
                    break;
                }
                Some(c) if is_introducer(c) => {
                    chars.next();
                    introducer = c;
                    break;
                }
                Some(_) => {
                    chars.next();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched_and_borrowed() {
        let text = "Luka Modrić 👀 scored — “great”";
        assert!(matches!(sanitize(text, false), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_removed() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b", false), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;evil title\u{7}y", false), "xy");
        assert_eq!(sanitize("x\u{1b}]52;c;aGVsbG8=\u{1b}\\y", false), "xy");
        assert_eq!(sanitize("x\u{9b}2Jy", false), "xy");
        assert_eq!(sanitize("x\u{1b}cy", false), "xy");
        assert_eq!(
            sanitize("unterminated \u{1b}]0;title", false),
            "unterminated "
        );
        // DCS, APC, and their C1 forms; charset designation; a string cut short by a CSI.
        assert_eq!(sanitize("a\u{1b}P1$r0m\u{1b}\\b", false), "ab");
        assert_eq!(sanitize("a\u{1b}_apc\u{1b}\\b", false), "ab");
        assert_eq!(sanitize("a\u{90}dcs\u{9c}b\u{9f}apc\u{9c}c", false), "abc");
        assert_eq!(sanitize("a\u{1b}(Bb\u{1b}#8c", false), "abc");
        assert_eq!(sanitize("a\u{1b}]0;t\u{1b}[31mb", false), "ab");
        // A CSI stops at a character that cannot be part of it; a lone ESC goes alone.
        assert_eq!(sanitize("a\u{1b}[12é", false), "aé");
        assert_eq!(sanitize("a\u{1b}é", false), "aé");
    }

    #[test]
    fn unterminated_strings_end_at_the_line() {
        assert_eq!(sanitize("one \u{1b}]0;title\ntwo", true), "one \ntwo");
        assert_eq!(sanitize("one \u{1b}]0;title\ntwo", false), "one  two");
    }

    #[test]
    fn counts_what_was_removed() {
        let (text, cleaned) =
            sanitize_counted("a\u{1b}[31mb\u{1b}[0m\u{7}c\u{202e}d\u{200b}\te\nf", true);
        assert_eq!(text, "ab\u{2407}cd e\nf");
        assert_eq!(
            cleaned,
            Cleaned {
                escapes: 2,
                controls: 1,
                invisible: 2
            }
        );
        let (_, cleaned) = sanitize_counted("plain\ttext\n", true);
        assert!(cleaned.is_empty());
    }

    #[test]
    fn first_unsafe_points_at_the_first_change() {
        assert_eq!(first_unsafe("plain\ttext\n"), None);
        assert_eq!(first_unsafe("ab\u{1b}[31m"), Some(2));
        assert_eq!(first_unsafe("é\u{202e}"), Some(2));
        assert_eq!(first_unsafe("👨\u{200D}👩"), None);
        assert_eq!(first_unsafe("a\u{200D}b"), Some(1));
    }

    #[test]
    fn other_controls_become_visible() {
        assert_eq!(
            sanitize("bell\u{7} nul\u{0} del\u{7f}", false),
            "bell␇ nul␀ del␡"
        );
        assert_eq!(sanitize("tab\there\r\nline", false), "tab here  line");
        assert_eq!(sanitize("two\nlines", true), "two\nlines");
    }

    #[test]
    fn bidi_and_zero_width_tricks_are_dropped() {
        assert_eq!(sanitize("abc\u{202E}fed\u{202C}", false), "abcfed");
        assert_eq!(sanitize("Ra\u{200B}mos\u{2066}", false), "Ramos");
        assert_eq!(sanitize("Ra\u{200D}mos", false), "Ramos");
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(sanitize(family, false), family);
    }
}
