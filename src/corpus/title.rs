//! Titles for articles whose file gives none.

use super::one_line;

/// Longest derived title, in characters, counting the `…` added when it is cut.
const MAX_TITLE_CHARS: usize = 80;

/// A cut shorter than this (in characters) is made mid-word rather than on a word boundary.
const MIN_WORD_CUT_CHARS: usize = 20;

/// Abbreviations whose `.` does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "No", "Nos", "vs", "v", "Inc", "Ltd", "Co",
    "Corp", "Mt", "Gen", "Capt", "Sgt", "Col", "Lt", "approx", "e.g", "i.e", "cf", "Fig",
];

/// The title of an article with no title of its own: the first sentence of its body.
///
/// Leading blank lines are skipped, the first paragraph is read with its whitespace collapsed,
/// and it ends at the first `.`, `!`, `?` or `…` that ends a sentence (not one after an
/// abbreviation or an initial, nor one followed by a lowercase word). A final `.` is dropped.
/// Longer than 80 characters, it is cut on a word boundary and `…` appended, so the result is
/// at most 80 characters. Never empty for a body with any non-whitespace text.
pub fn derive_title(body: &str) -> String {
    let paragraph = first_paragraph(body);
    let flat = one_line(paragraph);
    let flat = strip_heading_marks(&flat);
    let sentence = first_sentence(flat);
    let mut title = match sentence.strip_suffix('.') {
        Some(stripped) if !stripped.ends_with('.') => stripped.trim_end(),
        _ => sentence,
    };
    if title.is_empty() {
        title = flat;
    }
    if title.is_empty() {
        let all = one_line(body);
        return if all.is_empty() {
            "Untitled".to_string()
        } else {
            shorten(&all, MAX_TITLE_CHARS)
        };
    }
    shorten(title, MAX_TITLE_CHARS)
}

/// The text from the first non-blank line up to the next blank line.
fn first_paragraph(body: &str) -> &str {
    let mut start = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (start, blank) {
            (None, false) => start = Some(offset),
            (Some(from), true) => return &body[from..offset],
            _ => {}
        }
        offset += line.len();
    }
    start.map_or("", |from| &body[from..])
}

/// Drops markdown heading marks (`## `) at the start.
fn strip_heading_marks(text: &str) -> &str {
    let stripped = text.trim_start_matches('#');
    if stripped.len() < text.len() && stripped.starts_with(' ') {
        stripped.trim_start()
    } else {
        text
    }
}

/// The first sentence of one line of text, with its closing punctuation and quotes.
fn first_sentence(text: &str) -> &str {
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        // Closing quotes and brackets belong to the sentence.
        for closer in text[end..].chars() {
            if matches!(closer, '"' | '\'' | '”' | '’' | '»' | ')' | ']') {
                end += closer.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let Some(next) = rest.chars().next() else {
            return text;
        };
        if !next.is_whitespace() {
            continue; // "3.5m", "U.S.", "?!"
        }
        if rest.trim_start().starts_with(char::is_lowercase) {
            continue; // "e.g. the", "vs. them"
        }
        if c == '.' && end == i + 1 && is_abbreviation(&text[..i]) {
            continue;
        }
        return &text[..end];
    }
    text
}

/// Whether the word just before a `.` (at the end of `before`) is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(['(', '"', '\'', '“', '‘']);
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return true; // an initial: "A. Smith"
    }
    ABBREVIATIONS.contains(&word)
}

/// `text` cut to at most `max` characters (`…` included) on a word boundary.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let keep = max.saturating_sub(1);
    let hard_cut = text
        .char_indices()
        .nth(keep)
        .map_or(text.len(), |(at, _)| at);
    // The last whitespace at or before the hard cut (the char at the cut may be a space).
    let word_cut = if text[hard_cut..].starts_with(char::is_whitespace) {
        Some(hard_cut)
    } else {
        text[..hard_cut].rfind(char::is_whitespace)
    };
    let cut = match word_cut {
        Some(at) if text[..at].chars().count() >= MIN_WORD_CUT_CHARS => at,
        _ => hard_cut,
    };
    let kept = text[..cut].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/')
    });
    let kept = if kept.is_empty() {
        &text[..hard_cut]
    } else {
        kept
    };
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_first_sentence() {
        assert_eq!(derive_title("Ramos signs. More text."), "Ramos signs");
        assert_eq!(derive_title("\n\n  Ramos signs!\nMore."), "Ramos signs!");
        assert_eq!(
            derive_title("No punctuation at all"),
            "No punctuation at all"
        );
    }

    #[test]
    fn sentence_spans_wrapped_lines_but_not_paragraphs() {
        assert_eq!(
            derive_title("Ramos could\njoin Miami\n\nSecond paragraph."),
            "Ramos could join Miami"
        );
    }

    #[test]
    fn abbreviations_and_numbers_do_not_end_sentences() {
        assert_eq!(
            derive_title("Mr. Perez paid €3.5m for A. Smith. Then more."),
            "Mr. Perez paid €3.5m for A. Smith"
        );
        assert_eq!(
            derive_title("Clubs, e.g. the big ones, want him. Yes."),
            "Clubs, e.g. the big ones, want him"
        );
    }

    #[test]
    fn long_sentence_is_cut_on_a_word_boundary() {
        let body = "Sergio Ramos is reportedly looking for a different club after refusing to sign \
                    a one-year contract extension with Real Madrid. Ramos stays.";
        let title = derive_title(body);
        assert!(title.chars().count() <= 80, "{title}");
        assert!(title.ends_with('…'));
        let kept = title.trim_end_matches('…');
        assert!(body.starts_with(kept));
        // The cut falls between words.
        assert_eq!(body[kept.len()..].chars().next(), Some(' '));
        assert_eq!(
            title,
            "Sergio Ramos is reportedly looking for a different club after refusing to sign…"
        );
    }

    #[test]
    fn exactly_eighty_characters_is_kept() {
        let body = "a".repeat(80);
        assert_eq!(derive_title(&body), body);
        let body = "a".repeat(81);
        let title = derive_title(&body);
        assert_eq!(title.chars().count(), 80);
        assert!(title.ends_with('…'));
    }

    #[test]
    fn unicode_is_cut_on_characters() {
        let body = "Zinédine Zidane: «Sergio Ramos é o melhor» ⚽️ ".repeat(5);
        let title = derive_title(&body);
        assert!(title.chars().count() <= 80, "{title}");
        assert!(title.ends_with('…'));
        let body = "é".repeat(200);
        let title = derive_title(&body);
        assert_eq!(title.chars().count(), 80);
        assert!(title.starts_with("ééé"));
    }

    #[test]
    fn never_empty() {
        assert_eq!(derive_title("..."), "...");
        assert_eq!(derive_title("."), ".");
        assert_eq!(derive_title("\n\n   \n"), "Untitled");
        assert_eq!(derive_title("## Section"), "Section");
        assert!(!derive_title("?").is_empty());
    }
}
