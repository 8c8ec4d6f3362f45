//! The in-memory model: articles, the people and clubs they name, the rumours and the
//! contracts, merged across the whole corpus. Built from a corpus, then grown by
//! [`Model::ingest`]; read by the TUI and the CLI.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::corpus::{Article, Corpus, LoadProblem};
use crate::countdown::precontract_from;
use crate::extract::{ClubLink, Extraction, Mention, MentionKind, RumourFact, Stage, extract};
use crate::facts::Facts;
use crate::gazetteer::{Gazetteer, Role, within_one_edit};
use crate::progress::{self, LoadProgress};
use crate::search::SearchIndex;
use crate::text::fold;

/// A club, by its gazetteer id: the same in every model built from the same gazetteer, and
/// stable as articles are ingested. [`Model::club_name`] names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClubId(pub usize);

/// A person of the model. People are only ever added, so an id stays valid, and names the
/// same person, as articles are ingested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub usize);

impl std::ops::Index<PersonId> for Vec<Person> {
    type Output = Person;
    fn index(&self, id: PersonId) -> &Person {
        &self[id.0]
    }
}

impl std::ops::IndexMut<PersonId> for Vec<Person> {
    fn index_mut(&mut self, id: PersonId) -> &mut Person {
        &mut self[id.0]
    }
}

/// An article of the model. Articles are only ever added (an updated one keeps its place),
/// so an id stays valid as articles are ingested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub usize);

impl std::ops::Index<ArticleId> for [Article] {
    type Output = Article;
    fn index(&self, id: ArticleId) -> &Article {
        &self[id.0]
    }
}

impl std::ops::Index<ArticleId> for Vec<Article> {
    type Output = Article;
    fn index(&self, id: ArticleId) -> &Article {
        &self[id.0]
    }
}

/// A sentence of an article that supports a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub article: ArticleId,
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
    pub club: Option<ClubId>,
    /// In corpus order.
    pub articles: Vec<ArticleId>,
}

/// A player linked with a club, with every sentence that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rumour {
    pub player: PersonId,
    pub club: ClubId,
    pub articles: Vec<ArticleId>,
    pub sources: Vec<String>,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    /// The sentences that say so: the newest article's first, undated articles' last.
    pub evidence: Vec<Evidence>,
    /// How far each sentence says the move got (the evidence's, and those of moves
    /// completed), oldest first: undated articles count as the oldest, then corpus order.
    pub stages: Vec<StageEvidence>,
}

/// A sentence that says how far a rumour has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageEvidence {
    pub evidence: Evidence,
    pub stage: Stage,
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
    pub player: PersonId,
    pub club: Option<ClubId>,
    pub expires: NaiveDate,
    /// First day a foreign club may agree a pre-contract: six months before expiry.
    pub precontract_from: NaiveDate,
    /// Other end dates stated by some article, when sources disagree.
    pub conflicts: Vec<NaiveDate>,
    pub evidence: Vec<ContractEvidence>,
}

/// One highlighted span of an article body, packed: what the reader needs of a
/// [`Mention`](crate::extract::Mention) once the model is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    start: u32,
    end: u32,
    /// The kind in the top two bits, its id below.
    kind: u32,
}

const KIND_SHIFT: u32 = 30;
const ID_MASK: u32 = (1 << KIND_SHIFT) - 1;

impl Highlight {
    /// Packs a mention; `None` for one that does not fit (past 4 GiB, or an id past 2^30).
    fn new(mention: &Mention) -> Option<Self> {
        let (tag, id) = match mention.kind {
            MentionKind::Person(id) => (0, id),
            MentionKind::Club(id) => (1, id),
            MentionKind::Source => (2, 0),
            MentionKind::Date => (3, 0),
        };
        let id = u32::try_from(id).ok().filter(|id| *id <= ID_MASK)?;
        Some(Self {
            start: u32::try_from(mention.span.start).ok()?,
            end: u32::try_from(mention.span.end).ok()?,
            kind: tag << KIND_SHIFT | id,
        })
    }

    /// Byte range in the article body.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// What the span names; a person is an index into [`ArticleFacts::people`].
    pub fn kind(&self) -> MentionKind {
        let id = (self.kind & ID_MASK) as usize;
        match self.kind >> KIND_SHIFT {
            0 => MentionKind::Person(id),
            1 => MentionKind::Club(id),
            2 => MentionKind::Source,
            _ => MentionKind::Date,
        }
    }
}

/// The mentions as highlights, in a vector of just their size (they are most of what the
/// model keeps per article).
pub fn packed(mentions: &[Mention]) -> Vec<Highlight> {
    let mut highlights = Vec::with_capacity(mentions.len());
    highlights.extend(mentions.iter().filter_map(Highlight::new));
    highlights
}

/// What the model keeps of one article's extraction: what the views and the export read
/// once the corpus is merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFacts {
    /// Each person the article names, in the order extraction found them.
    pub people: Vec<PersonId>,
    /// The forms of their names the article used: (index into `people`, index into that
    /// person's names: `0` the canonical name, `n` the alias `n - 1`).
    name_forms: Vec<(u32, u32)>,
    /// Gazetteer ids of the clubs mentioned, in order of first mention.
    pub clubs: Vec<usize>,
    /// Outlets and journalists the text cites.
    pub sources: Vec<String>,
    /// Highlighted spans, sorted by start.
    pub mentions: Vec<Highlight>,
    /// Clubs the article puts its people at (`person` indexes `people`).
    pub current_clubs: Vec<ClubLink>,
}

/// Evidence sentences kept apart from their article's body, one after another in one
/// string (a model of a large library keeps a million of them: one allocation each would
/// cost more than their text).
#[derive(Debug, Clone, Default)]
struct SentenceTexts {
    text: String,
    /// (article, start of the sentence in its body) → its range in `text`.
    ranges: HashMap<(ArticleId, usize), (u32, u32)>,
}

impl SentenceTexts {
    /// Keeps a sentence, unless the text kept so far is past 4 GiB.
    fn add(&mut self, article: ArticleId, start: usize, sentence: &str) {
        let from = u32::try_from(self.text.len());
        let to = u32::try_from(self.text.len() + sentence.len());
        if let (Ok(from), Ok(to)) = (from, to) {
            self.text.push_str(sentence);
            self.ranges.insert((article, start), (from, to));
        }
    }

    fn get(&self, article: ArticleId, start: usize) -> Option<&str> {
        let &(from, to) = self.ranges.get(&(article, start))?;
        self.text.get(from as usize..to as usize)
    }
}

/// The whole corpus, read. It grows: [`Model::ingest`] merges new articles into it without
/// a rebuild, and every index into its lists (articles, people, rumours) stays valid.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub articles: Vec<Article>,
    /// What was read from each article, parallel to `articles`.
    pub extractions: Vec<ArticleFacts>,
    /// Club names by gazetteer id, for reading `extractions`.
    pub club_names: Vec<String>,
    pub people: Vec<Person>,
    /// Every (player, club) pair ever linked, in the order first seen; those to the player's
    /// own club are kept but not listed (see [`Model::listed_rumours`]), since a later article may
    /// move him.
    pub rumours: Vec<Rumour>,
    /// One per player with a stated end date, sorted by player.
    pub contracts: Vec<Contract>,
    pub problems: Vec<LoadProblem>,
    /// The text of evidence sentences whose article body is not in memory (a model built
    /// from stored facts).
    sentences: SentenceTexts,
    /// What merging needs to place the next article.
    index: MergeIndex,
}

/// What an [`ingest`](Model::ingest) changed, so that views update just those rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// Indices of the articles added.
    pub articles: Range<usize>,
    /// People first named by the new articles: these ids (`PersonId(n)` for each `n`).
    pub new_people: Range<usize>,
    /// People the new articles name (new ones included), sorted.
    pub people: Vec<PersonId>,
    /// Rumours the new articles started or added to, sorted.
    pub rumours: Vec<usize>,
    /// Players whose contract the new articles stated, sorted.
    pub contracts: Vec<PersonId>,
    /// Some article replaced an older version of itself: the whole model was rebuilt.
    pub rebuilt: bool,
}

/// The players in the order lists show them (most rumours, most articles, name), with a fuzzy
/// index over their names: how the CLI and the dashboard find a player.
#[derive(Debug, Clone)]
pub struct Roster {
    /// In list order.
    pub players: Vec<PersonId>,
    /// Fuzzy search over their names (hit indices are positions in `players`).
    pub search: SearchIndex,
}

impl Roster {
    pub fn new(model: &Model) -> Self {
        let players = model.players_by_standing();
        let search = SearchIndex::new(players.iter().map(|&p| model.people[p].name.as_str()));
        Self { players, search }
    }

    /// The players a fuzzy, accent-insensitive query matches, best first (ties in list order).
    pub fn matching(&self, query: &str) -> Vec<PersonId> {
        self.search
            .search(query)
            .into_iter()
            .filter_map(|hit| self.players.get(hit.index).copied())
            .collect()
    }

    /// The player a name means: his exact name or alias (accents and case aside) first, else
    /// the best fuzzy match.
    pub fn find(&self, model: &Model, name: &str) -> Option<PersonId> {
        model
            .person_named(name)
            .filter(|person| self.players.contains(person))
            .or_else(|| self.matching(name).first().copied())
    }
}

/// Article dates order facts; an undated article counts as the oldest.
fn recency(articles: &[Article], id: ArticleId) -> (Option<NaiveDate>, ArticleId) {
    (articles[id].date, id)
}

/// A person already known under a slightly different spelling: among those with the same
/// folded surname, first names one edit apart ("Luca Modric" for Luka Modrić).
fn similar_person(folded_names: &[String], namesakes: &[PersonId], key: &str) -> Option<PersonId> {
    let first = key
        .split_whitespace()
        .next()
        .filter(|_| key.contains(' '))?;
    namesakes.iter().copied().find(|&id| {
        let theirs = &folded_names[id.0];
        theirs.split_whitespace().next().is_some_and(|their_first| {
            theirs.contains(' ')
                && their_first.len() >= 3
                && first.len() >= 3
                && within_one_edit(their_first, first)
        })
    })
}

/// Articles extracted in parallel per batch while the batch before is merged: the merge
/// overlaps extraction, and only one batch of full extractions is alive at a time.
const BATCH: usize = 256;

/// The lookups that place an article's facts among those already merged.
#[derive(Debug, Clone, Default)]
struct MergeIndex {
    /// Folded canonical names, parallel to `people`.
    folded_names: Vec<String>,
    by_key: HashMap<String, PersonId>,
    /// Folded surname → people, to find other spellings of a name without a scan.
    by_surname: HashMap<String, Vec<PersonId>>,
    /// Per person, how many article facts gave each role (indexed by [`Role::ALL`]).
    roles: Vec<[usize; Role::ALL.len()]>,
    /// Per person, the latest article that states a current club, and that club.
    latest: HashMap<PersonId, ((Option<NaiveDate>, ArticleId), usize)>,
    /// (player, gazetteer club id) → index into the rumours.
    rumour_index: HashMap<(PersonId, usize), usize>,
    /// Per player, every contract sentence with the club it names.
    contract_facts: HashMap<PersonId, Vec<(ContractEvidence, Option<usize>)>>,
    /// (player, gazetteer club id) → the stages said of the pair outside its rumour's
    /// evidence (a move done, talks collapsed), for that rumour whenever it appears.
    steps: HashMap<(PersonId, usize), Vec<StageEvidence>>,
}

/// The model's lists, borrowed apart from the articles so that merging can run while the
/// next batch of articles is extracted.
struct Merging<'m> {
    articles: &'m [Article],
    people: &'m mut Vec<Person>,
    rumours: &'m mut Vec<Rumour>,
    contracts: &'m mut Vec<Contract>,
    facts: &'m mut Vec<ArticleFacts>,
    sentences: &'m mut SentenceTexts,
    index: &'m mut MergeIndex,
    /// People, rumours and contracts touched since the merge began.
    touched_people: Vec<PersonId>,
    touched_rumours: Vec<usize>,
    touched_contracts: Vec<PersonId>,
}

impl Merging<'_> {
    /// Merges the next article's extraction and keeps what the views read of it, with the
    /// text of its evidence sentences when its body is not kept.
    fn add(&mut self, extraction: Extraction, sentences: Vec<(usize, String)>) {
        let article = ArticleId(self.facts.len());
        for (start, text) in sentences {
            self.sentences.add(article, start, &text);
        }
        let (ids, name_forms) = self.merge_people(article, &extraction);
        let when = recency(self.articles, article);
        // A move done makes the club his, as a stated current club does.
        let done = extraction
            .rumours
            .iter()
            .chain(&extraction.steps)
            .filter(|fact| fact.stage == Stage::Done)
            .map(|fact| (fact.person, fact.club));
        let current = extraction
            .current_clubs
            .iter()
            .map(|link| (link.person, link.club));
        for (person, club) in current.chain(done) {
            let person = ids[person];
            if self
                .index
                .latest
                .get(&person)
                .is_none_or(|(seen, _)| when >= *seen)
            {
                self.index.latest.insert(person, (when, club));
            }
        }
        self.merge_rumours(article, &ids, &extraction);
        self.merge_steps(article, &ids, &extraction.steps);
        for fact in &extraction.contracts {
            let player = ids[fact.person];
            self.touched_contracts.push(player);
            self.index.contract_facts.entry(player).or_default().push((
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
        self.touched_people.extend_from_slice(&ids);
        let Extraction {
            clubs,
            sources,
            mentions,
            current_clubs,
            ..
        } = extraction;
        self.facts.push(ArticleFacts {
            people: ids,
            name_forms,
            clubs,
            sources,
            mentions: packed(&mentions),
            current_clubs,
        });
    }

    /// Finds or adds the model person of each of the article's people; returns their ids
    /// and the forms of the name the article used.
    fn merge_people(
        &mut self,
        article: ArticleId,
        extraction: &Extraction,
    ) -> (Vec<PersonId>, Vec<(u32, u32)>) {
        let index = &mut *self.index;
        let mut ids = Vec::with_capacity(extraction.people.len());
        let mut name_forms = Vec::new();
        for (position, fact) in extraction.people.iter().enumerate() {
            let key = fold(&fact.name);
            let id = match index.by_key.get(&key) {
                Some(&id) => id,
                None => {
                    let surname = key
                        .split_whitespace()
                        .last()
                        .unwrap_or_default()
                        .to_string();
                    let namesakes = index.by_surname.entry(surname).or_default();
                    let id =
                        similar_person(&index.folded_names, namesakes, &key).unwrap_or_else(|| {
                            index.folded_names.push(key.clone());
                            self.people.push(Person {
                                name: fact.name.clone(),
                                aliases: Vec::new(),
                                role: fact.role,
                                club: None,
                                articles: Vec::new(),
                            });
                            index.roles.push([0; Role::ALL.len()]);
                            let id = PersonId(self.people.len() - 1);
                            namesakes.push(id);
                            id
                        });
                    index.by_key.insert(key, id);
                    id
                }
            };
            let person = &mut self.people[id];
            for alias in std::iter::once(&fact.name).chain(&fact.aliases) {
                let form = if *alias == person.name {
                    0
                } else if let Some(at) = person.aliases.iter().position(|known| known == alias) {
                    at + 1
                } else {
                    person.aliases.push(alias.clone());
                    person.aliases.len()
                };
                if let (Ok(position), Ok(form)) = (u32::try_from(position), u32::try_from(form)) {
                    name_forms.push((position, form));
                }
            }
            if person.articles.last() != Some(&article) {
                person.articles.push(article);
            }
            index.roles[id.0][fact.role as usize] += 1;
            ids.push(id);
        }
        (ids, name_forms)
    }

    /// Adds the article's rumours.
    fn merge_rumours(&mut self, article: ArticleId, ids: &[PersonId], extraction: &Extraction) {
        let date = self.articles[article].date;
        for fact in &extraction.rumours {
            let player = ids[fact.person];
            let id = *self
                .index
                .rumour_index
                .entry((player, fact.club))
                .or_insert_with(|| {
                    // Most rumours rest on one sentence: room for one of each to start.
                    self.rumours.push(Rumour {
                        player,
                        club: ClubId(fact.club),
                        articles: Vec::with_capacity(1),
                        sources: Vec::with_capacity(fact.sources.len()),
                        first_seen: None,
                        last_seen: None,
                        evidence: Vec::with_capacity(1),
                        stages: Vec::with_capacity(1),
                    });
                    let id = self.rumours.len() - 1;
                    if let Some(steps) = self.index.steps.get(&(player, fact.club)) {
                        self.rumours[id].stages.extend_from_slice(steps);
                    }
                    id
                });
            self.touched_rumours.push(id);
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
                rumour.stages.push(StageEvidence {
                    evidence: evidence.clone(),
                    stage: fact.stage,
                });
                rumour.evidence.push(evidence);
            }
        }
    }

    /// Records the article's stages that make no rumour, and adds each to the rumour of its
    /// pair.
    fn merge_steps(&mut self, article: ArticleId, ids: &[PersonId], steps: &[RumourFact]) {
        for fact in steps {
            let player = ids[fact.person];
            let step = StageEvidence {
                evidence: Evidence {
                    article,
                    span: fact.sentence.clone(),
                },
                stage: fact.stage,
            };
            let known = self.index.steps.entry((player, fact.club)).or_default();
            if known.contains(&step) {
                continue;
            }
            known.push(step.clone());
            if let Some(&id) = self.index.rumour_index.get(&(player, fact.club)) {
                self.touched_rumours.push(id);
                self.rumours[id].stages.push(step);
            }
        }
    }

    /// Works out what depends on every article naming a person (role, current club,
    /// contract) for the people touched, and says what changed.
    fn finish(mut self, articles: Range<usize>, first_new_person: usize) -> Change {
        for list in [&mut self.touched_people, &mut self.touched_contracts] {
            list.sort_unstable();
            list.dedup();
        }
        self.touched_rumours.sort_unstable();
        self.touched_rumours.dedup();
        for person in std::mem::take(&mut self.touched_people) {
            self.settle_person(person);
            self.touched_people.push(person);
            // The contract names the player's club when its sentence names none.
            if self.index.contract_facts.contains_key(&person) {
                self.touched_contracts.push(person);
            }
        }
        self.touched_contracts.sort_unstable();
        self.touched_contracts.dedup();
        for player in std::mem::take(&mut self.touched_contracts) {
            self.settle_contract(player);
            self.touched_contracts.push(player);
        }
        // Evidence newest first, undated last; in article order within an article.
        for &rumour in &self.touched_rumours {
            let rumour = &mut self.rumours[rumour];
            rumour.stages.sort_by_key(|step| {
                let evidence = &step.evidence;
                (
                    recency(self.articles, evidence.article),
                    evidence.span.start,
                )
            });
            rumour.evidence.sort_by_key(|evidence| {
                let date = self.articles[evidence.article].date;
                (
                    date.is_none(),
                    std::cmp::Reverse(date),
                    evidence.article,
                    evidence.span.start,
                )
            });
        }
        Change {
            articles,
            new_people: first_new_person..self.people.len(),
            people: self.touched_people,
            rumours: self.touched_rumours,
            contracts: self.touched_contracts,
            rebuilt: false,
        }
    }

    /// The role most articles give (on a tie, the one that is not the default, player), and
    /// the club of the latest article that states one.
    fn settle_person(&mut self, id: PersonId) {
        let person = &mut self.people[id];
        if let Some((role, _)) = Role::ALL
            .into_iter()
            .zip(self.index.roles[id.0])
            .filter(|(_, count)| *count > 0)
            .max_by_key(|(role, count)| (*count, *role != Role::Player, std::cmp::Reverse(*role)))
        {
            person.role = role;
        }
        if let Some((_, club)) = self.index.latest.get(&id) {
            person.club = Some(ClubId(*club));
        }
    }

    /// The player's contract: the end date of the latest article that gives one, and the
    /// other dates as conflicts.
    fn settle_contract(&mut self, player: PersonId) {
        let Some(facts) = self.index.contract_facts.get_mut(&player) else {
            return;
        };
        facts.sort_by_key(|(fact, _)| recency(self.articles, fact.evidence.article));
        let Some((latest, club)) = facts.last() else {
            return;
        };
        let expires = latest.expires;
        let club = club.map(ClubId).or(self.people[player].club);
        let mut conflicts: Vec<NaiveDate> = facts
            .iter()
            .map(|(fact, _)| fact.expires)
            .filter(|date| *date != expires)
            .collect();
        conflicts.sort_unstable();
        conflicts.dedup();
        let contract = Contract {
            player,
            club,
            expires,
            precontract_from: precontract_from(expires),
            conflicts,
            evidence: facts.iter().map(|(fact, _)| fact.clone()).collect(),
        };
        match self
            .contracts
            .binary_search_by_key(&player, |contract| contract.player)
        {
            Ok(at) => self.contracts[at] = contract,
            Err(at) => self.contracts.insert(at, contract),
        }
    }
}

impl Model {
    /// Reads every article of the corpus (in parallel) and merges what they say.
    pub fn build(corpus: Corpus, gazetteer: &Gazetteer) -> Self {
        Self::build_counted(corpus, gazetteer, &LoadProgress::default())
    }

    /// As [`build`](Self::build), counting articles read into `progress`.
    pub fn build_counted(corpus: Corpus, gazetteer: &Gazetteer, progress: &LoadProgress) -> Self {
        let Corpus { articles, problems } = corpus;
        let mut model = Self::empty(problems, gazetteer);
        model.ingest_counted(articles, gazetteer, progress);
        model
    }

    /// A model of no article yet, naming the gazetteer's clubs.
    fn empty(problems: Vec<LoadProblem>, gazetteer: &Gazetteer) -> Self {
        Self {
            club_names: gazetteer
                .clubs
                .iter()
                .map(|club| club.name.clone())
                .collect(),
            problems,
            ..Self::default()
        }
    }

    /// Merges new articles into the model without rebuilding it and says what changed. An
    /// article whose id is already in the model replaces it: that (rare) case rebuilds.
    pub fn ingest(&mut self, articles: Vec<Article>, gazetteer: &Gazetteer) -> Change {
        self.ingest_counted(articles, gazetteer, &LoadProgress::default())
    }

    fn ingest_counted(
        &mut self,
        articles: Vec<Article>,
        gazetteer: &Gazetteer,
        progress: &LoadProgress,
    ) -> Change {
        progress.found_articles(articles.len());
        progress.start(progress::Stage::Extracting);
        let known: HashMap<&str, usize> = if self.articles.is_empty() {
            HashMap::new()
        } else {
            self.articles
                .iter()
                .enumerate()
                .map(|(at, article)| (article.id.as_str(), at))
                .collect()
        };
        let (replacing, adding): (Vec<Article>, Vec<Article>) = articles
            .into_iter()
            .partition(|article| known.contains_key(article.id.as_str()));
        if !replacing.is_empty() {
            return self.rebuild_with(replacing, adding, gazetteer, progress);
        }
        let start = self.articles.len();
        self.articles.extend(adding);
        let first_new_person = self.people.len();
        let mut merging = self.merging();
        let articles = merging.articles;
        let extract_batch = |batch: &[Article]| -> Vec<Extraction> {
            batch
                .par_iter()
                .map(|article| {
                    let extraction = extract(
                        gazetteer,
                        &article.body,
                        article.date,
                        article.source.as_deref(),
                    );
                    progress.extracted_article();
                    extraction
                })
                .collect()
        };
        let mut extracted: Vec<Extraction> = Vec::new();
        for batch in articles[start..].chunks(BATCH) {
            let (next, ()) = rayon::join(
                || extract_batch(batch),
                || {
                    extracted
                        .drain(..)
                        .for_each(|extraction| merging.add(extraction, Vec::new()))
                },
            );
            extracted = next;
        }
        progress.start(progress::Stage::Merging);
        extracted
            .into_iter()
            .for_each(|extraction| merging.add(extraction, Vec::new()));
        merging.finish(start..articles.len(), first_new_person)
    }

    /// Merges articles read before (facts stored in the library): nothing is extracted, and
    /// the bodies may be left out (empty), since the facts carry their evidence sentences;
    /// an article without its body is kept without its highlights too.
    /// The articles must be new to the model: an updated one needs a model built again.
    pub fn ingest_facts(&mut self, read: Vec<(Article, Facts)>) -> Change {
        let start = self.articles.len();
        let (articles, facts): (Vec<Article>, Vec<Facts>) = read.into_iter().unzip();
        self.articles.extend(articles);
        let first_new_person = self.people.len();
        let mut merging = self.merging();
        for mut facts in facts {
            if merging.articles[merging.facts.len()].body.is_empty() {
                // Only the reader needs them, and it reads them with the body.
                facts.extraction.mentions = Vec::new();
            }
            merging.add(facts.extraction, facts.sentences);
        }
        let end = merging.articles.len();
        merging.finish(start..end, first_new_person)
    }

    /// A model of articles read before, from their stored facts (see
    /// [`ingest_facts`](Self::ingest_facts)).
    pub fn from_facts(
        read: Vec<(Article, Facts)>,
        problems: Vec<LoadProblem>,
        gazetteer: &Gazetteer,
    ) -> Self {
        let mut model = Self::empty(problems, gazetteer);
        model.ingest_facts(read);
        model
    }

    /// The model's lists, borrowed apart for merging.
    fn merging(&mut self) -> Merging<'_> {
        let Model {
            articles,
            extractions,
            people,
            rumours,
            contracts,
            sentences,
            index,
            ..
        } = self;
        Merging {
            articles,
            people,
            rumours,
            contracts,
            facts: extractions,
            sentences,
            index,
            touched_people: Vec::new(),
            touched_rumours: Vec::new(),
            touched_contracts: Vec::new(),
        }
    }

    /// Replaces updated articles in place (same index) and builds the model again.
    fn rebuild_with(
        &mut self,
        replacing: Vec<Article>,
        adding: Vec<Article>,
        gazetteer: &Gazetteer,
        progress: &LoadProgress,
    ) -> Change {
        let mut articles = std::mem::take(&mut self.articles);
        let start = articles.len();
        for article in replacing {
            if let Some(old) = articles.iter_mut().find(|old| old.id == article.id) {
                *old = article;
            }
        }
        articles.extend(adding);
        let problems = std::mem::take(&mut self.problems);
        *self = Self {
            club_names: std::mem::take(&mut self.club_names),
            problems,
            ..Self::default()
        };
        let mut change = self.ingest_counted(articles, gazetteer, progress);
        change.articles = start..self.articles.len();
        change.rebuilt = true;
        change
    }

    /// The forms of its people's names an article used, as (index into the article's
    /// [`ArticleFacts::people`], name).
    pub fn name_forms(&self, article: usize) -> impl Iterator<Item = (usize, &str)> {
        let facts = self.extractions.get(article);
        facts
            .into_iter()
            .flat_map(|facts| &facts.name_forms)
            .filter_map(move |&(index, form)| {
                let (index, form) = (index as usize, form as usize);
                let person = self.person(*facts?.people.get(index)?)?;
                let name = match form {
                    0 => &person.name,
                    n => person.aliases.get(n - 1)?,
                };
                Some((index, name.as_str()))
            })
    }

    /// A person, if the id is this model's.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.get(id.0)
    }

    /// The people whose role is player.
    pub fn players(&self) -> impl Iterator<Item = (PersonId, &Person)> {
        self.people
            .iter()
            .enumerate()
            .filter(|(_, person)| person.role == Role::Player)
            .map(|(at, person)| (PersonId(at), person))
    }

    /// Every player, the most talked about first: most rumours, then most articles, then by
    /// name. The dashboard lists them so, and a search keeps this order among equal matches.
    pub fn players_by_standing(&self) -> Vec<PersonId> {
        let mut rumours = vec![0_usize; self.people.len()];
        for (_, rumour) in self.listed_rumours() {
            if let Some(count) = rumours.get_mut(rumour.player.0) {
                *count += 1;
            }
        }
        let mut players: Vec<PersonId> = self.players().map(|(id, _)| id).collect();
        players.sort_by(|&a, &b| {
            let (pa, pb) = (&self.people[a], &self.people[b]);
            rumours[b.0]
                .cmp(&rumours[a.0])
                .then(pb.articles.len().cmp(&pa.articles.len()))
                .then(pa.name.cmp(&pb.name))
        });
        players
    }

    /// The person with this name or alias (accent- and case-insensitive).
    pub fn person_named(&self, name: &str) -> Option<PersonId> {
        let wanted = fold(name.trim());
        self.people
            .iter()
            .position(|person| {
                std::iter::once(&person.name)
                    .chain(&person.aliases)
                    .any(|candidate| fold(candidate) == wanted)
            })
            .map(PersonId)
    }

    /// Whether a rumour is listed: never one to the club the player is at now, unless the
    /// move there is done (a done deal stays listed, at `done`).
    pub fn is_listed(&self, rumour: &Rumour) -> bool {
        self.person(rumour.player)
            .is_none_or(|person| person.club != Some(rumour.club))
            || rumour.stages.iter().any(|step| step.stage == Stage::Done)
    }

    /// The rumours worth listing, with their indices into [`Model::rumours`].
    pub fn listed_rumours(&self) -> impl Iterator<Item = (usize, &Rumour)> {
        self.rumours
            .iter()
            .enumerate()
            .filter(|(_, rumour)| self.is_listed(rumour))
    }

    /// A player's rumours, strongest (most articles) first.
    pub fn rumours_of(&self, player: PersonId) -> Vec<&Rumour> {
        let mut rumours: Vec<&Rumour> = self
            .listed_rumours()
            .map(|(_, rumour)| rumour)
            .filter(|r| r.player == player)
            .collect();
        rumours.sort_by(|a, b| self.strongest_first(a, b));
        rumours
    }

    /// Rumours in order of strength: most articles, then most sentences, then by club name.
    pub fn strongest_first(&self, a: &Rumour, b: &Rumour) -> std::cmp::Ordering {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(b.evidence.len().cmp(&a.evidence.len()))
            .then_with(|| self.club_name(a.club).cmp(self.club_name(b.club)))
    }

    /// A club's name ("" for an id from another gazetteer).
    pub fn club_name(&self, club: ClubId) -> &str {
        self.club_names.get(club.0).map_or("", String::as_str)
    }

    /// The name of a person's club, if known.
    pub fn club_of(&self, person: &Person) -> Option<&str> {
        person.club.map(|club| self.club_name(club))
    }

    pub fn contract_of(&self, player: PersonId) -> Option<&Contract> {
        let at = self
            .contracts
            .binary_search_by_key(&player, |contract| contract.player)
            .ok()?;
        self.contracts.get(at)
    }

    /// An article, if the id is this model's.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id.0)
    }

    /// The text of an evidence sentence.
    pub fn evidence_text(&self, evidence: &Evidence) -> &str {
        self.article(evidence.article)
            .and_then(|article| article.body.get(evidence.span.clone()))
            .or_else(|| self.sentences.get(evidence.article, evidence.span.start))
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
            date_is_fetch: false,
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
        assert_eq!(model.people[tomas].articles, [ArticleId(0), ArticleId(1)]);
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
        assert_eq!(contract.club.map(|c| model.club_name(c)), Some("Celtic"));
        assert_eq!(model.club_of(&model.people[id]), Some("Celtic"));
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
            .map(|r| model.club_name(r.club))
            .collect();
        assert_eq!(clubs, ["Leeds United"]);
        let leeds = model.rumours_of(id)[0];
        assert_eq!(
            leeds.first_seen.map(|d| d.to_string()).as_deref(),
            Some("2023-06-01")
        );
    }

    /// What the views read of a model, to compare two built differently.
    fn summary(model: &Model) -> Vec<String> {
        let mut lines: Vec<String> = model
            .people
            .iter()
            .map(|p| {
                format!(
                    "{} {:?} {:?} {:?}",
                    p.name,
                    p.role,
                    model.club_of(p),
                    p.articles
                )
            })
            .collect();
        lines.extend(model.listed_rumours().map(|(_, r)| {
            format!(
                "{} -> {} {:?} {:?} {:?}",
                model.people[r.player].name,
                model.club_name(r.club),
                r.articles,
                r.evidence,
                r.stages
            )
        }));
        lines.extend(model.contracts.iter().map(|c| {
            format!(
                "{} {} {:?} {:?}",
                model.people[c.player].name,
                c.expires,
                c.club.map(|club| model.club_name(club)),
                c.conflicts
            )
        }));
        lines
    }

    fn story() -> Vec<Article> {
        vec![
            article(
                "a",
                Some("2023-01-01"),
                "Celtic are keen on Jordan McAllister.",
            ),
            article(
                "b",
                Some("2023-03-01"),
                "Jordan McAllister's deal at Celtic runs until June 2024. Leeds United want him.",
            ),
            article(
                "c",
                Some("2023-06-01"),
                "Jordan McAllister, who plays for Celtic, is wanted by Everton. \
                 Tomás Eriksberg is a target for Rangers.",
            ),
            article(
                "d",
                Some("2023-02-01"),
                "Tomas Eriksberg's contract expires in 2026. Hearts are watching him.",
            ),
        ]
    }

    #[test]
    fn ingesting_articles_one_by_one_gives_the_model_built_at_once() {
        let gazetteer = Gazetteer::embedded().unwrap();
        let whole = build(story());
        let mut grown = Model::build(Corpus::default(), &gazetteer);
        for article in story() {
            grown.ingest(vec![article], &gazetteer);
        }
        assert_eq!(summary(&grown), summary(&whole));
        assert!(!summary(&whole).is_empty());
    }

    #[test]
    fn stage_steps_join_their_rumour_whichever_is_read_first() {
        let gazetteer = Gazetteer::embedded().unwrap();
        // The move done is read before the rumour it ends; the collapse after it.
        let articles = vec![
            article(
                "done",
                Some("2023-08-01"),
                "Everton have completed the signing of Jordan McAllister.",
            ),
            article(
                "talks",
                Some("2023-07-01"),
                "Everton are in talks over Jordan McAllister.",
            ),
            article(
                "off",
                Some("2023-07-15"),
                "Talks between Everton and Jordan McAllister have collapsed.",
            ),
        ];
        let whole = build(articles.clone());
        let mut grown = Model::build(Corpus::default(), &gazetteer);
        for article in articles {
            grown.ingest(vec![article], &gazetteer);
        }
        assert_eq!(summary(&grown), summary(&whole));
        let everton = whole
            .rumours
            .iter()
            .find(|r| whole.club_name(r.club) == "Everton")
            .unwrap();
        let stages: Vec<Stage> = everton.stages.iter().map(|s| s.stage).collect();
        assert_eq!(stages, [Stage::Talks, Stage::Off, Stage::Done]);
        assert!(whole.is_listed(everton), "a done deal stays listed");
    }

    #[test]
    fn ingest_says_what_changed() {
        let gazetteer = Gazetteer::embedded().unwrap();
        let mut articles = story();
        let last = articles.split_off(3);
        let mut model = build(articles);
        let people = model.people.len();
        let change = model.ingest(last, &gazetteer);
        assert_eq!(change.articles, 3..4);
        assert!(!change.rebuilt);
        let eriksberg = model.person_named("Tomas Eriksberg").unwrap();
        assert!(
            eriksberg.0 < people,
            "an earlier spelling is the same person"
        );
        assert_eq!(change.people, [eriksberg]);
        assert_eq!(change.contracts, [eriksberg]);
        let hearts = model
            .rumours
            .iter()
            .position(|r| ["Heart of Midlothian", "Hearts"].contains(&model.club_name(r.club)))
            .unwrap();
        assert_eq!(change.rumours, [hearts]);
        assert_eq!(
            model.contract_of(eriksberg).unwrap().expires.to_string(),
            "2026-06-30"
        );
    }

    #[test]
    fn an_updated_article_replaces_the_old_one() {
        let gazetteer = Gazetteer::embedded().unwrap();
        let mut model = build(story());
        let mut update = story().remove(3);
        update.body = "Tomas Eriksberg's contract expires in 2027.".to_string();
        let change = model.ingest(vec![update], &gazetteer);
        assert!(change.rebuilt);
        assert_eq!(model.articles.len(), 4);
        let eriksberg = model.person_named("Tomas Eriksberg").unwrap();
        assert_eq!(
            model.contract_of(eriksberg).unwrap().expires.to_string(),
            "2027-06-30"
        );
    }
}
