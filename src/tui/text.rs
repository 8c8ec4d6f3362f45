//! Measuring and wrapping article text the way ratatui draws it: by grapheme, each as wide as
//! ratatui's buffer makes it, after [`display_text`](super::display_text).

use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

use super::display_text;

/// Columns the reader keeps at the left of each line for the evidence marker.
pub const GUTTER: u16 = 2;

/// Display width of text as drawn (control characters dropped).
pub fn width(text: &str) -> usize {
    // Printable ASCII: one column a character (the common case, and fast).
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return text.len();
    }
    display_text(text)
        .graphemes(true)
        .map(|g| usize::from(g.cell_width()))
        .sum()
}

/// Wraps `body` into lines at most `width` columns wide: byte ranges of `body`, without the
/// spaces at the breaks. Each newline ends a paragraph; runs of blank lines collapse to one.
/// Words wider than a line are cut by grapheme.
pub fn wrap(body: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut at = 0;
    let mut blank = true;
    for paragraph in body.split('\n') {
        let start = at;
        at += paragraph.len() + 1;
        if paragraph.trim().is_empty() {
            if !blank {
                lines.push(start..start);
            }
            blank = true;
            continue;
        }
        blank = false;
        wrap_paragraph(body, start..start + paragraph.len(), width, &mut lines);
    }
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    lines
}

fn wrap_paragraph(body: &str, range: Range<usize>, width: usize, lines: &mut Vec<Range<usize>>) {
    let text = &body[range.clone()];
    let mut line: Option<Range<usize>> = None;
    let mut used = 0;
    for (offset, word) in words(text) {
        let word_range = range.start + offset..range.start + offset + word.len();
        let word_width = self::width(word);
        match &mut line {
            Some(current) if used + 1 + word_width <= width => {
                current.end = word_range.end;
                used += 1 + word_width;
                continue;
            }
            Some(current) => lines.push(current.clone()),
            None => {}
        }
        if word_width <= width {
            line = Some(word_range);
            used = word_width;
            continue;
        }
        // A word wider than the line: cut it by grapheme (by byte when printable ASCII).
        if word.bytes().all(|b| (0x20..0x7F).contains(&b)) {
            let mut piece_start = word_range.start;
            while word_range.end - piece_start > width {
                lines.push(piece_start..piece_start + width);
                piece_start += width;
            }
            line = Some(piece_start..word_range.end);
            used = word_range.end - piece_start;
            continue;
        }
        let mut piece_start = word_range.start;
        let mut piece_width = 0;
        for (g_offset, grapheme) in word.grapheme_indices(true) {
            let g_width = self::width(grapheme);
            if piece_width + g_width > width && piece_width > 0 {
                lines.push(piece_start..word_range.start + g_offset);
                piece_start = word_range.start + g_offset;
                piece_width = 0;
            }
            piece_width += g_width;
        }
        line = Some(piece_start..word_range.end);
        used = piece_width;
    }
    if let Some(current) = line {
        lines.push(current);
    }
}

/// Whitespace-separated words with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

/// Cuts `text` to at most `max` columns, ending in `…` when cut: after the last whole word
/// that fits, or inside the first word when even that does not fit.
pub fn truncate(text: &str, max: usize) -> String {
    let text = display_text(text);
    if width(&text) <= max {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut mid_word = false;
    for grapheme in text.graphemes(true) {
        let w = width(grapheme);
        if used + w + 1 > max {
            let space = |g: &str| g.trim().is_empty();
            mid_word = !space(grapheme) && !out.ends_with(char::is_whitespace);
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    if mid_word && let Some(space) = out.rfind(char::is_whitespace) {
        out.truncate(space);
    }
    out.truncate(out.trim_end().len());
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(body: &str, width: usize) -> Vec<&str> {
        wrap(body, width).into_iter().map(|r| &body[r]).collect()
    }

    #[test]
    fn wraps_words_and_paragraphs() {
        let body = "Sergio Ramos can now legally negotiate.\n\n\n\nRamos has been linked.";
        assert_eq!(
            lines(body, 20),
            [
                "Sergio Ramos can now",
                "legally negotiate.",
                "",
                "Ramos has been",
                "linked."
            ]
        );
    }

    #[test]
    fn cuts_long_words_and_counts_wide_graphemes() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(width("⚪️ Real"), 7);
        assert_eq!(
            width("🗣️"),
            1,
            "variation selectors are dropped: one standard width"
        );
        assert_eq!(width("👀"), 2);
        for line in lines("👀 Goal number 1⃣0⃣0⃣ was scored by Sergio Ramos ⚽️#UCL", 10)
        {
            assert!(width(line) <= 10, "{line:?}");
        }
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Sergio Ramos", 20), "Sergio Ramos");
        assert_eq!(truncate("Sergio Ramos", 8), "Sergio…");
        assert_eq!(truncate("Sergio Ramos Garcia", 15), "Sergio Ramos…");
        assert_eq!(truncate("Sergio Ramos Garcia", 14), "Sergio Ramos…");
        assert_eq!(truncate("Dayot Upamecano", 14), "Dayot…");
        assert_eq!(truncate("Upamecano", 6), "Upame…");
        assert_eq!(truncate("👀👀👀", 4), "👀…");
    }
}
