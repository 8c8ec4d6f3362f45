//! The in-memory model: articles, the people and clubs they name, the rumours and the
//! contracts, merged across the whole corpus. Built once; read by the TUI and the CLI.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::corpus::{Article, Corpus, LoadProblem};
use crate::countdown::precontract_from;
use crate::extract::{Extraction, extract};
use crate::gazetteer::{Gazetteer, Role, within_one_edit};
use crate::text::fold;

/// A sentence of an article that supports a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Index into [`Model::articles`].
    pub article: usize,
    /// Byte range of the sentence in the article body.
    pub span: Range<usize>,
}

/// A person named anywhere in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Role,
    /// The club the most recent article puts the player at.
    pub club: Option<String>,
    /// Indices into [`Model::articles`], in corpus order.
    pub articles: Vec<usize>,
}

/// A player linked with a club, with every sentence that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rumour {
    /// Index into [`Model::people`].
    pub player: usize,
    pub club: String,
    pub articles: Vec<usize>,
    pub sources: Vec<String>,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    pub evidence: Vec<Evidence>,
}

/// One sentence's word on when a contract ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractEvidence {
    pub evidence: Evidence,
    pub expires: NaiveDate,
}

/// A player's contract: the end date the latest article gives, and every other date any
/// article gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub player: usize,
    pub club: Option<String>,
    pub expires: NaiveDate,
    /// First day a foreign club may agree a pre-contract: six months before expiry.
    pub precontract_from: NaiveDate,
    /// Other end dates stated by some article, when sources disagree.
    pub conflicts: Vec<NaiveDate>,
    pub evidence: Vec<ContractEvidence>,
}

/// The whole corpus, read.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub articles: Vec<Article>,
    /// What was read from each article, parallel to `articles`.
    pub extractions: Vec<Extraction>,
    /// Club names by gazetteer id, for reading `extractions`.
    pub club_names: Vec<String>,
    /// Per article, the model index of each of its extraction's people.
    pub article_people: Vec<Vec<usize>>,
    pub people: Vec<Person>,
    pub rumours: Vec<Rumour>,
    pub contracts: Vec<Contract>,
    pub problems: Vec<LoadProblem>,
}

/// Article dates order facts; an undated article counts as the oldest.
fn recency(articles: &[Article], index: usize) -> (Option<NaiveDate>, usize) {
    (articles[index].date, index)
}

/// A person already known under a slightly different spelling: among those with the same
/// folded surname, first names one edit apart ("Luca Modric" for Luka Modrić).
fn similar_person(folded_names: &[String], namesakes: &[usize], key: &str) -> Option<usize> {
    let first = key
        .split_whitespace()
        .next()
        .filter(|_| key.contains(' '))?;
    namesakes.iter().copied().find(|&id| {
        let theirs = &folded_names[id];
        theirs.split_whitespace().next().is_some_and(|their_first| {
            theirs.contains(' ')
                && their_first.len() >= 3
                && first.len() >= 3
                && within_one_edit(their_first, first)
        })
    })
}

impl Model {
    /// Reads every article of the corpus (in parallel) and merges what they say.
    pub fn build(corpus: Corpus, gazetteer: &Gazetteer) -> Self {
        let extractions: Vec<Extraction> = corpus
            .articles
            .par_iter()
            .map(|article| {
                extract(
                    gazetteer,
                    &article.body,
                    article.date,
                    article.source.as_deref(),
                )
            })
            .collect();
        let mut model = Self {
            articles: corpus.articles,
            extractions,
            club_names: gazetteer
                .clubs
                .iter()
                .map(|club| club.name.clone())
                .collect(),
            problems: corpus.problems,
            ..Self::default()
        };
        let identities = model.merge_people();
        model.merge_rumours(&identities);
        model.merge_contracts(&identities);
        model.article_people = identities;
        model
    }

    /// Merges the people of every article into one list; returns, per article, the model
    /// index of each of its people.
    fn merge_people(&mut self) -> Vec<Vec<usize>> {
        let mut by_key: HashMap<String, usize> = HashMap::new();
        // Folded surname → people, to find other spellings of a name without a scan.
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        let mut roles: Vec<HashMap<Role, usize>> = Vec::new();
        // Folded canonical names, parallel to `self.people`.
        let mut folded_names: Vec<String> = Vec::new();
        let mut identities = Vec::with_capacity(self.extractions.len());
        for (article, extraction) in self.extractions.iter().enumerate() {
            let mut ids = Vec::with_capacity(extraction.people.len());
            for fact in &extraction.people {
                let key = fold(&fact.name);
                let id = match by_key.get(&key) {
                    Some(&id) => id,
                    None => {
                        let surname = key
                            .split_whitespace()
                            .last()
                            .unwrap_or_default()
                            .to_string();
                        let namesakes = by_surname.entry(surname).or_default();
                        let id =
                            similar_person(&folded_names, namesakes, &key).unwrap_or_else(|| {
                                folded_names.push(key.clone());
                                self.people.push(Person {
                                    name: fact.name.clone(),
                                    aliases: Vec::new(),
                                    role: fact.role,
                                    club: None,
                                    articles: Vec::new(),
                                });
                                roles.push(HashMap::new());
                                namesakes.push(self.people.len() - 1);
                                self.people.len() - 1
                            });
                        by_key.insert(key, id);
                        id
                    }
                };
                let person = &mut self.people[id];
                for alias in std::iter::once(&fact.name).chain(&fact.aliases) {
                    if *alias != person.name && !person.aliases.contains(alias) {
                        person.aliases.push(alias.clone());
                    }
                }
                if person.articles.last() != Some(&article) {
                    person.articles.push(article);
                }
                *roles[id].entry(fact.role).or_default() += 1;
                ids.push(id);
            }
            identities.push(ids);
        }
        // The role most articles give; on a tie, the one that is not the default (player).
        for (person, counts) in self.people.iter_mut().zip(roles) {
            if let Some((role, _)) = counts.into_iter().max_by_key(|(role, count)| {
                (*count, *role != Role::Player, std::cmp::Reverse(*role))
            }) {
                person.role = role;
            }
        }
        // Current club: the latest article that states one.
        let mut latest: HashMap<usize, ((Option<NaiveDate>, usize), usize)> = HashMap::new();
        for (article, extraction) in self.extractions.iter().enumerate() {
            for link in &extraction.current_clubs {
                let person = identities[article][link.person];
                let when = recency(&self.articles, article);
                if latest.get(&person).is_none_or(|(seen, _)| when >= *seen) {
                    latest.insert(person, (when, link.club));
                }
            }
        }
        for (person, (_, club)) in latest {
            self.people[person].club = Some(self.club_names[club].clone());
        }
        identities
    }

    fn merge_rumours(&mut self, identities: &[Vec<usize>]) {
        let mut index: HashMap<(usize, String), usize> = HashMap::new();
        for (article, extraction) in self.extractions.iter().enumerate() {
            let date = self.articles[article].date;
            for fact in &extraction.rumours {
                let player = identities[article][fact.person];
                let club = &self.club_names[fact.club];
                if self.people[player].club.as_ref() == Some(club) {
                    continue;
                }
                let id = *index.entry((player, club.clone())).or_insert_with(|| {
                    self.rumours.push(Rumour {
                        player,
                        club: club.clone(),
                        articles: Vec::new(),
                        sources: Vec::new(),
                        first_seen: None,
                        last_seen: None,
                        evidence: Vec::new(),
                    });
                    self.rumours.len() - 1
                });
                let rumour = &mut self.rumours[id];
                if !rumour.articles.contains(&article) {
                    rumour.articles.push(article);
                }
                for source in &fact.sources {
                    if !rumour.sources.contains(source) {
                        rumour.sources.push(source.clone());
                    }
                }
                if let Some(date) = date {
                    rumour.first_seen = Some(rumour.first_seen.map_or(date, |seen| seen.min(date)));
                    rumour.last_seen = Some(rumour.last_seen.map_or(date, |seen| seen.max(date)));
                }
                let evidence = Evidence {
                    article,
                    span: fact.sentence.clone(),
                };
                if !rumour.evidence.contains(&evidence) {
                    rumour.evidence.push(evidence);
                }
            }
        }
    }

    fn merge_contracts(&mut self, identities: &[Vec<usize>]) {
        let mut by_player: HashMap<usize, Vec<(ContractEvidence, Option<usize>)>> = HashMap::new();
        for (article, extraction) in self.extractions.iter().enumerate() {
            for fact in &extraction.contracts {
                let player = identities[article][fact.person];
                by_player.entry(player).or_default().push((
                    ContractEvidence {
                        evidence: Evidence {
                            article,
                            span: fact.sentence.clone(),
                        },
                        expires: fact.expires,
                    },
                    fact.club,
                ));
            }
        }
        let mut players: Vec<usize> = by_player.keys().copied().collect();
        players.sort_unstable();
        for player in players {
            let Some(mut facts) = by_player.remove(&player) else {
                continue;
            };
            facts.sort_by_key(|(fact, _)| recency(&self.articles, fact.evidence.article));
            let Some((latest, club)) = facts.last() else {
                continue;
            };
            let expires = latest.expires;
            let club = club
                .map(|club| self.club_names[club].clone())
                .or_else(|| self.people[player].club.clone());
            let mut conflicts: Vec<NaiveDate> = facts
                .iter()
                .map(|(fact, _)| fact.expires)
                .filter(|date| *date != expires)
                .collect();
            conflicts.sort_unstable();
            conflicts.dedup();
            self.contracts.push(Contract {
                player,
                club,
                expires,
                precontract_from: precontract_from(expires),
                conflicts,
                evidence: facts.into_iter().map(|(fact, _)| fact).collect(),
            });
        }
    }

    /// The people whose role is player.
    pub fn players(&self) -> impl Iterator<Item = (usize, &Person)> {
        self.people
            .iter()
            .enumerate()
            .filter(|(_, person)| person.role == Role::Player)
    }

    /// The person with this name or alias (accent- and case-insensitive).
    pub fn person_named(&self, name: &str) -> Option<usize> {
        let wanted = fold(name.trim());
        self.people.iter().position(|person| {
            std::iter::once(&person.name)
                .chain(&person.aliases)
                .any(|candidate| fold(candidate) == wanted)
        })
    }

    /// A player's rumours, strongest (most articles) first.
    pub fn rumours_of(&self, player: usize) -> Vec<&Rumour> {
        let mut rumours: Vec<&Rumour> =
            self.rumours.iter().filter(|r| r.player == player).collect();
        rumours.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(b.evidence.len().cmp(&a.evidence.len()))
                .then(a.club.cmp(&b.club))
        });
        rumours
    }

    pub fn contract_of(&self, player: usize) -> Option<&Contract> {
        self.contracts
            .iter()
            .find(|contract| contract.player == player)
    }

    /// The text of an evidence sentence.
    pub fn evidence_text(&self, evidence: &Evidence) -> &str {
        self.articles
            .get(evidence.article)
            .and_then(|article| article.body.get(evidence.span.clone()))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    fn article(id: &str, date: Option<&str>, body: &str) -> Article {
        Article {
            id: id.to_string(),
            path: format!("{id}.txt"),
            date: date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            title: String::new(),
            source: None,
            url: None,
            body: body.to_string(),
        }
    }

    fn build(articles: Vec<Article>) -> Model {
        let corpus = Corpus {
            articles,
            problems: Vec::new(),
        };
        Model::build(corpus, &Gazetteer::embedded().unwrap())
    }

    #[test]
    fn spellings_across_articles_are_one_person() {
        let model = build(vec![
            article(
                "a",
                Some("2023-01-01"),
                "Tomás Eriksberg is wanted by Celtic.",
            ),
            article(
                "b",
                Some("2023-02-01"),
                "Tomas Eriksberg is a target for Rangers.",
            ),
            article(
                "c",
                Some("2023-03-01"),
                "Jordon Eriksberg is linked with Hearts.",
            ),
        ]);
        let players: Vec<&str> = model.players().map(|(_, p)| p.name.as_str()).collect();
        assert_eq!(players, ["Tomás Eriksberg", "Jordon Eriksberg"]);
        let tomas = model.person_named("tomas eriksberg").unwrap();
        assert_eq!(model.people[tomas].articles, [0, 1]);
        assert_eq!(model.rumours_of(tomas).len(), 2);
    }

    #[test]
    fn contracts_keep_the_latest_date_and_flag_conflicts() {
        let model = build(vec![
            article(
                "new",
                Some("2023-05-01"),
                "Jordan McAllister's contract at Celtic expires in 2025.",
            ),
            article(
                "old",
                Some("2022-05-01"),
                "Jordan McAllister's deal at Celtic runs until June 2024.",
            ),
        ]);
        let id = model.person_named("Jordan McAllister").unwrap();
        let contract = model.contract_of(id).unwrap();
        assert_eq!(contract.expires.to_string(), "2025-06-30");
        assert_eq!(
            contract
                .conflicts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["2024-06-30"]
        );
        assert_eq!(contract.precontract_from.to_string(), "2025-01-01");
        assert_eq!(contract.club.as_deref(), Some("Celtic"));
        assert_eq!(model.people[id].club.as_deref(), Some("Celtic"));
    }

    #[test]
    fn rumours_to_the_current_club_are_dropped_across_articles() {
        let model = build(vec![
            article(
                "a",
                Some("2023-01-01"),
                "Celtic are keen on Jordan McAllister.",
            ),
            article(
                "b",
                Some("2023-06-01"),
                "Jordan McAllister, who plays for Celtic, is wanted by Leeds United.",
            ),
        ]);
        let id = model.person_named("Jordan McAllister").unwrap();
        let clubs: Vec<&str> = model
            .rumours_of(id)
            .iter()
            .map(|r| r.club.as_str())
            .collect();
        assert_eq!(clubs, ["Leeds United"]);
        let leeds = model.rumours_of(id)[0];
        assert_eq!(
            leeds.first_seen.map(|d| d.to_string()).as_deref(),
            Some("2023-06-01")
        );
    }
}
