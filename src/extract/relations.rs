//! Relations between the people and clubs of an article: cited sources, current and former
//! clubs, rumoured destinations and contract end dates.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::gazetteer::{Gazetteer, Role};
use crate::text::Folded;

use super::lexicon::{
    AMOUNT_WORDS, BID_WORDS, CITING_WORDS, CLUB_NOUNS, COMPLETION_VERBS, DESTINATION_LABELS,
    Direction, EXAMPLE_MARKERS, FUNCTION_WORDS, GROUP_NOUNS, JOURNALIST_NOUNS, LIST_ADJECTIVES,
    MANAGER_NOUNS, MOVE_NOUNS, NEGATIONS, OFFERING_VERBS, OTHER_CLUB_PREPOSITIONS, PAYING_VERBS,
    PLAYER_NOUNS, PRICE_VERBS, REFERENCE_ADJECTIVES, REFUSALS, ROLE_NOUNS, RULING_OUT, SKIPPABLE,
    TELLING_VERBS, TRIGGERS,
};
use super::stage::{self, Stage};

mod contracts;
use super::{
    ClubLink, ContractFact, Extraction, Item, Kind, Mention, MentionKind, RumourFact, Sentence,
    between,
};
use contracts::contracts_in;

/// Turns unknown names in a citing frame ("according to X", "X now reports") into sources,
/// before they can become people. Outlet names often hold ordinary words ("Calcio Insider
/// Daily"), so every capitalised word that follows joins the name.
pub(super) fn mark_cited<'a>(
    gazetteer: &Gazetteer,
    body: &str,
    folded: &'a Folded,
    sentence: &mut Sentence<'a>,
) {
    let items = &mut sentence.items;
    let unknown = |item: &Item| {
        item.kind == Kind::Name
            || item.kind == Kind::Word
                && item.capitalised
                && gazetteer.not_a_name(&item.folded) != Some(true)
    };
    let mut at = 0;
    while at < items.len() {
        if unknown(&items[at])
            && !(items[at].kind == Kind::Word && FUNCTION_WORDS.contains(items[at].word()))
            && in_citing_frame(items, at)
        {
            let mut end = at + 1;
            while end < items.len()
                && between(body, &items[end - 1], &items[end]).is_empty()
                && unknown(&items[end])
            {
                end += 1;
            }
            let span = items[at].span.start..items[end - 1].span.end;
            let merged = Item {
                folded: Cow::Borrowed(folded.of(span.clone())),
                span,
                kind: Kind::Cited,
                capitalised: true,
                possessive: items[end - 1].possessive,
            };
            items.splice(at..end, [merged]);
        }
        at += 1;
    }
}

/// "according to X", "reports from X", "report in X", "reported by X", "per X", "via X",
/// "X reports", "X now reports", "X has learned".
fn in_citing_frame(items: &[Item], at: usize) -> bool {
    let word = |i: Option<usize>| {
        i.and_then(|i| items.get(i))
            .filter(|item| item.kind == Kind::Word)
            .map(|item| item.word())
    };
    let before1 = word(at.checked_sub(1));
    let before2 = word(at.checked_sub(2));
    let after1 = word(Some(at + 1));
    let after2 = word(Some(at + 2));
    let reporting = |w: Option<&str>| {
        matches!(
            w,
            Some(
                "reports"
                    | "reported"
                    | "claims"
                    | "claimed"
                    | "understands"
                    | "revealed"
                    | "reveals"
                    | "states"
                    | "state"
                    | "suggests"
                    | "suggested"
                    | "writes"
                    | "wrote"
                    | "learned"
                    | "learnt"
                    | "report"
                    | "reporting"
                    | "claim"
                    | "understand"
            )
        )
    };
    matches!((before2, before1), (Some("according"), Some("to")))
        || matches!(
            (before2, before1),
            (
                Some("report" | "reports" | "reported" | "reporting" | "story" | "article"),
                Some("from" | "in" | "by" | "of")
            )
        )
        || matches!(
            before1,
            Some(
                "per"
                    | "via"
                    | "told"
                    | "outlet"
                    | "newspaper"
                    | "paper"
                    | "daily"
                    | "website"
                    | "broadcaster"
                    | "channel"
                    | "publication"
                    | "tabloid"
                    | "radio"
                    | "station"
                    | "podcast"
            )
        )
        || matches!(
            (before2, before1),
            (
                Some("speaking" | "spoke" | "talking" | "talked"),
                Some("to")
            ) | (Some("interview"), Some("with"))
        )
        || reporting(after1) && !matches!(after1, Some("state"))
        || matches!(
            after1,
            Some("now" | "also" | "has" | "have" | "had" | "are" | "is" | "first")
        ) && reporting(after2)
}

/// Collects the outlets the text cites: gazetteer outlets in a sentence that cites something,
/// names marked as cited, and known non-players named in a citing frame (journalists).
pub(super) fn cite_sources(
    gazetteer: &Gazetteer,
    body: &str,
    sentences: &[Sentence],
    out: &mut Extraction,
) -> Vec<(Range<usize>, String)> {
    let mut cited: Vec<(Range<usize>, String)> = Vec::new();
    let mut add = |name: String, span: Range<usize>, out: &mut Extraction| {
        if !out.sources.contains(&name) {
            out.sources.push(name.clone());
        }
        out.mentions.push(Mention {
            span: span.clone(),
            kind: MentionKind::Source,
        });
        cited.push((span, name));
    };
    for sentence in sentences.iter() {
        let cites = sentence
            .items
            .iter()
            .any(|item| item.kind == Kind::Word && CITING_WORDS.contains(&item.word()));
        for (at, item) in sentence.items.iter().enumerate() {
            match item.kind {
                Kind::Outlet(id) if cites => {
                    add(gazetteer.outlets[id].name.clone(), item.span.clone(), out)
                }
                Kind::Cited => {
                    let written = body[item.span.clone()].to_string();
                    let name = gazetteer
                        .outlet_like(&written)
                        .map_or(written, |id| gazetteer.outlets[id].name.clone());
                    add(name, item.span.clone(), out);
                }
                // "The Athletic's David Ornstein", "journalist Alan Nixon".
                Kind::Person(id)
                    if out.people[id].role == Role::Other
                        && (in_citing_frame(&sentence.items, at)
                            || at.checked_sub(1).is_some_and(|before| {
                                let before = &sentence.items[before];
                                matches!(before.kind, Kind::Outlet(_)) && before.possessive
                                    || before.is(JOURNALIST_NOUNS)
                            })
                            || sentence
                                .items
                                .get(at + 1)
                                .is_some_and(|next| next.is(&["of", "at"]))
                                && sentence.items.get(at + 2).is_some_and(|outlet| {
                                    matches!(outlet.kind, Kind::Outlet(_))
                                })) =>
                {
                    add(out.people[id].name.clone(), item.span.clone(), out);
                }
                _ => {}
            }
        }
    }
    cited
}

/// The paragraph (text between line breaks) that holds `span`.
fn paragraph_around(body: &str, span: &Range<usize>) -> Range<usize> {
    let start = body[..span.start].rfind('\n').map_or(0, |at| at + 1);
    let end = body[span.end..]
        .find('\n')
        .map_or(body.len(), |at| span.end + at);
    start..end
}

/// A trigger compiled from [`TRIGGERS`]: word alternatives per position.
struct Trigger {
    words: Vec<Vec<&'static str>>,
    direction: Direction,
}

/// The triggers, longest first, indexed by the words they start with.
struct Triggers {
    list: Vec<Trigger>,
    by_first_word: HashMap<&'static str, Vec<usize>>,
}

static COMPILED: LazyLock<Triggers> = LazyLock::new(|| {
    let mut list: Vec<Trigger> = TRIGGERS
        .iter()
        .map(|(phrase, direction)| Trigger {
            words: phrase
                .split(' ')
                .map(|position| position.split('|').collect())
                .collect(),
            direction: *direction,
        })
        .collect();
    // Longer phrases first; the sort is stable, so list order breaks ties.
    list.sort_by_key(|trigger| std::cmp::Reverse(trigger.words.len()));
    let mut by_first_word: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (index, trigger) in list.iter().enumerate() {
        for word in trigger.words.first().into_iter().flatten() {
            by_first_word.entry(word).or_default().push(index);
        }
    }
    Triggers {
        list,
        by_first_word,
    }
});

impl Triggers {
    /// The longest trigger starting at `items[at]`: where it ends, and its direction.
    fn at(&self, items: &[Item], at: usize) -> Option<(usize, Direction)> {
        let candidates = self.by_first_word.get(items[at].word())?;
        candidates.iter().find_map(|&index| {
            let trigger = &self.list[index];
            match_trigger(trigger, items, at).map(|end| (end, trigger.direction))
        })
    }
}

/// What an item refers to, once pronouns and descriptions are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ref {
    None,
    /// A word that opens a new clause (", and", "but", "while"): a trigger's object does not
    /// reach past it.
    Boundary,
    Player {
        id: usize,
        example: bool,
    },
    NonPlayer,
    Club(usize),
}

/// How many sentences back the last player named is still the one a description means:
/// "Sunderland want X. Others are ahead of them. Derby are also keen on the midfielder"
/// is still about X, even where another player is the article's most named.
const FOCUS_REACH: usize = 2;

/// The reading state carried from sentence to sentence.
#[derive(Default)]
struct Context {
    /// Explicit mentions so far, per person in order of first mention: the most mentioned
    /// player is the article's focus.
    mentions: Vec<(usize, usize)>,
    last_player: Option<(usize, usize)>,
    /// Clubs in order of mention, with the sentence they were in.
    clubs: Vec<(usize, usize)>,
    current: Vec<ClubLink>,
    former: Vec<ClubLink>,
    /// Stages that join a rumour only if there is one.
    steps: Vec<RumourFact>,
    rumours: Vec<RumourFact>,
    /// (person, club-as-stated-in-sentence, date, sentence)
    contracts: Vec<ContractFact>,
    /// The player the whole article names most: what "the 27-year-old" means in the lines
    /// before his name first appears.
    main_player: Option<usize>,
    /// Players explicitly named, the latest last, each once.
    recent: Vec<usize>,
    /// Lists of two or more players ("A and B"), with the sentence they were in.
    lists: Vec<(usize, Vec<usize>)>,
    contract_state: contracts::ContractState,
}

impl Context {
    /// The player a pronoun or description refers to: one named in this sentence or the one
    /// before, else the article's most mentioned player.
    fn focus(&self, sentence: usize) -> Option<usize> {
        if let Some((id, at)) = self.last_player
            && at + FOCUS_REACH >= sentence
        {
            return Some(id);
        }
        let last = self.last_player.map(|(id, _)| id);
        // On a tie, the one whose first mention came last (`max_by_key` keeps the last of
        // equals), so the result never depends on hashing.
        self.mentions
            .iter()
            .max_by_key(|&(id, count)| (*count, Some(*id) == last))
            .map(|(id, _)| *id)
            .or(self.main_player)
    }

    /// The players a group noun of `size` means ("the pair", "all four players"): a list of
    /// that many in this sentence or the one before, else the last `size` players named.
    fn group(&self, sentence: usize, size: usize) -> Option<Vec<usize>> {
        let listed = self
            .lists
            .iter()
            .rev()
            .take_while(|(at, _)| at + 1 >= sentence)
            .find(|(_, list)| list.len() == size)
            .map(|(_, list)| list.clone());
        listed.or_else(|| {
            let from = self.recent.len().checked_sub(size)?;
            Some(self.recent[from..].to_vec())
        })
    }

    /// Notes the lists of players in a sentence, for the group nouns of the next ones.
    fn note_lists(&mut self, body: &str, sentence: usize, items: &[Item], refs: &[Ref]) {
        let mut at = 0;
        while at < refs.len() {
            // A list starts at a name followed by a separator; most names are not.
            let opens_a_list = matches!(items[at].kind, Kind::Person(_))
                && items.get(at + 1).is_some_and(|next| {
                    next.is(&["and", "or"]) || matches!(between(body, &items[at], next), "," | "&")
                });
            let seen = |id: usize| {
                self.lists
                    .last()
                    .is_some_and(|(at, list)| *at == sentence && list.contains(&id))
            };
            if opens_a_list
                && let Ref::Player { id, .. } = refs[at]
                && !seen(id)
            {
                let list = listed_players(body, items, refs, at);
                if list.len() > 1 {
                    self.lists.push((sentence, list));
                }
            }
            at += 1;
        }
    }

    fn mention(&mut self, person: usize) {
        self.recent.retain(|&id| id != person);
        self.recent.push(person);
        match self.mentions.iter_mut().find(|(id, _)| *id == person) {
            Some((_, count)) => *count += 1,
            None => self.mentions.push((person, 1)),
        }
    }

    fn recent_club(&self, matches: impl Fn(usize) -> bool) -> Option<usize> {
        self.clubs
            .iter()
            .rev()
            .map(|(club, _)| *club)
            .find(|club| matches(*club))
    }
}

/// "Italian" → "italy": lets "the Italian giants" find a club by its country.
fn country_of_demonym(word: &str) -> Option<&'static str> {
    Some(match word {
        "italian" => "italy",
        "spanish" => "spain",
        "english" => "england",
        "french" => "france",
        "german" => "germany",
        "portuguese" => "portugal",
        "dutch" => "netherlands",
        "scottish" => "scotland",
        "turkish" => "turkey",
        "saudi" => "saudi arabia",
        "american" => "united states",
        "belgian" => "belgium",
        "brazilian" => "brazil",
        "argentine" | "argentinian" => "argentina",
        "mexican" => "mexico",
        _ => return None,
    })
}

fn is_player_noun(item: &Item) -> bool {
    item.kind == Kind::Word
        && (PLAYER_NOUNS.contains(&item.word())
            || item
                .folded
                .strip_suffix("-year-old")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
}

/// A noun that, after a club, names one of its players ("Chelsea midfielder"); a "Napoli
/// target" is somebody else's player.
fn names_a_clubs_player(item: &Item) -> bool {
    is_player_noun(item) && !item.is(&["target", "targets"])
}

/// Resolves every item of a sentence to what it refers to, updating the context as it goes.
fn resolve_refs(
    gazetteer: &Gazetteer,
    body: &str,
    index: usize,
    sentence: &Sentence,
    people: &[super::PersonFact],
    context: &mut Context,
) -> Vec<Ref> {
    let items = &sentence.items;
    let mut refs = vec![Ref::None; items.len()];
    let mut example = false;
    // Where the marker of the current list of examples ends.
    let mut marker_end = 0;
    let mut at = 0;
    while at < items.len() {
        let item = &items[at];
        if item.kind == Kind::Word {
            let marker = EXAMPLE_MARKERS.iter().find(|marker| {
                marker
                    .iter()
                    .enumerate()
                    .all(|(k, word)| items.get(at + k).is_some_and(|it| it.is(&[word])))
            });
            if let Some(marker) = marker {
                example = true;
                marker_end = at + marker.len();
            } else if item.is(&["but", "while", "whereas", "although", "though", "however"])
                || between(body, &items[at.saturating_sub(1)], item) == ";"
                // A list of named clubs ends where the prose goes on: "teams including
                // Celtic taking an interest in X".
                || at > marker_end
                    && matches!(items[at - 1].kind, Kind::Club(_))
                    && !item.is(&["and", "or", "the"])
            {
                example = false;
            }
        }
        match item.kind {
            Kind::Person(id) if people[id].role == Role::Player => {
                refs[at] = Ref::Player { id, example };
                if !example {
                    context.mention(id);
                    context.last_player = Some((id, index));
                }
                // "Chelsea's Mason Mount", "Real Madrid captain Sergio Ramos".
                let club_before = match at {
                    0 => None,
                    _ if items[at - 1].possessive => club_of(&items[at - 1]),
                    _ if at >= 2 && names_a_clubs_player(&items[at - 1]) => club_of(&items[at - 2])
                        .filter(|_| !(at >= 3 && items[at - 3].is(&["former", "ex"]))),
                    _ => None,
                };
                if let Some(club) = club_before {
                    context.current.push(ClubLink {
                        person: id,
                        club,
                        sentence: sentence.span.clone(),
                    });
                }
            }
            Kind::Person(_) => refs[at] = Ref::NonPlayer,
            Kind::Club(club) => {
                refs[at] = Ref::Club(club);
                context.clubs.push((club, index));
                // "talks with current club Wolves", "his parent club Chelsea".
                let owned = at >= 2
                    && items[at - 1].is(&["club", "side"])
                    && items[at - 2].is(&["current", "parent", "present"]);
                let player = player_before(&refs, at).or_else(|| context.focus(index));
                if let (true, Some(person)) = (owned, player) {
                    context.current.push(ClubLink {
                        person,
                        club,
                        sentence: sentence.span.clone(),
                    });
                }
            }
            Kind::Word if item.is(&["he", "him", "his", "she", "her"]) => {
                if let Some(id) = context.focus(index) {
                    refs[at] = Ref::Player { id, example: false };
                    context.last_player = Some((id, index));
                }
            }
            Kind::Word
                if item.is(&["but", "while", "whereas", "although", "though"])
                    || at > 0
                        && item.is(&["and", "or"])
                        && between(body, &items[at - 1], item).contains([',', ';']) =>
            {
                refs[at] = Ref::Boundary;
            }
            // "rejected an offer for their star man": the club's player the article is
            // about.
            Kind::Word
                if item.is(&["their"])
                    && let Some((head, reference @ Ref::Player { .. })) =
                        description(gazetteer, body, index, sentence, at, context) =>
            {
                refs[head] = reference;
                at = head + 1;
                continue;
            }
            Kind::Word if item.is(&["they", "them", "their"]) => {
                if let Some(club) = context.recent_club(|_| true) {
                    refs[at] = Ref::Club(club);
                }
            }
            Kind::Word if item.is(&["the", "this"]) => {
                if let Some((head, reference)) =
                    description(gazetteer, body, index, sentence, at, context)
                {
                    refs[head] = reference;
                    at = head + 1;
                    continue;
                }
            }
            _ => {}
        }
        at += 1;
    }
    refs
}

fn club_of(item: &Item) -> Option<usize> {
    match item.kind {
        Kind::Club(club) => Some(club),
        _ => None,
    }
}

/// How many items a description may run to, "the" included: "the now out of contract
/// former Carlisle front man" is nine.
const DESCRIPTION_REACH: usize = 9;

/// A description starting at `items[at]` ("the"): "the 34-year-old veteran centre-back",
/// "the Spaniard", "the former Sevilla defender", "the Serie A side", "the Italian giants",
/// "the club". Returns the index of its last item and what it refers to.
fn description(
    gazetteer: &Gazetteer,
    body: &str,
    index: usize,
    sentence: &Sentence,
    at: usize,
    context: &mut Context,
) -> Option<(usize, Ref)> {
    let items = &sentence.items;
    let mut clubs_inside: Vec<(usize, bool)> = Vec::new();
    let mut group: Option<String> = None;
    let mut former = false;
    for head in at + 1..items.len().min(at + DESCRIPTION_REACH) {
        let item = &items[head];
        if !between(body, &items[head - 1], item).is_empty() {
            return None;
        }
        // A demonym is the head only where the noun phrase ends: "the Spaniard has", "the
        // Egyptian," — not "the Saudi window".
        let phrase_ends = head + 1 == items.len()
            || !between(body, item, &items[head + 1]).is_empty()
            || items[head + 1].kind == Kind::Word
                && FUNCTION_WORDS.contains(items[head + 1].word());
        // "the signing of X", "the star of the show": the noun is not the player himself.
        let followed_by_of = items.get(head + 1).is_some_and(|next| next.is(&["of"]));
        if is_player_noun(item) && !followed_by_of
            || gazetteer.not_a_name(&item.folded) == Some(true) && phrase_ends
        {
            // A player description.
            if is_player_noun(item)
                && head + 1 < items.len()
                && is_player_noun(&items[head + 1])
                && between(body, item, &items[head + 1]).is_empty()
            {
                continue;
            }
            // "the former Arsenal striker Luca Benvenuti": the name that follows is whom
            // it describes, and reads on its own.
            let named_next = items.get(head + 1).is_some_and(|next| {
                matches!(next.kind, Kind::Person(_)) && between(body, item, next).is_empty()
            });
            if named_next {
                return Some((head, Ref::None));
            }
            let id = context.focus(index)?;
            for (club, was_former) in clubs_inside {
                let link = ClubLink {
                    person: id,
                    club,
                    sentence: sentence.span.clone(),
                };
                if was_former {
                    context.former.push(link)
                } else {
                    context.current.push(link)
                }
            }
            context.last_player = Some((id, index));
            return Some((head, Ref::Player { id, example: false }));
        }
        if item.kind == Kind::Word && CLUB_NOUNS.contains(&item.word()) {
            let club = match group.as_deref() {
                Some(group) => {
                    let members = gazetteer.clubs_in_group(group);
                    context.recent_club(|club| members.contains(&club))
                }
                None if clubs_inside.is_empty() => context.recent_club(|_| true),
                None => None,
            }?;
            return Some((head, Ref::Club(club)));
        }
        match item.kind {
            Kind::Club(club) => clubs_inside.push((club, former)),
            Kind::Term => group = Some(item.folded.to_string()),
            Kind::Word if item.is(&["former", "ex"]) => former = true,
            Kind::Word if country_of_demonym(&item.folded).is_some() => {
                group = country_of_demonym(&item.folded).map(str::to_string);
            }
            Kind::Word
                if gazetteer.not_a_name(&item.folded) == Some(true)
                    || REFERENCE_ADJECTIVES.contains(&item.word()) => {}
            _ => return None,
        }
    }
    None
}

/// Matches a trigger phrase at `items[at]`; returns the index after it.
fn match_trigger(trigger: &Trigger, items: &[Item], at: usize) -> Option<usize> {
    let mut i = at;
    for (k, options) in trigger.words.iter().enumerate() {
        if k > 0 {
            while items.get(i).is_some_and(|item| {
                item.kind == Kind::Word
                    && (SKIPPABLE.contains(&item.word()) || is_amount(item))
                    && !options.contains(&item.word())
            }) {
                i += 1;
            }
        }
        let item = items.get(i)?;
        if item.kind != Kind::Word || !options.contains(&item.word()) {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// A fee inside a trigger: "£70m", "40 million euros".
fn is_amount(item: &Item) -> bool {
    item.word().starts_with(|c: char| c.is_ascii_digit()) || item.is(AMOUNT_WORDS)
}

/// The clubs listed together with the club at `at` ("Juventus, Inter Milan and PSG").
fn club_list(body: &str, items: &[Item], refs: &[Ref], at: usize, forward: bool) -> Vec<usize> {
    let mut clubs = Vec::new();
    let mut i = at;
    loop {
        if let Ref::Club(club) = refs[i]
            && !clubs.contains(&club)
        {
            clubs.push(club);
        }
        // Step over one separator: a comma, "and", "or", "&", "as well as".
        let next = |i: usize| {
            if forward {
                i.checked_add(1).filter(|&n| n < items.len())
            } else {
                i.checked_sub(1)
            }
        };
        let Some(mut j) = next(i) else { break };
        let (left, right) = if forward { (i, j) } else { (j, i) };
        let gap = between(body, &items[left], &items[right]);
        let mut joined = matches!(gap, "," | "/" | "&");
        while items[j].is(&[
            "and", "or", "nor", "plus", "as", "well", "both", "either", "even", "the", "also",
        ]) {
            joined = true;
            match next(j) {
                Some(n) => j = n,
                None => return clubs,
            }
        }
        if joined && matches!(refs[j], Ref::Club(_)) {
            i = j;
        } else {
            break;
        }
    }
    clubs
}

/// The nearest player reference before `at` in the sentence (not in a list of examples).
fn player_before(refs: &[Ref], at: usize) -> Option<usize> {
    refs[..at].iter().rev().find_map(|r| match r {
        Ref::Player { id, example: false } => Some(*id),
        _ => None,
    })
}

/// The first player reference after `from`, within `window` items, unless a non-player comes
/// first ("Chelsea want coach X").
fn player_after(refs: &[Ref], from: usize, window: usize) -> Option<usize> {
    for r in refs.iter().skip(from).take(window) {
        match r {
            Ref::Player { id, .. } => return Some(*id),
            Ref::NonPlayer | Ref::Boundary => return None,
            _ => {}
        }
    }
    None
}

fn first_club_after(refs: &[Ref], from: usize, window: usize) -> Option<usize> {
    (from..refs.len().min(from + window)).find(|&i| matches!(refs[i], Ref::Club(_)))
}

fn last_club_before(refs: &[Ref], at: usize, window: usize) -> Option<usize> {
    (at.saturating_sub(window)..at)
        .rev()
        .find(|&i| matches!(refs[i], Ref::Club(_)))
}

/// The clubs that are the subject of a trigger at `items[at]`: the first club of the clause
/// that is not a descriptor ("PSG midfielder X", "Chelsea's X") or the object of a
/// preposition ("agreement with Tottenham"), with the clubs listed with it; else the nearest
/// club before the clause.
fn subject_clubs(body: &str, items: &[Item], refs: &[Ref], at: usize) -> Vec<usize> {
    let start = clause_start(body, items, at);
    // ", with Wigan now leading the race": a "with" that opens a clause makes its club the
    // subject.
    let opens_clause =
        |with: usize| with == 0 || !between(body, &items[with - 1], &items[with]).is_empty();
    let object = |i: usize| {
        i > 0
            && !(items[i - 1].is(&["with"]) && opens_clause(i - 1))
            && (items[i - 1].is(&[
                "with", "from", "at", "to", "of", "for", "against", "over", "by", "than", "former",
                "ex", "beat", "beating", "into", "in",
            ]) || items[i - 1].is(TELLING_VERBS))
    };
    let descriptor = |i: usize| {
        items[i].possessive
            || items.get(i + 1).is_some_and(|next| {
                names_a_clubs_player(next)
                    || matches!(next.kind, Kind::Person(_))
                    || next.is(&["contract", "deal", "president"])
                    // "Chelsea trio linked with Barcelona": the club's players.
                    || next.is(GROUP_NOUNS)
            })
    };
    let is_subject = |i: usize| matches!(refs[i], Ref::Club(_)) && !object(i) && !descriptor(i);
    // "Swansea manager X has refused to rule out a move for him": the manager speaks for
    // his club in his own clause, not in a quote after it.
    let manages = |i: usize| items.get(i + 1).is_some_and(|next| next.is(MANAGER_NOUNS));
    match (start..at).rev().find(|&i| is_subject(i)) {
        Some(nearest) => club_list(body, items, refs, nearest, false),
        None => last_club_before(refs, at, 12)
            .filter(|&last| is_subject(last) && !manages(last))
            .map(|last| club_list(body, items, refs, last, false))
            .unwrap_or_default(),
    }
}

/// Where the clause holding `items[at]` starts: after the last ";" or ":", or after a word
/// that opens a new clause ("that", "but", "says").
fn clause_start(body: &str, items: &[Item], at: usize) -> usize {
    (1..at)
        .rev()
        .find(|&i| {
            matches!(
                between(body, &items[i - 1], &items[i]),
                ";" | ":" | "-" | "\u{2013}" | "\u{2014}"
            ) || items[i - 1].is(&[
                "that",
                "but",
                "while",
                "whereas",
                "although",
                "though",
                "says",
                "said",
                "because",
                "after",
                "claims",
                "reports",
                "believes",
                "understands",
                "meanwhile",
                "however",
            ])
        })
        .unwrap_or(0)
}

/// How far before a trigger a negation may stand: "turned down the chance to sign".
const NEGATION_REACH: usize = 5;

fn negated(items: &[Item], at: usize) -> bool {
    let negation = |item: &Item| {
        item.kind == Kind::Word
            && (NEGATIONS.contains(&item.word()) || item.folded.ends_with("n't"))
    };
    // "has refused to rule out a move", "have not ruled out": a denial denied.
    let cancelled = |j: usize| {
        items[j].is(RULING_OUT)
            && items[j.saturating_sub(2)..j]
                .iter()
                .any(|item| negation(item) || item.is(REFUSALS))
    };
    (at.saturating_sub(NEGATION_REACH)..at).any(|j| negation(&items[j]) && !cancelled(j))
}

fn hypothetical(items: &[Item], at: usize) -> bool {
    items[at.saturating_sub(3)..at].iter().any(|item| {
        item.is(&[
            "could", "would", "might", "may", "will", "to", "set", "ready", "should", "can",
        ])
    })
}

/// How far after "contract at|with" its club may stand: "deal with the Eagles".
const BELONGS_REACH: usize = 3;

/// How far after "leave" its club may stand: "leave the Serie A champions Napoli".
const LEAVES_REACH: usize = 4;

/// How far before "deal with" the signing verb may stand: "putting pen to paper on a
/// season-long deal with".
const SIGNING_REACH: usize = 7;

/// Whether a "deal with" at `items[at]` is one being signed with a new club ("sign a deal
/// with Palace", "a loan contract with Palace"), not the player's current deal; a new or
/// extended deal stays his club's.
fn signs_with(items: &[Item], at: usize) -> bool {
    let before = &items[at.saturating_sub(SIGNING_REACH)..at];
    let loan_deal = items[at].is(&["contract", "deal"])
        && at.checked_sub(1).is_some_and(|i| items[i].is(&["loan"]));
    // The verb must govern this deal: "signing X, whose contract with Y" is X's own deal.
    let signing = before
        .iter()
        .rev()
        .take_while(|item| !matches!(item.kind, Kind::Person(_)) && !item.is(&["whose"]))
        .any(|item| item.is(&["sign", "signs", "signing", "pen", "pens", "penning"]));
    (loan_deal || signing)
        && !before
            .iter()
            .any(|item| item.is(&["new", "fresh", "extended", "improved", "renewed"]))
}

/// How many sentences back a club-first sentence without a player ("Villa are monitoring
/// the situation") looks for him: only the one before; two back, round-ups already give the
/// next player's suitors to the previous one.
const PREVIOUS_PLAYER_REACH: usize = 1;

/// How far before "from" a word of rivalry may stand: "face competition to sign the
/// Barcelona defender from Atletico".
const RIVALRY_REACH: usize = 8;

/// "face competition to sign X from Atletico and Inter", "rivals for X from Lyon": the clubs
/// after "from" at `items[at]` want the player named between them and the rivalry word.
fn competition_from(
    body: &str,
    items: &[Item],
    refs: &[Ref],
    at: usize,
) -> Option<(usize, Vec<usize>)> {
    if !items[at].is(&["from"]) || !matches!(refs.get(at + 1), Some(Ref::Club(_))) {
        return None;
    }
    let start = clause_start(body, items, at).max(at.saturating_sub(RIVALRY_REACH));
    let rivalry = (start..at).find(|&i| {
        items[i].is(&[
            "competition",
            "rivals",
            "rivalry",
            "opposition",
            "fight",
            "battle",
        ])
    })?;
    let player = refs[rivalry..at].iter().find_map(|r| match r {
        Ref::Player { id, example: false } => Some(*id),
        _ => None,
    })?;
    Some((player, club_list(body, items, refs, at + 1, true)))
}

/// How far after a player-first trigger his destination may stand: "linked with a summer
/// move to Serie A champions Napoli".
const CLUB_AFTER_TRIGGER_REACH: usize = 10;

/// How far after a club-first trigger its player may stand: "keen on bringing the Juventus
/// and Italy midfielder Marco Rossi".
const PLAYER_AFTER_TRIGGER_REACH: usize = 12;

/// How far after the bidder the player of a bid may stand: "a bid from Arsenal for the
/// England midfielder X".
const PLAYER_AFTER_BIDDER_REACH: usize = 8;

/// How far before a list word its owner's possessive may stand: "Chelsea's top summer
/// target".
const LIST_OWNER_REACH: usize = 3;

/// How far after a club's list word its player may stand: "on Chelsea's radar is Spain
/// winger X".
const PLAYER_AFTER_LIST_REACH: usize = 6;

/// How far after "Juventus-linked" its player may stand: "Juventus-linked Spain winger X".
const CLUB_ADJECTIVE_REACH: usize = 4;

/// How far after a completed move its club may stand: "completed his move to the Serie A
/// club Napoli".
const COMPLETED_CLUB_REACH: usize = 6;

/// How far after "completed the signing of" its player may stand: "the signing of Swansea
/// winger X".
const SIGNED_PLAYER_REACH: usize = 8;

/// "former Sevilla defender X": the club right after "former", the player within five.
const FORMER_CLUB_REACH: usize = 2;
const FORMER_PLAYER_REACH: usize = 5;

/// How far after a trigger a new contract makes it a renewal: "in talks with Celtic over a
/// new and improved contract".
const RENEWAL_REACH: usize = 8;

/// How far after "as" a job may stand: "as their new first-team manager".
const STAFF_ROLE_REACH: usize = 4;

/// One sentence as the rules read it: its items, what they refer to, and who says so.
struct Clause<'s, 'a> {
    body: &'s str,
    items: &'s [Item<'a>],
    refs: &'s [Ref],
    span: &'s Range<usize>,
    /// The player of the previous sentence, for "Villa are monitoring the situation".
    previous_player: Option<usize>,
    cited: &'s [(Range<usize>, String)],
    article_sources: &'s [String],
    /// Only a rumour needs them: worked out on the first one.
    sources: OnceCell<Vec<String>>,
}

impl Clause<'_, '_> {
    /// Who says so: the outlets this sentence cites, else its paragraph's, else the
    /// article's.
    fn sources(&self) -> &Vec<String> {
        self.sources.get_or_init(|| {
            let cited_in = |range: Range<usize>| {
                let mut names: Vec<String> = Vec::new();
                for (at, name) in self.cited {
                    if range.start <= at.start && at.end <= range.end && !names.contains(name) {
                        names.push(name.clone());
                    }
                }
                names
            };
            let paragraph = paragraph_around(self.body, self.span);
            [cited_in(self.span.clone()), cited_in(paragraph)]
                .into_iter()
                .find(|names| !names.is_empty())
                .unwrap_or_else(|| self.article_sources.to_vec())
        })
    }

    fn link(&self, person: usize, club: usize) -> ClubLink {
        ClubLink {
            person,
            club,
            sentence: self.span.clone(),
        }
    }

    fn rumour(&self, person: usize, club: usize) -> RumourFact {
        self.step(
            person,
            club,
            stage::classify(self.body, self.items, club, None),
        )
    }

    /// Records that this sentence links `person` with `club`: a rumour, unless all it says
    /// is that the move is off ("after a move to Torino collapsed last year"), which is
    /// only a step of a rumour some other sentence makes.
    fn suggest(&self, person: usize, club: usize, context: &mut Context) {
        let fact = self.rumour(person, club);
        if fact.stage == Stage::Off {
            context.steps.push(fact);
        } else {
            context.rumours.push(fact);
        }
    }

    /// A move the rules read as completed is done, unless its sentence says it got only as
    /// far as a pre-contract or a medical.
    fn completed_stage(&self, club: usize) -> Stage {
        match stage::classify(self.body, self.items, club, None) {
            stage @ (Stage::Agreed | Stage::Medical) => stage,
            _ => Stage::Done,
        }
    }

    /// A move the rules read as completed: done, the club is his now; only agreed ("has
    /// signed a pre-contract with Lyon") or at a medical, it is a rumour until done.
    fn moved(&self, person: usize, club: usize, context: &mut Context) {
        match self.completed_stage(club) {
            Stage::Done => {
                context.current.push(self.link(person, club));
                context.steps.push(self.step(person, club, Stage::Done));
            }
            stage => context.rumours.push(self.step(person, club, stage)),
        }
    }

    fn step(&self, person: usize, club: usize, stage: Stage) -> RumourFact {
        RumourFact {
            person,
            club,
            sentence: self.span.clone(),
            sources: self.sources().clone(),
            stage,
        }
    }

    /// Talks "over a new contract" (after the trigger at `from`) are with the player's own
    /// club.
    fn renews_after(&self, from: usize) -> bool {
        let after = &self.items[from..self.items.len().min(from + RENEWAL_REACH)];
        after.windows(2).any(|pair| {
            pair[0].is(&["new", "improved", "fresh", "extended"])
                && pair[1].is(&["contract", "contracts", "deal", "deals", "terms"])
        }) || after.iter().any(|item| {
            item.is(&[
                "renewal",
                "extension",
                "renew",
                "renewing",
                "extend",
                "extending",
            ])
        })
    }

    /// The clubs that want `player` after the trigger at `at`, unless the sentence is about
    /// renewing, which makes them his own.
    fn wanted(&self, at: usize, player: Option<usize>, clubs: &[usize], context: &mut Context) {
        let Some(person) = player else { return };
        if self.hired_as_staff(person) {
            return;
        }
        if let Some(seller) = self
            .sold_by(at, person)
            .filter(|club| !clubs.contains(club))
        {
            context.current.push(self.link(person, seller));
        }
        let renewal = self.renews_after(at);
        for &club in clubs {
            if renewal {
                context.current.push(self.link(person, club));
            } else {
                self.suggest(person, club, context);
            }
        }
    }

    fn player_before(&self, at: usize) -> Option<usize> {
        player_before(self.refs, at)
    }

    /// "keen to have X as their next manager": wanted for a job, not as a player.
    fn hired_as_staff(&self, person: usize) -> bool {
        let items = self.items;
        (0..items.len()).any(|i| {
            matches!(self.refs[i], Ref::Player { id, .. } if id == person)
                && items.get(i + 1).is_some_and(|next| next.is(&["as"]))
                && items[i + 2..items.len().min(i + 2 + STAFF_ROLE_REACH)]
                    .iter()
                    .any(|item| {
                        item.kind == Kind::Word
                            && ROLE_NOUNS
                                .get(item.word())
                                .is_some_and(|role| *role != Role::Player)
                    })
        })
    }

    /// The club `person` would be bought from, named after him past the trigger at `at`:
    /// "offered to buy Neymar from PSG", "want to sign X from Porto".
    fn sold_by(&self, at: usize, person: usize) -> Option<usize> {
        let named = (at..self.refs.len())
            .find(|&i| matches!(self.refs[i], Ref::Player { id, .. } if id == person))?;
        // "face competition to sign X from Atletico": rivals, not the seller.
        if !self.items.get(named + 1)?.is(&["from"])
            || competition_from(self.body, self.items, self.refs, named + 1).is_some()
        {
            return None;
        }
        match self.refs.get(named + 2)? {
            Ref::Club(club) => Some(*club),
            _ => None,
        }
    }

    /// Whether the object of a trigger ending at `end` is a club itself ("keeping an eye on
    /// Partick Thistle"), not a club describing a player ("keen on the Wrexham-born
    /// forward", "keen on Celtic's X").
    fn club_object(&self, end: usize) -> bool {
        let items = self.items;
        let at = if items.get(end).is_some_and(|item| item.is(&["the"])) {
            end + 1
        } else {
            end
        };
        let describes_a_player = |club: &Item| {
            club.possessive
                || items.get(at + 1).is_some_and(|next| {
                    matches!(
                        self.body.get(club.span.end..next.span.start),
                        Some("" | "-")
                    ) || is_player_noun(next)
                        || matches!(next.kind, Kind::Person(_))
                })
        };
        matches!(self.refs.get(at), Some(Ref::Club(_))) && !describes_a_player(&items[at])
    }

    fn player_after(&self, from: usize, window: usize) -> Option<usize> {
        player_after(self.refs, from, window)
    }

    /// The first player after `from`, when he is named (not a pronoun or a description).
    fn named_player_id_after(&self, from: usize, window: usize) -> Option<usize> {
        match self.refs[self.named_player_after(from, window)?] {
            Ref::Player { id, .. } => Some(id),
            _ => None,
        }
    }

    /// Where the first player after `from` is named, when he is named (not a pronoun).
    fn named_player_after(&self, from: usize, window: usize) -> Option<usize> {
        let id = self.player_after(from, window)?;
        (from..self.refs.len().min(from + window)).find(|&i| {
            matches!(self.refs[i], Ref::Player { id: named, .. } if named == id)
                && matches!(self.items[i].kind, Kind::Person(_))
        })
    }

    fn subject_clubs(&self, at: usize) -> Vec<usize> {
        subject_clubs(self.body, self.items, self.refs, at)
    }

    fn club_list(&self, at: usize) -> Vec<usize> {
        club_list(self.body, self.items, self.refs, at, true)
    }

    /// The single club within `window` items after `from`.
    fn club_after(&self, from: usize, window: usize) -> Option<usize> {
        match self.refs[first_club_after(self.refs, from, window)?] {
            Ref::Club(club) => Some(club),
            _ => None,
        }
    }
}

/// Reads current and former clubs, rumours and contracts from every sentence.
pub(super) fn link(
    gazetteer: &Gazetteer,
    body: &str,
    date: Option<NaiveDate>,
    sentences: &[Sentence],
    cited: &[(Range<usize>, String)],
    article_sources: &[String],
    out: &mut Extraction,
) {
    let mut context = Context {
        main_player: main_player(sentences, &out.people),
        ..Context::default()
    };
    for (index, sentence) in sentences.iter().enumerate() {
        let previous_player = context
            .last_player
            .filter(|(_, at)| at + PREVIOUS_PLAYER_REACH >= index)
            .map(|(id, _)| id);
        let refs = resolve_refs(gazetteer, body, index, sentence, &out.people, &mut context);
        let clause = Clause {
            body,
            items: &sentence.items,
            refs: &refs,
            span: &sentence.span,
            previous_player,
            cited,
            article_sources,
            sources: OnceCell::new(),
        };
        read_rules(&clause, &mut context);
        context.note_lists(body, index, &sentence.items, &refs);
        contracts_in(body, date, sentence, &refs, index, &mut context, out);
    }
    finish(context, out);
}

/// Runs every rule over one sentence: the triggers, longest first, and the phrasings that
/// have no trigger word.
fn read_rules(clause: &Clause, context: &mut Context) {
    let items = clause.items;
    let mut at = 0;
    while at < items.len() {
        player_to_club(clause, at, context);
        card_field(clause, at, context);
        told_to_match(clause, at, context);
        ahead_of_rivals(clause, at, context);
        club_move(clause, at, context);
        if let Some((player, clubs)) = competition_from(clause.body, items, clause.refs, at) {
            clause.wanted(at, Some(player), &clubs, context);
        }
        let Some((end, direction)) = COMPILED.at(items, at) else {
            at += 1;
            continue;
        };
        let denied = || negated(items, at);
        let done = || !hypothetical(items, at);
        if !denied() {
            inverted(clause, at, end, direction, context);
        }
        match direction {
            Direction::PlayerFirst if !denied() => player_first(clause, at, end, context),
            Direction::ClubFirst if !denied() => club_first(clause, at, end, context),
            Direction::OnClubList if !denied() => on_club_list(clause, at, end, context),
            Direction::ClubAdjective if !denied() => club_adjective(clause, at, end, context),
            Direction::Completed if done() && !denied() => completed(clause, at, end, context),
            Direction::Signed if done() && !denied() => signed(clause, at, end, context),
            Direction::Sells => sells(clause, at, end, context),
            Direction::Belongs if signs_with(items, at) => deal_signed(clause, at, end, context),
            Direction::Belongs => belongs(clause, at, end, BELONGS_REACH, context),
            Direction::Leaves => belongs(clause, at, end, LEAVES_REACH, context),
            Direction::Former => former(clause, end, context),
            _ => {}
        }
        at = end;
    }
    stage_news(clause, context);
}

/// How near its club a stage phrase must stand to link a player by itself: "offer Ramos a
/// better contract than Madrid" says nothing of Madrid.
const STAGE_NEWS_REACH: usize = 5;

/// "Talks between Chelsea and X have collapsed", "Chelsea's bid for X was rejected": a
/// sentence about one player whose phrases say how far a move to a club has got is a
/// rumour even when no trigger links the two.
fn stage_news(clause: &Clause, context: &mut Context) {
    // Only players the sentence names: a pronoun may stand for anybody.
    let mut players = clause
        .items
        .iter()
        .zip(clause.refs)
        .filter_map(|(item, r)| match r {
            Ref::Player { id, example: false } if matches!(item.kind, Kind::Person(_)) => Some(*id),
            _ => None,
        });
    let Some(player) = players.next() else { return };
    if players.any(|other| other != player) {
        return;
    }
    let mut clubs: Vec<usize> = Vec::new();
    for r in clause.refs {
        if let Ref::Club(club) = *r
            && !clubs.contains(&club)
        {
            clubs.push(club);
        }
    }
    // "Arsenal are in talks with Sporting CP over X": with two clubs, the one talked with
    // or bought from is the player's own.
    let several = clubs.len() > 1;
    for club in clubs {
        let counterpart = (0..clause.items.len()).any(|i| {
            clause.items[i].kind == Kind::Club(club) && stage::is_counterpart(clause.items, i)
        });
        if several && counterpart {
            continue;
        }
        let known = context.rumours.iter().any(|rumour| {
            rumour.person == player && rumour.club == club && rumour.sentence == *clause.span
        });
        if known {
            continue;
        }
        match stage::classify(clause.body, clause.items, club, Some(STAGE_NEWS_REACH)) {
            Stage::Linked | Stage::Interest => {}
            // An ending alone is no rumour: "Barcelona have ruled out a move for X".
            stage @ (Stage::Off | Stage::Denied) => {
                context.steps.push(clause.step(player, club, stage));
            }
            // A move done is no rumour either ("completed the sale of X to Everton"), only
            // a step of one.
            Stage::Done => context.steps.push(clause.step(player, club, Stage::Done)),
            _ => context.rumours.push(clause.rumour(player, club)),
        }
    }
}

/// "Viktor Gyökeres to Arsenal, here we go!": a player named, "to", a club, as a headline
/// or an item opens, or offered ("has offered X to Everton"); inside other sentences
/// ("could follow X to Lille") the player is another's object.
fn player_to_club(clause: &Clause, at: usize, context: &mut Context) {
    let (items, refs) = (clause.items, clause.refs);
    let opens = |player: usize| {
        player == 0
            || !between(clause.body, &items[player - 1], &items[player]).is_empty()
            || items[player - 1].is(OFFERING_VERBS)
    };
    if items[at].is(&["to"])
        && at > 0
        && matches!(items[at - 1].kind, Kind::Person(_))
        && opens(at - 1)
        && let Ref::Player { id, example: false } = refs[at - 1]
        // A club named, not a pronoun: "adding X to their squad" is no headline.
        && items
            .get(at + 1)
            .is_some_and(|item| matches!(item.kind, Kind::Club(_)))
    {
        for club in clause.club_list(at + 1) {
            clause.suggest(id, club, context);
        }
    }
}

/// "X open to Arsenal move", "Y keen on Juventus switch": a club naming a move, after
/// the player of its clause.
fn club_move(clause: &Clause, at: usize, context: &mut Context) {
    let items = clause.items;
    let Kind::Club(club) = items[at].kind else {
        return;
    };
    if items[at].possessive || !items.get(at + 1).is_some_and(|next| next.is(MOVE_NOUNS)) {
        return;
    }
    // In the same phrase: "Arsenal close in on X, Chelsea bid for Y" is two.
    let start = clause_start(clause.body, items, at);
    let unbroken = |from: usize| {
        (from + 1..=at).all(|k| !between(clause.body, &items[k - 1], &items[k]).contains(','))
    };
    let player = nearest_player_before(clause.refs, at).filter(|&i| i >= start && unbroken(i));
    if let Some(Ref::Player { id, .. }) = player.map(|i| clause.refs[i])
        && !negated(items, at)
    {
        clause.suggest(id, club, context);
    }
}

/// How far after the first rival the race they are in may be named: "ahead of Derby,
/// Birmingham and QPR in the race for X".
const RACE_AFTER_RIVALS_REACH: usize = 10;

/// "Sunderland are ahead of the likes of Birmingham and QPR in the race for X", "Inter
/// have the advantage over Milan": the leaders and the rivals all want the player, named
/// after the race, else before, else in the sentence before.
fn ahead_of_rivals(clause: &Clause, at: usize, context: &mut Context) {
    let items = clause.items;
    let word = |i: usize, words: &[&str]| items.get(i).is_some_and(|item| item.is(words));
    let ahead = word(at, &["ahead"]) && word(at + 1, &["of"])
        || word(at, &["advantage", "edge"]) && word(at + 1, &["over"]);
    if !ahead {
        return;
    }
    let mut first = at + 2;
    if word(first, &["the"]) && word(first + 1, &["likes"]) && word(first + 2, &["of"]) {
        first += 3;
    }
    // Clubs named: "work ahead of them" races nobody.
    if !items
        .get(first)
        .is_some_and(|item| matches!(item.kind, Kind::Club(_)))
    {
        return;
    }
    let rivals = clause.club_list(first);
    let race = (first + 1..items.len().min(first + RACE_AFTER_RIVALS_REACH))
        .find(|&i| items[i].is(&["for"]));
    let nobody_named = !clause.refs.iter().any(|r| matches!(r, Ref::Player { .. }));
    let player = match race {
        Some(race) => clause.player_after(race + 1, PLAYER_AFTER_TRIGGER_REACH),
        None => clause
            .player_before(at)
            .or(clause.previous_player.filter(|_| nobody_named)),
    };
    let mut clubs = clause.subject_clubs(at);
    for rival in rivals {
        if !clubs.contains(&rival) {
            clubs.push(rival);
        }
    }
    clause.wanted(at, player, &clubs, context);
}

/// How far after a club-first trigger without a club its examples may start: "have
/// expressed interest, including PSG".
const EXAMPLE_CLUB_REACH: usize = 3;

/// How far after "told" the paying verb may stand: "told Fulham, Everton and Leeds to
/// match".
const TOLD_TO_PAY_REACH: usize = 8;

/// How far after "told Fulham to match" the player may stand: "told Fulham to match
/// Leeds' £20m asking price for the Wales midfielder X".
const PLAYER_AFTER_ASKING_PRICE_REACH: usize = 10;

/// "Leeds have told Fulham to match their asking price for X": the club told to pay wants
/// him; the club that tells is his.
fn told_to_match(clause: &Clause, at: usize, context: &mut Context) {
    let items = clause.items;
    let told = items[at].is(TELLING_VERBS) && matches!(clause.refs.get(at + 1), Some(Ref::Club(_)));
    if !told {
        return;
    }
    let buyers = clause.club_list(at + 1);
    let Some(pay) = (at + 2..items.len().min(at + TOLD_TO_PAY_REACH))
        .find(|&i| items[i].is(PAYING_VERBS))
        .filter(|&i| items[i - 1].is(&["to"]))
    else {
        return;
    };
    let Some(person) = clause.player_after(pay + 1, PLAYER_AFTER_ASKING_PRICE_REACH) else {
        return;
    };
    for seller in clause.subject_clubs(at) {
        if !buyers.contains(&seller) {
            context.current.push(clause.link(person, seller));
        }
    }
    clause.wanted(at, Some(person), &buyers, context);
}

/// "Last club: Juventus", "Rumored destinations: Arsenal, Inter Milan": the fields of a
/// player card name his club and his suitors; the card is about the player last named.
fn card_field(clause: &Clause, at: usize, context: &mut Context) {
    let items = clause.items;
    let labelled = |labels: &[&str]| {
        items[at].is(labels)
            && items
                .get(at + 1)
                .is_some_and(|next| between(clause.body, &items[at], next) == ":")
            && matches!(clause.refs.get(at + 1), Some(Ref::Club(_)))
    };
    let Some((player, _)) = context.last_player else {
        return;
    };
    if labelled(DESTINATION_LABELS) {
        for club in clause.club_list(at + 1) {
            clause.suggest(player, club, context);
        }
    } else if labelled(&["club"]) && club_of(&items[at + 1]).is_some() {
        for club in clause.club_list(at + 1).into_iter().take(1) {
            context.current.push(clause.link(player, club));
        }
    }
}

/// "Ramos has been linked with Juventus", "A and B could join Barcelona": the players
/// before, the clubs after. Also "West Ham have rejected a bid from Arsenal for Declan
/// Rice" (the player follows the bidder) and "Chelsea have been linked with X" (the clubs
/// came first after all).
fn player_first(clause: &Clause, at: usize, end: usize, context: &mut Context) {
    let (body, items, refs) = (clause.body, clause.items, clause.refs);
    let first = first_club_after(refs, end, CLUB_AFTER_TRIGGER_REACH);
    if let (Some(nearest), Some(first)) = (nearest_player_before(refs, at), first) {
        // Every player of the list, when the list is the subject of this clause.
        let players = if nearest >= clause_start(body, items, at) {
            listed_players(body, items, refs, nearest)
        } else {
            clause.player_before(at).into_iter().collect()
        };
        let clubs = clause.club_list(first);
        for person in players {
            clause.wanted(at, Some(person), &clubs, context);
        }
    } else if let (Some(first), true) = (
        first,
        items[at].is(BID_WORDS)
            // "A fee has been agreed by Arsenal for X": the agent right after "by".
            || items[end - 1].is(&["by"])
                && first.is_some_and(|first| first <= end + usize::from(items[end].is(&["the"]))),
    ) {
        // The club that got the bid is the player's. "The latest approach comes from
        // Napoli": with nobody named in the sentence, the player of the one before.
        let bidders = clause.club_list(first);
        let nobody_named = !refs.iter().any(|r| matches!(r, Ref::Player { .. }));
        if let Some(person) = clause
            .player_after(first + 1, PLAYER_AFTER_BIDDER_REACH)
            .or(clause.previous_player.filter(|_| nobody_named))
        {
            for club in clause.subject_clubs(at) {
                if !bidders.contains(&club) {
                    context.current.push(clause.link(person, club));
                }
            }
            clause.wanted(at, Some(person), &bidders, context);
        }
    } else if items[at].is(&[
        "linked",
        "links",
        "talks",
        "negotiations",
        "discussions",
        "agreement",
        "terms",
        "agreed",
        "agree",
    ]) {
        // "Liverpool are in talks with Juventus over a loan for Arthur": Juventus are the
        // club he would leave.
        let clubs = clause.subject_clubs(at);
        let player = clause.player_after(end, PLAYER_AFTER_TRIGGER_REACH);
        if let (Some(person), Some(Ref::Club(counterpart))) = (player, clause.refs.get(end))
            && items[end - 1].is(&["with"])
            && !clubs.is_empty()
            && !clubs.contains(counterpart)
        {
            context.current.push(clause.link(person, *counterpart));
        }
        clause.wanted(at, player, &clubs, context);
    }
}

/// How far after a sentence-opening trigger its "is"/"are" may stand: "Interested in the
/// Turkish midfielder X are", "Pursued by both Lyon and Marseille is".
const INVERTED_VERB_REACH: usize = 8;

/// "Interested in the Turkish midfielder X are Juventus and Leverkusen", "Pursued by both
/// Lyon and Marseille is Monaco's X": a trigger opening the sentence, the other side after
/// "is"/"are".
fn inverted(clause: &Clause, at: usize, end: usize, direction: Direction, context: &mut Context) {
    let items = clause.items;
    if at != 0 {
        return;
    }
    let Some(verb) =
        (end..items.len().min(end + INVERTED_VERB_REACH)).find(|&i| items[i].is(&["is", "are"]))
    else {
        return;
    };
    let club_in = |range: std::ops::Range<usize>| {
        range
            .into_iter()
            .find(|&i| matches!(clause.refs[i], Ref::Club(_)))
    };
    match direction {
        // Named players only: a description there may stand for a name not recognised.
        Direction::ClubFirst => {
            let player = clause.named_player_id_after(end, verb - end);
            if let Some(first) = club_in(verb + 1..items.len().min(verb + 3)) {
                clause.wanted(at, player, &clause.club_list(first), context);
            }
        }
        Direction::PlayerFirst => {
            let player = clause.named_player_id_after(verb + 1, CLUB_ADJECTIVE_REACH);
            if let Some(first) = club_in(end..verb) {
                clause.wanted(at, player, &clause.club_list(first), context);
            }
        }
        _ => {}
    }
}

/// "Juventus are keen on Ramos": the clubs before, the player after. "Southampton and Wolves
/// are both keen", "Villa are monitoring the situation": the player of this sentence or the
/// one before, unless somebody else follows.
fn club_first(clause: &Clause, at: usize, end: usize, context: &mut Context) {
    // "Chelsea want £50m for X", "Dortmund will ask for €150m": a price asked, by his club.
    if clause.items[at].is(PRICE_VERBS) && clause.items.get(end).is_some_and(is_amount) {
        return sells(clause, at, end, context);
    }
    let mut clubs = clause.subject_clubs(at);
    // "clubs have expressed interest, including Paris Saint-Germain": the examples.
    if clubs.is_empty()
        && let Some(example) = (end..clause.items.len().min(end + EXAMPLE_CLUB_REACH))
            .find(|&i| clause.items[i].is(&["including"]))
            .filter(|&i| matches!(clause.refs.get(i + 1), Some(Ref::Club(_))))
    {
        clubs = clause.club_list(example + 1);
    }
    // "Chelsea want coach X" wants no player; a journalist in the next clause ("..., and
    // Bild's Christian Falk says") does not change who this one is about.
    let staff_after = clause.refs[end..]
        .iter()
        .take_while(|r| !matches!(r, Ref::Boundary))
        .any(|r| matches!(r, Ref::NonPlayer));
    let nobody_after = !clause.club_object(end) && !staff_after;
    // "tries to convince Pulisic, Kamada and Reijnders": every player of the list.
    if let Some(first) = clause.named_player_after(end, PLAYER_AFTER_TRIGGER_REACH) {
        for person in listed_players(clause.body, clause.items, clause.refs, first) {
            clause.wanted(at, Some(person), &clubs, context);
        }
        return;
    }
    let player = clause
        .player_after(end, PLAYER_AFTER_TRIGGER_REACH)
        .or_else(|| clause.player_before(at).filter(|_| !staff_after))
        .or_else(|| clause.previous_player.filter(|_| nobody_after));
    clause.wanted(at, player, &clubs, context);
}

/// "X is on Chelsea's radar", "Arsenal's top target X", "Spurs' hopes of signing X": the
/// club possessive just before; without one, "Napoli target X" and "Arsenal have made X
/// their top target" read club-first.
fn on_club_list(clause: &Clause, at: usize, end: usize, context: &mut Context) {
    let items = clause.items;
    let owner = (at.saturating_sub(LIST_OWNER_REACH)..at)
        .rev()
        .take_while(|&i| i + 1 == at || items[i + 1].is(LIST_ADJECTIVES))
        .find(|&i| items[i].possessive)
        .and_then(|i| club_of(&items[i]));
    match owner {
        Some(club) => {
            let player = clause
                .player_before(at)
                .or_else(|| clause.player_after(end, PLAYER_AFTER_LIST_REACH));
            clause.wanted(at, player, &[club], context);
        }
        None => {
            let player = clause
                .player_after(end, PLAYER_AFTER_TRIGGER_REACH)
                .or_else(|| clause.player_before(at));
            clause.wanted(at, player, &clause.subject_clubs(at), context);
        }
    }
}

/// "Juventus-linked Ramos", "Manchester United Linked Dayot Upamecano": the club just
/// before, the player after.
fn club_adjective(clause: &Clause, at: usize, end: usize, context: &mut Context) {
    if let Some(Ref::Club(club)) = at.checked_sub(1).map(|i| clause.refs[i]) {
        let player = clause.player_after(end, CLUB_ADJECTIVE_REACH);
        clause.wanted(at, player, &[club], context);
    }
}

/// "Ayew has secured a move to West Ham": a move that happened, so the club is his now.
fn completed(clause: &Clause, at: usize, end: usize, context: &mut Context) {
    if let (Some(person), Some(first)) = (
        clause.player_before(at),
        first_club_after(clause.refs, end, COMPLETED_CLUB_REACH),
    ) {
        for club in clause.club_list(first) {
            clause.moved(person, club, context);
        }
    }
}

/// "Swansea have completed the signing of X", "Boro announced the arrival of X": the club
/// is the player's now.
fn signed(clause: &Clause, at: usize, end: usize, context: &mut Context) {
    if let Some(person) = clause.player_after(end, SIGNED_PLAYER_REACH) {
        for club in clause.subject_clubs(at) {
            clause.moved(person, club, context);
        }
    }
}

/// "Dortmund will demand €150m for Bellingham", "Napoli refuse to sell X": the club that
/// sells is the player's. "completed the sale of X to Everton": the buyer is his club
/// now; "are open to selling X to Arsenal": the buyer wants him.
fn sells(clause: &Clause, at: usize, end: usize, context: &mut Context) {
    let Some(person) = clause.player_after(end, PLAYER_AFTER_TRIGGER_REACH) else {
        return;
    };
    // "told Fulham to match their asking price": the club that would pay is no seller.
    let paid_by_subject = clause.items[at.saturating_sub(PAYING_REACH)..at]
        .iter()
        .any(|item| item.is(PAYING_VERBS));
    if !paid_by_subject {
        for club in clause.subject_clubs(at) {
            context.current.push(clause.link(person, club));
        }
    }
    let buyers = (end..clause.items.len().min(end + PLAYER_AFTER_TRIGGER_REACH))
        .find(|&i| matches!(clause.items[i].kind, Kind::Person(_)))
        .filter(|&player| {
            clause
                .items
                .get(player + 1)
                .is_some_and(|to| to.is(&["to"]))
        })
        .filter(|&player| matches!(clause.refs.get(player + 2), Some(Ref::Club(_))))
        .map(|player| clause.club_list(player + 2))
        .unwrap_or_default();
    // "sold X to", "completed the sale of X to": the sale happened; "the sale of X to
    // United would fund" is a rumour.
    let done = !hypothetical(clause.items, at)
        && (clause.items[at].is(&["sold"])
            || clause.items[at.saturating_sub(SALE_VERB_REACH)..at]
                .iter()
                .any(|item| item.is(COMPLETION_VERBS)));
    for club in buyers {
        if done {
            context.current.push(clause.link(person, club));
            context
                .steps
                .push(clause.step(person, club, clause.completed_stage(club)));
        } else {
            clause.suggest(person, club, context);
        }
    }
}

/// How far before an asking price the verb of paying it may stand: "to match Leeds' £20m
/// asking price".
const PAYING_REACH: usize = 4;

/// How far before "sale" its verb may stand: "have completed the club-record sale".
const SALE_VERB_REACH: usize = 4;

/// "expected to sign a loan deal with the Eagles": a deal being signed is with his
/// destination.
fn deal_signed(clause: &Clause, at: usize, end: usize, context: &mut Context) {
    if let Some(club) = clause.club_after(end, BELONGS_REACH) {
        clause.wanted(at, clause.player_before(at), &[club], context);
    }
}

/// "his contract at Real Madrid", "could leave Napoli": the player's own club, within
/// `reach` items.
fn belongs(clause: &Clause, at: usize, end: usize, reach: usize, context: &mut Context) {
    if let (Some(person), Some(club)) =
        (clause.player_before(at), own_club_after(clause, end, reach))
    {
        context.current.push(clause.link(person, club));
    }
}

/// The club within `reach` items after `end` in the same phrase: "is leaving, with Wigan
/// leading the race" names his suitor, not his club.
fn own_club_after(clause: &Clause, end: usize, reach: usize) -> Option<usize> {
    let items = clause.items;
    for i in end..items.len().min(end + reach) {
        let phrase_goes_on = i == 0 || between(clause.body, &items[i - 1], &items[i]).is_empty();
        if !phrase_goes_on || items[i].is(OTHER_CLUB_PREPOSITIONS) {
            return None;
        }
        if let Ref::Club(club) = clause.refs[i] {
            return Some(club);
        }
    }
    None
}

/// "former Sevilla defender X", "ex-Chelsea": a club the player has left.
fn former(clause: &Clause, end: usize, context: &mut Context) {
    if let (Some(club), Some(person)) = (
        clause.club_after(end, FORMER_CLUB_REACH),
        clause.player_after(end, FORMER_PLAYER_REACH),
    ) {
        context.former.push(clause.link(person, club));
    }
}

/// Moves what the sentences gave into the extraction: rumours without the player's own
/// club, contracts with his club when their sentence named none.
fn finish(mut context: Context, out: &mut Extraction) {
    // A player's own club is never his destination; a former one may be ("set to return to
    // his boyhood club").
    let own = |person: usize, club: usize| {
        context
            .current
            .iter()
            .any(|link| link.person == person && link.club == club)
    };
    let mut rumours: Vec<RumourFact> = Vec::new();
    for rumour in std::mem::take(&mut context.rumours) {
        if !own(rumour.person, rumour.club)
            && !rumours.iter().any(|r| {
                r.person == rumour.person && r.club == rumour.club && r.sentence == rumour.sentence
            })
        {
            rumours.push(rumour);
        }
    }
    let (ended, rumours): (Vec<RumourFact>, Vec<RumourFact>) = rumours
        .iter()
        .cloned()
        .partition(|rumour| ended_later(rumour, &rumours, &context.steps));
    out.rumours = rumours;
    context.steps.extend(ended);
    context.steps.sort_by_key(|step| step.sentence.start);
    for contract in &mut context.contracts {
        if contract.club.is_none() {
            contract.club = context
                .current
                .iter()
                .find(|link| link.person == contract.person)
                .map(|link| link.club);
        }
    }
    out.contracts = context.contracts;
    dedup_links(&mut context.current);
    dedup_links(&mut context.former);
    out.current_clubs = context.current;
    out.former_clubs = context.former;
    context.steps.dedup();
    out.steps = context.steps;
}

/// Whether a later sentence of the article says the move is off ("Real Madrid were keen on
/// X ... the saga ended when they chose Y instead"): what the article leaves as a dead
/// chase is no destination, only the steps of one.
fn ended_later(rumour: &RumourFact, rumours: &[RumourFact], steps: &[RumourFact]) -> bool {
    let same_pair = |fact: &&RumourFact| fact.person == rumour.person && fact.club == rumour.club;
    let Some(last) = rumours
        .iter()
        .filter(same_pair)
        .map(|fact| fact.sentence.start)
        .max()
    else {
        return false;
    };
    steps
        .iter()
        .filter(same_pair)
        .any(|step| step.stage == Stage::Off && step.sentence.start > last)
}

/// The player named most often in the article (the first named on a tie).
fn main_player(sentences: &[Sentence], people: &[super::PersonFact]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for item in sentences.iter().flat_map(|sentence| &sentence.items) {
        if let Kind::Person(id) = item.kind
            && people[id].role == Role::Player
        {
            match counts.iter_mut().find(|(person, _)| *person == id) {
                Some((_, count)) => *count += 1,
                None => counts.push((id, 1)),
            }
        }
    }
    counts
        .iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map(|(id, _)| *id)
}

fn dedup_links(links: &mut Vec<ClubLink>) {
    let mut seen = Vec::new();
    links.retain(|link| {
        let key = (link.person, link.club);
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
}
/// The nearest player before `at`, as an item index.
fn nearest_player_before(refs: &[Ref], at: usize) -> Option<usize> {
    refs[..at]
        .iter()
        .rposition(|r| matches!(r, Ref::Player { example: false, .. }))
}

/// The players listed together with the one at `items[at]` ("A, B and C"): commas, "&",
/// "and" and "or" join them, and all are examples or none. A relative clause after the last
/// name ("A and C, whose deal ends") is about that name alone.
fn listed_players(body: &str, items: &[Item], refs: &[Ref], at: usize) -> Vec<usize> {
    let examples = matches!(refs.get(at), Some(Ref::Player { example: true, .. }));
    // Named players only: "the Germany international, and X" is two clauses.
    let player = |i: usize| match (refs.get(i), items.get(i).map(|item| item.kind)) {
        (Some(Ref::Player { id, example }), Some(Kind::Person(_))) if *example == examples => {
            Some(*id)
        }
        _ => None,
    };
    let gap = |left: usize, right: usize| match (items.get(left), items.get(right)) {
        (Some(left), Some(right)) => between(body, left, right),
        _ => "?",
    };
    // The next player of the list after `i`, over a separator.
    let next = |i: usize| -> Option<usize> {
        let j = i + 1;
        let k = if items.get(j)?.is(&["and", "or"]) {
            (matches!(gap(i, j), "" | ",") && gap(j, j + 1).is_empty()).then_some(j + 1)?
        } else {
            matches!(gap(i, j), "," | "&").then_some(j)?
        };
        player(k).map(|_| k)
    };
    let previous = |i: usize| -> Option<usize> {
        let j = i.checked_sub(1)?;
        let k = if items[j].is(&["and", "or"]) {
            let k = j.checked_sub(1)?;
            (gap(j, i).is_empty() && matches!(gap(k, j), "" | ",")).then_some(k)?
        } else {
            matches!(gap(j, i), "," | "&").then_some(j)?
        };
        player(k).map(|_| k)
    };
    let own = match (player(at), refs.get(at)) {
        (Some(own), _) => own,
        (None, Some(Ref::Player { id, .. })) => return vec![*id],
        _ => return Vec::new(),
    };
    // "whose deals end" (plural) is about the whole list.
    let relative = |i: usize| {
        gap(i, i + 1) == ","
            && items
                .get(i + 1)
                .is_some_and(|item| item.is(&["who", "whose", "which"]))
            && !items
                .get(i + 2)
                .is_some_and(|item| item.is(&["deals", "contracts"]))
    };
    if next(at).is_none() && relative(at) {
        return vec![own];
    }
    let mut first = at;
    while let Some(before) = previous(first) {
        first = before;
    }
    let mut list: Vec<usize> = Vec::new();
    let mut i = Some(first);
    while let Some(member) = i {
        if let Some(id) = player(member).filter(|id| !list.contains(id)) {
            list.push(id);
        }
        i = next(member);
    }
    list
}
