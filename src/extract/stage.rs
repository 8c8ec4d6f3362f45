//! How far a deal has got, read from one sentence: the stage a (player, club) rumour
//! reaches in it. The phrases are in [`STAGE_PHRASES`]; the rules here decide which of a
//! sentence's phrases speak about which club.

use std::ops::Range;
use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};

use super::lexicon::{
    DEPARTURE_NOUNS, OFFER_NOUNS, STAGE_CLAUSE_BREAKS, STAGE_NEGATIONS, STAGE_PHRASE_GAP,
    STAGE_PHRASES, StagePhrase,
};
use super::{Item, Kind, between};

/// A step of a transfer. The first seven are progress, in order; the last three end a
/// rumour (until a later bid or talks reopen it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Named together: speculation.
    Linked,
    /// Monitoring, scouting, on a shortlist.
    Interest,
    /// Talks, contact, an approach, negotiations.
    Talks,
    /// An offer made.
    Bid,
    /// A fee or terms agreed, a pre-contract signed.
    Agreed,
    Medical,
    /// Signed, completed, confirmed, "here we go".
    Done,
    /// A bid turned down.
    Rejected,
    /// The club, the player or his agent denies it.
    Denied,
    /// Talks collapsed, the move is off, another club chosen, a failed medical.
    Off,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Linked,
        Stage::Interest,
        Stage::Talks,
        Stage::Bid,
        Stage::Agreed,
        Stage::Medical,
        Stage::Done,
        Stage::Rejected,
        Stage::Denied,
        Stage::Off,
    ];

    /// The name the export and the tables use.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Linked => "linked",
            Stage::Interest => "interest",
            Stage::Talks => "talks",
            Stage::Bid => "bid",
            Stage::Agreed => "agreed",
            Stage::Medical => "medical",
            Stage::Done => "done",
            Stage::Rejected => "rejected",
            Stage::Denied => "denied",
            Stage::Off => "off",
        }
    }

    /// Whether this step ends the rumour (until a later step reopens it).
    pub fn ends(self) -> bool {
        matches!(self, Stage::Rejected | Stage::Denied | Stage::Off)
    }

    /// Whether the sentence says more than that the two were named together: enough for a
    /// rumour on its own.
    pub fn is_news(self) -> bool {
        self >= Stage::Talks
    }
}

/// A phrase compiled from [`STAGE_PHRASES`]: word alternatives per position.
struct Phrase {
    words: Vec<Vec<&'static str>>,
    says: StagePhrase,
}

/// The phrases in list order, indexed by the words they start with.
struct Phrases {
    list: Vec<Phrase>,
    by_first_word: HashMap<&'static str, Vec<usize>>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let list: Vec<Phrase> = STAGE_PHRASES
        .iter()
        .map(|(phrase, says)| Phrase {
            words: phrase
                .split(' ')
                .map(|position| position.split('|').collect())
                .collect(),
            says: *says,
        })
        .collect();
    let mut by_first_word: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (index, phrase) in list.iter().enumerate() {
        for word in phrase.words.first().into_iter().flatten() {
            by_first_word.entry(word).or_default().push(index);
        }
    }
    Phrases {
        list,
        by_first_word,
    }
});

/// A phrase found in a sentence: items `start..end`.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    says: StagePhrase,
}

impl Phrases {
    /// The first phrase (in list order) that starts at `items[at]`.
    fn at(&self, items: &[Item], at: usize) -> Option<Found> {
        let candidates = self.by_first_word.get(items[at].word())?;
        candidates.iter().find_map(|&index| {
            let phrase = &self.list[index];
            let end = match_phrase(&phrase.words, items, at)?;
            Some(Found {
                start: at,
                end,
                says: phrase.says,
            })
        })
    }
}

/// Where the phrase starting at `items[at]` ends, if it does: each word within
/// [`STAGE_PHRASE_GAP`] items of the one before.
fn match_phrase(words: &[Vec<&str>], items: &[Item], at: usize) -> Option<usize> {
    let is =
        |item: &Item, options: &[&str]| item.kind == Kind::Word && options.contains(&item.word());
    if !is(items.get(at)?, words.first()?) {
        return None;
    }
    let mut end = at + 1;
    for options in &words[1..] {
        let reach = items.len().min(end + STAGE_PHRASE_GAP + 1);
        end = (end..reach).find(|&i| is(&items[i], options))? + 1;
    }
    Some(end)
}

/// How far before a phrase a negation reaches: "are yet to make an offer".
const NEGATION_REACH: usize = 4;

/// "no talks have taken place", "fee has not been agreed", "are yet to bid". Denials are
/// negations themselves ("no truth in the reports").
fn negated(items: &[Item], found: &Found) -> bool {
    found.says != StagePhrase::Denied
        && items[found.start.saturating_sub(NEGATION_REACH)..found.end]
            .iter()
            .any(|item| {
                item.is(STAGE_NEGATIONS) || item.kind == Kind::Word && item.word().ends_with("n't")
            })
}

/// How far before an offer a word of intent reaches: "prepared to return with an improved
/// offer".
const INTENT_REACH: usize = 6;

/// "will offer", "could make a bid", "ready to table an offer": an offer planned.
fn intended(items: &[Item], found: &Found) -> bool {
    items[found.start.saturating_sub(INTENT_REACH)..found.start]
        .iter()
        .any(|item| {
            item.is(&[
                "will",
                "would",
                "could",
                "might",
                "may",
                "possible",
                "potential",
                "expected",
                "ready",
                "prepared",
                "plan",
                "plans",
                "planning",
                "preparing",
                "considering",
            ])
        })
}

/// "offered him to", "offers the player to": a player offered to clubs, not an offer made.
fn offered_to(items: &[Item], found: &Found) -> bool {
    let after = &items[found.end..items.len().min(found.end + 3)];
    items[found.start].is(&["offered", "offers"])
        && after.iter().any(|item| item.is(&["to"]))
        && after
            .iter()
            .any(|item| matches!(item.kind, Kind::Person(_)) || item.is(&["him", "her", "player"]))
}

/// How far from a phrase a new contract makes it a renewal's.
const RENEWAL_REACH: usize = 4;

/// "no signs of a new contract being agreed", "talks over an extension": the player's own
/// club's business, no step of a move.
fn renewal(items: &[Item], found: &Found) -> bool {
    let progress = matches!(
        found.says,
        StagePhrase::Talks | StagePhrase::Bid | StagePhrase::Agreed | StagePhrase::Done
    );
    let near = &items
        [found.start.saturating_sub(RENEWAL_REACH)..items.len().min(found.end + RENEWAL_REACH)];
    progress
        && (near
            .iter()
            .any(|item| item.is(&["renewal", "extension", "renew", "extend"]))
            || near.windows(2).any(|pair| {
                pair[0].is(&["new", "improved", "fresh", "extended"])
                    && pair[1].is(&["contract", "deal", "terms"])
            }))
}

/// The clause of `items[at]`: between the clause breaks (and semicolons) around it.
fn clause_around(body: &str, items: &[Item], at: usize) -> Range<usize> {
    let breaks_before = |i: usize| {
        items[i].is(STAGE_CLAUSE_BREAKS)
            || i > 0 && between(body, &items[i - 1], &items[i]).contains(';')
    };
    let start = (1..=at).rev().find(|&i| breaks_before(i)).unwrap_or(0);
    let end = (at + 1..items.len())
        .find(|&i| breaks_before(i))
        .unwrap_or(items.len());
    start..end
}

/// The club an offer in `clause` belongs to: "Chelsea's bid", "a bid from Chelsea",
/// "Chelsea have had a bid rejected".
fn bidder(items: &[Item], clause: &Range<usize>) -> Option<usize> {
    let offer = (clause.start..clause.end).find(|&i| items[i].is(OFFER_NOUNS))?;
    let club = |i: usize| match items.get(i)?.kind {
        Kind::Club(club) => Some(club),
        _ => None,
    };
    let possessive = (offer.saturating_sub(3).max(clause.start)..offer)
        .rev()
        .find(|&i| items[i].possessive)
        .and_then(club);
    let from = (offer + 1..clause.end.min(offer + 4))
        .find(|&i| items[i].is(&["from"]))
        .and_then(|i| club(i + 1));
    // Else the club the clause opens with: "Arsenal are preparing a bid for X".
    let subject = (clause.start..offer).find_map(club);
    possessive.or(from).or(subject)
}

/// The stage one sentence gives the rumour of its player to `club`: the strongest phrase
/// that speaks about that club (an ending phrase before any progress), `Linked` when none.
/// With `reach`, only phrases within that many items of the club's name count.
pub(super) fn classify(body: &str, items: &[Item], club: usize, reach: Option<usize>) -> Stage {
    let at_club: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].kind == Kind::Club(club))
        .collect();
    // The clauses that name the club (the whole sentence when a pronoun stands for it).
    let mut clauses: Vec<Range<usize>> = if at_club.is_empty() {
        std::iter::once(0..items.len()).collect()
    } else {
        at_club
            .iter()
            .map(|&at| clause_around(body, items, at))
            .collect()
    };
    clauses.dedup();
    let mut best: Option<Stage> = None;
    for clause in clauses {
        let reading = Reading {
            items,
            not_the_bidder: bidder(items, &clause).is_some_and(|owner| owner != club),
            at_club: &at_club,
            clause,
        };
        let mut at = reading.clause.start;
        while at < reading.clause.end {
            let Some(found) = PHRASES.at(&items[..reading.clause.end], at) else {
                at += 1;
                continue;
            };
            at = found.end;
            let near = |&club_at: &usize| {
                reach.is_none_or(|reach| {
                    club_at + reach >= found.start && club_at < found.end + reach
                })
            };
            // "after a move to Torino collapsed, Lazio are keen": a phrase that names
            // another club inside it speaks of that one.
            // So does "whose Arsenal move collapsed", the club just before it.
            let names_another = found.says == StagePhrase::Off
                && (found.start.saturating_sub(1)..found.end)
                    .any(|i| matches!(items[i].kind, Kind::Club(other) if other != club));
            let speaks_of_club = !names_another && (at_club.is_empty() || at_club.iter().any(near));
            if speaks_of_club
                && !negated(items, &found)
                && !renewal(items, &found)
                && let Some(stage) = reading.stage(&found)
            {
                best = Some(best.map_or(stage, |known| stronger(known, stage)));
            }
        }
    }
    best.unwrap_or(Stage::Linked)
}

/// The stronger of two stages of one sentence: an ending over any progress, else the
/// further one.
fn stronger(a: Stage, b: Stage) -> Stage {
    match (a.ends(), b.ends()) {
        (true, false) => a,
        (false, true) => b,
        _ => a.max(b),
    }
}

/// How far after a turning down its club may stand: "has snubbed a move to Chelsea".
const REFUSED_CLUB_REACH: usize = 4;

/// One clause read for one club.
struct Reading<'s, 'a> {
    items: &'s [Item<'a>],
    clause: Range<usize>,
    /// Where the sentence names the club.
    at_club: &'s [usize],
    /// The clause's offer is another club's.
    not_the_bidder: bool,
}

impl Reading<'_, '_> {
    /// The stage a phrase of the clause gives the club, if it speaks of it.
    fn stage(&self, found: &Found) -> Option<Stage> {
        let items = self.items;
        // Only a club the turning down is about: "after rejecting a contract at Wigan, he
        // agreed terms with Al-Qadsiah" ends nothing with Al-Qadsiah.
        let club_after = self.at_club.iter().any(|i| {
            *i >= found.end && *i < found.end + REFUSED_CLUB_REACH && self.clause.contains(i)
        });
        Some(match found.says {
            StagePhrase::Linked => Stage::Linked,
            StagePhrase::Interest => Stage::Interest,
            StagePhrase::Talks => Stage::Talks,
            StagePhrase::Bid | StagePhrase::Rejected if self.not_the_bidder => return None,
            // "will offer him a better contract": a plan, not yet an offer.
            StagePhrase::Bid if intended(items, found) => Stage::Interest,
            // "his agent has offered him to Chelsea": the club is offered the player.
            StagePhrase::Bid if offered_to(items, found) => Stage::Linked,
            StagePhrase::Bid => Stage::Bid,
            StagePhrase::Agreed | StagePhrase::Medical | StagePhrase::Done
                if sold_from(items, self.at_club, &self.clause) =>
            {
                return None;
            }
            StagePhrase::Agreed => Stage::Agreed,
            StagePhrase::Medical => Stage::Medical,
            StagePhrase::Done if reported_or_renewed(items, found) => return None,
            StagePhrase::Done => Stage::Done,
            StagePhrase::Rejected if self.clause.clone().any(|i| items[i].is(OFFER_NOUNS)) => {
                Stage::Rejected
            }
            // "X has turned down Chelsea"; "Porto turned down the chance" is Porto's.
            StagePhrase::Rejected | StagePhrase::OffForLater if club_after => Stage::Off,
            StagePhrase::Rejected | StagePhrase::OffForLater => return None,
            StagePhrase::Off => Stage::Off,
            StagePhrase::Denied => Stage::Denied,
        })
    }
}

/// "Arsenal, who signed Y last year, want X" is not X's move, "the agent confirmed that
/// Benfica have asked" reports something else, "signed until 2027" is a new contract, and
/// "has confirmed his departure" is done with his old club, not with the next one.
fn reported_or_renewed(items: &[Item], found: &Found) -> bool {
    let object = items[found.end..].iter().find(|item| {
        !item.is(&["his", "her", "their", "the"]) && !matches!(item.kind, Kind::Club(_))
    });
    found.start > 0 && items[found.start - 1].is(&["who", "which", "that"])
        || items
            .get(found.end)
            .is_some_and(|next| next.is(&["that", "until", "till"]))
        || object.is_some_and(|next| next.is(DEPARTURE_NOUNS))
}

/// Whether the club at `items[at]` is the other party of a deal, not the one the player
/// may join: "talks with Sporting CP", "signed from Sporting CP", "rejected by Porto"; an
/// offer's bidder is not ("an offer from Chelsea").
pub(super) fn is_counterpart(items: &[Item], at: usize) -> bool {
    let Some(before) = at.checked_sub(1).map(|i| &items[i]) else {
        return false;
    };
    before.is(&["with", "from", "by"])
        && !(before.is(&["from", "by"]) && offered_just_before(items, at))
}

/// Whether an offer stands just before the "from"/"by" at `items[at - 1]`: "an offer from
/// Brighton", "a bid lodged by Lazio".
fn offered_just_before(items: &[Item], at: usize) -> bool {
    items[at.saturating_sub(4)..at.saturating_sub(1)]
        .iter()
        .any(|item| item.is(OFFER_NOUNS) || item.is(&["lodged", "submitted", "tabled", "made"]))
}

/// Whether the club is not the one the move is to: the one the player leaves ("from
/// Sporting CP") or one that only describes him ("former Sunderland target Josh Key").
fn sold_from(items: &[Item], at_club: &[usize], clause: &Range<usize>) -> bool {
    let elsewhere = |at: usize| {
        at > 0
            && (items[at - 1].is(&["former", "ex"])
                || items[at - 1].is(&["from"]) && !offered_just_before(items, at))
            || items
                .get(at + 1)
                .is_some_and(|next| next.is(&["target", "targets", "transfer"]))
    };
    !at_club.is_empty()
        && at_club
            .iter()
            .filter(|&&at| clause.contains(&at))
            .all(|&at| elsewhere(at))
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::Stage;
    use crate::extract::extract;
    use crate::gazetteer::Gazetteer;

    static GAZETTEER: LazyLock<Gazetteer> =
        LazyLock::new(|| Gazetteer::embedded().expect("embedded gazetteer parses"));

    /// The stage each (player, club) pair gets from the text, as "Player -> Club: stage",
    /// rumours and steps alike, sorted.
    fn stages(text: &str) -> Vec<String> {
        let read = extract(&GAZETTEER, text, None, None);
        let mut lines: Vec<String> = read
            .rumours
            .iter()
            .chain(&read.steps)
            .map(|fact| {
                format!(
                    "{} -> {}: {}",
                    read.people[fact.person].name,
                    GAZETTEER.clubs[fact.club].name,
                    fact.stage.name()
                )
            })
            .collect();
        lines.sort();
        lines.dedup();
        lines
    }

    fn stage_of(text: &str) -> String {
        let found = stages(text);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        found[0].rsplit(": ").next().unwrap_or_default().to_string()
    }

    #[test]
    fn named_together_is_linked() {
        assert_eq!(
            stage_of("Kofi Mensah-Barros has been linked with Everton."),
            "linked"
        );
    }

    #[test]
    fn interest_both_ways() {
        assert_eq!(
            stage_of("Brentford are monitoring Kofi Mensah-Barros."),
            "interest"
        );
        assert_eq!(
            stage_of("Kofi Mensah-Barros is on Brentford's shortlist."),
            "interest"
        );
    }

    #[test]
    fn talks_both_ways_and_negated() {
        assert_eq!(
            stage_of("Everton have opened talks over Kofi Mensah-Barros."),
            "talks"
        );
        assert_eq!(
            stage_of("Kofi Mensah-Barros's agent held talks with Everton on Monday."),
            "talks"
        );
        // Interest stays; the talks are denied by a negation.
        assert_eq!(
            stage_of(
                "Everton are interested in Kofi Mensah-Barros, but no talks have taken place."
            ),
            "interest"
        );
        assert_eq!(
            stage_of(
                "Everton are keen on Kofi Mensah-Barros, although there have been no formal talks."
            ),
            "interest"
        );
    }

    #[test]
    fn bids_belong_to_their_bidder() {
        assert_eq!(
            stage_of("Arsenal have tabled a bid for Kofi Mensah-Barros."),
            "bid"
        );
        assert_eq!(
            stages("Porto have received an offer from Arsenal for Kofi Mensah-Barros."),
            ["Kofi Mensah-Barros -> Arsenal: bid"]
        );
        assert_eq!(
            stage_of(
                "Arsenal are yet to make an offer for Kofi Mensah-Barros, though they are keen."
            ),
            "linked"
        );
    }

    #[test]
    fn phrases_that_look_like_steps_and_are_not() {
        assert_eq!(
            stage_of("Everton have joined the race for Kofi Mensah-Barros."),
            "interest"
        );
        assert_eq!(
            stage_of("Everton are close to an agreement for Kofi Mensah-Barros."),
            "talks"
        );
        assert_eq!(
            stage_of("Kofi Mensah-Barros, who has agreed to leave Porto, is a target for Everton."),
            "interest"
        );
        assert!(stages("Kofi Mensah-Barros still hasnt signed for Everton.").is_empty());
    }

    #[test]
    fn a_club_that_only_describes_the_player_is_not_his_destination() {
        let found = stages(
            "Swansea City have completed the signing of former Sunderland target Kofi Mensah-Barros.",
        );
        assert!(
            !found.iter().any(|line| line.contains("Sunderland: done")),
            "{found:?}"
        );
    }

    #[test]
    fn an_offer_accepted_from_a_club_is_agreed_and_a_player_offered_to_one_is_no_bid() {
        assert_eq!(
            stage_of("Porto have accepted an offer from Everton for Kofi Mensah-Barros."),
            "agreed"
        );
        assert_eq!(
            stage_of("His agent has offered Kofi Mensah-Barros to Everton."),
            "linked"
        );
        assert_eq!(
            stage_of("Everton are monitoring Kofi Mensah-Barros ahead of a possible bid."),
            "interest"
        );
    }

    #[test]
    fn an_offer_planned_is_interest() {
        assert_eq!(
            stage_of("Everton will offer Kofi Mensah-Barros a better contract than he has now."),
            "interest"
        );
    }

    #[test]
    fn agreed_medical_and_done() {
        assert_eq!(
            stage_of("Arsenal have agreed a fee for Kofi Mensah-Barros."),
            "agreed"
        );
        assert_eq!(
            stage_of("Kofi Mensah-Barros has signed a pre-contract with Everton."),
            "agreed"
        );
        assert_eq!(
            stage_of("Kofi Mensah-Barros is undergoing a medical at Everton today."),
            "medical"
        );
        assert_eq!(
            stage_of("Kofi Mensah-Barros to Everton, here we go!"),
            "done"
        );
        assert_eq!(
            stage_of("Everton have completed the signing of Kofi Mensah-Barros."),
            "done"
        );
        // "No fee has been agreed" is not an agreement.
        assert_eq!(
            stage_of("Everton want Kofi Mensah-Barros, but no fee has been agreed."),
            "interest"
        );
    }

    #[test]
    fn rejected_bids_are_the_bidders() {
        assert_eq!(
            stages("Chelsea's bid for Kofi Mensah-Barros was rejected by Porto."),
            ["Kofi Mensah-Barros -> Chelsea: rejected"]
        );
        assert_eq!(
            stages("Porto have turned down a £30m offer from Chelsea for Kofi Mensah-Barros."),
            ["Kofi Mensah-Barros -> Chelsea: rejected"]
        );
    }

    #[test]
    fn denials_and_collapses_end_a_rumour() {
        assert_eq!(
            stage_of("Everton have denied reports of an approach for Kofi Mensah-Barros."),
            "denied"
        );
        assert_eq!(
            stage_of("Talks between Chelsea and Kofi Mensah-Barros have collapsed."),
            "off"
        );
        assert_eq!(
            stage_of("Kofi Mensah-Barros failed a medical at Chelsea."),
            "off"
        );
        assert_eq!(
            stage_of("Kofi Mensah-Barros chose Everton over Chelsea."),
            "off"
        );
    }

    #[test]
    fn a_stage_speaks_only_of_its_own_clause() {
        assert_eq!(
            stages(
                "Everton have agreed a fee for Kofi Mensah-Barros, while Chelsea are only monitoring him."
            ),
            [
                "Kofi Mensah-Barros -> Chelsea: interest",
                "Kofi Mensah-Barros -> Everton: agreed"
            ]
        );
        assert_eq!(
            stages(
                "Arsenal have tabled a new bid for Kofi Mensah-Barros after Porto rejected the first."
            ),
            ["Kofi Mensah-Barros -> Arsenal: bid"]
        );
    }

    #[test]
    fn a_new_contract_is_no_step_of_a_move() {
        assert_eq!(
            stage_of(
                "With no sign of a new contract being agreed, Everton are trying to tempt Kofi Mensah-Barros."
            ),
            "linked"
        );
    }

    #[test]
    fn a_departure_confirmed_is_no_move_done() {
        assert_eq!(
            stages(
                "Kofi Mensah-Barros has confirmed his Sunderland exit, with Wigan leading the race for his signature."
            ),
            ["Kofi Mensah-Barros -> Wigan Athletic: linked"]
        );
    }

    #[test]
    fn a_medical_completed_is_a_medical() {
        assert_eq!(
            stage_of("Kofi Mensah-Barros completes Everton medical"),
            "medical"
        );
    }

    #[test]
    fn plugs_pulled_races_lost_and_dead_deals_are_off() {
        assert_eq!(
            stage_of("Everton have pulled the plug on a move for Kofi Mensah-Barros."),
            "off"
        );
        assert_eq!(
            stage_of("Everton have lost the race for Kofi Mensah-Barros."),
            "off"
        );
        assert_eq!(
            stage_of("Everton's deal for Kofi Mensah-Barros is dead in the water."),
            "off"
        );
    }

    #[test]
    fn a_turning_down_ends_only_the_club_it_is_about() {
        let found = stages(
            "Kofi Mensah-Barros is set for Saudi Arabia after rejecting a contract at Wigan Athletic and has agreed terms with Al-Qadsiah.",
        );
        assert!(
            found.contains(&"Kofi Mensah-Barros -> Al-Qadsiah: agreed".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn stages_are_ordered() {
        let progress = &Stage::ALL[..7];
        assert!(progress.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(Stage::ALL.iter().filter(|stage| stage.ends()).count() == 3);
        let json = serde_json::to_string(&Stage::ALL).unwrap_or_default();
        assert_eq!(
            json,
            r#"["linked","interest","talks","bid","agreed","medical","done","rejected","denied","off"]"#
        );
    }
}
