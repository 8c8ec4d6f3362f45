//! The model as plain serialisable records: what `mercato export` and the `--json` views
//! print. Names are canonical, dates `YYYY-MM-DD` or null, spans byte offsets into bodies.

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::corpus::Article;
use crate::countdown::{days_left, precontract_open};
use crate::gazetteer::Role;
use crate::model::{ArticleFacts, ArticleId, Contract, Evidence, Model, Person, Rumour};

/// The whole model as one JSON document (`as_of`, `articles`, `people`, `rumours`,
/// `contracts`), serialised record by record: no list of records is built first.
#[derive(Debug)]
pub struct Export<'a> {
    model: &'a Model,
    as_of: NaiveDate,
}

/// A list serialised from the records an iterator makes, one at a time.
struct Records<F>(F);

impl<F, I> Serialize for Records<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl Serialize for Export<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, as_of) = (self.model, self.as_of);
        let mut out = serializer.serialize_struct("Export", 5)?;
        out.serialize_field("as_of", &as_of)?;
        out.serialize_field(
            "articles",
            &Records(|| {
                model
                    .articles
                    .iter()
                    .zip(&model.extractions)
                    .map(|(article, facts)| article_record(model, article, facts))
            }),
        )?;
        out.serialize_field(
            "people",
            &Records(|| model.people.iter().map(|p| person(model, p))),
        )?;
        out.serialize_field(
            "rumours",
            &Records(|| model.listed_rumours().map(|(_, r)| rumour(model, r))),
        )?;
        out.serialize_field(
            "contracts",
            &Records(|| model.contracts.iter().map(|c| contract(model, c, as_of))),
        )?;
        out.end()
    }
}

#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub date: Option<NaiveDate>,
    pub title: &'a str,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    /// Outlets the text cites (and the file's own source).
    pub sources: Vec<&'a str>,
    pub players: Vec<&'a str>,
    pub clubs: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct PersonRecord<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
    pub role: Role,
    pub club: Option<&'a str>,
    pub articles: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceRecord<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct RumourRecord<'a> {
    pub player: &'a str,
    pub club: &'a str,
    pub articles: Vec<&'a str>,
    pub sources: &'a [String],
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    pub evidence: Vec<EvidenceRecord<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ContractRecord<'a> {
    pub player: &'a str,
    pub club: Option<&'a str>,
    pub expires: NaiveDate,
    pub precontract_from: NaiveDate,
    pub precontract_open: bool,
    pub days_left: i64,
    pub conflicts: &'a [NaiveDate],
    pub evidence: Vec<EvidenceRecord<'a>>,
}

fn article_ids<'a>(model: &'a Model, articles: &[ArticleId]) -> Vec<&'a str> {
    articles
        .iter()
        .map(|&a| model.articles[a].id.as_str())
        .collect()
}

fn evidence<'a>(
    model: &'a Model,
    evidence: &Evidence,
    expires: Option<NaiveDate>,
) -> EvidenceRecord<'a> {
    EvidenceRecord {
        article: &model.articles[evidence.article].id,
        start: evidence.span.start,
        end: evidence.span.end,
        text: model.evidence_text(evidence),
        expires,
    }
}

pub fn person<'a>(model: &'a Model, person: &'a Person) -> PersonRecord<'a> {
    PersonRecord {
        name: &person.name,
        aliases: &person.aliases,
        role: person.role,
        club: model.club_of(person),
        articles: article_ids(model, &person.articles),
    }
}

pub fn rumour<'a>(model: &'a Model, rumour: &'a Rumour) -> RumourRecord<'a> {
    RumourRecord {
        player: &model.people[rumour.player].name,
        club: model.club_name(rumour.club),
        articles: article_ids(model, &rumour.articles),
        sources: &rumour.sources,
        first_seen: rumour.first_seen,
        last_seen: rumour.last_seen,
        evidence: rumour
            .evidence
            .iter()
            .map(|e| evidence(model, e, None))
            .collect(),
    }
}

pub fn contract<'a>(
    model: &'a Model,
    contract: &'a Contract,
    as_of: NaiveDate,
) -> ContractRecord<'a> {
    ContractRecord {
        player: &model.people[contract.player].name,
        club: contract.club.map(|club| model.club_name(club)),
        expires: contract.expires,
        precontract_from: contract.precontract_from,
        precontract_open: precontract_open(contract.expires, as_of),
        days_left: days_left(contract.expires, as_of),
        conflicts: &contract.conflicts,
        evidence: contract
            .evidence
            .iter()
            .map(|e| evidence(model, &e.evidence, Some(e.expires)))
            .collect(),
    }
}

fn article_record<'a>(
    model: &'a Model,
    article: &'a Article,
    facts: &'a ArticleFacts,
) -> ArticleRecord<'a> {
    let mut sources: Vec<&str> = facts.sources.iter().map(String::as_str).collect();
    if let Some(own) = article.source.as_deref()
        && !sources.contains(&own)
    {
        sources.push(own);
    }
    ArticleRecord {
        id: &article.id,
        path: &article.path,
        date: article.date,
        title: &article.title,
        source: article.source.as_deref(),
        url: article.url.as_deref(),
        sources,
        players: facts
            .people
            .iter()
            .map(|&id| &model.people[id])
            .filter(|person| person.role == Role::Player)
            .map(|person| person.name.as_str())
            .collect(),
        clubs: facts
            .clubs
            .iter()
            .map(|&club| model.club_names[club].as_str())
            .collect(),
    }
}

/// The whole model.
pub fn export(model: &Model, as_of: NaiveDate) -> Export<'_> {
    Export { model, as_of }
}
