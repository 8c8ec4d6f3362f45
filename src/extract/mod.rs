//! Reading one article: who is named, which clubs, who cites whom, who is rumoured where,
//! and when contracts end. Every fact keeps the byte span of the sentence it came from.

mod dates;
mod lexicon;
mod people;
mod relations;
mod stage;

pub use stage::Stage;

use std::borrow::Cow;
use std::ops::Range;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::gazetteer::{Entry, Gazetteer, Role};
use crate::text::{self, Folded};

/// The extractor's version: bump it whenever what [`extract`] returns for some text changes,
/// so that the facts the library stored from an older extractor are read again
/// (`tests/facts.rs` fails when the output over the test corpora changes without a bump).
pub const VERSION: u32 = 3;

/// A person named in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFact {
    /// Canonical name: the gazetteer's, or the fullest form the article uses.
    pub name: String,
    pub role: Role,
    /// Other forms the article used for this person.
    pub aliases: Vec<String>,
}

/// What a highlighted span of the body names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// Index into [`Extraction::people`].
    Person(usize),
    /// Gazetteer club id.
    Club(usize),
    Source,
    Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Range<usize>,
    pub kind: MentionKind,
}

/// A player said to be wanted by, or heading to, a club.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RumourFact {
    pub person: usize,
    pub club: usize,
    pub sentence: Range<usize>,
    /// Outlets cited in that sentence (the article's own when the sentence cites none).
    pub sources: Vec<String>,
    /// How far the sentence says the move has got.
    pub stage: Stage,
}

/// A contract end date stated or implied by one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractFact {
    pub person: usize,
    pub club: Option<usize>,
    pub expires: NaiveDate,
    pub sentence: Range<usize>,
}

/// A player's club as the article states it (current or former).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubLink {
    pub person: usize,
    pub club: usize,
    pub sentence: Range<usize>,
}

/// Everything read from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub people: Vec<PersonFact>,
    /// Gazetteer ids of the clubs mentioned, in order of first mention.
    pub clubs: Vec<usize>,
    /// Outlets and journalists the text cites.
    pub sources: Vec<String>,
    pub mentions: Vec<Mention>,
    pub rumours: Vec<RumourFact>,
    pub contracts: Vec<ContractFact>,
    pub current_clubs: Vec<ClubLink>,
    pub former_clubs: Vec<ClubLink>,
    /// Stages said of a player and a club that make no rumour on their own: a move done
    /// ("Swansea have completed the signing of X"), talks collapsed, a denial. Each joins
    /// the rumour of its pair, if there is one.
    pub steps: Vec<RumourFact>,
}

/// What one item of a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Club(usize),
    /// Gazetteer person id, before people are identified.
    Known(usize),
    /// A run of capitalised words that may be a person, before people are identified.
    Name,
    /// Index into the article's people.
    Person(usize),
    /// A name cited as a source that the gazetteer does not know.
    Cited,
    Outlet(usize),
    Term,
}

/// A word or a recognised phrase, with its place in the body.
#[derive(Debug, Clone)]
struct Item<'a> {
    span: Range<usize>,
    kind: Kind,
    /// Folded text (lowercase ASCII), borrowed from the folded body unless it had to be
    /// rebuilt.
    folded: Cow<'a, str>,
    capitalised: bool,
    possessive: bool,
}

impl Item<'_> {
    /// The folded text.
    fn word(&self) -> &str {
        &self.folded
    }

    fn is(&self, words: &[&str]) -> bool {
        // Rules ask this of every word: the first byte rules out most candidates before a
        // full comparison.
        let word = self.word().as_bytes();
        self.kind == Kind::Word
            && words.iter().any(|candidate| {
                candidate.as_bytes().first() == word.first() && candidate.as_bytes() == word
            })
    }
}

/// A sentence as items, with the body range it covers.
#[derive(Debug)]
struct Sentence<'a> {
    span: Range<usize>,
    items: Vec<Item<'a>>,
}

/// Reads one article body. `date` is the article's own date (for relative contract phrases);
/// `metadata_source` is the outlet its file names, used when a rumour cites none.
pub fn extract(
    gazetteer: &Gazetteer,
    body: &str,
    date: Option<NaiveDate>,
    metadata_source: Option<&str>,
) -> Extraction {
    let folded = Folded::new(body);
    let found = gazetteer.find(body, &folded);
    let mut sentences = split_items(body, &folded, &found);
    resolve_short_club_names(gazetteer, &mut sentences);
    for sentence in &mut sentences {
        people::merge_name_runs(gazetteer, body, &folded, sentence);
        relations::mark_cited(gazetteer, body, &folded, sentence);
    }
    let mut out = Extraction::default();
    let people = people::identify(gazetteer, body, &mut sentences);
    out.people = people;
    let cited = relations::cite_sources(gazetteer, body, &sentences, &mut out);
    let mut article_sources = out.sources.clone();
    if article_sources.is_empty() {
        article_sources.extend(metadata_source.map(str::to_string));
    }
    for sentence in &sentences {
        for item in &sentence.items {
            match item.kind {
                Kind::Club(id) => {
                    if !out.clubs.contains(&id) {
                        out.clubs.push(id);
                    }
                    out.mentions.push(Mention {
                        span: item.span.clone(),
                        kind: MentionKind::Club(id),
                    });
                }
                Kind::Person(id) => out.mentions.push(Mention {
                    span: item.span.clone(),
                    kind: MentionKind::Person(id),
                }),
                Kind::Outlet(_)
                | Kind::Cited
                | Kind::Known(_)
                | Kind::Name
                | Kind::Word
                | Kind::Term => {}
            }
        }
    }
    relations::link(
        gazetteer,
        body,
        date,
        &sentences,
        &cited,
        &article_sources,
        &mut out,
    );
    out.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    out.mentions.dedup();
    out
}

/// A one-word club name shared by several clubs ("United", "Madrid", "Milan") means the one
/// the article last named in full with that word ("Newcastle United ... United want him");
/// with none named so, the gazetteer's usual meaning stays ("Inter ... Milan" is AC Milan).
fn resolve_short_club_names(gazetteer: &Gazetteer, sentences: &mut [Sentence]) {
    let mut named: Vec<(usize, Cow<str>)> = Vec::new();
    for item in sentences
        .iter_mut()
        .flat_map(|sentence| sentence.items.iter_mut())
    {
        let Kind::Club(club) = item.kind else {
            continue;
        };
        if !item.folded.contains(' ') {
            let sharing = gazetteer.clubs_with_word(&item.folded);
            let word = item.folded.as_ref();
            let meant = named.iter().rev().find(|(id, written)| {
                sharing.contains(id) && written.split(' ').any(|part| part == word)
            });
            if let Some(&(meant, _)) = meant {
                item.kind = Kind::Club(meant);
                continue;
            }
        }
        named.push((club, item.folded.clone()));
    }
}

/// Splits the body into sentences of items: gazetteer phrases as single items, the rest as
/// words.
fn split_items<'a>(
    body: &str,
    folded: &'a Folded,
    found: &[crate::gazetteer::Found],
) -> Vec<Sentence<'a>> {
    let mut next_found = 0;
    text::sentences(body)
        .into_iter()
        .map(|span| {
            // About one item per six bytes of prose: enough room for most sentences.
            let mut items = Vec::with_capacity((span.end - span.start) / 6 + 1);
            let mut at = span.start;
            while next_found < found.len() && found[next_found].span.start < span.start {
                next_found += 1;
            }
            let push_words = |from: usize, to: usize, items: &mut Vec<Item<'a>>| {
                if from < to {
                    items.extend(text::tokens(body, from..to).map(|token| {
                        let word = token.text(body);
                        let end = token.start + without_glued_age(word).len();
                        let word = &body[token.start..end];
                        Item {
                            span: token.start..end,
                            kind: Kind::Word,
                            folded: Cow::Borrowed(folded.of(token.start..end)),
                            capitalised: text::is_capitalised(word),
                            possessive: token.possessive,
                        }
                    }));
                }
            };
            while next_found < found.len() && found[next_found].span.end <= span.end {
                let phrase = &found[next_found];
                next_found += 1;
                if phrase.span.start < at {
                    continue;
                }
                push_words(at, phrase.span.start, &mut items);
                let kind = match phrase.entry {
                    Entry::Club(id) => Kind::Club(id),
                    Entry::Person(id) => Kind::Known(id),
                    Entry::Outlet(id) => Kind::Outlet(id),
                    Entry::Term => Kind::Term,
                };
                let rest = &body[phrase.span.end..span.end];
                let suffix = ["'s", "\u{2019}s", "'", "\u{2019}"]
                    .into_iter()
                    .find(|suffix| rest.starts_with(suffix))
                    .filter(|suffix| {
                        suffix.len() > 1 || body[..phrase.span.end].ends_with(['s', 'S'])
                    })
                    .filter(|suffix| !rest[suffix.len()..].starts_with(char::is_alphanumeric));
                let possessive = suffix.is_some();
                items.push(Item {
                    span: phrase.span.clone(),
                    kind,
                    folded: Cow::Borrowed(folded.of(phrase.span.clone())),
                    capitalised: true,
                    possessive,
                });
                at = phrase.span.end + suffix.map_or(0, str::len);
            }
            push_words(at, span.end, &mut items);
            Sentence { span, items }
        })
        .collect()
}

/// A capitalised word with an age glued to it, as some pages scrape player cards
/// ("Earps30"): the word without the age. Other words are returned whole.
fn without_glued_age(word: &str) -> &str {
    let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
    let age = word.len() - letters.len();
    let lowercase_before = letters.ends_with(|c: char| c.is_lowercase());
    if (1..=2).contains(&age)
        && lowercase_before
        && letters.chars().count() > 2
        && text::is_capitalised(letters)
    {
        letters
    } else {
        word
    }
}

/// The non-blank characters between two items ("," or ";"), empty when only spaces.
fn between<'a>(body: &'a str, left: &Item, right: &Item) -> &'a str {
    match body.get(left.span.end..right.span.start) {
        // Most items are a single space apart.
        Some(" ") | None => "",
        Some(gap) => gap.trim(),
    }
}

#[cfg(test)]
mod tests;
