//! Finding people: gazetteer names, capitalised names nobody listed, surname-only and
//! misspelt mentions folded into one identity, and each person's role from context.

use std::borrow::Cow;
use std::ops::Range;

use crate::gazetteer::{Gazetteer, Role, within_one_edit};
use crate::text::Folded;

use super::lexicon::{
    CAPTION_CREDITS, CREDIT_OPENINGS, FUNCTION_WORDS, FURNITURE_FIRST_LETTERS,
    FURNITURE_FIRST_WORDS, FURNITURE_OPENINGS, NAME_PARTICLES, NOT_PERSON_ENDING_WORDS,
    PLAYER_NOUNS, ROLE_NOUNS,
};
use super::{Item, Kind, PersonFact, Sentence, between};

/// One person of the article while it is being read.
#[derive(Debug)]
struct Identity {
    name: String,
    words: Vec<String>,
    known: Option<usize>,
    aliases: Vec<String>,
    /// Non-player roles read from context, and whether any context said "player".
    cues: Vec<Role>,
}

/// A word that can be part of a personal name.
fn is_name_word(gazetteer: &Gazetteer, body: &str, item: &Item) -> bool {
    let text = &body[item.span.clone()];
    item.kind == Kind::Word
        && item.capitalised
        && text.chars().count() > 1
        && !text.chars().all(|c| !c.is_lowercase())
        && !text.chars().any(|c| c.is_ascii_digit())
        && !FUNCTION_WORDS.contains(&item.word())
        && gazetteer.not_a_name(&item.folded).is_none()
        && !body[..item.span.start].ends_with(['@', '#'])
        // "Co-president John Thorrington": a title, not part of the name.
        && role_of_word(&item.folded).is_none()
}

/// A headline in Title Case: hardly a long word in lowercase ("Make Move for Manchester
/// United Linked Dayot Upamecano"), where prose has several. Names in it are trusted only
/// when they start with a known first name.
fn is_title_case(sentence: &Sentence) -> bool {
    let (mut long, mut lowercase) = (0, 0);
    for item in &sentence.items {
        if item.kind == Kind::Word && item.folded.len() > 3 {
            long += 1;
            lowercase += usize::from(!item.capitalised);
        }
    }
    long >= 6 && lowercase <= 1
}

/// The text with every run of white space made one space, and none at the ends; borrowed
/// when it already reads so.
fn squeeze_spaces(text: &str) -> Cow<'_, str> {
    let mut after_space = true;
    let clean = text.chars().all(|c| {
        let space = c.is_whitespace();
        let fine = !space || (c == ' ' && !after_space);
        after_space = space;
        fine
    });
    if clean && !after_space {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Adds a form of the name the article used, unless the identity already has it.
fn add_alias(identity: &mut Identity, surface: &str) {
    if surface != identity.name && !identity.aliases.iter().any(|alias| alias == surface) {
        identity.aliases.push(surface.to_string());
    }
}

/// Resolves the name runs of every sentence (see [`merge_name_runs`]) to identities and
/// returns the article's people. Items left as `Kind::Person` index into it.
pub(super) fn identify(
    gazetteer: &Gazetteer,
    body: &str,
    sentences: &mut [Sentence],
) -> Vec<PersonFact> {
    let mut identities: Vec<Identity> = Vec::new();
    // Full names first, so that a surname used before the full name still resolves.
    for sentence in sentences.iter_mut() {
        for item in &mut sentence.items {
            if !matches!(item.kind, Kind::Known(_) | Kind::Name) {
                continue;
            }
            let surface = squeeze_spaces(&body[item.span.clone()]);
            let id = match item.kind {
                Kind::Known(known) => Some(known_identity(gazetteer, &mut identities, known)),
                Kind::Name if item.folded.split_whitespace().nth(1).is_some() => {
                    let words = item.folded.split_whitespace().map(str::to_string).collect();
                    Some(full_name_identity(
                        gazetteer,
                        &mut identities,
                        words,
                        &surface,
                    ))
                }
                _ => None,
            };
            if let Some(id) = id {
                add_alias(&mut identities[id], &surface);
                item.kind = Kind::Person(id);
            }
        }
    }
    for sentence in sentences.iter_mut() {
        for item in &mut sentence.items {
            if item.kind == Kind::Name
                && let Some(id) = single_name_identity(gazetteer, &mut identities, &item.folded)
            {
                add_alias(&mut identities[id], &body[item.span.clone()]);
                item.kind = Kind::Person(id);
            }
        }
    }
    // What no full name or known person explains is a surname of its own when it is listed
    // with people ("Arthur, McKennie and Zakaria") or every known bearer is a player.
    for sentence in sentences.iter_mut() {
        for at in 0..sentence.items.len() {
            let item = &sentence.items[at];
            if item.kind != Kind::Name {
                continue;
            }
            let kind = if listed_with_people(body, &sentence.items, at)
                || only_players_named(gazetteer, &item.folded)
            {
                Kind::Person(surname_identity(
                    &mut identities,
                    &body[item.span.clone()],
                    &item.folded,
                ))
            } else {
                Kind::Word
            };
            sentence.items[at].kind = kind;
        }
    }
    for sentence in sentences.iter() {
        read_roles(body, sentence, &mut identities);
    }
    for sentence in sentences.iter() {
        read_player_lists(gazetteer, body, sentence, &mut identities);
    }
    identities
        .into_iter()
        .map(|identity| {
            // What the article says beats what the gazetteer knows (a coach today was a
            // player in an older story); a non-player cue beats a player one.
            let cued = identity
                .cues
                .iter()
                .copied()
                .find(|role| *role != Role::Player)
                .or(identity.cues.first().copied());
            let role = cued
                .or(identity.known.map(|known| gazetteer.people[known].role))
                .unwrap_or(Role::Player);
            PersonFact {
                name: identity.name,
                role,
                aliases: identity.aliases,
            }
        })
        .collect()
}

/// Replaces each run of name words in a sentence by one `Kind::Name` item.
pub(super) fn merge_name_runs<'a>(
    gazetteer: &Gazetteer,
    body: &str,
    folded: &'a Folded,
    sentence: &mut Sentence<'a>,
) {
    if is_furniture_line(folded, sentence) {
        for item in &mut sentence.items {
            if matches!(item.kind, Kind::Known(_)) {
                item.kind = Kind::Word;
            }
        }
        return;
    }
    let title_case = is_title_case(sentence);
    // A one-word gazetteer name inside a longer name is only part of it: the "Pedro" of
    // "Pedro dos Santos" is not the mononym Pedro.
    for at in 0..sentence.items.len() {
        let items = &sentence.items;
        if !matches!(items[at].kind, Kind::Known(_)) || items[at].folded.contains(' ') {
            continue;
        }
        let joined = |a: usize, b: usize| {
            matches!(between(body, &items[a], &items[b]), "" | "-") && !items[a].possessive
        };
        let name_after = at + 1 < items.len()
            && joined(at, at + 1)
            && (is_name_word(gazetteer, body, &items[at + 1])
                || items[at + 1].is(NAME_PARTICLES)
                    && items
                        .get(at + 2)
                        .is_some_and(|next| is_name_word(gazetteer, body, next)));
        let name_before =
            at > 0 && joined(at - 1, at) && is_name_word(gazetteer, body, &items[at - 1]);
        if name_after || name_before {
            sentence.items[at].kind = Kind::Word;
        }
    }
    let items = std::mem::take(&mut sentence.items);
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut i = 0;
    while i < items.len() {
        // "Collecting Kwon Do-yun's pass, ...": a sentence may open with a participle.
        let participle = i == 0
            && items[i].folded.ends_with("ing")
            && !gazetteer.is_given_name(&items[i].folded);
        if participle || !is_name_word(gazetteer, body, &items[i]) {
            out.push(items[i].clone());
            i += 1;
            continue;
        }
        // Extend over name words and particles joined by spaces only.
        let mut end = i + 1;
        let mut last_name_word = i;
        while end < items.len()
            && matches!(between(body, &items[end - 1], &items[end]), "" | "-")
            && !items[end - 1].possessive
        {
            let next = &items[end];
            if is_name_word(gazetteer, body, next) {
                last_name_word = end;
            } else if !(next.kind == Kind::Word && NAME_PARTICLES.contains(&next.word())) {
                break;
            }
            end += 1;
        }
        let mut run_end = last_name_word + 1;
        let name_words = items[i..run_end]
            .iter()
            .filter(|item| item.capitalised)
            .count();
        let trusted_start = gazetteer.is_given_name(&items[i].folded);
        if (title_case || name_words > 4) && name_words > 1 {
            if !trusted_start {
                out.extend(items[i..run_end].iter().cloned());
                i = run_end;
                continue;
            }
            // Keep the first name and the next capitalised word.
            run_end = (i + 1..run_end)
                .find(|&at| items[at].capitalised)
                .map_or(i + 1, |at| at + 1);
        }
        if title_case && name_words == 1 && !in_comma_list(body, &items, i) {
            out.push(items[i].clone());
            i += 1;
            continue;
        }
        if run_end == i + 2 && are_two_surnames(gazetteer, &items[i].folded, &items[i + 1].folded) {
            run_end = i + 1;
        }
        let run = &items[i..run_end];
        // "Prenton Park", "Notts County": places and clubs the gazetteer does not list; and
        // "Jeonbuk Hyundai Motors' 21-year-old forward": whoever has a forward is a club.
        let owns_a_player = run[run.len() - 1].possessive
            && items[run_end..]
                .iter()
                .take(2)
                .any(|item| is_player_noun_word(&item.folded));
        let ending = run[run.len() - 1].word();
        if run.len() > 1
            && NOT_PERSON_ENDING_WORDS.contains(ending)
            || owns_a_player
            || names_a_team(&items, i, run_end)
            || is_page_furniture(body, &run[0].span, &run[run.len() - 1].span)
            // "... latest news By Jane Doe Published ...": a capitalised "By" inside a
            // sentence opens a byline, unless the sentence is a Title Case headline.
            || !title_case && i > 0 && &body[items[i - 1].span.clone()] == "By"
        {
            out.extend(run.iter().cloned());
            i = run_end;
            continue;
        }
        let span = run[0].span.start..run[run.len() - 1].span.end;
        out.push(Item {
            folded: joined_words(folded.of(span.clone()), run),
            span,
            kind: Kind::Name,
            capitalised: true,
            possessive: run[run.len() - 1].possessive,
        });
        i = run_end;
    }
    sentence.items = out;
}

/// Whether a sentence is a link to another page ("Read more: ...", "Related: ...", "Mehr
/// zum Thema"): the names in it belong to other stories.
fn is_furniture_line(folded: &Folded, sentence: &Sentence) -> bool {
    let text = folded.of(sentence.span.clone());
    let text = text.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    if !text.starts_with(|c: char| FURNITURE_FIRST_LETTERS.contains(c)) {
        return false;
    }
    let first_word = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or_default();
    FURNITURE_FIRST_WORDS.contains(first_word)
        && FURNITURE_OPENINGS.iter().any(|opening| {
            text.strip_prefix(opening)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
        })
}

/// Whether the word at `at` is one of a comma-separated list of capitalised words, as
/// headlines list surnames ("Transfer News: Ayew, Stones, Williams, Mahrez").
fn in_comma_list(body: &str, items: &[Item], at: usize) -> bool {
    let before =
        at > 0 && items[at - 1].capitalised && between(body, &items[at - 1], &items[at]) == ",";
    let after = items
        .get(at + 1)
        .is_some_and(|next| next.capitalised && between(body, &items[at], next) == ",");
    before || after
}

/// Whether two capitalised words are the surnames of two different known people, glued by
/// a missing comma ("... on the front Onana Marotta is waiting"): not a first name and a
/// surname, nor the tail of one known name ("Smith Rowe").
fn are_two_surnames(gazetteer: &Gazetteer, first: &str, second: &str) -> bool {
    if gazetteer.is_given_name(first)
        || gazetteer.people_with_surname(first).is_empty()
        || gazetteer.people_with_surname(second).is_empty()
    {
        return false;
    }
    let tail = format!("{first} {second}");
    !gazetteer
        .people_with_surname(second)
        .iter()
        .any(|&known| crate::text::fold(&gazetteer.people[known].name).ends_with(&tail))
}

/// Whether the name run `items[start..end]` names a team, not a person: a nickname after
/// "the" ("the Black Cats", "the Merseysiders") or a place before a club noun ("the South
/// Florida team").
fn names_a_team(items: &[Item], start: usize, end: usize) -> bool {
    let after_the = start > 0 && items[start - 1].is(&["the"]);
    let plural = items[end - 1].word().ends_with('s') && !items[end - 1].possessive;
    let club_noun_after = items
        .get(end)
        .is_some_and(|next| next.is(&["team", "side", "outfit", "club", "franchise"]));
    after_the && (plural || club_noun_after)
}

/// The longest credit opening with room for a little markup around it.
const CREDIT_OPENING_BYTES: usize = 24;

/// Whether the name spanning `first.start..last.end` is page furniture: a byline or credit
/// line ("By Jane Doe", "Picture: Jane Doe/Agency"), a credit inside a caption ("(Photo by
/// Jane Doe)", "(AP Photo/Jane Doe)"), a photographer glued to an agency ("Jane
/// Doe/Getty Images", "Jane Doe-USA TODAY Sports") or the author of an embedded post
/// ("Jane Doe (@janedoe)").
fn is_page_furniture(body: &str, first: &Range<usize>, last: &Range<usize>) -> bool {
    let after = &body[last.end..];
    let shouting = |part: &str| part.len() > 1 && part.chars().all(|c| c.is_ascii_uppercase());
    let glued_to_agency = after.starts_with('/')
        || after
            .strip_prefix('-')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
        || body[first.start..last.end].split('-').skip(1).any(shouting);
    let post_author = after.trim_start_matches(' ').starts_with("(@");
    // Credit openings are short: only the few bytes before the name can hold one.
    let window = body.floor_char_boundary(first.start.saturating_sub(CREDIT_OPENING_BYTES));
    let before = body.get(window..first.start).unwrap_or_default();
    let line = before.rfind('\n').map(|at| &before[at + 1..]);
    let opening = line.unwrap_or(before).trim();
    let opens_line = (line.is_some() || window == 0)
        && CREDIT_OPENINGS
            .iter()
            .any(|credit| credit.eq_ignore_ascii_case(opening));
    // Mid-line, a credit needs more than "by" ("signed by Jane Doe" is prose).
    let opens_credit = opening.ends_with(['/', ':', 'y', 'Y', 'f', 'F'])
        && CREDIT_OPENINGS
            .iter()
            .chain(CAPTION_CREDITS)
            .filter(|credit| credit.contains([' ', ':', '/']))
            .any(|credit| ends_with_words(opening, credit));
    glued_to_agency || post_author || opens_line || opens_credit
}

/// Whether `text` ends with the words `tail` (ASCII case aside), not inside a longer word.
fn ends_with_words(text: &str, tail: &str) -> bool {
    let Some(start) = text.len().checked_sub(tail.len()) else {
        return false;
    };
    text.get(start..)
        .is_some_and(|end| end.eq_ignore_ascii_case(tail))
        && !text[..start].ends_with(|c: char| c.is_alphanumeric())
}

/// The folded words of a run joined by single spaces: borrowed from the folded body when it
/// reads the same.
fn joined_words<'a>(whole: &'a str, run: &[Item<'a>]) -> Cow<'a, str> {
    let mut at = 0;
    let same = run.iter().enumerate().all(|(k, item)| {
        if k > 0 {
            if whole.as_bytes().get(at) != Some(&b' ') {
                return false;
            }
            at += 1;
        }
        let word = item.word();
        let fits = whole.as_bytes().get(at..at + word.len()) == Some(word.as_bytes());
        at += word.len();
        fits
    }) && at == whole.len();
    if same {
        Cow::Borrowed(whole)
    } else {
        Cow::Owned(run.iter().map(Item::word).collect::<Vec<_>>().join(" "))
    }
}

fn known_identity(gazetteer: &Gazetteer, identities: &mut Vec<Identity>, known: usize) -> usize {
    if let Some(at) = identities
        .iter()
        .position(|identity| identity.known == Some(known))
    {
        return at;
    }
    let name = gazetteer.people[known].name.clone();
    identities.push(Identity {
        words: crate::text::fold(&name)
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        name,
        known: Some(known),
        aliases: Vec::new(),
        cues: Vec::new(),
    });
    identities.len() - 1
}

/// Two first names that can be one person's: equal, one edit apart ("Luca"/"Luka"), or an
/// initial.
fn same_first_name(a: &str, b: &str) -> bool {
    within_one_edit(a, b) && a.len().min(b.len()) >= 3
        || a.len() == 1 && b.starts_with(a)
        || b.len() == 1 && a.starts_with(b)
}

fn full_name_identity(
    gazetteer: &Gazetteer,
    identities: &mut Vec<Identity>,
    words: Vec<String>,
    surface: &str,
) -> usize {
    let (first, last) = (&words[0], &words[words.len() - 1]);
    // Already in this article: same surname and a compatible first name, or a shorter form
    // of the same name ("Van Dijk" after "Virgil van Dijk").
    if let Some(at) = identities.iter().position(|identity| {
        let theirs = &identity.words;
        theirs.last() == Some(last)
            && (same_first_name(&theirs[0], first) || theirs.ends_with(&words))
    }) {
        return at;
    }
    // A known person with a compatible first name, or whose name ends with these words
    // ("De Gea" for David de Gea, "Smith Rowe" for Emile Smith Rowe).
    let wanted: Vec<&str> = words.iter().map(String::as_str).collect();
    if let Some(&known) = gazetteer.people_with_surname(last).iter().find(|&&known| {
        let name = crate::text::fold(&gazetteer.people[known].name);
        let theirs: Vec<&str> = name.split_whitespace().collect();
        theirs
            .first()
            .is_some_and(|theirs| same_first_name(theirs, first))
            || theirs.ends_with(&wanted)
    }) {
        return known_identity(gazetteer, identities, known);
    }
    identities.push(Identity {
        name: surface.trim_end_matches(['\'', '\u{2019}']).to_string(),
        words,
        known: None,
        aliases: Vec::new(),
        cues: Vec::new(),
    });
    identities.len() - 1
}

/// Shortest surname read through a misspelling: one edit turns shorter names into others
/// ("Silva"/"Salva").
const MISSPELT_SURNAME_LENGTH: usize = 7;

/// A one-word mention: the surname (or first name) of someone named in full in the article,
/// or of exactly one known person.
fn single_name_identity(
    gazetteer: &Gazetteer,
    identities: &mut Vec<Identity>,
    word: &str,
) -> Option<usize> {
    // With several people of that surname, the latest one named.
    let by_surname = (0..identities.len()).rev().find(|&at| {
        let words = &identities[at].words;
        words.len() > 1
            && words[1..]
                .iter()
                .any(|w| w == word || w.split('-').any(|part| part == word))
    });
    if by_surname.is_some() {
        return by_surname;
    }
    let mut by_first = (0..identities.len())
        .filter(|&at| identities[at].words.len() > 1 && identities[at].words[0] == word);
    if let (Some(only), None) = (by_first.next(), by_first.next()) {
        return Some(only);
    }
    if let [only] = gazetteer.people_with_surname(word) {
        return Some(known_identity(gazetteer, identities, *only));
    }
    // A misspelt surname of someone named in full ("Calafori" for Calafiori).
    if word.len() < MISSPELT_SURNAME_LENGTH {
        return None;
    }
    (0..identities.len()).rev().find(|&at| {
        let words = &identities[at].words;
        words.len() > 1
            && words.last().is_some_and(|last| {
                last.len() >= MISSPELT_SURNAME_LENGTH && within_one_edit(last, word)
            })
    })
}

/// Whether the name at `at` is a member of a list ("A, B and C", "A or B", "A & B")
/// in which some other member is already a person. Two words and a comma are no list
/// ("Crucially, Mendonça's contract", "– Dave Hartley, Stockport").
fn listed_with_people(body: &str, items: &[Item], at: usize) -> bool {
    let name_like = |item: &Item| matches!(item.kind, Kind::Name | Kind::Person(_));
    // The member next to `from` in direction `step`, over one joint.
    let neighbour = |from: usize, forward: bool| -> Option<usize> {
        let (left, right) = if forward {
            (from, from + 1)
        } else {
            (from.checked_sub(1)?, from)
        };
        let (left_item, right_item) = (&items[left], items.get(right)?);
        let gap = between(body, left_item, right_item);
        if matches!(gap, "," | "&") {
            return Some(if forward { right } else { left });
        }
        let conjunction = if forward { right_item } else { left_item };
        if gap.is_empty() && conjunction.is(&["and", "or"]) {
            let member = if forward {
                right + 1
            } else {
                left.checked_sub(1)?
            };
            let outer = items.get(member)?;
            let joint = if forward {
                between(body, conjunction, outer)
            } else {
                between(body, outer, conjunction)
            };
            return joint.is_empty().then_some(member);
        }
        None
    };
    let (mut members, mut with_person) = (1, false);
    let (mut first, mut last) = (at, at);
    for forward in [false, true] {
        let mut from = at;
        while let Some(member) = neighbour(from, forward).filter(|&m| name_like(&items[m])) {
            with_person |= matches!(items[member].kind, Kind::Person(_));
            members += 1;
            from = member;
        }
        if forward {
            last = from;
        } else {
            first = from;
        }
    }
    let conjunction = items[first..last]
        .iter()
        .any(|item| item.is(&["and", "or"]))
        || (first..last).any(|k| between(body, &items[k], &items[k + 1]) == "&");
    with_person && (members >= 3 || conjunction)
}

/// Whether a surname belongs to several known people, all of them players: a player,
/// though which one the article does not say ("Onana").
fn only_players_named(gazetteer: &Gazetteer, word: &str) -> bool {
    let known = gazetteer.people_with_surname(word);
    known.len() > 1
        && known
            .iter()
            .all(|&id| gazetteer.people[id].role == Role::Player)
}

/// The identity of a lone surname nobody is known by: one per surname in the article.
fn surname_identity(identities: &mut Vec<Identity>, surface: &str, word: &str) -> usize {
    if let Some(at) = identities
        .iter()
        .position(|identity| identity.words == [word])
    {
        return at;
    }
    identities.push(Identity {
        name: surface.trim_end_matches(['\'', '\u{2019}']).to_string(),
        words: vec![word.to_string()],
        known: None,
        aliases: Vec::new(),
        cues: Vec::new(),
    });
    identities.len() - 1
}

/// A noun for a player a club has ("Ajax's 21-year-old forward"), unlike a person's
/// "teammate".
fn is_player_noun_word(word: &str) -> bool {
    role_of_word(word) == Some(Role::Player)
        && !matches!(
            word,
            "target" | "teammate" | "teammates" | "team-mate" | "team-mates" | "compatriot"
        )
}

fn is_age(word: &str) -> bool {
    word.strip_suffix("-year-old")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The role a noun names; a hyphenated title counts by its last part ("co-president").
fn role_of_word(word: &str) -> Option<Role> {
    role_of_noun(word).or_else(|| {
        word.rsplit_once('-')
            .and_then(|(_, last)| role_of_noun(last))
    })
}

fn role_of_noun(word: &str) -> Option<Role> {
    if PLAYER_NOUNS.contains(&word) || is_age(word) {
        return Some(Role::Player);
    }
    ROLE_NOUNS.get(word).copied()
}

/// Fewest names in a list for its players to vouch for the others: "A, B and C".
const PLAYER_LIST_LENGTH: usize = 3;

/// A name listed among players is a player unless the text says otherwise: in "Gerrard,
/// Lampard, Milner and Ings have all moved on", a man the gazetteer knows as a coach today
/// is one of the players. Lists are names joined by commas, "and" or "&".
fn read_player_lists(
    gazetteer: &Gazetteer,
    body: &str,
    sentence: &Sentence,
    identities: &mut [Identity],
) {
    let items = &sentence.items;
    let mut members = Vec::new();
    let mut at = 0;
    while at < items.len() {
        let Kind::Person(first) = items[at].kind else {
            at += 1;
            continue;
        };
        members.clear();
        members.push(first);
        let mut end = at;
        loop {
            let mut next = end + 1;
            let mut joined = items
                .get(next)
                .is_some_and(|item| matches!(between(body, &items[end], item), "," | "&"));
            if items.get(next).is_some_and(|item| item.is(&["and", "or"])) {
                joined = matches!(between(body, &items[end], &items[next]), "" | ",");
                next += 1;
            }
            match items.get(next).map(|item| item.kind) {
                Some(Kind::Person(id)) if joined => {
                    members.push(id);
                    end = next;
                }
                _ => break,
            }
        }
        at = end + 1;
        if members.len() < PLAYER_LIST_LENGTH {
            continue;
        }
        let is_player = |identity: &Identity| {
            identity.cues.contains(&Role::Player)
                || identity.cues.is_empty()
                    && identity
                        .known
                        .is_none_or(|known| gazetteer.people[known].role == Role::Player)
        };
        let players = members
            .iter()
            .filter(|&&id| is_player(&identities[id]))
            .count();
        // One member the text or the gazetteer knows as a player is enough: a list of
        // players names men who coach today as the players they were.
        if players > 0 {
            for &id in &members {
                if identities[id].cues.is_empty() {
                    identities[id].cues.push(Role::Player);
                }
            }
        }
    }
}

/// Words that may stand between "is" or "as" and the role they give: "as their next
/// manager", "is France's leading scorer", "is now the club's sporting director".
const PREDICATE_FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "club's",
    "now",
    "also",
    "still",
    "currently",
    "next",
    "new",
    "permanent",
    "full-time",
    "first",
    "leading",
    "top",
    "record",
    "all-time",
    "best",
    "first-choice",
    "most",
    "main",
    "key",
    "sporting",
    "technical",
];

/// Longest run of [`PREDICATE_FILLERS`], clubs or possessives before the role noun.
const PREDICATE_FILLER_WORDS: usize = 4;

/// The role said of the person at `at` by what follows the name: "to have X as their next
/// manager", "X is France's leading scorer", "X was the club's chairman". "X is a former
/// striker" says nothing of what he is now.
fn predicate_role(body: &str, items: &[Item], at: usize) -> Option<Role> {
    let verb = items.get(at + 1)?;
    if !verb.is(&["as", "is", "was", "remains", "became", "becomes"])
        || !between(body, &items[at], verb).is_empty()
    {
        return None;
    }
    let rest = &items[at + 2..items.len().min(at + 3 + PREDICATE_FILLER_WORDS)];
    let mut previous = verb;
    for word in rest {
        // A possessive's gap holds its "'s".
        let joined = previous.possessive || between(body, previous, word).is_empty();
        if !joined || word.is(&["former", "ex"]) {
            return None;
        }
        if word.kind == Kind::Word
            && let Some(role) = role_of_word(&word.folded)
        {
            return Some(role);
        }
        let filler = word.is(PREDICATE_FILLERS)
            || word.possessive
            || matches!(word.kind, Kind::Club(_) | Kind::Term);
        if !filler {
            return None;
        }
        previous = word;
    }
    None
}

/// Reads the role cues around every person in a sentence: a noun just before the name
/// ("president Florentino Pérez", "Chelsea boss X"), an apposition after it
/// ("X, the club's owner,", "X, 25,"), or the previous name of a list ("singers A and B").
fn read_roles(body: &str, sentence: &Sentence, identities: &mut [Identity]) {
    let items = &sentence.items;
    let mut previous: Option<(usize, Option<Role>)> = None;
    for (at, item) in items.iter().enumerate() {
        let Kind::Person(id) = item.kind else {
            continue;
        };
        let mut cue = None;
        // Before: up to four items back, over clubs and small words ("players such as X").
        for back in (at.saturating_sub(4)..at).rev() {
            let before = &items[back];
            if !between(body, before, &items[back + 1]).is_empty() {
                break;
            }
            if let Some(role) = role_of_word(&before.folded).filter(|_| before.kind == Kind::Word) {
                // "former midfielder X" says nothing of what X is now.
                if !(back > 0 && items[back - 1].is(&["former", "ex", "legendary", "retired"])) {
                    cue = Some(role);
                }
                break;
            }
            if !(matches!(before.kind, Kind::Club(_))
                || before.is(&[
                    "the",
                    "club's",
                    "his",
                    "their",
                    "new",
                    "veteran",
                    "assistant",
                    "sporting",
                    "head",
                    "first-team",
                    "such",
                    "as",
                    "including",
                ]))
            {
                break;
            }
        }
        // "The Athletic's David Ornstein" and "Tom Bogert of The Athletic" are journalists.
        let outlet_before =
            at > 0 && matches!(items[at - 1].kind, Kind::Outlet(_)) && items[at - 1].possessive;
        let outlet_after = items.get(at + 1).is_some_and(|next| next.is(&["of", "at"]))
            && items
                .get(at + 2)
                .is_some_and(|outlet| matches!(outlet.kind, Kind::Outlet(_)));
        if cue.is_none() && (outlet_before || outlet_after) {
            cue = Some(Role::Other);
        }
        // "The player's father, Ricardo Mendonça,": the role just before a comma.
        if cue.is_none() && at > 0 && between(body, &items[at - 1], item) == "," {
            cue = role_of_word(&items[at - 1].folded).filter(|role| *role != Role::Player);
        }
        // "Derek Fotheringham's side", "Graeme Baillie's double change": a manager.
        if cue.is_none()
            && item.possessive
            && items[at + 1..].iter().take(2).any(|next| {
                next.is(&[
                    "side",
                    "team",
                    "men",
                    "charges",
                    "squad",
                    "change",
                    "substitution",
                    "substitutions",
                    "tactics",
                    "selection",
                ])
            })
        {
            cue = Some(Role::Coach);
        }
        // After: ", the club's president," or ", 25,".
        if cue.is_none() && at + 1 < items.len() {
            let gap = between(body, item, &items[at + 1]);
            // An apposition opens with a determiner, an age, a club or the role itself (not
            // "X, according to journalist Y").
            let next = &items[at + 1];
            let opens = next.is(&["the", "a", "an", "his", "their", "its", "now", "currently"])
                || matches!(next.kind, Kind::Club(_))
                || next.folded.chars().all(|c| c.is_ascii_digit())
                || role_of_word(&next.folded).is_some();
            if (gap == "," || gap == "(") && opens {
                for after in &items[at + 1..items.len().min(at + 6)] {
                    if after.kind == Kind::Word
                        && after.folded.chars().all(|c| c.is_ascii_digit())
                        && after.folded.len() == 2
                    {
                        cue = Some(Role::Player);
                        break;
                    }
                    if let Some(role) =
                        role_of_word(&after.folded).filter(|_| after.kind == Kind::Word)
                    {
                        cue = Some(role);
                        break;
                    }
                }
            }
        }
        if cue.is_none() {
            cue = predicate_role(body, items, at);
        }
        // A list inherits the cue of its first name.
        if cue.is_none()
            && let Some((previous_at, previous_cue)) = previous
        {
            let joined = (previous_at + 1..at).all(|mid| items[mid].is(&["and", "or"]))
                && (at - previous_at <= 2);
            if joined {
                cue = previous_cue;
            }
        }
        if let Some(role) = cue {
            identities[id].cues.push(role);
        }
        previous = Some((at, cue));
    }
}
