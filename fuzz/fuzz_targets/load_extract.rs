//! Load + extract: any bytes, as any supported file type, through the loader, the extractor
//! and the model. Nothing may panic; what comes out must be safe to draw and every span must
//! be a char-boundary range of its article's body.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mercato::corpus::{Corpus, parse_file};
use mercato::extract::extract;
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use mercato::sanitize::sanitize;

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::embedded().expect("the embedded gazetteer loads"));

const EXTENSIONS: [&str; 4] = ["txt", "md", "json", "jsonl"];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file type; the rest is the file.
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let extension = EXTENSIONS[usize::from(selector) % EXTENSIONS.len()];
    let load = parse_file("fuzz", "fuzz", extension, bytes);
    for problem in &load.problems {
        assert!(!problem.message.chars().any(char::is_control));
    }
    for article in &load.articles {
        assert_eq!(sanitize(&article.body, true), article.body);
        assert_eq!(sanitize(&article.title, false), article.title);
        let extraction = extract(
            &GAZETTEER,
            &article.body,
            article.date,
            article.source.as_deref(),
        );
        let spans = extraction
            .mentions
            .iter()
            .map(|m| &m.span)
            .chain(extraction.rumours.iter().map(|r| &r.sentence))
            .chain(extraction.contracts.iter().map(|c| &c.sentence))
            .chain(extraction.current_clubs.iter().map(|l| &l.sentence))
            .chain(extraction.former_clubs.iter().map(|l| &l.sentence));
        for span in spans {
            assert!(
                article.body.get(span.clone()).is_some(),
                "span {span:?} is not a char-boundary range of a {}-byte body",
                article.body.len()
            );
        }
    }
    let model = Model::build(
        Corpus {
            articles: load.articles,
            problems: load.problems,
        },
        &GAZETTEER,
    );
    for rumour in &model.rumours {
        for evidence in &rumour.evidence {
            assert!(
                model.articles[evidence.article]
                    .body
                    .get(evidence.span.clone())
                    .is_some()
            );
        }
    }
});
