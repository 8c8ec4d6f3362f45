//! What Mercato knows before it reads anything: clubs, well-known people, news outlets and
//! capitalised phrases that are not people. Kept as TOML in `assets/gazetteer/`, embedded.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use serde::{Deserialize, Serialize};

use crate::text::{Folded, fold};

/// What a person does, as far as transfer news is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Player,
    Coach,
    Executive,
    Owner,
    Agent,
    Other,
}

impl Role {
    /// Every role, in declaration order (`role as usize` indexes it).
    pub const ALL: [Role; 6] = [
        Self::Player,
        Self::Coach,
        Self::Executive,
        Self::Owner,
        Self::Agent,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Player => "player",
            Self::Coach => "coach",
            Self::Executive => "executive",
            Self::Owner => "owner",
            Self::Agent => "agent",
            Self::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Club {
    pub name: String,
    pub country: String,
    pub league: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct KnownPerson {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Outlet {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ClubFile {
    club: Vec<Club>,
}

#[derive(Debug, Deserialize)]
struct PeopleFile {
    person: Vec<KnownPerson>,
}

#[derive(Debug, Deserialize)]
struct OutletFile {
    outlet: Vec<Outlet>,
}

#[derive(Debug, Deserialize)]
struct TermsFile {
    competitions: Vec<String>,
    venues: Vec<String>,
    places: Vec<String>,
    demonyms: Vec<String>,
    organisations: Vec<String>,
    common: Vec<String>,
}

/// A gazetteer file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("gazetteer file {file} is invalid: {source}")]
pub struct GazetteerError {
    file: &'static str,
    source: toml::de::Error,
}

/// What a matched phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Club(usize),
    Person(usize),
    Outlet(usize),
    /// A capitalised phrase that names no person (competition, venue, place, organisation).
    Term,
}

/// A gazetteer phrase found in a text, with its byte range in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub entry: Entry,
    pub span: Range<usize>,
}

#[derive(Debug)]
pub struct Gazetteer {
    pub clubs: Vec<Club>,
    pub people: Vec<KnownPerson>,
    pub outlets: Vec<Outlet>,
    matcher: AhoCorasick,
    /// Per pattern: what it names and whether it must appear in capitals exactly (acronyms).
    patterns: Vec<(Entry, bool)>,
    /// Folded single words that are not names: demonyms and headline words.
    not_names: HashMap<String, bool>,
    /// Folded word → clubs whose name or alias contains it among other words ("united" →
    /// Newcastle United, West Ham United, …), to resolve a bare "United" by context.
    clubs_by_word: HashMap<String, Vec<usize>>,
    /// Folded surname → known people.
    people_by_surname: HashMap<String, Vec<usize>>,
    /// Folded first names of known people.
    given_names: HashSet<String>,
    /// Folded league / country / demonym → clubs, for "the Serie A side", "the Italian giants".
    clubs_by_group: HashMap<String, Vec<usize>>,
}

const CLUBS: &str = include_str!("../assets/gazetteer/clubs.toml");
const PEOPLE: &str = include_str!("../assets/gazetteer/people.toml");
const OUTLETS: &str = include_str!("../assets/gazetteer/outlets.toml");
const TERMS: &str = include_str!("../assets/gazetteer/terms.toml");

/// A fingerprint of the embedded gazetteer (FNV-1a over its files): ids of clubs and known
/// people mean the same under the same fingerprint, so stored facts name it.
pub fn embedded_fingerprint() -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in [CLUBS, PEOPLE, OUTLETS, TERMS] {
        for byte in file.bytes().chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn parse<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
) -> Result<T, GazetteerError> {
    toml::from_str(text).map_err(|source| GazetteerError { file, source })
}

/// An acronym alias ("PSG", "AS") only matches in capitals.
fn is_acronym(alias: &str) -> bool {
    alias.len() <= 5
        && alias
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

impl Gazetteer {
    /// The gazetteer embedded in the binary.
    pub fn embedded() -> Result<Self, GazetteerError> {
        let clubs: ClubFile = parse("clubs.toml", CLUBS)?;
        let people: PeopleFile = parse("people.toml", PEOPLE)?;
        let outlets: OutletFile = parse("outlets.toml", OUTLETS)?;
        let terms: TermsFile = parse("terms.toml", TERMS)?;
        Ok(Self::new(clubs.club, people.person, outlets.outlet, terms))
    }

    fn new(
        clubs: Vec<Club>,
        people: Vec<KnownPerson>,
        outlets: Vec<Outlet>,
        terms: TermsFile,
    ) -> Self {
        // Folded phrase → (entry, acronym); the kind added first wins a shared phrase.
        let mut by_phrase: HashMap<String, (Entry, bool)> = HashMap::new();
        let mut add = |phrase: &str, entry: Entry| {
            let key = fold(phrase).trim().to_string();
            if !key.is_empty() {
                by_phrase.entry(key).or_insert((entry, is_acronym(phrase)));
            }
        };
        // Journalists are listed as outlets and as people: as sources they count.
        for (id, outlet) in outlets.iter().enumerate() {
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                add(name, Entry::Outlet(id));
                if let Some(bare) = name.strip_prefix("The ") {
                    add(bare, Entry::Outlet(id));
                }
            }
        }
        for (id, person) in people.iter().enumerate() {
            for name in std::iter::once(&person.name).chain(&person.aliases) {
                add(name, Entry::Person(id));
            }
        }
        for (id, club) in clubs.iter().enumerate() {
            for name in std::iter::once(&club.name).chain(&club.aliases) {
                add(name, Entry::Club(id));
            }
        }
        for term in terms
            .competitions
            .iter()
            .chain(&terms.venues)
            .chain(&terms.places)
            .chain(&terms.organisations)
        {
            add(term, Entry::Term);
        }

        let mut phrases: Vec<(String, (Entry, bool))> = by_phrase.into_iter().collect();
        phrases.sort_by(|a, b| a.0.cmp(&b.0));
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(phrases.iter().map(|(phrase, _)| phrase))
            .expect("gazetteer patterns are plain strings");
        let patterns = phrases.into_iter().map(|(_, entry)| entry).collect();

        let mut not_names = HashMap::new();
        for word in &terms.demonyms {
            not_names.insert(fold(word), true);
        }
        for word in &terms.common {
            not_names.entry(fold(word)).or_insert(false);
        }

        let mut clubs_by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut clubs_by_group: HashMap<String, Vec<usize>> = HashMap::new();
        for (id, club) in clubs.iter().enumerate() {
            for name in std::iter::once(&club.name).chain(&club.aliases) {
                let folded = fold(name);
                let words: Vec<&str> = folded.split_whitespace().collect();
                if words.len() > 1 {
                    for word in words {
                        let ids = clubs_by_word.entry(word.to_string()).or_default();
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
            }
            for group in [&club.league, &club.country] {
                clubs_by_group.entry(fold(group)).or_default().push(id);
            }
        }

        let mut people_by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        let mut given_names = HashSet::new();
        for (id, person) in people.iter().enumerate() {
            let folded = fold(&person.name);
            let words: Vec<&str> = folded.split_whitespace().collect();
            if let [first, .., last] = words.as_slice() {
                given_names.insert((*first).to_string());
                people_by_surname
                    .entry((*last).to_string())
                    .or_default()
                    .push(id);
            }
        }

        // "Milinkovic" for Sergej Milinković-Savić: a double-barrelled surname is often
        // shortened to its first half, unless that half is a first name ("Alexander").
        for (id, person) in people.iter().enumerate() {
            let folded = fold(&person.name);
            let Some((first_half, _)) = folded
                .split_whitespace()
                .last()
                .filter(|_| folded.contains(' '))
                .and_then(|last| last.split_once('-'))
            else {
                continue;
            };
            if first_half.len() >= 5 && !given_names.contains(first_half) {
                let ids = people_by_surname.entry(first_half.to_string()).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }

        Self {
            clubs,
            people,
            outlets,
            matcher,
            patterns,
            not_names,
            clubs_by_word,
            people_by_surname,
            given_names,
            clubs_by_group,
        }
    }

    /// Every gazetteer phrase in `text`, longest first where they overlap, as whole words that
    /// start with a capital letter (acronyms in capitals only). A phrase can only start at a
    /// capitalised word, so the matcher runs anchored there instead of over every byte.
    pub fn find(&self, text: &str, folded: &Folded) -> Vec<Found> {
        let haystack = folded.text.as_bytes();
        let mut out = Vec::new();
        let mut resume = 0;
        for at in capitalised_word_starts(text) {
            let start = folded.offset_of(at);
            if start < resume {
                continue;
            }
            let input = Input::new(haystack).range(start..).anchored(Anchored::Yes);
            let Some(found) = self.matcher.find(input) else {
                continue;
            };
            let end = found.end();
            let boundary_before = start == 0 || !haystack[start - 1].is_ascii_alphanumeric();
            let boundary_after = end == haystack.len() || !haystack[end].is_ascii_alphanumeric();
            if !boundary_before || !boundary_after {
                continue;
            }
            let (entry, acronym) = self.patterns[found.pattern().as_usize()];
            let span = folded.to_original(start..end, text);
            if !acronym || text[span.clone()].chars().all(|c| !c.is_lowercase()) {
                out.push(Found { entry, span });
                resume = end;
            }
        }
        out
    }

    /// Whether a single capitalised word is known not to be (part of) a personal name;
    /// `Some(true)` for demonyms ("Spaniard"), `Some(false)` for headline words.
    pub fn not_a_name(&self, folded_word: &str) -> Option<bool> {
        self.not_names.get(folded_word).copied()
    }

    /// Clubs whose multi-word name contains this folded word.
    pub fn clubs_with_word(&self, folded_word: &str) -> &[usize] {
        self.clubs_by_word
            .get(folded_word)
            .map_or(&[], Vec::as_slice)
    }

    /// Clubs of a league or country, by its folded name.
    pub fn clubs_in_group(&self, folded_group: &str) -> &[usize] {
        self.clubs_by_group
            .get(folded_group)
            .map_or(&[], Vec::as_slice)
    }

    /// Known people with this folded surname.
    pub fn people_with_surname(&self, folded_surname: &str) -> &[usize] {
        self.people_by_surname
            .get(folded_surname)
            .map_or(&[], Vec::as_slice)
    }

    /// Whether a folded word is the first name of some known person ("sergio").
    pub fn is_given_name(&self, folded_word: &str) -> bool {
        self.given_names.contains(folded_word)
    }

    /// The club with this canonical name or alias (case- and accent-insensitive).
    pub fn club_named(&self, name: &str) -> Option<usize> {
        let folded = fold(name.trim());
        let found = self
            .matcher
            .find(Input::new(&folded).anchored(Anchored::Yes))?;
        match self.patterns[found.pattern().as_usize()].0 {
            Entry::Club(id) if found.range() == (0..folded.len()) => Some(id),
            _ => None,
        }
    }

    /// The outlet whose folded name is within one edit of this one ("Diaro Gol" → Diario Gol).
    pub fn outlet_like(&self, name: &str) -> Option<usize> {
        let wanted = fold(name);
        if wanted.len() < 5 {
            return None;
        }
        self.outlets.iter().position(|outlet| {
            std::iter::once(&outlet.name)
                .chain(&outlet.aliases)
                .any(|candidate| within_one_edit(&fold(candidate), &wanted))
        })
    }
}

/// Whether two ASCII strings differ by at most one insertion, deletion or substitution.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix..]
            .iter()
            .skip(1)
            .eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// The byte offsets of the words of `text` that start with a capital letter.
fn capitalised_word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous = ' ';
    text.char_indices()
        .filter(move |&(_, c)| {
            let starts = c.is_uppercase() && !previous.is_alphanumeric();
            previous = c;
            starts
        })
        .map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        Gazetteer::embedded().expect("embedded gazetteer parses")
    }

    fn names(g: &Gazetteer, text: &str) -> Vec<String> {
        let folded = Folded::new(text);
        g.find(text, &folded)
            .into_iter()
            .map(|found| match found.entry {
                Entry::Club(id) => format!("club:{}", g.clubs[id].name),
                Entry::Person(id) => format!("person:{}", g.people[id].name),
                Entry::Outlet(id) => format!("outlet:{}", g.outlets[id].name),
                Entry::Term => format!("term:{}", &text[found.span]),
            })
            .collect()
    }

    #[test]
    fn embedded_files_parse_and_are_large() {
        let g = gazetteer();
        assert!(g.clubs.len() >= 400, "{} clubs", g.clubs.len());
        assert!(g.people.len() >= 300, "{} people", g.people.len());
        assert!(g.outlets.len() >= 80, "{} outlets", g.outlets.len());
    }

    #[test]
    fn longest_match_wins_and_accents_fold() {
        let g = gazetteer();
        assert_eq!(
            names(
                &g,
                "Inter Miami want him, Inter Milan too; Atletico Madrid and Paris Saint-Germain wait."
            ),
            [
                "club:Inter Miami",
                "club:Inter Milan",
                "club:Atlético Madrid",
                "club:Paris Saint-Germain"
            ]
        );
    }

    #[test]
    fn aliases_need_capitals_and_acronyms_need_all_capitals() {
        let g = gazetteer();
        assert_eq!(names(&g, "the real deal, as usual"), Vec::<String>::new());
        assert_eq!(names(&g, "reports from AS"), ["outlet:AS"]);
        assert_eq!(
            names(&g, "the Bianconeri and PSG"),
            ["club:Juventus", "club:Paris Saint-Germain"]
        );
    }

    #[test]
    fn phrases_start_at_capitalised_words_after_any_punctuation() {
        let g = gazetteer();
        assert_eq!(
            names(
                &g,
                "«Juventus» want him; ‘Real Madrid’ too, and (PSG)—so says L’Équipe…Chelsea?"
            ),
            [
                "club:Juventus",
                "club:Real Madrid",
                "club:Paris Saint-Germain",
                "outlet:L'Équipe",
                "club:Chelsea"
            ]
        );
        // A word that only ends like a club is not one.
        assert_eq!(
            names(&g, "Tottenhamish and ExChelsea"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn people_fold_diacritics() {
        let g = gazetteer();
        assert_eq!(names(&g, "Gonzalo Higuain"), ["person:Gonzalo Higuaín"]);
    }

    #[test]
    fn club_lookup_by_alias() {
        let g = gazetteer();
        let psg = g.club_named("psg").map(|id| g.clubs[id].name.as_str());
        assert_eq!(psg, Some("Paris Saint-Germain"));
        assert_eq!(
            g.club_named("Atletico Madrid")
                .map(|id| g.clubs[id].name.as_str()),
            Some("Atlético Madrid")
        );
        assert_eq!(g.club_named("Nowhere Rovers"), None);
    }

    #[test]
    fn one_edit_apart() {
        assert!(within_one_edit("diaro gol", "diario gol"));
        assert!(within_one_edit("luca", "luka"));
        assert!(!within_one_edit("marca", "mundo"));
    }
}
