//! What the library keeps of each article's reading: its extraction, stored beside it when
//! the article enters the library, so that a start merges stored facts instead of reading
//! every article again.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::corpus::Article;
use crate::extract::{self, Extraction};
use crate::gazetteer::{self, Gazetteer};

/// One article's extraction as stored: what [`extract::extract`] found, before any merging
/// (people are the article's own, clubs are gazetteer ids), and the text of the sentences
/// its rumours and contracts rest on, so that a model without the article's body still
/// shows its evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub extraction: Extraction,
    /// (start in the body, text) of each evidence sentence, by start.
    pub sentences: Vec<(usize, String)>,
}

impl Facts {
    /// Reads an article.
    pub fn read(gazetteer: &Gazetteer, article: &Article) -> Self {
        let extraction = extract::extract(
            gazetteer,
            &article.body,
            article.date,
            article.source.as_deref(),
        );
        let mut spans: Vec<&Range<usize>> = extraction
            .rumours
            .iter()
            .map(|rumour| &rumour.sentence)
            .chain(
                extraction
                    .contracts
                    .iter()
                    .map(|contract| &contract.sentence),
            )
            .collect();
        spans.sort_by_key(|span| (span.start, span.end));
        spans.dedup();
        let sentences = spans
            .into_iter()
            .filter_map(|span| Some((span.start, article.body.get(span.clone())?.to_string())))
            .collect();
        Self {
            extraction,
            sentences,
        }
    }

    /// The compact form the library stores (postcard).
    pub fn encode(&self) -> Option<Vec<u8>> {
        postcard::to_allocvec(self).ok()
    }

    /// Facts from their stored form; `None` when the bytes are not facts (they are then read
    /// again from the article).
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        postcard::from_bytes(bytes).ok()
    }
}

/// The version stored facts are written under: the extractor's and the gazetteer's (club and
/// person ids are positions in one gazetteer). Facts of another version are read again.
pub fn version() -> String {
    format!(
        "x{}-g{:016x}",
        extract::VERSION,
        gazetteer::embedded_fingerprint()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        Article {
            id: "lib-1".to_string(),
            path: "a.txt".to_string(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 1, 20),
            date_is_fetch: false,
            title: String::new(),
            source: Some("The Courier".to_string()),
            url: None,
            body: body.to_string(),
        }
    }

    #[test]
    fn facts_survive_their_stored_form_with_their_evidence_text() -> Result<(), String> {
        let gazetteer = Gazetteer::embedded().map_err(|e| e.to_string())?;
        let article = article(
            "Celtic midfielder Jordan McAllister is wanted by Leeds United, according to \
             Sky Sports. His contract runs out in June 2025. Rangers, who play on Sunday, \
             are not interested.",
        );
        let facts = Facts::read(&gazetteer, &article);
        assert!(!facts.extraction.rumours.is_empty());
        assert!(!facts.extraction.contracts.is_empty());
        let texts: Vec<&str> = facts.sentences.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Celtic midfielder Jordan McAllister is wanted by Leeds United, according to \
                 Sky Sports.",
                "His contract runs out in June 2025."
            ]
        );
        let bytes = facts.encode().ok_or("not encoded")?;
        assert_eq!(Facts::decode(&bytes), Some(facts));
        assert_eq!(Facts::decode(b"\xff\xff not facts"), None);
        Ok(())
    }

    #[test]
    fn the_version_names_the_extractor_and_the_gazetteer() {
        let version = version();
        assert!(version.starts_with(&format!("x{}-g", extract::VERSION)));
        assert_eq!(version, super::version(), "the same in every run");
    }
}
