//! The user's desk over a model: who they watch, finding a player or club by the name they
//! type, and what changed since a given day (the digest). Pure: the library's state comes in
//! as data, and the dates as arguments.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::extract::Stage;
use crate::gazetteer::Gazetteer;
use crate::intel;
use crate::model::{ArticleId, ClubId, Model, Person, PersonId, Roster};
use crate::store::{UserState, Watch};
use crate::text::fold;

/// The players and clubs watched, by their stable keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watchlist {
    /// Folded canonical names.
    players: HashSet<String>,
    /// Gazetteer names.
    clubs: HashSet<String>,
}

impl Watchlist {
    pub fn new(state: &UserState) -> Self {
        Self {
            players: state.players.iter().map(|p| p.key.clone()).collect(),
            clubs: state.clubs.iter().map(|c| c.name.clone()).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.players.is_empty() && self.clubs.is_empty()
    }

    pub fn contains(&self, watch: &Watch) -> bool {
        match watch {
            Watch::Player { key, .. } => self.players.contains(key),
            Watch::Club { name } => self.clubs.contains(name),
        }
    }

    pub fn insert(&mut self, watch: &Watch) {
        match watch {
            Watch::Player { key, .. } => self.players.insert(key.clone()),
            Watch::Club { name } => self.clubs.insert(name.clone()),
        };
    }

    pub fn remove(&mut self, watch: &Watch) {
        match watch {
            Watch::Player { key, .. } => self.players.remove(key),
            Watch::Club { name } => self.clubs.remove(name),
        };
    }

    /// Whether this person is watched: his name, or a form of it articles used, folded. (A
    /// later article may give a fuller canonical name; the old one is then an alias.)
    pub fn watches_person(&self, person: &Person) -> bool {
        !self.players.is_empty()
            && std::iter::once(&person.name)
                .chain(&person.aliases)
                .any(|name| self.players.contains(&fold(name)))
    }

    pub fn watches_club(&self, model: &Model, club: ClubId) -> bool {
        self.clubs.contains(model.club_name(club))
    }

    /// The people of the model who are watched.
    pub fn people(&self, model: &Model) -> HashSet<PersonId> {
        if self.players.is_empty() {
            return HashSet::new();
        }
        model
            .people
            .iter()
            .enumerate()
            .filter(|(_, person)| self.watches_person(person))
            .map(|(at, _)| PersonId(at))
            .collect()
    }

    /// The clubs of the model's gazetteer that are watched.
    pub fn clubs(&self, model: &Model) -> HashSet<ClubId> {
        (0..model.club_names.len())
            .map(ClubId)
            .filter(|&club| self.watches_club(model, club))
            .collect()
    }
}

/// What watching this person means in the library.
pub fn person_watch(person: &Person) -> Watch {
    Watch::Player {
        key: fold(person.name.trim()),
        name: person.name.clone(),
    }
}

/// What watching this club means in the library.
pub fn club_watch(model: &Model, club: ClubId) -> Watch {
    Watch::Club {
        name: model.club_name(club).to_string(),
    }
}

/// What a typed name turned out to mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    One(Watch),
    /// Several players fit as well as each other: their names, best first.
    Ambiguous(Vec<String>),
    Nothing,
}

/// The player or club a typed name means. A player's exact name or alias wins, then a
/// club's (as the gazetteer knows it: "PSG", "Juve", accents and case aside; a lone word
/// other clubs' names share, "Madrid", is ambiguous), then the
/// players whose names hold every word typed, then the fuzzy search's matches; two or more
/// at the last step that decides are ambiguous.
pub fn resolve(model: &Model, roster: &Roster, gazetteer: &Gazetteer, name: &str) -> Resolved {
    if let Some(person) = model
        .person_named(name)
        .filter(|p| roster.players.contains(p))
    {
        return Resolved::One(person_watch(&model.people[person]));
    }
    if let Some(club) = gazetteer.club_named(name) {
        // A lone word some other club's name holds too ("United", "Madrid", "Inter") is the
        // club articles mostly mean by it, but typed alone it could be either.
        let folded = fold(name.trim());
        let others: Vec<usize> = if folded.contains(' ') {
            Vec::new()
        } else {
            let mut others = gazetteer.clubs_with_word(&folded).to_vec();
            others.retain(|&other| other != club);
            others
        };
        if others.is_empty() {
            return Resolved::One(club_watch(model, ClubId(club)));
        }
        return Resolved::Ambiguous(
            std::iter::once(club)
                .chain(others)
                .map(|c| model.club_name(ClubId(c)).to_string())
                .collect(),
        );
    }
    let words: Vec<String> = fold(name).split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return Resolved::Nothing;
    }
    let whole_words: Vec<PersonId> = roster
        .players
        .iter()
        .copied()
        .filter(|&p| {
            let person = &model.people[p];
            std::iter::once(&person.name)
                .chain(&person.aliases)
                .any(|candidate| {
                    let folded = fold(candidate);
                    let have: Vec<&str> = folded.split_whitespace().collect();
                    words.iter().all(|word| have.contains(&word.as_str()))
                })
        })
        .collect();
    let candidates = if whole_words.is_empty() {
        // A fuzzy query settles on one player only when nobody else matches it at all.
        roster.matching(name)
    } else {
        whole_words
    };
    match candidates.as_slice() {
        [] => Resolved::Nothing,
        [one] => Resolved::One(person_watch(&model.people[*one])),
        many => Resolved::Ambiguous(many.iter().map(|&p| model.people[p].name.clone()).collect()),
    }
}

/// What changed between two days, watched players and clubs first. The dashboard's overlay
/// and `mercato digest` both show this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Digest {
    pub since: NaiveDate,
    pub as_of: NaiveDate,
    pub new_articles: usize,
    /// New articles per source, most first.
    pub sources: Vec<SourceCount>,
    /// Rumours first reported by the new articles.
    pub rumours: Vec<RumourNews>,
    /// Earlier rumours whose deal stage the new articles moved.
    pub stage_changes: Vec<StageChange>,
    /// Contracts whose end date a new article changed.
    pub contract_changes: Vec<ContractChange>,
    /// Pre-contract windows that opened after `since`, up to `as_of`.
    pub windows_opened: Vec<ContractNews>,
    /// Contracts that ended after `since`, before `as_of`.
    pub expired: Vec<ContractNews>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    pub source: String,
    pub articles: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RumourNews {
    pub player: String,
    pub club: String,
    /// The deal stage as of the digest's date.
    pub stage: &'static str,
    pub sources: Vec<String>,
    pub articles: usize,
    pub watched: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageChange {
    pub player: String,
    pub club: String,
    pub from: &'static str,
    pub to: &'static str,
    pub watched: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractChange {
    pub player: String,
    pub club: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub watched: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractNews {
    pub player: String,
    pub club: Option<String>,
    /// The day it happened: the window's first day, or the contract's last.
    pub date: NaiveDate,
    pub expires: NaiveDate,
    pub watched: bool,
}

impl Digest {
    /// Whether there is anything to tell.
    pub fn is_empty(&self) -> bool {
        self.new_articles == 0
            && self.rumours.is_empty()
            && self.stage_changes.is_empty()
            && self.contract_changes.is_empty()
            && self.windows_opened.is_empty()
            && self.expired.is_empty()
    }

    /// The digest as lines of plain text, watched players and clubs marked with `mark`.
    pub fn lines(&self, mark: &str) -> Vec<String> {
        let star = |watched: bool| {
            if watched {
                format!("{mark} ")
            } else {
                String::new()
            }
        };
        let club =
            |club: &Option<String>| club.as_ref().map_or(String::new(), |c| format!(" ({c})"));
        let mut lines = vec![format!("Since {} (as of {})", self.since, self.as_of)];
        if self.is_empty() {
            lines.push("Nothing new.".to_string());
            return lines;
        }
        let mut line = format!("New articles: {}", self.new_articles);
        if !self.sources.is_empty() {
            let per: Vec<String> = self
                .sources
                .iter()
                .map(|s| format!("{} {}", s.source, s.articles))
                .collect();
            line.push_str(&format!(" ({})", per.join(", ")));
        }
        lines.push(line);
        let mut section = |title: String, rows: Vec<String>| {
            if !rows.is_empty() {
                lines.push(title);
                lines.extend(rows.into_iter().map(|row| format!("  {row}")));
            }
        };
        section(
            format!("New rumours: {}", self.rumours.len()),
            self.rumours
                .iter()
                .map(|r| {
                    let sources = if r.sources.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", r.sources.join(", "))
                    };
                    format!(
                        "{}{} → {} ({}){sources}",
                        star(r.watched),
                        r.player,
                        r.club,
                        r.stage
                    )
                })
                .collect(),
        );
        section(
            "Deal stages moved:".to_string(),
            self.stage_changes
                .iter()
                .map(|c| {
                    let (star, player, club) = (star(c.watched), &c.player, &c.club);
                    format!("{star}{player} → {club}: {} → {}", c.from, c.to)
                })
                .collect(),
        );
        section(
            "Contract dates changed:".to_string(),
            self.contract_changes
                .iter()
                .map(|c| {
                    format!(
                        "{}{}{}: {} → {}",
                        star(c.watched),
                        c.player,
                        club(&c.club),
                        c.from,
                        c.to
                    )
                })
                .collect(),
        );
        section(
            "Pre-contract windows opened:".to_string(),
            self.windows_opened
                .iter()
                .map(|c| {
                    format!(
                        "{}{}{}: open since {}, ends {}",
                        star(c.watched),
                        c.player,
                        club(&c.club),
                        c.date,
                        c.expires
                    )
                })
                .collect(),
        );
        section(
            "Contracts expired:".to_string(),
            self.expired
                .iter()
                .map(|c| {
                    format!(
                        "{}{}{}: ended {}",
                        star(c.watched),
                        c.player,
                        club(&c.club),
                        c.date
                    )
                })
                .collect(),
        );
        lines
    }
}

/// The model's articles whose ids are in `ids` (the library's new ones).
pub fn articles_with_ids(model: &Model, ids: &HashSet<String>) -> HashSet<ArticleId> {
    model
        .articles
        .iter()
        .enumerate()
        .filter(|(_, article)| ids.contains(&article.id))
        .map(|(at, _)| ArticleId(at))
        .collect()
}

/// The model's articles dated on or after `since` (for articles that come with no record of
/// when they arrived: files).
pub fn articles_dated_from(model: &Model, since: NaiveDate) -> HashSet<ArticleId> {
    model
        .articles
        .iter()
        .enumerate()
        .filter(|(_, article)| article.date.is_some_and(|date| date >= since))
        .map(|(at, _)| ArticleId(at))
        .collect()
}

/// What changed: the `new` articles (counted per source), the rumours they started and the
/// contract dates they changed; and, from the dates alone, the pre-contract windows that
/// opened and the contracts that ended after `since` up to `as_of`. Watched players and clubs
/// come first in every list. (Deal stages, once the model has them, belong here too.)
pub fn digest(
    model: &Model,
    watchlist: &Watchlist,
    new: &HashSet<ArticleId>,
    since: NaiveDate,
    as_of: NaiveDate,
) -> Digest {
    let watched_person = |id: PersonId| {
        model
            .person(id)
            .is_some_and(|p| watchlist.watches_person(p))
    };
    let mut sources: BTreeMap<String, usize> = BTreeMap::new();
    for &id in new {
        // As the articles list names it: the article's source, else the first one it cites.
        let source = model.article(id).and_then(|article| {
            article.source.clone().or_else(|| {
                model
                    .extractions
                    .get(id.0)
                    .and_then(|facts| facts.sources.first().cloned())
            })
        });
        *sources
            .entry(source.unwrap_or_else(|| "no source".into()))
            .or_default() += 1;
    }
    let mut sources: Vec<SourceCount> = sources
        .into_iter()
        .map(|(source, articles)| SourceCount { source, articles })
        .collect();
    sources.sort_by_key(|s| std::cmp::Reverse(s.articles));

    let watched_rumour = |rumour: &crate::model::Rumour| {
        watched_person(rumour.player) || watchlist.watches_club(model, rumour.club)
    };
    let (mut started, mut continued): (Vec<_>, Vec<_>) = model
        .listed_rumours()
        .map(|(_, rumour)| rumour)
        .filter(|rumour| rumour.articles.iter().any(|a| new.contains(a)))
        .partition(|rumour| rumour.articles.iter().all(|a| new.contains(a)));
    started.sort_by(|a, b| {
        watched_rumour(b)
            .cmp(&watched_rumour(a))
            .then_with(|| model.strongest_first(a, b))
    });
    let rumours = started
        .into_iter()
        .map(|rumour| RumourNews {
            player: model.people[rumour.player].name.clone(),
            club: model.club_name(rumour.club).to_string(),
            stage: intel::assess(model, rumour, as_of)
                .map_or(Stage::Linked, |assessment| assessment.stage)
                .name(),
            sources: rumour.sources.clone(),
            articles: rumour.articles.len(),
            watched: watched_rumour(rumour),
        })
        .collect();
    continued.sort_by(|a, b| {
        watched_rumour(b)
            .cmp(&watched_rumour(a))
            .then_with(|| model.strongest_first(a, b))
    });
    let stage_changes = continued
        .into_iter()
        .filter_map(|rumour| {
            let assessment = intel::assess(model, rumour, as_of)?;
            // The stage before the news: the last step an older article took.
            let before = assessment
                .ladder
                .iter()
                .rev()
                .find(|step| !new.contains(&step.evidence.article))?
                .stage;
            (before != assessment.stage).then(|| StageChange {
                player: model.people[rumour.player].name.clone(),
                club: model.club_name(rumour.club).to_string(),
                from: before.name(),
                to: assessment.stage.name(),
                watched: watched_rumour(rumour),
            })
        })
        .collect();

    let club_of = |club: Option<ClubId>| club.map(|c| model.club_name(c).to_string());
    let contract_watched = |c: &crate::model::Contract| {
        watched_person(c.player)
            || c.club
                .is_some_and(|club| watchlist.watches_club(model, club))
    };
    let mut contract_changes = Vec::new();
    let mut windows_opened = Vec::new();
    let mut expired = Vec::new();
    for contract in &model.contracts {
        let player = model.people[contract.player].name.clone();
        let watched = contract_watched(contract);
        // Evidence runs oldest to newest: the date before the news is the last old one's.
        let before = contract
            .evidence
            .iter()
            .rev()
            .find(|e| !new.contains(&e.evidence.article))
            .map(|e| e.expires);
        if let Some(from) = before.filter(|&from| from != contract.expires) {
            contract_changes.push(ContractChange {
                player: player.clone(),
                club: club_of(contract.club),
                from,
                to: contract.expires,
                watched,
            });
        }
        let opened = contract.precontract_from;
        if since < opened && opened <= as_of && as_of <= contract.expires {
            windows_opened.push(ContractNews {
                player: player.clone(),
                club: club_of(contract.club),
                date: opened,
                expires: contract.expires,
                watched,
            });
        }
        if since <= contract.expires && contract.expires < as_of {
            expired.push(ContractNews {
                player,
                club: club_of(contract.club),
                date: contract.expires,
                expires: contract.expires,
                watched,
            });
        }
    }
    let watched_first = |list: &mut Vec<ContractNews>| {
        list.sort_by(|a, b| {
            b.watched
                .cmp(&a.watched)
                .then(a.date.cmp(&b.date))
                .then_with(|| a.player.cmp(&b.player))
        });
    };
    watched_first(&mut windows_opened);
    watched_first(&mut expired);
    contract_changes.sort_by(|a, b| {
        b.watched
            .cmp(&a.watched)
            .then_with(|| a.player.cmp(&b.player))
    });
    Digest {
        since,
        as_of,
        new_articles: new.len(),
        sources,
        rumours,
        stage_changes,
        contract_changes,
        windows_opened,
        expired,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Corpus};
    use crate::store::WatchedPlayer;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn article(id: &str, date: &str, source: &str, body: &str) -> Article {
        Article {
            id: id.to_string(),
            path: format!("{id}.txt"),
            date: Some(day(date)),
            date_is_fetch: false,
            title: String::new(),
            source: Some(source.to_string()),
            url: None,
            body: body.to_string(),
        }
    }

    fn model(articles: Vec<Article>) -> (Model, Gazetteer) {
        let gazetteer = Gazetteer::embedded().unwrap();
        let corpus = Corpus {
            articles,
            problems: Vec::new(),
        };
        (Model::build(corpus, &gazetteer), gazetteer)
    }

    fn watching(names: &[&str]) -> Watchlist {
        Watchlist::new(&UserState {
            players: names
                .iter()
                .map(|name| WatchedPlayer {
                    name: name.to_string(),
                    key: fold(name),
                    added: None,
                })
                .collect(),
            ..UserState::default()
        })
    }

    #[test]
    fn a_watched_player_is_known_by_any_form_of_his_name_accents_aside() {
        let (model, _) = model(vec![article(
            "a",
            "2021-01-13",
            "AS",
            "Luka Modrić has been linked with a move to Inter Miami.",
        )]);
        let modric = model.person_named("Luka Modric").unwrap();
        assert!(watching(&["luka modric"]).watches_person(&model.people[modric]));
        assert!(!watching(&["Sergio Ramos"]).watches_person(&model.people[modric]));
        assert_eq!(
            person_watch(&model.people[modric]),
            Watch::Player {
                key: "luka modric".into(),
                name: "Luka Modrić".into()
            }
        );
    }

    #[test]
    fn a_typed_name_resolves_to_one_player_a_club_or_says_who_it_could_be() {
        let (model, gazetteer) = model(vec![
            article(
                "a",
                "2021-01-10",
                "AS",
                "Sergio Ramos has been linked with Juventus. Arsenal are monitoring \
                 Ben White. Chelsea want Ben Chilwell.",
            ),
            article(
                "b",
                "2021-01-11",
                "AS",
                "Lyon are tracking Ben Godfrey as well.",
            ),
        ]);
        let roster = Roster::new(&model);
        let resolve = |name| resolve(&model, &roster, &gazetteer, name);
        assert!(
            matches!(resolve("ramos"), Resolved::One(Watch::Player { name, .. }) if name == "Sergio Ramos")
        );
        assert!(
            matches!(resolve("rmaos"), Resolved::One(Watch::Player { name, .. }) if name == "Sergio Ramos")
        );
        assert_eq!(
            resolve("juve"),
            Resolved::One(Watch::Club {
                name: "Juventus".into()
            })
        );
        match resolve("madrid") {
            Resolved::Ambiguous(clubs) => {
                assert_eq!(clubs[0], "Real Madrid");
                assert!(clubs.contains(&"Atlético Madrid".to_string()), "{clubs:?}");
            }
            other => panic!("madrid could be either: {other:?}"),
        }
        assert_eq!(
            resolve("real madrid"),
            Resolved::One(Watch::Club {
                name: "Real Madrid".into()
            })
        );
        match resolve("ben") {
            Resolved::Ambiguous(names) => assert!(names.len() >= 2, "{names:?}"),
            other => panic!("ben should be ambiguous: {other:?}"),
        }
        assert_eq!(resolve("zzzzzz"), Resolved::Nothing);
    }

    #[test]
    fn the_digest_tells_new_rumours_changed_dates_open_windows_and_ends_watched_first() {
        let (model, _) = model(vec![
            article(
                "old",
                "2021-01-05",
                "AS",
                "Sergio Ramos's contract expires in June 2021. Eden Hazard has a contract \
                 until June 2022. Marcelo's contract runs out in December 2020.",
            ),
            article(
                "new1",
                "2021-01-12",
                "Diario Gol",
                "Juventus have offered Sergio Ramos a deal. Real Madrid have extended \
                 Eden Hazard's contract until June 2024.",
            ),
            article(
                "new2",
                "2021-01-12",
                "Marca",
                "Liverpool have been linked with Eden Hazard.",
            ),
        ]);
        let new = articles_with_ids(
            &model,
            &HashSet::from(["new1".to_string(), "new2".to_string()]),
        );
        let digest = digest(
            &model,
            &watching(&["Sergio Ramos"]),
            &new,
            day("2020-12-20"),
            day("2021-01-13"),
        );
        assert_eq!(digest.new_articles, 2);
        assert_eq!(digest.sources.len(), 2);
        let rumours: Vec<(&str, &str, bool)> = digest
            .rumours
            .iter()
            .map(|r| (r.player.as_str(), r.club.as_str(), r.watched))
            .collect();
        assert_eq!(rumours.first(), Some(&("Sergio Ramos", "Juventus", true)));
        assert!(
            rumours.contains(&("Eden Hazard", "Liverpool", false)),
            "{rumours:?}"
        );
        let hazard = digest
            .contract_changes
            .iter()
            .find(|c| c.player == "Eden Hazard")
            .unwrap();
        assert_eq!(
            (hazard.from, hazard.to),
            (day("2022-06-30"), day("2024-06-30"))
        );
        assert_eq!(digest.windows_opened[0].player, "Sergio Ramos");
        assert_eq!(digest.windows_opened[0].date, day("2021-01-01"));
        assert!(digest.windows_opened[0].watched);
        let expired: Vec<(&str, NaiveDate)> = digest
            .expired
            .iter()
            .map(|c| (c.player.as_str(), c.date))
            .collect();
        assert_eq!(expired, [("Marcelo", day("2020-12-31"))]);

        let lines = digest.lines("*");
        assert_eq!(lines[0], "Since 2020-12-20 (as of 2021-01-13)");
        assert!(
            lines
                .iter()
                .any(|l| l == "  * Sergio Ramos → Juventus (bid) · Diario Gol"),
            "{lines:#?}"
        );
    }

    #[test]
    fn the_digest_tells_how_far_an_older_rumour_moved() {
        let (model, _) = model(vec![
            article(
                "old",
                "2021-01-02",
                "AS",
                "Chelsea are monitoring Declan Rice ahead of the summer window.",
            ),
            article(
                "new",
                "2021-01-12",
                "Sky Sports",
                "Chelsea have submitted a bid for Declan Rice.",
            ),
        ]);
        let new = articles_with_ids(&model, &HashSet::from(["new".to_string()]));
        let digest = digest(
            &model,
            &watching(&["Declan Rice"]),
            &new,
            day("2021-01-10"),
            day("2021-01-13"),
        );
        assert!(digest.rumours.is_empty(), "{:?}", digest.rumours);
        assert_eq!(
            digest.stage_changes,
            [StageChange {
                player: "Declan Rice".into(),
                club: "Chelsea".into(),
                from: "interest",
                to: "bid",
                watched: true,
            }]
        );
        assert!(
            digest
                .lines("*")
                .contains(&"  * Declan Rice → Chelsea: interest → bid".to_string())
        );
    }

    #[test]
    fn nothing_new_says_so() {
        let (model, _) = model(vec![article(
            "a",
            "2021-01-05",
            "AS",
            "Sergio Ramos has been linked with Juventus.",
        )]);
        let digest = digest(
            &model,
            &Watchlist::default(),
            &HashSet::new(),
            day("2021-01-10"),
            day("2021-01-13"),
        );
        assert!(digest.is_empty());
        assert_eq!(digest.lines("★")[1], "Nothing new.");
    }
}
