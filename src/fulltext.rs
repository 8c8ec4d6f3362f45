//! The main text of an article's web page, for reading the whole article where a feed gives
//! only a summary. A readability-style extraction (`dom_smoothie`, a port of Mozilla's
//! Readability): navigation, asides, footers, scripts and styles are dropped, the block with
//! the most paragraph text is kept, and it comes back as plain paragraphs.

use dom_smoothie::{Config, Readability, TextMode};
use url::Url;

/// Less text than this is a teaser, a paywall or a page that is not an article: the caller
/// keeps the feed's summary instead.
const MIN_CHARS: usize = 250;
/// A page with more elements than this is not an article page worth scoring.
const MAX_ELEMENTS: usize = 200_000;

/// The main article text of `html` as plain paragraphs separated by blank lines, or None when
/// the page holds no substantial text. `url` (where the page came from) helps tell the page's
/// own links from others; a missing or relative one is fine.
pub fn main_text(html: &str, url: Option<&str>) -> Option<String> {
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    // Readability refuses a URL that is not absolute; the text does not need one.
    let url = url.filter(|url| Url::parse(url).is_ok());
    let article = Readability::new(html, url, Some(config))
        .ok()?
        .parse()
        .ok()?;
    let text = paragraphs(&article.text_content);
    (text.chars().count() >= MIN_CHARS).then_some(text)
}

/// Paragraphs with their inner whitespace collapsed, one blank line between them.
fn paragraphs(text: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let words = line.split_whitespace();
        let mut blank = true;
        for word in words {
            blank = false;
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        if blank && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: [&str; 4] = [
        "Northbridge Rovers have agreed a fee with Castellan FC for the winger Tomas Reiner, \
         who is expected to sign a four-year contract once his medical is complete on Monday.",
        "The 24-year-old scored eleven goals in the league last season and had been followed \
         by scouts from three clubs since the autumn, according to people close to the deal.",
        "Castellan had hoped to keep him until the summer, but the player's contract runs out \
         in June 2027 and the board preferred a fee now to losing him for a smaller one later.",
        "Rovers' sporting director said the club would not comment until the transfer was \
         registered with the league, which is expected before the window closes on Friday.",
    ];

    fn article_page() -> String {
        let story: String = STORY.iter().map(|p| format!("<p>{p}</p>\n")).collect();
        format!(
            "<!DOCTYPE html><html><head><title>Reiner agrees Rovers move</title>\
             <style>body {{ color: red }}</style><script>var tracking = 'PIXEL';</script></head>\
             <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/shop\">Shop \
             the new kit</a></nav>\
             <aside><h3>Most read</h3><ul><li><a href=\"/a\">Ten keepers to watch</a></li>\
             <li><a href=\"/b\">Derby day diary</a></li></ul></aside>\
             <article><h1>Reiner agrees Rovers move</h1>\n{story}</article>\
             <footer><p>Copyright Example Sports Media. All rights reserved. Cookie settings.</p>\
             </footer></body></html>"
        )
    }

    #[test]
    fn the_article_comes_back_as_its_paragraphs_without_the_page_around_it() {
        let text = main_text(
            &article_page(),
            Some("https://news.example/transfers/reiner"),
        )
        .expect("an article page has main text");
        for paragraph in STORY {
            let collapsed = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&collapsed),
                "missing paragraph {collapsed:?} in {text:?}"
            );
        }
        for chrome in [
            "Shop the new kit",
            "Most read",
            "Copyright",
            "PIXEL",
            "color: red",
        ] {
            assert!(!text.contains(chrome), "{chrome:?} leaked into {text:?}");
        }
        assert!(
            text.contains("Monday.\n\nThe 24-year-old"),
            "paragraphs apart: {text:?}"
        );
    }

    #[test]
    fn a_missing_or_relative_url_changes_nothing() {
        let page = article_page();
        let with_url = main_text(&page, Some("https://news.example/transfers/reiner"));
        assert_eq!(main_text(&page, None), with_url);
        assert_eq!(main_text(&page, Some("/transfers/reiner")), with_url);
    }

    #[test]
    fn a_page_without_substantial_text_gives_none() {
        let teaser = "<html><body><nav><a href=\"/\">Home</a></nav><p>Subscribe to read the \
                      full story about the striker.</p><footer>Contact us</footer></body></html>";
        assert_eq!(main_text(teaser, None), None);
        assert_eq!(main_text("", None), None);
        assert_eq!(main_text("not html at all <<<>>>", None), None);
    }

    proptest::proptest! {
        #[test]
        fn any_tag_soup_gives_text_or_none_without_panicking(
            soup in "(<(p|div|article|nav|script|aside|a href=\"[a-z/]{0,8}\")>|</(p|div|article|nav|script|aside|a)>|[A-Za-z .,'<>&;]{0,40}){0,60}"
        ) {
            if let Some(text) = main_text(&soup, Some("https://news.example/story")) {
                proptest::prop_assert!(text.chars().count() >= MIN_CHARS);
                proptest::prop_assert!(!text.contains("\n\n\n"));
            }
        }
    }

    #[test]
    fn paragraphs_are_collapsed_and_separated_by_one_blank_line() {
        let text = "  First   line\n of one paragraph \n\n\n\n  Second\tparagraph \n";
        assert_eq!(
            paragraphs(text),
            "First line of one paragraph\n\nSecond paragraph"
        );
    }
}
