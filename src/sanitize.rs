//! One function that makes any text safe to put on a terminal: article text, titles, names,
//! file names and error messages all pass through it before the TUI or the CLI shows them.

use std::borrow::Cow;

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

/// Removes escape sequences (CSI, OSC, DCS and the rest), shows other control characters as
/// visible placeholders (`␇`), drops bidi overrides and zero-width characters (a zero-width
/// joiner stays only between two emoji), and turns tabs into spaces. Line breaks stay when
/// `keep_newlines`, else they become spaces.
pub fn sanitize(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let clean = |c: char| {
        !(c.is_control() || is_invisible(c) || c == '\u{200D}') || (keep_newlines && c == '\n')
    };
    if text.chars().all(clean) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        match c {
            '\u{1B}' | '\u{9B}' | '\u{9D}' | '\u{90}' => skip_escape(c, &mut chars),
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{200D}' => {
                let joins_emoji = previous.is_some_and(is_pictographic)
                    && chars.peek().copied().is_some_and(is_pictographic);
                if joins_emoji {
                    out.push(c);
                }
            }
            c if is_invisible(c) => {}
            c if u32::from(c) < 0x20 => {
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'))
            }
            '\u{7F}' => out.push('\u{2421}'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        previous = Some(c);
    }
    Cow::Owned(out)
}

/// Skips the rest of an escape sequence whose introducer was just read.
fn skip_escape(introducer: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let kind = if introducer == '\u{1B}' {
        match chars.next() {
            Some('[') => '[',
            Some(']' | 'P' | '_' | '^' | 'X') => ']',
            // A two-character sequence (ESC c, ESC 7, ...): the second char is gone too.
            _ => return,
        }
    } else if introducer == '\u{9B}' {
        '['
    } else {
        ']'
    };
    if kind == '[' {
        // CSI: parameters and intermediates, then one final byte in @..~.
        for c in chars.by_ref() {
            if ('@'..='~').contains(&c) {
                return;
            }
        }
    } else {
        // OSC/DCS/APC/PM/SOS: up to BEL or the string terminator (ESC \ or U+9C).
        while let Some(c) = chars.next() {
            match c {
                '\u{7}' | '\u{9C}' => return,
                '\u{1B}' => {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    return;
                }
                _ => {}
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
