//! HTML fragments (feed descriptions and contents) to plain paragraphs.

use std::borrow::Cow;

use html2text::render::{TaggedLine, TextDecorator};
use html2text::{Element, Handle};

/// Lines longer than this are wrapped by the renderer; wide enough that a paragraph stays
/// one line.
const RENDER_WIDTH: usize = 100_000;

/// Elements whose content is never article text: embedded frames and media, scripts, and
/// figures (an image and its photo credit).
const DROPPED: &[&str] = &[
    "iframe", "frame", "object", "embed", "video", "audio", "canvas", "svg", "picture", "figure",
    "script", "style", "noscript", "template", "form", "button",
];

/// HTML to plain paragraphs: scripts, styles, iframes and images dropped, entities decoded,
/// block elements → paragraphs separated by one blank line, no markdown decoration, then the
/// terminal sanitiser (escape sequences and bidi controls removed).
pub fn html_to_text(html: &str) -> String {
    // Sanitised first too: the HTML parser drops a bare ESC but keeps the `[2J` after it.
    let html = crate::sanitize::sanitize(html, true);
    let html = limit_nesting(&html);
    let config = html2text::config::with_decorator(Undecorated);
    let rendered = config
        .parse_html(html.as_bytes())
        .and_then(|dom| {
            drop_non_text(&dom.document);
            config.dom_to_render_tree(&dom)
        })
        .and_then(|tree| config.render_to_string(tree, RENDER_WIDTH))
        // The renderer only fails on widths too narrow for the text, never at this width;
        // an empty text is the safe answer if it ever does.
        .unwrap_or_default();
    let safe = crate::sanitize::sanitize(&rendered, true);
    paragraphs(&safe)
}

/// Deepest tag nesting handed to the HTML parser, whose time grows with the square of the
/// depth (100,000 nested `<div>`s take over a minute); real pages stay far below.
const MAX_NESTING: usize = 256;

/// Elements that never have content or a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `html` with the tags nested deeper than [`MAX_NESTING`] removed (their text stays). The
/// depth is counted naively (opening tags in, closing tags out), which is enough to bound
/// the parser's work.
fn limit_nesting(html: &str) -> Cow<'_, str> {
    let mut kept = String::new();
    let mut copied = 0;
    let mut depth = 0usize;
    let mut position = 0;
    while let Some(found) = html[position..].find('<') {
        let start = position + found;
        let inner_end = html[start..]
            .find('>')
            .map_or(html.len(), |end| start + end);
        position = (inner_end + 1).min(html.len());
        let too_deep = match tag_kind(&html[start + 1..inner_end]) {
            TagKind::Opening => {
                depth += 1;
                depth > MAX_NESTING
            }
            TagKind::Closing => {
                depth = depth.saturating_sub(1);
                depth >= MAX_NESTING
            }
            TagKind::Other => false,
        };
        if too_deep {
            kept.push_str(&html[copied..start]);
            kept.push(' ');
            copied = position;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    kept.push_str(&html[copied..]);
    Cow::Owned(kept)
}

enum TagKind {
    Opening,
    Closing,
    /// Void and self-closing elements, comments, doctypes, and `<` that starts no tag.
    Other,
}

/// What a tag (the text between `<` and `>`) does to the nesting depth.
fn tag_kind(tag: &str) -> TagKind {
    if tag.starts_with('/') {
        return TagKind::Closing;
    }
    let name_end = tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    if name.is_empty() || tag.ends_with('/') || VOID.contains(&name.as_str()) {
        TagKind::Other
    } else {
        TagKind::Opening
    }
}

/// Removes the [`DROPPED`] elements from the tree (without recursion: hostile HTML may nest
/// deeper than the stack).
fn drop_non_text(root: &Handle) {
    let mut pending = vec![root.clone()];
    while let Some(node) = pending.pop() {
        let mut children = node.children.borrow_mut();
        children.retain(|child| match &child.data {
            Element { name, .. } => !DROPPED.contains(&&*name.local),
            _ => true,
        });
        pending.extend(children.iter().cloned());
    }
}

/// Trims every line, folds runs of spaces, and leaves exactly one blank line between
/// paragraphs (none at the ends).
pub(super) fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        out.push_str(&words.join(" "));
    }
    out
}

/// A decorator that adds nothing: no `*emphasis*`, no `# ` before headings, no `* ` before
/// list items, no `[1]` link footnotes, and no text for images (alt text included).
#[derive(Clone, Copy)]
struct Undecorated;

impl TextDecorator for Undecorated {
    type Annotation = ();

    fn decorate_link_start(&mut self, _url: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) {}
    fn decorate_preformat_cont(&self) {}
    fn decorate_image(&mut self, _src: &str, _title: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn header_prefix(&self, _level: usize) -> String {
        String::new()
    }
    fn quote_prefix(&self) -> String {
        String::new()
    }
    fn unordered_item_prefix(&self) -> String {
        String::new()
    }
    fn ordered_item_prefix(&self, _i: i64) -> String {
        String::new()
    }
    fn make_subblock_decorator(&self) -> Self {
        Undecorated
    }
    fn finalise(&mut self, _links: Vec<String>) -> Vec<TaggedLine<()>> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs() {
        let html = "<p>Arsenal are <strong>monitoring</strong> Tomás Verdal.</p>\
                    <p>His contract expires in <em>June 2027</em>.</p>";
        assert_eq!(
            html_to_text(html),
            "Arsenal are monitoring Tomás Verdal.\n\nHis contract expires in June 2027."
        );
    }

    #[test]
    fn no_markdown_decoration() {
        let html = "<h2>Done deal</h2><ul><li>One</li><li>Two</li></ul>\
                    <p>Read <a href=\"https://example.com/x\">the report</a>.</p>\
                    <blockquote>Quoted</blockquote>";
        let text = html_to_text(html);
        assert_eq!(text, "Done deal\nOne\nTwo\n\nRead the report.\n\nQuoted");
    }

    #[test]
    fn scripts_styles_frames_and_images_go() {
        let html = "<p>Before.</p><script>alert('x')</script><style>p{color:red}</style>\
                    <iframe src=\"https://ads.example\">frame text</iframe>\
                    <img src=\"https://t.example/pixel.gif\" width=\"1\" height=\"1\">\
                    <img src=\"photo.jpg\" alt=\"The striker in training\"><p>After.</p>";
        assert_eq!(html_to_text(html), "Before.\n\nAfter.");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            html_to_text("Rice&#039;s &quot;dream&quot; move &amp; more&nbsp;news &#x2013; ok"),
            "Rice's \"dream\" move & more news – ok"
        );
    }

    #[test]
    fn terminal_controls_are_removed() {
        let html = "<p>Safe\u{1b}[2J text \u{202e}reversed</p>";
        assert_eq!(html_to_text(html), "Safe text reversed");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = format!(
            "{}Deep text.{}",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        let limited = limit_nesting(&deep);
        assert_eq!(limited.matches("<div>").count(), MAX_NESTING);
        assert_eq!(limited.matches("</div>").count(), MAX_NESTING);
        assert_eq!(html_to_text(&deep), "Deep text.");
        let shallow = "<p>One<br>two<img src=x><b>three</b></p>";
        assert!(matches!(limit_nesting(shallow), Cow::Borrowed(_)));
    }

    #[test]
    fn paragraphs_fold_blank_runs_and_spaces() {
        assert_eq!(paragraphs("\n\n  a  b \n c\n\n\n\nd\n\n"), "a b\nc\n\nd");
    }
}
