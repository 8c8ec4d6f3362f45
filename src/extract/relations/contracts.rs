//! Contract end dates: the cue words and the dates they govern, and whose contracts they are.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Months, NaiveDate};

use super::{Context, Ref, listed_players, nearest_player_before};
use crate::extract::dates::{
    amount, read_end_date, read_final_period, remaining_to_date, season_end_after,
};
use crate::extract::lexicon::{
    CONTRACT_CURRENT_DEAL, CONTRACT_DEAL_NOUNS, CONTRACT_FILLER, CONTRACT_MOVE_CUES,
    CONTRACT_OFFER_WORDS, CONTRACT_PAST_MOVE, CONTRACT_SIGNING_WORDS, CONTRACT_STRONG_CUES,
    CONTRACT_WEAK_CUES, CONTRACT_WORDS,
};
use crate::extract::{
    ClubLink, ContractFact, Extraction, Item, Kind, Mention, MentionKind, Sentence,
};

/// What the contract pass carries from sentence to sentence.
#[derive(Debug, Default)]
pub(super) struct ContractState {
    /// Players who agreed a pre-contract: a deal they are said to sign is the new club's.
    leaving: Vec<usize>,
    /// The end date a heading gave with no player of its own ("Players whose deals end in
    /// June:"), for the players named one per line under it.
    heading: Option<NaiveDate>,
}

/// A contract end found in a sentence: the item its cue is at, the date, the span of the
/// words that say it, and how.
struct Found {
    at: usize,
    expires: NaiveDate,
    span: Range<usize>,
    told: Told,
}

/// How a contract end is told, most precise first: a player keeps the most precise one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Told {
    /// A verb and its date: "runs until June 2027".
    Date,
    /// A noun or a time left, beside which the sentence may state a date for the same
    /// player: "out of contract in 2026", "two years left on his deal".
    Noun,
    /// An event, in the season the article is in: "set to walk away for nothing". A date the
    /// article states for the player wins.
    Event,
    /// A pre-contract agreed, an event too: he is leaving, so a deal he signs later is
    /// his new club's.
    PreContract,
}

fn word<'a>(item: &'a Item) -> &'a str {
    if item.kind == Kind::Word {
        item.word()
    } else {
        ""
    }
}

/// Whether a sentence can state a contract end at all: a contract word, "free agent", "for
/// nothing", "Bosman" (the lexicon's contract words).
fn mentions_contract(items: &[Item]) -> bool {
    // Every sentence is asked: a length check spares the hashing of the short words that
    // make up most of a text ("the", "of", "his").
    static SHORTEST: LazyLock<usize> = LazyLock::new(|| {
        CONTRACT_WORDS
            .iter()
            .map(|word| word.len())
            .min()
            .unwrap_or(0)
    });
    let shortest = *SHORTEST;
    items.iter().any(|item| {
        let word = word(item);
        word.len() >= shortest && CONTRACT_WORDS.contains(word)
    })
}

/// Contract end dates in one sentence.
pub(super) fn contracts_in(
    body: &str,
    date: Option<NaiveDate>,
    sentence: &Sentence,
    refs: &[Ref],
    index: usize,
    context: &mut Context,
    out: &mut Extraction,
) {
    let items = &sentence.items;
    if !mentions_contract(items) {
        player_under_heading(body, sentence, refs, context);
        return;
    }
    let words: Vec<&str> = items.iter().map(word).collect();
    let mut found = cued_dates(items, &words, date);
    found.extend(time_left(items, &words, date));
    if found.is_empty() {
        found = date_before_expiry_clause(items, &words, date);
    }
    found.retain(|found| !offered(&words, refs, found.at));
    if !record(body, sentence, refs, index, found, context, out) {
        let events = ended_by_event(items, &words, date);
        record(body, sentence, refs, index, events, context, out);
    }
}

/// Gives each found date to the players it belongs to; returns whether any player got one.
/// A heading whose date has no player keeps it for the names listed under it.
fn record(
    body: &str,
    sentence: &Sentence,
    refs: &[Ref],
    index: usize,
    found: Vec<Found>,
    context: &mut Context,
    out: &mut Extraction,
) -> bool {
    let items = &sentence.items;
    let mut recorded = false;
    let pre_contract = items
        .iter()
        .any(|item| item.is(&["pre-contract", "precontract"]));
    for found in found {
        // "the chance to sign a player on a free": an event needs its player before it.
        let event_without_player = found.told == Told::Event
            && !refs[..found.at]
                .iter()
                .any(|r| matches!(r, Ref::Player { .. }));
        if event_without_player {
            continue;
        }
        let mut players = contract_holders(body, sentence, refs, index, found.at, context);
        if found.told == Told::PreContract {
            context.contract_state.leaving.extend(&players);
        }
        let signed = found.told != Told::PreContract && signed(items, refs, found.at);
        let leaving = &context.contract_state.leaving;
        let contracts = &context.contracts;
        players.retain(|person| match found.told {
            // "has signed a pre-contract with Hibs and a four-year deal until 2029": his
            // new club's.
            Told::Date | Told::Noun if signed && (pre_contract || leaving.contains(person)) => {
                false
            }
            Told::Date => true,
            Told::Noun => !contracts
                .iter()
                .any(|c| c.person == *person && c.sentence == sentence.span),
            Told::Event | Told::PreContract => !contracts.iter().any(|c| c.person == *person),
        });
        if players.is_empty() {
            if introduces_a_list(body, sentence) {
                context.contract_state.heading = Some(found.expires);
            }
            continue;
        }
        recorded = true;
        out.mentions.push(Mention {
            span: found.span,
            kind: MentionKind::Date,
        });
        for person in players {
            add_contract(sentence, person, found.expires, context);
        }
    }
    recorded
}

/// Dates right after a cue: a verb ("runs until June 2027"), then a noun ("out of contract
/// in 2026"). A date said to be cut short ("due to expire in 2024, one year early")
/// moves back by that many years.
fn cued_dates(items: &[Item], words: &[&str], date: Option<NaiveDate>) -> Vec<Found> {
    let mut found = Vec::new();
    // Asked only of a move cue: most sentences have none.
    let past_move = OnceCell::new();
    for (at, &cue) in words.iter().enumerate() {
        let told = if CONTRACT_STRONG_CUES.contains(&cue) {
            Told::Date
        } else if CONTRACT_WEAK_CUES.contains(&cue) {
            Told::Noun
        } else {
            continue;
        };
        let past = || *past_move.get_or_init(|| is_a_past_move(words));
        if !is_a_cue_here(words, at, past) {
            continue;
        }
        let mut from = at + 1;
        // "out of contract at Celtic next summer": skip small words and the club.
        while from < words.len()
            && (CONTRACT_FILLER.contains(&words[from]) || matches!(items[from].kind, Kind::Club(_)))
        {
            from += 1;
        }
        if let Some(reading) = read_end_date(&words[from..], date) {
            let last = (from + reading.words - 1).min(items.len() - 1);
            let rest = words.get(from + reading.words..).unwrap_or_default();
            let expires = cut_short(rest)
                .and_then(|years| reading.date.checked_sub_months(Months::new(12 * years)))
                .unwrap_or(reading.date);
            found.push(Found {
                at,
                expires,
                span: items[from].span.start..items[last].span.end,
                told,
            });
        }
    }
    // Verbs first: a player keeps the date a verb gives him.
    found.sort_by_key(|found| found.told != Told::Date);
    found
}

/// Whether the sentence puts a move in the past ("joined on a free in 2019").
fn is_a_past_move(words: &[&str]) -> bool {
    words.iter().any(|word| CONTRACT_PAST_MOVE.contains(word))
}

/// Whether a cue word at `words[at]` is used as one where it stands.
fn is_a_cue_here(words: &[&str], at: usize, past_move: impl Fn() -> bool) -> bool {
    let cue = words[at];
    let before = at.checked_sub(1).map_or("", |b| words[b]);
    match cue {
        // "a deal which is up in the summer"
        "up" => matches!(before, "is" | "are" | "be" | "was" | "were"),
        // "deals end in June", not "before the end of the window"
        "end" => !matches!(before, "the" | "an" | "this"),
        // "joined on a free in 2019": a move over, not a contract running
        _ if CONTRACT_MOVE_CUES.contains(&cue) && past_move() => false,
        // "a new contract in the summer": when the new deal comes, not an end
        _ if CONTRACT_WEAK_CUES.contains(&cue) => !matches!(before, "new" | "fresh" | "improved"),
        _ => true,
    }
}

/// "one year early", "two seasons early" later in the sentence: how many years the stated
/// end was brought forward.
fn cut_short(rest: &[&str]) -> Option<u32> {
    rest.windows(3).find_map(|w| {
        (matches!(w[1], "year" | "years" | "season" | "seasons") && w[2] == "early")
            .then(|| amount(w[0]))
            .flatten()
    })
}

/// Time left rather than a date: "the final six months of his contract", "18 months left
/// on his deal", "a year to run on his present terms".
fn time_left(items: &[Item], words: &[&str], date: Option<NaiveDate>) -> Vec<Found> {
    let mut found = Vec::new();
    for at in 0..words.len() {
        if let Some((end, used)) = read_final_period(&words[at..], date) {
            found.push(Found {
                at,
                expires: end,
                span: items[at].span.start..items[at + used - 1].span.end,
                told: Told::Noun,
            });
        }
        let word = |i: usize| words.get(i).copied().unwrap_or("");
        let used = match (word(at + 2), word(at + 3)) {
            ("left" | "remaining" | "remain", _) => 3,
            ("to", "run" | "go") => 4,
            _ => continue,
        };
        if let (Some(n), Some(on)) = (amount(word(at)), date)
            && matches!(word(at + 1), "months" | "years" | "year" | "month")
            && let Some(end) = remaining_to_date(n, word(at + 1), on)
        {
            found.push(Found {
                at,
                expires: end,
                span: items[at].span.start..items[at + used - 1].span.end,
                told: Told::Noun,
            });
        }
    }
    found
}

/// A date before the clause that says the deals end: "A and B available in 2016 as deals
/// expire", "free agents in June when their contracts run out".
fn date_before_expiry_clause(
    items: &[Item],
    words: &[&str],
    date: Option<NaiveDate>,
) -> Vec<Found> {
    // How far back the date may start: "at the end of the season" is six words.
    const DATE_REACH: usize = 6;
    let word = |i: usize| words.get(i).copied().unwrap_or("");
    let mut found = Vec::new();
    for (conjunction, &w) in words.iter().enumerate() {
        if !matches!(w, "as" | "when" | "once") {
            continue;
        }
        let mut noun = conjunction + 1;
        if matches!(word(noun), "his" | "her" | "their" | "the") {
            noun += 1;
        }
        if !matches!(word(noun), "deal" | "deals" | "contract" | "contracts")
            || !matches!(
                word(noun + 1),
                "expire" | "expires" | "end" | "ends" | "run" | "runs"
            )
        {
            continue;
        }
        let reading = (conjunction.saturating_sub(DATE_REACH)..conjunction).find_map(|start| {
            let preposition = start
                .checked_sub(1)
                .is_some_and(|b| matches!(words[b], "in" | "on" | "at" | "by" | "from"));
            let reading = read_end_date(&words[start..conjunction], date)?;
            (preposition && start + reading.words == conjunction).then_some((start, reading))
        });
        if let Some((start, reading)) = reading {
            found.push(Found {
                at: start,
                expires: reading.date,
                span: items[start].span.start..items[conjunction - 1].span.end,
                told: Told::Date,
            });
        }
    }
    found
}

/// A contract end told by what happens when it comes, in the season the article is written:
/// "has agreed a pre-contract with Rangers", "is set to walk away for nothing", "will leave
/// on a free", "has allowed his deal to wind down", "departs with his contract expiring",
/// "will be released when his deal ends", "will become a free agent". Needs the article's
/// date, and a sentence with no year of its own (a year there is some other season's).
fn ended_by_event(items: &[Item], words: &[&str], date: Option<NaiveDate>) -> Vec<Found> {
    let Some(expires) = date.and_then(season_end_after) else {
        return Vec::new();
    };
    let word = |i: Option<usize>| i.and_then(|i| words.get(i)).copied().unwrap_or("");
    let event = |at: usize| -> Option<Told> {
        let before = word(at.checked_sub(1));
        match words[at] {
            "pre-contract" | "precontract" => Some(Told::PreContract),
            // "leave on a free (transfer)", "for free"; never "a free kick", nor "talks over
            // a potential free transfer"
            "free" if before == "for" || before == "a" && word(at.checked_sub(2)) == "on" => {
                Some(Told::Event)
            }
            "nothing" if before == "for" => Some(Told::Event),
            "bosman" | "bosmans" => Some(Told::Event),
            "agent" | "agents"
                if before == "free"
                    && words[..at].iter().any(|w| {
                        matches!(
                            *w,
                            "will"
                                | "become"
                                | "becomes"
                                | "becoming"
                                | "set"
                                | "would"
                                | "could"
                                | "potential"
                                | "future"
                        )
                    }) =>
            {
                Some(Told::Event)
            }
            "down"
                if matches!(
                    before,
                    "wind" | "winds" | "winding" | "run" | "runs" | "running" | "ran"
                ) =>
            {
                Some(Told::Event)
            }
            "expiring" => Some(Told::Event),
            // "released when his deal ends"
            "expires" | "expire" | "ends" | "end" | "runs" | "run"
                if matches!(before, "deal" | "deals" | "contract" | "contracts")
                    && words[at.saturating_sub(3)..at]
                        .iter()
                        .any(|w| matches!(*w, "when" | "once")) =>
            {
                Some(Told::Event)
            }
            _ => None,
        }
    };
    // The cheap look first: most sentences tell no event.
    if !(0..words.len()).any(|at| event(at).is_some())
        || items.iter().any(|item| names_a_year(item.word()))
    {
        return Vec::new();
    }
    let past_move = is_a_past_move(words);
    (0..words.len())
        .find_map(|at| {
            event(at)
                .filter(|told| *told == Told::PreContract || !past_move)
                .map(|told| (at, told))
        })
        .map(|(at, told)| Found {
            at,
            expires,
            span: items[at].span.clone(),
            told,
        })
        .into_iter()
        .collect()
}

/// A year or a season written out ("2024", "2024-25"): a date the sentence holds.
fn names_a_year(word: &str) -> bool {
    let digits = word.split(['-', '/']).next().unwrap_or("");
    digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.starts_with(['1', '2'])
}

/// Whether the deal a date cue at `at` belongs to is being offered, or is a loan, not the
/// contract the player has. The deal is the last deal noun up to the cue: "his contract",
/// "his current deal" is the one he has; otherwise the words from the player (or the
/// clause's start, or the deal noun before) to the cue tell.
fn offered(words: &[&str], refs: &[Ref], at: usize) -> bool {
    // "offer the player a new contract": the offer comes just before the player.
    const OFFER_REACH: usize = 2;
    let noun = (0..=at)
        .rev()
        .find(|&i| CONTRACT_DEAL_NOUNS.contains(&words[i]));
    if noun.is_some_and(|noun| is_his_deal(words, noun)) {
        return false;
    }
    // "who has been offered a new deal, has a contract until 2026": the offer is of another.
    let previous_noun = noun.and_then(|noun| {
        (0..noun)
            .rev()
            .find(|&i| CONTRACT_DEAL_NOUNS.contains(&words[i]))
    });
    let start = clause_start(refs, at).max(previous_noun.map_or(0, |i| i + 1));
    let window = &words[start..at];
    window.iter().any(|w| CONTRACT_OFFER_WORDS.contains(w))
        || words[start.saturating_sub(OFFER_REACH)..start]
            .iter()
            .any(|w| CONTRACT_OFFER_WORDS.contains(w) && *w != "loan")
        // "will sign a contract running until 2028 with his new club"
        || window.windows(2).any(|pair| {
            matches!(pair[0], "to" | "will" | "would" | "could" | "should" | "might")
                && CONTRACT_SIGNING_WORDS.contains(&pair[1])
        })
        || words
            .windows(3)
            .any(|w| matches!(w, ["his" | "her" | "their", "new", "club"]))
}

/// Whether the deal noun at `words[noun]` is the player's own: "his contract", "her Celtic
/// deal", "his current terms", not "his new deal".
fn is_his_deal(words: &[&str], noun: usize) -> bool {
    // "his current Celtic contract": up to two words between the owner and the noun.
    const OWNER_REACH: usize = 3;
    let before = &words[noun.saturating_sub(OWNER_REACH)..noun];
    let owner = before
        .iter()
        .rposition(|w| matches!(*w, "his" | "her" | "their"));
    before.iter().any(|w| CONTRACT_CURRENT_DEAL.contains(w))
        || owner.is_some_and(|o| {
            !before[o..]
                .iter()
                .any(|w| matches!(*w, "new" | "fresh" | "improved" | "loan"))
        })
}

/// Whether the player signs (or signed) the deal a date cue at `at` belongs to.
fn signed(items: &[Item], refs: &[Ref], at: usize) -> bool {
    items[clause_start(refs, at)..at]
        .iter()
        .any(|item| item.is(CONTRACT_SIGNING_WORDS) || item.is(&["put"]))
}

/// Where the words about the deal at `at` start: at the nearest player or clause boundary.
fn clause_start(refs: &[Ref], at: usize) -> usize {
    refs[..at]
        .iter()
        .rposition(|r| matches!(r, Ref::Player { .. } | Ref::Boundary))
        .map_or(0, |i| i + 1)
}

/// Whether a sentence is a line of its own (a heading, a list item).
fn is_line(body: &str, span: &Range<usize>) -> bool {
    let after = body[span.end..].trim_start_matches([' ', '\t']);
    starts_line(body, span) && (after.is_empty() || after.starts_with('\n'))
}

/// Whether a sentence opens a line or paragraph, after a list number ("1.") if any.
fn starts_line(body: &str, span: &Range<usize>) -> bool {
    let line = body[..span.start].rsplit('\n').next().unwrap_or_default();
    line.trim_end_matches([' ', '\t', '.', ')'])
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b' ')
}

fn ends_sentence(body: &str, span: &Range<usize>) -> bool {
    body[span.clone()]
        .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')'])
        .ends_with(['.', '!', '?'])
}

/// A line that may head a list of players: a heading ("Players whose deals end in June:")
/// or a paragraph about players in general ("A number of stars will be free agents in June.").
fn introduces_a_list(body: &str, sentence: &Sentence) -> bool {
    is_line(body, &sentence.span)
        && (!ends_sentence(body, &sentence.span)
            || sentence
                .items
                .iter()
                .any(|item| item.is(&["players", "stars", "names"])))
}

/// Under a line that gave a contract end and no player ("Players whose deals end in June:"),
/// a line that is a player's name, or a paragraph opening with the name and a dash or colon
/// ("Jordan McAllister – the midfielder has ..."), gets that end; a heading of another kind
/// (four words or more, no colon, no player) closes the list.
fn player_under_heading(body: &str, sentence: &Sentence, refs: &[Ref], context: &mut Context) {
    // A name line: the name and little more ("Jordan McAllister (Celtic)").
    const NAME_LINE_ITEMS: usize = 6;
    let Some(expires) = context.contract_state.heading else {
        return;
    };
    if !starts_line(body, &sentence.span) {
        return;
    }
    let items = &sentence.items;
    let whole_line = is_line(body, &sentence.span);
    let ends = !whole_line || ends_sentence(body, &sentence.span);
    // "1. Jordan McAllister": a list number before the name.
    let first = usize::from(items.first().is_some_and(|item| {
        item.kind == Kind::Word && item.word().bytes().all(|b| b.is_ascii_digit())
    }));
    // The name alone on its line, or set off from what follows: "Jordan McAllister (Celtic)",
    // "Jordan McAllister – the midfielder has ...", never "Jordan McAllister in action".
    let opens_an_item = |name: &Item| {
        let after = body[name.span.end..sentence.span.end].trim_start();
        let dash = [':', '-', '\u{2013}', '\u{2014}'];
        if ends {
            after.starts_with(dash)
        } else {
            after.is_empty()
                || after.starts_with(dash)
                || after.starts_with(['(', ',']) && items.len() <= NAME_LINE_ITEMS + first
        }
    };
    match (refs.get(first), items.get(first)) {
        (Some(&Ref::Player { id, .. }), Some(name))
            if matches!(name.kind, Kind::Person(_)) && opens_an_item(name) =>
        {
            add_contract(sentence, id, expires, context);
        }
        _ if !ends
            && items.len() >= 4
            && !body[sentence.span.clone()].contains(':')
            && !refs.iter().any(|r| matches!(r, Ref::Player { .. })) =>
        {
            context.contract_state.heading = None;
        }
        _ => {}
    }
}
/// Whose contract a date cue at `items[at]` states: a group the sentence names ("the pair",
/// "all four players"), the players listed just before it ("A, B and C are out of contract")
/// or after it ("Out of contract in 2026: A, B and C"), else the player a pronoun means.
fn contract_holders(
    body: &str,
    sentence: &Sentence,
    refs: &[Ref],
    index: usize,
    at: usize,
    context: &Context,
) -> Vec<usize> {
    let items = &sentence.items;
    if let Some(group) = group_before(items, refs, at).and_then(|size| context.group(index, size)) {
        return group;
    }
    if let Some(named) = named_in_group(items, refs, at) {
        return named;
    }
    // "Celtic boss Brendan Rodgers, whose contract runs until 2027": a non-player's own.
    let nearest_person = refs[..at]
        .iter()
        .rposition(|r| matches!(r, Ref::Player { .. } | Ref::NonPlayer));
    if nearest_person.is_some_and(|i| {
        refs[i] == Ref::NonPlayer
            && items
                .get(i + 1)
                .is_some_and(|next| next.is(&["whose", "who"]))
    }) {
        return Vec::new();
    }
    let nearest = nearest_player_before(refs, at).or_else(|| {
        (at..refs.len()).find(|&i| matches!(refs[i], Ref::Player { example: false, .. }))
    });
    if let Some(nearest) = nearest.or_else(|| listed_as_examples_before(items, refs, at)) {
        return listed_players(body, items, refs, nearest);
    }
    let pronoun = items
        .iter()
        .any(|item| item.is(&["he", "his", "him", "she", "her"]));
    pronoun
        .then(|| context.focus(index))
        .flatten()
        .into_iter()
        .collect()
}

/// The nearest player before `at` named as one of a group ("senior players ... losing A, B
/// and C for nothing"), but not one named in a comparison ("like B's").
fn listed_as_examples_before(items: &[Item], refs: &[Ref], at: usize) -> Option<usize> {
    let nearest = refs[..at]
        .iter()
        .rposition(|r| matches!(r, Ref::Player { example: true, .. }))?;
    let compared = items[..nearest]
        .iter()
        .any(|item| item.is(&["like", "unlike"]));
    (!compared).then_some(nearest)
}

/// Records one player's contract end, with the club the sentence ties it to: "his Real
/// Madrid contract", "contract at Real Madrid".
fn add_contract(sentence: &Sentence, person: usize, expires: NaiveDate, context: &mut Context) {
    let items = &sentence.items;
    let club = context
        .current
        .iter()
        .rev()
        .find(|link| link.person == person && link.sentence == sentence.span)
        .map(|link| link.club)
        .or_else(|| {
            items
                .iter()
                .enumerate()
                .find_map(|(i, item)| match item.kind {
                    Kind::Club(club)
                        if items
                            .get(i + 1)
                            .is_some_and(|next| next.is(&["contract", "deal"])) =>
                    {
                        Some(club)
                    }
                    _ => None,
                })
        });
    if let Some(club) = club {
        context.current.push(ClubLink {
            person,
            club,
            sentence: sentence.span.clone(),
        });
    }
    let fact = ContractFact {
        person,
        club,
        expires,
        sentence: sentence.span.clone(),
    };
    if !context.contracts.contains(&fact) {
        context.contracts.push(fact);
    }
}

/// The players a group before `at` names as its members: "16 players (including A and B)
/// will be out of contract", "several stars, such as A and B, are free agents in June".
fn named_in_group(items: &[Item], refs: &[Ref], at: usize) -> Option<Vec<usize>> {
    // "a total of 16 players (including": the group noun is just before the marker.
    const GROUP_NOUN_REACH: usize = 2;
    let marker = (0..at).find(|&i| {
        (items[i].is(&["including"])
            || items[i].is(&["such"]) && items.get(i + 1).is_some_and(|next| next.is(&["as"])))
            && items[i.saturating_sub(GROUP_NOUN_REACH)..i]
                .iter()
                .any(|item| item.is(&["players", "stars", "names", "youngsters", "men", "women"]))
    })?;
    let mut named: Vec<usize> = Vec::new();
    for r in &refs[marker..at] {
        if let Ref::Player { id, .. } = *r
            && !named.contains(&id)
        {
            named.push(id);
        }
    }
    (!named.is_empty()).then_some(named)
}

/// A group noun before `at` and how many players it counts: "the pair", "both", "the trio",
/// "all four players", "the three men".
fn group_before(items: &[Item], refs: &[Ref], at: usize) -> Option<usize> {
    let from = refs[..at]
        .iter()
        .rposition(|r| matches!(r, Ref::Player { .. } | Ref::Boundary))
        .map_or(0, |i| i + 1);
    (from..at).find_map(|i| {
        let item = &items[i];
        let counted = items.get(i + 1).is_some_and(|next| {
            next.is(&["players", "men", "stars", "women", "of"]) || next.is(&["them"])
        });
        match item.word() {
            "pair" | "duo" | "both" => Some(2),
            "trio" => Some(3),
            "quartet" => Some(4),
            word if counted && item.kind == Kind::Word => amount(word)
                .and_then(|n| usize::try_from(n).ok())
                .filter(|&n| n > 1),
            _ => None,
        }
    })
}
