//! Contract end dates: the cue words and the dates they govern, and whose contracts they are.

use std::ops::Range;

use chrono::NaiveDate;

use super::{Context, Ref, listed_players, nearest_player_before};
use crate::extract::dates::{amount, read_end_date, read_final_period, remaining_to_date};
use crate::extract::lexicon::CONTRACT_WORDS;
use crate::extract::{
    ClubLink, ContractFact, Extraction, Item, Kind, Mention, MentionKind, Sentence,
};

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
    fn word<'a>(item: &'a Item) -> &'a str {
        if item.kind == Kind::Word {
            item.word()
        } else {
            ""
        }
    }
    if !items.iter().any(|item| CONTRACT_WORDS.contains(word(item)))
        && !items
            .windows(2)
            .any(|pair| word(&pair[0]) == "free" && word(&pair[1]) == "agent")
    {
        return;
    }
    let words: Vec<&str> = items.iter().map(word).collect();
    const STRONG: &[&str] = &[
        "until",
        "till",
        "til",
        "through",
        "thru",
        "expires",
        "expire",
        "expired",
        "expiring",
        "expiry",
        "ends",
        "ending",
        "runs",
        "run",
        "running",
        "finishes",
        "concludes",
    ];
    const WEAK: &[&str] = &["contract", "deal", "agent", "transfer", "terms"];
    const FILLER: &[&str] = &[
        "out", "in", "on", "at", "of", "by", "to", "come", "comes", "after", "next",
    ];
    let mut found: Vec<(usize, NaiveDate, Range<usize>)> = Vec::new();
    for cues in [STRONG, WEAK] {
        for (at, word) in words.iter().enumerate() {
            if !cues.contains(word) {
                continue;
            }
            let mut from = at + 1;
            // "out of contract at Celtic next summer": skip small words and the club.
            while from < words.len()
                && ((FILLER.contains(&words[from]) && words[from] != "next")
                    || matches!(items[from].kind, Kind::Club(_)))
            {
                from += 1;
            }
            if let Some(reading) = read_end_date(&words[from..], date) {
                let last = (from + reading.words - 1).min(items.len() - 1);
                found.push((
                    at,
                    reading.date,
                    items[from].span.start..items[last].span.end,
                ));
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    if found.is_empty() {
        for at in 0..words.len() {
            if let Some((end, used)) = read_final_period(&words[at..], date) {
                found.push((at, end, items[at].span.start..items[at + used - 1].span.end));
            }
            // "18 months left on his deal"
            if let (Some(n), Some(unit), Some(left), Some(on)) = (
                amount(words[at]),
                words.get(at + 1),
                words.get(at + 2),
                date,
            ) && matches!(*unit, "months" | "years" | "year" | "month")
                && matches!(*left, "left" | "remaining" | "remain")
                && let Some(end) = remaining_to_date(n, unit, on)
            {
                found.push((at, end, items[at].span.start..items[at + 2].span.end));
            }
        }
    }
    for (at, expires, date_span) in found {
        let players = contract_holders(body, sentence, refs, index, at, context);
        if !players.is_empty() {
            out.mentions.push(Mention {
                span: date_span,
                kind: MentionKind::Date,
            });
        }
        for person in players {
            add_contract(sentence, person, expires, context);
        }
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
    let nearest = nearest_player_before(refs, at).or_else(|| {
        (at..refs.len()).find(|&i| matches!(refs[i], Ref::Player { example: false, .. }))
    });
    if let Some(nearest) = nearest {
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
